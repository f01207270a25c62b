"""Property-based fuzzing of every importer: profiles, the fixtures the importers need, and
the two checks every fuzz test makes (nothing half-imported; a clear message, never a crash).

Profiles (HYPOTHESIS_PROFILE, default "ci"): "ci" is derandomised, so CI runs the same
examples every time and stays within its time budget; "deep" explores 20 times as many
random examples, for a local bug hunt: HYPOTHESIS_PROFILE=deep pytest tests/fuzz.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import date

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, settings

FUZZ_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
               HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("ci", derandomize=True, max_examples=50, deadline=None,
                          suppress_health_check=FUZZ_HEALTH, print_blob=True, database=None)
settings.register_profile("deep", max_examples=1000, deadline=None,
                          suppress_health_check=FUZZ_HEALTH, print_blob=True)
settings.load_profile(os.getenv("HYPOTHESIS_PROFILE", "ci"))

TRACE_WORDS = ("Traceback", 'File "', "Error:", "Exception")


def row_counts() -> dict[str, int]:
    """Rows in every table of the project's apps (including history tables)."""
    return {model._meta.label_lower: model._base_manager.count()
            for model in apps.get_models()
            if model.__module__.startswith("weerbaar.") and model._meta.managed
            and not model._meta.proxy}


@contextmanager
def rolled_back():
    """Run one example inside a transaction that is always undone, so every example starts
    from the same database, whatever the previous one imported."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def assert_clear(message: str) -> None:
    """A message meant for a person: not empty, and no trace or exception class name."""
    assert message.strip(), "empty problem message"
    for word in TRACE_WORDS:
        assert word not in message, f"technical text in a user message: {message!r}"


@pytest.fixture
def places(municipality, communities, organisations):
    """The test municipality with two kernen and two organisations (root conftest)."""
    return municipality


YES_NO = (("1", "Ja", "yes"), ("2", "Nee", "no"), ("9", "Weet niet", "missing"))
CODEBOOK = {
    "respnr": ("respondent_id", ()),
    "kern": ("kern", (("1", "Noorddorp", "noorddorp"), ("2", "Zuiddorp", "zuiddorp"))),
    "leeftijd": ("age_group", (("1", "jonger dan 65", "40-64"), ("2", "65 tot 80", "65-79"),
                               ("3", "80+", "80+"))),
    "helper": ("informal_helper", YES_NO),
    "v1": ("I-1", YES_NO),
    "kit": ("I-3:kit", YES_NO),
    "plan": ("I-3:plan", (("ja", "", "yes"), ("nee", "", "no"))),
    "gewicht": ("weight", ()),
}


@pytest.fixture
def codebook(places, communities):
    from weerbaar.monitor.models import Codebook, CodebookAnswer, CodebookQuestion

    book = Codebook.objects.create(municipality=places, name="Fuzz v1", source="test")
    for column, (maps_to, answers) in CODEBOOK.items():
        question = CodebookQuestion.objects.create(codebook=book, column=column, maps_to=maps_to,
                                                   text=f"Vraag {column}")
        for code, label, meaning in answers:
            CodebookAnswer.objects.create(question=question, code=code, label=label,
                                          meaning=meaning)
    return book


@pytest.fixture
def new_wave(places, codebook):
    """A factory: a fresh unsaved wave per example (a good import saves it)."""
    from weerbaar.monitor.models import SurveyWave

    def make():
        return SurveyWave(municipality=places, codebook=codebook, name="Fuzzmeting",
                          fieldwork_start=date(2026, 2, 1), fieldwork_end=date(2026, 2, 28),
                          source="test")

    return make
