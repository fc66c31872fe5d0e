"""Which attributes hurt when bad and which delight when good, and where to act.

- :func:`penalty_reward` contrasts bottom-box and top-box effects per attribute (penalty-reward contrast
  analysis) with an impact-asymmetry index and Kano-style classes;
- :func:`importance_performance` crosses importance (Shapley share, Johnson's weights or squared
  correlations) with performance (mean score or top-box share) in the classic four quadrants.

Both return :class:`nps_research.results.Result` objects: ``summary()`` the table, ``describe(language)``
the sentences, ``table(language)`` the report table.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import SmallSampleWarning, StudyDataError
from ..results import Result
from ..tables import report_table
from ..text import Label, Num, Pct, Sig, Word, Words, t
from ._common import (
    MIN_ROWS_PER_DRIVER,
    _deprecated,
    _design,
    _frame,
    _labels,
    _numeric_columns,
    _resolve_drivers,
    _weighted_corr,
    _weights_array,
)
from .importance import RelativeImportanceResult, relative_importance

__all__ = ["KANO_CLASSES", "QUADRANTS", "ImportancePerformance", "PenaltyReward", "describe_penalty_reward",
           "importance_performance", "penalty_reward"]

#: Kano-style classes of :func:`penalty_reward`, in the order the report names them.
KANO_CLASSES = ("basic", "excitement", "performance", "no effect")

#: (high importance, high performance) -> quadrant code (shown in the report language).
QUADRANTS = {
    (True, False): "concentrate here",
    (True, True): "keep up the good work",
    (False, False): "low priority",
    (False, True): "possible overkill",
}


# ---------------------------------------------------------------------------------------------------------
# penalty-reward contrast analysis
# ---------------------------------------------------------------------------------------------------------


@dataclass(repr=False)
class PenaltyReward(Result):
    """Penalty-reward contrast analysis (see :func:`penalty_reward`).

    ``summary()`` one row per attribute; ``describe(language)`` names the basic, excitement and performance
    attributes; ``rule(language)`` states how they were classed; ``table(language)`` the report table.
    """

    results: pd.DataFrame
    outcome: str = "ltr"
    n: int = 0
    threshold: float = 0.2
    confidence: float = 0.95
    controls: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    def summary(self) -> pd.DataFrame:
        """One row per attribute: boxes, counts, penalty and reward with intervals and p-values, the
        impact-asymmetry index and the class."""
        return self.results.copy()

    def table(self, language: str = "en", **kwargs: Any):
        """Per attribute: the boxes, penalty and reward with their intervals, the impact asymmetry and the
        class."""
        cols = ["driver", "low", "n_low", "penalty", "penalty_ci_low", "penalty_ci_high", "high", "n_high",
                "reward", "reward_ci_low", "reward_ci_high", "impact_asymmetry", "kano_class"]
        kwargs.setdefault("columns", cols)
        kwargs.setdefault("labels", self.labels)
        kwargs.setdefault("caption", t("drivers.caption.penalty", language, outcome=Label(self.outcome, self.labels)))
        return report_table(self.results, language=language, **kwargs)

    def describe(self, language: str = "en") -> list[str]:
        """One sentence per class that has attributes (basic first)."""
        out = []
        for cls in KANO_CLASSES:
            sub = self.results[self.results["kano_class"] == cls]
            if len(sub):
                out.append(t("drivers.pr.class", language, cls=Word(f"drivers.pr.class.{cls}"),
                             names=Words([Label(d, self.labels) for d in sub["driver"]])))
        return out

    def rule(self, language: str = "en") -> str:
        """How penalty, reward, the impact-asymmetry index and the classes are defined."""
        return t("drivers.pr.rule", language, t=Sig(self.threshold), level=Sig(100 * self.confidence, 6))

    def __repr__(self) -> str:  # pragma: no cover - convenience
        return f"PenaltyReward(n={self.n})\n{self.results.to_string(index=False)}"


def describe_penalty_reward(table, language: str = "en") -> str:
    """Deprecated: ``" ".join(penalty_reward(...).describe(language))``."""
    _deprecated("describe_penalty_reward()", "PenaltyReward.describe()")
    res = table if isinstance(table, PenaltyReward) else PenaltyReward(table)
    return " ".join(res.describe(language))


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
) -> PenaltyReward:
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
    PenaltyReward
        Its ``summary()`` has one row per attribute: ``driver, low, high, n_low, n_high, penalty,
        penalty_ci_low, penalty_ci_high, penalty_p, reward, reward_ci_low,
        reward_ci_high, reward_p, impact_asymmetry, kano_class``; ``rule(language)`` states the rule,
        ``n`` the complete rows.

    Notes
    -----
    Dummies per attribute: bottom box and top box, the middle is the
    reference; one OLS regression of the outcome on all dummies (HC3 standard errors). penalty =
    minus the bottom-box coefficient, reward = the top-box coefficient.
    IA = (reward - penalty) / (reward + penalty), negative effects counted as
    0. IA <= -threshold: basic (hurts when bad, little credit when good); IA >= +threshold: excitement
    (credit when good, little harm when bad); otherwise performance (both ways); "no effect" when neither
    penalty nor reward is positive.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> df = pd.DataFrame({"basic": rng.integers(1, 11, 3000), "plus": rng.integers(1, 11, 3000)})
    >>> df["ltr"] = (6 - 0.6 * np.maximum(0, 6 - df["basic"]) + 0.8 * (df["plus"] >= 9)
    ...              + rng.normal(0, 1, 3000))
    >>> pr = penalty_reward(df, drivers=["basic", "plus"])
    >>> pr.summary()[["driver", "kano_class"]]
      driver   kano_class
    0  basic        basic
    1   plus  excitement
    >>> pr.describe("nl")[0]
    'Basisattributen (een lage score kost veel meer dan een hoge score oplevert): basic.'

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
        D = pd.concat([D, _design(df, [], controls)[0]], axis=1)
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
    return PenaltyReward(pd.DataFrame(rows), outcome=outcome, n=n, threshold=float(threshold),
                         confidence=float(confidence), controls=controls, labels=_labels(data))



# ---------------------------------------------------------------------------------------------------------
# importance-performance
# ---------------------------------------------------------------------------------------------------------


def _value(x: float, kind: str):
    return Pct(100 * x, 1) if kind == "share" else Num(x, 2)


@dataclass(repr=False)
class ImportancePerformance(Result):
    """Importance against performance per driver in four quadrants (see :func:`importance_performance`)."""

    results: pd.DataFrame
    split: tuple[float, float] = (np.nan, np.nan)
    performance: str = "mean"
    outcome: str = "ltr"
    labels: dict[str, str] = field(default_factory=dict)

    def summary(self) -> pd.DataFrame:
        """``driver, importance, performance, quadrant`` (and the importance interval when there is one)."""
        return self.results.copy()

    def table(self, language: str = "en", **kwargs: Any):
        """Per driver: importance (share of the explained part, %), performance and quadrant."""
        r = self.results.sort_values("importance", ascending=False, kind="stable")
        df = pd.DataFrame({"driver": r["driver"], "importance_share": r["importance"]})
        if "importance_ci_low" in r.columns:
            df["importance_share_low"] = r["importance_ci_low"]
            df["importance_share_high"] = r["importance_ci_high"]
        df[f"performance_{self.performance}"] = r["performance"]
        shown = self.shown_quadrants().loc[r.index]
        df["importance_class" if self.flat() else "quadrant"] = shown
        kwargs.setdefault("labels", self.labels)
        kwargs.setdefault("caption", t("drivers.caption.ip", language))
        return report_table(df, language=language, **kwargs)

    def describe(self, language: str = "en") -> list[str]:
        """Where to act first (important, below-average performance) and where performance may be more than
        the outcome needs. When performance does not separate the attributes (:meth:`flat`), no sentence
        says that one performs below or above another: it names the important ones.

        Examples
        --------
        >>> r = pd.DataFrame({"driver": ["sat_price", "sat_app"], "importance": [0.7, 0.3], "performance": [5.0, 8.0],
        ...                   "quadrant": ["concentrate here", "possible overkill"]})
        >>> ImportancePerformance(r, split=(0.5, 6.5)).describe("nl")[0]
        'Eerst verbeteren: prijs (belangrijk, maar met een lagere prestatie dan de andere attributen).'
        """
        out = []
        r = self.results
        outcome = Label(self.outcome, self.labels)
        if self.flat():
            kind = "share" if self.performance == "top_box" else "number:2"
            lo, hi = r["performance"].min(), r["performance"].max()
            out.append(t("drivers.ip.flat", language, low=_value(lo, kind), high=_value(hi, kind)))
            important = r[self.shown_quadrants() == "important"]
            names = [Label(d, self.labels) for d in important.sort_values("importance", ascending=False,
                                                                         kind="stable")["driver"]]
            if names:
                out.append(t("drivers.ip.flat.important", language, count=len(names), names=Words(names),
                             outcome=outcome))
            return out
        for code, key in (("concentrate here", "concentrate"), ("keep up the good work", "keep"),
                          ("possible overkill", "overkill")):
            names = [Label(d, self.labels) for d in r.loc[r["quadrant"] == code, "driver"]]
            if names:
                out.append(t(f"drivers.ip.{key}", language, count=len(names), names=Words(names),
                             outcome=outcome))
        return out

    def shown_quadrants(self) -> pd.Series:
        """The quadrant of each driver as the report shows it: when performance does not separate the
        drivers (:meth:`flat`), only the importance half (``important`` / ``less important``), as the
        performance half would rest on noise."""
        r = self.results
        if not self.flat():
            return r["quadrant"].copy()
        important = r["quadrant"].isin(["concentrate here", "keep up the good work"])
        return pd.Series(np.where(important, "important", "less important"), index=r.index, name="quadrant")

    def flat(self) -> bool:
        """Whether the best- and the worst-performing driver do not differ significantly (two-sided 5%, their
        standard errors), so that the performance axis does not separate the drivers."""
        r = self.results
        if "performance_se" not in r.columns or len(r) < 2:
            return False
        hi, lo = r.loc[r["performance"].idxmax()], r.loc[r["performance"].idxmin()]
        se = float(np.hypot(hi["performance_se"], lo["performance_se"]))
        return bool(hi["performance"] - lo["performance"] < 1.96 * se)

    def __repr__(self) -> str:  # pragma: no cover - convenience
        return f"ImportancePerformance(split={self.split})\n{self.results.to_string(index=False)}"


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
) -> ImportancePerformance:
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
    ImportancePerformance
        Its ``summary()``: ``driver, importance, performance, quadrant`` (plus ``importance_ci_low,
        importance_ci_high`` when the importance has a bootstrap); the lines in
        ``split``. Quadrants (codes, shown in the report language): high importance & low performance
        "concentrate here"; high & high "keep up the good work"; low & low
        "low priority"; low importance & high performance "possible overkill".

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> df = pd.DataFrame({"a": rng.normal(5, 1, 400), "b": rng.normal(8, 1, 400), "c": rng.normal(6, 1, 400)})
    >>> df["ltr"] = 2 * df["a"] + 0.2 * df["b"] + 0.1 * df["c"] + rng.normal(0, 1, 400)
    >>> ip = importance_performance(df, drivers=["a", "b", "c"])
    >>> ip.summary().set_index("driver")["quadrant"].to_dict()
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
    perf, perf_se = [], []
    if performance == "top_box" and top_box is None:
        _, highs = _default_boxes(study, df, drivers, None, None)
    for d in drivers:
        s = num[d]
        ok = s.notna()
        w = _weights_array(df, weights, s.index[ok])
        w = np.ones(ok.sum()) if w is None else w
        if performance == "mean":
            x = s[ok].to_numpy(float)
        elif performance == "top_box":
            hb = top_box if top_box is not None else highs[d]
            hb = hb[d] if isinstance(hb, dict) else hb
            x = (s[ok] >= hb).to_numpy(float)
        else:
            raise ValueError("performance must be 'mean' or 'top_box'")
        m = float(np.average(x, weights=w))
        n_eff = w.sum() ** 2 / np.sum(w**2)
        perf.append(m)
        perf_se.append(float(np.sqrt(np.average((x - m) ** 2, weights=w) / max(n_eff - 1, 1))))
    perf = np.array(perf)
    if split == "mean":
        si, sp = float(np.mean(share)), float(np.mean(perf))
    elif split == "median":
        si, sp = float(np.median(share)), float(np.median(perf))
    else:
        si, sp = map(float, split)
    out = pd.DataFrame({"driver": drivers, "importance": share, "performance": perf, "performance_se": perf_se})
    if imp is not None and "share_ci_low" in imp.columns:
        out["importance_ci_low"] = imp["share_ci_low"].to_numpy()
        out["importance_ci_high"] = imp["share_ci_high"].to_numpy()
    out["quadrant"] = [QUADRANTS[(bool(i > si), bool(p > sp))] for i, p in zip(share, perf)]
    labels = _labels(data) or (ri.labels if ri is not None else {})
    return ImportancePerformance(out, split=(si, sp), performance=performance, outcome=outcome, labels=labels)

