"""Weighted driver models standardise with weighted SDs and weight their VIFs (issue 11 item 6d); checked against
statsmodels' weighted auxiliary regressions and a weighted SD computed by hand."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from nps_research.drivers import driver_model


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(4)
    n = 1500
    a = rng.normal(6, 1.5, n)
    b = 0.6 * a + rng.normal(0, 1, n)
    c = rng.normal(5, 2, n)
    w = np.where(a > 6, 3.0, 0.5) * rng.uniform(0.8, 1.2, n)  # weights related to a driver: SDs differ
    ltr = np.clip(np.round(1.0 + 0.5 * a + 0.3 * b + 0.2 * c + rng.normal(0, 1.5, n)), 0, 10)
    return pd.DataFrame({"a": a, "b": b, "c": c, "w": w, "ltr": ltr})


def _wsd(x, w):
    m = np.sum(w * x) / np.sum(w)
    v1, v2 = np.sum(w), np.sum(w**2)
    return np.sqrt(np.sum(w * (x - m) ** 2) / (v1 - v2 / v1))  # numpy's aweights (reliability weights)


def test_weighted_vif_is_one_over_one_minus_the_weighted_auxiliary_r2(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = driver_model(data, outcome="ltr", drivers=["a", "b", "c"], weights="w")
    vif = m.vif.set_index("term")["vif"]
    for term in ["a", "b", "c"]:
        others = [t for t in ["a", "b", "c"] if t != term]
        aux = sm.WLS(data[term], sm.add_constant(data[others]), weights=data["w"]).fit()
        assert vif[term] == pytest.approx(1 / (1 - aux.rsquared), rel=1e-9)
    plain = driver_model(data, outcome="ltr", drivers=["a", "b", "c"]).vif.set_index("term")["vif"]
    assert abs(plain["a"] - vif["a"]) > 1e-3  # the weights matter here


@pytest.mark.parametrize("kind", ["ols", "logit"])
def test_standardised_coefficients_use_weighted_sds(data, kind):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = driver_model(data, outcome="ltr", drivers=["a", "b", "c"], weights="w", kind=kind)
    c = m.coefficients.set_index("term")
    for term in ["a", "b", "c"]:
        sdx = _wsd(data[term].to_numpy(), data["w"].to_numpy())
        expected = c.loc[term, "coef"] * sdx
        if kind == "ols":
            expected /= _wsd(data["ltr"].to_numpy(), data["w"].to_numpy())
        assert c.loc[term, "std_coef"] == pytest.approx(expected, rel=1e-9)
