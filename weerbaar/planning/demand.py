"""Demand points from the CBS square statistics (*Kaart van 100 meter bij 100 meter* and the
500 m map), read from CSV or from CBS's GeoPackage without GDAL.

The real format: one row per square, the square's code in ``crs28992res100m`` (or
``crs28992res500m``; older files ``c28992r100``), built from the lower-left corner in whole
hectometres, four digits each: ``E1625N4120`` is the square from x = 162,500, y = 412,000
(RD New). Counts are rounded by CBS; a count that is kept secret is published as the negative
sentinel -99997 (and "not available" as -99998 and the like: every value at or below -99990 is
a sentinel). Column names are matched without case and underscores, so ``aantal_inwoners`` and
the newer ``aantalInwoners`` both work.

Rule for suppressed inhabitant counts: the square is kept (its location is real) with the
weight ``suppressed_weight`` (default 0, as nothing is known), and the number of such squares
is reported so a page can say how many were hidden.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.utils.translation import gettext as _

SENTINEL_AT_OR_BELOW = -99990
SECRET = -99997
CODE_RE = re.compile(r"^E(\d{4})N(\d{4})$")
ID_COLUMNS = {"crs28992res100m": 100, "crs28992res500m": 500, "c28992r100": 100, "c28992r500": 500}
INHABITANTS = "aantalinwoners"
AGED_65 = "aantalinwoners65jaarenouder"


class GridFormatError(ValueError):
    """The file is not a CBS square-statistics file; the message names file, line and column."""


@dataclass(frozen=True)
class GridDemand:
    ids: tuple[str, ...]
    xy: np.ndarray  # (n, 2) square centres in RD New metres
    inhabitants: np.ndarray  # (n,) float; suppressed squares carry suppressed_weight
    aged_65_plus: np.ndarray  # (n,) float, NaN where unknown or suppressed
    resolution: int  # 100 or 500 metres
    suppressed: int  # squares whose inhabitant count CBS kept secret
    source: str

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def total(self) -> float:
        return float(self.inhabitants.sum())


def _norm(name: str) -> str:
    return name.strip().lower().replace("_", "").replace(" ", "")


def square_centre(code: str, resolution: int) -> tuple[float, float]:
    """The centre (x, y) of a square from its CBS code; ValueError when it is no code."""
    match = CODE_RE.match(code.strip())
    if not match:
        raise ValueError(code)
    x0, y0 = int(match.group(1)) * 100, int(match.group(2)) * 100
    if x0 % resolution or y0 % resolution:
        raise ValueError(code)
    return x0 + resolution / 2, y0 + resolution / 2


class _Builder:
    """Collects rows and turns a bad value into a GridFormatError naming where it is."""

    def __init__(self, source: str, header: list[str], suppressed_weight: float):
        self.source = source
        self.suppressed_weight = suppressed_weight
        normal = [_norm(h) for h in header]
        ids = [(i, ID_COLUMNS[n]) for i, n in enumerate(normal) if n in ID_COLUMNS]
        if not ids:
            raise GridFormatError(_(
                "%(file)s: kolom met de vierkantcode ontbreekt (verwacht crs28992res100m of "
                "crs28992res500m); gevonden: %(found)s") % {
                "file": source, "found": ", ".join(header) or _("geen kolommen")})
        if INHABITANTS not in normal:
            raise GridFormatError(_("%(file)s: kolom aantal_inwoners ontbreekt; gevonden: "
                                    "%(found)s") % {"file": source, "found": ", ".join(header)})
        self.id_index, self.resolution = ids[0]
        self.id_name = header[self.id_index]
        self.inh_index = normal.index(INHABITANTS)
        self.inh_name = header[self.inh_index]
        self.old_index = normal.index(AGED_65) if AGED_65 in normal else None
        self.ids, self.xy, self.inh, self.old, self.seen = [], [], [], [], {}
        self.suppressed = 0

    def _count(self, raw, where: str, column: str) -> float | None:
        """A non-negative count, None for a sentinel; anything else is an error."""
        if raw is None or (isinstance(raw, str) and raw.strip() == ""):
            return None
        try:
            value = float(str(raw).strip().replace(",", ".")) if isinstance(raw, str) else float(raw)
        except ValueError:
            raise GridFormatError(_("%(where)s, kolom %(column)s: %(value)r is geen getal") % {
                "where": where, "column": column, "value": raw}) from None
        if value <= SENTINEL_AT_OR_BELOW:
            return None
        if value < 0 or not np.isfinite(value):
            raise GridFormatError(_("%(where)s, kolom %(column)s: %(value)s kan geen aantal "
                                    "zijn") % {"where": where, "column": column, "value": raw})
        return value

    def add(self, where: str, code, inhabitants, aged_65, centre: tuple[float, float] | None = None):
        code = str(code or "").strip()
        try:
            xy = square_centre(code, self.resolution)
        except ValueError:
            raise GridFormatError(_(
                "%(where)s, kolom %(column)s: %(value)r is geen vierkantcode van %(res)s m "
                "(zoals E1625N4120)") % {"where": where, "column": self.id_name, "value": code,
                                         "res": self.resolution}) from None
        if code in self.seen:
            raise GridFormatError(_("%(where)s: vierkant %(code)s staat er al (%(first)s)") % {
                "where": where, "code": code, "first": self.seen[code]})
        self.seen[code] = where
        count = self._count(inhabitants, where, self.inh_name)
        if count is None:
            self.suppressed += 1
            count = self.suppressed_weight
        old = self._count(aged_65, where, "aantal_inwoners_65_jaar_en_ouder") \
            if self.old_index is not None else None
        self.ids.append(code)
        self.xy.append(centre or xy)
        self.inh.append(count)
        self.old.append(np.nan if old is None else old)

    def build(self) -> GridDemand:
        if not self.ids:
            raise GridFormatError(_("%(file)s: geen vierkanten gevonden") % {"file": self.source})
        return GridDemand(
            ids=tuple(self.ids), xy=np.asarray(self.xy, dtype=float).reshape(-1, 2),
            inhabitants=np.asarray(self.inh, dtype=float), aged_65_plus=np.asarray(self.old, dtype=float),
            resolution=self.resolution, suppressed=self.suppressed, source=self.source)


def read_grid_csv(data: str | bytes | Path, *, name: str | None = None,
                  suppressed_weight: float = 0.0) -> GridDemand:
    """Read a square-statistics CSV (comma or semicolon separated, UTF-8)."""
    if isinstance(data, Path):
        name = name or data.name
        data = data.read_bytes()
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GridFormatError(_("%(file)s: geen UTF-8-tekst (byte %(pos)s)") % {
                "file": name or "CSV", "pos": exc.start}) from None
    source = name or "CSV"
    if not data.strip():
        raise GridFormatError(_("%(file)s: het bestand is leeg") % {"file": source})
    first = data.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(data), delimiter=delimiter)
    header = next(reader)
    builder = _Builder(source, header, suppressed_weight)
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = _("%(file)s regel %(line)s") % {"file": source, "line": line}
        if len(row) != len(header):
            raise GridFormatError(_("%(where)s: %(got)s kolommen, de kop heeft er %(want)s") % {
                "where": where, "got": len(row), "want": len(header)})
        builder.add(where, row[builder.id_index], row[builder.inh_index],
                    row[builder.old_index] if builder.old_index is not None else None)
    return builder.build()


ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_geometry(blob: bytes):
    """A shapely geometry from a GeoPackage geometry blob (header + WKB); None when empty."""
    from shapely import wkb

    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("no GeoPackage geometry")
    flags = blob[3]
    envelope = (flags >> 1) & 0b111
    if envelope not in ENVELOPE_BYTES:
        raise ValueError(f"envelope code {envelope}")
    if (flags >> 4) & 1:
        return None
    return wkb.loads(bytes(blob[8 + ENVELOPE_BYTES[envelope]:]))


def gpkg_srs_id(blob: bytes) -> int:
    return struct.unpack("<i" if blob[3] & 1 else ">i", blob[4:8])[0]


def read_grid_gpkg(path: Path, *, suppressed_weight: float = 0.0) -> GridDemand:
    """Read CBS's GeoPackage (sqlite3 + shapely, no GDAL); square centres come from the
    geometry, which must be in RD New (EPSG:28992)."""
    path = Path(path)
    source = path.name
    if not path.exists() or path.stat().st_size == 0:
        raise GridFormatError(_("%(file)s: het bestand is leeg of ontbreekt") % {"file": source})
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise GridFormatError(f"{source}: {exc}") from None
    try:
        try:
            tables = con.execute(
                "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
                "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
                "WHERE c.data_type = 'features'").fetchall()
        except sqlite3.DatabaseError:
            raise GridFormatError(_("%(file)s: geen GeoPackage (tabel gpkg_contents ontbreekt)")
                                  % {"file": source}) from None
        if not tables:
            raise GridFormatError(_("%(file)s: de GeoPackage bevat geen laag met vierkanten")
                                  % {"file": source})
        last_error = None
        for table, geom_col, srs_id in tables:
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            try:
                builder = _Builder(f"{source} ({table})", columns, suppressed_weight)
            except GridFormatError as exc:
                last_error = exc
                continue
            if srs_id != 28992:
                raise GridFormatError(_("%(file)s laag %(table)s: coördinatenstelsel EPSG:%(srs)s, "
                                        "verwacht EPSG:28992 (RD New)") % {
                    "file": source, "table": table, "srs": srs_id})
            gi = columns.index(geom_col)
            for number, row in enumerate(con.execute(f'SELECT * FROM "{table}"'), start=1):
                where = _("%(file)s laag %(table)s rij %(row)s") % {
                    "file": source, "table": table, "row": number}
                centre = None
                if row[gi] is not None:
                    try:
                        geometry = gpkg_geometry(row[gi])
                    except Exception:  # noqa: BLE001 - any decoding problem is a format error
                        raise GridFormatError(_("%(where)s, kolom %(column)s: geometrie niet te "
                                                "lezen") % {"where": where, "column": geom_col}) from None
                    if geometry is not None and not geometry.is_empty:
                        c = geometry.centroid
                        centre = (float(c.x), float(c.y))
                builder.add(where, row[builder.id_index], row[builder.inh_index],
                            row[builder.old_index] if builder.old_index is not None else None,
                            centre)
            return builder.build()
        raise last_error
    finally:
        con.close()


def read_grid(path: Path, **kwargs) -> GridDemand:
    """CSV or GeoPackage, by the file's extension."""
    path = Path(path)
    if path.suffix.lower() == ".gpkg":
        return read_grid_gpkg(path, **kwargs)
    if path.suffix.lower() in (".csv", ".txt"):
        return read_grid_csv(path, **kwargs)
    raise GridFormatError(_("%(file)s: onbekend bestandstype; gebruik .csv of .gpkg") % {
        "file": path.name})
