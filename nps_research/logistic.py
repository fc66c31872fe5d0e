"""The one logistic-regression fit of the package (maximum likelihood, optionally weighted).

Analyses that fit thousands of small logits (all-subsets dominance, cross-validation folds) use this
Newton-Raphson fit with step halving; where a single model with standard errors and a summary serves
the reader, analyses use statsmodels' GLM, which this fit matches (``tests/test_logistic.py``).

Examples
--------
>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> x = rng.normal(size=500); y = (0.5 + x + rng.logistic(size=500) > 0).astype(float)
>>> X = np.column_stack([np.ones(500), x])
>>> beta, ll = logistic_fit(X, y)
>>> np.round(beta, 3).tolist(), round(ll, 2)
([0.493, 1.061], -287.72)
"""

from __future__ import annotations

import numpy as np
from scipy import special

__all__ = ["logistic_fit"]


def logistic_fit(X: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None, *, max_iter: int = 100,
                 tol: float = 1e-10, start: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Maximum-likelihood logistic regression by Newton-Raphson with step halving.

    Parameters
    ----------
    X : array (n, p)
        Design matrix; column 0 is the intercept (ones).
    y : array (n,)
        0/1 outcome (or proportions with ``weights`` as trials).
    weights : array (n,), optional
        Frequency or survey weights (the weighted log-likelihood is maximised).
    max_iter, tol : int, float
        Iteration cap and relative convergence tolerance on the log-likelihood and the step.
    start : array (p,), optional
        Starting values (default: the intercept at the logit of the mean, the rest 0); a nearby fit's
        coefficients (a bootstrap resample's full-sample fit) save iterations.

    Returns
    -------
    beta : ndarray (p,)
        Coefficients. Under (quasi-)separation they grow until the iteration cap; the log-likelihood is
        then still (nearly) its supremum.
    loglik : float
        The (weighted) log-likelihood at ``beta``.
    """
    X = np.asarray(X, float)
    y = np.asarray(y, float)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, float)
    p_dim = X.shape[1]
    beta = np.zeros(p_dim)
    ybar = float(np.clip(np.sum(w * y) / np.sum(w), 1e-12, 1 - 1e-12))
    beta[0] = np.log(ybar / (1 - ybar))
    if start is not None and len(start) == p_dim and np.all(np.isfinite(start)):
        beta = np.array(start, float)

    def loglik(b: np.ndarray) -> float:
        eta = X @ b
        return float(np.sum(w * (y * eta - np.logaddexp(0.0, eta))))

    ll = loglik(beta)
    ridge = 1e-12 * np.eye(p_dim)
    for _ in range(max_iter):
        mu = special.expit(X @ beta)
        grad = X.T @ (w * (y - mu))
        hess = (X * (w * mu * (1 - mu))[:, None]).T @ X + ridge
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(hess, grad, rcond=None)[0]
        t = 1.0
        while True:
            cand = beta + t * step
            ll_new = loglik(cand)
            if ll_new >= ll - 1e-12 * (1 + abs(ll)) or t < 1e-8:
                break
            t /= 2
        beta, ll_old, ll = cand, ll, ll_new
        if np.max(np.abs(t * step)) < tol or abs(ll - ll_old) < tol * (1 + abs(ll)):
            break
    return beta, ll
