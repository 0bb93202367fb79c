"""Retention of free text (issue 16, Data): the nightly job anonymises the free text of
requests closed longer than FREE_TEXT_RETENTION_DAYS, with their evaluations' and dialogue's
free text, and nothing else."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from requests_app.models import Request, RequestEvent
from requests_app.services import intake
from requests_app.services.retention import ANONYMISED, free_text_expired
from requests_app.tasks import anonymise_expired_free_text
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests(model2):
    withdrawn = factories.complete_request(
        leader=model2["leader"], counterpart=model2["amr"], wishes="Vi har store konflikter."
    )
    intake.request_withdraw(request_pk=withdrawn.pk, user=model2["leader"], reason="Ikke nu")
    open_one = factories.complete_request(
        leader=model2["leader"], counterpart=model2["amr"], wishes="Stadig i gang."
    )
    return {"withdrawn": withdrawn, "open": open_one}


def _later(days):
    return time_machine.travel(timezone.now() + datetime.timedelta(days=days), tick=False)


def test_closed_requests_free_text_is_anonymised_after_the_retention_period(requests, settings):
    settings.FREE_TEXT_RETENTION_DAYS = 30
    seen = []

    def listener(sender, request_pks, **kwargs):
        seen.extend(request_pks)

    free_text_expired.connect(listener)
    try:
        with _later(29):
            assert anonymise_expired_free_text() == 0
        with _later(31):
            assert anonymise_expired_free_text() == 1
            assert anonymise_expired_free_text() == 0  # once only
    finally:
        free_text_expired.disconnect(listener)
    withdrawn = Request.objects.get(pk=requests["withdrawn"].pk)
    assert withdrawn.wishes == ANONYMISED and withdrawn.expected_outcome == ANONYMISED
    assert withdrawn.title == requests["withdrawn"].title  # what it was stays
    reasons = [e.data.get("reason") for e in RequestEvent.objects.filter(request=withdrawn)]
    assert "Ikke nu" not in reasons and ANONYMISED in reasons
    assert seen == [withdrawn.pk]
    # An open request keeps its text, however old.
    assert Request.objects.get(pk=requests["open"].pk).wishes == "Stadig i gang."


def test_the_job_is_in_the_beat_schedule():
    from portal.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "requests_app.tasks.anonymise_expired_free_text" in tasks
