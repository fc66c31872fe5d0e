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

__all__ = ["collect_tables", "neutralise", "write_workbook"]

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
