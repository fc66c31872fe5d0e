"""Personal data out of open text: every planted e-mail address, phone number, IBAN, address and customer
number is removed; dates, amounts, scores and ordinary words stay."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nps_research.voice import find_personal_data, scrub, scrub_series, study_ids

PLANTED = {
    "email": ["jan.jansen@example.nl", "a_b+nps@mail.co.uk", "p.devries (at) ziggo.nl", "INFO@BEDRIJF.NL"],
    "phone": ["06-12345678", "06 1234 5678", "0612345678", "+31 6 12345678", "+31 (0)6 1234 5678", "0031 6 12345678",
              "020-1234567", "(010) 123 4567", "010 - 123 45 67", "+32 470 12 34 56", "+44 20 7946 0958",
              "+1 (555) 123-4567", "+49 30 1234567"],
    "iban": ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl02rabo0123456789", "DE89 3704 0044 0532 0130 00",
             "BE68 5390 0754 7034"],
    "address": ["1234 AB", "1234AB 12", "3511 LX, 10-2", "Kerkstraat 5a", "Hoofdweg 120", "2514 jd 7"],
    "id": ["C001234", "C 004567", "c-009999"],
}
KEEP = ["Ik gaf een 10 en een 9", "op 12-03-2024 gebeld", "in 2023 en 2024 betaald", "Het kost 1.234,56 euro",
        "3 keer 10 minuten", "bel 14 020", "I paid 250 on 2024-03-01", "version 2.0", "bedrag 1500 en de rest",
        "Sinds 2019 klant", "energielabel A++"]


@pytest.mark.parametrize("kind, value", [(k, v) for k, vs in PLANTED.items() for v in vs])
def test_planted_personal_data_is_removed(kind, value):
    text = f"Mijn gegevens: {value}. Graag contact."
    out = scrub(text, ids=["C001234", "C000001", "C999999"])
    assert value not in out and value.lower() not in out.lower()
    # only the datum went; the words around it stay
    assert out.startswith("Mijn gegevens: ") and out.endswith(". Graag contact.")
    assert find_personal_data(pd.Series([text]), ids=["C001234", "C000001"]).to_numpy().sum() >= 1


@pytest.mark.parametrize("text", KEEP)
def test_ordinary_numbers_and_words_stay(text):
    assert scrub(text) == text


def test_placeholders_name_what_was_removed_and_can_be_translated():
    assert scrub("mail a@b.nl of bel 0612345678") == "mail [@] of bel [☎]"
    words = {"email": "[e-mailadres]", "phone": "[telefoonnummer]"}
    assert scrub("mail a@b.nl of bel 0612345678", placeholder=words) == "mail [e-mailadres] of bel [telefoonnummer]"
    assert scrub(None) is None


def test_ids_of_the_study_and_ids_of_their_shape_are_removed():
    ids = [f"P{i:07d}" for i in range(50)]
    assert scrub("polis P0000007 en P9999999", ids=ids) == "polis [#] en [#]"
    s = scrub_series(pd.Series(["klant P0000001", None]), ids=ids)
    assert s.iloc[0] == "klant [#]" and pd.isna(s.iloc[1])


def test_study_ids_gathers_every_id_column(synthetic):
    study = synthetic(200, 3)
    ids = study_ids(study)
    assert set(study.responses["customer_id"]) <= set(ids)
    assert set(study.invitations["transaction_id"]) <= set(ids)


def test_scrub_many_is_scrub_of_each_text_with_the_same_ids():
    from nps_research.voice.scrub import scrub_many

    rng = np.random.default_rng(3)
    ids = [f"C{v:06d}" for v in rng.integers(0, 999999, 3000)] + ["AB12", "x-77", " Z9 ", None, "OK"]
    texts = ["klant C004512 belde", "ref ab12 en X-77 graag", "mijn id z9", "ok dan", "Bel 06-12345678 of OK 12",
             "C 123456 en C-654321", "niets bijzonders", f"nummer {ids[5]} en {ids[6].lower()}", "postcode 1234 AB 5"]
    got = scrub_many(texts, ids=ids)
    assert got == [scrub(t, ids=ids) for t in texts]
    assert "[#]" in got[1] and "X-77" not in got[1] and "[#]" in got[7]
    assert scrub_many(texts, ids=pd.Series(ids, dtype="str")) == got
    assert scrub_many(texts) == [scrub(t) for t in texts]
