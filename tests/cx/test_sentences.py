"""CX sentences, report tables and findings: claims checked on data whose truth is known (the synthetic EXQ, a
noise item added to it), the results contract, and Dutch text with decimal commas and labels, never role names."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from nps_research.cx import EXQ, Scale, cfa, efa, invariance, reliability
from nps_research.cx.cfa import fit_sentences
from nps_research.cx.reliability import reliability_sentences
from nps_research.results import Result
from nps_research.tables import MissingLabelWarning

#: A number with a decimal point (a Dutch thousands dot has three digits after it and no 0 before it).
DECIMAL_POINT = re.compile(r"\b0\.\d|\d\.\d{1,2}\b|\d\.\d{4,}")
ONLINE = {"app": "online", "web": "online", "chat": "online", "phone": "offline", "shop": "offline"}
DIMS_NL = ["Productervaring", "Uitkomstgerichtheid", "Momenten van de waarheid", "Gemoedsrust"]


@pytest.fixture(scope="module")
def rel(synthetic):
    r = synthetic(3000, 0).responses
    return r[r.survey_type == "relational"]


@pytest.fixture(scope="module")
def results(rel):
    model = cfa(rel, EXQ)
    return {"reliability": reliability(rel, EXQ), "efa": efa(rel, EXQ, n_sim=30), "cfa": model,
            "validity": model.validity, "invariance": invariance(rel, EXQ, "channel", group_map=ONLINE)}


@pytest.fixture(scope="module")
def noisy(rel):
    """The EXQ answers plus a sixth peace-of-mind item that measures nothing (uniform 1-7)."""
    d = rel.copy()
    d["pom7"] = np.random.default_rng(3).integers(1, 8, len(d))
    dims = {k: list(v) for k, v in EXQ.dimensions.items()}
    dims["pom"].append("pom7")
    return d, Scale("exq", {k: tuple(v) for k, v in dims.items()}, 1, 7, labels=EXQ.labels,
                    item_labels=EXQ.item_labels, higher_order=True)


def test_dutch_cx_sentences_use_decimal_comma():
    """The issue's examples, in Dutch with decimal commas ("alfa = 0,854 ... drempel van 0,7", "TLI = 0,930
    voldoet niet aan de drempel van 0,95")."""
    fit = pd.Series({"chisq": 1230.1, "df": 24, "pvalue": 0.18, "cfi": 0.97, "tli": 0.93, "rmsea": 0.05,
                     "rmsea_ci_lower": 0.0, "rmsea_ci_upper": 0.08, "srmr": 0.04})
    nl = fit_sentences(fit, "nl")
    assert nl[2] == "TLI = 0,930 voldoet niet aan de drempel van 0,95 (≥ 0,95)."
    assert nl[0].startswith("Chi-kwadraat = 1.230,10 bij 24 vrijheidsgraden (p = 0,180): het model wijkt niet "
                            "significant af")
    tab = pd.DataFrame({"dimension": ["pex"], "n_items": [4], "n": [1500], "alpha": [0.854],
                        "alpha_ci_lower": [0.78], "alpha_ci_upper": [0.84], "omega_total": [0.82]})
    assert reliability_sentences(tab, "nl")[0] == (
        "pex: Cronbachs alfa = 0,854 (95%-BI 0,780 tot 0,840), omega = 0,820 (4 items, n = 1.500): "
        "voldoet aan de drempel van 0,7.")
    assert reliability_sentences(tab, "nl", scale=EXQ)[0].startswith("Productervaring: Cronbachs alfa = 0,854")
    # the deprecated functions give the same sentences
    from nps_research.cx import describe_fit, describe_reliability

    with pytest.warns(DeprecationWarning):
        assert describe_fit(fit, "nl") == nl
    with pytest.warns(DeprecationWarning):
        assert describe_reliability(tab, "nl") == reliability_sentences(tab, "nl")


def test_results_follow_the_contract_and_report_tables_are_labelled_dutch(results):
    r = results
    with warnings.catch_warnings():
        warnings.simplefilter("error", MissingLabelWarning)  # every shown column has a catalogue header
        tables = [res.table("nl") for res in r.values()] + [
            r["reliability"].items_table("nl"), r["efa"].parallel_table("nl"), r["cfa"].loadings_table("nl"),
            r["cfa"].parameters_table("nl"), r["validity"].htmt_table("nl")]
    for res in r.values():
        assert isinstance(res, Result) and isinstance(res.summary(), pd.DataFrame)
        for language in ("en", "nl"):
            sentences = res.describe(language)
            assert sentences and all(isinstance(s, str) for s in sentences)
        assert res._repr_html_().startswith("<p>")
    for sentence in (s for res in r.values() for s in res.describe("nl")):
        assert not DECIMAL_POINT.search(sentence), sentence  # decimal commas
        assert not re.search(r"\b(pex|out|mot|pom|channel|exq)\b", sentence), sentence  # labels, not keys or roles
    for tab in tables:
        shown = tab.formatted()
        cells = " ".join(map(str, shown.columns)) + " " + " ".join(shown.astype(str).to_numpy().ravel())
        assert not DECIMAL_POINT.search(cells), cells
        assert not re.search(r"\b[a-z]+_[a-z_0-9]+\b", cells), cells
    assert list(r["reliability"].table("nl").formatted()["CX-dimensie"]) == [*DIMS_NL, "Hele schaal"]
    assert r["cfa"].parameters_table("nl").detail and r["reliability"].items_table("nl").detail
    # the old attribute tables stay DataFrames with full precision
    assert isinstance(r["reliability"].table, pd.DataFrame) and r["reliability"].table["alpha"].dtype == float


