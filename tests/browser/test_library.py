"""The knowledge library in a real browser: axe-clean pages, wizard suggestions, a clean print."""

import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from library.seed import seed_library
from tests import factories
from tests.browser.conftest import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For each request theme: a tool, and a case or recommendation, the wizard must suggest.
SUGGESTED = {
    "Organisatoriske forandringer": (
        "Perspektivsamtaler",
        "Rygcenteret – nye veje til et fælles løft",
    ),
    "Faglige forandringer": ("Dilemmaværksted", "Faglig (u)tryghed på en hjertemedicinsk afdeling"),
    "Vold og trusler": (
        "Arbejdsmiljø check-in",
        "Arbejd systematisk med at forebygge vold og trusler",
    ),
}


@pytest.fixture(autouse=True)
def _library(seeded):
    """The transactional flush removed what migration 0003 seeded; seed it again."""
    seed_library(apps)


def test_the_library_is_public_searchable_and_accessible(new_page):
    page = new_page()
    page.goto("/")
    page.get_by_role("link", name="Viden").first.click()
    expect(page.get_by_role("heading", name="Viden for TRIOer")).to_be_visible()
    page.get_by_role("searchbox", name="Søg").fill("voldsforebyggelse")
    page.get_by_role("button", name="Find").click()
    # The items that have the whole word come first (the recommendation, the research project).
    first = page.locator(".library-results > li").first
    expect(first).to_contain_text(
        re.compile("Integreret voldsforebyggelse|Arbejd systematisk|sætter")
    )
    expect(page.locator(".library-results")).to_contain_text(
        "Arbejd systematisk med at forebygge vold og trusler"
    )
    expect(page.locator(".library-snippet mark").first).to_be_visible()
    page.get_by_role("link", name="Vold og trusler").first.click()
    expect(page.locator(".library-results")).to_contain_text("Arbejdsmiljø check-in")
    page.get_by_role("link", name="Arbejd systematisk med at forebygge vold og trusler").click()
    expect(page.get_by_role("heading", name="Eksempler fra regionerne")).to_be_visible()


def test_the_wizard_suggests_tools_and_cases_for_each_theme(new_page):
    _workplace, leader, amr = factories.trio("sjaelland")
    request = factories.complete_request(leader=leader, counterpart=amr)
    request.themes.clear()
    page = new_page()
    login(page, leader.email, factories.PASSWORD)
    step = f"/requests/{request.pk}/edit/content/"
    page.goto(step)
    suggestions = page.locator("#library-suggestions")
    expect(suggestions).to_contain_text("Vælg et tema")
    for theme, (tool, other) in SUGGESTED.items():
        for box in SUGGESTED:
            page.get_by_label(box).set_checked(box == theme)
        expect(suggestions.locator(".library-suggestions-tools")).to_contain_text(tool)
        expect(suggestions).to_contain_text(other)
        assert page.url.endswith(step)  # still on the step, nothing saved or reloaded
        # The suggestions came with htmx after the page's own axe check: check them too.
        assert axe_check(page, f"suggestions for {theme}") == []
    page.get_by_label("Vold og trusler").uncheck()
    expect(suggestions).to_contain_text("Vælg et tema")


def test_a_tool_prints_as_a_clean_page(new_page):
    page = new_page()
    page.goto("/viden/dilemmavaerksted/")
    expect(page.get_by_role("button", name="Udskriv")).to_be_visible()
    page.emulate_media(media="print")
    for hidden in ["header", "footer", ".breadcrumb", "#print-tool", "#related-heading"]:
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.get_by_role("heading", name="Dilemmaværksted", exact=True)).to_be_visible()
    for heading in ["Formål", "Det skal I bruge", "Fremgangsmåde", "Næste skridt"]:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    margin = page.evaluate("getComputedStyle(document.querySelector('main')).paddingTop")
    assert margin == "0px"
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.emulate_media(media="screen")
    expect(page.locator("header")).to_be_visible()


def test_models_cases_kinds_and_providers_cases_are_accessible(new_page):
    """Every kind of page the library has, each checked by axe-core as it loads."""
    page = new_page()
    page.goto("/viden/belastninger-og-ressourcer/")
    expect(page.get_by_role("heading", name="Belastninger og ressourcer", level=1)).to_be_visible()
    expect(page.locator(".library-source")).to_contain_text("003_602b4d59ffa3b64f.txt")
    page.get_by_role("link", name="Model", exact=True).first.click()  # the breadcrumb: ?type=
    assert "type=model" in page.url
    expect(page.locator(".library-results")).to_contain_text("De seks guldkorn")
    expect(page.locator(".library-results")).not_to_contain_text("Dilemmaværksted")
    page.goto("/viden/?type=case&tema=violence-threats")
    expect(page.locator(".library-results")).to_contain_text(
        "Et botilbud: tillid, når alarmen lyder"
    )
    page.get_by_role(
        "link", name="En specialinstitution sætter forebyggelsen af vold i system"
    ).click()
    expect(page.locator(".library-source")).to_contain_text(
        "Når forebyggelsen af vold er sat i system"
    )
    for provider, case in [
        ("ruc", "Dialysen – fra selvbeskyttelse til fælles ansvar"),
        (
            "nfa",
            "Integreret voldsforebyggelse: et forskningsprojekt i psykiatrien og kriminalforsorgen",
        ),
    ]:
        page.goto(f"/providers/{provider}/")
        expect(page.get_by_role("heading", name="Cases fra vidensbiblioteket")).to_be_visible()
        page.get_by_role("link", name=case).click()
        expect(page.get_by_role("heading", name=case, level=1)).to_be_visible()
    page.goto("/viden/arbejdsmiljoe-check-in/")
    expect(page.locator(".library-guide-note").first).to_contain_text("Om kilden:")


def test_the_axe_recheck_sees_what_arrives_after_the_page_loaded(new_page):
    """The helper the wizard test relies on: content added after load is checked."""
    page = new_page()
    page.goto("/viden/")
    assert axe_check(page, "unchanged", record=False) == []
    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML(
               "beforeend", '<img src="/static/missing.png" id="no-alt">')"""
    )
    found = axe_check(page, "an image without alt text", record=False)
    assert "image-alt" in {violation["id"] for violation in found}
    page.locator("#no-alt").evaluate("image => image.remove()")
