"""Which measure predicts the outcome best out of sample? Paired repeated k-fold cross-validation with the
corrected resampled t-test, and the verdict over several outcomes.

References
----------
Bouckaert, R. R., & Frank, E. (2004). Evaluating the replicability of significance tests for comparing
learning algorithms. PAKDD, 3-12.
Nadeau, C., & Bengio, Y. (2003). Inference for the generalization error. Machine Learning, 52, 239-281.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import DataProblem, StudyDataError
from ..inputs import labels_of
from ..nps import SMALL_N, SmallSampleWarning
from ..results import Result
from ..tables import report_table
from ..text import Int, Level, Num, P, Words, t
from ._common import (
    _HIGHER_IS_BETTER,
    _METRICS,
    _deprecated,
    _infer_kind,
    measure_label,
    metric_label,
    quoted,
    variable_label,
)
from .customers import frame_of
from .models import fit_whole_sample, normalise_measures, null_loglik, predict, prepare

__all__ = [
    "PredictiveValidity",
    "auc",
    "corrected_resampled_ttest",
    "overall_conclusions",
    "predictive_validity",
    "repeated_kfold",
]


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
        t_stat = mean / se
        p = float(2 * stats.t.sf(abs(t_stat), df))
    else:
        t_stat = math.copysign(math.inf, mean) if mean != 0 else 0.0
        p = 0.0 if mean != 0 else 1.0
    q = float(stats.t.ppf(0.5 + confidence / 2, df))
    return {"mean": mean, "se": se, "t": t_stat, "df": df, "p_value": p, "ci_low": mean - q * se,
            "ci_high": mean + q * se}


def _wilson(p: float, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    if n == 0:
        return float("nan"), float("nan")
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


@dataclass
class PredictiveValidity(Result):
    """Result of :func:`predictive_validity`.

    Attributes
    ----------
    outcome, kind, baseline : str
        Outcome column, ``"binary"`` or ``"continuous"``, and the measure the others are compared with.
    measures : dict
        Measure name -> predictor columns.
    n, n_dropped, cv, repeats, seed
        Rows used (complete cases), rows left out for missing values, folds, repeats and seed.
    n_cv : int
        Rows cross-validated: ``n``, or the random sample of ``max_rows`` of them.
    predictions : DataFrame
        Out-of-fold predictions of the cross-validated rows: repeat, row (index label of the data), measure,
        observed, predicted.
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
        Whole-sample fit per measure: ``n_params``, ``log_likelihood``, ``aic``, ``bic`` and ``r2``
        (continuous) or McFadden's ``pseudo_r2`` (binary).
    coefficients : DataFrame
        Whole-sample coefficients per measure with standard errors, Wald intervals and p-values
        (``odds_ratio`` too for a binary outcome), from statsmodels.
    lr_tests : DataFrame
        Likelihood-ratio tests for each pair of nested measures (restricted inside full).
    method : str
        How differences are tested (English; :meth:`describe_method` writes it in a report language).
    labels : dict
        Column -> label (the client's column names) for sentences and tables.
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
    confidence: float = 0.95
    labels: dict[str, str] = field(default_factory=dict)
    n_cv: int | None = None

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

    @property
    def report_columns(self) -> tuple[str, ...]:  # type: ignore[override]
        m = self.metric
        other = ("brier", "log_loss") if self.kind == "binary" else ("rmse",)
        return ("measure", m, f"{m}_ci_low", f"{m}_ci_high", f"{m}_difference", "p_value", *other, "aic", "bic")

    def table(self, language: str = "en", **kwargs: Any):
        """The report table: one row per measure (names in the report language)."""
        df = self.summary()
        df["measure"] = [measure_label(m, language, self.labels) for m in df["measure"]]
        kwargs.setdefault("columns", list(self.report_columns))
        kwargs.setdefault("caption", t("compare.caption.scores", language))
        return report_table(df, language=language, **kwargs)

    def differences_table(self, language: str = "en", **kwargs: Any):
        """Every metric's difference from the baseline (a folded detail table)."""
        df = self.differences.copy()
        df["measure"] = [measure_label(m, language, self.labels) for m in df["measure"]]
        df["metric"] = [metric_label(m, language) for m in df["metric"]]
        kwargs.setdefault("columns", ["measure", "metric", "difference", "ci_low", "ci_high", "t", "df",
                                      "p_value"])
        kwargs.setdefault("kinds", {"difference": "signed:3", "ci_low": "number:3", "ci_high": "number:3",
                                    "t": "number:2", "df": "count"})
        kwargs.setdefault("caption", t("compare.caption.differences", language,
                                       base=measure_label(self.baseline, language, self.labels)))
        kwargs.setdefault("detail", True)
        return report_table(df, language=language, **kwargs)

    def coefficients_table(self, language: str = "en", **kwargs: Any):
        """The whole-sample coefficients of every measure's model (a folded detail table)."""
        df = self.coefficients.copy()
        df["measure"] = [measure_label(m, language, self.labels) for m in df["measure"]]
        df["term"] = [variable_label(v, language, self.labels) for v in df["term"]]
        cols = ["measure", "term", "coef", "se", "ci_low", "ci_high", "p_value"]
        if "odds_ratio" in df:
            cols.insert(3, "odds_ratio")
        kwargs.setdefault("columns", cols)
        kwargs.setdefault("kinds", {"se": "number:3", "ci_low": "number:3", "ci_high": "number:3"})
        kwargs.setdefault("caption", t("compare.caption.coefficients", language))
        kwargs.setdefault("detail", True)
        return report_table(df, language=language, **kwargs)

    def calibration(self, bins: int = 10) -> pd.DataFrame:
        """Calibration table of a binary outcome: per measure and bin of predicted probability
        (equal-count bins of the out-of-fold predictions, pooled over repeats), the mean predicted
        probability, the observed rate, its Wilson 95% interval and n."""
        if self.kind != "binary":
            raise ValueError("calibration needs a binary outcome")
        rows = []
        for m, g in self.predictions.groupby("measure", sort=False):
            # bins by predictions rounded to 10 decimals: predictions that are equal in exact arithmetic (the
            # same category in two folds with the same counts) fall into one bin whatever the rounding noise
            key = np.round(g["predicted"].to_numpy(), 10)
            edges = np.unique(np.quantile(key, np.linspace(0, 1, bins + 1)))
            b = np.clip(np.searchsorted(edges, key, side="right") - 1, 0, len(edges) - 2)
            for k in np.unique(b):
                sel = b == k
                n = int(sel.sum())
                obs = float(g["observed"].to_numpy()[sel].mean())
                lo, hi = _wilson(obs, n)
                rows.append({"measure": m, "bin": int(k), "n": n,
                             "predicted": float(g["predicted"].to_numpy()[sel].mean()),
                             "observed": obs, "ci_low": lo, "ci_high": hi})
        return pd.DataFrame(rows)

    def describe(self, language: str = "en", metric: str | None = None) -> list[str]:
        """Sentences stating what the numbers show: the best measure out of sample, each measure against the
        baseline and the likelihood-ratio tests of nested measures."""
        metric = metric or self.metric
        name = metric_label(metric, language)
        outcome = quoted(self.outcome, language, self.labels)
        base = measure_label(self.baseline, language, self.labels)
        level = Level(self.confidence)
        cv = t("compare.pv.cv", language, cv=Int(self.cv), count=int(self.repeats),
               n=Int(self.n if self.n_cv is None else self.n_cv))
        sc = self.scores[self.scores["metric"] == metric].set_index("measure")
        best = sc["mean"].idxmax() if _HIGHER_IS_BETTER[metric] else sc["mean"].idxmin()
        diffs = self.differences[self.differences["metric"] == metric]
        versus = diffs.loc[diffs["measure"] == best, "favours"]
        key = ("compare.pv.top" if best == self.baseline
               else "compare.pv.top_beats" if len(versus) and versus.iloc[0] == best else "compare.pv.top_not")
        extreme = t("compare.pv.extreme." + ("high" if _HIGHER_IS_BETTER[metric] else "low"), language)
        out = [t(key, language, cv=cv, outcome=outcome, measure=measure_label(best, language, self.labels),
                 extreme=extreme, metric=name, value=Num(sc.loc[best, "mean"], 3), base=base,
                 base_value=Num(sc.loc[self.baseline, "mean"], 3))]
        for _, d in diffs.iterrows():
            m = d["measure"]
            key = "same" if d["favours"] == "neither" else ("better" if d["favours"] == m else "worse")
            out.append(t(f"compare.pv.{key}", language, measure=measure_label(m, language, self.labels), outcome=outcome,
                         base=base, metric=name, a=Num(sc.loc[m, "mean"], 3), b=Num(sc.loc[self.baseline, "mean"], 3),
                         d=Num(d["difference"], 3, sign=True), level=level, lo=Num(d["ci_low"], 3),
                         hi=Num(d["ci_high"], 3), p=P(d["p_value"], "p")))
        for _, r in self.lr_tests.iterrows():
            key = "compare.pv.lr_improves" if r["p_value"] < self.alpha else "compare.pv.lr_not"
            added = Words([variable_label(c, language, self.labels) for c in str(r["added"]).split(", ")])
            out.append(t(key, language, added=added, base=measure_label(r["restricted"], language, self.labels),
                         outcome=outcome, lr=Num(r["lr"], 1), df=Int(r["df"]), p=P(r["p_value"], "p")))
        return out

    def describe_method(self, language: str = "en") -> list[str]:
        """How the measures were compared (and how many customers were left out), in ``language``."""
        key = f"compare.pv.method_{self.kind}"
        out = [t(key, language, cv=Int(self.cv), repeats=Int(self.repeats), df=Int(self.cv * self.repeats - 1))]
        if self.n_cv is not None and self.n_cv < self.n:
            out.append(t("compare.pv.sampled", language, sample=Int(self.n_cv), n=Int(self.n)))
        if self.n_dropped:
            out.append(t("compare.pv.dropped", language, count=int(self.n_dropped)))
        return out

    def conclusions(self, language: str = "en", metric: str | None = None) -> list[str]:
        """Deprecated alias of :meth:`describe`."""
        _deprecated("PredictiveValidity.conclusions()", "describe()")
        return self.describe(language, metric)


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
    max_rows: int | None = None,
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
    side. The whole-sample fits (statsmodels' binomial GLM or OLS) give AIC, BIC, (pseudo) R-squared,
    coefficients and likelihood-ratio tests for nested measures.

    Parameters
    ----------
    data : DataFrame or Study
        One row per customer (see :func:`~nps_research.compare.join_latest_response` /
        :func:`~nps_research.compare.customer_frame`); a Study is turned into that frame first.
    outcome : str
        Outcome column (``retained``, ``revenue_next_12m`` ...).
    measures : dict
        Measure name -> list of predictor columns, e.g. ``{"nps": ["ltr"], "nps_category":
        ["promoter", "detractor"], "cx": [...dimension columns...], "cx_nps": [...]}``. Names with a
        ``compare.measure.<name>`` text are shown by that text in reports, others as they are.
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
        Interval level and significance level for ``favours`` and the sentences.
    max_rows : int, optional
        With more complete rows than this, the cross-validation runs on a random sample of ``max_rows`` of
        them (drawn with ``seed``; the same folds as cross-validating that sample by itself) while the
        whole-sample fits (AIC, coefficients, likelihood-ratio tests) use every row. At hundreds of thousands
        of customers the fold differences are already estimated to a small fraction of their size; the
        sample keeps time and memory bounded. Default: no limit.

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
    >>> res = predictive_validity(df, outcome="retained", measures={"nps": ["ltr"], "cx": ["cx"]},
    ...                           cv=5, repeats=2, seed=0)
    >>> res.differences.loc[res.differences["metric"] == "auc", ["measure", "favours"]]
      measure favours
    0      cx      cx
    >>> res.describe("nl")[1][:44]
    'CX (EXQ) voorspelt ‘behouden’ beter dan NPS:'
    """
    df = frame_of(data)
    prep = prepare(df, outcome, measures, controls)
    measures = normalise_measures(measures)
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
    rows = _cv_rows(n, max_rows, seed)
    y_cv, X_cv = (y, X) if rows is None else (y[rows], X[rows])
    n_cv = len(y_cv)
    folds = repeated_kfold(n_cv, cv=cv, repeats=repeats, seed=seed, strata=y_cv if kind == "binary" else None)
    metrics = _METRICS[kind]
    n_m = len(names)
    values = np.empty((len(metrics), n_m, repeats, cv))
    predicted = np.empty((repeats, n_m, n_cv))
    for r in range(repeats):
        for k in range(cv):
            test = folds[r] == k
            train = ~test
            for j, m in enumerate(names):
                cols = prep.sets[m]
                p = predict(kind, X_cv[train][:, cols], y_cv[train], X_cv[test][:, cols])
                predicted[r, j, test] = p
                for i, value in enumerate(_scores(kind, y_cv[test], p).values()):
                    values[i, j, r, k] = value
    ordered = values.transpose(2, 3, 1, 0)  # repeat, fold, measure, metric
    grid = np.indices(ordered.shape).reshape(4, -1)
    fold_scores = pd.DataFrame({"repeat": grid[0], "fold": grid[1], "measure": np.asarray(names, dtype=object)[grid[2]],
                                "metric": np.asarray(metrics, dtype=object)[grid[3]], "value": ordered.ravel()})
    pgrid = np.indices(predicted.shape, dtype=np.int32 if n_cv < 2**31 else np.int64).reshape(3, -1)
    index = np.asarray(prep.index) if rows is None else np.asarray(prep.index)[rows]
    predictions = pd.DataFrame({"repeat": pgrid[0], "row": index[pgrid[2]],
                                "measure": pd.Categorical.from_codes(pgrid[1], categories=names),
                                "observed": y_cv[pgrid[2]], "predicted": predicted.ravel()})
    del pgrid
    n_test = n_cv / cv
    n_train = n_cv - n_test
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
    in_sample, coefficients, lls = _whole_sample(kind, prep, names, confidence)
    lr_rows = []
    for a in names:
        for b in names:
            sa, sb = set(prep.sets[a]), set(prep.sets[b])
            if a != b and sa < sb:
                lr = max(2 * (lls[b] - lls[a]), 0.0)
                dfree = len(sb) - len(sa)
                added = ", ".join(prep.columns[c] for c in prep.sets[b] if c not in sa)
                lr_rows.append({"restricted": a, "full": b, "added": added, "lr": lr, "df": dfree,
                                "p_value": float(stats.chi2.sf(lr, dfree))})
    method = (f"{cv}-fold cross-validation repeated {repeats} times (same folds for every measure"
              f"{', stratified by the outcome' if kind == 'binary' else ''}"
              f"{f', on a random sample of {n_cv:,} of the {n:,} rows' if rows is not None else ''}); intervals "
              "and p-values from the Nadeau & Bengio (2003) corrected resampled t-test (Bouckaert & Frank 2004), "
              f"t with {cv * repeats - 1} df")
    return PredictiveValidity(
        outcome=outcome, kind=kind, baseline=baseline, measures=measures, n=n, n_dropped=prep.n_dropped, cv=cv,
        repeats=repeats, seed=seed, alpha=alpha, scores=pd.DataFrame(score_rows),
        differences=pd.DataFrame(diff_rows, columns=["measure", "baseline", "metric", "difference", "ci_low",
                                                     "ci_high", "t", "df", "p_value", "favours"]),
        fold_scores=fold_scores, in_sample=in_sample, coefficients=coefficients,
        lr_tests=pd.DataFrame(lr_rows, columns=["restricted", "full", "added", "lr", "df", "p_value"]),
        predictions=predictions, method=method, confidence=confidence, labels=labels_of(df), n_cv=n_cv)


def _cv_rows(n: int, max_rows: int | None, seed: int | None) -> np.ndarray | None:
    """The rows (positions, sorted) that a cross-validation limited to ``max_rows`` uses; None for all of them."""
    if max_rows is None or n <= max_rows:
        return None
    if max_rows < 2:
        raise ValueError(f"max_rows must be at least 2, got {max_rows}")
    # a stream of its own (the folds use default_rng(seed)), so that the folds equal those of the sample alone
    rng = np.random.default_rng(None if seed is None else [int(seed), 0x5A3])
    return np.sort(rng.choice(n, size=int(max_rows), replace=False))


def _whole_sample(kind: str, prep, names: list[str], confidence: float
                  ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, float]]:
    """Fit statistics and coefficient tables of every measure's whole-sample model (statsmodels)."""
    y, X, n = prep.y, prep.X, len(prep.y)
    ll0 = null_loglik(kind, y)
    ins_rows, coef_parts, lls = [], [], {}
    for m in names:
        cols = prep.sets[m]
        fit = fit_whole_sample(kind, X[:, cols], y)
        ll = float(fit.llf)
        k_par = len(cols) + (1 if kind == "continuous" else 0)  # residual variance of the linear model
        lls[m] = ll
        row = {"measure": m, "n": n, "n_params": k_par, "log_likelihood": ll, "aic": 2 * k_par - 2 * ll,
               "bic": k_par * math.log(n) - 2 * ll}
        if kind == "binary":
            row["pseudo_r2"] = 1 - ll / ll0
        else:
            row["r2"] = 1 - math.exp(2 * (ll0 - ll) / n)  # = 1 - SSE/SST for Gaussian likelihoods
        ins_rows.append(row)
        ci = np.asarray(fit.conf_int(alpha=1 - confidence))
        part = pd.DataFrame({"measure": m, "term": [prep.columns[c] for c in cols], "coef": fit.params,
                             "se": fit.bse, "ci_low": ci[:, 0], "ci_high": ci[:, 1], "p_value": fit.pvalues})
        if kind == "binary":
            part["odds_ratio"] = np.exp(part["coef"])
        coef_parts.append(part)
    return pd.DataFrame(ins_rows), pd.concat(coef_parts, ignore_index=True), lls


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
    >>> overall_conclusions([res], measure="CX", language="nl")[0]
    'Over 1 uitkomst voorspelde CX significant beter dan NPS voor 1 (‘y’), niet anders voor geen en slechter voor geen (buiten de steekproef, R², alfa = 0,05).'
    """
    groups: dict[str, list[str]] = {"better": [], "same": [], "worse": []}
    bases, metrics = [], []
    alpha = 0.05
    for r in results:
        d = r.differences[(r.differences["measure"] == measure) & (r.differences["metric"] == r.metric)]
        if d.empty:
            continue
        fav = d["favours"].iloc[0]
        groups["better" if fav == measure else "same" if fav == "neither" else "worse"].append(
            quoted(r.outcome, language, r.labels))
        bases.append(measure_label(r.baseline, language, r.labels))
        metrics.append(metric_label(r.metric, language))
        alpha = r.alpha
    k = sum(len(v) for v in groups.values())
    if k == 0:
        return []
    base = " / ".join(sorted(set(bases)))
    name = measure_label(measure, language, results[0].labels if results else None)
    parts = {key: (t("compare.overall.group", language, n=Int(len(v)), names=Words(v)) if v
                   else t("compare.overall.none", language)) for key, v in groups.items()}
    out = [t("compare.overall.summary", language, count=int(k), measure=name, base=base,
             metrics=", ".join(sorted(set(metrics))), alpha=Num(alpha, 2), **parts)]
    if len(groups["better"]) == k:
        key = "supported"
    elif groups["better"]:
        key = "partly"
    else:
        key = "not"
    out.append(t(f"compare.overall.{key}", language, measure=name, base=base))
    return out


def predictive_findings(results: Sequence[PredictiveValidity], *, measure: str, page: str | None = None) -> list:
    """Key findings: for each outcome, whether ``measure`` (the CX measure) predicts it better than, no
    differently from, or worse than the baseline (NPS) out of sample, with the corrected resampled t-test.

    Examples
    --------
    >>> rng = np.random.default_rng(5)
    >>> cx = rng.normal(size=500)
    >>> df = pd.DataFrame({"cx": cx, "ltr": rng.normal(size=500), "y": cx + rng.normal(size=500)})
    >>> res = predictive_validity(df, outcome="y", measures={"NPS": ["ltr"], "CX": ["cx"]}, cv=5, repeats=1, seed=1)
    >>> f = predictive_findings([res], measure="CX")[0]
    >>> f.status, f.statement["en"][:40]
    ('better', 'CX predicts ‘y’ better than NPS: R² 0.48')
    """
    from ..findings import IMPORTANCE, LANGUAGES, Finding

    out = []
    for r in results:
        d = r.differences[(r.differences["measure"] == measure) & (r.differences["metric"] == r.metric)]
        if d.empty:
            continue
        row = d.iloc[0]
        key = "same" if row["favours"] == "neither" else ("better" if row["favours"] == measure else "worse")
        sc = r.scores[r.scores["metric"] == r.metric].set_index("measure")["mean"]
        statement = {}
        for lang in LANGUAGES:
            statement[lang] = t(f"compare.pv.{key}", lang, measure=measure_label(measure, lang, r.labels),
                                outcome=quoted(r.outcome, lang, r.labels), base=measure_label(r.baseline, lang, r.labels),
                                metric=metric_label(r.metric, lang), a=Num(sc[measure], 3),
                                b=Num(sc[r.baseline], 3), d=Num(row["difference"], 3, sign=True),
                                level=Level(r.confidence), lo=Num(row["ci_low"], 3), hi=Num(row["ci_high"], 3),
                                p=P(row["p_value"], "p"))
        # the first outcome (retention, where the study has it) leads; the others are details of the page
        importance = (IMPORTANCE["compare.cx_vs_nps"] - (10 if key == "same" else 0) if not out
                      else IMPORTANCE["detail"] + 30)
        out.append(Finding("compare", f"predictive_{measure}_{r.outcome}", statement,
                           {"outcome": r.outcome, "measure": measure, "baseline": r.baseline, "metric": r.metric,
                            "value": float(sc[measure]), "baseline_value": float(sc[r.baseline]),
                            "difference": float(row["difference"]), "ci_low": float(row["ci_low"]),
                            "ci_high": float(row["ci_high"])},
                           "corrected resampled t-test (Nadeau & Bengio)", float(row["p_value"]), None,
                           float(row["difference"]), key, float(importance), page))
    return out
