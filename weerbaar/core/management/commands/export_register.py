"""`weerbaar export-register MODEL FILE [--format csv|xlsx]`.

Writes the whole register in the same columns the import reads, so the file can be edited
and imported again. Key figures' private contact details are included: this command is for
the server's operators only.
"""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weerbaar.core.imports.reading import FORMATS
from weerbaar.core.imports.service import export_data
from weerbaar.core.management.commands.import_register import resource_for

privacy_log = logging.getLogger("weerbaar.privacy")


class Command(BaseCommand):
    help = ("Exporteer een register naar CSV of Excel (.xlsx). "
            "Export a register to CSV or XLSX.")

    def add_arguments(self, parser):
        parser.add_argument("model", help="Register als app.model, bijvoorbeeld vital.vitalasset.")
        parser.add_argument("file", help="Het bestand dat wordt geschreven.")
        parser.add_argument("--format", choices=FORMATS,
                            help="csv of xlsx (standaard: volgens de bestandsnaam, anders csv).")

    def handle(self, *args, model: str, file: str, format: str | None, **options):
        resource_class = resource_for(model)
        path = Path(file)
        suffix = path.suffix.lower().lstrip(".")
        fmt = format or (suffix if suffix in FORMATS else "csv")
        model_class = resource_class._meta.model
        label = model_class._meta.label_lower
        queryset = model_class._default_manager.all()
        if getattr(model_class, "PERSONAL_FIELDS", None):
            privacy_log.info("%s: personal data exported on the command line to %s (%s records)",
                             label, path, queryset.count())
        data = export_data(resource_class, fmt, queryset)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Kan {path} niet schrijven (cannot write): {error.strerror}") from None
        self.stdout.write(self.style.SUCCESS(
            f"{queryset.count()} records van {label} "
            f"geschreven naar {path} ({fmt})."))
