"""Backwards-compatible re-export of :mod:`nps_research.text` (the one text layer).

Examples
--------
>>> t("nps_headline", "nl", nps=23.4, low=19.0, high=27.7, n=1200, level=95)
'De NPS is +23,4 (95%-interval +19,0 tot +27,7; n = 1.200).'
>>> fmt_num(1234.5, "nl"), fmt_num(-3.25, "en", 2, sign=True)
('1.234,5', '-3.25')
"""

from __future__ import annotations

from .text import LANGUAGES, TEXTS, fmt_int, t
from .text import fmt_number as fmt_num

__all__ = ["LANGUAGES", "TEXTS", "fmt_int", "fmt_num", "t"]
