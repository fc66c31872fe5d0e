"""Benchmark: unit_nps and the count-based signals on 10 million responses by 500 units, in Parquet.

``unit_nps(path, unit=...)`` and ``signals(path, unit=...)`` count answers per unit and score in DuckDB
(only 500 x 11 counts come back) and compute shrinkage, credible and rank intervals, funnel limits and the
signals from the counts. The reference is a hand-written DuckDB count of the same table
(``SELECT unit, ltr, count(*) ... GROUP BY ALL``); the issue asks for at most 1.5 times its time.
The Parquet file is generated once into a cache folder (not committed).

Run: ``.venv/bin/python benchmarks/bench_people.py [--rows 10000000] [--units 500] [--repeat 30] [--cache DIR]``
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import warnings
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from timing import best_of

from nps_research.people import signals, unit_nps


def make_file(path: Path, rows: int, units: int, seed: int = 0) -> None:
    """Responses with an employee column (500 units of unequal size and quality) and ltr 0-10."""
    rng = np.random.default_rng(seed)
    size = rng.gamma(2.0, 1.0, units)
    size /= size.sum()
    quality = rng.normal(0, 0.8, units)
    names = np.array([f"E{i:04d}" for i in range(units)], dtype=object)
    tmp = path.with_suffix(".tmp")
    writer = None
    chunk = 1_000_000
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        u = rng.choice(units, size=n, p=size)
        ltr = np.clip(np.round(7 + quality[u] + rng.normal(0, 2.2, n)), 0, 10).astype(np.int64)
        table = pa.table({"employee_id": pa.array(names[u], type=pa.string()), "ltr": pa.array(ltr)})
        if writer is None:
            writer = pq.ParquetWriter(tmp, table.schema)
        writer.write_table(table)
    writer.close()
    os.replace(tmp, path)


def hand_count(con, path: Path):
    """The reference: the count on a connection opened beforehand (opening one costs about 20 ms; the
    workbench keeps one per process, so neither side pays it)."""
    return con.execute(f"SELECT employee_id, ltr, count(*) AS n FROM read_parquet('{path}') "
                       "GROUP BY ALL").fetchdf()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--units", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "nps_research_bench"))
    args = ap.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"people_{args.rows}_{args.units}.parquet"
    if not path.exists():
        make_file(path, args.rows, args.units)
    warnings.simplefilter("ignore")
    con = duckdb.connect()
    times: dict[str, list[float]] = {"hand": [], "units": [], "signals": []}
    for _ in range(args.repeat):  # interleaved, so a busy spell on the machine hits all three alike
        t, counts = best_of(lambda: hand_count(con, path), 1)
        times["hand"].append(t)
        t, units = best_of(lambda: unit_nps(str(path), unit="employee_id"), 1)
        times["units"].append(t)
        t, found = best_of(lambda: signals(str(path), unit="employee_id"), 1)
        times["signals"].append(t)
    t_hand, t_units, t_signals = (min(times[k]) for k in ("hand", "units", "signals"))
    m_hand, m_units, m_signals = (float(np.median(times[k])) for k in ("hand", "units", "signals"))
    assert int(counts["n"].sum()) == int(units["n"].sum()) == args.rows
    print(f"rows {args.rows:,}, units {args.units}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores")
    print(f"best of {args.repeat} (median in brackets)")
    print(f"hand-written DuckDB count: {t_hand:.3f} s          [{m_hand:.3f} s]")
    print(f"unit_nps:                  {t_units:.3f} s  ({t_units / t_hand:.2f}x)  [{m_units:.3f} s, "
          f"{m_units / m_hand:.2f}x]")
    print(f"signals (count-based):     {t_signals:.3f} s  ({t_signals / t_hand:.2f}x)  [{m_signals:.3f} s, "
          f"{m_signals / m_hand:.2f}x]")


if __name__ == "__main__":
    main()
