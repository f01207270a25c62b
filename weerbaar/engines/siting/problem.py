"""A siting problem: demand weights, candidate sites and the distances between them.

Distances are kept as one sorted list of candidates per demand point (``nbr``/``dist``). For
small problems the lists are complete; for large point sets they hold the k nearest candidates
only (cKDTree), and ``far`` records, per demand point, a distance no unlisted candidate is closer
than. The bounds in :mod:`lagrange` use that number so they stay valid without a dense matrix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.spatial import cKDTree

from weerbaar.engines.siting.errors import SitingInputError

DENSE_LIMIT = 4_000_000  # demand × candidate pairs below which the lists are complete
DEFAULT_NEIGHBOURS = 40


@dataclass
class Problem:
    """Everything a solver needs; build it with :func:`problem_from_points` or ``_from_costs``."""

    demand_ids: list
    candidate_ids: list
    weights: np.ndarray  # (n,)
    nbr: np.ndarray  # (n, k) candidate index, -1 = padding
    dist: np.ndarray  # (n, k) ascending, inf = padding
    far: np.ndarray  # (n,) no unlisted allowed candidate is closer; inf = none is allowed
    capacities: np.ndarray | None
    fixed: np.ndarray  # candidate indices that must stay open
    excluded: np.ndarray  # candidate indices that may not open
    demand_xy: np.ndarray | None = None
    candidate_xy: np.ndarray | None = None
    detour: float = 1.0
    max_distance: float | None = None

    @property
    def n(self) -> int:
        return len(self.demand_ids)

    @property
    def m(self) -> int:
        return len(self.candidate_ids)

    @property
    def complete(self) -> bool:
        """True when every allowed pair is listed (no k-nearest truncation)."""
        return bool(np.all(np.isinf(self.far)))

    @property
    def allowed(self) -> np.ndarray:
        mask = np.ones(self.m, dtype=bool)
        mask[self.excluded] = False
        return mask

    @property
    def integral(self) -> bool:
        """True when every weighted cost is an integer, so bounds may be rounded up."""
        finite = np.isfinite(self.dist)
        return bool(np.all(self.weights == np.round(self.weights))
                    and np.all(self.dist[finite] == np.round(self.dist[finite])))

    def candidate_index(self, ids: Iterable, what: str = "fixed") -> np.ndarray:
        """Indices of candidate ids; unknown ids are refused by name."""
        lookup = {str(c): j for j, c in enumerate(self.candidate_ids)}
        out = []
        for cid in ids:
            j = lookup.get(str(cid))
            if j is None:
                raise SitingInputError(f"{what}: onbekend kandidaat-id {cid!r}")
            out.append(j)
        return np.array(out, dtype=np.int64)


def problem_from_points(demand_xy, weights, candidate_xy, *, demand_ids: Sequence | None = None,
                        candidate_ids: Sequence | None = None, detour: float = 1.0,
                        capacities=None, fixed: Iterable = (), excluded: Iterable = (),
                        max_distance: float | None = None,
                        neighbours: int | None = None) -> Problem:
    """Euclidean distances (RD New metres) times ``detour`` between demand and candidate points.

    ``max_distance`` forbids pairs farther apart; ``neighbours`` caps the candidate list per
    demand point (default: complete below 4 million pairs, else the 40 nearest).
    """
    dxy = _points(demand_xy, "demand")
    cxy = _points(candidate_xy, "candidates")
    w = _weights(weights, len(dxy))
    if not (np.isfinite(detour) and detour > 0):
        raise SitingInputError(f"detour: moet een positief getal zijn, niet {detour!r}")
    if max_distance is not None and not (np.isfinite(max_distance) and max_distance > 0):
        raise SitingInputError(f"max_distance: moet een positief getal zijn, niet {max_distance!r}")
    dids, cids = _ids(demand_ids, len(dxy), "demand"), _ids(candidate_ids, len(cxy), "candidates")
    caps = _capacities(capacities, len(cxy))
    fix, exc = _fixed_excluded(cids, fixed, excluded)
    allowed = np.setdiff1d(np.arange(len(cxy)), exc)
    if len(allowed) == 0:
        raise SitingInputError("candidates: alle kandidaten zijn uitgesloten")
    k = len(allowed) if neighbours is None and len(dxy) * len(allowed) <= DENSE_LIMIT else \
        min(len(allowed), neighbours or DEFAULT_NEIGHBOURS)
    tree = cKDTree(cxy[allowed])
    bound = np.inf if max_distance is None else max_distance / detour
    d, idx = tree.query(dxy, k=k, distance_upper_bound=bound * (1 + 1e-12))
    d, idx = np.asarray(d, dtype=float).reshape(len(dxy), k), np.asarray(idx).reshape(len(dxy), k)
    missing = idx >= len(allowed)
    nbr = np.where(missing, -1, allowed[np.minimum(idx, len(allowed) - 1)]).astype(np.int32)
    dist = np.where(missing, np.inf, d * detour)
    if k < len(allowed):
        far = np.where(missing[:, -1], np.inf, dist[:, -1])
    else:
        far = np.full(len(dxy), np.inf)
    return Problem(dids, cids, w, nbr, dist, far, caps, fix, exc, dxy, cxy, float(detour),
                   max_distance)


def problem_from_costs(cost, weights, *, demand_ids: Sequence | None = None,
                       candidate_ids: Sequence | None = None, capacities=None,
                       fixed: Iterable = (), excluded: Iterable = ()) -> Problem:
    """A given (n, m) cost matrix, e.g. travel times over a road network; gaps are refused."""
    c = np.asarray(cost, dtype=float) if not sparse.issparse(cost) else None
    if c is None:
        raise SitingInputError("cost: geef een volledige matrix; ontbrekende afstanden kunnen niet")
    if c.ndim != 2 or c.shape[0] == 0 or c.shape[1] == 0:
        raise SitingInputError(f"cost: verwacht een matrix (vraagpunten × kandidaten), kreeg vorm {c.shape}")
    n, m = c.shape
    dids, cids = _ids(demand_ids, n, "demand"), _ids(candidate_ids, m, "candidates")
    bad = ~np.isfinite(c) | (c < 0)
    if bad.any():
        i, j = map(int, np.argwhere(bad)[0])
        what = "ontbreekt of is geen getal" if not np.isfinite(c[i, j]) else "is negatief"
        raise SitingInputError(f"cost: afstand rij {i + 1} (vraagpunt {dids[i]!r}), kolom {j + 1} "
                               f"(kandidaat {cids[j]!r}) {what}")
    w = _weights(weights, n)
    caps = _capacities(capacities, m)
    fix, exc = _fixed_excluded(cids, fixed, excluded)
    allowed = np.setdiff1d(np.arange(m), exc)
    if len(allowed) == 0:
        raise SitingInputError("candidates: alle kandidaten zijn uitgesloten")
    sub = c[:, allowed]
    order = np.argsort(sub, axis=1, kind="stable")
    nbr = allowed[order].astype(np.int32)
    dist = np.take_along_axis(sub, order, axis=1)
    return Problem(dids, cids, w, nbr, dist, np.full(n, np.inf), caps, fix, exc)


def nearest_distance(problem: Problem, open_ids: Iterable) -> np.ndarray:
    """Distance from every demand point to its nearest open site (inf when none may serve it)."""
    idx = problem.candidate_index(open_ids, "open")
    return _nearest(problem, idx)[0]


def coverage(problem: Problem, open_ids: Iterable, radius: float) -> np.ndarray:
    """Which demand points have an open site within ``radius`` metres (boolean, (n,))."""
    return nearest_distance(problem, open_ids) <= radius * (1 + 1e-12)


def _nearest(problem: Problem, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distance, candidate index or -1) of the nearest of the sites ``idx`` per demand point."""
    n = problem.n
    if len(idx) == 0:
        return np.full(n, np.inf), np.full(n, -1, dtype=np.int64)
    if problem.demand_xy is not None:
        tree = cKDTree(problem.candidate_xy[idx])
        d, k = tree.query(problem.demand_xy, k=1)
        d = d * problem.detour
        j = idx[k]
        if problem.max_distance is not None:
            beyond = d > problem.max_distance * (1 + 1e-12)
            d, j = np.where(beyond, np.inf, d), np.where(beyond, -1, j)
        return d, j
    is_open = np.zeros(problem.m, dtype=bool)
    is_open[idx] = True
    hit = is_open[np.maximum(problem.nbr, 0)] & (problem.nbr >= 0)
    first = hit.argmax(axis=1)
    found = hit[np.arange(n), first]
    d = np.where(found, problem.dist[np.arange(n), first], np.inf)
    j = np.where(found, problem.nbr[np.arange(n), first], -1)
    return d, j.astype(np.int64)


