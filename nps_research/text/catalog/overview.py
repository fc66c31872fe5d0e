"""Texts of the data overview (notebook 01) and of the headline NPS paragraph.

Keys ``overview.*`` and the plot texts ``plot.overview.*``; the unprefixed keys below are shared
(``nps_headline``, ``shares``, ``small_n`` and ``method_note`` by :mod:`nps_research.report`; the survey
types ``relational`` / ``transactional`` as words in report tables).
"""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    # shared words and sentences
    "tables": {"en": "Tables", "nl": "Tabellen"},
    "relational": {"en": "relational", "nl": "relationeel"},
    "transactional": {"en": "transactional", "nl": "transactioneel"},
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
    # the overview page
    "overview.aggregated": {
        "en": "The table {table} had rows with the same {by}: {keys} values of {by} had more than one row, {rows} "
              "rows too many; they were reduced to one row per {by} (rule: {rule}). For {conflicting} of them the "
              "values differed.",
        "nl": "De tabel {table} had rijen met dezelfde {by}: voor {keys} waarden van {by} stonden er meerdere rijen, "
              "samen {rows} rijen te veel; die zijn samengevoegd tot één rij per {by} (regel: {rule}). Bij "
              "{conflicting} daarvan verschilden de waarden.",
    },
    "overview.rule.first": {"en": "the first row", "nl": "de eerste rij"},
    "overview.rule.last": {"en": "the last row", "nl": "de laatste rij"},
    "overview.rule.min": {"en": "the smallest value", "nl": "de kleinste waarde"},
    "overview.rule.max": {"en": "the largest value", "nl": "de grootste waarde"},
    "overview.rule.mean": {"en": "the mean", "nl": "het gemiddelde"},
    "overview.intro": {
        "en": "What the data of the study {study} contain, how complete they are, and how customers answered the "
              "recommendation question. Every figure is computed from the data files listed in the run's "
              "manifest.",
        "nl": "Wat de data van het onderzoek {study} bevatten, hoe volledig ze zijn en hoe klanten de "
              "aanbevelingsvraag beantwoordden. Alle cijfers zijn berekend uit de databestanden in het manifest "
              "van deze run.",
    },
    "overview.missing": {"en": "Missing values (% per survey type)", "nl": "Ontbrekende waarden (% per type meting)"},
    "overview.missing_none": {"en": "No column has missing values.",
                              "nl": "Geen enkele kolom heeft ontbrekende waarden."},
    "overview.missing_intro": {
        "en": "Columns with missing values, in percent of the answers of each survey type (some questions are "
              "asked in one type only).",
        "nl": "Kolommen met ontbrekende waarden, in procenten van de antwoorden per type meting (sommige vragen "
              "worden maar in één type gesteld).",
    },
    "overview.duplicates": {"en": "Possible duplicates", "nl": "Mogelijke dubbele antwoorden"},
    "overview.duplicates_none": {"en": "No possible duplicates were found.",
                                 "nl": "Er zijn geen mogelijke dubbele antwoorden gevonden."},
    "overview.duplicates_found": {
        "en": "Some rows may be duplicates (see the table); check them in the source data before drawing "
              "conclusions.",
        "nl": "Sommige rijen zijn mogelijk dubbel (zie de tabel); controleer ze in de brondata voordat u "
              "conclusies trekt.",
    },
    "overview.ltr_table": {"en": "Answers to the recommendation question",
                           "nl": "Antwoorden op de aanbevelingsvraag"},
    "overview.nps_table": {"en": "NPS per survey type", "nl": "NPS per type meting"},
    # the checks of duplicate_report
    "overview.check.duplicate_id": {"en": "duplicate {col} ID", "nl": "dubbel {col}-id"},
    "overview.check.same_keys": {"en": "same {cols} more than once", "nl": "zelfde {cols} meer dan eens"},
    "overview.check.identical": {"en": "identical answers apart from the {col} ID",
                                 "nl": "identieke antwoorden op het {col}-id na"},
    # table names of a study
    "overview.table.responses": {"en": "answers", "nl": "antwoorden"},
    "overview.table.outcomes": {"en": "customer outcomes", "nl": "klantuitkomsten"},
    "overview.table.journey_events": {"en": "journey events", "nl": "klantreisgebeurtenissen"},
    "overview.table.invitations": {"en": "invitations", "nl": "uitnodigingen"},
    # plots
    "plot.overview.score": {"en": "Likelihood to recommend (0-10)", "nl": "Aanbevelingsscore (0-10)"},
    "plot.overview.percent": {"en": "% of answers", "nl": "% van de antwoorden"},
    "plot.overview.count": {"en": "Number of answers", "nl": "Aantal antwoorden"},
}  # fmt: skip

#: Headers and format kinds of the overview tables.
COLUMNS: dict[str, dict[str, str]] = {
    "table": {"en": "table", "nl": "tabel", "kind": "text"},
    "rows": {"en": "rows", "nl": "rijen", "kind": "count"},
    "columns": {"en": "columns", "nl": "kolommen", "kind": "count"},
    "customers": {"en": "customers", "nl": "klanten", "kind": "count"},
    "first_date": {"en": "first date", "nl": "eerste datum", "kind": "date"},
    "last_date": {"en": "last date", "nl": "laatste datum", "kind": "date"},
    "column": {"en": "column", "nl": "kolom", "kind": "label"},
    "percent_missing": {"en": "% missing", "nl": "% ontbrekend", "kind": "pct"},
    "check": {"en": "check", "nl": "controle", "kind": "text"},
    "n_rows": {"en": "rows", "nl": "rijen", "kind": "count"},
}  # fmt: skip
