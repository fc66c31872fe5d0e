"""Driver plots draw the numbers of the analyses they show, and in Dutch every text comes from the text layer."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from nps_research.drivers import importance_performance, penalty_reward, relative_importance
from nps_research.plots.drivers import (
    importance_performance_plot,
    importance_plot,
    penalty_reward_plot,
)


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(5)
    n = 1500
    d = pd.DataFrame({c: rng.integers(1, 11, n) for c in ("a", "b", "c")})
    d["ltr"] = np.clip(np.round(1 + 0.5 * d["a"] + 0.2 * d["b"] + 0.05 * d["c"] + rng.normal(0, 1.2, n)), 0, 10)
    return d


@pytest.fixture(scope="module")
def demo_like(df):
    """The same data under the demo study's attribute names (labelled by the catalogue)."""
    return df.rename(columns={"a": "sat_price", "b": "sat_waiting_time", "c": "sat_problem_resolution"})


DEMO = ["sat_price", "sat_waiting_time", "sat_problem_resolution"]
DUTCH = {"sat_price": "prijs", "sat_waiting_time": "wachttijd", "sat_problem_resolution": "probleemoplossing"}


def test_importance_plot_bars_and_intervals(df):
    res = relative_importance(df, outcome="ltr", drivers=["a", "b", "c"], bootstrap=50, seed=1)
    fig, ax = plt.subplots()
    out = importance_plot(data=res, ax=ax)
    assert out is ax
    imp = res.importance.sort_values("share", ascending=False)
    np.testing.assert_allclose([p.get_width() for p in ax.patches], imp["share"] * 100)
    assert [t.get_text() for t in ax.get_yticklabels()] == imp["driver"].tolist()
    # error bar segments span the bootstrap interval
    segs = ax.collections[0].get_segments()
    np.testing.assert_allclose([s[0][0] for s in segs], imp["share_ci_low"] * 100)
    np.testing.assert_allclose([s[1][0] for s in segs], imp["share_ci_high"] * 100)
    plt.close(fig)


def test_importance_plot_in_dutch(demo_like, plot_language_check):
    res = relative_importance(demo_like, outcome="ltr", drivers=DEMO, bootstrap=30, seed=1)
    ax = importance_plot(res, language="nl")
    texts = plot_language_check(ax, "nl")
    order = res.importance.sort_values("share", ascending=False)["driver"]
    assert [t.get_text() for t in ax.get_yticklabels()] == [DUTCH[d] for d in order]
    assert "aandeel in de verklaarde variantie (%)" in texts
    # a client's own column names pass through (and the client's labels win)
    ax2 = importance_plot(res, language="nl", labels={"sat_price": "Tevredenheid prijs"})
    assert "Tevredenheid prijs" in [t.get_text() for t in ax2.get_yticklabels()]
    plt.close("all")


def test_importance_performance_plot_points_and_lines(df):
    ip = importance_performance(df, drivers=["a", "b", "c"])
    fig, ax = plt.subplots()
    importance_performance_plot(data=ip, ax=ax)
    tab = ip.summary()
    np.testing.assert_allclose(ax.collections[0].get_offsets(), np.column_stack([tab["importance"] * 100,
                                                                                 tab["performance"]]))
    si, sp = ip.split
    xs = [ln.get_xdata()[0] for ln in ax.lines if ln.get_xdata()[0] == ln.get_xdata()[1]]
    ys = [ln.get_ydata()[0] for ln in ax.lines if ln.get_ydata()[0] == ln.get_ydata()[1]]
    assert si * 100 in xs and sp in ys
    plt.close(fig)


def test_importance_performance_plot_in_dutch(demo_like, plot_language_check):
    ip = importance_performance(demo_like, drivers=DEMO, performance="top_box", top_box=9)
    ax = importance_performance_plot(ip, language="nl")
    texts = plot_language_check(ax, "nl")
    assert "concentrate here" not in texts and "possible overkill" not in texts
    legend = {t.get_text() for t in ax.get_legend().get_texts()}
    words = {"concentrate here": "hier op focussen", "keep up the good work": "zo houden",
             "low priority": "lage prioriteit", "possible overkill": "mogelijk overinvestering"}
    assert legend == {words[q] for q in ip.summary()["quadrant"]}
    # top-box performance is drawn in percent, as its axis label says
    np.testing.assert_allclose(ax.collections[0].get_offsets()[:, 1], 100 * ip.summary()["performance"])
    assert "prestatie (aandeel hoogste scores, %)" in texts
    plt.close("all")


def test_penalty_reward_plot_widths(df):
    pr = penalty_reward(df, drivers=["a", "b", "c"])
    fig, ax = plt.subplots()
    penalty_reward_plot(data=pr, ax=ax)
    widths = [p.get_width() for p in ax.patches]
    np.testing.assert_allclose(widths[:3], -pr.summary()["penalty"])
    np.testing.assert_allclose(widths[3:], pr.summary()["reward"])
    plt.close(fig)


def test_penalty_reward_plot_in_dutch(demo_like, plot_language_check):
    pr = penalty_reward(demo_like, drivers=DEMO)
    ax = penalty_reward_plot(pr, language="nl")
    texts = plot_language_check(ax, "nl")
    assert not any("penalty" in s or "bottom box" in s for s in texts)
    assert any(s.startswith("← straf (laagste scores)") for s in texts)
    assert [t.get_text() for t in ax.get_yticklabels()] == [DUTCH[d] for d in DEMO]
    plt.close("all")
