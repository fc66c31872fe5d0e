"""Benchmark: the whole demo study at 100,000 and 1,000,000 customers: wall time and peak memory per notebook.

The demo data are generated once per size into a cache folder (``nps_research.synthetic.write_demo``); the
study is read and checked once and stored as the runner does; every notebook is then executed on its own (one
kernel, as the runner does with ``--jobs 1``) inside a small wrapper process that reports the peak resident memory of the kernel it started (``getrusage(RUSAGE_CHILDREN)``).
The issue asks for the whole study within 2 minutes at 100,000 customers and within 10 minutes and 4 GB peak
at 1,000,000, on 2 cores.

With ``--run JOBS`` the study is instead run as a user runs it, ``nps-research run --jobs JOBS`` (checks,
notebooks, workbook and PDF), and the wall time and the peak resident memory of the whole process tree (the
runner and its kernels together, sampled every 0.25 s) are recorded.

Run: ``.venv/bin/python benchmarks/bench_study.py [--customers 100000] [--cache DIR] [--only 01_data_overview]
[--run JOBS]``
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

WRAPPER = r"""
import json, resource, sys, time, papermill as pm
nb, out, params, cwd = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
t0 = time.perf_counter()
status = "ok"
try:
    pm.execute_notebook(nb, out, parameters=params, kernel_name="python3", cwd=cwd, progress_bar=False,
                        log_output=False)
except pm.PapermillExecutionError as e:
    status = f"failed: {e.ename}: {e.evalue}"[:200]
seconds = time.perf_counter() - t0
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "status": status}))
"""


def measure_tree(command: list[str], interval: float = 0.25) -> tuple[float, float, float, int]:
    """Run ``command``; return its wall time, the peak of the summed resident memory of its process tree, the
    peak of its largest process (MB) and its exit code (Linux: /proc)."""

    def children(pid: int) -> list[int]:
        out = []
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    out += [int(c) for c in f.read().split()]
        except OSError:
            pass
        return out

    def rss(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        except OSError:
            return 0.0

    t0 = time.perf_counter()
    proc = subprocess.Popen(command)
    peak_sum = peak_one = 0.0
    while proc.poll() is None:
        tree, todo = [], [proc.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += children(pid)
        sizes = [rss(pid) for pid in tree]
        peak_sum, peak_one = max(peak_sum, sum(sizes)), max(peak_one, max(sizes))
        time.sleep(interval)
    return time.perf_counter() - t0, peak_sum, peak_one, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "nps_research_bench"))
    ap.add_argument("--only", action="append", default=None)
    ap.add_argument("--run", type=int, default=None, metavar="JOBS",
                    help="run the study with nps-research run --jobs JOBS and measure the whole process tree")
    args = ap.parse_args()
    data = Path(args.cache) / f"demo_{args.customers}"
    if not (data / "responses.csv").exists():
        from nps_research.synthetic import write_demo

        t0 = time.perf_counter()
        data.mkdir(parents=True, exist_ok=True)
        write_demo(data, n_customers=args.customers, seed=0)
        print(f"generated {args.customers:,} customers in {time.perf_counter() - t0:.0f} s")
    study = yaml.safe_load((ROOT / "studies" / "demo.yml").read_text(encoding="utf-8"))
    for name, spec in study["data"].items():
        path = spec["path"] if isinstance(spec, dict) else spec
        new = str(data / Path(path).name)
        if isinstance(spec, dict):
            spec["path"] = new
        else:
            study["data"][name] = new
    study["output"] = str(Path(args.cache) / "reports")
    study_file = Path(args.cache) / f"bench_study_{args.customers}.yml"
    study_file.write_text(yaml.safe_dump(study, allow_unicode=True, sort_keys=False), encoding="utf-8")

    if args.run is not None:
        cli = [sys.executable, "-m", "nps_research", "run", str(study_file), "--jobs", str(args.run), "--no-progress"]
        seconds, peak_sum, peak_one, code = measure_tree(cli)
        print(f"nps-research run --jobs {args.run}: {seconds:.1f} s wall, peak of the process tree {peak_sum:,.0f} MB "
              f"(largest single process {peak_one:,.0f} MB), exit {code}")
        return

    from nps_research.checks import check_study
    from nps_research.config import load_config
    from nps_research.runner import plan_run
    from nps_research.study import cache_study

    cfg = load_config(study_file)
    t0 = time.perf_counter()
    study, checked = check_study(cfg)
    cache_dir = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    if not cfg.report.allow_personal_data:  # as the runner does: protected once, before the notebooks load it
        from nps_research.privacy import protect

        protect(study)
    cached = str(cache_study(study, cache_dir))  # as the runner does: the notebooks load the checked study
    t_check = time.perf_counter() - t0
    stored = sum(f.stat().st_size for f in cache_dir.iterdir()) / 2**20
    print(f"checked study stored for the kernels: {stored:,.0f} MB")
    plan = plan_run(cfg, study_file=study_file, parameters=checked.parameters)
    for nb in plan.notebooks:
        if "data" in nb.parameters:
            nb.parameters["data"] = cached
    out = Path(tempfile.mkdtemp(prefix="bench-study-"))
    rows = []
    total = t_check
    for nb in plan.notebooks:
        if args.only and nb.name not in args.only:
            continue
        res = subprocess.run([sys.executable, "-c", WRAPPER, str(nb.path), str(out / f"{nb.name}.ipynb"),
                              json.dumps(nb.parameters), str(plan.nb_dir)], capture_output=True, text=True)
        info = json.loads(res.stdout.strip().splitlines()[-1]) if res.stdout.strip() else {
            "seconds": float("nan"), "peak_mb": float("nan"), "status": res.stderr[-200:]}
        total += info["seconds"]
        rows.append((nb.name, info))
        print(f"{nb.name:22s} {info['seconds']:8.1f} s {info['peak_mb']:8.0f} MB  {info['status']}", flush=True)
    print(f"{'checks before running':22s} {t_check:8.1f} s")
    print(f"{'total (one at a time)':22s} {total:8.1f} s   peak {max(i['peak_mb'] for _, i in rows):.0f} MB")


if __name__ == "__main__":
    main()
