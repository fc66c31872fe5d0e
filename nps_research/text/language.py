"""Report languages.

Examples
--------
>>> check_language("nl")
'nl'
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "check_language"]

LANGUAGES = ("en", "nl")


def check_language(language: str) -> str:
    """Return ``language`` if it is a report language, else raise ``ValueError``.

    Examples
    --------
    >>> check_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of en, nl; got 'fr'
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}")
    return language
