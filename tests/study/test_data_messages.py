"""Problems in the data files are said in the study's language (issue 12 item 2): the table, the file, the
column, the rule and the rows, before anything runs."""

from __future__ import annotations

import pickle

import yaml
from typer.testing import CliRunner

from nps_research.cli import app
from nps_research.errors import DataProblem, Rule, StudyDataError


def _study(folder, language):
    rows = ["Respondent;Klantnummer;Datum;Aanbeveling;Kanaal",
            "1;K1;01-02-2024;9;telefoon",
            "2;K2;02-02-2024;11;mail",      # out of range
            "3;K3;31-02-2024;7;chat",       # no such date
            "3;K4;03-02-2024;7,5;chat"]     # duplicate id, decimals
    (folder / "export.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    study = {"name": "fouten", "language": language, "survey_type": "transactional",
             "data": {"responses": {"path": "export.csv", "columns": {
                 "response_id": "Respondent", "customer_id": "Klantnummer", "date": "Datum", "ltr": "Aanbeveling",
                 "channel": "Kanaal", "survey_type": {"value": "transactional"}}}},
             "analyses": [{"notebook": "01_data_overview"}], "output": "rapporten"}
    path = folder / f"onderzoek_{language}.yml"
    path.write_text(yaml.safe_dump(study, allow_unicode=True), encoding="utf-8")
    return path


def test_validate_says_the_data_problems_in_dutch(tmp_path):
    res = CliRunner().invoke(app, ["validate", str(_study(tmp_path, "nl"))])
    assert res.exit_code == 1
    lines = res.output.splitlines()
    assert lines[0] == "4 problemen in de gegevens van het onderzoek:"
    where = "  - tabel 'responses' (bestand 'export.csv'), kolom"
    assert (f"{where} 'Aanbeveling' (rol 'ltr'): moet een geheel getal 0-10 zijn, gevonden: decimalen "
            "(1 rij: 5); waarden: '7,5'") in lines
    assert (f"{where} 'Aanbeveling' (rol 'ltr'): moet een geheel getal 0-10 zijn, gevonden: waarden buiten het "
            "bereik (1 rij: 3); waarden: '11'") in lines
    assert any(line.startswith(f"{where} 'Datum' (rol 'date'): moet een datum zijn (2024-01-31") and
               "(1 rij: 4); waarden: '31-02-2024'" in line for line in lines)
    assert (f"{where} 'Respondent' (rol 'response_id'): moet uniek zijn, gevonden: dubbele waarden "
            "(2 rijen: 4, 5); waarden: '3'") in lines
    assert not (tmp_path / "rapporten").exists()


def test_the_same_problems_in_english(tmp_path):
    res = CliRunner().invoke(app, ["validate", str(_study(tmp_path, "en"))])
    assert res.exit_code == 1
    assert res.output.splitlines()[0] == "4 problems in the study data:"
    assert ("  - table 'responses' (file 'export.csv'), column 'Respondent' (role 'response_id'): must be unique, "
            "found duplicates (2 rows: 4, 5); values: '3'") in res.output.splitlines()


def test_a_rule_is_its_english_text_and_survives_pickling():
    rule = Rule.make("data.at_most", high="10")
    assert rule == "must be <= 10" and {rule: 1}["must be <= 10"] == 1
    problem = pickle.loads(pickle.dumps(DataProblem("responses", rule, column="x")))
    assert problem.message("nl") == "tabel 'responses', kolom 'x': moet <= 10 zijn"
    assert StudyDataError([problem]).in_language("nl").message("nl").startswith("1 probleem")
