"""Issue 14, points 3 and 4, in a real browser: a filtered list's XLSX export holds exactly
the rows the list shows; a coordinator's and a provider's lists hold only their own; the
API's documentation is a Danish page of the portal under the strict CSP."""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email):
    login(page, email)
    expect(page.locator("#bell")).to_be_visible()  # the login has landed before we move on


def column(page, header: str) -> list[str]:
    headers = [text.strip() for text in page.locator("#list-table thead th").all_inner_texts()]
    index = headers.index(header) + 1
    return [
        text.strip()
        for text in page.locator(f"#list-table tbody tr td:nth-child({index})").all_inner_texts()
    ]


def row_count(page) -> int:
    return int(re.match(r"\d+", page.locator("#row-count").inner_text()).group())


def every_page(page, header: str) -> list[str]:
    """The column on every page of the list, following its "Næste" link."""
    cells = []
    while True:
        cells += column(page, header)
        following = page.get_by_role("link", name="Næste")
        if not following.count():
            return cells
        following.click()
        page.wait_for_load_state("load")


def test_the_xlsx_export_holds_the_filtered_lists_rows(demo, new_page, tmp_path, settings):
    settings.PAGE_SIZE = 2  # the filtered list spans several pages
    page = new_page()
    sign_in(page, "central@demo.dk")
    page.goto("/dashboard/requests/")
    everything = row_count(page)
    page.get_by_label("Udbyder", exact=True).select_option("nfa")
    page.get_by_role("button", name="Filtrér").click()
    expect(page).to_have_url(re.compile(r"provider=nfa"))
    count = row_count(page)
    assert settings.PAGE_SIZE < count < everything
    assert set(column(page, "Udbyder")) == {"NFA"}
    header = [text.strip() for text in page.locator("#list-table thead th").all_inner_texts()]

    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    assert download.value.suggested_filename == "anmodninger.xlsx"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = load_workbook(saved).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == header
    shown = every_page(page, "Reference")
    assert len(shown) == count == len(rows) - 1
    assert [row[0] for row in rows[1:]] == shown
    assert {row[header.index("Udbyder")] for row in rows[1:]} == {"NFA"}


def test_a_bad_filter_is_a_danish_message(demo, new_page):
    page = new_page()
    sign_in(page, "central@demo.dk")
    page.goto("/dashboard/invoices/?region=atlantis&sort=-amount")
    expect(page.locator("#filter-problems")).to_contain_text("Nogle filtre kunne ikke bruges")
    expect(page.locator("#list-table")).to_be_visible()


@pytest.mark.parametrize(
    ("email", "header", "expected"),
    [
        ("region.sjaelland@demo.dk", "Region", {"Region Sjælland"}),
        ("nfa@demo.dk", "Udbyder", {"NFA"}),
    ],
)
def test_coordinators_and_providers_see_only_their_own(demo, new_page, email, header, expected):
    page = new_page()
    sign_in(page, email)
    for url in ("/dashboard/requests/", "/dashboard/contracts/"):
        page.goto(url)
        cells = column(page, header)
        assert cells, url
        assert set(cells) == expected, url


def test_the_api_documentation_is_a_danish_page_of_the_portal(demo, new_page):
    """The page is the portal's own (its frame, its scripts, no CDN, nothing the CSP blocks);
    the load-time axe check covers all of it. A central party follows the link from the
    profile and jumps to an endpoint from the contents."""
    page = new_page()
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(("http://localhost", "http://127.0.0.1", "data:"))
            else None
        ),
    )
    sign_in(page, "central@demo.dk")
    page.goto("/profil/")
    page.get_by_role("link", name="API'ets dokumentation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API'ets dokumentation")
    page.get_by_role("link", name="GET /api/v1/reach").click()
    section = page.locator("section", has=page.locator("#reach"))
    expect(section).to_contain_text("Udbredelse pr. region og tema")
    expect(section.get_by_role("heading", name="Felterne i regions")).to_be_visible()
    expect(section.get_by_role("row", name="workplaces_total")).to_contain_text("heltal eller null")
    assert page.evaluate("location.hash") == "#reach"
    assert blocked == []
    assert outside == []


def test_a_coordinator_chooses_among_their_own_regions_only(demo, new_page):
    """The lists' Region filter offers the coordinator's region alone; another, typed into
    the URL, is named in Danish and left out."""
    page = new_page()
    sign_in(page, "region.sjaelland@demo.dk")
    for url in ("/dashboard/requests/", "/dashboard/contracts/", "/dashboard/invoices/"):
        page.goto(url)
        options = page.get_by_label("Region", exact=True).locator("option").all_inner_texts()
        assert [text.strip() for text in options] == ["Alle", "Region Sjælland"], url
        count = row_count(page)
        page.goto(f"{url}?region=hovedstaden")
        expect(page.locator("#filter-problems")).to_contain_text("Region (region)")
        assert row_count(page) == count, url
