"""The one text layer: formatters, the text catalog, shared vocabulary and languages.

Every number in report text is written by :mod:`.formatters`; Dutch uses a
decimal comma and a thousands dot.

Examples
--------
>>> fmt_points(3.75, "nl"), fmt_interval(19.0, 27.7, "en")
('+3,8', '+19.0 to +27.7')
"""

from __future__ import annotations

from .catalog import SIGNED_VALUES, TEXTS, t
from .formatters import (
    NA,
    fmt_count,
    fmt_date,
    fmt_int,
    fmt_interval,
    fmt_number,
    fmt_p,
    fmt_pct,
    fmt_period,
    fmt_points,
    fmt_sig,
)
from .language import LANGUAGES, check_language
from .vocabulary import CATEGORIES, ROLE_LABELS, category, column_label

__all__ = [
    "CATEGORIES",
    "LANGUAGES",
    "NA",
    "ROLE_LABELS",
    "SIGNED_VALUES",
    "TEXTS",
    "category",
    "check_language",
    "column_label",
    "fmt_count",
    "fmt_date",
    "fmt_int",
    "fmt_interval",
    "fmt_number",
    "fmt_p",
    "fmt_pct",
    "fmt_sig",
    "fmt_period",
    "fmt_points",
    "t",
]
