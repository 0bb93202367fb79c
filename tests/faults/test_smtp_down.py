"""SMTP down (issue 16, Faults): mail waits in the outbox and goes out, once, when the mail
server is back — against a real SMTP conversation on loopback, not a mock."""

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
