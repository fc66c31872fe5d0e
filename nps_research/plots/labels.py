"""Visible texts of the plots in English and Dutch (to be merged into the text layer later)."""

from __future__ import annotations

__all__ = ["LABELS", "label"]

LABELS: dict[str, dict[str, str]] = {
    # NPS categories (nl: promotors / passieven / criticasters)
    "detractors": {"en": "Detractors", "nl": "Criticasters"},
    "passives": {"en": "Passives", "nl": "Passieven"},
    "promoters": {"en": "Promoters", "nl": "Promotors"},
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
    if language not in ("en", "nl"):
        raise ValueError(f"language must be 'en' or 'nl', got {language!r}")
    return LABELS[key][language]
