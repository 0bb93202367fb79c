"""Celery tasks of requests_app: the deadline scan. (An event's e-mail goes through the
outbox in accounts; ``notifications.event_mail`` writes it out.)

Tasks are an interface like views: they take primary keys and call a service or a reader.
"""

from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def scan_deadlines() -> dict:
    """The periodic job (beat, every DEADLINE_SCAN_MINUTES): remind, escalate, alert."""
    from requests_app.services.deadline_scan import scan

    return scan()


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def anonymise_expired_free_text() -> int:
    """The nightly job (beat): free text of requests closed longer than the retention period."""
    from requests_app.services.retention import anonymise_expired_free_text as anonymise

    total = 0
    while done := anonymise():
        total += done
    return total
