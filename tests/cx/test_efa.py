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
ROT_PROMAX_L1 = {'x1': 0.1529828113, 'x2': 0.01295207949, 'x3': -0.1145639136, 'x4': 0.8438465076, 'x5': 0.8975669442, 'x6': 0.8073720978, 'x7': 0.04405083886, 'x8': -0.04882875106, 'x9': 0.005353385686}
ROT_PROMAX_L2 = {'x1': 0.0362059122, 'x2': -0.1161940995, 'x3': 0.02899542126, 'x4': 0.004906408822, 'x5': 0.006505610178, 'x6': -0.01134991424, 'x7': 0.7426731965, 'x8': 0.7224524286, 'x9': 0.4792018898}
ROT_PROMAX_L3 = {'x1': 0.6093464174, 'x2': 0.5249655807, 'x3': 0.7028429197, 'x4': 0.009721186999, 'x5': -0.08220949284, 'x6': 0.06844035114, 'x7': -0.2148494363, 'x8': 0.04919672066, 'x9': 0.3351340933}
ROT_PROMAX_PHI = {'f12': 0.25799847, 'f13': 0.3926380244, 'f23': 0.3488291804}
ROT_VARIMAX_L1 = {'x1': 0.2772907585, 'x2': 0.1046418259, 'x3': 0.03394344484, 'x4': 0.8269996739, 'x5': 0.8610677758, 'x6': 0.8012526001, 'x7': 0.09094017589, 'x8': 0.0511699406, 'x9': 0.1320605192}
ROT_VARIMAX_L2 = {'x1': 0.6226578474, 'x2': 0.4894903759, 'x3': 0.6626459368, 'x4': 0.1649851302, 'x5': 0.08633617253, 'x6': 0.21222505, 'x7': -0.07267842246, 'x8': 0.1618171807, 'x9': 0.4063699556}
ROT_VARIMAX_L3 = {'x1': 0.1512531428, 'x2': -0.0267226448, 'x3': 0.1302878131, 'x4': 0.09827691653, 'x5': 0.09072502436, 'x6': 0.08797126491, 'x7': 0.6958739177, 'x8': 0.7089755619, 'x9': 0.5236179828}
ROT_QUARTIMAX_L1 = {'x1': 0.3525642877, 'x2': 0.1575186605, 'x3': 0.1145140147, 'x4': 0.8441200689, 'x5': 0.8687265809, 'x6': 0.823366899, 'x7': 0.116270891, 'x8': 0.1037822471, 'x9': 0.2024260873}
ROT_QUARTIMAX_L2 = {'x1': 0.1244032137, 'x2': -0.04231344152, 'x3': 0.1140152973, 'x4': 0.05570826603, 'x5': 0.04828857734, 'x6': 0.04559121704, 'x7': 0.692261108, 'x8': 0.7020796142, 'x9': 0.5078204768}
ROT_QUARTIMAX_L3 = {'x1': 0.5896547603, 'x2': 0.4739855313, 'x3': 0.6565925386, 'x4': 0.07186657354, 'x5': -0.01024793781, 'x6': 0.1215423176, 'x7': -0.07105220877, 'x8': 0.1666222394, 'x9': 0.3973592279}
ROT_EQUAMAX_L1 = {'x1': 0.3054415714, 'x2': 0.1252627639, 'x3': 0.06381781089, 'x4': 0.8343646391, 'x5': 0.8649375266, 'x6': 0.8105569515, 'x7': 0.09547470536, 'x8': 0.0659599776, 'x9': 0.1552102648}
ROT_EQUAMAX_L2 = {'x1': 0.6134267921, 'x2': 0.4837657814, 'x3': 0.663393679, 'x4': 0.1313359587, 'x5': 0.0511354557, 'x6': 0.1793932547, 'x7': -0.06044665335, 'x8': 0.1757879107, 'x9': 0.4122720066}
ROT_EQUAMAX_L3 = {'x1': 0.1337291666, 'x2': -0.03930328681, 'x3': 0.1142927072, 'x4': 0.08598500438, 'x5': 0.07994322758, 'x6': 0.07483069574, 'x7': 0.6964363293, 'x8': 0.7044128065, 'x9': 0.5125367106}
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


@pytest.mark.parametrize("rotation", ["promax", "varimax", "quartimax", "equamax"])
def test_other_rotations_match_psych(res, rotation):
    """Factor order and signs are not identified: compare under the best column permutation (with signs)."""
    from itertools import permutations

    got = efa(holzinger39.get_data(), ITEMS, n_factors=3, rotation=rotation, n_sim=5)
    ref = np.column_stack([list(globals()[f"ROT_{rotation.upper()}_L{j}"].values()) for j in (1, 2, 3)])
    L = got.loadings.to_numpy()
    perm = min(permutations(range(3)), key=lambda q: np.abs(np.abs(L[:, list(q)]) - np.abs(ref)).max())
    signs = np.sign((L[:, list(perm)] * ref).sum(axis=0))
    assert np.allclose(L[:, list(perm)] * signs, ref, atol=TOL), rotation
    if rotation == "promax":
        phi = got.factor_correlations.to_numpy()[np.ix_(perm, perm)] * np.outer(signs, signs)
        ref_phi = ROT_PROMAX_PHI
        assert [phi[0, 1], phi[0, 2], phi[1, 2]] == pytest.approx(
            [ref_phi["f12"], ref_phi["f13"], ref_phi["f23"]], abs=TOL)
        assert np.allclose(np.diag(got.factor_correlations), 1)
    # rotation does not change communalities
    assert np.allclose(got.communalities, res.communalities, atol=1e-6)


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


def test_parallel_analysis_draws_the_random_correlations_directly_with_the_distribution_of_simulated_data():
    """Above _DIRECT_CELLS the random correlation matrices come from Bartlett's Wishart draw instead of n rows
    of normal data: the random eigenvalues have the same mean and 95th percentile as simulating the rows."""
    import importlib

    efa = importlib.import_module("nps_research.cx.efa")

    n, k = 2000, 8
    ev = np.ones(k)
    direct = efa.parallel_analysis(n, k, ev, n_sim=1500, seed=1)
    old = efa._DIRECT_CELLS
    try:
        efa._DIRECT_CELLS = 0
        drawn = efa.parallel_analysis(n, k, ev, n_sim=1500, seed=2)
    finally:
        efa._DIRECT_CELLS = old
    sd = direct["random_mean"].diff().abs().min()  # spacing of the random eigenvalues: the scale of a difference
    np.testing.assert_allclose(drawn["random_mean"], direct["random_mean"], atol=0.02 * sd + 2e-3)
    np.testing.assert_allclose(drawn["random_q95"], direct["random_q95"], atol=5e-3)
    assert drawn["random_mean"].sum() == pytest.approx(k)  # the trace of a correlation matrix
