"""The API's figures endpoints keep their answer as the dashboards keep their figures
(``dashboards.cache``): read once per scope and filters, ``Last-Modified`` saying when, a
change seen at once, and never one scope's answer for another."""

from email.utils import parsedate_to_datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from requests_app.models import Request
from tests.api.conftest import login

FIGURES = [
    "/api/v1/budgets",
    "/api/v1/deadlines/sla",
    "/api/v1/reach",
    "/api/v1/evaluations/summary",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", FIGURES)
def test_the_answer_is_kept_and_dated(client, scale, url):
    login(client, scale["central"])
    client.get("/api/v1/requests")  # the login's own first write
    before = timezone.now().replace(microsecond=0)
    with CaptureQueriesContext(connection) as computing:
        first = client.get(url)
    with CaptureQueriesContext(connection) as reading:
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second.json() == first.json()
    assert len(reading) < len(computing)
    assert second["Last-Modified"] == first["Last-Modified"]
    assert parsedate_to_datetime(first["Last-Modified"]) >= before


@pytest.mark.django_db
def test_a_change_is_seen_at_once(client, scale):
    login(client, scale["central"])
    first = client.get("/api/v1/reach").json()
    request = Request.objects.filter(workplace__region__slug="sjaelland").exclude(status="draft")[0]
    request.status = "draft"  # no longer counted anywhere
    request.save(update_fields=["status"])
    second = client.get("/api/v1/reach").json()
    before = {row["slug"]: row["requests"] for row in first["regions"]}
    after = {row["slug"]: row["requests"] for row in second["regions"]}
    assert after["sjaelland"] == before["sjaelland"] - 1


@pytest.mark.django_db
@pytest.mark.parametrize("url", FIGURES)
def test_no_scope_reads_another_scopes_answer(client, scale, url):
    central = login(client, scale["central"]).get(url).json()
    staff = login(client, scale["staff"]).get(url).json()
    coordinator = login(client, scale["coordinator"]).get(url).json()
    assert staff != central and coordinator != central and staff != coordinator
    # And in the other order, from a cache that holds the narrower answers.
    assert login(client, scale["central"]).get(url).json() == central
