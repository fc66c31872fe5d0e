"""The closed loop: follow-up lists hold consenting customers only and respect the contact rules (property-based),
spreadsheets neutralise formula cells and keep personal data out when not allowed, and the follow-up effect is
measured against regression to the mean."""

from __future__ import annotations

import csv
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nps_research.voice import followup_effect, followup_lists, neutralise, write_followup

AS_OF = pd.Timestamp("2024-12-31")

rows = st.lists(st.tuples(st.sampled_from([f"C{i}" for i in range(8)]), st.integers(0, 10), st.integers(0, 60),
                          st.sampled_from([0, 1, None]), st.sampled_from([None, "te duur", "=1+1", "@app", "goede app"])),
                min_size=1, max_size=40)


def _responses(items):
    df = pd.DataFrame(items, columns=["customer_id", "ltr", "age", "followup_consent", "reason"])
    df["date"] = AS_OF - pd.to_timedelta(df["age"], unit="D")
    df["response_id"] = [f"R{i}" for i in range(len(df))]
    return df.drop(columns="age")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=rows, opted=st.sets(st.sampled_from([f"C{i}" for i in range(8)]), max_size=3),
       max_age=st.integers(1, 60), quarantine=st.integers(0, 120),
       done=st.lists(st.tuples(st.sampled_from([f"C{i}" for i in range(8)]), st.integers(0, 200)), max_size=5))
def test_lists_hold_consenting_customers_only_and_respect_the_rules(items, opted, max_age, quarantine, done):
    df = _responses(items)
    followed = pd.DataFrame(done, columns=["customer_id", "age"])
    followed["date"] = AS_OF - pd.to_timedelta(followed["age"], unit="D")
    lists = followup_lists(df, frame="energy", as_of=AS_OF, max_age_days=max_age, opted_out=opted,
                           followed_up=followed, quarantine_days=quarantine)
    for table, lo, hi in ((lists.detractors, 0, 6), (lists.promoters, 9, 10)):
        merged = table.merge(df, on="response_id", suffixes=("", "_src"))
        assert len(merged) == len(table)
        assert (merged["followup_consent"] == 1).all()              # consent only
        assert merged["ltr"].between(lo, hi).all()                  # the right category
        assert not table["customer_id"].isin(opted).any()           # never an opted-out customer
        assert table["customer_id"].is_unique                       # one line per customer
        assert (table["days_since"] <= max_age).all()
        recent = followed.loc[(AS_OF - followed["date"]).dt.days < quarantine, "customer_id"]
        assert not table["customer_id"].isin(set(recent)).any()    # not contacted again within the quarantine
    det = lists.detractors
    if len(det):
        assert (det["due_date"] >= det["date"]).all()
        assert all(np.is_busday(det["due_date"].to_numpy("datetime64[D]")))
        assert det["priority_score"].is_monotonic_decreasing
        assert set(det["priority"]) <= {"high", "medium", "low"}
    # every consenting detractor or promoter with a recent answer is on a list, unless a rule excludes them
    ok = df.loc[(df["followup_consent"] == 1) & ~df["ltr"].isin([7, 8]) & ~df["customer_id"].isin(opted)
                & ((AS_OF - df["date"]).dt.days <= max_age)]
    recent = set(followed.loc[(AS_OF - followed["date"]).dt.days < quarantine, "customer_id"])
    expected = set(ok["customer_id"]) - recent
    assert set(det["customer_id"]) | set(lists.promoters["customer_id"]) == expected


def test_priority_rises_with_a_lower_score_and_a_costlier_theme():
    df = pd.DataFrame({"customer_id": ["a", "b", "c", "d"], "ltr": [0, 6, 3, 3], "followup_consent": 1,
                       "date": AS_OF, "response_id": ["1", "2", "3", "4"],
                       "reason": ["prima", "prima", "veel te duur", "goede app"]})
    impact = pd.DataFrame({"theme": ["price", "digital"], "effect": [20.0, -5.0]})
    det = followup_lists(df, frame="energy", impact=impact, as_of=AS_OF).detractors.set_index("customer_id")
    assert det.loc["a", "priority_score"] > det.loc["b", "priority_score"]
    assert det.loc["c", "priority_score"] > det.loc["d", "priority_score"]  # price costs, praise of the app not
    assert det.loc["c", "themes"] == ["price", "money"]


def test_due_dates_follow_the_service_levels_in_working_days():
    df = pd.DataFrame({"customer_id": ["a"], "ltr": [0], "followup_consent": [1], "reason": ["te duur"],
                       "date": [pd.Timestamp("2024-12-27")], "response_id": ["1"]})  # a Friday
    det = followup_lists(df, as_of=pd.Timestamp("2024-12-27"), sla_days=2).detractors
    assert det["due_date"].iloc[0] == pd.Timestamp("2024-12-31")  # Tuesday


