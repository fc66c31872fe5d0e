"""Benchmark: bootstrap NPS interval on counts vs resampling rows with scipy.stats.bootstrap.

Run from the repository root:

    .venv/bin/python benchmarks/bench_bootstrap.py            # n = 1,000,000, 10,000 resamples
    .venv/bin/python benchmarks/bench_bootstrap.py --write    # also write benchmarks/RESULTS_bootstrap.md

``nps_ci(method="bootstrap")`` uses the fact that resampling n respondents with replacement is a
multinomial(n, observed shares) draw, so each resample costs O(1) whatever n is. scipy resamples the
rows (O(n) per resample); running it for 10,000 resamples of 1e6 rows would take minutes, so it is
timed on ``--scipy-resamples`` (default 200) resamples and extrapolated linearly (its cost is linear
in the number of resamples). The printed table says which numbers are extrapolated.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np
import scipy
from scipy import stats
from timing import best_of

from nps_research.nps import nps_ci, nps_ci_from_counts, nps_counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="responses")
    ap.add_argument("--resamples", type=int, default=10_000, help="bootstrap resamples of nps_ci")
    ap.add_argument("--scipy-resamples", type=int, default=200, help="resamples actually run with scipy")
    ap.add_argument("--batch", type=int, default=20, help="scipy.stats.bootstrap batch size")
    ap.add_argument("--repeat", type=int, default=3, help="timing repeats for nps_ci (best is reported)")
    ap.add_argument("--write", action="store_true", help="write benchmarks/RESULTS_bootstrap.md")
    args = ap.parse_args()

    rng = np.random.default_rng(2024)
    probs = np.array([0.02, 0.01, 0.01, 0.02, 0.03, 0.05, 0.06, 0.12, 0.22, 0.2, 0.26])
    scores = rng.choice(11, size=args.n, p=probs)
    y = np.where(scores <= 6, -1.0, np.where(scores <= 8, 0.0, 1.0))

    t_perc, r_perc = best_of(lambda: nps_ci(scores, method="bootstrap", n_resamples=args.resamples, seed=1,
                                             warn=False), args.repeat)
    t_bca, r_bca = best_of(lambda: nps_ci(scores, method="bootstrap", bootstrap_kind="bca",
                                           n_resamples=args.resamples, seed=1, warn=False), args.repeat)
    counts = nps_counts(scores)
    t_resample, _ = best_of(lambda: nps_ci_from_counts(*counts, method="bootstrap", n_resamples=args.resamples,
                                                        seed=1, warn=False), args.repeat)

    t0 = time.perf_counter()
    res = stats.bootstrap((y,), np.mean, n_resamples=args.scipy_resamples, batch=args.batch, method="percentile",
                          random_state=1, vectorized=True)
    t_scipy = time.perf_counter() - t0
    t_scipy_full = t_scipy * args.resamples / args.scipy_resamples
    sd_scipy = 100 * res.standard_error

    speed_perc = t_scipy_full / t_perc
    cmd = "python benchmarks/bench_bootstrap.py " + " ".join(sys.argv[1:])
    lines = [
        f"Bootstrap NPS interval, n = {args.n:,} responses, {args.resamples:,} resamples "
        f"(NPS = {r_perc.nps:.2f}, counts {counts.astype(int).tolist()}).",
        "",
        "| method | resamples run | time (s) | time for 10,000 resamples (s) | 95% interval | bootstrap SE |",
        "|---|---|---|---|---|---|",
        f"| `nps_ci(method=\"bootstrap\")` percentile, multinomial on counts | {args.resamples:,} | {t_perc:.3f} | "
        f"{t_perc * 10_000 / args.resamples:.3f} | [{r_perc.ci_low:.3f}, {r_perc.ci_high:.3f}] | {r_perc.se:.4f} |",
        f"| `nps_ci(method=\"bootstrap\", bootstrap_kind=\"bca\")` | {args.resamples:,} | {t_bca:.3f} | "
        f"{t_bca * 10_000 / args.resamples:.3f} | [{r_bca.ci_low:.3f}, {r_bca.ci_high:.3f}] | {r_bca.se:.4f} |",
        f"| `scipy.stats.bootstrap` percentile on rows (batch={args.batch}) | {args.scipy_resamples:,} | "
        f"{t_scipy:.2f} | {t_scipy * 10_000 / args.scipy_resamples:.1f} (extrapolated linearly) | "
        f"[{100 * res.confidence_interval.low:.3f}, {100 * res.confidence_interval.high:.3f}] "
        f"({args.scipy_resamples} resamples) | {sd_scipy:.4f} |",
        "",
        f"Speed-up of the counts bootstrap over row resampling: **{speed_perc:,.0f}x** (percentile, "
        f"{args.resamples:,} resamples; scipy time extrapolated from {args.scipy_resamples} resamples). "
        f"The {args.resamples:,} resamples from the counts (`nps_ci_from_counts`) take {t_resample:.3f} s "
        "whatever n is; the rest of the nps_ci time is validating and counting the "
        f"{args.n:,} scores. scipy's BCa needs a jackknife over all rows and was not run.",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, numpy {np.__version__}, "
        f"scipy {scipy.__version__}; timings are the best of {args.repeat} runs for nps_ci and one run for scipy, "
        "on a shared 2-core machine.",
        "",
        "Command (from the repository root):",
        "",
        "```",
        f".venv/bin/{cmd.strip()}",
        "```",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        out = Path(__file__).resolve().parent / "RESULTS_bootstrap.md"
        out.write_text("# Bootstrap benchmark\n\n" + text + "\n")
        print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
