"""Which tables a backup holds: every concrete model of every app, m2m tables included.

Sessions are left out on purpose: a restore must not bring back anyone's login. Content
types and permissions are kept with their ids, so every reference to them stays valid.
"""

from django.apps import apps
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

EXCLUDED = {"sessions.session"}
# Rows `migrate` itself creates: an otherwise empty database may hold these.
SCAFFOLD = {"contenttypes.contenttype", "auth.permission", "auth.group", "auth.group_permissions"}


def backup_models() -> list[type[Model]]:
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped or meta.label_lower in EXCLUDED:
            continue
        found.append(model)
    return sorted(found, key=lambda model: model._meta.label_lower)


def local_fields(model: type[Model]) -> list[str]:
    """Concrete columns of the model's own table; m2m tables are saved as tables of their own."""
    return [field.name for field in model._meta.local_concrete_fields if not field.primary_key]


def applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted([app, name] for app, name in recorder.applied_migrations())
