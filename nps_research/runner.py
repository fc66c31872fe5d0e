"""Run a study: execute its notebooks with papermill and write a report folder with a manifest.

``run_study("studies/demo.yml")`` writes ``<output>/<study name>/<run id>/``:

- ``NN_name.ipynb``: the executed notebook (kept also when it fails);
- ``NN_name.html``: the same as a page without code cells;
- ``index.html``: links to every page, with the status of each notebook;
- ``manifest.json``: package version, git commit, Python and library versions, parameters, SHA-256 of every
  input file (study file, data files, notebooks), start and end time, status per notebook.

Notebooks receive the data (paths and column mapping, as plain literals) and every setting only through
papermill parameters; see CONTRIBUTING.md for the notebook conventions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .config import StudyConfig, load_config
from .errors import StudyConfigError
from .io import write_atomic

__all__ = ["NotebookFailed", "RunResult", "notebooks_dir", "run_study", "sha256_file", "write_atomic"]

#: Libraries whose versions go into the manifest.
LIBRARIES = ("pandas", "numpy", "scipy", "statsmodels", "pingouin", "seaborn", "matplotlib", "papermill",
             "nbconvert", "nbformat", "ipykernel", "semopy", "duckdb", "pyarrow", "ibis-framework", "pydantic",
             "pandera", "pyyaml", "openpyxl")
#: Parameters every notebook receives from the runner (when its parameters cell declares them).
STANDARD_PARAMETERS = ("data", "language", "allow_personal_data", "study_name", "scales")


class NotebookFailed(RuntimeError):
    """A notebook raised: names the notebook and the cell; the partly executed notebook is kept."""

    def __init__(self, message: str, result: RunResult):
        super().__init__(message)
        self.result = result


@dataclass
class RunResult:
    """Where a run wrote its outputs and how each notebook went."""

    study: str
    run_id: str
    folder: Path
    statuses: dict[str, str] = field(default_factory=dict)

    @property
    def index(self) -> Path:
        return self.folder / "index.html"

    @property
    def manifest(self) -> Path:
        return self.folder / "manifest.json"

    @property
    def ok(self) -> bool:
        return all(s == "ok" for s in self.statuses.values())


def notebooks_dir() -> Path:
    """The folder with the workbench's notebooks (``notebooks/`` beside the package)."""
    return Path(__file__).resolve().parent.parent / "notebooks"


