"""Words the reports share: NPS categories and column-role labels, in English and Dutch.

Examples
--------
>>> category("detractor", "nl", plural=True), category("promoter", "en", capital=True)
('criticasters', 'Promoter')
>>> column_label("employee_id", "nl"), column_label("employee_id", "nl", {"employee_id": "MdwNr"})
('medewerker', 'MdwNr')
>>> column_label("cx_overall_score", "en")
'cx overall score'
"""

from __future__ import annotations

from collections.abc import Mapping

from .language import check_language

__all__ = ["CATEGORIES", "ROLE_LABELS", "category", "column_label", "mapped_label", "value_word"]


def mapped_label(mapping: Mapping | None, name: str, language: str = "en") -> str | None:
    """``mapping[name]`` as text in ``language`` (None when it has none): a plain string as it is, a typed value
    (a scale's dimension label, :class:`~nps_research.text.Value`) written in the report language.

    Examples
    --------
    >>> from nps_research.text import Word
    >>> mapped_label({"a": "Kanaal", "b": Word("cx.dim.exq.pom")}, "b", "nl"), mapped_label({}, "a")
    ('Gemoedsrust', None)
    """
    if not mapping or not mapping.get(name):
        return None
    value = mapping[name]
    return value.format(language) if hasattr(value, "format") and not isinstance(value, str) else str(value)

#: NPS categories: key -> language -> (singular, plural).
CATEGORIES: dict[str, dict[str, tuple[str, str]]] = {
    "promoter": {"en": ("promoter", "promoters"), "nl": ("promotor", "promotors")},
    "passive": {"en": ("passive", "passives"), "nl": ("passieve", "passieven")},
    "detractor": {"en": ("detractor", "detractors"), "nl": ("criticaster", "criticasters")},
}

#: Column roles (``schema.py``) and result columns -> language -> label.
ROLE_LABELS: dict[str, dict[str, str]] = {
    # schema roles
    "agent_predicted_ltr": {"en": "agent-predicted likelihood to recommend",
                            "nl": "door medewerker voorspelde aanbevelingsscore"},
    "csat": {"en": "CSAT", "nl": "CSAT"},
    "revenue_next_12m": {"en": "revenue next 12 months", "nl": "omzet komende 12 maanden"},
    "score": {"en": "score", "nl": "score"},
    "agent_id": {"en": "agent", "nl": "medewerker klantcontact"},
    "channel": {"en": "channel", "nl": "kanaal"},
    "customer_id": {"en": "customer", "nl": "klant"},
    "date": {"en": "date", "nl": "datum"},
    "employee_id": {"en": "employee", "nl": "medewerker"},
    "followup_consent": {"en": "follow-up consent", "nl": "toestemming voor contact"},
    "invited": {"en": "invited", "nl": "uitgenodigd"},
    "journey": {"en": "journey", "nl": "klantreis"},
    "journey_id": {"en": "journey", "nl": "klantreis"},
    "ltr": {"en": "likelihood to recommend", "nl": "aanbevelingsscore"},
    "n_products": {"en": "number of products", "nl": "aantal producten"},
    "product": {"en": "product", "nl": "product"},
    "reason": {"en": "reason", "nl": "reden"},
    "reason_language": {"en": "language of reason", "nl": "taal van de reden"},
    "region": {"en": "region", "nl": "regio"},
    "responded": {"en": "responded", "nl": "gereageerd"},
    "response_id": {"en": "response", "nl": "antwoord"},
    "retained": {"en": "retained", "nl": "behouden"},
    "churned": {"en": "churned", "nl": "vertrokken"},
    "share_of_wallet": {"en": "share of wallet", "nl": "share of wallet"},
    "stage": {"en": "stage", "nl": "fase"},
    "survey_type": {"en": "survey type", "nl": "type meting"},
    "team": {"en": "team", "nl": "team"},
    "timestamp": {"en": "time", "nl": "tijdstip"},
    "touchpoint": {"en": "touchpoint", "nl": "contactmoment"},
    "transaction_id": {"en": "transaction", "nl": "transactie"},
    "wave": {"en": "wave", "nl": "meting"},
    "weight": {"en": "weight", "nl": "gewicht"},
    "segment": {"en": "segment", "nl": "segment"},
}


def category(key: str, language: str = "en", plural: bool = False, capital: bool = False) -> str:
    """The word for an NPS category (``promoter``, ``passive``, ``detractor``).

    Examples
    --------
    >>> category("passive", "nl"), category("passive", "nl", plural=True, capital=True)
    ('passieve', 'Passieven')
    """
    check_language(language)
    word = CATEGORIES[key.rstrip("s")][language][int(plural)]
    return word[:1].upper() + word[1:] if capital else word


def column_label(name: str, language: str = "en", mapping: Mapping[str, str] | None = None) -> str:
    """A column's label: the client's own column name if ``mapping`` (role -> client column) has it,
    else the translated role label, else the result column's header from the catalogue, else ``name``
    with underscores as spaces.

    Examples
    --------
    >>> column_label("survey_type", "nl"), column_label("survey_type", "en"), column_label("ltr", "nl")
    ('type meting', 'survey type', 'aanbevelingsscore')
    """
    check_language(language)
    mapped = mapped_label(mapping, name, language)
    if mapped:
        return mapped
    if name in ROLE_LABELS:
        return ROLE_LABELS[name][language]
    from .catalog import COLUMNS

    if name in COLUMNS:
        return COLUMNS[name][language]
    return name.replace("_", " ")


def value_word(value: object, language: str = "en", column: str | None = None) -> str:
    """A coded value the workbench itself defines, in the report language (``value.<column>.<v>``, then
    ``value.<v>``, then the NPS category words); any other value as it is.

    Examples
    --------
    >>> value_word("relational", "nl"), value_word("post", "nl", "stage"), value_word("noord", "nl")
    ('relationeel', 'na', 'noord')
    """
    from .catalog import TEXTS, t

    key = str(value)
    for k in ([f"value.{column}.{key}"] if column else []) + [f"value.{key}", key]:
        if k in TEXTS and isinstance(TEXTS[k].get(language), str) and "{" not in TEXTS[k][language]:
            return t(k, language)
    if key.rstrip("s") in CATEGORIES:
        return category(key, language, plural=key.endswith("s"))
    return key
