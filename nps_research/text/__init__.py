"""The one text layer: formatters, typed values, the text catalogue, shared vocabulary and languages.

Every number in report text is written by :mod:`.formatters` (usually through the typed values of
:mod:`.values` passed to :func:`t`); Dutch uses a decimal comma and a thousands dot. No module outside
this package picks words by language or formats numbers itself.

Examples
--------
>>> fmt_points(3.75, "nl"), fmt_interval(19.0, 27.7, "en")
('+3,8', '+19.0 to +27.7')
>>> t("nps_headline", "nl", nps=Points(1.25), low=-3.0, high=5.5, n=1200, level=Level(0.9))
'De NPS is +1,2 (90%-interval -3,0 tot +5,5; n = 1.200).'
"""

from __future__ import annotations

from .catalog import COLUMNS, SIGNED_VALUES, TEXTS, has_text, placeholders, t, t_rows
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
from .values import (
    Category,
    Date,
    Int,
    Interval,
    Label,
    Level,
    Num,
    P,
    Pct,
    Period,
    Points,
    Sig,
    Value,
    Word,
    Words,
    render,
)
from .vocabulary import CATEGORIES, ROLE_LABELS, category, column_label, mapped_label, value_word

__all__ = [
    "CATEGORIES",
    "COLUMNS",
    "Category",
    "Date",
    "Int",
    "Interval",
    "LANGUAGES",
    "Label",
    "Level",
    "NA",
    "Num",
    "P",
    "Pct",
    "Period",
    "Points",
    "ROLE_LABELS",
    "SIGNED_VALUES",
    "Sig",
    "TEXTS",
    "Value",
    "Word",
    "Words",
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
    "fmt_period",
    "fmt_points",
    "fmt_sig",
    "has_text",
    "mapped_label",
    "placeholders",
    "render",
    "t",
    "t_rows",
    "value_word",
]
