"""Celery tasks of accounts: e-mailing the notification centre's new notifications."""

from celery import shared_task
from django.db import OperationalError


@shared_task(
    acks_late=True, autoretry_for=(OSError, OperationalError), retry_backoff=True, max_retries=5
)
def send_notification_emails() -> int:
    from accounts.notifications import send_pending_emails

    return send_pending_emails()


def queue_notification_emails() -> None:
    """Queue the sender; called after commit by whoever wrote new notifications."""
    send_notification_emails.delay()
