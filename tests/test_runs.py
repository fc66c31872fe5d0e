"""What changed since the last run: two runs of the demo side by side (issue 14 item 3).

A planted change (region west's NPS up by 15 points, a new channel, a dropped column) must be reported, with
every NPS change that it truly causes in segments that cross region west, and nothing that did not change;
two runs on identical inputs report nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from nps_research.cli import app
from nps_research.runner import run_study
from nps_research.runs import compare_runs

ROOT = Path(__file__).resolve().parent.parent


def _study(folder: Path, data: Path) -> Path:
    study = yaml.safe_load((ROOT / "studies" / "demo.yml").read_text(encoding="utf-8"))
    for name, spec in study["data"].items():
        path = spec["path"] if isinstance(spec, dict) else spec
        new = str(data / Path(path).name)
        if isinstance(spec, dict):
            spec["path"] = new
        else:
            study["data"][name] = new
    folder.mkdir(parents=True, exist_ok=True)
    study["output"] = str(folder / "reports")
    study["analyses"] = [a for a in study["analyses"] if a["notebook"] in ("01_data_overview", "02_nps")]
    path = folder / "study.yml"
    path.write_text(yaml.safe_dump(study, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("runs")
    original = base / "q1"
    shutil.copytree(ROOT / "data" / "demo", original)
    planted = base / "q2"
    shutil.copytree(ROOT / "data" / "demo", planted)
    r = pd.read_csv(original / "responses.csv", dtype=str, keep_default_na=False)
    ltr = r["ltr"].astype(int)
    west = r.index[(r["region"] == "west") & (ltr <= 6)]
    rng = np.random.default_rng(0)
    k = int(round(0.15 * (r["region"] == "west").sum() / 2))
    flipped = rng.choice(west, size=k, replace=False)
    r.loc[flipped, "ltr"] = "10"
    new_channel = rng.choice(r.index, size=60, replace=False)
    r.loc[new_channel, "channel"] = "whatsapp"
    r = r.drop(columns=["team"])
    r.to_csv(planted / "responses.csv", index=False)
    a = run_study(_study(base / "a", original), run_id="a", progress=False)
    b = run_study(_study(base / "b", original), run_id="b", progress=False)
    c = run_study(_study(base / "c", planted), run_id="c", progress=False, since=a.folder)
    return {"a": a.folder, "b": b.folder, "c": c.folder, "study_a": base / "a" / "study.yml",
            "study_c": base / "c" / "study.yml"}


def test_identical_inputs_report_no_change(runs):
    result = compare_runs(runs["a"], runs["b"])
    assert result["nps_changed"] == [] and result["nps_small"] == []
    assert result["findings_appeared"] == result["findings_disappeared"] == result["findings_moved"] == []
    assert result["rows"] == result["columns"] == result["segments"] == result["settings"] == result["inputs"] == {}
    assert result["version"] is None and len(result["nps_stable"]) > 50


def _nps(study) -> pd.DataFrame:
    """NPS per survey type and segment of a loaded study, the same cells as a snapshot."""
    r = study.responses
    rows = []
    for stype, part in [("all", r), *r.groupby("survey_type")]:
        for col in (None, "region", "product", "channel", "touchpoint", "wave"):
            groups = [(None, part)] if col is None else list(part.groupby(col)) if col in part else []
            for seg, g in groups:
                rows.append({"survey_type": stype, "column": col, "segment": seg, "n": len(g),
                             "nps": 100 * ((g["ltr"] >= 9).mean() - (g["ltr"] <= 6).mean())})
    return pd.DataFrame(rows).set_index(["survey_type", "column", "segment"])


def test_the_planted_change_and_only_what_it_truly_causes(runs):
    import nps_research as nr

    result = compare_runs(runs["a"], runs["c"])
    # a new segment and a dropped column, and nothing else about the data's shape or the settings
    assert result["segments"] == {"channel": {"new": ["whatsapp"], "gone": []}}
    assert result["columns"] == {"responses": {"new": [], "missing": ["team"]}}
    assert result["rows"] == result["settings"] == {}
    assert set(result["inputs"]) == {"data:responses"}
    # the true change of every cell, from the data themselves (rows moved to 'whatsapp' left their channel)
    before = _nps(nr.load_study(runs["study_a"]))
    after = _nps(nr.load_study(runs["study_c"]))
    truth = (after["nps"] - before["nps"]).dropna()
    key = lambda r: (r["survey_type"], r["column"], r["segment"])  # noqa: E731
    reported = {key(r) for r in result["nps_changed"]}
    assert ("all", "region", "west") in reported and ("relational", "region", "west") in reported
    for k in reported:  # every reported change is real and material
        assert abs(truth[k]) >= 3, (k, truth[k])
    for k, diff in truth.items():  # every large change in a big segment is reported
        if abs(diff) >= 10 and before.loc[k, "n"] >= 300:
            assert k in reported, (k, diff)
    # cells whose data did not change are never called changed
    untouched = {k for k, d in truth.items() if abs(d) < 1e-9}
    assert not reported & untouched


def test_run_since_writes_the_comparison_page_and_the_cli_agrees(runs):
    page = (runs["c"] / "compare.html").read_text(encoding="utf-8")
    assert "Run c compared with run a" in page
    assert "whatsapp" in page and "team" in page and "rose from" in page
    index = (runs["c"] / "index.html").read_text(encoding="utf-8")
    assert 'href="compare.html"' in index
    res = CliRunner().invoke(app, ["compare", str(runs["a"]), str(runs["b"])])
    assert res.exit_code == 0 and "Stable:" in res.output
    data = json.loads((runs["b"] / "compare.json").read_text(encoding="utf-8"))
    assert data["nps_changed"] == [] and (runs["b"] / "compare.xlsx").exists()
