"""The results pages: who sees what, the threshold, escaping, exports and query counts."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from evaluations.models import RoundKind
from tests import factories
from tests.evaluations.results_data import (
    add_responses,
    delivered_request,
    immediate,
    spread_deliveries,
)

pytestmark = pytest.mark.django_db

HTML = '<script>alert("x")</script><b>fedt</b>'
FORMULA = '=HYPERLINK("http://evil.example","klik")'


def url(request):
    return f"/evaluering/anmodning/{request.pk}/resultater/"


def get(client, user, path):
    if user is not None:
        client.force_login(user)
    return client.get(path)


# Who sees one request's results: its local parties, the provider's staff on it, the region's
# coordinator, the central parties; everyone else gets 404 (the request is not told).
REQUEST_RESULTS = {
    "leader": 200,
    "amr": 200,
    "colleague": 200,
    "outsider": 404,
    "staff": 200,
    "other_staff": 404,
    "coordinator": 200,
    "other_coordinator": 404,
    "central": 200,
}


@pytest.mark.parametrize("role", ["anonymous", *REQUEST_RESULTS])
def test_request_results_permissions(client, delivered, role):
    add_responses(delivered["immediate"], 3, text="Godt")
    response = get(client, delivered[role], url(delivered["request"]))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        return
    assert response.status_code == REQUEST_RESULTS[role]
    if response.status_code == 200:
        # Every role that sees the results sees the free texts once the threshold is met.
        assert "Godt" in response.content.decode()


def test_request_results_below_threshold_show_only_the_count(client, delivered):
    add_responses(delivered["immediate"], 2, text="Hemmeligt svar")
    body = get(client, delivered["leader"], url(delivered["request"])).content.decode()
    assert "2 besvarelser" in body
    assert "Hemmeligt svar" not in body
    assert "når 1 besvarelse mere er kommet ind" in body


def test_request_results_escape_html_and_show_the_delivery_report(client, delivered):
    from decimal import Decimal

    from evaluations.services.reports import delivery_report_save

    delivery_report_save(
        request_pk=delivered["request"].pk,
        user=delivered["staff"],
        data={"delivered": "Tre workshops", "hours": Decimal("9"), "participants": 12},
    )
    add_responses(delivered["immediate"], 3, text=HTML)
    body = get(client, delivered["leader"], url(delivered["request"])).content.decode()
    assert HTML not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;fedt&lt;/b&gt;" in body
    assert "Tre workshops" in body and 'id="delivery-report"' in body
    assert "25,0 % af 12 deltagere" in body


def test_wrong_request_id_is_404(client, delivered):
    assert (
        get(client, delivered["central"], "/evaluering/anmodning/999999/resultater/").status_code
        == 404
    )


# The results across deliveries: central all, a coordinator their region's, provider staff
# their provider's; the workplace has its own on its request page.
OVERVIEW = {
    "leader": (404, False),
    "outsider": (404, False),
    "staff": (200, True),
    "other_staff": (200, False),
    "coordinator": (200, True),
    "other_coordinator": (200, False),
    "central": (200, True),
}


@pytest.mark.parametrize("role", ["anonymous", *OVERVIEW])
def test_overview_permissions(client, delivered, role):
    delivered["request"].title = "Anmodningen med svar"
    delivered["request"].save(update_fields=["title"])
    add_responses(delivered["immediate"], 3)
    response = get(client, delivered[role], "/evaluering/resultater/")
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        return
    status, sees = OVERVIEW[role]
    assert response.status_code == status
    if status == 200:
        assert ("Anmodningen med svar" in response.content.decode()) is sees


@pytest.mark.parametrize("role", ["staff", "other_staff", "coordinator", "central"])
def test_the_final_evaluation_is_linked_only_for_who_may_open_it(client, delivered, role):
    """Provider staff see the results but not the programme's final evaluation (404)."""
    body = get(client, delivered[role], "/evaluering/resultater/").content.decode()
    linked = 'href="/evaluering/programevaluering/"' in body
    opened = client.get("/evaluering/programevaluering/").status_code
    assert linked is (role in ("coordinator", "central"))
    assert opened == (200 if linked else 404)


def test_menu_link_for_central_parties_only(client, delivered):
    for role, shown in [("central", True), ("leader", False), ("staff", False)]:
        client.force_login(delivered[role])
        body = client.get("/", follow=True).content.decode()
        assert ('id="nav-evaluations"' in body) is shown, role


def test_overview_has_charts_with_json_script_and_tables(client, delivered):
    add_responses(delivered["immediate"], 3, value=5)
    body = get(client, delivered["central"], "/evaluering/resultater/").content.decode()
    assert '<script id="chart-averages" type="application/json">' in body
    assert 'data-chart="chart-rates"' in body and 'id="by-provider"' in body
    assert "js/evaluation_results" in body and "<script>" not in body
    assert "5,00" in body  # NFA's average in the table beside the chart


