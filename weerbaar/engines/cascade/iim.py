"""Inoperability Input-Output Model (Haimes & Jiang 2001; Lian & Haimes 2006) for multi-day disruptions.

Inoperability q_i in [0, 1] is the share of sector i's normal output that is lost. Static: q = A q + c.
Dynamic: q(t+1) = q(t) + K (A* q(t) + c* - q(t)), K the sectors' resilience (recovery speed) coefficients.

Capping rule. A share above 1 has no meaning, so q is capped at 1 *inside* the iteration:
q <- min(1, A q + c), repeated to a fixed point. Solving (I - A)^-1 c first and clipping afterwards is wrong
when the cap binds: a capped sector passes on at most 1, not the larger unclipped value, so its neighbours
would be overstated. The map is monotone and, with spectral radius of A below 1, a contraction, so the
iteration from q = 0 converges to the least fixed point, which equals the linear solution when no cap
binds.
"""

from __future__ import annotations

import numpy as np


def iim_static(A, c, tol: float = 1e-12, max_iter: int = 100_000) -> np.ndarray:
    """Fixed point of q = min(1, A q + c), iterated from q = 0."""
    A = np.asarray(A, float)
    c = np.asarray(c, float)
    q = np.zeros_like(c)
    for _ in range(max_iter):
        nxt = np.clip(A @ q + c, 0.0, 1.0)
        if np.max(np.abs(nxt - q)) < tol:
            return nxt
        q = nxt
    return q


def iim_dynamic(
    A_star, c_star, K, q0=None, steps: int = 10_000, tol: float | None = 1e-12, trajectory: bool = False
):
    """Dynamic IIM: q(t+1) = q(t) + K (A* q(t) + c* - q(t)), capped to [0, 1] every step.

    Returns the final q, or (final q, array of q per step) with ``trajectory=True``. Stops early when the
    step is below ``tol`` (give ``tol=None`` to run exactly ``steps`` steps, e.g. one per day).
    """
    A = np.asarray(A_star, float)
    c = np.asarray(c_star, float)
    K = np.asarray(K, float)
    K = np.diag(K) if K.ndim == 1 else K
    q = np.zeros_like(c) if q0 is None else np.asarray(q0, float).copy()
    path = [q.copy()]
    for _ in range(steps):
        nxt = np.clip(q + K @ (A @ q + c - q), 0.0, 1.0)
        path.append(nxt)
        done = tol is not None and np.max(np.abs(nxt - q)) < tol
        q = nxt
        if done:
            break
    return (q, np.array(path)) if trajectory else q
