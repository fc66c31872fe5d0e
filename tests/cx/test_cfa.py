"""CFA, second-order CFA and multi-group invariance against lavaan on Holzinger & Swineford (1939).

Expected values: ``Rscript tests/r/cx_lavaan_holzinger.R`` (lavaan 0.6-14), output pasted below. The data are
semopy's copy of lavaan's ``HolzingerSwineford1939`` (the fit statistics agreeing to 1e-6 shows they are the same).
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from semopy.examples import holzinger39

from nps_research.cx import HeywoodWarning, IdentificationError, cfa, sem
from nps_research.errors import StudyDataError

MODEL = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9"
TOL = 1e-3  # the tolerance; the implementation agrees to about 1e-6

# ---- pasted output of tests/r/cx_lavaan_holzinger.R -------------------------------------------------------
HS_FIT = {'chisq': 85.30552177, 'df': 24, 'pvalue': 8.502553217e-09, 'cfi': 0.9305596518, 'tli': 0.8958394777, 'rmsea': 0.09212148451, 'rmsea.ci.lower': 0.07141849044, 'rmsea.ci.upper': 0.1136780168, 'srmr': 0.06520505718, 'aic': 7517.489853, 'bic': 7595.339169, 'logl': -3737.744927, 'npar': 21, 'baseline.chisq': 918.8515893, 'baseline.df': 36}
HS_PAR = {
    'visual=~x1': (1.00000000, 0.00000000, 0.77188042),
    'visual=~x2': (0.55350029, 0.09966512, 0.42360099),
    'visual=~x3': (0.72937021, 0.10910970, 0.58113232),
    'textual=~x4': (1.00000000, 0.00000000, 0.85158222),
    'textual=~x5': (1.11307658, 0.06542011, 0.85506545),
    'textual=~x6': (0.92614624, 0.05544886, 0.83801007),
    'speed=~x7': (1.00000000, 0.00000000, 0.56951468),
    'speed=~x8': (1.17995084, 0.16498657, 0.72304443),
    'speed=~x9': (1.08153016, 0.15116744, 0.66500922),
    'x1~~x1': (0.54905397, 0.11360092, 0.40420062),
    'x2~~x2': (1.13383902, 0.10172337, 0.82056220),
    'x3~~x3': (0.84432405, 0.09062318, 0.66228522),
    'x4~~x4': (0.37117299, 0.04771779, 0.27480772),
    'x5~~x5': (0.44625507, 0.05839278, 0.26886308),
    'x6~~x6': (0.35620266, 0.04303497, 0.29773912),
    'x7~~x7': (0.79939164, 0.08138156, 0.67565302),
    'x8~~x8': (0.48769708, 0.07419409, 0.47720675),
    'x9~~x9': (0.56613129, 0.07073694, 0.55776274),
    'visual~~visual': (0.80931598, 0.14546241, 1.00000000),
    'textual~~textual': (0.97949137, 0.11210585, 1.00000000),
    'speed~~speed': (0.38374765, 0.08620919, 1.00000000),
    'visual~~textual': (0.40823244, 0.07352388, 0.45850930),
    'visual~~speed': (0.26222460, 0.05627640, 0.47053454),
    'textual~~speed': (0.17349468, 0.04931466, 0.28298473),
}
HS_STD_SE = {'visual=~x1': 0.05497272867, 'visual=~x2': 0.05961911656, 'visual=~x3': 0.05513930816, 'textual=~x4': 0.02254309495, 'textual=~x5': 0.02234124968, 'textual=~x6': 0.02335517803, 'speed=~x7': 0.05315486767, 'speed=~x8': 0.05053057757, 'speed=~x9': 0.05109434015}
HS2_FIT = {'chisq': 85.30552177, 'df': 24, 'cfi': 0.9305596518}
HS2_PAR = {
    'visual=~x1': (1.00000000, 0.00000000, 0.77188001),
    'visual=~x2': (0.55350013, 0.09966528, 0.42360019),
    'visual=~x3': (0.72937007, 0.10910980, 0.58113166),
    'textual=~x4': (1.00000000, 0.00000000, 0.85158246),
    'textual=~x5': (1.11307617, 0.06542005, 0.85506540),
    'textual=~x6': (0.92614596, 0.05544880, 0.83801016),
    'speed=~x7': (1.00000000, 0.00000000, 0.56951390),
    'speed=~x8': (1.17995161, 0.16498686, 0.72304400),
    'speed=~x9': (1.08153248, 0.15116792, 0.66500974),
    'g=~visual': (1.00000000, 0.00000000, 0.87315011),
    'g=~textual': (0.66162704, 0.17290880, 0.52512225),
    'g=~speed': (0.42498903, 0.11799938, 0.53889374),
    'x1~~x1': (0.54905483, 0.11360094, 0.40420126),
    'x2~~x2': (1.13384234, 0.10172363, 0.82056288),
    'x3~~x3': (0.84432570, 0.09062328, 0.66228599),
    'x4~~x4': (0.37117265, 0.04771778, 0.27480731),
    'x5~~x5': (0.44625544, 0.05839278, 0.26886316),
    'x6~~x6': (0.35620262, 0.04303496, 0.29773898),
    'x7~~x7': (0.79939286, 0.08138161, 0.67565392),
    'x8~~x8': (0.48769768, 0.07419410, 0.47720737),
    'x9~~x9': (0.56613069, 0.07073700, 0.55776205),
    'visual~~visual': (0.19230046, 0.17040685, 0.23760889),
    'textual~~textual': (0.70939413, 0.10706733, 0.72424662),
    'speed~~speed': (0.27230415, 0.06887019, 0.70959353),
    'g~~g': (0.61701464, 0.18298850, 1.00000000),
}
MG_CONFIGURAL = {'chisq': 115.8513439, 'df': 48, 'pvalue': 1.545283084e-07, 'cfi': 0.9233983804, 'tli': 0.8850975706, 'rmsea': 0.09691485677, 'rmsea.ci.lower': 0.07450528677, 'rmsea.ci.upper': 0.1195828259, 'srmr': 0.06786401175, 'aic': 7484.395024, 'bic': 7706.82164, 'npar': 60}
MG_METRIC = {'chisq': 124.0435442, 'df': 54, 'pvalue': 1.962798201e-07, 'cfi': 0.9209234686, 'tli': 0.8945646248, 'rmsea': 0.09283653587, 'rmsea.ci.lower': 0.0713961318, 'rmsea.ci.upper': 0.1144111023, 'srmr': 0.07165158379, 'aic': 7480.587224, 'bic': 7680.771179, 'npar': 54}
MG_SCALAR = {'chisq': 164.1028309, 'df': 60, 'pvalue': 1.296140972e-11, 'cfi': 0.8824718127, 'tli': 0.8589661752, 'rmsea': 0.1073710981, 'rmsea.ci.lower': 0.08790385949, 'rmsea.ci.upper': 0.1271943798, 'srmr': 0.08244705858, 'aic': 7508.646511, 'bic': 7686.587804, 'npar': 48}
MG_LRT_CHISQ_DIFF = {'metric': 8.192200304, 'scalar': 40.05928675}
MG_LRT_P = {'metric': 0.2243577468, 'scalar': 4.43456618e-07}
# group 1 = Pasteur, group 2 = Grant-White
MG_SCALAR_PAR = {
    'visual=~x1@1': (1.00000000, 0.00000000, 0.76750526),
    'visual=~x2@1': (0.57566127, 0.10077203, 0.41124196),
    'visual=~x3@1': (0.79843088, 0.11172744, 0.59124976),
    'textual=~x4@1': (1.00000000, 0.00000000, 0.81473697),
    'textual=~x5@1': (1.11993366, 0.06601343, 0.82889394),
    'textual=~x6@1': (0.93197456, 0.05611731, 0.86239869),
    'speed=~x7@1': (1.00000000, 0.00000000, 0.51601907),
    'speed=~x8@1': (1.12952335, 0.14506471, 0.65729659),
    'speed=~x9@1': (1.00907683, 0.13161204, 0.57822245),
    'x1~1@1': (5.00140361, 0.08969588, 4.30189590),
    'x2~1@1': (6.15120562, 0.07698157, 4.92467170),
    'x3~1@1': (2.27121497, 0.08293010, 1.88485751),
    'x4~1@1': (2.77793594, 0.08693687, 2.41342981),
    'x5~1@1': (4.03472365, 0.09639159, 3.18431103),
    'x6~1@1': (1.92562358, 0.07883401, 1.90007369),
    'x7~1@1': (4.24212828, 0.07317220, 3.85531635),
    'x8~1@1': (5.63045817, 0.07169707, 5.77059204),
    'x9~1@1': (5.46528924, 0.06916702, 5.51561996),
    'visual~1@1': (0.00000000, 0.00000000, 0.00000000),
    'textual~1@1': (0.00000000, 0.00000000, 0.00000000),
    'speed~1@1': (0.00000000, 0.00000000, 0.00000000),
    'visual=~x1@2': (1.00000000, 0.00000000, 0.72106723),
    'visual=~x2@2': (0.57566127, 0.10077203, 0.44240033),
    'visual=~x3@2': (0.79843088, 0.11172744, 0.64292524),
    'textual=~x4@2': (1.00000000, 0.00000000, 0.84686141),
    'textual=~x5@2': (1.11993366, 0.06601343, 0.86231533),
    'textual=~x6@2': (0.93197456, 0.05611731, 0.79597240),
    'speed=~x7@2': (1.00000000, 0.00000000, 0.66849487),
    'speed=~x8@2': (1.12952335, 0.14506471, 0.77296822),
    'speed=~x9@2': (1.00907683, 0.13161204, 0.70439641),
    'x1~1@2': (5.00140361, 0.08969588, 4.28597104),
    'x2~1@2': (6.15120562, 0.07698157, 5.61811006),
    'x3~1@2': (2.27121497, 0.08293010, 2.17351660),
    'x4~1@2': (2.77793594, 0.08693687, 2.52203984),
    'x5~1@2': (4.03472365, 0.09639159, 3.33046579),
    'x6~1@2': (1.92562358, 0.07883401, 1.76312345),
    'x7~1@2': (4.24212828, 0.07317220, 3.99056873),
    'x8~1@2': (5.63045817, 0.07169707, 5.42204455),
    'x9~1@2': (5.46528924, 0.06916702, 5.36857436),
    'visual~1@2': (-0.14769906, 0.12196814, -0.17553321),
    'textual~1@2': (0.57636315, 0.11719028, 0.61789344),
    'speed~1@2': (-0.17735025, 0.09013520, -0.24956560),
}
FS_ROW1 = {'visual': -0.8176752416, 'textual': -0.137545013, 'speed': 0.06150725686}
# ------------------------------------------------------------------------------------------------------------

FIT_NAMES = {"rmsea.ci.lower": "rmsea_ci_lower", "rmsea.ci.upper": "rmsea_ci_upper", "logl": "loglik",
             "baseline.chisq": "baseline_chisq", "baseline.df": "baseline_df"}


@pytest.fixture(scope="module")
def hs():
    return holzinger39.get_data()


def _check_fit(fit, ref, tol=TOL):
    for k, v in ref.items():
        got = fit[FIT_NAMES.get(k, k)]
        rel = tol * max(1.0, abs(v)) if k in ("aic", "bic", "logl", "chisq", "baseline.chisq") else tol
        assert abs(got - v) < rel, (k, got, v)


def _check_par(est, ref, tol=TOL):
    for key, (e, se, std) in ref.items():
        m = re.match(r"(\w+)(=~|~~|~1|~)(\w*)(?:@(\d))?$", key)
        lhs, op, rhs, g = m.groups()
        sel = (est.lhs == lhs) & (est.op == op) & (est.rhs == rhs)
        if g is not None:
            sel &= est.group == est.group.unique()[int(g) - 1]
        row = est[sel]
        assert len(row) == 1, key
        row = row.iloc[0]
        assert abs(row.est - e) < tol, (key, row.est, e)
        assert abs(np.nan_to_num(row.se) - se) < tol, (key, row.se, se)
        assert abs(row.std_all - std) < tol, (key, row.std_all, std)


def test_three_factor_fit_matches_lavaan(hs):
    res = cfa(hs, MODEL)
    _check_fit(res.fit, HS_FIT)
    assert res.fit["chisq"] == pytest.approx(HS_FIT["chisq"], abs=1e-5)  # much tighter than required


def test_three_factor_estimates_match_lavaan(hs):
    res = cfa(hs, MODEL)
    _check_par(res.estimates, HS_PAR)
    lo = res.loadings.set_index(res.loadings.factor + "=~" + res.loadings["item"])
    assert np.allclose(lo.loc[list(HS_STD_SE), "std_se"], list(HS_STD_SE.values()), atol=TOL)
    corr = res.factor_correlations
    assert corr.loc["visual", "textual"] == pytest.approx(HS_PAR["visual~~textual"][2], abs=TOL)


def test_second_order_matches_lavaan(hs):
    res = cfa(hs, MODEL + "\ng =~ visual + textual + speed")
    _check_fit(res.fit, HS2_FIT)
    _check_par(res.estimates, HS2_PAR)
    # no covariances among first-order disturbances in a second-order model
    cov = res.estimates[(res.estimates.op == "~~") & (res.estimates.lhs != res.estimates.rhs)]
    assert cov.empty


@pytest.mark.parametrize("name, equal", [("CONFIGURAL", ()), ("METRIC", ("loadings",)),
                                         ("SCALAR", ("loadings", "intercepts"))])
def test_multigroup_fit_matches_lavaan(hs, name, equal):
    res = cfa(hs, MODEL, group="school", group_equal=equal)
    assert res.groups == ["Pasteur", "Grant-White"]
    _check_fit(res.fit, globals()["MG_" + name])


def test_multigroup_scalar_estimates_match_lavaan(hs):
    res = cfa(hs, MODEL, group="school", group_equal=("loadings", "intercepts"))
    _check_par(res.estimates, MG_SCALAR_PAR)


def test_semopy_agrees_on_estimates(hs):
    """Second, independent implementation: semopy's ML (L-BFGS-B) gives the same loadings."""
    import semopy

    m = semopy.Model(MODEL)
    m.fit(hs, solver="L-BFGS-B")
    ins = m.inspect()
    ours = cfa(hs, MODEL).estimates
    for r in ins[ins.op == "~"].itertuples():  # semopy writes loadings as item ~ factor
        mine = ours[(ours.op == "=~") & (ours.lhs == r.rval) & (ours.rhs == r.lval)].est.iloc[0]
        assert mine == pytest.approx(r.Estimate, abs=2e-3)


