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
import json
import os
import platform
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .config import StudyConfig, load_config
from .declarations import notebooks_dir
from .errors import StudyConfigError
from .io import write_atomic

__all__ = ["NotebookFailed", "PlannedNotebook", "RunPlan", "RunResult", "collect_findings", "default_jobs",
           "execute_plan", "kernel_connection", "notebooks_dir", "plan_run", "run_study", "sha256_file", "write_atomic",
           "write_manifest"]

#: Libraries whose versions go into the manifest.
LIBRARIES = ("pandas", "numpy", "scipy", "statsmodels", "pingouin", "seaborn", "matplotlib", "papermill",
             "nbconvert", "nbformat", "ipykernel", "semopy", "duckdb", "pyarrow", "ibis-framework", "pydantic",
             "pandera", "pyyaml", "openpyxl", "simplemma", "stopwordsiso", "scikit-learn")
#: Parameters every notebook receives from the runner (when its parameters cell declares them); a notebook that
#: declares ``output_folder`` also gets the run folder, for files it writes beside its page (spreadsheets).
STANDARD_PARAMETERS = ("data", "language", "allow_personal_data", "study_name", "scales", "survey_type")


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


@dataclass
class PlannedNotebook:
    """One notebook of a run: its name, file, section title and the parameters it receives."""

    name: str
    path: Path
    parameters: dict[str, Any]
    title: str


@dataclass
class RunPlan:
    """What a run will do, checked before anything executes (see :func:`plan_run`)."""

    config: StudyConfig
    nb_dir: Path
    notebooks: list[PlannedNotebook]
    study_file: Path | None = None
    kernel_name: str = "python3"


def _notebook_title(path: Path, language: str | None = None) -> str | None:
    """The notebook's first heading of the highest level (``#`` before ``##``), skipping cells tagged
    ``lang-xx`` for another language than ``language``; None when it has no heading."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    best: tuple[int, str] | None = None
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        if language is not None and any(t.startswith("lang-") and t != f"lang-{language}" for t in tags):
            continue
        for line in cell.source.splitlines():
            m = re.match(r"^\s*(#{1,6})\s+(.+?)\s*#*\s*$", line)
            if m and (best is None or len(m.group(1)) < best[0]):
                best = (len(m.group(1)), m.group(2).strip())
    return best[1] if best else None


def _pretty_name(notebook: str) -> str:
    """``01_data_overview`` -> ``Data overview`` (the title of a notebook without headings)."""
    words = re.sub(r"^\d+_", "", notebook).replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else notebook


def plan_run(config: StudyConfig, nb_dir: str | Path | None = None, only: list[str] | None = None, *,
             study_file: str | Path | None = None, kernel_name: str = "python3",
             parameters: dict[str, dict[str, Any]] | None = None) -> RunPlan:
    """Check every selected notebook and its parameters before anything runs; raises StudyConfigError.

    ``parameters`` (notebook -> parameters), when given, replaces the study file's analysis parameters: the
    checked and normalised values of :func:`nps_research.checks.check_analyses`."""
    cfg = config
    if nb_dir is None:
        nb_dir = cfg.resolve(cfg.notebooks) if cfg.notebooks else notebooks_dir()
    nb_dir = Path(nb_dir)
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
        "survey_type": getattr(cfg, "survey_type", None),
    }
    planned, problems = [], []
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
        params.update(parameters.get(a.notebook, a.parameters) if parameters is not None else a.parameters)
        title = (getattr(a, "title", None) or _notebook_title(path, params.get("language", cfg.language))
                 or _pretty_name(a.notebook))
        planned.append(PlannedNotebook(a.notebook, path, params, title))
    if problems:
        raise StudyConfigError("the study's analyses are not valid:\n" + "\n".join(problems))
    return RunPlan(cfg, nb_dir, planned, Path(study_file) if study_file is not None else None, kernel_name)


def _plan(cfg: StudyConfig, nb_dir: Path, only: list[str] | None) -> list[tuple[str, Path, dict[str, Any]]]:
    """``(name, path, parameters)`` of every planned notebook (older form of :func:`plan_run`)."""
    return [(nb.name, nb.path, nb.parameters) for nb in plan_run(cfg, nb_dir, only).notebooks]


#: Exceptions whose message is written for the reader of the report (they name the setting or the data).
_READABLE_ERRORS = ("StudyConfigError", "StudyDataError", "ValueError", "KeyError", "FileNotFoundError")


def _client_outputs(outputs: list, language: str) -> list:
    """Outputs as a client sees them: no warnings or log lines (stderr), and an error as a short message in
    the report language instead of a traceback (the traceback stays in the executed notebook and run.log)."""
    import html

    import nbformat

    from .text import t

    out = []
    for o in outputs:
        if o.get("output_type") == "stream" and o.get("name") == "stderr":
            continue
        if o.get("output_type") == "error":
            readable = o.get("ename") in _READABLE_ERRORS
            message = t("runner.failed_readable" if readable else "runner.failed_unexpected", language,
                        error=str(o.get("evalue", "")).strip("'\""), name=o.get("ename", ""))
            text = "".join(f"<p>{html.escape(line)}</p>" for line in message.split("\n") if line)
            out.append(nbformat.v4.new_output("display_data", data={
                "text/html": f'<div class="nr-failed" style="border-left:4px solid #a11;padding:.5rem 1rem">'
                             f"{text}</div>"}))
            continue
        data = o.get("data")
        if data and any(k.startswith("application/vnd.nps-research") for k in data):
            # machine-readable records (findings) are for the runner, not for the page
            keep = {k: v for k, v in data.items() if not k.startswith("application/vnd.nps-research")}
            if not keep:
                continue
            o = nbformat.from_dict({**o, "data": keep})
        out.append(o)
    return out


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _append_log(folder: Path, text: str) -> None:
    """Add to the run's ``run.log`` (what failed, with the traceback)."""
    with open(folder / "run.log", "a", encoding="utf-8") as f:
        f.write(f"[{_now()}] {text.rstrip()}\n")


