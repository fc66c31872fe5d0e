"""The one presentation layer for report tables.

A report table shows chosen columns of a result under labelled headers in the report language, without
the index, with booleans as words, periods as periods and numbers formatted by the *kind* of each column.
Long detail tables fold into a collapsible section. The full-precision frame stays what the analysis
returned; :class:`ReportTable` keeps it (``.data``) beside the kinds and headers, so that other outputs
(the Excel workbook) can write real numbers with cell formats.

Column kinds
------------
``count`` / ``int``
    whole numbers with thousands separators;
``number:k``, ``signed:k``
    ``k`` decimals (``signed`` always writes the sign);
``points``
    NPS points with a sign and one decimal;
``pct``
    a percentage number with one decimal (the header says ``%``); ``share`` a fraction shown as percent;
``p``
    a p- or q-value (``< 0,001``);
``bool``
    yes / no (ja / nee);
``period`` / ``date``
    a period for the table's ``freq`` (``jan 2025``) / a date (``3 jan 2025``);
``label``
    the value is a column (role) name, shown by its label (``region`` -> ``regio``);
``category``
    a word the catalogue knows (``value.<column>.<v>``, then ``value.<v>`` or ``<v>``: ``relational`` ->
    ``relationeel``, ``promoter`` -> ``promotor``, a journey ``stage`` ``pre`` -> ``voor``), else as is;
``text``
    as it is.

Kinds and headers come from the catalogue's ``COLUMNS`` (:mod:`nps_research.text.catalog`), then the
column roles, then the dtype; a call can override both. A column without a header in the catalogue warns
(:class:`MissingLabelWarning`), so that no raw column name reaches a client unnoticed.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"segment_column": ["region", "region"], "segment": ["noord", "zuid"],
...                    "n": [1200, 85], "nps": [12.345, -3.0], "p_value": [0.0004, 0.2], "small_n": [False, True]})
>>> report_table(df, language="nl").formatted()
  kenmerk segment      n    NPS p-waarde kleine n
0    regio   noord  1.200  +12,3  < 0,001      nee
1    regio    zuid     85   -3,0    0,200       ja
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .text import COLUMNS, ROLE_LABELS, check_language, column_label, mapped_label, t
from .text import formatters as f

__all__ = ["KINDS", "TABLE_MIME", "MissingLabelWarning", "ReportTable", "format_value", "kind_of", "report_table"]

#: The MIME type under which a notebook records a report table's raw values (invisible on the HTML page),
#: for the run's workbook (:mod:`nps_research.delivery`).
TABLE_MIME = "application/vnd.nps-research.table+json"

#: The format kinds a column can have (``number:k`` and ``signed:k`` take a number of decimals).
KINDS = ("count", "int", "number", "signed", "points", "pct", "share", "p", "bool", "period", "date", "label",
         "category", "text")

#: Role columns whose values are words of the catalogue (translated in the report language).
_CATEGORY_ROLES = {"survey_type", "stage", "category"}


class MissingLabelWarning(UserWarning):
    """A report table shows a column that has no header in the text catalogue."""


def kind_of(column: str, values: pd.Series | None = None) -> str:
    """The format kind of a result column: the catalogue's, a role's, else by dtype.

    Examples
    --------
    >>> kind_of("nps"), kind_of("q_value"), kind_of("survey_type"), kind_of("x", pd.Series([0.5]))
    ('points', 'p', 'category', 'number:2')
    """
    if column in COLUMNS and "kind" in COLUMNS[column]:
        return COLUMNS[column]["kind"]
    if column in _CATEGORY_ROLES:
        return "category"
    if column in ROLE_LABELS:
        return "text"
    if values is not None:
        if pd.api.types.is_bool_dtype(values):
            return "bool"
        if pd.api.types.is_integer_dtype(values):
            return "count"
        if pd.api.types.is_float_dtype(values):
            return "number:2"
        if pd.api.types.is_datetime64_any_dtype(values):
            return "date"
    return "text"


def _split(kind: str) -> tuple[str, int | None]:
    name, _, dec = kind.partition(":")
    if name not in KINDS:
        raise ValueError(f"unknown column kind {kind!r}; kinds are {', '.join(KINDS)}")
    return name, int(dec) if dec else None


def _word(value: Any, language: str, column: str | None = None) -> str:
    from .text import value_word

    return value_word(value, language, column)


def format_value(value: Any, kind: str, language: str = "en", *, freq: str | None = None,
                 labels: Mapping[str, str] | None = None, column: str | None = None) -> str:
    """Write one cell of a report table.

    Examples
    --------
    >>> format_value(0.85432, "number:3", "nl"), format_value(True, "bool", "nl"), format_value(0.25, "share", "en")
    ('0,854', 'ja', '25.0')
    >>> format_value(pd.Timestamp("2025-01-01"), "period", "nl", freq="M"), format_value("relational", "category", "nl")
    ('jan 2025', 'relationeel')
    """
    name, dec = _split(kind)
    if value is None or (not isinstance(value, str | bool | np.bool_) and pd.isna(value)):
        return f.NA if name != "text" else ""
    if name in ("count", "int"):
        return f.fmt_int(value, language)
    if name == "number":
        return f.fmt_number(value, language, 2 if dec is None else dec)
    if name == "signed":
        return f.fmt_number(value, language, 1 if dec is None else dec, sign=True)
    if name == "points":
        return f.fmt_points(value, language, 1 if dec is None else dec)
    if name == "pct":
        return f.fmt_number(value, language, 1 if dec is None else dec)
    if name == "share":
        return f.fmt_number(100 * float(value), language, 1 if dec is None else dec)
    if name == "p":
        return f.fmt_p(value, language)
    if name == "bool":
        return t("yes" if bool(value) else "no", language)
    if name == "period":
        return f.fmt_period(value, freq or "M", language)
    if name == "date":
        return f.fmt_date(value, language)
    if name == "label":
        return column_label(str(value), language, labels)
    if name == "category":
        return _word(value, language, column)
    return str(value)


@dataclass
class ReportTable:
    """A table ready for a report: the raw values, each column's kind and header, and how to show it."""

    data: pd.DataFrame
    kinds: dict[str, str]
    headers: dict[str, str]
    language: str = "en"
    caption: str | None = None
    detail: bool = False
    freq: str | None = None
    labels: Mapping[str, str] | None = field(default=None, repr=False)

    def formatted(self) -> pd.DataFrame:
        """The table as strings under the labelled headers (a fresh RangeIndex)."""
        out = {}
        for col in self.data.columns:
            out[self.headers[col]] = [format_value(v, self.kinds[col], self.language, freq=self.freq,
                                                   labels=self.labels, column=str(col)) for v in self.data[col]]
        return pd.DataFrame(out, index=pd.RangeIndex(len(self.data)))

    def to_html(self) -> str:
        """The table as HTML: no index, numbers right-aligned, long tables folded."""
        text = self.formatted()
        numeric = [_split(self.kinds[c])[0] not in ("text", "label", "category", "bool", "period", "date")
                   for c in self.data.columns]
        head = "".join(f'<th style="text-align:{"right" if num else "left"}">{html.escape(str(h))}</th>'
                       for h, num in zip(text.columns, numeric))
        body = []
        for row in text.itertuples(index=False):
            cells = "".join(f'<td style="text-align:{"right" if num else "left"};white-space:nowrap">'
                            f"{html.escape(str(v))}</td>" for v, num in zip(row, numeric))
            body.append(f"<tr>{cells}</tr>")
        table = (f'<table class="nr-table"><thead><tr>{head}</tr></thead>'
                 f'<tbody>{"".join(body)}</tbody></table>')
        if self.detail:
            caption = self.caption or t("detail_table", self.language)
            summary = html.escape(t("show_table", self.language, caption=caption, n=len(text)))
            return f'<details class="nr-detail"><summary>{summary}</summary>{table}</details>'
        if self.caption:
            return f'<p class="nr-caption"><strong>{html.escape(self.caption)}</strong></p>{table}'
        return table

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_record(self) -> dict[str, Any]:
        """The table as JSON-safe data: headers, kinds and the raw (full-precision) values, for the workbook.

        Examples
        --------
        >>> rec = report_table(pd.DataFrame({"n": [12], "nps": [3.25]}), language="nl").to_record()
        >>> rec["columns"], rec["rows"]
        ([{'name': 'n', 'header': 'n', 'kind': 'count'}, {'name': 'nps', 'header': 'NPS', 'kind': 'points'}], [[12, 3.25]])
        """
        def clean(v: Any) -> Any:
            if v is None or (not isinstance(v, str | bool | np.bool_) and pd.isna(v)):
                return None
            if isinstance(v, np.bool_ | bool):
                return bool(v)
            if isinstance(v, np.integer):
                return int(v)
            if isinstance(v, np.floating | float):
                return float(v)
            if isinstance(v, pd.Timestamp):
                return v.isoformat()
            if isinstance(v, pd.Period):
                return v.start_time.isoformat()
            if isinstance(v, int | str):
                return v
            return str(v)

        cols = [str(c) for c in self.data.columns]
        return {
            "caption": self.caption, "language": self.language, "freq": self.freq, "detail": self.detail,
            "columns": [{"name": c, "header": self.headers[c], "kind": self.kinds[c]} for c in cols],
            "rows": [[clean(v) for v in row] for row in self.data.itertuples(index=False, name=None)],
            # the words the report shows for category, label and bool cells (the workbook writes these)
            "words": {c: [format_value(v, self.kinds[c], self.language, freq=self.freq, labels=self.labels, column=c)
                          for v in self.data[c]] for c in cols
                      if _split(self.kinds[c])[0] in ("category", "label", "bool", "period", "date")},
        }

    def __repr__(self) -> str:
        return self.formatted().to_string(index=False)


