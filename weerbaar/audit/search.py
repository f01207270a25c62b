"""Filtering the audit trail for the privacy officer: by person or object, actor, action and
date range. A person's name is never stored in the trail, so a name is first resolved to
the records (key figures, key holders, accounts) that carry it now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone

from weerbaar.audit.models import Action, AuditEvent


@dataclass
class Filters:
    person: str = ""
    object_type: str = ""
    object_id: str = ""
    actor: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def person_objects(name: str) -> Q:
    """Events about every record whose person-name field contains ``name``."""
    from weerbaar.privacy.registry import REGISTRY

    condition = Q(pk__in=[])
    for entry in REGISTRY.values():
        if not entry.name_field:
            continue
        ids = [str(pk) for pk in entry.model.objects.filter(
            **{f"{entry.name_field}__icontains": name}).values_list("pk", flat=True)[:500]]
        if ids:
            condition |= Q(object_type=entry.label, object_id__in=ids)
    return condition


def filtered(filters: Filters):
    events = AuditEvent.objects.all()
    if filters.person:
        events = events.filter(person_objects(filters.person))
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_id:
        events = events.filter(object_id=filters.object_id)
    if filters.actor:
        events = events.filter(actor_username__icontains=filters.actor)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.since:
        events = events.filter(timestamp__gte=_day_start(filters.since))
    if filters.until:
        events = events.filter(timestamp__lt=_day_start(filters.until) + timezone.timedelta(days=1))
    return events.order_by("-sequence")


ACTIONS = Action.choices
