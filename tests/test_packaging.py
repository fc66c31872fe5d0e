"""The project's own promises: same dependencies for pip and conda, clean parameterised notebooks, documented data."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from nps_research.schema import SCORE_GROUPS, TABLES

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _req(spec: str) -> tuple[str, str]:
    m = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(.*)", spec.strip())
    assert m, spec
    return m.group(1).lower().replace("_", "-"), m.group(3).replace(" ", "")


def test_environment_yml_has_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip = dict(_req(s) for s in project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(_req(s) for s in env["dependencies"] if isinstance(s, str) and not s.startswith(("python", "pip")))
    assert conda == pip, {"only in pyproject": pip.keys() - conda.keys(), "only in environment.yml":
                          conda.keys() - pip.keys(), "bounds differ": {k for k in pip if conda.get(k, pip[k]) != pip[k]}}
    py = [s for s in env["dependencies"] if isinstance(s, str) and s.startswith("python")]
    assert py == [f"python{project['requires-python']}"]


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command():
    head = (ROOT / "README.md").read_text().splitlines()[:15]
    assert "make demo" in "\n".join(head) and "make test" in "\n".join(head)
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_conventions(path):
    nb = json.loads(path.read_text())
    assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", []), "first code cell must be tagged 'parameters'"
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), "committed with outputs"
    src = "".join(code[0]["source"])
    tree = ast.parse(src)
    names = []
    lines = src.splitlines()
    for stmt in tree.body:
        assert isinstance(stmt, ast.Assign) and len(stmt.targets) == 1, f"not a plain assignment: {ast.unparse(stmt)}"
        ast.literal_eval(stmt.value)  # plain literals only
        names.append(stmt.targets[0].id)
        assert "# help" in lines[stmt.lineno - 1], f"parameter {stmt.targets[0].id} has no '# help' comment"
    for required in ("data", "language", "allow_personal_data"):
        assert required in names, f"{path.name} lacks the standard parameter {required!r}"
    # papermill must see every parameter (it fails on some comments, e.g. one with "(0 = none)")
    import papermill

    assert list(papermill.inspect_notebook(str(path))) == names


def test_data_readme_documents_every_column_of_the_data_model():
    text = (ROOT / "data" / "README.md").read_text()
    for table in TABLES.values():
        section = text.split(f"## {table.name}", 1)[1].split("\n## ", 1)[0]
        for role in table.roles:
            rows = [ln for ln in section.splitlines() if ln.startswith(f"| `{role.name}` |")]
            assert len(rows) == 1, f"{table.name}.{role.name} not documented exactly once"
            assert role.description in rows[0]
    for group in SCORE_GROUPS:
        assert f"*{group}*" in text
