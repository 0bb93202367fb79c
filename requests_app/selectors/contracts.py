"""Reads for the contract: the frame a delivery date falls in, what is left in it, and the
prefilled first draft."""

from decimal import Decimal

from providers.models import BudgetFrame, Programme
from requests_app.models import Contract, Request
from requests_app.selectors.ledger import ZERO, contract_invoiced, frame_used

VERSION_FIELDS = [
    "workplace_contact",
    "provider_contact",
    "wishes_expectations",
    "task_scope",
    "target_group",
    "planned_delivery_on",
    "price",
]


def frame_for(provider, day):
    return (
        BudgetFrame.objects.filter(
            provider=provider, period__starts_on__lte=day, period__ends_on__gte=day
        )
        .select_related("period__programme", "provider")
        .first()
    )


def remaining_in_frame(frame: BudgetFrame) -> Decimal:
    return frame.amount - frame_used(frame)


def within_programme(provider, day) -> bool:
    return Programme.objects.filter(
        providers=provider, starts_on__lte=day, ends_on__gte=day
    ).exists()


def contract_initial(request: Request) -> dict:
    """The prefilled first draft: from the request and its chosen offering."""
    offering = request.offering
    scope = request.wishes
    if offering:
        scope = f"{offering.title}: {offering.description}".strip()
    return {
        "workplace_contact": request.initiator.get_full_name() or request.initiator.email,
        "provider_contact": request.provider.contact_person,
        "wishes_expectations": "\n\n".join(
            filter(None, [request.wishes, request.expected_outcome])
        ),
        "task_scope": scope,
        "target_group": request.target_group,
        "planned_delivery_on": request.wanted_to,
        "price": None,
    }


def version_initial(contract) -> tuple[dict, list[dict]]:
    """The current version's fields and activities: what an edit starts from."""
    current = contract.current
    initial = {field: getattr(current, field) for field in VERSION_FIELDS}
    activities = list(
        current.activities.values("description", "starts_on", "ends_on", "place", "hours")
    )
    return initial, activities


def rest_of(contract: Contract, invoiced: Decimal) -> Decimal:
    """What the contract commits in its frame: the reservation not yet invoiced."""
    return max((contract.reserved_amount or ZERO) - invoiced, ZERO)


def own_usage(contract: Contract | None, frame: BudgetFrame) -> Decimal:
    """How much of a (new) price ``frame`` need not find room for: the rest the contract
    already commits there, plus everything invoiced on it, which stays booked where it was
    invoiced. So a price fits when ``price <= remaining_in_frame(frame) + own_usage``."""
    if contract is None or contract.state != Contract.State.CONCLUDED:
        return ZERO
    invoiced = contract_invoiced(contract)
    here = rest_of(contract, invoiced) if contract.frame_id == frame.pk else ZERO
    return here + invoiced
