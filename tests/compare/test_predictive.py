"""Out-of-sample prediction (nps_research.compare.predictive) against independent computations.

Independent references: scipy's Mann-Whitney U and a brute-force pairwise count for the AUC; statsmodels
(Logit, OLS) refits of single folds and of the whole-sample models; a hand computation of the corrected
resampled t-test; simulations with a known truth (which measure drives the outcome, the null rejection rate).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import special, stats

from nps_research import StudyDataError
from nps_research.compare import (
    auc,
    corrected_resampled_ttest,
    predictive_validity,
    repeated_kfold,
)


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


def test_fold_scores_match_a_brute_force_refit_with_statsmodels(sim):
    df = sim(n=500, seed=2)
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


def test_tables_are_identical_with_the_same_seed_and_paired_differences_use_the_same_folds(sim):
    df = sim(n=800, seed=4)
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


def test_a_cross_validation_limited_to_max_rows_is_that_of_the_sample_and_the_whole_sample_fits_use_all(sim):
    df = sim(n=1200, seed=9)
    kw = dict(outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"]}, cv=5, repeats=2, seed=21)
    res = predictive_validity(df, max_rows=500, **kw)
    assert (res.n, res.n_cv) == (1200, 500)
    rows = res.predictions["row"].unique()
    assert len(rows) == 500 and set(rows) <= set(df.index)
    # the same folds and scores as cross-validating those 500 customers by themselves
    alone = predictive_validity(df.loc[np.sort(rows)], **kw)
    pd.testing.assert_frame_equal(res.fold_scores, alone.fold_scores)
    pd.testing.assert_frame_equal(res.differences, alone.differences)
    # ... while AIC, coefficients and LR tests come from all 1,200 (statsmodels on every row)
    fit = sm.Logit(df["retained"], sm.add_constant(df[["cx"]])).fit(disp=0)
    assert res.in_sample.set_index("measure").loc["CX", "log_likelihood"] == pytest.approx(fit.llf, rel=1e-8)
    assert res.in_sample.set_index("measure").loc["CX", "log_likelihood"] != pytest.approx(
        alone.in_sample.set_index("measure").loc["CX", "log_likelihood"], rel=1e-3)
    # reproducible, and said in the report's method in both languages
    pd.testing.assert_frame_equal(res.predictions, predictive_validity(df, max_rows=500, **kw).predictions)
    assert "500 of the 1,200 customers" in " ".join(res.describe_method("en"))
    assert "n = 500)" in res.describe("en")[0]  # the headline's n is that of the cross-validated customers
    assert "500 van de 1.200 klanten" in " ".join(res.describe_method("nl"))
    assert "aselecte" not in " ".join(alone.describe_method("nl"))
    # no limit below the data's size: unchanged
    same = predictive_validity(df, max_rows=5000, **kw)
    pd.testing.assert_frame_equal(same.fold_scores, predictive_validity(df, **kw).fold_scores)
    assert "n = 1,200)" in same.describe("en")[0]
    with pytest.raises(ValueError, match="max_rows"):
        predictive_validity(df, max_rows=1, **kw)


def test_in_sample_fits_and_likelihood_ratio_tests_match_statsmodels(sim):
    df = sim(n=600, seed=6)
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


def test_controls_enter_every_model_and_missing_rows_are_dropped_for_all_measures(sim):
    df = sim(n=300, seed=8)
    df.loc[[3, 10, 50], "csat"] = np.nan
    res = predictive_validity(df, outcome="retained", measures={"NPS": ["ltr"], "Sat": ["csat"]},
                              controls=["segment"], cv=3, repeats=1, seed=1)
    assert res.n == 297 and res.n_dropped == 3
    terms = res.coefficients.groupby("measure")["term"].apply(set)
    assert {"segment=b", "segment=c"} <= terms["NPS"] and {"segment=b", "segment=c"} <= terms["Sat"]


def test_predictive_validity_validation_messages(sim):
    df = sim(n=200, seed=9)
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


def test_cx_ahead_when_it_drives_the_outcome_and_nps_ahead_the_other_way_round(sim):
    # simulated directly: 1,500 customers; the planted coefficient of cx is recovered
    df = sim(n=1500, seed=10, b_cx=1.2, b_ltr=0.0)
    res = predictive_validity(df, outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"]}, cv=5, repeats=2,
                              seed=1)
    assert res.differences.set_index("metric").loc["auc", "favours"] == "CX"
    b = res.coefficients.set_index(["measure", "term"]).loc[("CX", "cx")]
    assert abs(b["coef"] - 1.2) < 3 * b["se"]
    df = sim(n=1500, seed=11, b_cx=0.0, b_ltr=1.2)
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


def test_the_large_sample_logit_gives_the_numbers_of_statsmodels_glm(monkeypatch):
    """Above _LARGE_LOGIT rows the whole-sample logit is the package's own fit (less memory): coefficients,
    standard errors, Wald intervals, p-values and log-likelihood as statsmodels' binomial GLM."""
    import nps_research.compare.models as models

    rng = np.random.default_rng(12)
    n = 3000
    X = np.column_stack([np.ones(n), rng.normal(size=n), rng.integers(0, 2, n), rng.normal(size=n)])
    y = (rng.random(n) < special.expit(X @ np.array([-0.3, 0.8, 0.5, 0.0]))).astype(float)
    glm = sm.GLM(y, X, family=sm.families.Binomial()).fit(tol=1e-12)
    monkeypatch.setattr(models, "_LARGE_LOGIT", 1000)
    own = models.fit_whole_sample("binary", X, y)
    assert isinstance(own, models.LogitFit)
    np.testing.assert_allclose(own.params, glm.params, rtol=1e-8)
    np.testing.assert_allclose(own.bse, glm.bse, rtol=1e-7)
    np.testing.assert_allclose(own.pvalues, glm.pvalues, rtol=1e-6)
    np.testing.assert_allclose(own.conf_int(0.1), glm.conf_int(0.1), rtol=1e-7)
    assert own.llf == pytest.approx(glm.llf, rel=1e-12)