def _export_html(nb_path: Path, html_path: Path, title: str, language: str | None = None) -> None:
    """Write the executed notebook as HTML without code; cells tagged ``lang-xx`` show only when xx is the
    report language (so narrative can be written in both languages); warnings and tracebacks are left out
    (see :func:`_client_outputs`)."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(nb_path, as_version=4)
    if language is not None:
        nb.cells = [c for c in nb.cells
                    if not any(t.startswith("lang-") and t != f"lang-{language}"
                               for t in c.get("metadata", {}).get("tags", []))]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = _client_outputs(cell.get("outputs", []), language or "en")
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"  # papermill draws a random id: the same inputs give the same page
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    write_atomic(html_path, body)


#: Words of the index page (keys of the ``runner.`` texts in the catalogue).
_INDEX_KEYS = ("study", "run", "started", "finished", "status", "status_header", "analysis", "output", "seconds",
               "inputs", "file", "report", "notebook", "manifest", "summary", "summary_none", "analyses",
               "downloads")
_STATUSES = ("ok", "failed", "not-run", "running", "interrupted")


def _index_words(language: str) -> dict[str, Any]:
    from .text import t

    words: dict[str, Any] = {k: t(f"runner.{k}", language) for k in _INDEX_KEYS}
    words["statuses"] = {k: t(f"runner.status.{k}", language) for k in _STATUSES}
    return words


def _relative(path: str, base: Path | None) -> str:
    """``path`` relative to ``base`` (the study file's folder), with forward slashes; else its file name."""
    if base is None:
        return Path(path).name
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).name


def _when(stamp: str | None, language: str) -> str | None:
    """An ISO timestamp of the manifest as the index shows it: ``3 dec 2026 10:42 UTC``."""
    if not stamp:
        return None
    from .text import fmt_date

    moment = dt.datetime.fromisoformat(stamp)
    return f"{fmt_date(moment, language)} {moment:%H:%M} UTC"


