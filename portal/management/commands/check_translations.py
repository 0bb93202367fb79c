"""Fail when a translatable string in the project has no Danish translation.

Runs makemessages in a temporary copy of the project's sources and locale/, so the working
tree is never touched, and lists every entry that is new, empty or fuzzy.
"""

import contextlib
import shutil
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

SOURCES = [
    "portal",
    "accounts",
    "providers",
    "library",
    "requests_app",
    "evaluations",
    "dialogue",
    "dashboards",
    "api",
    "templates",
]


def missing_danish_translations(*, extra_files: dict[str, str] | None = None) -> list[str]:
    """``extra_files``: paths (relative to the project) and texts added to the copy only, so
    a test can add a string without writing into the working tree that others read."""
    base = Path(settings.BASE_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in SOURCES:
            shutil.copytree(
                base / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        shutil.copytree(base / "locale", root / "locale")
        for path, text in (extra_files or {}).items():
            (root / path).write_text(text)
        with override_settings(LOCALE_PATHS=[root / "locale"]), contextlib.chdir(root):
            call_command("makemessages", locale=["da"], no_obsolete=True, verbosity=0)
        catalogue = polib.pofile(str(root / "locale" / "da" / "LC_MESSAGES" / "django.po"))
        problems = []
        for entry in catalogue:
            if entry.obsolete:
                continue
            if entry.msgid_plural:
                translated = all(entry.msgstr_plural.values())
            else:
                translated = bool(entry.msgstr)
            if not translated or "fuzzy" in entry.flags:
                where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
                problems.append(f"{entry.msgid!r} ({where})")
        return problems


class Command(BaseCommand):
    help = "Fail when any translatable string lacks a Danish translation."

    def handle(self, *args, **options):
        problems = missing_danish_translations()
        if problems:
            raise CommandError(
                f"{len(problems)} string(s) lack a Danish translation:\n  " + "\n  ".join(problems)
            )
        self.stdout.write(self.style.SUCCESS("Every string has a Danish translation."))
