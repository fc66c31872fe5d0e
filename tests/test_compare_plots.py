"""What the NPS-versus-CX plots draw, checked against the result tables they are drawn from."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from scipy import special
from statsmodels.stats.proportion import proportion_confint

from nps_research.compare import predictive_validity, value_by_category
from nps_research.plots.compare import (
    calibration_plot,
    category_value_plot,
    cv_scores_plot,
    dimension_importance_plot,
)


@pytest.fixture(scope="module")
def result():
    rng = np.random.default_rng(0)
    n = 1200
    cx = rng.normal(size=n)
    ltr = np.clip(np.round(7 + 1.5 * (0.6 * cx + 0.8 * rng.normal(size=n))), 0, 10)
    df = pd.DataFrame({"cx": cx, "ltr": ltr,
                       "retained": (rng.random(n) < special.expit(1 + 1.2 * cx)).astype(int)})
    return predictive_validity(df, outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"]}, cv=5, repeats=2,
                               seed=1)


def _errorbar_extents(ax, horizontal=True):
    segs = [s for coll in ax.collections for s in coll.get_segments()]
    return sorted((min(s[:, 0 if horizontal else 1]), max(s[:, 0 if horizontal else 1])) for s in segs)


def test_cv_scores_plot_draws_means_intervals_and_baseline(result):
    ax = cv_scores_plot(data=result)
    sc = result.scores[result.scores["metric"] == "auc"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["NPS", "CX"]
    np.testing.assert_allclose(ax.lines[0].get_xdata(), sc["mean"])
    np.testing.assert_allclose(_errorbar_extents(ax), sorted(zip(sc["ci_low"], sc["ci_high"])))
    baseline = [ln for ln in ax.lines if ln.get_linestyle() == "--"][0]
    assert baseline.get_xdata()[0] == pytest.approx(sc.loc[sc["measure"] == "NPS", "mean"].iloc[0])
    plt.close("all")
    fig, ax = plt.subplots()
    assert cv_scores_plot(data=result, differences=True, metric="brier", ax=ax) is ax
    d = result.differences[result.differences["metric"] == "brier"]
    np.testing.assert_allclose(ax.lines[0].get_xdata(), d["difference"])
    assert [ln for ln in ax.lines if ln.get_linestyle() == "--"][0].get_xdata()[0] == 0
    assert "NPS" in ax.get_xlabel()
    plt.close("all")


def test_calibration_plot_draws_the_calibration_table_which_matches_an_independent_binning(result):
    tab = result.calibration(bins=5)
    ax = calibration_plot(data=result, bins=5)
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    for m in ("NPS", "CX"):
        g = tab[tab["measure"] == m]
        np.testing.assert_allclose(lines[m].get_xdata(), g["predicted"])
        np.testing.assert_allclose(lines[m].get_ydata(), g["observed"])
        p = result.predictions[result.predictions["measure"] == m]
        assert g["n"].sum() == len(p)
        assert (g["observed"] * g["n"]).sum() == pytest.approx(p["observed"].sum())
        if m == "CX":  # continuous predictions (no ties): pandas qcut gives the same equal-count bins
            q = p.groupby(pd.qcut(p["predicted"], 5, labels=False))[["predicted", "observed"]].mean()
            np.testing.assert_allclose(g["observed"], q["observed"], atol=1e-9)
            np.testing.assert_allclose(g["predicted"], q["predicted"], atol=1e-9)
        lo, hi = proportion_confint((g["observed"] * g["n"]).round(), g["n"], method="wilson")
        np.testing.assert_allclose(g["ci_low"], lo, atol=1e-9)
        np.testing.assert_allclose(g["ci_high"], hi, atol=1e-9)
        # a correctly specified logistic model is calibrated out of fold
        assert np.max(np.abs(g["observed"] - g["predicted"])) < 0.06
    assert lines["perfect calibration"].get_xydata().tolist() == [[0, 0], [1, 1]]
    plt.close("all")


def test_category_value_plot_draws_means_intervals_and_ratio():
    rng = np.random.default_rng(1)
    ltr = rng.integers(0, 11, size=600)
    df = pd.DataFrame({"ltr": ltr, "revenue": 100 + 10 * ltr + rng.normal(scale=20, size=600)})
    res = value_by_category(df, value="revenue", n_boot=500, seed=1)
    ax = category_value_plot(data=res, language="nl")
    bc = res.by_category
    np.testing.assert_allclose([p.get_height() for p in ax.patches], bc["mean"])
    np.testing.assert_allclose(_errorbar_extents(ax, horizontal=False), sorted(zip(bc["ci_low"], bc["ci_high"])))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["criticaster", "passief", "promotor"]
    ratio = res.ratios["ratio"].iloc[0]
    assert f"{ratio:.2f}".replace(".", ",") in ax.get_title()
    plt.close("all")


def test_dimension_importance_plot_sorts_shares_with_intervals():
    tab = pd.DataFrame({"outcome": "retained", "driver": ["pex", "out", "pom"], "share": [0.2, 0.3, 0.5],
                        "share_ci_low": [0.1, 0.2, 0.4], "share_ci_high": [0.3, 0.4, 0.6]})
    ax = dimension_importance_plot(data=tab)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["peace of mind", "outcome focus", "product experience"]
    assert [p.get_width() for p in ax.patches] == [0.5, 0.3, 0.2]
    np.testing.assert_allclose(_errorbar_extents(ax), [(0.1, 0.3), (0.2, 0.4), (0.4, 0.6)])
    plt.close("all")
