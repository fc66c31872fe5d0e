"""Maximum-likelihood factor analysis with deterministic starts.

statsmodels' :meth:`~statsmodels.multivariate.factor.Factor.fit` draws its EM starting values from fresh OS
entropy unless given an ``rng``; from a poor start BFGS can stop at a worse optimum (on the mobi data, 23 items
and three factors, 12 of 40 calls ended at an ML fit function of 1.7443 instead of psych's 1.6429). Here the fit
starts from squared multiple correlations (communalities at the SMC, loadings from the principal axes of the
reduced correlation matrix, as psych does) and from a few EM starts with fixed seeds, and keeps the best
likelihood: the same inputs give the same bytes.
"""

from __future__ import annotations

import warnings

import numpy as np

__all__ = ["fit_ml", "ml_discrepancy"]

#: Seeded EM starts tried beside the SMC start.
EM_STARTS = 4


def ml_discrepancy(R: np.ndarray, loadings: np.ndarray, uniquenesses: np.ndarray) -> float:
    """The ML fit function ``tr(S^-1 R) - log det(S^-1 R) - k`` with ``S = L L' + Psi`` (psych's objective)."""
    S = loadings @ loadings.T + np.diag(uniquenesses)
    A = np.linalg.solve(S, R)
    sign, logdet = np.linalg.slogdet(A)
    return float(np.trace(A) - logdet - R.shape[0])


def _smc_start(R: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    smc = 1 - 1 / np.diag(np.linalg.pinv(R))
    uniq = np.clip(1 - smc, 0.005, 0.995)
    w, V = np.linalg.eigh(R - np.diag(uniq))
    load = V[:, -m:][:, ::-1] * np.sqrt(np.clip(w[-m:][::-1], 1e-6, None))
    return load, uniq


def fit_ml(R: np.ndarray, n_factor: int, nobs: int, *, em_starts: int = EM_STARTS):
    """The ML factor model of the correlation matrix ``R`` with the best likelihood over deterministic starts.

    Returns statsmodels' ``FactorResults`` of the best start.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=(1000, 1))
    >>> x = f @ np.full((1, 5), 0.7) + rng.normal(scale=0.7, size=(1000, 5))
    >>> R = np.corrcoef(x, rowvar=False)
    >>> a, b = fit_ml(R, 1, 1000), fit_ml(R, 1, 1000)
    >>> bool(np.array_equal(a.loadings, b.loadings)), round(float(abs(a.loadings).mean()), 2)
    (True, 0.7)
    """
    from statsmodels.multivariate.factor import Factor

    best, best_f = None, np.inf
    starts: list = [_smc_start(R, n_factor)] + [("em", seed) for seed in range(em_starts)]
    for start in starts:
        model = Factor(corr=R, n_factor=n_factor, method="ml", nobs=nobs)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                res = model.fit(rng=start[1]) if isinstance(start[0], str) else model.fit(start=start)
            except (np.linalg.LinAlgError, ValueError):
                continue
        f = ml_discrepancy(R, np.asarray(res.loadings, float).reshape(R.shape[0], n_factor),
                           np.asarray(res.uniqueness, float))
        if np.isfinite(f) and f < best_f - 1e-10:
            best, best_f = res, f
    if best is None:
        raise np.linalg.LinAlgError("the ML factor model could not be fitted from any start")
    return best
