"""The NPS-versus-CX notebook, run by papermill on a synthetic study whose truth is known.

Data generated with ``outcome_driver="ltr"`` (LTR drives retention, CX hardly): the notebook's generated
sentences must say that CX predicts retention worse than NPS, in the report language chosen (Dutch here,
with Dutch numbers and no role names); and with ``outcome_driver="cx"`` (the Klaus & Maklan claim) that CX
predicts it better (English).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from nps_research.runner import kernel_connection

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "06_nps_vs_cx.ipynb"


def _run_notebook(tmp_path, study, language, **parameters):
    papermill = pytest.importorskip("papermill")
    study.responses.to_csv(tmp_path / "responses.csv", index=False)
    study.outcomes.to_csv(tmp_path / "outcomes.csv", index=False)
    data = {"responses": {"path": str(tmp_path / "responses.csv"), "cx_items": ["pex*", "out*", "mot*", "pom*"]},
            "outcomes": str(tmp_path / "outcomes.csv")}
    out = tmp_path / "out.ipynb"
    with kernel_connection() as connection:  # Unix sockets: no TCP port to lose to another kernel
        papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={
            "data": data, "language": language, "outcomes": ["retained"], "repeats": 2, "importance_bootstrap": 20,
            "value_bootstrap": 300, "value_columns": ["retained"], **parameters}, kernel_name="python3",
            cwd=str(NOTEBOOK.parent), progress_bar=False, **connection)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    markdown = "\n".join(o.get("data", {}).get("text/markdown", "") for o in outputs)
    tables = "\n".join(re.sub(r"<[^>]+>", " ", o.get("data", {}).get("text/html", "")) for o in outputs)
    streams = [o for o in outputs if o.get("output_type") == "stream"]
    return markdown, tables, streams


@pytest.mark.slow
def test_notebook_finds_cx_ahead_when_cx_drives_retention(tmp_path, synthetic):
    text, tables, streams = _run_notebook(tmp_path, synthetic(2000, 1, "cx"), "en", claimed_ratio=2.0)
    assert "CX (EXQ) predicts ‘retained’ better than NPS" in text
    assert "The claim that CX (EXQ) predicts customer behaviour better than NPS is supported for every outcome" in text
    assert ("The correlation with ‘retained’ is stronger for ‘overall CX score’ than for ‘likelihood to recommend’"
            in text)
    assert "CX (EXQ) adds significantly to NPS in explaining ‘retained’" in text
    # the hypothesis states the ratio that is tested
    assert "promoters are worth 2.0 times as much as detractors" in text
    assert "The rule of thumb that promoters are worth 2.0 times as much" in text
    assert "difference in AUC" in tables and "NPS category" in tables
    assert not streams  # no warnings or prints in the report


@pytest.mark.slow
def test_notebook_conclusions_follow_the_planted_truth_in_dutch(tmp_path, synthetic):
    text, tables, streams = _run_notebook(tmp_path, synthetic(2000, 1, "ltr"), "nl")
    assert "CX (EXQ) voorspelt ‘behouden’ slechter dan NPS" in text
    assert "wordt door deze gegevens niet ondersteund" in text
    assert "De samenhang met ‘behouden’ is zwakker voor ‘totale CX-score’ dan voor ‘aanbevelingsscore’" in text
    assert "De vuistregel dat promotors 3,0 keer zoveel waard zijn, wordt niet ondersteund" in text
    assert "verschil in AUC" in tables and "NPS-categorie" in tables and "Tevredenheid" in tables
    everything = text + tables
    assert not re.search(r"\b0\.\d", everything), "a number with a decimal point in the Dutch report"
    assert not re.search(r"\b[a-z]+_[a-z_0-9]+\b", everything), "a snake_case identifier in the Dutch report"
    assert "retained" not in everything
    assert not streams
