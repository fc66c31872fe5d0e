"""Driver plots draw the numbers of the analyses they show."""

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


def test_importance_performance_plot_points_and_lines(df):
    ip = importance_performance(df, drivers=["a", "b", "c"])
    fig, ax = plt.subplots()
    importance_performance_plot(data=ip, ax=ax)
    np.testing.assert_allclose(ax.collections[0].get_offsets(), np.column_stack([ip["importance"] * 100,
                                                                                 ip["performance"]]))
    si, sp = ip.attrs["split"]
    xs = [ln.get_xdata()[0] for ln in ax.lines if ln.get_xdata()[0] == ln.get_xdata()[1]]
    ys = [ln.get_ydata()[0] for ln in ax.lines if ln.get_ydata()[0] == ln.get_ydata()[1]]
    assert si * 100 in xs and sp in ys
    plt.close(fig)


def test_penalty_reward_plot_widths(df):
    pr = penalty_reward(df, drivers=["a", "b", "c"])
    fig, ax = plt.subplots()
    penalty_reward_plot(data=pr, ax=ax)
    widths = [p.get_width() for p in ax.patches]
    np.testing.assert_allclose(widths[:3], -pr["penalty"])
    np.testing.assert_allclose(widths[3:], pr["reward"])
    plt.close(fig)
