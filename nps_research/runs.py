"""What changed since the last run: two runs of a study side by side.

Every run writes ``snapshot.json``: what the data held when it ran (rows and columns per table, and the
detractor / passive / promoter counts overall and per segment, per survey type). :func:`compare_runs` sets two
runs side by side:

* NPS overall and per segment (per survey type), each difference tested (two independent samples, adjusted
  Wald), Benjamini-Hochberg across the segments of a column; a change is reported only when it is significant
  *and* material (:func:`nps_research.findings.change_class`), the rest is listed as stable;
* the findings that appeared, disappeared or changed their status (matched by key);
* the data's own changes: rows per table, segments that are new or gone, columns that are new or missing,
  changed settings, a changed package version.

``nps-research compare RUN_A RUN_B`` prints it and writes ``compare.json``, ``compare.html`` and
``compare.xlsx`` into ``RUN_B``; ``nps-research run STUDY --since RUN`` does the same for a new run.

Examples
--------
>>> a = {"segments": [{"survey_type": "all", "column": None, "segment": None, "n": [30, 30, 40]}]}
>>> b = {"segments": [{"survey_type": "all", "column": None, "segment": None, "n": [10, 30, 60]}]}
>>> nps_changes(a, b)[["segment", "nps_a", "nps_b", "diff", "status"]]
  segment  nps_a  nps_b  diff    status
0    None   10.0   50.0  40.0  material
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["SEGMENT_ROLES", "compare_runs", "load_run", "nps_changes", "snapshot", "write_comparison"]

#: Columns whose segments a snapshot counts (those the study has).
SEGMENT_ROLES = ("region", "product", "channel", "touchpoint", "team", "wave")


def snapshot(study: Any, *, breaks: tuple[int, int] = (6, 8)) -> dict[str, Any]:
    """What the data held: rows, columns and NPS category counts overall and per segment (per survey type)."""
    from .inputs import category_bounds

    out: dict[str, Any] = {"tables": {}, "segments": []}
    for name, df in study.tables().items():
        out["tables"][name] = {"rows": int(len(df)), "columns": sorted(map(str, df.columns))}
    r = study.responses
    bounds = category_bounds(breaks)
    cat = np.select([r["ltr"].between(*bounds["detractors"]), r["ltr"].between(*bounds["passives"]),
                     r["ltr"].between(*bounds["promoters"])], [0, 1, 2], -1)
    # only the columns counted (not a copy of every answer's every column)
    r = pd.DataFrame({c: r[c] for c in ("survey_type", *SEGMENT_ROLES) if c in r.columns}, index=r.index)
    r["_cat"] = cat
    groups = [("all", r)] + ([(str(k), g) for k, g in r.groupby("survey_type", sort=True)]
                             if "survey_type" in r.columns else [])
    for stype, part in groups:
        counts = np.bincount(part.loc[part["_cat"] >= 0, "_cat"], minlength=3)
        out["segments"].append({"survey_type": stype, "column": None, "segment": None, "n": counts.tolist()})
        for col in SEGMENT_ROLES:
            if col not in part.columns:
                continue
            for seg, g in part.loc[part["_cat"] >= 0].groupby(col, sort=True):
                c = np.bincount(g["_cat"], minlength=3)
                out["segments"].append({"survey_type": stype, "column": col, "segment": str(seg), "n": c.tolist()})
    return out


def load_run(folder: str | Path) -> dict[str, Any]:
    """A run folder's manifest, findings and snapshot."""
    from .findings import load_findings

    folder = Path(folder)
    if not (folder / "manifest.json").exists():
        raise FileNotFoundError(f"{folder} is not a run folder (no manifest.json)")
    run = {"folder": folder, "manifest": json.loads((folder / "manifest.json").read_text(encoding="utf-8"))}
    f = folder / "findings.json"
    run["findings"] = load_findings(f.read_text(encoding="utf-8")) if f.exists() else []
    s = folder / "snapshot.json"
    run["snapshot"] = json.loads(s.read_text(encoding="utf-8")) if s.exists() else {"tables": {}, "segments": []}
    return run


