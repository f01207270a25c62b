"""Hypothesis strategies for files people actually send: valid-ish tables with every kind of
damage (wrong encodings, BOMs, truncation, huge numbers, NaN, formulas, binary, duplicated
and unknown headers, ragged rows), and the encoders that turn them into CSV, XLSX and SAV."""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime

from hypothesis import strategies as st

# Cells a spreadsheet or an export from another system really holds.
NASTY_TEXT = [
    "", " ", "NA", "null", "None", "nan", "NaN", "-", "?", "onbekend", "ja", "nee", "JA", "x",
    "=SUM(A1:A9)", "=cmd|' /C calc'!A0", "+31 6 12345678", "-1", "@HYPERLINK(\"x\")", "'=1+1",
    "1e308", "-1e308", "1e309", "inf", "-inf", "9" * 30, "0", "0,5", "0.5", "1.000,25", "1,5e3",
    "2026-02-30", "31-12-2026", "2026-13-01", "0000-00-00", "99999-01-01",
    "Zorghuis \"De Linde\"", "a;b;c", "a,b", "line\nbreak", "tab\there", "   padded   ",
    "Ünïcødé ✓ ñ ß", "😀", "\u200b", "\ufeff", "\u00a0", "ab\x00cd", "GM9999", "GM99999",
    "noorddorp", "Noorddorp", "ZUIDDORP", "nergensdorp", "BU99990001", "Waterbedrijf Test",
    "V", "E", "nursing", "vital", "care", "electricity", "internal", "I-1", "yes", "no",
    "x" * 300,
]
TEXT = st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=40))
NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 2, 9, -1, 0.5, 1.5, 2**63, -(2**63) - 1, 1e308, math.nan, math.inf]),
)
DATES = st.one_of(st.dates(min_value=date(1, 1, 1)), st.datetimes(min_value=datetime(1900, 1, 1)))
CELLS = st.one_of(TEXT, TEXT, NUMBERS, DATES, st.booleans(), st.none())

ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-32"]


def headers_for(columns: list[str], draw) -> list[str]:
    """The real columns in any order, some missing, some duplicated, renamed in case, plus
    columns nobody asked for."""
    chosen = draw(st.lists(st.sampled_from(columns), max_size=len(columns) + 2)) if columns else []
    if draw(st.booleans()):
        chosen = list(dict.fromkeys(chosen))  # usually without duplicates
    if draw(st.booleans()):
        chosen = list(columns)  # often exactly the real header, so rows get checked
    extra = draw(st.lists(st.sampled_from(["", "opmerking", "Naam", "ID", "kolom 9", "=A1",
                                          "\ufeffnaam", "name "]), max_size=2))
    headers = chosen + extra
    if headers and draw(st.booleans()):
        headers = [h.upper() if draw(st.booleans()) else h for h in headers]
    return headers


@st.composite
def tables(draw, columns: list[str], cells=CELLS, max_rows: int = 6):
    """(headers, rows): rows are lists of cells, sometimes shorter or longer than the header."""
    headers = headers_for(columns, draw)
    width = len(headers)
    rows = draw(st.lists(
        st.lists(cells, min_size=max(0, width - 1), max_size=width + 1), max_size=max_rows))
    return headers, rows


def cell_as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def csv_text(headers: list[str], rows: list[list], delimiter: str = ",") -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([cell_as_text(v) for v in row])
    return out.getvalue()


