"""The demo study as a client receives it: every page in the report language (issue 9), and the report works in
a real browser (issue 14): no console errors, every image loads, every link resolves.

The demo study runs once per language (module fixture); the pages are parsed for their visible text (prose and
tables, folded tables included; not code, styles or scripts).
"""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from nps_research.runner import run_study

ROOT = Path(__file__).resolve().parents[2]

#: Words that occur in English sentences but are not Dutch, and the other way round.
ENGLISH = {"the", "and", "with", "than", "which", "this", "these", "from", "their", "would", "should", "because",
           "significantly", "customers", "answers", "between", "there", "whether", "within", "without"}
DUTCH = {"de", "het", "een", "niet", "wordt", "zijn", "naar", "bij", "ook", "deze", "van", "voor", "heeft",
         "tussen", "klanten", "antwoorden", "significant hoger", "lager dan"}


class _Visible(html.parser.HTMLParser):
    """Visible text of a page, without <head>, <style>, <script> and code."""

    SKIP = {"style", "script", "head", "title", "code", "pre"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.parts.append(data.strip())


def visible_text(path: Path) -> list[str]:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.parts


def _demo(tmp_path_factory, language: str):
    folder = tmp_path_factory.mktemp(f"demo_{language}")
    study = yaml.safe_load((ROOT / "studies" / "demo.yml").read_text(encoding="utf-8"))
    study["language"] = language
    for spec in study["data"].values():
        if isinstance(spec, dict):
            spec["path"] = str((ROOT / "studies" / spec["path"]).resolve())
    study["data"] = {k: (str((ROOT / "studies" / v).resolve()) if isinstance(v, str) else v)
                     for k, v in study["data"].items()}
    study["output"] = str(folder / "reports")
    path = folder / "demo.yml"
    path.write_text(yaml.safe_dump(study, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return run_study(path, run_id=language, progress=False)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The demo study in both languages, with the PDF (the suite turns it off elsewhere) where Chromium exists."""
    import os

    before = os.environ.get("NPS_RESEARCH_PDF")
    os.environ["NPS_RESEARCH_PDF"] = "1"
    try:
        return {lang: _demo(tmp_path_factory, lang) for lang in ("nl", "en")}
    finally:
        if before is None:
            os.environ.pop("NPS_RESEARCH_PDF", None)
        else:
            os.environ["NPS_RESEARCH_PDF"] = before


def _is_file_name(token: str) -> bool:
    token = token.rstrip(".,;:)!?")
    return "/" in token or bool(re.search(r"\.(csv|ipynb|yml|yaml|json|xlsx|pdf|parquet|log|html)$", token))


def _problems(texts: list[str], language: str) -> list[str]:
    bad = []
    for text in texts:
        for token in re.findall(r"\S+", text):
            if _is_file_name(token):
                continue
            if re.search(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b", token):
                bad.append(f"snake_case {token!r} in: {text[:120]}")
        # author names ("van der Pols") are names, not Dutch
        words = {w.lower() for w in re.findall(r"(?<![\w-])[A-Za-zÀ-ÿ']+(?![\w-])", re.sub(r"\bvan der\b", "", text))}
        if language == "nl":
            # a version such as "versie 2025.2" is a name, not a number
            if re.search(r"(?<![\d.])0\.\d|\d\.\d{1,2}(?!\d)|\d\.\d{4,}", re.sub(r"versie \S+", "", text)):
                bad.append(f"decimal point in: {text[:120]}")
            hits = words & ENGLISH
        else:
            if re.search(r"\d,\d{1,2}(?!\d)|(?<![\d,])0,\d", text):
                bad.append(f"decimal comma in: {text[:120]}")
            hits = words & DUTCH
        if hits:
            bad.append(f"{'English' if language == 'nl' else 'Dutch'} word(s) {sorted(hits)} in: {text[:120]}")
    return bad


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_speaks_the_report_language(runs, language):
    folder = runs[language].folder
    assert runs[language].ok
    problems = {}
    for page in sorted(folder.glob("*.html")):
        texts = visible_text(page)
        if page.name == "index.html":  # the inputs table lists file names; the rest must hold
            texts = [t for t in texts if not re.fullmatch(r"[0-9a-f]{16}…", t)]
        found = _problems(texts, language)
        if found:
            problems[page.name] = found[:8]
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)


def _chromium_check(url: str, shot: Path) -> dict:
    """Load a page in headless Chromium through the DevTools protocol? Without extra packages: dump the DOM
    after load with --dump-dom and take a screenshot; console errors are written to stderr with
    --enable-logging=stderr --v=0."""
    from nps_research.delivery import CHROMIUM_FLAGS, chromium_binary

    browser = chromium_binary()
    import tempfile

    profile = tempfile.mkdtemp(prefix="nps-browser-")
    try:
        dom = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr",
                              "--v=0", "--virtual-time-budget=5000", "--dump-dom", url],
                             capture_output=True, text=True, timeout=120)
        subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}",
                        "--window-size=1280,4000", "--hide-scrollbars", url],
                       capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line and ("ERROR" in line or "Uncaught" in line)]
    return {"dom": dom.stdout, "console_errors": console}


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_report_in_a_real_browser(runs, language):
    from nps_research.delivery import chromium_binary

    if chromium_binary() is None:
        pytest.skip("no Chromium (.ci/run installs it)")
    folder = runs[language].folder
    shots = folder / "screenshots"
    shots.mkdir(exist_ok=True)
    for page in sorted(folder.glob("*.html")):
        result = _chromium_check(page.resolve().as_uri(), shots / f"{page.stem}.png")
        assert not result["console_errors"], (page.name, result["console_errors"])
        assert (shots / f"{page.stem}.png").stat().st_size > 10_000  # a screenshot for a reviewer
        dom = result["dom"]
        # every image is embedded data or a file that exists
        for src in re.findall(r'<img[^>]+src="([^"]+)"', dom):
            assert src.startswith("data:image/") or (folder / src).exists(), (page.name, src[:80])
        # every link resolves: local files exist, anchors exist on the page
        for href in re.findall(r'<a[^>]+href="([^"]+)"', dom):
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            if href.startswith("#"):
                assert f'id="{href[1:]}"' in dom, (page.name, href)
            else:
                assert (folder / href.split("#")[0]).exists(), (page.name, href)


# ------------------------------------------------------------------------------------------ privacy (issue 14)


def _file_text(path: Path) -> str:
    """Every character a reader of the file could see: xlsx parts unzipped, PDF text extracted."""
    if path.suffix == ".xlsx":  # what a reader sees: sheet names and cell values (not cell references like A10)
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        parts = []
        for sheet in book.worksheets:
            parts.append(sheet.title)
            parts += [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
        book.close()
        return "\n".join(parts)
    if path.suffix == ".pdf":
        if shutil.which("pdftotext") is None:
            pytest.skip("no pdftotext (.ci/run installs poppler-utils)")
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return path.read_bytes().decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_personal_data_in_any_output_file(runs, language):
    """The demo study does not allow personal data: no raw response, customer, employee or agent id and none of
    the e-mail addresses, phone numbers, IBANs, customer numbers and addresses the generator planted in the
    reasons appears in any file the run wrote (pages, executed notebooks, workbooks, PDF, CSV, JSON, log)."""
    import pandas as pd

    from nps_research.synthetic import make_study

    demo = json.loads((ROOT / "data" / "demo" / "truth.json").read_text(encoding="utf-8"))
    truth = make_study(demo["n_customers"], demo["seed"]).truth
    planted = set(truth.planted_personal_data["value"])
    assert planted, "the demo plants personal data"
    ids: set[str] = set()
    for name in ("responses", "invitations", "outcomes", "journey_events"):
        frame = pd.read_csv(ROOT / "data" / "demo" / f"{name}.csv", dtype=str)
        for col in ("response_id", "customer_id", "employee_id", "agent_id"):
            if col in frame:
                ids |= set(frame[col].dropna())
    assert len(ids) > 1000
    folder = runs[language].folder
    files = [f for f in folder.rglob("*") if f.is_file() and "screenshots" not in f.parts]
    assert {".html", ".ipynb", ".json", ".xlsx", ".csv"} <= {f.suffix for f in files}
    if any(f.suffix == ".pdf" for f in files) is False:
        from nps_research.delivery import chromium_binary

        assert chromium_binary() is None, "Chromium is there but the run wrote no PDF"
    leaks = {}
    for f in files:
        text = _file_text(f)
        tokens = set(re.findall(r"[A-Za-z0-9]+", text))
        found = sorted(ids & tokens)[:5] + sorted(v for v in planted if v in text)[:5]
        if found:
            leaks[str(f.relative_to(folder))] = found
    assert not leaks, leaks


# ------------------------------------------------------------------------------------------ executive summary


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_executive_summary_states_the_demo_truth(runs, language):
    """Issue 11: the index page's executive summary names the planted level shift at its month, the strongest
    driver (one of the planted strongest: price, and billing clarity and problem resolution with their
    penalties), and CX ahead of NPS for retention (the demo's outcomes are driven by CX); nothing contradicts
    them (no rise of the level, no finding that NPS predicts retention better)."""
    import html as _html

    import pandas as pd

    from nps_research.findings import load_findings, summary_findings

    truth = json.loads((ROOT / "data" / "demo" / "truth.json").read_text(encoding="utf-8"))
    folder = runs[language].folder
    findings = load_findings((folder / "findings.json").read_text(encoding="utf-8"))
    index = _html.unescape((folder / "index.html").read_text(encoding="utf-8"))
    chosen = summary_findings(findings)
    assert all(f.statement[language] in index for f in chosen)  # what the page shows
    by_area = {}
    for f in chosen:
        by_area.setdefault(f.area, []).append(f)
    # the level shift, at its month (within one), downwards and material
    shifts = [f for f in findings if f.area == "trends" and f.key.startswith("shift_")]
    assert len(shifts) == 1 and shifts[0] in chosen
    planted = pd.Period(truth["level_shift"]["date"][:7], "M")
    found = pd.Period(shifts[0].numbers["period"][:7], "M")
    assert abs((found - planted).n) <= 1 and shifts[0].numbers["diff"] < 0 and shifts[0].status == "material"
    assert ("daalde" if language == "nl" else "fell") in shifts[0].statement[language]
    # the strongest driver
    top = [f for f in chosen if f.area == "drivers"]
    assert len(top) == 1
    assert top[0].numbers["driver"] in {"sat_price", "sat_billing_clarity", "sat_problem_resolution"}
    # CX ahead of NPS for retention, and no finding the other way round
    assert truth["outcome_driver"] == "cx"
    retention = [f for f in chosen if f.area == "compare" and f.numbers.get("outcome") == "retained"]
    assert len(retention) == 1 and retention[0].status == "better"
    assert not [f for f in findings if f.area == "compare" and f.status == "worse"]
    assert not [f for f in findings if f.area == "trends" and f.key.startswith("shift_") and f.numbers["diff"] > 0]
    # the headline NPS leads
    assert chosen[0].area == "nps" and chosen[0].key == "headline"
