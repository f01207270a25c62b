"""`weerbaar import-survey FILE --gemeente GM1721 --meting "Nulmeting 2026" [...]`.

Reads a survey file (CSV, XLSX or SPSS .sav) through the wave's codebook. All or nothing:
every problem is printed as `regel N, kolom X: reden` (SPSS: `respondent N`) and the
command exits with status 1 having written nothing. A wave that does not exist yet is
created with the file, which then needs --codebook, --veldwerk-van and --veldwerk-tot.
"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weerbaar.monitor.importing import FORMATS, import_survey
from weerbaar.monitor.models import Codebook, SurveyWave
from weerbaar.places.models import Municipality


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: geen datum '{value}'; schrijf JJJJ-MM-DD.") from None


class Command(BaseCommand):
    help = ("Importeer een enquêtebestand (CSV, XLSX of SPSS .sav) in een meting: alles of "
            "niets. Import a survey wave through its codebook: all or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het bestand van het onderzoeksbureau.")
        parser.add_argument("--gemeente", "--municipality", dest="municipality", required=True,
                            help="CBS-code van de gemeente, bijvoorbeeld GM1721.")
        parser.add_argument("--meting", "--wave", dest="wave", required=True,
                            help="Naam van de meting, bijvoorbeeld 'Nulmeting 2026'.")
        parser.add_argument("--codeboek", "--codebook", dest="codebook",
                            help="Naam van het codeboek (verplicht voor een nieuwe meting).")
        parser.add_argument("--veldwerk-van", dest="start", help="Begin veldwerk, JJJJ-MM-DD.")
        parser.add_argument("--veldwerk-tot", dest="end", help="Einde veldwerk, JJJJ-MM-DD.")
        parser.add_argument("--bureau", dest="agency", default="", help="Onderzoeksbureau.")
        parser.add_argument("--doelgroep", dest="population", default=None,
                            choices=SurveyWave.Population.values,
                            help="residents (inwoners, standaard) of helpers.")
        parser.add_argument("--format", choices=FORMATS,
                            help="csv, xlsx of sav (standaard: volgens de bestandsnaam).")
        parser.add_argument("--vervang", "--replace", dest="replace", action="store_true",
                            help="Vervang de respondenten van een eerdere import.")
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren.")

    def handle(self, *args, file, municipality, wave, codebook, start, end, agency, population,
               format, replace, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden (file not found): {path}")
        place = Municipality.objects.filter(cbs_code=municipality.strip().upper()).first()
        if place is None:
            raise CommandError(f"Onbekende gemeente '{municipality}' (unknown municipality).")
        target = SurveyWave.objects.filter(municipality=place, name=wave).first()
        if target is None:
            target = SurveyWave(municipality=place, name=wave, agency=agency,
                                population=population or SurveyWave.Population.RESIDENTS,
                                fieldwork_start=_date(start, "--veldwerk-van"),
                                fieldwork_end=_date(end, "--veldwerk-tot"))
            if not (codebook and start and end):
                raise CommandError("Nieuwe meting: geef ook --codeboek, --veldwerk-van en "
                                   "--veldwerk-tot (new wave: codebook and fieldwork dates).")
        if codebook:
            found = Codebook.objects.filter(municipality=place, name=codebook).first()
            if found is None:
                names = ", ".join(Codebook.objects.filter(municipality=place)
                                  .values_list("name", flat=True)) or "geen"
                raise CommandError(f"Onbekend codeboek '{codebook}'. Codeboeken van "
                                   f"{place.name}: {names}.")
            target.codebook = found
        report = import_survey(target, path, fmt=format, replace=replace, dry_run=dry_run)
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{report.summary()} (import refused; nothing was written)")
        self.stdout.write(self.style.SUCCESS(report.summary()))
