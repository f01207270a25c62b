"""The survey engine against R's survey package: the same design, the same numbers, timed.

One run generates N synthetic respondents (default 1,000,000; a fixed seed) in a stratified
cluster design — 6 kernen as strata, neighbourhood clusters nested in them as PSUs, varying
base weights — with kern, age group (5) and sex, 20 binary indicators with a few missing
values, and population margins for kern, age group and sex that differ from the weighted
sample. It writes the data to a CSV in a temporary folder and then, on that file:

* weerbaar — Design, rake (max_iter=100, epsilon=1e-10), and for every indicator the overall
  share and the 30 domain shares (kern x age group) with ``by_domain(proportion, ...)``;
* R, path "svyciprop" — svydesign + rake, then svyciprop(method="logit") overall and
  svyby(..., svyciprop) per domain: what an analyst types, and what the engine mirrors;
* R, path "svymean" — svydesign + rake, then svymean / svyby(..., svymean) with all complete
  indicators in one call and one call per indicator with missing values, the logit/t interval
  computed from the estimate and SE exactly as svyciprop does (t on the domain's degf).

Only design + raking + estimates are timed (R inside R with proc.time); reading the CSV is
reported apart. Every estimate, SE and interval bound is compared; the run fails (exit 1)
when any differs by more than 1e-5 relative. Set apart and listed, not failed: shares of
exactly 0 or 1 (weerbaar gives an exact bound, R none), and svyciprop results whose point
estimate is not R's own svymean — there R's glm diverged (small domains of a raked design,
rare outcomes) and reported 0 with interval [0, 0]. Needs Rscript with the survey package (Debian:
apt-get install r-base-core r-cran-survey). Run:

    .venv/bin/python benchmarks/survey_vs_r.py [--respondents 1000000] [--seed 20261128]
        [--r-indicators K] [--r-fast-indicators K] [--json]

``--r-indicators K`` limits R's svyciprop path to the first K indicators (0: skip it), and
``--r-fast-indicators K`` its svymean path (at least 1); each ratio is then taken against
weerbaar's design + rake + the same K indicators, and R's time for all 20 is extrapolated.
"""

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KERNEN = ["Heesch", "Heeswijk-Dinther", "Nistelrode", "Vorstenbosch", "Loosbroek", "Vinkel"]
SAMPLE_SHARE = [0.30, 0.24, 0.20, 0.11, 0.08, 0.07]  # how the sample falls over the kernen
FRAME_SHARE = [0.31, 0.25, 0.19, 0.10, 0.08, 0.07]  # base weights: the (outdated) frame
POPULATION_SHARE = [0.29, 0.23, 0.21, 0.12, 0.08, 0.07]  # the raking margins
PSUS = [40, 32, 28, 16, 12, 10]  # neighbourhood clusters per kern (138 PSUs)
AGES = ["18-34", "35-49", "50-64", "65-79", "80+"]
AGE_SAMPLE = [0.14, 0.20, 0.29, 0.26, 0.11]  # older people answer more often
AGE_POPULATION = [0.24, 0.24, 0.26, 0.18, 0.08]
SEXES = ["m", "v"]
SEX_SAMPLE = [0.45, 0.55]
SEX_POPULATION = [0.495, 0.505]
PREVALENCES = [0.05, 0.08, 0.12, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45,
               0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.93]
MISSING = {3: 0.003, 8: 0.01, 14: 0.02, 19: 0.005}  # indicator number: share missing
SAMPLING_FRACTION = 0.04  # population = 25 x the sample
TOLERANCE = 1e-5  # relative; beyond this the run fails
FIELDS = ("estimate", "se", "ci_low", "ci_high")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------- data


def _whole(shares, total: int) -> list[int]:
    """Integer totals in these shares that add up to exactly ``total``."""
    raw = np.asarray(shares, float) / np.sum(shares) * total
    whole = np.floor(raw).astype(int)
    whole[np.argsort(raw - whole)[::-1][: total - whole.sum()]] += 1
    return [int(v) for v in whole]


