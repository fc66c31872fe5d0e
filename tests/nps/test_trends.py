"""nps_trend: control limits by hand, change tests, rolling NPS from raw rows, run rule, STL vs known truth."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from nps_research.nps import SmallSampleWarning, nps_ci, nps_test
from nps_research.trends import describe_trend, nps_trend


def simulate(months: int, n_per_month: int, nps_of_month, seed: int = 0, start: str = "2021-01-01") -> pd.DataFrame:
    """Scores whose expected NPS in month t is nps_of_month(t) (passive share fixed at 30%)."""
    rng = np.random.default_rng(seed)
    frames = []
    for t in range(months):
        m = nps_of_month(t) / 100
        p_pro, p_det = (0.7 + m) / 2, (0.7 - m) / 2
        cat = rng.choice([0, 8, 10], size=n_per_month, p=[p_det, 0.3, p_pro])
        day = pd.Timestamp(start) + pd.DateOffset(months=t)
        dates = day + pd.to_timedelta(rng.integers(0, 28, n_per_month), unit="D")
        frames.append(pd.DataFrame({"date": dates, "ltr": cat}))
    return pd.concat(frames, ignore_index=True)


def _quiet(fn, *a, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        return fn(*a, **kw)


def test_control_limits_change_and_rolling_by_hand():
    df = simulate(10, 300, lambda t: 10 + 6 * t, seed=1)
    df.loc[df.index[:5], "ltr"] = np.nan
    tr = _quiet(nps_trend, df, freq="M", window=3, method="wald")
    tab = tr.table
    assert len(tab) == 10 and (tab["period"].dt.day == 1).all()
    y = np.select([df["ltr"] <= 6, df["ltr"] <= 8], [-1.0, 0.0], 1.0)
    y = np.where(df["ltr"].isna(), np.nan, y)
    # centre = pooled NPS; sigma^2 = p + d - m^2 of the pooled shares; limits +-3 sigma / sqrt(n_t)
    m = np.nanmean(y)
    p, d = np.sum(y == 1) / np.sum(~np.isnan(y)), np.sum(y == -1) / np.sum(~np.isnan(y))
    month = df["date"].dt.to_period("M")
    n_t = df.assign(valid=~np.isnan(y)).groupby(month)["valid"].sum().to_numpy()
    half = 3 * np.sqrt((p + d - m**2) / n_t)
    np.testing.assert_allclose(tab["center"], 100 * m, rtol=1e-12)
    np.testing.assert_allclose(tab["lcl"], 100 * (m - half), rtol=1e-12)
    np.testing.assert_allclose(tab["ucl"], 100 * (m + half), rtol=1e-12)
    assert tab["signal"].tolist() == ((tab["nps"] > tab["ucl"]) | (tab["nps"] < tab["lcl"])).tolist()
    assert tab["signal"].iloc[0] and tab["signal"].iloc[-1]  # 10 and 64 vs a centre near 37
    # change vs previous period = nps_test on the raw scores of the two months
    months = sorted(month.unique())
    for i in (1, 5, 9):
        a = df.loc[month == months[i], "ltr"].dropna()
        b = df.loc[month == months[i - 1], "ltr"].dropna()
        ref = _quiet(nps_test, a, b, method="wald")
        assert tab["change"].iloc[i] == pytest.approx(ref.difference, rel=1e-10)
        assert tab["change_p_value"].iloc[i] == pytest.approx(ref.p_value, rel=1e-8)
        assert tab["nps"].iloc[i] == pytest.approx(_quiet(nps_ci, a).nps, rel=1e-12)
    assert np.isnan(tab["change"].iloc[0])
    # rolling NPS over 3 months = NPS of the pooled raw rows of those months
    for i in (2, 6):
        rows = df.loc[month.isin(months[i - 2: i + 1]), "ltr"].dropna()
        ref = _quiet(nps_ci, rows, method="wald")
        assert tab["rolling_nps"].iloc[i] == pytest.approx(ref.nps, rel=1e-12)
        assert tab["rolling_ci_low"].iloc[i] == pytest.approx(ref.ci_low, rel=1e-12)
        assert tab["rolling_n"].iloc[i] == ref.n
    assert tab["rolling_nps"].iloc[:2].isna().all()


def test_run_rule_and_empty_periods():
    # 12 months: months 0-3 low, 4-11 high (8 in a row above the centre); no answers in month 2.
    df = simulate(12, 400, lambda t: -20 if t < 4 else 20, seed=2)
    df = df[df["date"].dt.month != 3]
    tab = _quiet(nps_trend, df, freq="MS", run_length=8).table
    assert len(tab) == 12
    assert tab.loc[2, "n"] == 0 and np.isnan(tab.loc[2, "nps"]) and not tab.loc[2, "signal"]
    above = (tab["nps"] > tab["center"]).to_numpy()
    assert above[4:].all() and not above[:4].any()
    assert tab["run_signal"].tolist() == [False] * 11 + [True]
    tab6 = _quiet(nps_trend, df, freq="M", run_length=6).table
    assert tab6["run_signal"].tolist() == [False] * 9 + [True] * 3
    assert not _quiet(nps_trend, df, freq="M", run_length=None).table["run_signal"].any()


def test_frequency_aliases_give_the_same_table():
    df = simulate(8, 50, lambda t: 0, seed=3)
    ref = _quiet(nps_trend, df, freq="M").table
    for f in ("ME", "MS", "m"):
        pd.testing.assert_frame_equal(_quiet(nps_trend, df, freq=f).table, ref)
    q = _quiet(nps_trend, df, freq="Q").table
    assert q["period"].tolist() == list(pd.to_datetime(["2021-01-01", "2021-04-01", "2021-07-01"]))
    assert q["n"].sum() == len(df)
    w = _quiet(nps_trend, df, freq="W").table
    assert (w["period"].dt.day_of_week == 0).all() and w["n"].sum() == len(df)


def test_stl_recovers_seasonality_and_level_shift():
    """Known truth: seasonal amplitude 12 points, a level drop of 15 points from month 20 on."""
    season = lambda t: 12 * np.sin(2 * np.pi * t / 12)  # noqa: E731
    truth = lambda t: 10 + season(t) - 15 * (t >= 20)  # noqa: E731
    df = simulate(36, 1500, truth, seed=4)
    tr = nps_trend(df, freq="M")
    dec = tr.decomposition
    assert dec is not None and len(dec) == 36
    true_season = np.array([season(t) for t in range(36)])
    assert np.corrcoef(dec["seasonal"], true_season)[0, 1] > 0.95
    amp = dec["seasonal"].max() - dec["seasonal"].min()
    assert 24 * 0.75 < amp < 24 * 1.25
    drop = dec["trend"].iloc[24:].mean() - dec["trend"].iloc[:16].mean()
    assert drop == pytest.approx(-15, abs=4)
    np.testing.assert_allclose(dec["observed"], tr.table["nps"])
    # fewer than two cycles: no decomposition, with a note
    short = nps_trend(df[df["date"] < "2022-09-01"], freq="M")
    assert short.decomposition is None and "two full cycles" in short.notes[0]


def test_synthetic_study_monthly_nps_follows_truth(synthetic):
    study = synthetic(2500, 2)
    rel = study.responses
    tr = _quiet(nps_trend, rel, freq="M")
    truth = study.truth.monthly_nps
    got = tr.table.set_index(tr.table["period"].dt.strftime("%Y-%m"))["nps"]
    assert stats.pearsonr(got.loc[truth.index], truth).statistic > 0.6
    # truth within the 99.9% interval in (almost) every month
    wide = _quiet(nps_trend, rel, freq="M", confidence=0.999).table
    wide.index = got.index
    inside = (wide["ci_low"] <= truth) & (truth <= wide["ci_high"])
    assert inside.mean() >= 0.9
    # the level shift: mean NPS after the shift is lower than the year before it
    shift = pd.Timestamp(study.truth.level_shift["date"])
    before = tr.table.loc[(tr.table["period"] < shift) & (tr.table["period"] >= shift - pd.DateOffset(months=6)), "nps"]
    after = tr.table.loc[(tr.table["period"] >= shift) & (tr.table["period"] < shift + pd.DateOffset(months=6)), "nps"]
    assert after.mean() < before.mean()


def test_by_segment_series_and_sentences():
    a = simulate(6, 200, lambda t: 30, seed=5).assign(seg="a")
    b = simulate(6, 200, lambda t: -30, seed=6).assign(seg="b")
    tr = nps_trend(pd.concat([a, b]), freq="M", by="seg")
    tab = tr.table
    assert tab["seg"].tolist() == ["a"] * 6 + ["b"] * 6
    centers = tab.groupby("seg")["center"].first()
    assert centers["a"] == pytest.approx(30, abs=6) and centers["b"] == pytest.approx(-30, abs=6)
    with pytest.raises(ValueError, match="one segment column"):
        nps_trend(a, by=["seg", "seg"])
    up = simulate(2, 400, lambda t: -10 if t == 0 else 30, seed=7)
    text = describe_trend(nps_trend(up, freq="M"))
    assert text[0].startswith("The NPS rose significantly from") and "(p < 0.001)" in text[0]
    assert "in Jan 2021 to " in text[0] and text[0].endswith("in Feb 2021 (p < 0.001).")
    nl = describe_trend(nps_trend(up, freq="M"), language="nl")
    assert nl[0].startswith("De NPS steeg significant") and "in jan 2021 naar " in nl[0]
    flat = pd.DataFrame({"date": pd.to_datetime(["2024-01-10"] * 10 + ["2024-02-10"] * 10),
                         "ltr": [10, 9, 8, 3, 5, 10, 7, 2, 9, 1] * 2})
    assert "not significant" in describe_trend(_quiet(nps_trend, flat, freq="M"))[0]
    per_segment = describe_trend(tr, "nl")
    assert len(per_segment) >= 2 and per_segment[0].startswith("Voor seg a ")


def test_undated_answers_are_reported_and_bad_arguments_raise():
    df = simulate(3, 100, lambda t: 0, seed=8)
    df["date"] = df["date"].astype("datetime64[ns]")
    df.loc[df.index[:7], "date"] = pd.NaT
    df.loc[df.index[0], "ltr"] = np.nan  # an undated missing answer is not an answer
    tr = nps_trend(df, freq="M")
    assert tr.table["n"].sum() == 300 - 7
    assert any("6 answers without a date in date are left out" in note for note in tr.notes)
    assert "6 antwoorden zonder datum in datum tellen niet mee in de trend." in tr.describe("nl")
    with pytest.raises(ValueError, match="sigma"):
        nps_trend(df, freq="M", sigma=0)
    with pytest.raises(ValueError, match="window"):
        nps_trend(df, freq="M", window=0)
    with pytest.raises(Exception, match="have a date"):
        nps_trend(df.assign(date=pd.NaT), freq="M")


def test_control_limits_false_alarm_rate_in_a_stable_process():
    """Stable process (true NPS 20 every period), n per period varying 40-400: a 3-sigma point falls
    outside the limits with probability 0.0027 (normal approximation; the centre is estimated)."""
    from nps_research.trends import control_limits

    rng = np.random.default_rng(12)
    shares = (0.25, 0.30, 0.45)
    flags = periods = naive_small = small = 0
    for _ in range(400):
        n_t = rng.integers(40, 401, size=30)
        c = np.array([rng.multinomial(n, shares) for n in n_t])
        counts = pd.DataFrame(c, columns=["n_detractors", "n_passives", "n_promoters"])
        center, lcl, ucl = control_limits(counts)
        nps = 100 * (c[:, 2] - c[:, 0]) / n_t
        flags += int(np.sum((nps > ucl) | (nps < lcl)))
        periods += len(n_t)
        # limits that ignore each period's n (one width, at the mean n) flag the small periods far too often
        half = 3 * np.sqrt(0.7 - 0.04) * 100 / np.sqrt(n_t.mean())  # sigma^2 = p + d - m^2 = 0.66
        few = n_t < 100
        naive_small += int(np.sum(np.abs(nps[few] - center) > half))
        small += int(few.sum())
    rate = flags / periods  # 12,000 periods: expected 32 flags, sd 5.7
    assert 0.0010 <= rate <= 0.0050, rate
    assert naive_small / small > 0.02


def test_a_change_that_is_not_significant_is_never_called_a_rise_or_fall():
    """Known truth: the same process in every month (true NPS 20). Over many seeds the latest change is
    called a rise or a fall only when its test is significant, and then about 5% of the time."""
    called = 0
    for seed in range(60):
        df = simulate(2, 150, lambda t: 20, seed=100 + seed)
        tr = nps_trend(df, freq="M")
        sentence = describe_trend(tr)[0]
        p = tr.table["change_p_value"].iloc[1]
        if p < 0.05:
            called += 1
            assert "significantly" in sentence
        else:
            assert "not significant" in sentence and "rose" not in sentence and "fell" not in sentence
    assert called <= 8  # expected 3 of 60


def test_signals_runs_season_and_notes_in_dutch():
    """Known truth: seasonality of 12 points and a level drop of 15 points from month 20 on; the sentences
    name the periods as periods (jan 2022), never as timestamps, and give the seasonal span."""
    season = lambda t: 12 * np.sin(2 * np.pi * t / 12)  # noqa: E731
    df = simulate(36, 800, lambda t: 10 + season(t) - 15 * (t >= 20), seed=9)
    tr = nps_trend(df, freq="M", run_length=8)
    nl = tr.describe("nl")
    text = " ".join(nl)
    assert "00:00" not in text and "2021-" not in text and "2022-" not in text
    flagged = tr.table.loc[tr.table["signal"], "period"]
    assert len(flagged) > 0
    assert any(s.startswith(f"{len(flagged)} perioden vallen buiten de controlegrenzen") for s in nl)
    months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    first = flagged.iloc[0]
    assert f"{months[first.month - 1]} {first.year}" in text
    # seasonality is not read from STL: it is tested beside the level shift (change_points), and STL is
    # fitted with the shift removed
    assert "seizoenspatroon" not in text
    from nps_research.change_points import level_shifts

    shifts = level_shifts(df, freq="M")
    assert len(shifts.shifts) == 1 and abs(shifts.shifts["diff"].iloc[0] + 15) < 5
    assert shifts.shifts["period"].iloc[0] in set(df["date"].dt.to_period("M").dt.to_timestamp().unique()[19:22])
    assert shifts.seasonal and 24 * 0.75 < shifts.season_range < 24 * 1.25
    assert any(s.startswith("Er is een seizoenspatroon") for s in shifts.describe("nl"))
    adjusted = nps_trend(df, freq="M", shifts=shifts)
    amp = adjusted.decomposition["seasonal"].max() - adjusted.decomposition["seasonal"].min()
    assert 24 * 0.75 < amp < 24 * 1.25
    if tr.table["run_signal"].any():
        assert any(s.startswith("De reeksregel markeert ") for s in nl)
    short = nps_trend(df[df["date"] < "2022-06-01"], freq="M")
    assert any(s.startswith("Geen seizoensdecompositie: 17 perioden") for s in short.describe("nl"))


def test_trend_report_table_is_folded_with_periods_as_periods():
    df = simulate(30, 60, lambda t: 10, seed=11)
    tr = _quiet(nps_trend, df, freq="M")
    table = tr.table("nl")  # the contract's table(language); tr.table is also the DataFrame
    assert table.detail and len(tr.table) == 30
    shown = table.formatted()
    assert shown["periode"].iloc[0] == "jan 2021" and shown["periode"].iloc[-1] == "jun 2023"
    assert "voortschrijdende NPS (3 perioden)" in shown.columns and "ondergrens (95%)" in shown.columns
    assert set(shown["buiten de grenzen"]) <= {"ja", "nee"}
    assert not any("_" in c for c in shown.columns)
    pd.testing.assert_frame_equal(tr.summary(), tr.table)


def test_stl_finds_a_season_in_two_cycles_without_one_but_the_test_does_not_claim_it():
    """With exactly two cycles STL's seasonal part absorbs almost everything, even without seasonality
    (known truth: none here); the report's seasonality comes from the test, which finds none."""
    from nps_research.change_points import level_shifts

    df = simulate(24, 300, lambda t: 10, seed=21)
    two = nps_trend(df, freq="M")
    resid = two.decomposition["resid"].abs()
    assert (resid < 1e-6).mean() > 0.5  # the residual is pinned at zero for most periods
    assert not any("seizoen" in s for s in two.describe("nl"))
    tested = level_shifts(df, freq="M")
    assert not tested.seasonal and tested.season_p > 0.05
    assert tested.describe("nl")[-1].startswith("Geen seizoenspatroon: rekening houdend met")
