"""`make bench`'s own pieces: the baseline view exists only in the bench URLconf, answers with
one query of its own, and the report names every page and number under target."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, clear_url_caches, reverse

from tests.bench import report
from tests.bench.pages import PAGES, Setup, resolve


def test_the_baseline_is_not_in_the_portals_urls():
    with pytest.raises(NoReverseMatch):
        reverse("bench_baseline")


@pytest.mark.django_db
def test_the_baseline_answers_with_one_query_of_its_own(client, leader, django_assert_num_queries):
    from accounts.models import Region

    client.force_login(leader)
    client.get("/")  # the session's first request stores its activity
    with override_settings(ROOT_URLCONF="portal.urls_bench"):
        clear_url_caches()
        try:
            path = reverse("bench_baseline")
            # Session and user (middleware; MFA is off in tests), the request's savepoint
            # (ATOMIC_REQUESTS inside the test's transaction) and its release, and its own.
            with django_assert_num_queries(5):
                response = client.get(path)
        finally:
            clear_url_caches()
    assert response.status_code == 200
    assert Region.objects.order_by("pk").first().name in response.content.decode()


@pytest.mark.django_db
def test_every_page_of_the_table_resolves_or_is_reported_absent():
    setup = Setup(request_pk=1)
    paths = {page.label: resolve(page, setup) for page in PAGES}
    assert paths["login"] == reverse("account_login")
    assert paths["request page"] == reverse("requests:detail", args=[1])
    assert len({page.label for page in PAGES}) == len(PAGES)


def _row(page, rps, baseline, status=200, target=None):
    run = {"requests": 10, "duration_us": 1_000_000, "p50_us": 5000, "p99_us": 9000}
    run["errors"] = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}
    return {
        "page": page,
        "role": "central",
        "path": "/",
        "status": status,
        "bytes": 1,
        "first_ms": 1.0,
        "target_p50_ms": target,
        "rounds": [
            {"page": {**run, "rps": rps}, "baseline": {**run, "rps": baseline}} for _ in range(3)
        ],
    }


def test_the_report_names_what_misses_its_target():
    config = {"n": 100, "database": "x", "connections": 4, "seconds": 3, "rounds": 3}
    result = report.build(
        config=config,
        setup=Setup(),
        rows=[
            _row("fast", 90, 100),
            _row("slow", 20, 100),
            _row("broken", 0, 100, status=500),
            _row("dashboard", 90, 100, target=3),
        ],
        absent=["later"],
        workers={1: 120.0, 2: 300.0},
        pdf={"contract_ms": 40, "minimal_ms": 10, "ratio": 4.0, "rounds": 15},
        scan={"due": 100, "sizes": [{"open": 1000, "median_ms": 1500, "queries": [45]}]},
        explain=None,
        seconds=61,
    )
    under = "\n".join(result["under_target"])
    assert "fast" not in under
    assert "slow: ratio 0.200 < 0.5" in under
    assert "broken: answered 500" in under
    assert "dashboard: median 5 ms > 3 ms" in under
    assert "worker 2: peak RSS 300 MB" in under and "worker 1:" not in under
    assert "contract PDF: 4.00×" in under
    assert "deadline scan at 1,000 open requests: 1500 ms" in under
    text = report.table(result)
    assert "| fast | 200 | 1 | 90.0 |" in text  # first visit 1 ms, then 90 requests/s
    assert "not there yet (not measured): later" in text
