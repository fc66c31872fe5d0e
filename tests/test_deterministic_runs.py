"""The same inputs give the same numbers (issue 11 item 6): two runs of a small demo study write byte-identical
findings, report tables (every cell of the workbook), follow-up lists and report pages. Not compared, and why:
the manifest, the snapshot and the index page (they record when the run started and how long it took) and the
executed notebooks (they hold execution timestamps); the workbook's file bytes (its zip entries carry the time
of writing), so its cells are compared instead, except the provenance sheet (run id and times of this run)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml


def _study(tmp: Path, demo_study) -> Path:
    from nps_research.synthetic import write_demo

    write_demo(tmp / "data", n_customers=1200, seed=3)
    study = demo_study(tmp / "data", tmp)
    study["language"] = "nl"
    path = tmp / "study.yml"
    path.write_text(yaml.safe_dump(study, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _cells(path: Path) -> list:
    import openpyxl

    from nps_research.text import t

    provenance = {t("delivery.provenance", lang) for lang in ("en", "nl")}
    book = openpyxl.load_workbook(path, read_only=True)
    out = [(s.title, list(s.iter_rows(values_only=True))) for s in book.worksheets if s.title not in provenance]
    book.close()
    return out


def _page(path: Path) -> str:
    return re.sub(r"\d+[.,]\d+ s\b", "", path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_two_runs_on_the_same_inputs_write_the_same_numbers(tmp_path, demo_study):
    from nps_research.runner import run_study

    path = _study(tmp_path, demo_study)
    a = run_study(path, run_id="a", progress=False)
    b = run_study(path, run_id="b", progress=False)
    assert a.ok and b.ok
    assert (a.folder / "findings.json").read_bytes() == (b.folder / "findings.json").read_bytes()
    for csv in sorted(a.folder.glob("*.csv")):
        assert csv.read_bytes() == (b.folder / csv.name).read_bytes(), csv.name
    for xlsx in sorted(a.folder.glob("*.xlsx")):
        assert _cells(xlsx) == _cells(b.folder / xlsx.name), xlsx.name
    pages = [p for p in sorted(a.folder.glob("*.html")) if p.name != "index.html"]
    assert len(pages) >= 8
    differ = [p.name for p in pages if _page(p) != _page(b.folder / p.name)]
    assert not differ, differ
