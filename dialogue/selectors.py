"""Reads of the dialogue, scoped by who asks, each in a fixed number of queries.

``thread_page`` is one page of messages (the newest, or those before a message) with their
attachments; ``summary`` is what a coordinator or central party sees; ``unread_counts`` serves
the request page, the provider's inbox and the start pages; ``upcoming_meetings`` and
``unread_threads`` the start pages.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from accounts.models import Membership
from accounts.roles import portal_roles
from dialogue.models import Attachment, MeetingProposal, MeetingSlot, Message, ReadMarker
from requests_app.models import Deadline, Request

# Messages shown at once; older ones load on demand.
THREAD_PAGE = 20


@dataclass
class ThreadPage:
    messages: list
    has_older: bool

    @property
    def oldest(self):
        return self.messages[0] if self.messages else None

    @property
    def newest(self):
        return self.messages[-1] if self.messages else None


def thread_messages(request: Request):
    return Message.objects.filter(request=request, provider_id=request.provider_id)


def thread_page(request: Request, *, before: int | None = None, size: int = THREAD_PAGE):
    """The newest ``size`` messages (before message ``before``), oldest first: two queries."""
    messages = thread_messages(request)
    if before is not None:
        anchor = messages.filter(pk=before).values("created_at", "pk").first()
        if anchor is None:
            return ThreadPage([], False)
        messages = messages.filter(
            Q(created_at__lt=anchor["created_at"])
            | Q(created_at=anchor["created_at"], pk__lt=anchor["pk"])
        )
    rows = list(
        messages.select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
        .order_by("-created_at", "-pk")[: size + 1]
    )
    return ThreadPage(list(reversed(rows[:size])), len(rows) > size)


@dataclass(frozen=True)
class Summary:
    count: int
    first: object
    last: object


def summary(request: Request) -> Summary:
    """How many messages, and the first and the last date: never their text."""
    row = thread_messages(request).aggregate(
        count=Count("pk"), first=Min("created_at"), last=Max("created_at")
    )
    return Summary(row["count"], row["first"], row["last"])


def taken_up_at(request: Request):
    """The moment the dialogue was taken up, when its deadline was met (``dialogue.services``):
    no query before it was; then one."""
    if request.dialogue_started_on is None:
        return None
    return (
        Deadline.objects.filter(request=request, kind=Deadline.Kind.DIALOGUE, met_at__isnull=False)
        .order_by("-pk")
        .values_list("met_at", flat=True)
        .first()
    )


def read_at(user, request: Request):
    return (
        ReadMarker.objects.filter(request=request, user=user)
        .values_list("read_at", flat=True)
        .first()
    )


def _unread(user):
    marker = ReadMarker.objects.filter(request_id=OuterRef("request_id"), user=user).values(
        "read_at"
    )[:1]
    return (
        Message.objects.filter(provider_id=F("request__provider_id"))
        .exclude(author=user)
        .annotate(marker=Subquery(marker))
        .filter(Q(marker__isnull=True) | Q(created_at__gt=F("marker")))
    )


def unread_on(user, request: Request) -> tuple[int, object]:
    """How many of the thread's messages ``user`` has not read, and when they last read it
    (None: never, or nothing is unread), in one query."""
    row = (
        _unread(user)
        .filter(request_id=request.pk)
        .aggregate(count=Count("pk"), read_at=Max("marker"))
    )
    return row["count"], row["read_at"]


def unread_counts(user, request_ids) -> dict[int, int]:
    """Unread messages per request for ``user``: one query, whatever the number."""
    if not user.is_authenticated:
        return {}
    rows = (
        _unread(user)
        .filter(request_id__in=list(request_ids))
        .values("request_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["request_id"]: row["count"] for row in rows}


def participant_filter(user, prefix: str = "") -> Q:
    """The requests whose thread ``user`` is on (``permissions.is_participant``), as a filter
    on the request's own columns, with the user's workplaces and providers taken from the
    roles read once per HTTP request (``accounts.roles``): no OR across joins to memberships
    and provider staff, which PostgreSQL spent milliseconds planning on every start page
    and would have hash-joined at scale (issue 12). ``prefix`` names the way from another
    model to its request (``"request__"`` for messages and proposals). A test keeps this and
    ``is_participant`` in step (tests/dialogue/test_in_step.py)."""

    def on(**lookups) -> Q:
        return Q(**{prefix + name: value for name, value in lookups.items()})

    roles = portal_roles(user)
    med = sorted(pk for pk, held in roles.workplace_roles.items() if Membership.Role.MED in held)
    local = on(initiator=user.pk) | (
        on(counterpart=user.pk) & ~on(counterpart_kind=Request.CounterpartKind.MED)
    )
    if med:
        local |= on(counterpart_kind=Request.CounterpartKind.MED, workplace_id__in=med)
    if roles.provider_ids:
        local |= on(provider_id__in=sorted(roles.provider_ids))
    return local & on(reached_provider_at__isnull=False, provider_id__isnull=False)


def unread_threads(user, *, limit: int = 10) -> list:
    """Requests with messages ``user`` has not read, newest news first: two queries."""
    counts = (
        _unread(user)
        .filter(participant_filter(user, "request__"))
        .values("request_id")
        .annotate(count=Count("pk"), last=Max("created_at"))
        .order_by("-last")[:limit]
    )
    counts = list(counts)
    requests = Request.objects.in_bulk([row["request_id"] for row in counts])
    shown = []
    for row in counts:
        request = requests.get(row["request_id"])
        if request is not None:
            request.unread = row["count"]
            shown.append(request)
    return shown


def proposals(request: Request) -> list:
    """The request's meeting proposals with this provider, newest first, with their times."""
    return list(
        MeetingProposal.objects.filter(request=request, provider_id=request.provider_id)
        .select_related("proposed_by", "decided_by", "accepted_slot")
        .prefetch_related(Prefetch("slots", queryset=MeetingSlot.objects.order_by("starts_at")))
    )


def upcoming_meetings(user, *, limit: int = 10) -> list:
    """Accepted meetings on the user's threads that have not ended, soonest first."""
    since = timezone.now() - timezone.timedelta(hours=2)
    return list(
        MeetingProposal.objects.filter(
            participant_filter(user, "request__"),
            state=MeetingProposal.State.ACCEPTED,
            provider_id=F("request__provider_id"),
            accepted_slot__starts_at__gte=since,
        )
        .select_related("accepted_slot", "request__provider", "request__workplace")
        .order_by("accepted_slot__starts_at")[:limit]
    )


def recorded_contacts(request: Request) -> list:
    from dialogue.models import RecordedContact

    return list(
        RecordedContact.objects.filter(
            request=request, provider_id=request.provider_id
        ).select_related("recorded_by")
    )


def visible_attachment(user, pk: int):
    """The attachment, if ``user`` is on its thread now; else None (the view answers 404)."""
    from dialogue.permissions import can_read

    attachment = (
        Attachment.objects.select_related("message__request__provider", "message")
        .filter(pk=pk)
        .first()
    )
    if attachment is None:
        return None
    request = attachment.message.request
    if attachment.message.provider_id != request.provider_id or not can_read(user, request):
        return None
    return attachment


def thread_attachments(request: Request) -> list:
    return list(
        Attachment.objects.filter(
            message__request=request, message__provider_id=request.provider_id
        )
        .select_related("message__author")
        .order_by("-pk")
    )


def start_page_items(user) -> dict:
    """The start page's dialogue: threads with something unread, and accepted meetings."""
    return {
        "dialogue_unread": unread_threads(user),
        "dialogue_meetings": upcoming_meetings(user),
    }
