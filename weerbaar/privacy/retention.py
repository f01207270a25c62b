"""Retention: personal data is erased when it is no longer needed.

* A key figure: KEYFIGURE_RETENTION_DAYS days after ``ended_on`` (the end of the role).
* A key figure or key holder whose consent was withdrawn: at the first run on or after the
  withdrawal date (AVG art. 17 lid 1 sub b: no undue delay).

Key holders have no end date in the register; they leave through withdrawal or erasure.
Idempotent: an erased record is recognised and skipped, so a second run does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.network.models import KeyFigure
from weerbaar.privacy.registry import REGISTRY
from weerbaar.privacy.subjects import Subject, erase_subject, is_erased
from weerbaar.supportpoints.models import KeyHolder


@dataclass(frozen=True)
class Due:
    subject: Subject
    why: str


def due(today: date | None = None, days: int | None = None) -> list[Due]:
    today = today or timezone.localdate()
    days = settings.KEYFIGURE_RETENTION_DAYS if days is None else days
    figures, holders = REGISTRY["network.keyfigure"], REGISTRY["supportpoints.keyholder"]
    found: dict[tuple[str, int], Due] = {}
    ended = KeyFigure.objects.filter(ended_on__isnull=False, ended_on__lte=today - timedelta(days=days))
    for figure in ended.order_by("pk"):
        found[("kf", figure.pk)] = Due(Subject(figures, figure),
                                       f"rol beëindigd op {figure.ended_on}, bewaartermijn {days} dagen")
    for figure in KeyFigure.objects.filter(consent_withdrawal__withdrawn_on__lte=today).order_by("pk"):
        found.setdefault(("kf", figure.pk), Due(Subject(figures, figure), "toestemming ingetrokken"))
    for holder in KeyHolder.objects.filter(consent_withdrawal__withdrawn_on__lte=today).order_by("pk"):
        found[("kh", holder.pk)] = Due(Subject(holders, holder), "toestemming ingetrokken")
    return [item for item in found.values() if not is_erased(item.subject.obj)]


def apply(today: date | None = None, dry_run: bool = False) -> list[Due]:
    items = due(today)
    if not dry_run:
        for item in items:
            erase_subject(item.subject, Action.RETENTION, reason=item.why,
                          path="weerbaar apply-retention")
    return items
