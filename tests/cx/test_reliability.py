"""Reliability against R's psych on Holzinger & Swineford (1939).

Expected values: ``Rscript tests/r/cx_psych_holzinger.R`` (psych 2.2.9), output pasted below.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from semopy.examples import holzinger39

from nps_research.cx import EXQ, Scale, reliability
from nps_research.errors import SmallSampleWarning, StudyDataError

# ---- pasted output of tests/r/cx_psych_holzinger.R ---------------------------------------------------------
ALPHA_visual = {'raw': 0.6261171319, 'std': 0.6271838544, 'average_r': 0.3592874958, 'feldt_lower': 0.5465033371, 'feldt_upper': 0.6937533462}
ALPHA_DROP_visual = {'x1': 0.5069876394, 'x2': 0.6115414959, 'x3': 0.4583777276}
R_DROP_visual = {'x1': 0.4490315413, 'x2': 0.3749679618, 'x3': 0.4842812342}
OMEGA1_visual = {'omega_total': 0.6350718482}
ALPHA_textual = {'raw': 0.8827069129, 'std': 0.8848435201, 'average_r': 0.7192019828, 'feldt_lower': 0.8577307811, 'feldt_upper': 0.9039254844}
ALPHA_DROP_textual = {'x4': 0.8306932421, 'x5': 0.8257302897, 'x6': 0.8434591582}
R_DROP_textual = {'x4': 0.7759812526, 'x5': 0.787185932, 'x6': 0.7653525235}
OMEGA1_textual = {'omega_total': 0.8849615229}
ALPHA_speed = {'raw': 0.688455023, 'std': 0.6896036134, 'average_r': 0.4254730307, 'feldt_lower': 0.6221153215, 'feldt_upper': 0.7448141788}
ALPHA_DROP_speed = {'x7': 0.6197499544, 'x8': 0.5070702359, 'x9': 0.6536123367}
R_DROP_speed = {'x7': 0.4861799459, 'x8': 0.5721533412, 'x9': 0.4555321229}
OMEGA1_speed = {'omega_total': 0.6983746305}
ALPHA_all = {'raw': 0.7604885958, 'std': 0.760402219, 'average_r': 0.2606990013, 'feldt_lower': 0.717716866, 'feldt_upper': 0.7990788326}
ALPHA_DROP_all = {'x1': 0.7248063129, 'x2': 0.7642312951, 'x3': 0.7489559626, 'x4': 0.7150013103, 'x5': 0.7235720486, 'x6': 0.7141539954, 'x7': 0.7664368385, 'x8': 0.7484244821, 'x9': 0.7310302035}
R_DROP_all = {'x1': 0.5220367208, 'x2': 0.2752430624, 'x3': 0.3701721208, 'x4': 0.5807066421, 'x5': 0.525385381, 'x6': 0.5951390193, 'x7': 0.2457316445, 'x8': 0.3690554493, 'x9': 0.4947809977}
OMEGA1_all = {'omega_total': 0.7690189488}
OMEGA3_all = {'omega_total': 0.8507280997}
# ------------------------------------------------------------------------------------------------------------

SETS = {"visual": ["x1", "x2", "x3"], "textual": ["x4", "x5", "x6"], "speed": ["x7", "x8", "x9"]}
TOL = 1e-3


@pytest.fixture(scope="module")
def res():
    return reliability(holzinger39.get_data(), SETS)


@pytest.mark.parametrize("name", ["visual", "textual", "speed", "overall"])
def test_alpha_and_omega_match_psych(res, name):
    key = "all" if name == "overall" else name
    ref = globals()[f"ALPHA_{key}"]
    row = res.table.set_index("dimension").loc[name]
    assert row.n == 301
    assert row.alpha == pytest.approx(ref["raw"], abs=1e-6)
    assert row.alpha_std == pytest.approx(ref["std"], abs=1e-6)
    assert row.average_r == pytest.approx(ref["average_r"], abs=1e-6)
    assert row.alpha_ci_lower == pytest.approx(ref["feldt_lower"], abs=1e-6)
    assert row.alpha_ci_upper == pytest.approx(ref["feldt_upper"], abs=1e-6)
    omega = OMEGA3_all if name == "overall" else globals()[f"OMEGA1_{key}"]
    assert row.omega_total == pytest.approx(omega["omega_total"], abs=TOL)


@pytest.mark.parametrize("name", ["visual", "textual", "speed", "overall"])
def test_item_statistics_match_psych(res, name):
    key = "all" if name == "overall" else name
    it = res.items[res.items.dimension == name].set_index("item")
    for item, v in globals()[f"ALPHA_DROP_{key}"].items():
        assert it.loc[item, "alpha_if_deleted"] == pytest.approx(v, abs=1e-6)
    for item, v in globals()[f"R_DROP_{key}"].items():
        assert it.loc[item, "r_drop"] == pytest.approx(v, abs=1e-6)


def test_single_factor_omega_of_nine_items():
    r = reliability(holzinger39.get_data(), [f"x{i}" for i in range(1, 10)])
    assert r.table.omega_total.iloc[0] == pytest.approx(OMEGA1_all["omega_total"], abs=TOL)


def test_reverse_keyed_item_is_recoded():
    """Reversing an item in the data and declaring it reverse-keyed gives the original alpha."""
    d = holzinger39.get_data()[["x4", "x5", "x6"]].round().clip(0, 7).astype(int)
    d["x6"] = d["x6"].clip(1, 7)
    d = d.clip(1, 7)
    plain = reliability(d, Scale("s", {"t": ("x4", "x5", "x6")}, 1, 7)).table.alpha.iloc[0]
    flipped = d.assign(x5=8 - d.x5)
    rev = reliability(flipped, Scale("s", {"t": ("x4", "x5", "x6")}, 1, 7, reverse=("x5",))).table.alpha.iloc[0]
    wrong = reliability(flipped, {"t": ["x4", "x5", "x6"]}).table.alpha.iloc[0]
    assert rev == pytest.approx(plain, abs=1e-12)
    assert wrong < plain - 0.3


def test_feldt_interval_covers_population_alpha():
    """Coverage of the Feldt interval under the parallel-items model (closed-form population alpha)."""
    rng = np.random.default_rng(11)
    k, lam, n = 4, 0.7, 150
    true = k * lam**2 / (1 + (k - 1) * lam**2)  # alpha of parallel items: k r / (1 + (k - 1) r), r = lam^2
    hits = 0
    for _ in range(200):
        f = rng.normal(size=(n, 1))
        x = pd.DataFrame(lam * f + np.sqrt(1 - lam**2) * rng.normal(size=(n, k)), columns=list("abcd"))
        t = reliability(x, list("abcd")).table.iloc[0]
        hits += t.alpha_ci_lower <= true <= t.alpha_ci_upper
    assert 0.90 <= hits / 200 <= 0.99


def test_scale_validation_runs_first():
    df = pd.DataFrame({c: [1, 2, 3, 9] for c in EXQ.items})
    with pytest.raises(StudyDataError, match="column 'pex1'.*whole numbers 1-7"):
        reliability(df, EXQ)


def test_bad_item_lists_raise_naming_the_column():
    d = holzinger39.get_data()
    with pytest.raises(StudyDataError, match="column 'c': item has the same answer \\(1\\) in every row"):
        reliability(d.assign(c=1.0), ["x1", "x2", "c"])
    with pytest.raises(StudyDataError, match="column 'x2': item answers must be numeric \\(1 row: 5\\)"):
        reliability(d.assign(x2=d.x2.astype(object).where(d.index != d.index[3], "n/a")), ["x1", "x2", "x3"])
    with pytest.raises(StudyDataError, match="column 'x99': item column is missing"):
        reliability(d, {"a": ["x1", "x99"]})
    # constant within the complete cases only
    d2 = d[["x1", "x2", "x3"]].assign(x3=2.0)
    d2.iloc[0, [0, 2]] = [np.nan, 5.0]  # the one other answer of x3 is in an incomplete row
    with pytest.raises(StudyDataError, match="column 'x3': item has the same answer in all 300 complete cases"):
        reliability(d2, ["x1", "x2", "x3"])


def test_small_sample_warns():
    d = holzinger39.get_data().head(20)
    with pytest.warns(SmallSampleWarning, match="only 20 complete cases"):
        reliability(d, ["x4", "x5", "x6"])
