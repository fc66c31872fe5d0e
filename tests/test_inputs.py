"""The one input layer (nps_research.inputs): adapter, row-number rule, category breaks, period aliases."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from nps_research import inputs
from nps_research.drivers import driver_model, relative_importance
from nps_research.engines import count_groups
from nps_research.errors import StudyDataError
from nps_research.io import read_raw
from nps_research.nps import nps, nps_counts
from nps_research.overview import ltr_distribution, responses_over_time
from nps_research.study import Study
from nps_research.trends import nps_trend


@pytest.fixture
def responses() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 400
    a = rng.integers(1, 11, n)
    ltr = np.clip(np.round(1 + 0.8 * a + rng.normal(0, 1.5, n)), 0, 10)
    dates = pd.Timestamp("2023-11-20") + pd.to_timedelta(rng.integers(0, 100, n), unit="D")
    return pd.DataFrame(
        {"ltr": ltr, "a": a.astype(float), "date": dates, "region": rng.choice(["N", "S"], n)}
    )


# ----------------------------------------------------------------------------------------- adapter


def test_as_frame_study_and_dataframe_agree(responses):
    study = Study(responses=responses)
    assert inputs.as_frame(study) is responses
    assert inputs.as_frame(responses) is responses
    with pytest.raises(TypeError, match="DataFrame or a Study"):
        inputs.as_frame([1, 2])
    a = count_groups(study, groupings=[(), ("region",)])
    b = count_groups(responses, groupings=[(), ("region",)])
    for x, y in zip(a, b):
        pd.testing.assert_frame_equal(x, y)


# ----------------------------------------------------------------------------------------- row numbers


def test_row_numbers_rule():
    df = pd.DataFrame({"x": [1, 2, 3, 4]})
    assert inputs.row_numbers(df, [False, True, False, True]) == (1, 3)  # index labels (0-based RangeIndex)
    assert inputs.row_numbers(df.iloc[2:], [True, False]) == (2,)  # labels survive filtering
    assert inputs.row_numbers(df, np.ones(4, bool), limit=2) == (0, 1)
    filed = df.set_axis(pd.Index([2, 3, 4, 5], name="row"))
    assert inputs.row_numbers(filed, [True, False, False, True]) == (2, 5)


@pytest.fixture
def bad_csv(tmp_path):
    path = tmp_path / "responses.csv"
    lines = ["ltr,a"] + [f"{i % 11},{i % 10 + 1}" for i in range(40)]
    lines[3] = "5,abc"  # file row 4 (header is row 1)
    lines[6] = "12,3"  # file row 7: LTR out of range
    path.write_text("\n".join(lines) + "\n")
    return path


def test_file_rows_in_errors(bad_csv):
    frame = read_raw(bad_csv, table="responses").frame
    assert frame.index.name == "row"
    with pytest.raises(
        StudyDataError, match=r"column 'a'.*values must be numbers \(1 row: 4\); values: 'abc'"
    ):
        inputs.require_columns(frame, {"driver": "a"}, numeric=True)
    with pytest.raises(StudyDataError, match=r"column 'a'.*values must be numbers \(1 row: 4\)"):
        relative_importance(frame, outcome="ltr", drivers=["a"])
    with pytest.raises(StudyDataError, match=r"column 'ltr'.*whole numbers 0-10 \(1 row: 7\)"):
        count_groups(frame.drop(index=4))


def test_require_columns_missing_and_roles():
    df = pd.DataFrame({"q": [1, 2]})
    with pytest.raises(StudyDataError) as err:
        inputs.require_columns(df, {"ltr": "q", "weight": "w"}, table="responses")
    assert "column 'w' (role 'weight'): column not found" in str(err.value)
    assert "'q'" not in str(err.value)
    inputs.require_columns(df, ["q"], numeric=True)  # numeric column: fine


# ----------------------------------------------------------------------------------------- breaks


def test_category_bounds_default_unchanged():
    assert inputs.category_bounds() == {"detractors": (0, 6), "passives": (7, 8), "promoters": (9, 10)}
    assert inputs.DEFAULT_BREAKS == (6, 8)
    with pytest.raises(ValueError, match="breaks"):
        inputs.category_bounds((8, 6))


@pytest.mark.parametrize("breaks", [(6, 8), (5, 7), (4, 8), (0, 9)])
def test_breaks_honoured_everywhere(responses, breaks):
    expected = nps_counts(responses["ltr"], breaks=breaks)
    (overall,) = count_groups(responses, breaks=breaks)
    got = overall[["n_detractors", "n_passives", "n_promoters"]].iloc[0].to_numpy()
    np.testing.assert_array_equal(got, expected)
    tr = nps_trend(responses, freq="M", min_n=1, breaks=breaks).table
    np.testing.assert_array_equal(
        tr[["n_detractors", "n_passives", "n_promoters"]].sum().to_numpy(), expected
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = driver_model(responses, outcome="ltr", drivers=["a"], breaks=breaks)
        obs = m.scenario("a", n_sim=50).summary()["observed"].iloc[0]
        lm = driver_model(responses, outcome="ltr", drivers=["a"], kind="logit", breaks=breaks)
    assert obs == pytest.approx(nps(responses["ltr"], breaks=breaks))
    dist = ltr_distribution(responses, breaks=breaks)
    np.testing.assert_array_equal(
        dist.groupby("category", observed=True)["n"]
        .sum()
        .reindex(["detractor", "passive", "promoter"], fill_value=0)
        .to_numpy(),
        expected,
    )
    assert lm.scenario("a", n_sim=50).summary()["observed"].iloc[0] == pytest.approx(100 * expected[2] / expected.sum())


def test_non_default_breaks_change_counts(responses):
    (default,) = count_groups(responses)
    (other,) = count_groups(responses, breaks=(5, 7))
    assert not default.equals(other)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = driver_model(responses, outcome="ltr", drivers=["a"]).scenario("a", n_sim=50).summary()["observed"].iloc[0]
        b = driver_model(responses, outcome="ltr", drivers=["a"], breaks=(5, 7)).scenario("a", n_sim=50).summary()
    assert a == pytest.approx(nps(responses["ltr"]))
    assert b["observed"].iloc[0] != pytest.approx(a)


# ----------------------------------------------------------------------------------------- period aliases


@pytest.mark.parametrize("alias", ["YS", "MS", "QS", "ME", "M", "Q", "Y", "W", "D", "ms", "A"])
def test_aliases_same_periods_in_overview_and_trends(responses, alias):
    code = inputs.normalize_freq(alias)
    over = responses_over_time(responses, freq=alias, by=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tr = nps_trend(responses, freq=alias, min_n=1).table
    assert tr["period"].dt.to_period(code).astype(str).tolist() == over["period"].tolist()
    assert tr["n"].tolist() == over["n"].tolist()


def test_unknown_alias_rejected_everywhere(responses):
    with pytest.raises(ValueError, match="not a supported period frequency"):
        responses_over_time(responses, freq="H", by=None)
    with pytest.raises(ValueError, match="not a supported period frequency"):
        nps_trend(responses, freq="H")


def test_a_problem_counted_in_the_engine_says_how_many_rows_without_an_empty_row_list(tmp_path):
    # DuckDB counts Parquet files without row numbers: the message gives the count, not "(1 row: )"
    from nps_research import people

    pd.DataFrame({"u": ["a", "b", "b"], "ltr": [1, 12, 12]}).to_parquet(tmp_path / "r.parquet")
    with pytest.raises(StudyDataError) as err:
        people.unit_counts(str(tmp_path / "r.parquet"), unit="u")
    assert "(2 rows); values: '12'" in str(err.value)
    assert "(2 rijen)" in err.value.message("nl")
