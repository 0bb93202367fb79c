"""The lists render in a number of queries that does not grow with the rows (issue 12, the
workplace-parent N+1): every list joins the workplace's parent that ``Workplace.__str__``
shows."""

import pytest
from django.urls import reverse

from requests_app.services import intake
from tests import factories


def _requests(model2, count):
    parent = factories.WorkplaceFactory(region=model2["workplace"].region)
    for index in range(count):
        workplace = factories.WorkplaceFactory(region=parent.region, parent=parent)
        factories.MembershipFactory(workplace=workplace, user=model2["leader"], role="leader")
        factories.MembershipFactory(workplace=workplace, user=model2["amr"], role="amr")
        request = factories.complete_request(
            leader=model2["leader"],
            counterpart=model2["amr"],
            workplace=workplace,
            title=f"Anmodning {index}",
        )
        intake.request_submit(request_pk=request.pk, user=model2["leader"])
        intake.request_confirm(request_pk=request.pk, user=model2["amr"])


def _queries(client, user, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    client.get(url)  # the first request after a login also writes the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("leader", "requests:list"),
        ("staff", "requests:inbox"),
        ("staff", "requests:list"),
        ("coordinator", "requests:list"),
        ("leader", "home"),
        ("staff", "home"),
    ],
)
def test_list_queries_do_not_grow_with_the_rows(client, model2, role, url):
    _requests(model2, 2)
    few = _queries(client, model2[role], reverse(url))
    _requests(model2, 8)
    many = _queries(client, model2[role], reverse(url))
    assert many == few
    assert many <= 25


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "url"), [("leader", "requests:list"), ("staff", "requests:inbox")]
)
def test_lists_are_paginated(client, model2, settings, role, url):
    settings.PAGE_SIZE = 4
    _requests(model2, 6)
    client.force_login(model2[role])
    first = client.get(reverse(url)).content.decode()
    assert first.count("Anmodning ") == 4
    assert "Side 1 af 2" in first
    second = client.get(reverse(url), {"page": 2}).content.decode()
    assert second.count("Anmodning ") == 2
    for bad in ("x", "999", "-1"):
        assert client.get(reverse(url), {"page": bad}).status_code == 200


@pytest.mark.django_db
def test_notifications_are_paginated(client, leader, settings):
    from accounts.models import Notification

    settings.PAGE_SIZE = 3
    for index in range(5):
        Notification.objects.create(user=leader, key=f"n{index}", subject=f"Besked nummer {index}")
    client.force_login(leader)
    assert client.get(reverse("notifications")).content.decode().count("Besked nummer") == 3
    page = client.get(reverse("notifications"), {"page": 2}).content.decode()
    assert page.count("Besked nummer") == 2


def _invoices(model2, count):
    """``count`` paid invoices, each on its own delivered request."""
    from django.utils import timezone

    from requests_app.models import Invoice, Status

    for n in range(count):
        request = factories.complete_request(
            leader=model2["leader"],
            counterpart=model2["amr"],
            status=Status.DELIVERED,
            reached_provider_at=timezone.now(),
        )
        factories.invoiced(
            request,
            number=f"Faktura-{n:03d}",
            state=Invoice.State.PAID,
            submitted_by=model2["leader"],
        )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["leader", "staff", "coordinator"])
def test_the_invoice_list_is_paginated(client, model2, settings, role):
    settings.PAGE_SIZE = 4
    _invoices(model2, 6)
    client.force_login(model2[role])
    first = client.get(reverse("invoices:list"))
    assert len(first.context["invoices"]) == 4
    assert first.content.decode().count(">Faktura-") == 4
    assert "Side 1 af 2" in first.content.decode()
    second = client.get(reverse("invoices:list"), {"page": 2, "state": "paid"}).content.decode()
    assert second.count(">Faktura-") == 2
    assert "Faktura-000" not in second  # the first page's, in the list's order
    for bad in ("x", "999", "-1"):
        assert client.get(reverse("invoices:list"), {"page": bad}).status_code == 200


@pytest.mark.django_db
def test_failed_mails_are_paginated_by_the_page_size(client, settings):
    import datetime

    from django.utils import timezone

    from accounts.models import Notification, OutgoingMail

    settings.PAGE_SIZE = 3
    central = factories.CentralPartyFactory().user
    now = timezone.now()
    OutgoingMail.objects.bulk_create(
        OutgoingMail(
            kind="test",
            recipients="x@example.dk",
            subject=f"Udbakke {n}",
            failed_at=now - datetime.timedelta(minutes=n),
            attempts=5,
        )
        for n in range(5)
    )
    Notification.objects.bulk_create(
        Notification(user=central, key=f"f{n}", subject=f"Besked {n}", failed_at=now)
        for n in range(4)
    )
    client.force_login(central)
    page = client.get(reverse("mail_failures")).content.decode()
    assert page.count("Udbakke ") == 3 and page.count("Besked ") == 3
    second = client.get(reverse("mail_failures"), {"page": 2, "npage": 2}).content.decode()
    assert second.count("Udbakke ") == 2 and second.count("Besked ") == 1
    assert "npage=2" in second and "page=1" in second  # each list keeps the other's page


@pytest.mark.django_db
def test_pending_members_are_paginated_by_the_page_size(client, model2, settings):
    settings.PAGE_SIZE = 3
    for n in range(5):
        factories.MembershipFactory(
            workplace=model2["workplace"],
            role="tr",
            confirmed_at=None,
            invited_by=model2["leader"],
            user=factories.UserFactory(email=f"ventende-{n}@example.dk"),
        )
    client.force_login(model2["coordinator"])
    first = client.get(reverse("pending_members")).content.decode()
    assert first.count("ventende-") == 3
    second = client.get(reverse("pending_members"), {"page": 2}).content.decode()
    assert second.count("ventende-") == 2
