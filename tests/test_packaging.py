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


def _all_requirements(project: dict) -> list[str]:
    """Runtime dependencies and every extra, without the self-references (``nps_research[lab]``)."""
    out = list(project["dependencies"])
    for reqs in project["optional-dependencies"].values():
        out += [r for r in reqs if not r.startswith(("nps_research", "nps-research"))]
    return out


def test_environment_yml_has_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip = dict(_req(s) for s in _all_requirements(project))
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


def test_runtime_dependencies_are_what_the_package_imports():
    """Reference implementations and tools used only by tests, benchmarks or JupyterLab are extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_req(r)[0] for r in project["dependencies"]}
    assert not runtime & {"pingouin", "semopy", "pandera", "jupyterlab", "pytest"}
    extras = project["optional-dependencies"]
    assert {_req(r)[0] for r in extras["bench"]} == {"pingouin", "semopy"}
    assert "nps_research[lab,contract,bench]" in extras["dev"]
    imported = set()
    for path in (ROOT / "nps_research").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    # pandera only inside schema.pandera_schema (the optional contract); nothing imports the bench extras
    assert not imported & {"pingouin", "semopy", "jupyterlab"}


@pytest.mark.slow
def test_a_wheel_runs_the_demo_study_from_any_folder(tmp_path):
    """Build a wheel from the tracked files, install it into a fresh venv that sees the dependencies but not
    this checkout, and run the demo study from a temporary folder."""
    import shutil
    import subprocess
    import sys
    import sysconfig

    src = tmp_path / "src"
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True)
    for rel in files.stdout.splitlines():
        if rel.startswith(("data/", "tests/", "benchmarks/")) or not (ROOT / rel).is_file():
            continue
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, src / rel)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(src)], check=True, capture_output=True, text=True)
    wheel = next(wheels.glob("nps_research-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n.split("/")[-1] for n in names if n.startswith("nps_research/notebooks/"))
    assert shipped == [p.name for p in NOTEBOOKS]
    assert "nps_research/templates/index.html.j2" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # the dependencies of this environment, read-only, after the fresh venv's own site-packages, and the data
    # files pip would put beside them (nbconvert's templates; not this environment's kernel, which would run
    # the checkout's package)
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    shutil.copytree(Path(sys.prefix) / "share" / "jupyter" / "nbconvert", venv / "share" / "jupyter" / "nbconvert")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, text=True)

    work = tmp_path / "elsewhere"
    (work / "data").mkdir(parents=True)
    for name in ("responses", "outcomes", "journey_events", "invitations"):
        shutil.copyfile(ROOT / "data" / "demo" / f"{name}.csv", work / "data" / f"{name}.csv")
    study = yaml.safe_load((ROOT / "studies" / "demo.yml").read_text())
    text = json.dumps(study).replace("../data/demo/", "data/")
    study = json.loads(text)
    study["output"] = "reports"
    (work / "study.yml").write_text(yaml.safe_dump(study, allow_unicode=True))
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("PYTHON", "JUPYTER", "MPL"))}
    env["PATH"] = f"{venv / 'bin'}:{env.get('PATH', '')}"
    run = subprocess.run([str(venv / "bin" / "nps-research"), "run", "study.yml", "--no-progress"], cwd=work,
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    index = next((work / "reports" / "demo").glob("*/index.html"))
    manifest = json.loads((index.parent / "manifest.json").read_text())
    assert manifest["status"] == "ok"
    assert set(manifest["notebooks"]) == {p.stem for p in NOTEBOOKS}
    where = subprocess.run([str(py), "-c", "import nps_research.runner as r; print(r.notebooks_dir())"],
                           capture_output=True, text=True, env=env, cwd=work, check=True).stdout.strip()
    assert where.startswith(site) and str(ROOT) not in where
