"""Every dashboard runs the same number of queries, at most 25, whether the database holds 10
requests or 1,000 (issue 14, point 5): the figures are aggregated in the database."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Region

MAX_QUERIES = 25

PAGES = [
    ("central", "dashboards:overview", {}),
    ("central", "dashboards:overview", {"provider": "nfa", "region": "hovedstaden"}),
    ("central", "dashboards:overview", {"theme": "violence-threats"}),
    ("coordinator", "dashboards:region", {}),
    ("staff", "dashboards:provider", {}),
    ("staff", "dashboards:provider", {"region": "midtjylland"}),
]


def _seed(requests):
    call_command(
        "seed_scale",
        requests=requests,
        workplaces=20,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )


def _users():
    User = get_user_model()
    region = Region.objects.get(slug="hovedstaden")
    return {
        "central": User.objects.get(email="skala-central@example.dk"),
        "coordinator": User.objects.get(email=f"skala-region-{region.pk}@example.dk"),
        "staff": User.objects.get(email="skala-nfa-0@example.dk"),
    }


def _measure(client, users):
    counts = {}
    for role, view, query in PAGES:
        client.force_login(users[role])
        client.get(reverse(view), query)  # the first request after a login writes the session
        cache.clear()  # the figures are computed, not read from the cache (dashboards.cache)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(view), query)
        assert response.status_code == 200, (role, view, query)
        with CaptureQueriesContext(connection) as kept:
            again = client.get(reverse(view), query)
        assert again.context["figures"] == response.context["figures"], (role, view, query)
        # Kept figures cost only the filter form and the user's own tasks.
        assert len(kept) < len(captured) - 5, (role, view, query, len(kept), len(captured))
        counts[(role, view, tuple(query.items()))] = (
            len(captured),
            response.context["pipeline"].total,
        )
    return counts


@pytest.mark.django_db
def test_dashboards_run_the_same_queries_for_10_and_1000_requests(client):
    _seed(10)
    small = _measure(client, _users())
    _seed(1000)
    large = _measure(client, _users())
    for page, (queries, total) in small.items():
        large_queries, large_total = large[page]
        assert large_total > total, page  # the larger database really shows more
        assert queries == large_queries, (page, queries, large_queries)
        assert large_queries <= MAX_QUERIES, (page, large_queries)


@pytest.mark.postgres
@pytest.mark.django_db
def test_dashboards_on_postgresql(client):
    """The same on PostgreSQL, whose SQL for medians, windows and date truncation differs."""
    assert connection.vendor == "postgresql"
    _seed(10)
    small = _measure(client, _users())
    _seed(300)
    large = _measure(client, _users())
    for page, (queries, _total) in small.items():
        assert queries == large[page][0] <= MAX_QUERIES, page
