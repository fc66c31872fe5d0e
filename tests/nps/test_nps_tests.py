"""nps_test / nps_test_from_counts / nps_vs_benchmark against independent computations.

R values from ``Rscript tests/r/nps_intervals.R`` (same data formulas as below): the two-sample
Wald test as in ``NPS::nps.test`` (Rocks), ``t.test`` and ``survey::svymean`` on the per-person
differences of the -1/0/+1 scores. Python-side checks use scipy and statsmodels.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.weightstats import ztest

from nps_research.errors import StudyDataError
from nps_research.nps import (
    SmallSampleWarning,
    nps_ci,
    nps_ci_from_counts,
    nps_test,
    nps_test_from_counts,
    nps_vs_benchmark,
)

R_TWO_SAMPLE = dict(nps_x=-0.455, nps_y=-0.273333333333, se=0.089490041863, p=0.042354402007)
R_PAIRED = dict(mean=-0.185, se=0.085969931637, t=-2.151915169369)
R_PAIRED_WEIGHTED = dict(mean=-0.17875, se=0.091044013779)
R_WEIGHTED = dict(mean=-0.45125, se=0.058784245405)
R_SCORE95 = (0.1395513654, 0.4433930516)  # PropCIs::scoreci.mp(20, 50, 100, 0.95)
R_SCORE90 = (0.1661733985, 0.4217456937)  # PropCIs::scoreci.mp(20, 50, 100, 0.90)


def _data():
    i = np.arange(200)
    a = (7 * i) % 11
    b = np.minimum(10, (3 * i + 5) % 11 + i % 3)
    j = np.arange(150)
    y = np.minimum(10, (3 * j + 5) % 11 + j % 3)
    w = 1 + (i % 5) / 2
    return a, b, y, w


def test_two_sample_wald_matches_r_nps_test():
    a, _, y, _ = _data()
    r = nps_test(a, y, method="wald")
    assert r.nps_a == pytest.approx(100 * R_TWO_SAMPLE["nps_x"])
    assert r.nps_b == pytest.approx(100 * R_TWO_SAMPLE["nps_y"])
    assert r.difference == pytest.approx(100 * (R_TWO_SAMPLE["nps_x"] - R_TWO_SAMPLE["nps_y"]))
    assert r.se == pytest.approx(100 * R_TWO_SAMPLE["se"], rel=1e-10)
    assert r.p_value == pytest.approx(R_TWO_SAMPLE["p"], rel=1e-9)
    assert (r.n_a, r.n_b) == (200, 150)
    z = stats.norm.ppf(0.975)
    assert r.ci_low == pytest.approx(r.difference - z * r.se)
    df = r.to_frame()
    assert df.shape[0] == 1 and {"difference", "se", "statistic", "p_value", "ci_low", "ci_high", "n_a",
                                 "n_b"} <= set(df.columns)


def test_two_sample_from_counts_equals_from_scores_and_is_vectorised():
    a, _, y, _ = _data()
    ca = [np.sum(a <= 6), np.sum((a > 6) & (a <= 8)), np.sum(a > 8)]
    cy = [np.sum(y <= 6), np.sum((y > 6) & (y <= 8)), np.sum(y > 8)]
    for method in ("wald", "adjusted-wald"):
        s = nps_test(a, y, method=method)
        c = nps_test_from_counts(ca, cy, method=method)
        assert (s.difference, s.se, s.p_value, s.ci_low) == pytest.approx((c.difference, c.se, c.p_value, c.ci_low))
    many = nps_test_from_counts([ca, cy], [cy, ca], method="wald")
    assert many.difference[0] == pytest.approx(-many.difference[1])
    assert len(many.to_frame()) == 2


def test_adjusted_two_sample_is_centred_on_adjusted_difference():
    with pytest.warns(SmallSampleWarning, match="n = 20"):
        r = nps_test_from_counts((0, 0, 20), (0, 0, 25))
    # both all promoters: Wald SE would be 0; the adjusted test is finite and does not reject
    assert r.difference == 0 and r.se > 0 and r.p_value > 0.5
    ea = (20.75 - 0.75) / 23
    eb = (25.75 - 0.75) / 28
    assert r.center == pytest.approx(100 * (ea - eb))
    va = ((20.75 + 0.75) / 23 - ea**2) / 23
    vb = ((25.75 + 0.75) / 28 - eb**2) / 28
    assert r.se == pytest.approx(100 * np.sqrt(va + vb))


def test_paired_wald_matches_r_t_test_and_scipy():
    a, b, _, _ = _data()
    r = nps_test(a, b, paired=True, method="wald")
    assert r.difference == pytest.approx(100 * R_PAIRED["mean"])
    assert r.se == pytest.approx(100 * R_PAIRED["se"], rel=1e-10)
    assert r.statistic == pytest.approx(R_PAIRED["t"], rel=1e-10)
    # scipy: one-sample t statistic on the per-person differences, normal p-value
    ya = np.where(a <= 6, -1, np.where(a <= 8, 0, 1))
    yb = np.where(b <= 6, -1, np.where(b <= 8, 0, 1))
    t = stats.ttest_1samp(ya - yb, 0.0)
    assert r.statistic == pytest.approx(t.statistic)
    assert r.p_value == pytest.approx(2 * stats.norm.sf(abs(t.statistic)))
    assert r.paired and r.n_a == r.n_b == 200


def test_paired_weighted_matches_r_survey():
    a, b, _, w = _data()
    r = nps_test(a, b, paired=True, method="wald", weights_a=w)
    assert r.difference == pytest.approx(100 * R_PAIRED_WEIGHTED["mean"])
    assert r.se == pytest.approx(100 * R_PAIRED_WEIGHTED["se"], rel=1e-10)
    with pytest.raises(ValueError, match="weights_a"):
        nps_test(a, b, paired=True, weights_b=w)


def test_paired_adjusted_nobody_changed_and_brute_force_pseudo_rows():
    same = [10] * 30 + [7] * 10 + [2] * 5
    w = nps_test(same, same, paired=True, method="wald")
    assert w.se == 0  # Wald collapses
    r = nps_test(same, same, paired=True)
    assert r.difference == 0 and r.center == pytest.approx(0) and r.se > 0 and r.p_value == pytest.approx(1)
    # brute force: the data rows plus nine weighted pseudo-rows (one pseudo-person, q q')
    a, b, _, _ = _data()
    q = np.array([0.25, 0.5, 0.25])
    ya = np.where(a <= 6, -1.0, np.where(a <= 8, 0.0, 1.0))
    yb = np.where(b <= 6, -1.0, np.where(b <= 8, 0.0, 1.0))
    d = np.concatenate([ya - yb, np.subtract.outer([-1.0, 0, 1], [-1.0, 0, 1]).ravel()])
    wt = np.concatenate([np.ones(200), np.outer(q, q).ravel()])
    m = np.sum(wt * d) / wt.sum()
    se = np.sqrt(np.sum(wt * (d - m) ** 2) / (wt.sum() - 1) / wt.sum())
    r = nps_test(a, b, paired=True)
    assert (r.center, r.se) == pytest.approx((100 * m, 100 * se))


def test_paired_drops_incomplete_pairs_and_checks_lengths():
    r = nps_test([10, None, 3, 9], [8, 9, None, 9], paired=True, method="wald", warn=False)
    assert r.n_a == 2 and r.difference == pytest.approx(50.0)
    with pytest.raises(ValueError, match="equal length"):
        nps_test([1, 2], [1], paired=True)
    with pytest.raises(StudyDataError):
        nps_test([None], [None], paired=True)


def test_weighted_independent_uses_taylor_se_per_sample():
    a, _, y, w = _data()
    r = nps_test(a, y, weights_a=w, method="wald")
    se_y = nps_ci(y, method="wald").se
    assert r.se == pytest.approx(np.hypot(100 * R_WEIGHTED["se"], se_y))
    assert r.nps_a == pytest.approx(100 * R_WEIGHTED["mean"])


def test_alternatives_and_one_sided_intervals():
    two = nps_test_from_counts((20, 30, 50), (30, 30, 40), method="wald")
    g = nps_test_from_counts((20, 30, 50), (30, 30, 40), method="wald", alternative="greater")
    ls = nps_test_from_counts((20, 30, 50), (30, 30, 40), method="wald", alternative="less")
    assert g.p_value == pytest.approx(two.p_value / 2)
    assert ls.p_value == pytest.approx(1 - two.p_value / 2)
    assert g.ci_high == 200 and g.ci_low == pytest.approx(g.difference - stats.norm.ppf(0.95) * g.se)
    with pytest.raises(ValueError, match="alternative"):
        nps_test_from_counts((1, 1, 1), (1, 1, 1), alternative="bigger")
    with pytest.raises(ValueError, match="method"):
        nps_test_from_counts((1, 1, 1), (1, 1, 1), method="score")


# --- benchmark --------------------------------------------------------------------------------------
SCORES = [10] * 50 + [8] * 30 + [3] * 20  # counts (20, 30, 50)


def test_benchmark_wald_matches_statsmodels_ztest():
    y = np.array([1.0] * 50 + [0.0] * 30 + [-1.0] * 20)
    for alt, sm_alt in (("two-sided", "two-sided"), ("greater", "larger"), ("less", "smaller")):
        r = nps_vs_benchmark(SCORES, 18, alt, method="wald")
        z, p = ztest(y, value=0.18, alternative=sm_alt, ddof=0)
        assert (r.statistic, r.p_value) == pytest.approx((z, p), rel=1e-10)
    assert r.difference == pytest.approx(12.0) and r.n == 100


def test_benchmark_score_test_inverts_the_score_interval():
    # the two-sided score test at the R score-interval limits has p = 0.05 exactly
    for limit in R_SCORE95:
        r = nps_vs_benchmark(SCORES, 100 * limit, "two-sided", method="score")
        assert r.p_value == pytest.approx(0.05, abs=2e-5)
    # the one-sided 95% bound is the two-sided 90% score limit (R)
    g = nps_vs_benchmark(SCORES, 20, "greater", method="score")
    assert g.ci_low == pytest.approx(100 * R_SCORE90[0], abs=2e-4) and g.ci_high == 100
    ls = nps_vs_benchmark(SCORES, 20, "less", method="score")
    assert ls.ci_high == pytest.approx(100 * R_SCORE90[1], abs=2e-4) and ls.ci_low == -100
    assert g.p_value + ls.p_value == pytest.approx(1.0)


def test_benchmark_adjusted_and_weighted():
    r = nps_vs_benchmark(SCORES, 20, "two-sided")
    ci = nps_ci_from_counts(20, 30, 50)
    assert r.se == pytest.approx(ci.se)
    assert r.statistic == pytest.approx((ci.extra["center"] - 20) / ci.se)
    assert (r.ci_low, r.ci_high) == pytest.approx((ci.ci_low, ci.ci_high))
    # the default is the one-sided question "is the NPS above the benchmark?" (the signature)
    g = nps_vs_benchmark(SCORES, 20)
    assert g.alternative == "greater" and g.statistic == pytest.approx(r.statistic)
    assert g.p_value == pytest.approx(stats.norm.sf(r.statistic)) and g.ci_high == 100
    assert g.ci_low == pytest.approx(nps_ci_from_counts(20, 30, 50, confidence=0.90).ci_low)
    a, _, _, w = _data()
    rw = nps_vs_benchmark(a, -50, "greater", weights=w, method="wald")
    assert rw.statistic == pytest.approx((R_WEIGHTED["mean"] + 0.5) / R_WEIGHTED["se"])
    with pytest.raises(ValueError, match="benchmark"):
        nps_vs_benchmark(SCORES, 0.3 * 1000)
    with pytest.raises(ValueError, match="benchmark must be a number"):
        nps_vs_benchmark(SCORES, "high")
