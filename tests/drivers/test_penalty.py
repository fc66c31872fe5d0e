"""penalty_reward and importance_performance: simulated truth, synthetic study truth, hand computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nps_research.drivers import importance_performance, penalty_reward, relative_importance


@pytest.fixture(scope="module")
def asym():
    """Known truth: 'basic' only penalises the bottom box, 'delight' only rewards the top box, 'linear' both."""
    rng = np.random.default_rng(11)
    n = 6000
    df = pd.DataFrame({c: rng.integers(1, 11, n) for c in ("basic", "delight", "linear")})
    df["ltr"] = (6.0 - 1.0 * (df["basic"] <= 5) + 0.9 * (df["delight"] >= 9)
                 - 0.5 * (df["linear"] <= 5) + 0.5 * (df["linear"] >= 9) + rng.normal(0, 1.5, n))
    return df


def test_penalty_reward_recovers_simulated_effects(asym):
    res = penalty_reward(asym, drivers=["basic", "delight", "linear"])
    pr = res.summary().set_index("driver")
    truth = {"basic": (1.0, 0.0), "delight": (0.0, 0.9), "linear": (0.5, 0.5)}
    for d, (pen, rew) in truth.items():
        assert pr.loc[d, "penalty_ci_low"] < pen < pr.loc[d, "penalty_ci_high"]
        assert pr.loc[d, "reward_ci_low"] < rew < pr.loc[d, "reward_ci_high"]
    assert pr["kano_class"].to_dict() == {"basic": "basic", "delight": "excitement", "linear": "performance"}
    # default boxes for an observed 1-10 range: 1-5 and 9-10; counts by hand
    assert (pr.loc["basic", "low"], pr.loc["basic", "high"]) == (5, 9)
    assert pr.loc["basic", "n_low"] == int((asym["basic"] <= 5).sum())
    # IA by hand from the reported penalty/reward
    p, r = pr.loc["linear", "penalty"], pr.loc["linear", "reward"]
    assert pr.loc["linear", "impact_asymmetry"] == pytest.approx((r - p) / (r + p))
    assert "as basic at -0.2 or below" in res.rule("en") and "als basis bij -0,2 of lager" in res.rule("nl")


def test_penalty_reward_custom_boxes_and_errors(asym):
    pr = penalty_reward(asym, drivers=["basic"], low=3, high=8).summary()
    assert pr.loc[0, "n_low"] == int((asym["basic"] <= 3).sum())
    with pytest.raises(ValueError, match="low .* must be below high"):
        penalty_reward(asym, drivers=["basic"], low=8, high=8)
    with pytest.raises(ValueError, match="nobody in the box"):
        penalty_reward(asym, drivers=["basic"], low=0, high=9)


def test_importance_performance_by_hand(asym):
    ri = relative_importance(asym, outcome="ltr", drivers=["basic", "delight", "linear"])
    res = importance_performance(asym, drivers=["basic", "delight", "linear"], importance=ri,
                                 performance="top_box", top_box=9)
    ip = res.summary().set_index("driver")
    np.testing.assert_allclose(ip["importance"], ri.importance["share"])
    for d in ["basic", "delight", "linear"]:
        assert ip.loc[d, "performance"] == pytest.approx((asym[d] >= 9).mean())
    si, sp = res.split
    assert si == pytest.approx(1 / 3)
    for d in ip.index:
        hi_i, hi_p = ip.loc[d, "importance"] > si, ip.loc[d, "performance"] > sp
        expected = {(True, False): "concentrate here", (True, True): "keep up the good work",
                    (False, False): "low priority", (False, True): "possible overkill"}[(hi_i, hi_p)]
        assert ip.loc[d, "quadrant"] == expected
    corr = importance_performance(asym, drivers=["basic", "delight"], importance="correlation").summary()
    r = asym[["basic", "delight", "ltr"]].corr()["ltr"].iloc[:2].to_numpy()
    np.testing.assert_allclose(corr["importance"], r**2 / (r**2).sum())
    np.testing.assert_allclose(corr["performance"], asym[["basic", "delight"]].mean())


def test_synthetic_study_penalty_attributes_found(synthetic):
    study = synthetic(3000, 0)
    rel = study.responses[study.responses["survey_type"] == "relational"].copy()
    dims = []
    for d in ("pex", "out", "mot", "pom"):
        rel[f"dim_{d}"] = rel[[c for c in study.cx_items if c.startswith(d)]].mean(axis=1)
        dims.append(f"dim_{d}")
    pr = penalty_reward(rel, drivers=study.attributes, controls=dims).summary()
    truth = set(study.truth.ltr_relational["penalties"])
    top = set(pr.nlargest(len(truth), "penalty")["driver"])
    assert top == truth
    assert (pr.set_index("driver").loc[sorted(truth), "kano_class"] == "basic").all()
