"""The backup archive: a gzip'ed tar with manifest.json and one JSON file per table.

The manifest names the format version, the applied migrations and, per table, the member,
its row count and SHA-256. Reading verifies everything before anything is used, so a
damaged or truncated archive is refused as a whole.
"""

import hashlib
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path

FORMAT = "weerbaar-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"


class ArchiveError(Exception):
    """The archive cannot be used; the message says why, in Dutch, for the operator."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_archive(path: Path, manifest: dict, members: dict[str, bytes]) -> None:
    """Write to a temporary name and rename, so a crash never leaves a half archive at path."""
    partial = path.with_name(path.name + ".partial")
    with tarfile.open(partial, "w:gz") as tar:
        for name, data in [(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode()),
                           *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
    partial.replace(path)


@dataclass
class Archive:
    manifest: dict
    rows: dict[str, list]  # member name -> the table's serialized rows


def read_archive(path: Path) -> Archive:
    """Open, read and verify every member; raise ArchiveError naming the first problem."""
    if not path.is_file():
        raise ArchiveError(f"{path}: bestand bestaat niet.")
    members: dict[str, bytes] = {}
    try:
        with tarfile.open(path, "r:gz") as tar:
            for info in tar:
                if not info.isfile():
                    raise ArchiveError(f"{path}: onverwacht onderdeel '{info.name}' (geen bestand).")
                handle = tar.extractfile(info)
                members[info.name] = handle.read() if handle else b""
    except ArchiveError:
        raise
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise ArchiveError(f"{path}: het archief is beschadigd of onvolledig ({exc}).") from exc
    if MANIFEST not in members:
        raise ArchiveError(f"{path}: {MANIFEST} ontbreekt; dit is geen Weerbaar-back-up.")
    try:
        manifest = json.loads(members.pop(MANIFEST))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArchiveError(f"{path}: {MANIFEST} is geen geldige JSON ({exc}).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"{path}: dit is geen Weerbaar-back-up (veld 'format' ontbreekt of klopt niet).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            f"{path}: formaatversie {manifest.get('format_version')!r} wordt niet ondersteund; "
            f"deze versie van Weerbaar leest formaatversie {FORMAT_VERSION}.")
    listed = {entry["member"]: entry for entry in manifest.get("tables", [])}
    missing = sorted(set(listed) - set(members))
    if missing:
        raise ArchiveError(f"{path}: onderdeel {missing[0]} staat in het manifest maar ontbreekt "
                           f"(archief onvolledig).")
    extra = sorted(set(members) - set(listed))
    if extra:
        raise ArchiveError(f"{path}: onderdeel {extra[0]} staat niet in het manifest.")
    parsed: dict[str, list] = {}
    for name, entry in listed.items():
        if sha256(members[name]) != entry["sha256"]:
            raise ArchiveError(f"{path}: controlegetal (SHA-256) van {name} klopt niet; "
                               f"het archief is beschadigd.")
        try:
            rows = json.loads(members[name])
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ArchiveError(f"{path}: {name} is geen geldige JSON ({exc}).") from exc
        if not isinstance(rows, list) or len(rows) != entry["rows"]:
            raise ArchiveError(f"{path}: {name} heeft niet de {entry['rows']} rijen uit het manifest.")
        parsed[name] = rows
    return Archive(manifest=manifest, rows=parsed)
