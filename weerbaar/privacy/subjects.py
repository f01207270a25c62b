"""Subject access (AVG art. 15) and erasure (art. 17) for one person, everywhere.

A person is found by the name field of each registry model that names people (key
figures, key holders, staff accounts), or by a key figure's or key holder's id. Export
collects the record, its change history, the admin log lines and the audit events about
it. Erasure blanks every personal field in the record and in all its history rows, neutralises
the admin log text, and writes one audit event that holds no personal value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from weerbaar.audit.models import Action, AuditEvent
from weerbaar.audit.services import record
from weerbaar.privacy.registry import REGISTRY, Processing, processing_for, safe_repr

ERASABLE = ("network.keyfigure", "supportpoints.keyholder")


@dataclass(frozen=True)
class Subject:
    entry: Processing
    obj: models.Model

    @property
    def label(self) -> str:
        return self.entry.label


def find_subjects(person: str | None = None, key_figure: int | None = None,
                  key_holder: int | None = None) -> list[Subject]:
    found: list[Subject] = []
    if key_figure is not None:
        entry = REGISTRY["network.keyfigure"]
        found += [Subject(entry, o) for o in entry.model.objects.filter(pk=key_figure)]
    if key_holder is not None:
        entry = REGISTRY["supportpoints.keyholder"]
        found += [Subject(entry, o) for o in entry.model.objects.filter(pk=key_holder)]
    if person:
        for entry in REGISTRY.values():
            if entry.name_field:
                query = entry.model.objects.filter(**{f"{entry.name_field}__iexact": person.strip()})
                found += [Subject(entry, o) for o in query.order_by("pk")]
    return found


def _value(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _row(obj) -> dict:
    return {f.attname: _value(getattr(obj, f.attname)) for f in obj._meta.concrete_fields
            if f.attname != "password"}


def _history(obj):
    manager = getattr(obj._meta.model, "history", None)
    if manager is None or not hasattr(obj._meta, "simple_history_manager_attribute"):
        return None
    return manager.model.objects.filter(**{obj._meta.pk.attname: obj.pk})


def _admin_log(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return LogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk))


def _events_about(subject: Subject):
    about = AuditEvent.objects.filter(object_type=subject.label, object_id=str(subject.obj.pk))
    if subject.label == "auth.user":
        about = about | AuditEvent.objects.filter(actor_id=subject.obj.pk)
    return about.order_by("sequence")


def export_subject(subject: Subject) -> dict:
    history = _history(subject.obj)
    return {
        "type": subject.label,
        "id": subject.obj.pk,
        "purpose": subject.entry.purpose,
        "legal_basis": subject.entry.legal_basis,
        "retention": subject.entry.retention,
        "recipients": subject.entry.recipients,
        "record": _row(subject.obj),
        "history": [_row(row) for row in history.order_by("history_date")] if history is not None else [],
        "admin_log": [{"action_time": _value(e.action_time), "user_id": e.user_id,
                       "object_repr": e.object_repr, "change_message": e.change_message}
                      for e in _admin_log(subject.obj).order_by("action_time")],
        "audit_events": [{"sequence": e.sequence, "timestamp": _value(e.timestamp),
                          "actor": e.actor_username, "role": e.role, "action": e.action,
                          "object": e.object_repr, "reason": e.reason, "path": e.path}
                         for e in _events_about(subject)],
    }


def export_people(subjects: list[Subject], reason: str, query: str, user=None) -> dict:
    """The subject-access file; each export is recorded (without the person's values)."""
    data = {"generated_at": timezone.now().isoformat(), "query": query,
            "records": [export_subject(s) for s in subjects]}
    for subject in subjects:
        record(Action.SUBJECT_EXPORT, subject.obj, user=user, reason=reason,
               object_repr=safe_repr(subject.obj), path="weerbaar privacy export")
    return data


def erased_name(obj) -> str:
    return f"Gewist #{obj.pk}"


def is_erased(obj) -> bool:
    entry = processing_for(obj)
    return bool(entry and entry.name_field and getattr(obj, entry.name_field) == erased_name(obj))


def _blank(obj, entry: Processing) -> dict:
    values = {}
    for name in entry.personal_fields:
        field = obj._meta.get_field(name)
        values[name] = None if field.null else ""
    if entry.name_field:
        values[entry.name_field] = erased_name(obj)
    return values


@transaction.atomic
def erase_subject(subject: Subject, action: str, reason: str, user=None, path: str = "") -> None:
    """Blank the person's values in the record, its history and the admin log; record it.

    Key figures are kept without personal data (the programme still counts ended roles);
    key holders are removed after blanking, so their deletion's history row is blank too.
    Writes go through queryset.update(): no new history row with the old values appears.
    """
    obj, entry = subject.obj, subject.entry
    if subject.label not in ERASABLE:
        raise ValueError(f"{subject.label}: wissen gaat via de beheerder (account of register)")
    model = type(obj)
    values = _blank(obj, entry)
    extra = {}
    if subject.label == "network.keyfigure":
        extra = {"is_active": False, "ended_on": obj.ended_on or timezone.localdate()}
    model.objects.filter(pk=obj.pk).update(**values, **extra)
    history = _history(obj)
    if history is not None:
        history.update(**values, history_change_reason=None)
    _admin_log(obj).update(object_repr=safe_repr(obj))
    record(action, obj, user=user, reason=reason, object_repr=safe_repr(obj), path=path)
    if subject.label == "supportpoints.keyholder":
        model.objects.get(pk=obj.pk).delete()
