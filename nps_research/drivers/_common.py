"""Helpers the driver modules share: the Study-or-DataFrame input, driver columns, numeric columns, weights,
weighted correlations, the selection of answers for a page and how a driver is named in the report language."""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataProblem, StudyDataError
from ..inputs import as_frame, labels_of, row_numbers
from ..text import Int, Label, Word, column_label, has_text, t

__all__ = ["MIN_ROWS_PER_DRIVER", "FallbackWarning", "describe_data", "driver_label", "select_answers"]

#: Below this many complete rows per driver an estimate warns.
MIN_ROWS_PER_DRIVER = 10


class FallbackWarning(UserWarning):
    """An exact method was replaced by an approximation (the result says which)."""


def driver_label(name: str, language: str = "en", labels: Mapping[str, str] | None = None) -> str:
    """A driver's label in the report language: the client's column name when ``labels`` has one, else the
    catalogue's column header (the demo's attributes: ``sat_price`` -> ``price`` / ``prijs``), else the
    column name with spaces for underscores.

    Examples
    --------
    >>> driver_label("sat_price", "nl"), driver_label("sat_price", "en"), driver_label("Prijs_Q3", "nl")
    ('prijs', 'price', 'Prijs Q3')
    >>> driver_label("sat_price", "nl", {"sat_price": "Tevredenheid prijs"})
    'Tevredenheid prijs'
    """
    return column_label(str(name), language, labels)


def _frame(data: Any) -> tuple[pd.DataFrame | None, Any]:
    """DataFrame from a DataFrame or a Study (its responses, :func:`nps_research.inputs.as_frame`);
    also returns the Study or None."""
    if data is None:
        return None, None
    df = as_frame(data)
    return df, (None if df is data else data)


def _labels(data: Any) -> dict[str, str]:
    return labels_of(data) if data is not None else {}


def select_answers(data: Any, *, survey_type: str | None = None) -> Any:
    """The answers a driver analysis uses: a Study (or DataFrame) restricted to one survey type.

    ``survey_type=None`` keeps every answer; a survey type that the data do not have (or data without a
    ``survey_type`` column) keep every answer too. A Study is returned as a copy with its other tables,
    attributes, ranges and labels; its responses are the selection.

    Examples
    --------
    >>> df = pd.DataFrame({"survey_type": ["relational", "transactional"], "ltr": [9, 3]})
    >>> len(select_answers(df, survey_type="relational")), len(select_answers(df))
    (1, 2)
    """
    df = as_frame(data)
    if survey_type is None or "survey_type" not in df.columns:
        sub = df
    else:
        keep = df["survey_type"].astype("string") == str(survey_type)
        sub = df[keep.fillna(False).to_numpy()] if keep.any() else df
    if sub is not df:
        sub = sub.copy()
        sub.attrs = dict(df.attrs)
        sub.attrs["survey_type"] = survey_type
    if isinstance(data, pd.DataFrame):
        return sub
    return dataclasses.replace(data, responses=sub)


def describe_data(data: Any, *, outcome: str = "ltr", drivers=None, survey_type: str | None = None,
                  language: str = "en") -> str:
    """The opening sentence of a driver page: the question, how many answers it uses (of which survey type)
    and how many of them have a score on every driver.

    ``survey_type`` defaults to the selection made by :func:`select_answers`.

    Examples
    --------
    >>> df = pd.DataFrame({"ltr": [9, 3, 7] * 500, "sat_price": [8, 2, None] * 500, "sat_app": [7, 5, 6] * 500})
    >>> describe_data(df, drivers=["sat_price", "sat_app"], language="nl")
    'Welke attributen bepalen de uitkomst ‘aanbevelingsscore’, en hoe sterk? Deze pagina gebruikt 1.500 antwoorden; 1.000 daarvan hebben een score op alle 2 attributen.'
    """
    df, study = _frame(data)
    drivers = _resolve_drivers(drivers, study)
    labels = _labels(data)
    survey_type = survey_type if survey_type is not None else df.attrs.get("survey_type")
    cols = [c for c in [outcome, *drivers] if c in df.columns]
    n = int(df[outcome].notna().sum()) if outcome in df.columns else len(df)
    complete = int(df[cols].notna().all(axis=1).sum())
    values = dict(outcome=Label(outcome, labels), n=Int(n), complete=Int(complete), k=Int(len(drivers)),
                  count=len(drivers))
    if survey_type is not None:
        key = f"value.{survey_type}"
        survey = Word(key) if has_text(key) else str(survey_type)
        return t("drivers.intro.scoped", language, survey=survey, **values)
    return t("drivers.intro", language, **values)


