"""The periodic deadline scan: a deadline opens, a reminder before it is due, an escalation
after — each stage of each deadline exactly once.

``scan`` is run by Celery beat every ``DEADLINE_SCAN_MINUTES`` (``requests_app.tasks``):

* the rows are claimed with ``select_for_update(skip_locked=True)``, so two scans running at
  the same time never take the same deadline;
* the stage's timestamp (``reminded_at`` …) is set in the same transaction as the
  notifications are written, so a worker that dies half-way leaves nothing behind and the
  next run does the whole stage again;
* each notification has a unique key (deadline, stage, user), the last safety net.

The notifications' e-mail goes out after commit, each notification once
(``accounts.notifications.send_pending_emails``).
"""

import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Notification
from accounts.selectors import central_users
from accounts.tasks import queue_notification_emails
from accounts.text import in_each_language
from requests_app.models import Deadline, Request
from requests_app.services.frame_alerts import check_all_frame_thresholds

Kind = Deadline.Kind
BATCH = 500
# Kinds whose opening is announced (the workplace must act from then on).
ANNOUNCED_ON_OPENING = {Kind.DELIVERY, Kind.EVALUATION, Kind.FOLLOW_UP}
PROVIDER_KINDS = {Kind.DIALOGUE, Kind.CONTRACT}


def _local_parties(request: Request):
    return [
        membership.user
        for membership in request.workplace.memberships.all()
        if membership.user.is_active and membership.is_confirmed
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


def due_text(due_at) -> str:
    """When a deadline falls, as a person reads it. One that falls at midnight is the end of
    the day before ("udgangen af 6. feb. 2027"), not "7. feb. 2027 kl. 00.00"; the other
    deadlines keep their hour ("7. feb. 2027 kl. 15.48")."""
    local = timezone.localtime(due_at)
    if local.time() == datetime.time.min:
        day = local.date() - datetime.timedelta(days=1)
        return _("the end of %(day)s") % {"day": date_format(day, "SHORT_DATE_FORMAT")}
    return date_format(local, "SHORT_DATETIME_FORMAT")


def _message(deadline: Deadline, stage: str) -> tuple[str, str]:
    request = deadline.request
    due = due_text(deadline.due_at)
    kind = deadline.get_kind_display()
    if stage == "opened":
        subject = _("Now open: %(kind)s – %(title)s")
    elif stage == "reminded":
        subject = _("Reminder: %(kind)s – %(title)s")
    else:
        subject = _("Overdue: %(kind)s – %(title)s")
    subject = subject % {"kind": kind, "title": request.title}  # one line: in_each_language
    body = _("Request: %(title)s (%(workplace)s). Deadline: %(due)s.") % {
        "title": request.title,
        "workplace": request.workplace,
        "due": due,
    }
    return subject, body


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
                .select_related("request__workplace__parent", "request__provider")
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
                text = in_each_language(partial(_message, deadline, stage))
                url = deadline.request.get_absolute_url()
                for user in recipients(deadline, stage, central):
                    notifications.append(
                        Notification(
                            user=user,
                            key=f"deadline:{deadline.pk}:{stage}:{user.pk}",
                            url=url,
                            **text,
                        )
                    )
                setattr(deadline, field, now)
            Notification.objects.bulk_create(notifications, ignore_conflicts=True)
            Deadline.objects.bulk_update(claimed, [field])
            pause_for_tests()
            done += len(claimed)
            transaction.on_commit(queue_notification_emails, robust=True)
        if len(claimed) < BATCH:
            # A short batch took every due row that was free: no need to ask again (rows
            # another scan holds are that scan's).
            return done


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
        central = central_users()
        counts = {stage: _run_stage(stage, now, central) for stage in STAGES}
        counts["frame_alerts"] = check_all_frame_thresholds()
    return counts
