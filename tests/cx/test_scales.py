"""Scale definitions, validation and scoring (hand-computed expectations)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from nps_research.cx import ESQUAL, EXQ, SERVQUAL, Scale, get_scale, score_scale
from nps_research.errors import StudyConfigError, StudyDataError


def test_builtin_structures():
    assert [len(v) for v in EXQ.dimensions.values()] == [4, 4, 5, 6]
    assert EXQ.items[:5] == ["pex1", "pex2", "pex3", "pex4", "out1"] and EXQ.higher_order
    assert [EXQ.label(d) for d in EXQ.dimensions] == ["Product experience", "Outcome focus", "Moments of truth",
                                                      "Peace of mind"]
    assert len(EXQ.item_labels) == 19
    assert [len(v) for v in SERVQUAL.dimensions.values()] == [4, 5, 4, 4, 5]
    assert list(SERVQUAL.dimensions) == ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
    assert [len(v) for v in ESQUAL.dimensions.values()] == [8, 4, 7, 3]


def test_yaml_study_file_section():
    text = """
scales:
  cx:
    base: EXQ
    columns: {pex1: Q7_1, pom6: Q9_6}
    reverse: [Q9_6]
  service:
    range: [1, 5]
    dimensions:
      speed: {label: Speed of service, items: [s1, s2, s3]}
      care: [c1, c2, c3]
    higher_order: false
