"""Counting backends: pandas, DuckDB (Parquet/CSV paths), ibis (DuckDB) and Spark give identical tables.

Counts are checked against a brute-force Python count; the routes are checked against each other
with ``assert_frame_equal`` (exact: counts are integers, and the weights used for the exact checks
are multiples of 1/4 so that their sums are exact in floating point in any summation order).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from nps_research.engines import count_columns, count_groups, engine_of, normalize_freq
from nps_research.errors import StudyDataError
from nps_research.segments import nps_summary
from nps_research.trends import nps_trend


def demo_like(n: int = 3000, seed: int = 7) -> pd.DataFrame:
    """Responses shaped like the demo data: segments with missing values, dates over two years."""
    rng = np.random.default_rng(seed)
    survey_type = rng.choice(["relational", "transactional"], n, p=[0.4, 0.6])
    touchpoint = np.where(survey_type == "transactional", rng.choice(["app", "shop", "phone"], n), None)
    df = pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(n)],
            "date": (pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 730, n), unit="D")),
            "survey_type": survey_type,
            "touchpoint": touchpoint,
            "region": rng.choice(["Noord", "Oost", "Zuid", "West", None], n, p=[0.3, 0.2, 0.2, 0.25, 0.05]),
            "product": rng.choice(["energy", "internet", "mobile"], n),
            "ltr": rng.integers(0, 11, n).astype("float64"),
            "weight": rng.integers(1, 13, n) / 4,
        }
    )
    df.loc[rng.random(n) < 0.03, "ltr"] = np.nan
    return df


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return demo_like()


@pytest.fixture(scope="module")
def files(demo, tmp_path_factory):
    root = tmp_path_factory.mktemp("engines")
    pq = root / "parquet"
    pq.mkdir()
    csv = root / "csv"
    csv.mkdir()
    # Split into several files so folder/glob reading is exercised.
    for i, part in enumerate(np.array_split(np.arange(len(demo)), 3)):
        chunk = demo.iloc[part]
        chunk.to_parquet(pq / f"part{i}.parquet", index=False)
        chunk.to_csv(csv / f"part{i}.csv", index=False)
    return {"parquet_dir": pq, "csv_dir": csv, "parquet_glob": str(pq / "*.parquet")}


GROUPINGS = [(), ("region",), ("product",), ("survey_type", "touchpoint"), ("period",), ("region", "period")]


def _routes(demo, files):
    import ibis

    return {
        "parquet folder": files["parquet_dir"],
        "parquet glob": files["parquet_glob"],
        "csv folder": str(files["csv_dir"]),
        "ibis duckdb": ibis.memtable(demo),
    }


def test_counts_match_brute_force(demo):
    """Counts per (region, product) against a plain Python count of the rows."""
    (tab,) = count_groups(demo, groupings=[("region", "product")], weights="weight")
    expected: Counter = Counter()
    wsum: Counter = Counter()
    for region, product, ltr, w in demo[["region", "product", "ltr", "weight"]].itertuples(index=False):
        key = (None if region is None or region != region else region, product)
        if ltr != ltr:
            expected[key + ("missing",)] += 1
            continue
        cat = "detractors" if ltr <= 6 else ("passives" if ltr <= 8 else "promoters")
        expected[key + (cat,)] += 1
        wsum[key + (cat,)] += w
        wsum[key + ("sq", cat)] += w * w
    assert len(tab) == len({k[:2] for k in expected})
    for row in tab.itertuples(index=False):
        region = None if pd.isna(row.region) else row.region
        key = (region, row.product)
        assert row.n_missing == expected[key + ("missing",)]
        for cat in ("detractors", "passives", "promoters"):
            assert getattr(row, f"n_{cat}") == expected[key + (cat,)]
            assert getattr(row, f"w_{cat}") == pytest.approx(wsum[key + (cat,)], rel=1e-12)
            assert getattr(row, f"w2_{cat}") == pytest.approx(wsum[key + ("sq", cat)], rel=1e-12)
    # Missing region values form their own group, sorted last.
    assert tab["region"].isna().iloc[-1]


@pytest.mark.parametrize("weights", [None, "weight"])
def test_all_routes_give_identical_counts(demo, files, weights):
    ref = count_groups(demo, groupings=GROUPINGS, weights=weights, date="date", freq="M")
    for name, src in _routes(demo, files).items():
        got = count_groups(src, groupings=GROUPINGS, weights=weights, date="date", freq="M")
        for r, g in zip(ref, got):
            pd.testing.assert_frame_equal(g, r, check_exact=True, obj=name)


def test_all_routes_give_identical_summaries_and_trends(demo, files):
    by = ["region", "product", "survey_type"]
    ref_sum = nps_summary(demo, by=by)
    ref_trend = nps_trend(demo, date="date", freq="Q", by="survey_type").table
    for name, src in _routes(demo, files).items():
        pd.testing.assert_frame_equal(nps_summary(src, by=by), ref_sum, check_exact=True, obj=name)
        got = nps_trend(src, date="date", freq="Q", by="survey_type").table
        pd.testing.assert_frame_equal(got, ref_trend, check_exact=True, obj=name)


DEMO_CSV = Path(__file__).resolve().parents[2] / "data" / "demo" / "responses.csv"
DEMO_BY = ["region", "product", "channel", "survey_type", "touchpoint"]


@pytest.fixture(scope="module")
def demo_study(tmp_path_factory):
    """The committed demo data (data/demo/responses.csv) loaded as the notebooks load it, plus a Parquet copy."""
    import nps_research as nr

    study = nr.load_data({"responses": str(DEMO_CSV)})
    path = tmp_path_factory.mktemp("demo") / "responses.parquet"
    study.responses.to_parquet(path, index=False)
    return study, path


def test_demo_data_routes_give_identical_tables(demo_study):
    """On the demo data: the loaded Study (pandas), the raw CSV and a Parquet copy (DuckDB) and an ibis
    table give identical summaries and trends; weighted sums (weights like 1.2766) agree to rounding."""
    import ibis

    study, parquet = demo_study
    assert len(study.responses) > 4000
    ref = nps_summary(study, by=DEMO_BY)
    ref_trend = nps_trend(study, freq="M", by="survey_type").table
    ref_w = nps_summary(study, by=DEMO_BY, weights="weight", method="wald")
    # the counts themselves against a plain pandas count of the loaded rows
    overall = study.responses["ltr"].dropna()
    assert ref.loc[0, ["n_detractors", "n_passives", "n_promoters"]].tolist() == [
        int((overall <= 6).sum()), int(overall.between(7, 8).sum()), int((overall >= 9).sum())]
    for name, src in {"csv file": DEMO_CSV, "parquet file": parquet,
                      "ibis duckdb": ibis.memtable(study.responses)}.items():  # fmt: skip
        pd.testing.assert_frame_equal(nps_summary(src, by=DEMO_BY), ref, check_exact=True, obj=name)
        got = nps_trend(src, freq="M", by="survey_type").table
        pd.testing.assert_frame_equal(got, ref_trend, check_exact=True, obj=name)
        got_w = nps_summary(src, by=DEMO_BY, weights="weight", method="wald")
        pd.testing.assert_frame_equal(got_w, ref_w, check_exact=False, rtol=1e-12, obj=name)


def test_weighted_sums_agree_for_arbitrary_weights(demo, files):
    """With non-dyadic weights the summation order differs between engines: equal to ~1e-12."""
    df = demo.assign(weight=np.random.default_rng(3).lognormal(0, 0.5, len(demo)))
    path = files["parquet_dir"].parent / "lognormal.parquet"
    df.to_parquet(path, index=False)
    ref = nps_summary(df, by=["region"], weights="weight", method="wald")
    got = nps_summary(path, by=["region"], weights="weight", method="wald")
    pd.testing.assert_frame_equal(got, ref, check_exact=False, rtol=1e-10)


def test_where_filter_runs_in_every_engine(demo, files):
    where = {"survey_type": "transactional", "product": ["energy", "mobile"]}
    sub = demo[(demo["survey_type"] == "transactional") & demo["product"].isin(["energy", "mobile"])]
    (expected,) = count_groups(sub, groupings=[("touchpoint",)])
    for name, src in _routes(demo, files).items():
        (got,) = count_groups(src, groupings=[("touchpoint",)], where=where)
        pd.testing.assert_frame_equal(got, expected, obj=name)
    assert expected["n_detractors"].sum() + expected["n_passives"].sum() + expected["n_promoters"].sum() == \
        sub["ltr"].notna().sum()


@pytest.mark.parametrize(
    ("freq", "pandas_freq"), [("D", "D"), ("W", "W"), ("M", "M"), ("ME", "M"), ("MS", "M"), ("Q", "Q"),
                              ("QE", "Q"), ("Y", "Y")]
)
def test_period_truncation_matches_pandas_periods(demo, files, freq, pandas_freq):
    """Period keys are the start of the pandas Period containing the date (weeks start on Monday)."""
    expected = demo.assign(period=demo["date"].dt.to_period(pandas_freq).dt.start_time)
    exp = expected.groupby("period")["response_id"].count()
    (got,) = count_groups(files["parquet_dir"], groupings=[("period",)], date="date", freq=freq)
    n = got[["n_missing", "n_detractors", "n_passives", "n_promoters"]].sum(axis=1)
    assert got["period"].tolist() == exp.index.tolist()
    assert n.tolist() == exp.tolist()
    if freq == "W":
        assert (got["period"].dt.day_of_week == 0).all()


def test_freq_aliases():
    assert [normalize_freq(f) for f in ("M", "ME", "MS", "Q", "QE", "QS", "W", "D", "A", "YE")] == \
        ["M", "M", "M", "Q", "Q", "Q", "W", "D", "Y", "Y"]
    with pytest.raises(ValueError, match="freq='H'"):
        normalize_freq("H")


@pytest.mark.parametrize("route", ["pandas", "parquet", "csv", "ibis"])
def test_invalid_ltr_is_reported_with_column_and_rows(tmp_path, route):
    import ibis

    df = pd.DataFrame({"ltr": [10, 11, 3, 7.5, None, 9], "region": list("aabbcc")})
    src = {
        "pandas": df,
        "parquet": tmp_path / "x.parquet",
        "csv": tmp_path / "x.csv",
        "ibis": ibis.memtable(df),
    }[route]
    df.to_parquet(tmp_path / "x.parquet", index=False)
    df.to_csv(tmp_path / "x.csv", index=False)
    with pytest.raises(StudyDataError, match=r"column 'ltr'.*whole numbers 0-10 \(2 rows") as err:
        count_groups(src, groupings=[("region",)])
    assert "11" in str(err.value) and "7.5" in str(err.value)
    if route == "pandas":
        assert err.value.problems[0].rows == (1, 3)
    if route == "csv":  # row numbers as in the file: header is line 1
        assert err.value.problems[0].rows == (3, 5)


def test_invalid_weights_and_missing_columns(demo, files):
    bad = demo.head(50).assign(weight=0.0)
    with pytest.raises(StudyDataError, match="column 'weight'.*> 0"):
        count_groups(bad, weights="weight")
    with pytest.raises(StudyDataError, match="column 'segment_x'.*not found"):
        count_groups(files["parquet_dir"], groupings=[("segment_x",)])
    with pytest.raises(FileNotFoundError):
        count_groups(files["parquet_dir"] / "nothing_here")
    with pytest.raises(TypeError, match="data must be"):
        engine_of([1, 2, 3])
    with pytest.raises(ValueError, match="date="):
        count_groups(demo, groupings=[("period",)])


def test_count_columns():
    assert count_columns(True)[-1] == "w2_promoters"


@pytest.mark.spark
def test_spark_route_gives_identical_tables(demo, files, demo_study):
    """Spark in local mode (ibis' pyspark backend), from Parquet files: demo-like data with missing keys
    and weights, and the committed demo data."""
    import shutil

    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java (17) on the PATH")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[1]")
        .appName("nps_research-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        sdf = spark.read.parquet(str(files["parquet_dir"]))
        # Few groupings: every grouping is one Spark job (~1-2 s each after a ~15 s start).
        groupings = [(), ("region",), ("product", "period")]
        ref = count_groups(demo, groupings=groupings, weights="weight", date="date", freq="M")
        got = count_groups(sdf, groupings=groupings, weights="weight", date="date", freq="M")
        for r, g in zip(ref, got):
            pd.testing.assert_frame_equal(g, r, check_exact=True)
        pd.testing.assert_frame_equal(nps_summary(sdf, by="region"), nps_summary(demo, by="region"),
                                      check_exact=True)
        study, parquet = demo_study
        demo_sdf = spark.read.parquet(str(parquet))
        pd.testing.assert_frame_equal(nps_summary(demo_sdf, by=["channel", "survey_type"]),
                                      nps_summary(study, by=["channel", "survey_type"]), check_exact=True)
    finally:
        spark.stop()
