"""How much does each driver matter? Relative importance of correlated drivers.

:func:`relative_importance` splits the explained variance (R², or McFadden's pseudo R² for a yes/no outcome)
over correlated drivers: exact Shapley/LMG values (general dominance, with conditional and complete dominance;
Azen & Budescu, 2003) or Johnson's (2000) relative weights (for a yes/no outcome: logistic relative weights,
Tonidandel & LeBreton, 2010), with bootstrap intervals of importance, share and rank.

Speed of the exact Shapley decomposition
----------------------------------------
The R-squared of every one of the ``2**p`` subsets of drivers is obtained from
the correlation matrix alone, without refitting: variables are swept in one by
one, and after variable ``k`` every subset of the first ``k`` variables exists
twice (without and with ``k``). The "with" copy is the Schur complement of the
pivot, computed for all subsets at once as one vectorised numpy operation on a
``(2**k, m, m)`` stack, where ``m = p - k`` shrinks as ``2**k`` grows. Total work
is a small multiple of ``2**p`` floating-point operations, so 20 drivers take a
fraction of a second. Above ``max_exact`` drivers (default 21) the Shapley values
are estimated from random orderings (permutation sampling, same sweep, batched)
and the result says so (``exact=False``, ``error_bound``, a warning). For a yes/no
outcome every subset is a logistic fit (:func:`nps_research.logistic.logistic_fit`,
the package's one logistic fit), exact up to 12 drivers by default.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import DataProblem, SmallSampleWarning, StudyDataError
from ..inputs import row_numbers
from ..logistic import logistic_fit
from ..results import Result
from ..tables import report_table
from ..text import Int, Label, Level, Num, Pct, Words, t
from ._common import (
    MIN_ROWS_PER_DRIVER,
    FallbackWarning,
    _deprecated,
    _frame,
    _labels,
    _numeric_columns,
    _resolve_drivers,
    _weighted_corr,
    _weights_array,
)

__all__ = [
    "MAX_EXACT_LINEAR",
    "MAX_EXACT_LOGISTIC",
    "RelativeImportanceResult",
    "all_subsets_mcfadden",
    "all_subsets_r2",
    "describe_importance",
    "johnson_weights",
    "logistic_relative_weights",
    "relative_importance",
    "shapley_permutation",
]

#: Default largest number of drivers for the exact (all-subsets) Shapley decomposition.
MAX_EXACT_LINEAR = 21
#: Largest number of drivers for exact dominance of a logistic outcome (2**p logistic fits).
MAX_EXACT_LOGISTIC = 12
_PIVOT_TOL = 1e-12

# ---------------------------------------------------------------------------------------------------------
# the fast path: R-squared of all subsets by batched sweeps
# ---------------------------------------------------------------------------------------------------------


def all_subsets_r2(corr: np.ndarray) -> np.ndarray:
    """R-squared of the regression of the last variable on every subset of the others.

    Parameters
    ----------
    corr : ndarray, shape (p + 1, p + 1)
        Correlation (or covariance) matrix; the outcome is the last row/column.

    Returns
    -------
    ndarray, shape (2**p,)
        Entry ``s`` is the R-squared of the model with driver ``j`` included
        when bit ``j`` of ``s`` is set (entry 0, the empty model, is 0).

    Notes
    -----
    Variables are swept in one at a time; after step ``k`` the stack holds,
    for every subset of the first ``k`` drivers, the Schur complement of that
    subset in the remaining block. A pivot (residual variance of the entering
    driver) below ``1e-12`` times its variance means the driver is a linear
    combination of those already in: it adds nothing and is skipped.

    Examples
    --------
    >>> R = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.3], [0.5, 0.3, 1.0]])
    >>> all_subsets_r2(R).round(4).tolist()   # {}, {x0}, {x1}, {x0, x1}
    [0.0, 0.25, 0.09, 0.34]
    """
    R = np.asarray(corr, dtype=float)
    p = R.shape[0] - 1
    scale = np.sqrt(np.diag(R))
    R = R / np.outer(scale, scale)
    A = R[None, :, :].copy()
    for _ in range(p):
        piv = A[:, 0, 0]
        col = A[:, 1:, 0]
        rest = A[:, 1:, 1:]
        ok = piv > _PIVOT_TOL
        safe = np.where(ok, piv, 1.0)
        upd = rest - (col[:, :, None] * col[:, None, :]) / safe[:, None, None]
        if not ok.all():
            upd[~ok] = rest[~ok]
        A = np.concatenate([rest, upd], axis=0)
    r2 = 1.0 - A[:, 0, 0]
    r2[0] = 0.0
    return r2


def _popcount(idx: np.ndarray) -> np.ndarray:
    c = np.zeros_like(idx)
    x = idx.copy()
    while np.any(x):
        c += x & 1
        x >>= 1
    return c


def _dominance_from_subsets(r2: np.ndarray, p: int) -> tuple[np.ndarray, np.ndarray]:
    """Shapley values (general dominance) and conditional dominance (p x p: driver x subset size)."""
    idx = np.arange(2**p, dtype=np.int64)
    size = _popcount(idx)
    n_of_size = np.array([math.comb(p - 1, s) for s in range(p)], dtype=float)
    cond = np.empty((p, p))
    for j in range(p):
        without = idx[((idx >> j) & 1) == 0]
        inc = r2[without | (1 << j)] - r2[without]
        cond[j] = np.bincount(size[without], weights=inc, minlength=p)[:p] / n_of_size
    return cond.mean(axis=1), cond


def _complete_dominance(r2: np.ndarray, p: int, tol: float = 1e-12) -> np.ndarray:
    """Matrix D with D[i, j] = 1 if i completely dominates j, 0 if j dominates i, 0.5 otherwise."""
    D = np.full((p, p), 0.5)
    idx = np.arange(2**p, dtype=np.int64)
    for i in range(p):
        for j in range(i + 1, p):
            others = idx[(((idx >> i) & 1) == 0) & (((idx >> j) & 1) == 0)]
            d = r2[others | (1 << i)] - r2[others | (1 << j)]
            if np.all(d > tol):
                D[i, j], D[j, i] = 1.0, 0.0
            elif np.all(d < -tol):
                D[i, j], D[j, i] = 0.0, 1.0
    return D


def _pairwise_from_values(values: np.ndarray, tol: float = 1e-12) -> np.ndarray:
    """Dominance matrix from one value per driver (general dominance)."""
    d = values[:, None] - values[None, :]
    D = np.where(d > tol, 1.0, np.where(d < -tol, 0.0, 0.5))
    np.fill_diagonal(D, 0.5)
    return D


def _conditional_pattern(cond: np.ndarray, tol: float = 1e-12) -> np.ndarray:
    """Conditional dominance matrix: i dominates j when its contribution is larger at every subset size."""
    p = cond.shape[0]
    D = np.full((p, p), 0.5)
    for i in range(p):
        for j in range(p):
            if i != j:
                d = cond[i] - cond[j]
                if np.all(d > tol):
                    D[i, j] = 1.0
                elif np.all(d < -tol):
                    D[i, j] = 0.0
    return D


def shapley_permutation(corr: np.ndarray, n_permutations: int = 2000, seed=None,
                        batch: int = 500) -> tuple[np.ndarray, np.ndarray]:
    """Shapley/LMG values estimated from random orderings of the drivers.

    Each ordering adds the drivers one by one; the R-squared increments are
    read off the sweep (no refitting). Returns the estimates and their Monte
    Carlo standard errors.

    Examples
    --------
    >>> R = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.3], [0.5, 0.3, 1.0]])
    >>> est, se = shapley_permutation(R, n_permutations=200, seed=1)
    >>> est.round(4).tolist()    # uncorrelated drivers: every ordering gives the same increments
    [0.25, 0.09]
    """
    R = np.asarray(corr, dtype=float)
    p = R.shape[0] - 1
    scale = np.sqrt(np.diag(R))
    R = R / np.outer(scale, scale)
    rng = np.random.default_rng(seed)
    total = np.zeros(p)
    total_sq = np.zeros(p)
    done = 0
    while done < n_permutations:
        m = min(batch, n_permutations - done)
        perms = np.argsort(rng.random((m, p)), axis=1)
        A = np.repeat(R[None], m, axis=0)
        contrib = np.zeros((m, p))
        rows = np.arange(m)
        for step in range(p):
            k = perms[:, step]
            piv = A[rows, k, k]
            col = A[rows, :, k]
            ok = piv > _PIVOT_TOL
            safe = np.where(ok, piv, 1.0)
            contrib[rows, k] = np.where(ok, col[:, p] ** 2 / safe, 0.0)
            upd = (col[:, :, None] * col[:, None, :]) / safe[:, None, None]
            A = A - np.where(ok[:, None, None], upd, 0.0)
        total += contrib.sum(axis=0)
        total_sq += (contrib**2).sum(axis=0)
        done += m
    mean = total / n_permutations
    var = np.maximum(total_sq / n_permutations - mean**2, 0.0)
    se = np.sqrt(var / max(n_permutations - 1, 1))
    return mean, se


# ---------------------------------------------------------------------------------------------------------
# Johnson's relative weights
# ---------------------------------------------------------------------------------------------------------


def _sqrt_psd(Rxx: np.ndarray) -> np.ndarray:
    vals, vecs = np.linalg.eigh(Rxx)
    vals = np.clip(vals, 0.0, None)
    return (vecs * np.sqrt(vals)) @ vecs.T


def johnson_weights(corr: np.ndarray) -> np.ndarray:
    """Johnson's (2000) relative weights from a correlation matrix (outcome last).

    The drivers are replaced by their closest orthogonal counterparts ``Z``
    (``X = Z Lambda`` with ``Lambda`` the symmetric square root of the driver
    correlation matrix); the outcome is regressed on ``Z`` (coefficients
    ``beta``) and driver ``j`` gets ``sum_k Lambda[j, k]**2 * beta[k]**2``.
    The weights sum to the full-model R-squared.

    Examples
    --------
    >>> R = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.3], [0.5, 0.3, 1.0]])
    >>> johnson_weights(R).round(4).tolist()
    [0.25, 0.09]
    """
    R = np.asarray(corr, dtype=float)
    scale = np.sqrt(np.diag(R))
    R = R / np.outer(scale, scale)
    Rxx, rxy = R[:-1, :-1], R[:-1, -1]
    lam = _sqrt_psd(Rxx)
    beta = np.linalg.lstsq(lam, rxy, rcond=None)[0]
    return (lam**2) @ (beta**2)


# ---------------------------------------------------------------------------------------------------------
# logistic outcomes: McFadden dominance and logistic relative weights
# ---------------------------------------------------------------------------------------------------------


def _collapse(X: np.ndarray, y: np.ndarray, w: np.ndarray, index: bool = False):
    """Identical (x, y) rows merged into one row with summed weight (exact for the likelihood). With
    ``index``, also the merged row of every row (None when nothing was merged)."""
    M = np.column_stack([X, y])
    uniq, inv = np.unique(M, axis=0, return_inverse=True)
    if len(uniq) > 0.8 * len(M):
        return (X, y, w, None) if index else (X, y, w)
    inv = inv.ravel()
    ww = np.bincount(inv, weights=w, minlength=len(uniq))
    return (uniq[:, :-1], uniq[:, -1], ww, inv) if index else (uniq[:, :-1], uniq[:, -1], ww)


def all_subsets_mcfadden(X: np.ndarray, y: np.ndarray, w: np.ndarray | None = None, *,
                         collapse: bool = True, starts: list | None = None, betas: list | None = None) -> np.ndarray:
    """McFadden pseudo R-squared (``1 - LL / LL_null``) of the logit of y on every subset of X's columns.

    Same subset indexing as :func:`all_subsets_r2`. Every subset is a separate
    fit by :func:`nps_research.logistic.logistic_fit` (there is no sweep shortcut for the logit likelihood);
    identical rows are merged first, which is exact and makes survey scales fast.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(400, 2)); y = (X[:, 0] + rng.logistic(size=400) > 0).astype(float)
    >>> r2 = all_subsets_mcfadden(X, y)
    >>> bool(r2[3] >= max(r2[1], r2[2]) > 0)
    True
    """
    X = np.asarray(X, float)
    y = np.asarray(y, float)
    w = np.ones(len(y)) if w is None else np.asarray(w, float)
    if collapse:  # (the bootstrap of relative_importance merges once and passes collapse=False)
        X, y, w = _collapse(X, y, w)
    n, p = X.shape
    ones = np.ones((n, 1))
    _, ll0 = logistic_fit(ones, y, w)
    out = np.zeros(2**p)
    if betas is not None:  # the coefficients of every subset's fit, to start a nearby fit from (bootstrap)
        betas[:] = [None] * 2**p
    for s in range(1, 2**p):
        cols = [j for j in range(p) if (s >> j) & 1]
        beta, ll = logistic_fit(np.hstack([ones, X[:, cols]]), y, w, start=starts[s] if starts else None)
        if betas is not None:
            betas[s] = beta
        out[s] = 1.0 - ll / ll0
    return out


def logistic_relative_weights(X: np.ndarray, y: np.ndarray, w: np.ndarray | None = None):
    """Relative weights for a binary outcome (Tonidandel & LeBreton, 2010).

    The drivers are standardised and replaced by their closest orthogonal
    counterparts ``Z`` (from the SVD of X); the logit of y on ``Z`` gives
    coefficients ``b``, fully standardised as ``b * R / sd(logit(p_hat))``
    with ``R`` the correlation between y and the predicted probability; the
    weights are ``Lambda**2 @ beta**2`` as in :func:`johnson_weights` and sum
    to ``R**2``.

    Returns
    -------
    weights : ndarray
    r2 : float
        ``R**2``, the squared correlation of y and the predicted probability.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(500, 3)); y = (X @ [1.0, 0.5, 0.0] + rng.logistic(size=500) > 0).astype(float)
    >>> wts, r2 = logistic_relative_weights(X, y)
    >>> bool(abs(wts.sum() - r2) < 1e-8), int(np.argmax(wts))
    (True, 0)
    """
    X = np.asarray(X, float)
    y = np.asarray(y, float)
    w = np.ones(len(y)) if w is None else np.asarray(w, float)
    wn = w / w.sum()
    mu = wn @ X
    sd = np.sqrt(wn @ (X - mu) ** 2)
    Xs = (X - mu) / sd
    sw = np.sqrt(wn)
    U, _, Vt = np.linalg.svd(Xs * sw[:, None], full_matrices=False)
    Z = (U @ Vt) / sw[:, None]  # orthogonal in the weighted inner product
    zmu = wn @ Z
    zsd = np.sqrt(wn @ (Z - zmu) ** 2)
    Zs = (Z - zmu) / zsd
    Zw = Zs * sw[:, None]
    Lam = np.linalg.lstsq(Zw, Xs * sw[:, None], rcond=None)[0]
    beta_hat, _ = logistic_fit(np.column_stack([np.ones(len(y)), Zs]), y, w)
    b = beta_hat[1:]
    eta = beta_hat[0] + Zs @ b
    phat = 1.0 / (1.0 + np.exp(-eta))
    sd_eta = np.sqrt(wn @ (eta - wn @ eta) ** 2)
    cov_py = wn @ ((phat - wn @ phat) * (y - wn @ y))
    r = cov_py / (np.sqrt(wn @ (phat - wn @ phat) ** 2) * np.sqrt(wn @ (y - wn @ y) ** 2))
    beta = b * r / sd_eta
    weights = (Lam**2).T @ (beta**2)
    return weights, float(r**2)



# ---------------------------------------------------------------------------------------------------------
# result object
# ---------------------------------------------------------------------------------------------------------


@dataclass(repr=False)
class RelativeImportanceResult(Result):
    """Relative importance of drivers, with the dominance detail behind it (see :func:`relative_importance`).

    ``summary()`` is the importance table (full precision, one row per driver in the order given),
    ``describe(language)`` the sentences a report shows, ``table(language)`` the report table (most important
    first, drivers by their labels); :meth:`describe_dominance`, :meth:`dominance_table`,
    :meth:`conditional_table` and :meth:`differences_table` show the dominance detail, :meth:`findings` the
    key finding for the executive summary.

    Attributes
    ----------
    importance : DataFrame
        One row per driver, in the order given: ``driver, importance, share,
        rank`` (1 = most important), ``r`` (correlation with the outcome),
        ``beta`` (standardised full-model coefficient), ``sign_flag`` (True when
        ``beta`` and ``r`` have opposite signs: the driver acts as a suppressor,
        and its coefficient alone would mislead), plus, with a bootstrap,
        ``ci_low, ci_high, share_ci_low, share_ci_high, rank_ci_low,
        rank_ci_high``.
    r2 : float
        Total explained: R-squared (linear), McFadden pseudo R-squared (logistic
        dominance) or the squared correlation of outcome and predicted
        probability (logistic relative weights). ``importance`` sums to it.
    conditional : DataFrame or None
        Conditional dominance statistics: rows = number of other drivers
        already in the model (0 .. p-1), columns = drivers (Shapley only, exact).
    complete_dominance, conditional_dominance, general_dominance : DataFrame or None
        ``D[i, j] = 1`` if driver i dominates j, 0 if j dominates i, 0.5 if
        undetermined (Azen & Budescu, 2003).
    differences : DataFrame or None
        With a bootstrap: pairwise differences of importance with intervals.
    method, family : str
        ``"shapley"`` or ``"johnson"``; ``"linear"`` or ``"logistic"``.
    exact : bool
        False when the Shapley values were estimated by permutation sampling.
    error_bound : float
        For permutation sampling: the largest 95% Monte Carlo half-width of a
        driver's importance; 0 when exact.
    fallback : str or None
        What replaced the requested method, and why (``fallback_kind``: ``"permutation"`` or
        ``"logistic_weights"``).
    n : int or None
        Complete rows used (None when computed from ``corr=``).
    labels : dict
        Column -> the client's column name (from the study), for sentences and tables.
    bootstrap_rows : int or None
        Rows drawn per bootstrap resample when fewer than ``n`` (an m-out-of-n bootstrap, see
        :func:`relative_importance`); None when every resample has ``n`` rows.
    """

    importance: pd.DataFrame
    r2: float
    method: str
    family: str
    drivers: list[str]
    outcome: str
    n: int | None
    exact: bool = True
    error_bound: float = 0.0
    fallback: str | None = None
    conditional: pd.DataFrame | None = None
    differences: pd.DataFrame | None = None
    bootstrap: int = 0
    confidence: float = 0.95
    subset_r2: np.ndarray | None = field(default=None, repr=False)
    _complete: pd.DataFrame | None = field(default=None, repr=False)
    fallback_kind: str | None = None
    n_permutations: int = 2000
    labels: dict[str, str] = field(default_factory=dict)
    bootstrap_rows: int | None = None

    @property
    def complete_dominance(self) -> pd.DataFrame | None:
        if self._complete is None and self.subset_r2 is not None:
            D = _complete_dominance(self.subset_r2, len(self.drivers))
            self._complete = pd.DataFrame(D, index=self.drivers, columns=self.drivers)
        return self._complete

    @property
    def conditional_dominance(self) -> pd.DataFrame | None:
        if self.conditional is None:
            return None
        D = _conditional_pattern(self.conditional.to_numpy().T)
        return pd.DataFrame(D, index=self.drivers, columns=self.drivers)

    @property
    def general_dominance(self) -> pd.DataFrame:
        D = _pairwise_from_values(self.importance["importance"].to_numpy())
        return pd.DataFrame(D, index=self.drivers, columns=self.drivers)

    # -- the contract ------------------------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """The importance table (full precision, drivers in the order given)."""
        return self.importance.copy()

    def _label(self, driver: str) -> Label:
        return Label(driver, self.labels)

    def _outcome(self) -> Label:
        return Label(self.outcome, self.labels)

    def table(self, language: str = "en", **kwargs: Any):
        """The report table: drivers by their labels, most important first, share of the explained part with
        its bootstrap interval, rank (with its interval), correlation with the outcome and standardised
        coefficient."""
        imp = self.importance.sort_values(["rank", "driver"], kind="stable")
        df = pd.DataFrame({"driver": imp["driver"].to_numpy(), "importance_fit": imp["importance"].to_numpy(),
                           "importance_share": imp["share"].to_numpy()})
        if "share_ci_low" in imp.columns:
            df["importance_share_low"] = imp["share_ci_low"].to_numpy()
            df["importance_share_high"] = imp["share_ci_high"].to_numpy()
        df["rank"] = imp["rank"].to_numpy()
        if "rank_ci_low" in imp.columns:
            df["rank_ci_low"] = imp["rank_ci_low"].to_numpy()
            df["rank_ci_high"] = imp["rank_ci_high"].to_numpy()
        df["correlation"] = imp["r"].to_numpy()
        df["beta"] = imp["beta"].to_numpy()
        kwargs.setdefault("labels", self.labels)
        kwargs.setdefault("headers", {"importance_fit": t(f"drivers.col.importance_fit.{self.family}", language)})
        kwargs.setdefault("caption", t("drivers.caption.importance", language, outcome=self._outcome()))
        return report_table(df, language=language, **kwargs)

    def describe(self, language: str = "en", top: int = 3) -> list[str]:
        """What explains the outcome and which driver matters most, with the uncertainty of the order.

        Examples
        --------
        >>> names = ["x1", "x2", "y"]
        >>> R = pd.DataFrame([[1, 0.3, 0.6], [0.3, 1, 0.3], [0.6, 0.3, 1.0]], index=names, columns=names)
        >>> res = relative_importance(outcome="y", drivers=["x1", "x2"], corr=R)
        >>> res.describe()[:2]
        ['Together the 2 drivers explain 38% of the variation in ‘y’ (R² = 0.38).', 'The most important is x1 (86% of the explained part), followed by x2 (14%).']
        >>> res.describe("nl")[1]
        'De belangrijkste is x1 (86% van het verklaarde deel), gevolgd door x2 (14%).'
        """
        imp = self.importance.sort_values(["rank", "driver"], kind="stable")
        k = len(imp)
        out = []
        total = dict(count=k, k=Int(k), outcome=self._outcome(), r2=Num(self.r2, 2),
                     pct=Pct(100 * self.r2, 0))
        key = f"drivers.imp.total.{self.family}"
        out.append(t(key + (".n" if self.n is not None else ""), language,
                     **total, **({"n": Int(self.n)} if self.n is not None else {})))
        first = imp.iloc[0]
        rest = imp.iloc[1:top]
        top_values = dict(top=self._label(first["driver"]), share=Pct(100 * first["share"], 0))
        if len(rest):
            items = [t("drivers.imp.item", language, name=self._label(r["driver"]), share=Pct(100 * r["share"], 0))
                     for _, r in rest.iterrows()]
            out.append(t("drivers.imp.top", language, rest=Words(items), **top_values))
        else:
            out.append(t("drivers.imp.top_only", language, **top_values))
        if "rank_ci_low" in imp.columns and k > 1:
            sure = imp[(imp["rank_ci_low"] == 1) & (imp["rank_ci_high"] == 1)]
            if len(sure):
                out.append(t("drivers.imp.rank_sure", language, top=self._label(sure.iloc[0]["driver"]),
                             level=Level(self.confidence)))
            else:
                tied = [self._label(d) for d in imp.loc[imp["rank_ci_low"] == 1, "driver"]]
                out.append(t("drivers.imp.rank_unsure", language, names=Words(tied, "and"),
                             level=Level(self.confidence)))
        flagged = [self._label(d) for d in imp.loc[imp["sign_flag"].astype(bool), "driver"]]
        if flagged:
            out.append(t("drivers.imp.sign_flag", language, count=len(flagged), names=Words(flagged)))
        out.append(self.describe_method(language))
        return out

    def describe_method(self, language: str = "en") -> str:
        """How the importance was computed (method, exact or approximated, bootstrap)."""
        if self.fallback_kind == "permutation":
            method = t("drivers.imp.method.permutation", language, n=Int(self.n_permutations),
                       err=Num(self.error_bound, 3))
        elif self.fallback_kind == "logistic_weights":
            method = t("drivers.imp.method.logistic_fallback", language, k=Int(len(self.drivers)))
        else:
            method = t(f"drivers.imp.method.{self.method}.{self.family}", language)
        if self.bootstrap:
            return t("drivers.imp.method_boot", language, method=method, level=Level(self.confidence),
                     b=Int(self.bootstrap))
        return t("drivers.imp.method_only", language, method=method)

    def describe_dominance(self, language: str = "en") -> list[str]:
        """Sentences on complete dominance (exact Shapley only; empty otherwise).

        Examples
        --------
        >>> names = ["x1", "x2", "x3", "y"]
        >>> R = pd.DataFrame([[1, 0.2, 0.1, 0.6], [0.2, 1, 0.1, 0.3], [0.1, 0.1, 1, 0.2], [0.6, 0.3, 0.2, 1.0]],
        ...                  index=names, columns=names)
        >>> relative_importance(outcome="y", drivers=names[:3], corr=R).describe_dominance("nl")[0][:40]
        'x1 domineert alle andere factoren volled'
        """
        D = self.complete_dominance
        if D is None or len(self.drivers) < 2:
            return []
        p = len(self.drivers)
        M = D.to_numpy()
        pairs = p * (p - 1) // 2
        decided = int(sum(M[i, j] != 0.5 for i in range(p) for j in range(i + 1, p)))
        out = []
        full = [d for i, d in enumerate(self.drivers) if all(M[i, j] == 1.0 for j in range(p) if j != i)]
        if full:
            out.append(t(f"drivers.dom.complete_all.{self.family}", language, name=self._label(full[0])))
        out.append(t("drivers.dom.count", language, count=decided, k=Int(decided), pairs=Int(pairs)))
        return out

    def dominance_table(self, language: str = "en", **kwargs: Any):
        """Per pair of drivers: which one dominates completely, conditionally and generally ("undetermined"
        when neither), a folded detail table; None without exact Shapley values."""
        if self.complete_dominance is None:
            return None
        C, K, G = (self.complete_dominance.to_numpy(), self.conditional_dominance.to_numpy(),
                   self.general_dominance.to_numpy())
        from ..text import column_label

        def who(M, i, j):
            if M[i, j] == 1.0:
                return column_label(self.drivers[i], language, self.labels)
            if M[i, j] == 0.0:
                return column_label(self.drivers[j], language, self.labels)
            return t("drivers.dom.undetermined", language)

        rows = []
        p = len(self.drivers)
        for i in range(p):
            for j in range(i + 1, p):
                rows.append({"driver_a": self.drivers[i], "driver_b": self.drivers[j],
                             "dominance_complete": who(C, i, j), "dominance_conditional": who(K, i, j),
                             "dominance_general": who(G, i, j)})
        kwargs.setdefault("labels", self.labels)
        kwargs.setdefault("caption", t("drivers.caption.dominance", language))
        kwargs.setdefault("detail", True)
        return report_table(pd.DataFrame(rows), language=language, **kwargs)

    def conditional_table(self, language: str = "en", **kwargs: Any):
        """Conditional dominance statistics (average added fit per number of other drivers in the model), a
        folded detail table with the drivers as columns; None without exact Shapley values."""
        if self.conditional is None:
            return None
        from ..text import column_label

        df = self.conditional.reset_index()
        kwargs.setdefault("labels", self.labels)
        kwargs.setdefault("headers", {d: column_label(d, language, self.labels) for d in self.drivers})
        kwargs.setdefault("kinds", {d: "number:3" for d in self.drivers})
        kwargs.setdefault("caption", t("drivers.caption.conditional", language))
        kwargs.setdefault("detail", True)
        return report_table(df, language=language, **kwargs)

    def differences_table(self, language: str = "en", **kwargs: Any):
        """Pairwise differences of importance with bootstrap intervals (folded); None without a bootstrap."""
        if self.differences is None:
            return None
        df = self.differences.rename(columns={"difference": "importance_difference", "ci_low": "difference_ci_low",
                                              "ci_high": "difference_ci_high"})
        kwargs.setdefault("labels", self.labels)
        kwargs.setdefault("caption", t("drivers.caption.differences", language, level=Level(self.confidence)))
        kwargs.setdefault("detail", True)
        return report_table(df, language=language, **kwargs)

    def findings(self) -> list:
        """The key finding: the most important driver, its share and whether the bootstrap confirms its rank
        (none with a single driver: it explains all of the explained part by definition)."""
        from ..findings import IMPORTANCE, Finding

        if len(self.importance) < 2:
            return []

        imp = self.importance.sort_values(["rank", "driver"], kind="stable")
        first = imp.iloc[0]
        sure = bool("rank_ci_high" in imp.columns and first["rank_ci_high"] == 1 and first["rank_ci_low"] == 1)
        key = "drivers.finding.top_sure" if sure else "drivers.finding.top"
        share = float(first["share"])
        return [Finding.make(
            "drivers", f"drivers.top.{self.outcome}", key,
            numbers={"driver": str(first["driver"]), "share": share, "r2": float(self.r2),
                     "n": self.n, "share_ci_low": first.get("share_ci_low"),
                     "share_ci_high": first.get("share_ci_high")},
            test=f"{self.method} ({self.family})", size=share,
            importance=IMPORTANCE["drivers.top"] + min(9.0, 10 * share) - (0 if sure else 5),
            top=self._label(first["driver"]), share=Pct(100 * share, 0), outcome=self._outcome(),
            level=Level(self.confidence),
        )]

    def summary_text(self) -> str:
        """A plain-text table of the importances (for the Python console)."""
        cols = [c for c in ("driver", "importance", "share", "rank", "ci_low", "ci_high", "r", "beta",
                            "sign_flag") if c in self.importance.columns]
        return self.importance[cols].sort_values("rank").to_string(index=False)

    def __repr__(self) -> str:  # pragma: no cover - convenience
        return (f"RelativeImportanceResult(method={self.method!r}, family={self.family!r}, r2={self.r2:.4f}, "
                f"n={self.n})\n{self.summary_text()}")

def _is_binary(y: np.ndarray) -> bool:
    u = np.unique(y)
    return len(u) <= 2 and set(u.tolist()) <= {0.0, 1.0}


def _std_betas(R: np.ndarray) -> np.ndarray:
    Rxx, rxy = R[:-1, :-1], R[:-1, -1]
    return np.linalg.lstsq(Rxx, rxy, rcond=None)[0]


def _importance_once(method, family, *, R=None, X=None, y=None, w=None, max_exact=MAX_EXACT_LINEAR,
                     n_permutations=2000, seed=None, keep_subsets=False, collapse=True, starts=None,
                     betas=None):
    """One decomposition. Returns dict(values, r2, cond, subsets, exact, error_bound, fallback)."""
    p = (R.shape[0] - 1) if R is not None else X.shape[1]
    out: dict[str, Any] = {"cond": None, "subsets": None, "exact": True, "error_bound": 0.0, "fallback": None,
                           "fallback_kind": None, "method": method}
    if family == "linear":
        if method == "johnson":
            out["values"] = johnson_weights(R)
            out["r2"] = float(out["values"].sum())
            return out
        if p <= max_exact:
            r2s = all_subsets_r2(R)
            vals, cond = _dominance_from_subsets(r2s, p)
            out.update(values=vals, r2=float(r2s[-1]), cond=cond, subsets=r2s if keep_subsets else None)
            return out
        vals, se = shapley_permutation(R, n_permutations=n_permutations, seed=seed)
        out.update(values=vals, r2=float(vals.sum()), exact=False, error_bound=float(1.96 * se.max()),
                   fallback=f"{p} drivers exceed max_exact={max_exact}: Shapley values estimated from "
                            f"{n_permutations} random orderings (permutation sampling)", fallback_kind="permutation")
        return out
    # logistic
    if method == "shapley" and p > max_exact:
        method = "johnson"
        out["fallback"] = (f"{p} drivers exceed max_exact={max_exact} for a logistic outcome (2**p logit fits): "
                           "logistic relative weights (Tonidandel & LeBreton, 2010) used instead")
        out["fallback_kind"] = "logistic_weights"
    if method == "johnson":
        vals, r2 = logistic_relative_weights(X, y, w)
        out.update(values=vals, r2=r2, method="johnson")
        return out
    r2s = all_subsets_mcfadden(X, y, w, collapse=collapse, starts=starts, betas=betas)
    vals, cond = _dominance_from_subsets(r2s, p)
    out.update(values=vals, r2=float(r2s[-1]), cond=cond, subsets=r2s if keep_subsets else None)
    return out


def _ranks(values: np.ndarray) -> np.ndarray:
    """Rank 1 = largest; ties share the lower rank number."""
    v = np.asarray(values)
    return (v[..., None, :] > v[..., :, None]).sum(axis=-1) + 1


def relative_importance(
    data=None,
    *,
    outcome: str,
    drivers=None,
    method: Literal["shapley", "johnson"] = "shapley",
    bootstrap: int = 0,
    confidence: float = 0.95,
    seed=None,
    corr=None,
    weights=None,
    family: Literal["auto", "linear", "logistic"] = "auto",
    max_exact: int | None = None,
    n_permutations: int = 2000,
    bootstrap_rows: int | None = None,
) -> RelativeImportanceResult:
    """Relative importance of correlated drivers: Shapley/LMG dominance or Johnson's weights.

    Parameters
    ----------
    data : DataFrame or Study, optional
        One row per respondent. A Study uses its responses (and its attribute
        columns when ``drivers`` is None). Not needed with ``corr=``.
    outcome : str
        Outcome column (LTR, or a 0/1 outcome such as promoter or retained).
    drivers : list of str, optional
        Driver columns; default the study's attributes.
    method : {"shapley", "johnson"}
        ``"shapley"``: exact LMG/Shapley decomposition of R-squared, i.e. general
        dominance, with conditional and complete dominance (Azen & Budescu,
        2003). ``"johnson"``: Johnson's (2000) relative weights.
    bootstrap : int
        Number of bootstrap resamples (rows drawn with replacement) for
        percentile intervals of importance, share and rank, and of pairwise
        differences (as R's relaimpo ``booteval.relimp``). 0 = none.
    confidence : float
        Interval level.
    seed : int or Generator, optional
        For the bootstrap and permutation sampling.
    corr : DataFrame, optional
        Correlation (or covariance) matrix with the outcome and drivers as row
        and column labels, instead of data (linear outcomes only, no bootstrap).
    weights : str or array, optional
        Survey weights (column name or values): weighted correlations, or a
        weighted likelihood for a logistic outcome.
    family : {"auto", "linear", "logistic"}
        "auto" = logistic when the outcome only takes the values 0 and 1.
        Logistic: dominance uses McFadden's pseudo R-squared (``2**p`` logit
        fits, exact up to 12 drivers by default); Johnson uses logistic relative
        weights (Tonidandel & LeBreton, 2010).
    max_exact : int, optional
        Largest number of drivers for exact Shapley: default 21 (linear) and 12
        (logistic). Above it: permutation sampling (linear) or logistic
        relative weights (logistic), with a :class:`FallbackWarning` and the
        reason in ``result.fallback``.
    n_permutations : int
        Orderings sampled when exact Shapley is out of reach.
    bootstrap_rows : int, optional
        With more complete rows than this, each bootstrap resample draws ``bootstrap_rows`` rows (with
        replacement) instead of ``n``, and the resampled importances are scaled back to ``n`` rows around
        the full-sample estimate, ``est + sqrt(m / n) * (boot - est)``: the m-out-of-n bootstrap (Bickel,
        Götze & van Zwet 1997), valid for these smooth statistics and a fraction of the time at hundreds of
        thousands of rows (intervals within a few percent of the full bootstrap's: see the tests). Default:
        every resample has ``n`` rows.

    Returns
    -------
    RelativeImportanceResult

    Examples
    --------
    The correlation-matrix example of Azen & Budescu (2003):

    >>> names = ["x1", "x2", "x3", "x4", "y"]
    >>> R = pd.DataFrame([[1.0, 0.8, 0.1, 0.3, 0.6], [0.8, 1.0, 0.1, 0.1, 0.3],
    ...                   [0.1, 0.1, 1.0, 0.5, 0.4], [0.3, 0.1, 0.5, 1.0, 0.5],
    ...                   [0.6, 0.3, 0.4, 0.5, 1.0]], index=names, columns=names)
    >>> res = relative_importance(outcome="y", drivers=["x1", "x2", "x3", "x4"], corr=R)
    >>> res.importance[["driver", "importance", "rank"]].round(3)
      driver  importance  rank
    0     x1       0.292     1
    1     x2       0.076     4
    2     x3       0.095     3
    3     x4       0.121     2
    >>> round(res.r2, 4), round(float(res.importance["share"].sum()), 6)
    (0.5844, 1.0)
    """
    if method not in ("shapley", "johnson"):
        raise ValueError(f"method must be 'shapley' or 'johnson', not {method!r}")
    if family not in ("auto", "linear", "logistic"):
        raise ValueError(f"family must be 'auto', 'linear' or 'logistic', not {family!r}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    bootstrap = int(bootstrap)
    if bootstrap < 0:
        raise ValueError("bootstrap must be >= 0")
    df, study = _frame(data)
    drivers = _resolve_drivers(drivers, study)
    if outcome in drivers:
        raise ValueError(f"outcome '{outcome}' is also listed as a driver")
    rng = np.random.default_rng(seed)
    p = len(drivers)

    X = y = w = None
    n = None
    if corr is not None:
        if df is not None:
            raise ValueError("give either data or corr, not both")
        if bootstrap:
            raise ValueError("bootstrap needs the data; a correlation matrix alone cannot be resampled")
        if family == "logistic":
            raise ValueError("a logistic outcome needs the data (corr= is for linear outcomes)")
        C = corr if isinstance(corr, pd.DataFrame) else None
        if C is None:
            raise TypeError("corr must be a DataFrame with the variable names as index and columns")
        missing = [v for v in [*drivers, outcome] if v not in C.index or v not in C.columns]
        if missing:
            raise ValueError(f"corr has no row/column for: {missing}")
        R = C.loc[[*drivers, outcome], [*drivers, outcome]].to_numpy(float)
        if not np.allclose(R, R.T, atol=1e-8):
            raise ValueError("corr must be symmetric")
        if np.linalg.eigvalsh(R).min() < -1e-8:
            raise ValueError("corr is not positive semi-definite (not a valid correlation matrix)")
        fam = "linear"
    else:
        if df is None:
            raise ValueError("give data (a DataFrame or Study) or corr (a correlation matrix)")
        num = _numeric_columns(df, [*drivers, outcome])
        num = num.dropna()
        n = len(num)
        if n < p + 2:
            raise StudyDataError(f"only {n} complete rows for {p} drivers and '{outcome}': too few to estimate")
        if n < MIN_ROWS_PER_DRIVER * p:
            warnings.warn(f"relative_importance: {n} complete rows for {p} drivers (< {MIN_ROWS_PER_DRIVER} "
                          "per driver): importances are unstable", SmallSampleWarning, stacklevel=2)
        w = _weights_array(df, weights, num.index)
        X = num[drivers].to_numpy(float)
        y = num[outcome].to_numpy(float)
        fam = family
        if fam == "auto":
            fam = "logistic" if _is_binary(y) else "linear"
        if fam == "logistic" and not _is_binary(y):
            bad = ~np.isin(y, (0.0, 1.0))
            raise StudyDataError([DataProblem("responses", "a logistic outcome must be 0 or 1", column=outcome,
                                              rows=row_numbers(df, df.index.get_indexer(num.index[bad])),
                                              n_rows=int(bad.sum()))])
        R = _weighted_corr(np.column_stack([X, y]), w)
    if max_exact is None:
        max_exact = MAX_EXACT_LINEAR if fam == "linear" else MAX_EXACT_LOGISTIC

    fits: list = []  # the subset fits of a logistic outcome: the bootstrap starts from them
    main = _importance_once(method, fam, R=R, X=X, y=y, w=w, max_exact=max_exact,
                            n_permutations=n_permutations, seed=rng, keep_subsets=True, betas=fits)
    if main["fallback"]:
        warnings.warn(f"relative_importance: {main['fallback']}", FallbackWarning, stacklevel=2)
    values = main["values"]
    total = float(values.sum())
    r = R[:-1, -1]
    beta = _std_betas(R)
    imp = pd.DataFrame({
        "driver": drivers,
        "importance": values,
        "share": values / total if total > 0 else np.nan,
        "rank": _ranks(values),
        "r": r,
        "beta": beta,
        "sign_flag": (np.sign(beta) * np.sign(r)) < 0,
    })
    differences = None
    m_rows = None
    if bootstrap:
        boot = np.empty((bootstrap, p))
        nrow = len(y)
        draw = nrow
        if bootstrap_rows is not None and nrow > int(bootstrap_rows):
            if int(bootstrap_rows) < MIN_ROWS_PER_DRIVER * p:
                raise ValueError(f"bootstrap_rows must be at least {MIN_ROWS_PER_DRIVER * p} for {p} drivers, "
                                 f"got {bootstrap_rows}")
            draw = m_rows = int(bootstrap_rows)
        base_w = np.ones(nrow) if w is None else w
        used_method = main["method"]
        if fam != "linear":  # identical rows merged once; a resample is then a weight per merged row
            Xm, ym, _, merged = _collapse(X, y, base_w, index=True)
        for b in range(bootstrap):
            counts = np.bincount(rng.integers(0, nrow, draw), minlength=nrow).astype(float)
            wb = base_w * counts
            keep = counts > 0
            if fam == "linear":
                Rb = _weighted_corr(np.column_stack([X, y])[keep], wb[keep])
                ob = _importance_once(used_method, fam, R=Rb, max_exact=max_exact,
                                      n_permutations=n_permutations, seed=rng)
            else:
                if merged is not None:
                    wb = np.bincount(merged, weights=wb, minlength=len(ym))
                    keep = wb > 0
                ob = _importance_once(used_method, fam, X=Xm[keep], y=ym[keep], w=wb[keep], max_exact=max_exact,
                                      n_permutations=n_permutations, seed=rng, collapse=False,
                                      starts=fits or None)
            boot[b] = ob["values"]
        if m_rows is not None:  # m-out-of-n: the spread of m rows scaled to that of n around the estimate
            boot = values + np.sqrt(m_rows / nrow) * (boot - values)
        a = (1 - confidence) / 2
        q = [a, 1 - a]
        lo, hi = np.quantile(boot, q, axis=0)
        shares = boot / boot.sum(axis=1, keepdims=True)
        slo, shi = np.quantile(shares, q, axis=0)
        ranks = _ranks(boot)
        rlo, rhi = np.quantile(ranks, q, axis=0, method="inverted_cdf")
        imp["ci_low"], imp["ci_high"] = lo, hi
        imp["share_ci_low"], imp["share_ci_high"] = slo, shi
        imp["rank_ci_low"], imp["rank_ci_high"] = rlo.astype(int), rhi.astype(int)
        rows = []
        for i in range(p):
            for j in range(i + 1, p):
                d = boot[:, i] - boot[:, j]
                dlo, dhi = np.quantile(d, q)
                rows.append({"driver_a": drivers[i], "driver_b": drivers[j],
                             "difference": values[i] - values[j], "ci_low": dlo, "ci_high": dhi,
                             "significant": bool(dlo > 0 or dhi < 0)})
        differences = pd.DataFrame(rows)
    cond = None
    if main["cond"] is not None:
        cond = pd.DataFrame(main["cond"].T, columns=drivers)
        cond.index.name = "n_other_drivers"
    return RelativeImportanceResult(
        importance=imp, r2=float(main["r2"]), method=main["method"], family=fam, drivers=drivers, outcome=outcome,
        n=n, exact=main["exact"], error_bound=main["error_bound"], fallback=main["fallback"],
        conditional=cond, differences=differences, bootstrap=bootstrap, confidence=confidence,
        subset_r2=main["subsets"], fallback_kind=main["fallback_kind"], n_permutations=n_permutations,
        labels=_labels(data), bootstrap_rows=m_rows,
    )


def describe_importance(result: RelativeImportanceResult, language: str = "en", top: int = 3) -> str:
    """Deprecated: ``" ".join(result.describe(language))``."""
    _deprecated("describe_importance()", "RelativeImportanceResult.describe()")
    return " ".join(result.describe(language, top=top))
