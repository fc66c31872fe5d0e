"""The study file reference (studies/README.md) is generated and cannot drift from the code."""

from __future__ import annotations

from pathlib import Path

from nps_research.config import StudyConfig, TableSpec
from nps_research.declarations import notebook_parameters, notebooks_dir
from nps_research.reference import study_file_reference

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_reference_is_the_generated_one():
    committed = (ROOT / "studies" / "README.md").read_text(encoding="utf-8")
    assert committed == study_file_reference(), (
        "studies/README.md is out of date: run `.venv/bin/nps-research reference > studies/README.md`")


def test_it_names_every_setting_role_and_notebook_parameter():
    text = study_file_reference()
    for name in StudyConfig.model_fields:
        if name != "base_dir":
            assert f"| `{name}` |" in text
    for name in TableSpec.model_fields:
        assert f"| `data.<table>.{name}` |" in text
    for path in sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb")):
        assert f"### `{path.stem}`" in text
        for p in notebook_parameters(path).values():
            if p.name not in {"data", "language", "allow_personal_data", "study_name", "scales"}:
                assert f"| `{p.name}` |" in text


def test_the_readme_links_to_it():
    assert "studies/README.md" in (ROOT / "README.md").read_text(encoding="utf-8")
