"""`weerbaar import-cbs-kwb GM1721 [--jaar 2023 | --tabel 85618NED]`.

Fetches CBS Kerncijfers wijken en buurten for the municipality's buurten (cbsodata), computes
the vulnerability index within the municipality and stores it with the population figures.
Buurten must exist in the register (places.Neighbourhood) first; unknown codes are listed.
"""

from django.core.management.base import BaseCommand, CommandError

from weerbaar.places.cbs_kwb import DEFAULT_YEAR, TABLES, CbsKwbError, fetch
from weerbaar.places.models import Municipality
from weerbaar.planning.vulnerability import store_scores


class Command(BaseCommand):
    help = ("Haal CBS Kerncijfers wijken en buurten op en bereken de kwetsbaarheidsindex per "
            "buurt. Fetch CBS key figures per buurt and compute the vulnerability index.")

    def add_arguments(self, parser):
        parser.add_argument("municipality", help="CBS-code van de gemeente, bijvoorbeeld GM1721.")
        parser.add_argument("--jaar", "--year", dest="year", type=int, default=DEFAULT_YEAR,
                            help=f"Peiljaar (bekende tabellen: {', '.join(map(str, TABLES))}).")
        parser.add_argument("--tabel", "--table", dest="table", default=None,
                            help="StatLine-tabel, bijvoorbeeld 85618NED (standaard: die van het jaar).")

    def handle(self, *args, **options):
        code = options["municipality"].strip().upper()
        municipality = Municipality.objects.filter(cbs_code=code).first()
        if municipality is None:
            raise CommandError(f"Onbekende gemeente {code}; voer haar eerst in.")
        try:
            result = fetch(code, table_id=options["table"], year=options["year"])
        except CbsKwbError as exc:
            raise CommandError(str(exc)) from None
        source = f"CBS Kerncijfers wijken en buurten {options['year']} ({result.table_id}), via cbsodata"
        stored = store_scores(municipality, result.records, year=options["year"],
                              table_id=result.table_id, source=source)
        self.stdout.write(f"{stored.stored} buurten opgeslagen uit {result.table_id}.")
        if result.missing:
            self.stdout.write("Niet in deze tabel (onbekend gelaten): " + ", ".join(result.missing))
        if stored.dropped:
            self.stdout.write("Niet in de index (geen gegevens): " + ", ".join(stored.dropped))
        if stored.unknown_codes:
            self.stdout.write("Buurten niet in het register (overgeslagen): "
                              + ", ".join(stored.unknown_codes))
