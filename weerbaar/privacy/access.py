"""Audit hooks for the admin: views, lists, history and exports of personal-data models.

core.admin.RegisterAdmin calls these for every model in privacy.registry, so a new register
with personal data is audited as soon as it is declared.
"""

from __future__ import annotations

from weerbaar.audit.models import Action
from weerbaar.audit.services import record
from weerbaar.privacy.registry import processing_for, safe_repr


def is_personal(model) -> bool:
    return processing_for(model) is not None


def audit_object(request, obj, action: str = Action.VIEW, detail: str = "") -> None:
    if obj is not None and is_personal(obj):
        text = safe_repr(obj) + (f" — {detail}" if detail else "")
        record(action, obj, request=request, object_repr=text)


def audit_many(request, model, action: str, count: int, detail: str = "") -> None:
    if is_personal(model):
        meta = model._meta
        text = f"{meta.verbose_name_plural} ({count} records)" + (f" — {detail}" if detail else "")
        record(action, request=request, object_type=meta.label_lower, object_repr=text)
