"""Notebook 05, run by papermill on a synthetic study whose truth is known: in Dutch, with the study's value
labels, the page names a planted moment of truth and the peak-end result, with Dutch numbers only."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from nps_research.runner import kernel_connection

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "05_journeys.ipynb"


def _run(tmp_path, data, language, **parameters):
    """Execute the notebook; (markdown text, table text, streams, findings) of its outputs."""
    papermill = pytest.importorskip("papermill")
    out = tmp_path / "out.ipynb"
    with kernel_connection() as connection:  # Unix sockets: no TCP port to lose to another kernel
        papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={"data": data, "language": language, **parameters},
                                   kernel_name="python3", cwd=str(NOTEBOOK.parent), progress_bar=False, **connection)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    markdown = "\n".join(o.get("data", {}).get("text/markdown", "") for o in outputs)
    tables = "\n".join(re.sub(r"<[^>]+>", " ", o.get("data", {}).get("text/html", "")) for o in outputs)
    streams = [o for o in outputs if o.get("output_type") in ("stream", "error")]
    findings = [f for o in outputs for f in o.get("data", {}).get("application/vnd.nps-research.findings+json", [])]
    return markdown, tables, streams, findings


@pytest.mark.slow
def test_notebook_in_dutch_finds_a_planted_moment_of_truth(tmp_path, synthetic):
    study = synthetic(15000, 0)
    study.responses.to_csv(tmp_path / "responses.csv", index=False)
    study.journey_events.to_csv(tmp_path / "journey_events.csv", index=False)
    demo = yaml.safe_load((ROOT / "studies" / "demo.yml").read_text(encoding="utf-8"))["data"]
    data = {"responses": {"path": str(tmp_path / "responses.csv"), "values": demo["responses"]["values"]},
            "journey_events": {"path": str(tmp_path / "journey_events.csv"),
                               "values": demo["journey_events"]["values"]}}
    text, tables, streams, findings = _run(tmp_path, data, "nl")
    assert not streams, streams
    everything = text + tables
    assert not re.search(r"\b\d+\.(\d{1,2}|\d{4,})\b", everything), "a number with a decimal point"
    assert not re.search(r"\b[a-z]+_[a-z_0-9]+\b", everything), "a snake_case identifier"
    for english in ("the ", "journey", "touchpoint", "worst", "percentage points"):
        assert english not in everything, f"English {english!r} in the Dutch report"
    assert text.startswith("Deze pagina gaat over ")
    # planted: worst moment and end weigh more than the average
    assert "een duidelijk verschil" in text
    # planted moments of truth: meter reading, annual bill, complaint handling (Dutch value labels)
    mot = next(s for s in text.split("\n\n") if s.startswith("Momenten van de waarheid"))
    named = re.findall(r"(meterstand|jaarnota|klachtbehandeling) \(\+", mot)
    assert named and mot.split(": ", 1)[1].startswith(named[0])
    assert "facturatie" in tables and "totaal" in tables
    assert [f["area"] for f in findings] == ["journeys"]
    assert findings[0]["statement"]["nl"].startswith("Het sterkste moment van de waarheid is ")
