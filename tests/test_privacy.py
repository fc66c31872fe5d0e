"""Pseudonyms: one keyed HMAC per id, as few hex digits as keep a column's ids apart, the same as pseudonym()."""

from __future__ import annotations

import pandas as pd

from nps_research.privacy import pseudonym, pseudonymise


def test_pseudonyms_are_the_keyed_hmac_and_widen_until_distinct():
    ids = pd.Series([f"K{i:06d}" for i in range(60_000)] + [None, "K000001"])
    out = pseudonymise(ids, key=b"secret")
    # 60,000 ids in 16**6 six-digit pseudonyms collide (birthday bound): widened two digits at a time, to the
    # first width at which they are apart
    width = len(out.iloc[0]) - len("ID-")
    assert width >= 8 and not out.iloc[:-2].str[:-2].is_unique
    assert out.iloc[:-2].is_unique and out.iloc[-1] == out.iloc[1] and pd.isna(out.iloc[-2])
    assert all(out.iloc[i] == pseudonym(ids.iloc[i], b"secret", length=width) for i in range(0, 60_000, 611))
    small = pseudonymise(pd.Series(["a", "b"]), key=b"secret")
    assert list(small) == [pseudonym("a", b"secret"), pseudonym("b", b"secret")]  # six digits when they suffice


def test_pseudonyms_are_arrow_text_a_fraction_of_the_memory_of_python_strings():
    # at millions of rows the ids are most of a study's memory; missing ids stay missing
    ids = pd.Series([f"C{i:07d}" for i in range(50_000)] + [None], dtype=object)
    out = pseudonymise(ids, key=b"k")
    assert str(out.dtype) == "str" and out.isna().sum() == 1
    as_python = out.astype(object)
    assert out.memory_usage(deep=True) < 0.4 * as_python.memory_usage(deep=True)
    assert out.iloc[7] == pseudonym("C0000007", b"k", length=len(out.iloc[7]) - 3)  # widened if ids collide


def test_one_id_gets_one_pseudonym_in_every_table_even_when_only_one_table_has_a_near_collision():
    """The pseudonym length is chosen over all of a role's ids: an id whose 6-digit pseudonym collides with
    another id of the responses only must still join to the invitations that lack that other id."""
    import hashlib
    import hmac

    from nps_research.privacy import protect
    from nps_research.study import Study

    key = b"study secret"
    ids = [f"C{i:07d}" for i in range(20000)]
    seen = {}
    for v in ids:  # a pair of ids whose keyed hashes share the first six hex digits (birthday: ~4,000 ids)
        h = hmac.new(key, v.encode(), hashlib.sha256).hexdigest()[:6]
        if h in seen:
            pair = (seen[h], v)
            break
        seen[h] = v
    responses = pd.DataFrame({"customer_id": ids, "ltr": 9})
    invitations = pd.DataFrame({"customer_id": [v for v in ids[:5000] if v != pair[1]] + [pair[0]]})
    study = protect(Study(responses=responses.copy(), invitations=invitations.copy()), key=key)
    by_id = dict(zip(responses["customer_id"], study.responses["customer_id"]))
    assert len(set(by_id.values())) == len(ids)  # distinct: longer than six digits because of the pair
    assert all(len(p) > len("ID-") + 6 for p in by_id.values())
    assert study.invitations["customer_id"].tolist() == [by_id[v] for v in invitations["customer_id"]]
    assert study.invitations["customer_id"].tolist() == pseudonymise(
        pd.concat([responses["customer_id"], invitations["customer_id"]]), key=key).iloc[len(ids):].tolist()


def test_protect_scrubs_ids_written_in_comments_as_scrub_does():
    from nps_research.privacy import protect
    from nps_research.study import Study
    from nps_research.voice import scrub

    responses = pd.DataFrame({
        "customer_id": ["K-88120", "K-88121", "X7", "K-88122"],
        "employee_id": ["E01", "E02", "E01", None],
        "reason": ["mijn nummer is K-88121, bel 06-12345678", "x7 wacht nog", None, "medewerker e02 was top"],
    })
    ids = ["K-88120", "K-88121", "X7", "K-88122", "E01", "E02"]
    expected = [None if pd.isna(v) else scrub(v, ids=ids) for v in responses["reason"]]
    study = protect(Study(responses=responses.copy()), key=b"k")
    assert [None if pd.isna(v) else v for v in study.responses["reason"]] == expected
    assert "[#] wacht nog" in expected and "[☎]" in expected[0] and "K-88121" not in expected[0]


def test_the_english_and_the_dutch_report_of_one_study_give_a_person_the_same_pseudonym(tmp_path, monkeypatch):
    """Seen in the demo: the employee flagged as 'ID-b50e25' in the English report was 'ID-aeb5ce' in the Dutch
    one (the key hashed the responses after their values were labelled in the report language), and the
    cross-validation, whose folds follow the pseudonymised ids, gave other numbers."""
    import nps_research as nr
    from nps_research.privacy import SECRET_VARIABLE

    monkeypatch.delenv(SECRET_VARIABLE, raising=False)
    path = tmp_path / "r.csv"
    path.write_text("response_id,customer_id,employee_id,date,survey_type,channel,ltr,product\n"
                    + "".join(f"r{i},c{i % 7},e{i % 3},2024-01-{1 + i % 28:02d},relational,web,{i % 11},{'ab'[i % 2]}\n"
                              for i in range(30)))
    spec = {"responses": {"path": str(path), "values": {"product": {"a": {"en": "electricity", "nl": "stroom"},
                                                                     "b": {"en": "gas", "nl": "gas"}}}}}
    en = nr.load_data(spec, language="en", personal_data=False)
    nl = nr.load_data(spec, language="nl", personal_data=False)
    assert en.responses["product"].iloc[0] == "electricity" and nl.responses["product"].iloc[0] == "stroom"
    for role in ("customer_id", "employee_id", "response_id"):
        assert en.responses[role].tolist() == nl.responses[role].tolist()
    assert en.responses["employee_id"].iloc[0] != "e0"  # pseudonymised
