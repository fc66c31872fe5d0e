"""Incremental validity (nps_research.compare.incremental) against statsmodels' F and likelihood-ratio tests."""

from __future__ import annotations

import pandas as pd
import pytest
import statsmodels.api as sm

from nps_research.compare import incremental_validity


def test_incremental_validity_linear_matches_statsmodels_f_test(sim):
    df = sim(n=500, seed=12)
    res = incremental_validity(df, outcome="revenue", measures={"NPS": ["ltr"], "CX": ["cx", "csat"]},
                               controls=["segment"])
    t = res.summary().set_index(["base", "added"])
    ctrl = pd.get_dummies(df["segment"], drop_first=True, dtype=float)
    base = sm.OLS(df["revenue"], sm.add_constant(pd.concat([ctrl, df[["ltr"]]], axis=1))).fit()
    full = sm.OLS(df["revenue"], sm.add_constant(pd.concat([ctrl, df[["ltr", "cx", "csat"]]], axis=1))).fit()
    f, p, df1 = full.compare_f_test(base)
    row = t.loc[("NPS", "CX")]
    assert row["statistic"] == pytest.approx(f, rel=1e-8)
    assert row["p_value"] == pytest.approx(p, rel=1e-6, abs=1e-300)
    assert row["df1"] == df1 == 2 and row["df2"] == full.df_resid
    assert row["r2_base"] == pytest.approx(base.rsquared) and row["r2_full"] == pytest.approx(full.rsquared)
    assert t.loc[("CX", "NPS"), "df1"] == 1


def test_incremental_validity_logistic_matches_statsmodels_lr_and_mcfadden(sim):
    df = sim(n=700, seed=13)
    res = incremental_validity(df, outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"]})
    base = sm.Logit(df["retained"], sm.add_constant(df[["ltr"]])).fit(disp=0)
    full = sm.Logit(df["retained"], sm.add_constant(df[["ltr", "cx"]])).fit(disp=0)
    row = res.summary().set_index(["base", "added"]).loc[("NPS", "CX")]
    assert row["test"] == "LR"
    assert row["statistic"] == pytest.approx(2 * (full.llf - base.llf), rel=1e-7)
    assert row["r2_base"] == pytest.approx(base.prsquared, rel=1e-7)
    assert row["r2_full"] == pytest.approx(full.prsquared, rel=1e-7)
    text = " ".join(res.describe())
    assert "CX adds significantly to NPS" in text
    nl = " ".join(res.describe("nl"))
    assert "voegt significant iets toe" in nl
