"""Deprecated sentence functions, kept for old callers: the sentences now come from the results'
``describe(language)`` (text depends on results, never the reverse).

- :func:`describe_fit` -> :func:`nps_research.cx.cfa.fit_sentences` / :meth:`CFAResult.describe`;
- :func:`describe_reliability` -> :meth:`ReliabilityResult.describe`;
- :func:`describe_validity` -> :meth:`ValidityResult.describe`;
- :func:`describe_invariance` -> :meth:`InvarianceResult.describe`.
"""

from __future__ import annotations

import warnings

import pandas as pd

from .cfa import fit_sentences
from .invariance import invariance_sentences
from .reliability import THRESHOLD, reliability_sentences

__all__ = ["describe_fit", "describe_invariance", "describe_reliability", "describe_validity"]


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"nps_research.cx.{old} is deprecated; use {new}", DeprecationWarning, stacklevel=3)


def describe_fit(fit: pd.Series, language: str = "en") -> list[str]:
    """Deprecated: :func:`nps_research.cx.cfa.fit_sentences` (or ``CFAResult.describe``)."""
    _deprecated("describe_fit", "CFAResult.describe")
    return fit_sentences(fit, language)


def describe_reliability(table: pd.DataFrame, language: str = "en", threshold: float = THRESHOLD) -> list[str]:
    """Deprecated: ``ReliabilityResult.describe`` (or :func:`nps_research.cx.reliability.reliability_sentences`)."""
    _deprecated("describe_reliability", "ReliabilityResult.describe")
    return reliability_sentences(table, language, threshold)


def describe_validity(validity, language: str = "en") -> list[str]:
    """Deprecated: ``ValidityResult.describe``."""
    _deprecated("describe_validity", "ValidityResult.describe")
    return validity.describe(language)


def describe_invariance(table: pd.DataFrame, language: str = "en") -> list[str]:
    """Deprecated: ``InvarianceResult.describe`` (or :func:`nps_research.cx.invariance.invariance_sentences`)."""
    _deprecated("describe_invariance", "InvarianceResult.describe")
    return invariance_sentences(table, language)
