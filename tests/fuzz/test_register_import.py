"""Fuzzing the register import (CSV and XLSX, every register): it imports completely or
refuses with problems a person can read; it never raises and never keeps part of a file."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from tests.fuzz.conftest import assert_clear, rolled_back, row_counts
from tests.fuzz.strategies import (
    ENCODINGS,
    csv_files,
    csv_text,
    damaged,
    tables,
    valid_tables,
    xlsx_bytes,
    xlsx_files,
)
from weerbaar.core.imports.resources import register_resources
from weerbaar.core.imports.results import Problem
from weerbaar.core.imports.service import import_file

RESOURCES = register_resources()
LABELS = sorted(RESOURCES)
# Registers whose rows the fuzzer fills often enough to also reach the "imports" branch.
SIMPLE = ["places.municipality", "places.community", "network.organisation",
          "vital.vulnerablelocation", "places.populationstatistic"]


def columns_of(label: str) -> list[str]:
    return [field.column_name for field in RESOURCES[label]().get_import_fields()]


def check_import(label: str, data: bytes, fmt: str | None) -> None:
    """The property: all or nothing, and every problem is located and readable."""
    resource = RESOURCES[label]
    with rolled_back():
        before = row_counts()
        report = import_file(resource, data, fmt)
        after = row_counts()
        if currently_in_test_context():
            event("imported" if report.ok else "refused")
        if not report.ok:
            assert after == before, f"a refused import changed the database: {report.problems}"
            for problem in report.problems:
                assert isinstance(problem, Problem)
                assert_clear(problem.message)
                assert "kon niet worden verwerkt" not in problem.message, (
                    f"an unexpected exception inside the import: {problem}")
                assert "database weigerde" not in problem.message, (
                    f"the database refused a row that passed validation: {problem}")
                str(problem)  # the located form renders
            assert report.created == report.updated == 0
        else:
            model = resource._meta.model._meta.label_lower
            assert report.created + report.updated + report.unchanged == report.rows
            assert after[model] == before[model] + report.created
            changed = {k for k in after if after[k] != before[k]}
            # Besides the register: its change history and the audit trail of the change.
            bookkeeping = {k for k in changed if ".historical" in k or k.startswith("audit.")}
            assert changed - bookkeeping <= {model}, f"rows appeared elsewhere: {changed}"
        report.summary()


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@st.composite
def register_csv(draw, labels=LABELS):
    label = draw(st.sampled_from(labels))
    return label, draw(csv_files(draw(tables(columns_of(label)))))


@st.composite
def register_xlsx(draw, labels=LABELS):
    label = draw(st.sampled_from(labels))
    return label, draw(xlsx_files(draw(tables(columns_of(label)))))


@settings(max_examples=100)
@given(case=register_csv())
def test_csv_any_register(places, case):
    label, data = case
    check_import(label, data, draw_format(data))


def draw_format(data: bytes) -> str | None:
    """Half the time the format is given, as the admin does; otherwise it is guessed."""
    return "csv" if len(data) % 2 else None


@st.composite
def valid_register_file(draw, labels=SIMPLE):
    """Plausible rows of a common register, as CSV (any delimiter, UTF-8 or a legacy
    encoding, sometimes with a BOM) or as XLSX, mostly intact."""
    label = draw(st.sampled_from(labels))
    headers, rows = draw(valid_tables(RESOURCES[label]))
    if draw(st.booleans()):
        return label, draw(damaged(xlsx_bytes(headers, rows))), "xlsx"
    text = csv_text(headers, rows, draw(st.sampled_from([",", ";", "\t"])))
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig"] * 3 + ENCODINGS))
    return label, draw(damaged(text.encode(encoding, errors="replace"))), "csv"


@settings(max_examples=80)
@given(case=valid_register_file())
def test_valid_ish_common_registers(places, case):
    label, data, fmt = case
    check_import(label, data, fmt)


@settings(max_examples=60)
@given(case=register_xlsx())
def test_xlsx_any_register(places, case):
    label, data = case
    check_import(label, data, "xlsx")


@settings(max_examples=40)
@given(label=st.sampled_from(LABELS), data=st.binary(max_size=400).flatmap(damaged),
       fmt=st.sampled_from(["csv", "xlsx", None, "xls", "CSV", ".xlsx"]))
def test_any_bytes_any_format(places, label, data, fmt):
    check_import(label, data, fmt)


def test_a_good_file_still_imports(places):
    """The fuzz property is not vacuous: a well-formed file passes through check_import."""
    data = b"cbs_code,name\nGM0001,Eendorp\nGM0002,Tweedorp\n"
    with rolled_back():
        report = import_file(RESOURCES["places.municipality"], data, "csv")
        assert report.ok and report.created == 2
    check_import("places.municipality", data, "csv")


def test_utf16_without_bom_is_named_not_read_as_odd_columns(places):
    """Regression (found by fuzzing): UTF-16 text without a byte order mark decoded as UTF-8
    with NUL characters, so every column was reported as unknown ('c\\x00b\\x00s…')."""
    data = "cbs_code,name\nGM0001,Eendorp\n".encode("utf-16-le")
    with rolled_back():
        report = import_file(RESOURCES["places.municipality"], data, "csv")
    assert [(p.line, p.column) for p in report.problems] == [(1, None)]
    assert "geen UTF-8-tekst" in report.problems[0].message
    assert "UTF-16" in report.problems[0].message
