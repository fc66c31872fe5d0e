"""Incremental validity: does CX add to NPS in explaining an outcome, and does NPS add to CX?
Hierarchical regression with the F test (continuous outcome) or the likelihood-ratio test (binary)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ..inputs import labels_of
from ..results import Result
from ..tables import report_table
from ..text import Int, Num, P, t
from ._common import _deprecated, _infer_kind, measure_label, quoted
from .customers import frame_of
from .models import fit_whole_sample, null_loglik, prepare

__all__ = ["IncrementalValidity", "incremental_validity"]


@dataclass
class IncrementalValidity(Result):
    """Result of :func:`incremental_validity`; ``steps`` (also :meth:`summary`) has one row per
    (base, added) step: ``r2_base``, ``r2_full``, ``delta_r2``, ``test`` (``F`` or ``LR``), ``statistic``,
    ``df1``, ``df2`` and ``p_value``."""

    outcome: str
    kind: str
    n: int
    alpha: float
    steps: pd.DataFrame
    labels: dict[str, str] = field(default_factory=dict)

    report_columns = ("base", "added", "r2_base", "r2_full", "delta_r2", "test", "statistic", "df1", "df2",
                      "p_value")

    def summary(self) -> pd.DataFrame:
        """The hierarchical-regression table (one row per step)."""
        return self.steps

    def table(self, language: str = "en", **kwargs: Any):
        """The report table (measure names in the report language; pseudo R² headers for a binary outcome)."""
        df = self.steps.copy()
        for c in ("base", "added"):
            df[c] = [measure_label(m, language, self.labels) for m in df[c]]
        if self.kind == "binary":
            kwargs.setdefault("headers", {"r2_base": t("compare.col.pseudo_r2_base", language),
                                          "r2_full": t("compare.col.pseudo_r2_full", language),
                                          "delta_r2": t("compare.col.pseudo_delta_r2", language)})
        kwargs.setdefault("columns", list(self.report_columns))
        kwargs.setdefault("caption", t("compare.caption.incremental", language))
        return report_table(df, language=language, labels=self.labels, **kwargs)

    def describe(self, language: str = "en") -> list[str]:
        """One sentence per step, generated from the numbers."""
        out = []
        what = t("compare.fit.r2" if self.kind == "continuous" else "compare.fit.pseudo_r2", language)
        for _, r in self.steps.iterrows():
            if r["test"] == "F":
                test = t("compare.inc.f", language, df1=Int(r["df1"]), df2=Int(r["df2"]), stat=Num(r["statistic"], 2))
            else:
                test = t("compare.inc.lr", language, df1=Int(r["df1"]), stat=Num(r["statistic"], 1))
            key = "compare.inc.adds" if r["p_value"] < self.alpha else "compare.inc.not_adds"
            out.append(t(key, language, added=measure_label(r["added"], language, self.labels),
                         base=measure_label(r["base"], language, self.labels), outcome=quoted(self.outcome, language, self.labels),
                         what=what, a=Num(r["r2_base"], 3), b=Num(r["r2_full"], 3), d=Num(r["delta_r2"], 3, sign=True),
                         test=test, p=P(r["p_value"], "p"), n=Int(self.n)))
        return out

    def conclusions(self, language: str = "en") -> list[str]:
        """Deprecated alias of :meth:`describe`."""
        _deprecated("IncrementalValidity.conclusions()", "describe()")
        return self.describe(language)


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
    ``2 (ll_full - ll_base) ~ chi2(df1)``. The models are fitted by statsmodels (OLS, binomial GLM).

    Parameters
    ----------
    data : DataFrame or Study
    outcome : str
    measures : dict
        Measure name -> predictor columns, e.g. ``{"nps": ["ltr"], "cx": [...dimensions...]}``.
    kind : {"auto", "binary", "continuous"}
    controls : list of str, optional
        Entered in every model (the first step of the hierarchy).
    pairs : list of (base, added), optional
        Steps to test; default every ordered pair of measures, so with two measures both "does CX add
        to NPS" and "does NPS add to CX".
    alpha : float
        Significance level of the sentences.

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> x1, x2 = rng.normal(size=(2, 400))
    >>> df = pd.DataFrame({"nps": x1, "cx": x2, "y": 0.1 * x1 + 0.5 * x2 + rng.normal(size=400)})
    >>> res = incremental_validity(df, outcome="y", measures={"NPS": ["nps"], "CX": ["cx"]})
    >>> res.summary()[["base", "added", "test", "df1", "df2"]]
      base added test  df1  df2
    0  NPS    CX    F    1  397
    1   CX   NPS    F    1  397
    >>> bool(res.summary()["p_value"].iloc[0] < 0.001)
    True
    """
    df = frame_of(data)
    prep = prepare(df, outcome, measures, controls)
    names = [str(k) for k in measures]
    y, X, n = prep.y, prep.X, len(prep.y)
    kind = _infer_kind(y, kind, outcome)
    if pairs is None:
        pairs = [(a, b) for a in names for b in names if a != b]
    ll0 = null_loglik(kind, y)
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
        fit_b = fit_whole_sample(kind, X[:, cols_b], y)
        fit_f = fit_whole_sample(kind, X[:, cols_f], y)
        if kind == "continuous":
            r2b = 1 - float(fit_b.ssr) / sst
            r2f = 1 - float(fit_f.ssr) / sst
            df2 = n - len(cols_f)
            stat = ((r2f - r2b) / df1) / ((1 - r2f) / df2)
            p = float(stats.f.sf(stat, df1, df2))
            test = "F"
        else:
            llb, llf = float(fit_b.llf), float(fit_f.llf)
            r2b, r2f = 1 - llb / ll0, 1 - llf / ll0
            df2 = np.nan
            stat = max(2 * (llf - llb), 0.0)
            p = float(stats.chi2.sf(stat, df1))
            test = "LR"
        rows.append({"base": base, "added": added, "n": n, "r2_base": r2b, "r2_full": r2f, "delta_r2": r2f - r2b,
                     "test": test, "statistic": stat, "df1": df1, "df2": df2, "p_value": p})
    return IncrementalValidity(outcome=outcome, kind=kind, n=n, alpha=alpha, steps=pd.DataFrame(rows),
                               labels=labels_of(df))
