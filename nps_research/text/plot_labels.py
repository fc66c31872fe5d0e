"""Visible texts of the plots in English and Dutch (part of the text layer)."""

from __future__ import annotations

from .language import check_language
from .vocabulary import category

__all__ = ["LABELS", "label"]

LABELS: dict[str, dict[str, str]] = {
    # NPS categories: the words of the vocabulary (nl: promotors / passieven / criticasters)
    **{f"{c}s": {lang: category(c, lang, plural=True, capital=True) for lang in ("en", "nl")}
       for c in ("detractor", "passive", "promoter")},
    "share": {"en": "Share (%)", "nl": "Aandeel (%)"},
    "nps": {"en": "NPS", "nl": "NPS"},
    "ci": {"en": "{level}% CI", "nl": "{level}%-BI"},
    "center": {"en": "Centre line", "nl": "Centrumlijn"},
    "limits": {"en": "Control limits", "nl": "Controlegrenzen"},
    "signal": {"en": "Signal (beyond limits)", "nl": "Signaal (buiten grenzen)"},
    "run": {"en": "Run rule", "nl": "Reeksregel"},
    "rolling": {"en": "Rolling NPS", "nl": "Voortschrijdende NPS"},
    "start": {"en": "NPS {p}", "nl": "NPS {p}"},
    "end": {"en": "NPS {p}", "nl": "NPS {p}"},
    "mix": {"en": "mix", "nl": "mix"},
    "perf": {"en": "performance", "nl": "prestatie"},
    "points": {"en": "NPS points", "nl": "NPS-punten"},
    "missing": {"en": "(missing)", "nl": "(ontbrekend)"},
    "overall": {"en": "overall", "nl": "totaal"},
}  # fmt: skip


def label(key: str, language: str = "en") -> str:
    """The text of ``key`` in ``language`` ("en" or "nl")."""
    check_language(language)
    return LABELS[key][language]
