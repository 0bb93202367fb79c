"""A round and its deadline move together: the follow-up's window counts from the contract's
delivery date, an extension moves the deadline, and a round closed without responses can be
reopened by the local parties (within its limit) with the deadline following."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from evaluations import windows
from evaluations.models import EvaluationRound, RoundKind
from evaluations.services import rounds as services
from requests_app.models import Deadline
from requests_app.services import contracts, deadline_scan
from requests_app.services import intake as intake
from requests_app.services.base import RequestError
from tests import factories
from tests.evaluations.conftest import link, post_data

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
CONCLUDED = datetime.datetime(2016, 6, 1, 10, 0, tzinfo=CPH)
DELIVERED_ON = datetime.date(2016, 6, 3)
ATTESTED = datetime.datetime(2016, 6, 20, 15, 0, tzinfo=CPH)


def at(moment):
    return time_machine.travel(moment, tick=False)


def open_deadline(request, kind):
    return Deadline.objects.get(request=request, kind=kind, met_at=None, cancelled_at=None)


def escalations(request, kind):
    return Notification.objects.filter(
        key__in=[
            f"deadline:{pk}:escalated:{user}"
            for pk in Deadline.objects.filter(request=request, kind=kind).values_list(
                "pk", flat=True
            )
            for user in Notification.objects.values_list("user_id", flat=True)
        ]
    ).count()


@pytest.fixture
def attested_late(model2):
    """Delivered on 3 June 2016, attested on 20 June."""
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    with at(CONCLUDED):
        intake.request_submit(request_pk=request.pk, user=model2["leader"])
        intake.request_confirm(request_pk=request.pk, user=model2["amr"])
        intake.request_start_dialogue(
            request_pk=request.pk, user=model2["staff"], started_on=timezone.localdate()
        )
        contracts.contract_draft(
            request_pk=request.pk,
            user=model2["staff"],
            data=factories.contract_data(planned_delivery_on=DELIVERED_ON),
            activities=[],
        )
        for user in (model2["staff"], model2["leader"]):
            contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    with at(ATTESTED):
        contracts.delivery_attest(
            request_pk=request.pk, user=model2["amr"], delivered_on=DELIVERED_ON
        )
    rounds = {r.kind: r for r in EvaluationRound.objects.filter(request=request)}
    return {**model2, "request": request, **rounds}


def test_the_follow_up_counts_from_the_delivery_date_not_the_attestation(attested_late):
    follow_up = attested_late[RoundKind.FOLLOW_UP]
    immediate = attested_late[RoundKind.IMMEDIATE]
    assert timezone.localtime(follow_up.opens_at) == datetime.datetime(2016, 9, 3, tzinfo=CPH)
    assert timezone.localtime(follow_up.closes_at) == datetime.datetime(2016, 12, 3, tzinfo=CPH)
    deadline = open_deadline(attested_late["request"], "follow_up")
    assert (deadline.opens_at, deadline.due_at) == (follow_up.opens_at, follow_up.closes_at)
    assert deadline.remind_at == deadline.due_at - datetime.timedelta(days=14)
    # The immediate round opens when the delivery is attested.
    assert immediate.opens_at == ATTESTED
    assert open_deadline(attested_late["request"], "evaluation").due_at == immediate.closes_at


def test_an_extension_moves_the_deadline_and_the_scan_waits_for_it(delivered, client):
    round = delivered["immediate"]
    request = delivered["request"]
    old_due = open_deadline(request, "evaluation").due_at
    later = timezone.localdate() + datetime.timedelta(days=40)
    services.round_extend(round_pk=round.pk, user=delivered["leader"], closes_on=later)
    round.refresh_from_db()
    deadline = open_deadline(request, "evaluation")
    assert deadline.due_at == round.closes_at == windows.end_of_day(later)
    # Three days before on the Copenhagen clock (72 hours, unless summer time changes).
    assert deadline.remind_at == timezone.localtime(deadline.due_at) - datetime.timedelta(days=3)
    # At the old due time answers still come, and nothing escalates.
    with at(old_due + datetime.timedelta(hours=2)):
        services.rounds_close_due()
        deadline_scan.scan()
        assert client.post(link(round), post_data(round)).status_code == 303
    deadline.refresh_from_db()
    assert deadline.escalated_at is None and deadline.reminded_at is None
    assert escalations(request, "evaluation") == 0


def test_the_panel_says_closed_without_responses_and_offers_to_reopen(delivered, client):
    round = delivered["immediate"]
    services.round_close(round_pk=round.pk, user=delivered["leader"])
    round.refresh_from_db()
    assert round.state == EvaluationRound.State.CLOSED_EMPTY
    last = windows.last_reopen_day(round)
    assert last == timezone.localdate() + windows.FOLLOW_UP_OPENS - datetime.timedelta(days=1)
    page = client_page(client, delivered["leader"], delivered["request"])
    assert "Lukket uden besvarelser" in page
    assert 'id="round-immediate-closed-empty"' in page and "uden nogen besvarelser" in page
    assert reverse("evaluations:reopen", args=[round.pk]) in page
    # Those who only see the request see that it closed empty, without the button.
    page = client_page(client, delivered["staff"], delivered["request"])
    assert "Lukket uden besvarelser" in page
    assert reverse("evaluations:reopen", args=[round.pk]) not in page


def client_page(client, user, request):
    client.force_login(user)
    return client.get(reverse("requests:detail", args=[request.pk])).text


def test_reopening_takes_answers_and_moves_the_deadline(delivered, client):
    round = delivered["immediate"]
    request = delivered["request"]
    services.round_close(round_pk=round.pk, user=delivered["leader"])
    new_day = timezone.localdate() + datetime.timedelta(days=20)
    client.force_login(delivered["amr"])
    posted = client.post(reverse("evaluations:reopen", args=[round.pk]), {"closes_on": new_day})
    assert posted.status_code == 302
    round.refresh_from_db()
    assert round.is_open and round.closed_at is None and not round.closed_without_responses
    assert round.closes_at == windows.end_of_day(new_day)
    assert open_deadline(request, "evaluation").due_at == round.closes_at
    assert round.events.last().action == "round.reopened"
    client.logout()
    assert client.post(link(round), post_data(round)).status_code == 303
    assert round.responses.count() == 1


@pytest.mark.parametrize("kind", [RoundKind.IMMEDIATE, RoundKind.FOLLOW_UP])
def test_reopening_is_limited_and_bad_dates_change_nothing(delivered, kind):
    round = delivered[kind]
    EvaluationRound.objects.filter(pk=round.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=1)
    )
    services.round_close(round_pk=round.pk, user=delivered["leader"])
    round.refresh_from_db()
    limit = {RoundKind.IMMEDIATE: 3, RoundKind.FOLLOW_UP: 6}[kind]
    last = timezone.localdate() + windows.relativedelta(months=limit) - datetime.timedelta(1)
    assert windows.last_reopen_day(round) == last
    before = EvaluationRound.objects.values().get(pk=round.pk)
    for bad, message in [
        (last + datetime.timedelta(days=1), "kan genåbnes til og med"),
        (timezone.localdate(), "skal ligge efter"),
    ]:
        with pytest.raises(RequestError, match=message):
            services.round_reopen(round_pk=round.pk, user=delivered["leader"], closes_on=bad)
    with pytest.raises(RequestError):
        services.round_reopen(round_pk=round.pk, user=delivered["staff"], closes_on=last)
    assert EvaluationRound.objects.values().get(pk=round.pk) == before
    services.round_reopen(round_pk=round.pk, user=delivered["leader"], closes_on=last)
    round.refresh_from_db()
    assert round.is_open
    assert round.closes_at <= windows.local_midnight(last + datetime.timedelta(days=1))


def test_too_late_to_reopen_shows_no_button_and_is_refused(delivered, client):
    round = delivered["immediate"]
    services.round_close(round_pk=round.pk, user=delivered["leader"])
    round.refresh_from_db()
    later = windows.local_midnight(windows.last_reopen_day(round)) + datetime.timedelta(hours=12)
    with at(later):
        page = client_page(client, delivered["leader"], delivered["request"])
        assert "Lukket uden besvarelser" in page
        assert reverse("evaluations:reopen", args=[round.pk]) not in page
        with pytest.raises(RequestError, match="for sent"):
            services.round_reopen(
                round_pk=round.pk,
                user=delivered["leader"],
                closes_on=timezone.localdate() + datetime.timedelta(days=1),
            )


def test_a_reopened_round_escalates_again_at_its_new_time(delivered):
    round = delivered["immediate"]
    request = delivered["request"]
    first_due = open_deadline(request, "evaluation").due_at
    with at(first_due + datetime.timedelta(minutes=5)):
        services.rounds_close_due()
        deadline_scan.scan()
        round.refresh_from_db()
        assert round.closed_without_responses
        assert open_deadline(request, "evaluation").escalated_at is not None
        new_day = timezone.localdate() + datetime.timedelta(days=10)
        services.round_reopen(round_pk=round.pk, user=delivered["leader"], closes_on=new_day)
    assert escalations(request, "evaluation") > 0
    first = escalations(request, "evaluation")
    moved = open_deadline(request, "evaluation")
    assert moved.due_at == windows.end_of_day(new_day) and moved.escalated_at is None
    with at(moved.due_at - datetime.timedelta(days=1)):
        deadline_scan.scan()
    assert escalations(request, "evaluation") == first
    with at(moved.due_at + datetime.timedelta(minutes=5)):
        services.rounds_close_due()
        deadline_scan.scan()
        deadline_scan.scan()
    assert escalations(request, "evaluation") == 2 * first


def test_without_an_open_deadline_the_window_is_fourteen_calendar_days():
    """The fallback window (the evaluation deadline already met or cancelled) keeps the
    deadline engine's rule: 14 days on the Copenhagen clock. Attested at 00:30 before the
    end of summer time, 14 times 24 hours would close it at 23:30 the day before."""
    attested = datetime.datetime(2026, 10, 20, 0, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))
    opens, closes = services._window(RoundKind.IMMEDIATE, {}, attested, attested.date())
    assert opens == attested
    local = timezone.localtime(closes)
    assert (local.date(), local.time()) == (datetime.date(2026, 11, 3), datetime.time(0, 30))
