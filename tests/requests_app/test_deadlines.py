"""The deadline engine with time-machine: reminders before, escalations after, never twice."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts import notifications
from accounts.models import Notification
from accounts.selectors import central_users
from providers.models import BudgetFrame, FrameAlert
from requests_app.models import Deadline
from requests_app.services import contracts, deadline_scan, deadlines, frame_alerts
from requests_app.services import intake as services
from tests import factories

CPH = ZoneInfo("Europe/Copenhagen")
START = datetime.datetime(2016, 6, 1, 10, 0, tzinfo=CPH)


def at(days=0, hours=0):
    return time_machine.travel(START + datetime.timedelta(days=days, hours=hours), tick=False)


def scan():
    return deadline_scan.scan()


def keys(stage=None):
    """What the scan wrote (not the bell notices the test's own steps made)."""
    found = list(
        Notification.objects.exclude(key__startswith="event:").values_list("key", flat=True)
    )
    return [key for key in found if stage is None or f":{stage}:" in key]


@pytest.fixture
def sent(model2):
    """A request that reached NFA at START, with a central-party user watching."""
    central = factories.CentralPartyFactory().user
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    with at():
        services.request_submit(request_pk=request.pk, user=model2["leader"])
        services.request_confirm(request_pk=request.pk, user=model2["amr"])
    factories.clear_bell()
    return {**model2, "request": request, "central": central}


@pytest.mark.django_db
def test_reaching_the_provider_opens_dialogue_and_contract_deadlines(sent):
    kinds = set(Deadline.objects.filter(request=sent["request"]).values_list("kind", flat=True))
    assert kinds == {"dialogue", "contract"}
    dialogue = Deadline.objects.get(kind="dialogue")
    assert timezone.localtime(dialogue.remind_at) == START + datetime.timedelta(days=5)
    contract = Deadline.objects.get(kind="contract")
    assert timezone.localtime(contract.remind_at) == START + datetime.timedelta(days=21)


@pytest.mark.django_db
def test_dialogue_reminder_two_days_before_then_escalation(sent):
    with at(days=4):
        scan()
    assert keys() == []
    with at(days=5, hours=1):
        scan()
        scan()
    assert sorted(keys("reminded")) == [
        f"deadline:{Deadline.objects.get(kind='dialogue').pk}:reminded:{sent['staff'].pk}"
    ]
    with at(days=7, hours=1):
        scan()
        scan()
    escalated = {key.rsplit(":", 1)[1] for key in keys("escalated")}
    assert escalated == {str(sent["staff"].pk), str(sent["central"].pk)}
    assert str(sent["other_staff"].pk) not in escalated
    with at(days=9):
        scan()
    assert Notification.objects.count() == 3


@pytest.mark.django_db
def test_nothing_when_the_dialogue_starts_in_time(sent):
    with at(days=3):
        services.request_start_dialogue(
            request_pk=sent["request"].pk, user=sent["staff"], started_on=timezone.localdate()
        )
    with at(days=8):
        scan()
    assert not any(f":{Deadline.objects.get(kind='dialogue').pk}:" in key for key in keys())


@pytest.mark.django_db
def test_contract_reminder_seven_days_before_and_escalation(sent):
    with at(days=1):
        services.request_start_dialogue(
            request_pk=sent["request"].pk, user=sent["staff"], started_on=timezone.localdate()
        )
    with at(days=20):
        scan()
    assert keys() == []
    with at(days=21, hours=1):
        scan()
    contract_deadline = Deadline.objects.get(kind="contract")
    assert keys("reminded") == [f"deadline:{contract_deadline.pk}:reminded:{sent['staff'].pk}"]
    with at(days=28, hours=1):
        scan()
    assert len(keys("escalated")) == 2


@pytest.mark.django_db
def test_concluded_contract_meets_its_deadline_and_opens_delivery(sent):
    with at(days=1):
        services.request_start_dialogue(
            request_pk=sent["request"].pk, user=sent["staff"], started_on=timezone.localdate()
        )
        contracts.contract_draft(
            request_pk=sent["request"].pk,
            user=sent["staff"],
            data=factories.contract_data(),
            activities=[],
        )
        for user in (sent["staff"], sent["leader"]):
            contracts.contract_accept(request_pk=sent["request"].pk, user=user, version_number=1)
    contract_deadline = Deadline.objects.get(kind="contract")
    assert contract_deadline.met_at is not None
    delivery = Deadline.objects.get(kind="delivery", met_at__isnull=True)
    assert timezone.localtime(delivery.opens_at).date() == datetime.date(2016, 11, 30)
    with at(days=40):
        scan()
    assert keys() == []
    # The planned delivery date has come: the workplace is told to attest.
    with time_machine.travel(datetime.datetime(2016, 11, 30, 8, 0, tzinfo=CPH), tick=False):
        scan()
        scan()
    opened = keys("opened")
    assert {key.rsplit(":", 1)[1] for key in opened} == {
        str(sent["leader"].pk),
        str(sent["amr"].pk),
    }
    # Due at midnight: the notice names the last whole day, not "kl. 00.00" the day after.
    due = timezone.localtime(delivery.due_at)
    assert due.time() == datetime.time.min
    body = Notification.objects.get(key=opened[0]).body
    last_day = date_format(due.date() - datetime.timedelta(days=1), "SHORT_DATE_FORMAT")
    assert f"Frist: udgangen af {last_day}." in body
    assert "kl. 00.00" not in body
    with time_machine.travel(datetime.datetime(2016, 12, 15, 8, 0, tzinfo=CPH), tick=False):
        scan()
    assert len(keys("escalated")) == 2


@pytest.mark.django_db
def test_evaluations_open_remind_and_escalate(sent):
    with at(days=1):
        services.request_start_dialogue(
            request_pk=sent["request"].pk, user=sent["staff"], started_on=timezone.localdate()
        )
        contracts.contract_draft(
            request_pk=sent["request"].pk,
            user=sent["staff"],
            data=factories.contract_data(planned_delivery_on=datetime.date(2016, 6, 5)),
            activities=[],
        )
        for user in (sent["staff"], sent["leader"]):
            contracts.contract_accept(request_pk=sent["request"].pk, user=user, version_number=1)
    with at(days=4):
        contracts.delivery_attest(
            request_pk=sent["request"].pk, user=sent["amr"], delivered_on=timezone.localdate()
        )
    evaluation = Deadline.objects.get(kind="evaluation")
    follow_up = Deadline.objects.get(kind="follow_up")
    assert timezone.localtime(follow_up.opens_at).date() == datetime.date(2016, 9, 5)
    assert timezone.localtime(follow_up.due_at).date() == datetime.date(2016, 12, 5)
    with at(days=4, hours=1):
        scan()
    assert any(f":{evaluation.pk}:opened:" in key for key in keys())
    with at(days=15, hours=1):
        scan()
    assert any(f":{evaluation.pk}:reminded:" in key for key in keys())
    with at(days=19):
        scan()
    assert any(f":{evaluation.pk}:escalated:" in key for key in keys())
    assert not any(f":{follow_up.pk}:" in key for key in keys())
    with time_machine.travel(datetime.datetime(2016, 9, 5, 12, 0, tzinfo=CPH), tick=False):
        scan()
    assert any(f":{follow_up.pk}:opened:" in key for key in keys())
    with time_machine.travel(datetime.datetime(2016, 11, 22, 12, 0, tzinfo=CPH), tick=False):
        scan()
    assert any(f":{follow_up.pk}:reminded:" in key for key in keys())
    with time_machine.travel(datetime.datetime(2016, 12, 6, 12, 0, tzinfo=CPH), tick=False):
        scan()
        scan()
    assert sum(f":{follow_up.pk}:escalated:" in key for key in keys()) == 2


@pytest.mark.django_db
def test_decline_cancels_deadlines(sent):
    with at(days=1):
        services.request_decline(
            request_pk=sent["request"].pk, user=sent["staff"], reason="no_capacity"
        )
    with at(days=30):
        scan()
    assert keys() == []


@pytest.mark.django_db
def test_each_notification_is_emailed_once(sent, django_capture_on_commit_callbacks):
    with at(days=5, hours=1), django_capture_on_commit_callbacks(execute=True):
        scan()
        scan()
    assert [message.to for message in mail.outbox] == [[sent["staff"].email]]
    assert "Påmindelse" in mail.outbox[0].subject
    assert notifications.send_pending_emails() == 0


@pytest.mark.django_db
def test_budget_thresholds_are_told_once_each(model2):
    central = factories.CentralPartyFactory().user
    frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")
    frame.amount = Decimal("100000")
    frame.save()

    def conclude(price):
        request = factories.request_in_dialogue(
            leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
        )
        contracts.contract_draft(
            request_pk=request.pk,
            user=model2["staff"],
            data=factories.contract_data(price=Decimal(price)),
            activities=[],
        )
        for user in (model2["staff"], model2["leader"]):
            contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)

    conclude("70000")
    frame_alerts.check_frame_thresholds(frame)
    assert not FrameAlert.objects.exists()
    conclude("21000")
    frame_alerts.check_all_frame_thresholds()
    frame_alerts.check_all_frame_thresholds()
    assert set(FrameAlert.objects.values_list("threshold", flat=True)) == {75, 90}
    conclude("9000")
    frame_alerts.check_all_frame_thresholds()
    assert set(FrameAlert.objects.values_list("threshold", flat=True)) == {75, 90, 100}
    for user in (model2["staff"], central):
        assert Notification.objects.filter(user=user, key__startswith="frame:").count() == 3
    assert not Notification.objects.filter(user=model2["other_staff"]).exists()


