"""Plots for NPS versus CX (:mod:`nps_research.compare`).

- :func:`cv_scores_plot`: forest plot of each measure's cross-validated score (or its difference from the
  baseline) with intervals;
- :func:`calibration_plot`: observed rate against predicted probability per measure (binary outcome);
- :func:`category_value_plot`: mean value per detractor / passive / promoter with intervals;
- :func:`dimension_importance_plot`: share of the explained variance per CX dimension with intervals.

Each is ``<thing>_plot(data=None, *, ..., language="en", ax=None) -> Axes``: ``data`` is the result object
of the analysis or its table; every visible text comes from the text layer (measure, metric and variable
names of :mod:`nps_research.compare`, the ``plot.compare.`` texts), tick numbers are written in the report
language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd  # noqa: F401 - the doctests use pd
import seaborn as sns
from matplotlib.axes import Axes

from ..compare import measure_label, metric_label, variable_label
from ..text import Level, Num, t
from ._common import CATEGORY_COLOR_MAP, finish_axes, label, new_ax

__all__ = ["calibration_plot", "category_value_plot", "cv_scores_plot", "dimension_importance_plot"]

_POINT_COLOR = "#2c7fb8"


def _need(data: Any, what: str) -> None:
    if data is None:
        raise ValueError(f"data is required: {what}")


def cv_scores_plot(data: Any = None, *, metric: str | None = None, differences: bool = False,
                   language: str = "en", ax: Axes | None = None) -> Axes:
    """Forest plot: each measure's mean cross-validated score with its interval.

    ``data`` is a :class:`~nps_research.compare.PredictiveValidity` (or its ``scores`` table, or with
    ``differences=True`` its ``differences`` table). The first measure is drawn at the top; a dashed line
    marks the baseline's score (or zero for differences).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> scores = pd.DataFrame({"measure": ["nps", "cx"], "metric": "auc", "mean": [0.70, 0.76],
    ...                        "ci_low": [0.68, 0.74], "ci_high": [0.72, 0.78]})
    >>> ax = cv_scores_plot(scores, language="nl")
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_xlabel()
    (['NPS', 'CX (EXQ)'], 'gekruisvalideerde AUC')
    """
    _need(data, "a PredictiveValidity result or its scores table")
    own = getattr(data, "labels", None)  # the measure names of the study's own scale
    baseline = None
    if hasattr(data, "scores"):
        metric = metric or data.metric
        baseline = data.baseline
        table = data.differences if differences else data.scores
    else:
        table = data
    if metric is None:
        metric = str(table["metric"].iloc[0])
    table = table[table["metric"] == metric]
    if differences and baseline is None and "baseline" in table:
        baseline = str(table["baseline"].iloc[0])
    est = "difference" if differences else "mean"
    ax = new_ax(ax, (7, 0.5 * len(table) + 1.5))
    y = np.arange(len(table))[::-1]
    mid = table[est].to_numpy(dtype=float)
    lo, hi = table["ci_low"].to_numpy(dtype=float), table["ci_high"].to_numpy(dtype=float)
    ax.errorbar(mid, y, xerr=[mid - lo, hi - mid], fmt="o", color=_POINT_COLOR, ecolor=_POINT_COLOR, capsize=3)
    ax.set_yticks(y)
    ax.set_yticklabels([measure_label(m, language, own) for m in table["measure"]])
    name = metric_label(metric, language)
    if differences:
        ax.axvline(0.0, color="grey", linestyle="--", linewidth=1)
        ax.set_xlabel(label("compare.diff", language, metric=name, base=measure_label(baseline, language, own)))
    else:
        if baseline is None:
            baseline = str(table["measure"].iloc[0])
        ax.axvline(float(table.loc[table["measure"] == baseline, "mean"].iloc[0]), color="grey", linestyle="--",
                   linewidth=1)
        ax.set_xlabel(label("compare.cv", language, metric=name))
    ax.set_ylim(-0.7, len(table) - 0.3)
    finish_axes(ax, language)
    return ax


def calibration_plot(data: Any = None, *, bins: int = 10, measures: list[str] | None = None, language: str = "en",
                     ax: Axes | None = None) -> Axes:
    """Calibration curves of a binary outcome: observed rate against mean predicted probability per bin.

    ``data`` is a :class:`~nps_research.compare.PredictiveValidity` (its :meth:`calibration` table is used,
    with ``bins`` equal-count bins of the out-of-fold predictions) or such a table (columns ``measure``,
    ``predicted``, ``observed``, optionally ``ci_low``/``ci_high``). One line per measure, plus the
    diagonal of perfect calibration.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> tab = pd.DataFrame({"measure": ["A", "A", "nps", "nps"], "predicted": [0.2, 0.8, 0.3, 0.7],
    ...                     "observed": [0.25, 0.75, 0.2, 0.9]})
    >>> ax = calibration_plot(tab, language="nl")
    >>> [line.get_label() for line in ax.get_lines()]
    ['perfecte kalibratie', 'A', 'NPS']
    """
    _need(data, "a PredictiveValidity result of a binary outcome or its calibration table")
    own = getattr(data, "labels", None)  # the measure names of the study's own scale
    table = data.calibration(bins=bins) if hasattr(data, "calibration") else data
    if measures is not None:
        table = table[table["measure"].isin(measures)]
    ax = new_ax(ax, (5, 5))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label=label("compare.perfect", language))
    for m, g in table.groupby("measure", sort=False):
        line = ax.plot(g["predicted"], g["observed"], marker="o", label=measure_label(str(m), language, own))[0]
        if "ci_low" in g:
            ax.fill_between(g["predicted"], g["ci_low"], g["ci_high"], color=line.get_color(), alpha=0.15,
                            linewidth=0)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(label("compare.predicted", language))
    ax.set_ylabel(label("compare.observed", language))
    ax.legend(frameon=False, loc="lower right")
    finish_axes(ax, language)
    return ax


def category_value_plot(data: Any = None, *, value: str | None = None, labels: Mapping[str, str] | None = None,
                        language: str = "en", ax: Axes | None = None) -> Axes:
    """Mean value per NPS category (bars) with intervals; the promoter/detractor ratio in the title.

    ``data`` is a :class:`~nps_research.compare.CategoryValue` or its ``by_category`` table; ``value``
    picks the value column (default the first); ``labels`` (default the result's) names it.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> tab = pd.DataFrame({"value": "revenue_next_12m", "category": ["detractor", "passive", "promoter"],
    ...                     "mean": [100.0, 150.0, 300.0], "ci_low": [90.0, 140.0, 280.0],
    ...                     "ci_high": [110.0, 160.0, 320.0]})
    >>> ax = category_value_plot(tab, language="nl")
    >>> [float(p.get_height()) for p in ax.patches], ax.get_ylabel()
    ([100.0, 150.0, 300.0], 'omzet komende 12 maanden (gemiddelde)')
    """
    _need(data, "a CategoryValue result or its by_category table")
    ratios = getattr(data, "ratios", None)
    labels = getattr(data, "labels", None) if labels is None else labels
    table = data.by_category if hasattr(data, "by_category") else data
    value = value or str(table["value"].iloc[0])
    g = table[table["value"] == value].copy()
    g["label"] = [label(f"{c}s", language) for c in g["category"]]
    palette = {lab: CATEGORY_COLOR_MAP.get(str(c), "#777777") for lab, c in zip(g["label"], g["category"])}
    ax = new_ax(ax, (5, 3.5))
    order = list(g["label"])
    sns.barplot(data=g, x="label", y="mean", hue="label", order=order, hue_order=order, palette=palette,
                legend=False, errorbar=None, edgecolor="white", ax=ax)
    x = np.arange(len(g))
    if "ci_low" in g:
        ax.errorbar(x, g["mean"], yerr=[g["mean"] - g["ci_low"], g["ci_high"] - g["mean"]], fmt="none",
                    ecolor="black", capsize=4)
    ax.set_xlabel("")
    ax.set_ylabel(label("compare.mean", language, value=variable_label(value, language, labels)))
    if ratios is not None:
        r = ratios[ratios["value"] == value]
        if len(r) and np.isfinite(r["ratio"].iloc[0]):
            r = r.iloc[0]
            level = Level(getattr(data, "confidence", 0.95))
            ax.set_title(label("compare.ratio", language, r=Num(r["ratio"], 2), level=level,
                               lo=Num(r["ci_low"], 2), hi=Num(r["ci_high"], 2)))
    finish_axes(ax, language)
    return ax


def dimension_importance_plot(data: Any = None, *, outcome: str | None = None,
                              labels: Mapping[str, str] | None = None, language: str = "en",
                              ax: Axes | None = None) -> Axes:
    """Horizontal bars: each CX dimension's share (%) of the explained (pseudo) R-squared, with intervals.

    ``data`` is a :class:`~nps_research.compare.DimensionImportance` or its ``importance`` table; ``outcome``
    picks one outcome (default the first), shown as the title. Dimensions are sorted by share, largest at
    the top, and shown by their labels (``labels``, default the result's, else the catalogue's EXQ names).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> tab = pd.DataFrame({"outcome": "retained", "driver": ["pex", "pom"], "share": [0.3, 0.7]})
    >>> ax = dimension_importance_plot(tab)
    >>> [t.get_text() for t in ax.get_yticklabels()], [float(p.get_width()) for p in ax.patches]
    (['peace of mind', 'product experience'], [70.0, 30.0])
    >>> ax.get_title(), ax.get_xlabel()
    ('retained', 'share of the explained R² (%)')
    """
    _need(data, "a DimensionImportance result or its importance table")
    if hasattr(data, "importance"):
        labels = data.labels if labels is None else labels
        table = data.importance
    else:
        table = data
    outcome = outcome or str(table["outcome"].iloc[0])
    g = table[table["outcome"] == outcome].sort_values("share", ascending=False).copy()
    g["label"] = [variable_label(str(d), language, labels) for d in g["driver"]]
    g["percent"] = 100 * g["share"]
    ax = new_ax(ax, (6, 0.5 * len(g) + 1.5))
    sns.barplot(data=g, x="percent", y="label", orient="h", order=list(g["label"]), color=_POINT_COLOR,
                errorbar=None, ax=ax)
    if "share_ci_low" in g:
        ax.errorbar(g["percent"], np.arange(len(g)), xerr=[g["percent"] - 100 * g["share_ci_low"],
                                                          100 * g["share_ci_high"] - g["percent"]],
                    fmt="none", ecolor="black", capsize=3)
    family = str(g["family"].iloc[0]) if "family" in g else "linear"
    key = f"compare.fit.{family}"
    fit = t(key if key in _FIT_KEYS else "compare.fit.linear", language)
    ax.set_xlabel(label("compare.share", language, fit=fit))
    ax.set_ylabel("")
    ax.set_title(variable_label(outcome, language, labels))
    finish_axes(ax, language)
    return ax


_FIT_KEYS = ("compare.fit.linear", "compare.fit.logistic")
