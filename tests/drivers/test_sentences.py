"""The driver sentences are claims: checked on data with a known truth (published tables, simulations with
planted effects), in both languages; every result follows the results contract and its report tables are
labelled and written in Dutch."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from nps_research.drivers import (
    DriverModelResult,
    ImportancePerformance,
    PenaltyReward,
    RelativeImportanceResult,
    ScenarioResult,
    describe_data,
    driver_model,
    importance_performance,
    penalty_reward,
    relative_importance,
    select_answers,
)
from nps_research.results import Result
from nps_research.tables import MissingLabelWarning

AB_NAMES = ["x1", "x2", "x3", "x4", "y"]
# Azen & Budescu (2003): x1 completely dominates the other three; no other pair is decided; x2 is a suppressor.
AB_CORR = pd.DataFrame([[1.0, 0.8, 0.1, 0.3, 0.6], [0.8, 1.0, 0.1, 0.1, 0.3], [0.1, 0.1, 1.0, 0.5, 0.4],
                        [0.3, 0.1, 0.5, 1.0, 0.5], [0.6, 0.3, 0.4, 0.5, 1.0]], index=AB_NAMES, columns=AB_NAMES)


@pytest.fixture(scope="module")
def ab():
    return relative_importance(outcome="y", drivers=AB_NAMES[:4], corr=AB_CORR)


def test_importance_sentences_state_the_published_decomposition(ab):
    # R² = 0.5844, x1 = 0.292 of it (50%), then x4 (0.121: 21%) and x3 (0.095: 16%)
    en = ab.describe("en")
    assert en[0] == "Together the 4 drivers explain 58% of the variation in ‘y’ (R² = 0.58)."
    assert en[1] == "The most important is x1 (50% of the explained part), followed by x4 (21%) and x3 (16%)."
    assert en[2].startswith("Note: for x2 the regression coefficient has the opposite sign of the correlation")
    nl = ab.describe("nl")
    assert nl[0] == "Samen verklaren de 4 factoren 58% van de variatie in ‘y’ (R² = 0,58)."
    assert nl[1] == "De belangrijkste is x1 (50% van het verklaarde deel), gevolgd door x4 (21%) en x3 (16%)."
    assert nl[2].startswith("Let op: bij x2 heeft de regressiecoëfficiënt een ander teken dan de correlatie")


def test_dominance_sentences_follow_the_published_pattern(ab):
    en = ab.describe_dominance("en")
    assert en[0].startswith("x1 dominates every other driver completely")
    assert en[1].startswith("Complete dominance holds for 3 of the 6 pairs of drivers")
    nl = ab.describe_dominance("nl")
    assert nl[0].startswith("x1 domineert alle andere factoren volledig")
    assert nl[1].startswith("Volledige dominantie geldt voor 3 van de 6 paren factoren")
    table = ab.dominance_table("nl").formatted()
    pair = table[(table["factor A"] == "x1") & (table["factor B"] == "x2")].iloc[0]
    assert pair["volledige dominantie"] == "x1" and pair["algemene dominantie"] == "x1"
    other = table[(table["factor A"] == "x2") & (table["factor B"] == "x3")].iloc[0]
    assert other["volledige dominantie"] == "onbepaald" and other["algemene dominantie"] == "x3"


def _two_drivers(gap: float, seed: int = 3, n: int = 800) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    y = 1.0 * X[:, 0] + (1.0 - gap) * X[:, 1] + 0.1 * X[:, 2] + rng.normal(size=n)
    return pd.DataFrame(X, columns=["a", "b", "c"]).assign(y=y)


def test_rank_sentence_follows_the_bootstrap():
    clear = relative_importance(_two_drivers(0.6), outcome="y", drivers=["a", "b", "c"], bootstrap=100, seed=1)
    assert "The 95% bootstrap interval of the ranks confirms a as number 1." in clear.describe()
    assert "Het 95%-bootstrapinterval van de rangorde bevestigt dat a op 1 staat." in clear.describe("nl")
    # equal true effects of a and b: the bootstrap leaves the first rank open (it confirms one by chance in a few
    # per cent of samples, like any 95% interval; seed 0 is not one of them)
    tied = relative_importance(_two_drivers(0.0, seed=0), outcome="y", drivers=["a", "b", "c"], bootstrap=100,
                               seed=1)
    assert any(s.startswith("Which driver ranks first is uncertain") and "a and b can each be number 1" in s
               for s in tied.describe())
    assert any("a en b kunnen elk op 1 staan" in s for s in tied.describe("nl"))
    method = clear.describe("nl")[-1]
    assert method.startswith("Methode: Shapley-waarden") and "uit 100 bootstrapsteekproeven" in method


def test_findings_name_the_top_driver_in_both_languages():
    clear = relative_importance(_two_drivers(0.6), outcome="y", drivers=["a", "b", "c"], bootstrap=100, seed=1)
    (finding,) = clear.findings()
    assert finding.area == "drivers" and finding.numbers["driver"] == "a"
    assert finding.statement["en"].startswith("The strongest driver of ‘y’ is a:")
    assert finding.statement["nl"].startswith("De sterkste factor voor ‘y’ is a:")
    assert "op 1 volgens het 95%-bootstrapinterval" in finding.statement["nl"]


def test_demo_attributes_are_named_readably(synthetic):
    study = select_answers(synthetic(2000, 1), survey_type="relational")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = relative_importance(study, outcome="ltr")
    text = " ".join(res.describe("nl")) + " ".join(res.table("nl").formatted().to_numpy().ravel())
    assert "sat_" not in text and "prijs" in text and "wachttijd" in text
    assert "likelihood" not in " ".join(res.describe("nl")) and "‘aanbevelingsscore’" in res.describe("nl")[0]
    n = int((study.responses["survey_type"] == "relational").sum())
    opening = describe_data(study, outcome="ltr", language="nl")
    assert f"{n:,}".replace(",", ".") + " antwoorden (type meting: relationeel)" in opening


def test_model_sentences(polr):
    m = driver_model(polr, outcome="ltr", drivers=["x1", "x2", "x3"])
    en = m.describe("en")
    # planted: lat = 0.45 x1 + 0.3 x2 - 0.4 x3 with x1 on 1-10, x2 on 1-7, x3 standard normal: x1 moves most
    assert en[0].startswith("Linear regression of ‘likelihood to recommend’ on 3 terms (robust HC3 standard errors; "
                            "n = 400)")
    assert en[1].startswith("The largest standardised effect is that of x1:")
    assert "(+0.449 points per point" in en[1]  # R: 0.448925516324
    assert en[2] == "3 of the 3 driver coefficients differ significantly from zero (their 95% interval excludes zero)."
    nl = m.describe("nl")
    assert "(+0,449 punt per punt" in nl[1]
    table = m.table("nl").formatted()
    assert table.columns.tolist() == ["term", "coëfficiënt", "ondergrens", "bovengrens", "p-waarde",
                                      "gestandaardiseerde coëfficiënt", "VIF"]
    assert table.loc[0, "coëfficiënt"] == "+0,449"


def test_collinearity_and_unused_levels_are_named(polr):
    rng = np.random.default_rng(2)
    a = rng.normal(size=500)
    df = pd.DataFrame({"a": a, "b": a + 0.2 * rng.normal(size=500), "c": rng.normal(size=500)})
    df["ltr"] = np.clip(np.round(5 + a + df["c"] + rng.normal(size=500)), 0, 10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = driver_model(df, drivers=["a", "b", "c"])
    assert any(s.startswith("a en b overlappen sterk met de andere factoren (VIF boven 5)") for s in m.describe("nl"))
    ordinal = driver_model(polr, drivers=["x1", "x2", "x3"], kind="ordinal")
    assert "Nobody gave the scores 1 and 3; the model gives them probability 0." in ordinal.describe()
    assert ordinal.thresholds_table("nl").formatted()["tussen scores"].tolist()[:2] == ["0|2", "2|4"]


def test_scenario_sentence_picks_the_largest_fall_of_detractors(polr):
    m = driver_model(polr, drivers=["x1", "x2", "x3"], kind="logit", target="detractor")
    sc = m.scenario(n_sim=300)
    s = sc.summary()
    # planted: x1 lowers the detractor log-odds most per point (R: -0.487), x3 raises them
    assert s.loc[s["change"].idxmin(), "driver"] == "x1" and s.set_index("driver").loc["x3", "change"] > 0
    en = sc.describe("en")
    assert en[1].startswith("Raising x1 by 1 point for everyone (capped at the scale maximum) would lower the share "
                            "of detractors most")
    assert sc.describe("nl")[1].startswith("Als iedereen 1 punt hoger scoort op x1 (tot het maximum van de schaal), "
                                           "daalt het aandeel criticasters het meest")


@pytest.fixture(scope="module")
def asym():
    """Known truth: 'basic' only penalises the bottom box, 'delight' only rewards the top box, 'linear' both."""
    rng = np.random.default_rng(11)
    n = 6000
    df = pd.DataFrame({c: rng.integers(1, 11, n) for c in ("basic", "delight", "linear")})
    df["ltr"] = (6.0 - 1.0 * (df["basic"] <= 5) + 0.9 * (df["delight"] >= 9)
                 - 0.5 * (df["linear"] <= 5) + 0.5 * (df["linear"] >= 9) + rng.normal(0, 1.5, n))
    return df


def test_penalty_reward_sentences_name_the_planted_classes(asym):
    pr = penalty_reward(asym, drivers=["basic", "delight", "linear"])
    assert pr.describe() == [
        "Basic attributes (a low score costs much more than a high score gains): basic.",
        "Excitement attributes (a high score pays, a low one costs little): delight.",
        "Performance attributes (both ways): linear.",
    ]
    assert pr.describe("nl")[1] == "Enthousiasmerende attributen (een hoge score levert op, een lage kost weinig): delight."
    classes = pr.table("nl").formatted()["klasse"].tolist()
    assert classes == ["basis", "enthousiasmerend", "prestatie"]


def test_importance_performance_sentences():
    rng = np.random.default_rng(4)
    n = 3000
    # a: important and low; b: unimportant and high; c: important and high; d: unimportant and low
    df = pd.DataFrame({"a": rng.normal(4, 1, n), "b": rng.normal(8, 1, n), "c": rng.normal(8, 1, n),
                       "d": rng.normal(4, 1, n)})
    df["ltr"] = df["a"] + df["c"] + 0.1 * (df["b"] + df["d"]) + rng.normal(0, 1, n)
    ip = importance_performance(df, drivers=["a", "b", "c", "d"])
    assert ip.describe() == [
        "Improve first: a (important, but performing below the other attributes).",
        "Keep up: c (important and performing well).",
        "Possibly more effort than needed: b (performing well, but mattering little for ‘likelihood to "
        "recommend’).",
    ]
    assert not ip.flat()
    # all attributes on the same scale with the same mean: performance does not separate them
    same = pd.DataFrame({c: rng.normal(7, 1, n) for c in "abc"})
    same["ltr"] = same["a"] + rng.normal(0, 1, n)
    flat = importance_performance(same, drivers=["a", "b", "c"])
    assert flat.flat() and re.match(r"De attributen presteren vrijwel gelijk \(\d,\d\d tot \d,\d\d; de hoogste",
                                    flat.describe("nl")[0])
    # with performance alike no sentence claims that one attribute performs below or above another; the one
    # that matters (a) is named by its importance
    assert flat.describe("nl")[1:] == [
        "Weegt het zwaarst voor ‘aanbevelingsscore’: a (bovengemiddeld belang); omdat de attributen vrijwel gelijk "
        "presteren, hangt wat eerst te verbeteren af van het belang en van wat een verbetering kost."]
    assert not any("performing below" in s or "performing well" in s for s in flat.describe("en"))
    # the table and the figure say the same: importance only, no quadrant words, no performance line
    shown = flat.table("nl").formatted().set_index("factor")["belang"].to_dict()
    assert shown == {"a": "bovengemiddeld belang", "b": "ondergemiddeld belang", "c": "ondergemiddeld belang"}
    import matplotlib

    matplotlib.use("Agg")
    from nps_research.plots.drivers import importance_performance_plot

    ax = importance_performance_plot(flat, language="nl")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["bovengemiddeld belang", "ondergemiddeld belang"]
    assert len(ax.get_lines()) == 1  # the importance line only
    ax = importance_performance_plot(ip, language="en")  # performance does separate these: four quadrants
    assert len(ax.get_lines()) == 2 and "concentrate here" in [t.get_text() for t in ax.get_legend().get_texts()]


@pytest.fixture(scope="module")
def polr():
    from pathlib import Path

    return pd.read_csv(Path(__file__).parents[1] / "r" / "drivers_polr_data.csv")


def _results(polr, asym):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ri = relative_importance(asym, outcome="ltr", drivers=["basic", "delight", "linear"], bootstrap=20, seed=1)
        yield ri
        yield relative_importance(asym.assign(y=(asym["ltr"] > 6).astype(int)), outcome="y",
                                  drivers=["basic", "delight"])
        model = driver_model(polr, drivers=["x1", "x2", "x3"], kind="ordinal")
        yield model
        yield driver_model(polr.assign(seg=np.where(polr["x3"] > 0, "hoog", "laag")), drivers=["x1"],
                           controls=["seg"], kind="logit")
        yield model.scenario(n_sim=100)
        yield penalty_reward(asym, drivers=["basic", "delight", "linear"])
        yield importance_performance(asym, drivers=["basic", "delight", "linear"], importance=ri,
                                     performance="top_box")


def test_every_result_follows_the_contract_and_its_tables_are_dutch(polr, asym):
    kinds = set()
    for res in _results(polr, asym):
        kinds.add(type(res))
        assert isinstance(res, Result)
        assert isinstance(res.summary(), pd.DataFrame) and len(res.summary())
        for language in ("en", "nl"):
            sentences = res.describe(language)
            assert isinstance(sentences, list) and all(isinstance(s, str) and s for s in sentences)
        tables = [res.table("nl")]
        if isinstance(res, RelativeImportanceResult):
            tables += [res.dominance_table("nl"), res.conditional_table("nl"), res.differences_table("nl")]
        with warnings.catch_warnings():
            warnings.simplefilter("error", MissingLabelWarning)
            text = " ".join(" ".join(map(str, [*tab.formatted().columns, *tab.formatted().to_numpy().ravel()]))
                            for tab in tables if tab is not None)
        dutch = " ".join(res.describe("nl")) + " " + text
        assert not re.search(r"\b\d+\.(\d{1,2}|\d{4,})\b", dutch), dutch  # a decimal point (not 6.000)
        assert not re.search(r"\b[a-z]+_[a-z_0-9]+\b", dutch), dutch
        assert "<table" in res._repr_html_()
    assert kinds == {RelativeImportanceResult, DriverModelResult, ScenarioResult, PenaltyReward,
                     ImportancePerformance}
