"""CBS *Kerncijfers wijken en buurten* (KWB) through the ``cbsodata`` client: the figures per
buurt from which the vulnerability index is computed.

One StatLine table per year (table ids below). Column keys carry a number that changes from
year to year (``AantalInwoners_5``), so every column is found by its stem in the table's
``DataProperties`` (``AantalInwoners``), never by a hard-coded key.

Rules for what is not there:

* A stem that the year's table lacks is reported in ``KwbResult.missing`` and every record
  has ``None`` for it; the index then drops that indicator visibly (engine rule).
* A value CBS suppresses or has not yet published comes as ``None`` in the typed data set or
  as ``"."`` (with padding) in the untyped one: both become ``None`` (unknown, never 0).
* Text values are padded with spaces by CBS; they are stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

# StatLine tables "Kerncijfers wijken en buurten" by reference year (shared/data: 85039NED for
# 2021, 85618NED for 2023). Other years: pass the table id.
TABLES = {2021: "85039NED", 2023: "85618NED"}
DEFAULT_YEAR = 2023

# field -> column stem in the KWB tables
STEMS = {
    "code": "Codering",
    "region_kind": "SoortRegio",
    "municipality_name": "Gemeentenaam",
    "inhabitants": "AantalInwoners",
    "aged_65_plus": "k_65JaarOfOuder",
    "households": "HuishoudensTotaal",
    "single_person_households": "Eenpersoonshuishoudens",
    "low_income_percent": "HuishoudensMetEenLaagInkomen",
    "cars_per_household": "PersonenautoSPerHuishouden",
    "wmo_per_1000": "WmoClientenRelatief",
    "disability_benefits": "PersonenPerSoortUitkeringAO",
}
TEXT_FIELDS = {"code", "region_kind", "municipality_name"}
MISSING_MARKERS = {"", ".", "x", "-"}


class CbsKwbError(RuntimeError):
    """The table could not be read; the message says which table and why."""


@dataclass(frozen=True)
class KwbRecord:
    code: str
    name: str
    municipality_name: str
    inhabitants: float | None
    aged_65_plus: float | None
    households: float | None
    single_person_households: float | None
    low_income_percent: float | None
    cars_per_household: float | None
    wmo_per_1000: float | None
    disability_benefits: float | None


@dataclass
class KwbResult:
    table_id: str
    columns: dict[str, str]  # field -> the key found in this table
    missing: list[str]  # fields whose stem this table lacks
    records: list[KwbRecord] = field(default_factory=list)


def resolve_columns(properties: list[dict]) -> tuple[dict[str, str], list[str]]:
    """Map each field to the table's key for its stem (``AantalInwoners`` -> ``AantalInwoners_5``)."""
    keys = [p.get("Key", "") for p in properties if p.get("Key")]
    found, missing = {}, []
    for name, stem in STEMS.items():
        pattern = re.compile(rf"^{re.escape(stem)}(_\d+)?$")
        match = next((k for k in keys if pattern.match(k)), None)
        if match:
            found[name] = match
        else:
            missing.append(name)
    return found, missing


def clean_value(value, *, text: bool = False):
    """CBS value -> number/str, or None for suppressed or missing ('.', None, padding)."""
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        if text:
            return stripped
        if stripped in MISSING_MARKERS:
            return None
        try:
            return float(stripped)
        except ValueError:
            return None
    if text:
        return str(value).strip()
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CbsKwbError(f"CBS gaf {type(value).__name__} waar een getal hoort: {value!r:.60}")
    return float(value)


def parse_rows(rows: list[dict], columns: dict[str, str], *, geo_key: str = "WijkenEnBuurten",
               buurten_only: bool = True) -> list[KwbRecord]:
    """Rows of the (typed or untyped) data set -> records; only buurten unless told otherwise."""
    records = []
    for row in rows:
        values = {name: clean_value(row.get(key), text=name in TEXT_FIELDS)
                  for name, key in columns.items()}
        code = values.get("code") or clean_value(row.get(geo_key), text=True) or ""
        if buurten_only and not code.startswith("BU"):
            continue
        records.append(KwbRecord(
            code=code, name=clean_value(row.get(geo_key), text=True) or code,
            municipality_name=values.get("municipality_name") or "",
            **{name: values.get(name) for name in STEMS if name not in TEXT_FIELDS}))
    return records


def fetch(municipality_code: str, *, table_id: str | None = None, year: int = DEFAULT_YEAR,
          client=None) -> KwbResult:
    """Download the buurten of one municipality (``GMxxxx``) from CBS with cbsodata.

    ``client`` defaults to the ``cbsodata`` module; any object with ``get_meta`` and
    ``get_data`` of the same signature will do.
    """
    if not re.fullmatch(r"GM\d{4}", municipality_code or ""):
        raise CbsKwbError(f"{municipality_code!r} is geen CBS-gemeentecode (GMxxxx)")
    table_id = table_id or TABLES.get(year)
    if not table_id:
        raise CbsKwbError(f"geen KWB-tabel bekend voor {year}; geef de tabel-id op")
    if client is None:
        import cbsodata as client
    try:
        properties = client.get_meta(table_id, "DataProperties")
        columns, missing = resolve_columns(properties)
        if "code" not in columns:
            raise CbsKwbError(f"tabel {table_id}: kolom Codering ontbreekt; is dit een "
                              "KWB-tabel?")
        prefix = "BU" + municipality_code[2:]
        rows = client.get_data(table_id, filters=f"startswith(WijkenEnBuurten,'{prefix}')",
                               select=["WijkenEnBuurten", *columns.values()])
    except CbsKwbError:
        raise
    except Exception as exc:  # network, HTTP or JSON errors from the client
        raise CbsKwbError(f"tabel {table_id} niet opgehaald: {exc}") from exc
    records = [r for r in parse_rows(rows, columns) if r.code.startswith(prefix)]
    return KwbResult(table_id=table_id, columns=columns, missing=missing, records=records)


def _share(part: float | None, whole: float | None) -> float | None:
    if part is None or whole is None or whole <= 0:
        return None
    return part / whole


def indicator_table(records: list[KwbRecord]) -> pd.DataFrame:
    """The engine's input: one row per buurt code, the indicators of
    ``weerbaar.engines.vulnerability.DEFAULT_THEMES`` (NaN where unknown)."""
    rows = {}
    for r in records:
        rows[r.code] = {
            "share_65_plus": _share(r.aged_65_plus, r.inhabitants),
            "share_single_person": _share(r.single_person_households, r.households),
            "share_low_income": None if r.low_income_percent is None else r.low_income_percent / 100,
            "cars_per_household": r.cars_per_household,
            "wmo_per_1000": r.wmo_per_1000,
            "share_disability_benefit": _share(r.disability_benefits, r.inhabitants),
        }
    return pd.DataFrame.from_dict(rows, orient="index", dtype=float)
