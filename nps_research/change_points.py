"""Level shifts in an NPS series, seasonality only when tested, and pooled comparisons that can see something.

Model
-----
Per period :math:`t` (periods with answers only) the NPS :math:`x_t` (points) is modelled as

.. math:: x_t = \\mu_{s(t)} + \\gamma_{m(t)} + e_t, \\qquad e_t \\sim N(0, v_t + \\tau^2)

with a level :math:`\\mu` per stretch between level shifts, optional season effects :math:`\\gamma` (month of
the year, quarter, ...; they sum to zero), the sampling variance :math:`v_t = 10^4 \\sigma^2 / n_t` of the
period's NPS (:math:`\\sigma^2 = p + d - (p - d)^2` from the pooled promoter and detractor shares, :math:`n_t`
Kish's effective n when weighted) and a between-period variance :math:`\\tau^2 \\ge 0` for variation that
sampling does not explain (estimated by the Paule-Mandel equation on the residuals; 0 when the counts explain
the spread). The NPS is the mean of a score in {-1, 0, 1}, so with 100 answers or more a period's NPS is close to
normal; the promoter / detractor multinomial enters through :math:`\\sigma^2`.

Level shifts (binary segmentation)
----------------------------------
Within a stretch the largest weighted two-sample statistic :math:`z_k^2` over every split ``k`` that leaves at
least ``min_size`` periods on each side is compared with its distribution under "no shift", simulated from the
same weights (``n_sim`` draws; the search over all splits is part of the null, so ``alpha`` is the chance of a
false shift in a series without one). A significant split is accepted and both sides are searched again, up to
``max_shifts``. The period of a shift has an interval: every split whose statistic is within the 95 % quantile
of :math:`\\chi^2_1` of the largest. With season effects the search runs on the series with the season effects
removed, and shifts, season and :math:`\\tau^2` are re-estimated until they agree (at most five rounds).

Seasonality
-----------
Season effects are tested (Wald :math:`\\chi^2` with one degree of freedom less than the season length) against
the model with the levels only, and only with at least two full cycles; otherwise there are too few cycles to
speak of seasonality. Their size is the range of the effects (strongest minus weakest period of the cycle).

Simulation checks are in ``tests/trends/test_change_points.py`` (false alarms on series without a shift at or
below ``alpha``; a 10-point shift at n = 200 a period found within one period; the demo's planted shift found at
its date; seasonality found in the demo and not claimed without it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .engines import CATEGORIES
from .inputs import DEFAULT_BREAKS
from .results import Result
from .segments import _moments, diff_test_from_counts
from .text import Int, Level, P, Period, Points, Sig, t

__all__ = ["POOLED_WINDOW", "LevelShifts", "change_points", "describe_pooled", "level_shifts", "pooled_comparison",
           "pooled_findings", "shifts_from_series"]

#: Periods pooled at each end by :func:`pooled_comparison`, by frequency (a quarter of months, ...).
POOLED_WINDOW = {"D": 28, "W": 13, "M": 3, "Q": 2, "Y": 1}

_COUNTS = [f"n_{c}" for c in CATEGORIES]
_CHI2_1 = float(stats.chi2.ppf(0.95, 1))


def _split_stats(x: np.ndarray, w: np.ndarray, min_size: int) -> np.ndarray:
    """Weighted two-sample z^2 for every split k (left size k, min_size <= k <= m - min_size); ``x`` and ``w``
    may carry leading simulation axes."""
    m = x.shape[-1]
    cw, cwx = np.cumsum(w, axis=-1), np.cumsum(w * x, axis=-1)
    k = np.arange(min_size, m - min_size + 1)
    wl, sl = cw[..., k - 1], cwx[..., k - 1]
    wt, st = cw[..., -1:], cwx[..., -1:]
    wr, sr = wt - wl, st - sl
    return (sl / wl - sr / wr) ** 2 / (1 / wl + 1 / wr)


def _forward(x, w, base, min_size, alpha, max_shifts, n_sim, seed):
    """Forward selection of level shifts on top of the design ``base`` (intercept, season effects): at each step
    the largest score statistic of a step at any allowed period, against its simulated null maximum."""
    m = len(x)
    cuts: list[int] = []
    info: dict[int, tuple[float, float, np.ndarray]] = {}
    while len(cuts) < max_shifts:
        cand = np.array([k for k in range(min_size, m - min_size + 1) if all(abs(k - c) >= min_size for c in cuts)])
        if len(cand) == 0:
            break
        X = np.column_stack([base] + [(np.arange(m) >= c).astype(float) for c in cuts])
        A = np.linalg.pinv((X * w[:, None]).T @ X)
        H = X @ A @ (X * w[:, None]).T  # weighted projection on the current model
        C = (np.arange(m)[:, None] >= cand[None, :]).astype(float)
        Ct = C - H @ C
        denom = np.sum(w[:, None] * Ct**2, axis=0)
        ok = denom > 1e-12
        if not ok.any():
            break
        r = x - H @ x
        stat = np.where(ok, (Ct.T @ (w * r)) ** 2 / np.where(ok, denom, 1), 0.0)
        rng = np.random.default_rng([seed, len(cuts), m])
        Y = rng.standard_normal((n_sim, m)) / np.sqrt(w)
        R = Y - Y @ H.T
        null = np.where(ok, ((R * w) @ Ct) ** 2 / np.where(ok, denom, 1), 0.0).max(axis=1)
        best = int(np.argmax(stat))
        p = float((1 + np.sum(null >= stat[best])) / (n_sim + 1))
        if not p < alpha:
            break
        k = int(cand[best])
        cuts.append(k)
        info[k] = (float(stat[best]), p, cand[stat >= stat[best] - _CHI2_1])
    return _refine(x, w, base, sorted(cuts), info, min_size)


def _rss(x, w, X):
    beta, _ = _wls(x, X, w)
    return float(np.sum(w * (x - X @ beta) ** 2))


def _refine(x, w, base, cuts, info, min_size):
    """Each shift moved to its best period given the others (forward selection places early shifts where
    later ones would have explained part of the series)."""
    m = len(x)
    cuts = list(cuts)
    for _ in range(3):
        moved = False
        for i, c in enumerate(cuts):
            others = cuts[:i] + cuts[i + 1:]
            lo = max([o + min_size for o in others if o < c], default=min_size)
            hi = min([o - min_size for o in others if o > c], default=m - min_size)
            steps = [(np.arange(m) >= o).astype(float) for o in others]
            best, best_rss = c, None
            for k in range(lo, hi + 1):
                rss = _rss(x, w, np.column_stack([base, *steps, (np.arange(m) >= k).astype(float)]))
                if best_rss is None or rss < best_rss - 1e-9:
                    best, best_rss = k, rss
            if best != c:
                stat, p, _ = info.pop(c)
                steps_all = np.column_stack([base, *steps])
                r0 = _rss(x, w, steps_all)
                prof = np.array([r0 - _rss(x, w, np.column_stack([steps_all, (np.arange(m) >= k).astype(float)]))
                                 for k in range(lo, hi + 1)])
                plausible = np.arange(lo, hi + 1)[prof >= prof.max() - _CHI2_1]
                info[best] = (stat, p, plausible)
                cuts[i] = best
                moved = True
        if not moved:
            break
    return sorted(cuts), info


def _segments(m: int, cuts: Sequence[int]) -> np.ndarray:
    seg = np.zeros(m, dtype=int)
    for c in sorted(cuts):
        seg[c:] += 1
    return seg


def _design(seg: np.ndarray, season: np.ndarray | None, sp: int | None) -> np.ndarray:
    X = np.eye(seg.max() + 1)[seg]
    if season is not None:
        S = np.zeros((len(seg), sp - 1))  # sum-to-zero contrasts: the last season is minus the others
        for j in range(sp - 1):
            S[:, j] = (season == j).astype(float) - (season == sp - 1).astype(float)
        X = np.column_stack([X, S])
    return X


def _wls(x, X, w):
    sw = np.sqrt(w)
    beta, *_ = np.linalg.lstsq(X * sw[:, None], x * sw, rcond=None)
    cov = np.linalg.pinv((X * w[:, None]).T @ X)
    return beta, cov


def _tau2(x, X, v):
    """Paule-Mandel between-period variance: sum r^2 / (v + tau2) = m - p (0 when the counts explain it)."""
    dof = len(x) - np.linalg.matrix_rank(X)
    if dof <= 0:
        return 0.0

    def excess(tau2):
        w = 1 / (v + tau2)
        beta, _ = _wls(x, X, w)
        return float(np.sum(w * (x - X @ beta) ** 2)) - dof

    if excess(0.0) <= 0:
        return 0.0
    lo, hi = 0.0, float(np.var(x)) + 1.0
    while excess(hi) > 0:
        hi *= 2
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if excess(mid) > 0 else (lo, mid)
    return (lo + hi) / 2


@dataclass
class _Fit:
    cuts: list[int]
    info: dict[int, tuple[float, float, np.ndarray]]
    seasonal: bool
    season_p: float | None
    season_stat: float | None
    season_effects: np.ndarray | None
    tau2: float
    beta: np.ndarray
    cov: np.ndarray
    cycles: int


def shifts_from_series(x: Sequence[float], v: Sequence[float], *, season: Sequence[int] | None = None,
                       seasonal_period: int | None = None, alpha: float = 0.05, min_size: int = 3,
                       max_shifts: int = 5, n_sim: int = 2000, seed: int = 0) -> _Fit:
    """Level shifts (and tested season effects) of a series ``x`` with sampling variances ``v``.

    ``season`` gives each value's position in the cycle (0 .. ``seasonal_period`` - 1); without it, or with fewer
    than two full cycles, no season effects are tested. Returns the fitted model (``cuts``: the index of the
    first value after each shift).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> x = np.r_[np.full(12, 10.0), np.full(12, -5.0)] + rng.normal(0, 3, 24)
    >>> shifts_from_series(x, np.full(24, 9.0)).cuts
    [12]
    """
    x, v = np.asarray(x, float), np.asarray(v, float)
    m = len(x)
    season_a = None if season is None else np.asarray(season, int)
    cycles = 0
    if season_a is not None and seasonal_period and seasonal_period >= 2:
        counts = np.bincount(season_a, minlength=seasonal_period)
        cycles = int(counts.min())
    testable = cycles >= 2 and m >= 2 * seasonal_period
    ones = np.ones((m, 1))

    def season_test(cuts, tau2):
        seg = _segments(m, cuts)
        X1 = _design(seg, season_a, seasonal_period)
        beta, cov = _wls(x, X1, 1 / (v + tau2))
        g, cg = beta[seg.max() + 1:], cov[seg.max() + 1:, seg.max() + 1:]
        stat = float(g @ np.linalg.solve(cg, g))
        return stat, float(stats.chi2.sf(stat, seasonal_period - 1))

    cuts: list[int] = []
    info: dict[int, tuple[float, float, np.ndarray]] = {}
    tau2, season_p, season_stat, seasonal = 0.0, None, None, False
    if testable:
        season_stat, season_p = season_test([], 0.0)
        seasonal = season_p < alpha
    for _ in range(6):
        base = _design(np.zeros(m, int), season_a, seasonal_period) if seasonal else ones
        new_cuts, info = _forward(x, 1 / (v + tau2), base, min_size, alpha, max_shifts, n_sim, seed)
        seg = _segments(m, new_cuts)
        X = _design(seg, season_a, seasonal_period) if seasonal else _design(seg, None, None)
        new_tau2 = _tau2(x, X, v)
        new_seasonal = seasonal
        if testable:
            season_stat, season_p = season_test(new_cuts, new_tau2)
            new_seasonal = season_p < alpha
        stable = new_cuts == cuts and new_seasonal == seasonal and abs(new_tau2 - tau2) <= 1e-6 * (1 + tau2)
        cuts, tau2, seasonal = new_cuts, new_tau2, new_seasonal
        if stable:
            break
    seg = _segments(m, cuts)
    X = _design(seg, season_a, seasonal_period) if seasonal else _design(seg, None, None)
    beta, cov = _wls(x, X, 1 / (v + tau2))
    effects = None
    if seasonal:
        g = beta[seg.max() + 1:]
        effects = np.r_[g, -g.sum()]
    return _Fit(cuts=cuts, info=info, seasonal=seasonal, season_p=season_p, season_stat=season_stat,
                season_effects=effects, tau2=tau2, beta=beta, cov=cov, cycles=cycles)


def _season_index(periods: pd.Series, freq: str, sp: int | None) -> np.ndarray | None:
    if sp is None:
        return None
    p = pd.DatetimeIndex(periods)
    if freq == "M" and sp == 12:
        return (p.month - 1).to_numpy()
    if freq == "Q" and sp == 4:
        return (p.quarter - 1).to_numpy()
    if freq == "W" and sp == 52:
        return np.minimum(p.isocalendar().week.to_numpy().astype(int) - 1, 51)
    if freq == "D" and sp == 7:
        return p.dayofweek.to_numpy()
    return np.arange(len(p)) % sp


@dataclass(repr=False)
class LevelShifts(Result):
    """Result of :func:`level_shifts`: the shifts (``table``), the series and the season test.

    ``shifts`` (also ``summary()``): one row per shift with ``period`` (first period at the new level),
    ``period_low`` / ``period_high`` (the periods where the shift plausibly happened), ``n_before``,
    ``nps_before``, ``n_after``, ``nps_after`` (pooled over the stretches on either side), ``diff`` (the change
    of level, season-adjusted when season effects are in the model), ``ci_low``, ``ci_high``, ``p_value``
    (allowing for the search over every period), ``statistic``.
    """

    shifts: pd.DataFrame
    series: pd.DataFrame
    freq: str
    alpha: float
    seasonal_period: int | None
    cycles: int
    seasonal: bool
    season_p: float | None
    season_range: float | None
    tau2: float
    confidence: float
    labels: dict[str, str] = field(default_factory=dict)

    def summary(self) -> pd.DataFrame:
        return self.shifts

    def table(self, language: str = "en", **kwargs: Any):
        from .tables import report_table

        kwargs.setdefault("headers", {"diff": t("shifts.level_change_header", language)})
        kwargs.setdefault("kinds", {"diff": "points"})
        return report_table(self.shifts, columns=["period", "period_low", "period_high", "n_before", "nps_before",
                                                 "n_after", "nps_after", "diff", "ci_low", "ci_high", "p_value"],
                            language=language, freq=self.freq, **kwargs)

    @property
    def testable_season(self) -> bool:
        return self.season_p is not None

    def describe(self, language: str = "en") -> list[str]:
        """Sentences: each level shift (or that there is none), and the season test (or why there is none)."""
        out = []
        level = Level(self.confidence)
        if self.shifts.empty:
            out.append(t("shifts.none", language, k=Int(len(self.series)), alpha=Sig(self.alpha)))
        for r in self.shifts.itertuples():
            key = "shifts.up" if r.diff > 0 else "shifts.down"
            where = (t("shifts.where_exact", language, period=Period(r.period, self.freq))
                     if r.period_low == r.period_high else
                     t("shifts.where_between", language, low=Period(r.period_low, self.freq),
                       high=Period(r.period_high, self.freq)))
            out.append(t(key, language, period=Period(r.period, self.freq), where=where,
                         before=Points(r.nps_before), after=Points(r.nps_after), nb=Int(r.n_before),
                         na=Int(r.n_after), diff=Points(abs(r.diff), sign=False), low=Points(r.ci_low), high=Points(r.ci_high),
                         level=level, p=P(r.p_value, "p"),
                         adjusted=t("shifts.adjusted", language) if self.seasonal else ""))
        if self.seasonal_period is None:
            return out
        if not self.testable_season:
            out.append(t("shifts.season_too_few", language, k=Int(self.cycles), sp=Int(self.seasonal_period)))
        elif self.seasonal:
            out.append(t("shifts.season_yes", language, range=Points(self.season_range, sign=False),
                         p=P(self.season_p, "p"), k=Int(self.cycles)))
        else:
            out.append(t("shifts.season_no", language, p=P(self.season_p, "p"), k=Int(self.cycles)))
        return out

    def findings(self, page: str | None = None) -> list:
        """Each level shift and a tested seasonal pattern, as findings."""
        from .findings import IMPORTANCE, Finding, change_class

        out = []
        for r in self.shifts.itertuples():
            status = change_class(float(r.diff), float(r.p_value))
            out.append(Finding.make(
                "trends", f"shift_{pd.Timestamp(r.period):%Y-%m-%d}",
                "shifts.finding_up" if r.diff > 0 else "shifts.finding_down",
                numbers={"period": str(pd.Timestamp(r.period).date()), "nps_before": float(r.nps_before),
                         "nps_after": float(r.nps_after), "diff": float(r.diff), "ci_low": float(r.ci_low),
                         "ci_high": float(r.ci_high), "n_before": int(r.n_before), "n_after": int(r.n_after)},
                test="binary segmentation, simulated max-statistic", p_value=float(r.p_value), size=float(r.diff),
                status=status, importance=IMPORTANCE["trend.shift"] + min(abs(float(r.diff)), 27) / 3,
                page=page, period=Period(r.period, self.freq), before=Points(r.nps_before),
                after=Points(r.nps_after), diff=Points(abs(r.diff), sign=False), p=P(r.p_value, "p")))
        if self.seasonal:
            out.append(Finding.make(
                "trends", "seasonality", "shifts.finding_season",
                numbers={"range": float(self.season_range), "cycles": int(self.cycles)},
                test="Wald chi-square of season effects", p_value=float(self.season_p),
                size=float(self.season_range), status="tested", importance=IMPORTANCE["trend.season"],
                page=page, range=Points(self.season_range, sign=False), p=P(self.season_p, "p")))
        return out


def level_shifts(
    data: Any,
    *,
    ltr: str = "ltr",
    date: str = "date",
    freq: str = "M",
    weights: str | None = None,
    where: dict[str, Any] | None = None,
    alpha: float = 0.05,
    min_size: int = 3,
    max_shifts: int = 5,
    seasonal_period: int | None = None,
    confidence: float = 0.95,
    method: str = "adjusted-wald",
    n_sim: int = 2000,
    seed: int = 0,
    breaks: Sequence[int] = DEFAULT_BREAKS,
) -> LevelShifts:
    """Level shifts in the NPS per period, with season effects tested alongside (module docstring).

    Parameters
    ----------
    data : DataFrame, Study, path or ibis Table
        The responses; counting per period runs in the data's engine.
    ltr, date, freq, weights, where, breaks
        As in :func:`nps_research.trends.nps_trend`.
    alpha : float
        Chance of a false shift in a series without one (and the level of the season test).
    min_size : int
        Fewest periods with answers on either side of a shift.
    max_shifts : int
        Most shifts reported.
    seasonal_period : int, optional
        Periods per cycle (default: 12 for months, 4 for quarters, 52 for weeks, 7 for days).
    confidence : float
        Level of the intervals of the level changes.
    n_sim, seed
        Simulations of the null distribution of the largest split statistic, and their seed.

    Returns
    -------
    LevelShifts
    """
    from .trends import SEASONAL_PERIODS, nps_trend

    trend = nps_trend(data, ltr=ltr, date=date, freq=freq, weights=weights, where=where, method=method,
                      confidence=confidence, run_length=None, window=1, seasonal_period=1, min_n=0, breaks=breaks)
    tab = trend.table.loc[trend.table["n"] > 0].reset_index(drop=True)
    code = trend.freq
    sp = seasonal_period if seasonal_period is not None else SEASONAL_PERIODS[code]
    count_cols = [c for c in tab.columns if c.startswith(("n_", "w_", "w2_")) and c != "n_missing"]
    mom = _moments(tab[count_cols])
    pooled = _moments(tab[count_cols].sum().to_frame().T)
    sigma2 = float(pooled["p"][0] + pooled["d"][0] - pooled["nps"][0] ** 2)
    x = 100 * mom["nps"]
    v = 1e4 * sigma2 / mom["n_eff"]
    season = _season_index(tab["period"], code, sp)
    fit = shifts_from_series(x, v, season=season, seasonal_period=sp, alpha=alpha, min_size=min_size,
                             max_shifts=max_shifts, n_sim=n_sim, seed=seed)
    seg = _segments(len(x), fit.cuts)
    z = stats.norm.ppf(0.5 + confidence / 2)
    rows = []
    for j, c in enumerate(fit.cuts):
        stat, p, plausible = fit.info[c]
        before = tab.loc[seg == j, count_cols].sum().to_frame().T.reset_index(drop=True)
        after = tab.loc[seg == j + 1, count_cols].sum().to_frame().T.reset_index(drop=True)
        mb, ma = _moments(before), _moments(after)
        diff = float(fit.beta[j + 1] - fit.beta[j])
        se = float(np.sqrt(fit.cov[j + 1, j + 1] + fit.cov[j, j] - 2 * fit.cov[j, j + 1]))
        rows.append({"period": tab["period"].iloc[c], "period_low": tab["period"].iloc[int(plausible.min())],
                     "period_high": tab["period"].iloc[int(plausible.max())],
                     "n_before": int(mb["n"][0]), "nps_before": 100 * float(mb["nps"][0]),
                     "n_after": int(ma["n"][0]), "nps_after": 100 * float(ma["nps"][0]),
                     "diff": diff, "se": se, "ci_low": diff - z * se, "ci_high": diff + z * se,
                     "p_value": p, "statistic": stat})
    cols = ["period", "period_low", "period_high", "n_before", "nps_before", "n_after", "nps_after", "diff", "se",
            "ci_low", "ci_high", "p_value", "statistic"]
    table = pd.DataFrame(rows, columns=cols)
    series = pd.DataFrame({"period": tab["period"], "n": tab["n"], "n_eff": mom["n_eff"], "nps": x,
                           "level": fit.beta[seg], "segment": seg})
    if fit.seasonal:
        series["season"] = fit.season_effects[season]
    season_range = (float(fit.season_effects.max() - fit.season_effects.min())
                    if fit.season_effects is not None else None)
    return LevelShifts(shifts=table, series=series, freq=code, alpha=alpha, seasonal_period=sp, cycles=fit.cycles,
                       seasonal=fit.seasonal, season_p=fit.season_p, season_range=season_range, tau2=fit.tau2,
                       confidence=confidence, labels=trend.labels)


def change_points(data: Any, *, ltr: str = "ltr", date: str = "date", freq: str = "M", weights: str | None = None,
                  where: dict[str, Any] | None = None, **kwargs: Any) -> pd.DataFrame:
    """One row per detected level shift (an empty frame when there is none): ``period, nps_before, nps_after,
    diff, ci_low, ci_high, p_value`` and more (:class:`LevelShifts`); the whole result is :func:`level_shifts`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> months = np.repeat(pd.date_range("2023-01-01", periods=24, freq="MS"), 300)
    >>> p_prom = np.where(months < pd.Timestamp("2024-01-01"), 0.45, 0.30)
    >>> u = rng.random(len(months))
    >>> ltr = np.where(u < p_prom, 10, np.where(u < p_prom + 0.3, 8, 4))
    >>> cp = change_points(pd.DataFrame({"date": months, "ltr": ltr}), seasonal_period=1)
    >>> str(cp["period"].iloc[0].date()), cp[["nps_before", "nps_after"]].round(1).iloc[0].tolist()
    ('2024-01-01', [20.6, -9.6])
    """
    return level_shifts(data, ltr=ltr, date=date, freq=freq, weights=weights, where=where, **kwargs).shifts


def pooled_comparison(data: Any, *, ltr: str = "ltr", date: str = "date", freq: str = "M", window: int | None = None,
                      weights: str | None = None, where: dict[str, Any] | None = None,
                      method: str = "adjusted-wald", confidence: float = 0.95, power: float = 0.8,
                      breaks: Sequence[int] = DEFAULT_BREAKS) -> pd.DataFrame:
    """The last ``window`` periods with answers (default :data:`POOLED_WINDOW`: a quarter of months) against
    the first ``window`` (the baseline), pooled, with the
    test of the difference and the smallest change these n can detect (two-sided, at ``1 - confidence``, with
    ``power``).

    Returns
    -------
    DataFrame
        One row: ``baseline_start, baseline_end, n_baseline, nps_baseline, recent_start, recent_end, n_recent,
        nps_recent, diff, ci_low, ci_high, p_value, detectable``.
    """
    from .trends import nps_trend

    trend = nps_trend(data, ltr=ltr, date=date, freq=freq, weights=weights, where=where, method=method,
                      confidence=confidence, run_length=None, window=1, seasonal_period=1, min_n=0, breaks=breaks)
    tab = trend.table.loc[trend.table["n"] > 0].reset_index(drop=True)
    window = POOLED_WINDOW.get(trend.freq, 1) if window is None else int(window)
    if len(tab) < 2 * window:
        return pd.DataFrame()
    count_cols = [c for c in tab.columns if c.startswith(("n_", "w_", "w2_")) and c != "n_missing"]
    a = tab.iloc[:window][count_cols].sum().to_frame().T.reset_index(drop=True)
    b = tab.iloc[-window:][count_cols].sum().to_frame().T.reset_index(drop=True)
    test = diff_test_from_counts(b, a, method=method, confidence=confidence)
    ma, mb = _moments(a), _moments(b)
    se = float(test["diff_se"].iloc[0])
    detectable = (stats.norm.ppf(0.5 + confidence / 2) + stats.norm.ppf(power)) * se
    out = pd.DataFrame([{
        "baseline_start": tab["period"].iloc[0], "baseline_end": tab["period"].iloc[window - 1],
        "n_baseline": int(ma["n"][0]), "nps_baseline": 100 * float(ma["nps"][0]),
        "recent_start": tab["period"].iloc[-window], "recent_end": tab["period"].iloc[-1],
        "n_recent": int(mb["n"][0]), "nps_recent": 100 * float(mb["nps"][0]),
        "diff": float(test["diff"].iloc[0]), "ci_low": float(test["diff_ci_low"].iloc[0]),
        "ci_high": float(test["diff_ci_high"].iloc[0]), "p_value": float(test["p_value"].iloc[0]),
        "detectable": float(detectable), "window": window}])
    out.attrs["freq"] = trend.freq
    return out


def describe_pooled(pooled: pd.DataFrame, language: str = "en", alpha: float = 0.05) -> list[str]:
    """The sentence of a :func:`pooled_comparison`: higher, lower, or not a significant change with the
    smallest change these n could detect (empty when there were too few periods)."""
    if pooled.empty:
        return []
    r = pooled.iloc[0]
    freq = pooled.attrs.get("freq", "M")
    key = "pooled.flat" if not r["p_value"] < alpha else ("pooled.up" if r["diff"] > 0 else "pooled.down")
    return [t(key, language, w=Int(r["window"]), recent_start=Period(r["recent_start"], freq),
              recent_end=Period(r["recent_end"], freq), recent=Points(r["nps_recent"]), nr=Int(r["n_recent"]),
              base_start=Period(r["baseline_start"], freq), base_end=Period(r["baseline_end"], freq),
              base=Points(r["nps_baseline"]), nb=Int(r["n_baseline"]), diff=Points(r["diff"]),
              p=P(r["p_value"], "p"), mde=Points(r["detectable"], sign=False))]


def pooled_findings(pooled: pd.DataFrame, *, page: str | None = None, alpha: float = 0.05) -> list:
    """The NPS of the last window against the baseline window as a finding (a change only when significant;
    small below 3 points)."""
    from .findings import IMPORTANCE, Finding, change_class

    if pooled.empty:
        return []
    r = pooled.iloc[0]
    status = change_class(float(r["diff"]), float(r["p_value"]), alpha=alpha)
    importance = {"material": IMPORTANCE["nps.change"], "small": IMPORTANCE["nps.small_change"]}.get(
        status, IMPORTANCE["detail"])
    return [Finding.make(
        "nps", "change_vs_baseline", "pooled.finding" if status != "none" else "pooled.finding_none",
        numbers={"nps_recent": float(r["nps_recent"]), "nps_baseline": float(r["nps_baseline"]),
                 "diff": float(r["diff"]), "ci_low": float(r["ci_low"]), "ci_high": float(r["ci_high"]),
                 "detectable": float(r["detectable"])},
        test="two-sample z-test of pooled windows", p_value=float(r["p_value"]), size=float(r["diff"]),
        status=status, importance=importance, page=page, recent=Points(r["nps_recent"]),
        base=Points(r["nps_baseline"]), diff=Points(r["diff"]), w=Int(r["window"]), p=P(r["p_value"], "p"))]
