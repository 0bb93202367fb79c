"""Rounds open with the delivery, in its transaction, beside the deadlines; closing meets them."""

import datetime

import pytest
from django.utils import timezone

from evaluations.models import EvaluationRound, RoundEvent, RoundKind
from evaluations.services import rounds as services
from requests_app.models import Deadline
from requests_app.services.base import RequestError
from tests.evaluations.conftest import answer


@pytest.mark.django_db
def test_delivery_opens_both_rounds_on_the_deadlines_times(delivered):
    immediate, follow_up = delivered["immediate"], delivered["follow_up"]
    evaluation = Deadline.objects.get(request=delivered["request"], kind="evaluation")
    follow_deadline = Deadline.objects.get(request=delivered["request"], kind="follow_up")
    assert (immediate.opens_at, immediate.closes_at) == (evaluation.opens_at, evaluation.due_at)
    assert (follow_up.opens_at, follow_up.closes_at) == (
        follow_deadline.opens_at,
        follow_deadline.due_at,
    )
    assert immediate.state == EvaluationRound.State.OPEN
    assert follow_up.state == EvaluationRound.State.SCHEDULED
    assert immediate.version.questionnaire.kind == RoundKind.IMMEDIATE
    assert immediate.token_hash != follow_up.token_hash
    assert RoundEvent.objects.filter(action=RoundEvent.Action.OPENED).count() == 2


@pytest.mark.django_db
def test_opening_twice_adds_nothing(delivered):
    assert services.rounds_open_at_delivery(request_pk=delivered["request"].pk) == []
    assert EvaluationRound.objects.filter(request=delivered["request"]).count() == 2


@pytest.mark.django_db
def test_closing_with_responses_meets_the_deadline(delivered):
    answer(delivered["immediate"])
    services.round_close(round_pk=delivered["immediate"].pk, user=delivered["leader"])
    round = EvaluationRound.objects.get(pk=delivered["immediate"].pk)
    assert round.closed_at is not None and not round.closed_without_responses
    deadline = Deadline.objects.get(request=delivered["request"], kind="evaluation")
    assert deadline.met_at == round.closed_at
    with pytest.raises(RequestError, match="ikke åben"):
        services.round_close(round_pk=round.pk, user=delivered["leader"])


@pytest.mark.django_db
def test_closing_without_responses_is_marked_and_leaves_the_deadline_open(delivered):
    services.round_close(round_pk=delivered["immediate"].pk, user=delivered["amr"])
    round = EvaluationRound.objects.get(pk=delivered["immediate"].pk)
    assert round.closed_without_responses
    assert round.state == EvaluationRound.State.CLOSED_EMPTY
    assert Deadline.objects.get(request=delivered["request"], kind="evaluation").met_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "coordinator", "central", "outsider", "colleague"])
def test_only_local_parties_close_or_extend(delivered, role):
    # The colleague (a TR of the workplace) is a local party too.
    round = delivered["immediate"]
    user = delivered[role]
    later = timezone.localdate() + datetime.timedelta(days=30)
    if role == "colleague":
        services.round_extend(round_pk=round.pk, user=user, closes_on=later)
        return
    with pytest.raises(RequestError, match="lokale parter"):
        services.round_close(round_pk=round.pk, user=user)
    with pytest.raises(RequestError, match="lokale parter"):
        services.round_extend(round_pk=round.pk, user=user, closes_on=later)
    assert EvaluationRound.objects.get(pk=round.pk).closed_at is None


@pytest.mark.django_db
def test_extend_moves_the_closing_within_limits(delivered):
    round = delivered["immediate"]
    today = timezone.localdate()
    with pytest.raises(RequestError, match="efter"):
        services.round_extend(round_pk=round.pk, user=delivered["leader"], closes_on=today)
    with pytest.raises(RequestError, match="92 dage"):
        services.round_extend(
            round_pk=round.pk, user=delivered["leader"], closes_on=today + datetime.timedelta(200)
        )
    services.round_extend(
        round_pk=round.pk, user=delivered["leader"], closes_on=today + datetime.timedelta(30)
    )
    round.refresh_from_db()
    assert timezone.localtime(round.closes_at).date() == today + datetime.timedelta(30)
    assert RoundEvent.objects.filter(round=round, action="round.extended").count() == 1


@pytest.mark.django_db
def test_close_due_closes_only_rounds_whose_time_is_up(delivered):
    round = delivered["immediate"]
    answer(round)
    assert services.rounds_close_due() == 0
    later = round.closes_at + datetime.timedelta(minutes=1)
    assert services.rounds_close_due(now=later) == 1
    assert services.rounds_close_due(now=later) == 0
    round.refresh_from_db()
    assert round.closed_at == later
    assert Deadline.objects.get(request=delivered["request"], kind="evaluation").met_at == later


@pytest.mark.django_db
def test_renewed_link_replaces_the_old(delivered):
    round = delivered["immediate"]
    before = round.token_hash
    services.round_renew_link(round_pk=round.pk, user=delivered["leader"])
    round.refresh_from_db()
    assert round.token_hash != before
