"""Reading and validating study data: every kind of bad input gets an exact, helpful message."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

import nps_research as nr
from nps_research.io import read_raw, sniff_separator
from nps_research.validate import parse_dates, parse_number, parse_score

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HEADER = "response_id,customer_id,date,survey_type,touchpoint,channel,ltr\n"
GOOD_ROW = "r{i},c{i},2024-01-05,relational,,web,9\n"


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return p


def error_lines(data):
    with pytest.raises(nr.StudyDataError) as info:
        nr.load_data(data)
    return str(info.value).splitlines(), info.value


def test_study_data_error_is_value_error():
    assert issubclass(nr.StudyDataError, ValueError)


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("11", "found values outside the range"),
        ("-1", "found values outside the range"),
        ("7.5", "found decimals"),
        ("7,5", "found decimals"),
        ("hoog", "found text"),
        ("Zeer waarschijnlijk", "found text"),
    ],
)
def test_wrong_scale_and_text_in_score_column(tmp_path, value, rule):
    p = write(tmp_path, "r.csv", HEADER + GOOD_ROW.format(i=1) + f'r2,c2,2024-01-06,relational,,web,"{value}"\n')
    lines, err = error_lines({"responses": str(p)})
    assert lines == [
        "1 problem in the study data:",
        f"  - table 'responses' (file 'r.csv'), column 'ltr': must be a whole number 0-10, {rule} (1 row: 3); "
        f"values: '{value}'",
    ]
    (problem,) = err.problems
    assert (problem.table, problem.column, problem.role, problem.rows) == ("responses", "ltr", "ltr", (3,))


def test_all_problems_collected_with_client_column_names(tmp_path):
    text = (
        "Respondent;Klant;Datum;Type;Touchpoint;Kanaal;Q1 Aanbevelen\n"
        "1;k1;05-01-2024;relationeel;;web;11\n"
        "1;k2;06-01-2024;transactioneel;factuur;app;9\n"
        "3;k3;gisteren;transactioneel;factuur;app;12\n"
    )
    p = write(tmp_path, "nl.csv", text, "cp1252")
    mapping = {"response_id": "Respondent", "customer_id": "Klant", "date": "Datum", "survey_type": "Type",
               "channel": "Kanaal", "ltr": "Q1 Aanbevelen"}
    lines, err = error_lines({"responses": {"path": str(p), "columns": mapping}})
    assert lines == [
        "3 problems in the study data:",
        "  - table 'responses' (file 'nl.csv'), column 'Respondent' (role 'response_id'): must be unique, found "
        "duplicates (2 rows: 2, 3); values: '1'",
        "  - table 'responses' (file 'nl.csv'), column 'Datum' (role 'date'): must be a date (2024-01-31, "
        "31-01-2024 or 31/01/2024; set date_format in the study for others) (1 row: 4); values: 'gisteren'",
        "  - table 'responses' (file 'nl.csv'), column 'Q1 Aanbevelen' (role 'ltr'): must be a whole number 0-10, "
        "found values outside the range (2 rows: 2, 4); values: '11', '12'",
    ]


def test_missing_required_column(tmp_path):
    p = write(tmp_path, "r.csv", "response_id,customer_id,date,survey_type,touchpoint,channel\n"
                                 "r1,c1,2024-01-05,relational,,web\n")
    lines, _ = error_lines({"responses": str(p)})
    assert lines[1] == (
        "  - table 'responses' (file 'r.csv'), column 'ltr': required column is missing from 'r.csv'; map the "
        "role to the client's column in the study file (columns: 'response_id', 'customer_id', 'date', "
        "'survey_type', 'touchpoint', 'channel')")


def test_mapping_to_a_column_that_does_not_exist(tmp_path):
    p = write(tmp_path, "r.csv", HEADER + GOOD_ROW.format(i=1))
    lines, _ = error_lines({"responses": {"path": str(p), "columns": {"ltr": "Q1 Aanbevelen"}}})
    assert lines == [
        "1 problem in the study data:",
        "  - table 'responses' (file 'r.csv'), column 'Q1 Aanbevelen' (role 'ltr'): the study maps it to a column "
        "that is not in 'r.csv' (columns: 'response_id', 'customer_id', 'date', 'survey_type', 'touchpoint', "
        "'channel', 'ltr')",
    ]


def test_duplicate_response_id(tmp_path):
    rows = "".join(GOOD_ROW.format(i=i) for i in (1, 2, 1, 3, 2))
    lines, err = error_lines({"responses": str(write(tmp_path, "r.csv", HEADER + rows))})
    assert lines[1] == ("  - table 'responses' (file 'r.csv'), column 'response_id': must be unique, found "
                        "duplicates (4 rows: 2, 3, 4, 6); values: 'r1', 'r2'")
    assert err.problems[0].n_rows == 4


def test_empty_file_and_header_only(tmp_path):
    lines, _ = error_lines({"responses": str(write(tmp_path, "empty.csv", ""))})
    assert lines == ["1 problem in the study data:", "  - table 'responses': 'empty.csv' is empty"]
    lines, _ = error_lines({"responses": str(write(tmp_path, "header.csv", HEADER))})
    assert lines == ["1 problem in the study data:",
                     "  - table 'responses': 'header.csv' has a header but no data rows"]


def test_unknown_encoding_bytes(tmp_path):
    p = write(tmp_path, "r.csv", HEADER.encode() + b"r1,c1,2024-01-05,relational,,w\x81b,9\n")
    lines, _ = error_lines({"responses": str(p)})
    assert lines[1] == (
        "  - table 'responses': the file is not valid UTF-8 or cp1252 text: byte 81 on line 2 cannot be "
        "decoded; save the export as UTF-8, or set 'encoding: latin-1' for this table in the study file "
        "(1 row: 2)")
    # the advice works
    study = nr.load_data({"responses": {"path": str(p), "encoding": "latin-1"}})
    assert study.responses.loc[0, "channel"] == "w\x81b"


def test_unparseable_dates_list_rows(tmp_path):
    rows = (GOOD_ROW.format(i=1) + "r2,c2,2024-02-30,relational,,web,9\n" + "r3,c3,31-12-2024,relational,,web,9\n"
            + "r4,c4,12/31/2024,relational,,web,9\n")
    lines, err = error_lines({"responses": str(write(tmp_path, "r.csv", HEADER + rows))})
    assert lines == [
        "1 problem in the study data:",
        "  - table 'responses' (file 'r.csv'), column 'date': must be a date (2024-01-31, 31-01-2024 or "
        "31/01/2024; set date_format in the study for others) (2 rows: 3, 5); values: '2024-02-30', '12/31/2024'",
    ]
    (problem,) = err.problems
    assert problem.column == "date" and problem.rows == (3, 5)
    assert problem.examples == ("2024-02-30", "12/31/2024")
    # a month-first export is read with an explicit format
    p = write(tmp_path, "us.csv", HEADER + "r1,c1,12/31/2024,relational,,web,9\n")
    study = nr.load_data({"responses": {"path": str(p), "date_format": "%m/%d/%Y"}})
    assert study.responses.loc[0, "date"] == pd.Timestamp("2024-12-31")


def test_ragged_rows(tmp_path):
    p = write(tmp_path, "r.csv", HEADER + GOOD_ROW.format(i=1) + "r2,c2,2024-01-05,relational,,web\n")
    lines, _ = error_lines({"responses": str(p)})
    assert lines[1] == ("  - table 'responses': rows with a different number of fields than the header (7, "
                        "separator ',') (1 row: 3)")


def test_errors_from_several_tables_are_collected(tmp_path):
    r = write(tmp_path, "r.csv", HEADER + GOOD_ROW.format(i=1))
    o = write(tmp_path, "o.csv", "customer_id,retained,share_of_wallet\nc1,ja,0.5\nc1,2,1.5\n")
    lines, _ = error_lines({"responses": str(r), "outcomes": str(o)})
    assert lines == [
        "3 problems in the study data:",
        "  - table 'outcomes' (file 'o.csv'), column 'customer_id': must be unique, found duplicates "
        "(2 rows: 2, 3); values: 'c1'",
        "  - table 'outcomes' (file 'o.csv'), column 'retained': must be 0 or 1 (or yes/no, ja/nee, true/false) "
        "(1 row: 3); values: '2'",
        "  - table 'outcomes' (file 'o.csv'), column 'share_of_wallet': must be <= 1 (1 row: 3); values: '1.5'",
    ]


def test_invitations_rule_responded_without_invitation(tmp_path):
    r = write(tmp_path, "r.csv", HEADER + GOOD_ROW.format(i=1))
    i = write(tmp_path, "i.csv", "transaction_id,customer_id,employee_id,date,invited,responded\n"
                                 "t1,c1,e1,2024-01-01,1,1\nt2,c2,e1,2024-01-01,0,1\n")
    lines, _ = error_lines({"responses": str(r), "invitations": str(i)})
    assert lines[1] == ("  - table 'invitations' (file 'i.csv'), column 'responded': responded is 1 but invited "
                        "is 0 (1 row: 3)")


def test_dutch_csv_fixture_semicolon_decimal_comma_cp1252():
    """A Dutch Excel export: ';', decimal comma, cp1252 (é, ë), BOM-less, CRLF, labelled answers, Dutch dates."""
    p = FIXTURES / "dutch_export.csv"
    raw = read_raw(p)
    assert (raw.sep, raw.encoding, raw.decimal) == (";", "cp1252", ",")
    assert list(raw.frame.index) == [2, 3, 4]  # rows as in the file, quoted line break inside row 4
    mapping = {"response_id": "Respondent", "customer_id": "Klant", "date": "Datum", "survey_type": "Type",
               "channel": "Kanaal", "ltr": "Q1 Aanbevelen", "weight": "Gewicht", "reason": "Reden",
               "followup_consent": "Terugbellen"}
    r = nr.load_data({"responses": {"path": str(p), "columns": mapping}}).responses
    assert r["ltr"].tolist() == [10, 0, 7]
    assert r["weight"].tolist() == [1.25, 0.75, 1234.5]
    assert r["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-31", "2024-02-01", "2024-02-02"]
    assert r["survey_type"].tolist() == ["relational", "transactional", "transactional"]
    assert r["followup_consent"].tolist() == [1, 0, 1]
    assert r.loc[1, "reason"] == "Te duur é ë"
    assert r.loc[2, "reason"] == "Meerdere; regels\r\ntekst"


def test_utf8_bom_and_utf16(tmp_path):
    p = write(tmp_path, "bom.csv", "\ufeff" + HEADER + GOOD_ROW.format(i=1), "utf-8")
    assert nr.load_data({"responses": str(p)}).responses.columns[0] == "response_id"
    p = write(tmp_path, "u16.csv", HEADER + GOOD_ROW.format(i=1), "utf-16")
    assert nr.load_data({"responses": str(p)}).responses["ltr"].tolist() == [9]


def test_excel_and_parquet_read_like_csv(tmp_path):
    csv = write(tmp_path, "r.csv", HEADER + GOOD_ROW.format(i=1) + "r2,c2,2024-01-06,transactional,bill,app,"
                "\"3 - onwaarschijnlijk\"\n")
    ref = nr.load_data({"responses": str(csv)}).responses
    frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
    frame["ltr"] = frame["ltr"].where(frame["ltr"] != "3 - onwaarschijnlijk", "3")
    frame["ltr"] = frame["ltr"].astype(int)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["touchpoint"] = frame["touchpoint"].replace("", None)
    frame.to_excel(tmp_path / "r.xlsx", index=False)
    frame.to_parquet(tmp_path / "r.parquet")
    for suffix in ("xlsx", "parquet"):
        got = nr.load_data({"responses": str(tmp_path / f"r.{suffix}")}).responses
        pd.testing.assert_frame_equal(got, ref, check_dtype=False)


def test_excel_rows_are_numbered_as_in_the_sheet(tmp_path):
    df = pd.DataFrame({"response_id": ["a", "b", "c"], "customer_id": ["1", "2", "3"],
                       "date": ["2024-01-01"] * 3, "survey_type": ["relational"] * 3, "touchpoint": [None] * 3,
                       "channel": ["web"] * 3, "ltr": [5, 15, 9]})
    df.to_excel(tmp_path / "r.xlsx", index=False)
    _, err = error_lines({"responses": str(tmp_path / "r.xlsx")})
    assert err.problems[0].rows == (3,)


def test_raw_files_are_never_modified(tmp_path):
    p = write(tmp_path, "x.csv", HEADER + GOOD_ROW.format(i=1) + "r2,c2,bad,relational,,web,99\n")
    before = hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns
    with pytest.raises(nr.StudyDataError):
        nr.load_data({"responses": str(p)})
    nr.load_data({"responses": str(write(tmp_path, "ok.csv", HEADER + GOOD_ROW.format(i=1)))})
    assert (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["ok.csv", "x.csv"]


def test_score_groups_and_ranges(tmp_path):
    p = write(tmp_path, "r.csv", HEADER.strip() + ",Q5 Prijs,exq1\n" + "r1,c1,2024-01-05,relational,,web,9,10,7\n"
              "r2,c2,2024-01-05,relational,,web,9,0,8\n")
    spec = {"path": str(p), "attributes": {"sat_price": "Q5 Prijs"}, "cx_items": ["exq1"]}
    _, err = error_lines({"responses": spec})
    assert [(pr.column, pr.role, pr.rule, pr.rows) for pr in err.problems] == [
        ("Q5 Prijs", "sat_price", "must be a whole number 1-10, found values outside the range", (3,)),
        ("exq1", "exq1", "must be a whole number 1-7, found values outside the range", (3,)),
    ]
    study = nr.load_data({"responses": {**spec, "ranges": {"attributes": [0, 10], "cx_items": [1, 10]}}})
    assert study.attributes == ["sat_price"] and study.cx_items == ["exq1"]
    assert study.responses["sat_price"].tolist() == [10, 0]


def test_parsers_directly():
    assert sniff_separator("a\tb\tc") == "\t"
    s = parse_score(pd.Series(["10 (extremely likely)", "9: zeer", "7.0", None]), 0, 10)
    assert s.values.tolist()[:3] == [10, 9, 7] and pd.isna(s.values.iloc[3]) and not s.bad
    assert parse_number(pd.Series(["1,234.5", "-2"]), decimal=".").values.tolist() == [1234.5, -2.0]
    assert parse_dates(pd.Series(["2024-03-01T10:00:00"]), date_only=False).values.iloc[0] == pd.Timestamp(
        "2024-03-01 10:00")


def test_loaded_and_generated_tables_honour_the_pandera_contract():
    """Loading the demo files and generating a study give tables that satisfy the same executable contract."""
    from nps_research.schema import pandera_schema
    from nps_research.synthetic import make_study

    root = Path(__file__).resolve().parent.parent
    loaded = nr.load_study(root / "studies" / "demo.yml")
    generated = make_study(n_customers=400, seed=3)
    for study in (loaded, generated):
        scores = {c: (1, 10) for c in study.attributes} | {c: (1, 7) for c in study.cx_items}
        for name, df in study.tables().items():
            pandera_schema(name, score_columns=scores if name == "responses" else None).validate(df, lazy=True)
    # and the contract bites: an 11 in ltr, a duplicate id, a stage that does not exist
    bad = loaded.responses.head(3).copy()
    bad.loc[0, "ltr"] = 11
    bad.loc[1, "response_id"] = bad.loc[2, "response_id"]
    import pandera.errors

    with pytest.raises(pandera.errors.SchemaErrors) as info:
        pandera_schema("responses").validate(bad, lazy=True)
    failed = set(zip(info.value.failure_cases["column"], info.value.failure_cases["check"], strict=True))
    assert ("ltr", "in_range(0, 10)") in failed and ("response_id", "field_uniqueness") in failed
    events = generated.journey_events.head(2).copy()
    events.loc[0, "stage"] = "afterwards"
    with pytest.raises(pandera.errors.SchemaErrors):
        pandera_schema("journey_events").validate(events, lazy=True)


def test_columns_that_no_role_uses_are_reported(tmp_path):
    p = write(tmp_path, "r.csv", HEADER.strip() + ",Opmerking,sat_x\n" + "r1,c1,2024-01-05,relational,,web,9,hoi,3\n")
    study = nr.load_data({"responses": str(p)})
    assert study.unused_columns == {"responses": ["Opmerking", "sat_x"]}
    assert "sat_x" not in study.responses
    study = nr.load_data({"responses": {"path": str(p), "attributes": "sat_*"}})
    assert study.unused_columns == {"responses": ["Opmerking"]} and study.attributes == ["sat_x"]
    from nps_research.cli import data_summary

    assert data_summary(study).splitlines()[-1] == (
        "  responses: 1 column(s) not used (map them in the study file to use them): Opmerking")


def _labelled_study(tmp_path, values):
    (tmp_path / "r.csv").write_text(
        "response_id;customer_id;date;survey_type;touchpoint;channel;product;ltr\n"
        "1;k1;2024-01-31;relational;;tel;el_gas;9\n"
        "2;k2;2024-02-01;relational;;web;el;3\n"
        "3;k3;2024-02-02;relational;;tel;el;7\n", encoding="utf-8")
    return {"responses": {"path": str(tmp_path / "r.csv"), "values": values}}


def test_value_labels_follow_the_report_language(tmp_path):
    data = _labelled_study(tmp_path, {"channel": {"tel": {"en": "phone", "nl": "telefoon"}},
                                      "product": {"el_gas": "gas + power"}})
    nl = nr.load_data(data, language="nl").responses
    en = nr.load_data(data, language="en").responses
    assert nl["channel"].tolist() == ["telefoon", "web", "telefoon"]
    assert en["channel"].tolist() == ["phone", "web", "phone"]
    assert nl["product"].tolist() == en["product"].tolist() == ["gas + power", "el", "el"]
    # the raw file is untouched and the other columns keep their values
    assert "tel;el_gas" in (tmp_path / "r.csv").read_text(encoding="utf-8")
    assert nl["ltr"].tolist() == [9, 3, 7]


def test_value_labels_that_would_merge_segments_or_name_no_column_are_errors(tmp_path):
    with pytest.raises(nr.StudyDataError) as e:
        nr.load_data(_labelled_study(tmp_path, {"channel": {"tel": "web"}, "region": {"n": "noord"}}))
    assert str(e.value) == (
        "2 problems in the study data:\n"
        "  - table 'responses' (file 'r.csv'), column 'channel': values: two values get the same label "
        "(they would be merged)\n"
        "  - table 'responses' (file 'r.csv'), column 'region': values: labels are given for a column that the "
        "table does not have")


def test_value_labels_must_name_report_languages(tmp_path):
    with pytest.raises(nr.StudyConfigError, match="must be a text or a mapping of the languages en / nl"):
        nr.load_data(_labelled_study(tmp_path, {"channel": {"tel": {"fr": "téléphone"}}}))


def test_personal_data_protected_in_one_place(tmp_path, monkeypatch):
    from nps_research.privacy import PERSONAL_DATA_VARIABLE, pseudonym, study_key

    path = tmp_path / "r.csv"
    path.write_text("response_id,customer_id,date,survey_type,touchpoint,channel,ltr,employee_id,reason\n"
                    "R1,C1,2024-01-05,transactional,shop,web,9,E07,mail me at jan@example.nl\n"
                    "R2,C2,2024-01-06,transactional,shop,web,3,E12,bel 06-12345678\n")
    (tmp_path / "o.csv").write_text("customer_id,retained\nC1,1\nC2,0\n")
    data = {"responses": str(path), "outcomes": str(tmp_path / "o.csv")}
    open_ = nr.load_data(data)
    assert open_.responses["employee_id"].tolist() == ["E07", "E12"] and not open_.protected
    monkeypatch.setenv(PERSONAL_DATA_VARIABLE, "0")  # what the runner sets for a study without personal data
    closed = nr.load_data(data)
    key = study_key(open_)
    assert closed.protected
    assert closed.responses["employee_id"].tolist() == [pseudonym("E07", key), pseudonym("E12", key)]
    # the same customer gets the same pseudonym in every table, so joins still work
    assert set(closed.responses["customer_id"]) == set(closed.outcomes["customer_id"])
    assert not closed.responses["customer_id"].isin(["C1", "C2"]).any()
    text = " ".join(map(str, closed.responses["reason"].tolist()))
    assert "jan@example.nl" not in text and "06-12345678" not in text
    assert nr.load_data(data, personal_data=True).responses["employee_id"].tolist() == ["E07", "E12"]


# --- the Arrow CSV reader gives what the line-by-line reader gives ----------------------------------------

_CSV_CASES = {
    "semicolons, decimal commas, quotes": 'id;score;comment;weight\r\n1;9;"fijn; snel";1,5\r\n2;;"zei ""top""";0,75\r\n',
    "blank and whitespace rows, no final newline": "a,b\n1,2\n\n   ,  \n3, 4 \n,\n5,6",
    "byte-order mark and padding": "\ufeff id , naam \n 7 , Jan \n8,\n",
    "a quote inside a value (odd quotes on a line: read line by line)": 'a,b\n1,ab"c\n2,"x"\n',
    "one column": "id\n1\n\n2\n",
}


