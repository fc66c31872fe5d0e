"""Level shifts found and named, seasonality only when tested (issue 11 items 1-3), on series from a small
independent generator (multinomial counts per month, written here) and on the demo's planted truth."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from nps_research.change_points import change_points, level_shifts, pooled_comparison

ROOT = Path(__file__).resolve().parents[2]


def monthly(rng, months, *, n=None, shift=0.0, at=None, season=0.0, start="2021-01-01"):
    """Answers per month: detractors (score 3), passives (7), promoters (10) drawn from a multinomial whose NPS
    is 15 + a cosine season of amplitude ``season`` + ``shift`` from month index ``at`` on."""
    sizes = rng.integers(100, 1001, months) if n is None else np.full(months, n)
    frames = []
    for i, (period, k) in enumerate(zip(pd.date_range(start, periods=months, freq="MS"), sizes)):
        effect = season * np.cos(2 * np.pi * (period.month - 1) / 12) + (shift if at is not None and i >= at else 0)
        prom, det = 0.40 + effect / 200, 0.25 - effect / 200
        c = rng.multinomial(k, [det, 1 - prom - det, prom])
        frames.append(pd.DataFrame({"date": period + pd.Timedelta(days=3), "ltr": np.repeat([3, 7, 10], c)}))
    return pd.concat(frames, ignore_index=True)


@pytest.mark.slow
def test_series_without_a_shift_rarely_get_one():
    rng = np.random.default_rng(2026)
    runs = [level_shifts(monthly(rng, int(rng.integers(24, 49))), n_sim=500) for _ in range(150)]
    false_shift = np.mean([len(r.shifts) > 0 for r in runs])
    false_season = np.mean([r.seasonal for r in runs])
    tolerance = 2 * np.sqrt(0.05 * 0.95 / 150)  # Monte Carlo error of 150 series
    assert false_shift <= 0.05 + tolerance
    assert false_season <= 0.05 + tolerance


@pytest.mark.slow
def test_a_ten_point_shift_at_200_answers_a_month_is_found_near_its_month():
    rng = np.random.default_rng(11)
    found, near, sizes = 0, 0, []
    for _ in range(40):
        r = level_shifts(monthly(rng, 36, n=200, shift=-10, at=18), n_sim=500)
        found += len(r.shifts) > 0
        hits = [p for p in r.shifts["period"] if abs((pd.Timestamp(p).to_period("M") - pd.Period("2022-07", "M")).n) <= 1]
        near += bool(hits)
        sizes += list(r.shifts["diff"])
    assert found >= 36  # 90 %
    assert near >= 26   # two thirds within one month of the truth
    assert np.median(sizes) == pytest.approx(-10, abs=2.5)


def test_the_demo_level_shift_is_found_at_its_date_and_named():
    import nps_research as nr

    truth = json.loads((ROOT / "data" / "demo" / "truth.json").read_text(encoding="utf-8"))
    study = nr.load_study(ROOT / "studies" / "demo.yml")
    r = level_shifts(study, weights="weight")
    assert len(r.shifts) == 1
    row = r.shifts.iloc[0]
    planted = pd.Period(truth["level_shift"]["date"][:7], "M")
    assert abs((pd.Timestamp(row["period"]).to_period("M") - planted).n) <= 1
    assert pd.Timestamp(row["period_low"]) <= pd.Timestamp(truth["level_shift"]["date"]) <= pd.Timestamp(row["period_high"])
    assert row["ci_low"] <= truth["level_shift"]["nps_points"] <= row["ci_high"] and row["diff"] < 0
    assert r.seasonal and r.season_p < 0.01  # the demo's seasonal month effect (truth.seasonality)
    nl, en = r.describe("nl"), r.describe("en")
    assert nl[0].startswith("Niveauverschuiving omlaag vanaf") and "gecorrigeerd voor het seizoen" in nl[0]
    assert en[0].startswith("Level shift down from") and "points, corrected for the season" in en[0]
    assert nl[1].startswith("Er is een seizoenspatroon") and en[1].startswith("There is a seasonal pattern")
    findings = r.findings(page="02_nps")
    assert findings[0].status == "material" and "daalde" in findings[0].statement["nl"]


def test_no_seasonality_is_claimed_from_18_months():
    rng = np.random.default_rng(5)
    r = level_shifts(monthly(rng, 18, n=400))
    assert not r.seasonal and r.season_p is None
    assert r.describe("nl")[-1].startswith("Seizoensinvloed is niet getoetst: de gegevens beslaan 1 volledige")
    assert r.describe("en")[-1].startswith("Seasonality is not tested")
    assert change_points(monthly(rng, 18, n=400)).empty


def test_a_seasonal_pattern_is_found_with_three_cycles_and_its_size_is_right():
    rng = np.random.default_rng(8)
    r = level_shifts(monthly(rng, 36, n=800, season=10))
    assert r.seasonal and r.shifts.empty
    assert r.season_range == pytest.approx(20, abs=6)  # cosine of amplitude 10: range 20


def test_pooled_windows_state_the_smallest_detectable_change():
    rng = np.random.default_rng(3)
    d = monthly(rng, 12, n=150)
    row = pooled_comparison(d, window=3).iloc[0]
    assert row["n_baseline"] == row["n_recent"] == 450
    z = stats.norm.ppf(0.975) + stats.norm.ppf(0.8)
    # the detectable change from the two windows' own variances (adjusted Wald adds pseudo-observations: close)
    var = 0
    for part in (d[d["date"] < "2021-04-01"], d[d["date"] >= "2021-10-01"]):
        s = np.select([part["ltr"] >= 9, part["ltr"] <= 6], [1.0, -1.0], 0.0)
        var += s.var() / len(s)
    assert row["detectable"] == pytest.approx(100 * z * np.sqrt(var), rel=0.03)


@pytest.mark.slow
def test_a_change_the_size_of_the_detectable_change_is_found_about_four_times_in_five():
    rng = np.random.default_rng(9)
    base = pooled_comparison(monthly(rng, 12, n=150), window=3).iloc[0]["detectable"]
    found = [pooled_comparison(monthly(rng, 12, n=150, shift=base, at=9), window=3).iloc[0]["p_value"] < 0.05
             for _ in range(200)]
    assert np.mean(found) == pytest.approx(0.8, abs=0.09)


def test_stl_is_fitted_without_the_shift_and_says_so(plot_language_check):
    import matplotlib

    matplotlib.use("Agg")
    from nps_research.plots.nps import decomposition_plot
    from nps_research.trends import nps_trend

    rng = np.random.default_rng(12)
    df = monthly(rng, 36, n=600, shift=-15, at=20, season=8)
    shifts = level_shifts(df)
    assert len(shifts.shifts) == 1
    plain, adjusted = nps_trend(df), nps_trend(df, shifts=shifts)
    spread = lambda tr: np.ptp(tr.decomposition["trend"])  # noqa: E731
    assert spread(plain) > 10 > spread(adjusted)  # the shift is in STL's trend unless it is taken out first
    ax = decomposition_plot(adjusted, language="nl")
    assert ax.panel_axes[0].get_ylabel().split() == ["NPS", "zonder", "niveauverschuiving"]
    plot_language_check(ax, "nl")
