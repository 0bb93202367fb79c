"""The dashboard pages: who may open which (every view × every role), what each role sees, the
filters in the URL, bad filters, and the links from every figure to the list behind it."""

import json
import re

import pytest
from django.urls import reverse

from requests_app.models import Deadline, Status
from tests import factories
from tests.dashboards import builders as b

VIEWS = ["dashboards:overview", "dashboards:region", "dashboards:provider"]

# What each role gets from each view: a status code, or where it is sent.
EXPECTED = {
    "leader": {"dashboards:overview": 403, "dashboards:region": 403, "dashboards:provider": 403},
    "amr": {"dashboards:overview": 403, "dashboards:region": 403, "dashboards:provider": 403},
    "no_role_user": {
        "dashboards:overview": 403,
        "dashboards:region": 403,
        "dashboards:provider": 403,
    },
    "coordinator": {
        "dashboards:overview": "dashboards:region",
        "dashboards:region": 200,
        "dashboards:provider": 403,
    },
    "provider_staff": {
        "dashboards:overview": "dashboards:provider",
        "dashboards:region": 403,
        "dashboards:provider": 200,
    },
    "central": {"dashboards:overview": 200, "dashboards:region": 403, "dashboards:provider": 403},
    "superuser": {
        "dashboards:overview": 200,
        "dashboards:region": 403,
        "dashboards:provider": 403,
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("view", VIEWS)
def test_anonymous_is_sent_to_the_login(client, view):
    response = client.get(reverse(view))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_for_every_role(client, role_user, view):
    role, user = role_user
    client.force_login(user)
    response = client.get(reverse(view), {"theme": "violence-threats"})
    expected = EXPECTED[role][view]
    if isinstance(expected, int):
        assert response.status_code == expected
    else:
        assert response.status_code == 302
        # Sent on with its filters.
        assert response.url == f"{reverse(expected)}?theme=violence-threats"


@pytest.fixture
def world(db):
    """A request in Sjælland to NFA and one in Hovedstaden to CBS, both overdue."""
    sjaelland = factories.WorkplaceFactory(region=factories.region("sjaelland"), employees=30)
    hovedstaden = factories.WorkplaceFactory(region=factories.region("hovedstaden"))
    nfa = b.request(sjaelland, reached=b.at(2016, 6, 1), status=Status.AT_PROVIDER)
    cbs = b.request(hovedstaden, reached=b.at(2016, 6, 2), provider_slug="cbs")
    b.deadline(nfa, Deadline.Kind.DIALOGUE, due=b.at(2016, 6, 8))
    b.deadline(cbs, Deadline.Kind.CONTRACT, due=b.at(2016, 6, 30))
    return {
        "nfa": nfa,
        "cbs": cbs,
        "coordinator": factories.CoordinatorFactory(region=factories.region("sjaelland")).user,
        "staff": factories.ProviderStaffFactory(provider=factories.provider("cbs")).user,
        "central": factories.CentralPartyFactory().user,
    }


def _page(client, user, view, **query):
    client.force_login(user)
    response = client.get(reverse(view), query)
    assert response.status_code == 200
    return response


def test_central_sees_everything_with_charts_and_tables(client, world):
    response = _page(client, world["central"], "dashboards:overview")
    content = response.content.decode()
    assert world["nfa"].title in content and world["cbs"].title in content
    for section in [
        "budgets",
        "burn-down-heading",
        "pipeline",
        "deadlines",
        "reach",
        "evaluations",
    ]:
        assert f'id="{section}"' in content
    # Every chart's data is a json_script element beside its canvas; no inline script.
    charts = re.findall(r'data-chart="([\w-]+)"', content)
    assert charts and "pipeline-chart" in charts
    for chart in charts:
        data = re.search(rf'<script id="{chart}" type="application/json">(.*?)</script>', content)
        assert data, chart
        assert json.loads(data.group(1))["datasets"]
    assert not re.search(r"<script(?![^>]*(src=|application/json))", content)
    assert "static/js/dashboard.js" in content


def test_a_coordinator_sees_only_their_region(client, world):
    response = _page(client, world["coordinator"], "dashboards:region")
    content = response.content.decode()
    assert world["nfa"].title in content
    assert world["cbs"].title not in content
    assert [row.subject.slug for row in response.context["reach_regions"]] == ["sjaelland"]
    assert response.context["pipeline"].total == 1
    assert [row.provider.slug for row in response.context["sla"]] == ["nfa"]
    assert 'id="burn-down-heading"' not in content  # their part of frames, not the frames
    assert response.context["budgets"]["partial"]


def test_a_coordinator_asking_for_another_region_gets_404(client, world):
    client.force_login(world["coordinator"])
    assert client.get(reverse("dashboards:region"), {"region": "hovedstaden"}).status_code == 404
    assert client.get(reverse("dashboards:region"), {"region": "sjaelland"}).status_code == 200


def test_a_provider_sees_only_itself(client, world):
    response = _page(client, world["staff"], "dashboards:provider")
    content = response.content.decode()
    assert world["cbs"].title in content
    assert world["nfa"].title not in content
    assert [row.provider.slug for row in response.context["sla"]] == ["cbs"]
    rows = [row for group in response.context["budgets"]["groups"] for row in group["rows"]]
    assert rows and {row.provider.slug for row in rows} == {"cbs"}
    assert [row.subject.slug for row in response.context["evaluations"].by_provider] == ["cbs"]
    assert 'id="reach"' not in content
    client.force_login(world["staff"])
    assert client.get(reverse("dashboards:provider"), {"provider": "nfa"}).status_code == 404


def test_filters_stay_in_the_url_and_every_figure_links_to_its_list(client, world):
    period = b.period_2016()
    response = _page(
        client, world["central"], "dashboards:overview", provider="nfa", period=period.pk
    )
    content = response.content.decode()
    assert f'<option value="{period.pk}" selected>' in content
    assert '<option value="nfa" selected>' in content
    assert world["nfa"].title in content and world["cbs"].title not in content
    requests_url = reverse("dashboards:requests")
    status_link = f"{requests_url}?period={period.pk}&amp;provider=nfa&amp;status=at_provider"
    assert status_link in content
    assert f"{requests_url}?period={period.pk}&amp;provider=nfa&amp;overdue=1" in content
    (group,) = response.context["budgets"]["groups"]
    (row,) = group["rows"]
    assert row.links["invoices"] == (
        f"{reverse('dashboards:invoices')}?period={period.pk}&provider=nfa"
    )
    assert row.links["contracts"].startswith(reverse("dashboards:contracts"))


def test_bad_filters_are_named_in_danish_and_change_nothing(client, world):
    response = _page(client, world["central"], "dashboards:overview", provider="nope", period="x")
    content = response.content.decode()
    assert "Der findes ikke nogen udbyder »nope«." in content
    assert "Der findes ikke nogen budgetperiode x." in content
    assert response.context["pipeline"].total == 2  # the bad filters are left out


def test_the_navigation_offers_the_dashboard_to_its_readers(client, world, leader):
    for user in [world["central"], world["coordinator"], world["staff"]]:
        client.force_login(user)
        assert 'id="nav-dashboard"' in client.get(reverse("providers:list")).content.decode()
    client.force_login(leader)
    assert 'id="nav-dashboard"' not in client.get(reverse("providers:list")).content.decode()


@pytest.mark.django_db
def test_the_scope_and_the_predicates_agree(role_user):
    from dashboards import permissions

    _role, user = role_user
    scope = permissions.dashboard_scope(user)
    assert bool(permissions.may_view_dashboards(user)) == (not scope.is_empty)
    assert bool(permissions.may_view_central_dashboard(user)) == scope.everything
    if not scope.everything:
        assert bool(permissions.may_view_region_dashboard(user)) == bool(scope.region_ids)
        assert bool(permissions.may_view_provider_dashboard(user)) == bool(scope.provider_ids)