def test_neutralise_covers_every_dangerous_start():
    for s in ["=cmd|' /C calc'!A0", "+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"]:
        assert neutralise(s) == "'" + s
    assert neutralise("plain") == "plain" and neutralise(-1.5) == -1.5


@pytest.fixture
def written(tmp_path):
    df = pd.DataFrame({
        "customer_id": ["C000101", "C000102", "C000103", "C000104"], "ltr": [2, 4, 10, 9],
        "followup_consent": [1, 1, 1, 1], "date": AS_OF, "response_id": ["R1", "R2", "R3", "R4"],
        "reason": ["=HYPERLINK(\"http://x\",\"klik\") bel me op 06-12345678", "+31 6 1234 5678 is mijn nummer",
                   "@SUM(A1) top service, mail jan@example.nl", "-geweldige app, klantnr C000104"]})
    lists = followup_lists(df, frame="energy", as_of=AS_OF)
    files = write_followup(lists, tmp_path, language="nl", frame="energy", allow_personal_data=False, key=b"k",
                           ids=df["customer_id"])
    return df, lists, files


def _cells(files):
    out = []
    for name, path in files.items():
        if name.endswith(".csv"):
            with open(path, encoding="utf-8-sig", newline="") as f:
                for row in csv.reader(f, delimiter=";"):
                    out.extend(row)
        else:
            from openpyxl import load_workbook

            wb = load_workbook(path)
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    out.extend(str(v) for v in row if v is not None)
    return out


def test_spreadsheet_cells_never_start_a_formula(written):
    _, _, files = written
    assert set(files) == {"followup.xlsx", "followup_detractors.csv", "followup_promoters.csv"}
    cells = _cells(files)
    assert cells and not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    # and the workbook holds no formula cell at all
    with zipfile.ZipFile(files["followup.xlsx"]) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any("<f>" in s for s in sheets)


def test_spreadsheets_without_personal_data_hold_no_ids_phone_numbers_or_addresses(written):
    df, _, files = written
    text = " ".join(_cells(files))
    for planted in ["06-12345678", "+31 6 1234 5678", "jan@example.nl", *df["customer_id"], *df["response_id"]]:
        assert planted not in text, planted
    assert "[telefoonnummer]" in text and "ID-" in text  # scrubbed, and pseudonyms instead of ids
    assert "prioriteit" in text and "opmerking" in text  # Dutch headers


def test_spreadsheets_with_personal_data_allowed_keep_the_ids(tmp_path, written):
    df, lists, _ = written
    files = write_followup(lists, tmp_path / "open", language="en", frame="energy", allow_personal_data=True)
    text = " ".join(_cells({k: v for k, v in files.items() if k.endswith("xlsx")}))
    assert "C000101" in text and "priority" in text


def _pairs(n=4000, seed=4, followed_share=0.0, effect=0.0):
    rng = np.random.default_rng(seed)
    true = rng.normal(7, 1.5, n)
    first = np.clip(np.round(true + rng.normal(0, 1.5, n)), 0, 10)
    followed = (first <= 6) & (rng.random(n) < followed_share)
    later = np.clip(np.round(true + effect * followed + rng.normal(0, 1.5, n)), 0, 10)
    ids = [f"c{i}" for i in range(n)]
    df = pd.DataFrame({"response_id": [f"a{i}" for i in range(n)] + [f"b{i}" for i in range(n)],
                       "customer_id": ids * 2, "ltr": np.r_[first, later],
                       "date": pd.to_datetime(["2024-01-01"] * n + ["2024-06-01"] * n)})
    return df, [f"a{i}" for i in np.flatnonzero(followed)]


def test_regression_to_the_mean_is_measured_and_predicted():
    df, _ = _pairs()
    res = followup_effect(df)
    assert res.n_followed == 0 and res.n_not_followed > 500
    # detractors improve without any follow-up, as the retest correlation predicts
    assert res.change_not_followed > 1.0
    assert res.rtm_expected == pytest.approx(res.change_not_followed, abs=0.3)
    text = " ".join(res.describe("nl"))
    assert "Barnett" in text and "regressie naar het gemiddelde" in text.lower()


def test_a_planted_follow_up_effect_is_recovered_beyond_regression_to_the_mean():
    df, followed = _pairs(n=8000, seed=5, followed_share=0.5, effect=1.0)
    res = followup_effect(df, followed_up=followed)
    assert res.ci_low < 1.0 < res.ci_high and res.ci_low > 0.3
    # the naive before-after change of the followed-up mixes the effect with regression to the mean
    assert res.change_followed > res.effect + 1.0
    df0, followed0 = _pairs(n=8000, seed=6, followed_share=0.5, effect=0.0)
    none = followup_effect(df0, followed_up=followed0)
    assert none.ci_low < 0 < none.ci_high
    assert any("niet meer dan" in s for s in none.describe("nl"))
