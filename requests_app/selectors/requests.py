"""Reads of requests: what a user may see, the provider's inbox, the timeline, and who acts
next on a request (the rest of the request page: ``selectors.request_page``)."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership
from accounts.selectors import central_users
from requests_app.models import Invoice, Request, Status
from requests_app.permissions import can_confirm, visible_requests_filter


def requests_for(*, user) -> QuerySet[Request]:
    ids = Request.objects.filter(visible_requests_filter(user)).values("pk")
    return Request.objects.filter(pk__in=ids).select_related(
        "workplace__region", "workplace__parent", "provider", "initiator"
    )


def provider_inbox(*, user) -> QuerySet[Request]:
    """Requests that reached the user's provider(s), first come first served."""
    return (
        Request.objects.filter(
            provider__staff__user=user,
            reached_provider_at__isnull=False,
            status__in=[Status.AT_PROVIDER, Status.DIALOGUE, Status.DECLINED],
        )
        .select_related("workplace__region", "workplace__parent", "provider")
        .order_by("reached_provider_at", "pk")
    )


def awaiting_confirmation(*, user, limit: int = 50) -> list[Request]:
    """What waits for the user's confirmation, newest first; ``can_confirm`` reads a little
    per request, so at most ``limit`` candidates are weighed."""
    candidates = (
        Request.objects.filter(
            status=Status.AWAITING_COUNTERPART,
            workplace__memberships__user=user,
            workplace__memberships__confirmed_at__isnull=False,
        )
        .distinct()
        .select_related("workplace__parent")
        .order_by("-updated_at", "-pk")[:limit]
    )
    return [request for request in candidates if can_confirm(user, request)]


def awaiting_region(*, user) -> QuerySet[Request]:
    return (
        Request.objects.filter(
            status=Status.AWAITING_REGION, workplace__region__coordinators__user=user
        )
        .select_related("workplace__region", "workplace__parent", "provider")
        .order_by("updated_at")
    )


def drafts(*, user) -> QuerySet[Request]:
    return (
        Request.objects.filter(
            status=Status.DRAFT,
            workplace__memberships__user=user,
            workplace__memberships__confirmed_at__isnull=False,
        )
        .distinct()
        .select_related("workplace__parent")
    )


def open_requests(*, user) -> QuerySet[Request]:
    """The workplace's requests that are on their way (not drafts, not withdrawn)."""
    return (
        Request.objects.filter(
            workplace__memberships__user=user, workplace__memberships__confirmed_at__isnull=False
        )
        .exclude(status__in=[Status.DRAFT, Status.WITHDRAWN])
        .distinct()
        .select_related("workplace__parent", "provider")
        .order_by("-updated_at")
    )


def counterpart_awaits_membership(request) -> bool:
    """The named other party was invited by e-mail and nobody has vouched for them yet."""
    from accounts.models import Membership

    if request.counterpart_id is None:
        return False
    return Membership.objects.filter(
        user_id=request.counterpart_id,
        workplace_id=request.workplace_id,
        confirmed_at__isnull=True,
    ).exists()


# --- Who acts next (issue 11, point 11) ---

ROLE_SHORT = {
    Membership.Role.LEADER: gettext_lazy("leader"),
    Membership.Role.AMR: "AMR",
    Membership.Role.TR: "TR",
    Membership.Role.MED: "MED",
}


@dataclass(frozen=True)
class Waiting:
    who: str  # "Anders Arbejdsmiljø (AMR)", "NFA", "Carl Koordinator (Region Hovedstaden)"
    step: str  # what they are to do
    since: datetime.datetime  # the last event on the request
    user_ids: frozenset  # who the page must not tell to wait for themself


def _roles(request, users) -> dict[int, str]:
    roles = {}
    for membership in Membership.objects.filter(
        workplace_id=request.workplace_id, user__in=users, confirmed_at__isnull=False
    ).order_by("role"):
        roles.setdefault(membership.user_id, []).append(str(ROLE_SHORT[membership.role]))
    return {pk: "/".join(names) for pk, names in roles.items()}


def _persons(request, users) -> str:
    roles = _roles(request, users)
    return ", ".join(
        f"{user} ({roles[user.pk]})" if user.pk in roles else str(user) for user in users
    )


def _local_parties(request) -> tuple[str, set]:
    """The workplace: named by its two parties; any confirmed member may act for it."""
    users = [request.initiator]
    if request.counterpart_id and request.counterpart_id != request.initiator_id:
        users.append(request.counterpart)
    members = Membership.objects.filter(
        workplace_id=request.workplace_id, confirmed_at__isnull=False
    ).values_list("user_id", flat=True)
    label = _persons(request, users)
    if request.counterpart_is_med:
        label = _("%(person)s and the local MED committee") % {"person": label}
    return label, set(members)


