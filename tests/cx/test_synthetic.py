"""Truth recovery on the synthetic study (nps_research.synthetic.make_study, seed 0).

The generator's EXQ items are discretised (1-7) versions of latent responses with known standardised loadings,
factor correlations and second-order loadings; discretisation attenuates loadings by a few per cent (see the
generator's docstring), so the tolerances allow for that.
"""

from __future__ import annotations

import numpy as np
import pytest

from nps_research.cx import EXQ, cfa, efa, invariance, reliability, score_scale, sem

ONLINE = {"app": "online", "web": "online", "chat": "online", "phone": "offline", "shop": "offline"}
DIMS = ["pex", "out", "mot", "pom"]


@pytest.fixture(scope="module")
def study(synthetic):
    return synthetic(5000, 0)


@pytest.fixture(scope="module")
def rel(study):
    r = study.responses
    return r[r.survey_type == "relational"]


@pytest.fixture(scope="module")
def fitted(rel):
    return cfa(rel, EXQ)


def test_loadings_recovered(study, fitted):
    est = fitted.loadings.set_index("item").std_all
    true = study.truth.loadings.max(axis=1)
    diff = est.reindex(true.index) - true
    assert diff.abs().max() < 0.06
    assert -0.04 < diff.mean() < 0.0  # attenuation by discretisation: a little below the truth, never above on average


def test_factor_and_second_order_correlations_recovered(study, fitted):
    fc = fitted.factor_correlations.loc[DIMS, DIMS]
    assert np.abs(fc.to_numpy() - study.truth.factor_correlations.loc[DIMS, DIMS].to_numpy()).max() < 0.04
    so = fitted.loadings[fitted.loadings.factor == "exq"].set_index("item").std_all
    assert np.abs(so[DIMS] - study.truth.second_order_loadings[DIMS]).max() < 0.04


def test_correct_model_fits_and_wrong_models_fit_worse(rel, fitted):
    assert fitted.fit["cfi"] > 0.99 and fitted.fit["rmsea"] < 0.03
    # one factor for all 19 items
    one = cfa(rel, "g =~ " + " + ".join(EXQ.items))
    # two items swapped between dimensions
    dims = {d: list(v) for d, v in EXQ.dimensions.items()}
    dims["pex"][0], dims["pom"][0] = dims["pom"][0], dims["pex"][0]
    swapped = cfa(rel, "\n".join(f"{d} =~ " + " + ".join(v) for d, v in dims.items()))
    first = cfa(rel, EXQ.to_syntax(higher_order=False))
    for bad in (one, swapped):
        assert bad.fit["chisq"] > fitted.fit["chisq"] + 100
        assert bad.fit["cfi"] < fitted.fit["cfi"] - 0.01
    # the generating structure is second-order: constraining to it costs little (chi-square diff on 2 df)
    assert fitted.fit["chisq"] - first.fit["chisq"] < 15 and fitted.fit["df"] - first.fit["df"] == 2


def test_validity_of_generated_scale(study, fitted):
    v = fitted.validity.table.set_index("factor")
    assert v.loc[DIMS, "cr"].min() > 0.8 and v.loc[DIMS, "ave"].min() > 0.5
    # population AVE of each dimension: mean of its squared generating loadings, attenuated a little
    for d in DIMS:
        lam = study.truth.loadings[d]
        assert v.loc[d, "ave"] == pytest.approx(np.mean(np.square(lam[lam > 0])), abs=0.06), d
    assert fitted.validity.htmt.stack().max() < 0.85


def test_scores_track_the_latent_factors(study, rel, fitted):
    latent = study.truth.latent_factors  # response id x g, pex, out, mot, pom
    scores = score_scale(rel, EXQ).set_index(rel.response_id)
    fs = fitted.factor_scores(rel).set_index(rel.response_id)
    lat = latent.reindex(scores.index)
    for d in DIMS:
        r_mean = scores[d].corr(lat[d])
        r_fs = fs[d].corr(lat[d])
        assert r_mean > 0.8 and r_fs > 0.8
    assert scores["exq"].corr(lat["g"]) > 0.85


def test_efa_finds_four_dimensions(rel):
    res = efa(rel, EXQ, n_sim=30)
    assert res.suggested["parallel"] == 4
    top = res.loadings.abs().idxmax(axis=1)
    # items of one dimension load highest on one and the same factor, different for each dimension
    assign = {d: set(top[list(v)]) for d, v in EXQ.dimensions.items()}
    assert all(len(s) == 1 for s in assign.values())
    assert len({next(iter(s)) for s in assign.values()}) == 4


def test_alpha_close_to_population_value(study, rel):
    """Population alpha of the latent responses: k r / (1 + (k - 1) r) with r the mean l_i l_j; the 1-7 items
    are attenuated a little."""
    t = reliability(rel, EXQ).table.set_index("dimension")
    lam = study.truth.loadings["pom"]
    lam = lam[lam > 0].to_numpy()
    k = len(lam)
    r = (np.outer(lam, lam).sum() - np.sum(lam**2)) / (k * (k - 1))
    assert t.loc["pom", "alpha"] == pytest.approx(k * r / (1 + (k - 1) * r), abs=0.03)


def test_invariance_holds_across_channels(rel):
    """The generator uses one measurement model for every channel: metric and scalar invariance hold."""
    res = invariance(rel, EXQ, "channel", group_map=ONLINE)
    assert set(res.groups) == {"online", "offline"}
    assert res.highest_level() == "scalar"


def test_invariance_detects_a_changed_loading(rel):
    """Weakening two items in the offline group (70% of answers replaced by noise) breaks metric invariance."""
    d = rel.assign(channel=rel.channel.map(ONLINE))
    rng = np.random.default_rng(1)
    off = d.channel == "offline"
    noisy = d.loc[off, "pom1"].where(rng.random(off.sum()) < 0.3, rng.integers(1, 8, off.sum()))
    d.loc[off, "pom1"] = noisy
    d.loc[off, "pom2"] = d.loc[off, "pom2"].where(rng.random(off.sum()) < 0.3, rng.integers(1, 8, off.sum()))
    res = invariance(d, EXQ, "channel", levels=("configural", "metric"))
    t = res.table.set_index("model")
    assert t.loc["metric", "p_diff"] < 0.001
    assert t.loc["metric", "delta_cfi"] < 0


def test_sem_recovers_the_strongest_driver(study, rel):
    """The generator's LTR depends most on one dimension (peace of mind): the SEM finds that one."""
    effects = study.truth.ltr_relational["dimension_effects"]
    res = sem(rel, [EXQ.to_syntax(higher_order=False), "ltr ~ pex + out + mot + pom"])
    p = res.paths.set_index("predictor")
    assert p.std_all.idxmax() == max(effects, key=effects.get)
    assert (p.est > 0).all() and (p.p_val < 0.05).all()
    assert 0 < res.r2.set_index("variable").r2["ltr"] < 1


def test_non_convergence_warns(rel):
    with pytest.warns(RuntimeWarning, match="did not converge in 2 iterations"):
        res = cfa(rel, EXQ, max_iter=2)
    assert not res.converged
    assert any("did not converge (2 iterations)" in s for s in res.describe())
    assert any("niet geconvergeerd (2 iteraties)" in s for s in res.describe("nl"))
    assert cfa(rel.head(600), EXQ).converged
