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
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

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


def _contracts_with_invoiced(frames):
    money = DecimalField(max_digits=12, decimal_places=2)
    return (
        Contract.objects.filter(frame__in=frames)
        .exclude(state=Contract.State.DRAFT)
        .annotate(
            invoiced=Coalesce(
                Sum(
                    "invoices__amount",
                    filter=Q(
                        invoices__state__in=[
                            s for s in Invoice.State if s != Invoice.State.RETURNED
                        ]
                    ),
                ),
                Value(ZERO),
                output_field=money,
            )
        )
        .values("frame_id", "reserved_amount", "invoiced")
    )


def ledger(frames) -> list[LedgerRow]:
    """One row per frame, in a constant number of queries."""
    frames = list(frames)
    rows = {frame.pk: LedgerRow(frame=frame) for frame in frames}
    for contract in _contracts_with_invoiced(frames):
        reserved = contract["reserved_amount"] or ZERO
        rows[contract["frame_id"]].committed += max(reserved - contract["invoiced"], ZERO)
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