def nps_changes(a: dict[str, Any], b: dict[str, Any], *, materiality: float | None = None,
                alpha: float | None = None) -> pd.DataFrame:
    """NPS per survey type and segment in both snapshots with the test of the difference (b - a)."""
    from .findings import DEFAULT_ALPHA, DEFAULT_MATERIALITY, change_class
    from .segments import benjamini_hochberg, diff_test_from_counts

    materiality = DEFAULT_MATERIALITY if materiality is None else materiality
    alpha = DEFAULT_ALPHA if alpha is None else alpha

    def frame(snap: dict) -> pd.DataFrame:
        rows = [{"survey_type": s["survey_type"], "column": s["column"], "segment": s["segment"],
                 "n_detractors": s["n"][0], "n_passives": s["n"][1], "n_promoters": s["n"][2]}
                for s in snap.get("segments", [])]
        return pd.DataFrame(rows, columns=["survey_type", "column", "segment", "n_detractors", "n_passives",
                                           "n_promoters"])

    fa, fb = frame(a), frame(b)
    keys = ["survey_type", "column", "segment"]
    both = fa.merge(fb, on=keys, how="inner", suffixes=("_a", "_b"))
    if both.empty:
        return pd.DataFrame(columns=[*keys, "n_a", "n_b", "nps_a", "nps_b", "diff", "p_value", "q_value", "status"])
    ca = both[[f"{c}_a" for c in ("n_detractors", "n_passives", "n_promoters")]].set_axis(
        ["n_detractors", "n_passives", "n_promoters"], axis=1)
    cb = both[[f"{c}_b" for c in ("n_detractors", "n_passives", "n_promoters")]].set_axis(
        ["n_detractors", "n_passives", "n_promoters"], axis=1)
    test = diff_test_from_counts(cb, ca)
    out = both[keys].copy()
    out["n_a"] = ca.sum(axis=1).to_numpy()
    out["n_b"] = cb.sum(axis=1).to_numpy()
    out["nps_a"] = 100 * (ca["n_promoters"] - ca["n_detractors"]).to_numpy() / out["n_a"]
    out["nps_b"] = 100 * (cb["n_promoters"] - cb["n_detractors"]).to_numpy() / out["n_b"]
    out["diff"] = out["nps_b"] - out["nps_a"]
    out["p_value"] = test["p_value"].to_numpy()
    out["q_value"] = out["p_value"]
    seg = out["column"].notna()
    for (_, _), idx in out.loc[seg].groupby(["survey_type", "column"]).groups.items():
        out.loc[idx, "q_value"] = benjamini_hochberg(out.loc[idx, "p_value"].to_numpy())
    out["status"] = [change_class(d, q, materiality=materiality, alpha=alpha)
                     for d, q in zip(out["diff"], out["q_value"])]
    return out.reset_index(drop=True)


def _segments(snap: dict) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for s in snap.get("segments", []):
        if s["column"] is not None and s["survey_type"] == "all":
            out.setdefault(("all", s["column"]), set()).add(s["segment"])
    return out


def _flatten(d: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(d, dict):
        out = {}
        for k, v in d.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: d}


