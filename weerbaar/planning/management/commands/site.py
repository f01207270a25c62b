"""`weerbaar site orlib|solve …`: the siting engine's stable command-line contract.

``site orlib PMED_FILE`` solves an OR-Library p-median instance; ``site solve`` reads demand and
candidate CSV files (RD New metres). Both print, with ``--json``,
``{"objective", "value", "open", "optimal", "lower_bound", "gap", "seconds", "method"}``
(``upper_bound`` too for mclp). See docs/siting-cli.md. Bad input: exit status 1 and a message
naming file, line and column; nothing is written anywhere.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weerbaar.engines.siting import (
    SitingInputError,
    problem_from_points,
    read_orlib_pmed,
    solve_lscp,
    solve_mclp,
    solve_median,
)


class Command(BaseCommand):
    help = "Kies locaties voor noodsteunpunten (p-median, maximale dekking, minimale dekking)."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        orlib = sub.add_parser("orlib", help="los een OR-Library p-median-bestand op")
        orlib.add_argument("pmed_file", help="pmedN.txt uit de OR-Library")
        solve = sub.add_parser("solve", help="kies locaties uit CSV-bestanden")
        solve.add_argument("--demand", required=True, help="CSV met id,x,y,weight (RD New, meter)")
        solve.add_argument("--candidates", required=True, help="CSV met id,x,y en optioneel capacity")
        solve.add_argument("--objective", required=True, choices=["median", "mclp", "lscp"])
        solve.add_argument("--p", type=int, help="aantal locaties (median, mclp)")
        solve.add_argument("--radius", type=float, help="afstand in meter (mclp, lscp)")
        solve.add_argument("--fixed", default="", help="id's die open moeten blijven, komma-gescheiden")
        solve.add_argument("--excluded", default="", help="id's die niet mogen, komma-gescheiden")
        solve.add_argument("--detour", type=float, default=1.0, help="omrijfactor op de hemelsbrede afstand")
        for p in (orlib, solve):
            mode = p.add_mutually_exclusive_group()
            mode.add_argument("--exact", action="store_const", const="exact", dest="method")
            mode.add_argument("--heuristic", action="store_const", const="heuristic", dest="method")
            p.add_argument("--time-limit", type=float, default=None, help="maximale rekentijd in seconden")
            p.add_argument("--json", action="store_true", help="uitvoer als JSON")

    def handle(self, *args, **options):
        method = options.get("method") or "auto"
        try:
            if options["action"] == "orlib":
                text = _read_text(Path(options["pmed_file"]))
                problem, p = read_orlib_pmed(text)
                solution = solve_median(problem, p, method=method, time_limit=options["time_limit"])
            else:
                solution = _solve(options, method)
        except SitingInputError as exc:
            where = options.get("pmed_file") if options["action"] == "orlib" else None
            raise CommandError(f"{where}: {exc}" if where else str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(solution.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(_summary(solution))


def _solve(options: dict, method: str):
    objective = options["objective"]
    if objective in ("median", "mclp") and options["p"] is None:
        raise CommandError(f"--p ontbreekt: nodig voor --objective {objective}")
    if objective in ("mclp", "lscp") and options["radius"] is None:
        raise CommandError(f"--radius ontbreekt: nodig voor --objective {objective}")
    if options["radius"] is not None and not (math.isfinite(options["radius"]) and options["radius"] >= 0):
        raise CommandError(f"--radius: moet een getal ≥ 0 zijn, niet {options['radius']}")
    if not (math.isfinite(options["detour"]) and options["detour"] >= 1):
        raise CommandError(f"--detour: moet een getal ≥ 1 zijn, niet {options['detour']}")
    demand = _read_csv(Path(options["demand"]), ("id", "x", "y", "weight"), ())
    cands = _read_csv(Path(options["candidates"]), ("id", "x", "y"), ("capacity",))
    fixed = [s.strip() for s in options["fixed"].split(",") if s.strip()]
    excluded = [s.strip() for s in options["excluded"].split(",") if s.strip()]
    known = set(cands["id"])
    for flag, ids in (("--fixed", fixed), ("--excluded", excluded)):
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise CommandError(f"{flag}: onbekend kandidaat-id {unknown[0]!r} "
                               f"(niet in {options['candidates']})")
    p = options["p"]
    if p is not None and (p < 1 or p > len(cands["id"]) - len(excluded)):
        raise CommandError(f"--p {p}: moet tussen 1 en het aantal toegestane kandidaten "
                           f"({len(cands['id']) - len(excluded)}) liggen")
    capacity = cands.get("capacity")
    problem = problem_from_points(
        list(zip(demand["x"], demand["y"], strict=True)), demand["weight"],
        list(zip(cands["x"], cands["y"], strict=True)), demand_ids=demand["id"], candidate_ids=cands["id"],
        detour=options["detour"], capacities=capacity if objective == "median" else None,
        fixed=fixed, excluded=excluded)
    if objective == "median":
        return solve_median(problem, p, method=method, time_limit=options["time_limit"])
    if objective == "mclp":
        return solve_mclp(problem, p, options["radius"], method=method, time_limit=options["time_limit"])
    return solve_lscp(problem, options["radius"], method=method, time_limit=options["time_limit"])


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"{path}: bestand niet gevonden") from None
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: geen UTF-8-tekst ({exc.reason} op byte {exc.start})") from None


def _read_csv(path: Path, required: tuple[str, ...], optional: tuple[str, ...]) -> dict[str, list]:
    """Columns by name; every problem is reported as file, line and column."""
    text = _read_text(path).lstrip("\ufeff")
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise CommandError(f"{path}: leeg bestand; verwacht kolommen {','.join(required)}")
    semicolon = lines[0].count(";") > lines[0].count(",")  # Dutch Excel: ';' and decimal comma
    reader = csv.reader(lines, delimiter=";" if semicolon else ",")
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in required if c not in header]
    if missing:
        raise CommandError(f"{path}, regel 1: kolom {missing[0]!r} ontbreekt (verwacht {','.join(required)})")
    seen = [h for h in header if header.count(h) > 1]
    if seen:
        raise CommandError(f"{path}, regel 1: kolom {seen[0]!r} staat er meer dan eens")
    wanted = [c for c in (*required, *optional) if c in header]
    out: dict[str, list] = {c: [] for c in wanted}
    first_line: dict[str, int] = {}
    for line_no, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise CommandError(f"{path}, regel {line_no}: {len(row)} velden, de kop heeft er {len(header)}")
        for col in wanted:
            cell = row[header.index(col)].strip()
            if col == "id":
                if not cell:
                    raise CommandError(f"{path}, regel {line_no}, kolom 'id': leeg")
                if cell in first_line:
                    raise CommandError(f"{path}, regel {line_no}, kolom 'id': {cell!r} staat ook op regel "
                                       f"{first_line[cell]}")
                first_line[cell] = line_no
                out[col].append(cell)
                continue
            try:
                value = float(cell.replace(",", ".") if semicolon else cell)
            except ValueError:
                raise CommandError(f"{path}, regel {line_no}, kolom {col!r}: {cell!r} is geen getal") \
                    from None
            if not math.isfinite(value):
                raise CommandError(f"{path}, regel {line_no}, kolom {col!r}: {cell!r} is geen eindig getal")
            if col in ("weight", "capacity") and value < 0:
                raise CommandError(f"{path}, regel {line_no}, kolom {col!r}: {cell!r} is negatief")
            out[col].append(value)
    if not out["id"]:
        raise CommandError(f"{path}: geen gegevensregels onder de kop")
    return out


def _summary(solution) -> str:
    what = {"median": "p-median (gewogen afstand)", "mclp": "maximale dekking (gedekt gewicht)",
            "lscp": "minimale dekking (aantal locaties)"}[solution.objective]
    status = "bewezen optimaal" if solution.optimal else f"gat tot de ondergrens {solution.gap:.3%}"
    bound = solution.upper_bound if solution.objective == "mclp" else solution.lower_bound
    kind = "bovengrens" if solution.objective == "mclp" else "ondergrens"
    lines = [f"doel: {what}",
             f"waarde: {solution.value:,.6g}  ({status}; {kind} {bound:,.6g})",
             f"open ({len(solution.open)}): {', '.join(str(i) for i in solution.open)}",
             f"methode: {solution.method}, {solution.seconds:.2f} s"]
    return "\n".join(lines)
