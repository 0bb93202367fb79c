"""A coordinator who is a party to a request does not act on it for the region.

A leader who is also the region's coordinator could send a request and approve it for the
region, or attest its delivery as a local party and then its invoice for the region: the
two steps meant for two people's eyes taken by one. The region's other coordinators act
instead; the party still sees and acts on the request as a local party.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import RegionalCoordinator
from accounts.roles import refresh_roles
from requests_app import permissions
from requests_app.models import RequestEvent, Status
from requests_app.notifications import recipients_for
from requests_app.selectors import invoices as invoice_selectors
from requests_app.selectors import requests as request_selectors
from requests_app.selectors.start_page import start_page
from requests_app.services import contracts, invoices
from requests_app.services import intake as services
from requests_app.services.base import RequestError
from tests import factories
from tests.requests_app.test_invoices import attest_delivery, concluded, submit  # noqa: F401
from tests.requests_app.test_services import send_and_confirm


def _coordinator_too(user, workplace):
    RegionalCoordinator.objects.create(user=user, region=workplace.region)
    refresh_roles(user)  # forget the roles read so far
    return user


@pytest.fixture
def awaiting_region(model1):
    """A model-1 request waiting for the region, sent by a leader who also coordinates it."""
    leader = _coordinator_too(model1["leader"], model1["workplace"])
    request = send_and_confirm(
        model1, factories.complete_request(leader=leader, counterpart=model1["amr"])
    )
    assert request.status == Status.AWAITING_REGION
    return {**model1, "leader": leader, "request": request}


@pytest.mark.django_db
def test_the_sender_cannot_approve_their_own_request_for_the_region(awaiting_region):
    d = awaiting_region
    leader, request = d["leader"], d["request"]
    assert not {"region_approve", "region_return"} & set(
        permissions.available_actions(leader, request)
    )
    with pytest.raises(RequestError, match="regionens koordinator"):
        services.request_region_approve(request_pk=request.pk, user=leader)
    # They still see it, as a local party.
    assert permissions.can_view(leader, request)
    assert "withdraw" in permissions.available_actions(leader, request)
    request = services.request_region_approve(request_pk=request.pk, user=d["coordinator"])
    assert request.region_approved_by == d["coordinator"]


@pytest.mark.django_db
def test_a_colleague_at_the_workplace_cannot_approve_either(awaiting_region):
    d = awaiting_region
    colleague = factories.MembershipFactory(workplace=d["workplace"], role="amr").user
    colleague = _coordinator_too(colleague, d["workplace"])
    with pytest.raises(RequestError):
        services.request_region_approve(request_pk=d["request"].pk, user=colleague)


@pytest.mark.django_db
def test_the_region_queue_the_waiting_line_and_the_mail_leave_the_party_out(awaiting_region):
    d = awaiting_region
    leader, coordinator, request = d["leader"], d["coordinator"], d["request"]
    assert list(request_selectors.awaiting_region(user=leader)) == []
    assert list(request_selectors.awaiting_region(user=coordinator)) == [request]
    waiting = request_selectors.waiting_for(request)
    assert waiting.user_ids == {coordinator.pk}
    assert str(leader) not in waiting.who and str(coordinator) in waiting.who
    confirmed = RequestEvent.objects.filter(request=request, action="request.confirmed").get()
    assert recipients_for(confirmed) == {coordinator.email}


@pytest.mark.django_db
def test_with_no_other_coordinator_the_central_parties_act_for_the_region(awaiting_region):
    """Never waiting for nobody: when every coordinator of the region is a party to the
    request, the central parties approve it (and are asked to)."""
    d = awaiting_region
    RegionalCoordinator.objects.filter(user=d["coordinator"]).delete()
    central = factories.CentralPartyFactory().user
    request = d["request"]
    waiting = request_selectors.waiting_for(request)
    assert waiting.user_ids == {central.pk}
    assert waiting.who == "Danske Regioner, på vegne af Region Hovedstaden"
    confirmed = RequestEvent.objects.filter(request=request, action="request.confirmed").get()
    assert recipients_for(confirmed) == {central.email}
    assert "region_approve" in permissions.available_actions(central, request)
    with pytest.raises(RequestError):
        services.request_region_approve(request_pk=request.pk, user=d["leader"])
    request = services.request_region_approve(request_pk=request.pk, user=central)
    assert request.region_approved_by == central


@pytest.mark.django_db
def test_while_a_coordinator_acts_the_central_parties_do_not(awaiting_region):
    central = factories.CentralPartyFactory().user
    assert "region_approve" not in permissions.available_actions(
        central, awaiting_region["request"]
    )


@pytest.mark.django_db
def test_a_coordinator_who_sent_it_and_left_the_workplace_still_sees_it(awaiting_region):
    d = awaiting_region
    d["leader"].memberships.all().delete()
    refresh_roles(d["leader"])
    assert permissions.can_view(d["leader"], d["request"])
    assert "region_approve" not in permissions.available_actions(d["leader"], d["request"])


@pytest.mark.django_db
def test_who_attested_the_delivery_cannot_attest_the_invoice_for_the_region(concluded):  # noqa: F811
    d = concluded
    leader = _coordinator_too(d["leader"], d["workplace"])
    attest_delivery(d)
    invoice = submit(d)
    invoice.refresh_from_db()
    assert invoice.state == invoice.State.AWAITING_REGION
    assert "invoice_attest" not in permissions.available_actions(leader, invoice)
    with pytest.raises(RequestError):
        invoices.invoice_attest(invoice_pk=invoice.pk, user=leader)
    assert list(start_page(user=leader)["invoices_to_attest"]) == []
    queues = invoice_selectors.invoice_queues(leader, invoice.__class__.objects.all())
    assert list(queues["region"]) == []
    coordinator = d["coordinator"]
    assert list(start_page(user=coordinator)["invoices_to_attest"]) == [invoice]
    invoices.invoice_attest(invoice_pk=invoice.pk, user=coordinator)
    invoice.refresh_from_db()
    assert invoice.attested_by == coordinator


@pytest.mark.django_db
def test_the_page_offers_the_party_no_approval_and_refuses_a_posted_one(client, awaiting_region):
    d = awaiting_region
    request = d["request"]
    client.force_login(d["leader"])
    page = client.get(request.get_absolute_url())
    assert page.status_code == 200
    assert reverse("requests:region_approve", args=[request.pk]) not in page.content.decode()
    response = client.post(reverse("requests:region_approve", args=[request.pk]), follow=True)
    assert response.status_code == 200
    assert "ikke en koordinator, der selv er part i den" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.AWAITING_REGION
    client.force_login(d["coordinator"])
    page = client.get(request.get_absolute_url())
    assert reverse("requests:region_approve", args=[request.pk]) in page.content.decode()


@pytest.mark.django_db
def test_a_party_coordinator_cannot_return_the_invoice_for_the_region(concluded):  # noqa: F811
    d = concluded
    amr = _coordinator_too(d["amr"], d["workplace"])
    attest_delivery(d)
    invoice = submit(d)
    assert "invoice_return" not in permissions.available_actions(amr, invoice)
    with pytest.raises(RequestError):
        invoices.invoice_return(invoice_pk=invoice.pk, user=amr, reason="Nej")


@pytest.mark.django_db
def test_who_attested_the_delivery_never_attests_the_invoice_even_after_leaving(concluded):  # noqa: F811
    d = concluded
    colleague = factories.MembershipFactory(workplace=d["workplace"], role="leader").user
    contracts.delivery_attest(
        request_pk=d["request"].pk, user=colleague, delivered_on=timezone.localdate()
    )
    invoice = submit(d)
    colleague.memberships.all().delete()
    colleague = _coordinator_too(colleague, d["workplace"])
    assert "invoice_attest" not in permissions.available_actions(colleague, invoice)
    with pytest.raises(RequestError, match="attesteret leverancen"):
        invoices.invoice_attest(invoice_pk=invoice.pk, user=colleague)
    invoices.invoice_attest(invoice_pk=invoice.pk, user=d["coordinator"])
