"""The read-only API (issue 14, point 4): every endpoint for every role, the same numbers and
scope as the pages, bad parameters answered 4xx with a message, and query counts that do not
grow with the data."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards.permissions import dashboard_scope
from providers.models import BudgetFrame, BudgetPeriod, Programme
from requests_app.models import Request, Status
from tests.api.conftest import login, scale_people, seed

ENDPOINTS = [
    "/api/v1/budgets",
    "/api/v1/requests",
    "/api/v1/deadlines/sla",
    "/api/v1/reach",
    "/api/v1/evaluations/summary",
]
READERS = ["central", "coordinator", "staff"]
REFUSED = {"anonymous": 401, "leader": 403, "amr": 403, "no_role": 403}
ROLES = ["anonymous", *READERS, "superuser", "leader", "amr", "no_role"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_for_every_role(client, scale, url, role):
    response = login(client, scale[role]).get(url)
    expected = REFUSED.get(role, 200)
    assert response.status_code == expected, response.content
    assert response["Content-Type"].startswith("application/json")
    if expected != 200:
        # A Danish message, not a bare code.
        assert response.json()["detail"].startswith(
            "Log ind" if role == "anonymous" else "API'et er for"
        )
        return
    body = response.json()
    if role == "superuser":
        # A superuser reads what the central parties read.
        assert body == login(client, scale["central"]).get(url).json()
    elif url == "/api/v1/requests":
        assert body["count"] > 0


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["leader", "no_role"])
def test_a_role_that_may_not_read_gets_403_before_its_parameters_are_read(client, scale, role):
    """A bad parameter from a role that may not read the API is no 422 about the parameter."""
    for url in ENDPOINTS:
        response = login(client, scale[role]).get(f"{url}?period=abc&page=x&limit=-1")
        assert response.status_code == 403, (url, response.content)
        assert response.json()["detail"].startswith("API'et er for")


def _sla_page(client, user, view):
    return {row.provider.slug: row for row in login(client, user).get(reverse(view)).context["sla"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "view"), [("coordinator", "dashboards:region"), ("staff", "dashboards:provider")]
)
def test_sla_is_scoped_as_the_dashboard(client, scale, role, view):
    user = scale[role]
    rows = login(client, user).get("/api/v1/deadlines/sla").json()
    page = _sla_page(client, user, view)
    assert [row["provider"] for row in rows] == list(page)
    for row in rows:
        shown = page[row["provider"]]
        assert (row["reached"], row["dialogue_on_time"], row["contract_late"]) == (
            shown.reached,
            shown.dialogue_on_time,
            shown.contract_late,
        )
        assert row["overdue_now"] == shown.overdue
    mine = Request.objects.filter(
        dashboard_scope(user).requests_q(), reached_provider_at__isnull=False
    )
    assert sum(row["reached"] for row in rows) == mine.count() > 0
    everyone = login(client, scale["central"]).get("/api/v1/deadlines/sla").json()
    assert sum(row["reached"] for row in rows) < sum(row["reached"] for row in everyone)
    if role == "staff":
        assert [row["provider"] for row in rows] == ["nfa"]
    else:
        assert set(mine.values_list("workplace__region__slug", flat=True)) == {"sjaelland"}


@pytest.mark.django_db
def test_the_evaluation_summary_gives_provider_staff_their_own_rows(client, scale):
    staff = login(client, scale["staff"]).get("/api/v1/evaluations/summary").json()
    assert [row["slug"] for row in staff["providers"]] == ["nfa"]
    page = login(client, scale["staff"]).get(reverse("dashboards:provider"))
    (shown,) = page.context["evaluations"].by_provider
    (row,) = staff["providers"]
    assert (row["rounds"], row["responses"]) == (shown.rounds, shown.responses)
    assert row["rounds"] > 0
    # A coordinator sees every provider's part in their region, as on their dashboard.
    coordinator = login(client, scale["coordinator"]).get("/api/v1/evaluations/summary").json()
    assert len(coordinator["providers"]) == 4


def _scale_programme():
    return Programme.objects.get(name="Skalaprogram")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["central", "staff"])
def test_budgets_equal_the_ledger_page(client, scale, role):
    login(client, scale[role])
    programme = _scale_programme()
    page = client.get(reverse("invoices:ledger"), {"programme": programme.pk})
    assert page.status_code == 200
    ledger_rows = page.context["rows"]
    assert any(row.committed for row in ledger_rows)
    api_rows = client.get("/api/v1/budgets", {"programme": programme.pk}).json()
    as_strings = [
        {
            "provider": row.provider.slug,
            "period_id": row.period.pk,
            "frame": f"{row.amount:.2f}",
            "committed": f"{row.committed:.2f}",
            "invoiced": f"{row.invoiced:.2f}",
            "attested": f"{row.attested:.2f}",
            "paid": f"{row.paid:.2f}",
            "remaining": f"{row.remaining:.2f}",
        }
        for row in ledger_rows
    ]
    assert [{key: row[key] for key in as_strings[0]} for row in api_rows] == as_strings
    assert all(row["partial"] is False for row in api_rows)
    if role == "staff":
        assert {row["provider"] for row in api_rows} == {"nfa"}


@pytest.mark.django_db
def test_a_coordinator_sees_only_their_regions_part_of_the_frames(client, scale):
    rows = login(client, scale["coordinator"]).get("/api/v1/budgets").json()
    assert rows and all(row["partial"] and row["remaining"] is None for row in rows)
    central = login(client, scale["central"]).get("/api/v1/budgets").json()
    whole = {(r["provider"], r["period_id"]): Decimal(r["committed"]) for r in central}
    for row in rows:
        assert Decimal(row["committed"]) <= whole[(row["provider"], row["period_id"])]


@pytest.mark.django_db
@pytest.mark.parametrize("role", READERS)
def test_requests_are_those_the_list_shows(client, scale, role, settings):
    user = scale[role]
    login(client, user)
    body = client.get("/api/v1/requests").json()
    expected = Request.objects.filter(dashboard_scope(user).requests_q())
    assert body["count"] == expected.count() > 0
    assert body["page_size"] == settings.PAGE_SIZE
    ids = set()
    for page in range(1, body["pages"] + 1):
        ids |= {
            item["id"] for item in client.get("/api/v1/requests", {"page": page}).json()["items"]
        }
    assert ids == set(expected.values_list("pk", flat=True))
    assert not expected.filter(status=Status.DRAFT).exists()
    if role == "coordinator":
        assert set(expected.values_list("workplace__region__slug", flat=True)) == {"sjaelland"}
    if role == "staff":
        assert set(expected.values_list("provider__slug", flat=True)) == {"nfa"}


@pytest.mark.django_db
def test_a_region_or_provider_outside_the_scope_is_refused_as_on_the_lists(client, scale):
    """As the dashboards' lists: a coordinator filtering on another region, or provider staff
    on another provider, is told so (400) rather than answered with an empty list."""
    for role, params, needle in [
        ("coordinator", {"region": "hovedstaden"}, "region"),
        ("staff", {"provider": "cbs"}, "provider"),
    ]:
        response = login(client, scale[role]).get("/api/v1/requests", params)
        assert response.status_code == 400, (role, response.content)
        assert needle in response.json()["detail"]
    own = login(client, scale["coordinator"]).get("/api/v1/requests", {"region": "sjaelland"})
    assert own.status_code == 200 and own.json()["count"] > 0
    everywhere = login(client, scale["central"]).get("/api/v1/requests", {"region": "hovedstaden"})
    assert everywhere.status_code == 200


@pytest.mark.django_db
def test_a_request_row_has_the_documented_fields_and_decimal_strings(client, scale):
    login(client, scale["central"])
    contracted = Request.objects.filter(status=Status.CONTRACTED).order_by("-pk").first()
    body = client.get("/api/v1/requests", {"q": f"A-{contracted.pk:06d}"}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == contracted.pk
    assert item["reference"] == f"A-{contracted.pk:06d}"
    assert item["region"] == contracted.workplace.region.slug
    assert item["provider"] == contracted.provider.slug
    assert item["themes"] == [t.slug for t in contracted.themes.all()]
    assert item["status"] == "contracted"
    assert item["amount"] == f"{contracted.contract.reserved_amount:.2f}"
    assert isinstance(item["amount"], str)
    for key in ("reached_provider_at", "dialogue_due", "contract_due", "contract_concluded_at"):
        assert item[key] and item[key][:4].isdigit()


@pytest.mark.django_db
def test_a_page_of_requests_reads_only_the_columns_it_answers(client, scale):
    """The rows are read with the columns ``_request_row`` answers with, not the requests'
    free texts (the query-count test catches a column answered but not read)."""
    login(client, scale["central"])
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/v1/requests").json()["items"]
    rows = [
        query["sql"]
        for query in captured
        if '"requests_app_request"."title"' in query["sql"] and "COUNT(" not in query["sql"]
    ]
    assert len(rows) == 1
    assert '"requests_app_request"."dialogue_started_on"' in rows[0]
    assert '"requests_app_request"."wishes"' not in rows[0]


@pytest.mark.django_db
def test_request_filters_narrow_the_rows(client, scale):
    login(client, scale["central"])
    body = client.get(
        "/api/v1/requests", {"status": "dialogue", "provider": "cbs", "region": "sjaelland"}
    ).json()
    expected = Request.objects.filter(
        status="dialogue", provider__slug="cbs", workplace__region__slug="sjaelland"
    )
    assert body["count"] == expected.count()
    assert all(
        (i["status"], i["provider"], i["region"]) == ("dialogue", "cbs", "sjaelland")
        for i in body["items"]
    )
    period = BudgetPeriod.objects.get(programme=_scale_programme())
    themed = client.get(
        "/api/v1/requests", {"period": period.pk, "theme": "violence-threats"}
    ).json()
    assert all("violence-threats" in i["themes"] for i in themed["items"])
    overdue = client.get("/api/v1/requests", {"overdue": "true"}).json()
    assert 0 < overdue["count"] < body["count"] + 10_000


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "params", "status", "needle"),
    [
        ("/api/v1/requests", {"region": "nord"}, 400, "region"),
        ("/api/v1/requests", {"provider": "nobody"}, 400, "provider"),
        ("/api/v1/requests", {"status": "lost"}, 400, "status"),
        ("/api/v1/requests", {"theme": "x"}, 400, "theme"),
        ("/api/v1/requests", {"period": "x"}, 422, "period"),
        ("/api/v1/requests", {"page": "0"}, 422, "page"),
        ("/api/v1/requests", {"page": "abc"}, 422, "page"),
        ("/api/v1/budgets", {"period": "999999"}, 400, "period"),
        ("/api/v1/budgets", {"programme": "-1"}, 400, "programme"),
        ("/api/v1/budgets", {"programme": "x"}, 422, "programme"),
        ("/api/v1/deadlines/sla", {"period": "999999"}, 400, "period"),
        ("/api/v1/deadlines/sla", {"period": "1.5"}, 422, "period"),
        ("/api/v1/reach", {"period": "999999"}, 400, "period"),
        ("/api/v1/reach", {"period": "'; drop table"}, 422, "period"),
        ("/api/v1/evaluations/summary", {"programme": "999999"}, 400, "programme"),
        ("/api/v1/evaluations/summary", {"period": "x"}, 422, "period"),
    ],
)
def test_bad_parameters_answer_4xx_with_a_message(client, scale, url, params, status, needle):
    response = login(client, scale["central"]).get(url, params)
    assert response.status_code == status, response.content
    detail = response.json()["detail"]
    assert isinstance(detail, str) and needle in detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "type_", "problem"),
    [
        ({"page": "abc"}, "int_parsing", "page (skal være et helt tal)"),
        ({"page": "1.5"}, "int_parsing", "page (skal være et helt tal)"),
        ({"page": "0"}, "greater_than_equal", "page (skal være mindst 1)"),
        ({"page": "-3"}, "greater_than_equal", "page (skal være mindst 1)"),
        ({"overdue": "måske"}, "bool_parsing", "overdue (skal være true eller false)"),
    ],
)
def test_a_422_says_in_danish_what_each_parameter_must_be(client, scale, params, type_, problem):
    response = login(client, scale["central"]).get("/api/v1/requests", params)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] == f"Ugyldige parametre: {problem}."
    (error,) = body["errors"]
    assert error == {"loc": [next(iter(params))], "type": type_, "msg": problem.split(" (")[1][:-1]}
    # None of pydantic's English sentences comes through.
    assert "Input should" not in response.content.decode()


@pytest.mark.django_db
def test_a_period_outside_the_programme_is_refused(client, scale):
    programme = _scale_programme()
    other = BudgetPeriod.objects.exclude(programme=programme).first()
    response = login(client, scale["central"]).get(
        "/api/v1/budgets", {"programme": programme.pk, "period": other.pk}
    )
    assert response.status_code == 400
    assert "period" in response.json()["detail"]


@pytest.mark.django_db
def test_sla_and_reach_carry_counts_and_shares(client, scale):
    login(client, scale["central"])
    sla = client.get("/api/v1/deadlines/sla").json()
    assert {row["provider"] for row in sla} <= {"nfa", "cbs", "alectia", "ruc"}
    assert (
        sum(row["reached"] for row in sla)
        == Request.objects.filter(reached_provider_at__isnull=False)
        .exclude(status=Status.DRAFT)
        .count()
    )
    for row in sla:
        share = row["dialogue_on_time_percent"]
        assert share is None or 0 <= Decimal(share) <= 100
    reach = client.get("/api/v1/reach").json()
    assert {row["slug"] for row in reach["regions"]} == {
        "hovedstaden",
        "midtjylland",
        "nordjylland",
        "sjaelland",
        "syddanmark",
    }
    assert (
        sum(row["requests"] for row in reach["regions"])
        == Request.objects.exclude(status=Status.DRAFT).count()
    )
    coordinator = login(client, scale["coordinator"]).get("/api/v1/reach").json()
    assert [row["slug"] for row in coordinator["regions"]] == ["sjaelland"]


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize(
    # A filter with rows for every role already at 10 requests (an empty page reads less).
    "url",
    [*ENDPOINTS, "/api/v1/requests?theme=violence-threats"],
)
@pytest.mark.parametrize("role", READERS)
def test_query_counts_do_not_grow_with_the_data(client, url, role):
    seed(10)
    people = scale_people()
    login(client, people[role])
    few = _queries(client, url)
    if "theme" in url:
        assert client.get(url).json()["items"]
    seed(1000)
    many = _queries(client, url)
    assert few == many
    assert many <= 25


@pytest.mark.django_db
def test_frames_exist_for_the_numbers(scale):
    # The budget comparison above is only worth something with money in the frames.
    assert BudgetFrame.objects.filter(period__programme=_scale_programme()).count() == 4


@pytest.mark.django_db
def test_the_evaluation_summary_has_the_dashboards_numbers(client, settings):
    import datetime
    import secrets

    from django.utils import timezone

    from evaluations.models import (
        Answer,
        DeliveryReport,
        EvaluationRound,
        Question,
        QuestionnaireVersion,
        Response,
        RoundKind,
    )
    from tests import factories
    from tests.dashboards import builders as b

    settings.EVALUATION_MIN_RESPONSES = 3
    central = factories.CentralPartyFactory().user
    workplace = factories.WorkplaceFactory(region=factories.region("sjaelland"))
    delivered = b.request(workplace, status=Status.DELIVERED, reached=b.at(2016, 6, 1))
    DeliveryReport.objects.create(
        request=delivered, delivered="To workshops", hours=6, participants=10, written_by=central
    )
    version = QuestionnaireVersion.objects.filter(questionnaire__kind=RoundKind.IMMEDIATE).first()
    opens = b.at(2016, 9, 1)
    round_ = EvaluationRound.objects.create(
        request=delivered,
        kind=RoundKind.IMMEDIATE,
        version=version,
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=14),
        token_salt=secrets.token_hex(16),
        token_hash=secrets.token_hex(32),
    )
    scales = list(Question.objects.filter(version=version, kind=Question.Kind.SCALE)[:2])
    for values in ([5, 4], [4, 4], [3, 5]):
        response = Response.objects.create(
            round=round_, version=version, submitted_on=timezone.localdate()
        )
        for question, value in zip(scales, values, strict=True):
            Answer.objects.create(response=response, question=question, value=value)
    body = login(client, central).get("/api/v1/evaluations/summary").json()
    assert body["min_responses"] == 3
    nfa = next(row for row in body["providers"] if row["slug"] == "nfa")
    assert (nfa["rounds"], nfa["responses"], nfa["invited"]) == (1, 3, 10)
    assert nfa["response_rate_percent"] == "30.0"
    assert nfa["immediate_average"] == "4.17"  # (5+4+4+4+3+5) / 6, as a decimal string
    assert nfa["follow_up_average"] is None
    theme = next(row for row in body["themes"] if row["slug"] == "organisational-change")
    assert theme["responses"] == 3
    coordinator = factories.CoordinatorFactory(region=factories.region("hovedstaden")).user
    other = login(client, coordinator).get("/api/v1/evaluations/summary").json()
    assert all(row["responses"] == 0 for row in other["providers"])


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v2/budgets", "/api/", "/api/v1/budgets/x"])
def test_an_unknown_api_path_answers_json_404_in_danish(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Findes ikke."}


@pytest.mark.django_db
def test_an_unknown_page_outside_the_api_is_still_the_sites_404_page(client):
    for path in ("/nope/", "/api-guide/", "/api/docsx"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html"), path