def _write_index(folder: Path, cfg: StudyConfig, manifest: dict[str, Any],
                 titles: dict[str, str] | None = None, base: Path | None = None, findings: list | None = None) -> None:
    import jinja2

    from .findings import DEFAULT_MATERIALITY, summary_findings
    from .text import fmt_number, t

    w = _index_words(cfg.language)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
                             autoescape=True, keep_trailing_newline=True)
    titles = titles or {}
    if base is None:
        base = cfg.base_dir
    rows = []
    for name, info in manifest["notebooks"].items():
        status = info["status"]
        error = info.get("error")
        if info.get("failure"):  # in the report's language; the manifest and the log keep the English message
            error = t("runner.failed_in_cell", cfg.language, **info["failure"])
        if error:
            error = error.replace(str(folder), ".")
        rows.append({"title": titles.get(name, name), "status": w["statuses"].get(status, status),
                     "status_class": status, "error": error, "html": info.get("html"),
                     "ipynb": info.get("ipynb"),
                     "seconds": fmt_number(info["seconds"], cfg.language, 1) if "seconds" in info else ""})
    inputs = [{"path": k, "sha256": v["sha256"]} for k, v in manifest["inputs"].items()]
    html_of = {name: info.get("html") for name, info in manifest["notebooks"].items()}
    summary = [{"text": f.statement.get(cfg.language, ""), "html": html_of.get(f.page or ""),
                "page": titles.get(f.page or "", f.page or "")}
               for f in summary_findings(findings or [])]
    page = env.get_template("index.html.j2").render(
        language=cfg.language, title=cfg.title or cfg.name, study=cfg.name, run_id=manifest["run_id"],
        started=_when(manifest["started"], cfg.language), finished=_when(manifest.get("finished"), cfg.language),
        status=w["statuses"].get(manifest["status"], manifest["status"]), w=w, rows=rows, inputs=inputs,
        downloads=[f for f in ("report.xlsx", "report.pdf", "compare.html") if (folder / f).exists()],
        summary=summary, summary_intro=t("runner.summary_intro", cfg.language,
                                         m=fmt_number(DEFAULT_MATERIALITY, cfg.language, 0)))
    write_atomic(folder / "index.html", page)


def collect_findings(folder: Path, names: list[str]) -> list:
    """The findings recorded in the executed notebooks ``names`` of a run folder (see
    :func:`nps_research.report.record_findings`), each with its page."""
    import nbformat

    from .findings import FINDINGS_MIME, Finding

    out = []
    for name in names:
        path = folder / f"{name}.ipynb"
        if not path.exists():
            continue
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                for item in output.get("data", {}).get(FINDINGS_MIME, []) or []:
                    out.append(Finding.from_dict({**item, "page": name}))
    return out


def _write_deliveries(folder: Path, plan: RunPlan, manifest: dict[str, Any]) -> None:
    """The run's workbook (``report.xlsx``: every report table, the findings, definitions and provenance) and,
    where Chromium is installed and the study wants it, ``report.pdf`` (``NPS_RESEARCH_PDF=0`` turns it off)."""
    from .delivery import collect_tables, write_pdf, write_workbook

    names = [nb.name for nb in plan.notebooks]
    inputs = [{"path": k, "sha256": v["sha256"]} for k, v in manifest["inputs"].items()]
    write_workbook(folder / "report.xlsx", tables=collect_tables(folder, names),
                   titles={nb.name: nb.title for nb in plan.notebooks}, findings=collect_findings(folder, names),
                   manifest=manifest, language=plan.config.language, inputs=inputs)
    if plan.config.report.pdf and os.environ.get("NPS_RESEARCH_PDF", "1") != "0":
        done = [nb.name for nb in plan.notebooks if manifest["notebooks"][nb.name].get("html")]
        pdf = write_pdf(folder, done, language=plan.config.language, title=plan.config.title or plan.config.name)
        manifest["pdf"] = pdf.name if pdf is not None else None
    write_manifest(folder, plan, manifest)  # the index links the deliveries


