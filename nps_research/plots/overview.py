"""Plots for the data overview: LTR distribution and responses over time."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from ..text import t

__all__ = ["CATEGORY_COLORS", "ltr_distribution_plot", "responses_over_time_plot"]

#: Colours of detractor, passive and promoter (also for the Dutch labels).
CATEGORY_COLORS = {
    "detractor": "#d7301f", "criticaster": "#d7301f",
    "passive": "#bdbdbd", "passief": "#bdbdbd",
    "promoter": "#1a9850", "promotor": "#1a9850",
}


def ltr_distribution_plot(*, data: pd.DataFrame, ax: Axes | None = None, percent: bool = True,
                          language: str = "en") -> Axes:
    """Bars of the answers 0-10 coloured by category, from :func:`nps_research.overview.ltr_distribution`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from nps_research.overview import ltr_distribution
    >>> ax = ltr_distribution_plot(data=ltr_distribution(pd.DataFrame({"ltr": [0, 9, 9, 10]})))
    >>> [round(float(p.get_height()), 1) for p in ax.patches][8:]
    [0.0, 50.0, 25.0]
    >>> ltr_distribution_plot(data=ltr_distribution(pd.DataFrame({"ltr": [9]})), language="nl").get_ylabel()
    'procent van de antwoorden'
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    y = data["percent"] if percent else data["n"]
    colors = [CATEGORY_COLORS.get(str(c), "#777777") for c in data["category"]]
    ax.bar(data["score"], y, color=colors, edgecolor="white")
    ax.set_xticks(range(11))
    ax.set_xlabel(t("score", language))
    ax.set_ylabel(t("percent_of_responses" if percent else "responses", language))
    handles = [plt.Rectangle((0, 0), 1, 1, color=CATEGORY_COLORS.get(str(c), "#777"))
               for c in pd.unique(data["category"])]
    ax.legend(handles, [str(c) for c in pd.unique(data["category"])], frameon=False)
    return ax


def responses_over_time_plot(*, data: pd.DataFrame, ax: Axes | None = None, by: str | None = "survey_type",
                             language: str = "en") -> Axes:
    """Stacked bars of responses per period, from :func:`nps_research.overview.responses_over_time`."""
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.5))
    if by is not None and by in data:
        wide = data.pivot(index="period", columns=by, values="n").fillna(0)
    else:
        wide = data.set_index("period")[["n"]]
    bottom = None
    for col in wide.columns:
        ax.bar(wide.index, wide[col], bottom=bottom, label=t(col, language) if col in ("relational",
               "transactional") else str(col))
        bottom = wide[col] if bottom is None else bottom + wide[col]
    ax.set_ylabel(t("responses", language))
    step = max(1, len(wide) // 12)
    ax.set_xticks(range(0, len(wide), step))
    ax.set_xticklabels(list(wide.index[::step]), rotation=45, ha="right")
    if len(wide.columns) > 1:
        ax.legend(frameon=False)
    return ax
