"""Voice plots: theme shares per category, the weight of each theme in the NPS, response rate against earlier
invitations.

Every function is ``<thing>_plot(data=None, *, ..., language="en", ax=None) -> Axes`` with texts from the
text layer (:mod:`nps_research.text`) and theme labels from the code frame in the report language.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..tables import format_value
from ..text import category
from ._common import CATEGORY_COLOR_MAP, finish_axes, label, new_ax, wrap

__all__ = ["response_fatigue_plot", "theme_impact_plot", "theme_shares_plot"]


def _theme_label(data: pd.DataFrame, theme: str, language: str) -> str:
    return str(data.attrs.get("theme_labels", {}).get(language, {}).get(theme, theme))


def theme_shares_plot(data: pd.DataFrame | None = None, *, language: str = "en", ax: Any = None,
                      themes: list[str] | None = None) -> Any:
    """Share of each category's reasons that mention each theme (bars with Wilson intervals), from a
    :func:`nps_research.voice.theme_shares` table.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from nps_research.voice import theme_shares
    >>> df = pd.DataFrame({"reason": ["te duur", "goede app", "te duur", "prima app"], "ltr": [2, 9, 5, 10]})
    >>> ax = theme_shares_plot(theme_shares(df, frame="energy"), themes=["price", "digital"])
    >>> ax.get_xlabel()
    '% of reasons that mention the theme'
    """
    part = data.loc[data["segment"].isna() & data["category"].isin(["detractor", "passive", "promoter"])]
    if themes is None:
        mentioned = part.groupby("theme", sort=False)["mentions"].sum()
        themes = [th for th in dict.fromkeys(part["theme"]) if mentioned.get(th, 0) > 0]
    ax = new_ax(ax, (8, max(3.0, 0.55 * len(themes) + 1.2)))
    cats = ["detractor", "passive", "promoter"]
    height = 0.8 / len(cats)
    y = np.arange(len(themes))
    for j, cat in enumerate(cats):
        rows = part.loc[part["category"] == cat].set_index("theme").reindex(themes)
        share = 100 * rows["share"].to_numpy(float)
        err = np.vstack([share - 100 * rows["share_low"].to_numpy(float),
                         100 * rows["share_high"].to_numpy(float) - share])
        ax.barh(y + (j - 1) * height, np.nan_to_num(share), height=height, color=CATEGORY_COLOR_MAP[cat],
                xerr=np.clip(np.nan_to_num(err), 0, None),  # an interval end equal to the share up to rounding
                error_kw={"elinewidth": 0.8, "capsize": 2, "ecolor": "#444444"},
                label=category(cat, language, plural=True, capital=True))
    ax.set_yticks(y)
    ax.set_yticklabels([wrap(_theme_label(data, th, language), 28) for th in themes])
    ax.invert_yaxis()
    ax.set_xlabel(label("voice.share", language))
    ax.set_title(label("voice.shares_title", language))
    ax.legend(loc="lower right", fontsize=8)
    finish_axes(ax, language)
    return ax


def theme_impact_plot(data: pd.DataFrame | None = None, *, language: str = "en", ax: Any = None,
                      level: str | None = "theme") -> Any:
    """Modelled NPS gain if each theme were not mentioned (dot with bootstrap interval), and the simple
    comparison (cross), from a :func:`nps_research.voice.theme_impact` table.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = pd.DataFrame({"theme": ["price", "digital"], "level": ["theme", "theme"], "impact": [5.0, -3.0],
    ...                   "ci_low": [3.0, -5.0], "ci_high": [7.0, -1.0], "simple_impact": [4.0, -2.0],
    ...                   "small_n": [False, False]})
    >>> theme_impact_plot(d).get_xlabel()
    'NPS points if the theme were not mentioned'
    """
    d = data.loc[~data["small_n"] & data["impact"].notna()]
    if level is not None and "level" in d:
        d = d.loc[d["level"] == level]
    d = d.sort_values("impact", ascending=False)
    ax = new_ax(ax, (8, max(3.0, 0.45 * len(d) + 1.2)))
    y = np.arange(len(d))
    colors = np.where(d["impact"] >= 0, CATEGORY_COLOR_MAP["detractor"], CATEGORY_COLOR_MAP["promoter"])
    ax.axvline(0, color="black", lw=0.8)
    ax.errorbar(d["impact"], y, xerr=[d["impact"] - d["ci_low"], d["ci_high"] - d["impact"]], fmt="none",
                ecolor="#555555", elinewidth=1, capsize=3)
    ax.scatter(d["impact"], y, c=list(colors), s=45, zorder=3, label=label("voice.modelled", language))
    ax.scatter(d["simple_impact"], y, marker="x", color="#444444", s=30, zorder=3,
               label=label("voice.simple", language))
    ax.set_yticks(y)
    ax.set_yticklabels([wrap(_theme_label(data, th, language), 28) for th in d["theme"]])
    ax.invert_yaxis()
    ax.set_xlabel(label("voice.impact", language))
    ax.set_title(label("voice.impact_title", language))
    ax.legend(loc="best", fontsize=8)
    finish_axes(ax, language)
    return ax


def response_fatigue_plot(data: pd.DataFrame | None = None, *, measure: str = "earlier_invitations",
                          language: str = "en", ax: Any = None) -> Any:
    """Response rate (%) with Wilson intervals by earlier invitations in 12 months or by days since the last
    invitation, from a :func:`nps_research.voice.response_fatigue` table.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = pd.DataFrame({"measure": ["earlier_invitations"] * 2, "group": ["0", "1"], "rate": [0.4, 0.3],
    ...                   "rate_low": [0.35, 0.25], "rate_high": [0.45, 0.35]})
    >>> response_fatigue_plot(d).get_ylabel()
    'response rate (%)'
    """
    d = data.loc[data["measure"] == measure]
    ax = new_ax(ax, (8, 4))
    x = np.arange(len(d))
    rate = 100 * d["rate"].to_numpy(float)
    ax.errorbar(x, rate, yerr=[rate - 100 * d["rate_low"].to_numpy(float), 100 * d["rate_high"].to_numpy(float) - rate],
                fmt="o-", color="#4c72b0", ecolor="#777777", capsize=3)
    ax.set_xticks(x)
    ax.set_xticklabels([wrap(format_value(g, "category", language, column="group"), 11) for g in d["group"]])
    ax.set_xlabel(label("voice.earlier" if measure == "earlier_invitations" else "voice.since", language))
    ax.set_ylabel(label("voice.rate", language))
    ax.set_title(label("voice.fatigue_title" if measure == "earlier_invitations" else "voice.fatigue_title_since",
                       language))
    ax.set_ylim(bottom=0)
    finish_axes(ax, language, x=False)
    return ax