def compare_runs(run_a: str | Path | dict, run_b: str | Path | dict) -> dict[str, Any]:
    """The changes from run A to run B (see the module docstring). Returns a JSON-safe dict."""
    from .findings import _clean

    a = run_a if isinstance(run_a, dict) else load_run(run_a)
    b = run_b if isinstance(run_b, dict) else load_run(run_b)
    nps = nps_changes(a["snapshot"], b["snapshot"])
    changed = nps.loc[nps["status"] == "material"]
    small = nps.loc[nps["status"] == "small"]
    stable = nps.loc[nps["status"] == "none"]

    fa = {f.key: f for f in a["findings"]}
    fb = {f.key: f for f in b["findings"]}
    appeared = [fb[k] for k in sorted(set(fb) - set(fa))]
    disappeared = [fa[k] for k in sorted(set(fa) - set(fb))]
    moved = [(fa[k], fb[k]) for k in sorted(set(fa) & set(fb)) if fa[k].status != fb[k].status]

    ta, tb = a["snapshot"].get("tables", {}), b["snapshot"].get("tables", {})
    rows = {t: (ta.get(t, {}).get("rows"), tb.get(t, {}).get("rows")) for t in sorted(set(ta) | set(tb))
            if ta.get(t, {}).get("rows") != tb.get(t, {}).get("rows")}
    columns = {}
    for t in sorted(set(ta) | set(tb)):
        ca, cb = set(ta.get(t, {}).get("columns", [])), set(tb.get(t, {}).get("columns", []))
        if ca != cb:
            columns[t] = {"new": sorted(cb - ca), "missing": sorted(ca - cb)}
    sa, sb = _segments(a["snapshot"]), _segments(b["snapshot"])
    segments = {}
    dropped = {c for t in columns.values() for c in t["missing"]}
    for key in sorted(set(sa) | set(sb)):
        if key[1] in dropped:  # a column that is gone: said once, under columns
            continue
        new, gone = sorted(sb.get(key, set()) - sa.get(key, set())), sorted(sa.get(key, set()) - sb.get(key, set()))
        if new or gone:
            segments[key[1]] = {"new": new, "gone": gone}
    ma, mb = a["manifest"], b["manifest"]
    fsa, fsb = _flatten(ma.get("settings", {})), _flatten(mb.get("settings", {}))
    where = lambda k: k == "output" or k.endswith(".path") or k.startswith("data.") and k.count(".") == 1  # noqa: E731
    settings = {k: (fsa.get(k), fsb.get(k)) for k in sorted(set(fsa) | set(fsb))
                if fsa.get(k) != fsb.get(k) and not where(k)}
    version = (ma.get("nps_research"), mb.get("nps_research")) if ma.get("nps_research") != mb.get("nps_research") \
        else None
    # data files by their role (where they live is not a change; their bytes are); the study file's content is
    # compared setting by setting above
    by_role = lambda m: {v["role"]: v["sha256"] for v in m.get("inputs", {}).values()  # noqa: E731
                         if v.get("role", "").startswith(("data:", "notebook:"))}
    ra, rb = by_role(ma), by_role(mb)
    inputs = {k: (ra.get(k), rb.get(k)) for k in sorted(set(ra) | set(rb)) if ra.get(k) != rb.get(k)}
    return _clean({
        "run_a": ma.get("run_id"), "run_b": mb.get("run_id"), "study": mb.get("study"),
        "nps_changed": changed.to_dict("records"), "nps_small": small.to_dict("records"),
        "nps_stable": stable.to_dict("records"),
        "findings_appeared": [f.to_dict() for f in appeared], "findings_disappeared": [f.to_dict() for f in disappeared],
        "findings_moved": [{"before": x.to_dict(), "after": y.to_dict()} for x, y in moved],
        "rows": {t: list(v) for t, v in rows.items()}, "columns": columns, "segments": segments,
        "settings": {k: list(v) for k, v in settings.items()}, "version": list(version) if version else None,
        "inputs": {k: list(v) for k, v in inputs.items()},
    })


