"""The journey sentences are claims: checked against the synthetic study's planted truth and counts by hand, in
both languages; every result follows the results contract and its report tables are labelled and Dutch."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from nps_research.journeys import (
    MomentsOfTruth,
    PeakEndResult,
    TouchpointVariance,
    describe_journeys,
    journey_measures,
    journey_summary,
    link_responses,
    moments_of_truth,
    peak_end_models,
    touchpoint_variance,
)
from nps_research.results import Result
from nps_research.tables import MissingLabelWarning, report_table


@pytest.fixture(scope="module")
def linked(synthetic):
    study = synthetic(15000, 0)
    measures = journey_measures(study)
    return study, measures, link_responses(measures, study)


def test_opening_sentence_counts(linked):
    study, measures, lk = linked
    ev = study.journey_events
    s = describe_journeys(measures, lk, language="nl")
    n_events = int(pd.to_numeric(ev["score"], errors="coerce").notna().sum())
    for number in (ev["journey_id"].nunique(), ev["customer_id"].nunique(), n_events, len(lk)):
        assert f"{number:,}".replace(",", ".") in s
    assert s.startswith("Deze pagina gaat over ") and "‘aanbevelingsscore’" in s
    assert describe_journeys(measures, lk).startswith(f"This page covers {ev['journey_id'].nunique():,} customer")


def test_journey_summary_by_hand(linked):
    _, measures, lk = linked
    tab = journey_summary(measures, lk).set_index("journey")
    for j, g in measures.groupby("journey"):
        assert tab.loc[j, "n_journeys"] == len(g)
        assert tab.loc[j, "mean_worst"] == pytest.approx(g["min"].mean())
        assert tab.loc[j, "n_linked"] == int(lk["journey"].eq(j).sum())
    assert tab.loc["overall", "n_journeys"] == len(measures)
    shown = report_table(tab.reset_index(), language="nl", kinds={"journey": "category"}).formatted()
    assert shown.iloc[-1, 0] == "totaal" and "slechtste moment (gemiddeld)" in shown.columns


def test_peak_end_sentence_follows_the_truth(linked):
    # planted: the worst moment (0.30) and the end (0.25) weigh more than the mean (0.08)
    _, _, lk = linked
    pe = peak_end_models(lk)
    en, nl = pe.describe("en")[0], pe.describe("nl")[0]
    assert re.match(r"Out of sample, the model ‘(peak-end \(worst moment and end\)|average, worst moment and end)’ "
                    r"predicts ‘likelihood to recommend’ after a journey best", en)
    assert en.endswith("a clear difference (" + en.rsplit("(", 1)[1])
    assert "een duidelijk verschil" in nl and re.search(r"R² buiten de steekproef 0,\d\d\)", nl)
    table = pe.table("nl").formatted()
    assert "slechtste moment en einde" in table["voorspellers"].tolist()


def test_moments_of_truth_sentence_names_a_planted_touchpoint(linked):
    study, _, lk = linked
    mot = moments_of_truth(study, lk)
    planted = set(study.truth.moments_of_truth)
    top = mot.harmful(1)["touchpoint"].iloc[0]
    assert top in planted
    en, nl = mot.describe("en"), mot.describe("nl")
    assert en[0].startswith("Moments of truth (a bad experience there raises the share of detractors, beyond its "
                            "effect through the journey's average score, worst moment and end): " + top + " (+")
    assert nl[0].startswith("Momenten van de waarheid (een slechte ervaring daar verhoogt het aandeel criticasters")
    assert "procentpunt, 95%-interval" in nl[0]
    (finding,) = mot.findings()
    assert finding.area == "journeys" and top in finding.statement["nl"]
    assert finding.statement["en"].startswith(f"The strongest moment of truth is {top}:")


def test_no_moment_of_truth_without_an_effect():
    rng = np.random.default_rng(1)
    n = 3000
    tps = ["a", "b", "c", "d"]
    ev = pd.DataFrame({"journey_id": np.repeat(np.arange(n), 4).astype(str), "customer_id": np.repeat(np.arange(n), 4),
                       "journey": "j", "touchpoint": np.tile(tps, n), "stage": "during", "channel": "web",
                       "timestamp": pd.Timestamp("2024-01-01") + pd.to_timedelta(np.tile(range(4), n), "D"),
                       "score": rng.integers(0, 11, 4 * n)})
    m = journey_measures(ev)
    lk = m.assign(ltr=rng.integers(0, 11, len(m)))  # the answer is independent of the journey
    mot = moments_of_truth(ev, lk, adjust=())
    assert mot.describe()[0].startswith("No touchpoint stands out clearly as a moment of truth")
    assert mot.describe("nl")[0].startswith("Geen enkel contactmoment springt er duidelijk uit")
    assert mot.findings() == []


def test_unranked_touchpoints_are_mentioned(linked):
    study, _, lk = linked
    mot = moments_of_truth(study, lk, min_n=10_000)
    k = len(mot.summary())
    assert mot.describe("en")[-1] == f"{k} touchpoints with fewer than 10,000 bad experiences are shown but not ranked."


def _results(linked):
    study, measures, lk = linked
    yield peak_end_models(lk)
    yield moments_of_truth(study, lk)
    yield moments_of_truth(study, lk, target="ltr")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield touchpoint_variance(study.journey_events.iloc[:20000])


def test_every_result_follows_the_contract_and_its_tables_are_dutch(linked):
    kinds = set()
    for res in _results(linked):
        kinds.add(type(res))
        assert isinstance(res, Result) and isinstance(res.summary(), pd.DataFrame)
        for language in ("en", "nl"):
            assert all(isinstance(s, str) and s for s in res.describe(language))
        with warnings.catch_warnings():
            warnings.simplefilter("error", MissingLabelWarning)
            tab = res.table("nl").formatted()
        text = " ".join(res.describe("nl")) + " " + " ".join(map(str, [*tab.columns, *tab.to_numpy().ravel()]))
        text = text.replace("_", " ") if isinstance(res, MomentsOfTruth) else text  # touchpoints: data values
        assert not re.search(r"\b\d+\.(\d{1,2}|\d{4,})\b", text), text
        assert not re.search(r"\b[a-z]+_[a-z_0-9]+\b", text), text
    assert kinds == {PeakEndResult, MomentsOfTruth, TouchpointVariance}
