"""Deadlines as rows: the services open, meet and cancel them inside their own transaction.

The periodic scan that reminds and escalates is ``services.deadline_scan``.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from requests_app.clock import CONTRACT_DAYS, DIALOGUE_DAYS, due_after
from requests_app.models import Deadline, Request

Kind = Deadline.Kind
# How long before the due time the responsible party is reminded.
REMIND_BEFORE = {
    Kind.DIALOGUE: timedelta(days=2),
    Kind.CONTRACT: timedelta(days=7),
    Kind.DELIVERY: timedelta(days=7),
    Kind.EVALUATION: timedelta(days=3),
    Kind.FOLLOW_UP: timedelta(days=14),
}
DELIVERY_GRACE_DAYS = 14
EVALUATION_DAYS = 14


def deadline_open(request: Request, kind: str, *, due_at, opens_at=None) -> Deadline:
    remind_at = due_at - REMIND_BEFORE[kind]
    if opens_at is not None:
        remind_at = max(remind_at, opens_at)
    return Deadline.objects.create(
        request=request, kind=kind, due_at=due_at, opens_at=opens_at, remind_at=remind_at
    )


def deadline_meet(request: Request, kind: str, *, at=None) -> None:
    Deadline.objects.filter(
        request=request, kind=kind, met_at__isnull=True, cancelled_at__isnull=True
    ).update(met_at=at or timezone.now())


def deadlines_cancel(request: Request, *, kinds=None) -> None:
    """Cancel the request's open deadlines (of ``kinds``, or all)."""
    open_ones = Deadline.objects.filter(
        request=request, met_at__isnull=True, cancelled_at__isnull=True
    )
    if kinds is not None:
        open_ones = open_ones.filter(kind__in=kinds)
    open_ones.update(cancelled_at=timezone.now())


def open_provider_deadlines(request: Request, reached_at) -> None:
    deadline_open(request, Kind.DIALOGUE, due_at=due_after(reached_at, DIALOGUE_DAYS))
    deadline_open(request, Kind.CONTRACT, due_at=due_after(reached_at, CONTRACT_DAYS))


def open_delivery_deadline(request: Request, planned_delivery_on) -> None:
    opens_at = timezone.make_aware(
        timezone.datetime.combine(planned_delivery_on, timezone.datetime.min.time())
    )
    deadline_open(
        request, Kind.DELIVERY, opens_at=opens_at, due_at=due_after(opens_at, DELIVERY_GRACE_DAYS)
    )


def open_evaluation_deadlines(request: Request, delivered_at) -> None:
    deadline_open(
        request,
        Kind.EVALUATION,
        opens_at=delivered_at,
        due_at=due_after(delivered_at, EVALUATION_DAYS),
    )
    local = timezone.localtime(delivered_at)
    follow_up_opens = local + relativedelta(months=3)
    follow_up_closes = local + relativedelta(months=6)
    deadline_open(request, Kind.FOLLOW_UP, opens_at=follow_up_opens, due_at=follow_up_closes)


def deadline_move(request: Request, kind: str, *, due_at, opens_at=None) -> Deadline | None:
    """Move the request's open deadline of ``kind`` to ``due_at`` (and ``opens_at``, if given):
    an evaluation round extended or reopened, or its window set from the delivery date.

    The scan's notifications are keyed by the deadline row, so a deadline whose reminder or
    escalation has gone out is replaced (cancelled, a new one opened) to be reminded and
    escalated afresh for its new time; one with nothing sent yet is moved in place. Returns
    the open deadline, or None if there is none.
    """
    deadline = (
        Deadline.objects.select_for_update()
        .filter(request=request, kind=kind, met_at__isnull=True, cancelled_at__isnull=True)
        .first()
    )
    if deadline is None:
        return None
    opens_at = deadline.opens_at if opens_at is None else opens_at
    if deadline.reminded_at is None and deadline.escalated_at is None:
        remind_at = due_at - REMIND_BEFORE[kind]
        deadline.due_at = due_at
        deadline.opens_at = opens_at
        deadline.remind_at = max(remind_at, opens_at) if opens_at else remind_at
        if opens_at and opens_at > timezone.now():
            deadline.opened_noted_at = None
        deadline.save(update_fields=["due_at", "opens_at", "remind_at", "opened_noted_at"])
        return deadline
    deadline.cancelled_at = timezone.now()
    deadline.save(update_fields=["cancelled_at"])
    moved = deadline_open(request, kind, due_at=due_at, opens_at=opens_at)
    if deadline.opened_noted_at and opens_at == deadline.opens_at:
        # Its opening was announced already; the move does not open it again.
        moved.opened_noted_at = deadline.opened_noted_at
        moved.save(update_fields=["opened_noted_at"])
    return moved
