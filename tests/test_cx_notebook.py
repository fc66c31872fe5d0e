"""The CX measurement notebook, run by papermill on a synthetic study whose measurement model is known.

The synthetic EXQ has four correlated dimensions under one second-order factor and the same measurement model
in every channel, so the notebook's generated text must report four factors, good fit and scalar invariance.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from nps_research.synthetic import make_study

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "03_cx_measurement.ipynb"


def test_notebook_declares_the_scale_parameters():
    """The generic notebook conventions are checked in tests/test_packaging.py; here the CX-specific parameters."""
    import papermill

    assert {"scale", "scales", "segment"} <= set(papermill.inspect_notebook(str(NOTEBOOK)))


def test_runner_passes_the_study_files_scales_section(tmp_path):
    """A study file's scales: section reaches the notebook, where `scale` can name one of its entries."""
    from nps_research.config import load_config
    from nps_research.runner import _plan

    (tmp_path / "study.yml").write_text(
        "name: t\ndata:\n  responses: r.csv\nscales:\n  cx:\n    base: EXQ\n    columns: {pex1: Q7_1}\n"
        "analyses:\n  - notebook: 03_cx_measurement\n    parameters: {scale: cx}\n")
    cfg = load_config(tmp_path / "study.yml", check_files=False)
    [(name, _, params)] = _plan(cfg, NOTEBOOK.parent, None)
    assert name == "03_cx_measurement" and params["scale"] == "cx"
    from nps_research.cx import get_scale

    assert get_scale(params["scale"], scales=params["scales"]).dimensions["pex"][0] == "Q7_1"


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "nl"])
def test_notebook_conclusions_follow_the_synthetic_truth(tmp_path, language):
    papermill = pytest.importorskip("papermill")
    study = make_study(n_customers=1500, seed=2)
    study.responses.to_csv(tmp_path / "responses.csv", index=False)
    data = {"responses": {"path": str(tmp_path / "responses.csv"), "cx_items": ["pex*", "out*", "mot*", "pom*"]}}
    out = tmp_path / "out.ipynb"
    # a built-in name, or (as the runner passes a study file's scales: section) the name of an entry of it
    scale = {"scale": "cx", "scales": {"cx": {"base": "EXQ"}}} if language == "nl" else {"scale": "EXQ"}
    papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={"data": data, "language": language, **scale},
                               kernel_name="python3", cwd=str(NOTEBOOK.parent), progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    text = "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))
    if language == "en":
        assert "Parallel analysis suggests 4 factor(s)" in text
        assert "CFI = " in text and "meets the 0.95 threshold" in text
        assert "scalar invariance holds" in text
    else:
        assert "Parallelle analyse wijst op 4 factor(en)" in text
        assert "voldoet aan de drempel van 0,95" in text
        assert "Scalaire invariantie houdt stand" in text
