"""Measurement invariance against lavaan (Holzinger & Swineford 1939, groups = school).

Expected values: ``Rscript tests/r/cx_lavaan_holzinger.R`` (lavaan 0.6-14: ``cfa(group = "school",
group.equal = ...)`` and ``lavTestLRT``), output pasted below.
"""

from __future__ import annotations

import pytest
from semopy.examples import holzinger39

from nps_research.cx import invariance
from nps_research.errors import StudyDataError

MODEL = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9"

# ---- pasted output of tests/r/cx_lavaan_holzinger.R ---------------------------------------------------------
MG_CONFIGURAL = {'chisq': 115.8513439, 'df': 48, 'pvalue': 1.545283084e-07, 'cfi': 0.9233983804, 'tli': 0.8850975706, 'rmsea': 0.09691485677, 'rmsea.ci.lower': 0.07450528677, 'rmsea.ci.upper': 0.1195828259, 'srmr': 0.06786401175, 'aic': 7484.395024, 'bic': 7706.82164, 'npar': 60}
MG_METRIC = {'chisq': 124.0435442, 'df': 54, 'pvalue': 1.962798201e-07, 'cfi': 0.9209234686, 'tli': 0.8945646248, 'rmsea': 0.09283653587, 'rmsea.ci.lower': 0.0713961318, 'rmsea.ci.upper': 0.1144111023, 'srmr': 0.07165158379, 'aic': 7480.587224, 'bic': 7680.771179, 'npar': 54}
MG_SCALAR = {'chisq': 164.1028309, 'df': 60, 'pvalue': 1.296140972e-11, 'cfi': 0.8824718127, 'tli': 0.8589661752, 'rmsea': 0.1073710981, 'rmsea.ci.lower': 0.08790385949, 'rmsea.ci.upper': 0.1271943798, 'srmr': 0.08244705858, 'aic': 7508.646511, 'bic': 7686.587804, 'npar': 48}
MG_LRT_CHISQ_DIFF = {'metric': 8.192200304, 'scalar': 40.05928675}
MG_LRT_P = {'metric': 0.2243577468, 'scalar': 4.43456618e-07}
# ------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def res():
    return invariance(holzinger39.get_data(), MODEL, "school")


def test_invariance_table_matches_lavaan(res):
    t = res.table.set_index("model")
    for level, ref in (("configural", MG_CONFIGURAL), ("metric", MG_METRIC), ("scalar", MG_SCALAR)):
        for k in ("chisq", "df", "cfi", "tli", "rmsea", "srmr"):
            assert t.loc[level, k] == pytest.approx(ref[k], abs=1e-3), (level, k)
    assert t.loc["metric", "chisq_diff"] == pytest.approx(MG_LRT_CHISQ_DIFF["metric"], abs=1e-3)
    assert t.loc["scalar", "chisq_diff"] == pytest.approx(MG_LRT_CHISQ_DIFF["scalar"], abs=1e-3)
    assert t.loc["metric", "p_diff"] == pytest.approx(MG_LRT_P["metric"], abs=1e-4)
    assert t.loc["scalar", "p_diff"] == pytest.approx(MG_LRT_P["scalar"], rel=1e-3)
    assert t.loc["metric", "delta_cfi"] == pytest.approx(MG_METRIC["cfi"] - MG_CONFIGURAL["cfi"], abs=1e-4)


def test_verdicts_follow_delta_cfi(res):
    # metric: CFI drops 0.002 -> holds; scalar: drops 0.038 -> does not (the textbook result for these data)
    assert res.table.holds.tolist()[1:] == [True, False]
    assert res.highest_level() == "metric"
    assert res.group_sizes == {"Pasteur": 156, "Grant-White": 145}
    s = res.describe()
    assert s[0] == "Groups compared by school: Pasteur (n = 156) and Grant-White (n = 145)."
    assert s[1].startswith("Metric invariance holds: chi-square difference = 8.19 on 6 df")
    assert s[-1].startswith("Metric invariance is the highest level that holds")
    nl = res.describe("nl")
    assert nl[2].startswith("Scalaire invariantie houdt geen stand: chi-kwadraatverschil = 40,06 bij 6 vg")
    tab = res.table("nl").formatted()
    assert list(tab["houdt stand"]) == ["–", "ja", "nee"]
    assert tab["invariantieniveau"][1] == "metrisch (gelijke ladingen)"


def test_group_map_recodes_and_drops():
    d = holzinger39.get_data()
    r = invariance(d, MODEL, "school", levels=("configural",), group_map={"Pasteur": "P", "Grant-White": "G"})
    assert r.group_sizes == {"P": 156, "G": 145}
    with pytest.raises(StudyDataError, match="column 'school': measurement invariance needs at least 2 groups, "
                                             "found 1 \\(P after group_map\\)"):
        invariance(d, MODEL, "school", levels=("configural",), group_map={"Pasteur": "P"})
    with pytest.raises(StudyDataError, match="column 'schools': group column is missing"):
        invariance(d, MODEL, "schools")


MG2_SCALAR = {'chisq': 165.8406204, 'df': 61, 'cfi': 0.8816388761}  # pasted, tests/r/cx_lavaan_holzinger.R


def test_second_order_scalar_same_chisq_as_lavaan():
    """lavaan frees the second-order mean as well (a redundant parameter): same chi-square, one df fewer."""
    res = invariance(holzinger39.get_data(), MODEL + "\ng =~ visual + textual + speed", "school",
                     levels=("scalar",))
    t = res.table.iloc[0]
    assert t.chisq == pytest.approx(MG2_SCALAR["chisq"], abs=1e-3)
    assert t.df == MG2_SCALAR["df"] + 1
