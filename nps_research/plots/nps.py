"""NPS plots: shares per segment with NPS and CI, trend with control limits, change waterfall.

Every function takes ``data=`` (a table or result of :mod:`nps_research.segments`,
:mod:`nps_research.trends` or :mod:`nps_research.change`), accepts ``ax=`` and returns the Axes.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

__all__ = ["CATEGORY_COLORS", "change_plot", "plot_change", "plot_segments", "plot_trend", "segments_plot", "trend_plot"]

from ..text.plot_labels import LABELS
from ._common import CATEGORY_COLORS


def _words(language: str) -> dict[str, str]:
    if language not in ("en", "nl"):
        raise ValueError(f"language must be 'en' or 'nl', got {language!r}")
    return {k: v[language] for k, v in LABELS.items()}


def _ax(ax):
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    return ax


def segments_plot(
    data: pd.DataFrame,
    *,
    segment_column: str | None = None,
    include_overall: bool = True,
    language: str = "en",
    ax: Any = None,
) -> Any:
    """Stacked horizontal bars of detractor / passive / promoter shares, with NPS and CI per segment.

    The bars (bottom axis, percent) show the three shares; the NPS with its interval is drawn on
    a second, top axis (-100 to 100) as a point with error bars, and written next to each bar.

    Parameters
    ----------
    data : DataFrame
        An :func:`nps_research.segments.nps_summary` table.
    segment_column : str, optional
        Which ``by`` column to show (default: the first one in the table).
    include_overall : bool
        Show the overall row on top.
    language : {"en", "nl"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
        The bar axes (the NPS axis is ``ax.nps_axis``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from nps_research.segments import nps_summary
    >>> tab = nps_summary(pd.DataFrame({"ltr": [10, 9, 3, 8] * 10, "g": ["a", "b"] * 20}), by="g", min_n=5)
    >>> ax = segments_plot(data=tab)
    >>> [float(p.get_width()) for p in ax.containers[2]]
    [50.0, 50.0, 50.0]
    """
    w = _words(language)
    tab = data
    segs = tab.loc[tab["segment_column"] != "overall"]
    if segment_column is None and len(segs):
        segment_column = segs["segment_column"].iloc[0]
    rows = segs.loc[segs["segment_column"] == segment_column] if segment_column else segs.iloc[0:0]
    if include_overall:
        rows = pd.concat([tab.loc[tab["segment_column"] == "overall"], rows])
    rows = rows.iloc[::-1]  # first row on top
    ax = _ax(ax)
    labels = [w["overall"] if c == "overall" else (w["missing"] if pd.isna(s) else str(s))
              for c, s in zip(rows["segment_column"], rows["segment"])]  # fmt: skip
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    for cat, color in zip(("detractors", "passives", "promoters"), CATEGORY_COLORS):
        vals = rows[f"{cat}_pct"].to_numpy(dtype=float)
        ax.barh(y, vals, left=left, color=color, label=w[cat], height=0.7)
        left += vals
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel(w["share"])
    if segment_column:
        ax.set_ylabel(segment_column)
    top = ax.twiny()
    nps = rows["nps"].to_numpy(dtype=float)
    err = np.vstack([nps - rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float) - nps])
    level = 100 * float(tab.attrs.get("confidence", 0.95))
    top.errorbar(nps, y, xerr=err, fmt="D", color="black", ecolor="black", capsize=3,
                 label=f"{w['nps']} ({w['ci'].format(level=f'{level:g}')})")  # fmt: skip
    top.set_xlim(-100, 100)
    top.set_xlabel(w["nps"])
    for yi, (v, lo, hi) in enumerate(zip(nps, rows["ci_low"], rows["ci_high"])):
        top.annotate(f"{v:+.0f} [{lo:+.0f}, {hi:+.0f}]", (100, yi), xytext=(4, 0), textcoords="offset points",
                     va="center", fontsize=8, annotation_clip=False)  # fmt: skip
    handles, names = ax.get_legend_handles_labels()
    h2, n2 = top.get_legend_handles_labels()
    ax.legend(handles + h2, names + n2, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=4, fontsize=8,
              frameon=False)  # fmt: skip
    ax.nps_axis = top
    return ax


def trend_plot(
    data: Any,
    *,
    segment: Any = None,
    show_rolling: bool = True,
    language: str = "en",
    ax: Any = None,
) -> Any:
    """NPS per period with its CI band, the centre line, control limits and signals.

    Periods beyond the control limits are marked with red circles, periods flagged by the run
    rule (and not beyond the limits) with orange triangles.

    Parameters
    ----------
    data : NPSTrend or DataFrame
        Result of :func:`nps_research.trends.nps_trend` or its ``table``.
    segment : optional
        For a trend computed with ``by=``, the segment to show.
    show_rolling : bool
        Also draw the rolling NPS.
    language : {"en", "nl"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from nps_research.trends import nps_trend
    >>> df = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=120, freq="D"), "ltr": [10, 3, 8] * 40})
    >>> ax = trend_plot(data=nps_trend(df, freq="M", min_n=1))
    >>> [round(float(v), 1) for v in ax.get_lines()[0].get_ydata()]
    [3.2, -3.4, 3.2, -3.4]
    """
    w = _words(language)
    table = getattr(data, "table", data)
    by = getattr(data, "by", None)
    if by is None:
        extra = [c for c in table.columns if c not in _TREND_COLUMNS]
        by = extra[0] if extra and extra[0] == table.columns[0] else None
    if by is not None:
        if segment is None:
            raise ValueError(f"the trend has one series per '{by}': pass segment= to choose one")
        table = table.loc[table[by] == segment]
    ax = _ax(ax)
    x = table["period"]
    ax.plot(x, table["nps"], marker="o", color="black", lw=1.5, label=w["nps"])
    conf = getattr(data, "confidence", 0.95)
    ax.fill_between(x, table["ci_low"], table["ci_high"], color="0.6", alpha=0.3,
                    label=w["ci"].format(level=f"{100 * conf:g}"))  # fmt: skip
    ax.plot(x, table["center"], color="tab:blue", lw=1, ls="-", label=w["center"])
    ax.step(x, table["ucl"], where="mid", color="tab:blue", lw=1, ls="--", label=w["limits"])
    ax.step(x, table["lcl"], where="mid", color="tab:blue", lw=1, ls="--")
    if show_rolling and "rolling_nps" in table:
        ax.plot(x, table["rolling_nps"], color="tab:purple", lw=1, ls=":", label=w["rolling"])
    sig = table.loc[table["signal"].astype(bool)]
    ax.scatter(sig["period"], sig["nps"], s=90, facecolors="none", edgecolors="red", linewidths=2, zorder=5,
               label=w["signal"], gid="signal")  # fmt: skip
    run = table.loc[table["run_signal"].astype(bool) & ~table["signal"].astype(bool)]
    ax.scatter(run["period"], run["nps"], s=60, marker="^", color="orange", zorder=5, label=w["run"], gid="run")
    ax.set_ylabel(w["nps"])
    ax.axhline(0, color="0.8", lw=0.8, zorder=0)
    if pd.api.types.is_datetime64_any_dtype(x):
        from ._common import date_axis

        date_axis(ax)
    ax.legend(fontsize=8, ncol=3, loc="best")
    return ax


_TREND_COLUMNS = {
    "period", "n", "n_missing", "n_detractors", "n_passives", "n_promoters", "detractors_pct", "passives_pct",
    "promoters_pct", "nps", "se", "ci_low", "ci_high", "n_eff", "change", "change_se", "change_p_value", "center",
    "lcl", "ucl", "signal", "run_signal", "rolling_n", "rolling_nps", "rolling_ci_low", "rolling_ci_high", "small_n",
}  # fmt: skip


def change_plot(data: Any, *, language: str = "en", ax: Any = None) -> Any:
    """Waterfall of an NPS change: start NPS, each segment's mix and performance effect, end NPS.

    The first and last bars stand on zero (NPS of the two periods); every effect bar floats from
    the running total, so the last effect bar ends exactly at the end NPS.

    Parameters
    ----------
    data : NPSChange
        Result of :func:`nps_research.change.nps_change`.
    language : {"en", "nl"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from nps_research.change import nps_change
    >>> df = pd.DataFrame({"wave": ["W1"] * 4 + ["W2"] * 4, "ltr": [10, 10, 2, 8, 10, 2, 2, 8],
    ...                    "ch": ["app", "app", "phone", "phone", "app", "phone", "phone", "phone"]})
    >>> ax = change_plot(data=nps_change(df, period="wave", segment="ch", from_="W1", to="W2"))
    >>> [round(float(p.get_height()), 2) for p in ax.patches]
    [25.0, -25.0, 0.0, -14.58, -10.42, -25.0]
    """
    w = _words(language)
    ax = _ax(ax)
    tab = data.table
    labels = [w["start"].format(p=data.from_ if not isinstance(data.from_, pd.Timestamp) else data.from_.date())]
    heights = [data.nps_from]
    bottoms = [0.0]
    colors = ["0.4"]
    running = data.nps_from
    for r in tab.itertuples():
        name = w["missing"] if pd.isna(r.segment) else str(r.segment)
        for effect, word in ((r.mix_effect, w["mix"]), (r.performance_effect, w["perf"])):
            labels.append(f"{name}\n{word}")
            heights.append(float(effect))
            bottoms.append(running)
            colors.append("#238b45" if effect >= 0 else "#d7301f")
            running += float(effect)
    labels.append(w["end"].format(p=data.to if not isinstance(data.to, pd.Timestamp) else data.to.date()))
    heights.append(data.nps_to)
    bottoms.append(0.0)
    colors.append("0.4")
    x = np.arange(len(heights))
    ax.bar(x, heights, bottom=bottoms, color=colors, width=0.7)
    ax.set_xticks(x, labels, rotation=45, ha="right", fontsize=8)
    ax.axhline(0, color="0.5", lw=0.8)
    ax.set_ylabel(w["points"])
    for xi, (h, b) in enumerate(zip(heights, bottoms)):
        ax.annotate(f"{h:+.1f}", (xi, b + h), xytext=(0, 3 if h >= 0 else -10), textcoords="offset points",
                    ha="center", fontsize=7)  # fmt: skip
    return ax


def _deprecated(new, old: str):
    import functools
    import warnings

    @functools.wraps(new)
    def alias(*args, **kwargs):
        warnings.warn(f"{old} is deprecated; use {new.__name__}", DeprecationWarning, stacklevel=2)
        return new(*args, **kwargs)

    alias.__name__ = old
    alias.__deprecated_alias__ = True
    return alias


plot_segments = _deprecated(segments_plot, "plot_segments")
plot_trend = _deprecated(trend_plot, "plot_trend")
plot_change = _deprecated(change_plot, "plot_change")
