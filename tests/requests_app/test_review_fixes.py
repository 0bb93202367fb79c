"""Regression tests for problems a review found."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import notifications
from accounts.models import Notification
from requests_app.models import Contract, Deadline, Request, Status
from requests_app.services import contracts
from requests_app.services import intake as services
from requests_app.services.base import RequestError
from tests import factories


@pytest.fixture
def dialogue(model2):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    return {**model2, "request": request}


def draft_and_accept_by_provider(d):
    contracts.contract_draft(
        request_pk=d["request"].pk, user=d["staff"], data=factories.contract_data(), activities=[]
    )
    contracts.contract_accept(request_pk=d["request"].pk, user=d["staff"], version_number=1)


@pytest.mark.django_db
def test_redirect_discards_the_draft_contract_of_the_provider_that_declined(dialogue):
    d = dialogue
    draft_and_accept_by_provider(d)
    services.request_decline(request_pk=d["request"].pk, user=d["staff"], reason="no_capacity")
    services.request_redirect(
        request_pk=d["request"].pk, user=d["leader"], provider=factories.provider("cbs")
    )
    assert not Contract.objects.filter(request=d["request"]).exists()
    services.request_confirm(request_pk=d["request"].pk, user=d["amr"])
    services.request_start_dialogue(
        request_pk=d["request"].pk, user=d["other_staff"], started_on=timezone.localdate()
    )
    with pytest.raises(RequestError):
        contracts.contract_accept(request_pk=d["request"].pk, user=d["leader"], version_number=1)
    contracts.contract_draft(
        request_pk=d["request"].pk,
        user=d["other_staff"],
        data=factories.contract_data(),
        activities=[],
    )
    assert d["request"].contract.current.provider_accepted_by is None


@pytest.mark.django_db
def test_conclusion_needs_the_current_providers_own_staff(dialogue):
    d = dialogue
    draft_and_accept_by_provider(d)
    version = d["request"].contract.current
    version.provider_accepted_by = d["other_staff"]
    version.save()
    with pytest.raises(RequestError, match="egne medarbejdere"):
        contracts.contract_accept(request_pk=d["request"].pk, user=d["leader"], version_number=1)
    assert not Contract.objects.get(request=d["request"]).is_concluded


@pytest.mark.django_db
def test_accepting_before_any_draft_is_a_message_not_an_error(client, dialogue):
    client.force_login(dialogue["leader"])
    response = client.post(
        reverse("requests:contract_accept", kwargs={"pk": dialogue["request"].pk}),
        {"version": "1"},
        follow=True,
    )
    assert response.status_code == 200
    assert "ingen kontrakt" in response.content.decode()


@pytest.mark.django_db
def test_central_party_cannot_make_itself_superuser_in_the_admin(client, settings):
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    central = get_user_model().objects.get(email="central@demo.dk")
    client.force_login(central)
    url = reverse("admin:accounts_user_change", args=[central.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    client.post(
        url,
        {
            "email": central.email,
            "first_name": "C",
            "last_name": "C",
            "is_active": "on",
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    central.refresh_from_db()
    assert not central.is_superuser


@pytest.mark.django_db
def test_a_failed_email_does_not_resend_the_ones_before(dialogue, time_machine):
    d = dialogue
    factories.clear_bell()
    for index in range(3):
        Notification.objects.create(user=d["staff"], key=f"test:{index}", subject=f"S{index}")
    calls = []

    def flaky(message):
        calls.append(message.subject)
        if message.subject == "S1" and calls.count("S1") == 1:
            raise OSError("SMTP down")
        return 1

    time_machine.move_to(timezone.now(), tick=False)
    with mock.patch("django.core.mail.EmailMessage.send", autospec=True, side_effect=flaky):
        # SMTP down at S1: S0 stays sent, S1 waits for its next try, the run stops there.
        assert notifications.send_pending_emails() == 1
        assert Notification.objects.filter(emailed_at__isnull=False).count() == 1
        # The next run does not start with the failing one: S2 goes out, S1 is not due yet.
        assert notifications.send_pending_emails() == 1
        time_machine.shift(datetime.timedelta(minutes=2))
        assert notifications.send_pending_emails() == 1
    assert calls == ["S0", "S1", "S2", "S1"]
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


@pytest.mark.django_db
def test_amendment_keeps_the_delivery_deadline_when_the_date_is_unchanged(dialogue):
    d = dialogue
    draft_and_accept_by_provider(d)
    contracts.contract_accept(request_pk=d["request"].pk, user=d["leader"], version_number=1)
    delivery = Deadline.objects.get(request=d["request"], kind="delivery")
    contracts.contract_edit(
        request_pk=d["request"].pk,
        user=d["staff"],
        data=factories.contract_data(price=Decimal("13000")),
        activities=[],
    )
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=d["request"].pk, user=user, version_number=2)
    open_delivery = Deadline.objects.filter(
        request=d["request"], kind="delivery", cancelled_at__isnull=True
    )
    assert list(open_delivery) == [delivery]
    contracts.contract_edit(
        request_pk=d["request"].pk,
        user=d["staff"],
        data=factories.contract_data(planned_delivery_on=datetime.date(2016, 12, 20)),
        activities=[],
    )
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=d["request"].pk, user=user, version_number=3)
    reopened = Deadline.objects.get(
        request=d["request"], kind="delivery", cancelled_at__isnull=True
    )
    assert timezone.localtime(reopened.opens_at).date() == datetime.date(2016, 12, 20)


@pytest.mark.django_db
def test_calendar_shows_the_accepted_version_not_a_pending_amendment(client, dialogue):
    d = dialogue
    contracts.contract_draft(
        request_pk=d["request"].pk,
        user=d["staff"],
        data=factories.contract_data(),
        activities=factories.activities(),
    )
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=d["request"].pk, user=user, version_number=1)
    contracts.contract_edit(
        request_pk=d["request"].pk,
        user=d["staff"],
        data=factories.contract_data(),
        activities=[
            {
                "description": "Ikke aftalt endnu",
                "starts_on": datetime.date(2016, 10, 5),
                "ends_on": None,
                "place": "",
                "hours": None,
            }
        ],
    )
    client.force_login(d["leader"])
    body = client.get(reverse("requests:contract_ics", kwargs={"pk": d["request"].pk}))
    assert "Workshop 1" in body.content.decode()
    assert "Ikke aftalt endnu" not in body.content.decode()


@pytest.mark.django_db
def test_an_editor_outside_the_pair_counts_as_the_initiators_side(model2):
    colleague = factories.MembershipFactory(workplace=model2["workplace"], role="tr").user
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    services.request_update(request=request, user=colleague, data={"wishes": "Justeret af TR"})
    services.request_submit(request_pk=request.pk, user=colleague)
    with pytest.raises(RequestError):
        services.request_confirm(request_pk=request.pk, user=model2["leader"])
    request = services.request_confirm(request_pk=request.pk, user=model2["amr"])
    assert request.status == Status.AT_PROVIDER


@pytest.mark.django_db
def test_med_side_edit_is_confirmed_by_the_initiator_not_another_med_member(model2):
    med1 = factories.MembershipFactory(workplace=model2["workplace"], role="med").user
    med2 = factories.MembershipFactory(workplace=model2["workplace"], role="med").user
    request = factories.complete_request(
        leader=model2["leader"], counterpart=None, counterpart_kind=Request.CounterpartKind.MED
    )
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    services.request_update(request=request, user=med1, data={"wishes": "MED's version"})
    with pytest.raises(RequestError):
        services.request_confirm(request_pk=request.pk, user=med2)
    request = services.request_confirm(request_pk=request.pk, user=model2["leader"])
    assert request.status == Status.AT_PROVIDER


@pytest.mark.django_db
def test_an_existing_account_is_not_added_to_the_workplace_by_invitation(client, model2):
    stranger = factories.ProviderStaffFactory().user
    request = factories.complete_request(
        leader=model2["leader"], counterpart=None, counterpart_kind=""
    )
    client.force_login(model2["leader"])
    response = client.post(
        reverse("requests:step", kwargs={"pk": request.pk, "step": "counterpart"}),
        {"counterpart_choice": "invite", "invite_email": stranger.email, "invite_role": "amr"},
    )
    assert response.status_code == 200
    assert "allerede en konto" in response.content.decode()
    assert not stranger.memberships.exists()
    with pytest.raises(RequestError):
        services.invite_counterpart(
            request=request,
            email=stranger.email,
            role="amr",
            inviter=model2["leader"],
        )


@pytest.mark.django_db
def test_email_subject_is_plain_text_on_one_line(model2, django_capture_on_commit_callbacks):
    request = factories.complete_request(
        leader=model2["leader"],
        counterpart=model2["amr"],
        title="Trivsel & samarbejde\nnæste linje",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.request_submit(request_pk=request.pk, user=model2["leader"])
    assert mail.outbox[0].subject.startswith("Anmodning “Trivsel & samarbejde næste linje”")