def write_manifest(folder: Path, plan: RunPlan, manifest: dict[str, Any]) -> None:
    """Write ``manifest.json``, ``findings.json`` and ``index.html`` of a run (atomically)."""
    from .findings import dump_findings

    write_atomic(folder / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False, default=str))
    # only finished notebooks: a running one is being written by its kernel's papermill
    names = [nb.name for nb in plan.notebooks if manifest["notebooks"][nb.name]["status"] in ("ok", "failed")]
    findings = collect_findings(folder, names)
    write_atomic(folder / "findings.json", dump_findings(findings))
    base = plan.study_file.resolve().parent if plan.study_file is not None else None
    _write_index(folder, plan.config, manifest, {nb.name: nb.title for nb in plan.notebooks}, base, findings)


def _new_manifest(plan: RunPlan, run_id: str) -> dict[str, Any]:
    from . import __version__

    cfg = plan.config
    base = plan.study_file.resolve().parent if plan.study_file is not None else cfg.base_dir
    own = notebooks_dir().resolve()
    inputs: dict[str, Any] = {}
    if plan.study_file is not None:
        inputs[plan.study_file.name] = {"role": "study", "sha256": sha256_file(plan.study_file)}
    for table, spec in cfg.data_parameters().items():
        inputs[_relative(spec["path"], base)] = {"role": f"data:{table}", "sha256": sha256_file(spec["path"])}
    for nb in plan.notebooks:
        name = (f"nps_research:notebooks/{nb.path.name}" if nb.path.resolve().parent == own
                else _relative(str(nb.path), base))
        inputs[name] = {"role": f"notebook:{nb.name}", "sha256": sha256_file(nb.path)}
    return {
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
        "notebooks": {nb.name: {"status": "not-run", "parameters": _portable(nb.parameters, base)}
                      for nb in plan.notebooks},
    }


def _portable(parameters: dict[str, Any], base: Path | None) -> dict[str, Any]:
    """Parameters as the manifest records them: data paths relative to the study file, not this machine's."""
    import copy

    out = copy.deepcopy(parameters)
    data = out.get("data")
    if isinstance(data, dict):
        for spec in data.values():
            if isinstance(spec, dict) and "path" in spec:
                spec["path"] = _relative(spec["path"], base)
    return out


#: Thread counts of the numerical libraries (OpenMP, OpenBLAS, MKL, Accelerate, numexpr) in the kernels.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS",
                     "NUMEXPR_NUM_THREADS")

#: Arguments for the kernel: its own log at ERROR, so its "running over TCP without encryption" warning
#: does not reach the user (only for this run's kernels; nothing global changes).
_KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


#: Longest path of a kernel's Unix socket that every system takes (108 bytes on Linux, 104 on macOS).
_SOCKET_PATH_LIMIT = 100


@contextmanager
def kernel_connection():
    """Papermill arguments that connect the runner to a kernel over Unix sockets in a private temporary folder,
    where the system has them.

    Over TCP the kernel manager picks free ports, closes them and tells the kernel to bind them: in between,
    another program (a second kernel started by another process, an outgoing connection) can take one, and
    the kernel dies with "Address already in use" (jupyter_client issue 487; it happened to two notebooks run
    side by side). Sockets in a folder of the run's own cannot be taken. Windows, or a temporary folder too
    deep for a socket path, keeps TCP."""
    import tempfile

    if os.name != "posix":
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="nps-kernel-") as sockets:
        path = os.path.join(sockets, "kernel")
        if len(path) + len("-65535") > _SOCKET_PATH_LIMIT:
            yield {}
            return
        from traitlets.config import Config

        yield {"config": Config({"KernelManager": {"transport": "ipc", "ip": path}})}


