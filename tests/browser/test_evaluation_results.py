"""Issue 13, point 5 in a real browser: a central user opens the evaluation results from the
menu, the charts are drawn under the strict CSP beside their tables, filters by provider,
draws the charts per region, opens one request's results beside its delivery report, and
reads the programme report; axe-core checks every page (conftest)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from evaluations.demo import ensure_questionnaires
from providers.models import Programme
from tests import factories
from tests.browser.conftest import charts_drawn, login
from tests.evaluations.results_data import add_responses, delivered_request, immediate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


CHARTS = "canvas.evaluation-chart"


def test_central_user_sees_results_with_charts(new_page):
    # A transactional test before this one flushed what the data migration seeded.
    ensure_questionnaires()
    nfa, _ = delivered_request(provider_slug="nfa", report=8)
    add_responses(immediate(nfa), 3, value=5, text="<b>Rigtig godt</b>")
    cbs, _ = delivered_request(provider_slug="cbs", region_slug="syddanmark")
    add_responses(immediate(cbs), 4, value=3)
    today = timezone.localdate()
    programme = Programme.objects.create(
        name="Browserprogram",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=300),
    )
    central = factories.CentralPartyFactory().user

    page = new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    login(page, central.email, factories.PASSWORD)
    page.get_by_role("link", name="Evalueringer", exact=True).click()
    expect(page).to_have_url(re.compile(r"/evaluering/resultater/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Evalueringer")
    assert charts_drawn(page, CHARTS, 2) == 2
    # The table beside the charts: each provider's response counts and averages.
    rows = page.locator("#by-provider tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("NFA")
    expect(rows.nth(0)).to_contain_text("5,00")
    expect(rows.nth(1)).to_contain_text("CBS")
    expect(rows.nth(1)).to_contain_text("3,00")

    page.get_by_label("Udbyder", exact=True).select_option("nfa")
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page).to_have_url(re.compile(r"provider=nfa"))
    expect(page.locator("#by-provider tbody tr")).to_have_count(1)
    assert charts_drawn(page, CHARTS, 2) == 2
    # The charts per region instead, still filtered; the tables show every breakdown.
    charts_per = page.get_by_role("navigation", name="Vis diagrammerne pr.")
    charts_per.get_by_role("link", name="Region", exact=True).click()
    expect(page).to_have_url(re.compile(r"provider=nfa&(.*&)?chart=region#charts-heading$"))
    expect(page.get_by_role("heading", name="Gennemsnit pr. region")).to_be_visible()
    expect(charts_per.locator('[aria-current="page"]')).to_have_text("Region")
    assert charts_drawn(page, CHARTS, 2) == 2
    expect(page.locator("#by-region tbody tr")).to_have_count(1)
    expect(page.locator("#by-region tbody tr").first).to_contain_text("Region Sjælland")

    page.get_by_role("link", name=nfa.title).first.click()
    expect(page).to_have_url(re.compile(rf"/evaluering/anmodning/{nfa.pk}/resultater/$"))
    # The free text is shown as typed, never as markup; the delivery report beside it.
    expect(page.locator(".free-texts li").first).to_have_text("<b>Rigtig godt</b>")
    expect(page.locator("#delivery-report")).to_contain_text("To workshops")

    page.goto(f"/evaluering/programevaluering/{programme.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Afsluttende evaluering af Browserprogram"
    )
    # No script was blocked (Chart.js sizing its canvas through a style attribute may be).
    assert not [p for p in problems if "script-src" in p], problems
