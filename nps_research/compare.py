"""NPS versus CX: which measure predicts what customers actually do?

Klaus & Maklan (2013) reported that a journey-level customer-experience measure (EXQ) explains loyalty
and recommendation better than satisfaction, while most firms steer on satisfaction or on the Net
Promoter Score. This module tests that claim on a client's own data, and states what a promoter is worth
compared with a detractor, with uncertainty.

Functions
---------
:func:`predictive_validity`
    Out-of-sample comparison of competing predictor sets ("NPS", "NPS category", "Satisfaction",
    "CX (EXQ)", "CX + NPS", ...) for one outcome, by repeated k-fold cross-validation with the *same*
    folds for every set, so that differences are paired. Binary outcome: logistic regression scored by
    AUC, Brier score and log-loss; continuous outcome: linear regression scored by R-squared and RMSE.
    Differences against the baseline set use the Nadeau & Bengio (2003) corrected resampled t-test in its
    repeated k-fold form (Bouckaert & Frank 2004). In-sample AIC/BIC, coefficients and likelihood-ratio
    tests for nested sets come with it.
:func:`incremental_validity`
    Hierarchical regression: does CX add to NPS (delta R-squared with an F test, or delta McFadden
    pseudo R-squared with a likelihood-ratio test), and does NPS add to CX.
:func:`compare_correlations`
    Two dependent correlations sharing a variable, e.g. r(LTR, retention) versus r(CX, retention) given
    r(LTR, CX): Steiger's (1980) Z (default), Williams' T2 (the test Steiger recommends, as in
    ``psych::r.test``) or Meng, Rosenthal & Rubin's (1992) Z, with Zou's (2007) confidence interval for
    the difference of the correlations.
:func:`value_by_category`
    Revenue, retention, number of products ... per promoter / passive / detractor with bootstrap
    intervals, the promoter-to-detractor value ratio (practitioners quote "promoters are worth three
    times more": this tests it) and the value difference of moving one detractor to passive or promoter.
:func:`dimension_importance`
    Which CX dimension matters most for each outcome: relative importance (Shapley / dominance analysis)
    from :mod:`nps_research.drivers`, with bootstrap intervals.

Customer-level data
-------------------
Surveys are per response, behaviour per customer. :func:`join_latest_response` keeps each customer's
latest response (optionally of one survey type) and joins it to the outcomes table on ``customer_id``;
:func:`customer_frame` does that for a :class:`~nps_research.Study` and adds the NPS category dummies
(``promoter``, ``passive``, ``detractor``) and the CX dimension scores. Every function here accepts a
Study too and then calls :func:`customer_frame` itself.

All associations are observational: the value of "moving a detractor to promoter" is the difference in
mean value between the groups, which equals the effect of moving a customer only when nothing else
differs between them.

References
----------
Bouckaert, R. R., & Frank, E. (2004). Evaluating the replicability of significance tests for comparing
learning algorithms. PAKDD, 3-12.
Klaus, Ph., & Maklan, S. (2013). Towards a better measure of customer experience. International Journal
of Market Research, 55(2), 227-246.
Meng, X.-L., Rosenthal, R., & Rubin, D. B. (1992). Comparing correlated correlation coefficients.
Psychological Bulletin, 111, 172-175.
Nadeau, C., & Bengio, Y. (2003). Inference for the generalization error. Machine Learning, 52, 239-281.
Steiger, J. H. (1980). Tests for comparing elements of a correlation matrix. Psychological Bulletin, 87,
245-251.
Zou, G. Y. (2007). Toward using confidence intervals to compare correlations. Psychological Methods, 12,
399-413.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import special, stats

from .errors import DataProblem, StudyDataError
from .inputs import _is_study, as_frame, require_columns, row_numbers
from .nps import SMALL_N, SmallSampleWarning, categorize
from .text import fmt_number, fmt_p

__all__ = [
    "EXQ_DIMENSIONS",
    "EXQ_LABELS",
    "CATEGORIES",
    "CategoryValue",
    "CorrelationComparison",
    "DimensionImportance",
    "IncrementalValidity",
    "PredictiveValidity",
    "auc",
    "available_measures",
    "compare_correlations",
    "corrected_resampled_ttest",
    "customer_frame",
    "dependent_correlation_test",
    "dimension_importance",
    "add_nps_categories",
    "exq_dimension_scores",
    "hypotheses",
    "incremental_validity",
    "join_latest_response",
    "join_summary",
    "overall_conclusions",
    "predictive_validity",
    "repeated_kfold",
    "value_by_category",
]

#: EXQ dimensions (Klaus & Maklan 2013) and their items in the demo data (Likert 1-7); the keys are those of
#: :data:`nps_research.cx.scales.EXQ`.
EXQ_DIMENSIONS: dict[str, list[str]] = {
    "pex": ["pex1", "pex2", "pex3", "pex4"],
    "out": ["out1", "out2", "out3", "out4"],
    "mot": ["mot1", "mot2", "mot3", "mot4", "mot5"],
    "pom": ["pom1", "pom2", "pom3", "pom4", "pom5", "pom6"],
}
#: Readable names of the EXQ dimensions per language.
EXQ_LABELS: dict[str, dict[str, str]] = {
    "en": {"pex": "product experience", "out": "outcome focus", "mot": "moments of truth", "pom": "peace of mind"},
    "nl": {"pex": "productervaring", "out": "uitkomstgerichtheid", "mot": "momenten van de waarheid",
           "pom": "gemoedsrust"},
}

#: NPS categories in order, as used for the dummy columns added by :func:`customer_frame`.
CATEGORIES = ("detractor", "passive", "promoter")

_KINDS = ("auto", "binary", "continuous")
_HIGHER_IS_BETTER = {"auc": True, "brier": False, "log_loss": False, "r2": True, "rmse": False}
_METRICS = {"binary": ("auc", "brier", "log_loss"), "continuous": ("r2", "rmse")}
_METRIC_LABEL = {"auc": "AUC", "brier": "Brier score", "log_loss": "log-loss", "r2": "R²", "rmse": "RMSE"}


# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------


def _fmt(x: float, digits: int = 2, language: str = "en", signed: bool = False) -> str:
    """Thin wrapper over :func:`nps_research.text.fmt_number` (``"n/a"`` when missing)."""
    return fmt_number(x, language, digits, sign=signed, na="n/a")


def _fmt_p(p: float, language: str = "en") -> str:
    """Thin wrapper over :func:`nps_research.text.fmt_p` (``"p = 0.034"``, ``"p n/a"`` when missing)."""
    return fmt_p(p, language, "p", na="n/a")


def _check_language(language: str) -> None:
    if language not in ("en", "nl"):
        raise ValueError(f"language must be 'en' or 'nl', got {language!r}")


def _frame(data: Any) -> pd.DataFrame:
    """The analysis table: a Study becomes its :func:`customer_frame` (one row per customer), a DataFrame
    is used as it is (:func:`nps_research.inputs.as_frame` checks the type)."""
    if _is_study(data):
        return customer_frame(data)
    return as_frame(data)


def _require_columns(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    require_columns(df, list(dict.fromkeys(columns)), table="data", rule=f"column needed for {what} is missing")


def _numeric(df: pd.DataFrame, column: str) -> np.ndarray:
    s = df[column]
    if s.dtype == bool:
        return s.to_numpy(dtype=float)
    try:
        return pd.to_numeric(s, errors="raise").to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):
        bad = pd.to_numeric(s, errors="coerce").isna() & s.notna()
        rows = row_numbers(df, bad.to_numpy())
        raise StudyDataError(
            [DataProblem(table="data", column=column, rule="values must be numbers", rows=rows,
                         n_rows=int(bad.sum()), examples=tuple(str(v) for v in s[bad].head(5)))]
        ) from None


def _infer_kind(y: np.ndarray, kind: str, outcome: str) -> str:
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, got {kind!r}")
    values = np.unique(y[np.isfinite(y)])
    is_binary = len(values) <= 2 and np.all(np.isin(values, (0.0, 1.0)))
    if kind == "auto":
        kind = "binary" if is_binary else "continuous"
    if kind == "binary":
        if not is_binary:
            raise StudyDataError([DataProblem(table="data", column=outcome,
                                              rule="a binary outcome must be coded 0/1")])
        if len(values) < 2:
            raise StudyDataError([DataProblem(table="data", column=outcome,
                                              rule="a binary outcome needs both 0s and 1s")])
    return kind


# --------------------------------------------------------------------------------------------
# customer-level frame
# --------------------------------------------------------------------------------------------


def join_latest_response(
    responses: pd.DataFrame,
    outcomes: pd.DataFrame,
    *,
    customer: str = "customer_id",
    date: str = "date",
    survey_type: str | None = None,
) -> pd.DataFrame:
    """Join each customer's latest survey response to the customer's outcomes.

    Outcomes (retention, revenue in the next twelve months ...) are per customer, responses per survey.
    This keeps, per customer, the response with the latest ``date`` (ties: the one further down the
    table), and inner-joins it to ``outcomes`` on ``customer``: customers without a response, and
    responses of customers without an outcome row, are left out. The result has one row per customer
    with the response columns, the outcome columns and ``n_responses`` (how many responses the customer
    gave). ``result.attrs["join"]`` counts what was kept and left out.

    Parameters
    ----------
    responses, outcomes : DataFrame
        Survey responses and the outcomes table (one row per customer).
    customer : str
        Customer id column in both tables.
    date : str
        Response date column.
    survey_type : str, optional
        Keep only responses of this ``survey_type`` (e.g. ``"relational"``) before taking the latest.

    Raises
    ------
    StudyDataError
        If a column is missing or a customer appears more than once in ``outcomes``.

    Examples
    --------
    >>> responses = pd.DataFrame({"customer_id": ["a", "a", "b", "c"], "ltr": [3, 9, 7, 10],
    ...                           "date": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-03-01",
    ...                                                   "2024-02-01"])})
    >>> outcomes = pd.DataFrame({"customer_id": ["a", "b", "d"], "retained": [1, 0, 1]})
    >>> joined = join_latest_response(responses, outcomes)
    >>> joined[["customer_id", "ltr", "retained", "n_responses"]]
      customer_id  ltr  retained  n_responses
    0           a    9         1            2
    1           b    7         0            1
    >>> joined.attrs["join"]
    {'customers_joined': 2, 'customers_without_outcome': 1, 'outcomes_without_response': 1}
    """
    _require_columns(responses, [customer, date], "joining responses to outcomes")
    if customer not in outcomes.columns:
        raise StudyDataError([DataProblem(table="outcomes", column=customer,
                                          rule="column needed for joining responses to outcomes is missing")])
    dup = outcomes[customer].duplicated(keep=False)
    if dup.any():
        raise StudyDataError([DataProblem(
            table="outcomes", column=customer, rule="each customer must appear once in the outcomes table",
            rows=row_numbers(outcomes, dup.to_numpy()), n_rows=int(dup.sum()),
            examples=tuple(str(v) for v in outcomes.loc[dup, customer].head(5)))])
    resp = responses
    if survey_type is not None:
        _require_columns(responses, ["survey_type"], "selecting a survey type")
        resp = resp[resp["survey_type"] == survey_type]
        if resp.empty:
            raise StudyDataError([DataProblem(table="responses", column="survey_type",
                                              rule=f"no responses of survey type {survey_type!r}")])
    order = pd.DataFrame({"_d": pd.to_datetime(resp[date]), "_pos": np.arange(len(resp))}, index=resp.index)
    order = order.sort_values(["_d", "_pos"], kind="stable")
    resp = resp.loc[order.index]
    counts = resp.groupby(customer, sort=False)[customer].transform("size").rename("n_responses")
    latest = resp.assign(n_responses=counts).drop_duplicates(customer, keep="last")
    overlap = [c for c in outcomes.columns if c != customer and c in latest.columns]
    joined = latest.drop(columns=overlap).merge(outcomes, on=customer, how="inner", validate="one_to_one")
    joined = joined.sort_values(customer, kind="stable").reset_index(drop=True)
    ids_out = set(outcomes[customer])
    ids_resp = set(latest[customer])
    joined.attrs["join"] = {
        "customers_joined": len(joined),
        "customers_without_outcome": len(ids_resp - ids_out),
        "outcomes_without_response": len(ids_out - ids_resp),
    }
    return joined


def exq_dimension_scores(
    data: pd.DataFrame, dimensions: Mapping[str, Sequence[str]] | None = None, *, min_share: float = 0.5,
    total: str | None = None,
) -> pd.DataFrame:
    """Mean item score per CX dimension (EXQ by default), per row, and optionally the total score.

    A row's dimension score is the mean of its answered items when at least ``min_share`` of the
    dimension's items are answered, else missing; the total (column ``total``, when given) is the mean of
    all answered items under the same rule. This is the plain unweighted mean scoring of
    :func:`nps_research.cx.scales.score_scale` (``method="mean"``), without reverse-keyed items.

    Examples
    --------
    >>> df = pd.DataFrame({"a1": [1, 7, None], "a2": [3, 5, None], "b1": [4, 4, 4]})
    >>> exq_dimension_scores(df, {"a": ["a1", "a2"], "b": ["b1"]}, total="cx")
         a    b        cx
    0  2.0  4.0  2.666667
    1  6.0  4.0  5.333333
    2  NaN  4.0       NaN
    """
    dims = dict(EXQ_DIMENSIONS if dimensions is None else dimensions)
    groups = dict(dims)
    if total is not None:
        groups[total] = [c for items in dims.values() for c in items]
    out = {}
    for name, items in groups.items():
        _require_columns(data, list(items), f"CX dimension '{name}'")
        block = data[list(items)].apply(pd.to_numeric, errors="coerce")
        need = max(1, math.ceil(min_share * len(items) - 1e-9))
        out[name] = block.mean(axis=1).where(block.notna().sum(axis=1) >= need)
    return pd.DataFrame(out, index=data.index)


def _cx_scores(frame: pd.DataFrame, dimensions: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Dimension scores and the total per row (last column): the scale module's mean scoring when present."""
    try:
        from .cx.scales import Scale, score_scale
    except ImportError:  # pragma: no cover - the scale module is part of the package
        return exq_dimension_scores(frame, dimensions, total="cx")
    scale = Scale("cx", {k: tuple(v) for k, v in dimensions.items()})
    return score_scale(frame, scale, method="mean", validate=False)


