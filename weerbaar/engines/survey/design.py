"""A survey design (weights, strata, PSUs, fpc) and its design-based variance.

Variances follow R's ``survey`` package (Lumley) so analysts get the numbers they know:
with-replacement ultimate-cluster variance per stratum with the finite population
correction, and, after raking, the variance of the residuals of R's ``svyrecvar`` raking
projection (ten sweeps of "subtract the within-category mean" per margin).

Why the projection is done on category sums instead of on the n x k data: the projection
is linear and only ever needs category and PSU totals, so every sweep runs in the space of
the margin categories (a few dozen numbers) and the data is read once per estimate. That
is what makes a million respondents and hundreds of domain estimates cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

# R's svyrecvar repeats the raking projection a fixed ten times (not to convergence).
RAKING_SWEEPS = 10

LONELY_PSU = ("fail", "certainty", "remove", "adjust")


class SurveyInputError(ValueError):
    """Input the engine cannot use; the message names what is wrong and where."""


def codes_of(values: Sequence | np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes and the sorted distinct labels of a label column (no missing allowed).

    Text labels go through pandas' hash-based factorize: sorting a million Python strings
    with ``np.unique`` took most of an estimate's time.
    """
    array = np.asarray(values, dtype=object if not isinstance(values, np.ndarray) else None)
    if array.ndim != 1:
        raise SurveyInputError(f"{name}: verwacht één kolom met waarden")
    if array.dtype.kind in "iu" and len(array) and array.min() >= 0 and array.max() < 4 * len(array):
        present = np.bincount(array) > 0  # small integer codes: no sort needed
        labels = np.flatnonzero(present)
        remap = np.cumsum(present) - 1
        return remap[array].astype(np.int64), labels
    try:
        codes, labels = pd.factorize(array, sort=True)
        mixed = len({type(label) for label in labels}) > 1
    except TypeError:
        mixed = True
    if mixed:  # mixed types (e.g. 1 and "1", as spreadsheets give) are compared as text
        codes, labels = pd.factorize(np.where(pd.isna(array), None, array.astype(str)), sort=True)
    missing = codes < 0
    if array.dtype.kind in "OUS":
        missing |= array == ""
    if missing.any():
        first = int(np.flatnonzero(missing)[0])
        raise SurveyInputError(
            f"{name}: {int(missing.sum())} lege waarde(n), de eerste bij respondent {first + 1}")
    return codes.astype(np.int64), np.asarray(labels)


def as_float(values, name: str, n: int | None = None) -> np.ndarray:
    """A numeric column; anything that is not a number is refused with its position."""
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raw = np.asarray(values, dtype=object)
        for i, value in enumerate(raw):
            try:
                float(value)
            except (TypeError, ValueError):
                raise SurveyInputError(
                    f"{name}: geen getal bij respondent {i + 1} ({value!r})") from None
        raise
    if array.ndim != 1:
        raise SurveyInputError(f"{name}: verwacht één kolom met getallen")
    if n is not None and len(array) != n:
        raise SurveyInputError(f"{name}: {len(array)} waarden, verwacht {n}")
    return array


@dataclass(frozen=True)
class Calibration:
    """What raking leaves behind for the variance: per margin its codes and weights."""

    codes: tuple[np.ndarray, ...]
    sizes: tuple[int, ...]
    weights: tuple[np.ndarray, ...]  # the weights right after each margin's last adjustment


