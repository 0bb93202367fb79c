"""The deadline table's "Requests received" opens the requests that reached the provider, and
no others: a request still with the workplace or the region (awaiting the other party, the
region's approval) names its provider but never reached it, so it is in neither the figure
nor the list behind it (QA, Dec 2026)."""

import re
from html import unescape

import pytest
from django.urls import reverse

from requests_app.models import Status
from tests import factories
from tests.dashboards import builders as b
from tests.dashboards import links

RECEIVED = re.compile(
    r'<tr data-provider="(?P<slug>[\w-]+)">.*?<td class="text-end reached">'
    r'<a href="(?P<href>[^"]+)">(?P<figure>\d+)</a>',
    re.S,
)


@pytest.fixture
def received(db):
    """CBS: two requests that reached it from Sjælland, one awaiting the other party and one
    awaiting the region (never reached); NFA: one reached from Hovedstaden, one from
    Sjælland, and one of Sjælland's awaiting the region."""
    sjaelland = factories.WorkplaceFactory(region=factories.region("sjaelland"))
    hovedstaden = factories.WorkplaceFactory(region=factories.region("hovedstaden"))
    b.request(sjaelland, provider_slug="cbs", reached=b.at(2016, 6, 1))
    b.request(sjaelland, provider_slug="cbs", reached=b.at(2016, 7, 1), status=Status.DECLINED)
    b.request(sjaelland, provider_slug="cbs", status=Status.AWAITING_COUNTERPART)
    b.request(hovedstaden, provider_slug="cbs", status=Status.AWAITING_REGION)
    b.request(hovedstaden, reached=b.at(2016, 6, 2))
    b.request(sjaelland, reached=b.at(2016, 6, 3), status=Status.AT_PROVIDER)
    b.request(sjaelland, status=Status.AWAITING_REGION)


def _received(client, view, **query) -> dict:
    response = client.get(reverse(view), query)
    assert response.status_code == 200
    return {
        m["slug"]: (int(m["figure"]), unescape(m["href"]))
        for m in RECEIVED.finditer(response.content.decode())
    }


@pytest.mark.parametrize(
    ("role", "view", "expected"),
    [
        ("central", "dashboards:overview", {"cbs": 2, "nfa": 2}),
        ("coordinator", "dashboards:region", {"cbs": 2, "nfa": 1}),
        ("staff", "dashboards:provider", {"cbs": 2}),
    ],
)
def test_each_providers_received_requests_list_counts_the_figure(
    client, received, role, view, expected
):
    user = {
        "central": lambda: factories.CentralPartyFactory().user,
        "coordinator": lambda: (
            factories.CoordinatorFactory(region=factories.region("sjaelland")).user
        ),
        "staff": lambda: factories.ProviderStaffFactory(provider=factories.provider("cbs")).user,
    }[role]()
    client.force_login(user)
    rows = _received(client, view)
    assert {slug: figure for slug, (figure, _href) in rows.items()} == expected
    for slug, (figure, href) in rows.items():
        count, listed = links.follow(client, href)
        assert count == figure, (slug, href)
        assert all(r.reached_provider_at is not None for r in listed), slug
        assert {r.provider.slug for r in listed} == {slug}


def test_the_received_link_keeps_the_dashboards_filters(client, received):
    client.force_login(factories.CentralPartyFactory().user)
    rows = _received(client, "dashboards:overview", region="sjaelland", period=b.period_2016().pk)
    assert {slug: figure for slug, (figure, _href) in rows.items()} == {"cbs": 2, "nfa": 1}
    for slug, (figure, href) in rows.items():
        assert "region=sjaelland" in href and "reached=1" in href
        assert links.follow(client, href)[0] == figure, slug


def test_reached_is_a_filter_of_the_request_list(client, received):
    """``reached=1`` in the form, in Danish; another value is named and left out."""
    client.force_login(factories.CentralPartyFactory().user)
    url = reverse("dashboards:requests")
    html = client.get(url, {"reached": "1"}).content.decode()
    assert "Nået frem til udbyderen" in html
    assert links.follow(client, f"{url}?reached=1")[0] == 4
    response = client.get(url, {"reached": "maybe", "provider": "cbs"})
    assert "Nået frem til udbyderen (reached)" in response.content.decode()
    assert response.context["count"] == 4  # CBS's four, the bad value left out