@pytest.mark.parametrize("name", list(_CSV_CASES))
def test_the_arrow_csv_reader_gives_the_values_and_line_numbers_of_the_line_by_line_reader(tmp_path, monkeypatch,
                                                                                            name):
    import nps_research.io as nio

    path = tmp_path / "t.csv"
    path.write_bytes(_CSV_CASES[name].encode("utf-8"))
    calls = []
    real = nio._read_csv_arrow
    monkeypatch.setattr(nio, "_read_csv_arrow", lambda *a: calls.append(1) or real(*a))
    fast = nio.read_raw(path)
    arrow = real(path.read_bytes(), fast.sep)
    assert calls and (arrow is None) == ("line by line" in name)
    monkeypatch.setattr(nio, "_read_csv_arrow", lambda *a: None)  # the line-by-line reader
    slow = nio.read_raw(path)
    assert list(fast.frame.index) == list(slow.frame.index) and list(fast.frame.columns) == list(slow.frame.columns)
    for col in slow.frame.columns:
        assert [None if pd.isna(v) else v for v in fast.frame[col]] == [None if pd.isna(v) else v
                                                                          for v in slow.frame[col]], col
    assert (fast.sep, fast.decimal, fast.encoding) == (slow.sep, slow.decimal, slow.encoding)


