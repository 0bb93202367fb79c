"""Evaluation free text expires with its request's (requests_app.services.retention): the
answers' texts of the request's rounds and the provider's delivery report (what was delivered,
the materials) are replaced by the marker; scales, choices, hours and participants stay."""

from evaluations.models import Answer, DeliveryReport
from requests_app.services.retention import ANONYMISED


def scrub_free_text(sender, request_pks, **kwargs):
    Answer.objects.filter(response__round__request__in=request_pks).exclude(text="").update(
        text=ANONYMISED
    )
    reports = DeliveryReport.objects.filter(request__in=request_pks)
    reports.exclude(delivered="").update(delivered=ANONYMISED)
    reports.exclude(materials="").update(materials=ANONYMISED)