def describe_comparison(result: dict[str, Any], language: str = "en") -> list[str]:
    """The comparison in sentences (the report language): what changed, then what stayed stable."""
    from .text import Int, Label, P, Points, Words, t, value_word

    out = [t("runs.intro", language, a=result["run_a"], b=result["run_b"])]
    for r in result["nps_changed"]:
        what = (t("runs.overall", language, type=value_word(r["survey_type"], language)) if r["column"] is None else
                t("runs.segment", language, col=Label(r["column"]), seg=r["segment"],
                  type=value_word(r["survey_type"], language)))
        out.append(t("runs.nps_up" if r["diff"] > 0 else "runs.nps_down", language, what=what, a=Points(r["nps_a"]),
                     b=Points(r["nps_b"]), diff=Points(r["diff"]), q=P(r["q_value"], "q"), n_a=Int(r["n_a"]),
                     n_b=Int(r["n_b"])))
    for col, seg in result["segments"].items():
        if seg["new"]:
            out.append(t("runs.segments_new", language, col=Label(col), segs=Words(seg["new"]),
                         count=len(seg["new"])))
        if seg["gone"]:
            out.append(t("runs.segments_gone", language, col=Label(col), segs=Words(seg["gone"]),
                         count=len(seg["gone"])))
    for table, cols in result["columns"].items():
        if cols["new"]:
            out.append(t("runs.columns_new", language, table=table, cols=Words(cols["new"]), count=len(cols["new"])))
        if cols["missing"]:
            out.append(t("runs.columns_missing", language, table=table, cols=Words(cols["missing"]),
                         count=len(cols["missing"])))
    for table, (ra, rb) in result["rows"].items():
        out.append(t("runs.rows", language, table=table, a=Int(ra or 0), b=Int(rb or 0)))
    for f in result["findings_appeared"]:
        out.append(t("runs.finding_new", language, text=f["statement"][language]))
    for f in result["findings_disappeared"]:
        out.append(t("runs.finding_gone", language, text=f["statement"][language]))
    for m in result["findings_moved"]:
        out.append(t("runs.finding_moved", language, text=m["after"]["statement"][language]))
    for key, (va, vb) in result["settings"].items():
        out.append(t("runs.setting", language, setting=key, a=json.dumps(va, ensure_ascii=False),
                     b=json.dumps(vb, ensure_ascii=False)))
    if result["version"]:
        out.append(t("runs.version", language, a=result["version"][0], b=result["version"][1]))
    out.append(t("runs.stable", language, k=Int(len(result["nps_stable"]) + len(result["nps_small"])),
                 small=Int(len(result["nps_small"]))))
    return out


def write_comparison(result: dict[str, Any], folder: str | Path, *, language: str = "en") -> dict[str, Path]:
    """Write ``compare.json``, ``compare.html`` (a page in the report language) and ``compare.xlsx``."""
    import html

    from .delivery import neutralise
    from .io import write_atomic
    from .text import t

    folder = Path(folder)
    paths = {"json": folder / "compare.json", "html": folder / "compare.html", "xlsx": folder / "compare.xlsx"}
    write_atomic(paths["json"], json.dumps(result, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    sentences = describe_comparison(result, language)
    body = "".join(f"<p>{html.escape(s)}</p>" for s in sentences)
    page = (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>'
            f'{html.escape(t("runs.title", language))}</title><style>body{{font-family:system-ui,sans-serif;'
            f'max-width:60rem;margin:2rem auto;padding:0 1rem}}</style></head><body><h1>'
            f'{html.escape(t("runs.title", language))}</h1>{body}<p><a href="index.html">'
            f'{html.escape(t("runs.back", language))}</a></p></body></html>')
    write_atomic(paths["html"], page)
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = t("runs.sheet", language)[:31]
    for s in sentences:
        ws.append([neutralise(s)])
    ws.column_dimensions["A"].width = 140
    ws2 = wb.create_sheet("NPS")
    cols = ["survey_type", "column", "segment", "n_a", "n_b", "nps_a", "nps_b", "diff", "p_value", "q_value", "status"]
    ws2.append([t(f"runs.col.{c}", language) for c in cols])
    for r in result["nps_changed"] + result["nps_small"] + result["nps_stable"]:
        ws2.append([neutralise(r.get(c)) for c in cols])
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".compare.", suffix=".tmp")
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, paths["xlsx"])
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return paths
