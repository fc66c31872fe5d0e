"""The CX measurement notebook, run by papermill on a synthetic study whose measurement model is known.

The synthetic EXQ has four correlated dimensions under one second-order factor and the same measurement model
in every channel, so the notebook's generated text must report four factors, good fit and scalar invariance.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from nps_research.runner import kernel_connection

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "03_cx_measurement.ipynb"


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


#: A number with a decimal point (a Dutch thousands dot has three digits after it and no 0 before it).
DECIMAL_POINT = re.compile(r"\b0\.\d|\d\.\d{1,2}\b|\d\.\d{4,}")


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "nl"])
def test_notebook_conclusions_follow_the_synthetic_truth(tmp_path, language, synthetic):
    papermill = pytest.importorskip("papermill")
    synthetic(1500, 2).responses.to_csv(tmp_path / "responses.csv", index=False)
    data = {"responses": {"path": str(tmp_path / "responses.csv"), "cx_items": ["pex*", "out*", "mot*", "pom*"]}}
    out = tmp_path / "out.ipynb"
    # a built-in name, or (as the runner passes a study file's scales: section) the name of an entry of it
    scale = {"scale": "cx", "scales": {"cx": {"base": "EXQ"}}} if language == "nl" else {"scale": "EXQ"}
    with kernel_connection() as connection:  # Unix sockets: no TCP port to lose to another kernel
        papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={"data": data, "language": language, **scale},
                                   kernel_name="python3", cwd=str(NOTEBOOK.parent), progress_bar=False, **connection)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    text = "\n".join(o.get("data", {}).get("text/markdown", "") for o in outputs)
    tables = "\n".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert not [o for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stdout"]
    assert "EFAResult(" not in tables and "<pre>" not in tables  # no monospace model summaries
    if language == "en":
        assert "Parallel analysis suggests 4 factors." in text
        assert "All four fit indices meet their thresholds: the model fits the data well." in text
        assert "Scalar invariance holds: the scale measures the same in every group" in text
        assert "<th" in tables and ">Cronbach&#x27;s alpha</th>" in tables
    else:
        assert "Parallelle analyse wijst op 4 factoren." in text
        assert "Alle vier fit-indices voldoen aan hun drempel: het model past goed bij de data." in text
        assert "Scalaire invariantie houdt stand: de schaal meet in elke groep hetzelfde" in text
        assert "Productervaring: Cronbachs alfa = 0," in text
        assert ">Cronbachs alfa</th>" in tables and ">gestandaardiseerd</th>" in tables
        visible = re.sub(r"<[^>]+>", " ", tables + "\n" + text)
        assert not DECIMAL_POINT.search(visible), DECIMAL_POINT.search(visible)
        assert not re.search(r"\b[a-z]+_[a-z_0-9]+\b", visible), re.search(r"\b[a-z]+_[a-z_0-9]+\b", visible)
