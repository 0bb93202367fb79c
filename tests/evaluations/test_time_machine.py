"""With time-machine: the follow-up opens at 3 months and closes at 6; the deadline scan
reminds and escalates once each; a closed round refuses answers with a friendly message."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Notification
from evaluations.models import EvaluationRound, RoundKind
from evaluations.services import rounds as services
from requests_app.models import Deadline
from requests_app.services import contracts, deadline_scan
from requests_app.services import intake as intake
from tests import factories
from tests.evaluations.conftest import answer, link, post_data

CPH = ZoneInfo("Europe/Copenhagen")
DELIVERED = datetime.datetime(2016, 6, 5, 10, 0, tzinfo=CPH)


def at(moment):
    return time_machine.travel(moment, tick=False)


def tick():
    """What beat does every few minutes: close rounds whose time is up, then scan deadlines."""
    services.rounds_close_due()
    deadline_scan.scan()


def scan_keys(deadline, stage):
    return list(
        Notification.objects.filter(key__startswith=f"deadline:{deadline.pk}:{stage}:").values_list(
            "key", flat=True
        )
    )


@pytest.fixture
def delivered_in_2016(model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    with at(DELIVERED - datetime.timedelta(days=4)):
        intake.request_submit(request_pk=request.pk, user=model2["leader"])
        intake.request_confirm(request_pk=request.pk, user=model2["amr"])
        intake.request_start_dialogue(
            request_pk=request.pk, user=model2["staff"], started_on=timezone.localdate()
        )
        contracts.contract_draft(
            request_pk=request.pk,
            user=model2["staff"],
            data=factories.contract_data(planned_delivery_on=datetime.date(2016, 6, 5)),
            activities=[],
        )
        for user in (model2["staff"], model2["leader"]):
            contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    with at(DELIVERED):
        contracts.delivery_attest(
            request_pk=request.pk, user=model2["amr"], delivered_on=timezone.localdate()
        )
    return {**model2, "request": request}


@pytest.mark.django_db
def test_follow_up_opens_at_three_months_and_closes_at_six(delivered_in_2016, client):
    request = delivered_in_2016["request"]
    follow_up = EvaluationRound.objects.get(request=request, kind=RoundKind.FOLLOW_UP)
    deadline = Deadline.objects.get(request=request, kind="follow_up")
    url = link(follow_up)
    # From midnight three months after the delivery date to midnight six months after it.
    assert timezone.localtime(follow_up.opens_at) == datetime.datetime(2016, 9, 5, tzinfo=CPH)
    assert timezone.localtime(follow_up.closes_at) == datetime.datetime(2016, 12, 5, tzinfo=CPH)
    assert (deadline.opens_at, deadline.due_at) == (follow_up.opens_at, follow_up.closes_at)

    with at(datetime.datetime(2016, 9, 4, 12, 0, tzinfo=CPH)):
        tick()
        assert "Denne evaluering åbner" in client.get(url).text
    assert scan_keys(deadline, "opened") == []

    with at(datetime.datetime(2016, 9, 5, 10, 30, tzinfo=CPH)):
        tick()
        tick()
        assert "Send mine svar" in client.get(url).text
    # The local parties are told once that it is open.
    assert len(scan_keys(deadline, "opened")) == 2

    # Nobody answers. The reminder comes 14 days before the closing, once.
    with at(datetime.datetime(2016, 11, 21, 11, 0, tzinfo=CPH)):
        tick()
        tick()
    assert len(scan_keys(deadline, "reminded")) == 2
    assert scan_keys(deadline, "escalated") == []

    # Six months: collection closes without responses, the deadline escalates, once.
    with at(datetime.datetime(2016, 12, 5, 10, 5, tzinfo=CPH)):
        tick()
        tick()
        page = client.post(url, post_data(follow_up))
    follow_up.refresh_from_db()
    assert follow_up.closed_at is not None and follow_up.closed_without_responses
    assert len(scan_keys(deadline, "escalated")) == 2
    assert len(scan_keys(deadline, "reminded")) == 2
    assert page.status_code == 200
    assert "lukket og tager ikke imod flere svar" in page.text
    assert not follow_up.responses.exists()
    with at(datetime.datetime(2016, 12, 20, 10, 0, tzinfo=CPH)):
        tick()
    assert len(scan_keys(deadline, "escalated")) == 2


@pytest.mark.django_db
def test_answered_follow_up_meets_its_deadline_at_six_months(delivered_in_2016, client):
    request = delivered_in_2016["request"]
    follow_up = EvaluationRound.objects.get(request=request, kind=RoundKind.FOLLOW_UP)
    with at(datetime.datetime(2016, 10, 1, 9, 0, tzinfo=CPH)):
        assert client.post(link(follow_up), post_data(follow_up)).status_code == 303
    with at(datetime.datetime(2016, 12, 5, 10, 5, tzinfo=CPH)):
        tick()
    deadline = Deadline.objects.get(request=request, kind="follow_up")
    assert deadline.met_at is not None
    assert timezone.localtime(deadline.met_at).date() == datetime.date(2016, 12, 5)
    assert scan_keys(deadline, "escalated") == []


@pytest.mark.django_db
def test_immediate_round_closes_with_its_deadline(delivered_in_2016):
    request = delivered_in_2016["request"]
    immediate = EvaluationRound.objects.get(request=request, kind=RoundKind.IMMEDIATE)
    with at(DELIVERED + datetime.timedelta(days=1)):
        answer(immediate)
    with at(DELIVERED + datetime.timedelta(days=14, minutes=5)):
        tick()
    deadline = Deadline.objects.get(request=request, kind="evaluation")
    assert deadline.met_at is not None
    assert scan_keys(deadline, "escalated") == []
