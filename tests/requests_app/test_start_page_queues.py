"""The start page shows the first few of each queue, counts the provider's waiting requests
truly, and links every queue to its whole, paginated list (issue 12, point 1)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Invoice, Status
from requests_app.selectors.start_page import FIRST
from tests import factories

MORE = FIRST + 5


def _requests(model2, count, status, **fields):
    reached = timezone.now() if status != Status.DRAFT else None
    return [
        factories.complete_request(
            leader=model2["leader"],
            counterpart=model2["amr"],
            title=f"Kø {status} {n}",
            status=status,
            reached_provider_at=reached,
            **fields,
        )
        for n in range(count)
    ]


def _home(client, user):
    client.force_login(user)
    client.get(reverse("home"))  # the first request after a login also writes the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode(), len(captured)


@pytest.mark.django_db
def test_the_provider_sees_how_many_wait_not_the_first_few(client, model2):
    _requests(model2, 3, Status.AT_PROVIDER)
    html, few = _home(client, model2["staff"])
    assert "3 anmodninger venter på dit svar." in html
    _requests(model2, MORE - 3, Status.AT_PROVIDER)
    _requests(model2, 2, Status.DIALOGUE)  # in the inbox, but not waiting
    html, many = _home(client, model2["staff"])
    assert f"{MORE} anmodninger venter på dit svar." in html
    assert many == few  # one count query, whatever the number
    assert reverse("requests:inbox") in html


def _queue_links(html) -> dict[str, str]:
    """The start page's "see them all" links, by their queue's id."""
    found = re.findall(r'<a href="([^"]+)" id="([a-z-]+)-all"', html)
    return {name: href.replace("&amp;", "&") for href, name in found}


@pytest.mark.django_db
def test_every_request_queue_shows_the_first_few_and_links_to_all(client, model2, settings):
    settings.PAGE_SIZE = FIRST + 2  # the whole queue spans two pages
    _requests(model2, MORE, Status.DRAFT)
    _requests(model2, MORE, Status.CONTRACTED)
    client.force_login(model2["leader"])
    html = client.get(reverse("home")).content.decode()
    links = _queue_links(html)
    assert set(links) >= {"drafts", "open-requests", "to-attest-delivery"}
    assert html.count(f"Kø {Status.DRAFT} ") == FIRST
    for name in ("drafts", "to-attest-delivery"):
        first = client.get(links[name])
        assert first.status_code == 200
        page = first.content.decode()
        assert page.count("Kø ") == FIRST + 2
        assert "Side 1 af 2" in page
        second = client.get(links[name] + "&page=2").content.decode()
        assert second.count("Kø ") == MORE - FIRST - 2
    drafts = client.get(links["drafts"]).content.decode()
    assert f"Kø {Status.CONTRACTED} " not in drafts  # the queue, not every request


@pytest.mark.django_db
def test_the_region_queue_links_to_all_waiting_for_approval(client, model2):
    _requests(model2, MORE, Status.AWAITING_REGION)
    client.force_login(model2["coordinator"])
    html = client.get(reverse("home")).content.decode()
    assert html.count(f"Kø {Status.AWAITING_REGION} ") == FIRST
    whole = client.get(_queue_links(html)["to-approve"]).content.decode()
    assert whole.count(f"Kø {Status.AWAITING_REGION} ") == MORE


@pytest.mark.django_db
def test_an_unknown_queue_shows_every_visible_request(client, model2):
    _requests(model2, 2, Status.DRAFT)
    client.force_login(model2["leader"])
    page = client.get(reverse("requests:list"), {"queue": "nothing<script>"})
    assert page.status_code == 200
    assert page.content.decode().count("Kø ") == 2


def _invoices(model2, count, state):
    for n, request in enumerate(_requests(model2, count, Status.DELIVERED)):
        factories.invoiced(
            request, number=f"F-{state}-{n}", state=state, submitted_by=model2["leader"]
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "state", "queue"),
    [
        ("staff", Invoice.State.RETURNED, "invoices-returned"),
        ("coordinator", Invoice.State.AWAITING_REGION, "invoices-to-attest"),
        ("central", Invoice.State.AWAITING_PAYMENT, "invoices-to-pay"),
    ],
)
def test_every_invoice_queue_links_to_its_whole_list(client, model2, role, state, queue):
    _invoices(model2, MORE, state)
    if role == "central":  # who also coordinates keeps the start page (portal.views.home)
        user = model2["coordinator"]
        factories.CentralPartyFactory(user=user)
    else:
        user = model2[role]
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert html.count(f"F-{state}-") == FIRST
    whole = client.get(_queue_links(html)[queue])
    assert whole.status_code == 200
    assert whole.content.decode().count(f"F-{state}-") >= MORE


@pytest.mark.django_db
def test_a_member_with_two_roles_sees_each_request_once_and_a_pending_member_none(model2):
    """The local queues read the user's workplaces as a subquery: two roles at one
    workplace (leader and TR) list a request once, and an unconfirmed membership lists
    nothing."""
    from accounts.models import Membership
    from requests_app.selectors import requests as selectors

    leader, workplace = model2["leader"], model2["workplace"]
    factories.MembershipFactory(user=leader, workplace=workplace, role=Membership.Role.TR)
    _requests(model2, 2, Status.AT_PROVIDER)
    _requests(model2, 2, Status.DRAFT)
    _requests(model2, 1, Status.AWAITING_COUNTERPART)
    assert len(selectors.open_requests(user=leader)) == 3
    assert selectors.open_requests(user=leader).count() == 3
    assert len(selectors.drafts(user=leader)) == 2
    amr = model2["amr"]  # the named counterpart, also the workplace's TR
    factories.MembershipFactory(user=amr, workplace=workplace, role=Membership.Role.TR)
    assert len(selectors.awaiting_confirmation(user=amr)) == 1
    pending = factories.MembershipFactory(workplace=workplace, confirmed_at=None).user
    assert not selectors.open_requests(user=pending).exists()
    assert not selectors.drafts(user=pending).exists()


QUEUES = [
    ("drafts", Status.DRAFT, "leader"),
    ("open_requests", Status.CONTRACTED, "leader"),
    ("to_attest_delivery", Status.CONTRACTED, "leader"),
    ("to_confirm", Status.AWAITING_COUNTERPART, "amr"),
    ("to_approve", Status.AWAITING_REGION, "coordinator"),
]


def _listed(client, name) -> tuple[str, int]:
    url = reverse("requests:list")
    client.get(url, {"queue": name})  # the first request after a login writes the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"queue": name})
    assert response.status_code == 200
    return response.content.decode(), len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "status", "role"), QUEUES)
def test_a_whole_queue_reads_only_what_it_shows_in_a_fixed_number_of_queries(
    client, model2, name, status, role
):
    """The list reads the columns it shows (``LIST_COLUMNS``): a column it shows but did not
    read would cost a query a row, which the count with more rows would show."""
    parent = factories.WorkplaceFactory(region=model2["workplace"].region, name="Hospitalet")
    model2["workplace"].parent = parent
    model2["workplace"].save(update_fields=["parent"])
    _requests(model2, 2, status, last_editor=model2["leader"])
    client.force_login(model2[role])
    html, few = _listed(client, name)
    assert html.count("Kø ") == 2
    _requests(model2, 8, status, last_editor=model2["leader"])
    html, many = _listed(client, name)
    assert html.count("Kø ") == 10
    assert many == few
    assert f"Hospitalet – {model2['workplace'].name}" in html
    if status != Status.DRAFT:
        assert ">NFA<" in html


def _section(html, name) -> str:
    """The items of one start-page queue (``<ul id="open-requests">``)."""
    found = re.search(rf'<ul [^>]*id="{name.replace("_", "-")}">(.*?)</ul>', html, re.S)
    return found.group(1) if found else ""


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "status", "role"), QUEUES)
def test_the_start_pages_first_few_read_only_what_they_show(client, model2, name, status, role):
    """The start page reads a queue's first few as its whole list reads them
    (``selectors.requests.listed``): the same number of queries for 2 rows as for 10, with
    the workplace's parent or the provider shown."""
    parent = factories.WorkplaceFactory(region=model2["workplace"].region, name="Hospitalet")
    model2["workplace"].parent = parent
    model2["workplace"].save(update_fields=["parent"])
    _requests(model2, 2, status, last_editor=model2["leader"])
    html, few = _home(client, model2[role])
    assert _section(html, name).count("<li ") == 2
    _requests(model2, 8, status, last_editor=model2["leader"])
    html, many = _home(client, model2[role])
    items = _section(html, name)
    assert items.count("<li ") == FIRST
    assert items.count(f"Kø {status} ") == FIRST
    assert many == few
    shown = {
        "open_requests": ", NFA</li>",
        "to_attest_delivery": "– NFA</li>",
    }.get(name, f"– Hospitalet – {model2['workplace'].name}</li>")
    assert items.count(shown) == FIRST
