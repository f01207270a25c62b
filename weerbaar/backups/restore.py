"""`weerbaar restore FILE`: verify the whole archive, then replace the data in one transaction.

Nothing is touched until every checksum, the format version, the migration state and the
table list have been checked. The load itself runs in one transaction: it either completes,
row counts checked against the manifest, or leaves the database as it was.
"""

from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction

from weerbaar.backups.archive import Archive, ArchiveError, read_archive
from weerbaar.backups.tables import EXCLUDED, SCAFFOLD, applied_migrations, backup_models

BATCH = 500


class RestoreError(Exception):
    """The restore was refused or rolled back; the database is unchanged."""


def tables_with_rows() -> list[str]:
    """Tables holding data beyond what `migrate` creates itself."""
    return [model._meta.label_lower for model in backup_models()
            if model._meta.label_lower not in SCAFFOLD and model._base_manager.exists()]


def check_compatible(archive: Archive) -> None:
    here = applied_migrations()
    if not here:
        raise RestoreError("De database heeft nog geen tabellen. Voer eerst `weerbaar migrate` uit.")
    there = archive.manifest["migrations"]
    if here != there:
        only_archive = sorted({tuple(m) for m in there} - {tuple(m) for m in here})
        only_here = sorted({tuple(m) for m in here} - {tuple(m) for m in there})
        detail = []
        if only_archive:
            detail.append("alleen in de back-up: " + ", ".join(".".join(m) for m in only_archive[:5]))
        if only_here:
            detail.append("alleen in deze database: " + ", ".join(".".join(m) for m in only_here[:5]))
        raise RestoreError("De back-up hoort bij een andere versie van het databaseschema ("
                           + "; ".join(detail) + "). Herstel met dezelfde versie van Weerbaar "
                           "en voer daarna `weerbaar migrate` uit.")
    known = {model._meta.label_lower for model in backup_models()}
    unknown = sorted(entry["model"] for entry in archive.manifest["tables"] if entry["model"] not in known)
    if unknown:
        raise RestoreError(f"De back-up bevat tabellen die deze installatie niet kent: {', '.join(unknown)}.")


def flush_everything() -> None:
    """Empty every table the backup covers, and the sessions (nobody stays logged in)."""
    models = backup_models() + [apps.get_model(label) for label in EXCLUDED]
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with deferred checks pending in this transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def insert_raw(model, objects: list) -> None:
    """Insert rows exactly as stored: a raw insert (like loaddata) keeps auto_now dates and
    sends no signals, so no history or audit rows are added. The base manager is used because
    some managers (the audit trail's) refuse bulk writes on purpose."""
    fields = list(model._meta.local_concrete_fields)
    queryset = model._base_manager.using(connection.alias)
    size = min(BATCH, max(1, connection.ops.bulk_batch_size(fields, objects) or BATCH))
    for start in range(0, len(objects), size):
        queryset._insert(objects[start:start + size], fields=fields, using=connection.alias, raw=True)


def load_rows(archive: Archive) -> dict[str, int]:
    loaded = {}
    for entry in archive.manifest["tables"]:
        model = apps.get_model(entry["model"])
        rows = archive.rows[entry["member"]]
        objects = [item.object for item in serializers.deserialize("python", rows)]
        insert_raw(model, objects)
        loaded[entry["model"]] = model._base_manager.count()
    return loaded


def reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), backup_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def restore_backup(path: Path, replace: bool = False) -> dict[str, int]:
    """Restore the archive at path; return rows per table. Raises ArchiveError/RestoreError."""
    archive = read_archive(path)
    check_compatible(archive)
    if not replace:
        filled = tables_with_rows()
        if filled:
            raise RestoreError(
                f"De database is niet leeg ({len(filled)} tabellen met gegevens, bijvoorbeeld "
                f"{', '.join(filled[:3])}). Gebruik --replace om alles te vervangen.")
    try:
        with transaction.atomic():
            flush_everything()
            loaded = load_rows(archive)
            expected = {entry["model"]: entry["rows"] for entry in archive.manifest["tables"]}
            wrong = sorted(label for label, count in expected.items() if loaded.get(label) != count)
            if wrong:
                raise RestoreError(f"Na het laden klopt het aantal rijen niet voor {', '.join(wrong)}; "
                                   f"niets is veranderd.")
            reset_sequences()
    except (DatabaseError, DeserializationError) as exc:
        raise RestoreError(f"Herstel teruggedraaid, de database is niet veranderd: {exc}") from exc
    ContentType.objects.clear_cache()
    return loaded


__all__ = ["ArchiveError", "RestoreError", "restore_backup"]
