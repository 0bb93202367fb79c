"""Test data for the results tests: delivered requests and many responses, written fast.

Responses are bulk-inserted as the participant service would store them (one ``Response``
per participant, one ``Answer`` per question or chosen option), so a test can compare 3 with
60 responses without 60 trips through the service.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from evaluations.models import Answer, EvaluationRound, Response, RoundKind
from evaluations.selectors.rounds import questions_of
from evaluations.services.reports import delivery_report_save
from requests_app.models import Contract
from tests import factories
from tests.evaluations.conftest import deliver


def delivered_request(*, provider_slug="nfa", region_slug="sjaelland", report=None, **overrides):
    """A TRIO's request delivered today by the provider; returns (request, people)."""
    workplace, leader, amr = factories.trio(region_slug)
    staff = factories.ProviderStaffFactory(provider=factories.provider(provider_slug)).user
    request = factories.request_in_dialogue(
        leader=leader, counterpart=amr, staff=staff, provider_slug=provider_slug, **overrides
    )
    deliver(request, staff=staff, leader=leader, amr=amr)
    if report is not None:
        delivery_report_save(
            request_pk=request.pk,
            user=staff,
            data={
                "delivered": "To workshops",
                "hours": Decimal("6.0"),
                "participants": report,
                "materials": "",
            },
        )
    return request, {"leader": leader, "amr": amr, "staff": staff, "workplace": workplace}


def immediate(request) -> EvaluationRound:
    return EvaluationRound.objects.get(request=request, kind=RoundKind.IMMEDIATE)


def add_responses(round, n, *, value=4, text="", dont_know=False):
    """``n`` responses to the round, each with ``value`` on every scale (or "don't know"),
    ``text`` in every free-text question and the first option of every choice."""
    questions = questions_of(round.version_id)
    responses = Response.objects.bulk_create(
        [
            Response(round=round, version_id=round.version_id, submitted_on=timezone.localdate())
            for _ in range(n)
        ]
    )
    answers = []
    for response in responses:
        for question in questions:
            if question.is_scale:
                answers.append(
                    Answer(
                        response=response,
                        question=question,
                        value=None if dont_know else value,
                        dont_know=dont_know,
                    )
                )
            elif question.is_text:
                if text:
                    answers.append(Answer(response=response, question=question, text=text))
            else:
                first = list(question.choices.all())[0]
                answers.append(Answer(response=response, question=question, choice=first))
    Answer.objects.bulk_create(answers)
    return responses


def _delivered_on(request, day):
    """Move the request's delivery to ``day`` (its rounds belong to a period by this date)."""
    Contract.objects.filter(request=request).update(delivered_on=day)


def spread_deliveries():
    """Three delivered requests: NFA in Sjælland in 2016-17 (values 5), CBS in Syddanmark in
    2016-17 (values 3) and NFA in Syddanmark in 2017-18 (2 responses: below the threshold)."""
    first, _ = delivered_request(provider_slug="nfa", region_slug="sjaelland", report=6)
    second, _ = delivered_request(provider_slug="cbs", region_slug="syddanmark")
    third, _ = delivered_request(provider_slug="nfa", region_slug="syddanmark")
    _delivered_on(first, datetime.date(2016, 5, 2))
    _delivered_on(second, datetime.date(2017, 3, 31))  # the first period's last day
    _delivered_on(third, datetime.date(2017, 4, 1))  # the second period's first day
    add_responses(immediate(first), 3, value=5)
    add_responses(immediate(second), 4, value=3)
    add_responses(immediate(third), 2, value=1)
    return first, second, third
