"""nps_summary: per-segment numbers against nps_ci on the subset, R survey, statsmodels BH, row-level tests."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from nps_research.nps import SmallSampleWarning, nps_ci
from nps_research.segments import (
    benjamini_hochberg,
    describe_benchmark,
    describe_headline,
    describe_segments,
    diff_test_from_counts,
    nps_by_survey_type,
    nps_summary,
    report_summary,
    touchpoint_nps,
)


@pytest.fixture(scope="module")
def study(synthetic):
    return synthetic(2500, 1)


@pytest.fixture(scope="module")
def responses(study):
    return study.responses


def _quiet(fn, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        return fn(*args, **kw)


@pytest.mark.parametrize("method", ["adjusted-wald", "wald"])
def test_segment_numbers_equal_nps_ci_on_the_subset(responses, method):
    tab = _quiet(nps_summary, responses, by=["region", "product", "channel"], method=method)
    for row in tab.itertuples():
        if row.segment_column == "overall":
            sub = responses["ltr"]
        else:
            sub = responses.loc[responses[row.segment_column].astype(str) == row.segment, "ltr"]
        ref = _quiet(nps_ci, sub, method=method)
        assert row.n == ref.n
        assert row.nps == pytest.approx(ref.nps, abs=1e-12)
        assert row.se == pytest.approx(ref.se, rel=1e-12)
        assert (row.ci_low, row.ci_high) == pytest.approx((ref.ci_low, ref.ci_high), rel=1e-12)
        assert row.promoters_pct == pytest.approx(ref.promoters_pct, rel=1e-12)
        assert row.n_detractors + row.n_passives + row.n_promoters == row.n


@pytest.mark.parametrize("method", ["adjusted-wald", "wald"])
def test_weighted_segment_numbers_equal_row_level_nps_ci(responses, method):
    """The linearised variance from per-group sums of w and w^2 equals nps_ci's row-level computation."""
    tab = _quiet(nps_summary, responses, by="region", weights="weight", method=method)
    for row in tab.itertuples():
        sub = responses if row.segment_column == "overall" else responses[responses["region"] == row.segment]
        ref = _quiet(nps_ci, sub["ltr"], weights=sub["weight"], method=method)
        assert row.nps == pytest.approx(ref.nps, rel=1e-12)
        assert row.se == pytest.approx(ref.se, rel=1e-10)
        assert (row.ci_low, row.ci_high) == pytest.approx((ref.ci_low, ref.ci_high), rel=1e-10)
        assert row.n_eff == pytest.approx(ref.n_eff, rel=1e-12)


