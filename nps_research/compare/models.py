"""The models behind the NPS-versus-CX comparisons: design matrices of measure sets, the fold fits
(the package's one logistic fit, :func:`nps_research.logistic.logistic_fit`, and least squares) and the
whole-sample fits with standard errors (statsmodels' GLM and OLS)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from ..logistic import logistic_fit
from ._common import _numeric, _require_columns

__all__ = ["Prepared", "fit_whole_sample", "linear_fit", "normalise_measures", "null_loglik", "predict", "prepare"]


def _design_blocks(df: pd.DataFrame, columns: Sequence[str]) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Numeric design columns; text/categorical columns become dummies (first level dropped)."""
    blocks = {}
    parts = []
    for c in columns:
        s = df[c]
        if s.dtype == bool or pd.api.types.is_numeric_dtype(s):
            parts.append(pd.DataFrame({c: pd.to_numeric(s).astype(float)}, index=df.index))
            blocks[c] = [c]
        else:
            dummies = pd.get_dummies(s.astype("category"), prefix=c, prefix_sep="=", drop_first=True, dtype=float)
            dummies.loc[s.isna().to_numpy()] = np.nan
            parts.append(dummies)
            blocks[c] = list(dummies.columns)
    design = pd.concat(parts, axis=1) if parts else pd.DataFrame(index=df.index)
    return design, blocks


@dataclass
class Prepared:
    """Complete-case outcome and design of a set of measures (intercept first)."""

    y: np.ndarray
    X: np.ndarray
    columns: list[str]
    index: pd.Index
    sets: dict[str, list[int]]  # measure -> column positions in X (intercept and controls included)
    n_dropped: int


def normalise_measures(measures: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """``{name: [columns]}`` with string names and lists (a single column may be given as a string)."""
    if not isinstance(measures, Mapping) or not measures:
        raise ValueError("measures must be a non-empty dict: name -> list of predictor columns")
    return {str(k): [v] if isinstance(v, str) else list(v) for k, v in measures.items()}


def prepare(df: pd.DataFrame, outcome: str, measures: Mapping[str, Sequence[str]],
            controls: Sequence[str] | None) -> Prepared:
    """Outcome, design and the columns of each measure on the rows complete for every measure.

    Text columns become dummies (``column=level``); controls enter every measure's set.

    Examples
    --------
    >>> df = pd.DataFrame({"y": [1, 0, 1, 0], "ltr": [9, 3, None, 5], "seg": ["a", "b", "a", "b"]})
    >>> p = prepare(df, "y", {"nps": ["ltr"], "seg": ["seg"]}, None)
    >>> p.columns, p.sets, p.n_dropped
    (['Intercept', 'ltr', 'seg=b'], {'nps': [0, 1], 'seg': [0, 2]}, 1)
    """
    measures = normalise_measures(measures)
    controls = [] if controls is None else ([controls] if isinstance(controls, str) else list(controls))
    used = list(dict.fromkeys([c for cols in measures.values() for c in cols] + controls))
    if outcome in used:
        raise ValueError(f"the outcome {outcome!r} is also listed as a predictor")
    _require_columns(df, [outcome, *used], "the models")
    y = pd.Series(_numeric(df, outcome), index=df.index)
    design, blocks = _design_blocks(df, used)
    complete = y.notna() & design.notna().all(axis=1)
    n_dropped = int((~complete).sum())
    design = design[complete]
    y_arr = y[complete].to_numpy()
    names = ["Intercept", *design.columns]
    X = np.column_stack([np.ones(len(design)), design.to_numpy(dtype=float)])
    pos = {name: i for i, name in enumerate(names)}
    control_pos = [pos[c] for ctl in controls for c in blocks[ctl]]
    sets = {m: [0, *control_pos, *[pos[c] for col in cols for c in blocks[col] if pos[c] not in control_pos]]
            for m, cols in measures.items()}
    return Prepared(y_arr, X, names, design.index, sets, n_dropped)


def linear_fit(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least-squares coefficients."""
    return np.linalg.lstsq(X, y, rcond=None)[0]


def predict(kind: str, X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    """Fit on the training rows and predict the test rows (probabilities for a binary outcome)."""
    if kind == "binary":
        beta, _ = logistic_fit(X_train, y_train)
        return special.expit(X_test @ beta)
    return X_test @ linear_fit(X_train, y_train)


#: Above this many rows a binary whole-sample model is fitted by :class:`LogitFit` instead of statsmodels' GLM,
#: whose iterations hold several copies of the design (0.7 GB more at a million customers).
_LARGE_LOGIT = 200_000


@dataclass
class LogitFit:
    """A logistic regression's maximum-likelihood fit with the statistics that statsmodels' binomial GLM gives
    (``params``, ``bse`` from the inverse information, Wald ``pvalues`` and ``conf_int``, ``llf``), computed
    with :func:`~nps_research.logistic.logistic_fit` and one more pass over the rows."""

    params: np.ndarray
    bse: np.ndarray
    llf: float

    @classmethod
    def fit(cls, X: np.ndarray, y: np.ndarray) -> LogitFit:
        beta, ll = logistic_fit(X, y, tol=1e-13, max_iter=200)
        mu = special.expit(X @ beta)
        info = (X * (mu * (1 - mu))[:, None]).T @ X
        cov = np.linalg.pinv(info)
        return cls(params=beta, bse=np.sqrt(np.clip(np.diag(cov), 0, None)), llf=float(ll))

    @property
    def pvalues(self) -> np.ndarray:
        from scipy import stats

        return 2 * stats.norm.sf(np.abs(self.params / self.bse))

    def conf_int(self, alpha: float = 0.05) -> np.ndarray:
        from scipy import stats

        z = stats.norm.ppf(1 - alpha / 2)
        return np.column_stack([self.params - z * self.bse, self.params + z * self.bse])


def fit_whole_sample(kind: str, X: np.ndarray, y: np.ndarray):
    """The whole-sample model as statsmodels results: binomial GLM (logit link) for a binary outcome, OLS
    for a continuous one. Coefficients, standard errors, intervals and the log-likelihood come from it.

    Examples
    --------
    The GLM and the package's one logistic fit (used for the cross-validation folds) agree:

    >>> rng = np.random.default_rng(0)
    >>> X = np.column_stack([np.ones(300), rng.normal(size=300)])
    >>> y = (rng.random(300) < special.expit(0.5 + X[:, 1])).astype(float)
    >>> fit = fit_whole_sample("binary", X, y)
    >>> bool(np.allclose(fit.params, logistic_fit(X, y)[0], atol=1e-7))
    True
    """
    import statsmodels.api as sm

    if kind == "binary" and len(y) > _LARGE_LOGIT:
        return LogitFit.fit(X, y)
    if kind == "binary":
        from statsmodels.tools.sm_exceptions import PerfectSeparationWarning

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PerfectSeparationWarning)
            return sm.GLM(y, X, family=sm.families.Binomial()).fit(tol=1e-12, maxiter=200)
    return sm.OLS(y, X).fit()


def null_loglik(kind: str, y: np.ndarray) -> float:
    """Log-likelihood of the intercept-only model."""
    n = len(y)
    if kind == "binary":
        m = y.mean()
        return float(n * (m * math.log(m) + (1 - m) * math.log(1 - m)))
    sse = float(np.sum((y - y.mean()) ** 2))
    return -n / 2 * (math.log(2 * math.pi * sse / n) + 1)
