"""Runs in `make test-pg` only: the suite really talks to PostgreSQL and Redis there."""

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.postgres


@pytest.mark.django_db
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"


@pytest.mark.django_db
def test_healthz_checks_real_postgresql_and_redis(client):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_redis(client, settings):
    from portal.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "down"}


@pytest.mark.django_db
def test_the_portals_connections_run_without_jit_and_persist():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        # Short queries, short planning: joins ordered in groups of four (settings.py).
        cursor.execute("SHOW join_collapse_limit")
        assert cursor.fetchone() == ("4",)
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0


def test_seed_scale_leaves_the_tables_vacuumed_as_autovacuum_would(seeded):
    """Outside a transaction seed_scale ends with VACUUM (ANALYZE), as autovacuum leaves a
    database in use: statistics and a visibility map, so a count can be read from an index
    alone (issue 12). How many pages VACUUM can mark depends on other open transactions, so
    the test asserts that it ran."""
    import io

    from django.core.management import call_command

    def vacuums():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT vacuum_count, analyze_count FROM pg_stat_user_tables"
                " WHERE relname = 'requests_app_request'"
            )
            return cursor.fetchone()

    before = vacuums()
    call_command("seed_scale", requests=30, workplaces=4, stdout=io.StringIO())
    after = vacuums()
    assert after[0] == before[0] + 1
    assert after[1] == before[1] + 1
