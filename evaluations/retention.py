"""Evaluation free text expires with its request's (requests_app.services.retention): the
answers' texts of the request's rounds are replaced by the marker; scales and choices stay."""

from evaluations.models import Answer
from requests_app.services.retention import ANONYMISED


def scrub_free_text(sender, request_pks, **kwargs):
    Answer.objects.filter(response__round__request__in=request_pks).exclude(text="").update(
        text=ANONYMISED
    )
