"""NPS versus CX on the study's own scale (issue 11 item 5, issue 12 item 3): the customer table scores the scale
the study names (reverse-keyed items recoded), the measures and sentences carry its labels, and "auto" picks the
study's scale before the built-in EXQ. Scores are checked against a hand computation on data written here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nps_research import Study
from nps_research.compare import (
    available_measures,
    customer_frame,
    hypotheses,
    measure_label,
    present_outcomes,
    study_scale,
    variable_label,
)
from nps_research.cx import EXQ
from nps_research.errors import StudyDataError

SCALES = {"service": {"range": [1, 5], "reverse": ["c2"],
                      "dimensions": {"speed": {"label": {"en": "Speed", "nl": "Snelheid"}, "items": ["s1", "s2"]},
                                     "care": {"label": {"en": "Care", "nl": "Zorg"}, "items": ["c1", "c2"]}}}}


def _study(n: int = 60, seed: int = 5, extra: dict | None = None) -> Study:
    rng = np.random.default_rng(seed)
    r = pd.DataFrame({"customer_id": [f"k{i}" for i in range(n)], "date": "2024-05-01",
                      "ltr": rng.integers(0, 11, n), **{c: rng.integers(1, 6, n).astype(float)
                                                         for c in ("s1", "s2", "c1", "c2")}, **(extra or {})})
    r.loc[3, "s2"] = np.nan  # one of two answered: still scored (half answered)
    r.loc[4, ["c1", "c2"]] = np.nan  # none answered: no care score
    o = pd.DataFrame({"customer_id": r["customer_id"], "retained": rng.integers(0, 2, n)})
    return Study(responses=r, outcomes=o)


def test_the_study_scale_is_scored_by_hand_and_named_after_itself():
    study = _study()
    f = customer_frame(study, scale="service", scales=SCALES)
    r = study.responses.set_index("customer_id").loc[f["customer_id"]]
    speed = r[["s1", "s2"]].mean(axis=1)
    care = pd.concat([r["c1"], 6 - r["c2"]], axis=1).mean(axis=1)  # c2 reverse-keyed on 1-5
    total = pd.concat([r["s1"], r["s2"], r["c1"], 6 - r["c2"]], axis=1).mean(axis=1)
    np.testing.assert_allclose(f["speed"], speed.to_numpy())
    np.testing.assert_allclose(f["care"], care.to_numpy())
    np.testing.assert_allclose(f["cx"], total.to_numpy())
    assert f["care"].isna().sum() == 1 and f["speed"].notna().all()
    assert f.attrs["cx_dimensions"] == ["speed", "care"] and f.attrs["cx_scale"].name == "service"
    labels = f.attrs["labels"]
    assert variable_label("care", "nl", labels) == "Zorg" and variable_label("speed", "en", labels) == "Speed"
    assert measure_label("cx", "nl", labels) == "CX (service)"
    assert measure_label("cx_nps", "en", labels) == "CX (service) + NPS"
    kept, dropped = available_measures(f, {"nps": ["ltr"], "cx": ["dimensions"], "cx_nps": ["dimensions", "ltr"]})
    assert kept == {"nps": ["ltr"], "cx": ["speed", "care"], "cx_nps": ["speed", "care", "ltr"]} and not dropped


def test_auto_takes_the_study_scale_then_exq_and_says_when_there_is_none():
    study = _study()
    assert customer_frame(study, scales=SCALES).attrs["cx_scale"].name == "service"
    exq_items = {i: np.full(60, 4.0) for i in EXQ.items}
    f = customer_frame(_study(extra=exq_items))
    assert f.attrs["cx_scale"] is EXQ and f.attrs["cx_dimensions"] == ["pex", "out", "mot", "pom"]
    assert measure_label("cx", "en", f.attrs["labels"]) == "CX (EXQ)"  # the built-in scale keeps its name
    bare = customer_frame(study)
    assert bare.attrs["cx_scale"] is None and "cx" not in bare.columns
    kept, dropped = available_measures(bare, {"nps": ["ltr"], "cx": ["dimensions"]}, language="nl")
    assert list(kept) == ["nps"]
    assert dropped["cx"] == ("CX (EXQ) valt af: de gegevens hebben geen CX-schaal (noem er een in het onderdeel "
                             "scales van het onderzoek).")


def test_a_named_scale_whose_items_are_missing_is_a_clear_error():
    study = _study()
    with pytest.raises(StudyDataError, match=r"column 'pex1'.*item of the scale 'EXQ' is not in the data"):
        customer_frame(study, scale="EXQ")
    assert study_scale(study.responses, None) is None


def test_outcomes_and_hypotheses_follow_the_data():
    f = customer_frame(_study(), scale="service", scales=SCALES)
    have, lack = present_outcomes(f, ["retained", "revenue_next_12m", "n_products"])
    assert have == ["retained"] and lack == ["revenue_next_12m", "n_products"]
    text = hypotheses("en", scale=f.attrs["cx_scale"], outcomes=have, labels=f.attrs["labels"], value=False)
    assert "the dimensions of service: Speed and Care" in text and "measured as retained" in text
    assert "peace of mind" not in text and "5." not in text
    assert "4. *Which dimension*: one CX dimension matters more than the others." in text