def customer_frame(
    study: Any,
    *,
    survey_type: str | None = "auto",
    dimensions: Mapping[str, Sequence[str]] | None = None,
    breaks: Sequence[int] = (6, 8),
) -> pd.DataFrame:
    """One row per customer: latest response, outcomes, NPS category dummies and CX scores.

    Calls :func:`join_latest_response` on ``study.responses`` and ``study.outcomes`` and adds
    ``category`` (detractor / passive / promoter), the 0/1 columns ``detractor``, ``passive`` and
    ``promoter``, one column per CX dimension (the EXQ dimensions whose items are all in the data,
    unless ``dimensions`` is given; mean of the answered items, at least half answered) and ``cx``, the
    mean of all the dimensions' answered items (the scale's total score).
    ``result.attrs["cx_dimensions"]`` lists the dimension columns.

    Parameters
    ----------
    study : Study
    survey_type : str or None
        ``"auto"`` (default): the relational responses when the responses have a ``survey_type`` column
        with relational responses (a relational survey measures the whole relationship and carries the
        CX items), else all responses; None: all responses; or a survey type.
    dimensions : dict, optional
        Dimension name -> item columns; default :data:`EXQ_DIMENSIONS`.
    breaks : (int, int)
        NPS category bounds (see :func:`nps_research.nps.categorize`).

    Examples
    --------
    >>> from nps_research import Study
    >>> r = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-01", "2024-01-02"], "ltr": [10, 3],
    ...                   "q1": [6, 2], "q2": [7, 3], "q3": [7, 1]})
    >>> o = pd.DataFrame({"customer_id": ["a", "b"], "retained": [1, 0]})
    >>> f = customer_frame(Study(responses=r, outcomes=o), dimensions={"quality": ["q1", "q2"], "care": ["q3"]})
    >>> f[["customer_id", "category", "promoter", "quality", "care", "cx", "retained"]]
      customer_id   category  promoter  quality  care        cx  retained
    0           a   promoter         1      6.5   7.0  6.666667         1
    1           b  detractor         0      2.5   1.0  2.000000         0
    """
    if getattr(study, "outcomes", None) is None:
        raise StudyDataError([DataProblem(table="outcomes", rule="the study has no outcomes table; "
                                          "comparing NPS with CX needs customer outcomes")])
    responses = study.responses
    if survey_type == "auto":
        has_rel = "survey_type" in responses.columns and (responses["survey_type"] == "relational").any()
        survey_type = "relational" if has_rel else None
    frame = join_latest_response(responses, study.outcomes, survey_type=survey_type)
    frame = add_nps_categories(frame, breaks=breaks)
    if dimensions is None:
        dimensions = {k: v for k, v in EXQ_DIMENSIONS.items() if all(c in frame.columns for c in v)}
    if dimensions:
        scores = _cx_scores(frame, dimensions)
        for name in dimensions:
            frame[name] = scores[name].to_numpy()
        frame["cx"] = scores.iloc[:, len(dimensions)].to_numpy()
    frame.attrs["cx_dimensions"] = list(dimensions)
    return frame


def add_nps_categories(data: pd.DataFrame, *, ltr: str = "ltr", breaks: Sequence[int] = (6, 8)) -> pd.DataFrame:
    """Copy of ``data`` with ``category`` and 0/1 columns ``detractor``, ``passive``, ``promoter``.

    Examples
    --------
    >>> add_nps_categories(pd.DataFrame({"ltr": [0, 7, 9]}))
       ltr   category  detractor  passive  promoter
    0    0  detractor          1        0         0
    1    7    passive          0        1         0
    2    9   promoter          0        0         1
    """
    _require_columns(data, [ltr], "NPS categories")
    out = data.copy()
    cat = categorize(out[ltr], breaks=breaks)
    out["category"] = cat
    for c in CATEGORIES:
        out[c] = (cat == c).astype(int).where(cat.notna())
        if not out[c].isna().any():
            out[c] = out[c].astype(int)
    return out


# --------------------------------------------------------------------------------------------
# models, folds and scores
# --------------------------------------------------------------------------------------------


def repeated_kfold(
    n: int, *, cv: int = 10, repeats: int = 5, seed: int | None = None, strata: Any = None
) -> np.ndarray:
    """Fold number (0 .. cv-1) of each of ``n`` rows in each repeat: an array of shape (repeats, n).

    Each repeat is a fresh random permutation; with ``strata`` (e.g. a binary outcome) the rows of each
    stratum are spread evenly over the folds. The same seed gives the same folds.

    Examples
    --------
    >>> folds = repeated_kfold(10, cv=5, repeats=2, seed=1)
    >>> folds.shape, [int((folds[0] == k).sum()) for k in range(5)]
    ((2, 10), [2, 2, 2, 2, 2])
    """
    if cv < 2 or cv > n:
        raise ValueError(f"cv must be between 2 and the number of rows ({n}), got {cv}")
    if repeats < 1:
        raise ValueError(f"repeats must be >= 1, got {repeats}")
    rng = np.random.default_rng(seed)
    strata_arr = None if strata is None else np.asarray(strata)
    out = np.empty((repeats, n), dtype=np.int64)
    for r in range(repeats):
        perm = rng.permutation(n)
        if strata_arr is not None:
            perm = perm[np.argsort(strata_arr[perm], kind="stable")]
        start = rng.integers(cv)
        out[r, perm] = (np.arange(n) + start) % cv
    return out


def _logistic_fit(X: np.ndarray, y: np.ndarray, max_iter: int = 100, tol: float = 1e-9) -> np.ndarray:
    """Maximum-likelihood logistic regression by Newton-Raphson with step halving."""
    p_dim = X.shape[1]
    beta = np.zeros(p_dim)
    ybar = min(max(y.mean(), 1e-6), 1 - 1e-6)
    beta[0] = math.log(ybar / (1 - ybar))  # column 0 is the intercept

    def loglik(b: np.ndarray) -> float:
        eta = X @ b
        return float(np.sum(y * eta - np.logaddexp(0.0, eta)))

    ll = loglik(beta)
    ridge = 1e-10 * np.eye(p_dim)
    for _ in range(max_iter):
        eta = X @ beta
        p = special.expit(eta)
        w = p * (1 - p)
        grad = X.T @ (y - p)
        hess = (X * w[:, None]).T @ X + ridge
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(hess, grad, rcond=None)[0]
        t = 1.0
        while True:
            cand = beta + t * step
            ll_new = loglik(cand)
            if ll_new >= ll - 1e-12 or t < 1e-8:
                break
            t /= 2
        beta, ll_old, ll = cand, ll, ll_new
        if np.max(np.abs(t * step)) < tol or abs(ll - ll_old) < tol * (abs(ll) + 1):
            break
    return beta