def test_sem_regression_equals_reparameterised_covariance(hs):
    """textual ~ visual is the covariance model reparameterised: beta = cov / var(visual), same fit."""
    m2 = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6"
    c = cfa(hs, m2)
    s = sem(hs, m2 + "\ntextual ~ visual")
    assert s.fit["chisq"] == pytest.approx(c.fit["chisq"], abs=1e-6)
    e = c.estimates.set_index(c.estimates.lhs + c.estimates.op + c.estimates.rhs).est
    beta = s.paths.iloc[0]
    assert beta.est == pytest.approx(e["visual~~textual"] / e["visual~~visual"], abs=1e-6)
    assert beta.std_all == pytest.approx(c.factor_correlations.loc["visual", "textual"], abs=1e-6)
    r2 = s.r2.set_index("variable").r2
    assert r2["textual"] == pytest.approx(beta.std_all**2, abs=1e-6)


def test_factor_scores_regression_method(hs):
    """Regression factor scores against lavPredict(); they are centred (latent means 0)."""
    res = cfa(hs, MODEL)
    fs = res.factor_scores(hs)
    assert np.allclose(fs.mean(), 0, atol=1e-10)
    assert fs.loc[1, "visual"] == pytest.approx(FS_ROW1["visual"], abs=TOL)
    assert fs.loc[1, "speed"] == pytest.approx(FS_ROW1["speed"], abs=TOL)


