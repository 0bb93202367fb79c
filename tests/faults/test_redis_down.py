"""Redis down (issue 16, Faults): pages work, /healthz says "degraded", a change made meanwhile
is saved, and its mail goes out exactly once when Redis is back (the outbox)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from accounts.models import OutgoingMail
from requests_app.models import Status
from tests import factories
from tests.faults.services import (
    FAULT_SECRET_KEY,
    ROOT,
    Gunicorn,
    PrivateRedis,
    database_url,
    production_env,
    wait_until,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _worker(env):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _as_beat(env):
    """What beat does every minute: queue the outbox's sender."""
    subprocess.run(
        [sys.executable, "-m", "celery", "-A", "portal", "call", "accounts.tasks.send_mail_queue"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )


# Redis is away this long (the minute); FAULT_REDIS_DOWN_SECONDS for a quicker look.
REDIS_DOWN_SECONDS = float(os.environ.get("FAULT_REDIS_DOWN_SECONDS", 60))


def _sent_mails(folder: Path) -> list[str]:
    return [p.read_text() for p in folder.glob("*.log")] if folder.exists() else []


def test_pages_work_while_redis_is_down_and_the_mail_goes_out_once_it_is_back(
    seeded, settings, tmp_path
):
    settings.SECRET_KEY = FAULT_SECRET_KEY  # the session below must be valid for the server
    workplace, leader, amr = factories.trio("sjaelland")
    request = factories.complete_request(leader=leader, counterpart=amr)
    browser = Client()
    browser.force_login(leader)
    session = {"sessionid": browser.cookies["sessionid"].value}

    redis = PrivateRedis()
    redis.start()
    mail_dir = tmp_path / "mail"
    env = production_env(
        DATABASE_URL=database_url(connection.settings_dict),
        REDIS_URL=redis.url,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    server = Gunicorn(env)
    worker = None
    try:
        assert server.get("/healthz").body.count('"ok"') == 3
        redis.stop()
        down_since = time.monotonic()

        assert server.get("/requests/", cookies=session).status == 200
        health = server.get("/healthz")
        assert health.status == 200 and '"status": "degraded"' in health.body
        assert server.get("/accounts/login/").status == 200

        page = server.get(request.get_absolute_url(), cookies=session)
        assert page.status == 200
        csrf = page.cookie("csrftoken")
        sent = server.post(
            f"/requests/{request.pk}/submit/",
            {"csrfmiddlewaretoken": page.csrf_token()},
            cookies={**session, "csrftoken": csrf},
        )
        assert sent.status == 302, sent.body[:500]
        request.refresh_from_db()
        assert request.status == Status.AWAITING_COUNTERPART
        waiting = OutgoingMail.objects.filter(sent_at__isnull=True)
        assert waiting.exists()
        assert _sent_mails(mail_dir) == []
        # The rest of the minute Redis stays away: every page keeps answering, none hangs.
        while time.monotonic() - down_since < REDIS_DOWN_SECONDS:
            for path in ("/requests/", "/notifications/", request.get_absolute_url()):
                assert server.get(path, cookies=session).status == 200, path
            assert '"status": "degraded"' in server.get("/healthz").body
            time.sleep(2)

        redis.start()  # the same port: the portal's settings did not change
        worker = _worker({**env, "DEBUG": "on"})
        _as_beat(env)
        assert wait_until(lambda: not waiting.exists(), seconds=60), "the outbox was not sent"
        mails = _sent_mails(mail_dir)
        assert len(mails) == OutgoingMail.objects.count()
        assert any(amr.email in mail for mail in mails)
        _as_beat(env)  # the next minute's run sends nothing again
        time.sleep(5)
        assert len(_sent_mails(mail_dir)) == len(mails)
    finally:
        if worker is not None and worker.poll() is None:
            os.killpg(worker.pid, 15)
            worker.wait(timeout=30)
        server.stop()
        redis.stop()
