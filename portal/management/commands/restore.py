"""``manage.py restore DIR``: checks the backup's SHA-256 sums, then replaces the database's
contents and MEDIA_ROOT with the backup's."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.management.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (database and media files)."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing.")

    def handle(self, *args, source: Path, yes: bool, **options):
        if not yes:
            answer = input("This replaces the database and the media files. Continue? [y/N] ")
            if answer.strip().lower() not in {"y", "yes", "j", "ja"}:
                raise CommandError("Nothing restored.")
        try:
            restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored from {source}"))
