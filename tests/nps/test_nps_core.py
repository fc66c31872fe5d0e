"""categorize / nps / nps_counts and the result objects (checked against hand counts)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nps_research.errors import StudyDataError
from nps_research.nps import LABELS, categorize, nps, nps_ci, nps_ci_from_counts, nps_counts


def test_categorize_standard_breaks_every_score():
    cat = categorize(list(range(11)))
    expected = ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2
    assert list(cat) == expected
    assert cat.ordered and list(cat.categories) == list(LABELS["en"])
    assert cat.min() == "detractor" and cat.max() == "promoter"


def test_categorize_dutch_custom_breaks_series_index_and_missing():
    s = pd.Series([0, 5, 6, 7, None, 10], index=list("abcdef"), name="ltr")
    out = categorize(s, breaks=(5, 7), language="nl")
    assert isinstance(out, pd.Series) and out.name == "ltr" and list(out.index) == list("abcdef")
    assert out.tolist()[:4] == ["criticaster", "criticaster", "passieve", "passieve"]
    assert pd.isna(out["e"]) and out["f"] == "promotor"
    # one vocabulary: the singular words of the text layer (plural promotors / passieven / criticasters)
    assert LABELS["nl"] == ("criticaster", "passieve", "promotor")
    from nps_research.text import category

    assert LABELS["nl"] == tuple(category(c, "nl") for c in ("detractor", "passive", "promoter"))


def test_categorize_reports_offending_positions():
    with pytest.raises(StudyDataError) as exc:
        categorize([3, -1, 10, 10.5, "x", 12, True])
    msg = str(exc.value)
    assert "5 rows: 1, 3, 4, 5, 6" in msg and "0-10" in msg
    with pytest.raises(StudyDataError, match="3 rows: b, c, d"):
        categorize(pd.Series([1, 11, 2.5, "n/a"], index=list("abcd")))
    with pytest.raises(ValueError, match="breaks"):
        categorize([1], breaks=(8, 6))
    with pytest.raises(ValueError, match="language"):
        categorize([1], language="de")


def test_numeric_strings_are_accepted():
    assert list(categorize(["10", "7", "0"])) == ["promoter", "passive", "detractor"]


def test_nps_and_counts_against_hand_counts():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 11, size=1001).astype(float)
    x[::50] = np.nan
    valid = x[~np.isnan(x)]
    prom, det = np.sum(valid >= 9), np.sum(valid <= 6)
    assert nps(x) == pytest.approx(100 * (prom - det) / len(valid))
    assert nps_counts(x).tolist() == [det, len(valid) - prom - det, prom]
    # breaks move the cut points
    assert nps(x, breaks=(5, 8)) == pytest.approx(100 * (prom - np.sum(valid <= 5)) / len(valid))


def test_weighted_nps_equals_replicated_rows():
    # integer weights = duplicated respondents
    scores = [10, 9, 8, 3, 0, 7]
    w = [3, 1, 2, 1, 4, 1]
    assert nps(scores, weights=w) == pytest.approx(nps(np.repeat(scores, w)))
    # zero weights drop a respondent
    assert nps([10, 0], weights=[1, 0]) == 100.0
    with pytest.raises(StudyDataError, match="weights"):
        nps([10, 0], weights=[1, -1])
    with pytest.raises(ValueError, match="length"):
        nps([10, 0], weights=[1])


def test_result_object_reads_as_a_frame():
    r = nps_ci([10] * 50 + [8] * 30 + [3] * 20)
    df = r.to_frame()
    assert df.shape[0] == 1
    assert {"nps", "se", "ci_low", "ci_high", "n", "method", "n_eff", "promoters_pct", "passives_pct",
            "detractors_pct"} <= set(df.columns)
    assert df.loc[0, "promoters_pct"] == 50 and df.loc[0, "detractors_pct"] == 20 and df.loc[0, "n"] == 100
    assert "<table" in r._repr_html_()
    assert r.summary().equals(df)
    assert "NPSInterval(nps=30" in repr(r)


def test_from_counts_equals_from_scores():
    scores = [10] * 17 + [7] * 10 + [2] * 3
    for method in ("wald", "adjusted-wald", "score", "bootstrap", "bayes"):
        a = nps_ci(scores, method=method, warn=False)
        b = nps_ci_from_counts(3, 10, 17, method=method, warn=False)
        assert (a.nps, a.se, a.ci_low, a.ci_high) == pytest.approx((b.nps, b.se, b.ci_low, b.ci_high))


def test_invalid_arguments():
    with pytest.raises(ValueError, match="method"):
        nps_ci_from_counts(1, 2, 3, method="exact")
    with pytest.raises(ValueError, match="confidence"):
        nps_ci_from_counts(1, 2, 3, confidence=95)
    with pytest.raises(ValueError, match="counts"):
        nps_ci_from_counts(-1, 2, 3)
    with pytest.raises(ValueError, match="whole-number"):
        nps_ci_from_counts(1.5, 2, 3, method="bootstrap")
    with pytest.raises(ValueError, match="prior"):
        nps_ci_from_counts(1, 2, 3, method="bayes", prior=(0, 1, 1))
    with pytest.raises(ValueError, match="bootstrap_kind"):
        nps_ci_from_counts(1, 2, 3, method="bootstrap", bootstrap_kind="basic")


def test_interval_result_follows_the_results_contract():
    """NPSInterval: summary() a DataFrame, describe() sentences built from its numbers, table() labelled."""
    from nps_research.results import Result

    r = nps_ci([10] * 50 + [8] * 30 + [3] * 20, method="wald")
    assert isinstance(r, Result) and isinstance(r.summary(), pd.DataFrame)
    assert r.describe("en") == ["The NPS is +30.0 (95% interval +14.7 to +45.3; n = 100).",
                                "50.0% promoters, 30.0% passives and 20.0% detractors.",
                                "Interval method: Wald."]
    small = nps_ci_from_counts(2, 3, 5, warn=False)
    assert small.describe("nl")[-1].startswith("Let op: n = 10 is kleiner dan 30")
    w = nps_ci([10] * 50 + [8] * 30 + [3] * 20, weights=[1.0] * 50 + [3.0] * 50, method="wald")
    text = w.describe("nl")
    assert text[0].startswith("De gewogen NPS is ") and f"effectieve n = {w.n_eff:.0f}" in text[0]
    assert text[1].startswith("Gewogen aandelen: ")
    shown = w.table("nl").formatted()
    assert list(shown.columns) == ["n", "effectieve n", "% promotors", "% passieven", "% criticasters", "NPS",
                                   "ondergrens (95%)", "bovengrens (95%)"]
    with pytest.raises(ValueError, match="arrays"):
        nps_ci_from_counts([1, 2], [3, 4], [5, 6], warn=False).describe()