def generate(n: int, seed: int) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    """N respondents and the population margins {variable: {category: total}}."""
    rng = np.random.default_rng(seed)
    kern = rng.choice(len(KERNEN), size=n, p=SAMPLE_SHARE)
    psu = np.empty(n, dtype=np.int64)
    age = np.empty(n, dtype=np.int64)
    psu_offset = np.cumsum([0] + PSUS[:-1])
    for k, size in enumerate(PSUS):
        rows = np.flatnonzero(kern == k)
        cluster_share = rng.dirichlet(np.full(size, 4.0))  # unequal neighbourhood sizes
        psu[rows] = rng.choice(size, size=len(rows), p=cluster_share) + 1  # 1.. per kern
        tilt = np.linspace(-0.04, 0.04, len(AGES)) * (k - 2.5) / 2.5  # kernen age differently
        age_share = np.clip(np.asarray(AGE_SAMPLE) + tilt, 0.01, None)
        age[rows] = rng.choice(len(AGES), size=len(rows), p=age_share / age_share.sum())
    sex = (rng.random(n) < SEX_SAMPLE[1]).astype(np.int64)
    global_psu = psu_offset[kern] + psu - 1

    population = int(round(n / SAMPLING_FRACTION))
    kern_counts = np.bincount(kern, minlength=len(KERNEN))
    frame_totals = np.asarray(FRAME_SHARE) * population
    base = (frame_totals / kern_counts)[kern]
    psu_factor = rng.lognormal(0.0, 0.15, sum(PSUS))[global_psu]
    person_factor = rng.lognormal(0.0, 0.25, n)
    pw = base * psu_factor * person_factor

    data = {
        "kern": np.asarray(KERNEN, dtype=object)[kern],
        "psu": psu,
        "age": np.asarray(AGES, dtype=object)[age],
        "sex": np.asarray(SEXES, dtype=object)[sex],
        "pw": pw,
    }
    data["domain"] = np.char.add(np.char.add(np.asarray(KERNEN)[kern], "|"), np.asarray(AGES)[age])
    for number, prevalence in enumerate(PREVALENCES, start=1):
        kern_effect = rng.normal(0.0, 0.25, len(KERNEN))
        age_effect = np.sort(rng.normal(0.0, 0.5, len(AGES)))[:: 1 if number % 2 else -1]
        sex_effect = rng.normal(0.0, 0.3)
        cluster_effect = rng.normal(0.0, 0.3, sum(PSUS))  # makes the design effect real
        eta = (np.log(prevalence / (1 - prevalence)) + kern_effect[kern] + age_effect[age]
               + sex_effect * sex + cluster_effect[global_psu])
        y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
        if number in MISSING:
            y[rng.random(n) < MISSING[number]] = np.nan
        data[f"y{number:02d}"] = pd.array(np.where(np.isnan(y), pd.NA, y), dtype="Int8")
    frame = pd.DataFrame(data)

    margins = {
        "kern": dict(zip(KERNEN, _whole(POPULATION_SHARE, population), strict=True)),
        "age": dict(zip(AGES, _whole(AGE_POPULATION, population), strict=True)),
        "sex": dict(zip(SEXES, _whole(SEX_POPULATION, population), strict=True)),
    }
    return frame, margins


# ---------------------------------------------------------------------------------- weerbaar


