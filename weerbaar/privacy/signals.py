"""Every create, change and delete of a model that holds personal data is audited.

Plain post_save/post_delete receivers for each model in the privacy registry (not
simple-history's signal: a few personal-data models may lack history, and history's own
rows are not the record of truth). The actor and path come from the current request (kept
by simple-history's middleware) or are the system for commands.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from weerbaar.audit.models import Action
from weerbaar.audit.services import record
from weerbaar.privacy.registry import REGISTRY, safe_repr


def _saved(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:  # loaddata: the backup restore, not a change by a person
        return
    if kwargs.get("update_fields") and set(kwargs["update_fields"]) <= {"last_login"}:
        return  # a login, recorded as such by the audit app
    record(Action.CREATE if created else Action.CHANGE, instance, object_repr=safe_repr(instance))


def _deleted(sender, instance, **kwargs) -> None:
    record(Action.DELETE, instance, object_repr=safe_repr(instance))


def connect() -> None:
    for label, entry in REGISTRY.items():
        if not entry.audit_changes:
            continue
        model = apps.get_model(label)
        post_save.connect(_saved, sender=model, dispatch_uid=f"privacy-save-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"privacy-delete-{label}")