def report_table(
    data: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    language: str = "en",
    headers: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    freq: str | None = None,
    caption: str | None = None,
    detail: bool | None = None,
    max_rows: int = 25,
    decimals: int | None = None,
) -> ReportTable:
    """Prepare a result table for a report.

    Parameters
    ----------
    data : DataFrame
        A result (tidy, full precision). Its index is not shown; use ``reset_index()`` first when it
        carries information.
    columns : list of str, optional
        Which columns to show, in this order (default: all).
    language : {"en", "nl"}
    headers : mapping, optional
        Column -> header text already in the report language (for headers that depend on the data,
        such as a dimension's label); other headers come from the catalogue.
    kinds : mapping, optional
        Column -> format kind, overriding the catalogue (for instance ``{"ci_low": "number:3"}`` when an
        interval is not in NPS points).
    labels : mapping, optional
        Role -> the client's column name (from the study), for ``label`` columns and headers.
    freq : str, optional
        Period frequency for ``period`` columns (``"M"``, ``"Q"``, ...).
    caption : str, optional
        Shown above the table, or as the summary line of a folded table.
    detail : bool, optional
        Fold the table into a collapsible section (default: when it has more than ``max_rows`` rows).
    max_rows : int
        See ``detail``.
    decimals : int, optional
        Decimals of float columns whose kind the catalogue does not know (default 2).

    Returns
    -------
    ReportTable

    Raises
    ------
    KeyError
        When ``columns`` names a column that ``data`` lacks.
    """
    check_language(language)
    if columns is not None:
        missing = [c for c in columns if c not in data.columns]
        if missing:
            raise KeyError(f"report_table: column(s) {', '.join(map(repr, missing))} not in the table "
                           f"(columns: {', '.join(map(str, data.columns))})")
        data = data.loc[:, list(columns)]
    data = data.reset_index(drop=True)
    headers = dict(headers or {})
    kinds = dict(kinds or {})
    out_kinds, out_headers = {}, {}
    for col in data.columns:
        name = str(col)
        out_kinds[col] = kinds.get(name) or kind_of(name, data[col])
        if decimals is not None and name not in kinds and out_kinds[col] == "number:2" and name not in COLUMNS:
            out_kinds[col] = f"number:{decimals}"
        _split(out_kinds[col])
        if name in headers:
            out_headers[col] = headers[name]
            continue
        if mapped_label(labels, name, language):
            out_headers[col] = mapped_label(labels, name, language)
        elif name in COLUMNS or name in ROLE_LABELS:
            out_headers[col] = column_label(name, language)
        else:
            warnings.warn(f"report table column {name!r} has no header in the text catalogue; add it to a "
                          f"COLUMNS table in nps_research/text/catalog/ or pass headers=",
                          MissingLabelWarning, stacklevel=2)
            out_headers[col] = name.replace("_", " ")
    if detail is None:
        detail = len(data) > max_rows
    return ReportTable(data, out_kinds, out_headers, language, caption, bool(detail), freq, labels)