def run_weerbaar(frame: pd.DataFrame, margins: dict, indicators: list[str], coded: bool) -> dict:
    """Design, rake and 20 x 31 proportions; ``coded``: label columns factorised first (timed)."""
    from weerbaar.engines.survey import Design, by_domain, proportion, rake

    start = time.perf_counter()
    columns, labels = {}, {}
    for name in ("kern", "age", "sex", "domain"):
        values = frame[name].to_numpy()
        if coded:  # hash the text labels once (pandas), hand the engine integer codes
            values, labels[name] = pd.factorize(values)
        columns[name] = values

    def margin(name: str) -> tuple:
        if not coded:
            return columns[name], margins[name]
        return columns[name], {str(i): margins[name][label] for i, label in enumerate(labels[name])}

    design = Design(weights=frame["pw"].to_numpy(), strata=columns["kern"], psu=frame["psu"].to_numpy())
    raked = rake(design, {name: margin(name) for name in ("kern", "age", "sex")},
                 max_iter=100, epsilon=1e-10)
    design_rake = time.perf_counter() - start
    if not raked.converged:
        raise SystemExit(f"weerbaar: raking did not converge: {raked.notes}")

    rows, per_indicator = {}, []
    for name in indicators:
        begin = time.perf_counter()
        y = frame[name].to_numpy(dtype=float, na_value=np.nan)
        overall = proportion(raked.design, y, name=name)
        domains = by_domain(proportion, raked.design, y, columns["domain"], name=name)
        per_indicator.append(time.perf_counter() - begin)
        rows[(name, "")] = _fields(overall)
        for label, estimate in domains.items():
            rows[(name, str(labels["domain"][label] if coded else label))] = _fields(estimate)
    return {"design_rake": design_rake, "per_indicator": per_indicator,
            "estimates": sum(per_indicator), "total": design_rake + sum(per_indicator),
            "iterations": raked.iterations, "rows": rows}


def _fields(estimate) -> dict:
    return {"estimate": estimate.estimate, "se": estimate.se, "ci_low": estimate.ci_low,
            "ci_high": estimate.ci_high, "df": estimate.df}


# ---------------------------------------------------------------------------------- R