def cover_matrix(problem: Problem, radius: float) -> sparse.csr_matrix:
    """Boolean (n × m) matrix of allowed pairs within ``radius`` (exact, also for k-nearest lists)."""
    if not (np.isfinite(radius) and radius >= 0):
        raise SitingInputError(f"radius: moet een getal ≥ 0 zijn, niet {radius!r}")
    if problem.max_distance is not None:
        radius = min(radius, problem.max_distance)
    if problem.demand_xy is not None and not problem.complete:
        allowed = np.flatnonzero(problem.allowed)
        dt, ct = cKDTree(problem.demand_xy), cKDTree(problem.candidate_xy[allowed])
        pairs = dt.sparse_distance_matrix(ct, radius / problem.detour * (1 + 1e-12), output_type="ndarray")
        rows, cols = pairs["i"], allowed[pairs["j"]]
    else:
        rows, pos = np.nonzero(problem.dist <= radius * (1 + 1e-12))
        cols = problem.nbr[rows, pos]
    data = np.ones(len(rows), dtype=bool)
    return sparse.csr_matrix((data, (rows, cols)), shape=(problem.n, problem.m))


def _points(xy, what: str) -> np.ndarray:
    try:
        a = np.asarray(xy, dtype=float)
    except (TypeError, ValueError) as exc:
        raise SitingInputError(f"{what}: coördinaten zijn geen getallen ({exc})") from None
    if a.ndim != 2 or a.shape[1] != 2:
        raise SitingInputError(f"{what}: verwacht (aantal, 2) coördinaten x, y; kreeg vorm {a.shape}")
    if len(a) == 0:
        raise SitingInputError(f"{what}: geen punten")
    bad = ~np.isfinite(a)
    if bad.any():
        i, j = map(int, np.argwhere(bad)[0])
        raise SitingInputError(f"{what}: rij {i + 1}, kolom {'xy'[j]} is geen getal")
    return a


