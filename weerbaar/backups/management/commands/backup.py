"""`weerbaar backup FILE`: a consistent, checksummed archive of the whole database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weerbaar.backups.snapshot import create_backup


class Command(BaseCommand):
    help = "Maak een back-up van de hele database in één archief (met controlegetallen)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Het archief, bijvoorbeeld weerbaar-2026-05-01.tar.gz")

    def handle(self, *args, file: Path, **options):
        if not file.parent.is_dir():
            raise CommandError(f"{file.parent}: map bestaat niet.")
        manifest = create_backup(file)
        rows = sum(entry["rows"] for entry in manifest["tables"])
        self.stdout.write(self.style.SUCCESS(
            f"Back-up geschreven: {file} ({len(manifest['tables'])} tabellen, {rows} rijen)."))
