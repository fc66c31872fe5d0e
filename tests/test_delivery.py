"""The run's workbook: every report table with labelled headers in the report language, numbers as numbers with
cell formats, findings, definitions and provenance; no formula ever comes from data."""

from __future__ import annotations

import nbformat
import openpyxl
import pytest
import yaml

from nps_research.delivery import neutralise
from nps_research.runner import run_study

BODY = '''
import pandas as pd
from nps_research import report
from nps_research.findings import Finding
df = pd.DataFrame({"segment_column": ["channel", "channel"], "segment": ['=HYPERLINK("http://x","klik")', "web"],
                   "n": [1200, 85], "nps": [12.345, -3.0], "q_value": [0.0004, 0.2], "small_n": [False, True]})
report.show_table(df, language=language, caption="Segmenten")
report.record_findings([Finding.make("nps", "nps.headline", "nps_headline", nps=12.3, low=9.0, high=15.6, n=1200,
                                     level=95, importance=100, p_value=0.01)])
'''


@pytest.fixture
def run(tmp_path):
    (tmp_path / "data").mkdir()
    rows = "".join(f"r{i},c{i},2024-01-{1 + i % 28:02d},relational,,web,{i % 11}\n" for i in range(40))
    (tmp_path / "data" / "r.csv").write_text("response_id,customer_id,date,survey_type,touchpoint,channel,ltr\n" + rows)
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell("data = {}  # help: tables\nlanguage = 'en'  # help: language")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_markdown_cell("# Kerncijfers"), nbformat.v4.new_code_cell(BODY)]
    nbformat.write(nb, nbdir / "01_kern.ipynb")
    study = {"name": "t", "language": "nl", "data": {"responses": "data/r.csv"}, "output": "out", "notebooks": "nbs",
             "analyses": [{"notebook": "01_kern"}]}
    (tmp_path / "study.yml").write_text(yaml.safe_dump(study))
    return run_study(tmp_path / "study.yml", run_id="r", progress=False)


def test_workbook_sheets_headers_formats_and_no_formula_from_data(run):
    wb = openpyxl.load_workbook(run.folder / "report.xlsx")
    assert wb.sheetnames == ["Bevindingen", "Kerncijfers", "Definities", "Herkomst"]
    ws = wb["Kerncijfers"]
    assert ws["A1"].value == "Segmenten"
    assert [c.value for c in ws[2]] == ["kenmerk", "segment", "n", "NPS", "q-waarde", "kleine n"]
    assert [c.value for c in ws[3]] == ["kanaal", "'=HYPERLINK(\"http://x\",\"klik\")", 1200, 12.345, 0.0004, "nee"]
    assert ws["C3"].number_format == "#,##0" and ws["D3"].number_format == "+0.0;-0.0;0.0"
    assert ws["E3"].number_format == "0.000" and ws["D4"].value == -3.0
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    findings = wb["Bevindingen"]
    assert findings["A1"].value == "bevinding" and findings["A2"].value.startswith("De NPS is +12,3")
    assert findings["B2"].value == "Kerncijfers"
    terms = [r[0].value for r in wb["Definities"].iter_rows(min_row=2)]
    assert "Net Promoter Score (NPS)" in terms and "q-waarde" in terms
    prov = {r[0].value: r[1].value for r in wb["Herkomst"].iter_rows() if r[0].value}
    assert prov["onderzoek"] == "t" and prov["run"] == "r" and "data/r.csv" in prov


def test_neutralise():
    assert [neutralise(x) for x in ("=1+1", "+31 6 1234", "-", "@SUM(A1)", "\tx", "\rx", "ok", 3)] == [
        "'=1+1", "'+31 6 1234", "'-", "'@SUM(A1)", "'\tx", "'\rx", "ok", 3]


def test_the_report_as_one_pdf(tmp_path, monkeypatch):
    import shutil
    import subprocess

    from nps_research.delivery import chromium_binary

    if chromium_binary() is None or shutil.which("pdftotext") is None:
        pytest.skip("needs Chromium and pdftotext (.ci/run installs them)")
    monkeypatch.setenv("NPS_RESEARCH_PDF", "1")
    (tmp_path / "data").mkdir()
    rows = "".join(f"r{i},c{i},2024-01-{1 + i % 28:02d},relational,,web,{i % 11}\n" for i in range(40))
    (tmp_path / "data" / "r.csv").write_text("response_id,customer_id,date,survey_type,touchpoint,channel,ltr\n" + rows)
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell("data = {}  # help: tables\nlanguage = 'en'  # help: language")
    params.metadata["tags"] = ["parameters"]
    long = "import pandas as pd\nfrom nps_research import report\n" \
           "report.show_table(pd.DataFrame({'n': list(range(60))}), language=language, caption='Lang')"
    nb.cells = [params, nbformat.v4.new_markdown_cell("# Kerncijfers"), nbformat.v4.new_code_cell(BODY),
                nbformat.v4.new_code_cell(long)]
    nbformat.write(nb, nbdir / "01_kern.ipynb")
    study = {"name": "t", "title": "Mijn onderzoek", "language": "nl", "data": {"responses": "data/r.csv"},
             "output": "out", "notebooks": "nbs", "analyses": [{"notebook": "01_kern"}]}
    (tmp_path / "study.yml").write_text(yaml.safe_dump(study))
    run = run_study(tmp_path / "study.yml", run_id="pdf", progress=False)
    pdf = run.folder / "report.pdf"
    assert pdf.exists()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Mijn onderzoek" in text and "Belangrijkste bevindingen" in text  # the index page first
    assert "Kerncijfers" in text and "kenmerk" in text
    assert "import pandas" not in text  # no code
    assert "\n59\n" in text  # the folded 60-row table is printed open
    assert not list(run.folder.glob(".print-*")) and not list(run.folder.glob(".report-*"))  # nothing half-written
