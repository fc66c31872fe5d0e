"""Plots for the data overview: LTR distribution and responses over time.

Both follow the plot API ``<thing>_plot(data=None, *, ..., language="en", ax=None) -> Axes``; texts come
from the text layer (``plot.overview.*``, category words), colours from :data:`CATEGORY_COLOR_MAP`.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from ..tables import format_value
from ..text import Period, category, check_language
from ..text.vocabulary import CATEGORIES
from ._common import CATEGORY_COLOR_MAP, finish_axes, label, new_ax

__all__ = ["CATEGORY_COLOR_MAP", "ltr_distribution_plot", "responses_over_time_plot"]

#: Category word in any report language -> category key (``criticaster`` -> ``detractor``).
_CATEGORY_KEYS = {word: key for key, forms in CATEGORIES.items() for words in forms.values() for word in words}


def _category_key(value: Any) -> str | None:
    return _CATEGORY_KEYS.get(str(value).lower())


def ltr_distribution_plot(data: pd.DataFrame | None = None, *, percent: bool = True, language: str = "en",
                          ax: Axes | None = None) -> Axes:
    """Bars of the answers 0-10 coloured by category, from :func:`nps_research.overview.ltr_distribution`.

    Parameters
    ----------
    data : DataFrame
        ``score``, ``n``, ``percent`` and ``category`` (keys or words of any report language).
    percent : bool
        Bars in percent of the answers (default) or as counts.
    language : {"en", "nl"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from nps_research.overview import ltr_distribution
    >>> ax = ltr_distribution_plot(ltr_distribution(pd.DataFrame({"ltr": [0, 9, 9, 10]})))
    >>> [round(float(p.get_height()), 1) for p in ax.patches][8:]
    [0.0, 50.0, 25.0]
    >>> ax = ltr_distribution_plot(ltr_distribution(pd.DataFrame({"ltr": [9]})), language="nl")
    >>> ax.get_ylabel(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('% van de antwoorden', ['Criticasters', 'Passieven', 'Promotors'])
    """
    if data is None:
        raise ValueError("ltr_distribution_plot needs data= (a table from nps_research.overview.ltr_distribution)")
    check_language(language)
    ax = new_ax(ax, (7, 3.5))
    y = data["percent"] if percent else data["n"]
    keys = [_category_key(c) for c in data["category"]]
    colors = [CATEGORY_COLOR_MAP.get(k, "#777777") for k in keys]
    ax.bar(data["score"], y, color=colors, edgecolor="white")
    ax.set_xticks(range(11))
    ax.set_xlabel(label("overview.score", language))
    ax.set_ylabel(label("overview.percent" if percent else "overview.count", language))
    present = [k for k in ("detractor", "passive", "promoter") if k in keys]
    handles = [plt.Rectangle((0, 0), 1, 1, color=CATEGORY_COLOR_MAP[k]) for k in present]
    ax.legend(handles, [category(k, language, plural=True, capital=True) for k in present], frameon=False)
    finish_axes(ax, language)
    return ax


def responses_over_time_plot(data: pd.DataFrame | None = None, *, by: str | None = "survey_type",
                             language: str = "en", ax: Axes | None = None) -> Axes:
    """Stacked bars of responses per period, from :func:`nps_research.overview.responses_over_time`.

    Periods are written for their frequency (``jan 2024``; at most about twelve labels, so the axis stays
    readable at any number of periods); groups of ``by`` (survey types) are named in the report language.

    Parameters
    ----------
    data : DataFrame
        ``period`` (pandas period text, ``attrs["freq"]`` its code), ``n`` and optionally ``by``.
    by : str, optional
        The group column drawn as stacked bars.
    language : {"en", "nl"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from nps_research.overview import responses_over_time
    >>> df = pd.DataFrame({"date": pd.to_datetime(["2024-01-03", "2024-03-09", "2024-03-10"])})
    >>> ax = responses_over_time_plot(responses_over_time(df, by=None), language="nl")
    >>> [float(p.get_height()) for p in ax.patches], [t.get_text() for t in ax.get_xticklabels()]
    ([1.0, 0.0, 2.0], ['jan 2024', 'feb 2024', 'mrt 2024'])
    """
    if data is None:
        raise ValueError("responses_over_time_plot needs data= (a table from "
                         "nps_research.overview.responses_over_time)")
    check_language(language)
    ax = new_ax(ax, (9, 3.5))
    if by is not None and by in data:
        wide = data.pivot(index="period", columns=by, values="n").fillna(0)
    else:
        wide = data.set_index("period")[["n"]]
    freq = data.attrs.get("freq", "M")
    x = range(len(wide))
    bottom = None
    for col in wide.columns:
        name = format_value(col, "category", language) if col != "n" else label("overview.count", language)
        ax.bar(x, wide[col].to_numpy(dtype=float), bottom=bottom, label=name)
        bottom = wide[col].to_numpy(dtype=float) if bottom is None else bottom + wide[col].to_numpy(dtype=float)
    ax.set_ylabel(label("overview.count", language))
    step = max(1, -(-len(wide) // 12))
    ticks = list(range(0, len(wide), step))
    ax.set_xticks(ticks)
    ax.set_xticklabels([Period(pd.Period(wide.index[i], freq=freq).start_time, freq).format(language)
                        for i in ticks], rotation=45, ha="right")
    ax.set_xlim(-0.6, len(wide) - 0.4)
    if len(wide.columns) > 1:
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    finish_axes(ax, language, x=False)
    return ax
