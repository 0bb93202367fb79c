"""The foundation in a real browser: demo logins, the catalogue filter, the language switch."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_START_PAGES = [
    ("leder@demo.dk", "Dine arbejdspladser"),
    ("amr@demo.dk", "Dine arbejdspladser"),
    ("tr@demo.dk", "Dine arbejdspladser"),
    ("leder.h@demo.dk", "Dine arbejdspladser"),
    ("nfa@demo.dk", "Din udbyder"),
    ("cbs@demo.dk", "Din udbyder"),
    ("alectia@demo.dk", "Din udbyder"),
    ("ruc@demo.dk", "Din udbyder"),
    ("region.sjaelland@demo.dk", "Din region"),
    ("region.hovedstaden@demo.dk", "Din region"),
    ("central@demo.dk", "Overblik for de centrale parter"),
    ("admin@demo.dk", "Overblik for de centrale parter"),
]


def test_every_demo_account_logs_in_and_sees_its_start_page(demo, new_page):
    for email, heading in DEMO_START_PAGES:
        page = new_page()
        login(page, email)
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        expect(page.get_by_role("button", name=email)).to_be_visible()
        page.context.close()


def test_wrong_password_shows_a_clear_message(demo, new_page):
    page = new_page()
    login(page, "leder@demo.dk", password="forkert-kode")
    expect(page.get_by_role("alert")).to_contain_text("ikke korrekt")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_catalogue_filter_by_theme(new_page):
    page = new_page()
    page.goto("/providers/")
    cards = page.locator("article.provider-card")
    expect(cards).to_have_count(4)
    page.get_by_label("Tema").select_option(label="Vold og trusler")
    page.get_by_role("button", name="Filtrér").click()
    expect(page).to_have_url(re.compile(r"theme=violence-threats"))
    expect(page.get_by_label("Tema")).to_have_value("violence-threats")
    count = cards.count()
    assert 1 <= count <= 4
    page.get_by_role("link", name="Vis alle").click()
    expect(cards).to_have_count(4)


def test_switch_language_to_english_and_back(new_page):
    page = new_page()
    page.goto("/providers/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", name="Udbyderne", exact=True)).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="The providers", exact=True)).to_be_visible()
    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")


def test_skip_link_moves_focus_to_main(new_page):
    page = new_page()
    page.goto("/providers/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå til hovedindhold")
    expect(skip).to_be_focused()
    skip.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_pages_log_no_console_errors(demo, new_page):
    """Nothing the CSP refuses (htmx's indicator style is switched off), and no missing
    favicon: a clean console on the login page and a start page."""
    page = new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto("/accounts/login/")
    login(page, "leder@demo.dk")
    expect(page.get_by_role("heading", name="Dine arbejdspladser")).to_be_visible()
    page.goto("/requests/")
    page.wait_for_load_state("networkidle")
    assert problems == []
    icon = page.request.get(page.locator('link[rel="icon"]').get_attribute("href"))
    assert icon.status == 200 and icon.headers["content-type"].startswith("image/svg+xml")


def test_the_longest_menu_stays_in_the_bar_at_desktop_widths(demo, new_page):
    """A central party's menu is the longest: at 1,280 px it pushed the bell and the account
    menu off the blue bar (the e-mail white on white) and the page scrolled sideways. The
    menu now wraps inside the bar; at every width the bell and the account menu lie on it."""
    page = new_page()
    login(page, "central@demo.dk")
    for width in (1200, 1280, 1400, 1536, 1920):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/dashboard/")
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, width
        bar = page.locator("header nav.navbar").bounding_box()
        for item in (page.locator("#bell"), page.get_by_role("button", name="central@demo.dk")):
            expect(item).to_be_visible()
            box = item.bounding_box()
            assert bar["x"] <= box["x"] and box["x"] + box["width"] <= bar["x"] + bar["width"]
            assert bar["y"] <= box["y"] and box["y"] + box["height"] <= bar["y"] + bar["height"]


# For each table on the page: its one-word header cells and reference cells ("A-000008"),
# each with the number of lines its text takes; and whether the table's box may be scrolled
# by keyboard where it is wider than the screen.
TABLE_SHAPES = """() => [...document.querySelectorAll("main table")].map((table) => {
  const lines = (cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  };
  const words = [...table.querySelectorAll("th, td")].filter((cell) => {
    const text = cell.textContent.trim();
    return text && !/\\s/.test(text) && text.length > 3;
  });
  const box = table.closest(".table-responsive");
  return {
    id: table.id,
    broken: words.filter((cell) => lines(cell) > 1).map((cell) => cell.textContent.trim()),
    words: words.length,
    inBox: Boolean(box),
    overflows: box ? box.scrollWidth > box.clientWidth + 1 : false,
    focusable: box ? box.tabIndex === 0 && Boolean(box.getAttribute("aria-label")) : false,
  };
})"""


def test_tables_on_a_phone_keep_their_words_whole_and_scroll_in_their_box(demo, new_page):
    """QA at 375 px: columns shrank to a letter's width and broke every word a letter a line
    ("M/o/d/t/a/g/e/t", "A/-/0/0/0/0/0/8"), and the inbox scrolled the whole page sideways.
    Words stay whole; a table wider than the screen scrolls inside its own box, which the
    keyboard reaches (the load-time axe check covers scrollable-region-focusable)."""
    pages = {
        "nfa@demo.dk": ["/requests/inbox/", "/requests/", "/invoices/"],
        "central@demo.dk": ["/dashboard/", "/dashboard/requests/", "/invoices/ledger/"],
    }
    overflowing = 0
    for email, paths in pages.items():
        page = new_page()
        login(page, email)
        page.set_viewport_size({"width": 375, "height": 800})
        for path in paths:
            page.goto(path)
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert scroll <= inner, path
            tables = page.evaluate(TABLE_SHAPES)
            assert tables, path
            for table in tables:
                assert table["inBox"], (path, table["id"])
                assert table["broken"] == [], (path, table["id"], table["broken"])
                assert table["focusable"] == table["overflows"], (path, table["id"])
                overflowing += table["overflows"]
    assert overflowing >= 3  # the wide lists do overflow at 375 px, so the box is exercised
