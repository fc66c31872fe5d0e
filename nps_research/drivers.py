"""Loyalty drivers: which attributes move recommendation, and by how much.

Four tools, from model to consultant chart:

- :func:`driver_model` fits the model behind the numbers (OLS on 0-10 LTR with
  HC3 standard errors, an ordered logit of the score, or a logit of promoter /
  detractor) with standardised coefficients, VIFs and "what if" scenarios.
- :func:`relative_importance` splits the explained variance over correlated
  drivers honestly: exact Shapley/LMG (general dominance, with conditional and
  complete dominance) or Johnson's relative weights, with bootstrap intervals.
- :func:`penalty_reward` contrasts bottom-box and top-box effects per
  attribute (Kano-style classes).
- :func:`importance_performance` crosses importance with performance.

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
and the result says so (``exact=False``, ``error_bound``, a warning).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from .errors import SmallSampleWarning, StudyDataError
from .inputs import DEFAULT_BREAKS, as_frame, check_breaks, row_numbers

__all__ = [
    "CollinearityWarning",
    "DriverModelResult",
    "FallbackWarning",
    "RelativeImportanceResult",
    "all_subsets_mcfadden",
    "all_subsets_r2",
    "describe_importance",
    "describe_penalty_reward",
    "describe_scenarios",
    "driver_model",
    "importance_performance",
    "johnson_weights",
    "logistic_relative_weights",
    "penalty_reward",
    "relative_importance",
    "shapley_permutation",
]

#: Below this many complete rows per driver a relative-importance estimate warns.
MIN_ROWS_PER_DRIVER = 10
#: Default largest number of drivers for the exact (all-subsets) Shapley decomposition.
MAX_EXACT_LINEAR = 21
#: Largest number of drivers for exact dominance of a logistic outcome (2**p logistic fits).
MAX_EXACT_LOGISTIC = 12
_PIVOT_TOL = 1e-12


class FallbackWarning(UserWarning):
    """An exact method was replaced by an approximation (the result says which)."""


# ---------------------------------------------------------------------------------------------------------
# input handling
# ---------------------------------------------------------------------------------------------------------


def _frame(data: Any) -> tuple[pd.DataFrame, Any]:
    """DataFrame from a DataFrame or a Study (its responses, :func:`nps_research.inputs.as_frame`);
    also returns the Study or None."""
    if data is None:
        return None, None  # type: ignore[return-value]
    df = as_frame(data)
    return df, (None if df is data else data)


def _resolve_drivers(drivers, study) -> list[str]:
    if drivers is None:
        if study is not None and getattr(study, "attributes", None):
            return list(study.attributes)
        if study is not None:  # a study loaded without a study file: attribute columns are named sat_*
            found = [c for c in study.responses.columns if str(c).startswith("sat_")]
            if found:
                return found
        raise ValueError("drivers: give a list of driver columns (or pass a Study with attributes)")
    if isinstance(drivers, str):
        return [drivers]
    drivers = list(drivers)
    if len(drivers) == 0:
        raise ValueError("drivers: the list of drivers is empty")
    if len(set(drivers)) != len(drivers):
        dup = sorted({d for d in drivers if drivers.count(d) > 1})
        raise ValueError(f"drivers: each driver may be listed once; repeated: {dup}")
    return drivers


def _numeric_columns(df: pd.DataFrame, columns: list[str], table: str = "responses") -> pd.DataFrame:
    """The columns as float, raising StudyDataError for missing or non-numeric columns."""
    from .errors import DataProblem

    problems = []
    for c in columns:
        if c not in df.columns:
            problems.append(DataProblem(table, "column is missing (needed as outcome/driver)", column=c))
    if problems:
        raise StudyDataError(problems)
    out = {}
    for c in columns:
        s = df[c]
        if s.dtype == bool:
            s = s.astype(float)
        num = pd.to_numeric(s, errors="coerce")
        bad = num.isna() & s.notna()
        if bad.any():
            rows = row_numbers(df, bad.to_numpy())
            problems.append(DataProblem(table, "values must be numbers", column=c, rows=rows,
                                        n_rows=int(bad.sum()),
                                        examples=tuple(str(v) for v in s[bad].unique()[:5])))
        out[c] = num.astype(float)
    if problems:
        raise StudyDataError(problems)
    return pd.DataFrame(out, index=df.index)


def _weights_array(df: pd.DataFrame, weights, index) -> np.ndarray | None:
    if weights is None:
        return None
    if isinstance(weights, str):
        if weights not in df.columns:
            from .errors import DataProblem

            raise StudyDataError([DataProblem("responses", "weight column is missing", column=weights)])
        w = pd.to_numeric(df.loc[index, weights], errors="coerce").to_numpy(float)
    else:
        w = np.asarray(weights, dtype=float)
        if w.shape[0] != len(df):
            raise ValueError(f"weights: {w.shape[0]} weights for {len(df)} rows")
        w = w[df.index.get_indexer(index)]
    bad = ~np.isfinite(w) | (w <= 0)
    if bad.any():
        from .errors import DataProblem

        raise StudyDataError([DataProblem("responses", "weights must be numbers > 0",
                                          column=weights if isinstance(weights, str) else "weights",
                                          rows=row_numbers(df, df.index.get_indexer(index)[bad]),
                                          n_rows=int(bad.sum()))])
    return w


def _weighted_corr(Z: np.ndarray, w: np.ndarray | None) -> np.ndarray:
    """Correlation matrix of the columns of Z (rows = observations), optionally weighted."""
    if w is None:
        C = np.cov(Z, rowvar=False)
    else:
        w = w / w.sum()
        mu = w @ Z
        D = Z - mu
        C = (D * w[:, None]).T @ D
    d = np.sqrt(np.diag(C))
    if np.any(d <= 0):
        raise StudyDataError("a column has no variation (all values equal); it cannot be a driver or outcome")
    R = C / np.outer(d, d)
    np.fill_diagonal(R, 1.0)
    return R


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
        for t in range(p):
            k = perms[:, t]
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


def _logit_fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, max_iter: int = 100, tol: float = 1e-10):
    """Weighted logistic regression by Newton-Raphson; X includes the intercept column.

    Returns coefficients and the log-likelihood. Separation shows up as
    coefficients growing without bound; the iteration count caps it and the
    log-likelihood is still (nearly) correct.
    """
    beta = np.zeros(X.shape[1])
    ybar = np.clip(np.average(y, weights=w), 1e-12, 1 - 1e-12)
    beta[0] = np.log(ybar / (1 - ybar))
    ll_old = -np.inf
    for _ in range(max_iter):
        eta = X @ beta
        mu = 1.0 / (1.0 + np.exp(-eta))
        ll = float(np.sum(w * (y * eta - np.logaddexp(0.0, eta))))
        grad = X.T @ (w * (y - mu))
        H = (X * (w * mu * (1 - mu))[:, None]).T @ X
        try:
            step = np.linalg.solve(H + 1e-12 * np.eye(len(beta)), grad)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(H, grad, rcond=None)[0]
        beta = beta + step
        if abs(ll - ll_old) < tol * (1 + abs(ll)):
            break
        ll_old = ll
    eta = X @ beta
    ll = float(np.sum(w * (y * eta - np.logaddexp(0.0, eta))))
    return beta, ll


def _collapse(X: np.ndarray, y: np.ndarray, w: np.ndarray):
    """Identical (x, y) rows merged into one row with summed weight (exact for the likelihood)."""
    M = np.column_stack([X, y])
    uniq, inv = np.unique(M, axis=0, return_inverse=True)
    if len(uniq) > 0.8 * len(M):
        return X, y, w
    ww = np.bincount(inv.ravel(), weights=w, minlength=len(uniq))
    return uniq[:, :-1], uniq[:, -1], ww


def all_subsets_mcfadden(X: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """McFadden pseudo R-squared (``1 - LL / LL_null``) of the logit of y on every subset of X's columns.

    Same subset indexing as :func:`all_subsets_r2`. Every subset is a separate
    Newton-Raphson fit (there is no sweep shortcut for the logit likelihood);
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
    X, y, w = _collapse(X, y, w)
    n, p = X.shape
    ones = np.ones((n, 1))
    _, ll0 = _logit_fit(ones, y, w)
    out = np.zeros(2**p)
    for s in range(1, 2**p):
        cols = [j for j in range(p) if (s >> j) & 1]
        _, ll = _logit_fit(np.hstack([ones, X[:, cols]]), y, w)
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
    beta_hat, _ = _logit_fit(np.column_stack([np.ones(len(y)), Zs]), y, w)
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


