"""The deadline engine: deadlines as rows, and the periodic scan that reminds and escalates.

Transitions open and meet deadlines (``deadline_open``, ``deadline_meet``,
``deadlines_cancel``). The scan (``scan``, run by Celery beat every 15 minutes) works in
three stages — a deadline opens, a reminder before it is due, an escalation after — and
each stage of each deadline happens exactly once:

* the rows are claimed with ``select_for_update(skip_locked=True)``, so two scans running at
  the same time never take the same deadline;
* the stage's timestamp (``reminded_at`` …) is set in the same transaction as the
  notifications are written, so a worker that dies half-way leaves nothing behind and the
  next run does the whole stage again;
* each notification has a unique key (deadline, stage, user), the last safety net.

E-mail for new notifications goes out after commit, each notification once
(``send_pending_emails``).
"""

import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Notification
from providers.models import BudgetFrame, FrameAlert
from providers.money import format_dkk
from requests_app.clock import CONTRACT_DAYS, DIALOGUE_DAYS, due_after
from requests_app.ledger import frame_used
from requests_app.models import Deadline, Request

logger = logging.getLogger(__name__)

Kind = Deadline.Kind
BATCH = 500
# How long before the due time the responsible party is reminded.
REMIND_BEFORE = {
    Kind.DIALOGUE: timedelta(days=2),
    Kind.CONTRACT: timedelta(days=7),
    Kind.DELIVERY: timedelta(days=7),
    Kind.EVALUATION: timedelta(days=3),
    Kind.FOLLOW_UP: timedelta(days=14),
}
# Kinds whose opening is announced (the workplace must act from then on).
ANNOUNCED_ON_OPENING = {Kind.DELIVERY, Kind.EVALUATION, Kind.FOLLOW_UP}
PROVIDER_KINDS = {Kind.DIALOGUE, Kind.CONTRACT}
DELIVERY_GRACE_DAYS = 14
EVALUATION_DAYS = 14
THRESHOLDS = (75, 90, 100)


# --- Opening and meeting deadlines (called by the transitions, inside their transaction) ---


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


# --- Who is told ---


def _central_users():
    return list(get_user_model().objects.filter(central_party__isnull=False, is_active=True))


def _local_parties(request: Request):
    return [
        membership.user
        for membership in request.workplace.memberships.all()
        if membership.user.is_active
    ]


def _provider_staff(request: Request):
    return [staff.user for staff in request.provider.staff.all() if staff.user.is_active]


def recipients(deadline: Deadline, stage: str, central: list):
    """Reminders go to who must act; provider escalations also reach the central parties."""
    if deadline.kind in PROVIDER_KINDS:
        people = _provider_staff(deadline.request)
        if stage == "escalated":
            people += central
    else:
        people = _local_parties(deadline.request)
    unique = {person.pk: person for person in people}
    return list(unique.values())


def _message(deadline: Deadline, stage: str) -> tuple[str, str]:
    request = deadline.request
    due = timezone.localtime(deadline.due_at).strftime("%d.%m.%Y %H:%M")
    kind = deadline.get_kind_display()
    if stage == "opened":
        subject = _("Now open: %(kind)s – %(title)s")
    elif stage == "reminded":
        subject = _("Reminder: %(kind)s – %(title)s")
    else:
        subject = _("Overdue: %(kind)s – %(title)s")
    subject = subject % {"kind": kind, "title": request.title}
    body = _("Request: %(title)s (%(workplace)s). Deadline: %(due)s.") % {
        "title": request.title,
        "workplace": request.workplace,
        "due": due,
    }
    return subject, body


# --- The scan ---

STAGES = {
    # stage: (its timestamp field, the time it is due by, the condition that makes it due)
    "opened": (
        "opened_noted_at",
        "opens_at",
        lambda now: Q(
            opens_at__lte=now, opened_noted_at__isnull=True, kind__in=ANNOUNCED_ON_OPENING
        ),
    ),
    "reminded": (
        "reminded_at",
        "remind_at",
        lambda now: Q(remind_at__lte=now, reminded_at__isnull=True),
    ),
    "escalated": (
        "escalated_at",
        "due_at",
        lambda now: Q(due_at__lte=now, escalated_at__isnull=True),
    ),
}


