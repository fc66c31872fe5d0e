"""What the NPS-versus-CX plots draw, checked against the result tables they are drawn from, and that each
plot drawn in Dutch shows only texts of the text layer and Dutch-formatted numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from scipy import special
from statsmodels.stats.proportion import proportion_confint

from nps_research.compare import dimension_importance, predictive_validity, value_by_category
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
    return predictive_validity(df, outcome="retained", measures={"nps": ["ltr"], "cx": ["cx"]}, cv=5, repeats=2,
                               seed=1)


@pytest.fixture(scope="module")
def value():
    rng = np.random.default_rng(1)
    ltr = rng.integers(0, 11, size=600)
    df = pd.DataFrame({"ltr": ltr, "revenue_next_12m": 100 + 10 * ltr + rng.normal(scale=20, size=600)})
    return value_by_category(df, value="revenue_next_12m", n_boot=500, seed=1)


def _errorbar_extents(ax, horizontal=True):
    segs = [s for coll in ax.collections for s in coll.get_segments()]
    return sorted((min(s[:, 0 if horizontal else 1]), max(s[:, 0 if horizontal else 1])) for s in segs)


def test_cv_scores_plot_draws_means_intervals_and_baseline(result):
    ax = cv_scores_plot(result)
    sc = result.scores[result.scores["metric"] == "auc"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["NPS", "CX (EXQ)"]
    np.testing.assert_allclose(ax.lines[0].get_xdata(), sc["mean"])
    np.testing.assert_allclose(_errorbar_extents(ax), sorted(zip(sc["ci_low"], sc["ci_high"])))
    baseline = [ln for ln in ax.lines if ln.get_linestyle() == "--"][0]
    assert baseline.get_xdata()[0] == pytest.approx(sc.loc[sc["measure"] == "nps", "mean"].iloc[0])
    plt.close("all")
    fig, ax = plt.subplots()
    assert cv_scores_plot(data=result, differences=True, metric="brier", ax=ax) is ax
    d = result.differences[result.differences["metric"] == "brier"]
    np.testing.assert_allclose(ax.lines[0].get_xdata(), d["difference"])
    assert [ln for ln in ax.lines if ln.get_linestyle() == "--"][0].get_xdata()[0] == 0
    assert ax.get_xlabel() == "difference in Brier score from NPS"
    plt.close("all")


def test_cv_scores_plot_in_dutch(result, plot_language_check):
    for differences in (False, True):
        ax = cv_scores_plot(result, differences=differences, language="nl")
        texts = plot_language_check(ax, "nl")
        assert "gekruisvalideerde AUC" in texts or "verschil in AUC met NPS" in texts
        assert any("," in s for s in texts)  # tick numbers with a decimal comma
        plt.close("all")
    with pytest.raises(ValueError, match="data is required"):
        cv_scores_plot()


def test_calibration_plot_draws_the_calibration_table_which_matches_an_independent_binning(result):
    tab = result.calibration(bins=5)
    ax = calibration_plot(result, bins=5)
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    for m, name in (("nps", "NPS"), ("cx", "CX (EXQ)")):
        g = tab[tab["measure"] == m]
        np.testing.assert_allclose(lines[name].get_xdata(), g["predicted"])
        np.testing.assert_allclose(lines[name].get_ydata(), g["observed"])
        p = result.predictions[result.predictions["measure"] == m]
        assert g["n"].sum() == len(p)
        assert (g["observed"] * g["n"]).sum() == pytest.approx(p["observed"].sum())
        if m == "cx":  # continuous predictions (no ties): pandas qcut gives the same equal-count bins
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


def test_calibration_bins_do_not_depend_on_rounding_noise_of_tied_predictions(result):
    # predictions that are equal in exact arithmetic but differ by rounding noise fall into one bin
    noisy = result.predictions.copy()
    noisy["predicted"] = noisy["predicted"].round(6)
    r2 = type(result)(**{**result.__dict__, "predictions": noisy})
    jitter = noisy.copy()
    jitter["predicted"] += np.random.default_rng(0).uniform(-1e-13, 1e-13, size=len(jitter))
    r3 = type(result)(**{**result.__dict__, "predictions": jitter})
    a, b = r2.calibration(bins=10), r3.calibration(bins=10)
    pd.testing.assert_series_equal(a["n"], b["n"])


def test_calibration_plot_in_dutch(result, plot_language_check):
    ax = calibration_plot(result, language="nl")
    texts = plot_language_check(ax, "nl")
    assert {"voorspelde kans", "waargenomen aandeel", "perfecte kalibratie", "NPS", "CX (EXQ)"} <= set(texts)
    plt.close("all")


def test_category_value_plot_draws_means_intervals_and_ratio(value):
    ax = category_value_plot(value, language="nl")
    bc = value.by_category
    np.testing.assert_allclose([p.get_height() for p in ax.patches], bc["mean"])
    np.testing.assert_allclose(_errorbar_extents(ax, horizontal=False), sorted(zip(bc["ci_low"], bc["ci_high"])))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Criticasters", "Passieven", "Promotors"]
    ratio = value.ratios.iloc[0]
    assert ax.get_title() == (f"promotor / criticaster = {ratio['ratio']:.2f} (95%-BI {ratio['ci_low']:.2f} tot "
                              f"{ratio['ci_high']:.2f})").replace(".", ",")
    assert ax.get_ylabel() == "omzet komende 12 maanden (gemiddelde)"
    plt.close("all")


def test_category_value_plot_in_dutch(value, plot_language_check):
    ax = category_value_plot(value, language="nl")
    plot_language_check(ax, "nl")
    plt.close("all")


def test_dimension_importance_plot_sorts_shares_with_intervals():
    tab = pd.DataFrame({"outcome": "retained", "driver": ["pex", "out", "pom"], "share": [0.2, 0.3, 0.5],
                        "share_ci_low": [0.1, 0.2, 0.4], "share_ci_high": [0.3, 0.4, 0.6]})
    ax = dimension_importance_plot(tab)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["peace of mind", "outcome focus", "product experience"]
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [50, 30, 20])
    np.testing.assert_allclose(_errorbar_extents(ax), [(10, 30), (20, 40), (40, 60)])
    assert ax.get_title() == "retained"
    plt.close("all")


def test_dimension_importance_plot_in_dutch(plot_language_check):
    rng = np.random.default_rng(4)
    d = pd.DataFrame(rng.normal(size=(300, 3)), columns=["pex", "out", "pom"])
    d["retained"] = (rng.random(300) < special.expit(0.8 * d["pom"])).astype(int)
    res = dimension_importance(d, outcomes="retained", dimensions=["pex", "out", "pom"], bootstrap=30, seed=1)
    ax = dimension_importance_plot(res, language="nl")
    texts = plot_language_check(ax, "nl")
    assert texts[0] == "behouden" and "aandeel in de verklaarde pseudo-R² (%)" in texts
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "gemoedsrust"
    plt.close("all")
