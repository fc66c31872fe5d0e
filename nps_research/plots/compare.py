"""Plots for NPS versus CX (:mod:`nps_research.compare`).

- :func:`cv_scores_plot`: forest plot of each measure's cross-validated score (or its difference from the
  baseline) with intervals;
- :func:`calibration_plot`: observed rate against predicted probability per measure (binary outcome);
- :func:`category_value_plot`: mean value per detractor / passive / promoter with intervals;
- :func:`dimension_importance_plot`: share of the explained variance per CX dimension with intervals.

Each takes ``data=`` (the result object of the analysis or its table), accepts ``ax=`` and returns the Axes.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd  # noqa: F401 - the doctests use pd
from matplotlib.axes import Axes

__all__ = ["calibration_plot", "category_value_plot", "cv_scores_plot", "dimension_importance_plot"]

_CATEGORY_COLORS = {"detractor": "#d7301f", "passive": "#bdbdbd", "promoter": "#1a9850"}
_CATEGORY_LABELS = {"en": {"detractor": "detractor", "passive": "passive", "promoter": "promoter"},
                    "nl": {"detractor": "criticaster", "passive": "passief", "promoter": "promotor"}}
_METRIC_LABEL = {"auc": "AUC", "brier": "Brier score", "log_loss": "log-loss", "r2": "R²", "rmse": "RMSE"}
_TEXT = {
    "en": {"cv": "cross-validated {m}", "diff": "difference in {m} from {b}", "pred": "predicted probability",
           "obs": "observed rate", "perfect": "perfect calibration", "mean": "mean {v}", "share": "share of explained",
           "ratio": "promoter / detractor = {r} (95% CI {lo}-{hi})"},
    "nl": {"cv": "gekruisvalideerde {m}", "diff": "verschil in {m} met {b}", "pred": "voorspelde kans",
           "obs": "waargenomen aandeel", "perfect": "perfecte kalibratie", "mean": "gemiddelde {v}",
           "share": "aandeel verklaard", "ratio": "promotor / criticaster = {r} (95%-BI {lo}-{hi})"},
}


def _new_ax(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def cv_scores_plot(*, data: Any, metric: str | None = None, differences: bool = False, language: str = "en",
                   ax: Axes | None = None) -> Axes:
    """Forest plot: each measure's mean cross-validated score with its interval.

    ``data`` is a :class:`~nps_research.compare.PredictiveValidity` (or its ``scores`` table, or with
    ``differences=True`` its ``differences`` table). The first measure is drawn at the top; a dashed line
    marks the baseline's score (or zero for differences).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> scores = pd.DataFrame({"measure": ["NPS", "CX"], "metric": "auc", "mean": [0.70, 0.76],
    ...                        "ci_low": [0.68, 0.74], "ci_high": [0.72, 0.78]})
    >>> ax = cv_scores_plot(data=scores)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['NPS', 'CX']
    """
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
    ax = _new_ax(ax, (7, 0.5 * len(table) + 1.5))
    y = np.arange(len(table))[::-1]
    mid = table[est].to_numpy(dtype=float)
    lo, hi = table["ci_low"].to_numpy(dtype=float), table["ci_high"].to_numpy(dtype=float)
    ax.errorbar(mid, y, xerr=[mid - lo, hi - mid], fmt="o", color="#2c7fb8", ecolor="#2c7fb8", capsize=3)
    ax.set_yticks(y)
    ax.set_yticklabels(list(table["measure"]))
    t = _TEXT[language]
    m = _METRIC_LABEL.get(metric, metric)
    if differences:
        ax.axvline(0.0, color="grey", linestyle="--", linewidth=1)
        ax.set_xlabel(t["diff"].format(m=m, b=baseline))
    else:
        if baseline is None:
            baseline = str(table["measure"].iloc[0])
        ax.axvline(float(table.loc[table["measure"] == baseline, "mean"].iloc[0]), color="grey", linestyle="--",
                   linewidth=1)
        ax.set_xlabel(t["cv"].format(m=m))
    ax.set_ylim(-0.7, len(table) - 0.3)
    return ax


def calibration_plot(*, data: Any, bins: int = 10, measures: list[str] | None = None, language: str = "en",
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
    >>> tab = pd.DataFrame({"measure": ["A", "A", "B", "B"], "predicted": [0.2, 0.8, 0.3, 0.7],
    ...                     "observed": [0.25, 0.75, 0.2, 0.9]})
    >>> ax = calibration_plot(data=tab)
    >>> [line.get_label() for line in ax.get_lines()]
    ['perfect calibration', 'A', 'B']
    """
    table = data.calibration(bins=bins) if hasattr(data, "calibration") else data
    if measures is not None:
        table = table[table["measure"].isin(measures)]
    ax = _new_ax(ax, (5, 5))
    t = _TEXT[language]
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label=t["perfect"])
    for m, g in table.groupby("measure", sort=False):
        line = ax.plot(g["predicted"], g["observed"], marker="o", label=str(m))[0]
        if "ci_low" in g:
            ax.fill_between(g["predicted"], g["ci_low"], g["ci_high"], color=line.get_color(), alpha=0.15,
                            linewidth=0)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(t["pred"])
    ax.set_ylabel(t["obs"])
    ax.legend(frameon=False, loc="upper left")
    return ax


