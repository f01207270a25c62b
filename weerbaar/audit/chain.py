"""Hashing and verifying the audit chain: one canonical form, used for writing and checking."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64

# The fields that the hash covers, in this order (the JSON keys are sorted anyway).
HASHED_FIELDS = ("sequence", "timestamp", "actor_username", "actor_id", "role", "action",
                 "object_type", "object_id", "object_repr", "reason", "path", "prev_hash")


def _timestamp(value: datetime) -> str:
    """UTC with microseconds: both SQLite and PostgreSQL give back exactly this value."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(values: dict) -> bytes:
    data = {name: values[name] for name in HASHED_FIELDS}
    data["timestamp"] = _timestamp(data["timestamp"])
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def event_hash(values: dict) -> str:
    return hashlib.sha256(canonical(values)).hexdigest()


def values_of(event) -> dict:
    return {name: getattr(event, name) for name in HASHED_FIELDS}


@dataclass(frozen=True)
class Verdict:
    ok: bool
    count: int
    first_broken: int | None = None
    problem: str = ""
    head_hash: str = GENESIS


def verify(events, head: tuple[int, str] | None) -> Verdict:
    """Walk events in sequence order; the first event whose number, link or hash is wrong
    is reported. ``head`` is (sequence, hash) from the chain-head row, if any."""
    prev, expected, count = GENESIS, 1, 0
    for event in events:
        if event.sequence != expected:
            return Verdict(False, count, expected,
                           f"volgnummer {expected} ontbreekt (gevonden: {event.sequence})")
        if event.prev_hash != prev:
            return Verdict(False, count, event.sequence, "verwijzing naar vorige gebeurtenis klopt niet")
        if event_hash(values_of(event)) != event.hash:
            return Verdict(False, count, event.sequence, "inhoud past niet bij de hash (gewijzigd)")
        prev, expected, count = event.hash, expected + 1, count + 1
    if head is not None and (head[0], head[1]) != (count, prev):
        if head[0] > count:
            return Verdict(False, count, count + 1,
                           f"laatste gebeurtenissen ontbreken (kop staat op {head[0]})")
        return Verdict(False, count, head[0] + 1, "kop van de keten past niet bij de laatste gebeurtenis")
    return Verdict(True, count, head_hash=prev)