def sha256_file(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in chunks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> sha256_file(p)
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    """
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _git_commit() -> dict[str, Any] | None:
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                                timeout=10)
        if commit.returncode != 0:
            return None
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10)
        return {"commit": commit.stdout.strip(), "dirty": bool(dirty.stdout.strip())}
    except (OSError, subprocess.SubprocessError):
        return None


def _versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for lib in LIBRARIES:
        try:
            out[lib] = version(lib)
        except PackageNotFoundError:
            out[lib] = None
    return out


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _new_run_id(folder: Path, run_id: str | None) -> str:
    if run_id is None:
        run_id = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    candidate, k = run_id, 2
    while (folder / candidate).exists():
        candidate, k = f"{run_id}-{k}", k + 1
    return candidate


def _notebook_parameters(path: Path) -> dict[str, Any]:
    import papermill as pm

    return pm.inspect_notebook(str(path))


def _plan(cfg: StudyConfig, nb_dir: Path, only: list[str] | None) -> list[tuple[str, Path, dict[str, Any]]]:
    """Check every selected notebook and its parameters before anything runs."""
    available = sorted(p.stem for p in nb_dir.glob("[0-9][0-9]_*.ipynb"))
    analyses = [a for a in cfg.analyses if a.enabled]
    if only:
        unknown = sorted(set(only) - {a.notebook for a in analyses})
        if unknown:
            raise StudyConfigError(f"--only names analyses that the study does not run: {', '.join(unknown)} "
                                   f"(the study runs: {', '.join(a.notebook for a in analyses)})")
        analyses = [a for a in analyses if a.notebook in only]
    standard = {
        "data": cfg.data_parameters(),
        "language": cfg.language,
        "allow_personal_data": cfg.report.allow_personal_data,
        "study_name": cfg.name,
        "scales": cfg.scales,
    }
    plan, problems = [], []
    for a in analyses:
        path = nb_dir / f"{a.notebook}.ipynb"
        if not path.is_file():
            problems.append(f"  - analyses: notebook '{a.notebook}' does not exist (available: "
                            f"{', '.join(available)})")
            continue
        declared = _notebook_parameters(path)
        unknown = sorted(set(a.parameters) - set(declared))
        if unknown:
            problems.append(f"  - analyses.{a.notebook}.parameters: unknown parameter(s) {', '.join(unknown)} "
                            f"(the notebook's parameters: {', '.join(declared)})")
            continue
        params = {k: v for k, v in standard.items() if k in declared and v is not None}
        params.update(a.parameters)
        plan.append((a.notebook, path, params))
    if problems:
        raise StudyConfigError("the study's analyses are not valid:\n" + "\n".join(problems))
    return plan


def _export_html(nb_path: Path, html_path: Path, title: str, language: str | None = None) -> None:
    """Write the executed notebook as HTML without code; cells tagged ``lang-xx`` show only when xx is the
    report language (so narrative can be written in both languages)."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(nb_path, as_version=4)
    if language is not None:
        nb.cells = [c for c in nb.cells
                    if not any(t.startswith("lang-") and t != f"lang-{language}"
                               for t in c.get("metadata", {}).get("tags", []))]
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    write_atomic(html_path, body)


_INDEX_WORDS = {
    "en": {"study": "Study", "run": "run", "started": "started", "finished": "finished", "status": "status",
           "analysis": "Analysis", "output": "Output", "seconds": "Seconds", "inputs": "Inputs", "file": "File",
           "report": "report", "notebook": "notebook", "manifest": "versions, parameters and hashes of this run."},
    "nl": {"study": "Onderzoek", "run": "run", "started": "gestart", "finished": "klaar", "status": "status",
           "analysis": "Analyse", "output": "Uitvoer", "seconds": "Seconden", "inputs": "Invoer", "file": "Bestand",
           "report": "rapport", "notebook": "notebook",
           "manifest": "versies, parameters en hashes van deze run."},
}


def _write_index(folder: Path, cfg: StudyConfig, manifest: dict[str, Any]) -> None:
    w = _INDEX_WORDS[cfg.language]
    rows = []
    for name, info in manifest["notebooks"].items():
        status = info["status"]
        links = []
        if info.get("html"):
            links.append(f'<a href="{html.escape(info["html"])}">{w["report"]}</a>')
        if info.get("ipynb"):
            links.append(f'<a href="{html.escape(info["ipynb"])}">{w["notebook"]}</a>')
        err = f"<br><small>{html.escape(info['error'])}</small>" if info.get("error") else ""
        rows.append(f"<tr><td>{html.escape(name)}</td><td class='{status}'>{status}{err}</td>"
                    f"<td>{' · '.join(links)}</td><td>{info.get('seconds', '')}</td></tr>")
    inputs = "".join(f"<tr><td>{html.escape(k)}</td><td><code>{v['sha256'][:16]}…</code></td></tr>"
                     for k, v in manifest["inputs"].items())
    title = html.escape(cfg.title or cfg.name)
    page = f"""<!DOCTYPE html>
<html lang="{cfg.language}"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse}}td,th{{border-bottom:1px solid #ddd;padding:.3rem .8rem;text-align:left}}
.ok{{color:#176117}}.failed{{color:#a11}}.not-run{{color:#777}}</style></head><body>
<h1>{title}</h1>
<p>{w['study']} <b>{html.escape(cfg.name)}</b>, {w['run']} <b>{html.escape(manifest['run_id'])}</b>,
{w['started']} {manifest['started']}, {w['finished']} {manifest.get('finished') or '-'};
{w['status']} <b>{manifest['status']}</b>.</p>
<table><tr><th>{w['analysis']}</th><th>Status</th><th>{w['output']}</th><th>{w['seconds']}</th></tr>{''.join(rows)}
</table>
<h2>{w['inputs']}</h2><table><tr><th>{w['file']}</th><th>SHA-256</th></tr>{inputs}</table>
<p><a href="manifest.json">manifest.json</a>: {w['manifest']}</p>
</body></html>
"""
    write_atomic(folder / "index.html", page)


def run_study(
    study_file: str | Path,
    *,
    only: list[str] | None = None,
    run_id: str | None = None,
    output: str | Path | None = None,
    progress: bool = True,
    kernel_name: str = "python3",
    nb_dir: str | Path | None = None,
) -> RunResult:
    """Validate a study's data, then execute its notebooks in order.

    Parameters
    ----------
    study_file : path
        The study YAML file.
    only : list of str, optional
        Run only these analyses (notebook names without ``.ipynb``).
    run_id : str, optional
        Name of the run folder (default: the UTC start time, ``YYYYmmdd-HHMMSS``).
    output : path, optional
        Override the study's ``output`` folder.
    progress : bool
        Show a progress bar (stderr).
    kernel_name : str
        Jupyter kernel to run the notebooks with.
    nb_dir : path, optional
        Folder with the notebooks (default: the study's ``notebooks`` setting, else :func:`notebooks_dir`).

    Returns
    -------
    RunResult

    Raises
    ------
    StudyConfigError, StudyDataError
        Before anything runs, when the study file or its data are not valid.
    NotebookFailed
        When a notebook raises; earlier outputs stay, the failed notebook is kept, the manifest records it.
    """
    import papermill as pm
    from tqdm.auto import tqdm

    from . import __version__
    from .study import load_data

    study_file = Path(study_file)
    cfg = load_config(study_file)
    if nb_dir is None:
        nb_dir = cfg.resolve(cfg.notebooks) if cfg.notebooks else notebooks_dir()
    nb_dir = Path(nb_dir)
    load_data(cfg.data_parameters(), name=cfg.name, language=cfg.language)  # raises StudyDataError
    plan = _plan(cfg, nb_dir, only)

    base = Path(output) if output is not None else cfg.resolve(cfg.output)
    base = base / cfg.name
    base.mkdir(parents=True, exist_ok=True)
    run_id = _new_run_id(base, run_id)
    folder = base / run_id
    folder.mkdir()

    inputs = {str(study_file.resolve()): {"role": "study", "sha256": sha256_file(study_file)}}
    for table, spec in cfg.data_parameters().items():
        inputs[spec["path"]] = {"role": f"data:{table}", "sha256": sha256_file(spec["path"])}
    for name, path, _ in plan:
        inputs[str(path)] = {"role": f"notebook:{name}", "sha256": sha256_file(path)}
    manifest: dict[str, Any] = {
        "study": cfg.name,
        "title": cfg.title,
        "run_id": run_id,
        "status": "running",
        "started": _now(),
        "finished": None,
        "nps_research": __version__,
        "git": _git_commit(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "libraries": _versions(),
        "settings": cfg.model_dump(mode="json", exclude={"base_dir"}),
        "inputs": inputs,
        "notebooks": {name: {"status": "not-run", "parameters": params} for name, _, params in plan},
    }

    def save() -> None:
        write_atomic(folder / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False, default=str))
        _write_index(folder, cfg, manifest)

    save()
    result = RunResult(cfg.name, run_id, folder, {name: "not-run" for name, _, _ in plan})
    bar = tqdm(plan, desc=f"{cfg.name}", unit="notebook", disable=not progress, file=sys.stderr)
    failure: str | None = None
    try:
        for name, path, params in bar:
            bar.set_postfix_str(name)
            entry = manifest["notebooks"][name]
            out_nb = folder / f"{name}.ipynb"
            t0 = time.perf_counter()
            try:
                pm.execute_notebook(str(path), str(out_nb), parameters=params, kernel_name=kernel_name,
                                    cwd=str(nb_dir), progress_bar=False, log_output=False)
                entry["status"] = "ok"
            except pm.PapermillExecutionError as e:
                entry["status"] = "failed"
                failure = (f"notebook '{name}' failed in cell {e.cell_index} (execution count {e.exec_count}): "
                           f"{e.ename}: {e.evalue}")
                entry["error"] = failure
            entry["seconds"] = round(time.perf_counter() - t0, 1)
            entry["ipynb"] = out_nb.name
            if out_nb.exists():
                _export_html(out_nb, folder / f"{name}.html", title=f"{cfg.title or cfg.name}: {name}",
                             language=params.get("language", cfg.language))
                entry["html"] = f"{name}.html"
            result.statuses[name] = entry["status"]
            save()
            if failure:
                break
    except BaseException as e:  # interrupted or crashed: say so in the manifest, then re-raise
        manifest["status"] = "interrupted"
        manifest["finished"] = _now()
        manifest["error"] = f"{type(e).__name__}: {e}"
        save()
        raise
    finally:
        bar.close()
    manifest["status"] = "failed" if failure else "ok"
    manifest["finished"] = _now()
    save()
    if failure:
        raise NotebookFailed(f"{failure}\nThe failed notebook is kept at {folder / (name + '.ipynb')}", result)
    return result
