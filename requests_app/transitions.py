"""The allowed state changes of a request, its contract and its invoices: one table each.

Every row is one action, done by the service function of the same name (``request_<action>``
in ``services.intake``, the contract and invoice actions in ``services.contracts`` and
``services.invoices``). A row says from which states of its own aggregate the action may
start, where it ends, and — for the contract and the invoice — what the request (or the
contract) must be at. ``requests_app.permissions`` says who may do it; together they give the
buttons a user sees (``permissions.available_actions``). Tests check that every row has its
service and every service its row and its test.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from requests_app.models import EDITABLE_STATUSES, Contract, Invoice, Status

# The state of an aggregate that does not exist yet: no contract drafted, no invoice sent.
NONE = ""

ContractState = Contract.State
InvoiceState = Invoice.State


@dataclass(frozen=True)
class Transition:
    sources: frozenset  # states of the aggregate the action may start from
    target: str | None  # the state it ends in; None: the service decides, or it stays
    request_statuses: frozenset | None = None  # what the request must be at (contract, invoice)
    contract_states: frozenset | None = None  # what the contract must be at (invoice)
    # Why it is refused, by the state that refuses it; the request's status has a default.
    messages: dict = field(default_factory=dict)
    # Done by another action, never on its own: conclusion is the second acceptance.
    automatic: bool = False


REQUEST_TRANSITIONS: dict[str, Transition] = {
    "update": Transition(frozenset(EDITABLE_STATUSES), None),
    "submit": Transition(frozenset({Status.DRAFT}), Status.AWAITING_COUNTERPART),
    # Under model 1 confirmation goes to the region, otherwise on to the provider.
    "confirm": Transition(frozenset({Status.AWAITING_COUNTERPART}), None),
    "send_back": Transition(frozenset({Status.AWAITING_COUNTERPART}), Status.DRAFT),
    "region_approve": Transition(frozenset({Status.AWAITING_REGION}), Status.AT_PROVIDER),
    "region_return": Transition(frozenset({Status.AWAITING_REGION}), Status.DRAFT),
    # Done by the dialogue: the provider's first message, meeting proposal or recorded contact
    # (``dialogue.services``), never by a button of its own.
    "start_dialogue": Transition(frozenset({Status.AT_PROVIDER}), Status.DIALOGUE, automatic=True),
    "decline": Transition(frozenset({Status.AT_PROVIDER, Status.DIALOGUE}), Status.DECLINED),
    "redirect": Transition(frozenset({Status.DECLINED}), Status.AWAITING_COUNTERPART),
    "withdraw": Transition(
        frozenset(
            {
                Status.DRAFT,
                Status.AWAITING_COUNTERPART,
                Status.AWAITING_REGION,
                Status.AT_PROVIDER,
                Status.DIALOGUE,
                Status.DECLINED,
            }
        ),
        Status.WITHDRAWN,
    ),
}
# The name the first tests knew the request table by.
TRANSITIONS = REQUEST_TRANSITIONS

_CONTRACT_OPEN = frozenset({ContractState.DRAFT, ContractState.CONCLUDED})
_CONTRACT_PHASE = frozenset({Status.DIALOGUE, Status.CONTRACTED, Status.DELIVERED})
_CLOSED = gettext_lazy("A closed contract cannot be changed.")
_NO_CONTRACT = gettext_lazy("There is no contract yet.")

CONTRACT_TRANSITIONS: dict[str, Transition] = {
    "contract_draft": Transition(
        frozenset({NONE}),
        ContractState.DRAFT,
        request_statuses=frozenset({Status.DIALOGUE}),
        messages={
            ContractState.DRAFT: gettext_lazy("The contract has already been drafted."),
            ContractState.CONCLUDED: gettext_lazy("The contract has already been drafted."),
            ContractState.CLOSED: _CLOSED,
        },
    ),
    # After conclusion an edit is an amendment: a new version both sides must accept again.
    "contract_edit": Transition(
        _CONTRACT_OPEN,
        None,
        request_statuses=_CONTRACT_PHASE,
        messages={NONE: _NO_CONTRACT, ContractState.CLOSED: _CLOSED},
    ),
    "contract_comment": Transition(
        _CONTRACT_OPEN,
        None,
        request_statuses=_CONTRACT_PHASE,
        messages={NONE: _NO_CONTRACT, ContractState.CLOSED: _CLOSED},
    ),
    "contract_accept": Transition(
        _CONTRACT_OPEN,
        None,
        request_statuses=_CONTRACT_PHASE,
        messages={
            NONE: gettext_lazy("There is no contract to accept yet."),
            ContractState.CLOSED: _CLOSED,
        },
    ),
    "contract_conclude": Transition(
        frozenset({ContractState.DRAFT}),
        ContractState.CONCLUDED,
        request_statuses=frozenset({Status.DIALOGUE}),
        automatic=True,
    ),
    "contract_amend": Transition(
        frozenset({ContractState.CONCLUDED}),
        ContractState.CONCLUDED,
        request_statuses=frozenset({Status.CONTRACTED, Status.DELIVERED}),
        automatic=True,
    ),
    # A draft made with a provider that declined goes when the workplace asks another one.
    "contract_discard_draft": Transition(
        frozenset({ContractState.DRAFT}),
        NONE,
        request_statuses=frozenset({Status.DECLINED}),
        automatic=True,
    ),
    "delivery_attest": Transition(
        frozenset({ContractState.CONCLUDED}),
        None,  # the contract stays concluded; the request goes on to "delivered"
        request_statuses=frozenset({Status.CONTRACTED}),
    ),
    "contract_close": Transition(
        frozenset({ContractState.CONCLUDED}),
        ContractState.CLOSED,
        request_statuses=frozenset({Status.DELIVERED}),
        messages={
            NONE: gettext_lazy("Only a concluded contract can be closed."),
            ContractState.DRAFT: gettext_lazy("Only a concluded contract can be closed."),
            ContractState.CLOSED: gettext_lazy("Only a concluded contract can be closed."),
            "request": gettext_lazy("The contract can be closed once the delivery is attested."),
        },
    ),
}

_RETURNABLE = frozenset(
    {InvoiceState.AWAITING_DELIVERY, InvoiceState.AWAITING_REGION, InvoiceState.AWAITING_PAYMENT}
)
_ONLY_CONCLUDED = gettext_lazy("Only a concluded contract can be invoiced.")

INVOICE_TRANSITIONS: dict[str, Transition] = {
    # A new invoice waits for the workplace's attestation unless the delivery is attested.
    "invoice_submit": Transition(
        frozenset({NONE}),
        None,
        contract_states=frozenset({ContractState.CONCLUDED}),
        messages={"contract": _ONLY_CONCLUDED},
    ),
    "invoice_resubmit": Transition(frozenset({InvoiceState.RETURNED}), None),
    # Stays returned, and is done with (``Invoice.withdrawn_at``).
    "invoice_withdraw": Transition(frozenset({InvoiceState.RETURNED}), None),
    "invoice_return": Transition(_RETURNABLE, InvoiceState.RETURNED),
    "invoice_attest": Transition(
        frozenset({InvoiceState.AWAITING_REGION}), InvoiceState.AWAITING_PAYMENT
    ),
    "invoice_pay": Transition(frozenset({InvoiceState.AWAITING_PAYMENT}), InvoiceState.PAID),
    # The workplace attests the delivery: invoices waiting for it go on to the region.
    "invoice_delivery_confirm": Transition(
        frozenset({InvoiceState.AWAITING_DELIVERY}), InvoiceState.AWAITING_REGION, automatic=True
    ),
}

TABLES = {"request": REQUEST_TRANSITIONS, "contract": CONTRACT_TRANSITIONS}
TABLES["invoice"] = INVOICE_TRANSITIONS
ALL_TRANSITIONS = {name: row for table in TABLES.values() for name, row in table.items()}


def aggregate_of(action: str) -> str:
    return next(name for name, table in TABLES.items() if action in table)


def refusal(action: str, *, request, contract=None, invoice=None) -> str | None:
    """Why ``action`` cannot be done from the current states, or None when it can."""
    row = ALL_TRANSITIONS[action]
    aggregate = aggregate_of(action)
    if aggregate == "request":
        if request.status not in row.sources:
            return _status_message(request)
        return None
    if row.request_statuses is not None and request.status not in row.request_statuses:
        return str(row.messages.get("request") or _status_message(request))
    if row.contract_states is not None:
        state = contract.state if contract is not None else NONE
        if state not in row.contract_states:
            return str(row.messages.get("contract") or _status_message(request))
    own = contract if aggregate == "contract" else invoice
    if aggregate == "invoice" and invoice is not None and invoice.is_withdrawn:
        return _("The invoice is withdrawn: nothing more is done with it.")
    state = own.state if own is not None else NONE
    if state not in row.sources:
        if state in row.messages:
            return str(row.messages[state])
        if aggregate == "invoice" and invoice is not None:
            return _("This cannot be done while the invoice is “%(state)s”.") % {
                "state": invoice.get_state_display()
            }
        return _status_message(request)
    return None


def allowed(action: str, status: str) -> bool:
    """Whether a request action may start from ``status`` (the request's own table)."""
    return status in REQUEST_TRANSITIONS[action].sources


def _status_message(request) -> str:
    return _("This cannot be done while the request is “%(status)s”.") % {
        "status": request.get_status_display()
    }
