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
