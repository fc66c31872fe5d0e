"""NPS interval methods against an independent implementation.

Expected values were produced by ``Rscript tests/r/nps_intervals.R`` (R 4.2.2 with survey and boot):
Wald and adjusted Wald from ``npvar()`` of Rocks' CRAN package NPS, the score interval by
``scoreci.mp()`` of CRAN PropCIs (Tango's interval; both function bodies pasted into the script),
the Bayes limits as exact Dirichlet quantiles by numerical integration (``integrate``/``uniroot``),
the bootstrap by ``boot::boot``/``boot.ci`` resampling rows, the weighted SE by
``survey::svymean``. Values are on the proportion scale there; x100 here.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy import integrate, stats

from nps_research.errors import StudyDataError
from nps_research.nps import (
    SmallSampleWarning,
    dirichlet_nps_moments,
    nps,
    nps_ci,
    nps_ci_from_counts,
)

# (counts), wald, adjusted wald, score (PropCIs::scoreci.mp), bayes (Jeffreys prior, exact quantiles)
R_CASES = [
    ((20, 30, 50), (0.1469219192, 0.4530780808), (0.1405113018, 0.4420129701), (0.1395513654, 0.4433930516), (0.1401667509, 0.4427265226)),
    ((3, 10, 17), (0.2269176186, 0.7064157148), (0.1899558484, 0.6585290001), (0.1898203532, 0.6686922073), (0.1933775841, 0.6628858341)),
    ((0, 0, 12), (1.0000000000, 1.0000000000), (0.5419587509, 1.0580412491), (0.5150117874, 1.0000000000), (0.5949307759, 0.9971364908)),
    ((1, 0, 0), (-1.0000000000, -1.0000000000), (-0.9849864942, 0.4849864942), (-1.0000000000, 0.5869013667), (-0.9763243426, 0.5864062857)),
    ((250, 400, 350), (0.0523926402, 0.1476073598), (0.0521744323, 0.1472273623), (0.0521674335, 0.1473250568), (0.0521756317, 0.1472754594)),
    ((7, 2, 1), (-1.0111255138, -0.1888744862), (-0.8526828365, -0.0703940866), (-0.8588582993, -0.0489241600), (-0.8493739279, -0.0699008010)),
    ((45, 80, 175), (0.3497524503, 0.5169142163), (0.3457709572, 0.5123148514), (0.3457080464, 0.5126204530), (0.3458289676, 0.5124457114)),
    ((0, 5, 0), (0.0000000000, 0.0000000000), (-0.3000569798, 0.3000569798), (-0.4344825745, 0.4344825149), (-0.3160379257, 0.3160379257)),
]
R_SCORE90 = (0.1661733985, 0.4217456937)  # scoreci.mp(20, 50, 100, 0.90)
R_BAYES_UNIFORM = (0.1368191354, 0.4376975029)  # prior (1, 1, 1), counts (20, 30, 50)
# boot::boot(R = 40000) on rows; boot.ci perc and bca with jackknife influence (empinf type "jack")
R_BOOT = [
    ((250, 400, 350), (0.052000, 0.148000), (0.051000, 0.146000), 0.024318),
    ((45, 80, 175), (0.346667, 0.516667), (0.343333, 0.510000), 0.042496),
]
R_WEIGHTED = dict(mean=-0.451250000000, se=0.058784245405, n_eff=177.777777777778)


def _clip(x):
    return float(np.clip(100 * x, -100, 100))


def _ci(counts, method, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        return nps_ci_from_counts(*counts, method=method, **kw)


@pytest.mark.parametrize("case", R_CASES, ids=[str(c[0]) for c in R_CASES])
def test_closed_form_intervals_match_r(case):
    counts, wald, adj, score, _ = case
    for method, ref, tol in (("wald", wald, 1e-7), ("adjusted-wald", adj, 1e-7), ("score", score, 2e-4)):
        r = _ci(counts, method)
        # PropCIs stops its bisection at |dp| < 1e-7 or |Z - z| < 1e-6 (proportion scale)
        assert r.ci_low == pytest.approx(_clip(ref[0]), abs=tol), method
        assert r.ci_high == pytest.approx(_clip(ref[1]), abs=tol), method
        assert -100 <= r.ci_low <= r.nps <= r.ci_high <= 100 or method == "adjusted-wald"


def test_adjusted_wald_interval_is_centred_on_the_adjusted_estimate_not_the_raw_one():
    r = _ci((0, 0, 12), "adjusted-wald")
    assert r.nps == 100.0
    assert r.extra["center"] == pytest.approx(100 * (12.75 - 0.75) / 15)
    assert r.ci_high == 100.0  # clipped from 105.8 (R value above)


def test_score_interval_other_confidence_matches_r():
    r = _ci((20, 30, 50), "score", confidence=0.90)
    assert (r.ci_low, r.ci_high) == pytest.approx((100 * R_SCORE90[0], 100 * R_SCORE90[1]), abs=2e-4)


def test_adjusted_wald_pseudo_is_configurable():
    # zero pseudo-observations turn the adjusted Wald into the Wald interval
    a = _ci((3, 10, 17), "adjusted-wald", pseudo=(0, 0, 0))
    w = _ci((3, 10, 17), "wald")
    assert (a.ci_low, a.ci_high) == pytest.approx((w.ci_low, w.ci_high))
    with pytest.raises(ValueError, match="pseudo"):
        _ci((3, 10, 17), "adjusted-wald", pseudo=(1, -1, 1))


@pytest.mark.parametrize("case", R_CASES, ids=[str(c[0]) for c in R_CASES])
def test_bayes_interval_matches_exact_dirichlet_quantiles(case):
    counts, *_, bayes = case
    r = _ci(counts, "bayes", n_draws=200_000, seed=1)
    # Monte Carlo quantile error with 2e5 draws is well below 0.5 points
    assert r.ci_low == pytest.approx(100 * bayes[0], abs=0.5)
    assert r.ci_high == pytest.approx(100 * bayes[1], abs=0.5)


def test_bayes_uniform_prior_and_posterior_moments():
    r = _ci((20, 30, 50), "bayes", prior=(1, 1, 1), n_draws=200_000, seed=2)
    assert (r.ci_low, r.ci_high) == pytest.approx((100 * R_BAYES_UNIFORM[0], 100 * R_BAYES_UNIFORM[1]), abs=0.4)
    # closed-form posterior mean/sd vs brute-force moments of the Dirichlet draws
    rng = np.random.default_rng(3)
    th = rng.dirichlet(np.array([20, 30, 50]) + 1.0, size=400_000)
    diff = 100 * (th[:, 2] - th[:, 0])
    mean, sd = dirichlet_nps_moments(20, 30, 50, prior=(1, 1, 1))
    assert mean == pytest.approx(diff.mean(), abs=0.05)
    assert sd == pytest.approx(diff.std(), rel=0.01)
    assert r.se == pytest.approx(sd)
    assert r.extra["posterior_mean"] == pytest.approx(mean)


def test_dirichlet_moments_against_numerical_integration():
    # mean and variance of s (2 r - 1) with s ~ Beta(a_d + a_p, a_0), r ~ Beta(a_p, a_d): quadrature
    a = np.array([3.5, 10.5, 17.5])
    s_dist, r_dist = stats.beta(a[0] + a[2], a[1]), stats.beta(a[2], a[0])
    m1 = integrate.quad(lambda s: s * s_dist.pdf(s), 0, 1)[0] * (2 * r_dist.mean() - 1)
    m2 = integrate.quad(lambda s: s**2 * s_dist.pdf(s), 0, 1)[0] * integrate.quad(
        lambda r: (2 * r - 1) ** 2 * r_dist.pdf(r), 0, 1)[0]
    mean, sd = dirichlet_nps_moments(3, 10, 17)
    assert mean == pytest.approx(100 * m1, rel=1e-8)
    assert sd == pytest.approx(100 * np.sqrt(m2 - m1**2), rel=1e-7)


@pytest.mark.parametrize("case", R_BOOT, ids=[str(c[0]) for c in R_BOOT])
def test_bootstrap_matches_r_boot(case):
    counts, perc, bca, sd = case
    n = sum(counts)
    p = _ci(counts, "bootstrap", n_resamples=40_000, seed=5)
    b = _ci(counts, "bootstrap", n_resamples=40_000, seed=5, bootstrap_kind="bca")
    # both are Monte Carlo (40,000 resamples each): allow 4 MC sd of a 2.5% quantile plus one step 1/n
    mc = 4 * np.sqrt(0.025 * 0.975 / 40_000) / stats.norm.pdf(1.96) * (100 * sd) + 100 / n
    assert (p.ci_low, p.ci_high) == pytest.approx((100 * perc[0], 100 * perc[1]), abs=mc)
    assert (b.ci_low, b.ci_high) == pytest.approx((100 * bca[0], 100 * bca[1]), abs=mc)
    assert p.se == pytest.approx(100 * sd, rel=0.02)
    # BCa moves both limits down here (negative skew near +100): the sign of the correction matches R
    assert b.ci_low <= p.ci_low and b.ci_high <= p.ci_high


def test_bca_acceleration_equals_brute_force_jackknife():
    from nps_research.nps import _bca_acceleration

    counts = (4, 9, 17)
    y = np.repeat([-1.0, 0.0, 1.0], counts)
    loo = np.array([np.delete(y, i).mean() for i in range(len(y))])
    u = loo.mean() - loo
    a = np.sum(u**3) / (6 * np.sum(u**2) ** 1.5)
    assert float(_bca_acceleration(*(np.array(c, dtype=float) for c in counts))) == pytest.approx(a, rel=1e-10)


def test_bootstrap_bca_matches_scipy_on_rows():
    counts = (30, 25, 45)
    y = np.repeat([-1.0, 0.0, 1.0], counts)
    ref = stats.bootstrap((y,), np.mean, n_resamples=20_000, method="BCa", random_state=11,
                          confidence_level=0.95).confidence_interval
    r = _ci(counts, "bootstrap", bootstrap_kind="bca", n_resamples=20_000, seed=12)
    # MC error of the two runs plus the 1/n lattice of the NPS
    assert (r.ci_low, r.ci_high) == pytest.approx((100 * ref.low, 100 * ref.high), abs=2.5)


def test_bootstrap_se_approaches_wald_se_at_large_n():
    counts = (2000, 3000, 5000)
    b = _ci(counts, "bootstrap", n_resamples=20_000, seed=3)
    w = _ci(counts, "wald")
    assert b.se == pytest.approx(w.se, rel=0.02)  # sd of 20,000 resamples: ~0.5% MC error
    assert (b.ci_low, b.ci_high) == pytest.approx((w.ci_low, w.ci_high), abs=0.1)


def test_random_methods_are_reproducible_with_seed_and_vary_without():
    for method in ("bootstrap", "bayes"):
        a = _ci((20, 30, 50), method, seed=7)
        b = _ci((20, 30, 50), method, seed=7)
        c = _ci((21, 29, 50), method, seed=8)
        assert (a.ci_low, a.ci_high) == (b.ci_low, b.ci_high)
        assert a.extra["seed"] == 7 and c.extra["seed"] == 8


def test_vectorised_counts_equal_one_by_one():
    d, pa, p = np.array([3, 20, 0, 250]), np.array([10, 30, 5, 400]), np.array([17, 50, 0, 350])
    for method in ("wald", "adjusted-wald", "score", "bayes"):
        many = _ci((d, pa, p), method, seed=4)
        assert len(many.to_frame()) == 4
        for i in range(4):
            one = _ci((d[i], pa[i], p[i]), method, seed=4)
            if method == "bayes":  # different draws per element: same distribution
                assert many.ci_low[i] == pytest.approx(one.ci_low, abs=1.5)
            else:
                assert many.ci_low[i] == pytest.approx(one.ci_low, abs=1e-9)
                assert many.ci_high[i] == pytest.approx(one.ci_high, abs=1e-9)


def test_boundaries():
    with pytest.raises(StudyDataError, match="n = 0"):
        nps_ci_from_counts(0, 0, 0)
    with pytest.raises(StudyDataError):
        nps_ci([])
    with pytest.raises(StudyDataError):
        nps_ci([None, float("nan")])
    for method in ("wald", "adjusted-wald", "score", "bootstrap", "bayes"):
        with pytest.warns(SmallSampleWarning, match="n = 1"):
            r = nps_ci([10], method=method, n_resamples=500, n_draws=2000)
        assert -100 <= r.ci_low <= r.ci_high <= 100
        assert r.nps == 100.0 and r.n == 1
    # large n: no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nps_ci_from_counts(10, 10, 10)
    # weighted data warn on the effective n: 40 rows, n_eff = 220**2 / 2020 = 24.0
    w = [1.0] * 20 + [10.0] * 20
    with pytest.warns(SmallSampleWarning):
        r = nps_ci([10] * 20 + [0] * 20, weights=w)
    assert r.n == 40 and r.n_eff < 30


# --- weighted ------------------------------------------------------------------------------------
def _weighted_data():
    i = np.arange(200)
    return (7 * i) % 11, 1 + (i % 5) / 2


def test_weighted_wald_se_matches_r_survey():
    scores, w = _weighted_data()
    r = nps_ci(scores, weights=w, method="wald")
    assert r.nps == pytest.approx(100 * R_WEIGHTED["mean"], abs=1e-9)
    assert nps(scores, weights=w) == pytest.approx(100 * R_WEIGHTED["mean"], abs=1e-9)
    assert r.se == pytest.approx(100 * R_WEIGHTED["se"], rel=1e-9)
    assert r.n_eff == pytest.approx(R_WEIGHTED["n_eff"], rel=1e-12)
    z = stats.norm.ppf(0.975)
    assert r.ci_low == pytest.approx(100 * (R_WEIGHTED["mean"] - z * R_WEIGHTED["se"]), abs=1e-7)
    assert r.weighted and r.n == 200


def test_weighted_other_methods_use_effective_counts():
    scores, w = _weighted_data()
    c = np.array([np.sum(w[scores <= 6]), np.sum(w[(scores > 6) & (scores <= 8)]), np.sum(w[scores > 8])])
    eff = R_WEIGHTED["n_eff"] * c / c.sum()
    for method in ("adjusted-wald", "score", "bayes"):
        a = nps_ci(scores, weights=w, method=method, seed=1)
        b = nps_ci_from_counts(*eff, method=method, seed=1)
        assert (a.ci_low, a.ci_high) == pytest.approx((b.ci_low, b.ci_high), abs=1e-9)
    with pytest.raises(ValueError, match="bootstrap"):
        nps_ci(scores, weights=w, method="bootstrap")


def test_equal_weights_reproduce_unweighted_up_to_the_n_over_n_minus_1_factor():
    scores, _ = _weighted_data()
    u = nps_ci(scores, method="wald")
    w = nps_ci(scores, weights=np.full(200, 3.0), method="wald")
    assert w.nps == pytest.approx(u.nps)
    assert w.se == pytest.approx(u.se * np.sqrt(200 / 199))
    assert w.n_eff == pytest.approx(200)