def test_weighted_taylor_se_matches_r_survey():
    """Expected values from tests/r/segments_weighted.R (R survey::svymean, one design per subset)."""
    i = np.arange(60)
    df = pd.DataFrame({"ltr": np.minimum(10, (i * 37 + (i // 7) * 5) % 13), "w": 1 + ((i * i) % 7) / 3,
                       "seg": np.where(i % 3 == 0, "b", "a")})  # fmt: skip
    tab = _quiet(nps_summary, df, by="seg", weights="w", method="wald")
    expected = {"overall": (-27.0903010033, 11.9062337656), "a": (-25.6281407035, 14.5853701844),
                "b": (-30.0000000000, 21.1356520948)}  # fmt: skip
    for row in tab.itertuples():
        nps_r, se_r = expected[row.segment]
        assert row.nps == pytest.approx(nps_r, abs=1e-8)
        assert row.se == pytest.approx(se_r, abs=1e-8)


def test_difference_from_rest_matches_row_level_z_test(responses):
    """diff_vs_rest and p from counts vs the z-test computed from the -1/0/+1 scores row by row."""
    tab = _quiet(nps_summary, responses, by="region", method="wald")
    y = np.select([responses["ltr"] <= 6, responses["ltr"] <= 8], [-1.0, 0.0], 1.0)
    for row in tab.loc[tab["segment_column"] == "region"].itertuples():
        inside = (responses["region"] == row.segment).to_numpy()
        a, b = y[inside], y[~inside]
        se = np.sqrt(a.var() / len(a) + b.var() / len(b))
        z = (a.mean() - b.mean()) / se
        assert row.diff_vs_rest == pytest.approx(100 * (a.mean() - b.mean()), abs=1e-10)
        assert row.diff_se == pytest.approx(100 * se, rel=1e-10)
        assert row.p_value == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-9)


@pytest.mark.parametrize(("method", "weights"), [("adjusted-wald", None), ("wald", "weight"),
                                                 ("adjusted-wald", "weight")])
def test_difference_from_rest_equals_nps_test_on_the_rows(responses, method, weights):
    """The count-based test equals nps.nps_test run on the raw scores of segment and rest."""
    from nps_research.nps import nps_test

    tab = _quiet(nps_summary, responses, by="product", method=method, weights=weights)
    for row in tab.loc[tab["segment_column"] == "product"].itertuples():
        inside = responses["product"] == row.segment
        a, b = responses[inside], responses[~inside]
        kw = {} if weights is None else {"weights_a": a[weights], "weights_b": b[weights]}
        ref = _quiet(nps_test, a["ltr"], b["ltr"], method=method, **kw)
        assert row.diff_vs_rest == pytest.approx(ref.difference, rel=1e-10)
        assert row.diff_se == pytest.approx(ref.se, rel=1e-9)
        assert row.p_value == pytest.approx(ref.p_value, rel=1e-8, abs=1e-300)


def test_bh_q_values_equal_statsmodels(responses):
    tab = _quiet(nps_summary, responses, by=["region", "team", "channel"])
    for _col, part in tab.loc[tab["segment_column"] != "overall"].groupby("segment_column"):
        p = part["p_value"].to_numpy()
        ok = ~np.isnan(p)
        expected = multipletests(p[ok], method="fdr_bh")[1]
        np.testing.assert_allclose(part["q_value"].to_numpy()[ok], expected, rtol=1e-12)
    rng = np.random.default_rng(0)
    p = rng.uniform(0, 0.2, 40)
    np.testing.assert_allclose(benjamini_hochberg(p), multipletests(p, method="fdr_bh")[1], rtol=1e-12)


def test_synthetic_segment_effects_are_recovered(study):
    """Regions with a higher true effect have a higher NPS; the strongest and weakest are significant."""
    rel = study.responses[study.responses["survey_type"] == "relational"]
    tab = _quiet(nps_summary, rel, by="region").query("segment_column == 'region'").set_index("segment")
    truth = pd.Series(study.truth.segment_effects["region"])
    assert stats.spearmanr(tab.loc[truth.index, "nps"], truth).statistic > 0.7
    assert tab.loc[truth.idxmax(), "diff_vs_rest"] > 0 and tab.loc[truth.idxmin(), "diff_vs_rest"] < 0


def test_layout_missing_segments_small_n_and_warning():
    df = pd.DataFrame({"ltr": [10] * 40 + [2] * 5 + [9] * 3, "g": ["x"] * 40 + ["y"] * 5 + [None] * 3,
                       "h": [1] * 24 + [2] * 24})  # fmt: skip
    with pytest.warns(SmallSampleWarning, match="g=y"):
        tab = nps_summary(df, by=["g", "h"], min_n=10)
    assert tab["segment_column"].tolist() == ["overall", "g", "g", "g", "h", "h"]
    assert tab["segment"].tolist()[:3] == ["overall", "x", "y"] and pd.isna(tab["segment"].iloc[3])
    assert tab["segment"].tolist()[4:] == ["1", "2"]
    assert tab["small_n"].tolist() == [False, False, True, True, False, False]
    # The missing-value segment is a segment like any other: counts add up within a column.
    assert tab.loc[tab["segment_column"] == "g", "n"].sum() == 48
    assert np.isnan(tab.loc[0, "p_value"])
    with pytest.raises(ValueError, match="twice"):
        nps_summary(df, by=["g", "g"])


def test_survey_type_and_touchpoint_helpers(responses):
    by_type = _quiet(nps_by_survey_type, responses)
    assert set(by_type["segment"]) == {"overall", "relational", "transactional"}
    tp = _quiet(touchpoint_nps, responses)
    trans = responses[responses["survey_type"] == "transactional"]
    assert tp.loc[0, "n"] == trans["ltr"].notna().sum()
    ref = _quiet(nps_summary, trans, by="touchpoint")
    pd.testing.assert_frame_equal(tp, ref)


def test_diff_test_hand_example():
    a = pd.DataFrame({"n_detractors": [20], "n_passives": [30], "n_promoters": [50]})
    b = pd.DataFrame({"n_detractors": [30], "n_passives": [30], "n_promoters": [40]})
    res = diff_test_from_counts(a, b, method="wald").iloc[0]
    se = np.sqrt((0.5 + 0.2 - 0.3**2) / 100 + (0.4 + 0.3 - 0.1**2) / 100)  # by hand
    assert res["diff"] == pytest.approx(20.0)
    assert res["diff_se"] == pytest.approx(100 * se)
    assert res["p_value"] == pytest.approx(2 * stats.norm.sf(0.2 / se))


def test_sentences_follow_the_numbers():
    df = pd.DataFrame({"ltr": [10] * 80 + [2] * 20 + [10] * 20 + [2] * 80 + [10] * 50 + [2] * 50,
                       "region": ["N"] * 100 + ["S"] * 100 + ["W"] * 100})  # fmt: skip
    tab = nps_summary(df, by="region")
    assert describe_headline(tab).startswith("The NPS is +0.0 (95% interval")
    sentences = describe_segments(tab)
    assert len(sentences) == 2  # W equals the rest (0 vs 0): not named
    assert sentences[0].startswith("The segment region N scores significantly higher")
    assert sentences[1].startswith("The segment region S scores significantly lower")
    nl = describe_segments(tab, language="nl")
    assert nl[0].startswith("Het segment regio N scoort significant hoger")
    flat = nps_summary(df.assign(region="same"), by="region")
    assert describe_segments(flat) == ["For region, no segment differs significantly from the rest (every q ≥ 0.050)."]
    assert describe_segments(flat, "nl") == [
        "Op kenmerk regio verschilt geen enkel segment significant van de rest (elke q ≥ 0,050)."]


def test_segment_sentences_name_the_truly_different_segment(synthetic):
    """Known truth (5,000 customers): the region with the largest true effect is named as scoring higher,
    the one with the smallest as lower, the region without an effect is not named; the column is named by
    its label (Dutch role label, or the client's own column name)."""
    study = synthetic(5000, 0)
    rel = study.responses[study.responses["survey_type"] == "relational"]
    truth = pd.Series(study.truth.segment_effects["region"])
    tab = _quiet(nps_summary, rel, by="region")
    top, bottom = truth.idxmax(), truth.idxmin()
    en = describe_segments(tab)
    assert f"The segment region {top} scores significantly higher than the rest" in " ".join(en)
    assert f"The segment region {bottom} scores significantly lower than the rest" in " ".join(en)
    assert not any(f"region {truth.abs().idxmin()} " in s for s in en)  # zuid: no true effect
    nl = describe_segments(tab, "nl")
    assert any(s.startswith(f"Het segment regio {top} scoort significant hoger") for s in nl)
    assert not any("region" in s for s in nl)  # the role name never appears in Dutch text
    labelled = rel.copy()
    labelled.attrs["labels"] = {"region": "Vestiging"}
    nl = describe_segments(_quiet(nps_summary, labelled, by="region"), "nl")
    assert any(s.startswith(f"Het segment Vestiging {top} scoort") for s in nl)


def test_a_segment_without_a_true_difference_is_not_called_different():
    """A segment column assigned at random (no true difference): no sentence claims a difference, and
    a segment whose difference is not significant is never named as higher or lower."""
    rng = np.random.default_rng(5)
    n = 3000
    df = pd.DataFrame({"ltr": rng.choice([2, 8, 10], n, p=[0.3, 0.3, 0.4]),
                       "channel": rng.choice(["app", "web", "phone", "shop"], n)})
    tab = nps_summary(df, by="channel")
    assert (tab["q_value"].dropna() >= 0.05).all()
    assert describe_segments(tab, "nl") == [
        "Op kenmerk kanaal verschilt geen enkel segment significant van de rest (elke q ≥ 0,050)."]
    # one truly higher segment among the random ones is named, the others are not
    df.loc[df["channel"] == "app", "ltr"] = rng.choice([2, 8, 10], int((df["channel"] == "app").sum()),
                                                       p=[0.1, 0.3, 0.6])
    tab = nps_summary(df, by="channel")
    sentences = describe_segments(tab)
    named = tab.loc[tab["q_value"] < 0.05, "segment"].tolist()
    assert "app" in named and sentences[0].startswith("The segment channel app scores significantly higher")
    for seg in set(tab.loc[tab["q_value"] >= 0.05, "segment"]) - {"overall"}:
        assert not any(f"channel {seg} " in s for s in sentences)


def test_small_segments_are_named_in_the_caution():
    df = pd.DataFrame({"ltr": [10] * 60 + [3] * 40 + [9] * 12, "channel": ["app"] * 100 + ["post"] * 12})
    tab = _quiet(nps_summary, df, by="channel")
    assert describe_segments(tab)[-1] == ("Note: one segment has fewer than 30 answers (channel post); read its NPS "
                                          "with caution.")
    assert describe_segments(tab, "nl")[-1].startswith("Let op: één segment heeft minder dan 30 antwoorden "
                                                        "(kanaal post)")


def test_one_headline_sentence_for_the_same_answers(study):
    """Page 01 (NPS per survey type) and page 02 (the relational answers) state the same headline with the
    same function; both equal nps_ci's own description on the same answers."""
    from nps_research.overview import headline_nps

    rel = study.responses[study.responses["survey_type"] == "relational"]
    page01 = describe_headline(_quiet(headline_nps, study), "nl", segment_column="survey_type",
                               segment="relational")
    page02 = describe_headline(_quiet(nps_summary, study, by="region", where={"survey_type": "relational"}), "nl")
    assert page01 == page02
    assert page02.startswith("De NPS van de relationele antwoorden is ")
    ref = _quiet(nps_ci, rel["ltr"])
    assert page02.split(" is ", 1)[1] == " ".join(ref.describe("nl")).split(" is ", 1)[1]
    both = describe_headline(_quiet(headline_nps, study), "en", segment_column="survey_type").split("\n\n")
    assert [p.split(" is ")[0] for p in both] == ["The NPS of the relational answers",
                                                  "The NPS of the transactional answers"]


def test_weighted_headline_says_so_with_the_effective_n(responses):
    tab = _quiet(nps_summary, responses, weights="weight")
    ref = _quiet(nps_ci, responses["ltr"], weights=responses["weight"])
    text = describe_headline(tab, "nl", details=False)
    assert text.startswith("De gewogen NPS is ")
    assert f"effectieve n = {round(ref.n_eff):,}".replace(",", ".") in text
    unweighted = describe_headline(_quiet(nps_summary, responses), "nl", details=False)
    assert unweighted.startswith("De NPS is ") and "effectieve" not in unweighted


def test_report_summary_reads_as_the_report_language(responses):
    tab = _quiet(nps_summary, responses, by=["region", "survey_type"])
    table = report_summary(tab, language="nl")
    shown = table.formatted()
    assert list(shown.columns) == ["kenmerk", "segment", "n", "% promotors", "% passieven", "% criticasters", "NPS",
                                   "ondergrens (95%)", "bovengrens (95%)", "verschil met de rest", "q-waarde",
                                   "kleine n"]
    assert shown.iloc[0, :2].tolist() == ["", "totaal"]
    assert set(shown["kenmerk"]) == {"", "regio", "type meting"}
    assert {"relationeel", "transactioneel"} <= set(shown["segment"])
    assert set(shown["kleine n"]) <= {"ja", "nee"}
    numbers = shown[["NPS", "ondergrens (95%)", "verschil met de rest"]].to_numpy().ravel()
    assert not any("." in v for v in numbers if v != "–")
    assert shown["NPS"].iloc[0] == f"{tab['nps'].iloc[0]:+.1f}".replace(".", ",")


def test_benchmark_sentence_follows_the_test_and_its_alternative():
    """The wording comes from p and the alternative: a one-sided test never says 'does not differ'."""
    from nps_research.nps import nps_vs_benchmark

    scores = [10] * 50 + [8] * 30 + [3] * 20  # NPS 30, Wald SE 100 sqrt((0.7 - 0.09) / 100) = 7.81
    se = 100 * np.sqrt(0.61 / 100)
    # z = (30 - 40) / 7.81 = -1.28: one-sided 'greater' p = 0.90, two-sided p = 0.20
    g = nps_vs_benchmark(scores, 40, method="wald")
    assert g.p_value == pytest.approx(stats.norm.sf(-10 / se))
    assert describe_benchmark(g).startswith("The NPS of +30.0 is not significantly above the benchmark of +40.0")
    two = nps_vs_benchmark(scores, 40, "two-sided", method="wald")
    assert "does not differ significantly" in describe_benchmark(two)
    ls = nps_vs_benchmark(scores, 45, "less", method="wald")  # z = -1.92, p = 0.027
    assert "significantly below the benchmark of +45.0" in describe_benchmark(ls)
    assert "significant onder" in describe_benchmark(ls, "nl")
    assert ls.describe("nl") == [describe_benchmark(ls, "nl")]
    hi = nps_vs_benchmark(scores, 15, method="wald")  # z = 1.92
    assert round(stats.norm.sf(15 / se), 3) == 0.027
    assert "is significantly above the benchmark of +15.0 (+15.0 points, p = 0.027)" in describe_benchmark(hi)
    assert "niet significant boven" in describe_benchmark(g, "nl")
