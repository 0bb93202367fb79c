"""PostgreSQL restarted during traffic (issue 16, Faults): while the database is away the
portal answers a clean 503 page (no traceback) and /healthz says "down"; once it is back the
same gunicorn serves pages again without a restart (CONN_HEALTH_CHECKS)."""

import pytest
from django.db import connection

from tests.faults.services import (
    Gunicorn,
    PrivatePostgres,
    PrivateRedis,
    database_url,
    production_env,
    wait_until,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def private_pg(seeded):
    pg = PrivatePostgres()
    pg.start()
    # The test database holds the migrated schema and the seeded catalogue: copy it.
    pg.copy_database(database_url(connection.settings_dict))
    yield pg
    pg.destroy()


def test_the_portal_answers_503_while_postgres_is_down_and_recovers_without_a_restart(private_pg):
    redis = PrivateRedis()
    redis.start()
    server = Gunicorn(production_env(DATABASE_URL=private_pg.url(), REDIS_URL=redis.url))
    try:
        assert server.get("/providers/").status == 200
        assert server.get("/healthz").status == 200

        private_pg.stop()
        page = server.get("/providers/")
        assert page.status == 503
        assert "midlertidigt utilgængelig" in page.body
        assert "Traceback" not in page.body and "OperationalError" not in page.body
        assert page.headers["Retry-After"] == "60"
        health = server.get("/healthz")
        assert health.status == 503 and '"database": "down"' in health.body

        private_pg.start()
        assert wait_until(lambda: server.get("/providers/").status == 200, seconds=20)
        assert '"status": "ok"' in server.get("/healthz").body
        assert server.process.poll() is None  # the same server, never restarted
    finally:
        server.stop()
        redis.stop()