R_SCRIPT = r"""
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
csv_path <- args[1]
out_dir <- args[2]
k_ciprop <- as.integer(args[3])
k_fast <- as.integer(args[4])
now <- function() proc.time()[["elapsed"]]
say <- function(...) { cat(sprintf(...), "\n", sep = ""); flush.console() }

indicators <- c(@INDICATORS@)
with_na <- c(@WITH_NA@)
pop_kern <- data.frame(kern = c(@KERN_LABELS@), Freq = c(@KERN_TOTALS@))
pop_age <- data.frame(age = c(@AGE_LABELS@), Freq = c(@AGE_TOTALS@))
pop_sex <- data.frame(sex = c(@SEX_LABELS@), Freq = c(@SEX_TOTALS@))

t0 <- now()
d <- read.csv(csv_path, stringsAsFactors = FALSE)
say("TIME load %.3f", now() - t0)

t0 <- now()
des <- svydesign(ids = ~psu, strata = ~kern, weights = ~pw, data = d, nest = TRUE)
raked <- rake(des, list(~kern, ~age, ~sex), list(pop_kern, pop_age, pop_sex),
              control = list(maxit = 100, epsilon = 1e-10, verbose = FALSE))
say("TIME design_rake %.3f", now() - t0)

logit_ci <- function(p, se, df) {
  half <- qt(0.975, df) * se / (p * (1 - p))
  cbind(plogis(qlogis(p) - half), plogis(qlogis(p) + half))
}
frame_of <- function(indicator, domain, estimate, se, ci, df) {
  data.frame(indicator = indicator, domain = domain, estimate = as.numeric(estimate),
             se = as.numeric(se), ci_low = ci[, 1], ci_high = ci[, 2], df = as.numeric(df))
}

# --- fast path: svymean, all complete indicators in one call, interval computed here
t0 <- now()
levels_ <- sort(unique(d$domain))
domain_df <- vapply(levels_, function(v) as.numeric(degf(subset(raked, domain == v))), 1)
overall_df <- degf(raked)
parts <- list()
complete <- setdiff(head(indicators, k_fast), with_na)
if (length(complete) > 0) {
  f <- as.formula(paste("~", paste(complete, collapse = " + ")))
  m <- svymean(f, raked)
  parts[[length(parts) + 1]] <- frame_of(complete, "", coef(m), SE(m),
                                         logit_ci(coef(m), SE(m), overall_df), overall_df)
  b <- svyby(f, ~domain, raked, svymean)
  for (v in complete) {
    p <- b[[v]]; s <- b[[paste0("se.", v)]]; df <- domain_df[as.character(b$domain)]
    parts[[length(parts) + 1]] <- frame_of(v, as.character(b$domain), p, s, logit_ci(p, s, df), df)
  }
}
for (v in intersect(head(indicators, k_fast), with_na)) {
  f <- as.formula(paste("~", v))
  m <- svymean(f, raked, na.rm = TRUE)
  parts[[length(parts) + 1]] <- frame_of(v, "", coef(m), SE(m),
                                         logit_ci(coef(m), SE(m), overall_df), overall_df)
  b <- svyby(f, ~domain, raked, svymean, na.rm = TRUE)
  p <- b[[v]]; s <- b[["se"]]; df <- domain_df[as.character(b$domain)]
  parts[[length(parts) + 1]] <- frame_of(v, as.character(b$domain), p, s, logit_ci(p, s, df), df)
}
say("TIME svymean %.3f", now() - t0)
write.csv(do.call(rbind, parts), file.path(out_dir, "r_svymean.csv"), row.names = FALSE)

# --- the analyst's path: svyciprop(method = "logit") overall and through svyby
if (k_ciprop > 0) {
  t_all <- now()
  parts <- list()
  for (v in head(indicators, k_ciprop)) {
    t0 <- now()
    f <- as.formula(sprintf("~I(%s == 1)", v))
    m <- svyciprop(f, raked, method = "logit", na.rm = TRUE)
    parts[[length(parts) + 1]] <- frame_of(v, "", coef(m), SE(m), confint(m), NA)
    b <- svyby(f, ~domain, raked, svyciprop, method = "logit", vartype = c("se", "ci"),
               na.rm = TRUE)
    parts[[length(parts) + 1]] <- frame_of(v, as.character(b$domain), b[[2]], b$se,
                                           cbind(b$ci_l, b$ci_u), NA)
    say("TIME svyciprop_indicator %s %.3f", v, now() - t0)
  }
  say("TIME svyciprop %.3f", now() - t_all)
  write.csv(do.call(rbind, parts), file.path(out_dir, "r_svyciprop.csv"), row.names = FALSE)
}
"""


def _r_strings(values) -> str:
    return ", ".join(json.dumps(str(v)) for v in values)


def r_script(margins: dict, indicators: list[str], with_na: list[str]) -> str:
    script = R_SCRIPT
    replacements = {"@INDICATORS@": _r_strings(indicators), "@WITH_NA@": _r_strings(with_na)}
    for name in ("kern", "age", "sex"):
        replacements[f"@{name.upper()}_LABELS@"] = _r_strings(margins[name])
        replacements[f"@{name.upper()}_TOTALS@"] = ", ".join(str(v) for v in margins[name].values())
    for token, value in replacements.items():
        script = script.replace(token, value)
    return script


