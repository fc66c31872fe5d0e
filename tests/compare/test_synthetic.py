"""NPS versus CX on the synthetic study, whose truth says what drives the outcomes.

``make_study(outcome_driver=...)`` sets ``logit P(retained) = a + b_cx cx_z + b_ltr ltr_z`` with
(b_cx, b_ltr) = (1.0, 0.2) for "cx", (0.2, 1.0) for "ltr" and (0.6, 0.6) for "equal", where cx_z is the
standardised mean of the 19 EXQ items and ltr_z the standardised relational LTR (``truth.outcome_effects``).
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from nps_research.compare import (
    compare_correlations,
    customer_frame,
    dimension_importance,
    incremental_validity,
    predictive_validity,
    value_by_category,
)

DIMS = ["pex", "out", "mot", "pom"]


@pytest.fixture(scope="module")
def frames(synthetic):
    out = {}
    for driver in ("cx", "ltr", "equal"):
        study = synthetic(5000, 0, driver)
        f = customer_frame(study)
        st = study.truth.outcome_effects["standardisation"]
        f["cx_z"] = (f["cx"] - st["cx_mean"]) / st["cx_sd"]
        f["ltr_z"] = (f["ltr"] - st["ltr_mean"]) / st["ltr_sd"]
        out[driver] = (study, f)
    return out


def _run(f):
    return predictive_validity(
        f, outcome="retained", seed=1, cv=10, repeats=3,
        measures={"NPS": ["ltr_z"], "CX (EXQ)": DIMS, "CX total": ["cx_z"], "CX + NPS": ["cx_z", "ltr_z"]})


@pytest.mark.parametrize(("driver", "winner"), [("cx", "CX (EXQ)"), ("ltr", "NPS")])
def test_the_true_driver_predicts_retention_best_and_its_effect_is_recovered(frames, driver, winner):
    study, f = frames[driver]
    res = _run(f)
    d = res.differences[res.differences["metric"] == "auc"].set_index("measure")
    assert d.loc["CX (EXQ)", "favours"] == winner
    assert d.loc["CX total", "favours"] == ("CX total" if driver == "cx" else "NPS")
    truth = study.truth.outcome_effects["retained"]
    coef = res.coefficients.set_index(["measure", "term"])["coef"]
    assert coef[("CX + NPS", "cx_z")] == pytest.approx(truth["b_cx"], abs=0.15)
    assert coef[("CX + NPS", "ltr_z")] == pytest.approx(truth["b_ltr"], abs=0.15)
    assert coef[("CX + NPS", "Intercept")] == pytest.approx(truth["intercept"], abs=0.15)
    # Steiger's test agrees with the cross-validation
    cc = compare_correlations(f, target="retained", x="cx", y="ltr")
    assert cc.p_value < 0.001 and (cc.r_x > cc.r_y) == (driver == "cx")
    # hierarchical regression: the true driver adds to the other; the 0.2 effect is smaller but present
    iv = incremental_validity(f, outcome="retained", measures={"NPS": ["ltr_z"], "CX": ["cx_z"]})
    t = iv.summary().set_index(["base", "added"])
    strong, weak = (("NPS", "CX"), ("CX", "NPS")) if driver == "cx" else (("CX", "NPS"), ("NPS", "CX"))
    assert t.loc[strong, "p_value"] < 1e-10
    assert t.loc[strong, "delta_r2"] > 5 * t.loc[weak, "delta_r2"]
    assert any(winner.split()[0] in s and "better than" in s for s in res.describe())


def test_no_difference_when_cx_and_nps_drive_retention_equally(frames):
    study, f = frames["equal"]
    res = _run(f)
    d = res.differences.set_index(["measure", "metric"])
    for metric in ("auc", "brier", "log_loss"):
        assert d.loc[("CX total", metric), "p_value"] > 0.05
        assert d.loc[("CX total", metric), "favours"] == "neither"
    coef = res.coefficients.set_index(["measure", "term"])["coef"]
    assert coef[("CX + NPS", "cx_z")] == pytest.approx(0.6, abs=0.15)
    assert coef[("CX + NPS", "ltr_z")] == pytest.approx(0.6, abs=0.15)
    assert compare_correlations(f, target="retained", x="cx", y="ltr").p_value > 0.05
    assert any("does not predict ‘retained’ significantly differently" in s for s in res.describe())


def test_peace_of_mind_matters_most_for_ltr_as_planted(frames):
    study, f = frames["cx"]
    effects = study.truth.ltr_relational["dimension_effects"]  # pom 0.4, the others 0.18-0.22
    res = dimension_importance(f, outcomes="ltr", bootstrap=100, seed=3)
    assert res.most_important()["ltr"] == max(effects, key=effects.get) == "pom"
    d = res.differences
    for other in ("pex", "out"):
        row = d[(d["driver_a"] == other) & (d["driver_b"] == "pom")].iloc[0]
        assert row["significant"] and row["difference"] < 0
    assert res.describe()[0].startswith("For ‘likelihood to recommend’, peace of mind matters most")
    # the m-out-of-n bootstrap (resamples of 400 rows) reaches the same conclusions and says how it resampled
    part = dimension_importance(f, outcomes="ltr", bootstrap=100, seed=3, bootstrap_rows=400)
    assert part.most_important()["ltr"] == "pom"
    assert part.describe()[:1] == res.describe()[:1] or part.describe()[0].split(" (")[0] == \
        res.describe()[0].split(" (")[0]
    n = f[["ltr", *part.results["ltr"].drivers]].dropna().shape[0]
    assert part.describe()[-1].startswith(f"The intervals come from bootstrap resamples of 400 of the {n:,}")
    assert part.describe("nl")[-1].startswith("De intervallen komen uit bootstrapsteekproeven van telkens 400 van")
    assert not any("resamples of" in s for s in res.describe())


def test_value_by_category_on_a_study_joins_the_relational_response(frames):
    study, f = frames["cx"]
    res = value_by_category(study, value=["retained", "revenue_next_12m"], n_boot=300, seed=1)
    cat = pd.cut(f["ltr"], [-1, 6, 8, 10], labels=["detractor", "passive", "promoter"])
    means = f.groupby(cat, observed=True)["retained"].mean()
    bc = res.by_category.set_index(["value", "category"])["mean"]
    np.testing.assert_allclose([bc[("retained", c)] for c in means.index], means.to_numpy())
    assert res.by_category.groupby("value")["n"].sum().tolist() == [5000, 5000]


def test_dutch_sentences_state_the_planted_truth_in_dutch_words_and_numbers(frames):
    study, f = frames["cx"]
    iv = incremental_validity(f, outcome="retained", measures={"nps": ["ltr"], "cx": DIMS})
    cc = compare_correlations(f, target="retained", x="cx", y="ltr")
    imp = dimension_importance(f, outcomes="ltr", bootstrap=50, seed=3)
    text = " ".join(iv.describe("nl") + cc.describe("nl") + imp.describe("nl"))
    assert "CX (EXQ) voegt significant iets toe aan NPS bij het verklaren van ‘behouden’" in text
    assert "De samenhang met ‘behouden’ is sterker voor ‘totale CX-score’ dan voor ‘aanbevelingsscore’" in text
    assert "Voor ‘aanbevelingsscore’ telt gemoedsrust het zwaarst" in text
    # Dutch numbers: decimal comma, never a point in a number below one; no role names
    assert not re.search(r"\b0\.\d", text) and re.search(r"\b0,\d", text)
    assert "retained" not in text and "ltr" not in text and "pom" not in text


def test_results_follow_the_contract_and_every_report_table_is_labelled_in_dutch(frames):
    from nps_research.results import Result
    from nps_research.tables import MissingLabelWarning

    study, f = frames["cx"]
    f = f.head(1500).copy()  # keep it quick: the tables' shape, not the numbers, is checked here
    f.attrs = dict(frames["cx"][1].attrs)
    measures = {"nps": ["ltr"], "nps_category": ["promoter", "detractor"], "cx": DIMS}
    pv = predictive_validity(f, outcome="retained", measures=measures, cv=5, repeats=1, seed=1)
    iv = incremental_validity(f, outcome="revenue_next_12m", measures={"nps": ["ltr"], "cx": DIMS})
    cc = compare_correlations(f, target="n_products", x="cx", y="ltr")
    val = value_by_category(f, value=["revenue_next_12m", "retained"], n_boot=100, seed=1)
    imp = dimension_importance(f, outcomes=["retained"], bootstrap=10, seed=1)
    results = [pv, iv, cc, val, imp]
    with warnings.catch_warnings():
        warnings.simplefilter("error", MissingLabelWarning)  # every shown column has a catalogue header
        tables = [r.table("nl") for r in results] + [
            pv.differences_table("nl"), pv.coefficients_table("nl"), val.ratios_table("nl"), val.moves_table("nl")]
    for r in results:
        assert isinstance(r, Result) and isinstance(r.summary(), pd.DataFrame)
        assert all(isinstance(s, str) for s in r.describe("nl"))
    for tab in tables:
        shown = tab.formatted()
        cells = " ".join(map(str, shown.columns)) + " " + " ".join(shown.astype(str).to_numpy().ravel())
        assert not re.search(r"\b0\.\d", cells), cells
        assert not re.search(r"\b[a-z]+_[a-z_0-9]+\b", cells), cells
    assert list(pv.table("nl").formatted()["maat"]) == ["NPS", "NPS-categorie", "CX (EXQ)"]
    assert set(val.table("nl").formatted()["waarde"]) == {"omzet komende 12 maanden", "behouden"}
    assert list(imp.table("nl").formatted()["CX-dimensie"])[0] == "gemoedsrust"
