"""Client deliveries of a run: one Excel workbook with every report table, the findings, definitions and the
run's provenance.

The notebooks record each report table's raw values next to its HTML (:func:`nps_research.report.show_table`,
MIME type :data:`nps_research.tables.TABLE_MIME`); :func:`write_workbook` gathers them from the executed
notebooks of a run. Numbers are written as numbers with cell formats by column kind (so Excel shows decimal
commas to a Dutch reader), words in the report language, and every text cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is neutralised with a leading apostrophe, so that no formula ever comes
from data.

Examples
--------
>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-12 punten"), neutralise("gewoon")
('\\'=HYPERLINK("http://x")', "'-12 punten", 'gewoon')
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["CHROMIUM_FLAGS", "chromium_binary", "collect_tables", "neutralise", "write_pdf", "write_workbook"]

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

#: Excel number formats by column kind (locale-independent codes; Excel shows them in the reader's locale).
_FORMATS = {"count": "#,##0", "int": "#,##0", "points": "+0.0;-0.0;0.0", "pct": "0.0", "share": "0.0%",
            "p": "0.000", "number": "0.00", "signed": "+0.0;-0.0;0.0"}


def neutralise(text: Any) -> Any:
    """A text cell that a spreadsheet could read as a formula, made plain text (leading apostrophe)."""
    if isinstance(text, str) and text.startswith(_DANGEROUS):
        return "'" + text
    return text


def collect_tables(folder: Path, names: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Page name -> the report tables it recorded, in page order."""
    import nbformat

    from .tables import TABLE_MIME

    out: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        path = Path(folder) / f"{name}.ipynb"
        if not path.exists():
            continue
        nb = nbformat.read(path, as_version=4)
        tables = []
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                record = output.get("data", {}).get(TABLE_MIME)
                if record:
                    tables.append(record if isinstance(record, dict) else json.loads(record))
        out[name] = tables
    return out


def _sheet_name(title: str, used: set[str]) -> str:
    bad = '[]:*?/\\'
    base = "".join("-" if ch in bad else ch for ch in title).strip()[:31] or "Sheet"
    name, k = base, 2
    while name.lower() in used:
        suffix = f" ({k})"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(name.lower())
    return name


def write_workbook(path: Path, *, tables: dict[str, list[dict[str, Any]]], titles: dict[str, str],
                   findings: list, manifest: dict[str, Any], language: str = "en",
                   inputs: list[dict[str, str]] | None = None) -> Path:
    """Write the run's workbook: a sheet of findings, one sheet per page with its tables, definitions and
    provenance. Written atomically; returns ``path``."""
    import os
    import tempfile

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from .text import t

    wb = Workbook()
    used: set[str] = set()
    bold = Font(bold=True)

    ws = wb.active
    ws.title = _sheet_name(t("delivery.findings", language), used)
    ws.append([t("delivery.col_finding", language), t("delivery.col_page", language),
               t("delivery.col_test", language), "p", "q", t("delivery.col_size", language)])
    for c in ws[1]:
        c.font = bold
    for f in sorted(findings, key=lambda f: (-f.importance, f.page or "", f.key)):
        ws.append([neutralise(f.statement.get(language, "")), neutralise(titles.get(f.page or "", f.page or "")),
                   neutralise(f.test or ""), f.p_value, f.q_value, f.size])
    ws.column_dimensions["A"].width = 100
    ws.column_dimensions["B"].width = 30

    for page, page_tables in tables.items():
        if not page_tables:
            continue
        ws = wb.create_sheet(_sheet_name(titles.get(page, page), used))
        row = 1
        widths: dict[int, int] = {}
        for record in page_tables:
            if record.get("caption"):
                ws.cell(row=row, column=1, value=neutralise(record["caption"])).font = bold
                row += 1
            for j, col in enumerate(record["columns"], start=1):
                c = ws.cell(row=row, column=j, value=neutralise(col["header"]))
                c.font = bold
                c.alignment = Alignment(wrap_text=True)
                widths[j] = max(widths.get(j, 8), min(40, len(str(col["header"])) + 2))
            row += 1
            words = record.get("words", {})
            for i, values in enumerate(record["rows"]):
                for j, (col, value) in enumerate(zip(record["columns"], values), start=1):
                    kind, _, dec = col["kind"].partition(":")
                    if col["name"] in words:
                        value = words[col["name"]][i]
                    c = ws.cell(row=row, column=j, value=neutralise(value))
                    if kind in _FORMATS and isinstance(value, int | float) and not isinstance(value, bool):
                        fmt = _FORMATS[kind]
                        if dec and kind in ("number", "signed", "pct", "points"):
                            zeros = "0." + "0" * int(dec) if int(dec) else "0"
                            fmt = zeros if kind in ("number", "pct") else f"+{zeros};-{zeros};{zeros}"
                        c.number_format = fmt
                    widths[j] = max(widths.get(j, 8), min(40, len(str(value)) + 2))
                row += 1
            row += 1
        for j, w in widths.items():
            ws.column_dimensions[get_column_letter(j)].width = w

    ws = wb.create_sheet(_sheet_name(t("delivery.definitions", language), used))
    ws.append([t("delivery.col_term", language), t("delivery.col_meaning", language),
               t("delivery.col_reference", language)])
    for c in ws[1]:
        c.font = bold
    from .text import TEXTS

    for key in sorted(k for k in TEXTS if k.startswith("definition.") and k.endswith(".term")):
        base = key[: -len(".term")]
        ws.append([t(key, language), t(base + ".meaning", language), t(base + ".reference", language)])
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 100
    ws.column_dimensions["C"].width = 60

    ws = wb.create_sheet(_sheet_name(t("delivery.provenance", language), used))
    for label, value in (("delivery.study", manifest.get("study")), ("delivery.run", manifest.get("run_id")),
                         ("delivery.started", manifest.get("started")), ("delivery.finished", manifest.get("finished")),
                         ("delivery.version", manifest.get("nps_research")),
                         ("delivery.commit", (manifest.get("git") or {}).get("commit")),
                         ("delivery.python", manifest.get("python"))):
        ws.append([t(label, language), neutralise(str(value) if value is not None else "")])
    ws.append([])
    ws.append([t("delivery.col_file", language), "SHA-256"])
    for item in inputs or []:
        ws.append([neutralise(item["path"]), item["sha256"]])
    ws.column_dimensions["A"].width = 45
    ws.column_dimensions["B"].width = 70

    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