@dataclass
class RelativeImportanceResult:
    """Relative importance of drivers, with the dominance detail behind it.

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
        What replaced the requested method, and why.
    n : int or None
        Complete rows used (None when computed from ``corr=``).
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

    def summary(self) -> str:
        """A plain-text table of the importances, with the method and caveats."""
        what = {"shapley": "Shapley/LMG (general dominance)", "johnson": "Johnson's relative weights"}[self.method]
        fit = {"linear": "R-squared", "logistic": "pseudo R-squared"}[self.family]
        lines = [f"Relative importance of {len(self.drivers)} drivers for '{self.outcome}': {what}",
                 f"{fit} = {self.r2:.4f}" + (f", n = {self.n:,}" if self.n is not None else " (from corr)")]
        if self.bootstrap:
            lines.append(f"{self.confidence:.0%} percentile intervals from {self.bootstrap} bootstrap resamples")
        if not self.exact:
            lines.append(f"approximate: permutation sampling, largest 95% error {self.error_bound:.2g}")
        if self.fallback:
            lines.append(f"note: {self.fallback}")
        cols = [c for c in ("driver", "importance", "share", "rank", "ci_low", "ci_high", "r", "beta",
                            "sign_flag") if c in self.importance.columns]
        tab = self.importance[cols].sort_values("rank")
        lines.append(tab.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
        flagged = self.importance.loc[self.importance["sign_flag"], "driver"].tolist()
        if flagged:
            lines.append("sign flag (coefficient and correlation disagree in sign): " + ", ".join(flagged))
        return "\n".join(lines)

    def __repr__(self) -> str:  # pragma: no cover - convenience
        return self.summary()


# ---------------------------------------------------------------------------------------------------------
# relative_importance
# ---------------------------------------------------------------------------------------------------------


def _is_binary(y: np.ndarray) -> bool:
    u = np.unique(y)
    return len(u) <= 2 and set(u.tolist()) <= {0.0, 1.0}


def _std_betas(R: np.ndarray) -> np.ndarray:
    Rxx, rxy = R[:-1, :-1], R[:-1, -1]
    return np.linalg.lstsq(Rxx, rxy, rcond=None)[0]


def _importance_once(method, family, *, R=None, X=None, y=None, w=None, max_exact=MAX_EXACT_LINEAR,
                     n_permutations=2000, seed=None, keep_subsets=False):
    """One decomposition. Returns dict(values, r2, cond, subsets, exact, error_bound, fallback)."""
    p = (R.shape[0] - 1) if R is not None else X.shape[1]
    out: dict[str, Any] = {"cond": None, "subsets": None, "exact": True, "error_bound": 0.0, "fallback": None,
                           "method": method}
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
                            f"{n_permutations} random orderings (permutation sampling)")
        return out
    # logistic
    if method == "shapley" and p > max_exact:
        method = "johnson"
        out["fallback"] = (f"{p} drivers exceed max_exact={max_exact} for a logistic outcome (2**p logit fits): "
                           "logistic relative weights (Tonidandel & LeBreton, 2010) used instead")
    if method == "johnson":
        vals, r2 = logistic_relative_weights(X, y, w)
        out.update(values=vals, r2=r2, method="johnson")
        return out
    r2s = all_subsets_mcfadden(X, y, w)
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
            from .errors import DataProblem

            bad = ~np.isin(y, (0.0, 1.0))
            raise StudyDataError([DataProblem("responses", "a logistic outcome must be 0 or 1", column=outcome,
                                              rows=row_numbers(df, df.index.get_indexer(num.index[bad])),
                                              n_rows=int(bad.sum()))])
        R = _weighted_corr(np.column_stack([X, y]), w)
    if max_exact is None:
        max_exact = MAX_EXACT_LINEAR if fam == "linear" else MAX_EXACT_LOGISTIC

    main = _importance_once(method, fam, R=R, X=X, y=y, w=w, max_exact=max_exact,
                            n_permutations=n_permutations, seed=rng, keep_subsets=True)
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
    if bootstrap:
        boot = np.empty((bootstrap, p))
        nrow = len(y)
        base_w = np.ones(nrow) if w is None else w
        used_method = main["method"]
        for b in range(bootstrap):
            counts = np.bincount(rng.integers(0, nrow, nrow), minlength=nrow).astype(float)
            wb = base_w * counts
            keep = counts > 0
            if fam == "linear":
                Rb = _weighted_corr(np.column_stack([X, y])[keep], wb[keep])
                ob = _importance_once(used_method, fam, R=Rb, max_exact=max_exact,
                                      n_permutations=n_permutations, seed=rng)
            else:
                ob = _importance_once(used_method, fam, X=X[keep], y=y[keep], w=wb[keep], max_exact=max_exact,
                                      n_permutations=n_permutations, seed=rng)
            boot[b] = ob["values"]
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
        subset_r2=main["subsets"],
    )


# ---------------------------------------------------------------------------------------------------------
# driver_model
# ---------------------------------------------------------------------------------------------------------


class CollinearityWarning(UserWarning):
    """A driver's variance inflation factor is above the threshold."""


