"""A run of notebook 08 with personal data not allowed leaks nothing: no planted e-mail address, phone number,
IBAN or customer id appears in any file of the run (pages, executed notebook, spreadsheets, manifest,
findings), while the follow-up spreadsheets are there."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml


def _planted_study(tmp_path: Path, demo_study, n: int = 300) -> tuple[Path, dict[str, list[str]]]:
    from nps_research.synthetic import write_demo

    data = tmp_path / "data"
    write_demo(data, n_customers=1500, seed=9)
    resp = pd.read_csv(data / "responses.csv", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(0)
    rows = rng.choice(np.flatnonzero(resp["reason"] != ""), n, replace=False)
    planted: dict[str, list[str]] = {"email": [], "phone": [], "iban": [], "id": []}
    phones = ["06-{0:08d}", "+31 6 {0:08d}", "0031 6{0:08d}", "020-{0:07d}", "+44 20 {0:04d} {0:04d}"]
    for k, i in enumerate(rows):
        email = f"klant.{k}@voorbeeld{k % 7}.nl"
        phone = phones[k % len(phones)].format(1000000 + 7919 * k % 9000000)[:20]
        iban = f"NL{10 + k % 89:02d}ABNA{k:010d}"
        cid = resp.loc[i, "customer_id"]
        resp.loc[i, "reason"] = f"{resp.loc[i, 'reason']} Mail {email} of bel {phone}. IBAN {iban}, klantnr {cid}."
        planted["email"].append(email)
        planted["phone"].append(phone)
        planted["iban"].append(iban)
        planted["id"].append(cid)
    resp.to_csv(data / "responses.csv", index=False)
    planted["id"] = sorted(set(resp["customer_id"]))  # no customer id of the study may appear anywhere
    study = demo_study(data, tmp_path)
    study["language"] = "nl"
    study["analyses"] = [a for a in study["analyses"] if a["notebook"] == "08_voice"]
    study["analyses"][0]["parameters"]["bootstrap"] = 30
    study["report"] = {"allow_personal_data": False}
    path = tmp_path / "study.yml"
    path.write_text(yaml.safe_dump(study, allow_unicode=True), encoding="utf-8")
    return path, planted


def _texts(folder: Path) -> dict[str, str]:
    out = {}
    for f in folder.rglob("*"):
        if f.is_dir():
            continue
        if f.suffix == ".xlsx":
            with zipfile.ZipFile(f) as z:
                out[f.name] = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        else:
            out[f.name] = f.read_bytes().decode("utf-8", "replace")
    return out


@pytest.mark.slow
def test_no_personal_data_in_any_file_of_a_run(tmp_path, demo_study):
    from nps_research.runner import run_study

    path, planted = _planted_study(tmp_path, demo_study)
    source = (tmp_path / "data" / "responses.csv").read_text(encoding="utf-8")
    assert all(v in source for kind in ("email", "phone", "iban") for v in planted[kind])  # the scan can find them
    result = run_study(path, progress=False, run_id="private")
    assert result.ok
    texts = _texts(result.folder)
    assert {"08_voice.html", "08_voice.ipynb", "manifest.json", "findings.json", "followup.xlsx",
            "followup_detractors.csv", "followup_promoters.csv"} <= set(texts)
    leaks = {}
    for kind, values in planted.items():
        for name, text in texts.items():
            found = [v for v in values if v in text]
            if found:
                leaks[(kind, name)] = found[:3]
    assert not leaks, leaks
    # the report says why no quotes and lists are shown, and the lists are written with pseudonyms
    page = texts["08_voice.html"]
    assert "Citaten staan er niet in" in page and "sleutelcodes" in page
    assert "ID-" in texts["followup_detractors.csv"]
    findings = json.loads(texts["findings.json"])
    assert any(f["area"] == "voice" for f in findings)