def _run_stage(stage: str, now, central) -> int:
    field, order, condition = STAGES[stage]
    done = 0
    while True:
        with transaction.atomic():
            claimed = list(
                Deadline.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(condition(now), met_at__isnull=True, cancelled_at__isnull=True)
                .select_related("request__workplace", "request__provider")
                .prefetch_related(
                    "request__workplace__memberships__user", "request__provider__staff__user"
                )
                .order_by(order)[:BATCH]
            )
            if not claimed:
                return done
            notifications = []
            for deadline in claimed:
                # A reminder that comes after the due time would only confuse: the
                # escalation says it.
                if stage == "reminded" and deadline.due_at <= now:
                    setattr(deadline, field, now)
                    continue
                subject, body = _message(deadline, stage)
                url = deadline.request.get_absolute_url()
                for user in recipients(deadline, stage, central):
                    notifications.append(
                        Notification(
                            user=user,
                            key=f"deadline:{deadline.pk}:{stage}:{user.pk}",
                            subject=subject,
                            body=body,
                            url=url,
                        )
                    )
                setattr(deadline, field, now)
            Notification.objects.bulk_create(notifications, ignore_conflicts=True)
            Deadline.objects.bulk_update(claimed, [field])
            pause_for_tests()
            done += len(claimed)
            transaction.on_commit(_queue_emails, robust=True)


def pause_for_tests() -> None:
    """Lets the crash test kill a worker while a stage's transaction is open."""
    seconds = getattr(settings, "DEADLINE_SCAN_PAUSE", 0)
    if seconds:
        import time

        time.sleep(seconds)


def scan(now=None) -> dict:
    """One periodic run: every stage that is due, then the budget thresholds."""
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        central = _central_users()
        counts = {stage: _run_stage(stage, now, central) for stage in STAGES}
        counts["frame_alerts"] = check_all_frame_thresholds()
    return counts


def _queue_emails() -> None:
    from requests_app.tasks import send_notification_emails

    send_notification_emails.delay()


def send_pending_emails(limit: int = 500) -> int:
    """E-mail notifications not yet e-mailed; each once, even with several workers.

    One transaction per notification: claim it (skip_locked), send, stamp. A failure rolls
    back only that one, which the task's retry then sends; the ones before stay sent.
    """
    sent = 0
    for _attempt in range(limit):
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(emailed_at__isnull=True)
                .select_related("user")
                .order_by("pk")
                .first()
            )
            if notification is None:
                break
            link = settings.PORTAL_BASE_URL.rstrip("/") + notification.url
            send_mail(
                notification.subject,
                f"{notification.body}\n\n{link}\n",
                settings.DEFAULT_FROM_EMAIL,
                [notification.user.email],
            )
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent += 1
    return sent


# --- Budget thresholds ---


def check_frame_thresholds(frame: BudgetFrame) -> int:
    """Tell provider staff and the central parties once per threshold the frame passes."""
    if not frame.amount:
        return 0
    used = frame_used(frame)
    percent = used * 100 / frame.amount
    created = 0
    for threshold in THRESHOLDS:
        if percent < threshold:
            continue
        with transaction.atomic():
            _alert, is_new = FrameAlert.objects.get_or_create(
                frame=frame, threshold=threshold, defaults={"used_amount": used}
            )
            if not is_new:
                continue
            people = {s.user.pk: s.user for s in frame.provider.staff.select_related("user")}
            people.update({user.pk: user for user in _central_users()})
            subject = _("%(provider)s' frame for %(period)s has passed %(threshold)s %%") % {
                "provider": frame.provider.short_name,
                "period": frame.period.name,
                "threshold": threshold,
            }
            body = _("Used: %(used)s of %(amount)s.") % {
                "used": format_dkk(used),
                "amount": format_dkk(frame.amount),
            }
            Notification.objects.bulk_create(
                [
                    Notification(
                        user=user,
                        key=f"frame:{frame.pk}:{threshold}:{user.pk}",
                        subject=subject,
                        body=body,
                        url="/",
                    )
                    for user in people.values()
                ],
                ignore_conflicts=True,
            )
            transaction.on_commit(_queue_emails, robust=True)
            created += 1
    return created


def check_all_frame_thresholds() -> int:
    """A catch-up for every frame (a handful of rows: providers times periods)."""
    frames = BudgetFrame.objects.select_related("provider", "period")
    return sum(check_frame_thresholds(frame) for frame in frames)
