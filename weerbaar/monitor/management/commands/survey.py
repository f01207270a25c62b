"""`weerbaar survey estimate DATA --design DESIGN.json [--json]`: the analysts' contract.

Prints ``{"estimates": [{"name", "domain", "estimate", "se", "ci_low", "ci_high", "n",
"df"}, ...]}`` (plus ``calibration`` when raking), the same numbers R's ``survey`` gives.
Exit status 1 with a message on bad input; nothing is written anywhere.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weerbaar.engines.survey import SurveyInputError
from weerbaar.engines.survey.spec import run_spec
from weerbaar.monitor.tabular import read_columns


class Command(BaseCommand):
    help = "Gewogen schattingen met betrouwbaarheidsintervallen uit een enquêtebestand."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        estimate = sub.add_parser("estimate", help="schat gemiddelden, totalen en aandelen")
        estimate.add_argument("data", help="respondenten: .csv, .xlsx of .sav")
        estimate.add_argument("--design", required=True, help="ontwerp als JSON-bestand")
        estimate.add_argument("--json", action="store_true", help="uitvoer als JSON")

    def handle(self, *args, **options):
        try:
            spec = json.loads(Path(options["design"]).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"{options['design']}: ontwerpbestand niet gevonden") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{options['design']}: geen geldige JSON ({exc})") from None
        try:
            columns, labelled = read_columns(Path(options["data"]))
            result = run_spec(columns, spec, labelled)
        except SurveyInputError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(_table(result))


def _table(result: dict) -> str:
    header = ("naam", "domein", "schatting", "se", "ondergrens", "bovengrens", "n", "df")
    rows = [header]
    for row in result["estimates"]:
        rows.append((row["name"], row["domain"] or "", *(_fmt(row[k]) for k in
                     ("estimate", "se", "ci_low", "ci_high")), str(row["n"]), str(row["df"])))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(v.ljust(w) if i < 2 else v.rjust(w) for i, (v, w) in
                       enumerate(zip(r, widths, strict=True))) for r in rows]
    if "calibration" in result:
        c = result["calibration"]
        lines.append(f"\nraking: {'geconvergeerd' if c['converged'] else 'NIET geconvergeerd'} "
                     f"na {c['iterations']} iteraties; gewichten {c['weight_min']:.4g}–"
                     f"{c['weight_max']:.4g}")
    return "\n".join(lines)


def _fmt(value) -> str:
    return "—" if value is None else f"{value:.6g}"
