"""Theme impact: the joint model recovers known theme effects in sign and order, its fit agrees with
statsmodels, and the simple comparison is what it says."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from nps_research.voice import code_themes, fit_multinomial, theme_impact


@pytest.fixture(scope="module")
def result(comments):
    df, truth = comments(6000, 11)
    return df, truth, theme_impact(df, frame="energy", controls=["channel"], bootstrap=100, seed=1)


def test_coding_of_the_generated_comments_is_right(result):
    df, truth, _ = result
    coded = code_themes(df, frame="energy")
    for t in truth["effects"]:
        assert (coded[t].to_numpy() == truth["mentioned"][t].to_numpy()).mean() > 0.99, t


def test_impact_recovers_the_sign_and_order_of_the_theme_effects(result):
    _, truth, out = result
    eff = out.set_index("theme").loc[list(truth["effects"])]
    true = pd.Series(truth["effects"])
    # a theme that lowers the score costs NPS: removing it raises the NPS (positive effect), and vice versa
    assert (np.sign(eff["effect"]) == -np.sign(true)).all()
    assert stats.spearmanr(eff["effect"], -true).statistic == pytest.approx(1.0)
    # intervals exclude 0 for the three larger effects and the praise
    big = eff.loc[["billing", "waiting", "digital"]]
    assert ((big["ci_low"] > 0) | (big["ci_high"] < 0)).all()
    assert (eff["impact"] - eff["effect"] * eff["share"]).abs().max() < 1e-9


def test_impact_is_the_change_in_promoters_minus_detractors(result):
    _, _, out = result
    ok = out.loc[out["impact"].notna()]
    assert np.allclose(ok["impact"], ok["promoters_change"] - ok["detractors_change"])


def test_the_simple_comparison_is_the_nps_of_those_without_the_theme(result):
    df, _, out = result
    coded = code_themes(df, frame="energy")
    row = out.set_index("theme").loc["billing"]
    without = df.loc[~coded["billing"], "ltr"]
    nps_without = 100 * ((without >= 9).mean() - (without <= 6).mean())
    nps_all = 100 * ((df["ltr"] >= 9).mean() - (df["ltr"] <= 6).mean())
    assert row["nps_without"] == pytest.approx(nps_without)
    assert row["simple_impact"] == pytest.approx(nps_without - nps_all)
    assert out.attrs["nps"] == pytest.approx(nps_all)


def test_the_multinomial_fit_matches_statsmodels():
    import statsmodels.api as sm

    rng = np.random.default_rng(5)
    X = np.column_stack([np.ones(2000), rng.random((2000, 3)) < 0.3]).astype(float)
    eta = np.column_stack([X @ [-1, 1.2, 0.3, -0.5], np.zeros(2000), X @ [0.2, -1.0, 0.4, 0.8]])
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = (rng.random(2000)[:, None] > p.cumsum(axis=1)).sum(axis=1)
    B = fit_multinomial(X, y, ridge=0.0)
    # statsmodels with passive (1) as the base: relabel so that class 0 is the passive
    y_sm = np.select([y == 1, y == 0, y == 2], [0, 1, 2])
    ref = sm.MNLogit(y_sm, X).fit(disp=0).params
    assert np.allclose(B, ref, atol=1e-5)


def test_few_respondents_are_refused():
    with pytest.raises(ValueError, match="at least 30"):
        theme_impact(pd.DataFrame({"reason": ["te duur"] * 5, "ltr": [1] * 5}), frame="energy")


def test_grouped_counts_give_the_fit_of_the_rows_written_out():
    """theme_impact fits the distinct design rows with their class counts: the same estimates as the rows."""
    rng = np.random.default_rng(8)
    X = np.column_stack([np.ones(3000), rng.random((3000, 3)) < 0.4]).astype(float)
    y = rng.integers(0, 3, 3000)
    rows = fit_multinomial(X, y)
    patterns, inverse = np.unique(X, axis=0, return_inverse=True)
    counts = np.zeros((len(patterns), 3))
    np.add.at(counts, (np.asarray(inverse).ravel(), y), 1)
    assert len(patterns) <= 8  # three 0/1 columns: at most eight distinct rows
    np.testing.assert_allclose(fit_multinomial(patterns, counts=counts), rows, atol=1e-8)
