"""Notebook 04, run by papermill on a synthetic study whose truth is known: the page is Dutch throughout (no
decimal points, no snake_case, no English), names the planted penalty attributes, and records its finding."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from nps_research.runner import kernel_connection

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "04_drivers.ipynb"


def run_notebook(notebook: Path, tmp_path: Path, data: dict, language: str, **parameters):
    """Execute ``notebook`` and return (markdown text, table text, streams, findings) of its outputs."""
    papermill = pytest.importorskip("papermill")
    out = tmp_path / "out.ipynb"
    with kernel_connection() as connection:  # Unix sockets: no TCP port to lose to another kernel
        papermill.execute_notebook(str(notebook), str(out), parameters={"data": data, "language": language, **parameters},
                                   kernel_name="python3", cwd=str(notebook.parent), progress_bar=False, **connection)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    markdown = "\n".join(o.get("data", {}).get("text/markdown", "") for o in outputs)
    tables = "\n".join(re.sub(r"<[^>]+>", " ", o.get("data", {}).get("text/html", "")) for o in outputs)
    streams = [o for o in outputs if o.get("output_type") in ("stream", "error")]
    findings = [f for o in outputs for f in o.get("data", {}).get("application/vnd.nps-research.findings+json", [])]
    return markdown, tables, streams, findings


def check_dutch(text: str) -> None:
    assert not re.search(r"\b\d+\.(\d{1,2}|\d{4,})\b", text), "a number with a decimal point in the Dutch report"
    assert not re.search(r"\b[a-z]+_[a-z_0-9]+\b", text), "a snake_case identifier in the Dutch report"
    for english in ("the ", "driver ", "likelihood", "share of", "penalty", "reward", "concentrate here"):
        assert english not in text, f"English {english!r} in the Dutch report"


@pytest.mark.slow
def test_notebook_in_dutch_names_the_planted_penalties(tmp_path, synthetic):
    study = synthetic(3000, 0)
    study.responses.to_csv(tmp_path / "responses.csv", index=False)
    data = {"responses": {"path": str(tmp_path / "responses.csv"), "attributes": "sat_*",
                          "ranges": {"attributes": [1, 10]}}}
    text, tables, streams, findings = run_notebook(NOTEBOOK, tmp_path, data, "nl", bootstrap=20)
    assert not streams, streams
    check_dutch(text + tables)
    n = f"{int((study.responses['survey_type'] == 'relational').sum()):,}".replace(",", ".")
    assert text.startswith("Welke attributen bepalen de uitkomst ‘aanbevelingsscore’, en hoe sterk? Deze pagina "
                           f"gebruikt {n} antwoorden (type meting: relationeel)")
    # planted penalties (bottom box costs, top box hardly pays): clarity of the bill and problem resolution
    basic = next(s for s in text.split("\n\n") if s.startswith("Basisattributen"))
    assert "duidelijkheid van de nota" in basic and "probleemoplossing" in basic
    assert "Lineaire regressie van ‘aanbevelingsscore’ op 7 termen" in text
    assert "gestandaardiseerde coëfficiënt" in tables
    # the synthetic attributes perform alike: importance only, in Dutch
    assert "bovengemiddeld belang" in tables and "kwadrant" not in tables
    assert [f["area"] for f in findings] == ["drivers"]
    assert findings[0]["statement"]["nl"].startswith("De sterkste factor voor ‘aanbevelingsscore’")


@pytest.mark.slow
def test_notebook_in_english_with_an_ordered_logit(tmp_path, synthetic):
    study = synthetic(3000, 0)
    study.responses.to_csv(tmp_path / "responses.csv", index=False)
    data = {"responses": {"path": str(tmp_path / "responses.csv"), "attributes": "sat_*"}}
    text, tables, streams, _ = run_notebook(NOTEBOOK, tmp_path, data, "en", bootstrap=0, model_kind="ordinal")
    assert not streams, streams
    assert "Ordered logit of ‘likelihood to recommend’ on 7 terms" in text
    assert "Cut points of the ordered logit" in tables and "log-odds per standard deviation" in tables
    everything = text + tables
    assert not re.search(r"\b[a-z]+_[a-z_0-9]+\b", everything)
    for dutch in (" de ", " het ", " van ", "aanbeveling", "factor "):
        assert dutch not in everything, f"Dutch {dutch!r} in the English report"