@dataclass
class Design:
    """Weights, strata, PSUs (clusters) and fpc of one sample; arrays of equal length n.

    * ``weights`` defaults to N_h / n_h when ``fpc`` holds population sizes, else to 1.
    * ``psu`` ids are nested in strata: the same id in two strata is two PSUs.
    * ``fpc`` per respondent: the stratum's population size (number of PSUs), or the
      sampling fraction when every value is at most 1 (as R's ``svydesign``).
    * ``lonely_psu``: what a stratum with one PSU does, as R's ``survey.lonely.psu``.
    """

    weights: Sequence | np.ndarray | None = None
    strata: Sequence | np.ndarray | None = None
    psu: Sequence | np.ndarray | None = None
    fpc: Sequence | np.ndarray | None = None
    lonely_psu: str = "fail"
    calibration: Calibration | None = None
    n: int = field(init=False)

    def __post_init__(self) -> None:
        lengths = {name: len(value) for name, value in
                   (("weights", self.weights), ("strata", self.strata), ("psu", self.psu),
                    ("fpc", self.fpc)) if value is not None}
        if not lengths:
            raise SurveyInputError("ontwerp: geef minstens gewichten, strata, clusters of fpc")
        if len(set(lengths.values())) > 1:
            raise SurveyInputError(
                "ontwerp: kolommen verschillen in lengte: "
                + ", ".join(f"{k} {v}" for k, v in lengths.items()))
        self.n = next(iter(lengths.values()))
        if self.n == 0:
            raise SurveyInputError("ontwerp: geen respondenten")
        if self.lonely_psu not in LONELY_PSU:
            raise SurveyInputError(f"lonely_psu: kies uit {', '.join(LONELY_PSU)}")
        n = self.n
        if self.strata is None:
            self.stratum_codes = np.zeros(n, dtype=np.int64)
            self.stratum_labels = np.array(["1"], dtype=object)
        else:
            self.stratum_codes, self.stratum_labels = codes_of(self.strata, "strata")
        if self.psu is None:
            psu_codes = np.arange(n, dtype=np.int64)
        else:
            psu_codes, _labels = codes_of(self.psu, "psu")
        # PSUs nested in strata: number the distinct (stratum, psu) pairs.
        pairs = self.stratum_codes * (int(psu_codes.max()) + 1) + psu_codes
        _unique, first, self.psu_index = np.unique(pairs, return_index=True, return_inverse=True)
        self.psu_index = self.psu_index.astype(np.int64)
        self.n_psu = len(first)
        self.psu_stratum = self.stratum_codes[first]
        self.n_strata = len(self.stratum_labels)
        self.psus_per_stratum = np.bincount(self.psu_stratum, minlength=self.n_strata)
        self._fpc_factor = self._fpc_factors(n)
        self.w = self._weights(n)
        self._operators: _Operators | None = None

    # ------------------------------------------------------------------ construction

    def _fpc_factors(self, n: int) -> np.ndarray:
        """(N_h - n_h) / N_h per stratum; 1 without fpc."""
        factor = np.ones(self.n_strata)
        self._population_psus = None
        if self.fpc is None:
            return factor
        fpc = as_float(self.fpc, "fpc", n)
        if np.isnan(fpc).any() or (fpc <= 0).any():
            bad = int(np.flatnonzero(np.isnan(fpc) | (fpc <= 0))[0])
            raise SurveyInputError(f"fpc: ontbreekt of niet positief bij respondent {bad + 1}")
        first = np.zeros(self.n_strata)
        first[self.stratum_codes[::-1]] = fpc[::-1]
        if not np.allclose(fpc, first[self.stratum_codes]):
            raise SurveyInputError("fpc: verschilt binnen een stratum; geef één waarde per stratum")
        if (fpc <= 1).all():  # sampling fractions
            population = self.psus_per_stratum / first
        else:
            population = first
            if (population < self.psus_per_stratum).any():
                h = int(np.flatnonzero(population < self.psus_per_stratum)[0])
                raise SurveyInputError(
                    f"fpc: stratum {self.stratum_labels[h]} heeft meer steekproef-PSU's "
                    f"({self.psus_per_stratum[h]}) dan de populatie ({population[h]:g})")
        self._population_psus = population
        return (population - self.psus_per_stratum) / population

    def _weights(self, n: int) -> np.ndarray:
        if self.weights is not None:
            w = as_float(self.weights, "gewicht", n)
            bad = np.flatnonzero(~np.isfinite(w) | (w <= 0))
            if len(bad):
                raise SurveyInputError(
                    f"gewicht: ontbreekt, oneindig of niet positief bij respondent {bad[0] + 1} "
                    f"({len(bad)} in totaal)")
            return w
        if self._population_psus is not None:
            return (self._population_psus / self.psus_per_stratum)[self.stratum_codes]
        return np.ones(n)

    def with_weights(self, weights: np.ndarray, calibration: Calibration | None) -> Design:
        """The same design with new (calibrated) weights."""
        clone = object.__new__(Design)
        clone.__dict__.update(self.__dict__)
        clone.weights = weights
        clone.w = np.asarray(weights, dtype=float)
        clone.calibration = calibration
        clone._operators = None
        return clone

    # ------------------------------------------------------------------ degrees of freedom

    def degrees_of_freedom(self, keep: np.ndarray | None = None) -> int:
        """PSUs minus strata among the respondents in use (R's ``degf``)."""
        if keep is None:
            return int(self.n_psu - self.n_strata)
        psus = np.bincount(self.psu_index[keep], minlength=self.n_psu) > 0
        strata = np.bincount(self.psu_stratum[psus], minlength=self.n_strata) > 0
        return int(psus.sum() - strata.sum())

    def degrees_of_freedom_by(self, column: np.ndarray, keep: np.ndarray, k: int) -> np.ndarray:
        """Degrees of freedom of k domains at once (respondent i in domain column[i])."""
        keys = column[keep] * self.n_psu + self.psu_index[keep]
        if self.n_psu * k <= 4 * self.n:
            pairs = np.flatnonzero(np.bincount(keys, minlength=self.n_psu * k))
        else:
            pairs = np.unique(keys)
        domain, psu = pairs // self.n_psu, pairs % self.n_psu
        psus = np.bincount(domain, minlength=k)
        strata = np.bincount(domain * self.n_strata + self.psu_stratum[psu],
                             minlength=k * self.n_strata).reshape(k, self.n_strata)
        return psus - (strata > 0).sum(axis=1)

    # ------------------------------------------------------------------ variance

    def variance(self, x: np.ndarray, column: np.ndarray | None = None, k: int = 1) -> np.ndarray:
        """Variances of the totals of k linearised variables (x = w * influence).

        The k variables share one vector: respondent i contributes ``x[i]`` to variable
        ``column[i]`` and 0 to the others — the shape of domain estimates (one domain per
        respondent) and of a single estimate (``column`` None). Returns a length-k array.
        After raking, the values are first replaced by their raking residuals, exactly as
        R's ``svyrecvar`` does.
        """
        ops = self._ops()
        x = np.asarray(x, dtype=float)
        column = np.zeros(self.n, dtype=np.int64) if column is None else np.asarray(column, np.int64)
        psu = self.psu_index
        if self.n_psu * k <= 4 * self.n:  # PSU totals, P x k: dense when that is small
            a = np.bincount(psu * k + column, weights=x, minlength=self.n_psu * k).reshape(self.n_psu, k)
            sa2 = ops.scale_psu @ (a * a)
        else:  # e.g. one PSU per respondent and many domains
            a = sparse.csr_matrix((x, (psu, column)), shape=(self.n_psu, k))
            a.sum_duplicates()
            sa2 = np.bincount(a.indices, minlength=k,
                              weights=a.data ** 2 * np.repeat(ops.scale_psu, np.diff(a.indptr)))
        e = np.bincount(self.psu_stratum[psu] * k + column, weights=x,
                        minlength=self.n_strata * k).reshape(self.n_strata, k)
        quad = sa2 - ((e * e).T @ ops.scale_over_n)
        if ops.calibration is None:
            return self._lonely(quad, e)
        beta = self._raking_coefficients(x, column, k, ops)
        residual_e = e - ops.b @ beta  # stratum totals of the raking residuals
        if sparse.issparse(a):
            cross = np.asarray((ops.m_t @ sparse.diags(ops.scale_psu) @ a).todense())
        else:
            cross = ops.m_t @ (a * ops.scale_psu[:, None])
        cross = cross - ops.b.T @ (e * ops.scale_over_n[:, None])
        quad = quad - 2 * np.einsum("lk,lk->k", cross, beta) + np.einsum(
            "lk,lm,mk->k", beta, ops.gram, beta)
        return self._lonely(quad, residual_e)

    def _lonely(self, quad: np.ndarray, e: np.ndarray) -> np.ndarray:
        """Strata with one PSU: an error (R's default), nothing, or their total squared.

        ``e`` holds stratum totals; a lonely stratum's total is its one PSU's total.
        """
        ops = self._ops()
        if ops.lonely.any() and self.lonely_psu == "adjust":
            quad = quad + (e[ops.lonely] ** 2).T @ ops.lonely_scale[ops.lonely]
        return np.maximum(quad, 0.0)

    def _raking_coefficients(self, x: np.ndarray, column: np.ndarray, k: int,
                             ops: _Operators) -> np.ndarray:
        """The per-category amounts R's ten projection sweeps subtract, in category space.

        A sweep for margin j does x <- x - psw_j * G_j m_j with m_j the unweighted category
        mean of x / psw_j. Category sums of x / psw_j after earlier sweeps are the sums of
        the original x minus C_ji beta_i, so the whole loop needs only those sums.
        """
        calibration = ops.calibration
        sums0 = [np.bincount(codes * k + column, weights=x * inverse, minlength=size * k).reshape(size, k)
                 for codes, inverse, size in zip(calibration.codes, ops.inverse_psw,
                                                 calibration.sizes, strict=True)]
        betas = [np.zeros((size, k)) for size in calibration.sizes]
        for _sweep in range(RAKING_SWEEPS):
            for j in range(len(betas)):
                current = sums0[j] - sum(ops.c[j][i] @ betas[i] for i in range(len(betas)))
                betas[j] = betas[j] + current / ops.counts[j][:, None]
        return np.vstack(betas)

    def _ops(self) -> _Operators:
        if self._operators is None:
            self._operators = _Operators.build(self)
        return self._operators


