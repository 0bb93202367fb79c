"""Rows for the dashboard tests, written straight to the database with known dates and amounts
(the services are tested elsewhere; here the figures must come out of known facts)."""

import datetime
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

from providers.models import BudgetFrame, BudgetPeriod, Theme
from requests_app.clock import CONTRACT_DAYS, DIALOGUE_DAYS, due_after
from requests_app.models import Contract, Deadline, Invoice, Request, Status
from tests import factories

CPH = ZoneInfo("Europe/Copenhagen")
_numbers = itertools.count(1)


def at(year, month, day, hour=12):
    """Noon in Copenhagen: far from midnight, so no day moves in another time zone."""
    return datetime.datetime(year, month, day, hour, tzinfo=CPH)


def period_2016():
    return BudgetPeriod.objects.get(name="2016-17")


def frame(provider_slug="nfa", period=None):
    return BudgetFrame.objects.get(provider__slug=provider_slug, period=period or period_2016())


def request(
    workplace,
    *,
    provider_slug="nfa",
    status=Status.DIALOGUE,
    reached=None,
    dialogue_on=None,
    themes=("organisational-change",),
    initiator=None,
):
    initiator = initiator or factories.UserFactory()
    fields = {
        "title": f"Anmodning {next(_numbers)}",
        "workplace": workplace,
        "initiator": initiator,
        "status": status,
        "provider": factories.provider(provider_slug),
        "dialogue_started_on": dialogue_on,
    }
    if reached is not None:
        fields.update(
            reached_provider_at=reached,
            dialogue_due=due_after(reached, DIALOGUE_DAYS),
            contract_due=due_after(reached, CONTRACT_DAYS),
        )
    made = Request.objects.create(**fields)
    made.themes.set(Theme.objects.filter(slug__in=themes))
    return made


def contract(request, *, frame, reserved, concluded, state=Contract.State.CONCLUDED):
    return Contract.objects.create(
        request=request,
        state=state,
        concluded_at=concluded,
        frame=frame,
        reserved_amount=Decimal(reserved) if reserved is not None else None,
    )


def invoice(
    contract, *, amount, submitted, state=Invoice.State.AWAITING_REGION, paid_on=None, frame=None
):
    return Invoice.objects.create(
        contract=contract,
        provider=contract.request.provider,
        frame=frame or contract.frame,
        number=f"F-{next(_numbers)}",
        invoice_date=submitted.date(),
        amount=Decimal(amount),
        pdf="invoices/test.pdf",
        state=state,
        submitted_by=contract.request.initiator,
        submitted_at=submitted,
        paid_on=paid_on,
    )


def deadline(request, kind, *, due, met=None, cancelled=None):
    return Deadline.objects.create(
        request=request, kind=kind, due_at=due, met_at=met, cancelled_at=cancelled
    )


def two_overdue_requests():
    """A request in Sjælland to NFA and one in Hovedstaden to CBS, both overdue."""
    sjaelland = factories.WorkplaceFactory(region=factories.region("sjaelland"), employees=30)
    hovedstaden = factories.WorkplaceFactory(region=factories.region("hovedstaden"))
    nfa = request(sjaelland, reached=at(2016, 6, 1), status=Status.AT_PROVIDER)
    cbs = request(hovedstaden, reached=at(2016, 6, 2), provider_slug="cbs")
    deadline(nfa, Deadline.Kind.DIALOGUE, due=at(2016, 6, 8))
    deadline(cbs, Deadline.Kind.CONTRACT, due=at(2016, 6, 30))
    return nfa, cbs
