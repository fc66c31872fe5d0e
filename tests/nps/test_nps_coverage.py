"""Coverage of the NPS intervals and tests against the synthetic truth.

For the closed-form methods coverage is computed *exactly*: every count triple (d, passive, p) with
d + passive + p = n is enumerated and weighted by its multinomial probability (n = 500 has 125,751
triples; the score interval is vectorised over all of them). The Monte Carlo methods (bootstrap,
Bayes) are evaluated on the triples carrying all but 1e-7 of the probability mass (their own
resampling is seeded, so the result is deterministic). Tests of two samples are simulated.

What the literature says (Rocks 2016, The American Statistician 70(4)): the Wald interval
undercovers at small n and for shares near the boundary; the adjusted Wald and score intervals stay
close to nominal. The assertions below state exactly that.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.special import gammaln

from nps_research.nps import (
    nps_ci_from_counts,
    nps_detectable_difference,
    nps_sample_size,
    nps_test,
    nps_test_from_counts,
)

SHARES = [  # (detractors, passives, promoters)
    (0.2, 0.3, 0.5),
    (0.1, 0.2, 0.7),
    (0.4, 0.3, 0.3),
    (0.05, 0.15, 0.8),
    (0.3, 0.5, 0.2),
    (0.02, 0.08, 0.9),
]
NS = (30, 100, 500)


def _triples(n, shares, cut=0.0):
    d, p = np.meshgrid(np.arange(n + 1), np.arange(n + 1), indexing="ij")
    d, p = d.ravel(), p.ravel()
    keep = d + p <= n
    d, p = d[keep], p[keep]
    pa = n - d - p
    logpmf = (gammaln(n + 1) - gammaln(d + 1) - gammaln(pa + 1) - gammaln(p + 1)
              + d * np.log(shares[0]) + pa * np.log(shares[1]) + p * np.log(shares[2]))
    pmf = np.exp(logpmf)
    if cut:
        k = pmf > cut
        d, pa, p, pmf = d[k], pa[k], p[k], pmf[k]
    return d, pa, p, pmf


def _coverage(n, shares, method, cut=0.0, **kw):
    d, pa, p, pmf = _triples(n, shares, cut)
    r = nps_ci_from_counts(d, pa, p, method=method, warn=False, **kw)
    truth = 100 * (shares[2] - shares[0])
    hit = (r.ci_low <= truth + 1e-9) & (truth - 1e-9 <= r.ci_high)
    return float(np.sum(pmf * hit) / np.sum(pmf))


def test_enumeration_is_a_probability_distribution():
    for n in NS:
        _, _, _, pmf = _triples(n, SHARES[3])
        assert pmf.sum() == pytest.approx(1.0, abs=1e-10)
    d, pa, p, pmf = _triples(500, SHARES[0], cut=1e-7)
    assert pmf.sum() > 0.9999


@pytest.fixture(scope="module")
def exact():
    return {(m, n, s): _coverage(n, s, m) for m in ("wald", "adjusted-wald", "score") for n in NS for s in SHARES}


def test_adjusted_wald_and_score_are_close_to_nominal_everywhere(exact):
    for (method, n, s), cov in exact.items():
        if method != "wald":
            assert 0.935 <= cov <= 0.97, (method, n, s, cov)


def test_wald_undercovers_at_small_n_and_near_the_boundary(exact):
    wald30 = [exact["wald", 30, s] for s in SHARES]
    assert max(wald30) < 0.94
    assert exact["wald", 30, (0.02, 0.08, 0.9)] < 0.86  # 84% for a nominal 95%
    # ... and is fine at n = 500
    assert all(0.94 <= exact["wald", 500, s] <= 0.96 for s in SHARES)
    # at n = 30 the adjusted Wald and score intervals are closer to 95% than Wald for every share triple
    for s in SHARES:
        for m in ("adjusted-wald", "score"):
            assert abs(exact[m, 30, s] - 0.95) < abs(exact["wald", 30, s] - 0.95), (m, s)


def test_monte_carlo_methods_at_n_100():
    for s in SHARES[:3]:
        for method, kw in (("bootstrap", {"bootstrap_kind": "percentile"}), ("bootstrap", {"bootstrap_kind": "bca"})):
            cov = _coverage(100, s, method, cut=1e-7, n_resamples=1000, seed=1, **kw)
            assert 0.93 <= cov <= 0.97, (method, kw, s, cov)
        cov = _coverage(100, s, "bayes", cut=1e-7, n_draws=2000, seed=1)
        assert 0.935 <= cov <= 0.965, ("bayes", s, cov)


@pytest.mark.slow
def test_monte_carlo_methods_full_grid():
    # bootstrap at n = 30 and 100 (at n = 500 it is the Wald interval, see test_nps_intervals), Bayes at all n
    for n in NS:
        for s in SHARES:
            bayes = _coverage(n, s, "bayes", cut=1e-7, n_draws=1000, seed=2)
            assert 0.935 <= bayes <= 0.965, ("bayes", n, s, bayes)
            if n == 500:
                continue
            bca = _coverage(n, s, "bootstrap", cut=1e-7, n_resamples=1000, seed=2, bootstrap_kind="bca")
            assert 0.92 <= bca <= 0.975, ("bca", n, s, bca)
            perc = _coverage(n, s, "bootstrap", cut=1e-7, n_resamples=1000, seed=2)
            if n >= 100:
                assert 0.93 <= perc <= 0.97, ("percentile", n, s, perc)
    # like Wald, the percentile bootstrap undercovers at n = 30 near the boundary
    assert _coverage(30, (0.02, 0.08, 0.9), "bootstrap", cut=1e-7, n_resamples=1000, seed=2) < 0.9


# --- two independent samples ---------------------------------------------------------------------
TWO_SAMPLE = [  # n_a, n_b, shares_a, shares_b
    (50, 80, (0.2, 0.3, 0.5), (0.2, 0.3, 0.5)),
    (200, 100, (0.3, 0.4, 0.3), (0.1, 0.3, 0.6)),
    (30, 40, (0.1, 0.2, 0.7), (0.3, 0.4, 0.3)),
    (100, 100, (0.4, 0.3, 0.3), (0.3, 0.3, 0.4)),
    (30, 100, (0.05, 0.15, 0.8), (0.2, 0.3, 0.5)),
]


def test_two_sample_interval_coverage_and_test_consistency():
    rng = np.random.default_rng(11)
    k = 20_000  # MC sd of a coverage near 0.95: 0.0015
    for na, nb, sa, sb in TWO_SAMPLE:
        ca, cb = rng.multinomial(na, sa, size=k), rng.multinomial(nb, sb, size=k)
        truth = 100 * ((sa[2] - sa[0]) - (sb[2] - sb[0]))
        for method in ("adjusted-wald", "wald"):
            r = nps_test_from_counts(ca, cb, method=method, warn=False)
            cov = np.mean((r.ci_low <= truth) & (truth <= r.ci_high))
            if method == "adjusted-wald":
                assert 0.94 <= cov <= 0.965, (na, nb, sa, sb, cov)
            else:
                assert 0.93 <= cov <= 0.96, (na, nb, sa, sb, cov)
            # the test rejects at 5% exactly when the 95% interval excludes 0
            assert np.array_equal(r.p_value < 0.05, (r.ci_low > 0) | (r.ci_high < 0))
        if sa == sb:  # type I error
            assert 0.04 <= np.mean(r.p_value < 0.05) <= 0.06


def _paired_sample(rng, joint, n):
    """Paired -1/0/+1 categories drawn from a 3x3 joint distribution, mapped to 0-10 scores."""
    cells = rng.choice(9, size=n, p=np.asarray(joint).ravel())
    score = np.array([3, 8, 10])
    return score[cells // 3], score[cells % 3]


def test_paired_test_coverage_and_type_one_error():
    rng = np.random.default_rng(5)
    # strongly correlated waves (most people keep their answer) with a true change of +10 points
    joint = np.array([[0.15, 0.03, 0.02], [0.02, 0.20, 0.05], [0.00, 0.05, 0.48]])
    truth = 100 * ((joint[2].sum() - joint[0].sum()) - (joint[:, 2].sum() - joint[:, 0].sum()))
    null = (joint + joint.T) / 2  # symmetric table: equal marginal NPS
    hits = {"wald": 0, "adjusted-wald": 0}
    rejections = 0
    reps = 1500  # MC sd of the coverage: 0.0056
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(reps):
            a, b = _paired_sample(rng, joint, 80)
            for m in hits:
                r = nps_test(a, b, paired=True, method=m)
                hits[m] += r.ci_low <= truth <= r.ci_high
            a0, b0 = _paired_sample(rng, null, 80)
            rejections += nps_test(a0, b0, paired=True).p_value < 0.05
    for m, h in hits.items():
        assert 0.93 <= h / reps <= 0.97, (m, h / reps)
    assert 0.03 <= rejections / reps <= 0.07
    # ignoring the pairing (independent-samples SE) wastes the positive correlation: much wider
    a, b = _paired_sample(rng, joint, 400)
    assert nps_test(a, b, paired=True).se < 0.75 * nps_test(a, b).se


# --- planning ------------------------------------------------------------------------------------
@pytest.mark.parametrize("margin,promoters,detractors", [(5, 50, 20), (3, 40, 40), (10, 70, 5)])
def test_sample_size_gives_the_margin_in_simulation(margin, promoters, detractors):
    n = nps_sample_size(margin, promoters=promoters, detractors=detractors)
    shares = (detractors / 100, 1 - (promoters + detractors) / 100, promoters / 100)
    c = np.random.default_rng(margin).multinomial(n, shares, size=20_000)
    r = nps_ci_from_counts(c[:, 0], c[:, 1], c[:, 2], method="wald", warn=False)
    half = (r.ci_high - r.ci_low) / 2
    assert np.median(half) == pytest.approx(margin, rel=0.01)
    truth = promoters - detractors
    assert np.mean((r.ci_low <= truth) & (truth <= r.ci_high)) == pytest.approx(0.95, abs=0.01)
    # one respondent fewer would not reach the margin at the expected shares
    assert 1.959964 * np.sqrt((promoters + detractors) / 100 - (truth / 100) ** 2) / np.sqrt(n - 1) * 100 > margin


def test_detectable_difference_has_the_stated_power_in_simulation():
    n, p, d = 400, 50.0, 20.0
    mde = nps_detectable_difference(n, promoters=p, detractors=d)
    # sample b: NPS lower by mde with the same per-respondent variance (the formula's assumption)
    v = (p + d) / 100 - ((p - d) / 100) ** 2
    nps_b = (p - d - mde) / 100
    sum_b = v + nps_b**2
    pb, db = (sum_b + nps_b) / 2, (sum_b - nps_b) / 2
    rng = np.random.default_rng(9)
    ca = rng.multinomial(n, (d / 100, 1 - (p + d) / 100, p / 100), size=40_000)
    cb = rng.multinomial(n, (db, 1 - pb - db, pb), size=40_000)
    r = nps_test_from_counts(ca, cb, method="wald", warn=False)
    assert np.mean(r.p_value < 0.05) == pytest.approx(0.80, abs=0.015)  # MC sd 0.002
    # one-sample version: power against a fixed benchmark
    mde1 = nps_detectable_difference(n, promoters=p, detractors=d, one_sample=True)
    assert mde1 == pytest.approx(mde / np.sqrt(2))
    # unequal groups: n_b = 3 n needs 2/3 of the equal-n variance
    assert nps_detectable_difference(n, promoters=p, detractors=d, n_b=3 * n) == pytest.approx(
        mde * np.sqrt((1 + 1 / 3) / 2))


def test_planning_rejects_bad_shares_and_warns_on_fractions():
    with pytest.warns(UserWarning, match="did you pass fractions"):
        nps_sample_size(5, promoters=0.5, detractors=0.2)
    with pytest.warns(UserWarning, match="did you pass fractions"):
        nps_detectable_difference(400, promoters=0.5, detractors=0.2)
    with pytest.raises(ValueError, match="percent"):
        nps_sample_size(5, promoters=70, detractors=40)
    with pytest.raises(ValueError, match="margin"):
        nps_sample_size(-1, promoters=50, detractors=20)
    with pytest.raises(ValueError, match="power"):
        nps_detectable_difference(400, promoters=50, detractors=20, power=80)