def test_the_first_sentence_claims_of_the_top_measure_only_what_its_test_against_the_baseline_says(sim):
    """Seen in the demo report: "CX + NPS is the best predictor of revenue, R² 0.048" beside "does not predict
    it significantly differently from NPS (p = 0.308)". The measures are tested against the baseline only: the
    top one has the highest score, and is significantly better than the baseline or not."""
    rng = np.random.default_rng(7)
    for _ in range(20):  # two equally good measures (independent of the package's generator); find a run
        z = rng.normal(size=400)  # in which the second one scores higher by chance
        df = pd.DataFrame({"x1": z + rng.normal(size=400), "x2": z + rng.normal(size=400)})
        df["y"] = (rng.random(400) < special.expit(0.3 + z)).astype(int)
        res = predictive_validity(df, outcome="y", measures={"A": ["x1"], "B": ["x2"]}, cv=5, repeats=2, seed=3)
        sc = res.scores.set_index(["metric", "measure"])["mean"]
        if sc[("auc", "B")] > sc[("auc", "A")]:
            break
    assert res.differences.set_index("metric").loc["auc", "favours"] == "neither"
    first = res.describe()[0]
    assert "has the highest AUC" in first and "but not significantly better than A" in first
    assert "best predictor" not in first
    assert "heeft B de hoogste AUC" in res.describe("nl")[0]
    df = sim(n=1500, seed=10, b_cx=1.2, b_ltr=0.0)  # CX drives the outcome and beats NPS
    res = predictive_validity(df, outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"]}, cv=5, repeats=2,
                              seed=1)
    first = res.describe()[0]
    assert first.startswith("Out of sample (") and "CX has the highest AUC for ‘retained’ (" in first
    assert "), significantly better than NPS (" in first and "best" not in first
    df = sim(n=1500, seed=11, b_cx=0.0, b_ltr=1.2)  # NPS drives it: the baseline on top, nothing to compare
    res = predictive_validity(df, outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"]}, cv=5, repeats=2,
                              seed=1)
    assert re.fullmatch(r"Buiten de steekproef \(.*\) heeft NPS de hoogste AUC voor ‘behouden’ \(0,\d{3}\)\.",
                        res.describe("nl")[0])
