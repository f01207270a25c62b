"""Two FICTITIOUS survey waves for the Bernheze demo, generated with a fixed seed.

Why generated and not stored: the generator shows what the waves are made of (who is
over-represented, what differs between kernen) and produces the same bytes on every run,
so the second load finds the same file checksum and writes nothing. The CSV goes through
the real importer and codebook, exactly like an agency's file would.

Deliberately unequal: Heeswijk-Dinther and older residents answer far more often than their
share of the population, so raking to the kern statistics visibly changes the estimates;
Loosbroek ends up with fewer than 50 respondents (flagged "onbetrouwbaar") and Vinkel with
none (no number shown).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import yaml
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction

from weerbaar.core.models import Confidence
from weerbaar.monitor.importing import import_survey
from weerbaar.monitor.models import Codebook, CodebookAnswer, CodebookQuestion, SurveyWave
from weerbaar.places.models import Municipality

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
SOURCE = "Fictieve demo-enquête (gegenereerd met vaste seed, geen echte meting)"
AGENCY = "Voorbeeldbureau (fictief)"


@dataclass(frozen=True)
class DemoWave:
    name: str
    start: date
    end: date
    respondents: int
    seed: int
    progress: float  # log-odds added to every indicator: the campaign's fictitious effect


WAVES = (
    DemoWave("Nulmeting begin 2026 (fictief)", date(2026, 2, 2), date(2026, 2, 27), 1000,
             20260202, 0.0),
    DemoWave("Tussenmeting najaar 2026 (fictief)", date(2026, 10, 5), date(2026, 10, 30), 950,
             20261005, 0.45),
)

# Kern code in the file -> (share of the respondents, log-odds effect). Population shares
# (2024 statistics) are about 40 / 30 / 16 / 10 / 3 %: Heesch is under-sampled.
KERNEN = {"1": (0.25, -0.35), "2": (0.41, 0.30), "3": (0.19, 0.0), "4": (0.11, 0.15),
          "5": (0.04, 0.40)}
AGES = {"1": (0.22, -0.3), "2": (0.40, 0.0), "3": (0.28, 0.25), "4": (0.10, -0.2)}
SEXES = {"1": 0.52, "2": 0.47, "3": 0.01}
HOUSEHOLDS = {"1": 0.20, "2": 0.36, "3": 0.31, "4": 0.06, "5": 0.05, "6": 0.02}
BASE = {"v1_hulpvraag": 0.1, "v2_verwacht": -0.5, "v3a_noodpakket": 0.4,
        "v3b_noodplan": -0.2, "v4_hulpverlener": 0.2}
MISSING_RATE = 0.03
COLUMNS = ("respnr", "kern", "leeftijd", "geslacht", "huishouden", "mantelzorg",
           "v1_hulpvraag", "v2_verwacht", "v3a_noodpakket", "v3b_noodplan", "v4_hulpverlener")


def _pick(rng, table: dict, n: int) -> np.ndarray:
    keys = list(table)
    shares = np.array([v[0] if isinstance(v, tuple) else v for v in table.values()])
    return rng.choice(keys, size=n, p=shares / shares.sum())


def generate_csv(wave: DemoWave) -> bytes:
    """The wave's file as the agency would deliver it (semicolon CSV, numeric codes)."""
    rng = np.random.default_rng(wave.seed)
    n = wave.respondents
    kern, age = _pick(rng, KERNEN, n), _pick(rng, AGES, n)
    sex, household = _pick(rng, SEXES, n), _pick(rng, HOUSEHOLDS, n)
    helper = rng.random(n) < 0.3
    effect = (np.array([KERNEN[k][1] for k in kern]) + np.array([AGES[a][1] for a in age])
              + wave.progress)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    answers = {}
    for column, base in BASE.items():
        p = 1 / (1 + np.exp(-(base + effect)))
        yes = rng.random(n) < p
        missing = rng.random(n) < MISSING_RATE
        answers[column] = np.where(missing, "9", np.where(yes, "1", "2"))
    # Who has no kit rarely has a plan: make the plan follow the kit a little.
    answers["v3b_noodplan"] = np.where((answers["v3a_noodpakket"] == "2") & (rng.random(n) < 0.5),
                                       "2", answers["v3b_noodplan"])
    answers["v4_hulpverlener"] = np.where(helper, answers["v4_hulpverlener"], "")
    age_missing = rng.random(n) < 0.01
    for i in range(n):
        writer.writerow([f"R{wave.seed % 10000:04d}-{i + 1:04d}", kern[i],
                         "9" if age_missing[i] else age[i], sex[i], household[i],
                         "1" if helper[i] else "2",
                         *(answers[c][i] for c in COLUMNS[6:])])
    return out.getvalue().encode("utf-8")