#: Default LTR cut-offs: detractor <= 6, promoter >= 9 (0-10 scale), from ``DEFAULT_BREAKS`` (6, 8);
#: :func:`driver_model` takes other ``breaks=`` as :mod:`nps_research.nps` does.
DETRACTOR_MAX, PROMOTER_MIN = DEFAULT_BREAKS[0], DEFAULT_BREAKS[1] + 1
SCENARIO_METHOD = ("simulation: {n_sim} draws of the coefficients from their estimated asymptotic normal "
                   "distribution (Krinsky-Robb); {level:.0%} percentile interval")


def _design(df: pd.DataFrame, drivers: list[str], controls: list[str] | None) -> pd.DataFrame:
    """Numeric design matrix: drivers as numbers, controls as numbers or dummies (first level dropped)."""
    parts = [_numeric_columns(df, drivers)]
    for c in controls or []:
        if c not in df.columns:
            from .errors import DataProblem

            raise StudyDataError([DataProblem("responses", "control column is missing", column=c)])
        s = df[c]
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            parts.append(s.astype(float).to_frame(c))
        else:
            d = pd.get_dummies(s.astype("string"), prefix=c, drop_first=True, dtype=float)
            d[s.isna().to_numpy()] = np.nan
            parts.append(d)
    return pd.concat(parts, axis=1)


def _vif(X: np.ndarray) -> np.ndarray:
    R = np.corrcoef(X, rowvar=False)
    R = np.atleast_2d(R)
    try:
        return np.diag(np.linalg.inv(R))
    except np.linalg.LinAlgError:
        return np.diag(np.linalg.pinv(R)) * np.inf


def _scale_max(study, df: pd.DataFrame, driver: str, override=None) -> float:
    if override is not None:
        return float(override[driver]) if isinstance(override, dict) else float(override)
    if study is not None:
        ranges = getattr(study, "ranges", {}) or {}
        if driver in ranges:
            return float(ranges[driver][1])
        if driver in (getattr(study, "attributes", []) or []) and "attributes" in ranges:
            return float(ranges["attributes"][1])
        if driver in (getattr(study, "cx_items", []) or []) and "cx_items" in ranges:
            return float(ranges["cx_items"][1])
    return float(pd.to_numeric(df[driver], errors="coerce").max())


