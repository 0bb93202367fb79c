"""Playwright with Debian's Chromium against pytest-django's live server.

Every page a browser test visits is checked with axe-core (vendored from npm under
``vendor/``) for WCAG 2.1 A/AA: the script runs in the page once it has loaded and reports
back through a binding; a test fails on any serious or critical violation. Content that
arrives later (an htmx swap) is checked when the test calls ``axe_check(page)``.
"""

import json
import shutil
import time
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


AXE = (Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js").read_text()
AXE_RUNNER = """
window.__axeCheck = (label, record = true) => {
  const run = async () => {
    const result = await axe.run(document, {
      runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    });
    const bad = result.violations
      .filter(v => v.impact === "serious" || v.impact === "critical")
      .map(v => ({id: v.id, impact: v.impact, help: v.help,
                  targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
    const page = location.pathname + location.search + (label ? ` (${label})` : "");
    if (record) await window.__axeReport(page, bad);
    return bad;
  };
  // axe-core refuses a second run while one is going: queue behind the load-time check.
  window.__axeQueue = (window.__axeQueue || Promise.resolve()).then(run, run);
  return window.__axeQueue;
};
window.addEventListener("load", () => {
  if (window.top !== window) return;
  window.__axeCheck("");
});
"""


def axe_check(page, label="after an htmx swap", *, record=True):
    """Run axe-core again on ``page`` as it is now, e.g. after htmx swapped new content in (the
    automatic check runs once, at load). Its violations go into the context's report like the
    load-time ones, so the test fails at teardown; they are also returned. ``record=False``
    only returns them (for a test that expects some)."""
    return page.evaluate("([label, record]) => window.__axeCheck(label, record)", [label, record])


class AxeReport:
    """The pages axe-core checked in one browser context, and what it found."""

    def __init__(self):
        self.pages = []
        self.violations = []

    def record(self, _source, path, violations):
        self.pages.append(path)
        self.violations += [{"page": path, **violation} for violation in violations]

    def assert_clean(self):
        assert not self.violations, "axe-core (WCAG 2.1 AA):\n" + json.dumps(
            self.violations, ensure_ascii=False, indent=1
        )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _seeded(seeded):
    """Every browser test runs on a live server, in a transactional database."""


@pytest.fixture
def demo(seeded, settings):
    """The demo accounts of `make run`, in the live server's database."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh browser context (its own cookies) per call: one per person in a test."""
    contexts = []

    def open_page(locale="da-DK"):
        context = browser.new_context(base_url=live_server.url, locale=locale)
        context.set_default_timeout(10_000)
        report = AxeReport()
        context.expose_binding("__axeReport", report.record)
        context.add_init_script(script=AXE + AXE_RUNNER)
        contexts.append((context, report))
        return context.new_page()

    yield open_page
    for context, _report in contexts:
        for page in context.pages:
            # The last page's report may still be on its way: wait for it.
            try:
                page.wait_for_load_state("load")
                page.wait_for_timeout(300)
            except Exception:  # noqa: S110 - a page that closed has nothing to wait for
                pass
        context.close()
    for _context, report in contexts:
        report.assert_clean()
    assert all(report.pages for _context, report in contexts), "axe-core checked no page"


def login(page, email, password="arbejdsmiljo-demo"):
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadresse").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()


def wait_until(page, expression: str, seconds: float = 10) -> None:
    """Wait until the JavaScript ``expression`` is true on the page. Not
    ``page.wait_for_function``: given an expression, Playwright evaluates it again on every
    poll with ``eval``, which the portal's CSP (no 'unsafe-eval') refuses whenever the first
    check is false (CI: "EvalError … violates the following Content Security Policy"). Each
    ``page.evaluate`` is a fresh evaluation, which the CSP lets through."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"Still false after {seconds} s: {expression}")
        page.wait_for_timeout(100)


def charts_drawn(page, canvas: str, at_least: int) -> int:
    """How many of the ``canvas`` charts Chart.js has drawn, once at least ``at_least`` are;
    a chart that is never drawn times the wait out and fails the test. The page's script
    draws them after the page has loaded, which a URL or a visible element does not wait for
    (counted at once, a dashboard test once found none drawn in CI)."""
    drawn = (
        f"Array.from(document.querySelectorAll({canvas!r}))"
        ".filter(c => c.chart !== undefined).length"
    )
    wait_until(page, f"{drawn} >= {at_least}")
    return page.evaluate(drawn)
