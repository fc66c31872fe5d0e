"""Voice plots drawn in Dutch: every visible text from the text layer, a Dutch number or a data value (the
theme labels of the code frame), and what is drawn is the data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nps_research.plots.voice import response_fatigue_plot, theme_impact_plot, theme_shares_plot
from nps_research.voice import load_frame, response_fatigue, theme_impact, theme_shares


@pytest.fixture(scope="module")
def data(comments):
    df, _ = comments(2500, 8)
    return df


def _theme_labels():
    return list(load_frame("energy").labels("nl").values())


def test_theme_shares_plot_in_dutch(data, plot_language_check):
    shares = theme_shares(data, frame="energy")
    ax = theme_shares_plot(shares, language="nl")
    plot_language_check(ax, "nl", data_values=_theme_labels())
    # the longest bar is the largest share among the categories drawn
    widths = [p.get_width() for p in ax.patches]
    drawn = shares.loc[shares["segment"].isna() & (shares["category"] != "all")]
    assert max(widths) == pytest.approx(100 * drawn["share"].max())
    assert "% van de redenen dat het thema noemt" == ax.get_xlabel()
    plt.close("all")


def test_theme_impact_plot_in_dutch(data, plot_language_check):
    impact = theme_impact(data, frame="energy", controls=["channel"], bootstrap=30)
    ax = theme_impact_plot(impact, language="nl")
    plot_language_check(ax, "nl", data_values=_theme_labels())
    shown = impact.loc[~impact["small_n"] & impact["impact"].notna() & (impact["level"] == "theme")]
    offsets = ax.collections[1].get_offsets()  # the model's dots (after the error bars)
    assert np.allclose(sorted(offsets[:, 0]), sorted(shown["impact"]))
    plt.close("all")


def test_response_fatigue_plot_in_dutch(plot_language_check):
    import pandas as pd

    inv = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "b", "c"],
                        "date": pd.to_datetime(["2024-01-01", "2024-01-20", "2024-06-01", "2024-02-01",
                                                "2024-12-01", "2024-03-01"]),
                        "invited": 1, "responded": [1, 0, 1, 1, 0, 1]})
    f = response_fatigue(inv)
    for measure in ("earlier_invitations", "days_since_last"):
        ax = response_fatigue_plot(f, measure=measure, language="nl")
        plot_language_check(ax, "nl")
        line = ax.lines[0].get_ydata()
        assert np.allclose(line, 100 * f.loc[f["measure"] == measure, "rate"])
        plt.close("all")
