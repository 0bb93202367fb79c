"""Budgets per provider and period, and each frame's burn-down by month.

The figures are the budget ledger's (``requests_app.selectors.ledger``): for a whole frame
the ledger's own rows, so the dashboard, the API and the budget page show the same amounts.
When only part of a frame's requests is counted (a coordinator's region, or a region or
theme filter) the same formulas run over those requests only; the row is then ``partial``
and has no "remaining" of its own (what is left belongs to the whole frame).

    committed = per contract in its frame: max(reserved - invoiced, 0)
    invoiced  = invoices booked in the frame, not returned (attested and paid are parts)
    remaining = frame - committed - invoiced

The burn-down dates today's contracts and invoices: a contract commits its reservation from
the month it was concluded, an invoice counts from the month it was submitted and as paid
from its payment date, and each month's commitment is the reservation less what had been
invoiced on the contract by the end of that month. The last month equals the ledger's row.
Months are Copenhagen's, as the lists behind each month count them (``dashboards.filters``:
``submitted_by``, ``paid_by``, ``concluded_by``).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BigIntegerField,
    Case,
    DateTimeField,
    DecimalField,
    F,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone

from dashboards.permissions import Scope, dashboard_scope
from dashboards.selectors.filters import DashboardFilters
from providers.models import BudgetFrame
from requests_app.models import Contract, Invoice, Request
from requests_app.selectors import ledger

ZERO = ledger.ZERO


@dataclass
class BudgetRow(ledger.LedgerRow):
    """A ledger row as the dashboards show it; ``partial`` for a coordinator, who sees what
    the region's workplaces use of a frame and not its rest."""

    partial: bool = False

    @property
    def remaining(self) -> Decimal | None:
        return None if self.partial else self.amount - self.used

    @property
    def share_used(self) -> Decimal:
        """Per cent of the frame, one decimal."""
        if not self.amount:
            return Decimal("0.0")
        return (self.used * 100 / self.amount).quantize(Decimal("0.1"))


def _scope_of(user, scope):
    return scope if scope is not None else dashboard_scope(user)


def frames_for(user, filters: DashboardFilters, *, scope: Scope | None = None):
    """The frames the user follows under the filters, programme by programme (one query)."""
    scope = _scope_of(user, scope)
    if scope.is_empty:
        return []
    return list(
        BudgetFrame.objects.filter(scope.frames_q(), filters.frames_q())
        .select_related("provider", "period__programme")
        .order_by(
            "period__programme__starts_on",
            "period__programme_id",
            "period__starts_on",
            "provider__position",
        )
    )


def _request_restriction(scope: Scope, filters: DashboardFilters) -> Q | None:
    """The requests a partial row counts, or None for whole frames."""
    if scope.sees_whole_frames and not filters.narrows_requests:
        return None
    return Q(
        pk__in=Request.objects.filter(scope.requests_q(), filters.request_only_q()).values("pk")
    )


