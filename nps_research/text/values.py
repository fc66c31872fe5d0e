"""Typed values for report sentences: a module says *what* a number is, the text layer writes it.

Analysis modules never format numbers or pick words by language themselves. They pass typed values
to :func:`nps_research.text.t`, which writes each one in the report language::

    t("segments.above", language, col=Label("region"), seg="noord", nps=Points(-0.8),
      diff=Points(13.9), q=P(0.0004, "q"))

Examples
--------
>>> Points(3.75).format("nl"), P(0.0004, "q").format("en"), Pct(39.84).format("nl")
('+3,8', 'q < 0.001', '39,8%')
>>> Words(["a", "b", "c"]).format("nl"), Interval(0.81, 0.9, 3, sign=False).format("en")
('a, b en c', '0.810 to 0.900')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import formatters as f
from .catalog import t
from .render import Value, render
from .vocabulary import category, column_label

__all__ = [
    "Category",
    "Date",
    "Int",
    "Interval",
    "Label",
    "Level",
    "Num",
    "P",
    "Pct",
    "Period",
    "Points",
    "Sig",
    "Value",
    "Word",
    "Words",
    "render",
]


@dataclass(frozen=True)
class Num(Value):
    """A number with ``decimals`` digits (``sign=True`` always writes the sign)."""

    x: Any
    decimals: int = 1
    sign: bool = False
    thousands: bool = True

    def format(self, language: str) -> str:
        return f.fmt_number(self.x, language, self.decimals, self.sign, thousands=self.thousands)


@dataclass(frozen=True)
class Int(Value):
    """A whole number with thousands separators (a count)."""

    x: Any

    def format(self, language: str) -> str:
        return f.fmt_int(self.x, language)


@dataclass(frozen=True)
class Pct(Value):
    """A percentage (``x`` already in percent), written with ``%``."""

    x: Any
    decimals: int = 1

    def format(self, language: str) -> str:
        return f.fmt_pct(self.x, language, self.decimals)


@dataclass(frozen=True)
class Points(Value):
    """NPS points, signed by default."""

    x: Any
    decimals: int = 1
    sign: bool = True

    def format(self, language: str) -> str:
        return f.fmt_points(self.x, language, self.decimals, self.sign)


@dataclass(frozen=True)
class P(Value):
    """A p- or q-value (``< 0.001`` when tiny); with ``name`` as ``"p = 0.03"``."""

    p: Any
    name: str | None = None
    decimals: int = 3

    def format(self, language: str) -> str:
        return f.fmt_p(self.p, language, self.name, decimals=self.decimals)


@dataclass(frozen=True)
class Sig(Value):
    """A number to ``digits`` significant digits (thresholds such as 0.7, test statistics)."""

    x: Any
    digits: int = 3

    def format(self, language: str) -> str:
        return f.fmt_sig(self.x, language, self.digits)


@dataclass(frozen=True)
class Level(Value):
    """A confidence level (0.95) written as a percentage number without sign (``95``)."""

    confidence: float

    def format(self, language: str) -> str:
        return f.fmt_sig(100 * float(self.confidence), language, 6)


@dataclass(frozen=True)
class Interval(Value):
    """An interval ``low to high`` (``tot`` in Dutch)."""

    low: Any
    high: Any
    decimals: int = 1
    sign: bool = True

    def format(self, language: str) -> str:
        return f.fmt_interval(self.low, self.high, language, self.decimals, self.sign)


@dataclass(frozen=True)
class Period(Value):
    """A period start written for its frequency (``jan 2025``, ``2025 K1``)."""

    x: Any
    freq: str | None = "M"

    def format(self, language: str) -> str:
        return f.fmt_period(self.x, self.freq, language)


@dataclass(frozen=True)
class Date(Value):
    """A date (``3 jan 2025``)."""

    x: Any

    def format(self, language: str) -> str:
        return f.fmt_date(self.x, language)


@dataclass(frozen=True)
class Label(Value):
    """A column shown by its label: the client's own column name or the translated role label."""

    column: str
    labels: Mapping[str, str] | None = field(default=None, compare=False)

    def format(self, language: str) -> str:
        return column_label(self.column, language, self.labels)


@dataclass(frozen=True)
class Word(Value):
    """A catalogue text without placeholders (a word or short phrase), by key."""

    key: str

    def format(self, language: str) -> str:
        return t(self.key, language)


@dataclass(frozen=True)
class Category(Value):
    """An NPS category word (promotor / passieve / criticaster)."""

    key: str
    plural: bool = False
    capital: bool = False

    def format(self, language: str) -> str:
        return category(self.key, language, self.plural, self.capital)


@dataclass(frozen=True)
class Words(Value):
    """Items joined as ``a, b and c`` (``a, b en c``); items may be values or strings."""

    items: Sequence[Any]
    conjunction: str = "and"

    def format(self, language: str) -> str:
        parts = [render(x, language) for x in self.items]
        if len(parts) <= 1:
            return "".join(parts)
        word = t(f"conjunction.{self.conjunction}", language)
        return ", ".join(parts[:-1]) + f" {word} " + parts[-1]
