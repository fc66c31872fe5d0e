"""The study runner and the command line: outputs, manifest, failures, validation messages."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

import nps_research as nr
from nps_research.cli import app
from nps_research.runner import NotebookFailed, run_study

HEADER = "response_id,customer_id,date,survey_type,touchpoint,channel,ltr\n"
ROWS = "".join(f"r{i},c{i},2024-01-{1 + i % 28:02d},relational,,web,{i % 11}\n" for i in range(40))


def _notebook(path: Path, body: str, params: str = "data = {}  # help: tables\nlanguage = 'en'  # help: language"):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    p = nbformat.v4.new_code_cell(params)
    p.metadata["tags"] = ["parameters"]
    en = nbformat.v4.new_markdown_cell("Only in English")
    en.metadata["tags"] = ["lang-en"]
    nl = nbformat.v4.new_markdown_cell("Alleen in het Nederlands")
    nl.metadata["tags"] = ["lang-nl"]
    nb.cells = [p, en, nl, nbformat.v4.new_code_cell(body)]
    nbformat.write(nb, path)


@pytest.fixture
def study(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "r.csv").write_text(HEADER + ROWS)
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    _notebook(nbdir / "01_ok.ipynb", "import nps_research as nr\nstudy = nr.load_data(data)\n"
              "print('n =', len(study.responses), 'language', language)")
    _notebook(nbdir / "02_fails.ipynb", "x = 1\nraise ValueError('planted failure')")
    _notebook(nbdir / "03_after.ipynb", "print('never runs')")
    cfg = {"name": "t", "language": "nl", "data": {"responses": "data/r.csv"}, "output": "out", "notebooks": "nbs",
           "analyses": [{"notebook": "01_ok"}]}
    path = tmp_path / "study.yml"
    path.write_text(yaml.safe_dump(cfg))
    return path


def _set(path: Path, **changes):
    cfg = yaml.safe_load(path.read_text())
    cfg.update(changes)
    path.write_text(yaml.safe_dump(cfg))


def test_run_writes_notebook_html_index_and_manifest(study):
    result = run_study(study, run_id="r1", progress=False)
    folder = study.parent / "out" / "t" / "r1"
    assert result.folder == folder and result.ok
    assert sorted(p.name for p in folder.iterdir()) == ["01_ok.html", "01_ok.ipynb", "findings.json", "index.html",
                                                          "manifest.json", "report.xlsx", "snapshot.json"]
    nb = nbformat.read(folder / "01_ok.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "n = 40 language nl" in printed  # parameters arrived through papermill
    page = (folder / "01_ok.html").read_text()
    assert "n = 40 language nl" in page and "load_data" not in page  # output without code
    assert "Alleen in het Nederlands" in page and "Only in English" not in page  # narrative in the study language
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "ok" and manifest["notebooks"]["01_ok"]["status"] == "ok"
    assert manifest["nps_research"] == nr.__version__
    assert manifest["python"] == sys.version.split()[0]
    assert manifest["libraries"]["pandas"] and manifest["started"] <= manifest["finished"]
    # every input hashed, named relative to the study file (no paths of this machine), and the hashes are those
    # of the files
    assert set(manifest["inputs"]) == {"study.yml", "data/r.csv", "nbs/01_ok.ipynb"}
    for key, info in manifest["inputs"].items():
        assert info["sha256"] == hashlib.sha256((study.parent / key).read_bytes()).hexdigest()
    params = manifest["notebooks"]["01_ok"]["parameters"]
    assert params["data"]["responses"]["path"] == "data/r.csv"
    assert str(study.parent) not in (folder / "manifest.json").read_text()
    index = (folder / "index.html").read_text()
    assert '<a href="01_ok.html">rapport</a>' in index and "<th>Analyse</th>" in index  # the study is in Dutch
    # a second run gets its own folder; the first stays
    again = run_study(study, run_id="r1", progress=False)
    assert again.folder.name == "r1-2" and (folder / "manifest.json").exists()


def test_failing_notebook_stops_run_keeps_outputs_and_exits_nonzero(study):
    _set(study, analyses=[{"notebook": "01_ok"}, {"notebook": "02_fails"}, {"notebook": "03_after"}])
    res = CliRunner().invoke(app, ["run", str(study), "--run-id", "bad", "--no-progress", "--jobs", "1"])
    assert res.exit_code == 1
    assert "notebook '02_fails' failed in cell 4" in res.output and "ValueError: planted failure" in res.output
    folder = study.parent / "out" / "t" / "bad"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["01_ok.html", "01_ok.ipynb", "02_fails.html", "02_fails.ipynb", "findings.json", "index.html",
                     "manifest.json", "report.xlsx", "run.log", "snapshot.json"]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    assert {k: v["status"] for k, v in manifest["notebooks"].items()} == {
        "01_ok": "ok", "02_fails": "failed", "03_after": "not-run"}
    kept = nbformat.read(folder / "02_fails.ipynb", as_version=4)
    assert any(o.get("ename") == "ValueError" for c in kept.cells if c.cell_type == "code"
               for o in c.get("outputs", []))
    assert not list(folder.glob(".*tmp"))  # nothing half-written
    # the page explains itself in the report language, without a traceback; the log keeps the traceback
    page = (folder / "02_fails.html").read_text()
    assert "Deze analyse kon niet worden voltooid:" in page and "planted failure" in page
    assert "Traceback" not in page and "raise ValueError" not in page
    log = (folder / "run.log").read_text()
    assert "notebook '02_fails' failed in cell 4" in log and "raise ValueError('planted failure')" in log
    with pytest.raises(NotebookFailed) as info:
        run_study(study, run_id="bad", progress=False, jobs=1)
    assert info.value.result.folder.name == "bad-2"
    assert info.value.result.statuses == {"01_ok": "ok", "02_fails": "failed", "03_after": "not-run"}


def test_run_via_python_dash_m(study):
    proc = subprocess.run([sys.executable, "-m", "nps_research", "run", str(study), "--run-id", "m",
                           "--no-progress"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"Report: {study.parent / 'out' / 't' / 'm' / 'index.html'}"


def test_unknown_notebook_and_parameter_are_reported_before_running(study):
    _set(study, analyses=[{"notebook": "09_nothing"}, {"notebook": "01_ok", "parameters": {"langauge": "nl"}}])
    with pytest.raises(nr.StudyConfigError) as info:
        run_study(study, progress=False)
    assert str(info.value).splitlines() == [  # in the study's language (nl), with "did you mean"
        "2 problemen in de analyses van het onderzoek:",
        "  - analyses: notebook '09_nothing' bestaat niet (beschikbaar: 01_ok, 02_fails of 03_after)",
        "  - analyses.01_ok.parameters: onbekende parameter 'langauge'; bedoelt u 'language'?",
    ]
    assert not (study.parent / "out").exists()


def test_bad_data_stops_the_run_before_any_notebook(study):
    (study.parent / "data" / "r.csv").write_text(HEADER + "r1,c1,2024-01-01,relational,,web,12\n")
    res = CliRunner().invoke(app, ["run", str(study), "--no-progress"])
    assert res.exit_code == 1
    # the study is Dutch: so is the message
    assert "kolom 'ltr': moet een geheel getal 0-10 zijn, gevonden: waarden buiten het bereik (1 rij: 2)" in res.output
    assert not (study.parent / "out").exists()


def test_cli_validate(study):
    ok = CliRunner().invoke(app, ["validate", str(study)])
    assert ok.exit_code == 0
    # the study's language is Dutch: so is the summary
    assert ok.output.splitlines()[:2] == [f"{study}: onderzoek 't' is in orde.", "  responses: 40 rijen, 7 kolommen"]
    assert "NPS relationeel -55,0 (n = 40)" in ok.output  # scores i % 11 for i < 40: 6 promoters, 28 detractors
    (study.parent / "data" / "r.csv").write_text(HEADER + "r1,c1,2024-01-01,relational,,web,x\n"
                                                 "r1,c2,2024-01-01,relational,,web,5\n")
    bad = CliRunner().invoke(app, ["validate", str(study)])
    assert bad.exit_code == 1
    assert bad.output.splitlines()[0] == "2 problemen in de gegevens van het onderzoek:"


def test_study_file_errors_are_actionable(tmp_path):
    p = tmp_path / "s.yml"
    p.write_text("name: my study\nlanguage: fr\ndata:\n  responses: {path: x.csv, colums: {}}\nanalysis: []\n")
    with pytest.raises(nr.StudyConfigError) as info:
        nr.load_study(p)
    lines = str(info.value).splitlines()
    assert lines[0] == f"{p}: the study file is not valid:"
    assert set(lines[1:]) == {
        "  - name: use letters, digits, '-', '_' and '.' only (it becomes a folder name)",
        "  - language: Input should be 'en' or 'nl'",
        "  - data.responses.colums: unknown setting (check the spelling)",
        "  - analysis: unknown setting (check the spelling)",
    }
    p.write_text("name: s\ndata:\n  responses: missing.csv\n")
    with pytest.raises(nr.StudyConfigError, match=r"data.responses.path: file not found: .*missing.csv"):
        nr.load_study(p)
    p.write_text("name: s\ndata: [\n")
    with pytest.raises(nr.StudyConfigError, match="not valid YAML"):
        nr.load_study(p)


def test_scale_definitions_are_checked_when_the_study_is_loaded(study):
    _set(study, scales={"exq": {"base": "EXQ", "columns": {"pex1": "Q7_1"}},
                        "mine": {"dimensions": {"a": ["x1", "x2"]}, "revers": ["x1"]}})
    with pytest.raises(nr.StudyConfigError) as info:
        nr.load_study(study)
    lines = str(info.value).splitlines()
    assert lines[0] == f"{study}: scale definitions are not valid:"
    assert len(lines) == 2 and lines[1].startswith("  - scales.mine: scale definition: unknown keys ['revers']")
    _set(study, scales={"exq": {"base": "EXQ", "columns": {"pex1": "Q7_1"}}})
    assert nr.load_study(study).config.scales["exq"]["base"] == "EXQ"


def _heading(path: Path, heading: str) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(f"# {heading}\n\nSome text."))
    nbformat.write(nb, path)


def test_dutch_index_has_dutch_statuses_titles_and_no_absolute_paths(study):
    _heading(study.parent / "nbs" / "01_ok.ipynb", "Eerste analyse")
    _heading(study.parent / "nbs" / "02_fails.ipynb", "Tweede analyse")
    _set(study, title="Mijn onderzoek",
         analyses=[{"notebook": "01_ok"}, {"notebook": "02_fails"}, {"notebook": "03_after"}])
    with pytest.raises(NotebookFailed) as info:
        run_study(study, run_id="nl", progress=False, jobs=1)  # one at a time: the third never starts
    index = (info.value.result.folder / "index.html").read_text()
    assert "<h1>Mijn onderzoek</h1>" in index
    assert "Eerste analyse" in index and "Tweede analyse" in index
    assert "<td>01_ok</td>" not in index  # the heading, not the file name
    assert "<td>After</td>" in index  # no heading: the name without number and underscores
    assert "voltooid" in index and "mislukt" in index and "niet uitgevoerd" in index
    assert ">ok<" not in index and ">not-run<" not in index
    assert "gestopt in cel" in index and "planted failure" in index and "failed in cell" not in index
    assert str(study.parent) not in index and "/work" not in index and "/tmp" not in index
    assert "nbs/01_ok.ipynb" in index and "data/r.csv" in index and "study.yml" in index


def test_english_index_has_english_words_only(study):
    _set(study, language="en")
    nb = nbformat.read(study.parent / "nbs" / "01_ok.ipynb", as_version=4)
    for heading, lang in (("# Alleen Nederlands", "nl"), ("# English title", "en")):
        cell = nbformat.v4.new_markdown_cell(heading)
        cell.metadata["tags"] = [f"lang-{lang}"]
        nb.cells.insert(1, cell)
    nbformat.write(nb, study.parent / "nbs" / "01_ok.ipynb")
    result = run_study(study, run_id="en", progress=False)
    index = (result.folder / "index.html").read_text()
    assert "completed" in index and "<th>Analysis</th>" in index
    assert "<td>English title</td>" in index and "Alleen Nederlands" not in index  # heading in the study language
    for word in ("voltooid", "mislukt", "niet uitgevoerd", "Analyse", "Onderzoek", "rapport", "Invoer"):
        assert word not in index
    assert str(study.parent) not in index


def test_a_study_can_title_each_analysis(study):
    _heading(study.parent / "nbs" / "01_ok.ipynb", "Heading of the notebook")
    _set(study, analyses=[{"notebook": "01_ok", "title": "Wat zit er in de export"}])
    result = run_study(study, run_id="titled", progress=False)
    index = (result.folder / "index.html").read_text()
    assert "<td>Wat zit er in de export</td>" in index and "Heading of the notebook" not in index
    page = (result.folder / "01_ok.html").read_text()
    assert "<title>t: Wat zit er in de export</title>" in page or "Wat zit er in de export" in page


def test_findings_reach_findings_json_and_the_executive_summary_in_the_study_language(study):
    body = ("from nps_research import report\nfrom nps_research.findings import Finding\n"
            "report.record_findings([\n"
            "    Finding.make('nps', 'nps.headline', 'nps_headline', nps=12.25, low=9.0, high=15.5, n=1200,\n"
            "                 level=95, numbers={'nps': 12.25}, importance=100),\n"
            "    Finding.make('nps', 'nps.minor', 'small_n', n=12, min_n=30, importance=1)])\n")
    _notebook(study.parent / "nbs" / "01_ok.ipynb", body)
    _heading(study.parent / "nbs" / "01_ok.ipynb", "Kerncijfers")
    first = run_study(study, run_id="a", progress=False)
    second = run_study(study, run_id="b", progress=False)
    data = json.loads((first.folder / "findings.json").read_text())
    assert [d["key"] for d in data] == ["nps.headline", "nps.minor"] and data[0]["page"] == "01_ok"
    assert (first.folder / "findings.json").read_bytes() == (second.folder / "findings.json").read_bytes()
    index = (first.folder / "index.html").read_text()
    assert "Belangrijkste bevindingen" in index
    assert ('<li>De NPS is +12,2 (95%-interval +9,0 tot +15,5; n = 1.200). <small>(<a href="01_ok.html">'
            "Kerncijfers</a>)</small></li>") in index
    page = (first.folder / "01_ok.html").read_text()
    assert "nps.headline" not in page and "12,2" not in page  # recorded invisibly


def test_notebooks_run_in_parallel_kernels_with_the_same_outputs(study):
    for name in ("01_ok", "02_b", "03_c"):
        _notebook(study.parent / "nbs" / f"{name}.ipynb", "print('done', language)")
    _set(study, analyses=[{"notebook": "01_ok"}, {"notebook": "02_b"}, {"notebook": "03_c"}])
    serial = run_study(study, run_id="serial", progress=False, jobs=1)
    parallel = run_study(study, run_id="parallel", progress=False, jobs=3)
    one = json.loads((serial.folder / "manifest.json").read_text())
    three = json.loads((parallel.folder / "manifest.json").read_text())
    assert (one["jobs"], three["jobs"]) == (1, 3)
    assert list(three["notebooks"]) == ["01_ok", "02_b", "03_c"]  # plan order, whatever finished first
    assert all(v["status"] == "ok" for v in three["notebooks"].values())
    for name in ("01_ok", "02_b", "03_c"):
        a = (serial.folder / f"{name}.html").read_text()
        b = (parallel.folder / f"{name}.html").read_text()
        assert "done nl" in a and "done nl" in b


@pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets: Windows keeps TCP")
def test_a_tcp_port_taken_by_another_program_does_not_stop_the_kernels(study, monkeypatch):
    """The kernels talk to the runner over Unix sockets in a folder of their own, not over TCP ports that the
    kernel manager picks, closes and hands on: in between another program can take one and the kernel dies
    ("Address already in use", jupyter_client issue 487; it broke a parallel run). Here every port the manager
    would hand on is one this test holds: over TCP no kernel could start."""
    import socket

    from jupyter_client.connect import LocalPortCache

    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    held.listen()
    monkeypatch.setattr(LocalPortCache, "find_available_port", lambda self, ip: held.getsockname()[1])
    _notebook(study.parent / "nbs" / "01_ok.ipynb", "import ipykernel.connect\n"
              "info = ipykernel.connect.get_connection_info(unpack=True)\nprint('transport', info['transport'])")
    _notebook(study.parent / "nbs" / "02_b.ipynb", "print('second')")
    _set(study, analyses=[{"notebook": "01_ok"}, {"notebook": "02_b"}])
    try:
        result = run_study(study, run_id="ports", progress=False, jobs=2)
    finally:
        held.close()
    nb = nbformat.read(result.folder / "01_ok.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "transport ipc" in printed
    assert set(result.statuses.values()) == {"ok"}


def test_the_default_number_of_kernels_is_what_the_memory_holds(study, monkeypatch):
    """By default one notebook per core, but no more kernels than the available memory holds: at a million
    customers a kernel takes up to 3.4 GB, and two side by side broke a 4 GB machine. Told --jobs, the runner
    does as told; the manifest says why it ran fewer."""
    import os

    from nps_research import runner

    monkeypatch.delenv("NPS_RESEARCH_JOBS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    _notebook(study.parent / "nbs" / "02_b.ipynb", "print('second')")
    _set(study, analyses=[{"notebook": "01_ok"}, {"notebook": "02_b"}])
    monkeypatch.setattr(runner, "_available_memory", lambda: 600 * 2**20)  # less than one kernel's base
    short = json.loads((run_study(study, run_id="short", progress=False).folder / "manifest.json").read_text())
    assert short["jobs"] == 1 and "one notebook at a time instead of 2" in short["jobs_note"]
    told = json.loads((run_study(study, run_id="told", progress=False, jobs=2).folder / "manifest.json").read_text())
    assert told["jobs"] == 2 and "jobs_note" not in told
    monkeypatch.setattr(runner, "_available_memory", lambda: 64 * 2**30)
    ample = json.loads((run_study(study, run_id="ample", progress=False).folder / "manifest.json").read_text())
    assert ample["jobs"] == 2 and "jobs_note" not in ample
    # the estimate: the kernel's base plus twice the stored study (benchmarks/RESULTS_study.md)
    gb = 2**30
    assert runner.default_jobs(8, int(1.5 * gb), cores=4, available=8 * gb)[0] == 2  # 3.7 GB a kernel
    assert runner.default_jobs(8, int(1.5 * gb), cores=4, available=3 * gb)[0] == 1  # never fewer than one
    assert runner.default_jobs(3, 0, cores=8, available=gb) == (3, None)  # unknown size: cores, notebooks


def test_kernels_running_side_by_side_share_the_cores(study, monkeypatch):
    """With two notebooks at a time each kernel's numerical libraries get half the cores (not all of them, which
    oversubscribes the machine); a thread setting of the user's is kept; the runner's own environment is
    restored afterwards."""
    import os

    for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(v, raising=False)
    monkeypatch.setenv("NUMEXPR_NUM_THREADS", "3")
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    _notebook(study.parent / "nbs" / "01_ok.ipynb", "import os\nprint('threads', os.environ.get('OMP_NUM_THREADS'), "
              "os.environ.get('OPENBLAS_NUM_THREADS'), os.environ.get('NUMEXPR_NUM_THREADS'))")
    _notebook(study.parent / "nbs" / "03_after.ipynb", "print('second')")
    _set(study, analyses=[{"notebook": "01_ok"}, {"notebook": "03_after"}])
    result = run_study(study, run_id="threads", progress=False, jobs=2)
    nb = nbformat.read(result.folder / "01_ok.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "threads 2 2 3" in printed  # 4 cores, 2 kernels: 2 threads each; the user's 3 kept
    assert "OMP_NUM_THREADS" not in os.environ and os.environ["NUMEXPR_NUM_THREADS"] == "3"


def test_the_runner_lets_go_of_the_data_before_the_notebooks_run(study, monkeypatch):
    # the notebooks load the cached copy; the study the runner read and checked must be freed before they
    # start (at a million customers it is gigabytes beside every kernel)
    import weakref

    import nps_research.runner as runner
    import nps_research.study as study_module

    seen = {}
    cache = study_module.cache_study

    def remember(data, folder):
        seen["study"] = weakref.ref(data)
        return cache(data, folder)

    def stop(plan, folder, manifest, **kwargs):
        seen["alive_when_notebooks_start"] = seen["study"]() is not None
        raise RuntimeError("stop before the notebooks")

    monkeypatch.setattr(study_module, "cache_study", remember)
    monkeypatch.setattr(runner, "execute_plan", stop)
    with pytest.raises(RuntimeError, match="stop before"):
        run_study(study, run_id="mem", progress=False)
    assert seen["alive_when_notebooks_start"] is False


def test_the_stored_study_is_the_checked_study_and_reads_a_table_only_when_a_notebook_uses_it(tmp_path):
    import dataclasses
    import pickle

    from nps_research.study import StoredStudy, cache_study, load_data
    from nps_research.synthetic import make_study

    original = make_study(n_customers=300, seed=4)
    path = cache_study(original, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [path.name, f"{original.name}.ids.pkl"] + [f"{original.name}.{t}.pkl" for t in original.tables()])
    stored = load_data(str(path), name=original.name, personal_data=True)
    assert isinstance(stored, StoredStudy) and stored.loaded() == []
    # the ids for scrubbing quotes come stored, without reading a table, and equal those of the tables
    from nps_research.voice import study_ids

    assert study_ids(stored).tolist() == study_ids(original).tolist() and stored.loaded() == []
    assert len(study_ids(original)) > len(original.responses)  # every table's ids, not only the answers'
    assert len(stored.responses) == len(original.responses)
    assert stored.loaded() == ["responses"]  # the journey events are still on disk
    for f in dataclasses.fields(original):
        a, b = getattr(original, f.name), getattr(stored, f.name)
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b)
        elif f.name != "truth":
            assert a == b, f.name
    assert set(stored.loaded()) == set(original.tables()) | {"responses"}
    # a stored study can be stored or copied again like any study
    again = pickle.loads(pickle.dumps(stored))
    pd.testing.assert_frame_equal(again.journey_events, original.journey_events)
    copy = dataclasses.replace(stored, name="copy")
    pd.testing.assert_frame_equal(copy.invitations, original.invitations)