@pytest.mark.django_db
def test_sla_facts(sent):
    request = sent["request"]
    with at(days=9):
        services.request_start_dialogue(
            request_pk=request.pk, user=sent["staff"], started_on=timezone.localdate()
        )
        request.refresh_from_db()
        facts = request.sla_facts()
    assert facts["dialogue"] == {"met": True, "days_late": 2}
    assert facts["contract"] == {"met": False, "days_late": 0}
    with at(days=31):
        assert request.sla_facts()["contract"] == {"met": False, "days_late": 3}


@pytest.mark.django_db
def test_notification_centre_bell_and_reading(client, sent):
    with at(days=5, hours=1):
        scan()
    client.force_login(sent["staff"])
    content = client.get("/").content.decode()
    assert 'id="unread-count">1' in content
    response = client.get(reverse("notifications"))
    notification = Notification.objects.get(user=sent["staff"])
    assert notification.subject in response.content.decode()
    response = client.get(reverse("notification_open", kwargs={"pk": notification.pk}))
    assert response.url == sent["request"].get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert 'id="unread-count"' not in client.get("/").content.decode()
    client.force_login(sent["leader"])
    assert (
        client.get(reverse("notification_open", kwargs={"pk": notification.pk})).status_code == 404
    )


@pytest.mark.django_db
def test_scan_task_runs_through_celery(sent):
    from requests_app.tasks import scan_deadlines

    with at(days=5, hours=1):
        result = scan_deadlines.delay().get()
    assert result["reminded"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [k.value for k in Deadline.Kind])