def chromium_binary() -> str | None:
    """The headless browser used for the PDF and the browser checks (Debian's ``chromium``), or None."""
    import shutil

    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


#: Flags for a headless Chromium on a closed machine (no background networking, no first-run, no sandbox as root).
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")

_PRINT_CSS = """<style>
@page { size: A4; margin: 14mm 12mm; }
@media print {
  .nr-page { break-before: page; }
  table, img, figure, .jp-RenderedImage, .jp-OutputArea-child, tr { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  body { max-width: none; }
  .jp-Notebook { padding: 0; }
  .jp-RenderedHTMLCommon table, table.nr-table { font-size: 7.5pt; max-width: 100%; }
  .jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { padding: 1px 4px; }
  img { max-width: 100% !important; max-height: 235mm; height: auto; object-fit: contain; }
  details { break-inside: auto; }
}
</style>"""


def _between(text: str, start: str, end: str) -> str:
    import re

    m = re.search(start, text, re.S | re.I)
    if not m:
        return ""
    j = text.lower().find(end.lower(), m.end())
    return text[m.end(): j if j >= 0 else len(text)]


def write_pdf(folder: Path, pages: list[str], *, language: str = "en", title: str = "report",
              timeout: int = 300) -> Path | None:
    """The report as one PDF (index and pages, without code) by headless Chromium's print to PDF; tables and
    figures are not cut across pages and folded tables are opened. Returns None when no Chromium is found."""
    import os
    import subprocess
    import tempfile

    browser = chromium_binary()
    if browser is None:
        return None
    folder = Path(folder)
    head, bodies = "", []
    index = (folder / "index.html").read_text(encoding="utf-8") if (folder / "index.html").exists() else ""
    if index:
        bodies.append('<section class="nr-index">' + _between(index, r"<style>", "</style>").join(
            ["<style>", "</style>"]) + _between(index, r"<body[^>]*>", "</body>") + "</section>")
    for name in pages:
        path = folder / f"{name}.html"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        if not head:
            head = _between(text, r"<head[^>]*>", "</head>")
        bodies.append(f'<section class="nr-page">{_between(text, r"<body[^>]*>", "</body>")}</section>')
    html = (f'<!DOCTYPE html><html lang="{language}"><head>{head}{_PRINT_CSS}<title>{title}</title></head>'
            f'<body class="jp-Notebook">{"".join(bodies)}</body></html>')
    html = html.replace("<details ", "<details open ").replace("<details>", "<details open>")
    fd, tmp_html = tempfile.mkstemp(dir=folder, prefix=".print-", suffix=".html")
    os.close(fd)
    target = folder / "report.pdf"
    fd, tmp_pdf = tempfile.mkstemp(dir=folder, prefix=".report-", suffix=".pdf")
    os.close(fd)
    try:
        Path(tmp_html).write_text(html, encoding="utf-8")
        profile = tempfile.mkdtemp(prefix="nps-chromium-")
        cmd = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
               f"--print-to-pdf={tmp_pdf}", Path(tmp_html).resolve().as_uri()]
        subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        if os.path.getsize(tmp_pdf) == 0:
            return None
        os.replace(tmp_pdf, target)
        return target
    finally:
        for p in (tmp_html, tmp_pdf):
            if os.path.exists(p):
                os.remove(p)
        import shutil

        shutil.rmtree(locals().get("profile", ""), ignore_errors=True)
