"""Benchmark: nps_summary over 3 segment columns on 10 million rows in Parquet.

Compares ``nps_summary(path, by=[...])`` (DuckDB counts, statistics from the counts) with
(a) plain pandas: ``read_parquet`` + one ``groupby`` per segment column, and
(b) a hand-written DuckDB SQL count (one ``GROUP BY GROUPING SETS`` query with ``count(*) FILTER``
per category), and (b') a hand-written query with nps_summary's own plan (group by segment and
category code), which shows the pure overhead of nps_summary's checks and statistics.
The Parquet file is generated once into a cache folder (not committed).

Run: ``.venv/bin/python benchmarks/bench_summary.py [--rows 10000000] [--repeat 3] [--cache DIR]``
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
import warnings
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from timing import best_of

from nps_research.segments import nps_summary

SEGMENTS = ["region", "product", "channel"]


def make_file(path: Path, rows: int, seed: int = 0) -> None:
    """Demo-like responses: ltr 0-10 and three string segment columns, written in row groups."""
    rng = np.random.default_rng(seed)
    values = {"region": ["noord", "oost", "zuid", "west"], "product": ["electricity", "electricity_gas", "solar"],
              "channel": ["app", "web", "phone", "chat", "shop"]}  # fmt: skip
    tmp = path.with_suffix(".tmp")
    writer = None
    chunk = 1_000_000
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        cols = {"ltr": pa.array(rng.integers(0, 11, n), type=pa.int64())}
        for c in SEGMENTS:
            codes = rng.integers(0, len(values[c]), n)
            cols[c] = pa.array(np.asarray(values[c], dtype=object)[codes], type=pa.string())
        table = pa.table(cols)
        if writer is None:
            writer = pq.ParquetWriter(tmp, table.schema)
        writer.write_table(table)
    writer.close()
    os.replace(tmp, path)


def plain_pandas(path: Path) -> list[pd.DataFrame]:
    df = pd.read_parquet(path, columns=["ltr", *SEGMENTS])
    cat = pd.cut(df["ltr"], [-1, 6, 8, 10], labels=["detractors", "passives", "promoters"])
    out = [cat.value_counts().to_frame().T]
    for c in SEGMENTS:
        out.append(df.groupby([c, cat], observed=True).size().unstack())
    return out


def hand_sql(path: Path) -> pd.DataFrame:
    sql = f"""
        SELECT region, product, channel,
               count(*) FILTER (WHERE ltr <= 6) AS detractors,
               count(*) FILTER (WHERE ltr BETWEEN 7 AND 8) AS passives,
               count(*) FILTER (WHERE ltr >= 9) AS promoters
        FROM read_parquet('{path}')
        GROUP BY GROUPING SETS ((), (region), (product), (channel))
    """
    con = duckdb.connect()
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def hand_sql_codes(path: Path) -> pd.DataFrame:
    """The same counting strategy nps_summary uses (GROUP BY segment and category code), without its checks."""
    sql = f"""
        SELECT region, product, channel, c, count(*) AS n
        FROM (SELECT region, product, channel,
                     CASE WHEN ltr <= 6 THEN 1 WHEN ltr <= 8 THEN 2 ELSE 3 END AS c
              FROM read_parquet('{path}'))
        GROUP BY GROUPING SETS ((c), (region, c), (product, c), (channel, c))
    """
    con = duckdb.connect()
    try:
        return con.execute(sql).df()
    finally:
        con.close()




def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "nps_research_bench")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    path = args.cache / f"responses_{args.rows}.parquet"
    if not path.exists():
        t0 = time.perf_counter()
        make_file(path, args.rows)
        print(f"generated {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")
    warnings.simplefilter("ignore")
    t_ours, summary = best_of(lambda: nps_summary(path, by=SEGMENTS), args.repeat)
    t_sql, sql = best_of(lambda: hand_sql(path), args.repeat)
    t_sql2, _ = best_of(lambda: hand_sql_codes(path), args.repeat)
    t_pd, pdres = best_of(lambda: plain_pandas(path), args.repeat)
    # The three routes count the same answers.
    overall = summary.iloc[0]
    assert int(overall["n_promoters"]) == int(pdres[0]["promoters"].iloc[0])
    assert int(sql.loc[sql[SEGMENTS].isna().all(axis=1), "promoters"].iloc[0]) == int(overall["n_promoters"])
    print(f"rows: {args.rows:,}; segment columns: {', '.join(SEGMENTS)}; best of {args.repeat}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; python {platform.python_version()}, "
          f"duckdb {duckdb.__version__}, pandas {pd.__version__}")
    print(f"nps_summary(path)           {t_ours:7.2f} s")
    print(f"(a) pandas read + groupby   {t_pd:7.2f} s   ratio nps_summary / pandas     = {t_ours / t_pd:5.2f}")
    print(f"(b) hand-written DuckDB SQL {t_sql:7.2f} s   ratio nps_summary / DuckDB SQL = {t_ours / t_sql:5.2f}"
          "   (count(*) FILTER per category)")
    print(f"(b') hand-written, same plan {t_sql2:7.2f} s   ratio nps_summary / that SQL  = {t_ours / t_sql2:5.2f}"
          "   (GROUP BY segment and category code)")


if __name__ == "__main__":
    main()
