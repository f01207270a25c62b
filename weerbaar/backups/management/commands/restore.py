"""`weerbaar restore FILE [--replace]`: check the archive completely, then restore it at once."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weerbaar.backups.archive import ArchiveError
from weerbaar.backups.restore import RestoreError, restore_backup


class Command(BaseCommand):
    help = "Zet een back-up terug. Alles of niets; een beschadigd archief verandert niets."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Het archief van `weerbaar backup`.")
        parser.add_argument("--replace", action="store_true",
                            help="Ook als de database al gegevens heeft: alles vervangen.")

    def handle(self, *args, file: Path, replace: bool, **options):
        try:
            loaded = restore_backup(file, replace=replace)
        except (ArchiveError, RestoreError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Hersteld uit {file}: {len(loaded)} tabellen, {sum(loaded.values())} rijen."))