def test_not_identified_raises(hs):
    with pytest.raises(IdentificationError, match="more free parameters"):
        cfa(hs, "f =~ x1 + x2")  # 4 parameters, 3 moments


def test_too_few_cases_raises(hs):
    with pytest.raises(StudyDataError, match="too few complete cases: 8 for 9 observed"):
        cfa(hs.head(8), MODEL)


def test_missing_column_names_column(hs):
    with pytest.raises(StudyDataError, match="column 'x10'"):
        cfa(hs, "f =~ x1 + x2 + x10")


def test_heywood_case_is_flagged():
    """Correlations r_ab = r_ac = 0.8, r_bc = 0.5 imply a one-factor loading of a of sqrt(0.64 / 0.5) > 1."""
    rng = np.random.default_rng(3)
    R = np.array([[1, 0.8, 0.8], [0.8, 1, 0.5], [0.8, 0.5, 1]])
    x = rng.multivariate_normal(np.zeros(3), R, size=2000)
    df = pd.DataFrame(x, columns=["a", "b", "c"])
    with pytest.warns(HeywoodWarning, match="negative variance a ~~ a"):
        res = cfa(df, "f =~ a + b + c")
    assert any("a ~~ a" in h for h in res.heywood)
    std = res.loadings.set_index("item").std_all
    assert std["a"] == pytest.approx(np.sqrt(0.64 / 0.5), abs=0.05)  # closed form, sampling error only


