"""Who may read, write and act in a request's dialogue: the one place.

The thread is for the people on the request: its two local parties (the initiator and the
named other party, or the MED committee's members when the committee is the other party) and
the staff of the provider the request is at. Everyone else who may see the request — a
colleague at the workplace, the region's coordinator, the central parties — sees that a
dialogue exists (how many messages, the first and the last date), never its text or files.
What a user may not read answers 404 (``dialogue.views``).
"""

import rules

from accounts.models import Membership
from requests_app.models import Status
from requests_app.permissions import CONFIRMED, is_request_provider_staff

# While the request is here, the thread is open for writing; afterwards it is read-only.
OPEN_STATUSES = frozenset(
    {Status.AT_PROVIDER, Status.DIALOGUE, Status.CONTRACTED, Status.DELIVERED}
)


def has_thread(request) -> bool:
    """A thread exists once the request reached a provider."""
    return request.reached_provider_at is not None and request.provider_id is not None


def is_local_participant(user, request) -> bool:
    if not user.is_authenticated:
        return False
    if user.pk == request.initiator_id:
        return True
    if request.counterpart_is_med:
        return Membership.objects.filter(
            user=user, workplace_id=request.workplace_id, role=Membership.Role.MED, **CONFIRMED
        ).exists()
    return request.counterpart_id is not None and user.pk == request.counterpart_id


def is_participant(user, request) -> bool:
    return has_thread(request) and (
        is_local_participant(user, request) or is_request_provider_staff(user, request)
    )


def is_open(request) -> bool:
    return has_thread(request) and request.status in OPEN_STATUSES


@rules.predicate
def can_read(user, request):
    return is_participant(user, request)


@rules.predicate
def can_write(user, request):
    return is_open(request) and is_participant(user, request)


@rules.predicate
def can_propose(user, request):
    """The provider proposes the meeting and records contact made outside the portal."""
    return is_open(request) and is_request_provider_staff(user, request)


@rules.predicate
def can_answer(user, proposal):
    """Either local party accepts one of the times or asks for others."""
    request = proposal.request
    return (
        proposal.is_open
        and proposal.provider_id == request.provider_id
        and is_open(request)
        and is_local_participant(user, request)
    )


@rules.predicate
def can_cancel(user, proposal):
    request = proposal.request
    return (
        proposal.state in {proposal.State.PROPOSED, proposal.State.ACCEPTED}
        and proposal.provider_id == request.provider_id
        and is_participant(user, request)
    )


ACTION_RULES = {
    "read": can_read,
    "message_post": can_write,
    "proposal_create": can_propose,
    "contact_record": can_propose,
    "proposal_accept": can_answer,
    "proposal_ask_other_times": can_answer,
    "proposal_cancel": can_cancel,
}
for _name, _predicate in ACTION_RULES.items():
    rules.add_perm(f"dialogue.{_name}", _predicate)


def may(user, action: str, obj) -> bool:
    return bool(ACTION_RULES[action].test(user, obj))


def role_label(user, request) -> str:
    """The role ``user`` writes in on ``request``, as it reads today: kept on the message."""
    if is_request_provider_staff(user, request):
        return request.provider.short_name
    roles = Membership.objects.filter(
        user=user, workplace_id=request.workplace_id, **CONFIRMED
    ).order_by("role")
    labels = [str(membership.get_role_display()) for membership in roles]
    return ", ".join(labels)
