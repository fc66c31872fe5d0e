"""Benchmark: exact Shapley/LMG relative importance, nps_research vs pingouin (and dominance-analysis).

Run:  .venv/bin/python benchmarks/bench_shapley.py [--rows 100000] [--limit 300]

Cases (100,000 rows, correlated drivers):
  * exact Shapley (LMG) for p = 10, 15, 20 drivers;
  * p = 12 with 200 bootstrap resamples.
Competitors: pingouin ``linear_regression(relimp=True)`` (refits/inverts every subset one by one, a
``pinvh`` per subset) and the ``dominance-analysis`` PyPI package (when it imports). Each competitor run
gets a time limit (``--limit`` seconds, in a child process); when it does not finish, its time is
extrapolated from the largest finished case by the number of subset solves (2**p, each O(k**3) for a
subset of size k) and marked "extrapolated". Results are printed as a Markdown table (copy into
benchmarks/RESULTS_shapley.md).
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import platform
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from nps_research.drivers import relative_importance


def make_data(n: int, p: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    mix = np.eye(p) + 0.4 * rng.normal(size=(p, p))
    X = rng.integers(1, 11, size=(n, p)) @ mix.T / 3 + rng.normal(size=(n, p))
    y = X @ rng.uniform(0.0, 0.5, p) + rng.normal(scale=2.0, size=n)
    df = pd.DataFrame(X, columns=[f"d{j:02d}" for j in range(p)])
    df["ltr"] = y
    return df


def _pingouin_run(df, drivers, q):
    import pingouin as pg

    t = time.perf_counter()
    lm = pg.linear_regression(df[drivers], df["ltr"], relimp=True)
    q.put((time.perf_counter() - t, lm["relimp"].to_numpy()[1:]))


def _pingouin_boot_run(df, drivers, B, q):
    import pingouin as pg

    rng = np.random.default_rng(1)
    t = time.perf_counter()
    for _ in range(B):
        s = df.iloc[rng.integers(0, len(df), len(df))]
        pg.linear_regression(s[drivers], s["ltr"], relimp=True)
    q.put((time.perf_counter() - t, None))


def _da_run(df, drivers, q):
    from dominance_analysis import Dominance

    t = time.perf_counter()
    d = Dominance(data=df[[*drivers, "ltr"]], target="ltr", objective=1, top_k=len(drivers))
    d.incremental_rsquare()
    q.put((time.perf_counter() - t, None))


def limited(target, args, limit):
    """Run target(*args, q) in a child process; (seconds, payload) or (None, reason)."""
    q = mp.Queue()
    proc = mp.Process(target=target, args=(*args, q))
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None, f"> {limit:.0f} s (stopped)"
    if proc.exitcode != 0:
        return None, f"failed (exit {proc.exitcode})"
    return q.get()


def subset_work(p: int) -> float:
    """Relative cost of solving every subset one by one: sum_k C(p, k) * k**3 (+ overhead per subset)."""
    return sum(math.comb(p, k) * (k**3 + 50) for k in range(1, p + 1))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--limit", type=float, default=300.0)
    args = ap.parse_args()
    n, limit = args.rows, args.limit
    try:
        import dominance_analysis  # noqa: F401

        have_da = True
        da_note = "dominance-analysis imported"
    except Exception as e:
        have_da = False
        da_note = f"dominance-analysis not run: {type(e).__name__}: {e}"

    rows = []
    last_pg = None  # (p, seconds) of the largest finished pingouin run
    for p in (10, 15, 20):
        df = make_data(n, p)
        drivers = [c for c in df.columns if c != "ltr"]
        t = time.perf_counter()
        res = relative_importance(df, outcome="ltr", drivers=drivers)
        ours = time.perf_counter() - t
        pg_t, payload = limited(_pingouin_run, (df, drivers), limit)
        if pg_t is not None:
            diff = float(np.max(np.abs(payload - res.importance["importance"].to_numpy())))
            pg_txt, last_pg = f"{pg_t:.2f}", (p, pg_t)
            agree = f"{diff:.1e}"
        else:
            est = last_pg[1] * subset_work(p) / subset_work(last_pg[0]) if last_pg else float("nan")
            pg_t, pg_txt, agree = est, f"~{est:.0f} (extrapolated; {payload})", "-"
        da_txt = "-"
        if have_da:
            da_t, info = limited(_da_run, (df, drivers), limit)
            da_txt = f"{da_t:.2f}" if da_t is not None else str(info)
        rows.append((f"exact Shapley, p = {p}", f"{ours:.3f}", pg_txt, f"{pg_t / ours:,.0f}x", da_txt, agree))
        print(rows[-1], flush=True)

    p, B = 12, 200
    df = make_data(n, p)
    drivers = [c for c in df.columns if c != "ltr"]
    t = time.perf_counter()
    relative_importance(df, outcome="ltr", drivers=drivers, bootstrap=B, seed=1)
    ours = time.perf_counter() - t
    one, _ = limited(_pingouin_run, (df, drivers), limit)
    pg_b, info = limited(_pingouin_boot_run, (df, drivers, B), limit)
    if pg_b is None:
        pg_b = one * (B + 1)
        pg_txt = f"~{pg_b:.0f} (extrapolated: {B + 1} x one run of {one:.2f} s; {info})"
    else:
        pg_txt = f"{pg_b:.1f}"
    rows.append((f"p = {p}, {B} bootstrap resamples", f"{ours:.2f}", pg_txt, f"{pg_b / ours:,.0f}x", "-", "-"))
    print(rows[-1], flush=True)

    print()
    print(f"{n:,} rows; Python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores; "
          f"time limit per competitor run {limit:.0f} s. {da_note}.")
    print()
    print("| case | nps_research (s) | pingouin relimp (s) | ratio pingouin / ours | dominance-analysis (s) "
          "| max abs diff vs pingouin |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