"""
    sec = yaml.safe_load(text)["scales"]
    cx = Scale.from_dict(sec["cx"])
    assert cx.dimensions["pex"][0] == "Q7_1" and cx.dimensions["pom"][-1] == "Q9_6"
    assert cx.reverse == ("Q9_6",) and cx.name == "exq" and (cx.low, cx.high) == (1, 7)
    svc = Scale.from_dict(sec["service"], name="service")
    assert svc.name == "service" and svc.label("speed") == "Speed of service" and svc.label("care") == "care"
    assert (svc.low, svc.high) == (1, 5)
    # round trip through the plain-dict form used by the notebook parameter
    back = Scale.from_dict(svc.to_dict())
    assert back.dimensions == svc.dimensions and [back.label(d) for d in back.dimensions] == [
        "Speed of service", "care"] and (back.low, back.high, back.higher_order) == (1, 5, False)


@pytest.mark.parametrize("spec, msg", [
    ({"dimensions": {"a": ["x", "y"], "b": ["y", "z"]}}, "more than one dimension"),
    ({"dimensions": {"a": ["x"]}, "reverse": ["q"]}, "not items of the scale"),
    ({"dimensions": {"a": ["x"]}, "range": [5, 1]}, "must be below"),
    ({"base": "NOPE"}, "unknown base"),
    ({"dimension": {}}, "unknown keys"),
    ({}, "give 'dimensions'"),
    ({"dimensions": {"a": ["x"]}, "min_answered": "half"}, "min_answered must be a share"),
    ({"dimensions": {"a": ["x"]}, "min_answered": 0}, "min_answered must be a share"),
    ({"dimensions": {"a": ["x"]}, "labels": ["A"]}, "'labels' must map names"),
])
def test_bad_definitions_raise(spec, msg):
    with pytest.raises(StudyConfigError, match=msg):
        Scale.from_dict(spec)


def test_validation_names_column_rule_rows():
    df = pd.DataFrame({c: [1.0, 2, 3, 4, 5] for c in EXQ.items})
    df.loc[2, "out3"] = 8
    df.loc[4, "out3"] = 2.5
    df["pom6"] = 4
    df = df.drop(columns="mot2")
    with pytest.raises(StudyDataError) as e:
        EXQ.validate(df)
    msg = str(e.value)
    assert "column 'mot2': column required by scale 'exq' (dimension 'mot') is missing" in msg
    assert "column 'out3': scale 'exq' answers must be whole numbers 1-7 (2 rows: 4, 6)" in msg
    assert "column 'pom6': item of scale 'exq' has the same answer (4) in every row" in msg
    assert len(e.value.problems) == 3


def test_mean_scores_with_min_answered_rule():
    s = Scale("s", {"a": ("a1", "a2", "a3"), "b": ("b1", "b2")}, 1, 5, reverse=("b2",))
    df = pd.DataFrame({"a1": [1, 5, 2, None], "a2": [2, None, None, None], "a3": [3, 4, None, 3],
                       "b1": [4, 4, 1, 2], "b2": [2, 2, 5, None]})
    out = score_scale(df, s, validate=False)
    # row 0: a = 2, b = (4 + 4) / 2 = 4, total = (1+2+3+4+4)/5; row 2: a has 1 of 3 answered (< 50%) -> NaN
    assert out.loc[0].tolist() == [2.0, 4.0, 2.8]
    assert out.loc[1, "a"] == 4.5 and np.isnan(out.loc[2, "a"]) and out.loc[2, "b"] == 1.0
    assert out.loc[2, "s"] == pytest.approx((2 + 1 + 1) / 3)
    assert out.loc[3, "b"] == 2.0 and np.isnan(out.loc[3, "s"])  # 2 of 5 answered
    strict = score_scale(df, s, min_answered=1.0, validate=False)
    assert np.isnan(strict.loc[1, "a"]) and strict.loc[0, "a"] == 2.0
    summed = score_scale(df, s, method="sum", validate=False)
    assert summed.loc[0, "a"] == 6.0 and summed.loc[1, "a"] == 13.5  # prorated: mean 4.5 of 2 answered * 3


def test_factor_method_needs_model_and_uses_it():
    from semopy.examples import holzinger39

    from nps_research.cx import cfa

    d = holzinger39.get_data()
    s = Scale("hs", {"visual": ("x1", "x2", "x3"), "textual": ("x4", "x5", "x6")}, 0, 10)
    with pytest.raises(ValueError, match="needs a fitted CFA"):
        score_scale(d, s, method="factor", validate=False)
    m = cfa(d, s, validate=False)
    fs = score_scale(d, s, method="factor", model=m, validate=False)
    assert list(fs.columns) == ["visual", "textual"]
    # regression scores correlate with the unit-weighted means of their own items (second method)
    means = score_scale(d, s, validate=False)
    assert fs["textual"].corr(means["textual"]) > 0.95


def test_get_scale_accepts_name_dict_scale():
    assert get_scale("servqual") is SERVQUAL
    assert get_scale(EXQ.to_dict()).dimensions == EXQ.dimensions
    with pytest.raises(StudyConfigError, match="unknown scale"):
        get_scale("nps")


def test_get_scale_looks_up_the_study_files_scales_section():
    section = {"cx": {"base": "EXQ", "columns": {"pex1": "Q7_1"}},
               "service": {"range": [1, 5], "dimensions": {"speed": ["s1", "s2"], "care": ["c1", "c2"]}}}
    cx = get_scale("cx", scales=section)
    assert cx.dimensions["pex"][0] == "Q7_1" and cx.n_items == 19
    svc = get_scale("service", scales=section)
    assert svc.name == "service" and (svc.low, svc.high) == (1, 5)
    assert get_scale("EXQ", scales=section) is EXQ  # built-in names still work
    with pytest.raises(StudyConfigError, match="the study's scales: \\['cx', 'service'\\]"):
        get_scale("svc", scales=section)


def test_exq_item_labels_are_short_attribute_names_not_wordings():
    """The issue forbids shipping item wordings: only a few-word attribute name per item, for every item, in
    every report language."""
    assert set(EXQ.item_labels) == set(EXQ.items)
    for item in EXQ.items:
        for language in ("en", "nl"):
            label = EXQ.item_label(item, language)
            assert 0 < len(label.split()) <= 3 and label == label.lower(), (item, language, label)
            assert not any(ch in label for ch in "?.!,;:"), (item, language, label)
        assert EXQ.item_label(item, "en") != EXQ.item_label(item, "nl"), item
    # the mapping follows the questionnaire columns a study file assigns
    renamed = Scale.from_dict({"base": "EXQ", "columns": {"mot5": "Q12"}})
    assert renamed.item_label("Q12", "nl") == EXQ.item_label("mot5", "nl") and "mot5" not in renamed.item_labels
    # and survives the plain-dict form, in every language
    back = Scale.from_dict(EXQ.to_dict())
    assert all(back.item_label(i, lang) == EXQ.item_label(i, lang) for i in EXQ.items for lang in ("en", "nl"))
    assert all(back.label(d, lang) == EXQ.label(d, lang) for d in EXQ.dimensions for lang in ("en", "nl"))


def test_dimension_labels_per_language():
    """Built-in labels come from the catalogue in both languages; a study file may give a label per language or
    one text for all; a missing language falls back to the built-in label, else to the other language."""
    assert [EXQ.label(d, "nl") for d in EXQ.dimensions] == ["Productervaring", "Uitkomstgerichtheid",
                                                           "Momenten van de waarheid", "Gemoedsrust"]
    assert EXQ.label("pom", "en") == "Peace of mind" and EXQ.label("pom") == "Peace of mind"
    s = Scale.from_dict({"base": "EXQ", "labels": {"pex": {"en": "Product"}, "out": "Resultaat"},
                         "item_labels": {"pex1": {"nl": "keuze"}}})
    assert (s.label("pex", "en"), s.label("pex", "nl")) == ("Product", "Productervaring")  # nl from the base
    assert (s.label("out", "en"), s.label("out", "nl")) == ("Resultaat", "Resultaat")  # the client's own words
    assert (s.item_label("pex1", "nl"), s.item_label("pex1", "en")) == ("keuze", "freedom of choice")
    own = Scale.from_dict({"name": "svc", "dimensions": {"speed": {"label": {"nl": "Snelheid"}, "items": ["a", "b"]},
                                                         "care": ["c", "d"]}})
    assert own.label("speed", "en") == "Snelheid"  # no English label given: the Dutch one, not the key
    assert own.label("care", "nl") == "care" and own.label("svc", "nl") == "SVC"
    with pytest.raises(StudyConfigError, match="labels in unknown languages \\['fr'\\]"):
        Scale.from_dict({"base": "EXQ", "labels": {"pex": {"fr": "Produit"}}})


def test_keep_column_must_exist():
    s = Scale("s", {"a": ("a1", "a2")}, 1, 5)
    df = pd.DataFrame({"a1": [1, 2, 3], "a2": [2, 3, 4], "seg": ["x", "y", "x"]})
    assert score_scale(df, s, keep="seg").seg.tolist() == ["x", "y", "x"]
    with pytest.raises(StudyDataError, match="column 'segment': column to keep next to the scores is missing"):
        score_scale(df, s, keep="segment")
