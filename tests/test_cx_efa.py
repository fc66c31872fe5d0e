"""EFA, KMO, Bartlett and parallel analysis against R's psych on Holzinger & Swineford (1939).

Expected values: ``Rscript tests/r/cx_psych_holzinger.R`` (psych 2.2.9 with GPArotation), output pasted below.
"""

from __future__ import annotations

import numpy as np
import pytest
from semopy.examples import holzinger39

from nps_research.cx import EXQ, efa
from nps_research.errors import SmallSampleWarning, StudyDataError

# ---- pasted output of tests/r/cx_psych_holzinger.R ---------------------------------------------------------
EFA_L1 = {'x1': 0.1910386089, 'x2': 0.04369191057, 'x3': -0.06949247793, 'x4': 0.8404732447, 'x5': 0.8882074429, 'x6': 0.8075621299, 'x7': 0.043584988, 'x8': -0.03267461579, 'x9': 0.03482551719}
EFA_L2 = {'x1': 0.6020353423, 'x2': 0.5054293502, 'x3': 0.6893210691, 'x4': 0.02176071465, 'x5': -0.06743413449, 'x6': 0.07750625515, 'x7': -0.1516000639, 'x8': 0.1042240629, 'x9': 0.3660568481}
EFA_L3 = {'x1': 0.03094378493, 'x2': -0.1166188854, 'x3': 0.0230785391, 'x4': 0.00530835507, 'x5': 0.007556063548, 'x6': -0.01093016387, 'x7': 0.7230993354, 'x8': 0.7015051319, 'x9': 0.4631791487}
EFA_PHI = {'f12': 0.3257664457, 'f13': 0.216445557, 'f23': 0.2704761506}
EFA_COMMUNALITY = {'x1': 0.4874704728, 'x2': 0.2512648396, 'x3': 0.4572267093, 'x4': 0.7208069061, 'x5': 0.7571226793, 'x6': 0.6947841444, 'x7': 0.4977927781, 'x8': 0.5314495102, 'x9': 0.4567523135}
KMO = {'overall': 0.7522445926, 'x1': 0.8050212266, 'x2': 0.7779382854, 'x3': 0.7343028773, 'x4': 0.7632620453, 'x5': 0.7387238565, 'x6': 0.8075590548, 'x7': 0.5930468106, 'x8': 0.6829379392, 'x9': 0.7878648519}
BARTLETT = {'chisq': 904.097051, 'df': 36, 'p': 1.912078874e-166}
EIGEN = {'e1': 3.216344181, 'e2': 1.638713222, 'e3': 1.365159348, 'e4': 0.6989184519, 'e5': 0.5843475284, 'e6': 0.4996871952, 'e7': 0.4731020594, 'e8': 0.2860023612, 'e9': 0.2377256531}
# ------------------------------------------------------------------------------------------------------------

ITEMS = [f"x{i}" for i in range(1, 10)]
TOL = 1e-3


@pytest.fixture(scope="module")
def res():
    return efa(holzinger39.get_data(), ITEMS, n_factors=3, rotation="oblimin", n_sim=100)


def test_oblimin_loadings_match_psych(res):
    for j, ref in enumerate((EFA_L1, EFA_L2, EFA_L3)):
        got = res.loadings[f"F{j + 1}"]
        assert np.allclose(got[list(ref)], list(ref.values()), atol=TOL), (j, got.round(4).tolist())
    phi = res.factor_correlations.to_numpy()
    assert phi[0, 1] == pytest.approx(EFA_PHI["f12"], abs=TOL)
    assert phi[0, 2] == pytest.approx(EFA_PHI["f13"], abs=TOL)
    assert phi[1, 2] == pytest.approx(EFA_PHI["f23"], abs=TOL)
    assert np.allclose(res.communalities[list(EFA_COMMUNALITY)], list(EFA_COMMUNALITY.values()), atol=TOL)


def test_kmo_bartlett_eigenvalues_match_psych(res):
    assert res.kmo == pytest.approx(KMO["overall"], abs=1e-8)
    assert np.allclose(res.kmo_items[ITEMS], [KMO[i] for i in ITEMS], atol=1e-8)
    assert res.bartlett["chisq"] == pytest.approx(BARTLETT["chisq"], abs=1e-5)
    assert res.bartlett["df"] == BARTLETT["df"]
    assert np.allclose(res.eigenvalues, list(EIGEN.values()), atol=1e-8)


def test_parallel_analysis_finds_three_factors(res):
    """Three correlated abilities by design (Holzinger & Swineford; psych::fa.parallel agrees)."""
    assert res.suggested["parallel"] == 3
    assert efa(holzinger39.get_data(), ITEMS, n_sim=50).loadings.shape[1] == 3


def test_parallel_analysis_false_positive_rate():
    """With independent items the first eigenvalue exceeds the random 95th percentile about 5% of the time."""
    from nps_research.cx import parallel_analysis

    rng = np.random.default_rng(4)
    hits = 0
    for i in range(40):
        x = rng.normal(size=(300, 8))
        ev = np.sort(np.linalg.eigvalsh(np.corrcoef(x, rowvar=False)))[::-1]
        hits += parallel_analysis(300, 8, ev, n_sim=100, seed=100 + i).retain.sum() > 0
    assert hits <= 7  # binomial(40, 0.05): P(X > 7) < 0.001


def test_varimax_is_orthogonal_and_keeps_communalities(res):
    v = efa(holzinger39.get_data(), ITEMS, n_factors=3, rotation="varimax", n_sim=20)
    assert np.allclose(v.factor_correlations, np.eye(3))
    # rotation does not change communalities (a property of the unrotated solution)
    assert np.allclose(v.communalities, res.communalities, atol=1e-6)


def test_bad_input_raises_or_warns():
    d = holzinger39.get_data()
    with pytest.raises(StudyDataError, match="column 'c': item has the same answer"):
        efa(d.assign(c=3.0), ITEMS + ["c"], n_factors=1, n_sim=5)
    with pytest.raises(ValueError, match="method must be 'ml' or 'pa'"):
        efa(d, ITEMS, n_factors=1, method="minres")
    with pytest.raises(StudyDataError, match="column 'pex1'"):  # a Scale's items are validated first
        efa(d, EXQ)
    with pytest.warns(SmallSampleWarning, match="EFA on 40 complete cases for 9 items"):
        efa(d.head(40), ITEMS, n_factors=1, n_sim=5)


def test_dict_of_dimensions_uses_all_items(res):
    by_dim = efa(holzinger39.get_data(), {"a": ITEMS[:3], "b": ITEMS[3:]}, n_factors=3, n_sim=5)
    assert np.allclose(by_dim.loadings.to_numpy(), res.loadings.to_numpy(), atol=1e-6)
