"""The dashboards' figures are computed once and kept (``dashboards.cache``): a second visit
reads them without their queries, a change is seen at once, no scope or language ever reads
another's, the page says when they were computed, and the warm-up keeps the default views ready."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboards import cache as figures_cache
from dashboards.permissions import Scope
from dashboards.warm import default_views, warm_dashboards
from portal.celery import app as celery_app
from tests import factories
from tests.dashboards import builders as b


@pytest.fixture
def world(db):
    nfa, cbs = b.two_overdue_requests()
    return {
        "nfa": nfa,
        "cbs": cbs,
        "central": factories.CentralPartyFactory().user,
        "central_2": factories.CentralPartyFactory().user,
        "nfa_staff": factories.ProviderStaffFactory(provider=factories.provider("nfa")).user,
        "cbs_staff": factories.ProviderStaffFactory(provider=factories.provider("cbs")).user,
        "sjaelland": factories.CoordinatorFactory(region=factories.region("sjaelland")).user,
        "hovedstaden": factories.CoordinatorFactory(region=factories.region("hovedstaden")).user,
    }


def _visit(client, user, view="dashboards:overview", **query):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(view), query)
    assert response.status_code == 200
    return response, len(queries)


def test_a_second_visit_reads_the_kept_figures(client, world):
    first, computing = _visit(client, world["central"])
    second, reading = _visit(client, world["central"])
    assert second.context["figures"] == first.context["figures"]
    assert reading < computing - 5
    # Another central user shares them: the figures depend on the scope, not the person.
    third, _queries = _visit(client, world["central_2"])
    assert third.context["figures"] == first.context["figures"]


def test_the_page_says_when_the_figures_were_computed(client, world):
    moment = timezone.localtime(timezone.now())
    response, _queries = _visit(client, world["central"])
    text = response.content.decode()
    assert 'id="figures-freshness"' in text
    assert "Tallene blev beregnet" in text
    assert f"{moment.day}. " in text and "kl. " in text
    assert "mindst hvert 5. minut" in text


def test_a_change_is_seen_at_once(client, world):
    first, _queries = _visit(client, world["central"])
    assert first.context["figures"].value.count(world["cbs"].title) == 1
    world["cbs"].title = "Et nyt navn på anmodningen"
    world["cbs"].save(update_fields=["title"])
    second, _queries = _visit(client, world["central"])
    assert second.context["figures"] != first.context["figures"]
    assert "Et nyt navn på anmodningen" in second.context["figures"].value


def test_no_scope_reads_another_scopes_figures(client, world):
    nfa, _queries = _visit(client, world["nfa_staff"], "dashboards:provider")
    cbs, _queries = _visit(client, world["cbs_staff"], "dashboards:provider")
    assert nfa.context["figures"] != cbs.context["figures"]
    assert world["nfa"].title in nfa.context["figures"].value
    assert world["cbs"].title not in nfa.context["figures"].value
    assert world["cbs"].title in cbs.context["figures"].value
    assert world["nfa"].title not in cbs.context["figures"].value
    sjaelland, _queries = _visit(client, world["sjaelland"], "dashboards:region")
    hovedstaden, _queries = _visit(client, world["hovedstaden"], "dashboards:region")
    assert world["cbs"].title not in sjaelland.context["figures"].value
    assert world["nfa"].title not in hovedstaden.context["figures"].value
    # Different filters, different figures.
    filtered, _queries = _visit(client, world["central"], provider="cbs")
    assert world["nfa"].title not in filtered.context["figures"].value


def test_keys_differ_by_kind_scope_filters_and_language(world):
    from django.utils import translation

    from dashboards.selectors.filters import DashboardFilters, FilterChoices

    choices = FilterChoices.load()
    plain = DashboardFilters()
    cbs = DashboardFilters(provider=choices.providers[1])
    everything = Scope(True, frozenset(), frozenset())
    region = Scope(False, frozenset([1]), frozenset())
    provider = Scope(False, frozenset(), frozenset([1]))
    keys = {
        figures_cache.key("central", everything, plain),
        figures_cache.key("central", everything, cbs),
        figures_cache.key("region", region, plain),
        figures_cache.key("provider", provider, plain),
    }
    with translation.override("en"):
        keys.add(figures_cache.key("central", everything, plain))
    assert len(keys) == 5


def test_each_language_gets_its_own_figures(client, world):
    danish, _queries = _visit(client, world["central"])
    client.cookies["django_language"] = "en"
    english = client.get(reverse("dashboards:overview"), HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200
    assert english.context["figures"] != danish.context["figures"]
    assert "Budgets" in english.context["figures"].value
    assert "Budgetter" in danish.context["figures"].value


def test_no_caching_when_the_setting_is_zero(client, world, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    _visit(client, world["central"])  # the login's own first write
    first, computing = _visit(client, world["central"])
    second, again = _visit(client, world["central"])
    assert again == computing
    assert second.context["figures"].computed_at > first.context["figures"].computed_at


def test_kept_figures_run_out(client, world, monkeypatch):
    first, _queries = _visit(client, world["central"])
    later = timezone.now() + datetime.timedelta(seconds=figures_cache.timeout() + 1)
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + figures_cache.timeout() + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    second, _queries = _visit(client, world["central"])
    assert second.context["figures"].computed_at == later


def test_warm_up_computes_every_default_view(client, world):
    views = list(default_views())
    kinds = [kind for kind, _scope in views]
    assert kinds.count("central") == 1
    assert kinds.count("region") == 5
    assert kinds.count("provider") == 4
    assert warm_dashboards() == len(views)
    # The first visitor of each default view reads what the warm-up computed.
    for user, view in [
        (world["central"], "dashboards:overview"),
        (world["sjaelland"], "dashboards:region"),
        (world["cbs_staff"], "dashboards:provider"),
    ]:
        client.force_login(user)
        client.get(reverse("notifications"))  # the login's own first write
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(view))
        assert response.status_code == 200
        assert not any("requests_app_deadline" in q["sql"] for q in queries.captured_queries), view


def test_the_warm_up_runs_on_beat_before_the_figures_run_out(settings, db):
    entry = celery_app.conf.beat_schedule["warm-dashboards"]
    assert entry["task"] == "dashboards.tasks.warm_dashboards"
    assert entry["schedule"] < settings.DASHBOARD_CACHE_SECONDS
    from dashboards.tasks import warm_dashboards as task

    assert task.name == entry["task"]
    assert task.delay().get(timeout=10) == 10  # eager in tests: the central, 5 regions, 4 providers


@pytest.mark.django_db
def test_a_cache_that_is_down_is_a_miss(client, world, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    # (Django's test signals give the cache handler the new setting.)
    response, _queries = _visit(client, world["central"])
    assert world["cbs"].title in response.context["figures"].value
    again, _queries = _visit(client, world["central"])
    assert world["cbs"].title in again.context["figures"].value


def test_a_transaction_renews_the_generation_once_after_its_commit(
    world, django_capture_on_commit_callbacks
):
    # As in a transaction of its own: the world's rows were written in the test's transaction.
    connection.run_on_commit = [
        entry for entry in connection.run_on_commit if entry[1] is not figures_cache._new_generation
    ]
    before = figures_cache.generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for name in ("nfa", "cbs"):
            world[name].title = f"Ny titel {name}"
            world[name].save(update_fields=["title"])
    assert figures_cache.generation() != before  # at once, for pages read before the commit
    renewals = [c for c in callbacks if c is figures_cache._new_generation]
    assert len(renewals) == 1
    during = figures_cache.generation()
    renewals[0]()
    assert figures_cache.generation() != during


def test_bulk_seeded_data_renews_the_figures(client, world):
    """seed_scale inserts in bulk (no signals) and says so itself."""
    from tests.api.conftest import seed

    first, _queries = _visit(client, world["central"])
    seed(10, workplaces=5)
    second, _queries = _visit(client, world["central"])
    assert second.context["figures"] != first.context["figures"]
    assert "Skala" in second.context["figures"].value
