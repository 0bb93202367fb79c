"""Who may see and act on a request. Views, services and the list selector all ask here.

Drafts belong to the workplace alone; the region and the central parties see a request once
it has been sent to the other party; provider staff only once it has reached their provider.
Objects a user may not see answer 404 (see views).
"""

import rules
from django.db.models import Q

from accounts.models import Membership
from accounts.rules import is_central


def is_local_party(user, request) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, workplace_id=request.workplace_id).exists()
    )


def _side(user, request) -> set[str]:
    """Which side(s) of the local parties the user sits on at the request's workplace."""
    roles = set(
        Membership.objects.filter(user=user, workplace_id=request.workplace_id).values_list(
            "role", flat=True
        )
    )
    sides = set()
    if roles & Membership.MANAGEMENT_SIDE:
        sides.add("management")
    if roles & Membership.EMPLOYEE_SIDE:
        sides.add("employee")
    if Membership.Role.MED in roles:
        sides.add("med")
    return sides


def can_confirm(user, request) -> bool:
    """The other side than the last editor confirms; never the person who last edited.

    Any local party may help draft, so an editor outside the named pair counts as the
    initiator's side: the counterpart (or the MED committee) must then confirm.
    """
    if not user.is_authenticated or user.pk == request.last_editor_id:
        return False
    if request.counterpart_kind == request.CounterpartKind.MED:
        editor_is_med = request.last_editor_id != request.initiator_id and (
            Membership.objects.filter(
                user_id=request.last_editor_id,
                workplace_id=request.workplace_id,
                role=Membership.Role.MED,
            ).exists()
        )
        if editor_is_med:
            return user.pk == request.initiator_id
        return "med" in _side(user, request)
    if request.counterpart_id is None:
        return False
    if request.last_editor_id == request.counterpart_id:
        return user.pk == request.initiator_id
    return user.pk == request.counterpart_id


def is_request_coordinator(user, request) -> bool:
    return (
        user.is_authenticated
        and user.coordinator_roles.filter(region_id=request.workplace.region_id).exists()
    )


def is_request_provider_staff(user, request) -> bool:
    return (
        user.is_authenticated
        and request.reached_provider_at is not None
        and user.provider_roles.filter(provider_id=request.provider_id).exists()
    )


@rules.predicate
def can_view(user, request):
    if request is None or not user.is_authenticated:
        return False
    if is_local_party(user, request):
        return True
    if request.status == "draft":
        return False
    return bool(
        is_central(user)
        or user.is_superuser
        or is_request_coordinator(user, request)
        or is_request_provider_staff(user, request)
    )


rules.add_perm("requests_app.view_request", can_view)


def visible_requests_filter(user) -> Q:
    """The queryset form of ``can_view``; the permission tests keep the two in step."""
    local = Q(workplace__memberships__user=user)
    if user.is_superuser or is_central(user):
        return local | ~Q(status="draft")
    others = Q(workplace__region__coordinators__user=user) | Q(
        provider__staff__user=user, reached_provider_at__isnull=False
    )
    return local | (~Q(status="draft") & others)