def _execute_one(nb: PlannedNotebook, folder: Path, plan: RunPlan) -> dict[str, Any]:
    """Run one notebook with papermill (in its own kernel); what happened, for the manifest."""
    import papermill as pm

    out_nb = folder / f"{nb.name}.ipynb"
    t0 = time.perf_counter()
    info: dict[str, Any] = {"status": "ok"}
    try:
        kwargs: dict[str, Any] = {}
        if plan.kernel_name == "python3":
            kwargs["extra_arguments"] = list(_KERNEL_ARGUMENTS)
        parameters = dict(nb.parameters)
        if "output_folder" in _notebook_parameters(nb.path) and "output_folder" not in parameters:
            parameters["output_folder"] = str(folder)  # files a notebook writes beside its page (spreadsheets)
        with kernel_connection() as connection:
            pm.execute_notebook(str(nb.path), str(out_nb), parameters=parameters, kernel_name=plan.kernel_name,
                                cwd=str(plan.nb_dir), progress_bar=False, log_output=False, **kwargs, **connection)
    except pm.PapermillExecutionError as e:
        info["status"] = "failed"
        info["error"] = (f"notebook '{nb.name}' failed in cell {e.cell_index} (execution count {e.exec_count}): "
                         f"{e.ename}: {e.evalue}")
        info["traceback"] = "".join(_strip_ansi(line) + "\n" for line in e.traceback)
        info["failure"] = {"cell": e.cell_index, "error": f"{e.ename}: {e.evalue}"}
    info["seconds"] = round(time.perf_counter() - t0, 1)
    return info


#: What one kernel takes at its peak, measured over the demo study's notebooks (benchmarks/RESULTS_study.md):
#: about this many MB for the libraries and the page's own work, plus this many times the stored study.
_KERNEL_BASE_MB = 700
_KERNEL_PER_STORED = 2.0


