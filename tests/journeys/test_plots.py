"""Journey plots draw the numbers of the analyses they show, and in Dutch every text comes from the text layer."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from nps_research.journeys import MomentsOfTruth, journey_heatmap_table
from nps_research.plots.journeys import journey_heatmap_plot, moments_of_truth_plot


def _events():
    rng = np.random.default_rng(0)
    ev = pd.DataFrame({"touchpoint": rng.choice(["jaarnota", "welkom", "meterstand"], 200),
                       "score": rng.integers(0, 11, 200)})
    ev["stage"] = ev["touchpoint"].map({"welkom": "pre", "meterstand": "during", "jaarnota": "post"})
    return ev


def test_heatmap_plot_shows_table():
    ev = _events()
    tab = journey_heatmap_table(ev)
    fig, ax = plt.subplots()
    assert journey_heatmap_plot(data=tab, ax=ax) is ax
    cells = ax.collections[0].get_array().filled(np.nan).reshape(tab.shape)
    np.testing.assert_allclose(cells, tab.to_numpy(float))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["welkom", "meterstand", "jaarnota"]
    expected = ev.groupby("touchpoint")["score"].mean()
    assert sorted(t.get_text() for t in ax.texts) == sorted(f"{v:.1f}" for v in expected)
    plt.close(fig)


def test_heatmap_plot_in_dutch(plot_language_check):
    ev = _events()
    tab = journey_heatmap_table(ev, stat="bad_share")
    ax = journey_heatmap_plot(tab, language="nl", vmin=0, vmax=1)
    texts = plot_language_check(ax, "nl", data_values=tab.index)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["voor", "tijdens", "na"]
    assert {"fase", "contactmoment", "aandeel slechte ervaringen"} <= set(texts)
    # annotations are the shares with a decimal comma
    shares = ev.assign(bad=ev["score"] <= 4).groupby("touchpoint")["bad"].mean()
    assert sorted(t.get_text() for t in ax.texts) == sorted(f"{v:.1f}".replace(".", ",") for v in shares)
    plt.close("all")


def _mot_table():
    return pd.DataFrame({"touchpoint": ["x", "y", "z"], "effect": [12.0, 3.0, -1.0], "ci_low": [5.0, -2.0, -4.0],
                         "ci_high": [19.0, 8.0, 2.0], "risk_difference": [20.0, 10.0, 1.0],
                         "rd_ci_low": [15.0, 2.0, -3.0], "rd_ci_high": [25.0, 18.0, 5.0], "rank": [1, 2, 3]})


def test_moments_of_truth_plot_bars_and_colours():
    d = _mot_table()
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


def test_moments_of_truth_plot_in_dutch(plot_language_check):
    res = MomentsOfTruth(_mot_table(), target="ltr")
    ax = moments_of_truth_plot(res, language="nl")
    texts = plot_language_check(ax, "nl", data_values=["x", "y", "z"])
    assert "effect van een slechte ervaring (punten); rood: interval sluit 0 uit" in texts
    plt.close("all")
