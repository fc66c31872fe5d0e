"""Dependent correlations (nps_research.compare.correlations) against R's psych::r.test
(tests/r/compare_correlations.R, values pasted below), published examples and a simulation of the level."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from nps_research.compare import compare_correlations, dependent_correlation_test

R_DIR = Path(__file__).parent.parent / "r"


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
    assert "does not differ significantly between" in res.describe()[0]


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
