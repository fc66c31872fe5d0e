"""Report texts in English and Dutch, gathered from one file per concept, and ``t`` to fill them in.

Each module in this package defines ``TEXTS`` (key -> ``{"en": ..., "nl": ...}``) and may define
``COLUMNS`` (result column -> ``{"en": header, "nl": header, "kind": format kind}``, see
:mod:`nps_research.tables`). Modules are found automatically; a key defined twice, or a text missing a
language, raises at import. A text may be a plural pair ``{"one": ..., "other": ...}`` chosen by the
``count`` value.

Examples
--------
>>> t("nps_headline", "nl", nps=23.4, low=19.0, high=27.7, n=1200, level=95)
'De NPS is +23,4 (95%-interval +19,0 tot +27,7; n = 1.200).'
>>> t("nps_headline", "en", nps=23.4, low=19.0, high=27.7, n=1200, level=95)
'NPS is +23.4 (95% interval +19.0 to +27.7; n = 1,200).'
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from typing import Any

from ..language import LANGUAGES, check_language
from ..render import render

__all__ = ["COLUMNS", "SIGNED_VALUES", "TEXTS", "has_text", "t", "t_rows"]

#: Floats under these names are written with a sign when passed untyped.
SIGNED_VALUES = ("nps", "low", "high", "difference", "diff")

TEXTS: dict[str, dict[str, Any]] = {}
COLUMNS: dict[str, dict[str, str]] = {}
#: key -> the concept module that defines it (for error messages and the docs).
SOURCES: dict[str, str] = {}


def _check_entry(key: str, entry: Any, module: str) -> None:
    if not isinstance(entry, dict) or set(entry) - {"kind"} != set(LANGUAGES):
        raise ValueError(f"text {key!r} in {module} must have exactly the languages {LANGUAGES}")


def _load() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        for key, entry in getattr(mod, "TEXTS", {}).items():
            _check_entry(key, entry, info.name)
            if key in TEXTS and TEXTS[key] != entry:
                raise ValueError(f"text {key!r} is defined in both {SOURCES[key]} and {info.name}")
            TEXTS[key] = entry
            SOURCES[key] = info.name
        for col, entry in getattr(mod, "COLUMNS", {}).items():
            _check_entry(col, entry, info.name)
            if col in COLUMNS and COLUMNS[col] != entry:
                raise ValueError(f"column {col!r} is defined in both {SOURCES['column:' + col]} and {info.name}")
            COLUMNS[col] = entry
            SOURCES["column:" + col] = info.name


def has_text(key: str) -> bool:
    """Whether the catalogue has a text ``key``."""
    return key in TEXTS


def t(key: str, language: str = "en", **values: Any) -> str:
    """The text ``key`` in ``language`` with ``values`` filled in, every value written for the language.

    Typed values (:mod:`nps_research.text.values`: ``Points``, ``P``, ``Pct``, ``Label``, ...) format
    themselves; ints get thousands separators; floats one decimal, with a sign under the names in
    :data:`SIGNED_VALUES`; booleans are yes / no; strings are inserted as they are. A plural text picks
    its ``one`` or ``other`` form by ``count``.

    Examples
    --------
    >>> t("small_n", "nl", n=12, min_n=30)
    'Let op: n = 12 is kleiner dan 30; het interval is breed en de schatting onzeker.'
    """
    check_language(language)
    if key not in TEXTS:
        raise KeyError(f"no text {key!r}")
    text = TEXTS[key][language]
    if isinstance(text, dict):
        count = values.get("count")
        text = text["one"] if count is not None and abs(float(count)) == 1 else text["other"]
    out = {k: render(v, language, sign=k in SIGNED_VALUES) for k, v in values.items()}
    return text.format(**out)


def t_rows(key: str, language: str = "en", **columns: Any) -> list[str]:
    """:func:`t` for many rows at once: each value is a sequence (one entry per row), written as :func:`t`
    writes it, each distinct entry once (a table of thousands of rows with a sentence each).

    Examples
    --------
    >>> rows = t_rows("small_n", "nl", n=[12, 1500], min_n=[30, 30])
    >>> rows[1] == t("small_n", "nl", n=1500, min_n=30), rows[1][:20]
    (True, 'Let op: n = 1.500 is')
    """
    check_language(language)
    if key not in TEXTS:
        raise KeyError(f"no text {key!r}")
    text = TEXTS[key][language]
    if isinstance(text, dict):
        raise ValueError(f"text {key!r} has plural forms; use t() per row")
    written: dict[str, list[str]] = {}
    for name, entries in columns.items():
        entries = entries.tolist() if hasattr(entries, "tolist") else entries  # Series / arrays: Python values
        memo: dict[Any, str] = {}
        sign = name in SIGNED_VALUES
        written[name] = [memo[v] if v in memo else memo.setdefault(v, render(v, language, sign=sign))
                         for v in entries]
    lengths = {len(v) for v in written.values()}
    if len(lengths) > 1:
        raise ValueError(f"t_rows: the columns for {key!r} differ in length: {sorted(lengths)}")
    names = list(written)
    return [text.format(**dict(zip(names, row))) for row in zip(*written.values())]


def placeholders(key: str) -> set[str]:
    """The names a text expects (both languages, all plural forms).

    Examples
    --------
    >>> sorted(placeholders("small_n"))
    ['min_n', 'n']
    """
    names: set[str] = set()
    for lang in LANGUAGES:
        text = TEXTS[key][lang]
        for form in text.values() if isinstance(text, dict) else [text]:
            names |= {f for _, f, _, _ in string.Formatter().parse(form) if f}
    return names


_load()
