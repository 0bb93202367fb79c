"""Fail when a translatable string in the project has no Danish translation.

Runs makemessages against a temporary copy of locale/, so the working tree is not touched,
and lists every entry that is new, empty or fuzzy.
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

IGNORE = [".venv/*", "var/*", "staticfiles/*", "tests/*", "node_modules/*"]


def missing_danish_translations() -> list[str]:
    source = Path(settings.LOCALE_PATHS[0])
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "locale"
        shutil.copytree(source, copy)
        with override_settings(LOCALE_PATHS=[copy]), contextlib.chdir(settings.BASE_DIR):
            call_command(
                "makemessages", locale=["da"], ignore_patterns=IGNORE, no_obsolete=True,
                verbosity=0,
            )
        catalogue = polib.pofile(str(copy / "da" / "LC_MESSAGES" / "django.po"))
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
