"""The NPS-versus-CX notebook, run by papermill on a synthetic study whose truth is known.

Data generated with ``outcome_driver="ltr"`` (LTR drives retention, CX hardly): the notebook's generated
conclusions must say that CX predicts retention worse than NPS, in the report language chosen (Dutch here);
and with ``outcome_driver="cx"`` (the Klaus & Maklan claim) that CX predicts it better (English).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from nps_research.synthetic import make_study

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "06_nps_vs_cx.ipynb"


def _run_notebook(tmp_path, driver, language, **parameters):
    papermill = pytest.importorskip("papermill")
    study = make_study(n_customers=2000, seed=1, outcome_driver=driver)
    study.responses.to_csv(tmp_path / "responses.csv", index=False)
    study.outcomes.to_csv(tmp_path / "outcomes.csv", index=False)
    data = {"responses": {"path": str(tmp_path / "responses.csv"), "cx_items": ["pex*", "out*", "mot*", "pom*"]},
            "outcomes": str(tmp_path / "outcomes.csv")}
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={
        "data": data, "language": language, "outcomes": ["retained"], "repeats": 2, "importance_bootstrap": 20,
        "value_bootstrap": 300, "value_columns": ["retained"], **parameters}, kernel_name="python3",
        cwd=str(NOTEBOOK.parent), progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    return "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))


@pytest.mark.slow
def test_notebook_finds_cx_ahead_when_cx_drives_retention(tmp_path):
    text = _run_notebook(tmp_path, "cx", "en", claimed_ratio=2.0)
    assert "CX (EXQ) predicts retained better than NPS" in text
    assert "The claim that CX (EXQ) predicts customer behaviour better than NPS is supported for every outcome" in text
    assert "cx correlates more strongly with retained than ltr does" in text
    assert "CX (EXQ) adds significantly to NPS in explaining retained" in text
    # the hypothesis states the ratio that is tested
    assert "promoters are worth 2.0 times as much as detractors" in text
    assert "The rule of thumb that promoters are worth 2.0 times as much" in text


@pytest.mark.slow
def test_notebook_conclusions_follow_the_planted_truth(tmp_path):
    papermill = pytest.importorskip("papermill")
    study = make_study(n_customers=2000, seed=1, outcome_driver="ltr")
    study.responses.to_csv(tmp_path / "responses.csv", index=False)
    study.outcomes.to_csv(tmp_path / "outcomes.csv", index=False)
    data = {"responses": {"path": str(tmp_path / "responses.csv"), "cx_items": ["pex*", "out*", "mot*", "pom*"]},
            "outcomes": str(tmp_path / "outcomes.csv")}
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={
        "data": data, "language": "nl", "outcomes": ["retained"], "repeats": 2, "importance_bootstrap": 20,
        "value_bootstrap": 300, "value_columns": ["retained"]}, kernel_name="python3", cwd=str(NOTEBOOK.parent),
        progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    text = "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))
    assert "CX (EXQ) voorspelt retained slechter dan NPS" in text
    assert "wordt door deze gegevens niet ondersteund" in text
    assert "ltr hangt sterker samen met" not in text and "cx hangt zwakker samen met retained dan ltr" in text
    assert "De vuistregel dat promotors 3,0 keer zoveel waard zijn, wordt niet ondersteund" in text
