"""PostgreSQL + Redis: a real Celery worker process runs the deadline scan.

Exactly one notification comes of a due reminder — with one scan, with two scans at the same
time, and when the worker is killed in the middle of a scan and started again.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accounts.models import Notification
from requests_app.models import Deadline
from requests_app.services import intake as services
from requests_app.tasks import scan_deadlines
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def due_reminder(seeded):
    """A request at NFA whose dialogue reminder is due now (and nothing else is)."""
    assert connection.vendor == "postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    workplace, leader, amr = factories.trio("sjaelland")
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    request = factories.complete_request(leader=leader, counterpart=amr)
    services.request_submit(request_pk=request.pk, user=leader)
    services.request_confirm(request_pk=request.pk, user=amr)
    deadline = Deadline.objects.get(request=request, kind="dialogue")
    deadline.remind_at = timezone.now() - timedelta(minutes=1)
    deadline.save(update_fields=["remind_at"])
    return {"deadline": deadline, "staff": staff}


class Worker:
    """A `celery worker` process on its own queue, against the test database."""

    def __init__(self, queue, *, concurrency=1, pause=0.0, env=None):
        db = settings.DATABASES["default"]
        env = {
            **os.environ,
            "DEBUG": "on",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "REDIS_URL": settings.CELERY_BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "off",
            "CELERY_VISIBILITY_TIMEOUT": "3",
            "DEADLINE_SCAN_PAUSE": str(pause),
            **(env or {}),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "-Q",
                queue,
                f"--concurrency={concurrency}",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"{queue}-{uuid.uuid4().hex[:6]}@%h",
                "--loglevel=WARNING",
            ],
            cwd=BASE_DIR,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def queue(settings):
    from portal.celery import app

    app.conf.task_always_eager = False
    yield f"test-scan-{uuid.uuid4().hex[:8]}"
    app.conf.task_always_eager = True


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def reminders(deadline):
    return Notification.objects.filter(key__startswith=f"deadline:{deadline.pk}:reminded:")


def test_a_real_worker_sends_one_reminder(due_reminder, queue):
    worker = Worker(queue)
    try:
        scan_deadlines.apply_async(queue=queue)
        assert wait_for(lambda: reminders(due_reminder["deadline"]).exists())
        scan_deadlines.apply_async(queue=queue)
        time.sleep(3)
    finally:
        worker.stop()
    assert reminders(due_reminder["deadline"]).count() == 1
    assert reminders(due_reminder["deadline"]).get().user == due_reminder["staff"]


def test_two_scans_at_the_same_time_send_one(due_reminder, queue):
    worker = Worker(queue, concurrency=2, pause=2)
    try:
        scan_deadlines.apply_async(queue=queue)
        scan_deadlines.apply_async(queue=queue)
        assert wait_for(lambda: reminders(due_reminder["deadline"]).exists())
        time.sleep(5)
    finally:
        worker.stop()
    assert reminders(due_reminder["deadline"]).count() == 1


def _row_is_locked(pk) -> bool:
    try:
        with transaction.atomic():
            list(Deadline.objects.select_for_update(nowait=True).filter(pk=pk))
    except DatabaseError:
        return True
    return False


def scan_holds_its_batch() -> bool:
    """Whether another session sits in an open transaction right after writing the deadlines
    (the scan's pause). Read from pg_stat_activity, not by trying the row's lock: the scan
    claims with SKIP LOCKED, so a probe that held the lock at that instant would make the
    scan pass the row by and never pause."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND state = 'idle in transaction'"
            " AND query ILIKE %s",
            [f"UPDATE %{Deadline._meta.db_table}%"],
        )
        return cursor.fetchone()[0] > 0


def test_killed_worker_then_restarted_sends_one(due_reminder, queue):
    deadline = due_reminder["deadline"]
    worker = Worker(queue, pause=60)
    try:
        scan_deadlines.apply_async(queue=queue)
        assert wait_for(scan_holds_its_batch), "the scan never started"
        assert _row_is_locked(deadline.pk)
        worker.kill()
        assert not reminders(deadline).exists()
        assert wait_for(lambda: not _row_is_locked(deadline.pk), seconds=30)
        deadline.refresh_from_db()
        assert deadline.reminded_at is None
    finally:
        worker.stop()
    restarted = Worker(queue)
    try:
        # The killed run's message comes back after the visibility timeout; beat would
        # also send a fresh one. Both together still make one reminder.
        scan_deadlines.apply_async(queue=queue)
        assert wait_for(lambda: reminders(deadline).exists())
        time.sleep(6)
    finally:
        restarted.stop()
    assert reminders(deadline).count() == 1
