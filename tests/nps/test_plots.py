"""NPS plots draw what the tables say: bar widths = shares, markers = flagged periods, waterfall = effects."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from nps_research.change import nps_change
from nps_research.nps import SmallSampleWarning
from nps_research.plots.nps import change_plot, decomposition_plot, segments_plot, trend_plot
from nps_research.segments import nps_summary
from nps_research.trends import nps_trend


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    n = 3000
    months = rng.integers(0, 18, n)
    region = rng.choice(["noord", "zuid", "west"], n)
    base = np.where(region == "noord", 0.45, np.where(region == "zuid", 0.3, 0.2))
    base = base + np.where(months == 9, 0.35, 0.0)  # one month far above the rest
    u = rng.random(n)
    ltr = np.where(u < base, 10, np.where(u < base + 0.3, 8, 3))
    date = pd.Timestamp("2023-01-01") + pd.to_timedelta(months * 30.4 + rng.integers(0, 25, n), unit="D")
    return pd.DataFrame({"date": date, "region": region, "ltr": ltr, "wave": np.where(months < 9, "H1", "H2")})


def test_segment_bars_equal_shares_and_nps_markers(data):
    tab = nps_summary(data, by="region")
    ax = segments_plot(data=tab)
    rows = pd.concat([tab.iloc[[0]], tab[tab["segment_column"] == "region"]]).iloc[::-1]
    det, pas, pro = ax.containers
    np.testing.assert_allclose([p.get_width() for p in det], rows["detractors_pct"])
    np.testing.assert_allclose([p.get_width() for p in pas], rows["passives_pct"])
    np.testing.assert_allclose([p.get_width() for p in pro], rows["promoters_pct"])
    np.testing.assert_allclose([p.get_x() for p in pro], rows["detractors_pct"] + rows["passives_pct"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["zuid", "west", "noord", "total"]
    line = ax.nps_axis.lines[0]
    np.testing.assert_allclose(line.get_xdata(), rows["nps"])
    # error bar ends are the CI limits
    segs = ax.nps_axis.collections[0].get_segments()
    np.testing.assert_allclose([s[0][0] for s in segs], rows["ci_low"])
    np.testing.assert_allclose([s[1][0] for s in segs], rows["ci_high"])
    texts = [t.get_text() for t in ax.nps_axis.texts]
    r = tab.iloc[0]
    assert texts[-1] == f"{r['nps']:+.0f} ({r['ci_low']:+.0f} to {r['ci_high']:+.0f})"
    assert ax.get_title() == "NPS by region"


def test_trend_markers_equal_flagged_periods(data):
    tr = nps_trend(data, freq="M", run_length=3)
    tab = tr.table
    assert tab["signal"].sum() >= 1  # month 9 is far above the rest
    ax = trend_plot(data=tr)
    sig = [c for c in ax.collections if c.get_gid() == "signal"][0]
    run = [c for c in ax.collections if c.get_gid() == "run"][0]
    assert len(sig.get_offsets()) == tab["signal"].sum()
    assert len(run.get_offsets()) == (tab["run_signal"] & ~tab["signal"]).sum()
    np.testing.assert_allclose(np.asarray(sig.get_offsets())[:, 1], tab.loc[tab["signal"], "nps"])
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), tab["nps"])
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert band.min() == pytest.approx(tab["ci_low"].min()) and band.max() == pytest.approx(tab["ci_high"].max())


def test_trend_by_segment_needs_a_segment(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        tr = nps_trend(data, freq="Q", by="region")
    with pytest.raises(ValueError, match="segment="):
        trend_plot(data=tr)
    ax = trend_plot(data=tr, segment="zuid", language="nl")
    zuid = tr.table[tr.table["region"] == "zuid"]
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), zuid["nps"])
    assert "Centrumlijn" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_waterfall_steps_sum_to_the_end_nps(data):
    ch = nps_change(data, period="wave", segment="region", from_="H1", to="H2")
    ax = change_plot(data=ch)
    bars = ax.patches
    assert len(bars) == 2 + 2 * len(ch.table)
    assert bars[0].get_height() == pytest.approx(ch.nps_from) and bars[0].get_y() == 0
    effects = np.ravel(ch.table[["mix_effect", "performance_effect"]].to_numpy())
    np.testing.assert_allclose([b.get_height() for b in bars[1:-1]], effects)
    np.testing.assert_allclose([b.get_y() for b in bars[1:-1]], ch.nps_from + np.concatenate([[0], np.cumsum(effects)[:-1]]))
    last = bars[-2]
    assert last.get_y() + last.get_height() == pytest.approx(ch.nps_to, abs=1e-9)
    assert bars[-1].get_height() == pytest.approx(ch.nps_to)


def test_plots_draw_on_a_given_ax(data):
    fig, axes = plt.subplots(1, 2)
    out = segments_plot(data=nps_summary(data, by="region"), ax=axes[0])
    assert out is axes[0]
    with pytest.raises(ValueError, match="language"):
        change_plot(data=nps_change(data, period="wave", segment="region", from_="H1", to="H2"), ax=axes[1],
                    language="de")


# ------------------------------------------------------------------ drawn in Dutch: every text from the text layer


def test_segments_plot_in_dutch(data, plot_language_check):
    tab = nps_summary(data.assign(channel=data["region"]), by=["channel", "region"])
    ax = segments_plot(tab, segment_column="channel", language="nl")
    plot_language_check(ax, "nl", data_values=["noord", "zuid", "west"])
    assert ax.get_title() == "NPS per kanaal" and ax.get_ylabel() == "kanaal"
    texts = [t.get_text() for t in ax.nps_axis.texts]
    r = tab.iloc[0]
    assert texts[-1] == f"{r['nps']:+.0f} ({r['ci_low']:+.0f} tot {r['ci_high']:+.0f})"
    labelled = tab.copy()
    labelled.attrs["labels"] = {"channel": "Verkoopkanaal"}
    ax = segments_plot(labelled, segment_column="channel", language="nl")
    assert ax.get_title() == "NPS per Verkoopkanaal"


def test_trend_plot_in_dutch_readable_at_48_months(plot_language_check):
    rng = np.random.default_rng(3)
    n = 48 * 80
    df = pd.DataFrame({"date": pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 1460, n), unit="D"),
                       "ltr": rng.choice([3, 8, 10], n)})
    tr = nps_trend(df, freq="M")
    assert len(tr.table) == 48
    ax = trend_plot(tr, language="nl")
    texts = plot_language_check(ax, "nl")
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert 3 <= len(ticks) <= 9  # at most about eight labels: they do not overlap
    assert any(t in ("jan", "apr", "jul", "okt", "mrt", "mei") for t in ticks) or all(t.isdigit() for t in ticks)
    assert "Voortschrijdende NPS (3 perioden)" in texts and "95%-interval" in texts


def test_decomposition_plot_in_dutch(plot_language_check):
    """STL panels with Dutch names; the panels show the decomposition's numbers; drawn into a given ax."""
    season = lambda t: 12 * np.sin(2 * np.pi * t / 12)  # noqa: E731
    rng = np.random.default_rng(4)
    frames = []
    for t in range(36):
        m = (10 + season(t)) / 100
        cat = rng.choice([0, 8, 10], size=400, p=[(0.7 - m) / 2, 0.3, (0.7 + m) / 2])
        day = pd.Timestamp("2021-01-01") + pd.DateOffset(months=t)
        frames.append(pd.DataFrame({"date": day + pd.to_timedelta(rng.integers(0, 28, 400), unit="D"), "ltr": cat}))
    tr = nps_trend(pd.concat(frames, ignore_index=True), freq="M")
    ax = decomposition_plot(tr, language="nl")
    plot_language_check(ax, "nl")
    panels = ax.panel_axes
    assert [a.get_ylabel() for a in panels] == ["Gemeten NPS", "Trend", "Seizoenspatroon", "Restterm"]
    np.testing.assert_allclose(panels[0].get_lines()[0].get_ydata(), tr.decomposition["observed"])
    np.testing.assert_allclose(panels[2].get_lines()[0].get_ydata(), tr.decomposition["seasonal"])
    fig, given = plt.subplots(figsize=(8, 7))
    top = decomposition_plot(tr, language="en", ax=given)
    assert top is given and len(fig.axes) == 4
    short = nps_trend(pd.concat(frames[:12], ignore_index=True), freq="M")
    with pytest.raises(ValueError, match="two full cycles"):
        decomposition_plot(short)


def test_change_plot_in_dutch(data, plot_language_check):
    ch = nps_change(data, period="date", freq="Q", segment="region", from_="2023-01-01", to="2024-04-01")
    ax = change_plot(ch, language="nl")
    plot_language_check(ax, "nl", data_values=[])
    names = [t.get_text() for t in ax.get_xticklabels()]
    assert names[0] == "NPS 2023 K1" and names[-1] == "NPS 2024 K2"
    assert "noord: mix" in names and "noord: prestatie" in names
