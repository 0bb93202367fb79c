"""seed_demo adds delivered requests with answered immediate and follow-up evaluations."""

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.utils import timezone

from dialogue import capacity
from evaluations import windows
from evaluations.models import DeliveryReport, EvaluationRound, Response
from requests_app.models import Deadline, Request


def _assert_contracts_come_after_the_dialogue():
    """No demo request was contracted before it reached the provider or before its dialogue
    began, so no median of days in the catalogue is below nothing."""
    for request in Request.objects.filter(contract__concluded_at__isnull=False):
        assert request.reached_provider_at <= request.contract.concluded_at, request.title
        if request.dialogue_started_on:
            assert timezone.localdate(request.reached_provider_at) <= request.dialogue_started_on
    for figures in capacity.compute().values():
        for median in (figures.median_to_contact, figures.median_to_contract):
            assert median is None or median >= 0


@pytest.mark.django_db
def test_seed_demo_answers_evaluations_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    moved = EvaluationRound.objects.get(
        request__title="Arbejdsmiljøet under flytningen til nyt sygehus", kind="immediate"
    )
    assert moved.closed_at is not None and not moved.closed_without_responses
    assert moved.responses.count() == 6
    assert Deadline.objects.get(request=moved.request, kind="evaluation").met_at is not None
    follow_up = EvaluationRound.objects.get(request=moved.request, kind="follow_up")
    assert follow_up.is_open and follow_up.responses.count() == 4
    # The contract's delivery date moved with the rounds: the follow-up's window and deadline
    # are three to six months after it, the immediate round opened on it.
    delivered_on = moved.request.contract.delivered_on
    assert delivered_on == timezone.localdate() - relativedelta(months=4)
    assert (follow_up.opens_at, follow_up.closes_at) == windows.follow_up_window(delivered_on)
    deadline = Deadline.objects.get(request=moved.request, kind="follow_up", met_at=None)
    assert (deadline.opens_at, deadline.due_at) == windows.follow_up_window(delivered_on)
    assert timezone.localtime(moved.opens_at).date() == delivered_on
    # Moved back with it: the request reached the provider, and the dialogue began, before
    # the contract was concluded.
    _assert_contracts_come_after_the_dialogue()
    assert follow_up.responses.first().answers.filter(choice__isnull=False).exists()
    few = EvaluationRound.objects.get(
        request__title="Samarbejde mellem faggrupper i sengeafsnittet", kind="immediate"
    )
    assert few.responses.count() == 2
    assert DeliveryReport.objects.count() == 3
    total = Response.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Response.objects.count() == total


@pytest.mark.django_db
def test_the_demo_moves_by_the_copenhagen_clock_across_summer_time(settings, time_machine):
    """At 23:08 on a December evening (22:08 UTC), four months earlier in UTC is 00:08 the
    next day on August's summer clock: the demo moves by the local clock instead."""
    import datetime
    from zoneinfo import ZoneInfo

    time_machine.move_to(
        datetime.datetime(2026, 12, 6, 23, 8, tzinfo=ZoneInfo("Europe/Copenhagen")), tick=False
    )
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    moved = EvaluationRound.objects.get(
        request__title="Arbejdsmiljøet under flytningen til nyt sygehus", kind="immediate"
    )
    delivered_on = moved.request.contract.delivered_on
    assert delivered_on == datetime.date(2026, 8, 6)
    assert timezone.localtime(moved.opens_at).date() == delivered_on
    # Moved back with it: the request reached the provider, and the dialogue began, before
    # the contract was concluded.
    _assert_contracts_come_after_the_dialogue()
    deadline = Deadline.objects.get(request=moved.request, kind="evaluation")
    assert timezone.localtime(deadline.opens_at).date() == delivered_on
