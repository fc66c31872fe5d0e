"""The insurer-like export runs end to end (issue 12, checks; issue 11 item 5): a transactional-only Dutch export
with the client's own three-dimension CX scale (its items under the client's question names), a retention file
with repeated customers, Dutch values and client column names in the analyses. It validates and runs through the
data overview, the NPS page, CX measurement and NPS-versus-CX with a study file and no pre-processing, and every page
speaks of the study's own scale: its dimensions by the client's labels, the CX measure named after it, never EXQ;
sections with nothing to show are left out with one line saying why.

The CX items are written here by their own small generator: three latent dimensions (ease, speed, care) on a 1-5
scale, with care driving retention, so that the scale's structure (three factors) is a known truth.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from .test_real_exports import insurer_study, make_insurer

#: The client's scale: three dimensions, three items each, under the client's question names.
ITEMS = {"gemak": ["Vraag 5a", "Vraag 5b", "Vraag 5c"], "snelheid": ["Vraag 6a", "Vraag 6b", "Vraag 6c"],
         "zorg": ["Vraag 7a", "Vraag 7b", "Vraag 7c"]}
LABELS = {"gemak": {"nl": "Gemak", "en": "Ease"}, "snelheid": {"nl": "Snelheid", "en": "Speed"},
          "zorg": {"nl": "Zorg", "en": "Care"}}


def _add_scale(folder: Path, seed: int = 11) -> None:
    """Add the nine items to klant_export.csv (cp1252, ';') and tie retention to 'zorg'."""
    rng = np.random.default_rng(seed)
    export = pd.read_csv(folder / "klant_export.csv", sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
    n = len(export)
    ltr = export["Q1 Aanbevelen"].astype(float).to_numpy()
    z_ltr = (ltr - ltr.mean()) / ltr.std()
    latent = {}
    for dim, items in ITEMS.items():
        latent[dim] = 0.5 * z_ltr + rng.normal(0, 0.85, n)
        for item in items:
            raw = 3 + 0.9 * latent[dim] + rng.normal(0, 0.6, n)
            export[item] = np.clip(np.round(raw), 1, 5).astype(int).astype(str)
    export.to_csv(folder / "klant_export.csv", sep=";", index=False, encoding="cp1252")
    keep = pd.read_csv(folder / "klant_behoud.csv", sep=";", encoding="cp1252", decimal=",")
    care = pd.Series(latent["zorg"], index=export["Klantnummer"]).groupby(level=0).last()
    p = 1 / (1 + np.exp(-(1.6 + 1.2 * care.reindex(keep["Klantnummer"]).to_numpy())))
    keep["Behouden"] = (rng.random(len(keep)) < p).astype(int)
    keep.to_csv(folder / "klant_behoud.csv", sep=";", index=False, decimal=",", encoding="cp1252")


def _study(folder: Path, language: str) -> Path:
    path = insurer_study(folder, [
        {"notebook": "01_data_overview"},
        {"notebook": "02_nps", "parameters": {"segment_columns": ["Kanaal", "Product"], "survey_type": "transactioneel"}},
        {"notebook": "03_cx_measurement", "parameters": {"scale": "klantbeleving", "segment": "Kanaal",
                                                         "segment_map": None}},
        {"notebook": "06_nps_vs_cx", "parameters": {"folds": 5, "repeats": 2, "importance_bootstrap": 20,
                                                    "value_bootstrap": 200}},
    ])
    study = yaml.safe_load(path.read_text(encoding="utf-8"))
    study["language"] = language
    # the client's question names are no model names: each item gets a short name (v5a: "Vraag 5a")
    short = {item: "v" + item.split()[1] for items in ITEMS.values() for item in items}
    study["data"]["responses"]["cx_items"] = {name: item for item, name in short.items()}
    study["data"]["responses"]["ranges"]["cx_items"] = [1, 5]
    study["scales"] = {"klantbeleving": {
        "range": [1, 5],
        "dimensions": {dim: {"label": LABELS[dim], "items": [short[i] for i in items]}
                       for dim, items in ITEMS.items()}}}
    path.write_text(yaml.safe_dump(study, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<img[^>]*>', " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_insurer_export_runs_with_its_own_scale(tmp_path, language):
    from nps_research.runner import run_study

    planted = make_insurer(tmp_path)
    _add_scale(tmp_path)
    raw = {p.name: p.read_bytes() for p in tmp_path.glob("*.csv")}
    keep = pd.read_csv(tmp_path / "klant_behoud.csv", sep=";", encoding="cp1252", decimal=",")
    conflicting = int((keep.groupby("Klantnummer")[["Behouden", "Omzet"]].nunique() > 1).any(axis=1).sum())
    path = _study(tmp_path, language)
    result = run_study(path, run_id="r", progress=False)
    assert result.ok, result.statuses
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.csv")} == raw  # raw files are never modified
    pages = {p.stem: _text(p.read_text(encoding="utf-8")) for p in result.folder.glob("0*.html")}
    assert set(pages) == {"01_data_overview", "02_nps", "03_cx_measurement", "06_nps_vs_cx"}
    nl = language == "nl"
    dims = [LABELS[d][language] for d in ITEMS]
    for name, page in pages.items():
        # never the built-in scale's words in a study with its own scale
        for word in ("EXQ", "gemoedsrust", "Gemoedsrust", "peace of mind", "Peace of mind", "pex", "pom",
                     "Traceback"):
            assert word not in page, (name, word)
    cx, compare = pages["03_cx_measurement"], pages["06_nps_vs_cx"]
    assert all(d in cx for d in dims) and all(d in compare for d in dims)
    assert "Vraag 5a" in cx  # items by the client's question names
    # the hypotheses name the scale and its dimensions, the outcomes this study has, and no value hypothesis
    # beyond the value columns it has (revenue: 'Omzet')
    measure = f"de dimensies van klantbeleving: {dims[0]}, {dims[1]} en {dims[2]}" if nl else \
        f"the dimensions of klantbeleving: {dims[0]}, {dims[1]} and {dims[2]}"
    assert measure in compare
    assert "CX (klantbeleving)" in compare
    # outcomes the notebook asks for by default but the client's file lacks: one line, no empty section
    absent = "Niet in de gegevens en dus niet geanalyseerd" if nl else "Not in the data and therefore not analysed"
    assert absent in compare
    # the dimension importance section has three dimensions to rank: it is there, with the client's labels
    assert ("Welke CX-dimensie telt het zwaarst" if nl else "Which CX dimension matters most") in compare
    assert ("De gegevens bevatten geen scores op CX-dimensies" if nl else "The data have no CX dimension") \
        not in compare
    # the planted truth: care drives retention, and the page says so by the client's label
    top = "Voor ‘Behouden’ telt Zorg het zwaarst" if nl else "For ‘Behouden’, Care matters most"
    assert top in compare
    # the NPS page: one survey type, so the relational / transactional comparison is one line saying why
    # page 01 says how the retention file's repeated customers were reduced
    reduced = (f"samen {planted['reduced']} rijen te veel; die zijn samengevoegd tot één rij per Klantnummer "
               f"(regel: de laatste rij). Bij {conflicting} daarvan verschilden de waarden.") if nl else \
        (f"{planted['keys']} values of Klantnummer had more than one row, {planted['reduced']} rows too many; they "
         f"were reduced to one row per Klantnummer (rule: the last row). For {conflicting} of them the values differed.")
    assert reduced in pages["01_data_overview"]
    nps = pages["02_nps"]
    one_type = ("Alle antwoorden zijn transactioneel: een vergelijking van relationele en transactionele NPS is "
                "niet mogelijk.") if nl else "All answers are transactional: relational and transactional NPS cannot"
    assert one_type in nps
    no_tp = "De antwoorden vermelden geen contactmoment" if nl else "The answers record no touchpoint"
    assert no_tp in nps


def test_validate_names_a_baseline_outside_the_data_and_a_scale_item_the_model_cannot_use(tmp_path):
    import nps_research as nr
    from nps_research.checks import check_study
    from nps_research.config import load_config

    make_insurer(tmp_path)
    path = insurer_study(tmp_path, [{"notebook": "02_nps", "parameters": {"baseline_period": "2021-01-01"}}])
    with pytest.raises(nr.StudyConfigError) as info:
        check_study(load_config(path))
    assert re.search(r"analyses\.02_nps\.parameters\.baseline_period: '2021-01-01' valt buiten de datums van de "
                     r"antwoorden \(\d+ jan 2024 tot en met \d+ jun 2025\)", str(info.value))
    # analyses whose data the study lacks: said before anything runs, all at once, in Dutch
    path = insurer_study(tmp_path, [{"notebook": "04_drivers"}, {"notebook": "05_journeys"},
                                    {"notebook": "04_drivers", "parameters": {"drivers": ["Tevredenheid"]}}])
    with pytest.raises(nr.StudyConfigError) as info:
        check_study(load_config(path))
    assert str(info.value).splitlines() == [
        "2 problemen in de analyses van het onderzoek:",
        "  - analyses.04_drivers: heeft drivers nodig (scores op onderdelen van de dienst): wijs attribuutkolommen "
        "aan (data.responses.attributes) of noem ze in de parameter drivers",
        "  - analyses.05_journeys: heeft de tabel 'journey_events' nodig, die niet in het onderdeel data van het "
        "onderzoek staat (voeg die toe, of laat deze analyse weg)"]
    # the client's question names as items of a scale: said when the study file is read, with the way out
    study = yaml.safe_load(path.read_text(encoding="utf-8"))
    study["analyses"] = [{"notebook": "01_data_overview"}]
    study["scales"] = {"kb": {"range": [1, 5], "dimensions": {"gemak": ["Vraag 5a", "Vraag 5b"]}}}
    path.write_text(yaml.safe_dump(study, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(nr.StudyConfigError, match=r"'Vraag 5a', 'Vraag 5b' cannot be used in a measurement model.*"
                                                  r"cx_items: \{v5a: 'Vraag 5a'\}"):
        load_config(path)


@pytest.mark.slow
def test_the_notebooks_defaults_fit_an_export_with_one_survey_type(tmp_path):
    """No survey type in the study file, no parameters: the NPS, drivers, people and voice pages follow the one
    survey type the export holds and leave out the default segment columns it lacks, with one line."""
    from nps_research.runner import run_study

    make_insurer(tmp_path)
    path = insurer_study(tmp_path, [{"notebook": "02_nps"}, {"notebook": "04_drivers",
                                                              "parameters": {"drivers": ["Tevredenheid"]}},
                                    {"notebook": "07_people"}, {"notebook": "08_voice"}])
    study = yaml.safe_load(path.read_text(encoding="utf-8"))
    study.pop("survey_type")
    path.write_text(yaml.safe_dump(study, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_study(path, run_id="r", progress=False)
    assert result.ok, result.statuses
    nps = _text((result.folder / "02_nps.html").read_text(encoding="utf-8"))
    assert "Niet in de gegevens en dus niet vergeleken: regio." in nps
    assert "transactionele antwoorden" in nps and "relationele antwoorden" not in nps
