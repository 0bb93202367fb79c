"""Who may see and do what with a request's evaluation: the one place.

The local parties (confirmed members of the request's workplace) hand out the participant
link, see their round's responses, extend and close collection; provider staff on the request
write the delivery report; everyone who may see the request sees the rounds' state and their
response counts. Participants need no account: the link is their permission.

Every action on a round has its row in ``ROUND_TRANSITIONS`` (the states it starts from) and
its predicate here; ``available_round_actions`` combines the two, so a button is shown exactly
when the service accepts the click.
"""

import rules
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluations import windows
from evaluations.models import EvaluationRound
from requests_app.models import Contract
from requests_app.permissions import can_view, is_local_party, is_request_provider_staff

State = EvaluationRound.State

# action: the states of the round it starts from.
ROUND_TRANSITIONS = {
    "round_extend": {State.SCHEDULED, State.OPEN},
    "round_close": {State.OPEN},
    "round_renew_link": {State.SCHEDULED, State.OPEN},
    # Only until ``windows.last_reopen_day`` (checked in ``transition_refusal``).
    "round_reopen": {State.CLOSED_EMPTY},
}

TRANSITION_REFUSALS = {
    "round_extend": _("Collection has already closed; it cannot be extended."),
    "round_close": _("Collection is not open, so it cannot be closed."),
    "round_renew_link": _("Collection has already closed; the link cannot be renewed."),
    "round_reopen": _("Only collection closed without any responses can be reopened."),
}
REOPEN_TOO_LATE = _("It is too late to reopen this evaluation.")

REFUSAL = _("Only the workplace's local parties can do this.")
REPORT_REFUSAL = _("Only the provider's staff on this request can write the delivery report.")


@rules.predicate
def round_local_party(user, round) -> bool:
    return is_local_party(user, round.request)


@rules.predicate
def sees_link(user, request) -> bool:
    """The participant link and the hand-out page: the local parties, who distribute it."""
    return is_local_party(user, request)


@rules.predicate
def sees_summary(user, request) -> bool:
    """The workplace's own results on its request page (the threshold still applies)."""
    return is_local_party(user, request)


@rules.predicate
def sees_rounds(user, request) -> bool:
    return bool(can_view(user, request))


@rules.predicate
def writes_delivery_report(user, request) -> bool:
    """Provider staff on the request, once the contract is concluded (delivery is near)."""
    if not is_request_provider_staff(user, request):
        return False
    contract = getattr(request, "contract", None)
    return contract is not None and contract.state != Contract.State.DRAFT


sees_delivery_report = sees_rounds

# Every action's rule is the same one; ``available_round_actions(local=...)`` relies on it.
ROUND_RULES = dict.fromkeys(ROUND_TRANSITIONS, round_local_party)


def transition_refusal(action: str, round) -> str | None:
    if round.state not in ROUND_TRANSITIONS[action]:
        return str(TRANSITION_REFUSALS[action])
    if action == "round_reopen" and windows.last_reopen_day(round) <= timezone.localdate():
        return str(REOPEN_TOO_LATE)
    return None


def may(user, action: str, round) -> bool:
    return bool(ROUND_RULES[action](user, round))


def available_round_actions(user, round, *, local: bool | None = None) -> frozenset[str]:
    """The actions the user may take on the round now. Every round action's rule is being a
    local party, so a caller who already knows (the request page's panel) passes ``local``
    and saves a query per action."""
    allowed = [action for action in ROUND_TRANSITIONS if transition_refusal(action, round) is None]
    if local is not None:
        return frozenset(allowed) if local else frozenset()
    return frozenset(action for action in allowed if may(user, action, round))
