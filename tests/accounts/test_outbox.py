"""Mail is delayed, never lost (issue 10, points 3 and 11): every mail is stored with the
change it tells about, sent later, tried again with backoff, and shown when it fails."""

import datetime
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.mail import failed_mail_count, send_outbox
from accounts.models import Notification, OutgoingMail
from accounts.notifications import send_pending_emails
from accounts.tasks import send_mail_queue
from requests_app.services import deadline_scan
from requests_app.services import intake as services
from tests import factories

SEND = "django.core.mail.EmailMessage.send"


@pytest.fixture
def model2(db):
    workplace, leader, amr = factories.trio("sjaelland")
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    return {"workplace": workplace, "leader": leader, "amr": amr, "staff": staff}


def _notifications(user, *subjects):
    return [
        Notification.objects.create(user=user, key=f"t:{index}", subject=subject)
        for index, subject in enumerate(subjects)
    ]


@pytest.mark.django_db
def test_a_title_with_a_line_break_gives_one_line_subjects_and_mail_goes_out(model2):
    request = factories.complete_request(
        leader=model2["leader"], counterpart=model2["amr"], title="Trivsel\r\nog samarbejde"
    )
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    services.request_confirm(request_pk=request.pk, user=model2["amr"])
    later = timezone.now() + datetime.timedelta(days=30)
    deadline_scan.scan(now=later)
    notifications = Notification.objects.filter(user=model2["staff"], key__startswith="deadline:")
    assert notifications.exists()
    assert all("\n" not in n.subject and "\r" not in n.subject for n in notifications)
    mail.outbox.clear()
    assert send_pending_emails() == notifications.count()
    assert all("\n" not in message.subject for message in mail.outbox)


@pytest.mark.django_db
def test_a_mail_that_fails_is_tried_later_and_never_blocks_the_others(leader, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    first, *_rest = _notifications(leader, "Første", "Anden", "Tredje")
    sent = []

    def send(message):
        if message.subject == "Første":
            raise ValueError("Header values can't contain newlines")
        sent.append(message.subject)
        return 1

    with mock.patch(SEND, autospec=True, side_effect=send):
        assert send_pending_emails() == 2
        assert send_pending_emails() == 0  # the failing one is not due again yet
    assert sent == ["Anden", "Tredje"]
    first.refresh_from_db()
    assert first.emailed_at is None and first.attempts == 1
    assert first.next_attempt_at > timezone.now()
    assert "newlines" in first.last_error


@pytest.mark.django_db
def test_after_the_last_try_a_mail_is_failed_and_shown_to_central_users(
    client, central, leader, settings, time_machine
):
    settings.MAIL_MAX_ATTEMPTS = 2
    time_machine.move_to(timezone.now(), tick=False)
    (notification,) = _notifications(leader, "Påmindelse")
    with mock.patch(SEND, autospec=True, side_effect=smtplib.SMTPRecipientsRefused({})):
        send_pending_emails()
        time_machine.shift(datetime.timedelta(hours=1))
        send_pending_emails()
    notification.refresh_from_db()
    assert notification.failed_at is not None and notification.attempts == 2
    assert failed_mail_count() == 1
    # Failed for good: no further tries.
    with mock.patch(SEND, autospec=True) as send:
        time_machine.shift(datetime.timedelta(days=1))
        send_pending_emails()
    send.assert_not_called()

    client.force_login(leader)
    assert client.get(reverse("mail_failures")).status_code == 403
    client.force_login(central)
    assert "1 e-mail kunne ikke sendes" in client.get("/", follow=True).content.decode()
    page = client.get(reverse("mail_failures")).content.decode()
    assert "Påmindelse" in page and leader.email in page
    response = client.post(
        reverse("mail_failure_retry", kwargs={"kind": "notification", "pk": notification.pk})
    )
    assert response.status_code == 302
    mail.outbox.clear()
    assert send_pending_emails() == 1
    assert mail.outbox[0].subject == "Påmindelse"


@pytest.mark.django_db
def test_a_change_saved_while_the_broker_is_down_keeps_its_mail(
    model2, django_capture_on_commit_callbacks
):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    with (
        mock.patch.object(send_mail_queue, "delay", side_effect=OperationalError("Redis down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.request_submit(request_pk=request.pk, user=model2["leader"])
    request.refresh_from_db()
    assert request.status == "awaiting_counterpart"
    waiting = OutgoingMail.objects.get(sent_at__isnull=True)
    assert waiting.kind == "request_event"
    mail.outbox.clear()
    # Redis is back: beat's next run sends it, once.
    send_mail_queue.delay()
    send_mail_queue.delay()
    assert [message.to for message in mail.outbox] == [[model2["amr"].email]]


@pytest.mark.django_db
def test_smtp_down_delays_mail_and_stops_the_run(model2, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    for title in ("Et", "To"):
        request = factories.complete_request(
            leader=model2["leader"], counterpart=model2["amr"], title=title
        )
        services.request_submit(request_pk=request.pk, user=model2["leader"])
    with mock.patch(SEND, autospec=True, side_effect=ConnectionRefusedError) as send:
        assert send_outbox() == 0
    assert send.call_count == 1  # the second mail keeps its tries for when SMTP is back
    assert OutgoingMail.objects.filter(sent_at__isnull=True).count() == 2
    time_machine.shift(datetime.timedelta(minutes=5))
    mail.outbox.clear()
    assert send_outbox() == 2
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_rolled_back_change_stores_no_mail(model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    with pytest.raises(RuntimeError), transaction.atomic():
        services.request_submit(request_pk=request.pk, user=model2["leader"])
        raise RuntimeError
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db
def test_an_invitation_with_smtp_down_is_sent_when_it_is_back(
    client, central, django_capture_on_commit_callbacks
):
    region = factories.region("sjaelland")
    client.force_login(central)
    with (
        mock.patch(SEND, autospec=True, side_effect=ConnectionRefusedError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("invite_user"),
            {
                "email": "ny@example.dk",
                "first_name": "Ny",
                "last_name": "Koordinator",
                "role": "coordinator",
                "region": region.pk,
            },
            follow=True,
        )
    assert response.status_code == 200
    invitation = OutgoingMail.objects.get(kind="invitation")
    assert invitation.sent_at is None and invitation.attempts == 1
    invitation.next_attempt_at = timezone.now()
    invitation.save()
    mail.outbox.clear()
    assert send_outbox() == 1
    assert mail.outbox[0].to == ["ny@example.dk"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_password_reset_with_smtp_down_answers_and_keeps_the_mail(
    client, leader, django_capture_on_commit_callbacks
):
    with (
        mock.patch(SEND, autospec=True, side_effect=ConnectionRefusedError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("account_reset_password"), {"email": leader.email})
    assert response.status_code == 302
    assert OutgoingMail.objects.get(sent_at__isnull=True).recipients == leader.email
