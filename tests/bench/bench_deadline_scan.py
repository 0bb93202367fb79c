"""Benchmark: one periodic deadline scan over 100,000 open requests on PostgreSQL.

Run with `make bench` (DATABASE_URL must name PostgreSQL). It builds a throwaway test
database, bulk-creates open requests with their dialogue and contract deadlines (a fixed
number of them due now), and reports the time of one scan and its query count at 10,000 and
at 100,000 open requests: the count must not grow with the rows.
"""

import json
import os
import signal
import statistics
import sys
import time
from datetime import timedelta

DUE = 100  # deadlines due in each measured scan
# `make bench` passes its own sizes (BENCH_SCAN_SIZES, comma-separated).
SIZES = tuple(int(size) for size in os.environ.get("BENCH_SCAN_SIZES", "10000,100000").split(","))


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DEBUG", "on")
    # E-mail goes out in the same process (eager) into memory: the scan is what is measured.
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "on")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    if connection.vendor != "postgresql":
        print("bench_deadline_scan needs PostgreSQL: set DATABASE_URL")
        return 1
    setup_test_environment()
    # A run stopped with SIGTERM still removes its test database (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # autoclobber: a database left by an interrupted run is replaced, never asked about.
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return _run(CaptureQueriesContext)
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def _run(CaptureQueriesContext) -> int:
    from django.db import connection
    from django.utils import timezone

    from requests_app.models import Deadline, Request, Status
    from requests_app.services import deadline_scan as deadlines
    from tests import factories

    workplace, leader, amr = factories.trio("sjaelland")
    factories.ProviderStaffFactory(provider=factories.provider("nfa"))
    factories.CentralPartyFactory()
    provider = factories.provider("nfa")
    now = timezone.now()
    made = 0
    results = []
    for size in SIZES:
        batch = []
        while made < size:
            batch.append(
                Request(
                    title=f"Anmodning {made}",
                    workplace=workplace,
                    initiator=leader,
                    provider=provider,
                    status=Status.AT_PROVIDER,
                    reached_provider_at=now,
                    dialogue_due=now + timedelta(days=7),
                    contract_due=now + timedelta(days=28),
                )
            )
            made += 1
            if len(batch) == 5000 or made == size:
                created = Request.objects.bulk_create(batch)
                Deadline.objects.bulk_create(
                    [
                        Deadline(
                            request=r,
                            kind=kind,
                            due_at=now + timedelta(days=days),
                            remind_at=now + timedelta(days=days - before),
                        )
                        for r in created
                        for kind, days, before in (("dialogue", 7, 2), ("contract", 28, 7))
                    ]
                )
                batch = []
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        times, counts = [], []
        for _ in range(3):
            due = list(
                Deadline.objects.filter(
                    met_at__isnull=True, reminded_at__isnull=True, kind="dialogue"
                ).values_list("pk", flat=True)[:DUE]
            )
            Deadline.objects.filter(pk__in=due).update(remind_at=now - timedelta(minutes=1))
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                counts_by_stage = deadlines.scan()
                times.append(time.perf_counter() - start)
            counts.append(len(queries))
            slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
            assert counts_by_stage["reminded"] == DUE, counts_by_stage
        print(
            f"{size:>7,} open requests ({DUE} reminders due): "
            f"median scan {statistics.median(times) * 1000:.0f} ms, "
            f"queries {sorted(set(counts))}"
        )
        results.append(
            {
                "open": size,
                "median_ms": round(statistics.median(times) * 1000, 1),
                "queries": sorted(set(counts)),
                "slowest_queries": [
                    {"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:300]}
                    for q in slowest
                ],
            }
        )
    if "--json" in sys.argv:  # for tests/bench/run.py: the last line
        print(json.dumps({"due": DUE, "sizes": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
