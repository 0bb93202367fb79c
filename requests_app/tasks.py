"""Celery tasks of requests_app: the e-mail after a request event, and the deadline scan.

Tasks are an interface like views: they take primary keys and call a service or a reader.
"""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import OperationalError
from django.template.loader import render_to_string
from django.utils import translation

from requests_app.models import RequestEvent
from requests_app.notifications import recipients_for


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_event_email(self, event_pk: int) -> int:
    event = RequestEvent.objects.select_related("request__workplace", "actor").get(pk=event_pk)
    recipients = sorted(recipients_for(event))
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "event": event,
            "request": event.request,
            "url": settings.PORTAL_BASE_URL.rstrip("/") + event.request.get_absolute_url(),
        }
        # One line, whatever the title holds: a newline in a header is refused by send_mail.
        subject = " ".join(
            render_to_string("requests_app/email/event_subject.txt", context).split()
        )
        body = render_to_string("requests_app/email/event_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError as exc:
        raise self.retry(exc=exc) from exc
    return len(recipients)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def scan_deadlines() -> dict:
    """The periodic job (beat, every DEADLINE_SCAN_MINUTES): remind, escalate, alert."""
    from requests_app.services.deadline_scan import scan

    return scan()
