"""Fuzzing the survey import (CSV, XLSX and SPSS .sav through the codebook) and the analysts'
file reader: a file is imported whole or refused with located problems; never a crash, never
some respondents kept."""

from __future__ import annotations

import math

import pandas as pd
import pyreadstat
import pytest
from django.utils import translation
from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import CODEBOOK, assert_clear, rolled_back, row_counts
from tests.fuzz.strategies import CELLS, ENCODINGS, csv_text, damaged, tables, xlsx_bytes
from weerbaar.engines.survey import SurveyInputError
from weerbaar.monitor.importing import SurveyProblem, import_survey
from weerbaar.monitor.tabular import read_columns

COLUMNS = list(CODEBOOK)
# Answers the codebook knows, answers it does not, and the usual damage.
ANSWER = st.one_of(st.sampled_from(["1", "2", "9", "3", "ja", "nee", "Ja", "Noorddorp", "",
                                    "0", "-1", "1.0", "1,0", "NaN", "=1+1", "ZUIDDORP"]),
                   st.sampled_from([1, 2, 9, 1.0, 2.0, math.nan, None]))
WEIGHT = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 10**20),
                   st.sampled_from(["1,5", "0", "-2", "abc", "", "1e309", "2.5"]))
# Mostly the codes (or labels) the codebook knows, so whole files can import.
KNOWN = {column: st.sampled_from([code for code, _l, _m in answers]
                                 + [label for _c, label, _m in answers if label])
         for column, (_target, answers) in CODEBOOK.items() if answers}
KNOWN["gewicht"] = st.sampled_from(["1", "0,5", "2.25", 1.5, 3])
RESPONDENT = st.one_of(st.from_regex(r"R\d{1,3}", fullmatch=True), st.sampled_from(["", "x" * 80]),
                       st.integers(0, 10**6))


@st.composite
def survey_rows(draw, max_rows: int = 8):
    """Rows under the codebook's own columns (shuffled, sometimes one missing or doubled)."""
    headers = list(COLUMNS)
    if draw(st.booleans()):
        headers = draw(st.permutations(headers))
    damage = draw(st.sampled_from(["none"] * 6 + ["drop", "double", "extra"]))
    if damage == "drop":
        headers.pop(draw(st.integers(0, len(headers) - 1)))
    elif damage == "double":
        headers.append(draw(st.sampled_from(headers)))
    elif damage == "extra":
        headers.append("vrije_tekst")
    rows = []
    for _ in range(draw(st.integers(0, max_rows))):
        row = []
        for header in headers:
            strategy = {"respnr": RESPONDENT, "gewicht": WEIGHT}.get(header, ANSWER)
            if header in KNOWN and draw(st.integers(0, 9)):
                strategy = KNOWN[header]
            row.append(draw(CELLS) if draw(st.integers(0, 29)) == 0 else draw(strategy))
        rows.append(row)
    return headers, rows


def check_survey(make_wave, data: bytes, fmt: str | None) -> None:
    with rolled_back():
        before = row_counts()
        wave = make_wave()
        report = import_survey(wave, data, fmt=fmt)
        after = row_counts()
        event("imported" if report.ok else "refused")
        if not report.ok:
            assert after == before, f"a refused survey file changed the database: {report.problems}"
            assert wave.pk is None
            for problem in report.problems:
                assert isinstance(problem, SurveyProblem)
                assert_clear(problem.message)
                str(problem)
        else:
            assert report.created == report.rows > 0
            assert after["monitor.surveyresponse"] == before["monitor.surveyresponse"] + report.rows
            assert after["monitor.surveywave"] == before["monitor.surveywave"] + 1
        report.summary()


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@settings(max_examples=70)
@given(table=survey_rows(), sep=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8"] * 4 + ENCODINGS), data=st.data())
def test_survey_csv(new_wave, table, sep, encoding, data):
    raw = csv_text(*table, delimiter=sep).encode(encoding, errors="replace")
    check_survey(new_wave, data.draw(damaged(raw)), data.draw(st.sampled_from(["csv", None])))


@settings(max_examples=50)
@given(table=survey_rows(), data=st.data())
def test_survey_xlsx(new_wave, table, data):
    check_survey(new_wave, data.draw(damaged(xlsx_bytes(*table))), "xlsx")


def sav_bytes(tmp_path, headers: list[str], rows: list[list], labels: bool) -> bytes | None:
    """The table as SPSS writes it: numeric columns where every value is a number, string
    columns otherwise; with value labels for kern and plan when asked."""
    headers = list(dict.fromkeys(headers))  # SPSS cannot hold two variables of one name
    frame = {}
    for position, name in enumerate(headers):
        values = [row[position] if position < len(row) else None for row in rows]
        numbers = all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)
                                    and abs(v) < 1e300) for v in values)
        if numbers:
            frame[name] = [math.nan if v is None else float(v) for v in values]
        else:
            frame[name] = ["" if v is None else str(v)[:200] for v in values]
    value_labels = {}
    if labels:
        for name, mapping in (("kern", {1.0: "Noorddorp", 2.0: "Zuiddorp"}),
                              ("plan", {1.0: "ja", 2.0: "nee"})):
            if name in frame and all(isinstance(v, float) for v in frame[name]):
                value_labels[name] = mapping
    path = tmp_path / "golf.sav"
    try:
        pyreadstat.write_sav(pd.DataFrame(frame), str(path), variable_value_labels=value_labels)
    except Exception:  # a table pyreadstat will not write (odd text): not an SPSS file anyone has
        return None
    return path.read_bytes()


@settings(max_examples=50)
@given(table=survey_rows(), labels=st.booleans(), data=st.data())
def test_survey_sav(new_wave, tmp_path, table, labels, data):
    raw = sav_bytes(tmp_path, *table, labels=labels)
    if raw is None:
        event("unwritable sav")
        return
    check_survey(new_wave, data.draw(damaged(raw)), data.draw(st.sampled_from(["sav", None])))


@settings(max_examples=30)
@given(data=st.binary(max_size=300).flatmap(damaged),
       fmt=st.sampled_from(["csv", "xlsx", "sav", "zsav", None, "pdf"]))
def test_survey_any_bytes(new_wave, data, fmt):
    check_survey(new_wave, data, fmt)


@settings(max_examples=40)
@given(table=tables(COLUMNS, CELLS), suffix=st.sampled_from([".csv", ".xlsx", ".sav", ".txt"]),
       data=st.data())
def test_analysis_reader(tmp_path, table, suffix, data):
    """weerbaar.monitor.tabular.read_columns (the analysts' CLI) reads or raises
    SurveyInputError, with the file named; nothing else."""
    if suffix == ".xlsx":
        raw = xlsx_bytes(*table)
    elif suffix == ".sav":
        raw = sav_bytes(tmp_path, *table, labels=True) or b"$FL2"
    else:
        raw = csv_text(*table, delimiter=data.draw(st.sampled_from([",", ";"]))).encode(
            data.draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])), errors="replace")
    path = tmp_path / f"respondenten{suffix}"
    path.write_bytes(data.draw(damaged(raw)))
    try:
        columns, _labelled = read_columns(path)
    except SurveyInputError as error:
        # The analysts' command line names the file and the reader's own reason.
        assert str(error).startswith(path.name) and "Traceback" not in str(error)
        event("refused")
    else:
        event("read")
        assert columns and all(len(v) == len(next(iter(columns.values())))
                               for v in columns.values())
