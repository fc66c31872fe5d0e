"""The one set of number, date and period formatters for report text.

Dutch uses a decimal comma and a thousands dot; English a decimal point and a
thousands comma. Every formatter is NaN-safe: a missing value gives ``na``
(default ``"–"``).

Examples
--------
>>> fmt_number(1234.56, "nl"), fmt_number(1234.56, "en")
('1.234,6', '1,234.6')
>>> fmt_points(3.75, "nl"), fmt_pct(39.84, "nl"), fmt_p(0.0004, "nl")
('+3,8', '39,8%', '< 0,001')
"""

from __future__ import annotations

import math
from typing import Any

__all__ = [
    "NA",
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
]

NA = "–"

_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
}
_QUARTER = {"en": "Q", "nl": "K"}


def _missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        return not math.isfinite(float(x))
    except (TypeError, ValueError):
        return type(x).__name__ in ("NAType", "NaTType")


def _localise(s: str, language: str) -> str:
    if language == "nl":
        return s.replace(",", "_").replace(".", ",").replace("_", ".")
    return s


def fmt_number(x: float, language: str = "en", decimals: int = 1, sign: bool = False, *,
               thousands: bool = True, na: str = NA) -> str:
    """Format a number with the language's decimal mark and thousands separator.

    Parameters
    ----------
    x : float
        The number.
    language : {"en", "nl"}
        Report language.
    decimals : int
        Digits after the decimal mark.
    sign : bool
        Always write the sign (``+3.0``).
    thousands : bool
        Group thousands (``1,234``); off for values such as years.
    na : str
        Text for a missing or infinite value.

    Returns
    -------
    str

    Examples
    --------
    >>> fmt_number(1234.5, "nl"), fmt_number(-3.25, "en", 2, sign=True)
    ('1.234,5', '-3.25')
    >>> fmt_number(float("nan"), "nl"), fmt_number(0.0349, "nl", 3)
    ('–', '0,035')
    """
    if _missing(x):
        return na
    spec = f"{'+' if sign else ''}{',' if thousands else ''}.{decimals}f"
    return _localise(format(float(x), spec), language)


def fmt_sig(x: float, language: str = "en", digits: int = 3, *, na: str = NA) -> str:
    """Format a number to ``digits`` significant digits (Python's ``g`` format), without thousands separator.

    Use it for test statistics' p-values in technical sentences and for thresholds (``0.7``).

    Examples
    --------
    >>> fmt_sig(0.1834, "nl"), fmt_sig(0.7, "en", 6), fmt_sig(0.95, "nl", 6), fmt_sig(float("inf"), "en")
    ('0,183', '0.7', '0,95', '–')
    """
    if _missing(x):
        return na
    return _localise(format(float(x), f".{digits}g"), language)


def fmt_int(x: float, language: str = "en", *, na: str = NA) -> str:
    """Format a whole number with the language's thousands separator.

    Examples
    --------
    >>> fmt_int(1200, "nl"), fmt_int(1200, "en"), fmt_int(None, "en")
    ('1.200', '1,200', '–')
    """
    return fmt_number(x, language, 0, na=na)


fmt_count = fmt_int


def fmt_pct(x: float, language: str = "en", decimals: int = 1, *, na: str = NA) -> str:
    """Format a percentage (``x`` already in percent) with a ``%`` sign.

    Examples
    --------
    >>> fmt_pct(39.84, "nl"), fmt_pct(39.84, "en"), fmt_pct(float("nan"), "en")
    ('39,8%', '39.8%', '–')
    """
    if _missing(x):
        return na
    return fmt_number(x, language, decimals) + "%"


def fmt_points(x: float, language: str = "en", decimals: int = 1, sign: bool = True, *, na: str = NA) -> str:
    """Format NPS points, with a sign by default.

    Examples
    --------
    >>> fmt_points(3.75, "nl"), fmt_points(-12.345, "en"), fmt_points(0.0, "en")
    ('+3,8', '-12.3', '+0.0')
    """
    return fmt_number(x, language, decimals, sign=sign, na=na)