def test_overview_bad_filters_give_danish_messages(client, delivered):
    response = get(
        client, delivered["central"], "/evaluering/resultater/?provider=nope&period=abc&region=x"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Der findes ikke nogen udbyder »nope«." in body
    assert "Der findes ikke nogen budgetperiode abc." in body
    assert "Der findes ikke nogen region »x«." in body


def test_overview_filters_by_provider(client, delivered):
    other, _ = delivered_request(provider_slug="cbs", region_slug="syddanmark")
    other.title = "CBS-forløbet"
    other.save(update_fields=["title"])
    central = delivered["central"]
    body = get(client, central, "/evaluering/resultater/?provider=nfa").content.decode()
    assert "CBS-forløbet" not in body
    body = get(client, central, "/evaluering/resultater/?provider=cbs").content.decode()
    assert "CBS-forløbet" in body


def _csv(response):
    text = b"".join(response).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _xlsx(response):
    return [list(row) for row in load_workbook(io.BytesIO(response.content)).active.values]


@pytest.mark.parametrize("role", ["anonymous", "leader", "other_staff", "staff", "central"])
def test_export_permissions(client, delivered, role):
    add_responses(delivered["immediate"], 3)
    response = get(client, delivered[role], "/evaluering/resultater/eksport/csv/")
    if role == "anonymous":
        assert response.status_code == 302
    elif role == "leader":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        rows = _csv(response)
        titles = [row[1] for row in rows[1:]]
        assert (delivered["request"].title in titles) is (role != "other_staff")


def test_export_unknown_format_is_404(client, delivered):
    assert (
        get(client, delivered["central"], "/evaluering/resultater/eksport/pdf/").status_code == 404
    )


def test_exports_neutralise_formulas_and_keep_html_as_text(client, delivered):
    request = delivered["request"]
    request.title = FORMULA
    request.save(update_fields=["title"])
    add_responses(delivered["immediate"], 3, value=4, text=HTML)
    add_responses(delivered["immediate"], 1, value=4, text="-2+3")
    central = delivered["central"]
    client.force_login(central)
    rows = _csv(client.get("/evaluering/resultater/eksport/csv/"))
    assert rows[0][0] == "Anmodning"
    # Requests are named by their reference, as in every other list (QA: the bare id).
    [row] = [r for r in rows[1:] if r[0] == request.reference and r[5] == RoundKind.IMMEDIATE.label]
    assert row[1] == "'" + FORMULA
    assert row[8] == "4" and "4,00" in row  # responses and an average
    texts = _csv(client.get("/evaluering/resultater/eksport/csv/?what=texts"))
    answers = [r[5] for r in texts[1:]]
    assert {r[0] for r in texts[1:]} == {request.reference}
    assert HTML in answers and "'-2+3" in answers
    assert all(r[1] == "'" + FORMULA for r in texts[1:])
    sheet = _xlsx(client.get("/evaluering/resultater/eksport/xlsx/"))
    assert sheet[0][0] == "Anmodning"
    assert [r[1] for r in sheet[1:] if r[0] == request.reference][:1] == ["'" + FORMULA]
    sheet = _xlsx(client.get("/evaluering/resultater/eksport/xlsx/?what=texts"))
    assert "'-2+3" in [r[5] for r in sheet[1:]] and HTML in [r[5] for r in sheet[1:]]


def _count(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # the session's first request after the login writes it
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


def test_request_results_queries_do_not_grow(client, delivered):
    """3 and then 60 responses in each round: the same number of queries, at most 25."""
    for round in (delivered["immediate"], delivered["follow_up"]):
        add_responses(round, 3, text="Tekst")
    client.force_login(delivered["leader"])
    few = _count(client, url(delivered["request"]))
    for round in (delivered["immediate"], delivered["follow_up"]):
        add_responses(round, 57, text="Mere tekst")
    assert _count(client, url(delivered["request"])) == few <= 25


@pytest.mark.parametrize("role", ["central", "staff", "coordinator"])
def test_overview_queries_do_not_grow(client, delivered, role):
    other, _ = delivered_request(provider_slug="cbs", region_slug="syddanmark", report=90)
    rounds = (delivered["immediate"], immediate(other))
    for round in rounds:
        add_responses(round, 3, text="Tekst")
    client.force_login(delivered[role])
    few = _count(client, "/evaluering/resultater/")
    for round in rounds:
        add_responses(round, 57, text="Mere tekst")
    assert _count(client, "/evaluering/resultater/") == few <= 25


def _chart(body, name):
    import json
    import re

    found = re.search(f'<script id="{name}" type="application/json">(.*?)</script>', body, re.S)
    return json.loads(found.group(1))


def test_overview_tables_per_provider_theme_region_and_period(client):
    spread_deliveries()
    central = factories.CentralPartyFactory().user
    body = get(client, central, "/evaluering/resultater/").content.decode()
    for table, caption in [
        ("by-provider", "Pr. udbyder"),
        ("by-theme", "Pr. tema"),
        ("by-region", "Pr. region"),
        ("by-period", "Pr. budgetperiode"),
    ]:
        assert f'id="{table}"' in body and f"<caption>{caption}</caption>" in body
    region_table = body[body.index('id="by-region"') : body.index('id="by-period"')]
    assert "Region Sjælland" in region_table and "Region Syddanmark" in region_table
    period_table = body[body.index('id="by-period"') : body.index('id="total"')]
    assert "2016-17" in period_table and "2017-18" in period_table
    assert "3,86" in period_table  # 2016-17: (3 × 5 + 4 × 3) / 7
    # The charts are per provider until another breakdown is chosen.
    assert [d["label"] for d in _chart(body, "chart-averages")["datasets"]] == ["NFA", "CBS"]


@pytest.mark.parametrize(
    "by, labels",
    [
        ("theme", ["Organisatoriske forandringer"]),
        ("region", ["Region Sjælland", "Region Syddanmark"]),
        (
            "period",
            [
                "Ekspertrådgivning og inspiration til et bedre psykisk arbejdsmiljø 2016-17",
                "Ekspertrådgivning og inspiration til et bedre psykisk arbejdsmiljø 2017-18",
            ],
        ),
    ],
)
def test_overview_charts_per_the_chosen_breakdown(client, by, labels):
    spread_deliveries()
    central = factories.CentralPartyFactory().user
    body = get(client, central, f"/evaluering/resultater/?provider=&chart={by}").content.decode()
    assert [d["label"] for d in _chart(body, "chart-averages")["datasets"]] == labels
    assert _chart(body, "chart-rates")["labels"] == labels
    assert f'aria-current="page" href="?provider=&amp;chart={by}#charts-heading"' in body
    # The other breakdowns' links keep the filters and drop the chart chosen.
    assert 'href="?provider=&amp;chart=provider#charts-heading"' in body
    assert f'href="#by-{by}"' in body  # the chart's table alternative


def test_overview_unknown_chart_breakdown_gives_a_danish_message(client, delivered):
    add_responses(delivered["immediate"], 3, value=5)
    response = get(client, delivered["central"], "/evaluering/resultater/?chart=<b>x</b>")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Diagrammerne kan ikke vises pr. »&lt;b&gt;x&lt;/b&gt;«." in body
    assert [d["label"] for d in _chart(body, "chart-averages")["datasets"]] == ["NFA"]


def test_overview_periods_follow_the_chosen_programme_or_period(client):
    from providers.models import BudgetPeriod, Programme

    spread_deliveries()
    later = Programme.objects.create(
        name="Et senere program",
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2019, 12, 31),
    )
    BudgetPeriod.objects.create(
        programme=later, name="2019", starts_on=later.starts_on, ends_on=later.ends_on
    )
    first = BudgetPeriod.objects.get(name="2016-17")
    central = factories.CentralPartyFactory().user
    body = get(client, central, f"/evaluering/resultater/?period={first.pk}").content.decode()
    period_table = body[body.index('id="by-period"') : body.index('id="total"')]
    assert "2016-17" in period_table and "2017-18" not in period_table
    body = get(client, central, f"/evaluering/resultater/?programme={later.pk}").content.decode()
    period_table = body[body.index('id="by-period"') : body.index('id="total"')]
    assert "Intet at vise for disse filtre." in period_table


def test_export_of_the_tables_per_breakdown(client):
    spread_deliveries()
    client.force_login(factories.CentralPartyFactory().user)
    rows = _csv(client.get("/evaluering/resultater/eksport/csv/?what=summary"))
    assert rows[0][:6] == [
        "Opdelt pr.",
        "Emne",
        "Runder",
        "Svar",
        "Svarprocent",
        "Runder med besvarelser",
    ]
    by = {(row[0], row[1]): row for row in rows[1:]}
    assert by[("Region", "Region Syddanmark")][2:4] == ["2", "6"]
    assert by[("Udbyder", "NFA")][2:4] == ["2", "5"]
    period = next(
        row for key, row in by.items() if key[0] == "Budgetperiode" and "2016-17" in key[1]
    )
    assert period[2:5] == ["2", "7", "50,00"] and "3,86" in period
    assert by[("I alt", "I alt")][2:4] == ["3", "9"]
    sheet = _xlsx(client.get("/evaluering/resultater/eksport/xlsx/?what=summary&region=sjaelland"))
    assert [(r[0], r[1], r[3]) for r in sheet[1:] if r[0] == "Region"] == [
        ("Region", "Region Sjælland", 3)
    ]


def test_export_of_the_rounds_names_each_budget_period(client):
    first, second, third = spread_deliveries()
    client.force_login(factories.CentralPartyFactory().user)
    rows = _csv(client.get("/evaluering/resultater/eksport/csv/"))
    column = rows[0].index("Budgetperiode")
    periods = {row[0]: row[column] for row in rows[1:] if row[5] == RoundKind.IMMEDIATE.label}
    assert periods[first.reference].endswith("2016-17")
    assert periods[second.reference].endswith("2016-17")
    assert periods[third.reference].endswith("2017-18")
