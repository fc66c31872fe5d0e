"""SEM with exogenous observed predictors: fit measures as lavaan's default ``fixed.x = TRUE`` (issue 11 item
6c). Reference values: tests/r/cx_lavaan_fixed_x.R (lavaan on Holzinger & Swineford 1939)."""

from __future__ import annotations

import numpy as np
import pytest
from semopy.examples import holzinger39

from nps_research.cx import sem

LAVAAN_FIXED_X = {'chisq': 37.18261132, 'df': 4, 'npar': 8, 'logl': -1220.482984, 'aic': 2456.965968,
                  'bic': 2486.62285}
LAVAAN_R2 = {'x7': 0.3489788932, 'x8': 0.5514262283, 'x9': 0.4027897221, 'speed': 0.1315448872}
# with fixed.x = FALSE lavaan counts the predictors' moments: 11 parameters, logl -2143.51, AIC 4309.02 (the
# values this workbench reported before)
LAVAAN_FREE_X_AIC = 4309.023037


@pytest.fixture(scope="module")
def fit():
    return sem(holzinger39.get_data(), "speed =~ x7 + x8 + x9\n speed ~ x1 + x4")


def test_fit_measures_are_lavaans_default(fit):
    for key, ours in (("chisq", "chisq"), ("df", "df"), ("npar", "npar"), ("logl", "loglik"), ("aic", "aic"),
                      ("bic", "bic")):
        assert float(fit.fit[ours]) == pytest.approx(LAVAAN_FIXED_X[key], rel=1e-6, abs=1e-4), key
    assert abs(float(fit.fit["aic"]) - LAVAAN_FREE_X_AIC) > 1000


def test_r2_only_for_endogenous_variables(fit):
    r2 = fit.r2.set_index("variable")["r2"]
    assert set(r2.index) == set(LAVAAN_R2)  # no 0.0 for the predictors x1 and x4
    for v, value in LAVAAN_R2.items():
        assert r2[v] == pytest.approx(value, abs=1e-5)
    assert not np.isclose(r2, 0).any()
