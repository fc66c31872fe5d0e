"""journeys: measures by hand, peak-end and moments of truth against the synthetic truth, REML vs statsmodels."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pandas as pd
import pytest

from nps_research.journeys import (
    journey_heatmap_table,
    journey_measures,
    link_responses,
    moments_of_truth,
    peak_end_models,
    touchpoint_variance,
)


def _events():
    ts = pd.to_datetime(["2024-01-05", "2024-01-01", "2024-01-03", "2024-02-01", "2024-02-02"])
    return pd.DataFrame({"customer_id": ["c1", "c1", "c1", "c2", "c2"], "journey": ["move"] * 3 + ["bill"] * 2,
                         "journey_id": ["j1", "j1", "j1", "j2", "j2"], "touchpoint": ["c", "a", "b", "x", "y"],
                         "stage": ["post", "pre", "during", "pre", "post"],
                         "channel": ["app", "phone", "phone", "shop", "web"], "timestamp": ts,
                         "score": [9, 3, 6, 5, 5]})


def test_measures_by_hand():
    m = journey_measures(_events()).set_index("journey_id")
    j1 = m.loc["j1"]  # ordered by time: a (3, phone), b (6, phone), c (9, app)
    assert (j1["first"], j1["last"], j1["min"], j1["max"], j1["mean"]) == (3, 9, 3, 9, 6)
    assert j1["trend"] == pytest.approx(np.polyfit([0, 1, 2], [3, 6, 9], 1)[0])
    assert j1["peak_end"] == 6.0 and j1["n_channel_switches"] == 1
    assert j1["online_share"] == pytest.approx(1 / 3) and j1["last_touchpoint"] == "c"
    j2 = m.loc["j2"]
    assert j2["trend"] == 0 and j2["online_share"] == 0.5 and j2["n_channel_switches"] == 1


def test_link_by_end_date():
    m = journey_measures(_events())
    resp = pd.DataFrame({"customer_id": ["c1", "c2", "c2"], "date": pd.to_datetime(["2024-01-05", "2024-01-01",
                                                                                     "2024-02-02"]),
                         "survey_type": "transactional", "ltr": [8, 2, 4]})
    out = link_responses(m, resp).set_index("journey_id")
    assert out["ltr"].to_dict() == {"j1": 8, "j2": 4}


def test_heatmap_table_by_hand():
    tab = journey_heatmap_table(pd.concat([_events(), _events().assign(score=[7, 5, 6, 1, 9])]))
    assert tab.loc["a", "pre"] == 4.0 and tab.loc["y", "post"] == 7.0
    assert list(tab.columns) == ["pre", "during", "post"]
    share = journey_heatmap_table(_events(), stat="bad_share")
    assert share.loc["a", "pre"] == 1.0 and share.loc["c", "post"] == 0.0


@pytest.fixture(scope="module")
def synthetic_linked(synthetic):
    # 15,000 customers: enough bad experiences at the rarer planted touchpoints (meter reading) to find them
    study = synthetic(15000, 0)
    m = journey_measures(study)
    return study, link_responses(m, study)


def test_link_matches_generator_journeys(synthetic_linked):
    study, linked = synthetic_linked
    rj = study.truth.response_journey
    tr = study.responses[study.responses["survey_type"] == "transactional"]
    expected = {str(rj[r]): float(v) for r, v in zip(tr["response_id"], tr["ltr"])}
    got = dict(zip(linked["journey_id"].astype(str), linked["ltr"]))
    assert got == expected


def test_peak_end_beats_average(synthetic_linked):
    study, linked = synthetic_linked
    res = peak_end_models(linked)
    pe = res.summary().set_index("model")
    # truth: worst and last moments weigh 0.25 each, the mean 0.15
    assert res.best in ("peak_end", "average_peak_end")
    assert pe.loc["peak_end", "diff_vs_average"] > 3 * pe.loc["peak_end", "diff_se"]
    w = study.truth.ltr_transactional["peak_end"]
    coefs = pe.loc["average_peak_end", "coefficients"]
    for k in ("mean", "min", "last"):
        assert coefs[k] == pytest.approx(w[k], abs=0.12)


@pytest.mark.filterwarnings("ignore:peak_end_models")
def test_cv_r2_matches_direct_loop():
    rng = np.random.default_rng(3)
    d = pd.DataFrame({"mean": rng.normal(size=120), "min": rng.normal(size=120), "journey": "j"})
    d["ltr"] = d["min"] + rng.normal(size=120)
    pe = peak_end_models(d, models={"average": ["mean"], "worst": ["min"]}, folds=5, seed=1).summary()
    pe = pe.set_index("model")
    fold = np.random.default_rng(1).permutation(np.arange(120) % 5)
    pred = np.empty(120)
    for f in range(5):
        tr = fold != f
        b = np.polyfit(d.loc[tr, "min"], d.loc[tr, "ltr"], 1)
        pred[~tr] = np.polyval(b, d.loc[~tr, "min"])
    cv = 1 - np.sum((d["ltr"] - pred) ** 2) / np.sum((d["ltr"] - d["ltr"].mean()) ** 2)
    assert pe.loc["worst", "cv_r2"] == pytest.approx(cv, abs=1e-10)


def test_moments_of_truth_found(synthetic_linked):
    study, linked = synthetic_linked
    # Planted: meter_reading 0.30, annual_bill 0.30, complaint_handling 0.40 LTR points per point below 5.
    # Exact "planted == top 3" holds for this seed but not for every seed at 15,000 customers (the rarer
    # touchpoints have 150-250 bad experiences; a non-planted touchpoint with few bad ones can outrank
    # meter_reading by chance: 3 of 37 seeds on the LTR scale, 8 of 37 for the detractor share). The
    # assertions below held on all of seeds 0-39; among ~20 touchpoints they are far from chance.
    planted = set(study.truth.moments_of_truth)
    strongest = max(study.truth.moments_of_truth, key=study.truth.moments_of_truth.get)
    mot = moments_of_truth(study, linked, target="ltr", bad=study.truth.moment_of_truth_threshold - 1).summary()
    assert planted <= set(mot.nsmallest(4, "rank")["touchpoint"])
    assert mot.iloc[0]["touchpoint"] == strongest
    assert (mot.set_index("touchpoint").loc[sorted(planted), "effect"] < 0).all()
    det = moments_of_truth(study, linked).summary()
    top = det.iloc[0]
    assert top["touchpoint"] in planted and top["ci_low"] > 0 and top["rd_ci_low"] > 0
    assert (det.set_index("touchpoint").loc[sorted(planted), "effect"] > 0).all()
    # unadjusted risk difference by hand for one touchpoint
    ev = study.journey_events
    row = det.set_index("touchpoint").loc["annual_bill"]
    sub = ev[ev["touchpoint"] == "annual_bill"].groupby("journey_id")["score"].min()
    lk = linked.set_index("journey_id")
    ids = lk.index.intersection(sub.index)
    bad = sub.loc[ids] <= 4
    detr = lk.loc[ids, "ltr"] <= 6
    assert row["risk_difference"] == pytest.approx(100 * (detr[bad].mean() - detr[~bad].mean()))


def test_reml_matches_statsmodels_mixedlm_and_recovers_icc():
    import statsmodels.formula.api as smf

    rng = np.random.default_rng(1)
    G = 400
    n = rng.integers(1, 7, G)
    cust = np.repeat(np.arange(G), n)
    tp = rng.choice(list("abcde"), len(cust))
    shift = pd.Series(tp).map({"a": 0, "b": 1, "c": -1, "d": 0.5, "e": 0}).to_numpy()
    ev = pd.DataFrame({"customer_id": cust.astype(str), "touchpoint": tp,
                       "score": 6 + shift + rng.normal(0, 0.8, G)[cust] + rng.normal(0, 1.2, len(cust))})
    r = touchpoint_variance(ev)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        f = smf.mixedlm("score ~ C(touchpoint)", ev, groups=ev["customer_id"]).fit(reml=True)
    assert r.var_customer == pytest.approx(f.cov_re.iloc[0, 0], rel=1e-4)
    assert r.var_residual == pytest.approx(f.scale, rel=1e-4)
    np.testing.assert_allclose(r.fixed_effects.to_numpy(), f.fe_params.to_numpy(), atol=1e-5)
    true_icc = 0.64 / (0.64 + 1.44)
    assert r.icc_ci_low < true_icc < r.icc_ci_high


def test_icc_zero_boundary_on_synthetic(synthetic_linked):
    study, _ = synthetic_linked
    r = touchpoint_variance(study.journey_events.iloc[:25000])  # a third of the customers is plenty
    # the generator draws touchpoint scores without a customer effect: ICC near 0, interval touching 0
    assert r.icc < 0.02 and r.icc_ci_low == pytest.approx(0.0, abs=1e-3)
    # the report sentence follows the interval: no customer effect -> "hardly any"
    assert "hardly any of the variation" in r.describe()[0]
    assert "nauwelijks" in r.describe("nl")[0]
    strong = dataclasses.replace(r, icc=0.5, icc_ci_low=0.4, icc_ci_high=0.6)
    assert "between customers" in strong.describe()[0]
