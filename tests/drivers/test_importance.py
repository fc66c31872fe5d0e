"""relative_importance: published values, R brute force, and fast path == brute force."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest

from nps_research.drivers import (
    FallbackWarning,
    all_subsets_mcfadden,
    all_subsets_r2,
    relative_importance,
    shapley_permutation,
)

# mtcars has 32 rows: the small-sample warning is expected (and tested once, below).
pytestmark = pytest.mark.filterwarnings("ignore:relative_importance. 32 complete rows")

# mtcars (R datasets), the columns used here.
MTCARS = pd.DataFrame({
    "mpg": [21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4,
            14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26.0, 30.4, 15.8, 19.7, 15.0, 21.4],
    "cyl": [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6, 8, 4],
    "disp": [160.0, 160.0, 108.0, 258.0, 360.0, 225.0, 360.0, 146.7, 140.8, 167.6, 167.6, 275.8, 275.8, 275.8,
             472.0, 460.0, 440.0, 78.7, 75.7, 71.1, 120.1, 318.0, 304.0, 350.0, 400.0, 79.0, 120.3, 95.1,
             351.0, 145.0, 301.0, 121.0],
    "hp": [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66, 52, 65, 97,
           150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109],
    "drat": [3.90, 3.90, 3.85, 3.08, 3.15, 2.76, 3.21, 3.69, 3.92, 3.92, 3.92, 3.07, 3.07, 3.07, 2.93, 3.00,
             3.23, 4.08, 4.93, 4.22, 3.70, 2.76, 3.15, 3.73, 3.08, 4.08, 4.43, 3.77, 4.22, 3.62, 3.54, 4.11],
    "wt": [2.620, 2.875, 2.320, 3.215, 3.440, 3.460, 3.570, 3.190, 3.150, 3.440, 3.440, 4.070, 3.730, 3.780,
           5.250, 5.424, 5.345, 2.200, 1.615, 1.835, 2.465, 3.520, 3.435, 3.840, 3.845, 1.935, 2.140, 1.513,
           3.170, 2.770, 3.570, 2.780],
    "qsec": [16.46, 17.02, 18.61, 19.44, 17.02, 20.22, 15.84, 20.00, 22.90, 18.30, 18.90, 17.40, 17.60, 18.00,
             17.98, 17.82, 17.42, 19.47, 18.52, 19.90, 20.01, 16.87, 17.30, 15.41, 17.05, 18.90, 16.70, 16.90,
             14.50, 15.50, 14.60, 18.60],
    "vs": [0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1],
    "am": [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1],
    "gear": [4, 4, 4, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 5, 5, 5, 5, 4],
})

AB_NAMES = ["x1", "x2", "x3", "x4", "y"]
# Azen & Budescu (2003), correlation matrix of their example (as in R dominanceanalysis' tests).
AB_CORR = pd.DataFrame([[1.0, 0.8, 0.1, 0.3, 0.6], [0.8, 1.0, 0.1, 0.1, 0.3], [0.1, 0.1, 1.0, 0.5, 0.4],
                        [0.3, 0.1, 0.5, 1.0, 0.5], [0.6, 0.3, 0.4, 0.5, 1.0]], index=AB_NAMES, columns=AB_NAMES)


def test_azen_budescu_2003_conditional_dominance_table():
    # Published table: average additional contribution by number of other predictors in the model.
    published = np.array([[0.360, 0.090, 0.160, 0.250],
                          [0.300, 0.074, 0.095, 0.152],
                          [0.263, 0.069, 0.063, 0.073],
                          [0.246, 0.071, 0.061, 0.010]])
    res = relative_importance(outcome="y", drivers=["x1", "x2", "x3", "x4"], corr=AB_CORR)
    np.testing.assert_allclose(res.conditional.to_numpy(), published, atol=0.0006)
    # general dominance = mean over levels; sums to the full R-squared
    np.testing.assert_allclose(res.importance["importance"], published.mean(axis=0), atol=0.0006)
    assert res.importance["importance"].sum() == pytest.approx(res.r2, abs=1e-12)
    assert res.importance["share"].sum() == pytest.approx(1.0, abs=1e-12)


def test_azen_budescu_2003_dominance_patterns():
    res = relative_importance(outcome="y", drivers=["x1", "x2", "x3", "x4"], corr=AB_CORR)
    complete = np.array([[0.5, 1, 1, 1], [0, 0.5, 0.5, 0.5], [0, 0.5, 0.5, 0.5], [0, 0.5, 0.5, 0.5]])
    general = np.array([[0.5, 1, 1, 1], [0, 0.5, 0, 0], [0, 1, 0.5, 0], [0, 1, 1, 0.5]])
    np.testing.assert_array_equal(res.complete_dominance.to_numpy(), complete)
    np.testing.assert_array_equal(res.conditional_dominance.to_numpy(), complete)
    np.testing.assert_array_equal(res.general_dominance.to_numpy(), general)
    # x2 correlates +0.3 with y but its full-model coefficient is negative (suppressor): flagged
    flags = res.importance.set_index("driver")["sign_flag"]
    assert flags.to_dict() == {"x1": False, "x2": True, "x3": False, "x4": False}


def test_mtcars_lmg_matches_r_brute_force():
    # tests/r/drivers_relimp.R: lm() on all subsets, Shapley weights
    res = relative_importance(MTCARS, outcome="mpg", drivers=["am", "vs", "cyl"])
    expected = {"am": 0.177489181940045, "vs": 0.202703206778562, "cyl": 0.381784903843491}
    got = res.importance.set_index("driver")["importance"]
    for k, v in expected.items():
        assert got[k] == pytest.approx(v, abs=1e-10)
    assert res.r2 == pytest.approx(0.761977292562098, abs=1e-12)
    res6 = relative_importance(MTCARS, outcome="mpg", drivers=["cyl", "disp", "hp", "wt", "drat", "qsec"])
    expected6 = [0.1732390931045447, 0.1640535121453225, 0.1436593554141406, 0.2252107878662621,
                 0.1037795706568457, 0.0448800923977074]
    np.testing.assert_allclose(res6.importance["importance"], expected6, atol=1e-10)


def test_mtcars_logistic_dominance_matches_r_glm_brute_force():
    res = relative_importance(MTCARS, outcome="vs", drivers=["mpg", "am", "wt", "drat"])
    assert res.family == "logistic"
    expected = [0.2359984971075191, 0.1144720810354078, 0.1606036185702592, 0.0585639445386476]
    np.testing.assert_allclose(res.importance["importance"], expected, atol=2e-6)
    assert res.r2 == pytest.approx(0.569638141251834, abs=2e-6)


def test_johnson_weights_published_rwa_example():
    # Published output of R package rwa (M. Chan), mtcars mpg ~ cyl + disp + hp + gear
    res = relative_importance(MTCARS, outcome="mpg", drivers=["cyl", "disp", "hp", "gear"], method="johnson")
    got = res.importance.set_index("driver")
    np.testing.assert_allclose(got.loc[["hp", "cyl", "disp", "gear"], "importance"],
                               [0.2321744, 0.2284797, 0.2221469, 0.0963886], atol=5e-8)
    np.testing.assert_allclose(got.loc[["hp", "cyl", "disp", "gear"], "share"] * 100,
                               [29.79691, 29.32274, 28.50999, 12.37037], atol=5e-5)
    assert res.r2 == pytest.approx(0.7791896, abs=5e-8)
    # and the second published example, mpg ~ cyl + disp + hp + wt
    res2 = relative_importance(MTCARS, outcome="mpg", drivers=["cyl", "disp", "hp", "wt"], method="johnson")
    np.testing.assert_allclose(res2.importance["importance"], [0.2096904, 0.1883043, 0.1799590, 0.2706812],
                               atol=5e-8)


def test_logistic_relative_weights_match_r():
    res = relative_importance(MTCARS, outcome="vs", drivers=["mpg", "am", "wt", "drat"], method="johnson")
    np.testing.assert_allclose(res.importance["importance"],
                               [0.2534405911850324, 0.0614238577054277, 0.2276181590002309, 0.0862230817128849],
                               atol=1e-6)
    assert res.r2 == pytest.approx(0.628705689603576, abs=1e-6)


def _brute_r2(X, y):
    n, p = X.shape
    out = np.zeros(2**p)
    tss = np.sum((y - y.mean()) ** 2)
    for s in range(1, 2**p):
        cols = [j for j in range(p) if (s >> j) & 1]
        A = np.column_stack([np.ones(n), X[:, cols]])
        beta = np.linalg.lstsq(A, y, rcond=None)[0]
        out[s] = 1 - np.sum((y - A @ beta) ** 2) / tss
    return out


def _brute_shapley(r2, p):
    vals = np.zeros(p)
    for j in range(p):
        for s in range(2**p):
            if not (s >> j) & 1:
                k = bin(s).count("1")
                vals[j] += math.factorial(k) * math.factorial(p - k - 1) / math.factorial(p) * (
                    r2[s | (1 << j)] - r2[s])
    return vals


@pytest.mark.parametrize("seed,p", [(1, 6), (2, 9)])
def test_fast_path_equals_refitting_every_subset(seed, p):
    rng = np.random.default_rng(seed)
    n = 300
    X = rng.normal(size=(n, p)) @ rng.normal(size=(p, p))  # correlated drivers
    y = X @ rng.normal(size=p) + rng.normal(scale=3, size=n)
    brute = _brute_r2(X, y)
    fast = all_subsets_r2(np.corrcoef(np.column_stack([X, y]), rowvar=False))
    np.testing.assert_allclose(fast, brute, atol=1e-10, rtol=0)
    df = pd.DataFrame(X, columns=[f"d{j}" for j in range(p)]).assign(y=y)
    res = relative_importance(df, outcome="y", drivers=[f"d{j}" for j in range(p)])
    np.testing.assert_allclose(res.importance["importance"], _brute_shapley(brute, p), atol=1e-10, rtol=0)


def test_collinear_driver_is_skipped_not_exploding():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(200, 3))
    X = np.column_stack([X, X[:, 0] + X[:, 1]])  # exact linear combination
    y = X[:, 0] + rng.normal(size=200)
    fast = all_subsets_r2(np.corrcoef(np.column_stack([X, y]), rowvar=False))
    np.testing.assert_allclose(fast, _brute_r2(X, y), atol=1e-9)


def test_weighted_equals_replicated_rows():
    rng = np.random.default_rng(4)
    df = pd.DataFrame(rng.normal(size=(60, 3)), columns=["a", "b", "c"])
    df["y"] = df @ [1.0, 0.5, -0.2] + rng.normal(size=60)
    df["w"] = rng.integers(1, 4, size=60)
    rep = df.loc[df.index.repeat(df["w"])]
    a = relative_importance(df, outcome="y", drivers=["a", "b", "c"], weights="w")
    b = relative_importance(rep, outcome="y", drivers=["a", "b", "c"])
    np.testing.assert_allclose(a.importance["importance"], b.importance["importance"], atol=1e-12)


def test_logistic_subsets_match_statsmodels():
    import statsmodels.api as sm

    rng = np.random.default_rng(5)
    X = rng.integers(1, 6, size=(500, 3)).astype(float)
    y = (X @ [0.6, 0.3, 0.0] - 2.5 + rng.logistic(size=500) > 0).astype(float)
    r2 = all_subsets_mcfadden(X, y)
    for s in range(1, 8):
        cols = [j for j in range(3) if (s >> j) & 1]
        m = sm.Logit(y, sm.add_constant(X[:, cols])).fit(disp=0)
        assert r2[s] == pytest.approx(m.prsquared, abs=1e-8)


def test_permutation_fallback_is_flagged_and_close_to_exact():
    rng = np.random.default_rng(6)
    p = 8
    X = rng.normal(size=(400, p)) @ rng.normal(size=(p, p))
    y = X @ rng.normal(size=p) + rng.normal(scale=4, size=400)
    df = pd.DataFrame(X, columns=[f"d{j}" for j in range(p)]).assign(y=y)
    drivers = [f"d{j}" for j in range(p)]
    exact = relative_importance(df, outcome="y", drivers=drivers)
    with pytest.warns(FallbackWarning, match="permutation"):
        approx = relative_importance(df, outcome="y", drivers=drivers, max_exact=6, n_permutations=4000, seed=1)
    assert not approx.exact and approx.fallback and approx.error_bound > 0
    diff = np.abs(approx.importance["importance"] - exact.importance["importance"])
    assert diff.max() <= approx.error_bound * 1.5
    # permutation estimates sum to R-squared exactly (each ordering does)
    assert approx.importance["importance"].sum() == pytest.approx(exact.r2, abs=1e-10)


def test_permutation_sampling_unbiased_against_exact_corr():
    R = AB_CORR.to_numpy()
    est, se = shapley_permutation(R, n_permutations=20000, seed=2)
    exact = relative_importance(outcome="y", drivers=["x1", "x2", "x3", "x4"], corr=AB_CORR)
    z = (est - exact.importance["importance"].to_numpy()) / se
    assert np.all(np.abs(z) < 4)


def test_bootstrap_intervals_cover_and_ranks():
    rng = np.random.default_rng(7)
    n = 800
    X = rng.normal(size=(n, 3))
    X[:, 1] += 0.5 * X[:, 0]
    y = 1.0 * X[:, 0] + 0.4 * X[:, 1] + 0.1 * X[:, 2] + rng.normal(size=n)
    df = pd.DataFrame(X, columns=["a", "b", "c"]).assign(y=y)
    res = relative_importance(df, outcome="y", drivers=["a", "b", "c"], bootstrap=200, seed=3)
    imp = res.importance.set_index("driver")
    assert (imp["ci_low"] <= imp["importance"]).all() and (imp["importance"] <= imp["ci_high"]).all()
    # a clearly dominant: rank interval [1, 1]; c clearly last
    assert (imp.loc["a", "rank_ci_low"], imp.loc["a", "rank_ci_high"]) == (1, 1)
    assert imp.loc["c", "rank_ci_low"] == 3
    d = res.differences.set_index(["driver_a", "driver_b"])
    assert bool(d.loc[("a", "c"), "significant"]) and d.loc[("a", "c"), "ci_low"] > 0
    # bootstrap SE close to the delta-free truth: compare to a large independent Monte Carlo of new samples
    sims = []
    for s in range(200):
        r = np.random.default_rng(1000 + s)
        Xs = r.normal(size=(n, 3))
        Xs[:, 1] += 0.5 * Xs[:, 0]
        ys = 1.0 * Xs[:, 0] + 0.4 * Xs[:, 1] + 0.1 * Xs[:, 2] + r.normal(size=n)
        C = np.corrcoef(np.column_stack([Xs, ys]), rowvar=False)
        sims.append(relative_importance(outcome="y", drivers=["a", "b", "c"],
                                        corr=pd.DataFrame(C, index=["a", "b", "c", "y"],
                                                          columns=["a", "b", "c", "y"])).importance["importance"])
    true_width = np.quantile(np.array(sims), [0.025, 0.975], axis=0)
    boot_width = (imp["ci_high"] - imp["ci_low"]).to_numpy()
    np.testing.assert_allclose(boot_width, true_width[1] - true_width[0], rtol=0.35)


def test_validation_messages():
    with pytest.raises(ValueError, match="bootstrap needs the data"):
        relative_importance(outcome="y", drivers=["x1", "x2"], corr=AB_CORR, bootstrap=10)
    with pytest.raises(ValueError, match="no row/column"):
        relative_importance(outcome="y", drivers=["x1", "zz"], corr=AB_CORR)
    bad = MTCARS.assign(cyl=MTCARS["cyl"].astype(str))
    bad.loc[3, "cyl"] = "six"
    with pytest.raises(ValueError, match=r"column 'cyl'.*numbers.*row: 3\)"):
        relative_importance(bad, outcome="mpg", drivers=["cyl", "wt"])
    with pytest.raises(ValueError, match="missing"):
        relative_importance(MTCARS, outcome="mpg", drivers=["nope"])


def test_small_sample_warns():
    with pytest.warns(UserWarning, match="complete rows"):
        relative_importance(MTCARS, outcome="mpg", drivers=["cyl", "disp", "hp", "wt", "drat"])


def test_twenty_drivers_exact_consistent_with_itertools_check():
    # p = 20: the fast path agrees with direct lstsq R-squared on a sample of subsets
    rng = np.random.default_rng(8)
    p, n = 20, 500
    X = rng.normal(size=(n, p)) @ (np.eye(p) + 0.3 * rng.normal(size=(p, p)))
    y = X[:, :5].sum(axis=1) + rng.normal(scale=3, size=n)
    r2 = all_subsets_r2(np.corrcoef(np.column_stack([X, y]), rowvar=False))
    tss = np.sum((y - y.mean()) ** 2)
    for s in itertools.islice(rng.choice(2**p, size=30, replace=False), 30):
        cols = [j for j in range(p) if (int(s) >> j) & 1]
        A = np.column_stack([np.ones(n), X[:, cols]])
        resid = y - A @ np.linalg.lstsq(A, y, rcond=None)[0]
        assert r2[s] == pytest.approx(1 - resid @ resid / tss, abs=1e-10)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = pd.DataFrame(X, columns=[f"d{j:02d}" for j in range(p)]).assign(y=y)
        res = relative_importance(df, outcome="y", drivers=list(df.columns[:-1]))
    assert res.exact and res.importance["importance"].sum() == pytest.approx(r2[-1], abs=1e-10)