def test_files_that_only_the_line_by_line_reader_describes_exactly_are_read_by_it(tmp_path):
    import nps_research.io as nio

    # a quoted value over two lines: line numbers of the file (row 4 starts on line 4), not of the records
    path = tmp_path / "multi.csv"
    path.write_text('id,comment\n1,"eerste regel\ntweede regel"\n2,ok\n', encoding="utf-8")
    assert nio._read_csv_arrow(path.read_bytes(), ",") is None
    raw = nio.read_raw(path)
    assert list(raw.frame.index) == [2, 4] and raw.frame.loc[2, "comment"] == "eerste regel\ntweede regel"
    # a row with a field too many: the error names its line
    path = tmp_path / "ragged.csv"
    path.write_text("a,b\n1,2\n3,4,5\n6,7\n", encoding="utf-8")
    assert nio._read_csv_arrow(path.read_bytes(), ",") is None
    with pytest.raises(nr.StudyDataError, match=r"different number of fields.*\b3\b"):
        nio.read_raw(path)
    # bare carriage returns (old Mac line ends) and Windows-1252 text
    path = tmp_path / "mac.csv"
    path.write_bytes("naam;score\rJosé;9\r".encode("cp1252"))
    raw = nio.read_raw(path)
    assert raw.frame["naam"].tolist() == ["José"] and raw.encoding == "cp1252"