def _available_memory() -> int | None:
    """Bytes of memory the kernels can still take: the system's available memory (Linux ``MemAvailable``),
    and no more than the room left under a container's limit (cgroup v2 or v1); None where unknown."""
    found = []
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    found.append(int(line.split()[1]) * 1024)
    except (OSError, ValueError, IndexError):
        pass
    v1 = "/sys/fs/cgroup/memory/memory."
    for limit, usage in (("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
                         (v1 + "limit_in_bytes", v1 + "usage_in_bytes")):
        try:
            with open(limit) as f, open(usage) as g:
                text = f.read().strip()
                if text.isdigit() and int(text) < 1 << 60:  # "max" or a huge number: no limit
                    found.append(max(0, int(text) - int(g.read().strip())))
        except (OSError, ValueError):
            pass
    return min(found) if found else None


def default_jobs(notebooks: int, stored_bytes: int = 0, *, cores: int | None = None,
                 available: int | None = None) -> tuple[int, str | None]:
    """How many notebooks to run at a time when the user did not say: one per core, but no more kernels
    than the available memory holds (each about ``_KERNEL_BASE_MB`` MB plus ``_KERNEL_PER_STORED`` times the
    stored study: at a million customers 3.4 GB, so two side by side need more than a 4 GB machine has).
    Returns the number and, when memory lowered it, a sentence saying so.

    Examples
    --------
    >>> jobs, note = default_jobs(8, 1_600 * 2**20, cores=2, available=4 * 2**30)
    >>> jobs, note[:70]
    (1, 'one notebook at a time instead of 2: each kernel may take about 3.8 GB')
    >>> default_jobs(8, 1_600 * 2**20, cores=2, available=16 * 2**30)
    (2, None)
    """
    cores = cores or os.cpu_count() or 1
    jobs = max(1, min(cores, notebooks or 1))
    if available is None:
        available = _available_memory()
    if not available or not stored_bytes:
        return jobs, None
    per_kernel = _KERNEL_BASE_MB * 2**20 + _KERNEL_PER_STORED * stored_bytes
    fit = max(1, int(available // per_kernel))
    if fit >= jobs:
        return jobs, None
    count = "one notebook" if fit == 1 else f"{fit} notebooks"
    return fit, (f"{count} at a time instead of {jobs}: each kernel may take about {per_kernel / 2**30:.1f} GB of "
                 f"the {available / 2**30:.1f} GB available (set --jobs to override)")


def execute_plan(plan: RunPlan, folder: Path, manifest: dict[str, Any] | None = None, *,
                 progress: bool = True, jobs: int | None = None, stored_bytes: int = 0) -> RunResult:
    """Execute the plan's notebooks into ``folder``, ``jobs`` at a time in their own kernels (default: the
    machine's cores as far as the available memory holds their kernels, see :func:`default_jobs`, with
    ``stored_bytes`` the size of the stored study; ``NPS_RESEARCH_JOBS`` overrides; the notebooks are
    independent: each reads the data itself), updating the manifest as each one finishes. After a failure no
    further notebook starts; the ones running finish.

    Raises NotebookFailed when a notebook raises (after recording it)."""
    import logging
    import warnings
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    from tqdm.auto import tqdm

    from .privacy import PERSONAL_DATA_VARIABLE

    cfg = plan.config
    note = None
    if jobs is None:
        jobs = int(os.environ.get("NPS_RESEARCH_JOBS", 0)) or None
    if jobs is None:
        jobs, note = default_jobs(len(plan.notebooks), stored_bytes)
        if note and progress:
            print(f"{cfg.name}: {note}", file=sys.stderr)
    jobs = max(1, min(int(jobs), len(plan.notebooks) or 1))
    # what the kernels inherit: load_data protects personal data in every notebook of a study that allows none;
    # the kernels share the cores, so each one's numerical libraries get its part of them (their own default,
    # every core per kernel, oversubscribes the machine: at 100,000 customers 132 s instead of 101 s on 2
    # cores), unless the user set them
    environment = {PERSONAL_DATA_VARIABLE: "1" if cfg.report.allow_personal_data else "0"}
    environment.update({v: os.environ.get(v) or str(max(1, (os.cpu_count() or 1) // jobs))
                        for v in _THREAD_VARIABLES})
    before = {v: os.environ.get(v) for v in environment}
    os.environ.update(environment)
    if manifest is None:
        manifest = _new_manifest(plan, folder.name)
    manifest["jobs"] = jobs
    if note:
        manifest["jobs_note"] = note
    write_manifest(folder, plan, manifest)
    result = RunResult(cfg.name, manifest["run_id"], folder, {nb.name: "not-run" for nb in plan.notebooks})
    bar = tqdm(total=len(plan.notebooks), desc=f"{cfg.name}", unit="notebook", disable=not progress, file=sys.stderr)
    failures: list[str] = []
    failed_name = ""
    quiet = [logging.getLogger(n) for n in ("traitlets", "jupyter_client", "nbclient")]
    levels = [lg.level for lg in quiet]
    try:
        with warnings.catch_warnings(), ThreadPoolExecutor(max_workers=jobs) as pool:
            warnings.filterwarnings("ignore", message=r".*(TCP|[Cc]onnection file).*")
            for lg in quiet:
                lg.setLevel(max(lg.level, logging.ERROR))
            queue = list(plan.notebooks)
            running: dict[Any, PlannedNotebook] = {}
            while queue or running:
                while queue and len(running) < jobs and not failures:
                    nb = queue.pop(0)
                    manifest["notebooks"][nb.name]["status"] = "running"
                    running[pool.submit(_execute_one, nb, folder, plan)] = nb
                bar.set_postfix_str(", ".join(nb.name for nb in running.values()))
                if not running:
                    break
                done, _ = wait(list(running), return_when=FIRST_COMPLETED)
                for future in sorted(done, key=lambda f: plan.notebooks.index(running[f])):
                    nb = running.pop(future)
                    info = future.result()
                    entry = manifest["notebooks"][nb.name]
                    entry["status"] = info["status"]
                    entry["seconds"] = info["seconds"]
                    if info["status"] == "failed":
                        entry["error"] = info["error"]
                        entry["failure"] = info["failure"]
                        failures.append(info["error"])
                        failed_name = failed_name or nb.name
                        _append_log(folder, f"{info['error']}\n{info['traceback']}")
                    out_nb = folder / f"{nb.name}.ipynb"
                    entry["ipynb"] = out_nb.name
                    if out_nb.exists():
                        _export_html(out_nb, folder / f"{nb.name}.html", title=f"{cfg.title or cfg.name}: {nb.title}",
                                     language=nb.parameters.get("language", cfg.language))
                        entry["html"] = f"{nb.name}.html"
                    result.statuses[nb.name] = entry["status"]
                    bar.update(1)
                    write_manifest(folder, plan, manifest)
            for nb in queue:  # never started after a failure
                manifest["notebooks"][nb.name]["status"] = "not-run"
    except BaseException as e:  # interrupted or crashed: say so in the manifest, then re-raise
        manifest["status"] = "interrupted"
        manifest["finished"] = _now()
        manifest["error"] = f"{type(e).__name__}: {e}"
        write_manifest(folder, plan, manifest)
        raise
    finally:
        bar.close()
        for lg, level in zip(quiet, levels):
            lg.setLevel(level)
        for v, value in before.items():
            if value is None:
                os.environ.pop(v, None)
            else:
                os.environ[v] = value
    manifest["status"] = "failed" if failures else "ok"
    manifest["finished"] = _now()
    write_manifest(folder, plan, manifest)
    _write_deliveries(folder, plan, manifest)
    if failures:
        raise NotebookFailed(f"{failures[0]}\nThe failed notebook is kept at {folder / (failed_name + '.ipynb')}",
                             result)
    return result


def _release_memory() -> None:
    """Give freed memory back to the system (collected objects; Arrow's pool; glibc's heap), so the data the
    runner read and checked do not stay resident beside the kernels that load their own copy."""
    import ctypes
    import gc

    gc.collect()
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except Exception:  # pragma: no cover - pyarrow is a dependency; its pool may not support release
        pass
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): the memory stays with the process
        pass


def run_study(
    study_file: str | Path,
    *,
    only: list[str] | None = None,
    run_id: str | None = None,
    output: str | Path | None = None,
    progress: bool = True,
    kernel_name: str = "python3",
    nb_dir: str | Path | None = None,
    jobs: int | None = None,
    since: str | Path | None = None,
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
    jobs : int, optional
        Notebooks run at the same time, each in its own kernel (default: the machine's cores, fewer when the
        available memory does not hold that many kernels for this study's size; see :func:`default_jobs`).
    since : path, optional
        An earlier run folder of the study: the new run gets ``compare.html`` / ``.json`` / ``.xlsx`` saying what
        changed since (:mod:`nps_research.runs`).

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

    from .checks import check_study

    study_file = Path(study_file)
    cfg = load_config(study_file)
    study, checked = check_study(cfg, nb_dir=nb_dir)  # raises StudyDataError / StudyConfigError listing every problem
    if since is not None and not (Path(since) / "manifest.json").exists():
        raise StudyConfigError(f"--since {since}: not a run folder (no manifest.json)")
    plan = plan_run(cfg, nb_dir, only, study_file=study_file, kernel_name=kernel_name, parameters=checked.parameters)

    base = Path(output) if output is not None else cfg.resolve(cfg.output)
    base = base / cfg.name
    base.mkdir(parents=True, exist_ok=True)
    run_id = _new_run_id(base, run_id)
    folder = base / run_id
    folder.mkdir()
    from .runs import snapshot

    write_atomic(folder / "snapshot.json", json.dumps(snapshot(study), indent=1, sort_keys=True) + "\n")
    manifest = _new_manifest(plan, run_id)
    if since is not None:
        manifest["since"] = Path(since).name
    import shutil
    import tempfile

    from .study import cache_study

    # the data were read and checked once above; the notebooks load that study instead of the export again
    cache_dir = tempfile.mkdtemp(prefix="nps-research-run-")
    if not cfg.report.allow_personal_data:  # once here instead of in every kernel (the same key, the same ids)
        from .privacy import protect

        protect(study)
    cached = str(cache_study(study, cache_dir))
    stored = sum(f.stat().st_size for f in Path(cache_dir).iterdir() if f.is_file())
    del study  # the notebooks load the cached copy: the runner does not hold the data while they run
    _release_memory()
    original = cfg.data_parameters()
    for nb in plan.notebooks:
        if nb.parameters.get("data") == original:
            nb.parameters["data"] = cached
    try:
        return execute_plan(plan, folder, manifest, progress=progress, jobs=jobs, stored_bytes=stored)
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
        if since is not None and (folder / "findings.json").exists():
            from .runs import compare_runs, write_comparison

            write_comparison(compare_runs(since, folder), folder, language=cfg.language)
            write_manifest(folder, plan, json.loads((folder / "manifest.json").read_text(encoding="utf-8")))
