"""``record()``: the one way an audit event is written.

Appends are serialised by locking the chain-head row (``select_for_update``): on PostgreSQL
a second writer waits until the first commits, so sequence numbers and links never fork. On
SQLite the database lock itself serialises writers. If recording fails the caller's action
fails too (fail closed): personal data is not shown without a trace.

Never pass personal values (names, phone numbers, addresses) in ``object_repr`` or
``reason``; describe the object by type and id (``describe``).
"""

from __future__ import annotations

import getpass

from django.db import transaction
from django.utils import timezone

from weerbaar.audit.chain import GENESIS, event_hash
from weerbaar.audit.models import AuditEvent, ChainHead

SYSTEM = "systeem"


def describe(obj) -> tuple[str, str, str]:
    """(object type, id, representation) without personal values: the model and its key."""
    meta = obj._meta
    return meta.label_lower, str(obj.pk), f"{meta.verbose_name} #{obj.pk}"


def _request_from_history():
    """The current request, as simple-history's middleware keeps it (None outside requests)."""
    from simple_history.models import HistoricalRecords

    return getattr(HistoricalRecords.context, "request", None)


def actor_of(user) -> tuple[str, int | None, str]:
    """(username, id, role) of a user; the system when there is none."""
    if user is None or not getattr(user, "is_authenticated", False):
        return f"{SYSTEM} ({_os_user()})", None, ""
    from weerbaar.accounts.models import role_of

    role = role_of(user) or ("beheerder" if user.is_superuser else "")
    return user.get_username(), user.pk, role


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no passwd entry in some containers
        return "onbekend"


def record(action: str, obj=None, *, request=None, user=None, reason: str = "",
           object_type: str = "", object_id: str = "", object_repr: str = "",
           path: str = "") -> AuditEvent:
    """Append one event. ``request`` (or the current request) gives actor and path unless
    ``user``/``path`` are given; ``obj`` gives type, id and a neutral representation."""
    request = request or _request_from_history()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if not path and request is not None:
        path = request.path
    if obj is not None:
        object_type, object_id, default_repr = describe(obj)
        object_repr = object_repr or default_repr
    username, user_id, role = actor_of(user)
    values = {
        "actor_username": username[:150], "actor_id": user_id, "role": role[:40],
        "action": action, "object_type": object_type[:100], "object_id": str(object_id)[:64],
        "object_repr": object_repr[:200], "reason": reason.strip()[:300], "path": path[:300],
    }
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"sequence": 0, "hash": GENESIS})
        values.update(sequence=head.sequence + 1, prev_hash=head.hash, timestamp=timezone.now())
        values["hash"] = event_hash(values)
        event = AuditEvent(**values)
        event.save()
        ChainHead.objects.filter(pk=1).update(sequence=event.sequence, hash=event.hash)
    return event
