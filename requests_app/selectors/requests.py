"""Reads of requests: what a user may see, the provider's inbox, the timeline."""

from django.db.models import QuerySet

from requests_app.models import Request, Status
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
