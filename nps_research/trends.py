"""NPS over time: per-period NPS with intervals, change tests, control limits, rolling NPS and STL.

The counting (including the truncation of dates to periods) runs in the data's engine
(:mod:`nps_research.engines`); all statistics come from the counts per period via
:func:`nps_research.segments.stats_from_counts`.

Control limits
--------------
The NPS is the mean of a per-respondent score :math:`s \\in \\{-1, 0, 1\\}`, so a
p-chart-like control chart applies: centre line :math:`\\bar m` = the NPS of all periods
pooled (per segment when ``by`` is given), per-respondent variance
:math:`\\sigma^2 = \\bar p + \\bar d - \\bar m^2` from the pooled promoter and detractor shares,
and limits :math:`\\bar m \\pm k \\sigma / \\sqrt{n_t}` with each period's own :math:`n_t`
(Kish's effective n when weighted) and ``k = sigma`` (default 3), clipped to [-100, 100].
A period beyond the limits is a ``signal``. With ``run_length=r`` (default 8, ``None`` turns
it off) a *run rule* is applied as well: the r-th and every further consecutive period on the
same side of the centre line (strictly above or strictly below; an empty period breaks the
run) is flagged ``run_signal`` (Western Electric / Nelson "run of 8").

Periods
-------
Periods are labelled by their first day; the table holds every period between the first and
the last answer, including empty ones (n = 0, statistics NaN). Frequencies follow
:func:`nps_research.engines.normalize_freq` (``"M"``, ``"ME"`` and ``"MS"`` all mean months).

Seasonality
-----------
With at least two full seasonal cycles (``seasonal_period`` periods: 12 for months, 4 for
quarters, 52 for weeks, 7 for days) the per-period NPS is decomposed by
``statsmodels.tsa.seasonal.STL`` (robust fitting) into trend, seasonal and remainder
(``NPSTrend.decomposition``); empty periods are filled by linear interpolation first. STL is a
picture: it always finds some seasonal component. Whether there is a seasonal pattern is tested by
:func:`nps_research.change_points.level_shifts` (season effects against the model without them, after the
level shifts, with at least two cycles); pass its result as ``shifts=`` to fit STL with the shifts removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .engines import CATEGORIES, PANDAS_START_ALIAS, count_groups, normalize_freq
from .errors import StudyDataError
from .inputs import DEFAULT_BREAKS, labels_of
from .nps import interval_headers
from .results import Result, ResultFrame
from .segments import _moments, diff_test_from_counts, segment_value, stats_from_counts
from .text import Int, Label, P, Period, Points, Words, t

__all__ = ["SEASONAL_PERIODS", "NPSTrend", "control_limits", "describe_trend", "nps_trend"]

#: Default number of periods per seasonal cycle, by canonical frequency.
SEASONAL_PERIODS = {"D": 7, "W": 52, "M": 12, "Q": 4, "Y": None}


@dataclass(repr=False)
class NPSTrend(Result):
    """Result of :func:`nps_trend`.

    Attributes
    ----------
    table : DataFrame
        One row per period (and segment): counts, shares, NPS with interval, change versus the
        previous period with its test, control limits and signals, rolling NPS.
    decomposition : DataFrame or None
        STL decomposition (``observed``, ``trend``, ``seasonal``, ``resid`` per period), or None
        when there are fewer than two full seasonal cycles (see ``notes``).
    freq : str
        Canonical frequency code (``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``).
    by : str or None
        The segment column, if any.
    method, confidence : str, float
        Interval method and level.
    note_keys : list of (key, values)
        What was not done and why, as catalogue texts (see :attr:`notes` and :meth:`note_texts`).
    run_length, window : int or None, int
        Run rule and rolling window used.
    labels : dict
        Role -> the client's column name (for sentences and tables).
    seasonal_period : int or None
        Periods per seasonal cycle used for STL.

    Results contract: ``summary()`` is the per-period table; ``describe(language)`` the sentences
    (latest change, signals, run rule and what was left out); ``table(language)`` the
    folded report table. ``table`` is also the per-period DataFrame itself (a
    :class:`~nps_research.results.ResultFrame`): ``trend.table["nps"]`` is a column,
    ``trend.table("nl")`` the report table.
    """

    table: pd.DataFrame = field()  # type: ignore[assignment]
    decomposition: pd.DataFrame | None
    freq: str
    by: str | None
    method: str
    confidence: float
    note_keys: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    run_length: int | None = 8
    window: int = 3
    labels: dict[str, str] = field(default_factory=dict)
    seasonal_period: int | None = None

    report_columns = ("period", "n", "nps", "ci_low", "ci_high", "change", "change_p_value", "lcl", "ucl",
                      "signal", "run_signal", "rolling_nps")

    def __post_init__(self) -> None:
        self.table = ResultFrame.of(self.table, self)

    def __repr__(self) -> str:
        return (f"NPSTrend(freq={self.freq!r}, by={self.by!r}, periods={self.table['period'].nunique()}, "
                f"decomposition={'yes' if self.decomposition is not None else 'no'})")

    def summary(self) -> pd.DataFrame:
        """The per-period table."""
        return self.table

    @property
    def notes(self) -> list[str]:
        """What was not done and why, in English (see :meth:`note_texts` for the report language)."""
        return self.note_texts("en")

    def note_texts(self, language: str = "en") -> list[str]:
        """What was not done and why (no STL with fewer than two cycles; answers without a date)."""
        return [t(key, language, **values) for key, values in self.note_keys]

    def describe(self, language: str = "en", alpha: float = 0.05) -> list[str]:
        """Sentences about the latest change, control-limit signals, the run rule and
        what was left out (see :func:`describe_trend`)."""
        return describe_trend(self, language, alpha) + self.note_texts(language)

    def report_table(self, language: str = "en", **kwargs: Any):
        """The per-period report table, folded (``detail=True``), periods written for the frequency
        (the contract's ``table(language)``, also reached as ``trend.table(language)``)."""
        from .tables import report_table

        columns = list(kwargs.pop("columns", None) or self.report_columns)
        if self.by is not None and self.by not in columns:
            columns.insert(0, self.by)
        kwargs.setdefault("freq", self.freq)
        kwargs.setdefault("detail", True)
        kwargs.setdefault("labels", self.labels)
        headers = {**interval_headers(self.confidence, language), **(kwargs.pop("headers", None) or {})}
        if "rolling_nps" in columns:
            headers.setdefault("rolling_nps", t("trends.rolling_header", language, window=Int(self.window)))
        kinds = {**({self.by: "category"} if self.by else {}), **(kwargs.pop("kinds", None) or {})}
        return report_table(pd.DataFrame(self.table).loc[:, columns], language=language, headers=headers,
                            kinds=kinds, **kwargs)


def control_limits(
    counts: pd.DataFrame, *, sigma: float = 3.0
) -> tuple[float, np.ndarray, np.ndarray]:
    """Centre line and control limits (NPS points) for the periods of one series.

    Parameters
    ----------
    counts : DataFrame
        Counts per period (``n_*`` and, when weighted, ``w_*``/``w2_*`` columns).
    sigma : float
        Width of the limits in standard errors.

    Returns
    -------
    center : float
        Pooled NPS of all periods.
    lcl, ucl : ndarray
        Lower and upper limits per period (NaN for empty periods).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"n_detractors": [20, 10], "n_passives": [30, 20], "n_promoters": [50, 20]})
    >>> center, lcl, ucl = control_limits(c)
    >>> round(center, 4), lcl.round(2).tolist(), ucl.round(2).tolist()
    (26.6667, [3.51, -6.07], [49.82, 59.41])
    """
    pooled = counts[[c for c in counts.columns if c.startswith(("n_", "w_", "w2_"))]].sum().to_frame().T
    mp = _moments(pooled)
    center = float(mp["nps"][0])
    s2 = float(mp["p"][0] + mp["d"][0] - center**2)
    n_eff = _moments(counts)["n_eff"]
    with np.errstate(invalid="ignore", divide="ignore"):
        half = sigma * np.sqrt(s2 / n_eff)
    half = np.where(n_eff > 0, half, np.nan)
    return 100 * center, np.clip(100 * (center - half), -100, 100), np.clip(100 * (center + half), -100, 100)


def _runs(side: np.ndarray, run_length: int) -> np.ndarray:
    """True where the point completes or extends a run of >= run_length points on one side."""
    out = np.zeros(len(side), dtype=bool)
    count = 0
    prev = 0
    for i, s in enumerate(side):
        if s != 0 and s == prev:
            count += 1
        elif s != 0:
            count = 1
        else:
            count = 0
        prev = s
        out[i] = s != 0 and count >= run_length
    return out


def _series_table(counts: pd.DataFrame, periods: pd.DatetimeIndex, *, method, confidence, sigma, run_length,
                  window, min_n) -> pd.DataFrame:
    count_cols = [c for c in counts.columns if c.startswith(("n_", "w_", "w2_"))]
    full = counts.set_index("period")[count_cols].reindex(periods, fill_value=0)
    full.index.name = "period"
    full = full.reset_index()
    for c in count_cols:
        full[c] = full[c].astype(counts[c].dtype)
    st = stats_from_counts(full, method=method, confidence=confidence)
    prev = full[count_cols].shift(1)
    test = diff_test_from_counts(full, prev.fillna(0), method=method, confidence=confidence)
    first = np.arange(len(full)) == 0
    st["change"] = np.where(first, np.nan, test["diff"])
    st["change_se"] = np.where(first, np.nan, test["diff_se"])
    st["change_p_value"] = np.where(first, np.nan, test["p_value"])
    center, lcl, ucl = control_limits(full, sigma=sigma)
    st["center"], st["lcl"], st["ucl"] = center, lcl, ucl
    nps = st["nps"].to_numpy()
    st["signal"] = (nps > ucl) | (nps < lcl)
    side = np.where(np.isnan(nps), 0, np.sign(np.round(nps - center, 10))).astype(int)
    st["run_signal"] = _runs(side, run_length) if run_length else False
    rolled = full[count_cols].rolling(window, min_periods=window).sum()
    has = rolled["n_detractors"].notna().to_numpy()
    roll = stats_from_counts(rolled.fillna(0), method=method, confidence=confidence)
    for src, dst in (("n", "rolling_n"), ("nps", "rolling_nps"), ("ci_low", "rolling_ci_low"),
                     ("ci_high", "rolling_ci_high")):  # fmt: skip
        st[dst] = np.where(has, roll[src], np.nan)
    st["rolling_n"] = st["rolling_n"].astype("Int64").where(has, pd.NA)
    st["small_n"] = st["n_eff"].fillna(0).to_numpy() < min_n
    return st


def _stl(series: pd.Series, period: int) -> pd.DataFrame:
    from statsmodels.tsa.seasonal import STL

    y = series.astype(float).interpolate(limit_direction="both")
    res = STL(y.to_numpy(), period=period, robust=True).fit()
    return pd.DataFrame(
        {"period": series.index, "observed": y.to_numpy(), "trend": res.trend, "seasonal": res.seasonal,
         "resid": res.resid}
    )  # fmt: skip


def nps_trend(
    data: Any,
    *,
    ltr: str = "ltr",
    date: str = "date",
    freq: str = "M",
    by: str | None = None,
    weights: str | None = None,
    method: str = "adjusted-wald",
    confidence: float = 0.95,
    sigma: float = 3.0,
    run_length: int | None = 8,
    window: int = 3,
    seasonal_period: int | None = None,
    min_n: int = 30,
    where: dict[str, Any] | None = None,
    breaks: Sequence[int] = DEFAULT_BREAKS,
    shifts: Any = None,
) -> NPSTrend:
    """NPS per period with intervals, period-on-period tests, control limits, rolling NPS and STL.

    Parameters
    ----------
    data : DataFrame, Study, path or ibis Table
        The responses (see :mod:`nps_research.engines`); dates are truncated to periods in the engine.
    ltr, date : str
        LTR and date columns.
    freq : str
        Period length: ``"D"``, ``"W"`` (weeks from Monday), ``"M"`` (also ``"ME"``/``"MS"``),
        ``"Q"``, ``"Y"``.
    by : str, optional
        One segment column: a separate series (own centre line, limits, STL) per segment.
    weights : str, optional
        Survey weight column; see :mod:`nps_research.segments` for the weighted standard errors.
    method, confidence
        Interval method and level (:func:`nps_research.nps.nps_ci_from_counts`).
    sigma : float
        Control limits at centre +- ``sigma`` standard errors (default 3).
    run_length : int or None
        Run rule: flag runs of at least this many periods on one side of the centre; None = off.
    window : int
        Rolling NPS over this many periods, from the pooled counts of the window.
    seasonal_period : int, optional
        Periods per seasonal cycle for STL; default from ``freq`` (:data:`SEASONAL_PERIODS`).
    min_n : int
        Periods with fewer answers are flagged ``small_n``.
    where : dict, optional
        Row filter applied in the engine.
    breaks : (int, int)
        Category cut-offs, as in :mod:`nps_research.nps` (default ``(6, 8)``: 0-6, 7-8, 9-10).
    shifts : LevelShifts, optional
        Level shifts of the same series (:func:`nps_research.change_points.level_shifts`): STL is fitted after
        removing them, so that a shift is not read as season or trend. Whether there *is* a seasonal pattern is
        that result's test, not the STL picture's.

    Returns
    -------
    NPSTrend
        ``table`` columns: [``by``], ``period``, counts, shares, ``nps``, ``se``, ``ci_low``,
        ``ci_high``, ``n_eff``, ``change`` (vs the previous period, points), ``change_se``,
        ``change_p_value``, ``center``, ``lcl``, ``ucl``, ``signal``, ``run_signal``,
        ``rolling_n``, ``rolling_nps``, ``rolling_ci_low``, ``rolling_ci_high``, ``small_n``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"date": pd.to_datetime(["2024-01-05", "2024-01-20", "2024-02-03", "2024-03-09"]),
    ...                    "ltr": [10, 3, 9, 8]})
    >>> tr = nps_trend(df, freq="M", window=2, min_n=1)
    >>> tr.table[["period", "n", "nps", "change", "rolling_nps"]]
          period  n    nps  change  rolling_nps
    0 2024-01-01  2    0.0     NaN          NaN
    1 2024-02-01  1  100.0   100.0    33.333333
    2 2024-03-01  1    0.0  -100.0    50.000000
    """
    code = normalize_freq(freq)
    if by is not None and not isinstance(by, str):
        raise ValueError("nps_trend takes one segment column (by='column'); call it once per column")
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window}")
    if not sigma > 0:
        raise ValueError(f"sigma (width of the control limits in standard errors) must be > 0, got {sigma!r}")
    keys = ("period",) if by is None else (by, "period")
    (counts,) = count_groups(data, ltr=ltr, groupings=[keys], weights=weights, date=date, freq=code, where=where,
                             breaks=breaks)
    valid = counts[[f"n_{c}" for c in CATEGORIES]].sum(axis=1)
    if counts.empty or valid.sum() == 0:
        raise StudyDataError(f"no valid answers in column '{ltr}' with a date in '{date}': no trend to compute")
    undated = counts.loc[counts["period"].isna(), [f"n_{c}" for c in CATEGORIES]].to_numpy().sum()
    counts = counts.loc[counts["period"].notna()]
    if counts[[f"n_{c}" for c in CATEGORIES]].to_numpy().sum() == 0:
        raise StudyDataError(f"no valid answers in column '{ltr}' have a date in '{date}': no trend to compute")
    periods = pd.date_range(counts["period"].min(), counts["period"].max(), freq=PANDAS_START_ALIAS[code])
    periods = periods.astype("datetime64[ns]")
    kw = dict(method=method, confidence=confidence, sigma=sigma, run_length=run_length, window=window, min_n=min_n)
    sp = seasonal_period if seasonal_period is not None else SEASONAL_PERIODS[code]
    labels = labels_of(data)
    notes: list[tuple[str, dict[str, Any]]] = []
    if undated:
        notes.append(("trends.note.undated", {"count": int(undated), "col": Label(date, labels)}))
    parts, decomp = [], []
    groups = [(None, counts)] if by is None else list(counts.groupby(by, dropna=False, sort=False))
    for key, part in groups:
        st = _series_table(part.drop(columns=[by]) if by else part, periods, **kw)
        label = None if by is None else (key[0] if isinstance(key, tuple) else key)
        if by is not None:
            st.insert(0, by, label)
        parts.append(st)
        if sp is None or sp < 2:
            continue
        observed = st.set_index("period")["nps"]
        if shifts is not None and by is None and len(shifts.shifts):
            level = shifts.series.set_index("period")["level"]
            step = (level - level.iloc[0]).reindex(observed.index).ffill().fillna(0.0)
            observed = observed - step
        if observed.notna().sum() < 2 * sp or len(observed) < 2 * sp:
            values = {"k": Int(len(observed)), "need": Int(2 * sp)}
            if by is None:
                notes.append(("trends.note.no_stl", values))
            else:
                notes.append(("trends.note.no_stl_seg", {**values, "col": Label(by, labels), "seg": str(label)}))
            continue
        d = _stl(observed, sp)
        if by is not None:
            d.insert(0, by, label)
        decomp.append(d)
    table = pd.concat(parts, ignore_index=True)
    if by is not None:
        table[by] = table[by].astype(counts[by].dtype)
    order = ([by] if by else []) + ["period"]
    front = order + ["n", "n_missing"] + [f"n_{c}" for c in CATEGORIES]
    rest = [c for c in table.columns if c not in front and not c.startswith(("w_", "w2_"))]
    weight_cols = [c for c in table.columns if c.startswith(("w_", "w2_"))]
    table = table[front + rest + weight_cols]
    decomposition = pd.concat(decomp, ignore_index=True) if decomp else None
    if decomposition is not None and shifts is not None and by is None and len(shifts.shifts):
        decomposition.attrs["shifts_removed"] = True  # STL of the NPS with the level shifts taken out
    if sp is None:
        notes.append(("trends.note.no_stl_freq", {}))
    return NPSTrend(table=table, decomposition=decomposition, freq=code, by=by, method=method,
                    confidence=confidence, note_keys=notes, run_length=run_length, window=window,
                    labels=labels, seasonal_period=sp)  # fmt: skip


