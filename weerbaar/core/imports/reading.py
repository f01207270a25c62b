"""Reading CSV and XLSX files ourselves, so every row keeps its file line number."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from weerbaar.core.imports.results import Problem
from weerbaar.core.imports.widgets import cell_text, shown

FORMATS = ("csv", "xlsx")
XLSX_MAX_EXPANSION = 20  # an xlsx may unpack to at most this many times IMPORT_MAX_BYTES

# --------------------------------------------------------------------------- reading files


@dataclass
class Table:
    header_line: int
    headers: list[str]
    rows: list[tuple[int, list]]  # (file line, cell values)


class FileRefused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def refuse(message: str, line: int | None = None, column: str | None = None):
    raise FileRefused(Problem(line, column, message))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def read_source(source) -> tuple[bytes, str | None]:
    """Bytes of the file and its name, refusing anything over IMPORT_MAX_BYTES unread."""
    limit = settings.IMPORT_MAX_BYTES
    too_big = _("Het bestand is te groot (%(size)s MB); de grens is %(limit)s MB.")

    def check(size):
        if size > limit:
            refuse(too_big % {"size": megabytes(size), "limit": megabytes(limit)})

    if isinstance(source, (bytes, bytearray)):
        check(len(source))
        return bytes(source), None
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            check(path.stat().st_size)
            return path.read_bytes(), path.name
        except OSError as error:
            refuse(_("Het bestand kan niet worden gelezen: %(reason)s") % {"reason": error.strerror})
    size = getattr(source, "size", None)
    if size is not None:
        check(size)
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read(limit + 1)
    check(len(data))
    return data, getattr(source, "name", None)


def guess_format(fmt: str | None, name: str | None, data: bytes) -> str:
    if fmt:
        wanted = str(fmt).strip().lower().lstrip(".")
        if wanted not in FORMATS:
            refuse(_("Onbekend bestandsformaat '%(format)s'. Kies csv of xlsx.")
                    % {"format": shown(fmt)})
        return wanted
    suffix = Path(name).suffix.lower().lstrip(".") if name else ""
    if suffix in FORMATS:
        return suffix
    return "xlsx" if data.startswith(b"PK\x03\x04") else "csv"


def parse_csv(data: bytes) -> Table:
    if data.startswith(b"PK\x03\x04"):
        refuse(_("Dit lijkt een Excel-bestand (.xlsx), geen CSV. Kies het formaat xlsx."))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        refuse(_("Dit is een oud Excel-bestand (.xls). Sla het op als .xlsx of als "
                  "'CSV UTF-8' en probeer het opnieuw."))
    if b"\x00" in data:  # UTF-16 text (Excel's "Unicode-tekst") or a binary file
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        refuse(_("Het bestand is geen UTF-8-tekst (het bevat nul-tekens: UTF-16 of een binair "
                  "bestand). Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en "
                  "probeer het opnieuw."), line=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        refuse(_("Het bestand is geen UTF-8-tekst (hier staat een onleesbaar teken). Sla het "
                  "in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en probeer het opnieuw."),
                line=line)
    if not text.strip():
        refuse(_("Het bestand is leeg."))
    first_line = text.lstrip("\r\n").splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header_line, headers, rows = None, None, []
    previous_end = 0
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if headers is None:
                header_line, headers = start, record
            else:
                rows.append((start, record))
    except csv.Error as error:
        line = previous_end + 1
        refuse(_("Deze regel is geen geldige CSV (%(reason)s). Is het wel een CSV-bestand?")
                % {"reason": error}, line=line)
    if headers is None:
        refuse(_("Het bestand is leeg."))
    return Table(header_line, headers, rows)


def parse_xlsx(data: bytes) -> Table:
    import openpyxl

    limit = settings.IMPORT_MAX_BYTES * XLSX_MAX_EXPANSION
    not_xlsx = _("Het bestand kan niet als Excel-werkmap (.xlsx) worden gelezen. Is het wel een "
                 ".xlsx-bestand? Kies anders het formaat csv.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > limit:
                refuse(_("De Excel-werkmap is uitgepakt te groot om te importeren."))
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except FileRefused:
        raise
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        refuse(not_xlsx)
    try:
        if not book.worksheets:
            refuse(_("De Excel-werkmap heeft geen werkbladen."))
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        header_line, headers, rows = None, None, []
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                values = list(values)
                if all(cell_text(v) == "" for v in values):
                    continue
                if headers is None:
                    header_line, headers = number, [cell_text(v) for v in values]
                else:
                    rows.append((number, values))
        except FileRefused:
            raise
        except Exception:
            refuse(not_xlsx)
    finally:
        book.close()
    if headers is None:
        refuse(_("Het eerste werkblad van de Excel-werkmap is leeg."))
    return Table(header_line, headers, rows)
