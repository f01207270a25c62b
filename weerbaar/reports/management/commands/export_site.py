"""`weerbaar export-site OUTDIR [--municipality SLUG] [--force]`.

Writes the public portal as plain files (Dutch and English), one single-file offline HTML
per kern (OUTDIR/offline/<kern>.html) and the public booklets (PDF). Works from any static
host, a USB stick or file://. Refuses a non-empty OUTDIR unless --force; with --force a
previous export (recognised by its marker file) is removed first, anything else is only
overwritten.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weerbaar.places.models import Municipality
from weerbaar.reports.static_export import clear_previous_export, export_site


class Command(BaseCommand):
    help = ("Exporteer de openbare site als statische bestanden, met offline pagina's per kern "
            "en de boekjes. Export the public site as static files.")

    def add_arguments(self, parser):
        parser.add_argument("outdir", help="Map voor de export (leeg, of gebruik --force).")
        parser.add_argument("--municipality", metavar="SLUG",
                            help="Alleen deze gemeente (korte naam, bijvoorbeeld bernheze).")
        parser.add_argument("--force", action="store_true",
                            help="Schrijf ook in een map die niet leeg is.")

    def handle(self, *args, outdir: str, municipality: str | None, force: bool, **options):
        target = Path(outdir)
        if target.exists() and not target.is_dir():
            raise CommandError(f"{target} is geen map (not a directory).")
        if target.exists() and any(target.iterdir()):
            if not force:
                raise CommandError(
                    f"{target} is niet leeg. Kies een lege map of gebruik --force "
                    f"(not empty; use --force).")
            if clear_previous_export(target):
                self.stdout.write(f"Vorige export in {target} verwijderd.")
        municipalities = list(Municipality.objects.order_by("name"))
        if municipality:
            municipalities = [m for m in municipalities if m.slug == municipality]
            if not municipalities:
                raise CommandError(f"Onbekende gemeente: {municipality!r} (unknown municipality).")
        if not municipalities:
            raise CommandError("Geen gemeente in de database; laad eerst gegevens "
                               "(bijvoorbeeld weerbaar load-demo).")
        result = export_site(target, municipalities)
        for page, url, status in result.broken:
            self.stderr.write(f"Kapotte link op {page}: {url} (status {status})")
        for page, url in result.outside:
            self.stderr.write(f"Niet geëxporteerd (buiten de openbare site) op {page}: {url}")
        if result.queries_dropped:
            self.stderr.write(f"{result.queries_dropped} links met een zoekvraag (?…) wijzen "
                              f"naar de pagina zonder zoekvraag.")
        self.stdout.write(self.style.SUCCESS(
            f"{len(result.pages)} pagina's, {len(result.offline)} offline pagina's, "
            f"{len(result.booklets)} boekjes, {len(result.files)} bestanden in totaal, "
            f"in {result.seconds:.1f} s naar {target}."))