@st.composite
def csv_files(draw, table) -> bytes:
    """A table as CSV bytes in any delimiter and encoding, sometimes damaged."""
    headers, rows = table
    text = csv_text(headers, rows, draw(st.sampled_from([",", ";", "\t", "|"])))
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    return draw(damaged(data))


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """Most of the time intact; otherwise truncated, with bytes flipped or binary spliced in."""
    kind = draw(st.sampled_from(["intact"] * 8 + ["truncate", "flip", "splice",
                                 "binary", "empty"]))
    if kind == "truncate" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if kind == "flip" and data:
        position = draw(st.integers(0, len(data) - 1))
        return data[:position] + bytes([data[position] ^ 0xFF]) + data[position + 1:]
    if kind == "splice":
        position = draw(st.integers(0, len(data)))
        return data[:position] + draw(st.binary(min_size=1, max_size=64)) + data[position:]
    if kind == "binary":
        return draw(st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"$FL2", b"\x00",
                                     b"%PDF-1.7", b""])) + draw(st.binary(max_size=200))
    if kind == "empty":
        return draw(st.sampled_from([b"", b"\n", b"\xef\xbb\xbf", b"  \r\n\r\n", b"\x00\x00"]))
    return data


ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xlsx_cell(value):
    """openpyxl refuses control characters; a spreadsheet cannot hold them either."""
    if isinstance(value, str):
        return ILLEGAL_XML.sub("", value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return float(value)  # Excel stores numbers as doubles
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # Excel has no NaN or infinity cells; the text is what one sees
    if isinstance(value, date) and value.year < 1900:
        return value.isoformat()
    return value


def xlsx_bytes(headers: list[str], rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([xlsx_cell(h) for h in headers])
    for row in rows:
        sheet.append([xlsx_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@st.composite
def xlsx_files(draw, table) -> bytes:
    headers, rows = table
    return draw(damaged(xlsx_bytes(headers, rows)))


# ------------------------------------------------------------------ valid-ish register rows

# Natural keys that exist in the fuzz database (root conftest: Testgemeente, two kernen, two
# organisations), so generated rows can really import.
KNOWN_KEYS = {
    "places.municipality": ["GM9999", "gm9999"],
    "places.community": ["noorddorp", "Zuiddorp"],
    "network.organisation": ["Waterbedrijf Test", "Zorggroep Test"],
}
COLUMN_VALUES = {
    "cbs_code": st.from_regex(r"GM\d{4}", fullmatch=True),
    "slug": st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True),
    "source_url": st.sampled_from(["", "https://example.org/bron"]),
    "website": st.sampled_from(["", "https://example.org"]),
    "public_email": st.sampled_from(["", "info@example.org"]),
    "latitude": st.floats(50.7, 53.6).map(str),
    "longitude": st.floats(3.3, 7.3).map(str),
}
PLAIN_TEXT = st.text(st.characters(codec="utf-8", categories=["L", "N", "Zs"]), min_size=1,
                     max_size=30).map(str.strip).filter(bool)


def plausible(resource, column: str):
    """A value a careful person would type in this column."""
    from weerbaar.core.imports import widgets as w

    if column in COLUMN_VALUES:
        return COLUMN_VALUES[column]
    field = resource.fields[column]
    widget = field.widget
    if isinstance(widget, w.NaturalKeyWidget):
        keys = KNOWN_KEYS.get(widget.model._meta.label_lower, ["onbekend"])
        model_field = resource._meta.model._meta.get_field(field.attribute)
        return st.sampled_from(["", *keys] if model_field.null else keys)
    if isinstance(widget, w.ChoiceWidget):
        return st.sampled_from([str(code) for code, _label in widget.choices]
                               + [str(label) for _code, label in widget.choices][:2])
    if isinstance(widget, w.BooleanWidget):
        return st.sampled_from(["ja", "nee", "", "Ja", "1", "0"])
    if isinstance(widget, w.IntegerWidget):
        return st.integers(0, 5000).map(str)
    if isinstance(widget, w.FloatWidget):
        return st.floats(0, 0.5).map(lambda x: str(round(x, 3)).replace(".", ","))
    if isinstance(widget, w.DateWidget):
        return st.dates(date(2000, 1, 1), date(2030, 12, 31)).map(date.isoformat)
    if isinstance(widget, w.TextWidget):
        return PLAIN_TEXT
    return st.sampled_from([""])


@st.composite
def valid_tables(draw, resource_class, max_rows: int = 4):
    """Every column, plausible values; now and then one cell goes wrong."""
    resource = resource_class()
    columns = [f.column_name for f in resource.get_import_fields() if not f.readonly]
    rows = []
    for _ in range(draw(st.integers(1, max_rows))):
        rows.append([draw(CELLS) if draw(st.integers(0, 39)) == 0 else draw(plausible(resource, c))
                     for c in columns])
    return columns, rows
