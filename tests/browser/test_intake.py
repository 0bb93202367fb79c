"""The whole intake in a real browser, one browser context per person."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from providers.models import Provider
from requests_app.models import Action, Request, RequestEvent
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page, label):
    """A form control by its label; crispy marks required fields with a trailing '*'."""
    return page.get_by_label(re.compile(r"^\s*" + re.escape(label) + r"\s*\*?\s*$"))


def draft_request(page, *, title, counterpart, provider="NFA"):
    page.goto("/requests/new/")
    field(page, "Kort titel").fill(title)
    workplace = field(page, "Arbejdsplads")
    workplace.select_option(index=1)
    page.get_by_label("En enkelt arbejdsplads").check()
    page.get_by_label("Operationelt niveau").check()
    page.get_by_role("button", name="Gem og fortsæt").click()

    expect(page.locator("#catalogue-link")).to_have_attribute("href", "/providers/")
    page.get_by_label("Organisatoriske forandringer").check()
    field(page, "Ønsker og behov").fill("Hjælp til at lede en stor omlægning af afsnittet.")
    field(page, "Målgruppe").fill("Ledere og medarbejdere i afsnittet")
    field(page, "Hvad I forventer at opnå").fill("En fælles plan med fokus på arbejdsmiljøet.")
    page.get_by_role("button", name="Gem og fortsæt").click()

    field(page, "Udbyder").select_option(label=provider)
    page.get_by_role("button", name="Gem og fortsæt").click()

    field(page, "Hvem der er informeret eller inddraget").fill("Lokal-MED og HR")
    field(page, "Informeret den").fill(datetime.date.today().isoformat())
    for text in ["påbud", "krisehjælp", "personlig støtte", "allerede er i gang"]:
        page.get_by_label(re.compile(text)).check()
    page.get_by_role("button", name="Gem og fortsæt").click()

    page.get_by_label("En navngiven person fra den anden side").check()
    # The choices name role and workplace too: "Anders Arbejdsmiljø (Arbejdsmiljørepræsentant …)".
    choice = field(page, "Den anden part").locator("option", has_text=counterpart)
    field(page, "Den anden part").select_option(value=choice.get_attribute("value"))
    page.get_by_role("button", name="Gem", exact=True).click()

    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.get_by_role("button", name="Send til den anden part").click()
    expect(page.locator("#request-status")).to_have_text("Afventer den anden part")


def open_from_start_page(page, title):
    page.goto("/")
    page.get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def test_model2_intake_leader_drafts_amr_confirms_provider_starts_dialogue(demo, new_page):
    title = "Omlægning af vagtplanen"
    leader = new_page()
    login(leader, "leder@demo.dk")
    draft_request(leader, title=title, counterpart="Anders Arbejdsmiljø")

    amr = new_page()
    login(amr, "amr@demo.dk")
    expect(amr.locator("#to-confirm")).to_contain_text(title)
    open_from_start_page(amr, title)
    amr.get_by_role("button", name="Bekræft anmodningen").click()
    expect(amr.locator("#request-status")).to_have_text("Sendt til udbyderen")
    expect(amr.locator("#dialogue-due")).to_contain_text("7 dage tilbage")
    expect(amr.locator("#contract-due")).to_contain_text("28 dage tilbage")

    nfa = new_page()
    login(nfa, "nfa@demo.dk")
    nfa.goto("/requests/inbox/")
    nfa.get_by_role("link", name=title).click()
    # The provider's first message takes up the dialogue (issue 18, point 4): no button.
    nfa.get_by_label("Ny besked").fill("Møde aftalt med TRIO'en")
    nfa.get_by_role("button", name="Send beskeden").click()
    expect(nfa.locator("#dialogue-messages")).to_contain_text("Møde aftalt med TRIO'en")
    nfa.reload()
    expect(nfa.locator("#request-status")).to_have_text("Dialog startet")
    expect(nfa.locator("#timeline")).to_contain_text("Dialog startet")

    leader.reload()
    expect(leader.locator("#request-status")).to_have_text("Dialog startet")
    expect(leader.locator("#dialogue-due")).to_contain_text("overholdt")
    request = Request.objects.get(title=title)
    assert list(RequestEvent.objects.filter(request=request).values_list("action", flat=True))[
        -4:
    ] == [
        Action.REQUEST_SUBMITTED,
        Action.REQUEST_CONFIRMED,
        Action.REQUEST_REACHED_PROVIDER,
        Action.REQUEST_DIALOGUE_STARTED,
    ]


def test_model1_intake_with_region_approval_and_decline_then_redirect(demo, new_page):
    title = "Høje følelsesmæssige krav i akutmodtagelsen"
    leader = new_page()
    login(leader, "leder.h@demo.dk")
    draft_request(leader, title=title, counterpart="Tina Tillid")

    tr = new_page()
    login(tr, "tr@demo.dk")
    open_from_start_page(tr, title)
    tr.get_by_role("button", name="Bekræft anmodningen").click()
    expect(tr.locator("#request-status")).to_have_text("Afventer regionens godkendelse")

    region = new_page()
    login(region, "region.hovedstaden@demo.dk")
    expect(region.locator("#to-approve")).to_contain_text(title)
    open_from_start_page(region, title)
    region.get_by_role("button", name="Godkend for regionen").click()
    expect(region.locator("#request-status")).to_have_text("Sendt til udbyderen")

    nfa = new_page()
    login(nfa, "nfa@demo.dk")
    nfa.goto("/requests/inbox/")
    nfa.get_by_role("link", name=title).click()
    nfa.get_by_label("Ingen kapacitet").check()
    nfa.get_by_role("button", name="Afvis", exact=True).click()
    expect(nfa.locator("#request-status")).to_have_text("Afvist af udbyderen")

    leader.reload()
    cbs_provider = Provider.objects.get(slug="cbs")
    leader.get_by_label("Ny udbyder").select_option(value=str(cbs_provider.pk))
    leader.get_by_role("button", name="Send til den nye udbyder").click()
    expect(leader.locator("#request-status")).to_have_text("Afventer den anden part")

    tr.reload()
    tr.get_by_role("button", name="Bekræft anmodningen").click()
    region.reload()
    region.get_by_role("button", name="Godkend for regionen").click()
    expect(region.locator("#request-status")).to_have_text("Sendt til udbyderen")

    cbs = new_page()
    login(cbs, "cbs@demo.dk")
    cbs.goto("/requests/inbox/")
    expect(cbs.get_by_role("link", name=title)).to_be_visible()
    nfa.goto("/requests/inbox/")
    expect(nfa.get_by_role("link", name=title)).to_have_count(0)
    request = Request.objects.get(title=title)
    assert request.provider.slug == "cbs"
    assert (
        RequestEvent.objects.filter(request=request, action=Action.REQUEST_REACHED_PROVIDER).count()
        == 2
    )