def test_no_notification_for_any_kind_met_in_time(sent, kind):
    Deadline.objects.filter(request=sent["request"]).delete()
    with at():
        deadlines.deadline_open(
            sent["request"], kind, opens_at=START, due_at=START + datetime.timedelta(days=20)
        )
    with at(days=1):
        deadlines.deadline_meet(sent["request"], kind)
    with at(days=60):
        scan()
    assert keys() == []


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [k.value for k in Deadline.Kind])
def test_every_kind_is_reminded_and_escalated_once(sent, kind):
    Deadline.objects.filter(request=sent["request"]).delete()
    with at():
        deadline = deadlines.deadline_open(
            sent["request"], kind, due_at=START + datetime.timedelta(days=20)
        )
    with at(days=19, hours=23):
        scan()
        scan()
    reminded = keys("reminded")
    assert reminded and all(f":{deadline.pk}:" in key for key in reminded)
    with at(days=21):
        scan()
        scan()
    escalated = keys("escalated")
    recipients = deadline_scan.recipients(deadline, "escalated", central_users())
    assert len(escalated) == len(recipients) > 0
    assert len(set(reminded + escalated)) == Notification.objects.count()


def test_a_deadline_with_an_hour_keeps_it_and_one_at_midnight_is_the_day_before():
    afternoon = datetime.datetime(2027, 2, 7, 15, 48, tzinfo=CPH)
    midnight = datetime.datetime(2027, 2, 7, 0, 0, tzinfo=CPH)
    assert deadline_scan.due_text(afternoon) == "7. feb. 2027 kl. 15.48"
    assert deadline_scan.due_text(midnight) == "udgangen af 6. feb. 2027"
    # Midnight in Copenhagen, whatever the stored time zone.
    assert deadline_scan.due_text(midnight.astimezone(datetime.UTC)) == "udgangen af 6. feb. 2027"
