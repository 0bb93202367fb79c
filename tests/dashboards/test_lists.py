"""The dashboard lists of requests, contracts and invoices (issue 14, point 3): who sees
which rows, filters, search, sort, pagination, bad values, and exports of exactly the
filtered rows with formulas neutralised."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dashboards.filters import reference
from dashboards.permissions import dashboard_scope
from providers.models import BudgetPeriod, Programme
from requests_app.models import Contract, Invoice, Request, Status
from tests.api.conftest import login, scale_people, seed


@pytest.fixture
def people(db):
    """The people of a small ``seed_scale`` (60 requests in every status)."""
    seed(60)
    return scale_people()


LISTS = ["dashboards:requests", "dashboards:contracts", "dashboards:invoices"]


def rows_of(model, user):
    scope = dashboard_scope(user)
    prefix = {Request: "", Contract: "request__", Invoice: "contract__request__"}[model]
    return model.objects.filter(scope.requests_q(prefix))


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def read_xlsx(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("leader", 403),
        ("no_role", 403),
        ("central", 200),
        ("coordinator", 200),
        ("staff", 200),
    ],
)
def test_who_may_open_the_lists(client, people, name, role, status):
    response = login(client, people[role]).get(reverse(name))
    assert response.status_code == status
    if role == "anonymous":
        assert reverse("account_login") in response["Location"]
    if status == 403:
        assert login(client, people[role]).get(reverse(name), {"export": "csv"}).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "model", "column"),
    [
        ("dashboards:requests", Request, 0),
        ("dashboards:contracts", Contract, 0),
        ("dashboards:invoices", Invoice, 1),
    ],
)
@pytest.mark.parametrize("role", ["central", "coordinator", "staff"])
def test_each_role_sees_its_own_rows(client, people, name, model, column, role):
    user = people[role]
    exported = read_csv(login(client, user).get(reverse(name), {"export": "csv"}))
    expected = rows_of(model, user)
    field = {Request: "pk", Contract: "request_id", Invoice: "contract__request_id"}[model]
    assert expected.exists()
    assert sorted(row[column] for row in exported[1:]) == sorted(
        reference(pk) for pk in expected.values_list(field, flat=True)
    )
    if role == "coordinator":
        regions = {row[exported[0].index("Region")] for row in exported[1:]}
        assert regions == {"Region Sjælland"}
    if role == "staff":
        providers = {row[exported[0].index("Udbyder")] for row in exported[1:]}
        assert providers == {"NFA"}
    assert not Request.objects.filter(
        status=Status.DRAFT, pk__in=[int(row[column][2:]) for row in exported[1:]]
    ).exists()


@pytest.mark.django_db
def test_filters_narrow_the_requests(client, people):
    login(client, people["central"])
    period = BudgetPeriod.objects.get(programme__name="Skalaprogram")
    params = {
        "region": "sjaelland",
        "provider": "cbs",
        "status": "dialogue",
        "period": period.pk,
        "programme": period.programme_id,
    }
    exported = read_csv(client.get(reverse("dashboards:requests"), {**params, "export": "csv"}))
    expected = Request.objects.filter(
        workplace__region__slug="sjaelland", provider__slug="cbs", status="dialogue"
    )
    assert {row[0] for row in exported[1:]} == {
        reference(pk) for pk in expected.values_list("pk", flat=True)
    }
    themed = read_csv(
        client.get(reverse("dashboards:requests"), {"theme": "violence-threats", "export": "csv"})
    )
    assert themed[1:] and all("Vold og trusler" in row[5] for row in themed[1:])
    overdue = read_csv(
        client.get(reverse("dashboards:requests"), {"overdue": "1", "export": "csv"})
    )
    expected_overdue = (
        Request.objects.exclude(status=Status.DRAFT)
        .filter(
            deadlines__met_at__isnull=True,
            deadlines__cancelled_at__isnull=True,
            deadlines__due_at__lt=timezone.now(),
        )
        .distinct()
    )
    assert {row[0] for row in overdue[1:]} == {
        reference(pk) for pk in expected_overdue.values_list("pk", flat=True)
    }


@pytest.mark.django_db
def test_search_finds_by_reference_title_workplace_and_invoice_number(client, people):
    login(client, people["central"])
    invoice = Invoice.objects.order_by("pk").first()
    request = invoice.contract.request
    rows = read_csv(
        client.get(reverse("dashboards:requests"), {"q": reference(request.pk), "export": "csv"})
    )
    assert [row[0] for row in rows[1:]] == [reference(request.pk)]
    rows = read_csv(
        client.get(reverse("dashboards:requests"), {"q": request.title, "export": "csv"})
    )
    assert reference(request.pk) in {row[0] for row in rows[1:]}
    assert all(request.title in row[1] for row in rows[1:])
    rows = read_csv(
        client.get(reverse("dashboards:invoices"), {"q": invoice.number, "export": "csv"})
    )
    numbers = [row[0] for row in rows[1:]]
    assert invoice.number in numbers
    assert all(invoice.number in number for number in numbers)
    workplace = read_csv(
        client.get(reverse("dashboards:contracts"), {"q": request.workplace.name, "export": "csv"})
    )
    assert reference(request.pk) in {row[0] for row in workplace[1:]}


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["²", "A-²", "¹²³"])
def test_a_search_for_a_digit_that_is_no_number_finds_nothing_and_answers(client, people, q):
    """ "²" is a digit to ``str.isdigit`` but no number to ``int``: it was a 500."""
    login(client, people["central"])
    for name in ("dashboards:requests", "dashboards:contracts", "dashboards:invoices"):
        response = client.get(reverse(name), {"q": q})
        assert response.status_code == 200
        assert read_csv(client.get(reverse(name), {"q": q, "export": "csv"}))[1:] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"region": "nord"}, "Region (region)"),
        ({"provider": "x"}, "Udbyder (provider)"),
        ({"status": "lost"}, "Status (status)"),
        ({"period": "abc"}, "Budgetperiode (period)"),
        ({"programme": "999999"}, "Program (programme)"),
        ({"theme": "<script>"}, "Tema (theme)"),
        ({"overdue": "maybe"}, "Overskredet (overdue)"),
    ],
)
@pytest.mark.parametrize("name", LISTS)
def test_bad_filter_values_are_named_in_danish_and_left_out(client, people, name, params, needle):
    login(client, people["central"])
    response = client.get(reverse(name), {**params, "page": "x", "sort": "nonsense"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nogle filtre kunne ikke bruges og er udeladt" in html
    assert needle in html
    assert "<script>" not in html.split('id="filter-problems"')[1].split("</div>")[0]
    # The bad filter is left out: every row the user may see is counted.
    assert response.context["count"] == response.context["table"].paginator.count > 0
    export = client.get(reverse(name), {**params, "export": "xlsx"})
    assert export.status_code == 200
    assert "Ret filtrene, før du eksporterer" in export.content.decode()
    assert client.get(reverse(name), {"export": "pdf"}).status_code == 200


@pytest.mark.django_db
def test_a_period_outside_the_programme_is_a_message(client, people):
    login(client, people["central"])
    programme = Programme.objects.get(name="Skalaprogram")
    other = BudgetPeriod.objects.exclude(programme=programme).first()
    html = client.get(
        reverse("dashboards:invoices"), {"programme": programme.pk, "period": other.pk}
    ).content.decode()
    assert "hører ikke til" in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_exports_hold_every_filtered_row_in_the_lists_order(client, people, settings, name):
    settings.PAGE_SIZE = 2  # NFA has three invoices in the 60 requests
    login(client, people["central"])
    params = {"provider": "nfa", "sort": "-amount"}
    page = client.get(reverse(name), params)
    table = page.context["table"]
    assert table.paginator.num_pages > 1
    listed = []
    for number in range(1, table.paginator.num_pages + 1):
        table = client.get(reverse(name), {**params, "page": number}).context["table"]
        listed += [table.export_row(row.record) for row in table.paginated_rows]
    csv_rows = read_csv(client.get(reverse(name), {**params, "export": "csv"}))
    xlsx_rows = read_xlsx(client.get(reverse(name), {**params, "export": "xlsx"}))
    assert csv_rows[0] == list(xlsx_rows[0]) == table.export_headers()
    key = 1 if name == "dashboards:invoices" else 0
    assert [row[key] for row in csv_rows[1:]] == [row[key] for row in listed]
    assert [row[key] for row in xlsx_rows[1:]] == [row[key] for row in listed]
    amount = table.export_headers().index("Beløb")
    amounts = [row[amount] for row in xlsx_rows[1:] if row[amount] is not None]
    assert amounts and all(isinstance(value, int | float) for value in amounts)
    assert amounts == sorted(amounts, reverse=True)
    csv_amount = next(row[amount] for row in csv_rows[1:] if row[amount])
    assert "," in csv_amount and "kr." not in csv_amount


@pytest.mark.django_db
def test_money_is_danish_on_the_page(client, people):
    login(client, people["central"])
    contract = Contract.objects.order_by("pk").first()
    contract_amount = contract.reserved_amount
    html = client.get(
        reverse("dashboards:contracts"), {"q": reference(contract.request_id)}
    ).content.decode()
    whole = f"{int(contract_amount):,}".replace(",", ".")
    assert f"{whole},00\xa0kr." in html or f"{whole},00 kr." in html
    assert "Kontrakter" in html and "Beløb" in html


@pytest.mark.django_db
def test_formulas_are_neutralised_in_both_exports(client, people):
    login(client, people["central"])
    titles = ['=HYPERLINK("https://x.example","Klik")', "+45 1234", "-2+3", "@SUM(A1)"]
    chosen = Request.objects.filter(status=Status.DIALOGUE).order_by("pk")[: len(titles)]
    for request, title in zip(chosen, titles, strict=True):
        Request.objects.filter(pk=request.pk).update(title=title)
    params = {"status": "dialogue"}
    csv_rows = read_csv(client.get(reverse("dashboards:requests"), {**params, "export": "csv"}))
    xlsx_rows = read_xlsx(client.get(reverse("dashboards:requests"), {**params, "export": "xlsx"}))
    for rows in (csv_rows, xlsx_rows):
        titles = [row[1] for row in rows[1:]]
        assert '\'=HYPERLINK("https://x.example","Klik")' in titles
        for title in ("+45 1234", "-2+3", "@SUM(A1)"):
            assert "'" + title in titles
        assert not any(str(t).startswith(("=", "+", "-", "@")) for t in titles)


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_sorting_by_each_column_works(client, people, name):
    login(client, people["central"])
    table = client.get(reverse(name)).context["table"]
    for column in table.columns:
        if not column.orderable:
            continue
        for sort in (column.name, f"-{column.name}"):
            response = client.get(reverse(name), {"sort": sort})
            assert response.status_code == 200, sort


def _queries(client, url, params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
        assert response.status_code == 200
        if params.get("export"):
            b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    "params",
    [
        {},
        # Rows in every list already at 10 requests (an empty page skips its page query).
        {"region": "sjaelland", "sort": "-amount"},
        {"export": "xlsx"},
        {"export": "csv", "theme": "violence-threats"},
    ],
)
def test_query_counts_do_not_grow_with_the_data(client, name, params):
    seed(10)
    people = scale_people()
    url = reverse(name)
    counts = {}
    for role in ("central", "coordinator"):
        login(client, people[role])
        counts[role] = _queries(client, url, params)
    seed(1000)
    for role in ("central", "coordinator"):
        login(client, people[role])
        many = _queries(client, url, params)
        # The export streams in chunks of 500 from one query: the themes come in its
        # columns (``tables.with_theme_names``), not from a prefetch per chunk.
        assert many == counts[role], (role, counts[role], many)
        assert many <= 25


def test_amounts_are_decimal_in_the_model():
    assert isinstance(Contract._meta.get_field("reserved_amount").to_python("1.00"), Decimal)


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_the_fast_rows_are_django_tables2s_cell_for_cell(client, people, name):
    """The lists render their rows with ``ListTable.body`` (one call per row); what it makes
    is, cell for cell, what django-tables2's own rendering makes: links, dates, amounts, the
    marks for nothing."""
    from django.utils.html import conditional_escape

    response = login(client, people["central"]).get(reverse(name), {"sort": "-pk"})
    table = response.context["table"]
    ours = [[str(conditional_escape(cell)) for _attrs, cell in row] for row in table.body()]
    theirs = [
        [str(conditional_escape(cell)) for _column, cell in row.items()]
        for row in table.page.object_list
    ]
    assert len(ours) == len(theirs) > 5
    assert ours == theirs
    # Rows where the optional cells are empty too (drafts have no provider nor contract).
    attrs = [column.attrs["td"].as_html() for column in table.columns]
    assert [a for a, _cell in table.body()[0]] == attrs
    assert "<td" in response.content.decode() and str(ours[0][0]) in response.content.decode()


@pytest.mark.django_db
def test_a_page_of_requests_reads_only_the_columns_it_shows(client, people):
    """The request list's page reads the columns its cells show (``RequestTable.shown``),
    not the requests' free texts; the export reads whole rows, as before."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def row_queries(params):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("dashboards:requests"), params)
            if params:
                b"".join(response.streaming_content)
        return [
            query["sql"]
            for query in captured
            if '"requests_app_request"."title"' in query["sql"] and "COUNT(" not in query["sql"]
        ]

    login(client, people["central"])
    page = row_queries({})
    assert len(page) == 1
    assert '"requests_app_request"."wishes"' not in page[0]
    assert '"accounts_workplace"."kind"' not in page[0]
    export = row_queries({"export": "csv"})
    assert len(export) == 1
    assert '"requests_app_request"."wishes"' in export[0]
