"""The notification centre's e-mail: every stored notification is e-mailed once.

Notifications are people's, whatever app wrote them (deadlines, budget alerts …); this
module sends their e-mail and knows nothing of where they came from.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts.models import Notification


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
