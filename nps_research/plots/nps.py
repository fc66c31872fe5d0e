"""NPS plots: shares per segment with NPS and interval, trend with control limits, its seasonal decomposition,
and the change waterfall.

Every function is ``<thing>_plot(data=None, *, ..., language="en", ax=None) -> Axes``: ``data`` is a table
or result of :mod:`nps_research.segments`, :mod:`nps_research.trends` or :mod:`nps_research.change`; every
visible text comes from the text layer (``plot.nps.*`` texts, column labels, category words) and tick
numbers are written in the report language.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..segments import OVERALL, segment_value
from ..text import Label, Level, Period, Points, check_language, t
from ._common import CATEGORY_COLORS, date_axis, finish_axes, label, new_ax, wrap

__all__ = ["CATEGORY_COLORS", "change_plot", "decomposition_plot", "plot_change", "plot_segments", "plot_trend",
           "segments_plot", "trend_plot"]  # fmt: skip


def _need(data: Any, what: str) -> None:
    if data is None:
        raise ValueError(f"{what} needs data= (see its docstring for what to pass)")


def segments_plot(
    data: pd.DataFrame | None = None,
    *,
    segment_column: str | None = None,
    include_overall: bool = True,
    language: str = "en",
    ax: Any = None,
) -> Any:
    """Stacked horizontal bars of detractor / passive / promoter shares, with NPS and interval per segment.

    The bars (bottom axis, percent) show the three shares; the NPS with its interval is drawn on
    a second, top axis (-100 to 100) as a point with error bars, and written next to each bar. The
    title names the segment column by its label (the client's column name, else ``kanaal``).

    Parameters
    ----------
    data : DataFrame
        An :func:`nps_research.segments.nps_summary` table.
    segment_column : str, optional
        Which ``by`` column to show (default: the first one in the table).
    include_overall : bool
        Show the overall row ("total") on top.
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
    >>> tab = nps_summary(pd.DataFrame({"ltr": [10, 9, 3, 8] * 10, "channel": ["a", "b"] * 20}), by="channel",
    ...                   min_n=5)
    >>> ax = segments_plot(tab, language="nl")
    >>> [float(p.get_width()) for p in ax.containers[2]], ax.get_title()
    ([50.0, 50.0, 50.0], 'NPS per kanaal')
    """
    _need(data, "segments_plot")
    check_language(language)
    tab = data
    labels = tab.attrs.get("labels")
    segs = tab.loc[tab["segment_column"] != OVERALL]
    if segment_column is None and len(segs):
        segment_column = segs["segment_column"].iloc[0]
    rows = segs.loc[segs["segment_column"] == segment_column] if segment_column else segs.iloc[0:0]
    if include_overall:
        rows = pd.concat([tab.loc[tab["segment_column"] == OVERALL], rows])
    rows = rows.iloc[::-1]  # first row on top
    ax = new_ax(ax, (8, max(2.5, 0.45 * len(rows) + 1.6)))
    names = [t("segments.overall", language) if c == OVERALL else wrap(segment_value(s, language))
             for c, s in zip(rows["segment_column"], rows["segment"])]  # fmt: skip
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    for cat, color in zip(("detractors", "passives", "promoters"), CATEGORY_COLORS):
        vals = rows[f"{cat}_pct"].to_numpy(dtype=float)
        ax.barh(y, vals, left=left, color=color, label=label(cat, language), height=0.7)
        left += vals
    ax.set_yticks(y, names)
    ax.set_xlim(0, 100)
    ax.set_xlabel(label("share", language))
    if segment_column:
        ax.set_ylabel(Label(segment_column, labels).format(language))
        ax.set_title(label("nps.segments_title", language, col=Label(segment_column, labels)), pad=28)
    top = ax.twiny()
    nps = rows["nps"].to_numpy(dtype=float)
    err = np.vstack([nps - rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float) - nps])
    level = Level(float(tab.attrs.get("confidence", 0.95)))
    top.errorbar(nps, y, xerr=err, fmt="D", color="black", ecolor="black", capsize=3,
                 label=label("nps.nps_ci", language, level=level))  # fmt: skip
    top.set_xlim(-100, 100)
    top.set_xlabel(label("nps", language))
    for yi, (v, lo, hi) in enumerate(zip(nps, rows["ci_low"], rows["ci_high"])):
        whole = [float(np.round(x)) + 0.0 for x in (v, lo, hi)]  # + 0.0: no "-0"
        text = label("nps.value_ci", language, nps=Points(whole[0], 0), low=Points(whole[1], 0),
                     high=Points(whole[2], 0))
        top.annotate(text, (100, yi), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8,
                     annotation_clip=False)  # fmt: skip
    handles, legend_names = ax.get_legend_handles_labels()
    h2, n2 = top.get_legend_handles_labels()
    ax.legend(handles + h2, legend_names + n2, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=4,
              fontsize=8, frameon=False)  # fmt: skip
    finish_axes(ax, language)
    ax.nps_axis = top
    return ax


_TREND_COLUMNS = {
    "period", "n", "n_missing", "n_detractors", "n_passives", "n_promoters", "detractors_pct", "passives_pct",
    "promoters_pct", "nps", "se", "ci_low", "ci_high", "n_eff", "change", "change_se", "change_p_value", "center",
    "lcl", "ucl", "signal", "run_signal", "rolling_n", "rolling_nps", "rolling_ci_low", "rolling_ci_high", "small_n",
}  # fmt: skip


def _series(data: Any, segment: Any, columns: set[str]) -> tuple[pd.DataFrame, str | None]:
    """The rows of one series of a trend result or table (``segment`` picks one when the trend has ``by``)."""
    if isinstance(data, pd.DataFrame):
        table = data
        extra = [c for c in table.columns if c not in columns]
        by = extra[0] if extra and extra[0] == table.columns[0] else None
    else:
        table, by = pd.DataFrame(data.table), data.by
    if by is not None:
        if segment is None:
            raise ValueError(f"the trend has one series per '{by}': pass segment= to choose one")
        table = table.loc[table[by] == segment]
    return table, by


def trend_plot(
    data: Any = None,
    *,
    segment: Any = None,
    show_rolling: bool = True,
    language: str = "en",
    ax: Any = None,
) -> Any:
    """NPS per period with its interval band, the centre line, control limits and signals.

    Periods beyond the control limits are marked with red circles, periods flagged by the run
    rule (and not beyond the limits) with orange triangles. The date axis stays readable at any
    number of periods (at most about eight ticks, month names in the report language).

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
    >>> ax = trend_plot(nps_trend(df, freq="M", min_n=1))
    >>> [round(float(v), 1) for v in ax.get_lines()[0].get_ydata()]
    [3.2, -3.4, 3.2, -3.4]
    """
    _need(data, "trend_plot")
    check_language(language)
    table, _ = _series(data, segment, _TREND_COLUMNS)
    ax = new_ax(ax)
    x = table["period"]
    ax.plot(x, table["nps"], marker="o", ms=3.5, color="black", lw=1.5, label=label("nps", language))
    level = Level(getattr(data, "confidence", 0.95))
    ax.fill_between(x, table["ci_low"], table["ci_high"], color="0.6", alpha=0.3,
                    label=label("nps.interval", language, level=level))  # fmt: skip
    ax.plot(x, table["center"], color="tab:blue", lw=1, ls="-", label=label("nps.centre", language))
    ax.step(x, table["ucl"], where="mid", color="tab:blue", lw=1, ls="--", label=label("nps.control_limits", language))
    ax.step(x, table["lcl"], where="mid", color="tab:blue", lw=1, ls="--")
    if show_rolling and "rolling_nps" in table:
        window = getattr(data, "window", 3)
        ax.plot(x, table["rolling_nps"], color="tab:purple", lw=1, ls=":",
                label=label("nps.rolling", language, window=int(window)))
    sig = table.loc[table["signal"].astype(bool)]
    ax.scatter(sig["period"], sig["nps"], s=90, facecolors="none", edgecolors="red", linewidths=2, zorder=5,
               label=label("nps.signal", language), gid="signal")  # fmt: skip
    run = table.loc[table["run_signal"].astype(bool) & ~table["signal"].astype(bool)]
    ax.scatter(run["period"], run["nps"], s=60, marker="^", color="orange", zorder=5,
               label=label("nps.run", language), gid="run")
    ax.set_ylabel(label("nps", language))
    ax.axhline(0, color="0.8", lw=0.8, zorder=0)
    if pd.api.types.is_datetime64_any_dtype(x):
        date_axis(ax, language=language)
    ax.legend(fontsize=8, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    finish_axes(ax, language)
    return ax


def decomposition_plot(data: Any = None, *, segment: Any = None, language: str = "en", ax: Any = None) -> Any:
    """The seasonal decomposition (STL) of a trend in four panels: measured NPS, trend, seasonal
    pattern and residual, per period, sharing one date axis.

    Parameters
    ----------
    data : NPSTrend or DataFrame
        Result of :func:`nps_research.trends.nps_trend` (its ``decomposition``) or that decomposition
        table (``period``, ``observed``, ``trend``, ``seasonal``, ``resid``).
    segment : optional
        For a trend computed with ``by=``, the segment to show.
    language : {"en", "nl"}
    ax : matplotlib Axes, optional
        A subplot whose area the four panels share: ``ax`` becomes the top panel and the three others are
        added below it in the same area of its figure. Without ``ax`` a new figure with four panels is made.

    Returns
    -------
    matplotlib Axes
        The top panel; all four panels, top to bottom, are ``ax.panel_axes``.

    Raises
    ------
    ValueError
        When the trend has no decomposition (fewer than two full seasonal cycles; see its notes).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np, pandas as pd
    >>> from nps_research.trends import nps_trend
    >>> rng = np.random.default_rng(1)
    >>> df = pd.DataFrame({"date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 900, 6000), "D"),
    ...                    "ltr": rng.integers(0, 11, 6000)})
    >>> ax = decomposition_plot(nps_trend(df, freq="M"), language="nl")
    >>> [a.get_ylabel() for a in ax.panel_axes]
    ['Gemeten NPS', 'Trend', 'Seizoenspatroon', 'Restterm']
    """
    _need(data, "decomposition_plot")
    check_language(language)
    if isinstance(data, pd.DataFrame):
        dec = data
        by = data.columns[0] if data.columns[0] != "period" else None
    else:
        dec, by = data.decomposition, data.by
    if dec is None:
        notes = " ".join(getattr(data, "notes", []))
        raise ValueError(f"the trend has no seasonal decomposition. {notes}".strip())
    if by is not None:
        if segment is None:
            raise ValueError(f"the trend has one decomposition per '{by}': pass segment= to choose one")
        dec = dec.loc[dec[by] == segment]
    if ax is None:
        fig, axes = plt.subplots(4, 1, sharex=True, figsize=(8, 7))
        axes = list(axes)
    else:
        fig = ax.figure
        spec = ax.get_subplotspec()
        if spec is None:
            raise ValueError("decomposition_plot: ax must be a subplot (from plt.subplots or fig.add_subplot)")
        grid = spec.subgridspec(4, 1, hspace=0.12)
        ax.set_subplotspec(grid[0])
        axes = [ax] + [fig.add_subplot(grid[i], sharex=ax) for i in range(1, 4)]
        for a in axes[:-1]:
            a.tick_params(labelbottom=False)
    x = dec["period"]
    observed_key = "nps.observed_without_shifts" if dec.attrs.get("shifts_removed") else "nps.observed"
    panels = (("observed", observed_key), ("trend", "nps.trend"), ("seasonal", "nps.seasonal"),
              ("resid", "nps.resid"))
    for a, (col, key) in zip(axes, panels):
        if col == "resid":
            a.vlines(x, 0, dec[col], color="0.35", lw=1.2)
            a.plot(x, dec[col], "o", ms=3, color="0.2")
        else:
            a.plot(x, dec[col], color="black" if col != "observed" else "0.3", lw=1.4,
                   marker="o" if col == "observed" else None, ms=3)
        a.axhline(0, color="0.85", lw=0.8, zorder=0)
        a.set_ylabel(wrap(label(key, language), 18), fontsize=9)
        finish_axes(a, language, x=False)
    if pd.api.types.is_datetime64_any_dtype(x):
        date_axis(axes[-1], language=language)
    fig.align_ylabels(axes)
    top = axes[0]
    top.panel_axes = axes
    return top


def _period_text(v: Any, freq: str | None, language: str) -> str:
    if isinstance(v, pd.Timestamp | np.datetime64):
        return Period(pd.Timestamp(v), freq or "D").format(language)
    return str(v)


def change_plot(data: Any = None, *, language: str = "en", ax: Any = None) -> Any:
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
    >>> ax = change_plot(nps_change(df, period="wave", segment="ch", from_="W1", to="W2"))
    >>> [round(float(p.get_height()), 2) for p in ax.patches]
    [25.0, -25.0, 0.0, -14.58, -10.42, -25.0]
    """
    _need(data, "change_plot")
    check_language(language)
    tab = pd.DataFrame(data.table)
    ax = new_ax(ax, (max(6.0, 0.55 * (2 * len(tab) + 2) + 2), 4.5))
    names = [label("nps.period_nps", language, period=_period_text(data.from_, data.freq, language))]
    heights = [data.nps_from]
    bottoms = [0.0]
    colors = ["0.4"]
    running = data.nps_from
    for r in tab.itertuples():
        name = segment_value(r.segment, language)
        for effect, key in ((r.mix_effect, "nps.mix"), (r.performance_effect, "nps.performance")):
            names.append(label("nps.effect", language, segment=name, effect=label(key, language)))
            heights.append(float(effect))
            bottoms.append(running)
            colors.append(CATEGORY_COLORS[2] if effect >= 0 else CATEGORY_COLORS[0])
            running += float(effect)
    names.append(label("nps.period_nps", language, period=_period_text(data.to, data.freq, language)))
    heights.append(data.nps_to)
    bottoms.append(0.0)
    colors.append("0.4")
    x = np.arange(len(heights))
    ax.bar(x, heights, bottom=bottoms, color=colors, width=0.7)
    ax.set_xticks(x, names, rotation=45, ha="right", fontsize=8)
    ax.axhline(0, color="0.5", lw=0.8)
    ax.set_ylabel(label("nps.points", language))
    for xi, (h, b) in enumerate(zip(heights, bottoms)):
        ax.annotate(Points(h).format(language), (xi, b + h), xytext=(0, 3 if h >= 0 else -10),
                    textcoords="offset points", ha="center", fontsize=7)  # fmt: skip
    finish_axes(ax, language)
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
