"""`seed_scale` fills the database for the benchmarks (issue 12, point 4)."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from evaluations.models import Answer, EvaluationRound, Response, RoundKind
from providers.models import BudgetPeriod, Programme
from requests_app.models import Contract, Invoice, Request, RequestEvent, Status


def _seed(requests):
    call_command("seed_scale", requests=requests, workplaces=20, stdout=io.StringIO())


@pytest.mark.django_db
def test_seed_scale_makes_every_status_and_adds_only_what_is_missing():
    _seed(400)
    requests = Request.objects.filter(title__startswith="Skala")
    assert requests.count() == 400
    assert set(requests.values_list("status", flat=True)) == set(Status.values)
    assert Contract.objects.filter(request__in=requests).exists()
    assert Invoice.objects.filter(contract__request__in=requests).exists()
    assert RequestEvent.objects.filter(request__in=requests).count() >= 400
    rounds = EvaluationRound.objects.count()
    _seed(450)
    assert requests.count() == 450
    assert Request.objects.values("workplace").distinct().count() <= 20
    assert EvaluationRound.objects.count() >= rounds  # the new deliveries' rounds only
    assert Programme.objects.filter(name__startswith="Skalaprogram").count() == 2


@pytest.mark.django_db
def test_contracts_spread_over_several_programmes_and_periods():
    _seed(600)
    periods = BudgetPeriod.objects.filter(programme__name__startswith="Skalaprogram")
    assert periods.count() == 3
    assert periods.filter(programme__name="Skalaprogram").count() == 1  # the running one
    booked = set(
        Contract.objects.filter(request__title__startswith="Skala").values_list(
            "frame__period", flat=True
        )
    )
    assert len(booked) >= 2  # the running programme and the earlier one
    for contract in Contract.objects.select_related("frame__period", "request")[:200]:
        period = contract.frame.period
        assert period.starts_on <= timezone.localdate(contract.concluded_at) <= period.ends_on or (
            period.programme.name == "Skalaprogram"
        )
    for invoice in Invoice.objects.select_related("contract")[:200]:
        assert invoice.frame_id == invoice.contract.frame_id


@pytest.mark.django_db
def test_every_delivery_has_both_rounds_with_responses_and_answers():
    _seed(300)
    delivered = Request.objects.filter(title__startswith="Skala", status=Status.DELIVERED)
    assert delivered.exists()
    for request in delivered:
        kinds = sorted(request.evaluation_rounds.values_list("kind", flat=True))
        assert kinds == sorted(RoundKind.values)
    assert EvaluationRound.objects.filter(request__status=Status.DELIVERED).count() == (
        2 * delivered.count()
    )
    responses = Response.objects.all()
    assert responses.count() > 0
    for response in responses.select_related("round")[:100]:
        assert response.version_id == response.round.version_id
        assert response.round.opens_at.date() <= response.submitted_on
    answered = Answer.objects.filter(value__isnull=False)
    assert answered.exists()
    assert set(answered.values_list("value", flat=True)) <= {1, 2, 3, 4, 5}
    # A round whose time is up and that nobody answered is closed without responses.
    for round in EvaluationRound.objects.filter(closed_without_responses=True)[:50]:
        assert not round.responses.exists() and round.closed_at is not None