def _latest_change(tab: pd.DataFrame, trend: NPSTrend, alpha: float) -> tuple[str, dict[str, Any]] | None:
    """Key (up / down / flat) and values of the change between the last two periods with answers."""
    tab = tab.loc[tab["n"] > 0].reset_index(drop=True)
    if len(tab) < 2:
        return None
    a, b = tab.iloc[-2], tab.iloc[-1]
    test = diff_test_from_counts(tab.iloc[[-1]].reset_index(drop=True), tab.iloc[[-2]].reset_index(drop=True),
                                 method=trend.method, confidence=trend.confidence)
    p = float(test["p_value"].iloc[0])
    key = "flat" if not p < alpha else ("up" if b["nps"] > a["nps"] else "down")
    return key, dict(a=Points(a["nps"]), b=Points(b["nps"]), pa=Period(a["period"], trend.freq),
                     pb=Period(b["period"], trend.freq), p=P(p, "p"))


def _stretches(periods: pd.Series, flags: np.ndarray, freq: str, language: str) -> list[str]:
    """Consecutive flagged periods as ``jan 2024 to aug 2024`` (a single period as itself)."""
    out, start = [], None
    values = list(periods)
    for i, flag in enumerate(list(flags) + [False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            first, last = values[start], values[i - 1]
            out.append(Period(first, freq).format(language) if start == i - 1 else
                       t("trends.stretch", language, start=Period(first, freq), end=Period(last, freq)))
            start = None
    return out


def describe_trend(trend: NPSTrend, language: str = "en", alpha: float = 0.05) -> list[str]:
    """Sentences about the latest change, control-limit signals and the run rule of a trend (seasonality is
    tested by :func:`nps_research.change_points.level_shifts`, not read from STL).

    For an overall trend: is the change between the last two periods with answers significant, which
    periods fall outside the control limits and which periods the run rule flags. For a trend per segment (``by=``): the latest change and the signals of each
    segment. Periods are written for the frequency (``jan 2025``, ``2025 K1``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"date": pd.to_datetime(["2024-01-15"] * 100 + ["2024-02-15"] * 100),
    ...                    "ltr": [10] * 30 + [3] * 40 + [8] * 30 + [10] * 60 + [3] * 20 + [8] * 20})
    >>> print(describe_trend(nps_trend(df, freq="M"))[0])
    The NPS rose significantly from -10.0 in Jan 2024 to +40.0 in Feb 2024 (p < 0.001).
    >>> print(describe_trend(nps_trend(df, freq="M"), "nl")[0])
    De NPS steeg significant van -10,0 in jan 2024 naar +40,0 in feb 2024 (p < 0,001).
    """
    out: list[str] = []
    if trend.by is not None:
        for key, part in trend.table.groupby(trend.by, sort=False, dropna=False):
            seg = dict(col=Label(trend.by, trend.labels), seg=segment_value(key, language))
            change = _latest_change(part, trend, alpha)
            if change is not None:
                out.append(t(f"trends.seg_{change[0]}", language, **seg, **change[1]))
            sig = part.loc[part["signal"].astype(bool) & (part["n"] > 0)]
            if len(sig):
                which = Words([t("trends.period_nps", language, period=Period(r.period, trend.freq),
                                 nps=Points(r.nps)) for r in sig.itertuples()])
                out.append(t("trends.seg_signals", language, count=len(sig), which=which, **seg))
        return out
    tab = trend.table.loc[trend.table["n"] > 0].reset_index(drop=True)
    change = _latest_change(tab, trend, alpha)
    if change is not None:
        out.append(t(f"trends.{change[0]}", language, **change[1]))
    sig = tab.loc[tab["signal"].astype(bool)]
    if len(sig):
        which = Words([t("trends.period_nps", language, period=Period(r.period, trend.freq), nps=Points(r.nps))
                       for r in sig.itertuples()])
        out.append(t("trends.signals", language, count=len(sig), which=which))
    else:
        out.append(t("trends.no_signals", language, c=Points(float(tab["center"].iloc[0]))))
    runs = trend.table["run_signal"].astype(bool).to_numpy()
    if trend.run_length and runs.any():
        stretches = _stretches(trend.table["period"], runs, trend.freq, language)
        out.append(t("trends.runs", language, which=Words(stretches), r=Int(trend.run_length)))
    return out
