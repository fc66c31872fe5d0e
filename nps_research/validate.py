"""Parse and validate raw tables against the study data model.

Every problem is collected before raising, so one :class:`~nps_research.StudyDataError` lists all that is
wrong with a file: the table, the client's column and its role, the rule, the number of offending rows and the
first row numbers as they appear in the file.

Examples
--------
>>> parse_score(pd.Series(["10 - Zeer waarschijnlijk", "0 = not at all likely", "7", "7,0"]), 0, 10).values.tolist()
[10, 0, 7, 7]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from .errors import DataProblem, Rule, StudyDataError
from .io import RawTable
from .schema import CATEGORY_SYNONYMS, SCORE_GROUPS, TABLES, Role

__all__ = ["ParseResult", "parse_score", "parse_number", "parse_dates", "parse_binary", "parse_table"]

_NUMBER_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_THOUSANDS_COMMA_DECIMAL_RE = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_THOUSANDS_DOT_DECIMAL_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
#: "10 - Zeer waarschijnlijk", "0 = not at all likely", "9: ...", "10 (extremely likely)"
_LABEL_RE = re.compile(r"^\s*(\d{1,2})\s*(?:[-\u2013\u2014=:.)(]|\s)\s*[^\d\s.,].*$", re.DOTALL)
_BINARY = {
    "1": 1, "0": 0, "1.0": 1, "0.0": 0, "yes": 1, "no": 0, "y": 1, "n": 0, "ja": 1, "nee": 0, "j": 1,
    "true": 1, "false": 0, "waar": 1, "onwaar": 0, "t": 1, "f": 0,
}
DATE_FORMATS = (
    "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S", "%d.%m.%Y %H:%M",
)


@dataclass
class ParseResult:
    """Parsed values plus the index labels (file rows) that broke each rule."""

    values: pd.Series
    bad: dict[str, pd.Index] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, rule: str, mask: pd.Series, raw: pd.Series) -> None:
        if mask.any():
            self.bad[rule] = mask.index[mask.to_numpy()]
            self.examples[rule] = [str(v) for v in raw[mask].drop_duplicates().head(5)]


def _as_text(s: pd.Series) -> pd.Series:
    """Values as stripped strings (NA stays NA); numbers keep a plain repr (7.0 -> '7.0')."""
    if pd.api.types.infer_dtype(s, skipna=True) in ("string", "empty"):  # text already (a CSV): vectorised
        return s.astype("string").str.strip()
    return s.map(lambda v: v if v is pd.NA or (isinstance(v, float) and np.isnan(v)) else str(v).strip(),
                 na_action="ignore").astype("string")


def _is_text(s: pd.Series) -> bool:
    """A column of text only (such as a CSV's, read by Arrow): no value can be a number, date or float."""
    return isinstance(s.dtype, pd.StringDtype)


def _to_float(txt: pd.Series) -> pd.Series:
    """Numbers written with a decimal point (already checked), missing elsewhere: Arrow's cast for Arrow text
    (millions of cells without a Python object each), else pandas' to_numeric."""
    if isinstance(txt.dtype, pd.StringDtype) and txt.dtype.storage == "pyarrow":
        import pyarrow as pa
        import pyarrow.compute as pc

        try:
            out = pc.cast(pa.array(txt.array), pa.float64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
        else:
            values = pc.fill_null(out, 0.0).to_numpy(zero_copy_only=False)
            missing = pc.is_null(out).to_numpy(zero_copy_only=False)
            return pd.Series(pd.arrays.FloatingArray(values, missing), index=txt.index)
    return pd.to_numeric(txt, errors="coerce").astype("Float64")


def parse_number(s: pd.Series, *, decimal: str = ".") -> ParseResult:
    """Parse numbers, accepting a decimal comma ("7,5") and thousands separators ("1.234,56" / "1,234.56").

    Examples
    --------
    >>> parse_number(pd.Series(["1.234,5", "0,75", "2"]), decimal=",").values.tolist()
    [1234.5, 0.75, 2.0]
    """
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        return ParseResult(s.astype("Float64"))
    txt = _as_text(s)
    clean = txt.copy()
    if decimal == ",":
        thousands = txt.str.fullmatch(_THOUSANDS_COMMA_DECIMAL_RE.pattern).fillna(False).astype(bool)
        clean = clean.where(~thousands, clean.str.replace(".", "", regex=False))
    else:
        thousands = txt.str.fullmatch(_THOUSANDS_DOT_DECIMAL_RE.pattern).fillna(False).astype(bool)
        clean = clean.where(~thousands, clean.str.replace(",", "", regex=False))
    clean = clean.str.replace(",", ".", regex=False)
    num = pd.to_numeric(clean, errors="coerce").astype("Float64")
    res = ParseResult(num)
    res.add(Rule.make("data.number"), num.isna() & txt.notna(), s)
    return res


def parse_score(s: pd.Series, low: float, high: float) -> ParseResult:
    """Parse whole-number scores in ``[low, high]``; labelled answers ("10 - Zeer waarschijnlijk") give their number.

    Text without a leading number, decimals that are not whole (7.5) and values outside the range are
    reported as separate rules.
    """
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        num = s.astype("Float64")
        label_num = pd.Series(pd.NA, index=s.index, dtype="Float64")
        txt = _as_text(s)
        not_number = pd.Series(False, index=s.index)
    else:
        txt = _as_text(s)
        plain = txt.str.fullmatch(_NUMBER_RE.pattern).fillna(False).astype(bool)
        num = _to_float(txt.where(plain).str.replace(",", ".", regex=False))
        label = txt.where(~plain).str.extract(_LABEL_RE, expand=False)
        label_num = pd.to_numeric(label, errors="coerce").astype("Float64")
        num = num.fillna(label_num)
        not_number = num.isna() & txt.notna()
    res = ParseResult(num)
    res.add(Rule.make("data.whole_text", low=f"{low:g}", high=f"{high:g}"), not_number, s)
    known = num.notna()
    frac = known & ((num - num.round()).abs() > 1e-9).fillna(False)
    res.add(Rule.make("data.whole_decimals", low=f"{low:g}", high=f"{high:g}"), frac, s)
    out = known & ~frac & ((num < low) | (num > high)).fillna(False)
    res.add(Rule.make("data.whole_range", low=f"{low:g}", high=f"{high:g}"), out, s)
    ok = num.where(known & ~frac & ~out).round()
    res.values = ok.astype("Int64")
    return res


def parse_dates(s: pd.Series, *, date_format: str | None = None, date_only: bool = True) -> ParseResult:
    """Parse dates: ISO 8601 first, then day-first Dutch/European forms (31-01-2024, 31/01/2024, 31.01.2024).

    Examples
    --------
    >>> parse_dates(pd.Series(["2024-01-31", "31-01-2024", "1/2/2024"])).values.dt.strftime("%Y-%m-%d").tolist()
    ['2024-01-31', '2024-01-31', '2024-02-01']
    """
    if pd.api.types.is_datetime64_any_dtype(s):
        out = s
        bad = pd.Series(False, index=s.index)
    else:
        txt = _as_text(s)
        if date_format:
            out = pd.to_datetime(txt, format=date_format, errors="coerce")
        else:
            if _is_text(s):
                is_ts = pd.Series(False, index=s.index)
            else:
                is_ts = s.map(lambda v: isinstance(v, pd.Timestamp | np.datetime64), na_action="ignore")
                is_ts = is_ts.fillna(False).astype(bool)
            out = pd.to_datetime(s.where(is_ts), errors="coerce")
            iso = txt.str.match(r"^\d{4}-\d{1,2}-\d{1,2}").fillna(False).astype(bool)
            todo = out.isna() & iso
            if todo.any():
                out = out.fillna(pd.to_datetime(txt.where(todo), format="ISO8601", errors="coerce"))
            for fmt in DATE_FORMATS:
                todo = out.isna() & txt.notna()
                if not todo.any():
                    break
                out = out.fillna(pd.to_datetime(txt.where(todo), format=fmt, errors="coerce"))
        bad = out.isna() & txt.notna()
        res = ParseResult(pd.Series(pd.NaT, index=s.index))
        rule = Rule.make("data.date_format", format=date_format) if date_format else Rule.make("data.date")
        res.add(rule, bad, s)
        out = pd.to_datetime(out)
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_localize(None)
        res.values = out.dt.normalize() if date_only else out
        return res
    out = pd.to_datetime(out)
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_localize(None)
    return ParseResult(out.dt.normalize() if date_only else out)


def parse_binary(s: pd.Series) -> ParseResult:
    """Parse 0/1 flags (also yes/no, ja/nee, true/false, j/n).

    Examples
    --------
    >>> parse_binary(pd.Series(["ja", "Nee", "1", "0"])).values.tolist()
    [1, 0, 1, 0]
    """
    txt = _as_text(s).str.lower()
    vals = txt.map(_BINARY, na_action="ignore")
    res = ParseResult(pd.to_numeric(vals, errors="coerce").astype("Int64"))
    res.add(Rule.make("data.binary"), vals.isna() & txt.notna(), s)
    return res


def _parse_category(s: pd.Series, role: Role) -> ParseResult:
    txt = _as_text(s)
    synonyms = CATEGORY_SYNONYMS.get(role.name)
    if synonyms is not None or role.categories:
        synonyms = synonyms or {c: c for c in role.categories or ()}
        vals = txt.str.lower().map(synonyms, na_action="ignore")
        res = ParseResult(vals.astype("str").where(vals.notna()))
        res.add(Rule.make("data.one_of", choices=", ".join(role.categories or sorted(set(synonyms.values())))),
                vals.isna() & txt.notna(), s)
        return res
    return ParseResult(txt)


def _parse_id(s: pd.Series) -> ParseResult:
    if not _is_text(s) and (pd.api.types.is_float_dtype(s)
                            or s.map(lambda v: isinstance(v, float), na_action="ignore").any()):
        # Excel turns ids into floats: 1001.0 -> "1001"
        s = s.map(lambda v: str(int(v)) if isinstance(v, float) and float(v).is_integer() else v,
                  na_action="ignore")
    return ParseResult(_as_text(s))


def _finish_int(values: pd.Series) -> pd.Series:
    return values.astype("int64") if values.notna().all() else values.astype("Int64")


def _finish_text(values: pd.Series) -> pd.Series:
    return values.astype("str").where(values.notna()) if len(values) else values.astype("str")


def parse_column(s: pd.Series, role: Role, *, decimal: str = ".", date_format: str | None = None,
                 low: float | None = None, high: float | None = None) -> ParseResult:
    """Parse one column according to its role's kind and range."""
    low = role.low if low is None else low
    high = role.high if high is None else high
    if role.kind == "score":
        res = parse_score(s, low, high)
        res.values = _finish_int(res.values)
    elif role.kind == "number":
        res = parse_number(s, decimal=decimal)
        v = res.values
        if low is not None:
            res.add(Rule.make("data.at_least", low=f"{low:g}") if role.name != "weight" else Rule.make("data.positive"),
                    ((v < low) | ((v == low) & (role.name == "weight"))).fillna(False), s)
        if high is not None:
            res.add(Rule.make("data.at_most", high=f"{high:g}"), (v > high).fillna(False), s)
        if role.integer:
            res.add(Rule.make("data.whole"), ((v - v.round()).abs() > 1e-9).fillna(False), s)
            res.values = _finish_int(v.round())
        else:
            res.values = v.astype("float64")
    elif role.kind in ("date", "datetime"):
        res = parse_dates(s, date_format=date_format, date_only=role.kind == "date")
    elif role.kind == "binary":
        res = parse_binary(s)
        res.values = _finish_int(res.values)
    elif role.kind == "category":
        res = _parse_category(s, role)
        res.values = _finish_text(res.values)
    elif role.kind == "id":
        res = _parse_id(s)
        res.values = _finish_text(res.values)
    else:
        res = ParseResult(_finish_text(_as_text(s)))
    return res


def parse_table(
    raw: RawTable,
    table: str,
    *,
    columns: dict[str, str] | None = None,
    score_columns: dict[str, dict[str, str]] | None = None,
    ranges: dict[str, tuple[float, float]] | None = None,
    date_format: str | None = None,
    constants: dict[str, Any] | None = None,
    aggregate: Any = None,
) -> pd.DataFrame:
    """Map, parse and validate one table; return it with role names as columns.

    Parameters
    ----------
    raw : RawTable
        From :func:`nps_research.io.read_raw`.
    table : str
        ``responses``, ``outcomes``, ``journey_events`` or ``invitations``.
    columns : dict, optional
        Role -> the client's column name, where they differ. Roles not mapped are looked up under their own name.
    score_columns : dict, optional
        Score group (``attributes``, ``cx_items``) -> {name in the study: client's column}.
    ranges : dict, optional
        ``(low, high)`` per score role or group name, overriding the defaults.
    date_format : str, optional
        strftime format for the date columns when they are not ISO or day-first.
    constants : dict, optional
        Role -> one value for every row (validated like a column: ``transactioneel`` is read as
        ``transactional``).
    aggregate : Aggregate, optional
        Reduce rows that repeat the key ``aggregate.by`` (a role) to one row per key by ``aggregate.rule``; the
        key is then not required to be unique, and ``attrs["aggregated"]`` says how many rows were reduced and
        how many keys had conflicting values.

    Raises
    ------
    StudyDataError
        Listing every problem found.
    """
    spec = TABLES[table]
    columns = dict(columns or {})
    constants = dict(constants or {})
    score_columns = score_columns or {}
    ranges = ranges or {}
    frame = raw.frame
    problems: list[DataProblem] = []
    if constants:
        frame = frame.copy()
        for role, value in constants.items():
            name = f"(constant {role})"
            frame[name] = str(value)
            columns[role] = name
    agg_key = getattr(aggregate, "by", None) if aggregate is not None else None
    if agg_key is not None and agg_key not in spec.role_names:
        problems.append(DataProblem(table, Rule.make("data.aggregate_by", roles=", ".join(spec.role_names)),
                                    column=str(agg_key)))
    unknown_roles = sorted(set(columns) - set(spec.role_names))
    if unknown_roles:
        problems.append(DataProblem(table, Rule.make("data.unknown_roles", unknown=", ".join(unknown_roles),
                                                      roles=", ".join(spec.role_names))))
    available = ", ".join(repr(c) for c in frame.columns)
    out: dict[str, pd.Series] = {}
    targets: list[tuple[Role, str, float | None, float | None]] = []
    lower = {}
    for c in frame.columns:
        lower.setdefault(str(c).lower(), []).append(c)
    for role in spec.roles:
        col = columns.get(role.name, role.name)
        if role.name not in columns and col not in frame.columns and len(lower.get(col, [])) == 1:
            col = lower[col][0]  # "Touchpoint" serves the role 'touchpoint'
        if col not in frame.columns:
            if role.name in columns:
                problems.append(DataProblem(table, Rule.make("data.mapped_missing", file=raw.path.name, available=available),
                                            column=col, role=role.name))
            elif role.required:
                problems.append(DataProblem(table, Rule.make("data.required_missing", file=raw.path.name,
                                                         available=available), column=col, role=role.name))
            continue
        low, high = ranges.get(role.name, (None, None))
        targets.append((role, col, low, high))
    for group, cols in score_columns.items():
        g = SCORE_GROUPS[group]
        low, high = ranges.get(group, (g.low, g.high))
        for name, col in cols.items():
            if col not in frame.columns:
                problems.append(DataProblem(table, Rule.make("data.score_missing", group=group, file=raw.path.name,
                                                         available=available), column=col, role=name))
                continue
            low_i, high_i = ranges.get(name, (low, high))
            targets.append((Role(name, "score", g.description, low=low_i, high=high_i, integer=True), col,
                            low_i, high_i))
    for role, col, low, high in targets:
        res = parse_column(frame[col], role, decimal=raw.decimal, date_format=date_format, low=low, high=high)
        for rule, rows in res.bad.items():
            problems.append(DataProblem(table, rule, column=col, role=role.name, rows=tuple(int(r) for r in rows),
                                        n_rows=len(rows), examples=tuple(res.examples.get(rule, ()))))
        values = res.values
        missing = values.isna() & ~frame.index.isin(_all_bad(res))
        if not role.nullable and missing.any():
            rows = values.index[missing.to_numpy()]
            problems.append(DataProblem(table, Rule.make("data.empty"), column=col, role=role.name,
                                        rows=tuple(int(r) for r in rows), n_rows=len(rows)))
        if role.unique and role.name != agg_key:
            dup = values.notna() & values.duplicated(keep=False)
            if dup.any():
                rows = values.index[dup.to_numpy()]
                problems.append(DataProblem(
                    table, Rule.make("data.unique"), column=col, role=role.name,
                    rows=tuple(int(r) for r in rows), n_rows=len(rows),
                    examples=tuple(str(v) for v in values[dup].drop_duplicates().head(5))))
        out[role.name] = values
    if table == "invitations" and "invited" in out and "responded" in out:
        both = (out["responded"] == 1) & (out["invited"] == 0)
        both = both.fillna(False).astype(bool)
        if both.any():
            rows = both.index[both.to_numpy()]
            problems.append(DataProblem(table, Rule.make("data.responded_not_invited"), column=columns.get(
                "responded", "responded"), role="responded", rows=tuple(int(r) for r in rows), n_rows=len(rows)))
    if problems:
        raise StudyDataError([replace(p, file=raw.path.name) for p in problems])
    result = pd.DataFrame(out)
    result.index = pd.RangeIndex(len(result))
    used = {col for _, col, _, _ in targets}
    unused = [str(c) for c in frame.columns if c not in used]
    if agg_key is not None and agg_key in result.columns:
        result = aggregate_rows(result, agg_key, aggregate.rule)
    result.attrs["unused_columns"] = unused
    return result


def aggregate_rows(df: pd.DataFrame, by: str, rule: str = "last") -> pd.DataFrame:
    """One row per value of ``by``: ``first``/``last`` row (by ``date`` or ``timestamp`` when the table has one,
    else in file order), or ``min``/``max``/``mean`` of the numeric columns (other columns: the last row).

    ``attrs["aggregated"]`` holds ``rows`` (rows before), ``reduced`` (rows removed), ``keys`` (keys that
    repeated), ``conflicting`` (repeated keys whose rows disagree on some column) and ``rule``.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": ["a", "a", "b"], "retained": [1, 0, 1]})
    >>> out = aggregate_rows(df, "customer_id", "last")
    >>> out["retained"].tolist(), out.attrs["aggregated"]["conflicting"]
    ([0, 1], 1)
    """
    order_col = next((c for c in ("date", "timestamp") if c in df.columns and c != by), None)
    work = df.assign(_pos=np.arange(len(df)))
    if order_col is not None:
        work = work.sort_values([order_col, "_pos"], kind="mergesort", na_position="first")
    else:
        work = work.sort_values("_pos", kind="mergesort")
    others = [c for c in df.columns if c != by]
    dup = work[by].duplicated(keep=False) & work[by].notna()
    repeated = work.loc[dup]
    conflicting = 0
    if len(repeated):
        nunique = repeated.groupby(by, sort=False)[others].nunique(dropna=True)
        conflicting = int((nunique > 1).any(axis=1).sum())
    g = work.groupby(by, sort=False, dropna=False)
    if rule in ("first", "last"):
        out = g.nth(0) if rule == "first" else g.nth(-1)
    else:
        numeric = [c for c in others if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
        out = g.nth(-1).set_index(by)
        stat = getattr(g[numeric], rule)()
        for c in numeric:
            values = stat[c]
            if pd.api.types.is_integer_dtype(df[c]) and rule != "mean":
                values = values.astype(df[c].dtype)
            out[c] = values.reindex(out.index)
        out = out.reset_index()
    out = out.sort_values("_pos", kind="mergesort").drop(columns="_pos")[list(df.columns)]
    out.index = pd.RangeIndex(len(out))
    out.attrs["aggregated"] = {"rows": int(len(df)), "reduced": int(len(df) - len(out)),
                               "keys": int(repeated[by].nunique()), "conflicting": conflicting, "rule": rule,
                               "by": by}
    return out


def _all_bad(res: ParseResult) -> pd.Index:
    idx = pd.Index([])
    for rows in res.bad.values():
        idx = idx.union(rows)
    return idx
