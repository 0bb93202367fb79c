"""E-mail from the dialogue (issue 18, point 5): a burst is one e-mail per other participant,
never one to the author, with who wrote and a link, never what was written."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from accounts.mail import send_outbox
from accounts.models import Notification, OutgoingMail
from dialogue import services
from dialogue.notifications import MAIL_KIND

pytestmark = pytest.mark.django_db


def _send_at(moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return send_outbox()


def _dialogue_mails():
    return [m for m in mail.outbox if "dialogen" in m.subject]


def test_three_messages_in_ten_minutes_give_one_email_each_and_none_to_the_author(
    people, at_provider
):
    start = timezone.now()
    for minutes, body in [(0, "Første <script>x</script>"), (4, "Anden"), (9, "Tredje")]:
        with mock.patch(
            "django.utils.timezone.now", return_value=start + datetime.timedelta(minutes=minutes)
        ):
            services.message_post(request_pk=at_provider.pk, user=people["leader"], body=body)
    mail.outbox.clear()
    _send_at(start + datetime.timedelta(minutes=10))
    assert _dialogue_mails() == []  # the burst is still being collected
    _send_at(start + datetime.timedelta(minutes=16))
    sent = _dialogue_mails()
    assert sorted(m.to[0] for m in sent) == sorted([people["amr"].email, people["staff"].email])
    assert people["leader"].email not in {m.to[0] for m in sent}
    for message in sent:
        assert "3 nye beskeder" in message.subject
        assert message.body.count(str(people["leader"])) == 3
        for text in ["Første", "Anden", "Tredje", "script"]:
            assert text not in message.body
        assert f"/requests/{at_provider.pk}/#dialogue" in message.body
    # Nothing more in the next quarter of an hour, whatever is run.
    _send_at(start + datetime.timedelta(minutes=30))
    assert len(_dialogue_mails()) == 2


def test_a_message_after_the_mail_went_waits_a_quarter_of_an_hour_again(people, at_provider):
    services.message_post(request_pk=at_provider.pk, user=people["leader"], body="A")
    later = timezone.now() + datetime.timedelta(minutes=16)
    _send_at(later)
    with mock.patch("django.utils.timezone.now", return_value=later):
        services.message_post(request_pk=at_provider.pk, user=people["leader"], body="B")
    pending = OutgoingMail.objects.filter(kind=MAIL_KIND, sent_at__isnull=True)
    assert pending.count() == 2
    assert all(m.next_attempt_at >= later + datetime.timedelta(minutes=15) for m in pending)


def test_no_email_when_the_person_has_read_it_by_then(people, at_provider):
    message = services.message_post(request_pk=at_provider.pk, user=people["leader"], body="A")
    services.thread_mark_read(request=at_provider, user=people["amr"], up_to=message.created_at)
    mail.outbox.clear()
    _send_at(timezone.now() + datetime.timedelta(minutes=16))
    assert [m.to for m in _dialogue_mails()] == [[people["staff"].email]]


def test_the_bell_holds_one_line_per_thread_and_person(people, at_provider):
    for body in ["A", "B", "C"]:
        services.message_post(request_pk=at_provider.pk, user=people["leader"], body=body)
    bell = Notification.objects.filter(key__startswith=f"dialogue:{at_provider.pk}:")
    assert sorted(bell.values_list("user_id", flat=True)) == sorted(
        [people["amr"].pk, people["staff"].pk]
    )
    assert all(n.emailed_at is not None for n in bell)  # the collected mail tells them
    assert "A" not in "".join(bell.values_list("body", flat=True))
