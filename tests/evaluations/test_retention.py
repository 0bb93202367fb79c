"""Evaluation free text expires with its request's (requests_app.services.retention): the
answers' texts and the delivery report's texts are replaced, the figures stay."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from evaluations.models import Answer, DeliveryReport
from evaluations.services.reports import delivery_report_save
from requests_app.services.retention import ANONYMISED
from requests_app.tasks import anonymise_expired_free_text
from tests.evaluations.conftest import answer
from tests.evaluations.results_data import delivered_request, immediate

pytestmark = pytest.mark.django_db


def test_answers_and_delivery_report_expire_with_the_request(settings):
    settings.FREE_TEXT_RETENTION_DAYS = 10
    request, people = delivered_request()
    other, other_people = delivered_request()
    for req, who in ((request, people), (other, other_people)):
        delivery_report_save(
            request_pk=req.pk,
            user=who["staff"],
            data={
                "delivered": "Workshop med Hanne fra sengeafsnit 4",
                "hours": Decimal("7.5"),
                "participants": 18,
                "materials": "Hannes noter",
            },
        )
        answer(immediate(req), scale="5", text="Mette var ked af det")
    # Only the first request's free text has expired.
    later = timezone.now() + datetime.timedelta(days=11)
    type(other).objects.filter(pk=other.pk).update(updated_at=later)
    with time_machine.travel(later, tick=False):
        assert anonymise_expired_free_text() == 1

    report = DeliveryReport.objects.get(request=request)
    assert (report.delivered, report.materials) == (ANONYMISED, ANONYMISED)
    assert report.hours == Decimal("7.5") and report.participants == 18
    texts = Answer.objects.filter(response__round__request=request).exclude(text="")
    assert set(texts.values_list("text", flat=True)) == {ANONYMISED}
    assert Answer.objects.filter(response__round__request=request, value=5).exists()

    kept = DeliveryReport.objects.get(request=other)
    assert kept.delivered == "Workshop med Hanne fra sengeafsnit 4"
    assert kept.materials == "Hannes noter"
    assert Answer.objects.filter(response__round__request=other, text="Mette var ked af det")