def test_sentences_follow_the_synthetic_truth(results):
    """Four correlated dimensions under one second-order factor, the same in every channel: the EFA finds a
    factor per dimension, the CFA fits, every dimension is reliable and scalar invariance holds."""
    r = results
    assert "Parallelle analyse wijst op 4 factoren." in r["efa"].describe("nl")
    assert r["efa"].describe("en")[-1] == ("The items of every dimension load most strongly on a factor of their "
                                           "own, as the scale intends.")
    cfa_nl = r["cfa"].describe("nl")
    assert "Alle vier fit-indices voldoen aan hun drempel: het model past goed bij de data." in cfa_nl
    assert any(s.startswith("De dimensies laden") and s.endswith("op de tweede-ordefactor EXQ.") for s in cfa_nl)
    assert not any("laadt lager dan" in s or "laden lager dan" in s for s in cfa_nl)
    assert all("voldoet aan de drempel van 0,7." in s for s in r["reliability"].describe("nl"))
    inv = r["invariance"].describe("nl")
    assert inv[0].startswith("Vergeleken groepen naar kanaal: ")
    assert inv[-1].startswith("Scalaire invariantie houdt stand: de schaal meet in elke groep hetzelfde")
    findings = [f for res in (r["reliability"], r["cfa"], r["invariance"]) for f in res.findings()]
    assert [f.key for f in findings] == ["cx.reliability", "cx.fit", "cx.invariance"]
    assert findings[0].statement["nl"].startswith("Alle dimensies van EXQ zijn betrouwbaar: Cronbachs alfa 0,")
    assert findings[1].statement["en"].startswith("The measurement model of EXQ fits the data well (CFI 0.99")
    assert findings[2].statement["nl"] == "EXQ bereikt scalaire invariantie over de groepen naar kanaal."
    assert findings[1].importance > findings[0].importance  # a good fit leads; a reliable scale is a detail


def test_a_noise_item_is_named_where_it_weakens_the_scale(noisy):
    """An item that measures nothing: leaving it out raises its dimension's alpha, its loading is near 0, and it
    is named in the reliability and CFA sentences (by its column and nothing else)."""
    d, scale = noisy
    rel_nl = reliability(d, scale).describe("nl")
    drop = [s for s in rel_nl if s.startswith("Zonder item")]
    assert len(drop) == 1 and drop[0].startswith("Zonder item pom7 zou de alfa van Gemoedsrust stijgen van 0,")
    model = cfa(d, scale)
    assert "1 item loads below 0.5 on its factor (standardised): pom7." in model.describe("en")
    assert abs(model.loadings.set_index("item").std_all["pom7"]) < 0.1


def test_efa_says_when_dimensions_share_a_factor(rel):
    """Two factors for four dimensions: some dimensions must share one, and the sentence names them."""
    res = efa(rel, EXQ, n_factors=2, n_sim=10)
    assert sum(not ok for ok in res.structure().values()) >= 2
    assert res.describe("nl")[-1].startswith("Niet elke dimensie heeft een eigen factor: de items van ")


def test_unreliable_dimension_and_poor_fit_findings(noisy):
    """A dimension made of noise alone falls short of the threshold and is named; its finding ranks higher."""
    d, _ = noisy
    rng = np.random.default_rng(5)
    d = d.assign(**{f"zz{i}": rng.integers(1, 8, len(d)) for i in range(1, 4)})
    scale = Scale("mix", {"pex": EXQ.dimensions["pex"], "zz": ("zz1", "zz2", "zz3")}, 1, 7, labels=EXQ.labels)
    res = reliability(d, scale)
    [f] = res.findings()
    assert f.statement["nl"].startswith("zz van MIX blijven onder de betrouwbaarheidsdrempel van 0,7")
    good = reliability(d, EXQ).findings()[0]
    assert f.importance > good.importance


def test_left_out_answers_count_only_partly_answered_rows(synthetic):
    """Answers of a survey that did not ask the items are not 'answers with a missing item'; partly answered
    ones are, and the sentence counts exactly those."""
    r = synthetic(1500, 2).responses
    items = r[EXQ.items]
    partly = int((items.notna().any(axis=1) & items.isna().any(axis=1)).sum())
    none = int(items.isna().all(axis=1).sum())
    assert partly > 0 and none > 0  # transactional answers have no items, some relational ones miss a few
    model = cfa(r, EXQ)
    assert model.n_incomplete == partly and model.n_dropped == partly + none
    assert f"{partly} answers with a missing item were left out." in model.describe("en")