def _weights(weights, n: int) -> np.ndarray:
    w = np.asarray(weights, dtype=float).reshape(-1)
    if len(w) != n:
        raise SitingInputError(f"weights: {len(w)} gewichten voor {n} vraagpunten")
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise SitingInputError(f"weights: rij {i + 1} heeft gewicht {w[i]!r}; verwacht een getal ≥ 0")
    return w


def _ids(ids, n: int, what: str) -> list:
    out = list(range(1, n + 1)) if ids is None else list(ids)
    if len(out) != n:
        raise SitingInputError(f"{what}: {len(out)} id's voor {n} punten")
    seen: dict = {}
    for row, i in enumerate(out, start=1):
        if str(i) in seen:
            raise SitingInputError(f"{what}: id {i!r} komt dubbel voor (rij {seen[str(i)]} en {row})")
        seen[str(i)] = row
    return out


def _capacities(capacities, m: int) -> np.ndarray | None:
    if capacities is None:
        return None
    c = np.asarray(capacities, dtype=float).reshape(-1)
    if len(c) != m:
        raise SitingInputError(f"capacities: {len(c)} capaciteiten voor {m} kandidaten")
    bad = ~np.isfinite(c) | (c < 0)
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        raise SitingInputError(f"capacities: rij {j + 1} heeft capaciteit {c[j]!r}; verwacht een getal ≥ 0")
    return c


def _fixed_excluded(cids: list, fixed: Iterable, excluded: Iterable) -> tuple[np.ndarray, np.ndarray]:
    lookup = {str(c): j for j, c in enumerate(cids)}

    def index(values, what):
        out = []
        for v in values:
            if str(v) not in lookup:
                raise SitingInputError(f"{what}: onbekend kandidaat-id {v!r}")
            out.append(lookup[str(v)])
        return np.unique(np.array(out, dtype=np.int64))

    fix, exc = index(fixed, "fixed"), index(excluded, "excluded")
    both = np.intersect1d(fix, exc)
    if len(both):
        raise SitingInputError(f"kandidaat {cids[both[0]]!r} staat zowel bij vast als bij uitgesloten")
    return fix, exc


def check_p(problem: Problem, p) -> None:
    """The number of points to open must fit the allowed candidates and the fixed ones."""
    if not isinstance(p, int | np.integer) or p < 1:
        raise SitingInputError(f"p: moet een geheel getal ≥ 1 zijn, niet {p!r}")
    allowed = int(problem.allowed.sum())
    if p > allowed:
        raise SitingInputError(f"p = {p} is groter dan het aantal toegestane kandidaten ({allowed})")
    if len(problem.fixed) > p:
        raise SitingInputError(f"p = {p} is kleiner dan het aantal vaste locaties ({len(problem.fixed)})")
