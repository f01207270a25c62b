"""A small codebook for the test municipality (Noorddorp, Zuiddorp) and a wave using it."""

from datetime import date

import pytest

from weerbaar.monitor.models import Codebook, CodebookAnswer, CodebookQuestion, SurveyWave

YES_NO = (("1", "Ja", "yes"), ("2", "Nee", "no"), ("9", "Weet niet", "missing"))


def question(codebook, column, maps_to, answers=()):
    q = CodebookQuestion.objects.create(codebook=codebook, column=column, maps_to=maps_to,
                                        text=f"Vraag {column}")
    for code, label, meaning in answers:
        CodebookAnswer.objects.create(question=q, code=code, label=label, meaning=meaning)
    return q


@pytest.fixture
def codebook(municipality, communities):
    book = Codebook.objects.create(municipality=municipality, name="Test v1", source="test")
    question(book, "respnr", "respondent_id")
    question(book, "kern", "kern", (("1", "Noorddorp", "noorddorp"), ("2", "Zuiddorp", "zuiddorp")))
    question(book, "leeftijd", "age_group",
             (("1", "jonger dan 65", "40-64"), ("2", "65 tot 80", "65-79"), ("3", "80+", "80+")))
    question(book, "huishouden", "household_type",
             (("1", "Alleen", "single"), ("2", "Gezin", "family"), ("6", "Instelling", "institutional")))
    question(book, "helper", "informal_helper", YES_NO)
    question(book, "v1", "I-1", YES_NO)
    question(book, "kit", "I-3:kit", YES_NO)
    # Codes as words: an SPSS file stores 1/2 with the value labels ja/nee, which must match.
    question(book, "plan", "I-3:plan", (("ja", "", "yes"), ("nee", "", "no")))
    question(book, "v4", "II-3", YES_NO)
    question(book, "gewicht", "weight")
    return book


@pytest.fixture
def wave(municipality, codebook):
    return SurveyWave(municipality=municipality, codebook=codebook, name="Nulmeting 2026",
                      fieldwork_start=date(2026, 2, 1), fieldwork_end=date(2026, 2, 28),
                      source="test")