@dataclass
class DriverModelResult:
    """A fitted driver model (see :func:`driver_model`).

    Attributes
    ----------
    coefficients : DataFrame
        One row per term (drivers first, then controls; no intercept or
        thresholds): ``term, coef, se, ci_low, ci_high, p_value, std_coef``.
        ``std_coef``: OLS - change in SDs of the outcome per SD of the term
        (beta weight); ordinal / logit - change in log-odds per SD of the term.
    thresholds : DataFrame or None
        Ordinal only: the cut points between adjacent *observed* score levels
        (``P(Y <= k) = F(cut_k - x'b)``, the parametrisation of R's
        ``MASS::polr`` zeta), with standard errors.
    r2 : float
        R-squared (OLS) or McFadden pseudo R-squared (ordinal, logit).
    r2_adj : float or None
        Adjusted R-squared (OLS).
    vif : DataFrame
        ``term, vif, high`` (``high`` when above ``vif_threshold``).
    unused_levels : list of int
        Ordinal: outcome levels in 0-10 nobody used (they get probability 0).
    fit : statsmodels results
        The underlying fit, for everything else.
    """

    kind: str
    outcome: str
    drivers: list[str]
    controls: list[str]
    target: str | None
    coefficients: pd.DataFrame
    thresholds: pd.DataFrame | None
    r2: float
    r2_adj: float | None
    vif: pd.DataFrame
    n: int
    unused_levels: list[int]
    fit: Any = field(repr=False)
    confidence: float = 0.95
    _X: pd.DataFrame = field(default=None, repr=False)
    _y: np.ndarray = field(default=None, repr=False)
    _w: np.ndarray | None = field(default=None, repr=False)
    _scale_max: dict[str, float] = field(default_factory=dict, repr=False)
    _levels: np.ndarray | None = field(default=None, repr=False)
    breaks: tuple[int, int] = DEFAULT_BREAKS

    @property
    def _cutoffs(self) -> tuple[int, int]:
        """(highest detractor score, lowest promoter score) from ``breaks``."""
        return self.breaks[0], self.breaks[1] + 1

    def summary(self) -> str:
        """Plain-text summary: fit, coefficients with intervals, VIFs."""
        kinds = {"ols": "OLS with HC3 (robust) standard errors", "ordinal": "ordered logit",
                 "logit": f"logit of {self.target} vs not"}
        fit = "R-squared" if self.kind == "ols" else "McFadden pseudo R-squared"
        lines = [f"Driver model for '{self.outcome}': {kinds[self.kind]}, n = {self.n:,}",
                 f"{fit} = {self.r2:.4f}" + (f" (adjusted {self.r2_adj:.4f})" if self.r2_adj is not None else "")]
        tab = self.coefficients.merge(self.vif, on="term", how="left")
        lines.append(tab.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
        if self.unused_levels:
            lines.append(f"score levels nobody used: {self.unused_levels}")
        high = self.vif.loc[self.vif["high"], "term"].tolist()
        if high:
            lines.append("high VIF (collinear; read coefficients with care, see relative_importance): "
                         + ", ".join(high))
        return "\n".join(lines)

    def __repr__(self) -> str:  # pragma: no cover - convenience
        return self.summary()

    # -- prediction -----------------------------------------------------------------------------------
    def _param_draws(self, n_sim: int, rng) -> np.ndarray:
        params = np.asarray(self.fit.params, float)
        cov = np.asarray(self.fit.cov_params(), float)
        draws = rng.multivariate_normal(params, cov, size=n_sim, method="eigh")
        return np.vstack([params, draws])

    def _group_shares(self, params: np.ndarray, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Promoter and detractor probability per respondent for each parameter row. Shapes (S, n)."""
        from scipy import stats

        if self.kind == "ols":
            eta = params[:, :1] + params[:, 1:] @ X.T
            sigma = float(np.sqrt(self.fit.scale))
            det_max, prom_min = self._cutoffs
            prom = stats.norm.sf((prom_min - 0.5 - eta) / sigma)
            det = stats.norm.cdf((det_max + 0.5 - eta) / sigma)
            return prom, det
        if self.kind == "logit":
            eta = params[:, :1] + params[:, 1:] @ X.T
            share = 1.0 / (1.0 + np.exp(-eta))
            return share, np.zeros_like(share)
        k = X.shape[1]
        b = params[:, :k]
        th = params[:, k:]
        cuts = np.concatenate([th[:, :1], th[:, :1] + np.cumsum(np.exp(th[:, 1:]), axis=1)], axis=1)
        eta = b @ X.T
        levels = self._levels
        # P(Y <= level) for the last detractor level and the level just below promoters
        def cdf_at(value):
            j = np.searchsorted(levels, value, side="right") - 1  # index of highest observed level <= value
            if j < 0:
                return np.zeros_like(eta)
            if j >= len(levels) - 1:
                return np.ones_like(eta)
            return 1.0 / (1.0 + np.exp(-(cuts[:, j:j + 1] - eta)))

        det_max, prom_min = self._cutoffs
        det = cdf_at(det_max)
        prom = 1.0 - cdf_at(prom_min - 1)
        return prom, det

    def scenario(self, drivers=None, delta: float = 1.0, *, n_sim: int = 2000, seed=0,
                 confidence: float | None = None) -> pd.DataFrame:
        """Predicted NPS if a driver improves by ``delta`` points for everyone (capped at the scale max).

        For each driver separately: every respondent's score is raised by
        ``delta`` but not above the scale maximum (respondents already at the
        top stay there), the model predicts each respondent's chance of being a
        promoter and a detractor, and the (weighted) average gives the NPS.
        ``ols`` reads the fitted line with its normal residual spread
        (promoter: latent LTR >= 8.5, detractor: <= 6.5); ``ordinal`` uses the
        model's category probabilities; ``logit`` predicts the share of its
        target (promoters or detractors, in percent) instead of an NPS.

        The interval is from simulation: ``n_sim`` draws of all parameters from
        their estimated asymptotic normal distribution (Krinsky-Robb), the
        percentile interval of the change.

        Returns
        -------
        DataFrame
            ``driver, delta, quantity, n_can_improve, observed, baseline,
            scenario, change, ci_low, ci_high, method``. ``observed`` is the
            sample value, ``baseline`` the model's prediction for the data as
            they are, ``change = scenario - baseline``.
        """
        conf = self.confidence if confidence is None else confidence
        drivers = self.drivers if drivers is None else ([drivers] if isinstance(drivers, str) else list(drivers))
        rng = np.random.default_rng(seed)
        P = self._param_draws(n_sim, rng)
        X0 = self._X.to_numpy(float)
        w = np.ones(len(X0)) if self._w is None else self._w
        w = w / w.sum()
        if self.kind == "logit":
            quantity = f"{self.target} share (%)"
            observed = 100 * float(w @ self._y)
        else:
            quantity = "NPS"
            yv = self._y
            det_max, prom_min = self._cutoffs
            observed = 100 * float(w @ ((yv >= prom_min).astype(float) - (yv <= det_max)))

        def value(params, X):
            prom, det = self._group_shares(params, X)
            return 100 * ((prom - det) @ w) if self.kind != "logit" else 100 * (prom @ w)

        base = value(P, X0)
        rows = []
        a = (1 - conf) / 2
        for d in drivers:
            if d not in self.drivers:
                raise ValueError(f"scenario: '{d}' is not a driver of this model ({self.drivers})")
            j = list(self._X.columns).index(d)
            X1 = X0.copy()
            top = self._scale_max[d]
            X1[:, j] = np.minimum(X0[:, j] + delta, np.maximum(top, X0[:, j]))
            sc = value(P, X1)
            ch = sc - base
            lo, hi = np.quantile(ch[1:], [a, 1 - a])
            rows.append({"driver": d, "delta": delta, "quantity": quantity,
                         "n_can_improve": int((X0[:, j] < top).sum()), "observed": observed,
                         "baseline": base[0], "scenario": sc[0], "change": ch[0], "ci_low": lo, "ci_high": hi,
                         "method": SCENARIO_METHOD.format(n_sim=n_sim, level=conf)})
        return pd.DataFrame(rows)


def driver_model(
    data,
    *,
    outcome: str = "ltr",
    drivers=None,
    kind: Literal["ols", "ordinal", "logit"] = "ols",
    weights=None,
    controls=None,
    target: Literal["promoter", "detractor"] = "promoter",
    confidence: float = 0.95,
    vif_threshold: float = 5.0,
    scale_max=None,
    breaks=DEFAULT_BREAKS,
) -> DriverModelResult:
    """Regression of LTR on drivers: OLS, ordered logit or promoter/detractor logit.

    Parameters
    ----------
    data : DataFrame or Study
        One row per response (a Study: its responses; drivers default to its attributes).
    outcome : str
        The 0-10 LTR column.
    drivers : list of str, optional
        Driver columns (numeric scores).
    kind : {"ols", "ordinal", "logit"}
        ``"ols"``: linear regression of the 0-10 score, HC3 robust standard
        errors (WLS with ``weights``). ``"ordinal"``: ordered logit of the score
        (statsmodels ``OrderedModel``); levels nobody used are dropped from the
        thresholds and listed in ``unused_levels``. ``"logit"``: logistic
        regression of ``target`` (promoter: 9-10, detractor: 0-6) vs not.
    weights : str or array, optional
        Survey weights. OLS: WLS with HC3; logit: weighted likelihood with
        sandwich (HC0) standard errors; ordinal: not supported.
    controls : list of str, optional
        Extra columns held constant (numeric, or categorical -> dummies).
    target : {"promoter", "detractor"}
        Logit outcome.
    confidence : float
        Interval level for coefficients and scenarios.
    vif_threshold : float
        A :class:`CollinearityWarning` names drivers whose VIF exceeds it.
    scale_max : float or dict, optional
        Scale maximum for scenarios (default: the study's range, else the observed maximum).
    breaks : (int, int)
        Highest detractor and highest passive score, as in :mod:`nps_research.nps` (default
        ``(6, 8)``): the logit ``target`` and the scenario NPS use these categories.

    Returns
    -------
    DriverModelResult

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"a": rng.integers(1, 11, 500), "b": rng.integers(1, 11, 500)})
    >>> df["ltr"] = np.clip(np.round(2 + 0.5 * df["a"] + 0.2 * df["b"] + rng.normal(0, 1, 500)), 0, 10)
    >>> m = driver_model(df, outcome="ltr", drivers=["a", "b"])
    >>> m.coefficients[["term", "coef"]].round(1)
      term  coef
    0    a   0.5
    1    b   0.2
    >>> float(m.scenario("b")["change"].iloc[0]) > 0
    True
    """
    import statsmodels.api as sm
    from scipy import stats

    if kind not in ("ols", "ordinal", "logit"):
        raise ValueError(f"kind must be 'ols', 'ordinal' or 'logit', not {kind!r}")
    if target not in ("promoter", "detractor"):
        raise ValueError(f"target must be 'promoter' or 'detractor', not {target!r}")
    breaks = check_breaks(breaks)
    det_max, prom_min = breaks[0], breaks[1] + 1
    df, study = _frame(data)
    drivers = _resolve_drivers(drivers, study)
    controls = [] if controls is None else ([controls] if isinstance(controls, str) else list(controls))
    if outcome in drivers or outcome in controls:
        raise ValueError(f"outcome '{outcome}' is also a driver or control")
    Xall = _design(df, drivers, controls)
    yser = _numeric_columns(df, [outcome])[outcome]
    keep = Xall.notna().all(axis=1) & yser.notna()
    X = Xall[keep]
    y = yser[keep].to_numpy(float)
    n = len(y)
    k = X.shape[1]
    if n < k + 2:
        raise StudyDataError(f"driver_model: only {n} complete rows for {k} terms: too few to estimate")
    if n < MIN_ROWS_PER_DRIVER * k:
        warnings.warn(f"driver_model: {n} complete rows for {k} terms (< {MIN_ROWS_PER_DRIVER} per term)",
                      SmallSampleWarning, stacklevel=2)
    w = _weights_array(df, weights, X.index)
    if kind == "ordinal" and w is not None:
        raise ValueError("driver_model: weights are not supported for kind='ordinal' (use 'ols' or 'logit')")
    if kind in ("ordinal", "logit"):
        bad = ~np.isin(y, np.arange(0, 11))
        if bad.any():
            from .errors import DataProblem

            raise StudyDataError([DataProblem("responses", "LTR must be whole numbers 0-10", column=outcome,
                                              rows=row_numbers(df, df.index.get_indexer(X.index[bad])),
                                              n_rows=int(bad.sum()))])
    z = stats.norm.ppf(0.5 + confidence / 2)
    Xc = sm.add_constant(X.to_numpy(float), has_constant="add")
    names = list(X.columns)
    thresholds = None
    unused: list[int] = []
    levels = None
    r2_adj = None
    if kind == "ols":
        fit = (sm.OLS(y, Xc) if w is None else sm.WLS(y, Xc, weights=w)).fit(cov_type="HC3")
        coef, se = fit.params[1:], fit.bse[1:]
        r2, r2_adj = float(fit.rsquared), float(fit.rsquared_adj)
        sdy = np.sqrt(np.cov(y, aweights=w)) if w is not None else y.std(ddof=1)
        sdx = (np.sqrt(np.diag(np.atleast_2d(np.cov(X.to_numpy(float), rowvar=False, aweights=w))))
               if w is not None else X.std(ddof=1).to_numpy())
        std = coef * sdx / sdy
        pval = fit.pvalues[1:]
    elif kind == "logit":
        yy = (y >= prom_min).astype(float) if target == "promoter" else (y <= det_max).astype(float)
        if yy.min() == yy.max():
            raise StudyDataError(f"driver_model: every response is {'a' if yy[0] else 'not a'} {target}; "
                                 "a logit needs both")
        if w is None:
            fit = sm.GLM(yy, Xc, family=sm.families.Binomial()).fit()
        else:
            fit = sm.GLM(yy, Xc, family=sm.families.Binomial(), var_weights=w * len(w) / w.sum()).fit(
                cov_type="HC0")
        coef, se, pval = fit.params[1:], fit.bse[1:], fit.pvalues[1:]
        null = sm.GLM(yy, np.ones((n, 1)), family=sm.families.Binomial(),
                      var_weights=None if w is None else w * len(w) / w.sum()).fit()
        r2 = float(1 - fit.llf / null.llf)
        sdx = X.std(ddof=1).to_numpy()
        std = coef * sdx
        y = yy
    else:
        from statsmodels.miscmodels.ordinal_model import OrderedModel

        levels = np.unique(y).astype(int)
        if len(levels) < 3:
            raise StudyDataError(f"driver_model: '{outcome}' takes {len(levels)} values; an ordered logit "
                                 "needs at least 3 (use kind='logit')")
        unused = [v for v in range(levels.min(), levels.max() + 1) if v not in levels]
        model = OrderedModel(pd.Series(y.astype(int)), pd.DataFrame(X.to_numpy(float), columns=names),
                             distr="logit")
        fit = model.fit(method="bfgs", disp=0, maxiter=2000, gtol=1e-8)
        coef, se, pval = (np.asarray(fit.params[:k]), np.asarray(fit.bse[:k]), np.asarray(fit.pvalues[:k]))
        r2 = float(fit.prsquared)
        sdx = X.std(ddof=1).to_numpy()
        std = coef * sdx
        th = np.asarray(fit.params[k:])
        cuts = np.concatenate([[th[0]], th[0] + np.cumsum(np.exp(th[1:]))])
        # delta-method SEs of the cut points from the (first, log-increment) parametrisation
        J = np.zeros((len(th), len(th)))
        J[:, 0] = 1.0
        for i in range(1, len(th)):
            J[i:, i] = np.exp(th[i])
        V = np.asarray(fit.cov_params())[k:, k:]
        cse = np.sqrt(np.diag(J @ V @ J.T))
        thresholds = pd.DataFrame({"between": [f"{a}|{b}" for a, b in zip(levels[:-1], levels[1:])],
                                   "cut": cuts, "se": cse})
    coef, se = np.asarray(coef), np.asarray(se)
    coefs = pd.DataFrame({"term": names, "coef": coef, "se": se, "ci_low": coef - z * se,
                          "ci_high": coef + z * se, "p_value": np.asarray(pval), "std_coef": np.asarray(std)})
    vif = _vif(X.to_numpy(float)) if k > 1 else np.ones(1)
    vif_df = pd.DataFrame({"term": names, "vif": vif, "high": vif > vif_threshold})
    high = vif_df.loc[vif_df["high"] & vif_df["term"].isin(drivers), "term"].tolist()
    if high:
        warnings.warn(f"driver_model: VIF above {vif_threshold:g} for {high}: these drivers overlap; "
                      "their coefficients are unstable (relative_importance shares importance honestly)",
                      CollinearityWarning, stacklevel=2)
    smax = {d: _scale_max(study, df, d, scale_max) for d in drivers}
    return DriverModelResult(kind=kind, outcome=outcome, drivers=drivers, controls=controls,
                             target=target if kind == "logit" else None, coefficients=coefs,
                             thresholds=thresholds, r2=r2, r2_adj=r2_adj, vif=vif_df, n=n, unused_levels=unused,
                             fit=fit, confidence=confidence, _X=X, _y=y, _w=w, _scale_max=smax,
                             _levels=levels, breaks=breaks)


# ---------------------------------------------------------------------------------------------------------
# penalty-reward contrast analysis
# ---------------------------------------------------------------------------------------------------------

PENALTY_REWARD_RULE = (
    "Dummies per attribute: bottom box (score <= low) and top box (score >= high), the middle is the "
    "reference; one OLS regression of the outcome on all dummies (HC3 standard errors). penalty = minus the "
    "bottom-box coefficient (points lost), reward = the top-box coefficient (points gained). Impact-asymmetry "
    "index IA = (reward - penalty) / (reward + penalty), with negative effects counted as 0. Class: "
    "IA <= -{t:g} basic (dissatisfier: hurts when bad, little credit when good); IA >= +{t:g} excitement "
    "(delighter: credit when good, little harm when bad); otherwise performance (both ways); 'no effect' when "
    "neither penalty nor reward is positive."
)


def _default_boxes(study, df, drivers, low, high):
    lows, highs = {}, {}
    for d in drivers:
        if low is not None and high is not None:
            lows[d] = low[d] if isinstance(low, dict) else low
            highs[d] = high[d] if isinstance(high, dict) else high
            continue
        vals = pd.to_numeric(df[d], errors="coerce")
        lo_s, hi_s = vals.min(), vals.max()
        if study is not None:
            ranges = getattr(study, "ranges", {}) or {}
            r = ranges.get(d) or (ranges.get("attributes") if d in (getattr(study, "attributes", []) or [])
                                  else None)
            if r is not None:
                lo_s, hi_s = r
        span = hi_s - lo_s
        lows[d] = (low[d] if isinstance(low, dict) else low) if low is not None else lo_s + math.floor(0.45 * span)
        highs[d] = ((high[d] if isinstance(high, dict) else high) if high is not None
                    else hi_s - math.floor(0.15 * span))
    return lows, highs


def penalty_reward(
    data,
    *,
    outcome: str = "ltr",
    drivers=None,
    low=None,
    high=None,
    weights=None,
    controls=None,
    threshold: float = 0.2,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Penalty-reward contrast analysis with an impact-asymmetry index and Kano-style classes.

    Parameters
    ----------
    data : DataFrame or Study
    outcome : str
        Outcome (LTR or overall satisfaction).
    drivers : list of str, optional
        Attribute columns (default: the study's attributes).
    low, high : number or dict, optional
        Bottom box is ``score <= low``, top box ``score >= high`` (a dict gives
        them per attribute). Default from the scale ``lo..hi`` (the study's
        range, else the observed one): ``low = lo + floor(0.45 (hi - lo))`` and
        ``high = hi - floor(0.15 (hi - lo))``, i.e. 1-10: low 1-5, high 9-10;
        0-10: 0-4 and 9-10; 1-7: 1-3 and 7; 1-5: 1-2 and 5.
    weights : str or array, optional
        Survey weights (WLS).
    controls : list of str, optional
        Further columns held constant in the regression.
    threshold : float
        Impact-asymmetry cut-off for the classes (see the rule below).
    confidence : float
        Interval level.

    Returns
    -------
    DataFrame
        One row per attribute: ``driver, low, high, n_low, n_high, penalty,
        penalty_ci_low, penalty_ci_high, penalty_p, reward, reward_ci_low,
        reward_ci_high, reward_p, impact_asymmetry, kano_class``; the rule
        is in ``.attrs["rule"]``, n in ``.attrs["n"]``.

    Notes
    -----
    The rule, as stored in ``.attrs["rule"]`` (shown for the default threshold 0.2):
    Dummies per attribute: bottom box and top box, the middle is the
    reference; one OLS regression of the outcome on all dummies. penalty =
    minus the bottom-box coefficient, reward = the top-box coefficient.
    IA = (reward - penalty) / (reward + penalty), negative effects counted as
    0. IA <= -0.2 basic; IA >= +0.2 excitement; otherwise performance.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> df = pd.DataFrame({"basic": rng.integers(1, 11, 3000), "plus": rng.integers(1, 11, 3000)})
    >>> df["ltr"] = (6 - 0.6 * np.maximum(0, 6 - df["basic"]) + 0.8 * (df["plus"] >= 9)
    ...              + rng.normal(0, 1, 3000))
    >>> pr = penalty_reward(df, drivers=["basic", "plus"])
    >>> pr[["driver", "kano_class"]]
      driver   kano_class
    0  basic        basic
    1   plus  excitement
    """
    import statsmodels.api as sm
    from scipy import stats

    df, study = _frame(data)
    drivers = _resolve_drivers(drivers, study)
    controls = [] if controls is None else ([controls] if isinstance(controls, str) else list(controls))
    lows, highs = _default_boxes(study, df, drivers, low, high)
    num = _numeric_columns(df, drivers)
    yser = _numeric_columns(df, [outcome])[outcome]
    cols = {}
    for d in drivers:
        if not lows[d] < highs[d]:
            raise ValueError(f"penalty_reward: for '{d}' low ({lows[d]}) must be below high ({highs[d]})")
        cols[f"{d}__low"] = (num[d] <= lows[d]).astype(float).where(num[d].notna())
        cols[f"{d}__high"] = (num[d] >= highs[d]).astype(float).where(num[d].notna())
    D = pd.DataFrame(cols, index=df.index)
    if controls:
        D = pd.concat([D, _design(df, [], controls)], axis=1)
    keep = D.notna().all(axis=1) & yser.notna()
    D, y = D[keep], yser[keep].to_numpy(float)
    n = len(y)
    empty = [c for c in D.columns[: 2 * len(drivers)] if D[c].sum() == 0]
    if empty:
        raise StudyDataError(f"penalty_reward: nobody in the box for {empty}; choose other low/high values")
    if n < MIN_ROWS_PER_DRIVER * D.shape[1]:
        warnings.warn(f"penalty_reward: {n} complete rows for {D.shape[1]} dummies", SmallSampleWarning,
                      stacklevel=2)
    w = _weights_array(df, weights, D.index)
    Xc = sm.add_constant(D.to_numpy(float), has_constant="add")
    fit = (sm.OLS(y, Xc) if w is None else sm.WLS(y, Xc, weights=w)).fit(cov_type="HC3")
    params = pd.Series(fit.params[1:], index=D.columns)
    bse = pd.Series(fit.bse[1:], index=D.columns)
    pv = pd.Series(fit.pvalues[1:], index=D.columns)
    z = stats.norm.ppf(0.5 + confidence / 2)
    rows = []
    for d in drivers:
        pen, pse = -params[f"{d}__low"], bse[f"{d}__low"]
        rew, rse = params[f"{d}__high"], bse[f"{d}__high"]
        pp, rp = max(pen, 0.0), max(rew, 0.0)
        ia = (rp - pp) / (rp + pp) if rp + pp > 0 else np.nan
        if np.isnan(ia):
            cls = "no effect"
        elif ia <= -threshold:
            cls = "basic"
        elif ia >= threshold:
            cls = "excitement"
        else:
            cls = "performance"
        rows.append({"driver": d, "low": lows[d], "high": highs[d], "n_low": int(D[f"{d}__low"].sum()),
                     "n_high": int(D[f"{d}__high"].sum()), "penalty": pen, "penalty_ci_low": pen - z * pse,
                     "penalty_ci_high": pen + z * pse, "penalty_p": pv[f"{d}__low"], "reward": rew,
                     "reward_ci_low": rew - z * rse, "reward_ci_high": rew + z * rse, "reward_p": pv[f"{d}__high"],
                     "impact_asymmetry": ia, "kano_class": cls})
    out = pd.DataFrame(rows)
    out.attrs["rule"] = PENALTY_REWARD_RULE.format(t=threshold)
    out.attrs["n"] = n
    out.attrs["outcome"] = outcome
    return out


# ---------------------------------------------------------------------------------------------------------
# importance-performance
# ---------------------------------------------------------------------------------------------------------

QUADRANTS = {
    (True, False): "concentrate here",
    (True, True): "keep up the good work",
    (False, False): "low priority",
    (False, True): "possible overkill",
}


def importance_performance(
    data,
    *,
    outcome: str = "ltr",
    drivers=None,
    importance="shapley",
    performance: Literal["mean", "top_box"] = "mean",
    top_box=None,
    weights=None,
    split: Literal["mean", "median"] | tuple[float, float] = "mean",
) -> pd.DataFrame:
    """Importance against performance per driver, with the classic four quadrants.

    Parameters
    ----------
    data : DataFrame or Study
    outcome : str
    drivers : list of str, optional
    importance : {"shapley", "johnson", "correlation"} or RelativeImportanceResult
        How importance is measured (a precomputed result is reused, with its
        intervals). Importance is normalised to shares summing to 1
        (correlation: squared correlations normalised).
    performance : {"mean", "top_box"}
        The driver's (weighted) mean score, or the share (0-1) scoring
        ``>= top_box`` (default: the top box of :func:`penalty_reward`).
    weights : str or array, optional
    split : "mean", "median" or (importance, performance)
        Where the quadrant lines are: the mean (or median) over drivers, or given values.

    Returns
    -------
    DataFrame
        ``driver, importance, performance, quadrant`` (plus ``importance_ci_low,
        importance_ci_high`` when the importance has a bootstrap); the lines in
        ``.attrs["split"]``. Quadrants: high importance & low performance
        "concentrate here"; high & high "keep up the good work"; low & low
        "low priority"; low importance & high performance "possible overkill".

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> df = pd.DataFrame({"a": rng.normal(5, 1, 400), "b": rng.normal(8, 1, 400), "c": rng.normal(6, 1, 400)})
    >>> df["ltr"] = 2 * df["a"] + 0.2 * df["b"] + 0.1 * df["c"] + rng.normal(0, 1, 400)
    >>> ip = importance_performance(df, drivers=["a", "b", "c"])
    >>> ip.set_index("driver")["quadrant"].to_dict()
    {'a': 'concentrate here', 'b': 'possible overkill', 'c': 'low priority'}
    """
    df, study = _frame(data)
    if isinstance(importance, RelativeImportanceResult):
        ri = importance
        drivers = ri.drivers if drivers is None else _resolve_drivers(drivers, study)
        imp = ri.importance.set_index("driver").loc[drivers]
        share = imp["share"].to_numpy()
    else:
        drivers = _resolve_drivers(drivers, study)
        if importance in ("shapley", "johnson"):
            ri = relative_importance(df, outcome=outcome, drivers=drivers, method=importance, weights=weights)
            imp = ri.importance.set_index("driver")
            share = imp["share"].to_numpy()
        elif importance == "correlation":
            ri = None
            num = _numeric_columns(df, [*drivers, outcome]).dropna()
            w = _weights_array(df, weights, num.index)
            r = _weighted_corr(num.to_numpy(float), w)[:-1, -1]
            share = r**2 / np.sum(r**2)
            imp = None
        else:
            raise ValueError("importance must be 'shapley', 'johnson', 'correlation' or a RelativeImportanceResult")
    num = _numeric_columns(df, drivers)
    perf = []
    if performance == "top_box" and top_box is None:
        _, highs = _default_boxes(study, df, drivers, None, None)
    for d in drivers:
        s = num[d]
        ok = s.notna()
        w = _weights_array(df, weights, s.index[ok])
        w = np.ones(ok.sum()) if w is None else w
        if performance == "mean":
            perf.append(float(np.average(s[ok], weights=w)))
        elif performance == "top_box":
            hb = top_box if top_box is not None else highs[d]
            hb = hb[d] if isinstance(hb, dict) else hb
            perf.append(float(np.average(s[ok] >= hb, weights=w)))
        else:
            raise ValueError("performance must be 'mean' or 'top_box'")
    perf = np.array(perf)
    if split == "mean":
        si, sp = float(np.mean(share)), float(np.mean(perf))
    elif split == "median":
        si, sp = float(np.median(share)), float(np.median(perf))
    else:
        si, sp = map(float, split)
    out = pd.DataFrame({"driver": drivers, "importance": share, "performance": perf})
    if imp is not None and "share_ci_low" in imp.columns:
        out["importance_ci_low"] = imp["share_ci_low"].to_numpy()
        out["importance_ci_high"] = imp["share_ci_high"].to_numpy()
    out["quadrant"] = [QUADRANTS[(bool(i > si), bool(p > sp))] for i, p in zip(share, perf)]
    out.attrs["split"] = (si, sp)
    out.attrs["performance"] = performance
    return out


# ---------------------------------------------------------------------------------------------------------
# sentences for reports
# ---------------------------------------------------------------------------------------------------------


def _label(name: str) -> str:
    return str(name).removeprefix("sat_").replace("_", " ")


def describe_importance(result: RelativeImportanceResult, language: str = "en", top: int = 3) -> str:
    """Conclusions from a relative-importance result, in English or Dutch, generated from its numbers.

    Examples
    --------
    >>> names = ["x1", "x2", "y"]
    >>> R = pd.DataFrame([[1, 0.3, 0.6], [0.3, 1, 0.3], [0.6, 0.3, 1.0]], index=names, columns=names)
    >>> print(describe_importance(relative_importance(outcome="y", drivers=["x1", "x2"], corr=R)))
    Together the 2 drivers explain 38% of the variation in y. The most important is x1 (86% of the explained part), followed by x2 (14%).
    """
    imp = result.importance.sort_values("rank")
    nl = language == "nl"
    fit = result.r2 * 100
    parts = []
    if nl:
        parts.append(f"Samen verklaren de {len(imp)} drivers {fit:.0f}% van de variatie in {result.outcome}.")
    else:
        parts.append(f"Together the {len(imp)} drivers explain {fit:.0f}% of the variation in {result.outcome}.")
    first = imp.iloc[0]
    rest = imp.iloc[1:top]
    share = lambda r: f"{_label(r['driver'])} ({100 * r['share']:.0f}%)"  # noqa: E731
    if nl:
        s = f"De belangrijkste is {_label(first['driver'])} ({100 * first['share']:.0f}% van het verklaarde deel)"
        s += (", gevolgd door " + ", ".join(share(r) for _, r in rest.iterrows()) + ".") if len(rest) else "."
    else:
        s = f"The most important is {_label(first['driver'])} ({100 * first['share']:.0f}% of the explained part)"
        s += (", followed by " + ", ".join(share(r) for _, r in rest.iterrows()) + ".") if len(rest) else "."
    parts.append(s)
    if "rank_ci_low" in imp.columns:
        sure = imp[(imp["rank_ci_low"] == 1) & (imp["rank_ci_high"] == 1)]
        if len(sure):
            parts.append(f"Het bootstrap-interval van de rangorde bevestigt dat {_label(sure.iloc[0]['driver'])} "
                         "op 1 staat." if nl else
                         f"The bootstrap interval of the ranks confirms {_label(sure.iloc[0]['driver'])} as number 1.")
        else:
            tied = imp[imp["rank_ci_low"] == 1]["driver"].map(_label).tolist()
            parts.append(("Welke driver op 1 staat is onzeker; kandidaten: " if nl else
                          "Which driver ranks first is uncertain; candidates: ") + ", ".join(tied) + ".")
    flagged = imp.loc[imp["sign_flag"], "driver"].map(_label).tolist()
    if flagged:
        parts.append(("Let op: bij " + ", ".join(flagged) + " heeft de regressiecoëfficiënt een ander teken dan "
                      "de correlatie (suppressie); lees die coëfficiënt niet los.") if nl else
                     ("Note: for " + ", ".join(flagged) + " the regression coefficient has the opposite sign of "
                      "the correlation (suppression); do not read that coefficient on its own."))
    if result.fallback:
        parts.append(("Benadering: " if nl else "Approximation: ") + result.fallback + ".")
    return " ".join(parts)


def describe_penalty_reward(table: pd.DataFrame, language: str = "en") -> str:
    """Sentences naming basic (penalty-heavy) and excitement attributes from :func:`penalty_reward`.

    Examples
    --------
    >>> t = pd.DataFrame({"driver": ["sat_price", "sat_app"], "kano_class": ["basic", "performance"],
    ...                   "penalty": [0.8, 0.3], "reward": [0.1, 0.3]})
    >>> describe_penalty_reward(t)
    'Basic attributes (a low score costs much more than a high score gains): price. Performance attributes (both ways): app.'
    """
    nl = language == "nl"
    names = {"basic": ("Basisattributen (een lage score kost veel meer dan een hoge score oplevert)",
                       "Basic attributes (a low score costs much more than a high score gains)"),
             "excitement": ("Enthousiasmerende attributen (een hoge score levert op, een lage kost weinig)",
                            "Excitement attributes (a high score pays, a low one costs little)"),
             "performance": ("Prestatie-attributen (beide kanten op)", "Performance attributes (both ways)"),
             "no effect": ("Zonder aantoonbaar effect", "Without a visible effect")}
    parts = []
    for cls in ("basic", "excitement", "performance", "no effect"):
        sub = table[table["kano_class"] == cls]
        if len(sub):
            parts.append(f"{names[cls][0 if nl else 1]}: " + ", ".join(sub["driver"].map(_label)) + ".")
    return " ".join(parts)


def describe_scenarios(table: pd.DataFrame, language: str = "en") -> str:
    """Sentence on the best one-point improvement from :meth:`DriverModelResult.scenario`.

    Examples
    --------
    >>> t = pd.DataFrame({"driver": ["sat_a", "sat_b"], "delta": [1.0, 1.0], "quantity": ["NPS", "NPS"],
    ...                   "change": [2.0, 4.5], "ci_low": [1.0, 3.0], "ci_high": [3.0, 6.0]})
    >>> describe_scenarios(t)
    'Raising b by 1 point for everyone (capped at the scale maximum) would change the NPS most: by 4.5 points (interval 3.0 to 6.0).'
    """
    best = table.sort_values("change", ascending=False).iloc[0]
    q = best["quantity"]
    if language == "nl":
        return (f"Een verbetering van {_label(best['driver'])} met {best['delta']:g} punt voor iedereen (tot het "
                f"schaalmaximum) verandert de {q} het meest: met {best['change']:.1f} punten (interval "
                f"{best['ci_low']:.1f} tot {best['ci_high']:.1f}).")
    return (f"Raising {_label(best['driver'])} by {best['delta']:g} point for everyone (capped at the scale maximum) "
            f"would change the {q} most: by {best['change']:.1f} points (interval {best['ci_low']:.1f} to "
            f"{best['ci_high']:.1f}).")
