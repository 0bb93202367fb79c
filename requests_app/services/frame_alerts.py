"""Budget alerts: provider staff and the central parties are told once per threshold
(75, 90 and 100 %) a provider's frame passes."""

from functools import partial
from urllib.parse import urlencode

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Notification
from accounts.selectors import central_users
from accounts.tasks import queue_notification_emails
from accounts.text import genitive, in_each_language
from providers.models import BudgetFrame, FrameAlert
from providers.money import format_dkk
from requests_app.selectors.ledger import frame_used

THRESHOLDS = (75, 90, 100)


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
            people.update({user.pk: user for user in central_users()})
            text = in_each_language(partial(_alert_text, frame, threshold, used))
            # The notice opens the budget page of that very frame.
            ledger_url = (
                reverse("invoices:ledger")
                + "?"
                + urlencode({"provider": frame.provider_id, "period": frame.period_id})
            )
            Notification.objects.bulk_create(
                [
                    Notification(
                        user=user,
                        key=f"frame:{frame.pk}:{threshold}:{user.pk}",
                        url=ledger_url,
                        **text,
                    )
                    for user in people.values()
                ],
                ignore_conflicts=True,
            )
            transaction.on_commit(queue_notification_emails, robust=True)
            created += 1
    return created


def _alert_text(frame, threshold, used) -> tuple[str, str]:
    """The alert's subject and body in the active language: ``in_each_language`` makes the
    Danish (the e-mail's, whatever the language of whoever's action passed the threshold:
    QA) and the English."""
    # The name comes in the genitive: "RUC's", "Alectias", "CBS'" (Danish). One line is made of
    # it by ``in_each_language``.
    subject = _("%(provider_genitive)s frame for %(period)s has passed %(threshold)s %%") % {
        "provider_genitive": genitive(frame.provider.short_name),
        "period": frame.period.name,
        "threshold": threshold,
    }
    body = _("%(used)s of %(amount)s is used.") % {
        "used": format_dkk(used),
        "amount": format_dkk(frame.amount),
    }
    return subject, body


def check_all_frame_thresholds() -> int:
    """A catch-up for every frame (a handful of rows: providers times periods)."""
    frames = BudgetFrame.objects.select_related("provider", "period")
    return sum(check_frame_thresholds(frame) for frame in frames)
