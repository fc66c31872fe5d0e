"""Findings as data: each analysis states its key findings as records that the report, the executive summary,
the Excel export and the run-to-run comparison share.

A :class:`Finding` holds its statement in every report language, the numbers behind it, the test with its
p- (or q-) value, the size in natural units, whether that size is material, an importance for ordering and
the page it comes from. The wording rules live here once:

* movement that is not significant is never called a change (``"none"``);
* a significant change smaller than the materiality setting (default 3 NPS points) is called small
  (``"small"``);
* otherwise it is a change (``"material"``).

Notebooks call :func:`nps_research.report.record_findings`; the runner collects the records of every page
into ``findings.json`` and the executive summary on the index page.

Examples
--------
>>> change_class(2.0, 0.01), change_class(6.0, 0.01), change_class(12.0, 0.20)
('small', 'material', 'none')
>>> f = Finding.make("nps", "nps.headline", "nps_headline", nps=12.3, low=9.0, high=15.6, n=1200, level=95,
...                  numbers={"nps": 12.3, "n": 1200}, importance=100)
>>> f.statement["nl"]
'De NPS is +12,3 (95%-interval +9,0 tot +15,6; n = 1.200).'
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from .text import LANGUAGES, t

__all__ = ["DEFAULT_ALPHA", "DEFAULT_MATERIALITY", "FINDINGS_MIME", "IMPORTANCE", "Finding", "change_class",
           "dump_findings", "load_findings", "summary_findings"]

#: Base importance per kind of finding (the executive summary shows the 3-7 most important); an analysis may
#: add up to 9 within its band for the size of the effect, and subtract for small or uncertain ones.
IMPORTANCE = {
    "nps.headline": 100,       # the NPS with its interval
    "nps.change": 90,          # the NPS against the baseline / last period (material change)
    "trend.shift": 88,         # a detected level shift
    "drivers.top": 80,         # the strongest driver(s)
    "compare.cx_vs_nps": 75,   # CX against NPS for the study's outcomes
    "cx.scale": 70,            # whether the CX scale holds (reliability, fit)
    "people.signal": 65,       # flagged people signals
    "trend.season": 60,        # tested seasonality
    "voice.theme": 58,         # themes that cost or earn the most NPS
    "segments.difference": 55,  # segments that differ from the rest
    "journeys.moment": 50,     # moments of truth
    "benchmark": 45,           # the NPS against an external benchmark
    "nps.small_change": 30,    # a significant but small change
    "detail": 10,              # everything else worth recording
}

#: Smallest change in NPS points that is called more than small.
DEFAULT_MATERIALITY = 3.0
#: Significance level of the findings' tests.
DEFAULT_ALPHA = 0.05
#: The MIME type under which a notebook records its findings (invisible on the HTML page).
FINDINGS_MIME = "application/vnd.nps-research.findings+json"


def change_class(size: float, p_value: float, *, materiality: float = DEFAULT_MATERIALITY,
                 alpha: float = DEFAULT_ALPHA) -> str:
    """``"none"`` (not significant: never called a change), ``"small"`` (significant, below
    ``materiality``) or ``"material"``."""
    if p_value is None or not math.isfinite(float(p_value)) or p_value >= alpha:
        return "none"
    return "material" if abs(size) >= materiality else "small"


def _clean(value: Any) -> Any:
    """JSON-safe, rounded numbers (so that the same inputs give the same bytes across maths libraries)."""
    import numpy as np

    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        v = float(value)
        return None if not math.isfinite(v) else float(f"{v:.6g}")
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value if value is None or isinstance(value, str) else str(value)


@dataclass(frozen=True)
class Finding:
    """One key finding of an analysis.

    Attributes
    ----------
    area : str
        ``"nps"``, ``"segments"``, ``"trend"``, ``"drivers"``, ``"cx"``, ``"journeys"``, ``"compare"``,
        ``"people"``, ``"voice"``, ...
    key : str
        Stable identifier (``"trend.shift.2024-04"``), used to match findings across runs.
    statement : dict
        Language -> the sentence.
    numbers : dict
        The numbers behind it (rounded to 6 significant digits).
    test : str or None
        The test (``"two-proportion z on NPS"``, ``"Steiger"``...).
    p_value, q_value : float or None
        Its p-value and, where several were tested, the q-value.
    size : float or None
        The effect size in natural units (NPS points, a correlation difference...).
    status : str or None
        ``"none"``, ``"small"`` or ``"material"`` for changes and differences (:func:`change_class`).
    importance : float
        Larger first in the executive summary.
    page : str or None
        The notebook (page) it comes from; the runner fills it in.
    """

    area: str
    key: str
    statement: dict[str, str]
    numbers: dict[str, Any] = field(default_factory=dict)
    test: str | None = None
    p_value: float | None = None
    q_value: float | None = None
    size: float | None = None
    status: str | None = None
    importance: float = 0.0
    page: str | None = None

    @classmethod
    def make(cls, area: str, key: str, text: str, *, numbers: Mapping[str, Any] | None = None,
             test: str | None = None, p_value: float | None = None, q_value: float | None = None,
             size: float | None = None, status: str | None = None, importance: float = 0.0,
             page: str | None = None, **values: Any) -> Finding:
        """A finding whose statement is the catalogue text ``text`` filled with ``values`` in every language."""
        statement = {lang: t(text, lang, **values) for lang in LANGUAGES}
        return cls(area, key, statement, _clean(dict(numbers or {})), test, _clean(p_value), _clean(q_value),
                   _clean(size), status, float(importance), page)

    def to_dict(self) -> dict[str, Any]:
        return _clean(asdict(self))

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Finding:
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__ if k in d})


def dump_findings(findings: Iterable[Finding]) -> str:
    """Findings as JSON text: sorted by page, importance and key, so the same findings give the same bytes."""
    items = sorted((f.to_dict() for f in findings),
                   key=lambda d: (d.get("page") or "", -(d.get("importance") or 0.0), d["key"]))
    return json.dumps(items, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def load_findings(text: str) -> list[Finding]:
    """The inverse of :func:`dump_findings`."""
    return [Finding.from_dict(d) for d in json.loads(text)]


def summary_findings(findings: Iterable[Finding], *, top: int = 7, minimum: int = 3) -> list[Finding]:
    """The findings of the executive summary: the ``top`` most important (ties broken by page order and key),
    leaving out findings of importance 0 or less unless fewer than ``minimum`` remain."""
    items = sorted(findings, key=lambda f: (-f.importance, f.page or "", f.key))
    chosen = [f for f in items if f.importance > 0][:top]
    if len(chosen) < minimum:
        chosen = items[:minimum]
    return chosen
