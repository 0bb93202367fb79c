"""Reads of requests: what a user may see, the provider's inbox, the timeline, and who acts
next on a request (the rest of the request page: ``selectors.request_page``)."""

import datetime
import functools
import operator
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership, Workplace
from accounts.roles import portal_roles
from accounts.rules import is_central_or_admin
from accounts.selectors import central_users
from requests_app.models import INBOX_STATUSES, Invoice, Request, Status
from requests_app.permissions import party_to_q, region_coordinators


def _ways_of_seeing(user) -> dict[str, set[int]]:
    """The user's own workplaces and providers, the requests naming them as the other party
    elsewhere, all from the roles read once per HTTP request, and the workplaces of the
    regions they coordinate: one query, for a coordinator only."""
    roles = portal_roles(user)
    region = set()
    if roles.region_ids:
        region = set(
            Workplace.objects.filter(region_id__in=sorted(roles.region_ids)).values_list(
                "pk", flat=True
            )
        )
    return {
        "own": set(roles.workplace_roles),
        "named": set(roles.named_request_ids),
        "region": region,
        "provider": set(roles.provider_ids),
    }


def visible_requests(user, prefix: str = "") -> Q:
    """The requests ``permissions.can_view`` lets the user see, as a filter on the request's
    own columns with the ids it needs read beforehand (issue 12, point 3): the workplace's
    own requests, and of the sent ones those naming the user as the other party, those of
    the workplaces of the regions they coordinate and those that reached their provider (all
    sent ones for the central parties). No OR across joins and no subquery: PostgreSQL reads
    each way from an index (a bitmap OR), and a list in its order straight from the index
    on the last change. A way the user has none of is left out rather than matching nothing:
    a provider's lists are then counted from one index alone, not by visiting each of the
    provider's requests in the table for the OR (16-25 ms at 100,000 requests). Naming the
    user as the other party is read as the requests' ids, and only at workplaces where the
    user has no confirmed role: those at their own workplaces are their own requests
    already. ``prefix`` names the way from another model to its request
    (``"contract__request__"`` for invoices). The permission tests keep this and
    ``can_view`` in step (tests/requests_app/test_permissions.py)."""
    ways = _ways_of_seeing(user)

    def on(**lookups) -> Q:  # the same filter from a row that leads to the request
        return Q(**{prefix + name: value for name, value in lookups.items()})

    local = on(workplace_id__in=ways["own"])
    if is_central_or_admin(user):
        return local | ~on(status=Status.DRAFT)
    others = []
    if ways["named"]:
        others.append(on(id__in=sorted(ways["named"])))
    if ways["region"]:
        others.append(on(workplace_id__in=ways["region"]))
    if ways["provider"]:
        others.append(on(provider_id__in=ways["provider"], reached_provider_at__isnull=False))
    if not others:
        return local
    return local | (~on(status=Status.DRAFT) & functools.reduce(operator.or_, others))


def requests_for(*, user) -> QuerySet[Request]:
    return Request.objects.filter(visible_requests(user)).select_related(
        "workplace__region", "workplace__parent", "provider", "initiator"
    )


def provider_inbox(*, user) -> QuerySet[Request]:
    """Requests that reached the user's provider(s), first come first served. The providers
    are the ids the user's roles hold (read once per HTTP request), not a join: for one
    provider PostgreSQL then reads a page straight from ``request_inbox_idx`` in its order."""
    return (
        Request.objects.filter(
            provider_id__in=sorted(portal_roles(user).provider_ids),
            reached_provider_at__isnull=False,
            status__in=INBOX_STATUSES,
        )
        .select_related("workplace__region", "workplace__parent", "provider")
        .order_by("reached_provider_at", "pk")
    )


