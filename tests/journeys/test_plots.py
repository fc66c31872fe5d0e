"""Journey plots draw the numbers of the analyses they show."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from nps_research.journeys import journey_heatmap_table
from nps_research.plots.journeys import journey_heatmap_plot, moments_of_truth_plot


def test_heatmap_plot_shows_table():
    rng = np.random.default_rng(0)
    ev = pd.DataFrame({"touchpoint": rng.choice(["a", "b", "c"], 200), "score": rng.integers(0, 11, 200)})
    ev["stage"] = ev["touchpoint"].map({"a": "pre", "b": "during", "c": "post"})
    tab = journey_heatmap_table(ev)
    fig, ax = plt.subplots()
    assert journey_heatmap_plot(data=tab, ax=ax) is ax
    np.testing.assert_allclose(ax.images[0].get_array().filled(np.nan), tab.to_numpy(float))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    expected = ev.groupby("touchpoint")["score"].mean()
    assert sorted(t.get_text() for t in ax.texts) == sorted(f"{v:.1f}" for v in expected)
    plt.close(fig)


def test_moments_of_truth_plot_bars_and_colours():
    d = pd.DataFrame({"touchpoint": ["x", "y", "z"], "effect": [12.0, 3.0, -1.0], "ci_low": [5.0, -2.0, -4.0],
                      "ci_high": [19.0, 8.0, 2.0], "risk_difference": [20.0, 10.0, 1.0],
                      "rd_ci_low": [15.0, 2.0, -3.0], "rd_ci_high": [25.0, 18.0, 5.0]})
    fig, ax = plt.subplots()
    moments_of_truth_plot(data=d, ax=ax)
    assert [p.get_width() for p in ax.patches] == [12.0, 3.0, -1.0]
    red = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert red == ["#d7301f", "#bdbdbd", "#bdbdbd"]
    fig2, ax2 = plt.subplots()
    moments_of_truth_plot(data=d, ax=ax2, column="risk_difference", top=2)
    assert [p.get_width() for p in ax2.patches] == [20.0, 10.0]
    assert [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax2.patches] == ["#d7301f", "#d7301f"]
    plt.close("all")
