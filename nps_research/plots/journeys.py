"""Journey plots: the touchpoint x stage heatmap and the moments-of-truth ranking.

Each is ``<thing>_plot(data=None, *, ..., language="en", ax=None) -> Axes``: ``data`` is the result of the
analysis (:mod:`nps_research.journeys`) or its table; touchpoints are data values (labelled by the study),
stages and every other text come from the text layer, numbers are written in the report language.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from ..tables import format_value
from ..text import column_label
from ._common import finish_axes, label, new_ax, number_axis, wrap

__all__ = ["journey_heatmap_plot", "moments_of_truth_plot"]

_SIGNIFICANT, _NOT = "#d7301f", "#bdbdbd"


def journey_heatmap_plot(data=None, *, cmap: str = "RdYlGn", vmin: float | None = None, vmax: float | None = None,
                         annotate: bool = True, language: str = "en", ax: Axes | None = None) -> Axes:
    """Heatmap of a touchpoint x stage table, from :func:`nps_research.journeys.journey_heatmap_table`.

    Stages are shown in the report language (``pre`` -> ``voor``), cells annotated with one decimal, the
    colour bar labelled by the table's statistic (mean score or share of bad experiences).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> tab = pd.DataFrame({"pre": [7.25, np.nan], "post": [np.nan, 3.0]}, index=["a", "b"])
    >>> ax = journey_heatmap_plot(tab, language="nl")
    >>> ax.collections[0].get_array().filled(np.nan).reshape(2, 2).tolist(), [t.get_text() for t in ax.texts]
    ([[7.25, nan], [nan, 3.0]], ['7,2', '3,0'])
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['voor', 'na']
    """
    if data is None:
        raise ValueError("data: pass the table of journey_heatmap_table()")
    tab = data
    stat = tab.attrs.get("stat", "mean")
    ax = new_ax(ax, (1.6 * tab.shape[1] + 3.5, 0.4 * tab.shape[0] + 1.4))
    values = tab.to_numpy(float)
    annot = (np.array([[format_value(v, "number:1", language) if np.isfinite(v) else "" for v in row]
                       for row in values]) if annotate else False)
    sns.heatmap(pd.DataFrame(values), ax=ax, cmap=cmap, vmin=vmin, vmax=vmax, annot=annot, fmt="",
                annot_kws={"fontsize": 8}, cbar_kws={"fraction": 0.04, "label": label(f"journeys.{stat}", language)},
                mask=~np.isfinite(values), linewidths=0.5, linecolor="white")
    ax.set_xticks(np.arange(tab.shape[1]) + 0.5)
    ax.set_xticklabels([format_value(c, "category", language, column="stage") for c in tab.columns], rotation=0)
    ax.set_yticks(np.arange(tab.shape[0]) + 0.5)
    ax.set_yticklabels([wrap(i, 30) for i in tab.index], rotation=0)
    ax.set_xlabel(column_label("stage", language))
    ax.set_ylabel(column_label("touchpoint", language))
    colorbar = ax.collections[0].colorbar
    if colorbar is not None:
        number_axis(colorbar.ax, "y", language)
    finish_axes(ax, language)
    return ax


def moments_of_truth_plot(data=None, *, column: str = "effect", top: int | None = None, language: str = "en",
                          ax: Axes | None = None) -> Axes:
    """Ranked effect of a bad experience per touchpoint with intervals, from
    :func:`nps_research.journeys.moments_of_truth` (red: the interval excludes 0).

    Parameters
    ----------
    data : MomentsOfTruth or DataFrame
        The result of :func:`nps_research.journeys.moments_of_truth` (or its ranked table).
    column : {"effect", "risk_difference"}
        Adjusted effect (``ci_low/ci_high``) or unadjusted risk difference (``rd_ci_low/rd_ci_high``).
    top : int, optional
        Show only the first ``top`` touchpoints.
    language : {"en", "nl"}
    ax : Axes, optional

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = pd.DataFrame({"touchpoint": ["x", "y"], "effect": [12.0, 3.0], "ci_low": [5.0, -2.0],
    ...                   "ci_high": [19.0, 8.0]})
    >>> ax = moments_of_truth_plot(d)
    >>> [round(float(p.get_width()), 1) for p in ax.patches], [t.get_text() for t in ax.get_yticklabels()]
    ([12.0, 3.0], ['x', 'y'])
    """
    if data is None:
        raise ValueError("data: pass the result of moments_of_truth()")
    if isinstance(data, pd.DataFrame):
        tab, unit = data, data.attrs.get("unit", "pp")
    else:
        tab, unit = data.summary(), data.unit
    d = tab if top is None else tab.head(top)
    ax = new_ax(ax, (7, 0.45 * len(d) + 1.2))
    lo, hi = ("ci_low", "ci_high") if column == "effect" else ("rd_ci_low", "rd_ci_high")
    vals = d[column].to_numpy(float)
    err = np.vstack([vals - d[lo].to_numpy(float), d[hi].to_numpy(float) - vals])
    sig = ((d[lo] > 0) | (d[hi] < 0)).to_numpy()
    colors = np.where(sig, _SIGNIFICANT, _NOT)
    y = np.arange(len(d))
    ax.barh(y, vals, xerr=err, color=colors, ecolor="#333333", capsize=3)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels([wrap(x, 30) for x in d["touchpoint"]])
    ax.invert_yaxis()
    ax.set_xlabel(label(f"journeys.{column}.{unit if unit in ('pp', 'ltr') else 'pp'}", language))
    finish_axes(ax, language)
    return ax
