"""The voice analyses on the synthetic study recover what its generator wrote into the reasons
(``truth.response_theme_sets``, the planted feed-in theme, ``truth.planted_personal_data``)."""

from __future__ import annotations

import numpy as np
import pytest

from nps_research.voice import code_themes, discover_themes, followup_lists, scrub_series, study_ids


@pytest.fixture(scope="module")
def study(synthetic):
    return synthetic(5000, 0)


@pytest.fixture(scope="module")
def coded(study):
    return code_themes(study, frame="energy")


def test_the_frame_codes_the_generated_themes(study, coded):
    r, truth = study.responses, study.truth
    has = r["reason"].notna().to_numpy()
    sets = truth.response_theme_sets.reindex(r["response_id"]).fillna("").to_numpy()
    for theme, frame_theme in truth.voice["themes"].items():
        true = np.array([theme in s.split(";") for s in sets])
        pred = coded[frame_theme].to_numpy()
        precision = (true & pred & has).sum() / (pred & has).sum()
        recall = (true & pred & has).sum() / (true & has).sum()
        assert precision > 0.8 and recall > 0.85, (theme, precision, recall)
    assert (coded.loc[has, "language"] == r.loc[has, "reason_language"]).mean() > 0.99


def test_reasons_without_a_theme_and_the_planted_theme_are_left_uncoded(study, coded):
    truth = study.truth
    ids = study.responses["response_id"]
    planted = (truth.response_themes.reindex(ids) == "feed_in").to_numpy()
    generic = (truth.response_theme_sets.reindex(ids) == "").to_numpy()
    assert coded.loc[planted, "uncoded"].mean() == 1.0
    assert coded.loc[generic, "uncoded"].mean() > 0.95


def test_discovery_finds_the_planted_theme_in_the_synthetic_study(study, coded):
    found = discover_themes(study, frame="energy", coded=coded)
    words = {"nl": "terugleverkosten", "en": "feedin"}
    for lang, word in words.items():
        top = found.loc[found["language"] == lang]
        assert len(top) and word in top.iloc[0]["terms"][:3], (lang, top)
    planted = int((study.truth.response_themes == "feed_in").sum())
    assert abs(found.groupby("language").head(1)["n"].sum() - planted) <= 0.1 * planted
    assert (found.groupby("language").head(1)["nps"] < -50).all()  # complaints


def test_no_planted_personal_data_survive_scrubbing(study):
    text = scrub_series(study.responses.set_index("response_id")["reason"], ids=study_ids(study))
    pii = study.truth.planted_personal_data
    left = [(rid, v) for rid, v in zip(pii["response_id"], pii["value"]) if v in text[rid]]
    assert not left


def test_follow_up_lists_of_the_synthetic_study_hold_consenting_customers_only(study, coded):
    lists = followup_lists(study, coded=coded, max_age_days=60)
    r = study.responses.set_index("response_id")
    for table in (lists.detractors, lists.promoters):
        assert len(table) and (r.loc[table["response_id"], "followup_consent"] == 1).all()
        assert table["customer_id"].is_unique
    assert lists.detractors["customer_value"].notna().all()  # outcomes known: value enters the priority
