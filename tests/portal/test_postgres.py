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
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
