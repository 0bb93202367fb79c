"""The budget ledger: per provider and period, what the frame holds and where it went.

Each invoice is booked in the frame it was submitted in (``Invoice.frame``) and stays there,
even when an amendment later moves its contract to another period: money invoiced or paid in
a period belongs to that period. A concluded contract commits its unspent rest (reserved less
everything invoiced on it, in any frame) in its current frame (``Contract.frame``): an invoice
takes the place of the commitment, never adds to it. A closed contract's reservation is cut
down to what was invoiced, which releases the rest.

    committed = per contract in its frame: max(reserved - invoiced, 0)
    invoiced  = invoices booked in the frame and not returned (attested and paid are parts)
    remaining = frame - committed - invoiced

A contract's "invoiced" is its stored ``invoiced_amount``, which the database keeps equal to
its invoices' sum (migration 0018); ``contract_invoiced`` sums the invoices themselves, for
the checks that leave one invoice out.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest

from requests_app.models import Contract, Invoice

ZERO = Decimal("0.00")
ACTIVE = ~Q(state=Invoice.State.RETURNED)
ATTESTED_STATES = [Invoice.State.AWAITING_PAYMENT, Invoice.State.PAID]


@dataclass
class LedgerRow:
    frame: object
    committed: Decimal = ZERO
    invoiced: Decimal = ZERO
    attested: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def provider(self):
        return self.frame.provider

    @property
    def period(self):
        return self.frame.period

    @property
    def amount(self) -> Decimal:
        return self.frame.amount

    @property
    def used(self) -> Decimal:
        return self.committed + self.invoiced

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.used

    @property
    def percent_used(self) -> int:
        return int(self.used * 100 / self.amount) if self.amount else 0


MONEY = DecimalField(max_digits=12, decimal_places=2)


def invoiced_on_contract(*, by=None):
    """An expression for contracts: what has been invoiced on each (not returned, in any
    frame; submitted before ``by`` when given), 0 without invoices.

    Now, that is the stored ``Contract.invoiced_amount``, which the database keeps equal to
    the sum of the invoices (migration 0018): a column, where a subquery per contract read
    45,000 contracts' invoices for one ledger at 100,000 requests (issue 12). At an earlier
    moment, ``by``, the invoices themselves are summed."""
    if by is None:
        return F("invoiced_amount")
    booked = Invoice.objects.filter(ACTIVE, contract=OuterRef("pk"), submitted_at__lt=by)
    total = booked.order_by().values("contract").annotate(total=Sum("amount")).values("total")
    return Coalesce(Subquery(total, output_field=MONEY), Value(ZERO), output_field=MONEY)


def open_rest(invoiced):
    """An expression for contracts: what each still commits, ``max(reserved - invoiced, 0)``."""
    reserved = Coalesce("reserved_amount", Value(ZERO), output_field=MONEY)
    return Greatest(reserved - invoiced, Value(ZERO), output_field=MONEY)


def committed_by_frame(frames, *, contracts=None):
    """Per frame, what its contracts (of ``contracts`` when given, a queryset of their pks)
    commit: max(reserved - invoiced, 0) per contract, summed in the database in one grouped
    query over the contracts' own columns (``invoiced_on_contract``). Summed in Python, the
    ledger read every contract of the frames: 36,000 rows at 100,000 requests (issue 12)."""
    chosen = Contract.objects.filter(frame__in=frames)
    if contracts is not None:
        chosen = chosen.filter(pk__in=contracts)
    return (
        chosen.exclude(state=Contract.State.DRAFT)
        .order_by()
        .values("frame_id")
        .annotate(committed=Sum(open_rest(invoiced_on_contract()), output_field=MONEY))
        .values_list("frame_id", "committed")
    )


def ledger(frames) -> list[LedgerRow]:
    """One row per frame, in a constant number of queries."""
    frames = list(frames)
    rows = {frame.pk: LedgerRow(frame=frame) for frame in frames}
    for frame_id, committed in committed_by_frame(frames):
        rows[frame_id].committed = committed or ZERO
    invoices = (
        Invoice.objects.filter(frame__in=frames)
        .filter(ACTIVE)
        .values("frame_id", "state")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for group in invoices:
        row = rows[group["frame_id"]]
        row.invoiced += group["total"]
        if group["state"] in ATTESTED_STATES:
            row.attested += group["total"]
        if group["state"] == Invoice.State.PAID:
            row.paid += group["total"]
    return [rows[frame.pk] for frame in frames]


def frame_used(frame) -> Decimal:
    """Committed plus invoiced: what the frame may never exceed."""
    return ledger([frame])[0].used


def contract_invoiced(contract, *, excluding=None) -> Decimal:
    invoices = contract.invoices.filter(ACTIVE)
    if excluding is not None:
        invoices = invoices.exclude(pk=excluding.pk)
    return invoices.aggregate(total=Sum("amount"))["total"] or ZERO


TOTAL_KEYS = ["amount", "committed", "invoiced", "attested", "paid", "remaining"]


def totals(rows: list[LedgerRow]) -> dict:
    return {key: sum((getattr(row, key) for row in rows), ZERO) for key in TOTAL_KEYS}


@dataclass
class ProgrammeLedger:
    """The rows of one programme and their total: programmes are never added together."""

    programme: object
    rows: list[LedgerRow]
    totals: dict


def by_programme(rows: list[LedgerRow]) -> list[ProgrammeLedger]:
    """The rows per programme, in the order the programmes first appear (no query: the
    frames come with ``period__programme``)."""
    groups: dict[int, list[LedgerRow]] = {}
    programmes = {}
    for row in rows:
        programme = row.period.programme
        programmes.setdefault(programme.pk, programme)
        groups.setdefault(programme.pk, []).append(row)
    return [
        ProgrammeLedger(programme=programmes[pk], rows=group, totals=totals(group))
        for pk, group in groups.items()
    ]