def run_r(folder: Path, csv_path: Path, margins: dict, indicators: list[str],
          with_na: list[str], k_ciprop: int, k_fast: int) -> dict:
    script = folder / "survey_vs_r.R"
    script.write_text(r_script(margins, indicators, with_na), encoding="utf-8")
    times: dict = {"svyciprop_indicator": {}}
    process = subprocess.Popen(["Rscript", "--vanilla", str(script), str(csv_path), str(folder),
                                str(k_ciprop), str(k_fast)], stdout=subprocess.PIPE, text=True)
    for line in process.stdout:
        parts = line.split()
        if parts[:1] == ["TIME"]:
            if parts[1] == "svyciprop_indicator":
                times["svyciprop_indicator"][parts[2]] = float(parts[3])
                log(f"  R svyciprop {parts[2]}: {float(parts[3]):.1f} s")
            else:
                times[parts[1]] = float(parts[2])
                log(f"  R {parts[1]}: {float(parts[2]):.2f} s")
        else:
            log("  R: " + line.rstrip())
    if process.wait() != 0:
        raise SystemExit(f"Rscript failed (exit {process.returncode})")
    result = {"times": times, "paths": {}}
    for path in ("svymean", "svyciprop"):
        out = folder / f"r_{path}.csv"
        if out.exists():
            with out.open(newline="", encoding="utf-8") as handle:
                result["paths"][path] = {
                    (row["indicator"], row["domain"]): {
                        key: (float(row[key]) if row[key] not in ("", "NA") else None)
                        for key in (*FIELDS, "df")}
                    for row in csv.DictReader(handle)}
    return result


# ---------------------------------------------------------------------------------- compare


def _where(key: tuple) -> str:
    return f"{key[0]} {key[1] or 'overall'}"


def compare(ours: dict, theirs: dict, check_df: bool, r_reference: dict | None = None) -> dict:
    """Max absolute and relative difference per field, and every difference beyond TOLERANCE.

    Set apart, not compared: shares of exactly 0 or 1 (weerbaar gives an exact bound, R a NaN
    or nonsense) and, with ``r_reference`` (R's own svymean figures), svyciprop results whose
    point estimate disagrees with R's own svymean: there R's glm did not find the estimate.
    """
    report = {"compared": 0, "fields": {}, "problems": [], "degenerate": [], "r_failures": []}
    one_side = sorted(set(theirs) ^ {k for k in ours if k[0] in {i for i, _d in theirs}})
    if one_side:
        report["problems"].append("on one side only: " + ", ".join(map(_where, one_side[:5])))
    usable = []
    for key, r_row in theirs.items():
        if key not in ours:
            continue
        if ours[key]["estimate"] in (0.0, 1.0):
            report["degenerate"].append(_where(key))
            continue
        if r_reference is not None and key in r_reference:
            reference = r_reference[key]["estimate"]
            if r_row["estimate"] is None or abs(r_row["estimate"] - reference) > TOLERANCE * abs(reference):
                report["r_failures"].append(
                    f"{_where(key)}: svyciprop {r_row['estimate']!r}, [{r_row['ci_low']!r}, "
                    f"{r_row['ci_high']!r}]; R's own svymean {reference!r}")
                continue
        usable.append(key)
    report["compared"] = len(usable)
    for field in FIELDS:
        worst_abs, worst_rel, where = 0.0, 0.0, None
        for key in usable:
            a, b = ours[key][field], theirs[key][field]
            if b is None:
                report["problems"].append(f"{_where(key)} {field}: R gave NA, weerbaar {a!r}")
                continue
            diff = abs(a - b)
            rel = diff / abs(b) if b != 0 else (0.0 if diff == 0 else float("inf"))
            worst_abs = max(worst_abs, diff)
            if rel >= worst_rel:
                worst_rel, where = rel, _where(key)
            if rel > TOLERANCE:
                report["problems"].append(
                    f"{_where(key)} {field}: weerbaar {a!r}, R {b!r} (relative {rel:.2e})")
        report["fields"][field] = {"max_abs": worst_abs, "max_rel": worst_rel, "where": where}
    if check_df:
        wrong = [f"df {_where(k)}: weerbaar {ours[k]['df']}, R {theirs[k]['df']:g}"
                 for k in usable if ours[k]["df"] != theirs[k]["df"]]
        report["df_mismatches"] = len(wrong)
        report["problems"].extend(wrong)
    return report


def same_rows(a: dict, b: dict) -> bool:
    """The two weerbaar variants (text labels, coded labels) give the same numbers."""
    return a.keys() == b.keys() and all(
        np.isclose(a[k][f], b[k][f], rtol=1e-12, atol=0) for k in a for f in FIELDS)


