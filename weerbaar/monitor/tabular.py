"""Read a respondent file (CSV, XLSX or SPSS .sav) into columns, for the analysts' CLI.

R's conventions where analysts expect them: "NA" and empty cells are missing. SPSS value
labels are kept beside the codes, so a design file may name either.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from weerbaar.engines.survey import SurveyInputError

SUFFIXES = (".csv", ".txt", ".xlsx", ".sav")


def read_columns(path: Path) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """(columns, labelled columns) of a data file; raises SurveyInputError on a bad file."""
    path = Path(path)
    if not path.exists():
        raise SurveyInputError(f"{path.name}: bestand niet gevonden")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SurveyInputError(f"{path.name}: kies een .csv-, .xlsx- of .sav-bestand")
    if path.stat().st_size == 0:
        raise SurveyInputError(f"{path.name}: het bestand is leeg")
    labelled: dict[str, np.ndarray] = {}
    try:
        if suffix == ".sav":
            frame, labelled = _read_sav(path)
        elif suffix == ".xlsx":
            frame = pd.read_excel(path, engine="openpyxl")
        else:
            frame = _read_csv(path)
    except SurveyInputError:
        raise
    except (UnicodeDecodeError, pd.errors.ParserError, ValueError, OSError, KeyError) as exc:
        raise SurveyInputError(f"{path.name}: niet te lezen als {suffix[1:]}-bestand ({exc})") from None
    except Exception as exc:  # readers of binary formats raise their own exception types
        raise SurveyInputError(f"{path.name}: niet te lezen als {suffix[1:]}-bestand "
                               f"({type(exc).__name__}: {exc})") from None
    if frame.empty:
        raise SurveyInputError(f"{path.name}: geen respondenten (alleen een kopregel of niets)")
    duplicates = frame.columns[frame.columns.duplicated()].tolist()
    if duplicates:
        raise SurveyInputError(f"{path.name}: kolom(men) dubbel: {', '.join(map(str, duplicates))}")
    columns = {str(name): _column(frame[name]) for name in frame.columns}
    return columns, labelled


def _read_csv(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()[:4096]
    if b"\x00" in raw:
        raise SurveyInputError(f"{path.name}: dit is geen tekstbestand (CSV)")
    text = raw.decode("utf-8-sig", errors="strict") if raw else ""
    try:
        delimiter = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", ",;\t").delimiter
    except csv.Error:
        delimiter = ","
    return pd.read_csv(path, sep=delimiter, encoding="utf-8-sig", na_values=["NA"],
                       keep_default_na=True)


def _read_sav(path: Path) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    import pyreadstat

    frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
    labelled = {}
    for name, labels in (meta.variable_value_labels or {}).items():
        labelled[name] = np.array([labels.get(v, v) for v in frame[name]], dtype=object)
    return frame, labelled


def _column(series: pd.Series) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series.to_numpy(dtype=float, na_value=np.nan)
    return np.array([None if pd.isna(v) else v for v in series], dtype=object)
