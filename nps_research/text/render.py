"""How one value is written into a sentence: the base of the typed values and :func:`render`."""

from __future__ import annotations

import numbers
from typing import Any

from . import formatters as f
from .language import check_language

__all__ = ["YES_NO", "Value", "render"]

#: The words for False and True.
YES_NO = {"en": ("no", "yes"), "nl": ("nee", "ja")}


class Value:
    """A value that knows how to write itself in a report language."""

    def format(self, language: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def __str__(self) -> str:
        return self.format("en")


def render(value: Any, language: str, *, sign: bool = False) -> str:
    """Write one value for a sentence: typed values format themselves; ints get thousands
    separators; floats one decimal (with a sign when ``sign``); booleans the words yes / no;
    anything else ``str``.

    Examples
    --------
    >>> render(1200, "nl"), render(3.25, "nl", sign=True), render(True, "nl"), render("noord", "en")
    ('1.200', '+3,2', 'ja', 'noord')
    """
    check_language(language)
    if isinstance(value, Value):
        return value.format(language)
    if isinstance(value, bool):
        return YES_NO[language][int(value)]
    if isinstance(value, numbers.Integral):
        return f.fmt_int(value, language)
    if isinstance(value, numbers.Real):
        return f.fmt_number(value, language, 1, sign=sign)
    return str(value)
