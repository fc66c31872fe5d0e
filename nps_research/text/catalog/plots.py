"""Visible texts of the plots (titles, axis labels, legends), keys prefixed ``plot.``."""

from __future__ import annotations

from ..vocabulary import CATEGORIES

TEXTS: dict[str, dict[str, str]] = {
    # NPS categories: the words of the vocabulary (nl: promotors / passieven / criticasters)
    **{f"plot.{c}s": {lang: CATEGORIES[c][lang][1].capitalize() for lang in ("en", "nl")}
       for c in ("detractor", "passive", "promoter")},
    "plot.share": {"en": "Share (%)", "nl": "Aandeel (%)"},
    "plot.nps": {"en": "NPS", "nl": "NPS"},
    "plot.ci": {"en": "{level}% CI", "nl": "{level}%-BI"},
    "plot.center": {"en": "Centre line", "nl": "Centrumlijn"},
    "plot.limits": {"en": "Control limits", "nl": "Controlegrenzen"},
    "plot.signal": {"en": "Signal (beyond limits)", "nl": "Signaal (buiten grenzen)"},
    "plot.run": {"en": "Run rule", "nl": "Reeksregel"},
    "plot.rolling": {"en": "Rolling NPS", "nl": "Voortschrijdende NPS"},
    "plot.start": {"en": "NPS {p}", "nl": "NPS {p}"},
    "plot.end": {"en": "NPS {p}", "nl": "NPS {p}"},
    "plot.mix": {"en": "mix", "nl": "mix"},
    "plot.perf": {"en": "performance", "nl": "prestatie"},
    "plot.points": {"en": "NPS points", "nl": "NPS-punten"},
    "plot.missing": {"en": "(missing)", "nl": "(ontbrekend)"},
    "plot.overall": {"en": "overall", "nl": "totaal"},
}  # fmt: skip
