"""One measurement for the whole session: every page of ``pages.PAGES`` rendered at 10 and
at 1,000 requests, inside one transaction that is rolled back afterwards (nothing is left for
the other tests)."""

import tempfile
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_init
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.query_counts import world as worlds
from tests.query_counts.pages import PAGES

SIZES = (10, 1000)


@dataclass
class Count:
    status: int
    queries: int
    rows: int | None
    sql: list[str]
    error: str = ""
    instances: int = 0  # model instances the page built: what it read from the database


def _measure(page, world) -> Count:
    """One page's count; a page that raises fails its own test, not every other page's."""
    try:
        with transaction.atomic():
            return _open(page, world)
    except Exception as error:  # noqa: BLE001 - reported by the page's test
        return Count(0, 0, None, [], error=f"{type(error).__name__}: {error}")


def _open(page, world) -> Count:
    client = Client()
    user = world.users[page.role]
    if user is not None:
        client.force_login(user)
    url = reverse(page.url_name, kwargs=page.kwargs(world) if page.kwargs else None)
    query = page.query(world) if callable(page.query) else page.query
    _consume(client.get(url, query))  # the first request after a login also writes the session
    cache.clear()  # kept figures (dashboards.cache) are computed again: that is what is counted
    built = []

    def count_instance(sender, **kwargs):
        built.append(sender)

    post_init.connect(count_instance, weak=False)
    try:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, query)
            _consume(response)
    finally:
        post_init.disconnect(count_instance)
    rows = None
    if page.rows and response.context is not None:
        rows = len(response.context[page.rows])
    return Count(
        response.status_code,
        len(captured),
        rows,
        [query["sql"] for query in captured],
        instances=len(built),
    )


def _consume(response):
    """Read a streamed body to its end. The test client has closed the response already
    (without closing the database connection); closing it again here would fire
    request_finished, whose close_old_connections drops PostgreSQL's connection mid-transaction."""
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.fixture(scope="session")
def query_counts(django_db_setup, django_db_blocker):
    """{size: {page id: Count}} for every page at both sizes."""
    counts = {}
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(
            MEDIA_ROOT=media,
            PAGE_SIZE=20,  # fewer than the rows at 1,000 requests: the second page exists
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MFA_REQUIRED_FOR_PRIVILEGED=False,
            CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        world = worlds.World()
        for size in SIZES:
            worlds.grow(world, size)
            counts[size] = {page.id: _measure(page, world) for page in PAGES}
        transaction.set_rollback(True)
    return counts
