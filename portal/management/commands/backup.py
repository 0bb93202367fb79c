"""``manage.py backup DIR``: the database and the media files into a new directory."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.management.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the media files into a new directory, with SHA-256 sums."

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path)

    def handle(self, *args, target: Path, **options):
        try:
            manifest = backup(target)
        except (BackupError, FileExistsError) as error:
            raise CommandError(str(error)) from error
        for name, digest in manifest["files"].items():
            self.stdout.write(f"{name}  {digest}")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
