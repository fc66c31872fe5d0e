"""Report texts in English and Dutch.

Examples
--------
>>> t("nps_headline", "nl", nps=23.4, low=19.0, high=27.7, n=1200, level=95)
'De NPS is +23,4 (95%-interval +19,0 tot +27,7; n = 1.200).'
>>> t("nps_headline", "en", nps=23.4, low=19.0, high=27.7, n=1200, level=95)
'NPS is +23.4 (95% interval +19.0 to +27.7; n = 1,200).'
"""

from __future__ import annotations

from typing import Any

__all__ = ["LANGUAGES", "TEXTS", "fmt_int", "fmt_num", "t"]

LANGUAGES = ("en", "nl")

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


def fmt_num(x: float, language: str = "en", decimals: int = 1, sign: bool = False) -> str:
    """Format a number with the language's decimal mark (and thousands separator).

    Examples
    --------
    >>> fmt_num(1234.5, "nl"), fmt_num(-3.25, "en", 2, sign=True)
    ('1.234,5', '-3.25')
    """
    s = f"{x:{'+' if sign else ''},.{decimals}f}"
    if language == "nl":
        s = s.replace(",", "_").replace(".", ",").replace("_", ".")
    return s


def fmt_int(x: int, language: str = "en") -> str:
    """Format a whole number with the language's thousands separator."""
    return fmt_num(x, language, 0)


def t(key: str, language: str = "en", **values: Any) -> str:
    """The text ``key`` in ``language`` with ``values`` filled in (floats formatted for the language).

    Floats in ``nps``, ``low`` and ``high`` get a sign; other floats one decimal; ints thousands separators.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}")
    if key not in TEXTS:
        raise KeyError(f"no text {key!r}")
    out = {}
    for k, v in values.items():
        if isinstance(v, bool) or not isinstance(v, int | float):
            out[k] = v
        elif isinstance(v, int):
            out[k] = fmt_int(v, language)
        else:
            out[k] = fmt_num(v, language, 1, sign=k in ("nps", "low", "high", "difference"))
    return TEXTS[key][language].format(**out)
