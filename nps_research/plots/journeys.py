"""Journey plots: touchpoint x stage heatmap and the moments-of-truth ranking."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

__all__ = ["journey_heatmap_plot", "moments_of_truth_plot"]


def journey_heatmap_plot(*, data: pd.DataFrame, ax: Axes | None = None, cmap: str = "RdYlGn",
                         vmin: float | None = None, vmax: float | None = None, annotate: bool = True) -> Axes:
    """Heatmap of a touchpoint x stage table, from :func:`nps_research.journeys.journey_heatmap_table`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> tab = pd.DataFrame({"pre": [7.0, np.nan], "post": [np.nan, 3.0]}, index=["a", "b"])
    >>> ax = journey_heatmap_plot(data=tab)
    >>> ax.images[0].get_array().filled(np.nan).tolist(), [t.get_text() for t in ax.texts]
    ([[7.0, nan], [nan, 3.0]], ['7.0', '3.0'])
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(1.6 * data.shape[1] + 2.5, 0.4 * data.shape[0] + 1.2))
    arr = np.ma.masked_invalid(data.to_numpy(float))
    im = ax.imshow(arr, cmap=cmap, aspect="auto", vmin=vmin, vmax=vmax)
    ax.set_xticks(range(data.shape[1]))
    ax.set_xticklabels([str(c) for c in data.columns])
    ax.set_yticks(range(data.shape[0]))
    ax.set_yticklabels([str(i) for i in data.index])
    if annotate:
        for i in range(data.shape[0]):
            for j in range(data.shape[1]):
                v = data.iat[i, j]
                if pd.notna(v):
                    ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=8)
    ax.figure.colorbar(im, ax=ax, fraction=0.04)
    ax.set_xlabel("stage")
    return ax


def moments_of_truth_plot(*, data: pd.DataFrame, ax: Axes | None = None, column: str = "effect",
                          top: int | None = None) -> Axes:
    """Ranked effect of a bad experience per touchpoint with intervals, from :func:`moments_of_truth`.

    Parameters
    ----------
    data : DataFrame
        Output of :func:`nps_research.journeys.moments_of_truth` (ranked).
    column : {"effect", "risk_difference"}
        Adjusted effect (``ci_low/ci_high``) or unadjusted risk difference (``rd_ci_low/rd_ci_high``).
    top : int, optional
        Show only the first ``top`` touchpoints.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = pd.DataFrame({"touchpoint": ["x", "y"], "effect": [12.0, 3.0], "ci_low": [5.0, -2.0],
    ...                   "ci_high": [19.0, 8.0]})
    >>> ax = moments_of_truth_plot(data=d)
    >>> [round(float(p.get_width()), 1) for p in ax.patches], [t.get_text() for t in ax.get_yticklabels()]
    ([12.0, 3.0], ['x', 'y'])
    """
    d = data if top is None else data.head(top)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.45 * len(d) + 1.2))
    lo, hi = ("ci_low", "ci_high") if column == "effect" else ("rd_ci_low", "rd_ci_high")
    vals = d[column].to_numpy(float)
    err = np.vstack([vals - d[lo].to_numpy(float), d[hi].to_numpy(float) - vals])
    sig = (d[lo] > 0) | (d[hi] < 0)
    colors = np.where(sig, "#d7301f", "#bdbdbd")
    y = np.arange(len(d))
    ax.barh(y, vals, xerr=err, color=colors, ecolor="#333333", capsize=3)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels(d["touchpoint"].astype(str).tolist())
    ax.invert_yaxis()
    unit = data.attrs.get("unit", "percentage points")
    ax.set_xlabel(f"effect of a bad experience ({unit}); red: interval excludes 0")
    return ax