def _partial_rows(frames, requests: Q) -> list[BudgetRow]:
    """The ledger's formulas over some requests only (three queries at most)."""
    rows = {frame.pk: BudgetRow(frame=frame, partial=True) for frame in frames}
    contract_ids = Request.objects.filter(requests).values("contract")
    for frame_id, committed in ledger.committed_by_frame(frames, contracts=contract_ids):
        rows[frame_id].committed = committed or ZERO
    invoices = (
        Invoice.objects.filter(frame__in=frames, contract__in=contract_ids)
        .filter(ledger.ACTIVE)
        .values("frame_id", "state")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for group in invoices:
        row = rows[group["frame_id"]]
        row.invoiced += group["total"]
        if group["state"] in ledger.ATTESTED_STATES:
            row.attested += group["total"]
        if group["state"] == Invoice.State.PAID:
            row.paid += group["total"]
    return [rows[frame.pk] for frame in frames]


def rows_for_frames(frames, *, requests: Q | None = None) -> list[BudgetRow]:
    if not frames:
        return []
    if requests is not None:
        return _partial_rows(frames, requests)
    return [
        BudgetRow(
            frame=row.frame,
            committed=row.committed,
            invoiced=row.invoiced,
            attested=row.attested,
            paid=row.paid,
        )
        for row in ledger.ledger(frames)
    ]


def budget_rows(user, filters: DashboardFilters, *, scope: Scope | None = None) -> list[BudgetRow]:
    """Per provider and period: frame, committed, invoiced, attested, paid, remaining and the
    share used, in a fixed number of queries (one for the frames, two or three for money)."""
    scope = _scope_of(user, scope)
    frames = frames_for(user, filters, scope=scope)
    return rows_for_frames(frames, requests=_request_restriction(scope, filters))


# --- The burn-down ---


@dataclass
class BurnDownPoint:
    month: datetime.date  # the first day of the month
    committed: Decimal = ZERO
    invoiced: Decimal = ZERO
    paid: Decimal = ZERO
    amount: Decimal = ZERO

    @property
    def used(self) -> Decimal:
        return self.committed + self.invoiced

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.used


@dataclass
class BurnDown:
    frame: BudgetFrame
    points: list[BurnDownPoint] = field(default_factory=list)
    partial: bool = False


def _months(start: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _as_month(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


MONEY = DecimalField(max_digits=14, decimal_places=2)


def _contract_sums(contracts, booked):
    """One query (a union of three grouped parts) for the commitments, whatever the number of
    contracts: per frame and month of conclusion the reservations (``reserved``) and what
    has been invoiced on those contracts per month of submission (``invoiced``); and, for
    the few contracts invoiced beyond their reservation (where ``max(reserved - invoiced,
    0)`` clamps), their invoices per month one by one (``over``)."""
    reserved = Coalesce("reserved_amount", Value(ZERO), output_field=MONEY)
    # Typed NULLs: PostgreSQL reads an untyped one in a union's first part as text.
    none = Cast(Value(None), MONEY)
    no_id = Cast(Value(None), BigIntegerField())
    no_month = Cast(Value(None), DateTimeField())
    columns = (
        "x_part",
        "x_contract",
        "x_frame",
        "x_concluded",
        "x_submitted",
        "x_total",
        "x_reserved",
    )
    over = (
        contracts.order_by()
        .annotate(spent=Sum("invoices__amount", filter=Q(invoices__in=booked)))
        .filter(spent__gt=reserved)
        .values("pk")
    )
    parts = [
        contracts.order_by()
        .values(x_frame=F("frame_id"), x_concluded=TruncMonth("concluded_at"))
        .annotate(
            x_part=Value("reserved"),
            x_contract=no_id,
            x_submitted=no_month,
            x_total=Sum(reserved),
            x_reserved=none,
        )
        .values_list(*columns),
        booked.filter(contract__in=contracts.values("pk"))
        .order_by()
        .values(
            x_frame=F("contract__frame_id"),
            x_concluded=TruncMonth("contract__concluded_at"),
            x_submitted=TruncMonth("submitted_at"),
        )
        .annotate(
            x_part=Value("invoiced"), x_contract=no_id, x_total=Sum("amount"), x_reserved=none
        )
        .values_list(*columns),
        booked.filter(contract__in=over)
        .order_by()
        .values(
            x_contract=F("contract_id"),
            x_frame=F("contract__frame_id"),
            x_concluded=TruncMonth("contract__concluded_at"),
            x_submitted=TruncMonth("submitted_at"),
            x_reserved=Coalesce("contract__reserved_amount", Value(ZERO), output_field=MONEY),
        )
        .annotate(x_part=Value("over"), x_total=Sum("amount"))
        .values_list(*columns),
    ]
    return list(parts[0].union(*parts[1:], all=True))


def burn_downs(frames, *, requests: Q | None = None, today=None) -> dict[int, BurnDown]:
    """Each frame's monthly points from its period's first month to the current one (or its
    last), in two queries for any number of frames and contracts."""
    frames = list(frames)
    if not frames:
        return {}
    today = today or timezone.localdate()
    contracts = Contract.objects.filter(frame__in=frames).exclude(state=Contract.State.DRAFT)
    booked = Invoice.objects.filter(ledger.ACTIVE)
    if requests is not None:
        contract_ids = Request.objects.filter(requests).values("contract")
        contracts = contracts.filter(pk__in=contract_ids)
        booked = booked.filter(contract__in=contract_ids)
    sums = _contract_sums(contracts, booked)
    # Per frame, state and month: what each frame has had booked and paid.
    invoice_groups = list(
        booked.filter(frame__in=frames)
        .annotate(submitted=TruncMonth("submitted_at"), paid_month=TruncMonth("paid_on"))
        .values("frame_id", "state", "submitted", "paid_month")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    result = {}
    for frame in frames:
        period = frame.period
        last = min(period.ends_on, today)
        months = _months(period.starts_on, last) if last >= period.starts_on else []
        result[frame.pk] = BurnDown(
            frame=frame,
            points=[BurnDownPoint(month=m, amount=frame.amount) for m in months],
            partial=requests is not None,
        )
    for group in invoice_groups:
        burn = result.get(group["frame_id"])
        if burn is None:
            continue
        submitted, paid = _as_month(group["submitted"]), _as_month(group["paid_month"])
        for point in burn.points:
            if submitted and submitted <= point.month:
                point.invoiced += group["total"]
            if group["state"] == Invoice.State.PAID and paid and paid <= point.month:
                point.paid += group["total"]
    _add_commitments(result, sums)
    return result


def _add_commitments(result: dict, sums) -> None:
    """Each month's commitment: the reservations concluded by then less what had been
    invoiced on them by the end of that month, never below nothing per contract (invoices
    with no submission month never count, as a contract with no conclusion month)."""
    over: dict[int, dict] = {}
    for part, contract, frame, concluded, submitted, total, reserved in sums:
        concluded, submitted = _as_month(concluded), _as_month(submitted)
        burn = result.get(frame)
        if burn is None or concluded is None:
            continue
        if part == "over":
            entry = over.setdefault(contract, {"burn": burn, "concluded": concluded})
            entry["reserved"] = reserved
            entry.setdefault("invoices", []).append((submitted, total))
            continue
        if part == "invoiced" and submitted is None:
            continue
        since = concluded if part == "reserved" else max(concluded, submitted)
        sign = 1 if part == "reserved" else -1
        for point in burn.points:
            if since <= point.month:
                point.committed += sign * total
    # Where invoices passed the reservation the sum above went below nothing for that
    # contract: put back the difference, month by month.
    for entry in over.values():
        for point in entry["burn"].points:
            if entry["concluded"] > point.month:
                continue
            invoiced = sum(
                (t for month, t in entry["invoices"] if month and month <= point.month), ZERO
            )
            rest = entry["reserved"] - invoiced
            if rest < 0:
                point.committed -= rest


def burn_down(frame, *, requests: Q | None = None, today=None) -> list[BurnDownPoint]:
    """One frame's monthly points (``burn_downs`` for several at once)."""
    return burn_downs([frame], requests=requests, today=today)[frame.pk].points


def burn_downs_for(
    user, filters: DashboardFilters, frames, *, scope: Scope | None = None
) -> list[BurnDown]:
    scope = _scope_of(user, scope)
    by_frame = burn_downs(frames, requests=_request_restriction(scope, filters))
    return [by_frame[frame.pk] for frame in frames]


# --- One contract's part of the figures, for the list behind them ---


def contract_rest(*, by=None) -> dict:
    """Annotations for contracts: ``invoiced``, what has been booked on each (in any frame, not
    returned; submitted before ``by`` when given), and ``committed``, the rest of its
    reservation that it still commits, ``max(reserved - invoiced, 0)``: the ledger's and, at
    a month's end, the burn-down's formula, one contract at a time, so the contract list
    behind a "committed" figure adds up to it. A draft commits nothing (None)."""
    invoiced = ledger.invoiced_on_contract(by=by)
    rest = ledger.open_rest(F("invoiced"))
    return {
        "invoiced": invoiced,
        "committed": Case(
            When(state=Contract.State.DRAFT, then=Value(None, output_field=MONEY)),
            default=rest,
            output_field=MONEY,
        ),
    }
