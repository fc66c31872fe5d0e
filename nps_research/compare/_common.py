"""Helpers the NPS-versus-CX modules share: column checks, numeric columns, the outcome kind, and how a
measure, a metric or a variable is named in the report language."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataProblem, StudyDataError
from ..inputs import require_columns, row_numbers
from ..text import column_label, has_text, mapped_label, t

#: NPS categories in order, as used for the dummy columns added by :func:`~.customers.customer_frame`.
CATEGORIES = ("detractor", "passive", "promoter")

_KINDS = ("auto", "binary", "continuous")
_HIGHER_IS_BETTER = {"auc": True, "brier": False, "log_loss": False, "r2": True, "rmse": False}
_METRICS = {"binary": ("auc", "brier", "log_loss"), "continuous": ("r2", "rmse")}


def _require_columns(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    require_columns(df, list(dict.fromkeys(columns)), table="data", rule=f"column needed for {what} is missing")


def _numeric(df: pd.DataFrame, column: str) -> np.ndarray:
    s = df[column]
    if s.dtype == bool:
        return s.to_numpy(dtype=float)
    try:
        return pd.to_numeric(s, errors="raise").to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):
        bad = pd.to_numeric(s, errors="coerce").isna() & s.notna()
        rows = row_numbers(df, bad.to_numpy())
        raise StudyDataError(
            [DataProblem(table="data", column=column, rule="values must be numbers", rows=rows,
                         n_rows=int(bad.sum()), examples=tuple(str(v) for v in s[bad].head(5)))]
        ) from None


def _infer_kind(y: np.ndarray, kind: str, outcome: str) -> str:
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, got {kind!r}")
    values = np.unique(y[np.isfinite(y)])
    is_binary = len(values) <= 2 and np.all(np.isin(values, (0.0, 1.0)))
    if kind == "auto":
        kind = "binary" if is_binary else "continuous"
    if kind == "binary":
        if not is_binary:
            raise StudyDataError([DataProblem(table="data", column=outcome,
                                              rule="a binary outcome must be coded 0/1")])
        if len(values) < 2:
            raise StudyDataError([DataProblem(table="data", column=outcome,
                                              rule="a binary outcome needs both 0s and 1s")])
    return kind


# --------------------------------------------------------------------------------------------- names


def measure_label(name: str, language: str = "en", labels: Mapping[str, Any] | None = None) -> str:
    """A measure set's name: ``labels["measure:<name>"]`` when the analysis named it (the CX measure of a
    study's own scale, :func:`~nps_research.compare.customer_frame`), else the catalogue's
    ``compare.measure.<name>`` when it has one, else the name.

    Examples
    --------
    >>> measure_label("nps_category", "nl"), measure_label("My index", "nl")
    ('NPS-categorie', 'My index')
    >>> measure_label("cx", "en"), measure_label("cx", "en", {"measure:cx": "CX (service)"})
    ('CX (EXQ)', 'CX (service)')
    """
    own = mapped_label(labels, f"measure:{name}", language)
    if own:
        return own
    key = f"compare.measure.{name}"
    return t(key, language) if has_text(key) else str(name)


def metric_label(metric: str, language: str = "en") -> str:
    """A cross-validation metric's name in ``language``.

    Examples
    --------
    >>> metric_label("brier", "nl"), metric_label("r2", "en")
    ('Brier-score', 'R²')
    """
    key = f"compare.metric.{metric}"
    return t(key, language) if has_text(key) else str(metric)


def variable_label(name: str, language: str = "en", labels: Mapping[str, str] | None = None) -> str:
    """A variable's label: ``labels`` (the client's column names, or readable names given by the caller),
    else the catalogue's ``compare.var.<name>`` (CX dimensions, the overall CX score, category dummies),
    else the column label of the text layer. A dummy ``column=level`` is written ``label = level``.

    Examples
    --------
    >>> variable_label("pom", "nl"), variable_label("retained", "nl"), variable_label("ltr", "en")
    ('gemoedsrust', 'behouden', 'likelihood to recommend')
    >>> variable_label("pom", "en", {"pom": "Peace of mind (Q12)"}), variable_label("segment=b", "en")
    ('Peace of mind (Q12)', 'segment = b')
    """
    labels = labels or {}
    if mapped_label(labels, name, language):
        return mapped_label(labels, name, language)
    key = f"compare.var.{name}"
    if has_text(key):
        return t(key, language)
    if "=" in name and name not in labels:
        col, _, level = name.partition("=")
        return f"{variable_label(col, language, labels)} = {level}"
    return column_label(name, language, labels)


def quoted(name: str, language: str = "en", labels: Mapping[str, str] | None = None) -> str:
    """A variable's label between quotes, as it is written in sentences (``‘behouden’``)."""
    return t("compare.quoted", language, name=variable_label(name, language, labels))


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"{old} is deprecated; use {new}", DeprecationWarning, stacklevel=3)
