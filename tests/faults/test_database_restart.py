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


def test_concurrent_traffic_through_a_restart_sees_only_200_and_503(private_pg):
    """Four clients keep reading while PostgreSQL stops and starts under two workers: every
    answer is a page or the clean 503, never a 500 or a dropped connection, and once the
    database is back every client is served again by the same workers."""
    import threading
    import time
    from collections import Counter

    redis = PrivateRedis()
    redis.start()
    server = Gunicorn(production_env(DATABASE_URL=private_pg.url(), REDIS_URL=redis.url), workers=2)
    statuses: Counter = Counter()
    failures: list[str] = []
    last: dict[int, int] = {}
    stop = threading.Event()

    def client(number: int):
        paths = ("/providers/", "/healthz", "/viden/", "/accounts/login/")
        n = 0
        while not stop.is_set():
            path = paths[(number + n) % len(paths)]
            n += 1
            try:
                page = server.get(path)
            except Exception as error:  # a reset or refused connection is a failure too
                failures.append(f"{path}: {error!r}")
                continue
            statuses[page.status] += 1
            last[number] = page.status
            if page.status >= 500 and page.status != 503:
                failures.append(f"{path}: {page.status}")
            if "Traceback" in page.body:
                failures.append(f"{path}: a traceback")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    try:
        assert server.get("/providers/").status == 200
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        private_pg.stop()
        assert wait_until(lambda: statuses[503] >= 4, seconds=20), statuses
        private_pg.start()
        assert wait_until(lambda: server.get("/providers/").status == 200, seconds=20)
        served_before = statuses[200]
        assert wait_until(lambda: statuses[200] >= served_before + 8, seconds=20), statuses
        stop.set()
        for thread in threads:
            thread.join(timeout=40)
        assert not failures, (failures[:10], server.errors())
        assert set(statuses) <= {200, 503}, statuses
        assert set(last.values()) == {200}, last
        assert server.process.poll() is None
    finally:
        stop.set()
        server.stop()
        redis.stop()
