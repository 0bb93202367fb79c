"""`make run` on SQLite: the dev server's threads and Celery write to one file at once. A
request's transaction reads, then writes; begun DEFERRED, the second of two such at once
failed at its write with "database is locked" (two logins in the same second answered 500).
The settings begin them IMMEDIATE, so the second waits for the first instead."""

import contextlib
import threading
import time

from django.conf import settings
from django.db import OperationalError, connections, transaction


def _two_writers_at_once(tmp_path, options) -> list:
    alias = f"locking_{len(options)}_{time.monotonic_ns()}"
    connections.settings[alias] = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "portal.sqlite3"),
        "OPTIONS": options,
        "ATOMIC_REQUESTS": True,
        "TEST": {},
    }
    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS seen (n INTEGER)")
    connections[alias].close()
    both_read = threading.Barrier(2)
    errors = []

    def request():
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM seen")
                # Both have read; IMMEDIATE: the other is still waiting to begin, in vain.
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_read.wait(timeout=0.5)
                cursor.execute("INSERT INTO seen VALUES (1)")
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    del connections.settings[alias]
    return errors


def test_two_requests_writing_at_once_wait_for_each_other(tmp_path, django_db_blocker):
    options = settings.SQLITE_OPTIONS
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    with django_db_blocker.unblock():
        assert _two_writers_at_once(tmp_path, {**options, "timeout": 5}) == []
        # Without it, the failure the settings prevent.
        deferred = {**options, "timeout": 5, "transaction_mode": "DEFERRED"}
        assert _two_writers_at_once(tmp_path, deferred) == ["database is locked"]
