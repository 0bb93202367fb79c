"""SMTP down (issue 16, Faults): mail waits in the outbox and goes out, once, when the mail
server is back — against a real SMTP conversation on loopback, not a mock: first the sender
itself, then the same through a real Celery worker process on Redis (PostgreSQL)."""

import datetime

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from accounts.mail import mail_enqueue, send_outbox
from accounts.models import OutgoingMail
from tests.faults.services import SmtpSink, free_port

pytestmark = pytest.mark.django_db(transaction=True)


def test_mail_waits_while_smtp_is_down_and_goes_out_once_when_it_returns(settings):
    port = free_port()  # nothing listens here yet: the mail server is down
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    with transaction.atomic():
        mail = mail_enqueue(kind="test", recipients=["amr@example.dk"], subject="Frist", body="Hej")

    assert send_outbox() == 0
    mail.refresh_from_db()
    assert mail.sent_at is None and mail.failed_at is None
    assert mail.attempts >= 1 and mail.last_error
    assert mail.next_attempt_at > timezone.now()

    with SmtpSink(port) as sink:
        assert send_outbox() == 0  # not before its next attempt: the backoff holds
        later = mail.next_attempt_at + datetime.timedelta(seconds=1)
        with time_machine.travel(later, tick=False):
            assert send_outbox() == 1
            assert send_outbox() == 0
        assert len(sink.messages) == 1
        assert "Subject: Frist" in sink.messages[0]
    mail.refresh_from_db()
    assert mail.sent_at is not None
    assert OutgoingMail.objects.filter(sent_at__isnull=True).count() == 0


@pytest.mark.postgres
def test_a_celery_worker_keeps_the_mail_while_smtp_is_down_and_sends_it_once(queue):
    """The worker's task (``send_mail_queue``) meets a mail server that is down, records the
    try and keeps the mail; when the server is back and the mail's next attempt is due, the
    task sends it once, and running it again sends nothing more."""
    from accounts.tasks import send_mail_queue
    from tests.requests_app.test_celery_worker import Worker, wait_for

    port = free_port()  # nothing listens here yet: the mail server is down
    with transaction.atomic():
        mail = mail_enqueue(kind="test", recipients=["amr@example.dk"], subject="Frist", body="Hej")
    worker = Worker(queue, env={"EMAIL_URL": f"smtp://127.0.0.1:{port}"})
    try:
        send_mail_queue.apply_async(queue=queue)
        assert wait_for(lambda: OutgoingMail.objects.get(pk=mail.pk).attempts >= 1, seconds=90)
        mail.refresh_from_db()
        assert mail.sent_at is None and mail.failed_at is None and mail.last_error
        with SmtpSink(port) as sink:
            # The backoff has passed (a minute after the first try): the mail is due again.
            OutgoingMail.objects.filter(pk=mail.pk).update(next_attempt_at=timezone.now())
            send_mail_queue.apply_async(queue=queue)
            assert wait_for(lambda: OutgoingMail.objects.get(pk=mail.pk).sent_at, seconds=60)
            send_mail_queue.apply_async(queue=queue)
            assert not wait_for(lambda: len(sink.messages) > 1, seconds=5)
            assert len(sink.messages) == 1
            assert "Subject: Frist" in sink.messages[0]
    finally:
        worker.stop()
