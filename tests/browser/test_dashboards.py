"""Issue 14's dashboards in a real browser (the lists and their exports: test_dashboard_lists):
a central user filters by provider and period and follows a figure to the list behind it; a
coordinator sees only their region, a provider only itself; the charts are drawn under the
strict CSP; axe-core checks every page (conftest)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from providers.models import BudgetPeriod
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _current_period():
    today = timezone.localdate()
    return BudgetPeriod.objects.get(
        programme__name__contains="demo", starts_on__lte=today, ends_on__gte=today
    )


def _charts_drawn(page) -> int:
    return page.evaluate(
        "Array.from(document.querySelectorAll('canvas.dashboard-chart'))"
        ".filter(c => c.chart !== undefined).length"
    )


def _cells(page, selector) -> list[str]:
    return [text.strip() for text in page.locator(selector).all_inner_texts()]


def test_central_filters_by_provider_and_period_and_follows_a_figure(demo, new_page):
    period = _current_period()
    page = new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    login(page, "central@demo.dk")
    page.get_by_role("link", name="Overblik").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.locator("#dashboard-heading")).to_have_text("Overblik")
    assert _charts_drawn(page) >= 5

    page.get_by_label("Udbyder", exact=True).select_option("nfa")
    page.get_by_label("Budgetperiode", exact=True).select_option(str(period.pk))
    page.get_by_role("button", name="Filtrér").click()
    expect(page).to_have_url(re.compile(rf"period={period.pk}"))
    expect(page).to_have_url(re.compile(r"provider=nfa"))
    # One frame: NFA's in the chosen period, with its burn-down drawn beside its table.
    assert _cells(page, ".budget-table tbody th") == ["NFA"]
    assert page.locator(".burn-down").count() == 1
    assert _cells(page, "#sla-table tbody th") == ["NFA"]
    assert _charts_drawn(page) >= 4
    total = int(page.locator("#pipeline-total").inner_text())
    assert total > 0

    page.locator("#pipeline-total").click()
    expect(page).to_have_url(re.compile(r"/dashboard/requests/\?"))
    assert f"period={period.pk}" in page.url and "provider=nfa" in page.url
    headers = _cells(page, "#list-table thead th")
    provider_column = headers.index("Udbyder") + 1
    providers = _cells(page, f"#list-table tbody tr td:nth-child({provider_column})")
    assert len(providers) == total  # the figure counts exactly the list's rows
    assert set(providers) == {"NFA"}
    # No script of the dashboards is refused by the CSP (the charts above are drawn).
    assert not [p for p in problems if "script-src" in p], problems


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
    assert _charts_drawn(page) >= 4
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
    response = page.goto("/dashboard/provider/?provider=nfa")
    assert response.status == 404
