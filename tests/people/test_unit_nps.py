"""Unit NPS as a learning tool: the Dirichlet-multinomial shrinkage, credible and rank intervals, funnel limits.

Independent checks: the closed-form beta-binomial case, Monte Carlo, formulas written out by hand, and
simulated units whose true shares are known (an independent generator, not nps_research.synthetic).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from nps_research import people
from nps_research.people import (
    dirichlet_difference_quantiles,
    fit_dirichlet_multinomial,
    funnel_limits,
    unit_nps,
)


def _units(rng, k=40, n_range=(20, 200), alpha=(6.0, 6.0, 8.0)):
    """k units, true shares ~ Dirichlet(alpha), n answers each; returns responses and the true NPS."""
    rows, truth = [], {}
    for u in range(k):
        p = rng.dirichlet(alpha)
        n = int(rng.integers(*n_range))
        cat = rng.choice(3, size=n, p=p)
        ltr = np.select([cat == 0, cat == 1], [rng.integers(0, 7, n), rng.integers(7, 9, n)], rng.integers(9, 11, n))
        rows.append(pd.DataFrame({"unit": f"U{u:02d}", "ltr": ltr}))
        truth[f"U{u:02d}"] = 100 * (p[2] - p[0])
    return pd.concat(rows, ignore_index=True), pd.Series(truth)


def test_dirichlet_fit_recovers_the_generating_prior():
    rng = np.random.default_rng(5)
    alpha = np.array([4.0, 6.0, 10.0])
    counts = np.array([rng.multinomial(int(n), rng.dirichlet(alpha)) for n in rng.integers(50, 300, 600)])
    prior = fit_dirichlet_multinomial(counts)
    np.testing.assert_allclose(prior.mean, alpha / alpha.sum(), atol=0.01)
    assert prior.weight == pytest.approx(alpha.sum(), rel=0.15)


def test_posterior_promoter_share_is_the_beta_binomial_closed_form():
    """The marginal of one Dirichlet component is a beta: E[p+ | data] = (a+ + r) / (A + n)."""
    df = pd.DataFrame({"unit": np.repeat(["a", "b", "c", "d"], 50),
                       "ltr": np.r_[np.tile([10, 9, 8, 2, 5], 10), np.tile([10, 3, 8, 2, 5], 10),
                                    np.tile([10, 9, 9, 9, 5], 10), np.tile([7, 9, 8, 2, 5], 10)]})
    out = unit_nps(df, unit="unit", min_n=10)
    a = out.attrs["prior"].alpha
    for r in out.itertuples():
        post = a + np.array([r.detractors, r.passives, r.promoters])
        expected = 100 * (post[2] - post[0]) / post.sum()
        assert r.nps_shrunk == pytest.approx(expected)
        # shrinkage moves the raw NPS towards the prior mean, never past it
        prior_nps = 100 * (a[2] - a[0]) / a.sum()
        assert min(r.nps, prior_nps) - 1e-9 <= r.nps_shrunk <= max(r.nps, prior_nps) + 1e-9


def test_credible_interval_matches_the_exact_beta_case_and_monte_carlo():
    # no passives: NPS/100 = 2B - 1 with B ~ Beta(a_r, a_d): exact quantiles
    q = dirichlet_difference_quantiles(np.array([[4.0, 1e-9, 9.0]]), [0.025, 0.5, 0.975])[0]
    exact = 100 * (2 * stats.beta.ppf([0.025, 0.5, 0.975], 9.0, 4.0) - 1)
    np.testing.assert_allclose(q, exact, atol=0.05)
    # general case against a million Dirichlet draws
    rng = np.random.default_rng(0)
    alpha = np.array([[12.0, 20.0, 9.0], [3.5, 1.2, 30.0]])
    q = dirichlet_difference_quantiles(alpha, [0.025, 0.975])
    for a, row in zip(alpha, q):
        d = rng.dirichlet(a, size=1_000_000)
        mc = 100 * np.quantile(d[:, 2] - d[:, 0], [0.025, 0.975])
        np.testing.assert_allclose(row, mc, atol=0.25)


def test_shrinkage_brings_units_closer_to_their_true_nps():
    errors_raw, errors_shrunk, covered, total = [], [], 0, 0
    for seed in range(8):
        df, truth = _units(np.random.default_rng(seed))
        out = unit_nps(df, unit="unit", min_n=1).set_index("unit")
        errors_raw.append(((out["nps"] - truth) ** 2).mean())
        errors_shrunk.append(((out["nps_shrunk"] - truth) ** 2).mean())
        covered += int(((out["ci_low"] <= truth) & (truth <= out["ci_high"])).sum())
        total += len(truth)
    assert np.mean(errors_shrunk) < 0.85 * np.mean(errors_raw)
    assert 0.90 <= covered / total <= 0.99  # 95% credible intervals cover the truth about 95% of the time


def test_funnel_limits_by_hand_and_overdispersion():
    lim = funnel_limits(np.array([50, 400]), p_plus=0.35, p_minus=0.25)
    for n, lo, hi in zip((50, 400), *lim[0.998]):
        sd = 100 * math.sqrt((0.35 + 0.25 - 0.1**2) / n)
        assert lo == pytest.approx(10 - 3.090232 * sd, abs=1e-4) and hi == pytest.approx(10 + 3.090232 * sd, abs=1e-4)
    # additive tau^2 widens by sqrt(var + tau2); multiplicative phi by sqrt(phi)
    a = funnel_limits(np.array([100]), p_plus=0.35, p_minus=0.25, tau2=25.0)[0.95]
    m = funnel_limits(np.array([100]), p_plus=0.35, p_minus=0.25, phi=2.0)[0.95]
    var = 1e4 * (0.6 - 0.01) / 100
    assert a[1][0] - 10 == pytest.approx(1.959964 * math.sqrt(var + 25), abs=1e-4)
    assert m[1][0] - 10 == pytest.approx(1.959964 * math.sqrt(2 * var), abs=1e-4)


def test_overdispersion_is_the_dersimonian_laird_tau2_of_winsorised_z():
    df, _ = _units(np.random.default_rng(3), k=30, n_range=(80, 120), alpha=(3.0, 3.0, 4.0))
    out = unit_nps(df, unit="unit", min_n=1)
    p = out[["detractors", "passives", "promoters"]].sum().to_numpy() / out["n"].sum()
    target = 100 * (p[2] - p[0])
    var = 1e4 * (p[2] + p[0] - (p[2] - p[0]) ** 2) / out["n"].to_numpy()
    z = (out["nps"].to_numpy() - target) / np.sqrt(var)
    z = np.clip(z, *np.quantile(z, [0.1, 0.9]))
    phi = np.mean(z**2)
    w = 1 / var
    tau2 = max(0.0, (len(z) * phi - (len(z) - 1)) / (w.sum() - (w**2).sum() / w.sum()))
    assert out.attrs["tau2"] == pytest.approx(tau2) and tau2 > 0
    assert out["funnel_high_95"].to_numpy() == pytest.approx(target + 1.959964 * np.sqrt(var + tau2), abs=1e-4)


def test_without_real_differences_few_units_fall_outside_998():
    outside = total = 0
    for seed in range(10):
        rng = np.random.default_rng(100 + seed)
        p = np.array([0.3, 0.3, 0.4])
        df = pd.DataFrame({"unit": np.repeat([f"U{i}" for i in range(30)], 100),
                           "ltr": np.select([rng.random(3000) < p[0], rng.random(3000) < 0.5], [3, 7], 10)})
        out = unit_nps(df, unit="unit", overdispersion=None)
        outside += int(out["outside_998"].sum())
        total += len(out)
    assert outside / total <= 0.01


def test_case_mix_adjustment_removes_a_mix_difference():
    """Two units equally good within each touchpoint, one handling the hard touchpoint: no difference after
    adjustment, a large one before."""
    rng = np.random.default_rng(7)
    rows = []
    for i, share_hard in enumerate([0.1, 0.9] * 6):
        n = 300
        hard = rng.random(n) < share_hard
        p_prom = np.where(hard, 0.15, 0.55)
        p_det = np.where(hard, 0.55, 0.15)
        r = rng.random(n)
        ltr = np.where(r < p_det, 3, np.where(r < p_det + p_prom, 10, 8))
        rows.append(pd.DataFrame({"unit": f"U{i:02d}", "touchpoint": np.where(hard, "hard", "easy"), "ltr": ltr}))
    df = pd.concat(rows, ignore_index=True)
    raw = unit_nps(df, unit="unit")
    adj = unit_nps(df, unit="unit", adjust_for=["touchpoint"])
    hard_units = [f"U{i:02d}" for i in range(1, 12, 2)]
    gap_raw = raw.set_index("unit")["nps"]
    gap_adj = adj.set_index("unit")["nps_adjusted"]
    assert gap_raw.drop(hard_units).mean() - gap_raw[hard_units].mean() > 50
    assert abs(gap_adj.drop(hard_units).mean() - gap_adj[hard_units].mean()) < 6
    assert adj.set_index("unit").loc[hard_units, "expected_nps"].lt(-20).all()


def test_rank_intervals_are_deterministic_and_contain_the_true_rank_mostly():
    df, truth = _units(np.random.default_rng(11), k=25, n_range=(150, 400))
    a = unit_nps(df, unit="unit")
    b = unit_nps(df, unit="unit")
    pd.testing.assert_frame_equal(a, b)
    true_rank = truth.rank(ascending=False).astype(int)
    out = a.set_index("unit")
    inside = ((out["rank_low"] <= true_rank) & (true_rank <= out["rank_high"])).mean()
    assert inside >= 0.8
    assert (out["rank_low"] <= out["rank_high"]).all()


def test_duckdb_route_counts_the_same(tmp_path):
    df, _ = _units(np.random.default_rng(2), k=12, n_range=(30, 200))
    path = tmp_path / "r.parquet"
    df.to_parquet(path)
    a = unit_nps(df, unit="unit")
    b = unit_nps(str(path), unit="unit")
    cols = ["unit", "n", "detractors", "passives", "promoters", "nps", "nps_shrunk", "ci_low", "ci_high"]
    pd.testing.assert_frame_equal(a[cols], b[cols], check_dtype=False)


def test_small_units_are_not_shown_and_bad_input_is_named():
    df = pd.DataFrame({"unit": ["a"] * 40 + ["b"] * 40 + ["c"] * 5, "ltr": [9, 3, 7, 10, 6] * 17})
    with pytest.warns(people.SmallSampleWarning):
        out = unit_nps(df, unit="unit")
    assert out.set_index("unit").loc["c", "shown"] == False  # noqa: E712
    assert pd.isna(out.set_index("unit").loc["c", "rank_low"])
    with pytest.raises(people.StudyDataError, match="column 'team'"):
        unit_nps(df, unit="team")
    with pytest.raises(ValueError, match="at least two units"):
        unit_nps(df.query("unit == 'a'"), unit="unit")


def test_rank_intervals_match_an_independent_monte_carlo_and_do_not_depend_on_threads(monkeypatch):
    # posteriors of units small (exact Dirichlet draws) and large (normal draws); the reference ranks 40,000
    # Dirichlet draws per unit with scipy's rankdata and takes np.quantile's lower / higher order statistics
    from scipy.stats import rankdata

    from nps_research.people import _rank_intervals

    rng = np.random.default_rng(4)
    shares = rng.dirichlet([6.0, 5.0, 9.0], size=24)
    n = np.r_[rng.integers(20, 120, 12), rng.integers(800, 3000, 12)]
    post = np.array([[1.5, 1.2, 2.3] + rng.multinomial(k, p) for k, p in zip(n, shares)])
    got = _rank_intervals(post, 0.9, 4000, seed=1)
    draws = np.stack([rng.dirichlet(a, size=40_000) for a in post], axis=1)  # (draws, units, 3)
    ranks = rankdata(-(draws[:, :, 2] - draws[:, :, 0]), axis=1).astype(int)
    want = np.column_stack([np.quantile(ranks, 0.05, axis=0, method="lower"),
                            np.quantile(ranks, 0.95, axis=0, method="higher")])
    assert np.abs(got - want).max() <= 1
    assert (got == want).mean() >= 0.8
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    np.testing.assert_array_equal(_rank_intervals(post, 0.9, 4000, seed=1), got)


def test_fast_trigamma_matches_scipy():
    from scipy import special

    from nps_research.people import _trigamma

    x = np.r_[np.linspace(0.01, 30, 20_000), np.logspace(1, 9, 500), 10.0]
    np.testing.assert_allclose(_trigamma(x), special.polygamma(1, x), rtol=1e-11, atol=0)


@pytest.mark.parametrize("seed", [36, 72, 144, 223])
def test_dirichlet_multinomial_fit_reaches_the_maximum_when_units_barely_differ(seed):
    # two dozen units whose shares differ little (prior weight ~800 answers): far from the optimum the
    # Hessian is indefinite and a plain Newton step crawled and stopped short, from both starts (at these
    # seeds 0.3-2.8 log-likelihood units below the maximum). Independent check: the likelihood on a fine grid
    # of weights, at the pooled and at the fitted shares, is nowhere above the fit's
    from nps_research.people import _dm_loglik, fit_dirichlet_multinomial

    rng = np.random.default_rng(seed)
    p = rng.beta(0.59 * 815, 0.41 * 815, size=24)
    n = rng.integers(1, 824, size=24)
    k = rng.binomial(n, p)
    counts = np.column_stack([k, n - k]).astype(float)
    prior = fit_dirichlet_multinomial(counts)
    pooled = counts.sum(axis=0) / counts.sum()
    best_grid = max(_dm_loglik(m * w, counts) for w in np.logspace(0, 6, 300) for m in (pooled, prior.mean))
    assert prior.loglik >= best_grid - 1e-3
