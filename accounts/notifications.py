"""The notification centre's e-mail: every stored notification is e-mailed once.

Notifications are people's, whatever app wrote them (deadlines, budget alerts …); this
module sends their e-mail and knows nothing of where they came from. The notification row
is its own outbox entry, sent, tried again and marked failed as ``accounts.mail`` does.
"""

from django.conf import settings
from django.core.mail import EmailMessage

from accounts.mail import deliver_pending, one_line
from accounts.models import Notification


def _message(notification: Notification) -> EmailMessage:
    link = settings.PORTAL_BASE_URL.rstrip("/") + notification.url
    return EmailMessage(
        one_line(notification.subject),
        f"{notification.body}\n\n{link}\n",
        settings.DEFAULT_FROM_EMAIL,
        [notification.user.email],
    )


def send_pending_emails(limit: int = 500) -> int:
    """E-mail notifications not yet e-mailed; each once, even with several workers."""
    return deliver_pending(
        Notification,
        sent_field="emailed_at",
        message_of=_message,
        limit=limit,
        related=("user",),
    )
