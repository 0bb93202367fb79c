"""`make backup` / `make restore` (issue 16, Data): a restored copy serves the same requests,
the same contract PDFs (same SHA-256) and the same ledgers."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def snapshot() -> dict:
    """What a user would see: requests, contract PDFs by content, and every frame's ledger."""
    import hashlib

    from providers.models import BudgetFrame
    from requests_app.models import ContractVersion, Request
    from requests_app.selectors import ledger

    versions = []
    for version in ContractVersion.objects.order_by("pk"):
        content = version.pdf.read() if version.pdf else b""
        versions.append([version.pk, version.pdf_sha256, hashlib.sha256(content).hexdigest()])
    rows = ledger.ledger(BudgetFrame.objects.order_by("pk"))
    return {
        "requests": list(Request.objects.order_by("pk").values_list("pk", "title", "status")),
        "versions": versions,
        "ledger": [[str(value) for value in vars(row).values()] for row in rows],
    }


def _concluded_contract():
    from requests_app.services import contracts

    workplace, leader, amr = factories.trio("sjaelland")
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    request = factories.request_in_dialogue(leader=leader, counterpart=amr, staff=staff)
    contracts.contract_draft(
        request_pk=request.pk, user=staff, data=factories.contract_data(), activities=[]
    )
    for user in (staff, leader):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    return request


def _logged_in(user) -> str:
    """A session in the database (so in the backup), signed with the served copy's key."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import override_settings

    from tests.faults.services import FAULT_SECRET_KEY

    with override_settings(SECRET_KEY=FAULT_SECRET_KEY):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key


def _served_by_the_restored_copy(env, request, session_key, before):
    """gunicorn on the restored database and media, as production runs: the leader's request
    page answers with the request, and its contract PDF downloads with the same SHA-256."""
    import hashlib
    import urllib.request

    from tests.faults.services import Gunicorn, production_env

    server = Gunicorn(
        production_env(DATABASE_URL=env["DATABASE_URL"], MEDIA_ROOT=env["MEDIA_ROOT"])
    )
    try:
        cookies = {"sessionid": session_key}
        page = server.get(request.get_absolute_url(), cookies=cookies)
        assert page.status == 200, server.errors()
        assert request.title in page.body
        pdf = urllib.request.Request(  # noqa: S310 (loopback http)
            server.url(f"/requests/{request.pk}/contract/v1.pdf"),
            headers={"Cookie": f"sessionid={session_key}"},
        )
        with urllib.request.urlopen(pdf, timeout=30) as response:  # noqa: S310
            served = hashlib.sha256(response.read()).hexdigest()
        assert [served, served] == before["versions"][0][1:]
    finally:
        server.stop()


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_restored_copy_serves_the_same_requests_pdfs_and_ledgers(seeded, tmp_path):
    request = _concluded_contract()
    session_key = _logged_in(request.initiator)
    before = json.loads(json.dumps(snapshot()))
    assert before["versions"] and before["versions"][0][1] == before["versions"][0][2]
    assert before["ledger"]

    target = tmp_path / "backup"
    call_command("backup", str(target))
    assert {p.name for p in target.iterdir()} == {
        "manifest.json",
        "database.pgdump",
        "media.tar.gz",
    }

    db = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(
        dbname="postgres", host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"]
    )
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        env = {
            **os.environ,
            "DEBUG": "on",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{name}",
            "MEDIA_ROOT": str(tmp_path / "restored-media"),
        }
        restored = _manage("restore", "--yes", str(target), env=env)
        assert restored.returncode == 0, restored.stderr
        script = (
            "import json; from tests.portal.test_backup import snapshot; "
            "print(json.dumps(snapshot()))"
        )
        shown = _manage("shell", "-c", script, env=env)
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout.strip().splitlines()[-1]) == before
        _served_by_the_restored_copy(env, request, session_key, before)
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.django_db
def test_a_backup_whose_files_do_not_match_the_manifest_restores_nothing(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "kept.txt").write_text("original")
    target = tmp_path / "backup"
    target.mkdir()
    (target / "manifest.json").write_text(
        json.dumps({"vendor": connection.vendor, "files": {"media.tar.gz": "0" * 64}})
    )
    (target / "media.tar.gz").write_bytes(b"tampered")
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("restore", "--yes", str(target))
    assert (tmp_path / "media" / "kept.txt").read_text() == "original"


@pytest.mark.django_db
def test_backup_refuses_an_existing_directory(tmp_path):
    with pytest.raises(CommandError):
        call_command("backup", str(tmp_path))


def test_the_makefile_has_backup_and_restore():
    makefile = (ROOT / "Makefile").read_text()
    assert "\nbackup:" in makefile and "\nrestore:" in makefile
