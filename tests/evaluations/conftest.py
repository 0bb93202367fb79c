"""A delivered request with its two evaluation rounds, and helpers to answer them."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from evaluations import tokens
from evaluations.models import EvaluationRound, RoundKind
from evaluations.selectors.rounds import questions_of
from evaluations.services.responses import response_submit
from requests_app.services import contracts
from tests import factories
from tests.requests_app.conftest import ROLES, model2, people  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The posting limit counts in the (per-process) cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def deliver(request, *, staff, leader, amr):
    contracts.contract_draft(
        request_pk=request.pk,
        user=staff,
        data=factories.contract_data(),
        activities=factories.activities(),
    )
    for user in (staff, leader):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    contracts.delivery_attest(request_pk=request.pk, user=amr, delivered_on=timezone.localdate())
    request.refresh_from_db()
    return request


@pytest.fixture
def delivered(people):  # noqa: F811 (the imported fixture)
    """The model2 TRIO's request, delivered today: both rounds exist, the immediate one open."""
    request = factories.request_in_dialogue(
        leader=people["leader"], counterpart=people["amr"], staff=people["staff"]
    )
    deliver(request, staff=people["staff"], leader=people["leader"], amr=people["amr"])
    return {
        **people,
        "request": request,
        "immediate": EvaluationRound.objects.get(request=request, kind=RoundKind.IMMEDIATE),
        "follow_up": EvaluationRound.objects.get(request=request, kind=RoundKind.FOLLOW_UP),
    }


def answers_for(round, *, scale="4", text="", choices=1):
    """A full, valid set of answers for the round's questions."""
    answers = {}
    for question in questions_of(round.version_id):
        if question.is_scale:
            answers[question] = scale
        elif question.is_text:
            answers[question] = text
        else:
            answers[question] = list(question.choices.all())[:choices]
    return answers


def answer(round, **kwargs):
    return response_submit(round_pk=round.pk, answers=answers_for(round, **kwargs))


def post_data(round, *, scale="4", text="Godt forløb", choice_index=0):
    """The participant form's POST for the round's questions."""
    data = {}
    for question in questions_of(round.version_id):
        name = f"q{question.pk}"
        if question.is_scale:
            data[name] = scale
        elif question.is_text:
            data[name] = text
        else:
            data[name] = [str(list(question.choices.all())[choice_index].pk)]
    return data


def link(round) -> str:
    round.refresh_from_db()
    return f"/evaluering/s/{tokens.token_for(round)}/"