def category_value_plot(*, data: Any, value: str | None = None, language: str = "en",
                        ax: Axes | None = None) -> Axes:
    """Mean value per NPS category (bars) with intervals; the promoter/detractor ratio in the title.

    ``data`` is a :class:`~nps_research.compare.CategoryValue` or its ``by_category`` table; ``value``
    picks the value column (default the first).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> tab = pd.DataFrame({"value": "revenue", "category": ["detractor", "passive", "promoter"],
    ...                     "mean": [100.0, 150.0, 300.0], "ci_low": [90.0, 140.0, 280.0],
    ...                     "ci_high": [110.0, 160.0, 320.0]})
    >>> ax = category_value_plot(data=tab)
    >>> [float(p.get_height()) for p in ax.patches]
    [100.0, 150.0, 300.0]
    """
    ratios = getattr(data, "ratios", None)
    table = data.by_category if hasattr(data, "by_category") else data
    value = value or str(table["value"].iloc[0])
    g = table[table["value"] == value]
    ax = _new_ax(ax, (5, 3.5))
    labels = _CATEGORY_LABELS[language]
    x = np.arange(len(g))
    ax.bar(x, g["mean"], color=[_CATEGORY_COLORS.get(str(c), "#777777") for c in g["category"]], edgecolor="white")
    ax.errorbar(x, g["mean"], yerr=[g["mean"] - g["ci_low"], g["ci_high"] - g["mean"]], fmt="none", ecolor="black",
                capsize=4)
    ax.set_xticks(x)
    ax.set_xticklabels([labels.get(str(c), str(c)) for c in g["category"]])
    t = _TEXT[language]
    ax.set_ylabel(t["mean"].format(v=value))
    if ratios is not None:
        r = ratios[ratios["value"] == value]
        if len(r) and np.isfinite(r["ratio"].iloc[0]):
            r = r.iloc[0]
            fmt = (lambda v: f"{v:.2f}".replace(".", ",")) if language == "nl" else (lambda v: f"{v:.2f}")
            ax.set_title(t["ratio"].format(r=fmt(r["ratio"]), lo=fmt(r["ci_low"]), hi=fmt(r["ci_high"])))
    return ax


def dimension_importance_plot(*, data: Any, outcome: str | None = None, language: str = "en",
                              ax: Axes | None = None) -> Axes:
    """Horizontal bars: each CX dimension's share of the explained (pseudo) R-squared, with intervals.

    ``data`` is a :class:`~nps_research.compare.DimensionImportance` or its ``importance`` table; ``outcome``
    picks one outcome (default the first). Dimensions are sorted by share, largest at the top.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> tab = pd.DataFrame({"outcome": "y", "driver": ["pex", "pom"], "share": [0.3, 0.7]})
    >>> ax = dimension_importance_plot(data=tab)
    >>> [t.get_text() for t in ax.get_yticklabels()], [float(p.get_width()) for p in ax.patches]
    (['peace of mind', 'product experience'], [0.7, 0.3])
    """
    from ..compare import EXQ_LABELS

    labels = dict(EXQ_LABELS[language])
    if hasattr(data, "importance"):
        labels.update(data.labels)
        table = data.importance
    else:
        table = data
    outcome = outcome or str(table["outcome"].iloc[0])
    g = table[table["outcome"] == outcome].sort_values("share", ascending=False)
    ax = _new_ax(ax, (6, 0.5 * len(g) + 1.5))
    y = np.arange(len(g))[::-1]
    ax.barh(y, g["share"], color="#2c7fb8")
    if "share_ci_low" in g:
        ax.errorbar(g["share"], y, xerr=[g["share"] - g["share_ci_low"], g["share_ci_high"] - g["share"]],
                    fmt="none", ecolor="black", capsize=3)
    ax.set_yticks(y)
    ax.set_yticklabels([labels.get(str(d), str(d)) for d in g["driver"]])
    ax.set_xlabel(f"{_TEXT[language]['share']} ({outcome})")
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{100 * v:.0f}%"))
    return ax
