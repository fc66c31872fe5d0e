"""Findings as data: the wording rules for changes, the records, their order and their bytes."""

from __future__ import annotations

import pytest

from nps_research.findings import Finding, change_class, dump_findings, load_findings, summary_findings


@pytest.mark.parametrize(("size", "p", "expected"), [
    (12.0, 0.2, "none"),      # not significant: never a change, however large
    (-2.5, 0.001, "small"),   # significant but below 3 points
    (3.0, 0.049, "material"),
    (-7.0, 0.01, "material"),
    (5.0, float("nan"), "none"),
    (5.0, 0.05, "none"),      # p must be below alpha
])
def test_change_class(size, p, expected):
    assert change_class(size, p) == expected


def test_materiality_and_alpha_are_settings():
    assert change_class(4.0, 0.01, materiality=5) == "small"
    assert change_class(4.0, 0.08, alpha=0.1) == "material"


def test_statements_in_both_languages_and_json_round_trip():
    f = Finding.make("nps", "nps.headline", "nps_headline", nps=1.25, low=-3.0, high=5.5, n=1200, level=90,
                     numbers={"nps": 1.2500000001, "n": 1200}, p_value=0.0123456789, importance=10, page="02_nps")
    assert f.statement == {"en": "NPS is +1.2 (90% interval -3.0 to +5.5; n = 1,200).",
                           "nl": "De NPS is +1,2 (90%-interval -3,0 tot +5,5; n = 1.200)."}
    assert f.numbers == {"nps": 1.25, "n": 1200} and f.p_value == 0.0123457  # 6 significant digits
    assert load_findings(dump_findings([f])) == [f]


def test_order_and_summary():
    fs = [Finding("a", f"k{i}", {"en": str(i), "nl": str(i)}, importance=imp, page=page)
          for i, (imp, page) in enumerate([(5, "02"), (50, "03"), (0, "01"), (20, "02"), (1, "04")])]
    assert [f.key for f in summary_findings(fs, top=3)] == ["k1", "k3", "k0"]
    assert [f.key for f in summary_findings(fs[2:3], top=3)] == ["k2"]  # importance 0 only when nothing else
    text = dump_findings(fs)
    assert text == dump_findings(list(reversed(fs)))  # the same findings give the same bytes


def test_no_key_finding_that_says_nothing():
    """A single driver 'explains 100 %' by definition, and 'no reason is uncoded' is not news: neither is a key
    finding; with two drivers and an uncoded reason both are."""
    import numpy as np
    import pandas as pd

    from nps_research.drivers import relative_importance
    from nps_research.voice import code_themes
    from nps_research.voice.report import voice_findings

    rng = np.random.default_rng(2)
    d = pd.DataFrame({"a": rng.normal(size=300), "b": rng.normal(size=300)})
    d["ltr"] = np.clip(np.round(6 + d["a"] + 0.3 * d["b"] + rng.normal(size=300)), 0, 10)
    assert relative_importance(d, outcome="ltr", drivers=["a"]).findings() == []
    assert len(relative_importance(d, outcome="ltr", drivers=["a", "b"]).findings()) == 1
    coded = code_themes(pd.DataFrame({"reason": ["te duur", "lang gewacht"], "ltr": [3, 4]}), frame="energy")
    assert not coded["uncoded"].any() and voice_findings(coded=coded) == []
    some = code_themes(pd.DataFrame({"reason": ["te duur", "de kat van de buren"], "ltr": [3, 4]}), frame="energy")
    assert some["uncoded"].any() and [f.key for f in voice_findings(coded=some)] == ["voice.uncoded"]
