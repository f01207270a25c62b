"""`weerbaar simulate SCENARIO [--runs N] [--seed S] [--set key=value …] [--municipality GMxxxx] [--json]`

SCENARIO is a built-in name (see `--list`) or the path of a scenario YAML file. With a
municipality in the database (the first one, or the one `--municipality` names) the run uses
its registers; with an empty database the scenario runs without a region. The contract of
the JSON output is in docs/scenario-cli.md. Every error ends with exit code 1 and the
problems, each with file and line, on stderr.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weerbaar.places.models import Municipality


class Command(BaseCommand):
    help = "Reken een scenario door (run a cascade scenario) en toon de tijdlijn of JSON."

    def add_arguments(self, parser):
        parser.add_argument("scenario", nargs="?", help="naam in de bibliotheek of pad naar een YAML-bestand")
        parser.add_argument("--runs", type=int, default=1, help="aantal Monte Carlo-runs (1 tot 1000)")
        parser.add_argument("--seed", type=int, default=0, help="startgetal van de toevalsgenerator")
        parser.add_argument("--set", dest="overrides", action="append", default=[],
                            metavar="KEY=VALUE",
                            help="parameter overschrijven, bijv. parameters.kit_share=0.4")
        parser.add_argument("--municipality", help="CBS-code GMxxxx; standaard de eerste gemeente")
        parser.add_argument("--no-region", action="store_true",
                            help="reken zonder de registers (alleen het scenario)")
        parser.add_argument("--json", action="store_true", help="JSON volgens docs/scenario-cli.md")
        parser.add_argument("--list", action="store_true", help="toon de ingebouwde scenario's")

    def handle(self, *args, **options):
        from weerbaar.engines.cascade import ScenarioError, builtin_names

        if options["list"]:
            for name in builtin_names():
                self.stdout.write(name)
            return
        if not options["scenario"]:
            raise CommandError("Geef een scenario: een naam uit --list of een pad naar een YAML-bestand.")
        try:
            run = self._run(options)
        except ScenarioError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(error.problems)} probleem/problemen; niets doorgerekend "
                               "(nothing was run).") from None
        if options["json"]:
            self.stdout.write(json.dumps(run.result.to_json(), ensure_ascii=False, indent=2))
        else:
            self._table(run)

    def _run(self, options):
        from weerbaar.engines.cascade import ScenarioError, builtin_names, load_builtin, load_scenario
        from weerbaar.scenarios.services import parse_overrides, run_scenario

        name = options["scenario"]
        if name in builtin_names():
            scenario = load_builtin(name)
        else:
            path = Path(name)
            if not path.is_file():
                raise ScenarioError([f"{name}: geen ingebouwd scenario en geen bestand "
                                     f"(kies uit: {', '.join(builtin_names())})"])
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise ScenarioError([f"{name}: kan het bestand niet lezen ({error})"]) from None
            scenario = load_scenario(text, str(path))
        municipality = None
        if options["municipality"]:
            code = options["municipality"].strip().upper()
            municipality = Municipality.objects.filter(cbs_code=code).first()
            if municipality is None:
                raise ScenarioError([f"--municipality: onbekende gemeente {code}"])
        elif not options["no_region"]:
            municipality = Municipality.objects.order_by("name").first()
        return run_scenario(scenario, municipality, runs=options["runs"], seed=options["seed"],
                            overrides=parse_overrides(options["overrides"]),
                            use_registers=not options["no_region"], use_cache=False)

    def _table(self, run) -> None:
        result = run.result
        where = run.municipality.name if run.municipality else "zonder regio"
        self.stdout.write(f"{run.scenario.title} ({run.scenario.name}) — {where}, "
                          f"{run.runs} run(s), seed {run.seed}")
        if run.kit_share is not None:
            self.stdout.write(f"Noodpakket-aandeel: {run.kit_share.source}")
        self.stdout.write("")
        self.stdout.write(f"{'fase':<6} {'uur':>6}  {'sector':<16} effect")
        for effect in sorted(result.effects, key=lambda e: (e.onset_hours is None,
                                                             e.onset_hours or 0, e.sector)):
            onset = "—" if effect.onset_hours is None else f"{effect.onset_hours:.1f}"
            self.stdout.write(f"{effect.phase or '—':<6} {onset:>6}  {effect.sector[:16]:<16} "
                              f"{effect.text}")
        if result.support_points:
            self.stdout.write("")
            self.stdout.write(f"{'noodsteunpunt':<24} {'capaciteit/u':>12} {'piek/u':>8} "
                              f"{'uren overbelast':>16}")
            names = ({site.id: site.name for site in run.region.region.support_points}
                     if run.region is not None else {})
            for point in result.support_points:
                self.stdout.write(f"{names.get(point.id, point.id)[:24]:<24} "
                                  f"{point.capacity_per_hour:>12.0f} {point.peak_demand_per_hour:>8.0f} "
                                  f"{point.overloaded_hours:>16.0f}")