# ---------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--r-indicators", type=int, default=len(PREVALENCES),
                        help="indicators for R's slow svyciprop path (0 skips it; default all 20)")
    parser.add_argument("--r-fast-indicators", type=int, default=len(PREVALENCES),
                        help="indicators for R's svymean path (at least 1; default all 20)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if shutil.which("Rscript") is None:
        raise SystemExit("Rscript not found (Debian: apt-get install r-base-core r-cran-survey)")
    k_ciprop = max(0, min(args.r_indicators, len(PREVALENCES)))
    k_fast = max(1, min(args.r_fast_indicators, len(PREVALENCES)))

    with tempfile.TemporaryDirectory(prefix="survey-vs-r-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        frame, margins = generate(args.respondents, args.seed)
        indicators = [c for c in frame.columns if c.startswith("y")]
        with_na = [c for c in indicators if frame[c].isna().any()]
        csv_path = folder / "respondents.csv"
        frame.to_csv(csv_path, index=False)
        log(f"generated {args.respondents:,} respondents, {frame['domain'].nunique()} domains, "
            f"{sum(PSUS)} PSUs in {len(KERNEN)} strata, in {time.perf_counter() - start:.1f} s "
            f"({csv_path.stat().st_size / 1e6:.0f} MB CSV)")
        del frame

        log("weerbaar ...")
        start = time.perf_counter()
        frame = pd.read_csv(csv_path)
        load = time.perf_counter() - start
        ours = run_weerbaar(frame, margins, indicators, coded=False)
        log(f"  weerbaar load {load:.2f} s, design+rake {ours['design_rake']:.2f} s "
            f"({ours['iterations']} cycles), estimates {ours['estimates']:.2f} s")
        coded = run_weerbaar(frame, margins, indicators, coded=True)
        log(f"  weerbaar, labels coded first: design+rake {coded['design_rake']:.2f} s, "
            f"estimates {coded['estimates']:.2f} s")
        del frame
        log("R ...")
        theirs = run_r(folder, csv_path, margins, indicators, with_na, k_ciprop, k_fast)

    times = theirs["times"]
    paths = {"svymean": {
        "indicators": k_fast, "r_seconds": times["design_rake"] + times["svymean"],
        "r_seconds_all_extrapolated":
            times["design_rake"] + times["svymean"] * len(indicators) / k_fast}}
    if k_ciprop:
        paths["svyciprop"] = {
            "indicators": k_ciprop, "r_seconds": times["design_rake"] + times["svyciprop"],
            "r_seconds_all_extrapolated":
                times["design_rake"] + times["svyciprop"] * len(indicators) / k_ciprop}
    for name, path in paths.items():
        k = path["indicators"]
        path["weerbaar_seconds"] = ours["design_rake"] + sum(ours["per_indicator"][:k])
        path["weerbaar_coded_seconds"] = coded["design_rake"] + sum(coded["per_indicator"][:k])
        path["ratio"] = path["r_seconds"] / path["weerbaar_seconds"]
        path["ratio_coded"] = path["r_seconds"] / path["weerbaar_coded_seconds"]
        path["comparison"] = compare(
            ours["rows"], theirs["paths"][name], check_df=name == "svymean",
            r_reference=theirs["paths"]["svymean"] if name == "svyciprop" else None)

    summary = ("design_rake", "estimates", "total", "iterations")
    result = {
        "respondents": args.respondents, "seed": args.seed, "domains": 30,
        "indicators": len(indicators), "indicators_with_missing": with_na,
        "psus": sum(PSUS), "strata": len(KERNEN),
        "weerbaar": {"load": load, **{k: ours[k] for k in summary}},
        "weerbaar_coded": {k: coded[k] for k in summary},
        "weerbaar_variants_agree": same_rows(ours["rows"], coded["rows"]),
        "r": {"load": times.get("load"), "design_rake": times["design_rake"],
              "svymean_estimates": times["svymean"], "svyciprop_estimates": times.get("svyciprop"),
              "svyciprop_per_indicator": times["svyciprop_indicator"]},
        "paths": paths, "tolerance_relative": TOLERANCE,
    }
    problems = [f"{name}: {p}" for name, path in paths.items()
                for p in path["comparison"]["problems"]]
    if not result["weerbaar_variants_agree"]:
        problems.append("weerbaar: text labels and coded labels give different numbers")
    result["ok"] = not problems

    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_summary(result)
    if problems:
        print(f"\n{len(problems)} difference(s) beyond {TOLERANCE:g} relative:", file=sys.stderr)
        for problem in problems[:25]:
            print("  " + problem, file=sys.stderr)
        sys.exit(1)


def print_summary(result: dict) -> None:
    w, c, r = result["weerbaar"], result["weerbaar_coded"], result["r"]
    print(f"respondents: {result['respondents']:,}  seed {result['seed']}  "
          f"{result['strata']} strata, {result['psus']} PSUs, {result['domains']} domains, "
          f"{result['indicators']} indicators ({len(result['indicators_with_missing'])} with NA)")
    print(f"load (not in the ratios): pandas read_csv {w['load']:.2f} s, "
          f"R read.csv {r['load']:.2f} s")
    print(f"weerbaar, labels as read:    design+rake {w['design_rake']:.2f} s "
          f"({w['iterations']} cycles), estimates {w['estimates']:.2f} s, total {w['total']:.2f} s")
    print(f"weerbaar, labels coded first: design+rake {c['design_rake']:.2f} s, "
          f"estimates {c['estimates']:.2f} s, total {c['total']:.2f} s")
    print(f"R: design+rake {r['design_rake']:.2f} s")
    print()
    print(f"{'R path':<11}{'ind.':>5}{'R (s)':>10}{'weerbaar (s)':>14}{'ratio':>8}"
          f"{'coded (s)':>11}{'ratio':>8}")
    for name, path in result["paths"].items():
        print(f"{name:<11}{path['indicators']:>5}{path['r_seconds']:>10.2f}"
              f"{path['weerbaar_seconds']:>14.2f}{path['ratio']:>8.1f}"
              f"{path['weerbaar_coded_seconds']:>11.2f}{path['ratio_coded']:>8.1f}")
        if path["indicators"] < result["indicators"]:
            print(f"{'':<11}(R for all {result['indicators']} indicators, extrapolated: "
                  f"{path['r_seconds_all_extrapolated']:.0f} s)")
    print("ratio = R seconds / weerbaar seconds for design + rake + the same estimates")
    print()
    print(f"{'R path':<11}{'field':<10}{'max abs':>11}{'max rel':>11}  where")
    for name, path in result["paths"].items():
        comparison = path["comparison"]
        for field, diff in comparison["fields"].items():
            print(f"{name:<11}{field:<10}{diff['max_abs']:>11.2e}{diff['max_rel']:>11.2e}  "
                  f"{diff['where'] or ''}")
        notes = [f"{comparison['compared']} estimates compared"]
        if "df_mismatches" in comparison:
            notes.append(f"{comparison['df_mismatches']} df mismatches")
        if comparison["degenerate"]:
            notes.append(f"{len(comparison['degenerate'])} shares of exactly 0 or 1 left out")
        print(f"{'':<11}" + "; ".join(notes))
        if comparison["r_failures"]:
            print(f"{'':<11}{len(comparison['r_failures'])} svyciprop results left out: their "
                  "point estimate is not R's own svymean (glm did not find it), e.g.")
            for failure in comparison["r_failures"][:3]:
                print(f"{'':<13}{failure}")
    print()
    if not result["weerbaar_variants_agree"]:
        print("weerbaar variants (text and coded labels) DISAGREE")
    print("numbers agree within 1e-5 relative" if result["ok"] else "NUMBERS DISAGREE (see below)")


if __name__ == "__main__":
    main()
