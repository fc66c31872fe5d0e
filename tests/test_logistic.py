"""The one logistic fit against statsmodels' GLM (a second, independent implementation)."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

from nps_research.logistic import logistic_fit


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_statsmodels_glm(seed, weighted):
    rng = np.random.default_rng(seed)
    n, p = 800, 4
    Z = rng.normal(size=(n, p))
    eta = -0.3 + Z @ np.array([0.8, -0.5, 0.0, 1.2])
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(float)
    w = rng.uniform(0.3, 3.0, size=n) if weighted else None
    X = sm.add_constant(Z)
    beta, ll = logistic_fit(X, y, w)
    ref = sm.GLM(y, X, family=sm.families.Binomial(), var_weights=w).fit(tol=1e-12)
    np.testing.assert_allclose(beta, ref.params, atol=1e-7)
    assert ll == pytest.approx(ref.llf, abs=1e-6)


def test_frequency_weights_equal_repeated_rows():
    rng = np.random.default_rng(3)
    X = np.column_stack([np.ones(60), rng.normal(size=60)])
    y = (rng.uniform(size=60) < 0.4).astype(float)
    k = rng.integers(1, 4, size=60)
    b_w, ll_w = logistic_fit(X, y, k.astype(float))
    b_r, ll_r = logistic_fit(np.repeat(X, k, axis=0), np.repeat(y, k))
    np.testing.assert_allclose(b_w, b_r, atol=1e-8)
    assert ll_w == pytest.approx(ll_r, abs=1e-8)


def test_separation_keeps_the_likelihood_near_its_supremum():
    X = np.column_stack([np.ones(20), np.arange(20.0)])
    y = (np.arange(20) >= 10).astype(float)
    beta, ll = logistic_fit(X, y)
    assert ll > -1e-3 and beta[1] > 5