@dataclass
class _Operators:
    """Sparse operators of one design, built once and reused by every estimate."""

    to_psu: sparse.csr_matrix  # P x n
    to_stratum: sparse.csr_matrix  # H x P
    scale_psu: np.ndarray  # P: f_h n_h / (n_h - 1) of the PSU's stratum (0 for lonely)
    scale_over_n: np.ndarray  # H: scale_h / n_h
    lonely: np.ndarray  # H bool
    lonely_scale: np.ndarray  # H: f_h for lonely strata
    calibration: Calibration | None = None
    counts: list = field(default_factory=list)  # per margin: L_j respondents per category
    c: list = field(default_factory=list)  # c[j][i]: L_j x L_i, G_j' diag(psw_i/psw_j) G_i
    inverse_psw: list = field(default_factory=list)  # per margin: 1 / psw_j
    m_t: sparse.csr_matrix | None = None  # L x P: PSU totals of psw_j per category
    b: np.ndarray | None = None  # H x L: stratum totals of m
    gram: np.ndarray | None = None  # L x L

    @classmethod
    def build(cls, design: Design) -> _Operators:
        n, p, h = design.n, design.n_psu, design.n_strata
        rows = np.arange(n)
        to_psu = sparse.csr_matrix((np.ones(n), (design.psu_index, rows)), shape=(p, n))
        to_stratum = sparse.csr_matrix((np.ones(p), (design.psu_stratum, np.arange(p))), shape=(h, p))
        n_h = design.psus_per_stratum.astype(float)
        f = design._fpc_factor
        lonely = n_h == 1
        if lonely.any() and design.lonely_psu == "fail":
            label = design.stratum_labels[int(np.flatnonzero(lonely)[0])]
            raise SurveyInputError(
                f"stratum {label} heeft maar één PSU; de variantie is dan niet te schatten "
                "(kies lonely_psu: certainty, remove of adjust)")
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(lonely, 0.0, f * n_h / (n_h - 1))
        ops = cls(to_psu=to_psu, to_stratum=to_stratum, scale_psu=scale[design.psu_stratum],
                  scale_over_n=scale / n_h, lonely=lonely, lonely_scale=np.where(lonely, f, 0.0))
        calibration = design.calibration
        if calibration is None:
            return ops
        ops.calibration = calibration
        ops.inverse_psw = [1.0 / w for w in calibration.weights]
        margins = range(len(calibration.codes))
        g = [sparse.csr_matrix((np.ones(n), (calibration.codes[j], rows)),
                               shape=(calibration.sizes[j], n)) for j in margins]
        ops.counts = [np.bincount(calibration.codes[j], minlength=calibration.sizes[j]).astype(float)
                      for j in margins]
        ops.c = [[np.asarray((g[j] @ sparse.diags(calibration.weights[i] / calibration.weights[j])
                              @ g[i].T).todense()) for i in margins] for j in margins]
        m = sparse.hstack([to_psu @ (g[j] @ sparse.diags(calibration.weights[j])).T
                           for j in margins]).tocsr()
        ops.m_t = m.T.tocsr()
        ops.b = np.asarray((to_stratum @ m).todense())
        ops.gram = (np.asarray((m.T @ sparse.diags(ops.scale_psu) @ m).todense())
                    - ops.b.T @ (ops.b * ops.scale_over_n[:, None]))
        return ops
