"""The customer-level join (nps_research.compare.customers), checked by hand on a small example."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nps_research import Study, StudyDataError
from nps_research.compare import customer_frame, exq_dimension_scores, join_latest_response


def test_join_latest_response_and_customer_frame():
    responses = pd.DataFrame({
        "customer_id": ["a", "a", "a", "b", "c", "c"],
        "date": ["2024-01-05", "2024-03-01", "2024-03-01", "2024-02-01", "2024-01-01", "2024-05-01"],
        "survey_type": ["relational", "relational", "relational", "relational", "relational", "transactional"],
        "ltr": [1, 5, 9, 7, 10, 2],
        "q1": [1, 2, 7, 4, 6, np.nan], "q2": [1, 2, 6, 5, np.nan, np.nan], "q3": [2, 2, 5, 3, np.nan, np.nan]})
    outcomes = pd.DataFrame({"customer_id": ["a", "b", "c", "x"], "retained": [1, 0, 1, 1]})
    j = join_latest_response(responses, outcomes)
    # a: two responses on the latest date, the one further down wins; c: the later transactional response
    assert j.set_index("customer_id")["ltr"].to_dict() == {"a": 9, "b": 7, "c": 2}
    assert j.set_index("customer_id")["n_responses"].to_dict() == {"a": 3, "b": 1, "c": 2}
    assert j.attrs["join"]["outcomes_without_response"] == 1
    j = join_latest_response(responses, outcomes, survey_type="relational")
    assert j.set_index("customer_id")["ltr"].to_dict() == {"a": 9, "b": 7, "c": 10}
    f = customer_frame(Study(responses=responses, outcomes=outcomes), dimensions={"d1": ["q1", "q2"], "d2": ["q3"]})
    # "auto" picks the relational responses
    assert f.set_index("customer_id")["ltr"].to_dict() == {"a": 9, "b": 7, "c": 10}
    assert f["promoter"].tolist() == [1, 0, 1] and f["passive"].tolist() == [0, 1, 0]
    # d1 of c: one of two items answered = half -> scored; d2 of c unanswered -> missing; cx needs 2 of 3 items
    assert f["d1"].tolist() == [6.5, 4.5, 6.0]
    assert np.isnan(f["d2"].iloc[2]) and np.isnan(f["cx"].iloc[2])
    assert f["cx"].iloc[0] == pytest.approx(6.0)
    pd.testing.assert_frame_equal(
        exq_dimension_scores(f, {"d1": ["q1", "q2"], "d2": ["q3"]}, total="cx"), f[["d1", "d2", "cx"]],
        check_names=False)
    dup = pd.concat([outcomes, outcomes.iloc[[0]]], ignore_index=True)
    with pytest.raises(StudyDataError, match="once in the outcomes table"):
        join_latest_response(responses, dup)


def test_the_customer_table_and_the_cross_validation_do_not_depend_on_how_the_ids_are_written():
    """The customers come in the order of the outcomes table, not of their ids: pseudonymised ids (a study that
    allows no personal data, or another key) once reordered them and with them the cross-validation folds, so
    the same data gave other AUCs in the English and the Dutch report. Independent generator: logistic
    retention on ltr."""
    from nps_research.compare import predictive_validity
    from nps_research.privacy import protect

    rng = np.random.default_rng(11)
    n = 600
    ids = [f"K{v:05d}" for v in rng.permutation(n)]  # ids not in the file's order
    ltr = rng.integers(0, 11, n)
    responses = pd.DataFrame({"customer_id": ids, "date": "2024-03-01", "ltr": ltr,
                              "cx": ltr / 2 + rng.normal(0, 1, n)})
    retained = (rng.random(n) < 1 / (1 + np.exp(-(ltr - 6) / 2))).astype(int)
    outcomes = pd.DataFrame({"customer_id": ids[::-1], "retained": retained[::-1]})
    raw = join_latest_response(responses, outcomes)
    assert raw["customer_id"].tolist() == ids[::-1]  # the outcomes' order
    study = protect(Study(responses=responses.copy(), outcomes=outcomes.copy()), key=b"another key")
    hidden = join_latest_response(study.responses, study.outcomes)
    assert hidden["customer_id"].tolist() == study.outcomes["customer_id"].tolist()
    scores = [predictive_validity(f, outcome="retained", measures={"NPS": ["ltr"], "CX": ["cx"]}, cv=5, repeats=2,
                                  seed=1).scores for f in (raw, hidden)]
    pd.testing.assert_frame_equal(scores[0], scores[1])
