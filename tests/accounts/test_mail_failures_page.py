"""The central parties' list of failed mail (QA on the demo data): a request event's mail
shows its subject and recipients, not the outbox's internal key; dates are the portal's
Danish ones; and sending again a mail that is not there says so instead of "sent again"."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.mail import mail_summary
from accounts.models import Notification, OutgoingMail
from requests_app.models import RequestEvent
from requests_app.services import intake
from tests import factories

FAILED = datetime.datetime(2026, 12, 7, 15, 53, tzinfo=ZoneInfo("Europe/Copenhagen"))


@pytest.fixture
def failed_event_mail(db):
    workplace, leader, amr = factories.trio("sjaelland")
    request = factories.complete_request(leader=leader, counterpart=amr, title="Trivsel i køkkenet")
    intake.request_submit(request_pk=request.pk, user=leader)
    event = RequestEvent.objects.get(request=request, action="request.submitted")
    mail = OutgoingMail.objects.get(kind="request_event", source_id=event.pk)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        failed_at=FAILED, attempts=5, last_error="SMTPRecipientsRefused: {}"
    )
    return mail, amr


@pytest.mark.django_db
def test_a_request_events_mail_shows_its_subject_and_recipients(client, central, failed_event_mail):
    mail, amr = failed_event_mail
    client.force_login(central)
    page = client.get(reverse("mail_failures")).content.decode()
    row = re.search(r'<table[^>]*id="failed-outbox".*?</table>', page, re.S).group(0)
    assert f"request_event {mail.source_id}" not in row
    assert "Trivsel i køkkenet" in row
    assert amr.email in row
    assert "7. dec. 2026 kl. 15.53" in row
    assert "Dec" not in row


@pytest.mark.django_db
def test_a_mail_whose_source_is_gone_says_so(failed_event_mail):
    mail, _amr = failed_event_mail
    RequestEvent.objects.filter(pk=mail.source_id).delete()
    mail.refresh_from_db()
    subject, recipients = mail_summary(mail)
    assert "request_event" not in subject
    assert recipients == []


@pytest.mark.django_db
def test_a_stored_mail_keeps_its_own_subject_and_recipients(central):
    mail = OutgoingMail.objects.create(
        kind="invitation", recipients="a@example.dk,b@example.dk", subject="Invitation"
    )
    assert mail_summary(mail) == ("Invitation", ["a@example.dk", "b@example.dk"])


@pytest.mark.django_db
def test_notifications_show_danish_dates(client, central, leader):
    Notification.objects.create(user=leader, key="x", subject="Påmindelse", failed_at=FAILED)
    client.force_login(central)
    page = client.get(reverse("mail_failures")).content.decode()
    assert "kl. 15.53" in page
    assert "Dec" not in page


def test_the_page_names_the_portals_date_formats():
    text = (Path(settings.BASE_DIR) / "templates" / "accounts" / "mail_failures.html").read_text()
    arguments = re.findall(r"\|date:[\"']([^\"']*)[\"']", text)
    assert arguments and all(argument.endswith("_FORMAT") for argument in arguments)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["outbox", "notification"])
def test_sending_again_a_mail_that_is_not_there_is_an_error(client, central, kind):
    client.force_login(central)
    response = client.post(reverse("mail_failure_retry", kwargs={"kind": kind, "pk": 99999}))
    assert response.status_code == 302
    (message,) = get_messages(response.wsgi_request)
    assert message.level_tag == "error"
    assert "sendes igen" not in str(message)
    assert "Der findes ingen sådan fejlet e-mail" in str(message)


@pytest.mark.django_db
def test_sending_again_a_failed_mail_still_says_so(client, central, failed_event_mail):
    mail, _amr = failed_event_mail
    client.force_login(central)
    response = client.post(reverse("mail_failure_retry", kwargs={"kind": "outbox", "pk": mail.pk}))
    (message,) = get_messages(response.wsgi_request)
    assert message.level_tag == "success"
    mail.refresh_from_db()
    assert mail.failed_at is None and mail.attempts == 0
    # A second time there is nothing left to send again.
    response = client.post(reverse("mail_failure_retry", kwargs={"kind": "outbox", "pk": mail.pk}))
    assert list(get_messages(response.wsgi_request))[-1].level_tag == "error"
