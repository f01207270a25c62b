"""Keep freed memory in a Monte Carlo worker instead of returning it to the kernel.

Every batch allocates the same few hundred MB of temporaries (arrays of dependencies x runs, the
hourly load per point). glibc serves blocks that large with ``mmap`` and unmaps them on free, so
each batch page-faults all of that memory in again, zero-filled by the kernel: about a third of a
batch's time on the country case went to system time. A worker process lives only as long as its
pool, so letting it keep its peak is harmless; the calling (web) process is left alone.
"""

from __future__ import annotations

import ctypes

# mallopt parameters from glibc's malloc.h
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_MAX = 32 * 1024 * 1024  # glibc refuses more on 64-bit (HEAP_MAX_SIZE / 2)


def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds for this process; False where there is no glibc."""
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this process already runs on
    except (OSError, AttributeError):  # no mallopt (macOS, Windows): nothing to tune
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    ok = mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX) == 1
    return bool(ok and mallopt(M_TRIM_THRESHOLD, 2**31 - 1) == 1)
