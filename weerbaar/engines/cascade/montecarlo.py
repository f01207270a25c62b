"""Monte Carlo batches: the same batches, with the same seeds, in this process, local processes or Dask.

Runs are cut into batches of ``BATCH`` runs whatever the executor, and batch b draws from
SeedSequence([seed, b]); so a seed gives identical results serially, in a process pool or on a cluster.
Inside a batch all runs are computed at once as arrays of shape (runs, ...).
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from . import households, sampling, support_points
from .cascade import cascade_times
from .compile import Compiled
from .memory import keep_freed_memory
from .states import onset

BATCH = 25


@dataclass
class BatchOut:
    F: np.ndarray  # (n, nodes) float32
    R: np.ndarray
    effects: np.ndarray  # (n, effects)
    series: dict[str, np.ndarray]  # (n, groups, hours + 1)
    close: np.ndarray  # (n, points)
    load: np.ndarray  # (n, points, hours + 1) float32
    unserved: np.ndarray  # (n, hours + 1)
    vulnerable: np.ndarray  # (n, sites)
    kf_phone: np.ndarray
    kf_in_person: np.ndarray
    iterations: int


def draw(c: Compiled, seed: int, batch: int, n: int, runs: int) -> np.ndarray:
    """Samples (n, columns) of every uncertain quantity; a single run takes every median."""
    cols = len(c.dist_table)
    if runs == 1:
        u = np.full((n, cols), 0.5)
    else:
        u = np.random.default_rng(np.random.SeedSequence([seed, batch])).random((n, cols))
    return sampling.ppf(c.dist_table, u) if cols else np.zeros((n, 0))


def run_batch(c: Compiled, seed: int, batch: int, n: int, runs: int) -> BatchOut:
    samples = draw(c, seed, batch, n, runs)
    t = cascade_times(c, samples)
    effects = c.scenario.effects.values()
    eff = np.stack([onset(c, t, e.when) for e in effects], axis=1) if effects else np.zeros((n, 0))
    ser = households.series(c, t, samples)
    close = support_points.close_times(c, t, samples)
    load, unserved = support_points.demand(c, close, ser)
    phone, person = households.key_figures(c, t)
    keep = {k: v for k, v in ser.items() if not k.startswith("demand_")}
    return BatchOut(
        t.F.astype(np.float32),
        t.R.astype(np.float32),
        eff,
        keep,
        close,
        load,
        unserved,
        households.vulnerable_backup_end(c, t, samples),
        phone,
        person,
        t.iterations,
    )


_WORKER: Compiled | None = None


def _init(c: Compiled) -> None:
    global _WORKER
    _WORKER = c
    keep_freed_memory()


def _run_in_worker(args: tuple[int, int, int, int]) -> BatchOut:
    assert _WORKER is not None
    return run_batch(_WORKER, *args)


def batches(runs: int) -> list[tuple[int, int]]:
    return [(b, min(BATCH, runs - b * BATCH)) for b in range((runs + BATCH - 1) // BATCH)]


def run_all(c: Compiled, runs: int, seed: int, client=None, processes: int | None = None) -> list[BatchOut]:
    """All batches in order. ``client``: a dask.distributed Client; ``processes``: local pool size."""
    jobs = [(seed, b, n, runs) for b, n in batches(runs)]
    if client is not None:
        shared = client.scatter(c, broadcast=True)
        futures = [client.submit(run_batch, shared, *job, pure=False) for job in jobs]
        return client.gather(futures)
    if processes and processes > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=processes, initializer=_init, initargs=(c,)) as pool:
            return list(pool.map(_run_in_worker, jobs))
    return [run_batch(c, *job) for job in jobs]
