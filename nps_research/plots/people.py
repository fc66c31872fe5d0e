"""People plots: funnel, caterpillar (shrunk NPS with interval), signal overview, Bland-Altman, calibration.

Every function is ``<thing>_plot(data=None, *, ..., language="en", ax=None) -> Axes`` with texts from the
text layer (:mod:`nps_research.text`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import seaborn as sns

from ..people import funnel_limits
from ..text import column_label
from ._common import CATEGORY_COLORS, finish_axes, fit_tick_labels, label, new_ax

__all__ = ["agent_calibration_plot", "bland_altman_plot", "caterpillar_plot", "funnel_plot", "signals_plot"]

_RED, _GREY, _GREEN = CATEGORY_COLORS


def _unit_label(data: pd.DataFrame, language: str) -> str:
    return column_label(data.attrs.get("unit", "unit"), language, data.attrs.get("labels"))


def funnel_plot(data: pd.DataFrame | None = None, *, language: str = "en", ax: Any = None,
                annotate: bool = True) -> Any:
    """Funnel plot of a :func:`nps_research.people.unit_nps` table: NPS against answers, with the 95 % and
    99.8 % limits around the overall NPS (overdispersion included); units outside 99.8 % are marked and
    named. With case-mix adjustment the y axis is the adjusted NPS (overall + observed - expected).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from nps_research.people import unit_nps
    >>> df = pd.DataFrame({"u": np.repeat(list("abcd"), 40), "ltr": np.tile([10, 9, 7, 3], 40)})
    >>> ax = funnel_plot(unit_nps(df, unit="u"))
    >>> ax.get_xlabel()
    'Number of answers'
    """
    ax = new_ax(ax, (8, 5))
    tab = data.loc[data["shown"]] if "shown" in data else data
    overall = float(data.attrs.get("overall_nps", 0.0))
    adjusted = bool(data.attrs.get("adjust_for"))
    y = tab["nps"] - tab["expected_nps"] + overall if adjusted else tab["nps"]
    n_total = float(data.attrs.get("n_total", data["n"].sum()))
    p_plus = float((data["promoters"].sum()) / n_total)
    p_minus = float((data["detractors"].sum()) / n_total)
    grid = np.linspace(max(2, tab["n"].min() * 0.8), tab["n"].max() * 1.1, 200)
    lim = funnel_limits(grid, p_plus=p_plus, p_minus=p_minus, phi=float(data.attrs.get("phi", 1.0)),
                        tau2=float(data.attrs.get("tau2", 0.0)))
    ax.axhline(overall, color="black", lw=1,
               label=label("people.target_adjusted" if adjusted else "people.target", language))
    for level, style, key in ((0.95, "--", "people.limit_95"), (0.998, ":", "people.limit_998")):
        lo, hi = lim[level]
        ax.plot(grid, lo, style, color="#4c72b0", lw=1.2, label=label(key, language))
        ax.plot(grid, hi, style, color="#4c72b0", lw=1.2)
    out = tab["outside_998"].to_numpy(bool)
    ax.scatter(tab["n"][~out], y[~out], color=_GREY, edgecolor="black", s=30, zorder=3,
               label=label("people.units", language))
    if out.any():
        ax.scatter(tab["n"][out], y[out], color=_RED, edgecolor="black", s=45, zorder=4,
                   label=label("people.outside", language))
        if annotate:
            for name, xi, yi in zip(tab["unit"][out], tab["n"][out], y[out]):
                ax.annotate(str(name), (xi, yi), xytext=(4, 4), textcoords="offset points", fontsize=8)
    ax.set_xlabel(label("people.answers", language))
    ax.set_ylabel(label("nps", language))
    ax.set_title(label("people.funnel_title", language, unit=_unit_label(data, language)))
    ax.legend(loc="lower right", fontsize=8)
    finish_axes(ax, language)
    return ax


def caterpillar_plot(data: pd.DataFrame | None = None, *, language: str = "en", ax: Any = None) -> Any:
    """Shrunk NPS per unit with its credible interval (sorted), and the observed NPS as open circles.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from nps_research.people import unit_nps
    >>> df = pd.DataFrame({"u": np.repeat(list("abcd"), 40), "ltr": np.tile([10, 9, 7, 3], 40)})
    >>> len(caterpillar_plot(unit_nps(df, unit="u")).get_yticklabels())
    4
    """
    tab = data.loc[data["shown"]] if "shown" in data else data
    tab = tab.sort_values("nps_shrunk").reset_index(drop=True)
    ax = new_ax(ax, (8, max(3.0, 0.28 * len(tab) + 1.2)))
    pos = np.arange(len(tab))
    ax.errorbar(tab["nps_shrunk"], pos, xerr=[tab["nps_shrunk"] - tab["ci_low"], tab["ci_high"] - tab["nps_shrunk"]],
                fmt="o", color="#4c72b0", ecolor="#4c72b0", capsize=2, label=label("people.shrunk", language))
    ax.scatter(tab["nps"], pos, facecolor="none", edgecolor="black", s=22, zorder=3,
               label=label("people.raw", language))
    ax.axvline(float(data.attrs.get("overall_nps", 0.0)), color="black", lw=0.8)
    ax.set_yticks(pos)
    ax.set_yticklabels([str(u) for u in tab["unit"]], fontsize=8)
    ax.set_xlabel(label("nps", language))
    ax.set_ylabel(_unit_label(data, language))
    ax.legend(loc="lower right", fontsize=8)
    finish_axes(ax, language, y=False)
    return ax


def signals_plot(data: pd.DataFrame | None = None, *, language: str = "en", ax: Any = None,
                 max_units: int = 20) -> Any:
    """Heatmap of signal strength (-log10 q) per unit and signal, for the units with the strongest signals.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from nps_research.people import signals
    >>> df = pd.DataFrame({"u": np.repeat(list("abcd"), 40), "ltr": np.tile([10, 9, 7, 3], 40)})
    >>> ax = signals_plot(signals(df, unit="u"))
    >>> ax.get_xlabel()
    ''
    """
    from ..text import t

    tab = data.copy()
    tab["strength"] = -np.log10(tab["q_value"].clip(lower=1e-12))
    top = tab.groupby("unit")["strength"].max().sort_values(ascending=False).head(max_units).index
    wide = tab.loc[tab["unit"].isin(top)].pivot_table(index="unit", columns="signal", values="strength",
                                                       aggfunc="max")
    wide = wide.reindex(top)
    names = [t(f"value.{c}", language) for c in wide.columns]
    # about 0.8 inch per signal beside the unit names and the colour bar
    ax = new_ax(ax, (max(8.0, 3.0 + 0.8 * wide.shape[1]), max(3.0, 0.32 * len(wide) + 1.8)))
    threshold = -np.log10(float(data.attrs.get("fdr", 0.05)))
    annot = wide.map(lambda v: "" if pd.isna(v) else ("●" if v >= threshold else ""))
    sns.heatmap(wide, ax=ax, cmap="Reds", vmin=0, vmax=max(3.0, float(np.nanmax(wide.to_numpy()) if wide.size else 3)),
                annot=annot, fmt="", linewidths=0.5, linecolor="white",
                cbar_kws={"label": label("people.signal_strength", language)})
    ax.set_xlabel("")
    ax.set_ylabel(_unit_label(data, language))
    ax.set_title(label("people.signals_title", language, unit=_unit_label(data, language)))
    ax.tick_params(axis="x", rotation=0, labelsize=8)
    fit_tick_labels(ax, names)  # after the font size: the widest wrap at which neighbours do not overlap
    cbar = ax.collections[0].colorbar
    if cbar is not None:
        finish_axes(cbar.ax, language, x=False)
    return ax


def _pairs(data: Any) -> pd.DataFrame:
    pairs = getattr(data, "pairs", data)
    if not isinstance(pairs, pd.DataFrame) or not {"predicted", "actual"} <= set(pairs.columns):
        raise TypeError("data must be an AgentAgreement result or a DataFrame with 'predicted' and 'actual'")
    return pairs


def bland_altman_plot(data: Any = None, *, language: str = "en", ax: Any = None) -> Any:
    """Bland-Altman plot of agents' predictions: difference (predicted - actual) against the mean of both,
    with the mean difference and the 95 % limits of agreement; point size shows how many pairs coincide.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = bland_altman_plot(pd.DataFrame({"predicted": [8, 9, 7, 10, 6], "actual": [7, 9, 8, 9, 6]}))
    >>> ax.get_ylabel()
    'Predicted - actual score'
    """
    pairs = _pairs(data)
    ax = new_ax(ax, (7, 4.5))
    diff = pairs["predicted"] - pairs["actual"]
    mean = (pairs["predicted"] + pairs["actual"]) / 2
    counts = pd.DataFrame({"m": mean, "d": diff}).value_counts().reset_index(name="k")
    ax.scatter(counts["m"], counts["d"], s=8 + 6 * np.sqrt(counts["k"]), color="#4c72b0", alpha=0.6)
    bias, sd = float(diff.mean()), float(diff.std(ddof=1))
    ax.axhline(bias, color="black", lw=1.2, label=label("people.bias", language))
    for v in (bias - 1.96 * sd, bias + 1.96 * sd):
        ax.axhline(v, color="black", ls="--", lw=1)
    ax.plot([], [], color="black", ls="--", lw=1, label=label("people.loa", language))
    ax.set_xlabel(label("people.ba_mean", language))
    ax.set_ylabel(label("people.ba_diff", language))
    ax.set_title(label("people.ba_title", language))
    ax.legend(loc="upper right", fontsize=8)
    finish_axes(ax, language)
    return ax


def agent_calibration_plot(data: Any = None, *, language: str = "en", ax: Any = None) -> Any:
    """Mean actual score (with 95 % interval) per predicted score, against the diagonal of perfect calibration.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = agent_calibration_plot(pd.DataFrame({"predicted": [8, 9, 8, 10, 6, 6], "actual": [7, 9, 8, 9, 6, 5]}))
    >>> ax.get_xlabel()
    'Predicted score'
    """
    pairs = _pairs(data)
    ax = new_ax(ax, (6, 5))
    g = pairs.groupby("predicted")["actual"]
    m, s, k = g.mean(), g.std(ddof=1).fillna(0), g.count()
    half = 1.96 * s / np.sqrt(k)
    ax.plot([0, 10], [0, 10], color="black", lw=0.8, ls=":", label=label("people.perfect", language))
    ax.errorbar(m.index, m.to_numpy(), yerr=half.to_numpy(), fmt="o-", color=_GREEN, capsize=3,
                label=label("people.observed", language))
    ax.set_xlim(-0.5, 10.5)
    ax.set_ylim(-0.5, 10.5)
    ax.set_xlabel(label("people.predicted", language))
    ax.set_ylabel(label("people.actual_mean", language))
    ax.set_title(label("people.cal_title", language))
    ax.legend(loc="upper left", fontsize=8)
    finish_axes(ax, language)
    return ax

