"""A realistic client export goes in as it arrives: a Dutch insurer's transactional export without survey type or
touchpoint columns, a retention file with one row per response (repeated, partly conflicting customers), Dutch
values and the client's own column names in the analyses. Generated here by a small independent generator.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

import nps_research as nr
from nps_research.checks import check_study
from nps_research.cli import app
from nps_research.config import load_config


def make_insurer(folder: Path, n: int = 600, seed: int = 7) -> dict:
    """Write klant_export.csv (cp1252, ';', decimal comma) and klant_behoud.csv; return what was planted."""
    rng = np.random.default_rng(seed)
    customers = [f"K{i:05d}" for i in range(int(n * 0.92))]
    cust = rng.choice(customers, size=n)
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 540, n), unit="D")
    ltr = np.clip(np.round(rng.normal(7, 2.4, n)), 0, 10).astype(int)
    export = pd.DataFrame({
        "Respondent": np.arange(1, n + 1),
        "Klantnummer": cust,
        "Datum": dates.strftime("%d-%m-%Y"),
        "Kanaal": rng.choice(["telefoon", "mail", "chat"], n),
        "Product": rng.choice(["auto", "woon", "reis"], n),
        "Medewerker": rng.choice([f"M{i:02d}" for i in range(12)], n),
        "Q1 Aanbevelen": ltr,
        "Tevredenheid": np.round(np.clip(ltr * 0.8 + rng.normal(1.5, 1, n), 1, 10)).astype(int),
        "Toelichting": rng.choice(["Snelle afhandeling", "Te lang gewacht", "Vriendelijk", ""], n),
    })
    text = export.to_csv(sep=";", index=False, decimal=",")
    (folder / "klant_export.csv").write_bytes(text.encode("cp1252"))
    # retention: one row per response; customers who answered twice appear twice, some with other values
    keep = pd.DataFrame({"Klantnummer": cust, "Behouden": (rng.random(n) < 0.85).astype(int),
                         "Omzet": np.round(rng.gamma(4, 150, n), 2)})
    first_value = keep.groupby("Klantnummer")["Behouden"].transform("first")
    repeated = keep["Klantnummer"].duplicated(keep=False)
    # make repeats agree except for a known number of customers
    conflicting_customers = keep.loc[repeated, "Klantnummer"].drop_duplicates().iloc[:9]
    agree = repeated & ~keep["Klantnummer"].isin(conflicting_customers)
    keep.loc[agree, "Behouden"] = first_value[agree]
    keep.loc[agree, "Omzet"] = keep.loc[agree].groupby("Klantnummer")["Omzet"].transform("first")
    for c in conflicting_customers:
        rows = keep.index[keep["Klantnummer"] == c]
        keep.loc[rows, "Behouden"] = [1, 0] + [0] * (len(rows) - 2)
    (folder / "klant_behoud.csv").write_bytes(keep.to_csv(sep=";", index=False, decimal=",").encode("cp1252"))
    dup_rows = int(repeated.sum() - keep.loc[repeated, "Klantnummer"].nunique())
    return {"n": n, "reduced": dup_rows, "keys": int(keep.loc[repeated, "Klantnummer"].nunique()),
            "conflicting": len(conflicting_customers), "last": keep.groupby("Klantnummer").tail(1)}


def insurer_study(folder: Path, analyses=None) -> Path:
    study = {
        "name": "verzekeraar", "title": "Klantonderzoek verzekeraar", "language": "nl",
        "survey_type": "transactioneel",
        "data": {
            "responses": {"path": "klant_export.csv", "columns": {
                "response_id": "Respondent", "customer_id": "Klantnummer", "date": "Datum", "channel": "Kanaal",
                "product": "Product", "employee_id": "Medewerker", "ltr": "Q1 Aanbevelen", "csat": "Tevredenheid",
                "reason": "Toelichting", "survey_type": {"value": "transactioneel"}},
                "ranges": {"csat": [1, 10]}},
            "outcomes": {"path": "klant_behoud.csv", "columns": {
                "customer_id": "Klantnummer", "retained": "Behouden", "revenue_next_12m": "Omzet"},
                "aggregate": {"by": "customer_id", "rule": "last"}},
        },
        "analyses": analyses or [{"notebook": "01_data_overview"}],
        "output": "rapporten",
    }
    path = folder / "onderzoek.yml"
    path.write_text(yaml.safe_dump(study, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def insurer(tmp_path):
    planted = make_insurer(tmp_path)
    return insurer_study(tmp_path), planted


def test_the_export_loads_without_pre_processing(insurer):
    path, planted = insurer
    before = (path.parent / "klant_export.csv").read_bytes()
    study = nr.load_study(path)
    r = study.responses
    assert len(r) == planted["n"] and set(r["survey_type"]) == {"transactional"}
    assert "touchpoint" not in r.columns  # optional, not in this export
    assert study.labels["channel"] == "Kanaal" and "survey_type" not in study.labels
    assert r["csat"].max() <= 10
    assert (study.outcomes["revenue_next_12m"] % 1 != 0).any()  # decimal commas read
    out = study.outcomes
    assert out["customer_id"].is_unique and len(out) == out["customer_id"].nunique()
    agg = study.notes["outcomes"]["aggregated"]
    assert (agg["reduced"], agg["keys"], agg["conflicting"]) == (planted["reduced"], planted["keys"], 9)
    # "last" without a date in the table: the last row of each customer in file order
    last = planted["last"].set_index("Klantnummer")["Behouden"]
    assert (out.set_index("customer_id")["retained"] == last.reindex(out["customer_id"]).to_numpy()).all()
    assert (path.parent / "klant_export.csv").read_bytes() == before  # raw files are never modified


def test_validate_summarises_in_dutch_with_the_reduction(insurer):
    path, planted = insurer
    res = CliRunner().invoke(app, ["validate", str(path)])
    assert res.exit_code == 0, res.output
    assert "onderzoek 'verzekeraar' is in orde" in res.output
    assert (f"outcomes: {planted['reduced']} rijen samengevoegd tot één rij per customer_id "
            f"({planted['keys']} herhaalde sleutels, regel 'last'); 9 sleutels hadden tegenstrijdige waarden") in res.output
    assert "soorten meting: transactioneel 600" in res.output


def _annotated_notebooks(folder: Path) -> Path:
    """Two notebooks with declared parameters (the real notebooks carry the same kinds)."""
    nbdir = folder / "nbs"
    nbdir.mkdir()
    for name, params in {
        "02_nps": 'data = {}  # help: tables\nlanguage = "en"  # help: language [choice: en|nl]\n'
                  'segment_columns = ["region"]  # help: segments [columns]\n'
                  'survey_type = "relational"  # help: which answers [survey_type]\n'
                  'freq = "M"  # help: period [choice: D|W|M|Q|Y]\n',
        "03_cx_measurement": 'data = {}  # help: tables\nscale = "EXQ"  # help: the scale [scale]\n',
    }.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        cell = nbformat.v4.new_code_cell(params)
        cell.metadata["tags"] = ["parameters"]
        nb.cells = [cell, nbformat.v4.new_code_cell("print(segment_columns if 'segment_columns' in dir() else scale)")]
        nbformat.write(nb, nbdir / f"{name}.ipynb")
    return nbdir


def test_dutch_values_and_client_column_names_are_accepted_and_normalised(insurer):
    path, _ = insurer
    nbdir = _annotated_notebooks(path.parent)
    insurer_study(path.parent, [{"notebook": "02_nps", "parameters": {"segment_columns": ["Kanaal", "product"],
                                                                      "survey_type": "transactioneel"}}])
    study, checked = check_study(load_config(path), nb_dir=nbdir)
    assert checked.parameters["02_nps"] == {"segment_columns": ["channel", "product"], "survey_type": "transactional"}


def test_every_mistake_is_reported_at_once_in_dutch_before_anything_runs(insurer):
    path, _ = insurer
    nbdir = _annotated_notebooks(path.parent)
    insurer_study(path.parent, [
        {"notebook": "02_nsp"},
        {"notebook": "02_nps", "parameters": {"segment_columns": ["Kanal", "regio"], "survey_type": "wekelijks",
                                              "freq": "maand", "frq": "M"}},
        {"notebook": "03_cx_measurement", "parameters": {"scale": "EXQQ"}},
    ])
    with pytest.raises(nr.StudyConfigError) as info:
        check_study(load_config(path), nb_dir=nbdir)
    assert str(info.value).splitlines() == [
        "7 problemen in de analyses van het onderzoek:",
        "  - analyses: notebook '02_nsp' bestaat niet; bedoelt u '02_nps'? (beschikbaar: 02_nps of 03_cx_measurement)",
        "  - analyses.02_nps.parameters.segment_columns: kolom 'Kanal' staat niet in de antwoorden; bedoelt u "
        "'Kanaal'?",
        "  - analyses.02_nps.parameters.segment_columns: kolom 'regio' staat niet in de antwoorden",
        "  - analyses.02_nps.parameters.survey_type: 'wekelijks' is niet toegestaan; gebruik relational, "
        "transactional, relationeel of transactioneel",
        "  - analyses.02_nps.parameters.freq: 'maand' is niet toegestaan; gebruik D, W, M, Q of Y",
        "  - analyses.02_nps.parameters: onbekende parameter 'frq'; bedoelt u 'freq'?",
        "  - analyses.03_cx_measurement.parameters.scale: onbekende schaal 'EXQQ'; bedoelt u 'EXQ'? (schalen: EXQ, "
        "SERVQUAL of ESQUAL)",
    ]


def test_the_command_line_reports_the_same_before_running(insurer):
    path, _ = insurer
    insurer_study(path.parent, [{"notebook": "01_data_overviw"}])
    res = CliRunner().invoke(app, ["run", str(path), "--no-progress"])
    assert res.exit_code == 1
    assert "notebook '01_data_overviw' bestaat niet; bedoelt u '01_data_overview'?" in res.output
    assert not (path.parent / "rapporten").exists()
    res = CliRunner().invoke(app, ["validate", str(path)])
    assert res.exit_code == 1 and "bedoelt u '01_data_overview'?" in res.output