def _changed(obj, values: dict) -> bool:
    changed = obj.pk is None
    for name, value in values.items():
        try:
            current = getattr(obj, name)
        except ObjectDoesNotExist:  # a foreign key not set yet
            current = None
        if current != value:
            setattr(obj, name, value)
            changed = True
    return changed


class SurveyDemoError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def load_codebook(municipality: Municipality, counts: dict) -> Codebook:
    document = yaml.safe_load((DATA_DIR / "codebook.yaml").read_text(encoding="utf-8"))
    codebook = Codebook.objects.filter(municipality=municipality, name=document["name"]).first()
    codebook = codebook or Codebook(municipality=municipality, name=document["name"])
    _save(codebook, {"notes": document.get("notes", ""), "source": document["source"],
                     "confidence": document["confidence"], "is_fictitious": True}, counts)
    for item in document["questions"]:
        question = (CodebookQuestion.objects.filter(codebook=codebook, column=item["column"]).first()
                    or CodebookQuestion(codebook=codebook, column=item["column"]))
        _save(question, {"text": item.get("text", ""), "maps_to": item["maps_to"]}, counts)
        for answer_item in item.get("answers") or ():
            answer = (CodebookAnswer.objects.filter(question=question,
                                                    code=answer_item["code"]).first()
                      or CodebookAnswer(question=question, code=answer_item["code"]))
            _save(answer, {"label": answer_item.get("label", ""),
                           "meaning": answer_item["meaning"]}, counts)
    return codebook


def _save(obj, values: dict, counts: dict) -> None:
    created = obj.pk is None
    if _changed(obj, values):
        obj.full_clean()
        obj.save()
        key = "created" if created else "updated"
    else:
        key = "unchanged"
    _count(counts, key, obj._meta.label, 1)


def _count(counts: dict, key: str, label: str, n: int) -> None:
    counts[key][label] = counts[key].get(label, 0) + n


def load_survey_demo(municipality: Municipality | None, counts: dict | None = None) -> dict:
    """Load the codebook and both fictitious waves; idempotent, all or nothing.

    ``counts`` is {"created": Counter, "updated": Counter, "unchanged": Counter} (the demo
    loader's report); the respondents count under monitor.SurveyResponse.
    """
    counts = counts if counts is not None else {"created": {}, "updated": {}, "unchanged": {}}
    if municipality is None:
        return counts
    with transaction.atomic():
        codebook = load_codebook(municipality, counts)
        errors = []
        for demo in WAVES:
            wave = (SurveyWave.objects.filter(municipality=municipality, name=demo.name).first()
                    or SurveyWave(municipality=municipality, name=demo.name))
            values = {"codebook": codebook, "population": SurveyWave.Population.RESIDENTS,
                      "fieldwork_start": demo.start, "fieldwork_end": demo.end, "agency": AGENCY,
                      "source": SOURCE, "confidence": Confidence.ESTIMATE, "is_fictitious": True}
            is_new = wave.pk is None
            if is_new:
                _changed(wave, values)  # saved by the import, together with its respondents
            else:
                _save(wave, values, counts)
            data = generate_csv(demo)
            report = import_survey(wave, data, fmt="csv", file_name=f"{demo.name}.csv",
                                   replace=True)
            if not report.ok:
                errors.extend(f"{demo.name}: {p}" for p in report.problems[:20])
                continue
            label = "monitor.SurveyResponse"
            if report.unchanged:
                _count(counts, "unchanged", label, report.rows)
            else:
                if is_new:
                    _count(counts, "created", "monitor.SurveyWave", 1)
                _count(counts, "created", label, report.created)
        if errors:
            raise SurveyDemoError(errors)
    return counts


def load_into_demo(loader) -> None:
    """Called once at the end of weerbaar.demo.loader.Loader.run: the same report, the same
    transaction, and problems added to the loader's errors (so nothing is kept)."""
    counts = {"created": loader.report.created, "updated": loader.report.updated,
              "unchanged": loader.report.unchanged}
    municipality = loader.municipality or Municipality.objects.filter(cbs_code="GM1721").first()
    try:
        load_survey_demo(municipality, counts)
    except SurveyDemoError as error:
        loader.errors.extend(f"enquête (demo): {e}" for e in error.errors)
    except ValidationError as error:
        loader.errors.extend(f"enquête (demo): {m}" for m in error.messages)
