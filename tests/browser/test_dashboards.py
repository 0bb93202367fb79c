"""Issue 14's dashboards in a real browser (the lists and their exports: test_dashboard_lists):
a central user lands on the dashboard at login, filters by provider and period, follows a
figure to the list behind it and exports that list (the XLSX holds every row of every page);
a coordinator sees only their region, a provider only itself and its inbox figures; the
charts are drawn under the strict CSP; axe-core checks every page (conftest)."""

import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from providers.models import BudgetPeriod
from tests.browser.conftest import charts_drawn, login, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


CHARTS = "canvas.dashboard-chart"


def _current_period():
    today = timezone.localdate()
    return BudgetPeriod.objects.get(
        programme__name__contains="demo", starts_on__lte=today, ends_on__gte=today
    )


def _cells(page, selector) -> list[str]:
    return [text.strip() for text in page.locator(selector).all_inner_texts()]


def _list_rows(page) -> list[str]:
    """Every row's reference on a paginated list, page after page (the user's "Næste")."""
    headers = _cells(page, "#list-table thead th")
    reference = headers.index("Reference") + 1
    rows = []
    while True:
        rows += _cells(page, f"#list-table tbody tr td:nth-child({reference})")
        following = page.get_by_role("link", name="Næste")
        if not following.count():
            return rows
        following.click()
        page.wait_for_load_state("load")


def _row_count(page) -> int:
    return int(re.match(r"\d+", page.locator("#row-count").inner_text()).group())


def test_central_filters_by_provider_and_period_and_follows_a_figure(
    demo, new_page, settings, tmp_path
):
    settings.PAGE_SIZE = 2  # the list behind the figure spans several pages
    period = _current_period()
    page = new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    login(page, "central@demo.dk")
    # The dashboard is the central parties' start page: the login lands there.
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.locator("#dashboard-heading")).to_have_text("Overblik")
    expect(page.locator("#invoices-to-pay")).to_be_visible()
    charts_drawn(page, CHARTS, 5)  # waits for them: fewer time out

    page.get_by_label("Udbyder", exact=True).select_option("nfa")
    page.get_by_label("Budgetperiode", exact=True).select_option(str(period.pk))
    page.get_by_role("button", name="Filtrér").click()
    expect(page).to_have_url(re.compile(rf"period={period.pk}"))
    expect(page).to_have_url(re.compile(r"provider=nfa"))
    # One frame: NFA's in the chosen period, with its burn-down drawn beside its table.
    assert _cells(page, ".budget-table tbody th") == ["NFA"]
    assert page.locator(".burn-down").count() == 1
    assert _cells(page, "#sla-table tbody th") == ["NFA"]
    charts_drawn(page, CHARTS, 4)  # waits for them: fewer time out
    total = int(page.locator("#pipeline-total").inner_text())
    assert total > settings.PAGE_SIZE

    page.locator("#pipeline-total").click()
    expect(page).to_have_url(re.compile(r"/dashboard/requests/\?"))
    assert f"period={period.pk}" in page.url and "provider=nfa" in page.url
    assert _row_count(page) == total  # the figure counts exactly the list's rows
    providers = _cells(page, "#list-table tbody tr td:nth-child(5)")
    assert set(providers) == {"NFA"}

    # The export of THIS list: every row of every page, in the list's order.
    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = list(load_workbook(saved).active.iter_rows(values_only=True))
    header = _cells(page, "#list-table thead th")
    assert list(sheet[0]) == header
    listed = _list_rows(page)
    assert len(listed) == total == len(sheet) - 1
    assert [row[0] for row in sheet[1:]] == listed
    assert {row[header.index("Udbyder")] for row in sheet[1:]} == {"NFA"}
    # No script of the dashboards is refused by the CSP (the charts above are drawn).
    assert not [p for p in problems if "script-src" in p], problems


SEGMENT = """canvas => {
  const chart = canvas.chart;
  const spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
  const index = spec.datasets.findIndex(d => d.data[0] > 0);
  const bar = chart.getDatasetMeta(index).data[0];
  return {x: bar.x, y: (bar.y + bar.base) / 2, link: spec.datasets[index].links[0]};
}"""


def test_a_part_of_the_budget_bar_opens_its_own_list(demo, new_page):
    page = new_page()
    login(page, "central@demo.dk")
    canvas = page.locator(".budget-period canvas.dashboard-chart").first
    expect(canvas).to_be_visible()
    wait_until(page, "document.querySelector('.budget-period canvas').chart !== undefined")
    canvas.scroll_into_view_if_needed()
    segment = canvas.evaluate(SEGMENT)
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + segment["x"], box["y"] + segment["y"])
    page.wait_for_url(re.compile(re.escape(segment["link"]) + "$"))
    assert re.search(r"status=(in_force|unattested|awaiting_payment|paid)", page.url)


