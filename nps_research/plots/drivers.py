"""Driver plots: importance bars with intervals, the importance-performance quadrant, the penalty-reward chart.

Each is ``<thing>_plot(data=None, *, ..., language="en", ax=None) -> Axes``: ``data`` is the result of the
analysis (:mod:`nps_research.drivers`) or its table; drivers are shown by their labels
(:func:`nps_research.drivers.driver_label`: the client's column names, else the catalogue's headers),
every other text comes from the text layer, tick numbers are written in the report language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ..drivers import driver_label
from ..tables import format_value
from ._common import finish_axes, label, new_ax, wrap

__all__ = ["importance_performance_plot", "importance_plot", "penalty_reward_plot"]

#: Colours of the importance-performance quadrants (by quadrant code).
QUADRANT_COLORS = {"concentrate here": "#d7301f", "keep up the good work": "#1a9850",
                   "low priority": "#969696", "possible overkill": "#fdae61",
                   # when performance does not separate the drivers: importance only
                   "important": "#4575b4", "less important": "#bdbdbd"}
#: Colours of the Kano-style classes of the penalty-reward analysis.
KANO_COLORS = {"basic": "#d7301f", "performance": "#4575b4", "excitement": "#1a9850", "no effect": "#bdbdbd"}
_BAR = "#4575b4"


def _frame(data: Any, attribute: str) -> tuple[pd.DataFrame, Mapping[str, str], Any]:
    """(table, labels, result) from a result object (its ``attribute`` or ``summary()``) or a DataFrame."""
    if isinstance(data, pd.DataFrame):
        return data, data.attrs.get("labels", {}) or {}, None
    if data is None:
        raise ValueError("data: pass the result of the analysis (or its table)")
    tab = getattr(data, attribute, None)
    if not isinstance(tab, pd.DataFrame):
        tab = data.summary()
    return tab, getattr(data, "labels", {}) or {}, data


def _names(drivers, language: str, labels: Mapping[str, str] | None, width: int = 28) -> list[str]:
    return [wrap(driver_label(d, language, labels), width) for d in drivers]


def _word(value: str, column: str, language: str) -> str:
    return format_value(value, "category", language, column=column)


def importance_plot(data=None, *, value: str = "share", sort: bool = True, labels: Mapping[str, str] | None = None,
                    language: str = "en", ax: Axes | None = None) -> Axes:
    """Horizontal bars of driver importance, with bootstrap intervals when present.

    Parameters
    ----------
    data : RelativeImportanceResult or DataFrame
        With columns ``driver`` and ``value`` (``share`` or ``importance``) and
        optionally ``share_ci_low/high`` or ``ci_low/high``.
    value : {"share", "importance"}
        Share of the explained variance (percent) or the raw R-squared contribution.
    sort : bool
        Most important on top.
    labels : dict, optional
        Driver -> label (default: the result's labels).
    language : {"en", "nl"}
    ax : Axes, optional

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = pd.DataFrame({"driver": ["sat_price", "b"], "share": [0.7, 0.3], "share_ci_low": [0.6, 0.2],
    ...                   "share_ci_high": [0.8, 0.4]})
    >>> ax = importance_plot(d, language="nl")
    >>> [round(float(p.get_width()), 1) for p in ax.patches], [t.get_text() for t in ax.get_yticklabels()]
    ([70.0, 30.0], ['prijs', 'b'])
    """
    tab, own, _ = _frame(data, "importance")
    labels = own if labels is None else labels
    tab = tab.copy()
    ax = new_ax(ax, (7, 0.45 * len(tab) + 1.2))
    if sort:
        tab = tab.sort_values(value, ascending=False, kind="stable")
    scale = 100.0 if value == "share" else 1.0
    lo_col, hi_col = ("share_ci_low", "share_ci_high") if value == "share" else ("ci_low", "ci_high")
    y = np.arange(len(tab))
    vals = tab[value].to_numpy(float) * scale
    xerr = None
    if lo_col in tab.columns:
        lo = tab[lo_col].to_numpy(float) * scale
        hi = tab[hi_col].to_numpy(float) * scale
        xerr = np.vstack([np.maximum(vals - lo, 0), np.maximum(hi - vals, 0)])
    ax.barh(y, vals, color=_BAR, xerr=xerr, ecolor="#333333", capsize=3)
    ax.set_yticks(y)
    ax.set_yticklabels(_names(tab["driver"], language, labels))
    ax.invert_yaxis()
    ax.set_xlabel(label("drivers.share" if value == "share" else "drivers.contribution", language))
    finish_axes(ax, language)
    return ax


def importance_performance_plot(data=None, *, annotate: bool = True, labels: Mapping[str, str] | None = None,
                                language: str = "en", ax: Axes | None = None) -> Axes:
    """Importance (x) against performance (y) with the quadrant lines, from
    :func:`nps_research.drivers.importance_performance`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = pd.DataFrame({"driver": ["a", "b"], "importance": [0.7, 0.3], "performance": [6.0, 8.0],
    ...                   "quadrant": ["concentrate here", "possible overkill"]})
    >>> d.attrs["split"] = (0.5, 7.0)
    >>> ax = importance_performance_plot(d, language="nl")
    >>> ax.collections[0].get_offsets().tolist(), [t.get_text() for t in ax.texts]
    ([[70.0, 6.0], [30.0, 8.0]], ['a', 'b'])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['hier op focussen', 'mogelijk overinvestering']
    """
    tab, own, res = _frame(data, "results")
    labels = own if labels is None else labels
    performance = getattr(res, "performance", None) or tab.attrs.get("performance", "mean")
    split = getattr(res, "split", None) or tab.attrs.get("split")
    ax = new_ax(ax, (7, 5))
    yscale = 100.0 if performance == "top_box" else 1.0
    x = tab["importance"].to_numpy(float) * 100
    y = tab["performance"].to_numpy(float) * yscale
    # a result whose drivers perform alike shows importance only (no performance line, no quadrant words)
    flat = res is not None and hasattr(res, "flat") and res.flat()
    quadrants = res.shown_quadrants() if flat else tab["quadrant"]
    colors = [QUADRANT_COLORS.get(q, "#333333") for q in quadrants]
    ax.scatter(x, y, c=colors, s=60, zorder=3)
    si, sp = split if split is not None else (float(np.mean(tab["importance"])), float(np.mean(tab["performance"])))
    ax.axvline(si * 100, color="#777777", lw=1, ls="--")
    if not flat:
        ax.axhline(sp * yscale, color="#777777", lw=1, ls="--")
    if annotate:
        for xi, yi, name in zip(x, y, _names(tab["driver"], language, labels, 20)):
            ax.annotate(name, (xi, yi), xytext=(4, 4), textcoords="offset points", fontsize=8)
    ax.set_xlabel(label("drivers.importance", language))
    ax.set_ylabel(label(f"drivers.performance_{performance}", language))
    present = [q for q in QUADRANT_COLORS if q in set(quadrants)]
    handles = [plt.Line2D([], [], marker="o", ls="", color=QUADRANT_COLORS[q]) for q in present]
    ax.legend(handles, [_word(q, "importance_class" if flat else "quadrant", language) for q in present],
              frameon=False, fontsize=8,
              loc="upper left", bbox_to_anchor=(1.01, 1.0))
    finish_axes(ax, language)
    return ax


def penalty_reward_plot(data=None, *, labels: Mapping[str, str] | None = None, language: str = "en",
                        ax: Axes | None = None) -> Axes:
    """Diverging bars: penalty (left, negative) and reward (right) per attribute, coloured by Kano class,
    from :func:`nps_research.drivers.penalty_reward`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = pd.DataFrame({"driver": ["a"], "penalty": [0.8], "reward": [0.2], "kano_class": ["basic"],
    ...                   "penalty_ci_low": [0.6], "penalty_ci_high": [1.0], "reward_ci_low": [0.1],
    ...                   "reward_ci_high": [0.3]})
    >>> ax = penalty_reward_plot(d, language="nl")
    >>> [round(float(p.get_width()), 1) for p in ax.patches], ax.get_legend().get_texts()[0].get_text()
    ([-0.8, 0.2], 'basis')
    """
    tab, own, _ = _frame(data, "results")
    labels = own if labels is None else labels
    ax = new_ax(ax, (7, 0.5 * len(tab) + 1.4))
    y = np.arange(len(tab))
    colors = [KANO_COLORS.get(k, "#333333") for k in tab["kano_class"]]
    pen = tab["penalty"].to_numpy(float)
    rew = tab["reward"].to_numpy(float)
    perr = rerr = None
    if "penalty_ci_low" in tab.columns:
        perr = np.vstack([tab["penalty_ci_high"] - pen, pen - tab["penalty_ci_low"]])
        rerr = np.vstack([rew - tab["reward_ci_low"], tab["reward_ci_high"] - rew])
    ax.barh(y, -pen, color=colors, alpha=0.6, xerr=perr, ecolor="#333333", capsize=3)
    ax.barh(y, rew, color=colors, xerr=rerr, ecolor="#333333", capsize=3)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels(_names(tab["driver"], language, labels))
    ax.invert_yaxis()
    ax.set_xlabel(label("drivers.penalty_reward", language))
    present = [k for k in KANO_COLORS if k in set(tab["kano_class"])]
    handles = [plt.Rectangle((0, 0), 1, 1, color=KANO_COLORS[k]) for k in present]
    ax.legend(handles, [_word(k, "kano_class", language) for k in present], frameon=False, fontsize=8,
              loc="upper left", bbox_to_anchor=(1.01, 1.0))
    finish_axes(ax, language)
    return ax
