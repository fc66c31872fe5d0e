"""Texts of the data overview (notebook 01) and of the headline NPS paragraph."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "overview_title": {"en": "Data overview: {study}", "nl": "Data-overzicht: {study}"},
    "overview_intro": {
        "en": "What the study's data contain, how complete they are, and how customers answered the "
              "recommendation question. Every figure is computed by the workbench from the data files listed "
              "in the run's manifest.",
        "nl": "Wat de data van dit onderzoek bevatten, hoe volledig ze zijn en hoe klanten de aanbevelingsvraag "
              "beantwoordden. Alle cijfers berekent de workbench uit de databestanden in het manifest van deze run.",
    },
    "tables": {"en": "Tables", "nl": "Tabellen"},
    "quality": {"en": "Data quality", "nl": "Datakwaliteit"},
    "relational": {"en": "relational", "nl": "relationeel"},
    "transactional": {"en": "transactional", "nl": "transactioneel"},
    "score": {"en": "score", "nl": "score"},
    "percent_of_responses": {"en": "percent of responses", "nl": "procent van de antwoorden"},
    "responses": {"en": "responses", "nl": "antwoorden"},
    "missing": {"en": "Missing values", "nl": "Ontbrekende waarden"},
    "missing_none": {"en": "No column has missing values.", "nl": "Geen enkele kolom heeft ontbrekende waarden."},
    "missing_intro": {
        "en": "Columns with missing values, per survey type (some questions are asked in one type only).",
        "nl": "Kolommen met ontbrekende waarden, per type meting (sommige vragen worden maar in één type gesteld).",
    },
    "duplicates": {"en": "Possible duplicates", "nl": "Mogelijke dubbele antwoorden"},
    "over_time": {"en": "Responses over time", "nl": "Respons in de tijd"},
    "distribution": {"en": "Likelihood to recommend (0-10)", "nl": "Aanbevelingsbereidheid (0-10)"},
    "headline": {"en": "Net Promoter Score", "nl": "Net Promoter Score"},
    "nps_headline": {
        "en": "NPS is {nps} ({level}% interval {low} to {high}; n = {n}).",
        "nl": "De NPS is {nps} ({level}%-interval {low} tot {high}; n = {n}).",
    },
    "shares": {
        "en": "{promoters}% promoters, {passives}% passives and {detractors}% detractors.",
        "nl": "{promoters}% promotors, {passives}% passieven en {detractors}% criticasters.",
    },
    "small_n": {
        "en": "Caution: n = {n} is below {min_n}; the interval is wide and the estimate unstable.",
        "nl": "Let op: n = {n} is kleiner dan {min_n}; het interval is breed en de schatting onzeker.",
    },
    "method_note": {
        "en": "Interval method: {method}.",
        "nl": "Intervalmethode: {method}.",
    },
}