def test_a_budget_figure_opens_the_invoices_it_adds_up(demo, new_page):
    page = new_page()
    login(page, "central@demo.dk")
    row = page.locator(".budget-table tbody tr").filter(has=page.locator("th", has_text="NFA"))
    invoiced = row.first.locator("td.invoiced a")
    figure = invoiced.inner_text()
    invoiced.click()
    expect(page).to_have_url(re.compile(r"/dashboard/invoices/\?.*status=booked"))
    assert set(_cells(page, "#list-table tbody tr td:nth-child(3)")) <= {"NFA"}
    assert _row_count(page) > 0 or figure.startswith("0,00")


def test_a_coordinator_sees_only_their_region(demo, new_page):
    page = new_page()
    login(page, "region.sjaelland@demo.dk")
    page.goto("/dashboard/")
    expect(page).to_have_url(re.compile(r"/dashboard/region/$"))
    expect(page.locator("#dashboard-heading")).to_have_text("Regionens overblik")
    assert _cells(page, "#reach-regions tbody th") == ["Region Sjælland"]
    assert page.locator("#filter-region").count() == 0  # one region: nothing to choose
    regions = _cells(page, "#overdue-table tbody td:nth-child(5)")
    assert set(regions) <= {"Region Sjælland"}
    assert page.locator("#budgets-partial").is_visible()
    charts_drawn(page, CHARTS, 4)  # waits for them: fewer time out
    # A figure's list holds their region's requests only.
    total = int(page.locator("#pipeline-total").inner_text())
    page.locator("#pipeline-total").click()
    expect(page).to_have_url(re.compile(r"/dashboard/requests/"))
    assert _row_count(page) == total
    assert set(_cells(page, "#list-table tbody tr td:nth-child(4)")) == {"Region Sjælland"}
    response = page.goto("/dashboard/region/?region=hovedstaden")
    assert response.status == 404


def test_a_provider_sees_only_itself(demo, new_page):
    page = new_page()
    login(page, "cbs@demo.dk")
    page.goto("/dashboard/")
    expect(page).to_have_url(re.compile(r"/dashboard/provider/$"))
    expect(page.locator("#dashboard-heading")).to_have_text("Udbyderens overblik")
    assert set(_cells(page, ".budget-table tbody th")) == {"CBS"}
    assert set(_cells(page, "#sla-table tbody th")) <= {"CBS"}
    assert _cells(page, "#evaluations-providers tbody th") == ["CBS"]
    assert page.locator(".burn-down").count() >= 1
    assert page.locator("#reach").count() == 0
    # The inbox figures, each opening a list of the provider's own requests.
    expect(page.locator("#inbox-table")).to_be_visible()
    dialogue = page.locator('#inbox-table tr[data-figure="dialogue"] a')
    figure = int(dialogue.inner_text())
    dialogue.click()
    expect(page).to_have_url(re.compile(r"/dashboard/requests/\?status=dialogue"))
    assert _row_count(page) == figure
    assert set(_cells(page, "#list-table tbody tr td:nth-child(5)")) <= {"CBS"}
    response = page.goto("/dashboard/provider/?provider=nfa")
    assert response.status == 404


@pytest.mark.parametrize("email", ["central@demo.dk", "region.sjaelland@demo.dk"])
def test_requests_received_open_exactly_the_requests_counted(demo, new_page, email):
    """Each provider's "Modtagne anmodninger" lists the requests that reached it: not one
    still awaiting the other party (CBS has one in the demo)."""
    page = new_page()
    login(page, email)
    page.goto("/dashboard/")
    cells = page.locator("#sla-table tbody td.reached a")
    expect(cells.first).to_be_visible()
    figures = [(int(a.inner_text()), a.get_attribute("href")) for a in cells.all()]
    assert figures
    for figure, href in figures:
        page.goto(href)
        assert _row_count(page) == figure, href


def _foot(page, header: str) -> str:
    headers = _cells(page, "#list-table thead th")
    return page.locator("#list-table tfoot td").nth(headers.index(header)).inner_text().strip()


def test_a_committed_figure_opens_a_list_whose_foot_shows_it(demo, new_page):
    """The budget table's and each burn-down's latest "Disponeret" open the contracts that
    commit it; the list's foot shows the same amount (the contracts' rest, not their sums)."""
    page = new_page()
    login(page, "central@demo.dk")
    links = page.locator(
        ".budget-table td.committed a, .burn-table tbody tr:last-child td.committed a"
    )
    expect(links.first).to_be_attached()
    figures = [(a.text_content().strip(), a.get_attribute("href")) for a in links.all()]
    assert len(figures) >= 2
    for figure, href in figures:
        page.goto(href)
        expect(page.locator("#list-table tfoot")).to_contain_text("I alt")
        assert _foot(page, "Disponeret") == figure, href