def _linear_fit(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.linalg.lstsq(X, y, rcond=None)[0]


def auc(y: Any, score: Any) -> float:
    """Area under the ROC curve: the probability that a random 1 scores above a random 0 (ties 1/2).

    Computed from mid-ranks (the Mann-Whitney U statistic divided by ``n1 * n0``).

    Examples
    --------
    >>> auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    """
    y = np.asarray(y, dtype=float)
    s = np.asarray(score, dtype=float)
    n1 = float(np.sum(y == 1))
    n0 = float(np.sum(y == 0))
    if n1 == 0 or n0 == 0:
        return float("nan")
    ranks = stats.rankdata(s)
    return float((ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def _scores(kind: str, y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    if kind == "binary":
        p = np.clip(pred, 1e-15, 1 - 1e-15)
        return {
            "auc": auc(y, pred),
            "brier": float(np.mean((pred - y) ** 2)),
            "log_loss": float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p))),
        }
    sse = float(np.sum((y - pred) ** 2))
    sst = float(np.sum((y - y.mean()) ** 2))
    return {"r2": 1 - sse / sst if sst > 0 else float("nan"), "rmse": math.sqrt(sse / len(y))}


def _predict(kind: str, X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    if kind == "binary":
        return special.expit(X_test @ _logistic_fit(X_train, y_train))
    return X_test @ _linear_fit(X_train, y_train)


def corrected_resampled_ttest(
    differences: Any, *, n_train: float, n_test: float, confidence: float = 0.95
) -> dict[str, float]:
    """Nadeau & Bengio's corrected resampled t-test for paired cross-validation scores.

    With ``J`` per-fold differences ``d`` (k folds x r repeats, Bouckaert & Frank 2004), the variance of
    their mean is ``(1/J + n_test/n_train) * s**2`` rather than ``s**2 / J``: the correction accounts for
    the overlap of training sets, which makes the plain paired t-test far too liberal. The statistic is
    referred to a t distribution with ``J - 1`` degrees of freedom.

    Returns a dict with ``mean``, ``se``, ``t``, ``df``, ``p_value`` (two-sided) and ``ci_low`` /
    ``ci_high``.

    Examples
    --------
    Four differences 1, 2, 3, 4 with equal train and test sizes: mean 2.5, ``s**2 = 5/3``, corrected
    variance ``(1/4 + 1) * 5/3``, so ``t = sqrt(3)`` on 3 degrees of freedom:

    >>> res = corrected_resampled_ttest([1, 2, 3, 4], n_train=50, n_test=50)
    >>> round(res["t"] ** 2, 10), res["df"], round(res["p_value"], 5)
    (3.0, 3, 0.18169)
    """
    d = np.asarray(differences, dtype=float)
    d = d[np.isfinite(d)]
    j = len(d)
    if j < 2:
        raise ValueError("the corrected resampled t-test needs at least two fold differences")
    mean = float(d.mean())
    var = float(d.var(ddof=1)) * (1 / j + n_test / n_train)
    se = math.sqrt(var)
    df = j - 1
    if se > 0:
        t = mean / se
        p = float(2 * stats.t.sf(abs(t), df))
    else:
        t = math.copysign(math.inf, mean) if mean != 0 else 0.0
        p = 0.0 if mean != 0 else 1.0
    q = float(stats.t.ppf(0.5 + confidence / 2, df))
    return {"mean": mean, "se": se, "t": t, "df": df, "p_value": p, "ci_low": mean - q * se,
            "ci_high": mean + q * se}


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
class _Prepared:
    y: np.ndarray
    X: np.ndarray  # intercept first
    columns: list[str]
    index: pd.Index
    sets: dict[str, list[int]]  # measure -> column positions in X (intercept and controls included)
    n_dropped: int


def _prepare(df: pd.DataFrame, outcome: str, measures: Mapping[str, Sequence[str]],
             controls: Sequence[str] | None) -> _Prepared:
    if not isinstance(measures, Mapping) or not measures:
        raise ValueError("measures must be a non-empty dict: name -> list of predictor columns")
    measures = {str(k): [v] if isinstance(v, str) else list(v) for k, v in measures.items()}
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
    return _Prepared(y_arr, X, names, design.index, sets, n_dropped)


def _fit_in_sample(kind: str, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Coefficients, their standard errors and the log-likelihood of the full-sample fit."""
    n, k = X.shape
    if kind == "binary":
        beta = _logistic_fit(X, y)
        eta = X @ beta
        p = special.expit(eta)
        ll = float(np.sum(y * eta - np.logaddexp(0.0, eta)))
        cov = np.linalg.pinv((X * (p * (1 - p))[:, None]).T @ X)
    else:
        beta = _linear_fit(X, y)
        resid = y - X @ beta
        sse = float(resid @ resid)
        ll = -n / 2 * (math.log(2 * math.pi * sse / n) + 1)
        cov = np.linalg.pinv(X.T @ X) * sse / max(n - k, 1)
    return beta, np.sqrt(np.clip(np.diag(cov), 0, None)), ll


def _null_loglik(kind: str, y: np.ndarray) -> float:
    n = len(y)
    if kind == "binary":
        m = y.mean()
        return float(n * (m * math.log(m) + (1 - m) * math.log(1 - m)))
    sse = float(np.sum((y - y.mean()) ** 2))
    return -n / 2 * (math.log(2 * math.pi * sse / n) + 1)


# --------------------------------------------------------------------------------------------
# predictive validity
# --------------------------------------------------------------------------------------------


_TEXT = {
    "en": {
        "better": "predicts {outcome} better than {base}",
        "worse": "predicts {outcome} worse than {base}",
        "same": "does not predict {outcome} significantly differently from {base}",
        "cv": "{cv}-fold cross-validation repeated {repeats} times, n = {n}",
        "sentence": "{measure} {verdict} ({cv}): {metric} {a} versus {b}, difference {d} "
                    "(95% CI {lo} to {hi}, {p}, corrected resampled t-test).",
        "best": "The best predictor of {outcome} out of sample is {measure} ({metric} {value}).",
        "lr": "Adding {added} to {base} {verdict} the in-sample fit of {outcome} "
              "(likelihood-ratio chi² = {lr} on {df} df, {p}).",
        "improves": "significantly improves",
        "not_improves": "does not significantly improve",
    },
    "nl": {
        "better": "voorspelt {outcome} beter dan {base}",
        "worse": "voorspelt {outcome} slechter dan {base}",
        "same": "voorspelt {outcome} niet significant anders dan {base}",
        "cv": "{cv}-voudige kruisvalidatie, {repeats} keer herhaald, n = {n}",
        "sentence": "{measure} {verdict} ({cv}): {metric} {a} tegenover {b}, verschil {d} "
                    "(95%-BI {lo} tot {hi}, {p}, gecorrigeerde resampled t-toets).",
        "best": "De beste voorspeller van {outcome} buiten de steekproef is {measure} ({metric} {value}).",
        "lr": "{added} toevoegen aan {base} {verdict} de fit voor {outcome} binnen de steekproef "
              "(likelihood-ratio chi² = {lr} met {df} vg, {p}).",
        "improves": "verbetert significant",
        "not_improves": "verbetert niet significant",
    },
}


@dataclass
class PredictiveValidity:
    """Result of :func:`predictive_validity`.

    Attributes
    ----------
    outcome, kind, baseline : str
        Outcome column, ``"binary"`` or ``"continuous"``, and the measure the others are compared with.
    measures : dict
        Measure name -> predictor columns.
    n, n_dropped, cv, repeats, seed
        Rows used (complete cases), rows left out for missing values, folds, repeats and seed.
    scores : DataFrame
        Per measure and metric: ``mean`` over the ``cv * repeats`` test folds, ``sd``, ``ci_low``,
        ``ci_high`` (corrected resampled t interval) and ``n_folds``.
    differences : DataFrame
        Per measure (other than the baseline) and metric: ``difference`` (measure minus baseline,
        paired by fold), its interval, ``t``, ``df``, ``p_value`` and ``favours`` (the measure that
        scores better when ``p_value < alpha``, else ``"neither"``).
    fold_scores : DataFrame
        Long table: repeat, fold, measure, metric, value.
    in_sample : DataFrame
        Full-sample fit per measure: ``n_params``, ``log_likelihood``, ``aic``, ``bic`` and ``r2``
        (continuous) or McFadden's ``pseudo_r2`` (binary).
    coefficients : DataFrame
        Full-sample coefficients per measure with standard errors, Wald intervals and p-values
        (``odds_ratio`` too for a binary outcome).
    lr_tests : DataFrame
        Likelihood-ratio tests for each pair of nested measures (restricted inside full).
    predictions : DataFrame
        Out-of-fold predictions: repeat, row (index label of the data), measure, observed, predicted.
    method : str
        How differences are tested.
    """

    outcome: str
    kind: str
    baseline: str
    measures: dict[str, list[str]]
    n: int
    n_dropped: int
    cv: int
    repeats: int
    seed: int | None
    alpha: float
    scores: pd.DataFrame
    differences: pd.DataFrame
    fold_scores: pd.DataFrame
    in_sample: pd.DataFrame
    coefficients: pd.DataFrame
    lr_tests: pd.DataFrame
    predictions: pd.DataFrame
    method: str = field(default="")

    @property
    def metric(self) -> str:
        """The headline metric: ``"auc"`` for a binary outcome, ``"r2"`` for a continuous one."""
        return "auc" if self.kind == "binary" else "r2"

    def summary(self) -> pd.DataFrame:
        """One row per measure: mean and interval of each metric, difference from the baseline and p."""
        rows = []
        for m in self.measures:
            row: dict[str, Any] = {"measure": m}
            for metric in _METRICS[self.kind]:
                s = self.scores[(self.scores["measure"] == m) & (self.scores["metric"] == metric)].iloc[0]
                row[metric] = s["mean"]
                row[f"{metric}_ci_low"] = s["ci_low"]
                row[f"{metric}_ci_high"] = s["ci_high"]
            d = self.differences[(self.differences["measure"] == m) & (self.differences["metric"] == self.metric)]
            row[f"{self.metric}_difference"] = d["difference"].iloc[0] if len(d) else np.nan
            row["p_value"] = d["p_value"].iloc[0] if len(d) else np.nan
            ins = self.in_sample[self.in_sample["measure"] == m].iloc[0]
            row["aic"] = ins["aic"]
            row["bic"] = ins["bic"]
            rows.append(row)
        return pd.DataFrame(rows)

    def calibration(self, bins: int = 10) -> pd.DataFrame:
        """Calibration table of a binary outcome: per measure and bin of predicted probability
        (equal-count bins of the out-of-fold predictions, pooled over repeats), the mean predicted
        probability, the observed rate, its Wilson 95% interval and n."""
        if self.kind != "binary":
            raise ValueError("calibration needs a binary outcome")
        rows = []
        for m, g in self.predictions.groupby("measure", sort=False):
            edges = np.unique(np.quantile(g["predicted"], np.linspace(0, 1, bins + 1)))
            b = np.clip(np.searchsorted(edges, g["predicted"].to_numpy(), side="right") - 1, 0, len(edges) - 2)
            for k in np.unique(b):
                sel = b == k
                n = int(sel.sum())
                obs = float(g["observed"].to_numpy()[sel].mean())
                lo, hi = _wilson(obs, n)
                rows.append({"measure": m, "bin": int(k), "n": n, "predicted": float(g["predicted"].to_numpy()[sel].mean()),
                             "observed": obs, "ci_low": lo, "ci_high": hi})
        return pd.DataFrame(rows)

    def conclusions(self, language: str = "en", metric: str | None = None) -> list[str]:
        """Sentences stating what the numbers show (generated from the results, in English or Dutch)."""
        _check_language(language)
        t = _TEXT[language]
        metric = metric or self.metric
        label = _METRIC_LABEL[metric]
        cvtext = t["cv"].format(cv=self.cv, repeats=self.repeats, n=_fmt(self.n, 0, language))
        sc = self.scores[self.scores["metric"] == metric].set_index("measure")
        digits = 3
        out = []
        for _, d in self.differences[self.differences["metric"] == metric].iterrows():
            m = d["measure"]
            key = "same" if d["favours"] == "neither" else ("better" if d["favours"] == m else "worse")
            verdict = t[key].format(outcome=self.outcome, base=self.baseline)
            out.append(t["sentence"].format(
                measure=m, verdict=verdict, cv=cvtext, metric=label,
                a=_fmt(sc.loc[m, "mean"], digits, language), b=_fmt(sc.loc[self.baseline, "mean"], digits, language),
                d=_fmt(d["difference"], digits, language, signed=True), lo=_fmt(d["ci_low"], digits, language),
                hi=_fmt(d["ci_high"], digits, language), p=_fmt_p(d["p_value"], language)))
        best = sc["mean"].idxmax() if _HIGHER_IS_BETTER[metric] else sc["mean"].idxmin()
        out.append(t["best"].format(outcome=self.outcome, measure=best, metric=label,
                                    value=_fmt(sc.loc[best, "mean"], digits, language)))
        for _, r in self.lr_tests.iterrows():
            verdict = t["improves"] if r["p_value"] < self.alpha else t["not_improves"]
            out.append(t["lr"].format(added=r["added"], base=r["restricted"], verdict=verdict, outcome=self.outcome,
                                      lr=_fmt(r["lr"], 1, language), df=int(r["df"]), p=_fmt_p(r["p_value"], language)))
        return out


def _wilson(p: float, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    if n == 0:
        return float("nan"), float("nan")
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def predictive_validity(
    data: Any,
    *,
    outcome: str,
    measures: Mapping[str, Sequence[str]],
    kind: str = "auto",
    cv: int = 10,
    repeats: int = 5,
    seed: int | None = None,
    controls: Sequence[str] | None = None,
    baseline: str | None = None,
    confidence: float = 0.95,
    alpha: float = 0.05,
) -> PredictiveValidity:
    """Which measure predicts the outcome best out of sample? Paired repeated k-fold cross-validation.

    Every measure (a named set of predictor columns) gets its own model of ``outcome``: logistic
    regression for a binary (0/1) outcome, scored by AUC, Brier score and log-loss on the held-out
    fold; linear regression for a continuous outcome, scored by R-squared (``1 - SSE/SST`` with SST
    around the test fold's mean) and RMSE. All measures use the same folds (stratified by a binary
    outcome) and the same complete-case rows, so the per-fold differences from the ``baseline`` are
    paired. Each measure's mean score and each difference are given with a corrected resampled t
    interval and p-value (Nadeau & Bengio 2003, repeated k-fold form of Bouckaert & Frank 2004; see
    :func:`corrected_resampled_ttest`); in simulations with two equally good measures (tests) it rejects
    at or below the nominal rate (about 2% at alpha = 0.05 with 5-fold x 2), so it is on the conservative
    side. The full-sample fits give AIC, BIC, (pseudo) R-squared,
    coefficients and likelihood-ratio tests for nested measures.

    Parameters
    ----------
    data : DataFrame or Study
        One row per customer (see :func:`join_latest_response` / :func:`customer_frame`); a Study is
        turned into that frame first.
    outcome : str
        Outcome column (``retained``, ``revenue_next_12m`` ...).
    measures : dict
        Measure name -> list of predictor columns, e.g. ``{"NPS": ["ltr"], "NPS category":
        ["promoter", "detractor"], "CX (EXQ)": [...dimension columns...], "CX + NPS": [...]}``.
        Text columns become dummies. An empty list gives an intercept(+controls)-only model.
    kind : {"auto", "binary", "continuous"}
        Model family; ``"auto"`` takes binary when the outcome holds only 0 and 1.
    cv, repeats : int
        Folds and repeats.
    seed : int, optional
        Seed of the fold assignment; the same seed gives identical tables.
    controls : list of str, optional
        Columns entered in every model (e.g. tenure, product).
    baseline : str, optional
        Measure the others are compared with; default the first.
    confidence, alpha : float
        Interval level and significance level for ``favours`` and the conclusions.

    Returns
    -------
    PredictiveValidity

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> n = 600
    >>> cx = rng.normal(size=n)
    >>> ltr = 0.5 * cx + rng.normal(size=n)
    >>> df = pd.DataFrame({"cx": cx, "ltr": ltr,
    ...                    "retained": rng.binomial(1, 1 / (1 + np.exp(-1.5 * cx)))})
    >>> res = predictive_validity(df, outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"]},
    ...                           cv=5, repeats=2, seed=0)
    >>> res.differences.loc[res.differences["metric"] == "auc", ["measure", "favours"]]
      measure favours
    0      CX      CX
    """
    df = _frame(data)
    prep = _prepare(df, outcome, measures, controls)
    measures = {str(k): [v] if isinstance(v, str) else list(v) for k, v in measures.items()}
    names = list(measures)
    baseline = names[0] if baseline is None else baseline
    if baseline not in measures:
        raise ValueError(f"baseline {baseline!r} is not one of the measures {names}")
    y, X, n = prep.y, prep.X, len(prep.y)
    kind = _infer_kind(y, kind, outcome)
    if n < SMALL_N * 2:
        warnings.warn(f"predictive_validity: only {n} complete rows", SmallSampleWarning, stacklevel=2)
    if kind == "binary":
        minority = int(min(y.sum(), n - y.sum()))
        if minority < cv:
            raise StudyDataError([DataProblem(
                table="data", column=outcome,
                rule=f"the rarer outcome value occurs {minority} times, fewer than the {cv} folds")])
    folds = repeated_kfold(n, cv=cv, repeats=repeats, seed=seed, strata=y if kind == "binary" else None)
    metrics = _METRICS[kind]
    n_m = len(names)
    values = np.empty((len(metrics), n_m, repeats, cv))
    predicted = np.empty((repeats, n_m, n))
    for r in range(repeats):
        for k in range(cv):
            test = folds[r] == k
            train = ~test
            for j, m in enumerate(names):
                cols = prep.sets[m]
                p = _predict(kind, X[train][:, cols], y[train], X[test][:, cols])
                predicted[r, j, test] = p
                for i, value in enumerate(_scores(kind, y[test], p).values()):
                    values[i, j, r, k] = value
    ordered = values.transpose(2, 3, 1, 0)  # repeat, fold, measure, metric
    grid = np.indices(ordered.shape).reshape(4, -1)
    fold_scores = pd.DataFrame({"repeat": grid[0], "fold": grid[1], "measure": np.asarray(names, dtype=object)[grid[2]],
                                "metric": np.asarray(metrics, dtype=object)[grid[3]], "value": ordered.ravel()})
    pgrid = np.indices(predicted.shape).reshape(3, -1)
    predictions = pd.DataFrame({"repeat": pgrid[0], "row": np.asarray(prep.index)[pgrid[2]],
                                "measure": np.asarray(names, dtype=object)[pgrid[1]], "observed": y[pgrid[2]],
                                "predicted": predicted.ravel()})
    n_test = n / cv
    n_train = n - n_test
    score_rows = []
    diff_rows = []
    for i, metric in enumerate(metrics):
        for j, m in enumerate(names):
            v = values[i, j].ravel()
            res = corrected_resampled_ttest(v, n_train=n_train, n_test=n_test, confidence=confidence)
            score_rows.append({"measure": m, "metric": metric, "mean": res["mean"], "sd": float(np.std(v, ddof=1)),
                               "ci_low": res["ci_low"], "ci_high": res["ci_high"], "n_folds": len(v)})
        base = values[i, names.index(baseline)].ravel()
        for j, m in enumerate(names):
            if m == baseline:
                continue
            d = values[i, j].ravel() - base
            res = corrected_resampled_ttest(d, n_train=n_train, n_test=n_test, confidence=confidence)
            if res["p_value"] < alpha:
                good = (res["mean"] > 0) == _HIGHER_IS_BETTER[metric]
                favours = m if good else baseline
            else:
                favours = "neither"
            diff_rows.append({"measure": m, "baseline": baseline, "metric": metric, "difference": res["mean"],
                              "ci_low": res["ci_low"], "ci_high": res["ci_high"], "t": res["t"], "df": res["df"],
                              "p_value": res["p_value"], "favours": favours})
    # full-sample fits
    ll0 = _null_loglik(kind, y)
    ins_rows, coef_rows, lls = [], [], {}
    zq = float(stats.norm.ppf(0.5 + confidence / 2))
    for m in names:
        cols = prep.sets[m]
        beta, se, ll = _fit_in_sample(kind, X[:, cols], y)
        k_par = len(cols) + (1 if kind == "continuous" else 0)  # residual variance of the linear model
        lls[m] = (ll, len(cols))
        row = {"measure": m, "n": n, "n_params": k_par, "log_likelihood": ll, "aic": 2 * k_par - 2 * ll,
               "bic": k_par * math.log(n) - 2 * ll}
        if kind == "binary":
            row["pseudo_r2"] = 1 - ll / ll0
        else:
            row["r2"] = 1 - math.exp(2 * (ll0 - ll) / n)  # = 1 - SSE/SST for Gaussian likelihoods
        ins_rows.append(row)
        for j, c in enumerate(cols):
            z = beta[j] / se[j] if se[j] > 0 else np.nan
            if kind == "binary":
                p = float(2 * stats.norm.sf(abs(z)))
                q = zq
            else:
                p = float(2 * stats.t.sf(abs(z), n - len(cols)))
                q = float(stats.t.ppf(0.5 + confidence / 2, n - len(cols)))
            crow = {"measure": m, "term": prep.columns[c], "coef": beta[j], "se": se[j],
                    "ci_low": beta[j] - q * se[j], "ci_high": beta[j] + q * se[j], "p_value": p}
            if kind == "binary":
                crow["odds_ratio"] = math.exp(beta[j])
            coef_rows.append(crow)
    lr_rows = []
    for a in names:
        for b in names:
            sa, sb = set(prep.sets[a]), set(prep.sets[b])
            if a != b and sa < sb:
                lr = max(2 * (lls[b][0] - lls[a][0]), 0.0)
                dfree = len(sb) - len(sa)
                added = ", ".join(prep.columns[c] for c in prep.sets[b] if c not in sa)
                lr_rows.append({"restricted": a, "full": b, "added": added, "lr": lr, "df": dfree,
                                "p_value": float(stats.chi2.sf(lr, dfree))})
    method = (f"{cv}-fold cross-validation repeated {repeats} times (same folds for every measure"
              f"{', stratified by the outcome' if kind == 'binary' else ''}); intervals and p-values from the "
              "Nadeau & Bengio (2003) corrected resampled t-test (Bouckaert & Frank 2004), "
              f"t with {cv * repeats - 1} df")
    return PredictiveValidity(
        outcome=outcome, kind=kind, baseline=baseline, measures=measures, n=n, n_dropped=prep.n_dropped, cv=cv,
        repeats=repeats, seed=seed, alpha=alpha, scores=pd.DataFrame(score_rows),
        differences=pd.DataFrame(diff_rows, columns=["measure", "baseline", "metric", "difference", "ci_low",
                                                     "ci_high", "t", "df", "p_value", "favours"]),
        fold_scores=fold_scores, in_sample=pd.DataFrame(ins_rows), coefficients=pd.DataFrame(coef_rows),
        lr_tests=pd.DataFrame(lr_rows, columns=["restricted", "full", "added", "lr", "df", "p_value"]),
        predictions=predictions, method=method)


# --------------------------------------------------------------------------------------------
# incremental validity
# --------------------------------------------------------------------------------------------

_INC_TEXT = {
    "en": {
        "adds": "{added} adds significantly to {base} in explaining {outcome}",
        "not_adds": "{added} does not add significantly to {base} in explaining {outcome}",
        "sentence": "{claim}: {what} goes from {a} to {b} ({d}; {test}, {p}; n = {n}).",
        "r2": "R²",
        "pseudo_r2": "McFadden's pseudo R²",
    },
    "nl": {
        "adds": "{added} voegt significant iets toe aan {base} bij het verklaren van {outcome}",
        "not_adds": "{added} voegt niet significant iets toe aan {base} bij het verklaren van {outcome}",
        "sentence": "{claim}: {what} gaat van {a} naar {b} ({d}; {test}, {p}; n = {n}).",
        "r2": "R²",
        "pseudo_r2": "McFaddens pseudo-R²",
    },
}


@dataclass
class IncrementalValidity:
    """Result of :func:`incremental_validity`; ``table`` has one row per (base, added) step."""

    outcome: str
    kind: str
    n: int
    alpha: float
    table: pd.DataFrame

    def summary(self) -> pd.DataFrame:
        """The hierarchical-regression table."""
        return self.table

    def conclusions(self, language: str = "en") -> list[str]:
        """One sentence per step, generated from the numbers."""
        _check_language(language)
        t = _INC_TEXT[language]
        out = []
        for _, r in self.table.iterrows():
            claim = t["adds" if r["p_value"] < self.alpha else "not_adds"].format(
                added=r["added"], base=r["base"], outcome=self.outcome)
            if r["test"] == "F":
                test = f"F({int(r['df1'])}, {int(r['df2'])}) = {_fmt(r['statistic'], 2, language)}"
            else:
                test = f"LR chi²({int(r['df1'])}) = {_fmt(r['statistic'], 1, language)}"
            out.append(t["sentence"].format(
                claim=claim, what=t["r2" if self.kind == "continuous" else "pseudo_r2"],
                a=_fmt(r["r2_base"], 3, language), b=_fmt(r["r2_full"], 3, language),
                d=_fmt(r["delta_r2"], 3, language, signed=True), test=test, p=_fmt_p(r["p_value"], language),
                n=_fmt(self.n, 0, language)))
        return out


def incremental_validity(
    data: Any,
    *,
    outcome: str,
    measures: Mapping[str, Sequence[str]],
    kind: str = "auto",
    controls: Sequence[str] | None = None,
    pairs: Sequence[tuple[str, str]] | None = None,
    alpha: float = 0.05,
) -> IncrementalValidity:
    """Hierarchical regression: does one measure add to another in explaining the outcome?

    For each step (``base``, ``added``) the model with the base measure's predictors (plus controls) is
    compared with the model that also has the added measure's predictors, on the same complete-case
    rows. Continuous outcome: least squares, delta R-squared with the F test
    ``F = (dR2 / df1) / ((1 - R2_full) / (n - k_full))``. Binary outcome: logistic regression, delta
    McFadden pseudo R-squared ``1 - ll / ll_null`` with the likelihood-ratio test
    ``2 (ll_full - ll_base) ~ chi2(df1)``.

    Parameters
    ----------
    data : DataFrame or Study
    outcome : str
    measures : dict
        Measure name -> predictor columns, e.g. ``{"NPS": ["ltr"], "CX": [...dimensions...]}``.
    kind : {"auto", "binary", "continuous"}
    controls : list of str, optional
        Entered in every model (the first step of the hierarchy).
    pairs : list of (base, added), optional
        Steps to test; default every ordered pair of measures, so with two measures both "does CX add
        to NPS" and "does NPS add to CX".
    alpha : float
        Significance level of the conclusions.

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> x1, x2 = rng.normal(size=(2, 400))
    >>> df = pd.DataFrame({"nps": x1, "cx": x2, "y": 0.1 * x1 + 0.5 * x2 + rng.normal(size=400)})
    >>> res = incremental_validity(df, outcome="y", measures={"NPS": ["nps"], "CX": ["cx"]})
    >>> res.table[["base", "added", "test", "df1", "df2"]]
      base added test  df1  df2
    0  NPS    CX    F    1  397
    1   CX   NPS    F    1  397
    >>> bool(res.table["p_value"].iloc[0] < 0.001)
    True
    """
    df = _frame(data)
    prep = _prepare(df, outcome, measures, controls)
    names = [str(k) for k in measures]
    y, X, n = prep.y, prep.X, len(prep.y)
    kind = _infer_kind(y, kind, outcome)
    if pairs is None:
        pairs = [(a, b) for a in names for b in names if a != b]
    ll0 = _null_loglik(kind, y)
    sst = float(np.sum((y - y.mean()) ** 2))
    rows = []
    for base, added in pairs:
        for m in (base, added):
            if m not in prep.sets:
                raise ValueError(f"{m!r} is not one of the measures {names}")
        cols_b = prep.sets[base]
        cols_f = list(dict.fromkeys(cols_b + prep.sets[added]))
        df1 = len(cols_f) - len(cols_b)
        if df1 == 0:
            continue
        _, _, llb = _fit_in_sample(kind, X[:, cols_b], y)
        _, _, llf = _fit_in_sample(kind, X[:, cols_f], y)
        if kind == "continuous":
            r2b = 1 - _sse(X[:, cols_b], y) / sst
            r2f = 1 - _sse(X[:, cols_f], y) / sst
            df2 = n - len(cols_f)
            stat = ((r2f - r2b) / df1) / ((1 - r2f) / df2)
            p = float(stats.f.sf(stat, df1, df2))
            test = "F"
        else:
            r2b, r2f = 1 - llb / ll0, 1 - llf / ll0
            df2 = np.nan
            stat = max(2 * (llf - llb), 0.0)
            p = float(stats.chi2.sf(stat, df1))
            test = "LR"
        rows.append({"base": base, "added": added, "n": n, "r2_base": r2b, "r2_full": r2f, "delta_r2": r2f - r2b,
                     "test": test, "statistic": stat, "df1": df1, "df2": df2, "p_value": p})
    return IncrementalValidity(outcome=outcome, kind=kind, n=n, alpha=alpha, table=pd.DataFrame(rows))


def _sse(X: np.ndarray, y: np.ndarray) -> float:
    r = y - X @ _linear_fit(X, y)
    return float(r @ r)


# --------------------------------------------------------------------------------------------
# dependent correlations
# --------------------------------------------------------------------------------------------

_CORR_TESTS = ("steiger", "williams", "meng")


def _p_from(stat: float, alternative: str, dist: Any) -> float:
    if alternative == "two-sided":
        return float(2 * dist.sf(abs(stat)))
    if alternative == "greater":
        return float(dist.sf(stat))
    if alternative == "less":
        return float(dist.cdf(stat))
    raise ValueError(f"alternative must be 'two-sided', 'greater' or 'less', got {alternative!r}")


def dependent_correlation_test(
    r_jk: float, r_jh: float, r_kh: float, n: int, *, test: str = "steiger",
    alternative: str = "two-sided", confidence: float = 0.95,
) -> dict[str, Any]:
    """Test ``rho_jk = rho_jh`` for two correlations sharing variable ``j``, measured on the same n cases.

    ``test="steiger"``: Steiger's (1980, eq. 14) Z, Dunn & Clark's Fisher-z test with the covariance
    evaluated at the mean of the two correlations. ``"williams"``: Williams' (1959) T2 on n - 3 df, the
    test Steiger (1980) recommends and ``psych::r.test`` computes. ``"meng"``: Meng, Rosenthal & Rubin's
    (1992) Z. All return Zou's (2007) interval for ``r_jk - r_jh`` (``ci_low``, ``ci_high``), plus
    ``statistic``, ``distribution``, ``df`` (None for z) and ``p_value``.

    Examples
    --------
    Steiger's (1980) case A (r_jk = .4, r_jh = .5, r_kh = .1, n = 103): Williams' T2 is -0.8913, the value
    ``psych::r.test`` gives for this case; Steiger's Z (eq. 14) is slightly smaller:

    >>> round(dependent_correlation_test(0.4, 0.5, 0.1, 103, test="williams")["statistic"], 4)
    -0.8913
    >>> round(dependent_correlation_test(0.4, 0.5, 0.1, 103)["statistic"], 4)
    -0.8887
    """
    for name, r in (("r_jk", r_jk), ("r_jh", r_jh), ("r_kh", r_kh)):
        if not -1 < r < 1:
            raise ValueError(f"{name} must be strictly between -1 and 1, got {r}")
    if n < 5:
        raise ValueError(f"n must be at least 5, got {n}")
    if test not in _CORR_TESTS:
        raise ValueError(f"test must be one of {_CORR_TESTS}, got {test!r}")
    z_jk, z_jh = math.atanh(r_jk), math.atanh(r_jh)
    df = None
    if test == "steiger":
        rbar = (r_jk + r_jh) / 2
        c = (r_kh * (1 - 2 * rbar**2) - 0.5 * rbar**2 * (1 - 2 * rbar**2 - r_kh**2)) / (1 - rbar**2) ** 2
        stat = (z_jk - z_jh) * math.sqrt(n - 3) / math.sqrt(2 - 2 * c)
        dist, distribution = stats.norm, "z"
    elif test == "williams":
        det = 1 - r_jk**2 - r_jh**2 - r_kh**2 + 2 * r_jk * r_jh * r_kh
        rbar = (r_jk + r_jh) / 2
        stat = (r_jk - r_jh) * math.sqrt((n - 1) * (1 + r_kh)
                                         / (2 * (n - 1) / (n - 3) * det + rbar**2 * (1 - r_kh) ** 3))
        df = n - 3
        dist, distribution = stats.t(df), "t"
    else:
        r2bar = (r_jk**2 + r_jh**2) / 2
        f = min((1 - r_kh) / (2 * (1 - r2bar)), 1.0)
        h = (1 - f * r2bar) / (1 - r2bar)
        stat = (z_jk - z_jh) * math.sqrt((n - 3) / (2 * (1 - r_kh) * h))
        dist, distribution = stats.norm, "z"
    p = _p_from(stat, alternative, dist)
    # Zou (2007): interval for r_jk - r_jh from the two Fisher intervals and their correlation
    zq = float(stats.norm.ppf(0.5 + confidence / 2))
    half = zq / math.sqrt(n - 3)
    l1, u1 = math.tanh(z_jk - half), math.tanh(z_jk + half)
    l2, u2 = math.tanh(z_jh - half), math.tanh(z_jh + half)
    corr = (((r_kh - 0.5 * r_jk * r_jh) * (1 - r_jk**2 - r_jh**2 - r_kh**2) + r_kh**3)
            / ((1 - r_jk**2) * (1 - r_jh**2)))
    d = r_jk - r_jh
    lo = d - math.sqrt(max((r_jk - l1) ** 2 + (u2 - r_jh) ** 2 - 2 * corr * (r_jk - l1) * (u2 - r_jh), 0.0))
    hi = d + math.sqrt(max((u1 - r_jk) ** 2 + (r_jh - l2) ** 2 - 2 * corr * (u1 - r_jk) * (r_jh - l2), 0.0))
    return {"test": test, "statistic": float(stat), "distribution": distribution, "df": df, "p_value": p,
            "difference": d, "ci_low": lo, "ci_high": hi, "alternative": alternative}


_CORR_TEXT = {
    "en": {
        "diff": "{x} correlates {more} with {target} than {y} does",
        "same": "{x} and {y} do not correlate significantly differently with {target}",
        "stronger": "more strongly",
        "weaker": "less strongly",
        "sentence": "{claim}: r = {rx} versus {ry} (r between them {rxy}; difference {d}, 95% CI {lo} to {hi}; "
                    "{test} {stat}, {p}; n = {n}).",
        "names": {"steiger": "Steiger's Z =", "williams": "Williams' T2 =", "meng": "Meng-Rosenthal-Rubin Z ="},
    },
    "nl": {
        "diff": "{x} hangt {more} samen met {target} dan {y}",
        "same": "{x} en {y} hangen niet significant verschillend samen met {target}",
        "stronger": "sterker",
        "weaker": "zwakker",
        "sentence": "{claim}: r = {rx} tegenover {ry} (onderlinge r {rxy}; verschil {d}, 95%-BI {lo} tot {hi}; "
                    "{test} {stat}, {p}; n = {n}).",
        "names": {"steiger": "Steigers Z =", "williams": "Williams' T2 =", "meng": "Meng-Rosenthal-Rubin Z ="},
    },
}


@dataclass
class CorrelationComparison:
    """Result of :func:`compare_correlations`."""

    target: str
    x: str
    y: str
    method: str
    test: str
    n: int
    r_x: float
    r_y: float
    r_xy: float
    difference: float
    ci_low: float
    ci_high: float
    statistic: float
    distribution: str
    df: int | None
    p_value: float
    alternative: str
    alpha: float = 0.05

    def summary(self) -> pd.DataFrame:
        """The result as a one-row table."""
        return pd.DataFrame([{k: getattr(self, k) for k in (
            "target", "x", "y", "method", "test", "n", "r_x", "r_y", "r_xy", "difference", "ci_low", "ci_high",
            "statistic", "distribution", "df", "p_value")}])

    def conclusions(self, language: str = "en") -> list[str]:
        """One sentence generated from the numbers."""
        _check_language(language)
        t = _CORR_TEXT[language]
        if self.p_value < self.alpha:
            claim = t["diff"].format(x=self.x, y=self.y, target=self.target,
                                     more=t["stronger"] if abs(self.r_x) > abs(self.r_y) else t["weaker"])
        else:
            claim = t["same"].format(x=self.x, y=self.y, target=self.target)
        return [t["sentence"].format(
            claim=claim, rx=_fmt(self.r_x, 3, language), ry=_fmt(self.r_y, 3, language),
            rxy=_fmt(self.r_xy, 3, language), d=_fmt(self.difference, 3, language, signed=True),
            lo=_fmt(self.ci_low, 3, language), hi=_fmt(self.ci_high, 3, language), test=t["names"][self.test],
            stat=_fmt(self.statistic, 2, language), p=_fmt_p(self.p_value, language), n=_fmt(self.n, 0, language))]


def compare_correlations(
    data: Any,
    *,
    target: str,
    x: str,
    y: str,
    method: str = "pearson",
    test: str = "steiger",
    alternative: str = "two-sided",
    confidence: float = 0.95,
    alpha: float = 0.05,
) -> CorrelationComparison:
    """Is ``target`` more strongly correlated with ``x`` than with ``y``? (dependent, overlapping correlations)

    Computes r(x, target), r(y, target) and r(x, y) on the rows where all three are present and tests
    their difference with :func:`dependent_correlation_test` (Steiger's 1980 Z by default). With a
    binary target the correlations are point-biserial. ``method="spearman"`` uses rank correlations;
    the tests are then large-sample approximations.

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> cx = rng.normal(size=500)
    >>> df = pd.DataFrame({"cx": cx, "ltr": cx + rng.normal(size=500) * 2, "spend": cx + rng.normal(size=500)})
    >>> res = compare_correlations(df, target="spend", x="cx", y="ltr")
    >>> res.r_x > res.r_y, res.p_value < 0.001
    (True, True)
    """
    if method not in ("pearson", "spearman"):
        raise ValueError(f"method must be 'pearson' or 'spearman', got {method!r}")
    df = _frame(data)
    _require_columns(df, [target, x, y], "comparing correlations")
    block = pd.DataFrame({c: _numeric(df, c) for c in dict.fromkeys([target, x, y])}).dropna()
    n = len(block)
    if n < 5:
        raise StudyDataError([DataProblem(table="data", column=target,
                                          rule=f"only {n} complete rows; comparing correlations needs at least 5")])
    if n < SMALL_N:
        warnings.warn(f"compare_correlations: only {n} complete rows", SmallSampleWarning, stacklevel=2)
    for c in block.columns:
        if block[c].nunique() < 2:
            raise StudyDataError([DataProblem(table="data", column=c, rule="column is constant; no correlation")])
    corr = block.corr(method=method)
    r_x, r_y, r_xy = float(corr.loc[x, target]), float(corr.loc[y, target]), float(corr.loc[x, y])
    res = dependent_correlation_test(r_x, r_y, r_xy, n, test=test, alternative=alternative, confidence=confidence)
    return CorrelationComparison(target=target, x=x, y=y, method=method, test=test, n=n, r_x=r_x, r_y=r_y, r_xy=r_xy,
                                 difference=res["difference"], ci_low=res["ci_low"], ci_high=res["ci_high"],
                                 statistic=res["statistic"], distribution=res["distribution"], df=res["df"],
                                 p_value=res["p_value"], alternative=alternative, alpha=alpha)


# --------------------------------------------------------------------------------------------
# value by NPS category
# --------------------------------------------------------------------------------------------

_MOVES = (("detractor", "passive"), ("detractor", "promoter"), ("passive", "promoter"))

_VAL_TEXT = {
    "en": {
        "cat": {"detractor": "detractors", "passive": "passives", "promoter": "promoters"},
        "means": "Mean {value}: promoters {p}, passives {pa}, detractors {d} (95% intervals {pci}, {paci}, {dci}).",
        "ratio": "Promoters are worth {r} times as much as detractors in {value} (95% CI {lo} to {hi}).",
        "claim_ok": "The rule of thumb that promoters are worth {c} times as much is consistent with these data "
                    "({p}).",
        "claim_no": "The rule of thumb that promoters are worth {c} times as much is not supported: the ratio is "
                    "{dir} ({p}).",
        "lower": "lower",
        "higher": "higher",
        "no_ratio": "The promoter-to-detractor ratio of {value} is undefined (detractors' mean is not positive).",
        "move": "A detractor who becomes {to} goes with a difference of {d} in {value} (95% CI {lo} to {hi}); "
                "this is a difference between groups, not a proven effect of changing one customer.",
        "to": {"passive": "a passive", "promoter": "a promoter"},
    },
    "nl": {
        "cat": {"detractor": "criticasters", "passive": "passieven", "promoter": "promotors"},
        "means": "Gemiddelde {value}: promotors {p}, passieven {pa}, criticasters {d} (95%-intervallen {pci}, "
                 "{paci}, {dci}).",
        "ratio": "Promotors zijn {r} keer zoveel waard als criticasters in {value} (95%-BI {lo} tot {hi}).",
        "claim_ok": "De vuistregel dat promotors {c} keer zoveel waard zijn, is in overeenstemming met deze "
                    "gegevens ({p}).",
        "claim_no": "De vuistregel dat promotors {c} keer zoveel waard zijn, wordt niet ondersteund: de verhouding "
                    "is {dir} ({p}).",
        "lower": "lager",
        "higher": "hoger",
        "no_ratio": "De verhouding promotors/criticasters voor {value} is niet gedefinieerd (het gemiddelde van "
                    "criticasters is niet positief).",
        "move": "Een criticaster die {to} wordt, gaat samen met een verschil van {d} in {value} (95%-BI {lo} tot "
                "{hi}); dit is een verschil tussen groepen, geen bewezen effect van het veranderen van één klant.",
        "to": {"passive": "passief", "promoter": "promotor"},
    },
}


@dataclass
class CategoryValue:
    """Result of :func:`value_by_category`.

    Attributes
    ----------
    by_category : DataFrame
        Per value column and category: ``n``, ``mean`` (weighted when weights are given), bootstrap
        ``se`` and percentile interval ``ci_low`` / ``ci_high``, ``share_of_customers`` and
        ``share_of_value`` (share of the total).
    ratios : DataFrame
        Per value column: promoter-to-detractor ``ratio`` of means with its bootstrap interval,
        ``claimed_ratio``, ``p_value_claim`` (bootstrap test of ratio = claimed), ``claim_in_ci`` and
        ``p_value_equal`` (test of ratio = 1).
    moves : DataFrame
        Per value column and move (``from`` -> ``to``): ``difference`` of means with its interval; the
        value associated with moving one customer from one category to the other.
    """

    by_category: pd.DataFrame
    ratios: pd.DataFrame
    moves: pd.DataFrame
    n_boot: int
    confidence: float
    seed: int | None
    claimed_ratio: float
    alpha: float = 0.05

    def summary(self) -> pd.DataFrame:
        """Means per value column and category with intervals."""
        return self.by_category

    def conclusions(self, language: str = "en", digits: int = 2) -> list[str]:
        """Sentences generated from the numbers, per value column."""
        _check_language(language)
        t = _VAL_TEXT[language]
        f = lambda x: _fmt(x, digits, language)  # noqa: E731
        out = []
        for value, g in self.by_category.groupby("value", sort=False):
            g = g.set_index("category")

            def ci(c: str, g: pd.DataFrame = g) -> str:
                return f"{f(g.loc[c, 'ci_low'])}-{f(g.loc[c, 'ci_high'])}" if c in g.index else "n/a"

            def mean(c: str, g: pd.DataFrame = g) -> str:
                return f(g.loc[c, "mean"]) if c in g.index else "n/a"

            out.append(t["means"].format(value=value, p=mean("promoter"), pa=mean("passive"), d=mean("detractor"),
                                         pci=ci("promoter"), paci=ci("passive"), dci=ci("detractor")))
            r = self.ratios[self.ratios["value"] == value].iloc[0]
            if np.isfinite(r["ratio"]):
                out.append(t["ratio"].format(r=f(r["ratio"]), value=value, lo=f(r["ci_low"]), hi=f(r["ci_high"])))
                c = _fmt(self.claimed_ratio, 1, language)
                if r["p_value_claim"] < self.alpha:
                    out.append(t["claim_no"].format(c=c, dir=t["lower"] if r["ratio"] < self.claimed_ratio
                                                    else t["higher"], p=_fmt_p(r["p_value_claim"], language)))
                else:
                    out.append(t["claim_ok"].format(c=c, p=_fmt_p(r["p_value_claim"], language)))
            else:
                out.append(t["no_ratio"].format(value=value))
            for _, m in self.moves[(self.moves["value"] == value) & (self.moves["from"] == "detractor")].iterrows():
                out.append(t["move"].format(to=t["to"][m["to"]], d=_fmt(m["difference"], digits, language, True),
                                            value=value, lo=f(m["ci_low"]), hi=f(m["ci_high"])))
        return out


def _boot_means(v: np.ndarray, w: np.ndarray | None, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Means of n_boot resamples (with replacement) of v, weighted when w is given; chunked for memory."""
    n = len(v)
    out = np.empty(n_boot)
    chunk = max(1, min(n_boot, 2_000_000 // max(n, 1)))
    for start in range(0, n_boot, chunk):
        b = min(chunk, n_boot - start)
        idx = rng.integers(0, n, size=(b, n))
        if w is None:
            out[start:start + b] = v[idx].mean(axis=1)
        else:
            ww = w[idx]
            out[start:start + b] = (v[idx] * ww).sum(axis=1) / ww.sum(axis=1)
    return out


def _boot_p(boot: np.ndarray, null: float) -> float:
    """Two-sided bootstrap p-value of ``statistic = null`` (inverting the percentile interval)."""
    boot = boot[np.isfinite(boot)]
    if len(boot) == 0:
        return float("nan")
    lower = (np.sum(boot <= null) + 1) / (len(boot) + 1)
    upper = (np.sum(boot >= null) + 1) / (len(boot) + 1)
    return float(min(1.0, 2 * min(lower, upper)))


def value_by_category(
    data: Any,
    *,
    ltr: str = "ltr",
    value: str | Sequence[str] = ("revenue_next_12m", "retained", "n_products"),
    customer: str | None = "customer_id",
    weights: str | None = None,
    breaks: Sequence[int] = (6, 8),
    claimed_ratio: float = 3.0,
    n_boot: int = 2000,
    confidence: float = 0.95,
    seed: int | None = None,
    alpha: float = 0.05,
) -> CategoryValue:
    """What is a promoter worth compared with a detractor? Value per NPS category with bootstrap intervals.

    For each ``value`` column (revenue, retention, number of products ...) the mean per detractor /
    passive / promoter, the promoter-to-detractor ratio of means and the differences between categories
    ("moving one detractor to passive/promoter"), all with percentile intervals from a bootstrap that
    resamples customers within each category (``n_boot`` resamples, seeded). The ratio is tested against
    ``claimed_ratio`` (the practitioners' "promoters are worth three times more") and against 1 by
    inverting the bootstrap distribution. The differences are associations between groups, not effects
    of changing a customer.

    Parameters
    ----------
    data : DataFrame or Study
        One row per customer with the LTR score and the value columns, e.g. from
        :func:`join_latest_response`; a Study is joined with :func:`customer_frame`.
    ltr : str
        Likelihood-to-recommend column (0-10).
    value : str or list of str
        Value columns.
    customer : str or None
        Customer id column; when present every customer must appear once.
    weights : str, optional
        Weight column: weighted means (the bootstrap resamples rows with their weights).
    breaks : (int, int)
        Category bounds as in :func:`nps_research.nps.categorize`.
    claimed_ratio : float
        Ratio to test.
    n_boot, confidence, seed
        Bootstrap resamples, interval level and seed.
    alpha : float
        Significance level of the conclusions.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": range(9), "ltr": [0, 3, 5, 7, 8, 8, 9, 10, 10],
    ...                    "revenue": [100, 80, 120, 150, 160, 140, 300, 320, 280]})
    >>> with warnings.catch_warnings():  # three customers per category: SmallSampleWarning
    ...     warnings.simplefilter("ignore", SmallSampleWarning)
    ...     res = value_by_category(df, value="revenue", n_boot=500, seed=1)
    >>> res.by_category[["category", "n", "mean"]]
        category  n   mean
    0  detractor  3  100.0
    1    passive  3  150.0
    2   promoter  3  300.0
    >>> float(res.ratios["ratio"].iloc[0])
    3.0
    """
    df = _frame(data)
    values = [value] if isinstance(value, str) else list(value)
    needed = [ltr, *values] + ([weights] if weights else [])
    _require_columns(df, needed, "value by NPS category")
    if customer is not None and customer in df.columns:
        dup = df[customer].duplicated(keep=False)
        if dup.any():
            raise StudyDataError([DataProblem(
                table="data", column=customer,
                rule="each customer must appear once; join each customer's latest response to the outcomes "
                     "with join_latest_response()", rows=tuple(df.index[dup.to_numpy()][:50]), n_rows=int(dup.sum()),
                examples=tuple(str(v) for v in df.loc[dup, customer].head(5)))])
    cat = pd.Series(categorize(df[ltr], breaks=breaks), index=df.index).astype(object)
    w_all = _numeric(df, weights) if weights else None
    if w_all is not None and np.any(w_all[np.isfinite(w_all)] < 0):
        raise StudyDataError([DataProblem(table="data", column=weights, rule="weights must be >= 0")])
    rng = np.random.default_rng(seed)
    lo_q, hi_q = (1 - confidence) / 2, (1 + confidence) / 2
    cat_rows, ratio_rows, move_rows = [], [], []
    for col in values:
        v_all = _numeric(df, col)
        ok = np.isfinite(v_all) & cat.notna().to_numpy()
        if w_all is not None:
            ok &= np.isfinite(w_all)
        total_w = float(np.sum(w_all[ok])) if w_all is not None else float(ok.sum())
        total_v = float(np.sum(v_all[ok] * (w_all[ok] if w_all is not None else 1.0)))
        boots: dict[str, np.ndarray] = {}
        means: dict[str, float] = {}
        for c in CATEGORIES:
            sel = ok & (cat == c).to_numpy()
            n_c = int(sel.sum())
            v = v_all[sel]
            w = w_all[sel] if w_all is not None else None
            if n_c == 0:
                continue
            if n_c < SMALL_N:
                warnings.warn(f"value_by_category: only {n_c} {c}s with {col}", SmallSampleWarning, stacklevel=2)
            m = float(np.average(v, weights=w)) if w is not None else float(v.mean())
            boots[c] = _boot_means(v, w, n_boot, rng)
            means[c] = m
            wsum = float(w.sum()) if w is not None else float(n_c)
            cat_rows.append({"value": col, "category": c, "n": n_c, "mean": m,
                             "se": float(np.std(boots[c], ddof=1)) if n_c > 1 else np.nan,
                             "ci_low": float(np.quantile(boots[c], lo_q)),
                             "ci_high": float(np.quantile(boots[c], hi_q)),
                             "share_of_customers": wsum / total_w,
                             "share_of_value": m * wsum / total_v if total_v else np.nan})
        if "promoter" in means and "detractor" in means and means["detractor"] > 0:
            with np.errstate(divide="ignore", invalid="ignore"):
                rb = boots["promoter"] / boots["detractor"]
            rb = np.where(boots["detractor"] > 0, rb, np.nan)
            ratio = means["promoter"] / means["detractor"]
            finite = rb[np.isfinite(rb)]
            lo, hi = (float(np.quantile(finite, lo_q)), float(np.quantile(finite, hi_q))) if len(finite) else (
                np.nan, np.nan)
            ratio_rows.append({"value": col, "ratio": ratio, "ci_low": lo, "ci_high": hi,
                               "claimed_ratio": claimed_ratio, "p_value_claim": _boot_p(rb, claimed_ratio),
                               "claim_in_ci": bool(lo <= claimed_ratio <= hi), "p_value_equal": _boot_p(rb, 1.0)})
        else:
            ratio_rows.append({"value": col, "ratio": np.nan, "ci_low": np.nan, "ci_high": np.nan,
                               "claimed_ratio": claimed_ratio, "p_value_claim": np.nan, "claim_in_ci": False,
                               "p_value_equal": np.nan})
        for a, b in _MOVES:
            if a in means and b in means:
                db = boots[b] - boots[a]
                move_rows.append({"value": col, "from": a, "to": b, "difference": means[b] - means[a],
                                  "ci_low": float(np.quantile(db, lo_q)), "ci_high": float(np.quantile(db, hi_q)),
                                  "p_value": _boot_p(db, 0.0)})
    return CategoryValue(by_category=pd.DataFrame(cat_rows), ratios=pd.DataFrame(ratio_rows),
                         moves=pd.DataFrame(move_rows), n_boot=n_boot, confidence=confidence, seed=seed,
                         claimed_ratio=claimed_ratio, alpha=alpha)


# --------------------------------------------------------------------------------------------
# which CX dimension matters most
# --------------------------------------------------------------------------------------------

_IMP_TEXT = {
    "en": {
        "top_sig": "For {outcome}, {top} matters most ({share} of the explained {fit}, 95% CI {lo} to {hi}); it is "
                   "significantly more important than {beaten}{rest}.",
        "rest": " but not distinguishable from {others}",
        "top_ns": "For {outcome}, {top} has the largest share ({share} of the explained {fit}, 95% CI {lo} to "
                  "{hi}), but it is not significantly more important than {others}: the data do not single out one "
                  "dimension.",
        "and": "and",
        "fit": {"linear": "R²", "logistic": "pseudo R²"},
    },
    "nl": {
        "top_sig": "Voor {outcome} telt {top} het zwaarst ({share} van de verklaarde {fit}, 95%-BI {lo} tot {hi}); "
                   "significant zwaarder dan {beaten}{rest}.",
        "rest": ", maar niet te onderscheiden van {others}",
        "top_ns": "Voor {outcome} heeft {top} het grootste aandeel ({share} van de verklaarde {fit}, 95%-BI {lo} "
                  "tot {hi}), maar niet significant groter dan {others}: de gegevens wijzen geen enkele dimensie aan.",
        "and": "en",
        "fit": {"linear": "R²", "logistic": "pseudo-R²"},
    },
}


def _join(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _pct(x: float, language: str) -> str:
    return _fmt(100 * x, 0, language) + "%"


@dataclass
class DimensionImportance:
    """Result of :func:`dimension_importance`.

    ``importance``: per outcome and dimension the relative importance, its share of the explained
    (pseudo) R-squared and rank, with bootstrap intervals. ``differences``: per outcome, pairwise
    differences of importance with intervals and ``significant``. ``results``: the underlying
    :class:`nps_research.drivers.RelativeImportanceResult` per outcome.
    """

    importance: pd.DataFrame
    differences: pd.DataFrame
    results: dict[str, Any]
    labels: dict[str, str] = field(default_factory=dict)

    def summary(self) -> pd.DataFrame:
        """The importance table."""
        return self.importance

    def most_important(self) -> pd.Series:
        """Outcome -> the dimension with the largest importance."""
        top = self.importance.sort_values("rank").groupby("outcome", sort=False).first()
        return top["driver"]

    def conclusions(self, language: str = "en") -> list[str]:
        """Per outcome: which dimension matters most, and whether the data can tell it from the others."""
        _check_language(language)
        t = _IMP_TEXT[language]
        names = {**EXQ_LABELS[language], **self.labels}
        label = lambda d: names.get(d, d)  # noqa: E731
        out = []
        for outcome, g in self.importance.groupby("outcome", sort=False):
            g = g.sort_values("rank")
            top = g.iloc[0]
            d = self.differences[self.differences["outcome"] == outcome]
            beaten, tied = [], []
            for other in g["driver"].iloc[1:]:
                row = d[((d["driver_a"] == top["driver"]) & (d["driver_b"] == other))
                        | ((d["driver_b"] == top["driver"]) & (d["driver_a"] == other))]
                (beaten if len(row) and bool(row["significant"].iloc[0]) else tied).append(label(other))
            fit = t["fit"][self.results[outcome].family]
            common = dict(outcome=outcome, top=label(top["driver"]), share=_pct(top["share"], language), fit=fit,
                          lo=_pct(top.get("share_ci_low", np.nan), language),
                          hi=_pct(top.get("share_ci_high", np.nan), language))
            if beaten:
                rest = t["rest"].format(others=_join(tied, t["and"])) if tied else ""
                out.append(t["top_sig"].format(beaten=_join(beaten, t["and"]), rest=rest, **common))
            else:
                out.append(t["top_ns"].format(others=_join(tied, t["and"]), **common))
        return out


def dimension_importance(
    data: Any,
    *,
    outcomes: str | Sequence[str],
    dimensions: Sequence[str] | None = None,
    method: str = "shapley",
    bootstrap: int = 200,
    confidence: float = 0.95,
    seed: int | None = None,
    labels: Mapping[str, str] | None = None,
) -> DimensionImportance:
    """Which CX dimension matters most for each outcome? Relative importance with bootstrap intervals.

    Runs :func:`nps_research.drivers.relative_importance` (Shapley/LMG dominance by default; for a
    binary outcome McFadden's pseudo R-squared is decomposed) of the dimension scores for each outcome,
    so that a claim such as "peace of mind influences loyalty most" is tested rather than assumed: the
    conclusions say which dimension is largest and which differences the bootstrap can distinguish.

    Parameters
    ----------
    data : DataFrame or Study
        One row per customer (a Study goes through :func:`customer_frame`).
    outcomes : str or list of str
        Outcome columns (``retained``, ``revenue_next_12m``, ``ltr`` ...).
    dimensions : list of str, optional
        Dimension score columns; default ``data.attrs["cx_dimensions"]`` (set by :func:`customer_frame`)
        or the EXQ dimensions.
    method : {"shapley", "johnson"}
    bootstrap : int
        Bootstrap resamples for the intervals and pairwise tests (0 = none).
    confidence : float
    seed : int, optional
    labels : dict, optional
        Readable dimension names for the conclusions (default: the EXQ names).

    Examples
    --------
    >>> rng = np.random.default_rng(4)
    >>> d = pd.DataFrame(rng.normal(size=(400, 3)), columns=["pex", "out", "pom"])
    >>> d["y"] = 0.1 * d["pex"] + 0.1 * d["out"] + 0.6 * d["pom"] + rng.normal(size=400)
    >>> res = dimension_importance(d, outcomes="y", dimensions=["pex", "out", "pom"], bootstrap=50, seed=1)
    >>> res.most_important()["y"]
    'pom'
    >>> res.conclusions()[0].split(" (")[0]
    'For y, peace of mind matters most'
    """
    from .drivers import relative_importance

    df = _frame(data)
    outs = [outcomes] if isinstance(outcomes, str) else list(outcomes)
    if dimensions is None:
        dimensions = df.attrs.get("cx_dimensions") or [d for d in EXQ_DIMENSIONS if d in df.columns]
    dims = list(dimensions)
    if len(dims) < 2:
        raise ValueError("dimension_importance needs at least two dimension columns")
    imps, diffs, results = [], [], {}
    for o in outs:
        res = relative_importance(df, outcome=o, drivers=dims, method=method, bootstrap=bootstrap,
                                  confidence=confidence, seed=seed)
        results[o] = res
        imps.append(res.importance.assign(outcome=o, family=res.family, r2=res.r2, n=res.n))
        if res.differences is not None:
            diffs.append(res.differences.assign(outcome=o))
    importance = pd.concat(imps, ignore_index=True)
    importance = importance[["outcome", *[c for c in importance.columns if c != "outcome"]]]
    differences = (pd.concat(diffs, ignore_index=True) if diffs else
                   pd.DataFrame(columns=["driver_a", "driver_b", "difference", "ci_low", "ci_high", "significant",
                                         "outcome"]))
    return DimensionImportance(importance=importance, differences=differences, results=results,
                               labels=dict(labels or {}))


# --------------------------------------------------------------------------------------------
# notebook helpers: hypotheses, available measures, overall verdict
# --------------------------------------------------------------------------------------------

_HYPOTHESES = {
    "en": """**Hypotheses** (Klaus & Maklan 2013; practitioners' rules of thumb). Each is tested below on this study's data.

1. *Prediction*: a journey-level CX measure (the EXQ dimensions) predicts what customers do (stay, spend, buy more
   products) better out of sample than the Net Promoter question alone.
2. *Incremental validity*: CX adds explanatory power to NPS, while NPS adds little to CX.
3. *Correlation*: behaviour correlates more strongly with the overall CX score than with the likelihood to recommend
   (Steiger's test for dependent correlations).
4. *Which dimension*: peace of mind is the CX dimension that matters most.
5. *Value of a promoter*: promoters are worth {ratio} times as much as detractors.""",
    "nl": """**Hypothesen** (Klaus & Maklan 2013; vuistregels uit de praktijk). Elke hypothese wordt hieronder getoetst op de
gegevens van dit onderzoek.

1. *Voorspelling*: een CX-maat op het niveau van de klantreis (de EXQ-dimensies) voorspelt wat klanten doen (blijven,
   besteden, meer producten afnemen) buiten de steekproef beter dan de NPS-vraag alleen.
2. *Incrementele validiteit*: CX voegt verklarende kracht toe aan NPS, terwijl NPS weinig toevoegt aan CX.
3. *Correlatie*: gedrag hangt sterker samen met de totale CX-score dan met de aanbevelingsbereidheid
   (Steigers toets voor afhankelijke correlaties).
4. *Welke dimensie*: gemoedsrust is de CX-dimensie die het zwaarst telt.
5. *Waarde van een promotor*: promotors zijn {ratio} keer zoveel waard als criticasters.""",
}


def hypotheses(language: str = "en", *, claimed_ratio: float = 3.0) -> str:
    """The hypotheses of the NPS-versus-CX notebook as Markdown, in English or Dutch.

    ``claimed_ratio`` is the promoter-to-detractor value ratio of hypothesis 5 (the one
    :func:`value_by_category` tests).

    Examples
    --------
    >>> hypotheses("nl").splitlines()[0][:13]
    '**Hypothesen*'
    >>> hypotheses(claimed_ratio=2.5).splitlines()[-1]
    '5. *Value of a promoter*: promoters are worth 2.5 times as much as detractors.'
    """
    _check_language(language)
    return _HYPOTHESES[language].replace("{ratio}", _fmt(claimed_ratio, 1, language))


def available_measures(
    data: pd.DataFrame, measures: Mapping[str, Sequence[str]], *, min_rows: int = 30
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Split measure sets into those the data can support and those they cannot (with the reason).

    A measure is dropped when one of its columns is missing or has fewer than ``min_rows`` answers,
    so a notebook can run on a client's data that lack, say, a satisfaction question.

    Examples
    --------
    >>> df = pd.DataFrame({"ltr": range(40)})
    >>> available_measures(df, {"NPS": ["ltr"], "Satisfaction": ["csat"]})
    ({'NPS': ['ltr']}, {'Satisfaction': "column 'csat' is not in the data"})
    """
    kept, dropped = {}, {}
    for name, cols in measures.items():
        cols = [cols] if isinstance(cols, str) else list(cols)
        reason = None
        for c in cols:
            if c not in data.columns:
                reason = f"column '{c}' is not in the data"
            elif int(data[c].notna().sum()) < min_rows:
                reason = f"column '{c}' has fewer than {min_rows} answers"
            if reason:
                break
        if reason:
            dropped[name] = reason
        else:
            kept[name] = cols
    return kept, dropped


_OVERALL_TEXT = {
    "en": {
        "summary": "Across {k} outcome{s}, {measure} predicted significantly better than {base} for {better}, no "
                   "differently for {same} and worse for {worse} (out-of-sample {metrics}, alpha = {alpha}).",
        "none": "none",
        "supported": "The claim that {measure} predicts customer behaviour better than {base} is supported for every "
                     "outcome tested.",
        "partly": "The claim that {measure} predicts customer behaviour better than {base} is supported for some "
                  "outcomes only.",
        "not": "The claim that {measure} predicts customer behaviour better than {base} is not supported by these data.",
    },
    "nl": {
        "summary": "Over {k} uitkomst{s} voorspelde {measure} significant beter dan {base} voor {better}, niet "
                   "anders voor {same} en slechter voor {worse} (buiten de steekproef, {metrics}, alfa = {alpha}).",
        "none": "geen",
        "supported": "De bewering dat {measure} klantgedrag beter voorspelt dan {base}, wordt voor elke getoetste "
                     "uitkomst ondersteund.",
        "partly": "De bewering dat {measure} klantgedrag beter voorspelt dan {base}, wordt slechts voor een deel van "
                  "de uitkomsten ondersteund.",
        "not": "De bewering dat {measure} klantgedrag beter voorspelt dan {base}, wordt door deze gegevens niet "
               "ondersteund.",
    },
}


def overall_conclusions(results: Sequence[PredictiveValidity], *, measure: str, language: str = "en") -> list[str]:
    """Sentences summing up, over several outcomes, how ``measure`` did against each result's baseline.

    Uses each result's headline metric (AUC for a binary outcome, R-squared for a continuous one).

    Examples
    --------
    >>> rng = np.random.default_rng(5)
    >>> cx = rng.normal(size=500)
    >>> df = pd.DataFrame({"cx": cx, "ltr": rng.normal(size=500), "y": cx + rng.normal(size=500)})
    >>> res = predictive_validity(df, outcome="y", measures={"NPS": ["ltr"], "CX": ["cx"]}, cv=5, repeats=1, seed=1)
    >>> overall_conclusions([res], measure="CX")[1]
    'The claim that CX predicts customer behaviour better than NPS is supported for every outcome tested.'
    """
    _check_language(language)
    t = _OVERALL_TEXT[language]
    groups: dict[str, list[str]] = {"better": [], "same": [], "worse": []}
    bases, metrics = set(), set()
    alpha = 0.05
    for r in results:
        d = r.differences[(r.differences["measure"] == measure) & (r.differences["metric"] == r.metric)]
        if d.empty:
            continue
        fav = d["favours"].iloc[0]
        groups["better" if fav == measure else "same" if fav == "neither" else "worse"].append(r.outcome)
        bases.add(r.baseline)
        metrics.add(_METRIC_LABEL[r.metric])
        alpha = r.alpha
    k = sum(len(v) for v in groups.values())
    if k == 0:
        return []
    base = " / ".join(sorted(bases))
    fmt = {key: (f"{len(v)} ({', '.join(v)})" if v else t["none"]) for key, v in groups.items()}
    s = "" if k == 1 else ("s" if language == "en" else "en")
    out = [t["summary"].format(k=k, s=s, measure=measure, base=base, metrics=", ".join(sorted(metrics)),
                               alpha=_fmt(alpha, 2, language), **fmt)]
    if len(groups["better"]) == k:
        out.append(t["supported"].format(measure=measure, base=base))
    elif groups["better"]:
        out.append(t["partly"].format(measure=measure, base=base))
    else:
        out.append(t["not"].format(measure=measure, base=base))
    return out


def join_summary(frame: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """What :func:`join_latest_response` kept and left out, as a two-column table for a report.

    Examples
    --------
    >>> r = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-01", "2024-02-01"], "ltr": [9, 3]})
    >>> o = pd.DataFrame({"customer_id": ["a", "c"], "retained": [1, 0]})
    >>> join_summary(join_latest_response(r, o))
                                   what  customers
    0  customers with response and outcome          1
    1        responses without an outcome          1
    2         outcomes without a response          1
    """
    _check_language(language)
    info = frame.attrs.get("join", {})
    labels = {
        "en": ("customers with response and outcome", "responses without an outcome", "outcomes without a response",
               "what", "customers"),
        "nl": ("klanten met antwoord en uitkomst", "antwoorden zonder uitkomst", "uitkomsten zonder antwoord",
               "wat", "klanten"),
    }[language]
    keys = ("customers_joined", "customers_without_outcome", "outcomes_without_response")
    return pd.DataFrame({labels[3]: labels[:3], labels[4]: [int(info.get(k, 0)) for k in keys]})
