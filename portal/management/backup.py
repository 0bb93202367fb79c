"""Backup and restore of the portal: the database (pg_dump's custom format on PostgreSQL, the
SQLite backup API on SQLite) and the media files (contract PDFs, invoices, attachments), with a
manifest of SHA-256 sums that a restore checks before it changes anything."""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
DUMP_PG = "database.pgdump"
DUMP_SQLITE = "database.sqlite3"
MEDIA = "media.tar.gz"


class BackupError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def _run(command: list[str], env=None) -> None:
    # The command names pg_dump/pg_restore and arguments from the settings, never user input.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(target: Path) -> dict:
    """Write a backup into the new directory ``target``; returns the manifest."""
    target.mkdir(parents=True, exist_ok=False)
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        dump = target / DUMP_PG
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *_pg_args(db),
                "--file",
                str(dump),
                str(db["NAME"]),
            ],
            env=_pg_env(db),
        )
    elif connection.vendor == "sqlite":
        dump = target / DUMP_SQLITE
        source = sqlite3.connect(str(db["NAME"]))
        with sqlite3.connect(str(dump)) as copy:
            source.backup(copy)
        source.close()
    else:
        raise BackupError(f"No backup for the {connection.vendor} database.")
    media_root = Path(settings.MEDIA_ROOT)
    media = target / MEDIA
    with tarfile.open(media, "w:gz") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname="media")
    manifest = {
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "vendor": connection.vendor,
        "files": {p.name: sha256_of(p) for p in (dump, media)},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def _checked_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"No readable manifest in {source}: {error}") from error
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.is_file() or sha256_of(path) != expected:
            raise BackupError(f"{name} is missing or does not match its SHA-256 in the manifest.")
    return manifest


def _safe_members(archive: tarfile.TarFile):
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"Refusing an unsafe path in the media archive: {member.name}")
        if name.parts[0] != "media":
            raise BackupError(f"Unexpected file in the media archive: {member.name}")
        yield member


def restore(source: Path) -> dict:
    """Restore the backup in ``source`` into the configured database and MEDIA_ROOT."""
    manifest = _checked_manifest(source)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest['vendor']} database; this is {connection.vendor}."
        )
    db = connection.settings_dict
    connection.close()
    if connection.vendor == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                *_pg_args(db),
                "--dbname",
                str(db["NAME"]),
                str(source / DUMP_PG),
            ],
            env=_pg_env(db),
        )
    else:
        with (
            sqlite3.connect(str(source / DUMP_SQLITE)) as dump,
            sqlite3.connect(str(db["NAME"])) as live,
        ):
            dump.backup(live)
    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(source / MEDIA, "r:gz") as archive:
        archive.extractall(staging, members=list(_safe_members(archive)), filter="data")
    restored = staging / "media"
    restored.mkdir(exist_ok=True)
    if media_root.exists():
        shutil.rmtree(media_root)
    restored.rename(media_root)
    shutil.rmtree(staging, ignore_errors=True)
    return manifest
