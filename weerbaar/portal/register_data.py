"""Register rows that every visitor of the public portal sees alike, kept between requests.

The find page needs the same rows for every visitor (the municipality, its kernen and PC4s,
its support points); only the visitor's location differs, and that is never kept. The rows are
kept in this process for PORTAL_CACHE_SECONDS at most, the staleness the cached public pages
already have, and dropped at once when a municipality, kern or support point is saved or
deleted: the receivers (connected in PortalConfig.ready) delete the version token from the
cache, so every process sharing that cache sees a new token. With the default per-process
cache another worker notices within PORTAL_CACHE_SECONDS. Bulk updates send no signal and also
show within that time.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

PUBLIC_DATA_VERSION_KEY = "portal:public-register-data-version"
_kept: dict[tuple, tuple[str, float, object]] = {}
_kept_lock = threading.Lock()


def public_data_version() -> str:
    """A token that changes whenever public register data changes (or the cache is emptied)."""
    version = cache.get(PUBLIC_DATA_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(PUBLIC_DATA_VERSION_KEY, version, None):
            version = cache.get(PUBLIC_DATA_VERSION_KEY) or version
    return version


def public_data_changed(**_kwargs) -> None:
    cache.delete(PUBLIC_DATA_VERSION_KEY)


def connect_signals() -> None:
    from weerbaar.places.models import Community, Municipality
    from weerbaar.supportpoints.models import SupportPoint

    for model in (Municipality, Community, SupportPoint):
        label = model._meta.label_lower
        post_save.connect(public_data_changed, sender=model, dispatch_uid=f"public-data-save-{label}")
        post_delete.connect(public_data_changed, sender=model,
                            dispatch_uid=f"public-data-delete-{label}")


def public_register_data(key: tuple, build: Callable[[], T], version: str | None = None) -> T:
    """``build()``, kept under ``key`` until public register data changes or
    PORTAL_CACHE_SECONDS pass. Only for data that is the same for every visitor: ``key`` and
    the result must never hold anything a visitor typed. PORTAL_CACHE_SECONDS=0 keeps nothing.
    ``version``: public_data_version() as the caller read it before, if it did.
    """
    seconds = settings.PORTAL_CACHE_SECONDS
    if seconds <= 0:
        return build()
    version, now = version or public_data_version(), time.monotonic()
    kept = _kept.get(key)
    if kept is not None and kept[0] == version and kept[1] > now:
        return kept[2]
    value = build()
    with _kept_lock:
        _kept[key] = (version, now + seconds, value)
    return value
