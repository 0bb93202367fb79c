"""Celery tasks of accounts: sending the outbox and the notification centre's e-mail.

Both run after the commit that stored a mail and every minute from beat, so a mail whose
queueing failed (Redis down) or whose sending failed (SMTP down) still goes out later.
"""

from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def send_mail_queue() -> dict:
    from accounts.mail import send_outbox
    from accounts.notifications import send_pending_emails

    return {"outbox": send_outbox(), "notifications": send_pending_emails()}


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def send_notification_emails() -> int:
    from accounts.notifications import send_pending_emails

    return send_pending_emails()


def queue_mail_queue() -> None:
    """Queue the outbox's sender (``accounts.mail.queue_mail_send`` calls this)."""
    send_mail_queue.delay()


def queue_notification_emails() -> None:
    """Queue the sender; called after commit by whoever wrote new notifications."""
    send_notification_emails.delay()
