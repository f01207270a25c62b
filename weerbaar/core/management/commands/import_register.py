"""`weerbaar import-register MODEL FILE [--format csv|xlsx] [--dry-run]`.

All or nothing: every problem is printed as `regel N, kolom X: reden` and the command
exits with status 1 having written nothing; on success it prints what it did.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weerbaar.core.imports.reading import FORMATS
from weerbaar.core.imports.resources import register_resources
from weerbaar.core.imports.service import import_file


def resource_for(label: str):
    """The register resource for app_label.model_name, or a CommandError listing them."""
    resources = register_resources()
    resource_class = resources.get(label.strip().lower())
    if resource_class is None:
        raise CommandError(
            f"Onbekend register '{label}' (unknown register). Kies uit: {', '.join(resources)}.")
    return resource_class


class Command(BaseCommand):
    help = ("Importeer een register uit een CSV- of Excel-bestand: alles of niets. "
            "Import a register from CSV or XLSX: all or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("model", help="Register als app.model, bijvoorbeeld "
                                          "vital.vulnerablelocation.")
        parser.add_argument("file", help="Het CSV- of XLSX-bestand.")
        parser.add_argument("--format", choices=FORMATS,
                            help="csv of xlsx (standaard: volgens de bestandsnaam).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Alleen controleren; niets opslaan.")

    def handle(self, *args, model: str, file: str, format: str | None, dry_run: bool, **options):
        resource_class = resource_for(model)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden (file not found): {path}")
        report = import_file(resource_class, path, format, dry_run=dry_run)
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{report.model}: {report.summary()} "
                               "(import refused; nothing was written)")
        self.stdout.write(self.style.SUCCESS(f"{report.model}: {report.summary()}"))
