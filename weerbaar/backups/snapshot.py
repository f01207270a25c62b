"""`weerbaar backup FILE`: one consistent snapshot of the database in one archive."""

import datetime as dt
import json
from contextlib import contextmanager
from pathlib import Path

import django
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from weerbaar.backups.archive import FORMAT, FORMAT_VERSION, sha256, write_archive
from weerbaar.backups.tables import applied_migrations, backup_models, local_fields


class ExactEncoder(DjangoJSONEncoder):
    """Like Django's encoder, but datetimes and times keep their microseconds (Django's JSON
    serializer cuts them to milliseconds, which would change hash-chained audit events)."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


@contextmanager
def consistent_snapshot():
    """One read transaction; on PostgreSQL REPEATABLE READ, so every table is seen at one moment.

    SQLite gives the same within a transaction (readers see one state of the file). Inside an
    outer transaction (tests) the isolation level is already fixed and is left alone.
    """
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def create_backup(path: Path) -> dict:
    """Write the archive to path and return its manifest."""
    members: dict[str, bytes] = {}
    tables = []
    with consistent_snapshot():
        migrations = applied_migrations()
        for model in backup_models():
            queryset = model._base_manager.order_by("pk")
            rows = serializers.serialize("python", queryset, fields=local_fields(model))
            data = json.dumps(rows, cls=ExactEncoder, ensure_ascii=False).encode()
            label = model._meta.label_lower
            member = f"data/{label}.json"
            members[member] = data
            tables.append({"model": label, "member": member, "rows": queryset.count(),
                           "sha256": sha256(data), "bytes": len(data)})
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "django_version": django.get_version(),
        "database_vendor": connection.vendor,
        "migrations": migrations,
        "tables": tables,
    }
    write_archive(path, manifest, members)
    return manifest
