"""The dashboard pages: who may open which (every view × every role), what each role sees, the
filters in the URL, bad filters, and the links from every figure to the list behind it."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from requests_app.models import Contract, Deadline, Invoice
from tests import factories
from tests.dashboards import builders as b
from tests.dashboards import links

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
    nfa, cbs = b.two_overdue_requests()
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


@pytest.fixture
def money(world):
    """Under NFA in 2016-17 beside ``world``: a contract with invoices in every state, a
    request whose dialogue came late and whose contract is being drafted."""
    frame = b.frame("nfa")
    workplace = world["nfa"].workplace
    on_time = b.request(
        workplace,
        reached=b.at(2016, 6, 3),
        dialogue_on=datetime.date(2016, 6, 5),
        themes=("violence-threats",),
    )
    late = b.request(
        factories.WorkplaceFactory(region=factories.region("sjaelland")),
        reached=b.at(2016, 6, 3),
        dialogue_on=datetime.date(2016, 6, 20),
    )
    contract = b.contract(on_time, frame=frame, reserved="100000", concluded=b.at(2016, 6, 20))
    b.contract(late, frame=frame, reserved=None, concluded=None, state=Contract.State.DRAFT)
    b.invoice(
        contract,
        amount="20000",
        submitted=b.at(2016, 7, 1),
        state=Invoice.State.PAID,
        paid_on=datetime.date(2016, 8, 1),
    )
    b.invoice(
        contract, amount="10000", submitted=b.at(2016, 9, 1), state=Invoice.State.AWAITING_PAYMENT
    )
    b.invoice(contract, amount="5000", submitted=b.at(2016, 10, 1))
    b.invoice(contract, amount="7000", submitted=b.at(2016, 10, 2), state=Invoice.State.RETURNED)
    return {"on_time": on_time, "late": late, "contract": contract}


def _counts(client, url, expected, what):
    count, _rows = links.follow(client, url)
    assert count == expected, (what, url)


def test_filters_stay_in_the_url_and_every_figure_links_to_its_list(client, world, money):
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
    # Every number in a figure table is a link, and every link keeps the filters.
    assert links.unlinked_figures(content) == []
    for _table, _text, hrefs in links.figure_cells(content):
        for href in hrefs:
            assert "provider=nfa" in href and f"period={period.pk}" in href, href
    ctx = response.context

    # The pipeline: each status, the total and both medians count what their list holds.
    for status, link in ctx["status_links"]:
        _counts(client, link, status.count, status.status)
    flow = ctx["pipeline"]
    assert flow.total == 3
    _counts(client, ctx["requests_link"], flow.total, "total")
    assert (flow.dialogue_count, flow.contract_count) == (2, 1)
    _counts(client, ctx["median_links"]["dialogue"], flow.dialogue_count, "median dialogue")
    _counts(client, ctx["median_links"]["contract"], flow.contract_count, "median contract")

    # Deadlines: received, on time, late and overdue per provider.
    (sla,) = ctx["sla"]
    assert (sla.dialogue_on_time, sla.dialogue_late) == (1, 2)
    _counts(client, sla.link, sla.reached, "reached")
    _counts(client, sla.overdue_link, sla.overdue, "overdue")
    for outcome, link in sla.outcome_links.items():
        _counts(client, link, getattr(sla, outcome), outcome)
    _counts(client, ctx["overdue_link"], ctx["overdue_count"], "overdue now")

    # Reach: a region's or theme's requests, and the distinct workplaces behind them.
    for row in [*ctx["reach_regions"], *ctx["reach_themes"]]:
        count, rows = links.follow(client, row.link)
        assert count == row.requests, row.subject
        assert rows.values("workplace").distinct().count() == row.workplaces, row.subject
        if row.workplaces_with_head_count:
            employees = {r.workplace_id: r.workplace.employees or 0 for r in rows}
            assert sum(employees.values()) == row.employees

    # Budgets: each cell's list adds up to the cell, and each part of the bar opens its list.
    (group,) = ctx["budgets"]["groups"]
    (row,) = group["rows"]
    assert (row.invoiced, row.attested, row.paid) == (35000, 30000, 20000)
    assert row.committed == 65000
    count, contracts = links.follow(client, row.links["frame"])
    assert count == 2 and {c.frame_id for c in contracts} == {row.frame.pk}
    count, contracts = links.follow(client, row.links["committed"])
    assert count == 1 and links.committed(contracts) == row.committed
    assert links.follow(client, row.links["remaining"])[0] == 1
    parts = {
        "invoiced": row.invoiced,
        "attested": row.attested,
        "paid": row.paid,
        "unattested": row.invoiced - row.attested,
        "unpaid": row.attested - row.paid,
    }
    for key, expected in parts.items():
        _count, invoices = links.follow(client, row.links[key])
        assert links.amount_sum(invoices) == expected, key
    datasets = {d["label"]: d["links"] for d in group["chart"]["datasets"]}
    assert datasets == {
        "Disponeret": [row.links["committed"]],
        "Faktureret, ikke attesteret": [row.links["unattested"]],
        "Attesteret, ikke betalt": [row.links["unpaid"]],
        "Betalt": [row.links["paid"]],
        "Tilbage": [row.links["remaining"]],
    }
    # The burn-down's heading opens the frame; each month's cells open what the month counts
    # by its end (followed and added up in test_burn_down_links.py).
    (burn,) = ctx["budgets"]["burn_downs"]
    assert burn["links"] is row.links
    burn_hrefs = [
        hrefs for table, _t, hrefs in links.figure_cells(content) if table == "burn-table"
    ]
    keys = ("committed", "invoiced", "paid", "remaining")
    assert burn_hrefs == [[month["links"][key]] for month in burn["months"] for key in keys]
    july = next(m["links"] for m in burn["months"] if m["point"].month == datetime.date(2016, 7, 1))
    contracts = f"{reverse('dashboards:contracts')}?period={period.pk}&provider=nfa"
    invoices = f"{reverse('dashboards:invoices')}?period={period.pk}&provider=nfa"
    assert july == {
        "committed": f"{contracts}&status=in_force&concluded_by=2016-07",
        "invoiced": f"{invoices}&status=booked&submitted_by=2016-07",
        "paid": f"{invoices}&status=paid&paid_by=2016-07",
        "remaining": f"{contracts}&status=in_force&concluded_by=2016-07",
    }

    # Evaluations: a row opens the results overview for that provider or theme.
    results = reverse("evaluations:results")
    for evaluation in [*ctx["evaluations"].by_provider, *ctx["evaluations"].by_theme]:
        assert evaluation.link.startswith(f"{results}?")
        page = client.get(evaluation.link)
        assert page.status_code == 200
        assert page.context["chosen"]["provider"].slug == "nfa"
        if hasattr(evaluation.subject, "position") and hasattr(evaluation.subject, "name"):
            assert f"={evaluation.subject.slug}" in evaluation.link


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


# --- The dashboard as the start page ---

START = {"central": "dashboards:overview", "superuser": "dashboards:overview"}


@pytest.mark.django_db
def test_the_central_parties_start_on_the_dashboard(client, role_user):
    role, user = role_user
    client.force_login(user)
    response = client.get(reverse("home"))
    if role in START:
        assert response.status_code == 302 and response.url == reverse(START[role])
    else:
        assert response.status_code == 200
        assert response.templates[0].name == "portal/home.html"


@pytest.mark.django_db
def test_after_login_a_central_user_lands_on_the_dashboard(client, settings, central):
    from tests.factories import PASSWORD

    settings.MFA_REQUIRED_FOR_PRIVILEGED = False
    response = client.post(
        reverse("account_login"), {"login": central.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboards:overview")
    content = response.content.decode()
    assert 'data-dashboard="central"' in content
    # What the old start page listed for them is here: invoices to pay, failed mail, members.
    assert 'id="invoices-to-pay"' in content and 'id="central-heading"' in content


@pytest.mark.django_db
def test_a_central_user_with_another_role_keeps_the_start_page(client, central):
    factories.CoordinatorFactory(user=central, region=factories.region("sjaelland"))
    client.force_login(central)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert 'id="central-dashboard-link"' in response.content.decode()


def test_the_start_pages_link_their_dashboards(client, world):
    client.force_login(world["coordinator"])
    assert f'href="{reverse("dashboards:region")}"' in client.get("/").content.decode()
    client.force_login(world["staff"])
    assert f'href="{reverse("dashboards:provider")}"' in client.get("/").content.decode()


def test_the_central_dashboard_counts_the_invoices_to_pay(client, world, money):
    response = _page(client, world["central"], "dashboards:overview")
    figure = response.context["tasks"]["invoices_to_pay"]
    assert figure.count == 1
    _counts(client, figure.link, 1, "to pay")
    assert figure.link in response.content.decode()


def test_the_provider_dashboard_shows_its_inbox_figures(client, world, money):
    nfa = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    b.deadline(money["late"], Deadline.Kind.CONTRACT, due=b.at(2016, 7, 1))
    response = _page(client, nfa, "dashboards:provider")
    figures = {figure.key: figure for figure in response.context["inbox"]}
    expected = {
        "waiting": 1,  # world's request at the provider
        "dialogue": 2,
        "drafting": 1,
        "overdue_dialogue": 1,
        "overdue_contract": 1,
    }
    assert {key: figure.count for key, figure in figures.items()} == expected
    content = response.content.decode()
    assert links.unlinked_figures(content) == []
    for figure in figures.values():
        assert f'href="{figure.link.replace("&", "&amp;")}"' in content
        _counts(client, figure.link, figure.count, figure.key)
    # CBS's staff count only CBS's: one contract deadline overdue, nothing else.
    cbs = {
        f.key: f.count
        for f in _page(client, world["staff"], "dashboards:provider").context["inbox"]
    }
    assert cbs == {
        "waiting": 0,
        "dialogue": 1,
        "drafting": 0,
        "overdue_dialogue": 0,
        "overdue_contract": 1,
    }
