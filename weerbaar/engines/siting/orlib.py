"""Reader for Beasley's OR-Library p-median instances (pmed1–pmed40)."""

from __future__ import annotations

import numpy as np
from scipy.sparse.csgraph import csgraph_from_dense, shortest_path

from weerbaar.engines.siting.errors import SitingInputError
from weerbaar.engines.siting.problem import Problem, problem_from_costs


def read_orlib_pmed(text: str) -> tuple[Problem, int]:
    """Parse ``n_vertices n_edges p`` and the edges ``i j cost``; returns (problem, p).

    Repeated edges: the last cost wins (as the OR-Library README specifies). Costs are the
    shortest-path distances over the graph; every vertex is a client of weight 1 and a site.
    """
    lines = [(no, line.split()) for no, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise SitingInputError("leeg bestand: verwacht 'aantal_knopen aantal_kanten p' op regel 1")
    no, head = lines[0]
    n, e, p = _ints(head, no, 3, "aantal_knopen aantal_kanten p")
    if n < 1 or p < 1 or p > n:
        raise SitingInputError(f"regel {no}: ongeldige kop n={n}, p={p}")
    if len(lines) - 1 < e:
        raise SitingInputError(f"bestand heeft {len(lines) - 1} kanten, de kop belooft er {e}")
    edges: dict[tuple[int, int], float] = {}
    for no, parts in lines[1:e + 1]:
        i, j, c = _ints(parts, no, 3, "i j kosten")
        if not (1 <= i <= n and 1 <= j <= n):
            raise SitingInputError(f"regel {no}: knoop buiten 1..{n} ({i}, {j})")
        if c < 0:
            raise SitingInputError(f"regel {no}: negatieve kosten {c}")
        key = (min(i, j) - 1, max(i, j) - 1)
        edges.pop(key, None)
        edges[key] = float(c)  # last one wins
    dense = np.full((n, n), np.inf)
    for (i, j), c in edges.items():
        if i != j:
            dense[i, j] = dense[j, i] = c
    graph = csgraph_from_dense(dense, null_value=np.inf)
    cost = shortest_path(graph, method="D", directed=False)
    if not np.isfinite(cost).all():
        i, j = map(int, np.argwhere(~np.isfinite(cost))[0])
        raise SitingInputError(f"graaf is niet samenhangend: geen pad van knoop {i + 1} naar {j + 1}")
    ids = list(range(1, n + 1))
    return problem_from_costs(cost, np.ones(n), demand_ids=ids, candidate_ids=ids), p


def _ints(parts: list[str], no: int, count: int, what: str) -> list[int]:
    if len(parts) < count:
        raise SitingInputError(f"regel {no}: verwacht '{what}', kreeg {' '.join(parts)!r}")
    try:
        return [int(x) for x in parts[:count]]
    except ValueError:
        raise SitingInputError(f"regel {no}: '{what}' moeten gehele getallen zijn, kreeg "
                               f"{' '.join(parts)!r}") from None
