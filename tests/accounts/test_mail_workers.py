"""Two real Celery worker processes never send one notification twice (issue 11, point 7):
on SQLite with the filesystem broker (``make run``'s embedded default), where
``select_for_update`` does nothing, and on PostgreSQL with Redis. Each mail is claimed with
a conditional UPDATE before it is sent."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
COUNT = 120


def _run(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=300,
    )


def _worker(env, queue, name):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "-Q",
            queue,
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"{name}@%h",
            "--loglevel=WARNING",
        ],
        cwd=BASE_DIR,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


MAKE = (
    "from accounts.models import Notification, User;"
    "u = User.objects.create(email='modtager@example.dk');"
    "Notification.objects.bulk_create("
    f"[Notification(user=u, key=f'k{{i}}', subject=f'Besked-{{i}}') for i in range({COUNT})])"
)
SEND = (
    "from accounts.tasks import send_notification_emails as t;"
    "[t.apply_async(queue='{queue}') for _ in range(6)]"
)


def _sent_subjects(mail_dir: Path) -> list[str]:
    subjects = []
    for path in mail_dir.glob("*.log"):
        subjects += re.findall(r"^Subject: (Besked-\d+)$", path.read_text(), flags=re.M)
    return subjects


def _race(env, unsent) -> list[str]:
    queue = f"mail-{uuid.uuid4().hex[:8]}"
    workers = [_worker(env, queue, f"w{index}-{queue}") for index in range(2)]
    try:
        time.sleep(4)  # both workers up before the tasks arrive
        _run(env, "shell", "-c", SEND.format(queue=queue))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and unsent() > 0:
            time.sleep(0.5)
        time.sleep(1)
    finally:
        for worker in workers:
            _stop(worker)
    assert unsent() == 0
    return _sent_subjects(Path(env["EMAIL_FILE_PATH"]))


def _env(tmp_path, **extra):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    return {
        **os.environ,
        "DEBUG": "on",
        "CELERY_TASK_ALWAYS_EAGER": "off",
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        **extra,
    }


def test_two_workers_on_sqlite_send_each_notification_once(tmp_path):
    database = tmp_path / "portal.sqlite3"
    env = _env(tmp_path, DATABASE_URL=f"sqlite:///{database}", REDIS_URL="")
    _run(env, "migrate", "--noinput", "-v", "0")
    _run(env, "shell", "-c", MAKE)

    def unsent():
        with sqlite3.connect(database) as db:
            return db.execute(
                "SELECT count(*) FROM accounts_notification WHERE emailed_at IS NULL"
            ).fetchone()[0]

    subjects = _race(env, unsent)
    assert sorted(subjects) == sorted(f"Besked-{i}" for i in range(COUNT))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_on_postgresql_send_each_notification_once(tmp_path, settings, seeded):
    from django.db import connection

    from accounts.models import Notification

    assert connection.vendor == "postgresql"
    db = settings.DATABASES["default"]
    env = _env(
        tmp_path,
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=settings.CELERY_BROKER_URL,
    )
    _run(env, "shell", "-c", MAKE)
    subjects = _race(env, lambda: Notification.objects.filter(emailed_at__isnull=True).count())
    assert sorted(subjects) == sorted(f"Besked-{i}" for i in range(COUNT))
