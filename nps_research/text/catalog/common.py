"""Words and column headers every analysis shares."""

from __future__ import annotations

from ..render import YES_NO

TEXTS: dict[str, dict[str, str]] = {
    "yes": {lang: YES_NO[lang][1] for lang in YES_NO},
    "no": {lang: YES_NO[lang][0] for lang in YES_NO},
    "overall": {"en": "overall", "nl": "totaal"},
    "rows": {"en": "{n} rows", "nl": "{n} rijen"},
    "show_table": {"en": "{caption} ({n} rows; click to open)", "nl": "{caption} ({n} rijen; klik om te openen)"},
    "detail_table": {"en": "Detail table", "nl": "Detailtabel"},
    "nothing_to_show": {"en": "Nothing to show: {reason}", "nl": "Niets te tonen: {reason}"},
}

#: Result columns shared by many analyses: header per language and the format kind (see nps_research.tables).
COLUMNS: dict[str, dict[str, str]] = {
    "n": {"en": "n", "nl": "n", "kind": "count"},
    "n_eff": {"en": "effective n", "nl": "effectieve n", "kind": "number:1"},
    "nps": {"en": "NPS", "nl": "NPS", "kind": "points"},
    "se": {"en": "standard error", "nl": "standaardfout", "kind": "number:2"},
    "ci_low": {"en": "lower bound", "nl": "ondergrens", "kind": "points"},
    "ci_high": {"en": "upper bound", "nl": "bovengrens", "kind": "points"},
    "p_value": {"en": "p-value", "nl": "p-waarde", "kind": "p"},
    "q_value": {"en": "q-value", "nl": "q-waarde", "kind": "p"},
    "small_n": {"en": "small n", "nl": "kleine n", "kind": "bool"},
    "promoters_pct": {"en": "% promoters", "nl": "% promotors", "kind": "pct"},
    "passives_pct": {"en": "% passives", "nl": "% passieven", "kind": "pct"},
    "detractors_pct": {"en": "% detractors", "nl": "% criticasters", "kind": "pct"},
    "promoters": {"en": "promoters", "nl": "promotors", "kind": "count"},
    "passives": {"en": "passives", "nl": "passieven", "kind": "count"},
    "detractors": {"en": "detractors", "nl": "criticasters", "kind": "count"},
    "difference": {"en": "difference", "nl": "verschil", "kind": "points"},
    "percent": {"en": "%", "nl": "%", "kind": "pct"},
    "period": {"en": "period", "nl": "periode", "kind": "period"},
    "weighted": {"en": "weighted", "nl": "gewogen", "kind": "bool"},
    "method": {"en": "method", "nl": "methode", "kind": "text"},
    "confidence": {"en": "confidence level", "nl": "betrouwbaarheid", "kind": "pct"},
    "segment": {"en": "segment", "nl": "segment", "kind": "text"},
    "segment_column": {"en": "characteristic", "nl": "kenmerk", "kind": "label"},
    "statistic": {"en": "statistic", "nl": "toetsgrootheid", "kind": "number:2"},
    "estimate": {"en": "estimate", "nl": "schatting", "kind": "number:3"},
    "score": {"en": "score", "nl": "score", "kind": "text"},
    "category": {"en": "category", "nl": "categorie", "kind": "category"},
}

TEXTS.update({
    # interval methods, as a reader should see them
    "method.adjusted-wald": {"en": "adjusted Wald", "nl": "adjusted Wald"},
    "method.wald": {"en": "Wald", "nl": "Wald"},
    "method.score": {"en": "score (Tango)", "nl": "score (Tango)"},
    "method.bootstrap": {"en": "bootstrap", "nl": "bootstrap"},
    "method.bayes": {"en": "Bayesian (Dirichlet)", "nl": "Bayesiaans (Dirichlet)"},
})

TEXTS.update({
    "conjunction.and": {"en": "and", "nl": "en"},
    "conjunction.or": {"en": "or", "nl": "of"},
})

TEXTS.update({
    # coded values of roles whose values the workbench itself defines (tables of kind "category")
    "value.relational": {"en": "relational", "nl": "relationeel"},
    "value.transactional": {"en": "transactional", "nl": "transactioneel"},
    # values of one column only: value.<column>.<value>
    "value.stage.pre": {"en": "before", "nl": "voor"},
    "value.stage.during": {"en": "during", "nl": "tijdens"},
    "value.stage.post": {"en": "after", "nl": "na"},
    "value.reason_language.en": {"en": "English", "nl": "Engels"},
    "value.reason_language.nl": {"en": "Dutch", "nl": "Nederlands"},
})
