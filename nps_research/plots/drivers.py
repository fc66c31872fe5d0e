"""Driver plots: importance bars with intervals, importance-performance quadrant, penalty-reward chart."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

__all__ = ["importance_performance_plot", "importance_plot", "penalty_reward_plot"]

QUADRANT_COLORS = {"concentrate here": "#d7301f", "keep up the good work": "#1a9850",
                   "low priority": "#969696", "possible overkill": "#fdae61"}
KANO_COLORS = {"basic": "#d7301f", "performance": "#4575b4", "excitement": "#1a9850", "no effect": "#bdbdbd"}


def _table(data):
    """Accept a result object with ``.importance`` or a DataFrame."""
    return data.importance if hasattr(data, "importance") and isinstance(data.importance, pd.DataFrame) else data


def importance_plot(*, data, ax: Axes | None = None, value: str = "share", sort: bool = True,
                    label: str | None = None) -> Axes:
    """Horizontal bars of driver importance, with bootstrap intervals when present.

    Parameters
    ----------
    data : RelativeImportanceResult or DataFrame
        With columns ``driver`` and ``value`` (``share`` or ``importance``) and
        optionally ``share_ci_low/high`` or ``ci_low/high``.
    ax : Axes, optional
    value : {"share", "importance"}
        Share of the explained variance (percent) or the raw R-squared contribution.
    sort : bool
        Most important on top.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = pd.DataFrame({"driver": ["a", "b"], "share": [0.7, 0.3], "share_ci_low": [0.6, 0.2],
    ...                   "share_ci_high": [0.8, 0.4]})
    >>> ax = importance_plot(data=d)
    >>> [round(float(p.get_width()), 1) for p in ax.patches], [t.get_text() for t in ax.get_yticklabels()]
    ([70.0, 30.0], ['a', 'b'])
    """
    tab = _table(data).copy()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.45 * len(tab) + 1.2))
    if sort:
        tab = tab.sort_values(value, ascending=False)
    scale = 100.0 if value == "share" else 1.0
    lo_col, hi_col = ("share_ci_low", "share_ci_high") if value == "share" else ("ci_low", "ci_high")
    y = np.arange(len(tab))
    vals = tab[value].to_numpy(float) * scale
    xerr = None
    if lo_col in tab.columns:
        lo = tab[lo_col].to_numpy(float) * scale
        hi = tab[hi_col].to_numpy(float) * scale
        xerr = np.vstack([np.maximum(vals - lo, 0), np.maximum(hi - vals, 0)])
    ax.barh(y, vals, color="#4575b4", xerr=xerr, ecolor="#333333", capsize=3)
    ax.set_yticks(y)
    ax.set_yticklabels(tab["driver"].astype(str).tolist())
    ax.invert_yaxis()
    ax.set_xlabel(label or ("share of explained variance (%)" if value == "share" else "R-squared contribution"))
    return ax


def importance_performance_plot(*, data: pd.DataFrame, ax: Axes | None = None, annotate: bool = True) -> Axes:
    """Importance (x) against performance (y) with the quadrant lines, from :func:`importance_performance`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = pd.DataFrame({"driver": ["a", "b"], "importance": [0.7, 0.3], "performance": [6.0, 8.0],
    ...                   "quadrant": ["concentrate here", "possible overkill"]})
    >>> d.attrs["split"] = (0.5, 7.0)
    >>> ax = importance_performance_plot(data=d)
    >>> ax.collections[0].get_offsets().tolist(), [t.get_text() for t in ax.texts]
    ([[70.0, 6.0], [30.0, 8.0]], ['a', 'b'])
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5))
    x = data["importance"].to_numpy(float) * 100
    y = data["performance"].to_numpy(float)
    colors = [QUADRANT_COLORS.get(q, "#333333") for q in data["quadrant"]]
    ax.scatter(x, y, c=colors, s=60, zorder=3)
    si, sp = data.attrs.get("split", (np.mean(data["importance"]), np.mean(y)))
    ax.axvline(si * 100, color="#777777", lw=1, ls="--")
    ax.axhline(sp, color="#777777", lw=1, ls="--")
    if annotate:
        for xi, yi, name in zip(x, y, data["driver"]):
            ax.annotate(str(name), (xi, yi), xytext=(4, 4), textcoords="offset points", fontsize=8)
    ax.set_xlabel("importance (share, %)")
    ax.set_ylabel("performance (" + ("top-box share" if data.attrs.get("performance") == "top_box"
                                     else "mean score") + ")")
    handles = [plt.Line2D([], [], marker="o", ls="", color=c) for c in QUADRANT_COLORS.values()]
    ax.legend(handles, list(QUADRANT_COLORS), frameon=False, fontsize=8, loc="best")
    return ax


def penalty_reward_plot(*, data: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Diverging bars: penalty (left, negative) and reward (right) per attribute, coloured by Kano class.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = pd.DataFrame({"driver": ["a"], "penalty": [0.8], "reward": [0.2], "kano_class": ["basic"],
    ...                   "penalty_ci_low": [0.6], "penalty_ci_high": [1.0], "reward_ci_low": [0.1],
    ...                   "reward_ci_high": [0.3]})
    >>> ax = penalty_reward_plot(data=d)
    >>> [round(float(p.get_width()), 1) for p in ax.patches]
    [-0.8, 0.2]
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.5 * len(data) + 1.2))
    y = np.arange(len(data))
    colors = [KANO_COLORS.get(k, "#333333") for k in data["kano_class"]]
    pen = data["penalty"].to_numpy(float)
    rew = data["reward"].to_numpy(float)
    perr = rerr = None
    if "penalty_ci_low" in data.columns:
        perr = np.vstack([data["penalty_ci_high"] - pen, pen - data["penalty_ci_low"]])
        rerr = np.vstack([rew - data["reward_ci_low"], data["reward_ci_high"] - rew])
    ax.barh(y, -pen, color=colors, alpha=0.6, xerr=perr, ecolor="#333333", capsize=3)
    ax.barh(y, rew, color=colors, xerr=rerr, ecolor="#333333", capsize=3)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels(data["driver"].astype(str).tolist())
    ax.invert_yaxis()
    ax.set_xlabel("<- penalty (bottom box)    effect on outcome (points)    reward (top box) ->")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for k, c in KANO_COLORS.items()
               if k in set(data["kano_class"])]
    ax.legend(handles, [k for k in KANO_COLORS if k in set(data["kano_class"])], frameon=False, fontsize=8)
    return ax
