"""WCAG 2.1 AA in a real browser (issue 11, point 16). axe-core checks every page a browser
test visits (see conftest); here every role's main pages are visited, and what axe cannot
judge is measured: the focus ring's contrast and the error summary after a refused form."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "leder@demo.dk": ["/", "/requests/", "/requests/new/", "/notifications/", "/invoices/"],
    "nfa@demo.dk": ["/", "/requests/inbox/", "/requests/", "/invoices/", "/invoices/ledger/"],
    "region.sjaelland@demo.dk": ["/", "/requests/", "/invoices/"],
    "central@demo.dk": [
        "/",
        "/requests/",
        "/invoices/",
        "/invoices/ledger/",
        "/accounts/invite/",
        "/notifications/mail-failures/",
    ],
}


def _luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(one, two):
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(css):
    return [int(float(part)) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]


@pytest.mark.parametrize("email", sorted(PAGES))
def test_every_roles_pages_pass_axe(demo, new_page, email):
    page = new_page()
    login(page, email)
    for path in PAGES[email]:
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)  # the axe report of this page arrives before the next


def test_the_focus_ring_stands_out_on_white_and_on_the_header(demo, new_page):
    page = new_page()
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand, in the blue header
    style = page.evaluate(
        """() => {
        const el = document.activeElement;
        const header = getComputedStyle(el.closest('nav'));
        const s = getComputedStyle(el);
        return {outline: s.outlineColor, width: s.outlineWidth, shadow: s.boxShadow,
                header: header.backgroundColor};
    }"""
    )
    assert style["width"] == "3px"
    outline, header = _rgb(style["outline"]), _rgb(style["header"])
    ring = _rgb(style["shadow"])
    # Against the header the yellow ring carries the contrast, against white the black one.
    assert _contrast(ring, header) >= 3
    assert _contrast(outline, [255, 255, 255]) >= 3
    # The header's links themselves: white on the header's blue.
    link = page.locator("nav .nav-link").first
    color = _rgb(link.evaluate("el => getComputedStyle(el).color"))
    assert _contrast(color, header) >= 4.5


def test_a_refused_form_shows_an_error_summary_that_takes_the_focus(demo, new_page):
    page = new_page()
    login(page, "leder@demo.dk")
    page.goto("/requests/new/")
    page.get_by_role("button", name="Gem og fortsæt").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    link = summary.locator('a[href="#id_title"]')
    expect(link).to_be_visible()
    title = page.locator("#id_title")
    expect(title).to_have_attribute("aria-invalid", "true")
    assert "id_title_error" in (title.get_attribute("aria-describedby") or "")
    link.click()
    expect(title).to_be_focused()


def test_a_link_to_an_action_shows_the_method_page_in_danish(demo, new_page):
    """An action opened as a link (a GET to a POST-only URL, say from a bookmark) answers
    405 with a page of its own: in Danish, saying nothing changed, with a way on; axe-core
    checks it like every page (conftest)."""
    page = new_page()
    login(page, "leder@demo.dk")
    response = page.goto("/notifications/read-all/")
    assert response.status == 405
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Det kan siden ikke")
    expect(page.get_by_text("Intet er ændret.")).to_be_visible()
    page.wait_for_timeout(200)  # the axe report of this page arrives before the next
    page.get_by_role("link", name="Gå til forsiden").click()
    expect(page).to_have_url(re.compile(r"/$"))
