"""Which CX dimension matters most for each outcome? Relative importance (Shapley / dominance analysis)
from :mod:`nps_research.drivers`, with bootstrap intervals and pairwise tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..inputs import labels_of
from ..results import Result
from ..tables import report_table
from ..text import Int, Level, Pct, Words, has_text, t
from ._common import _deprecated, quoted, variable_label
from .customers import EXQ_DIMENSIONS, frame_of

__all__ = ["DimensionImportance", "dimension_importance"]


@dataclass
class DimensionImportance(Result):
    """Result of :func:`dimension_importance`.

    ``importance``: per outcome and dimension the relative importance, its share of the explained
    (pseudo) R-squared and rank, with bootstrap intervals (also :meth:`summary`). ``differences``: per
    outcome, pairwise differences of importance with intervals and ``significant``. ``results``: the
    underlying :class:`nps_research.drivers.RelativeImportanceResult` per outcome. ``labels``: column ->
    label (the client's column names and readable dimension names given by the caller).
    """

    importance: pd.DataFrame
    differences: pd.DataFrame
    results: dict[str, Any]
    labels: dict[str, str] = field(default_factory=dict)
    confidence: float = 0.95

    report_columns = ("outcome", "dimension", "importance", "share", "share_ci_low", "share_ci_high", "rank")

    def summary(self) -> pd.DataFrame:
        """The importance table."""
        return self.importance

    def table(self, language: str = "en", **kwargs: Any):
        """The importance table, per outcome the most important dimension first, outcomes and dimensions by
        their labels (folded: a detail table)."""
        order = {o: i for i, o in enumerate(pd.unique(self.importance["outcome"]))}
        df = self.importance.rename(columns={"driver": "dimension"})
        df = df.iloc[np.lexsort((df["rank"].to_numpy(), df["outcome"].map(order).to_numpy()))].copy()
        df["outcome"] = [variable_label(v, language, self.labels) for v in df["outcome"]]
        df["dimension"] = [variable_label(v, language, self.labels) for v in df["dimension"]]
        kwargs.setdefault("columns", [c for c in self.report_columns if c in df.columns])
        kwargs.setdefault("caption", t("compare.caption.importance", language))
        kwargs.setdefault("detail", True)
        return report_table(df, language=language, **kwargs)

    def most_important(self) -> pd.Series:
        """Outcome -> the dimension with the largest importance."""
        top = self.importance.sort_values("rank").groupby("outcome", sort=False).first()
        return top["driver"]

    def _fit_name(self, outcome: str, language: str) -> str:
        family = getattr(self.results.get(outcome), "family", "linear")
        key = f"compare.fit.{family}"
        return t(key if has_text(key) else "compare.fit.linear", language)

    def describe(self, language: str = "en") -> list[str]:
        """Per outcome: which dimension matters most, and whether the data can tell it from the others."""
        def label(d: str) -> str:
            return variable_label(d, language, self.labels)

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
            common = dict(outcome=quoted(outcome, language, self.labels), top=label(top["driver"]),
                          share=Pct(100 * top["share"], 0), fit=self._fit_name(outcome, language),
                          level=Level(self.confidence), lo=Pct(100 * top.get("share_ci_low", np.nan), 0),
                          hi=Pct(100 * top.get("share_ci_high", np.nan), 0))
            if beaten and tied:
                out.append(t("compare.imp.top_sig_rest", language, beaten=Words(beaten), others=Words(tied), **common))
            elif beaten:
                out.append(t("compare.imp.top_sig", language, beaten=Words(beaten), **common))
            else:
                out.append(t("compare.imp.top_ns", language, others=Words(tied), **common))
        sampled = [r for r in self.results.values() if getattr(r, "bootstrap_rows", None)]
        if sampled:
            out.append(t("compare.imp.m_of_n", language, m=Int(sampled[0].bootstrap_rows), n=Int(sampled[0].n)))
        return out

    def conclusions(self, language: str = "en") -> list[str]:
        """Deprecated alias of :meth:`describe`."""
        _deprecated("DimensionImportance.conclusions()", "describe()")
        return self.describe(language)


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
    bootstrap_rows: int | None = None,
) -> DimensionImportance:
    """Which CX dimension matters most for each outcome? Relative importance with bootstrap intervals.

    Runs :func:`nps_research.drivers.relative_importance` (Shapley/LMG dominance by default; for a
    binary outcome McFadden's pseudo R-squared is decomposed) of the dimension scores for each outcome,
    so that a claim such as "peace of mind influences loyalty most" is tested rather than assumed: the
    sentences say which dimension is largest and which differences the bootstrap can distinguish.

    Parameters
    ----------
    data : DataFrame or Study
        One row per customer (a Study goes through :func:`~nps_research.compare.customer_frame`).
    outcomes : str or list of str
        Outcome columns (``retained``, ``revenue_next_12m``, ``ltr`` ...).
    dimensions : list of str, optional
        Dimension score columns; default ``data.attrs["cx_dimensions"]`` (set by
        :func:`~nps_research.compare.customer_frame`) or the EXQ dimensions.
    method : {"shapley", "johnson"}
    bootstrap : int
        Bootstrap resamples for the intervals and pairwise tests (0 = none).
    confidence : float
    seed : int, optional
    labels : dict, optional
        Readable dimension names for sentences, tables and plots (default: the study's column labels, else
        the catalogue's EXQ names).
    bootstrap_rows : int, optional
        Rows per bootstrap resample above which the m-out-of-n bootstrap is used (see
        :func:`nps_research.drivers.relative_importance`); default every resample has all rows.

    Examples
    --------
    >>> rng = np.random.default_rng(4)
    >>> d = pd.DataFrame(rng.normal(size=(400, 3)), columns=["pex", "out", "pom"])
    >>> d["y"] = 0.1 * d["pex"] + 0.1 * d["out"] + 0.6 * d["pom"] + rng.normal(size=400)
    >>> res = dimension_importance(d, outcomes="y", dimensions=["pex", "out", "pom"], bootstrap=50, seed=1)
    >>> res.most_important()["y"]
    'pom'
    >>> res.describe()[0].split(" (")[0]
    'For ‘y’, peace of mind matters most'
    >>> res.describe("nl")[0].split(" (")[0]
    'Voor ‘y’ telt gemoedsrust het zwaarst'
    """
    from ..drivers import relative_importance

    df = frame_of(data)
    outs = [outcomes] if isinstance(outcomes, str) else list(outcomes)
    if dimensions is None:
        dimensions = df.attrs.get("cx_dimensions") or [d for d in EXQ_DIMENSIONS if d in df.columns]
    dims = list(dimensions)
    if len(dims) < 2:
        raise ValueError("dimension_importance needs at least two dimension columns")
    imps, diffs, results = [], [], {}
    for o in outs:
        res = relative_importance(df, outcome=o, drivers=dims, method=method, bootstrap=bootstrap,
                                  confidence=confidence, seed=seed, bootstrap_rows=bootstrap_rows)
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
                               labels={**labels_of(df), **dict(labels or {})}, confidence=confidence)
