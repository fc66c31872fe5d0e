"""Checks of nps_research.compare against independent computations.

Independent references used here:
- scipy's Mann-Whitney U and a brute-force pairwise count for the AUC;
- statsmodels (Logit, OLS, F tests) for the model fits, likelihood-ratio and F statistics;
- a hand computation of the corrected resampled t-test;
- R's psych::r.test (tests/r/compare_correlations.R, values pasted below) and published examples for the
  dependent-correlation tests;
- pandas group means and normal-theory / delta-method intervals for value_by_category;
- simulations with a known truth (null rejection rates, interval coverage).
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import special, stats

from nps_research import Study, StudyDataError
from nps_research.compare import (
    auc,
    compare_correlations,
    corrected_resampled_ttest,
    customer_frame,
    dependent_correlation_test,
    exq_dimension_scores,
    incremental_validity,
    join_latest_response,
    predictive_validity,
    repeated_kfold,
    value_by_category,
)

R_DIR = Path(__file__).parent / "r"


def _sim(n=800, seed=0, b_cx=1.2, b_ltr=0.2):
    rng = np.random.default_rng(seed)
    cx = rng.normal(size=n)
    ltr = np.clip(np.round(7 + 1.5 * (0.6 * cx + 0.8 * rng.normal(size=n))), 0, 10)
    ltr_z = (ltr - ltr.mean()) / ltr.std()
    retained = (rng.random(n) < special.expit(1.0 + b_cx * cx + b_ltr * ltr_z)).astype(int)
    revenue = 1000 + 150 * cx + 40 * ltr_z + rng.normal(scale=300, size=n)
    return pd.DataFrame({"cx": cx, "ltr": ltr, "csat": np.round(cx + rng.normal(size=n)), "retained": retained,
                         "revenue": revenue, "segment": rng.choice(["a", "b", "c"], size=n)})


# --------------------------------------------------------------------------------------------
# AUC, folds, corrected t-test
# --------------------------------------------------------------------------------------------


def test_auc_equals_mann_whitney_and_brute_force_with_ties():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, size=300)
    s = np.round(rng.normal(size=300) + y, 1)  # rounding creates ties
    n1, n0 = y.sum(), (1 - y).sum()
    u = stats.mannwhitneyu(s[y == 1], s[y == 0]).statistic
    diff = s[y == 1][:, None] - s[y == 0][None, :]
    brute = (np.sum(diff > 0) + 0.5 * np.sum(diff == 0)) / (n1 * n0)
    assert auc(y, s) == pytest.approx(u / (n1 * n0), abs=1e-12)
    assert auc(y, s) == pytest.approx(brute, abs=1e-12)
    assert math.isnan(auc([1, 1], [0.2, 0.3]))


def test_repeated_kfold_partitions_stratifies_and_is_reproducible():
    y = np.r_[np.ones(37), np.zeros(113)]
    folds = repeated_kfold(150, cv=5, repeats=3, seed=7, strata=y)
    assert folds.shape == (3, 150)
    for r in range(3):
        sizes = np.bincount(folds[r], minlength=5)
        assert sizes.max() - sizes.min() <= 1
        ones = np.bincount(folds[r][y == 1], minlength=5)
        assert ones.max() - ones.min() <= 1  # each fold gets 7 or 8 of the 37 ones
    assert not np.array_equal(folds[0], folds[1])
    np.testing.assert_array_equal(folds, repeated_kfold(150, cv=5, repeats=3, seed=7, strata=y))
    with pytest.raises(ValueError, match="cv must be"):
        repeated_kfold(10, cv=11)


def test_corrected_resampled_ttest_hand_computation():
    # d = 1, 2, 3, 4; mean 2.5; s^2 = 5/3; n_test/n_train = 1: var = (1/4 + 1) * 5/3 = 25/12
    # t = 2.5 / sqrt(25/12) = sqrt(3); for 3 df, P(T > sqrt 3) = 1/4 - 1/(2 pi) (closed form of t_3).
    res = corrected_resampled_ttest([1, 2, 3, 4], n_train=40, n_test=40)
    assert res["t"] == pytest.approx(math.sqrt(3), rel=1e-12)
    assert res["df"] == 3
    assert res["p_value"] == pytest.approx(2 * (0.25 - 1 / (2 * math.pi)), rel=1e-10)
    half = 3.182446305284263 * math.sqrt(25 / 12)  # t_{0.975, 3} from tables
    assert res["ci_low"] == pytest.approx(2.5 - half, rel=1e-9)
    assert res["ci_high"] == pytest.approx(2.5 + half, rel=1e-9)
    # 10-fold: n_test/n_train = 1/9; d = 0, 0.1, ..., 0.9 (s^2 = 11/120); J = 10
    res = corrected_resampled_ttest(np.arange(10) / 10, n_train=900, n_test=100)
    se = math.sqrt((1 / 10 + 1 / 9) * 11 / 120)
    assert res["se"] == pytest.approx(se, rel=1e-12)
    assert res["t"] == pytest.approx(0.45 / se, rel=1e-12)


# --------------------------------------------------------------------------------------------
# predictive validity
# --------------------------------------------------------------------------------------------


def test_fold_scores_match_a_brute_force_refit_with_statsmodels():
    df = _sim(n=500, seed=2)
    res = predictive_validity(df, outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx", "csat"]},
                              cv=5, repeats=2, seed=3)
    folds = repeated_kfold(len(df), cv=5, repeats=2, seed=3, strata=df["retained"].to_numpy())
    for r, k, m, cols in ((0, 0, "NPS", ["ltr"]), (1, 3, "CX", ["cx", "csat"])):
        test = folds[r] == k
        X = sm.add_constant(df[cols].to_numpy())
        fit = sm.Logit(df["retained"].to_numpy()[~test], X[~test]).fit(disp=0)
        p = fit.predict(X[test])
        yt = df["retained"].to_numpy()[test]
        got = res.fold_scores.set_index(["repeat", "fold", "measure", "metric"])["value"]
        assert got[(r, k, m, "auc")] == pytest.approx(auc(yt, p), abs=1e-9)
        assert got[(r, k, m, "brier")] == pytest.approx(np.mean((p - yt) ** 2), abs=1e-9)
        ll = -np.mean(yt * np.log(p) + (1 - yt) * np.log(1 - p))
        assert got[(r, k, m, "log_loss")] == pytest.approx(ll, abs=1e-9)
    # continuous outcome, one fold, against OLS
    res = predictive_validity(df, outcome="revenue", measures={"NPS": ["ltr"], "CX": ["cx"]}, cv=4, repeats=1,
                              seed=5)
    assert res.kind == "continuous"
    folds = repeated_kfold(len(df), cv=4, repeats=1, seed=5)
    test = folds[0] == 2
    X = sm.add_constant(df[["cx"]].to_numpy())
    pred = sm.OLS(df["revenue"].to_numpy()[~test], X[~test]).fit().predict(X[test])
    yt = df["revenue"].to_numpy()[test]
    got = res.fold_scores.set_index(["repeat", "fold", "measure", "metric"])["value"]
    assert got[(0, 2, "CX", "r2")] == pytest.approx(1 - np.sum((yt - pred) ** 2) / np.sum((yt - yt.mean()) ** 2))
    assert got[(0, 2, "CX", "rmse")] == pytest.approx(np.sqrt(np.mean((yt - pred) ** 2)))


def test_tables_are_identical_with_the_same_seed_and_paired_differences_use_the_same_folds():
    df = _sim(n=800, seed=4)
    kw = dict(outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"], "Both": ["cx", "ltr"]}, cv=5, repeats=3)
    a = predictive_validity(df, seed=11, **kw)
    b = predictive_validity(df, seed=11, **kw)
    for name in ("scores", "differences", "fold_scores", "in_sample", "coefficients", "lr_tests", "predictions"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    c = predictive_validity(df, seed=12, **kw)
    assert not a.fold_scores["value"].equals(c.fold_scores["value"])
    # the difference is the mean of per-fold differences, tested with the corrected t-test
    w = a.fold_scores[a.fold_scores["metric"] == "auc"].pivot_table(index=["repeat", "fold"], columns="measure",
                                                                     values="value")
    d = (w["CX"] - w["NPS"]).to_numpy()
    ref = corrected_resampled_ttest(d, n_train=800 * 4 / 5, n_test=800 / 5)
    row = a.differences[(a.differences["measure"] == "CX") & (a.differences["metric"] == "auc")].iloc[0]
    assert row["difference"] == pytest.approx(d.mean())
    assert row["p_value"] == pytest.approx(ref["p_value"])
    assert row["favours"] == "CX"
    # the same differences for every fold => the predictions table is aligned by row
    assert set(a.predictions["measure"]) == {"NPS", "CX", "Both"}
    assert len(a.predictions) == 3 * 3 * 800


def test_in_sample_fits_and_likelihood_ratio_tests_match_statsmodels():
    df = _sim(n=600, seed=6)
    measures = {"NPS": ["ltr"], "CX": ["cx"], "CX + NPS": ["cx", "ltr"], "Seg": ["segment"]}
    res = predictive_validity(df, outcome="retained", measures=measures, cv=3, repeats=1, seed=0)
    y = df["retained"]
    fits = {m: sm.Logit(y, sm.add_constant(pd.get_dummies(df[c], drop_first=True, dtype=float))).fit(disp=0)
            for m, c in measures.items()}
    ins = res.in_sample.set_index("measure")
    for m, f in fits.items():
        assert ins.loc[m, "log_likelihood"] == pytest.approx(f.llf, rel=1e-8)
        assert ins.loc[m, "aic"] == pytest.approx(f.aic, rel=1e-8)
        assert ins.loc[m, "bic"] == pytest.approx(f.bic, rel=1e-8)
        assert ins.loc[m, "pseudo_r2"] == pytest.approx(f.prsquared, rel=1e-7)
    coef = res.coefficients.set_index(["measure", "term"])
    np.testing.assert_allclose(coef.loc[("CX + NPS", "cx"), ["coef", "se"]].to_numpy(dtype=float),
                               [fits["CX + NPS"].params["cx"], fits["CX + NPS"].bse["cx"]], rtol=1e-6)
    assert coef.loc[("Seg", "segment=b"), "coef"] == pytest.approx(fits["Seg"].params["segment_b"], rel=1e-6)
    # nested pairs only: NPS < CX + NPS and CX < CX + NPS
    lr = res.lr_tests.set_index(["restricted", "full"])
    assert set(lr.index) == {("NPS", "CX + NPS"), ("CX", "CX + NPS")}
    stat = 2 * (fits["CX + NPS"].llf - fits["NPS"].llf)
    assert lr.loc[("NPS", "CX + NPS"), "lr"] == pytest.approx(stat, rel=1e-7)
    assert lr.loc[("NPS", "CX + NPS"), "p_value"] == pytest.approx(stats.chi2.sf(stat, 1), rel=1e-6)
    # linear outcome: R-squared and log-likelihood as OLS; AIC counts the residual variance (as R's AIC(lm))
    res = predictive_validity(df, outcome="revenue", measures={"CX": ["cx"], "Both": ["cx", "ltr"]}, cv=3,
                              repeats=1, seed=0)
    f = sm.OLS(df["revenue"], sm.add_constant(df[["cx", "ltr"]])).fit()
    row = res.in_sample.set_index("measure").loc["Both"]
    assert row["log_likelihood"] == pytest.approx(f.llf, rel=1e-10)
    assert row["r2"] == pytest.approx(f.rsquared, rel=1e-8)
    assert row["aic"] == pytest.approx(f.aic + 2, rel=1e-10)


def test_controls_enter_every_model_and_missing_rows_are_dropped_for_all_measures():
    df = _sim(n=300, seed=8)
    df.loc[[3, 10, 50], "csat"] = np.nan
    res = predictive_validity(df, outcome="retained", measures={"NPS": ["ltr"], "Sat": ["csat"]},
                              controls=["segment"], cv=3, repeats=1, seed=1)
    assert res.n == 297 and res.n_dropped == 3
    terms = res.coefficients.groupby("measure")["term"].apply(set)
    assert {"segment=b", "segment=c"} <= terms["NPS"] and {"segment=b", "segment=c"} <= terms["Sat"]


def test_predictive_validity_validation_messages():
    df = _sim(n=200, seed=9)
    with pytest.raises(StudyDataError, match="'nope'"):
        predictive_validity(df, outcome="retained", measures={"A": ["nope"]})
    with pytest.raises(ValueError, match="baseline"):
        predictive_validity(df, outcome="retained", measures={"A": ["ltr"]}, baseline="B")
    with pytest.raises(StudyDataError, match="coded 0/1"):
        predictive_validity(df, outcome="revenue", measures={"A": ["ltr"]}, kind="binary")
    rare = df.assign(retained=0)
    rare.loc[:4, "retained"] = 1
    with pytest.raises(StudyDataError, match="fewer than the 10 folds"):
        predictive_validity(rare, outcome="retained", measures={"A": ["ltr"]})
    with pytest.raises(ValueError, match="also listed as a predictor"):
        predictive_validity(df, outcome="ltr", measures={"A": ["ltr"]})


def test_cx_ahead_when_it_drives_the_outcome_and_nps_ahead_the_other_way_round():
    # simulated directly: 1,500 customers; the planted coefficient of cx is recovered
    df = _sim(n=1500, seed=10, b_cx=1.2, b_ltr=0.0)
    res = predictive_validity(df, outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"]}, cv=5, repeats=2,
                              seed=1)
    assert res.differences.set_index("metric").loc["auc", "favours"] == "CX"
    b = res.coefficients.set_index(["measure", "term"]).loc[("CX", "cx")]
    assert abs(b["coef"] - 1.2) < 3 * b["se"]
    df = _sim(n=1500, seed=11, b_cx=0.0, b_ltr=1.2)
    res = predictive_validity(df, outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"]}, cv=5, repeats=2,
                              seed=1)
    assert res.differences.set_index("metric").loc["auc", "favours"] == "NPS"


@pytest.mark.slow
def test_false_positive_rate_of_the_paired_cv_comparison_is_near_nominal():
    # Two measures equally good by construction (x1, x2 = latent + noise of the same size); 150 replicates of a
    # cheap version (n = 300, 5-fold x 2). The corrected resampled t-test should reject at about 5% or less.
    rng = np.random.default_rng(2024)
    rejections = []
    for _ in range(150):
        z = rng.normal(size=300)
        df = pd.DataFrame({"x1": z + rng.normal(size=300), "x2": z + rng.normal(size=300)})
        df["y"] = (rng.random(300) < special.expit(0.3 + z)).astype(int)
        res = predictive_validity(df, outcome="y", measures={"A": ["x1"], "B": ["x2"]}, cv=5, repeats=2,
                                  seed=int(rng.integers(1 << 31)))
        rejections.append(res.differences.set_index("metric").loc["auc", "p_value"] < 0.05)
    rate = float(np.mean(rejections))
    # binomial 99% upper limit for a true 5% rate with 150 replicates is about 0.095
    assert rate <= 0.095, rate


# --------------------------------------------------------------------------------------------
# incremental validity
# --------------------------------------------------------------------------------------------


def test_incremental_validity_linear_matches_statsmodels_f_test():
    df = _sim(n=500, seed=12)
    res = incremental_validity(df, outcome="revenue", measures={"NPS": ["ltr"], "CX": ["cx", "csat"]},
                               controls=["segment"])
    t = res.table.set_index(["base", "added"])
    ctrl = pd.get_dummies(df["segment"], drop_first=True, dtype=float)
    base = sm.OLS(df["revenue"], sm.add_constant(pd.concat([ctrl, df[["ltr"]]], axis=1))).fit()
    full = sm.OLS(df["revenue"], sm.add_constant(pd.concat([ctrl, df[["ltr", "cx", "csat"]]], axis=1))).fit()
    f, p, df1 = full.compare_f_test(base)
    row = t.loc[("NPS", "CX")]
    assert row["statistic"] == pytest.approx(f, rel=1e-8)
    assert row["p_value"] == pytest.approx(p, rel=1e-6, abs=1e-300)
    assert row["df1"] == df1 == 2 and row["df2"] == full.df_resid
    assert row["r2_base"] == pytest.approx(base.rsquared) and row["r2_full"] == pytest.approx(full.rsquared)
    assert t.loc[("CX", "NPS"), "df1"] == 1


def test_incremental_validity_logistic_matches_statsmodels_lr_and_mcfadden():
    df = _sim(n=700, seed=13)
    res = incremental_validity(df, outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"]})
    base = sm.Logit(df["retained"], sm.add_constant(df[["ltr"]])).fit(disp=0)
    full = sm.Logit(df["retained"], sm.add_constant(df[["ltr", "cx"]])).fit(disp=0)
    row = res.table.set_index(["base", "added"]).loc[("NPS", "CX")]
    assert row["test"] == "LR"
    assert row["statistic"] == pytest.approx(2 * (full.llf - base.llf), rel=1e-7)
    assert row["r2_base"] == pytest.approx(base.prsquared, rel=1e-7)
    assert row["r2_full"] == pytest.approx(full.prsquared, rel=1e-7)
    text = " ".join(res.conclusions())
    assert "CX adds significantly to NPS" in text
    nl = " ".join(res.conclusions("nl"))
    assert "voegt significant iets toe" in nl


# --------------------------------------------------------------------------------------------
# dependent correlations
# --------------------------------------------------------------------------------------------

# psych 2.2.9 r.test (Williams' T2), from tests/r/compare_correlations.R
PSYCH_GRID = [
    (100, 0.300, 0.400, 0.500, -1.0767356378, 0.2842690470),
    (103, 0.400, 0.500, 0.100, -0.8912799048, 0.3749185175),
    (50, 0.500, 0.200, 0.300, 1.9816681429, 0.0533822004),
    (157, 0.612, 0.541, 0.466, 1.1255432140, 0.2621099727),
    (200, 0.550, 0.450, 0.600, 1.8927421414, 0.0598584340),
    (1000, 0.250, 0.310, 0.700, -2.5726364811, 0.0102364302),
    (30, -0.200, 0.350, 0.100, -2.3471356482, 0.0265034546),
]


@pytest.mark.parametrize(("n", "r12", "r13", "r23", "t", "p"), PSYCH_GRID)
def test_williams_t2_matches_psych_r_test(n, r12, r13, r23, t, p):
    res = dependent_correlation_test(r12, r13, r23, n, test="williams")
    assert res["statistic"] == pytest.approx(t, abs=1e-9)
    assert res["p_value"] == pytest.approx(p, abs=1e-9)
    assert res["df"] == n - 3


def test_published_examples_of_dependent_correlation_tests():
    # Steiger (1980) case A (r = .4, .5, .1, n = 103): Williams' T2 = -0.8913, as psych::r.test gives (PSYCH_GRID);
    # Steiger's own Z (eq. 14) is checked against the published DEPCOR output below, and for its level by simulation.
    assert round(dependent_correlation_test(0.4, 0.5, 0.1, 103, test="williams")["statistic"], 4) == -0.8913
    # Silver, Hittner & May (2006) DEPCOR output for r = .3, .4, .5, n = 100
    res = dependent_correlation_test(0.3, 0.4, 0.5, 100)
    assert round(res["statistic"], 4) == -1.0718 and round(res["p_value"], 4) == 0.2838
    res = dependent_correlation_test(0.3, 0.4, 0.5, 100, test="meng")
    assert round(res["statistic"], 4) == -1.0707 and round(res["p_value"], 4) == 0.2843
    # Meng, Rosenthal & Rubin (1992): r = .63, -.03, r_kh = -.19, n = 15, one-sided Z = 1.68, p = .047
    res = dependent_correlation_test(0.63, -0.03, -0.19, 15, test="meng", alternative="greater")
    assert round(res["statistic"], 2) == 1.68 and round(res["p_value"], 3) == 0.047
    # May & Hittner (1997) table for Meng's Z, r = .5 vs .2, n = 50
    for r_kh, z in ((0.0, 1.62), (0.3, 1.91), (0.8, 3.50)):
        assert round(dependent_correlation_test(0.5, 0.2, r_kh, 50, test="meng")["statistic"], 2) == z
    # Zou (2007, p. 409): interval (-.093, .517) for r = .396 vs .179, r_kh = .088, n = 66
    res = dependent_correlation_test(0.396, 0.179, 0.088, 66)
    assert (round(res["ci_low"], 3), round(res["ci_high"], 3)) == (-0.093, 0.517)
    with pytest.raises(ValueError, match="strictly between"):
        dependent_correlation_test(1.0, 0.2, 0.1, 50)


def test_compare_correlations_from_data_matches_r():
    df = pd.read_csv(R_DIR / "compare_correlations_data.csv")
    res = compare_correlations(df, target="retained", x="cx", y="ltr", test="williams")
    assert (res.n, res.r_x, res.r_y, res.r_xy) == pytest.approx((200, 0.2713091442, 0.2264118722, 0.7284884660),
                                                                abs=1e-9)
    assert res.statistic == pytest.approx(0.8886966870, abs=1e-9)
    assert res.p_value == pytest.approx(0.3752499459, abs=1e-9)
    res = compare_correlations(df, target="retained", x="cx", y="ltr", test="williams", method="spearman")
    assert (res.r_x, res.r_y, res.r_xy) == pytest.approx((0.2596594922, 0.2026370422, 0.7024875554), abs=1e-9)
    assert res.statistic == pytest.approx(1.0740811475, abs=1e-9)
    assert "do not correlate significantly differently" in res.conclusions()[0]


def test_steiger_test_holds_its_level_under_the_null():
    # 2,000 samples of n = 150 from a trivariate normal with rho(t, x) = rho(t, y) = .4, rho(x, y) = .6
    rng = np.random.default_rng(5)
    cov = np.array([[1, 0.4, 0.4], [0.4, 1, 0.6], [0.4, 0.6, 1]])
    L = np.linalg.cholesky(cov)
    z = rng.normal(size=(2000, 150, 3)) @ L.T
    p = []
    for s in z:
        r = np.corrcoef(s, rowvar=False)
        p.append(dependent_correlation_test(r[0, 1], r[0, 2], r[1, 2], 150)["p_value"])
    rate = np.mean(np.array(p) < 0.05)
    assert 0.035 <= rate <= 0.065, rate  # binomial 99% range around 0.05 for 2,000 draws: 0.037-0.063


# --------------------------------------------------------------------------------------------
# value by category
# --------------------------------------------------------------------------------------------


def _value_data(n=1500, seed=0, ratio=1.5):
    rng = np.random.default_rng(seed)
    ltr = rng.choice(np.arange(11), size=n, p=np.r_[np.full(7, 0.04), 0.13, 0.15, 0.2, 0.24])
    cat = np.where(ltr <= 6, 0, np.where(ltr <= 8, 1, 2))
    mean = np.array([100.0, 100 * (1 + ratio) / 2, 100 * ratio])[cat]
    revenue = rng.gamma(4.0, mean / 4.0)
    retained = (rng.random(n) < np.array([0.6, 0.8, 0.9])[cat]).astype(int)
    return pd.DataFrame({"customer_id": [f"c{i}" for i in range(n)], "ltr": ltr, "revenue": revenue,
                         "retained": retained, "w": rng.uniform(0.5, 2, size=n)})


def test_value_by_category_means_ratio_moves_against_pandas_and_normal_theory():
    df = _value_data()
    res = value_by_category(df, value=["revenue", "retained"], seed=1, n_boot=4000)
    cat = pd.cut(df["ltr"], [-1, 6, 8, 10], labels=["detractor", "passive", "promoter"])
    means = df.groupby(cat, observed=True)[["revenue", "retained"]].mean()
    counts = cat.value_counts()
    bc = res.by_category.set_index(["value", "category"])
    for v in ("revenue", "retained"):
        for c in ("detractor", "passive", "promoter"):
            assert bc.loc[(v, c), "mean"] == pytest.approx(means.loc[c, v])
            assert bc.loc[(v, c), "n"] == counts[c]
            # bootstrap interval close to the normal-theory interval of a mean
            sub = df.loc[cat == c, v]
            se = sub.std() / np.sqrt(len(sub))
            assert bc.loc[(v, c), "se"] == pytest.approx(se, rel=0.1)
            assert bc.loc[(v, c), "ci_low"] == pytest.approx(sub.mean() - 1.96 * se, abs=0.25 * se)
    assert bc.xs("revenue", level="value")["share_of_value"].sum() == pytest.approx(1.0)
    ratio = res.ratios.set_index("value").loc["revenue"]
    mp, md = means.loc["promoter", "revenue"], means.loc["detractor", "revenue"]
    assert ratio["ratio"] == pytest.approx(mp / md)
    # delta-method interval of a ratio of independent means
    sp = df.loc[cat == "promoter", "revenue"].std() / np.sqrt(counts["promoter"])
    sd = df.loc[cat == "detractor", "revenue"].std() / np.sqrt(counts["detractor"])
    se_log = math.sqrt((sp / mp) ** 2 + (sd / md) ** 2)
    assert ratio["ci_low"] == pytest.approx(mp / md * math.exp(-1.96 * se_log), rel=0.03)
    assert ratio["ci_high"] == pytest.approx(mp / md * math.exp(1.96 * se_log), rel=0.03)
    assert not ratio["claim_in_ci"] and ratio["p_value_claim"] < 0.001  # true ratio 1.5, not 3
    mv = res.moves.set_index(["value", "from", "to"])
    assert mv.loc[("retained", "detractor", "promoter"), "difference"] == pytest.approx(
        means.loc["promoter", "retained"] - means.loc["detractor", "retained"])
    text = " ".join(res.conclusions())
    assert "not supported" in text and "lower" in text


def test_value_ratio_claim_consistent_when_true_and_weights_give_weighted_means():
    df = _value_data(n=3000, seed=3, ratio=3.0)
    res = value_by_category(df, value="revenue", weights="w", seed=2, n_boot=2000)
    cat = np.where(df["ltr"] <= 6, "detractor", np.where(df["ltr"] <= 8, "passive", "promoter"))
    bc = res.by_category.set_index("category")
    for c in ("detractor", "promoter"):
        sel = cat == c
        assert bc.loc[c, "mean"] == pytest.approx(np.average(df["revenue"][sel], weights=df["w"][sel]))
    assert 2.5 < res.ratios["ratio"].iloc[0] < 3.5
    assert "consistent with these data" in " ".join(res.conclusions())


@pytest.mark.slow
def test_bootstrap_ratio_interval_covers_the_true_ratio():
    rng = np.random.default_rng(99)
    cover = []
    for _ in range(150):
        n = 240
        ltr = rng.choice([3, 8, 10], size=n)
        mean = np.where(ltr == 3, 100.0, np.where(ltr == 8, 150.0, 200.0))
        df = pd.DataFrame({"ltr": ltr, "v": rng.gamma(3.0, mean / 3.0)})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = value_by_category(df, value="v", customer=None, n_boot=500, seed=int(rng.integers(1 << 31)))
        r = res.ratios.iloc[0]
        cover.append(r["ci_low"] <= 2.0 <= r["ci_high"])
    assert 0.89 <= np.mean(cover) <= 0.99


def test_value_by_category_requires_one_row_per_customer():
    df = _value_data(n=100)
    df.loc[5, "customer_id"] = "c1"
    with pytest.raises(StudyDataError, match="join_latest_response"):
        value_by_category(df, value="revenue")


# --------------------------------------------------------------------------------------------
# joining responses to outcomes
# --------------------------------------------------------------------------------------------


def test_join_latest_response_and_customer_frame():
    responses = pd.DataFrame({
        "customer_id": ["a", "a", "a", "b", "c", "c"],
        "date": ["2024-01-05", "2024-03-01", "2024-03-01", "2024-02-01", "2024-01-01", "2024-05-01"],
        "survey_type": ["relational", "relational", "relational", "relational", "relational", "transactional"],
        "ltr": [1, 5, 9, 7, 10, 2],
        "q1": [1, 2, 7, 4, 6, np.nan], "q2": [1, 2, 6, 5, np.nan, np.nan], "q3": [2, 2, 5, 3, np.nan, np.nan]})
    outcomes = pd.DataFrame({"customer_id": ["a", "b", "c", "x"], "retained": [1, 0, 1, 1]})
    j = join_latest_response(responses, outcomes)
    # a: two responses on the latest date, the one further down wins; c: the later transactional response
    assert j.set_index("customer_id")["ltr"].to_dict() == {"a": 9, "b": 7, "c": 2}
    assert j.set_index("customer_id")["n_responses"].to_dict() == {"a": 3, "b": 1, "c": 2}
    assert j.attrs["join"]["outcomes_without_response"] == 1
    j = join_latest_response(responses, outcomes, survey_type="relational")
    assert j.set_index("customer_id")["ltr"].to_dict() == {"a": 9, "b": 7, "c": 10}
    f = customer_frame(Study(responses=responses, outcomes=outcomes), dimensions={"d1": ["q1", "q2"], "d2": ["q3"]})
    # "auto" picks the relational responses
    assert f.set_index("customer_id")["ltr"].to_dict() == {"a": 9, "b": 7, "c": 10}
    assert f["promoter"].tolist() == [1, 0, 1] and f["passive"].tolist() == [0, 1, 0]
    # d1 of c: one of two items answered = half -> scored; d2 of c unanswered -> missing; cx needs 2 of 3 items
    assert f["d1"].tolist() == [6.5, 4.5, 6.0]
    assert np.isnan(f["d2"].iloc[2]) and np.isnan(f["cx"].iloc[2])
    assert f["cx"].iloc[0] == pytest.approx(6.0)
    pd.testing.assert_frame_equal(
        exq_dimension_scores(f, {"d1": ["q1", "q2"], "d2": ["q3"]}, total="cx"), f[["d1", "d2", "cx"]],
        check_names=False)
    dup = pd.concat([outcomes, outcomes.iloc[[0]]], ignore_index=True)
    with pytest.raises(StudyDataError, match="once in the outcomes table"):
        join_latest_response(responses, dup)