def fmt_p(p: float, language: str = "en", name: str | None = None, *, decimals: int = 3, na: str = NA) -> str:
    """Format a p- or q-value (``< 0.001`` for tiny values), optionally as ``"name = value"``.

    Examples
    --------
    >>> fmt_p(0.0004), fmt_p(0.0341, "nl"), fmt_p(0.0004, name="p"), fmt_p(0.0321, name="q")
    ('< 0.001', '0,034', 'p < 0.001', 'q = 0.032')
    >>> fmt_p(float("nan"), "nl")
    '–'
    """
    if _missing(p):
        return na if name is None else f"{name} {na}"
    limit = 10.0 ** -decimals
    s = f"< {fmt_number(limit, language, decimals)}" if p < limit else fmt_number(p, language, decimals)
    if name is None:
        return s
    return f"{name} {s}" if s.startswith("<") else f"{name} = {s}"


def fmt_interval(low: float, high: float, language: str = "en", decimals: int = 1, sign: bool = True, *,
                 na: str = NA) -> str:
    """Format an interval as ``low to high`` (``tot`` in Dutch).

    Examples
    --------
    >>> fmt_interval(19.0, 27.66, "nl"), fmt_interval(19.0, 27.66, "en")
    ('+19,0 tot +27,7', '+19.0 to +27.7')
    >>> fmt_interval(0.81, 0.9, "nl", 3, sign=False)
    '0,810 tot 0,900'
    """
    if _missing(low) or _missing(high):
        return na
    word = "tot" if language == "nl" else "to"
    return (f"{fmt_number(low, language, decimals, sign)} {word} "
            f"{fmt_number(high, language, decimals, sign)}")


def fmt_date(date: Any, language: str = "en", *, na: str = NA) -> str:
    """Format a date as ``3 Jan 2025`` (``3 jan 2025`` in Dutch); times are dropped.

    Examples
    --------
    >>> fmt_date("2025-01-03 14:00", "nl"), fmt_date("2025-05-03", "en"), fmt_date(None, "en")
    ('3 jan 2025', '3 May 2025', '–')
    """
    import pandas as pd

    if date is None or (not isinstance(date, str) and pd.isna(date)):
        return na
    ts = pd.Timestamp(date)
    return f"{ts.day} {_MONTHS[language][ts.month - 1]} {ts.year}"


def fmt_period(period: Any, freq: str | None = "M", language: str = "en", *, na: str = NA) -> str:
    """Format a period start (or ``pd.Period``) for its frequency.

    ``freq`` is ``"M"`` (month), ``"Q"`` (quarter), ``"Y"``/``"A"`` (year) or
    ``"W"`` (ISO week); anything else gives the date.

    Examples
    --------
    >>> fmt_period("2025-01-15", "M", "nl"), fmt_period("2025-01-15", "M", "en")
    ('jan 2025', 'Jan 2025')
    >>> fmt_period("2025-02-01", "Q", "nl"), fmt_period("2025-02-01", "QS", "en"), fmt_period("2025-06-01", "Y")
    ('2025 K1', '2025 Q1', '2025')
    >>> fmt_period("2025-01-15", "W", "nl")
    '2025-W03'
    """
    import pandas as pd

    if period is None or (not isinstance(period, str | pd.Period) and pd.isna(period)):
        return na
    ts = period.start_time if isinstance(period, pd.Period) else pd.Timestamp(period)
    code = (freq or "").upper()[:1]
    if code == "M":
        return f"{_MONTHS[language][ts.month - 1]} {ts.year}"
    if code == "Q":
        return f"{ts.year} {_QUARTER[language]}{(ts.month - 1) // 3 + 1}"
    if code in ("Y", "A"):
        return str(ts.year)
    if code == "W":
        iso = ts.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    return fmt_date(ts, language, na=na)