def test_small_sample_warns(hs):
    from nps_research.cx.cfa import SmallSampleWarning

    with pytest.warns(SmallSampleWarning, match="complete cases for 21 free parameters"), warnings.catch_warnings():
        warnings.simplefilter("ignore", HeywoodWarning)
        cfa(hs.head(60), MODEL)


def test_summary_reports_lavaans_numbers_and_verdicts(hs):
    """summary() is the fit as a one-row table with lavaan's values; the sentences show them (rounded) and judge
    each index against its threshold; the report tables write them in the report language."""
    res = cfa(hs, MODEL)
    f = HS_FIT
    s = res.summary()
    assert isinstance(s, pd.DataFrame) and len(s) == 1 and int(s.loc[0, "df"]) == 24 and int(s.loc[0, "npar"]) == 21
    for k in ("chisq", "cfi", "tli", "rmsea", "srmr", "aic", "bic"):
        assert s.loc[0, k] == pytest.approx(f[k], abs=TOL), k
    text = res.describe("en")
    assert f"Chi-square = {f['chisq']:.2f} on 24 degrees of freedom (p < 0.001)" in text[1]
    assert f"CFI = {f['cfi']:.3f} does not meet the 0.95 threshold (≥ 0.95)." in text  # 0.931
    assert (f"RMSEA = {f['rmsea']:.3f} (90% CI {f['rmsea.ci.lower']:.3f} to {f['rmsea.ci.upper']:.3f}) does not meet "
            "the 0.06 threshold (≤ 0.06).") in text
    assert f"SRMR = {f['srmr']:.3f} meets the 0.08 threshold (≤ 0.08)." in text  # 0.065
    assert "1 of the four fit indices meets its threshold (not met: CFI, TLI and RMSEA): the fit is mixed." in text
    # x2 is the one item below 0.5 (lavaan: 0.424)
    e, se, std = HS_PAR["visual=~x2"]
    assert "1 item loads below 0.5 on its factor (standardised): x2." in text and std < 0.5
    # the report tables: fit in Dutch, loadings with lavaan's estimate, SE and standardised value
    fit_nl = res.table("nl").formatted()
    assert fit_nl.loc[0, "chi-kwadraat"] == f"{f['chisq']:.1f}".replace(".", ",") and fit_nl.loc[0, "vg"] == "24"
    assert fit_nl.loc[0, "CFI"] == f"{f['cfi']:.3f}".replace(".", ",") and fit_nl.loc[0, "p-waarde"] == "< 0,001"
    lo = res.loadings_table("nl").formatted().set_index("item")
    e, se, std = HS_PAR["textual=~x5"]
    assert list(lo.loc["x5", ["factor", "schatting", "standaardfout", "gestandaardiseerd"]]) == [
        "textual", f"{e:.3f}".replace(".", ","), f"{se:.3f}".replace(".", ","), f"{std:.3f}".replace(".", ",")]
    # validity verdicts follow the thresholds: textual CR 0.885 / AVE 0.720 pass, visual AVE 0.371 fails
    v = res.validity.describe("en")
    assert v[1].startswith("textual: composite reliability CR = 0.885 (meets 0.70), AVE = 0.720 (meets 0.50); "
                           "Fornell-Larcker criterion met")
    assert v[0].startswith("visual: composite reliability CR = 0.626 (does not meet 0.70), AVE = 0.371 (does not "
                           "meet 0.50)")
    full = res.parameters_table("nl")
    assert full.detail and len(full.data) == len(res.estimates)