def _resolve_drivers(drivers, study) -> list[str]:
    if drivers is None:
        if study is not None and getattr(study, "attributes", None):
            return list(study.attributes)
        if study is not None:  # a study loaded without a study file: attribute columns are named sat_*
            found = [c for c in study.responses.columns if str(c).startswith("sat_")]
            if found:
                return found
        raise ValueError("drivers: give a list of driver columns (or pass a Study with attributes)")
    if isinstance(drivers, str):
        return [drivers]
    drivers = list(drivers)
    if len(drivers) == 0:
        raise ValueError("drivers: the list of drivers is empty")
    if len(set(drivers)) != len(drivers):
        dup = sorted({d for d in drivers if drivers.count(d) > 1})
        raise ValueError(f"drivers: each driver may be listed once; repeated: {dup}")
    return drivers


def _numeric_columns(df: pd.DataFrame, columns: list[str], table: str = "responses") -> pd.DataFrame:
    """The columns as float, raising StudyDataError for missing or non-numeric columns."""
    problems = []
    for c in columns:
        if c not in df.columns:
            problems.append(DataProblem(table, "column is missing (needed as outcome/driver)", column=c))
    if problems:
        raise StudyDataError(problems)
    out = {}
    for c in columns:
        s = df[c]
        if s.dtype == bool:
            s = s.astype(float)
        num = pd.to_numeric(s, errors="coerce")
        bad = num.isna() & s.notna()
        if bad.any():
            rows = row_numbers(df, bad.to_numpy())
            problems.append(DataProblem(table, "values must be numbers", column=c, rows=rows,
                                        n_rows=int(bad.sum()),
                                        examples=tuple(str(v) for v in s[bad].unique()[:5])))
        out[c] = num.astype(float)
    if problems:
        raise StudyDataError(problems)
    return pd.DataFrame(out, index=df.index)


def _weights_array(df: pd.DataFrame, weights, index) -> np.ndarray | None:
    if weights is None:
        return None
    if isinstance(weights, str):
        if weights not in df.columns:
            raise StudyDataError([DataProblem("responses", "weight column is missing", column=weights)])
        w = pd.to_numeric(df.loc[index, weights], errors="coerce").to_numpy(float)
    else:
        w = np.asarray(weights, dtype=float)
        if w.shape[0] != len(df):
            raise ValueError(f"weights: {w.shape[0]} weights for {len(df)} rows")
        w = w[df.index.get_indexer(index)]
    bad = ~np.isfinite(w) | (w <= 0)
    if bad.any():
        raise StudyDataError([DataProblem("responses", "weights must be numbers > 0",
                                          column=weights if isinstance(weights, str) else "weights",
                                          rows=row_numbers(df, df.index.get_indexer(index)[bad]),
                                          n_rows=int(bad.sum()))])
    return w


def _weighted_corr(Z: np.ndarray, w: np.ndarray | None) -> np.ndarray:
    """Correlation matrix of the columns of Z (rows = observations), optionally weighted."""
    if w is None:
        C = np.cov(Z, rowvar=False)
    else:
        w = w / w.sum()
        mu = w @ Z
        D = Z - mu
        C = (D * w[:, None]).T @ D
    d = np.sqrt(np.diag(C))
    if np.any(d <= 0):
        raise StudyDataError("a column has no variation (all values equal); it cannot be a driver or outcome")
    R = C / np.outer(d, d)
    np.fill_diagonal(R, 1.0)
    return R


def _design(df: pd.DataFrame, drivers: list[str], controls: list[str] | None) -> tuple[pd.DataFrame, dict]:
    """Numeric design matrix: drivers as numbers, controls as numbers or dummies (first level dropped).

    Also returns term -> (column, level or None), so that a dummy ``channel_web`` can be shown as
    ``kanaal = web``."""
    parts = [_numeric_columns(df, drivers)]
    terms: dict[str, tuple[str, Any]] = {d: (d, None) for d in drivers}
    for c in controls or []:
        if c not in df.columns:
            raise StudyDataError([DataProblem("responses", "control column is missing", column=c)])
        s = df[c]
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            parts.append(s.astype(float).to_frame(c))
            terms[c] = (c, None)
        else:
            levels = sorted(s.dropna().astype(str).unique())
            d = pd.get_dummies(s.astype("string"), prefix=c, drop_first=True, dtype=float)
            d[s.isna().to_numpy()] = np.nan
            for level in levels[1:]:
                terms[f"{c}_{level}"] = (c, level)
            parts.append(d)
    return pd.concat(parts, axis=1), terms


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"{old} is deprecated; use {new}", DeprecationWarning, stacklevel=3)