def _confirmer(request) -> tuple[str, set]:
    """Who confirms now: the other side than the last editor (see ``permissions.can_confirm``)."""
    if request.counterpart_is_med:
        med = set(
            Membership.objects.filter(
                workplace_id=request.workplace_id,
                role=Membership.Role.MED,
                confirmed_at__isnull=False,
            ).values_list("user_id", flat=True)
        )
        if request.last_editor_id in med and request.last_editor_id != request.initiator_id:
            return _persons(request, [request.initiator]), {request.initiator_id}
        return _("the local MED committee"), med
    person = request.counterpart
    if person is None or request.last_editor_id == request.counterpart_id:
        person = request.initiator
    return _persons(request, [person]), {person.pk}


def _provider(request) -> tuple[str, set]:
    staff = request.provider.staff.values_list("user_id", flat=True)
    return request.provider.short_name, set(staff)


def _coordinators(request) -> tuple[str, set]:
    region = request.workplace.region
    users = [role.user for role in region.coordinators.select_related("user")]
    if not users:
        return _("the coordinator of %(region)s") % {"region": region}, set()
    names = ", ".join(str(user) for user in users)
    return f"{names} ({region})", {user.pk for user in users}


def _central() -> tuple[str, set]:
    return str(_("Danske Regioner")), {user.pk for user in central_users()}


def _contract_next(request, contract) -> tuple[str, str, set] | None:
    """The side that has not accepted the current version, when it awaits acceptance."""
    version = contract.current if contract is not None else None
    if version is None or version.is_fully_accepted:
        return None
    step = _("accept version %(number)s of the contract") % {"number": version.number}
    if version.workplace_accepted_by_id:
        who, ids = _provider(request)
        return who, step, ids
    if version.provider_accepted_by_id:
        who, ids = _local_parties(request)
        return who, step, ids
    workplace, workplace_ids = _local_parties(request)
    provider, provider_ids = _provider(request)
    both = _("%(workplace)s and %(provider)s") % {"workplace": workplace, "provider": provider}
    return both, _("agree on the contract and accept it"), workplace_ids | provider_ids


def _invoice_next(request, contract) -> tuple[str, str, set] | None:
    if contract is None or contract.is_closed:
        return None
    states = set(contract.invoices.values_list("state", flat=True))
    if Invoice.State.AWAITING_REGION in states:
        who, ids = _coordinators(request)
        return who, _("attest the invoice"), ids
    if Invoice.State.AWAITING_PAYMENT in states:
        who, ids = _central()
        return who, _("pay the invoice"), ids
    who, ids = _provider(request)
    if Invoice.State.RETURNED in states:
        return who, _("correct the returned invoice"), ids
    return who, _("invoice, or close the contract"), ids


def _next_step(request) -> tuple[str, str, set] | None:
    status = request.status
    contract = getattr(request, "contract", None)
    if status == Status.DRAFT:
        who, ids = _local_parties(request)
        return who, _("finish the request and send it to the other party"), ids
    if status == Status.AWAITING_COUNTERPART:
        who, ids = _confirmer(request)
        return who, _("confirm the request"), ids
    if status == Status.AWAITING_REGION:
        who, ids = _coordinators(request)
        return who, _("approve the request for the region"), ids
    if status == Status.AT_PROVIDER:
        who, ids = _provider(request)
        return who, _("take up dialogue"), ids
    if status == Status.DECLINED:
        who, ids = _local_parties(request)
        return who, _("choose another provider or withdraw the request"), ids
    pending = _contract_next(request, contract)
    if pending is not None:
        return pending
    if status == Status.DIALOGUE:
        who, ids = _provider(request)
        return who, _("draft the contract"), ids
    if status == Status.CONTRACTED:
        who, ids = _local_parties(request)
        return who, _("attest the delivery"), ids
    if status == Status.DELIVERED:
        return _invoice_next(request, contract)
    return None  # withdrawn: nobody


def waiting_for(request: Request) -> Waiting | None:
    """Who acts next on the request, what they are to do, and since when (the last event)."""
    step = _next_step(request)
    if step is None:
        return None
    who, what, user_ids = step
    since = (
        request.events.order_by("-created_at", "-pk").values_list("created_at", flat=True).first()
    )
    return Waiting(who, what, since or request.updated_at, frozenset(user_ids))
