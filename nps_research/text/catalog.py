"""Report texts in English and Dutch, and ``t`` to fill them in.

Examples
--------
>>> t("nps_headline", "nl", nps=23.4, low=19.0, high=27.7, n=1200, level=95)
'De NPS is +23,4 (95%-interval +19,0 tot +27,7; n = 1.200).'
>>> t("nps_headline", "en", nps=23.4, low=19.0, high=27.7, n=1200, level=95)
'NPS is +23.4 (95% interval +19.0 to +27.7; n = 1,200).'
"""

from __future__ import annotations

from typing import Any

from .formatters import fmt_int, fmt_number
from .language import check_language

__all__ = ["SIGNED_VALUES", "TEXTS", "t"]

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

#: Values written with a sign when they are floats.
SIGNED_VALUES = ("nps", "low", "high", "difference")


def t(key: str, language: str = "en", **values: Any) -> str:
    """The text ``key`` in ``language`` with ``values`` filled in (numbers formatted for the language).

    Floats in ``nps``, ``low``, ``high`` and ``difference`` get a sign; other floats one decimal; ints
    thousands separators; other values are inserted as they are.

    Examples
    --------
    >>> t("small_n", "nl", n=12, min_n=30)
    'Let op: n = 12 is kleiner dan 30; het interval is breed en de schatting onzeker.'
    """
    check_language(language)
    if key not in TEXTS:
        raise KeyError(f"no text {key!r}")
    out = {}
    for k, v in values.items():
        if isinstance(v, bool) or not isinstance(v, int | float):
            out[k] = v
        elif isinstance(v, int):
            out[k] = fmt_int(v, language)
        else:
            out[k] = fmt_number(v, language, 1, sign=k in SIGNED_VALUES)
    return TEXTS[key][language].format(**out)