def confirmable_by(user) -> Q:
    """The queryset form of ``permissions.can_confirm`` for requests at a workplace where
    the user is a confirmed local party (the caller filters that); a test keeps the two in
    step (tests/query_counts/test_in_step.py)."""
    med = Membership.objects.filter(workplace=OuterRef("workplace"), role=Membership.Role.MED)
    editor_is_med = ~Q(last_editor=F("initiator")) & Exists(
        med.filter(user=OuterRef("last_editor"))
    )
    user_is_med = Exists(med.filter(user=user, confirmed_at__isnull=False))
    by_med = Q(counterpart_kind=Request.CounterpartKind.MED) & (
        (editor_is_med & Q(initiator=user)) | (~editor_is_med & user_is_med)
    )
    counterpart_edited = Q(last_editor=F("counterpart"))
    by_person = (
        ~Q(counterpart_kind=Request.CounterpartKind.MED)
        & Q(counterpart__isnull=False)
        & (
            (counterpart_edited & Q(initiator=user))
            | ((Q(last_editor__isnull=True) | ~counterpart_edited) & Q(counterpart=user))
        )
    )
    return (Q(last_editor__isnull=True) | ~Q(last_editor=user)) & (by_med | by_person)


# What a list of requests shows: the request list, the start page's queues and their whole
# lists (a test reads each queue with more rows and counts the queries).
LIST_COLUMNS = [
    "title",
    "status",
    "updated_at",
    "workplace__name",
    "workplace__parent__name",
    "provider__short_name",
]


def listed(requests: QuerySet[Request]) -> QuerySet[Request]:
    """The requests with only the columns a list shows (``LIST_COLUMNS``), not the requests'
    fifty and their workplaces', regions', providers' and initiators': half of the time of
    reading a page of 50 (issue 12). A column shown but not read costs a query a row."""
    return (
        requests.select_related(None)
        .select_related("workplace__parent", "provider")
        .only(*LIST_COLUMNS)
    )


def _own(user) -> list[int]:
    """The workplaces where the user is a confirmed member, from the user's roles (read once
    per HTTP request; the inbox takes the providers from there too): a request is listed once
    however many roles the user holds there, with no join and no DISTINCT over its wide rows
    (a sort of every column of every request of the workplace, issue 12)."""
    return sorted(portal_roles(user).workplace_roles)


def awaiting_confirmation(*, user) -> QuerySet[Request]:
    """What waits for the user's confirmation, newest first, in one query."""
    return (
        Request.objects.filter(
            confirmable_by(user), status=Status.AWAITING_COUNTERPART, workplace__in=_own(user)
        )
        .select_related("workplace__parent")
        .order_by("-updated_at", "-pk")
    )


def awaiting_region(*, user) -> QuerySet[Request]:
    return (
        Request.objects.filter(
            status=Status.AWAITING_REGION, workplace__region__coordinators__user=user
        )
        .exclude(party_to_q(user))
        .select_related("workplace__region", "workplace__parent", "provider")
        .order_by("updated_at", "pk")
    )


def drafts(*, user) -> QuerySet[Request]:
    return (
        Request.objects.filter(status=Status.DRAFT, workplace__in=_own(user))
        .select_related("workplace__parent")
        .order_by("-updated_at", "-pk")
    )


def open_requests(*, user) -> QuerySet[Request]:
    """The workplaces' requests that were sent (not drafts, not withdrawn): under way, and
    ended as delivered or declined, each with its status."""
    return (
        Request.objects.filter(workplace__in=_own(user))
        .exclude(status__in=[Status.DRAFT, Status.WITHDRAWN])
        .select_related("workplace__parent", "provider")
        .order_by("-updated_at", "-pk")
    )


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
    """Who acts for the region: its coordinators who are no party to the request, or the
    central parties when there are none (``permissions.acts_for_region``)."""
    region = request.workplace.region
    users = list(region_coordinators(request))
    if not users:
        who, ids = _central()
        return _("%(central)s, for %(region)s") % {"central": who, "region": region}, ids
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
    # Prefetched by the page; a withdrawn invoice waits for nobody.
    states = {invoice.state for invoice in contract.invoices.all() if not invoice.is_withdrawn}
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


def waiting_for(request: Request, *, events: list | None = None) -> Waiting | None:
    """Who acts next on the request, what they are to do, and since when (the last event;
    ``events``: the request's timeline when the page has read it already, oldest first)."""
    step = _next_step(request)
    if step is None:
        return None
    who, what, user_ids = step
    if events is not None:
        since = events[-1].created_at if events else None
    else:
        since = (
            request.events.order_by("-created_at", "-pk")
            .values_list("created_at", flat=True)
            .first()
        )
    return Waiting(who, what, since or request.updated_at, frozenset(user_ids))
