"""A contract's money in the provider's frames (one per period), for ``services.contracts``.

Where the money sits:

- every invoice that is not returned is booked in the frame it was submitted in
  (``Invoice.frame``) and stays there: money invoiced or paid in a period belongs to it;
- a concluded contract commits its unspent rest, ``reserved_amount - invoiced`` (never below
  zero), in its current frame (``Contract.frame``).

An amendment that moves the planned delivery to another period therefore moves only the rest:
the old frame keeps what was invoiced in it and gets only the rest back, the new frame must
have room for the new rest. Invoices still awaiting attestation or payment hold the contract
in its period — returned, their money would come back as rest into a frame that was never
checked for it.

Every check here runs under the frames' row locks (``lock_frames``: primary-key order, after
the request and the contract), and only the check and the writes do: the PDF is rendered
before the first frame is locked.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from providers.models import BudgetFrame
from providers.money import format_dkk
from requests_app.models import Contract, Invoice
from requests_app.selectors.contracts import own_usage, remaining_in_frame
from requests_app.services.base import RequestError

UNSETTLED = [
    Invoice.State.AWAITING_DELIVERY,
    Invoice.State.AWAITING_REGION,
    Invoice.State.AWAITING_PAYMENT,
]


def lock_frames(*pks) -> dict[int, BudgetFrame]:
    """Lock the frames' rows (only theirs, not their provider's or period's) in pk order."""
    frames = (
        BudgetFrame.objects.select_for_update(of=("self",))
        .filter(pk__in=sorted({pk for pk in pks if pk is not None}))
        .select_related("period", "provider")
        .order_by("pk")
    )
    return {frame.pk: frame for frame in frames}


def check_conclusion(frame: BudgetFrame, price: Decimal) -> Decimal:
    """The price fits in the (locked) frame; returns what remained before."""
    remaining = remaining_in_frame(frame)
    if price > remaining:
        raise RequestError(
            _(
                "The contract cannot be concluded: it costs %(price)s, and %(provider)s' "
                "frame for %(period)s has only %(remaining)s left."
            )
            % {
                "provider": frame.provider.short_name,
                "period": frame.period.name,
                "remaining": format_dkk(remaining),
                "price": format_dkk(price),
            }
        )
    return remaining


def check_move(contract: Contract, frame: BudgetFrame) -> None:
    """A contract moves to another period only with no invoice awaiting attestation or
    payment (paid and returned invoices do not hold it)."""
    if contract.frame_id == frame.pk:
        return
    if contract.invoices.filter(state__in=UNSETTLED).exists():
        raise RequestError(
            _(
                "The amendment moves the delivery to %(period)s, but invoices on the contract "
                "still await attestation or payment in %(old_period)s. They must be paid or "
                "returned before the contract can move to another period."
            )
            % {"period": frame.period.name, "old_period": contract.frame.period.name}
        )


def check_amendment(contract: Contract, frame: BudgetFrame, price: Decimal, invoiced) -> Decimal:
    """The amended price fits: its rest (``price - invoiced``) in the new (locked) frame.

    The old frame, if another, only gives back the old rest and keeps every invoice booked
    in it, so it can never end above its amount. Returns the new rest.
    """
    rest = price - invoiced
    if contract.frame_id == frame.pk:
        available = remaining_in_frame(frame) + own_usage(contract, frame)
        if price > available:
            raise RequestError(
                _(
                    "The amendment cannot be accepted: the contract now costs %(price)s, and "
                    "%(provider)s' frame for %(period)s has only %(remaining)s left for it."
                )
                % {
                    "provider": frame.provider.short_name,
                    "period": frame.period.name,
                    "remaining": format_dkk(available),
                    "price": format_dkk(price),
                }
            )
        return rest
    remaining = remaining_in_frame(frame)
    if rest > remaining:
        raise RequestError(
            _(
                "The amendment cannot be accepted: it moves %(rest)s not yet invoiced to "
                "%(provider)s' frame for %(period)s, which has %(remaining)s left. What is "
                "invoiced, %(invoiced)s, stays in %(old_period)s."
            )
            % {
                "rest": format_dkk(rest),
                "provider": frame.provider.short_name,
                "period": frame.period.name,
                "remaining": format_dkk(remaining),
                "invoiced": format_dkk(invoiced),
                "old_period": contract.frame.period.name,
            }
        )
    return rest
