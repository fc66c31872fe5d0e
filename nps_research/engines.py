"""Counting backends: LTR category counts per group, computed where the data live.

Every NPS statistic in :mod:`nps_research.segments` and :mod:`nps_research.trends` is a
function of a few *aggregates per group*; this module computes those aggregates and
nothing else, so the rows never have to come into pandas:

* a pandas ``DataFrame`` (or a :class:`~nps_research.Study`, whose ``responses`` are used)
  is counted with ``groupby``;
* a path (``str`` or ``Path``: one file, a folder, or a glob pattern) to Parquet or CSV
  files is counted by DuckDB with one SQL ``GROUP BY GROUPING SETS`` query over
  ``read_parquet``/``read_csv``;
* an ibis table expression is counted in its own backend (DuckDB, Spark, a warehouse ...)
  with ``group_by().aggregate()``; a PySpark ``DataFrame`` is wrapped in ibis' pyspark
  backend.

All routes return the same table (same columns, dtypes, row order and values), checked
by ``tests/nps/test_engines.py``.

The aggregates per group are

=================  ==========================================================
``n_missing``      rows whose LTR is missing (not counted anywhere else)
``n_detractors``   rows with LTR 0-6 (0 to ``breaks[0]``)
``n_passives``     rows with LTR 7-8 (up to ``breaks[1]``)
``n_promoters``    rows with LTR 9-10 (above ``breaks[1]``)
``w_<category>``   sum of the weights in the category (only with ``weights=``)
``w2_<category>``  sum of the squared weights in the category (only with ``weights=``)
=================  ==========================================================

With the score :math:`s_i \\in \\{-1, 0, 1\\}` these give every weighted sum the
linearised variance of the weighted NPS needs: :math:`\\sum w`, :math:`\\sum w s`,
:math:`\\sum w^2`, :math:`\\sum w^2 s` and :math:`\\sum w^2 s^2`, because
:math:`s^2 = |s|` (see :func:`nps_research.segments.stats_from_counts`).

Periods (``freq=``) are the period's first day, truncated inside the engine
(``date_trunc`` in SQL); weeks start on Monday (ISO weeks, as ``pandas.Period("W")``).
"""

from __future__ import annotations

import glob as _glob
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import DataProblem, StudyDataError
from .inputs import (  # the one input layer; PANDAS_START_ALIAS and normalize_freq are re-exported
    CATEGORIES,
    DEFAULT_BREAKS,
    FREQ_ALIASES,
    PANDAS_START_ALIAS,
    as_frame,
    category_bounds,
    normalize_freq,
    row_numbers,
)

__all__ = [
    "CATEGORIES",
    "PANDAS_START_ALIAS",
    "count_columns",
    "count_groups",
    "engine_of",
    "normalize_freq",
]

#: Category names in count-column order (:data:`nps_research.inputs.CATEGORIES`); their LTR ranges
#: follow ``breaks=`` (default (6, 8): 0-6, 7-8, 9-10, see :func:`nps_research.inputs.category_bounds`).
_BOUNDS = category_bounds()

#: Name of the derived period key in ``groupings``.
PERIOD = "period"

_FREQ_ALIASES = FREQ_ALIASES  # the one table of period aliases lives in nps_research.inputs
_SQL_UNIT = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}


def count_columns(weighted: bool) -> list[str]:
    """Names of the aggregate columns :func:`count_groups` returns.

    Examples
    --------
    >>> count_columns(False)
    ['n_missing', 'n_detractors', 'n_passives', 'n_promoters']
    """
    cols = ["n_missing"] + [f"n_{c}" for c in CATEGORIES]
    if weighted:
        cols += [f"w_{c}" for c in CATEGORIES] + [f"w2_{c}" for c in CATEGORIES]
    return cols


# ----------------------------------------------------------------------------- source handling


def _is_ibis_table(data: Any) -> bool:
    try:
        import ibis.expr.types as ir
    except ImportError:  # pragma: no cover - ibis is a dependency
        return False
    return isinstance(data, ir.Table)


def _is_spark_frame(data: Any) -> bool:
    mod = type(data).__module__
    return mod.startswith("pyspark.sql") and type(data).__name__ == "DataFrame"


def engine_of(data: Any) -> str:
    """Which route counts ``data``: ``"pandas"``, ``"duckdb"`` (a path) or ``"ibis"``.

    Examples
    --------
    >>> import pandas as pd
    >>> engine_of(pd.DataFrame({"ltr": [9]})), engine_of("responses/*.parquet")
    ('pandas', 'duckdb')
    """
    from .study import Study

    if isinstance(data, Study | pd.DataFrame):
        return "pandas"
    if isinstance(data, str | os.PathLike):
        return "duckdb"
    if _is_ibis_table(data) or _is_spark_frame(data):
        return "ibis"
    raise TypeError(
        "data must be a pandas DataFrame, a Study, a path (str/Path) to Parquet or CSV files, an ibis table "
        f"expression or a PySpark DataFrame; got {type(data).__name__}"
    )


def _resolve_files(path: str | os.PathLike) -> tuple[list[str], str]:
    """Files and their format (``"parquet"`` or ``"csv"``) for a file, folder or glob pattern."""
    text = os.fspath(path)
    p = Path(text)
    if p.is_dir():
        files: list[str] = []
        for pattern in ("*.parquet", "*.pq", "*.csv", "*.csv.gz", "*.tsv"):
            files += _glob.glob(str(p / "**" / pattern), recursive=True)
    elif any(ch in text for ch in "*?["):
        files = _glob.glob(text, recursive=True)
    elif p.exists():
        files = [text]
    else:
        raise FileNotFoundError(f"no file or folder {text!r}")
    files = sorted(f for f in files if Path(f).is_file())
    if not files:
        raise FileNotFoundError(f"no Parquet or CSV files found at {text!r}")
    kinds = {"parquet" if f.lower().endswith((".parquet", ".pq")) else "csv" for f in files}
    if len(kinds) > 1:
        raise ValueError(f"{text!r} mixes Parquet and CSV files; point at one kind")
    return files, kinds.pop()


# ----------------------------------------------------------------------------- public entry point


def count_groups(
    data: Any,
    *,
    ltr: str = "ltr",
    groupings: Sequence[Sequence[str]] = ((),),
    weights: str | None = None,
    date: str | None = None,
    freq: str | None = None,
    where: dict[str, Any] | None = None,
    breaks: Sequence[int] = DEFAULT_BREAKS,
) -> list[pd.DataFrame]:
    """Category counts (and weighted sums) per group, one table per grouping.

    Parameters
    ----------
    data : DataFrame, Study, str or Path, ibis Table or PySpark DataFrame
        The responses. A path may be a file, a folder (all ``*.parquet`` or all ``*.csv``
        files below it) or a glob pattern; it is counted by DuckDB. An ibis table is
        counted by its backend; only the counts come back.
    ltr : str
        Column with the 0-10 likelihood-to-recommend answer.
    groupings : sequence of sequences of str
        The group keys of each table, e.g. ``[(), ("region",), ("product",)]`` for the
        overall counts plus the counts per region and per product. The name ``"period"``
        stands for ``date`` truncated to ``freq``.
    weights : str, optional
        Column with survey weights (> 0); adds the ``w_*`` and ``w2_*`` sums.
    date, freq : str, optional
        Date column and period frequency (see :func:`normalize_freq`); required when a
        grouping uses ``"period"``.
    where : dict, optional
        Row filter ``{column: value or list of values}`` (equality / membership, all
        conditions combined with AND), applied inside the engine.
    breaks : (int, int)
        Highest detractor score and highest passive score, as in :mod:`nps_research.nps`
        (default ``(6, 8)``: 0-6, 7-8, 9-10).

    Returns
    -------
    list of DataFrame
        One table per grouping: its key columns, then :func:`count_columns`. Rows are
        sorted by the keys (missing keys last); counts are ``int64``, sums ``float64``,
        periods ``datetime64[ns]``.

    Raises
    ------
    StudyDataError
        When LTR values are not whole numbers 0-10, or weights are missing or not > 0.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ltr": [0, 7, 9, 10, None], "region": ["N", "N", "S", "S", "S"]})
    >>> overall, per_region = count_groups(df, groupings=[(), ("region",)])
    >>> overall
       n_missing  n_detractors  n_passives  n_promoters
    0          1             1           1            2
    >>> per_region
      region  n_missing  n_detractors  n_passives  n_promoters
    0      N          0             1           1            0
    1      S          1             0           0            2
    """
    groupings = [tuple(g) for g in groupings]
    if not groupings:
        raise ValueError("groupings must list at least one grouping (use [()] for the overall counts)")
    needs_period = any(PERIOD in g for g in groupings)
    code = None
    if needs_period:
        if date is None or freq is None:
            raise ValueError("a grouping uses 'period': give date= (the date column) and freq=")
        code = normalize_freq(freq)
    bounds = category_bounds(breaks)
    route = engine_of(data)
    if route == "pandas":
        raw = _count_pandas(as_frame(data), ltr, groupings, weights, date, code, where, bounds)
    elif route == "duckdb":
        raw = _count_duckdb(data, ltr, groupings, weights, date, code, where, bounds)
    else:
        raw = _count_ibis(data, ltr, groupings, weights, date, code, where, bounds)
    _raise_invalid(raw, ltr, weights, route)
    return [_tidy(frame, keys, weights is not None) for frame, keys in zip(raw["tables"], groupings)]


# ----------------------------------------------------------------------------- shared post-processing


def _raise_invalid(raw: dict, ltr: str, weights: str | None, route: str) -> None:
    problems = []
    if raw["n_invalid_ltr"]:
        problems.append(
            DataProblem(
                "responses", "values must be whole numbers 0-10", column=ltr, role="ltr",
                rows=tuple(raw.get("rows_ltr", ())), n_rows=int(raw["n_invalid_ltr"]),
                examples=tuple(str(v) for v in raw.get("examples_ltr", ())),
            )
        )  # fmt: skip
    if weights is not None and raw["n_invalid_weight"]:
        problems.append(
            DataProblem(
                "responses", "weights must be present and > 0 for every response with an LTR answer",
                column=weights, role="weight", rows=tuple(raw.get("rows_weight", ())),
                n_rows=int(raw["n_invalid_weight"]),
                examples=tuple(str(v) for v in raw.get("examples_weight", ())),
            )
        )  # fmt: skip
    if problems:
        raise StudyDataError(problems)


def _tidy(frame: pd.DataFrame, keys: tuple[str, ...], weighted: bool) -> pd.DataFrame:
    cols = count_columns(weighted)
    out = frame.loc[:, list(keys) + cols].copy()
    for c in cols:
        if c.startswith("n_"):
            out[c] = out[c].fillna(0).astype("int64")
        else:
            out[c] = out[c].fillna(0.0).astype("float64")
    for k in keys:
        if k == PERIOD:
            out[k] = pd.to_datetime(out[k]).astype("datetime64[ns]")
        else:
            out[k] = _normalize_key(out[k])
    if keys:
        out = out.sort_values(list(keys), na_position="last", kind="mergesort")
    return out.reset_index(drop=True)


def _normalize_key(s: pd.Series) -> pd.Series:
    """Engines return keys with slightly different dtypes; make them comparable."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("boolean")
    if pd.api.types.is_integer_dtype(s.dtype) or (
        pd.api.types.is_float_dtype(s.dtype) and s.notna().any() and (s.dropna() % 1 == 0).all()
        and s.isna().any()
    ):
        return s.astype("Int64")
    if pd.api.types.is_float_dtype(s.dtype):
        return s.astype("float64")
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return s.astype("datetime64[ns]")
    if pd.api.types.is_string_dtype(s.dtype) or s.dtype == object:
        return s.astype("str")
    return s


# ----------------------------------------------------------------------------- pandas route


def _truncate_pandas(values: pd.Series, code: str) -> pd.Series:
    d = pd.to_datetime(values)
    if code == "W":
        return (d.dt.normalize() - pd.to_timedelta(d.dt.day_of_week, unit="D")).astype("datetime64[ns]")
    return d.dt.to_period(code).dt.start_time.astype("datetime64[ns]")


def _where_mask_pandas(df: pd.DataFrame, where: dict[str, Any] | None) -> np.ndarray | None:
    if not where:
        return None
    mask = np.ones(len(df), dtype=bool)
    for col, value in where.items():
        values = list(value) if isinstance(value, list | tuple | set) else [value]
        mask &= df[col].isin(values).to_numpy()
    return mask


def _count_pandas(df, ltr, groupings, weights, date, code, where, bounds=_BOUNDS) -> dict:
    _check_columns(df.columns, ltr, groupings, weights, date)
    mask = _where_mask_pandas(df, where)
    if mask is not None:
        df = df.loc[mask]
    raw = df[ltr]
    if isinstance(raw.dtype, pd.CategoricalDtype) or raw.dtype == object or pd.api.types.is_string_dtype(raw):
        s = pd.to_numeric(raw.astype(object), errors="coerce")
    else:
        s = raw
    s = s.astype("float64").to_numpy(na_value=np.nan) if hasattr(s, "to_numpy") else np.asarray(s, float)
    present = raw.notna().to_numpy()
    valid = present & ~np.isnan(s) & (s >= 0) & (s <= 10) & (np.floor(s) == s)
    bad_ltr = present & ~valid
    cols: dict[str, Any] = {"n_missing": (~present).astype(np.int64)}
    for c, (lo, hi) in bounds.items():
        cols[f"n_{c}"] = (valid & (s >= lo) & (s <= hi)).astype(np.int64)
    out = {"n_invalid_ltr": int(bad_ltr.sum()), "n_invalid_weight": 0}
    if bad_ltr.any():
        idx = np.flatnonzero(bad_ltr)[:10]
        out["rows_ltr"] = list(row_numbers(df, idx))
        out["examples_ltr"] = list(pd.unique(raw.iloc[idx].astype(str)))[:5]
    if weights is not None:
        w_raw = df[weights]
        w = pd.to_numeric(w_raw, errors="coerce").astype("float64").to_numpy(na_value=np.nan)
        bad_w = valid & ~(w > 0)
        out["n_invalid_weight"] = int(bad_w.sum())
        if bad_w.any():
            idx = np.flatnonzero(bad_w)[:10]
            out["rows_weight"] = list(row_numbers(df, idx))
            out["examples_weight"] = list(pd.unique(w_raw.iloc[idx].astype(str)))[:5]
        w = np.where(valid, w, 0.0)
        for c in CATEGORIES:
            ind = cols[f"n_{c}"].astype(bool)
            cols[f"w_{c}"] = np.where(ind, w, 0.0)
            cols[f"w2_{c}"] = np.where(ind, w * w, 0.0)
    work = pd.DataFrame(cols, index=df.index)
    key_cols = sorted({k for g in groupings for k in g})
    for k in key_cols:
        work[k] = _truncate_pandas(df[date], code) if k == PERIOD else df[k]
    tables = []
    for keys in groupings:
        if keys:
            agg = work.groupby(list(keys), dropna=False, observed=True, sort=False)[count_columns(weights is not None)]
            tables.append(agg.sum().reset_index())
        else:
            tables.append(work[count_columns(weights is not None)].sum().to_frame().T)
    out["tables"] = tables
    return out


def _check_columns(columns, ltr, groupings, weights, date) -> None:
    wanted = [ltr] + [k for g in groupings for k in g if k != PERIOD]
    if weights is not None:
        wanted.append(weights)
    if any(PERIOD in g for g in groupings):
        wanted.append(date)
    missing = sorted({c for c in wanted if c not in set(columns)})
    if missing:
        raise StudyDataError(
            [DataProblem("responses", "column not found in the data", column=c) for c in missing]
        )


# ----------------------------------------------------------------------------- DuckDB route


_DUCKDB: dict[str, Any] = {}
_DUCKDB_LOCK = threading.Lock()


@contextmanager
def duckdb_cursor():
    """A cursor on this process's in-memory DuckDB database, closed on exit.

    Opening a DuckDB database costs about 20 ms, as much as counting a few million rows, so the counting
    routes share one per process (created on first use, again after a fork) and each query gets its own
    cursor: cursors are independent connections to that database, safe to use from several threads.
    """
    import duckdb

    with _DUCKDB_LOCK:
        if _DUCKDB.get("pid") != os.getpid():
            _DUCKDB.update(pid=os.getpid(), con=duckdb.connect())
        cur = _DUCKDB["con"].cursor()
    try:
        yield cur
    finally:
        cur.close()


def compute_threads() -> int:
    """Threads for numerical work in this process: ``OMP_NUM_THREADS`` when set (the runner sets it for each
    kernel from the cores and parallel notebooks), else at most two."""
    return int(os.environ.get("OMP_NUM_THREADS") or 0) or min(2, os.cpu_count() or 1)


def thread_map(fn: Any, items: Sequence[Any]) -> list[Any]:
    """``[fn(x) for x in items]`` on :func:`compute_threads` threads, results in the order of ``items`` (for
    numpy work that releases the GIL; fixed blocks keep the numbers independent of the thread count)."""
    threads = min(compute_threads(), len(items))
    if threads <= 1:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(fn, items))


def _q(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _lit(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | np.integer | np.floating):
        return repr(value.item() if hasattr(value, "item") else value)
    return "'" + str(value).replace("'", "''") + "'"


def _source_sql(files: list[str], kind: str) -> str:
    lst = "[" + ", ".join(_lit(f) for f in files) + "]"
    if kind == "parquet":
        return f"read_parquet({lst}, union_by_name = true)"
    return f"read_csv({lst}, union_by_name = true)"


def _count_duckdb(path, ltr, groupings, weights, date, code, where, bounds=_BOUNDS) -> dict:
    files, kind = _resolve_files(path)
    with duckdb_cursor() as con:
        src = _source_sql(files, kind)
        described = con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()
        columns = [r[0] for r in described]
        _check_columns(columns, ltr, groupings, weights, date)
        ltr_type = dict((r[0], str(r[1]).upper()) for r in described)[ltr]
        sql = _duckdb_sql(src, ltr, groupings, weights, date, code, where, ltr_type, bounds)
        res = con.execute(sql).df()
        out = _split_grouping_sets(res, groupings, weights)
        if out["n_invalid_ltr"] or out["n_invalid_weight"]:
            out.update(_duckdb_examples(con, src, ltr, weights, where))
        return out


def _where_sql(where: dict[str, Any] | None) -> str:
    if not where:
        return ""
    parts = []
    for col, value in where.items():
        values = list(value) if isinstance(value, list | tuple | set) else [value]
        parts.append(f"{_q(col)} IN ({', '.join(_lit(v) for v in values)})")
    return " WHERE " + " AND ".join(parts)


_INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                  "UBIGINT")


def _duckdb_sql(src, ltr, groupings, weights, date, code, where, ltr_type="DOUBLE", bounds=_BOUNDS) -> str:
    """One scan: a category code per row (0 missing, 1-3 the categories, 4 invalid), then plain counts
    (and weight sums) per grouping set and code; the pivot to columns happens on the small result."""
    key_cols = sorted({k for g in groupings for k in g})
    sel = []
    for k in key_cols:
        if k == PERIOD:
            sel.append(f"date_trunc('{_SQL_UNIT[code]}', CAST({_q(date)} AS TIMESTAMP)) AS {_q(PERIOD)}")
        else:
            sel.append(_q(k))
    x = _q(ltr)
    if ltr_type in _INTEGER_TYPES:  # fast path: no cast, no whole-number check needed
        cases = [f"WHEN {x} BETWEEN {lo} AND {hi} THEN {i + 1}" for i, (lo, hi) in enumerate(bounds.values())]
    else:
        s = f"TRY_CAST({x} AS DOUBLE)"
        cases = [f"WHEN {s} BETWEEN {lo} AND {hi} AND {s} = floor({s}) THEN {i + 1}"
                 for i, (lo, hi) in enumerate(bounds.values())]  # fmt: skip
    sel.append(f"CASE WHEN {x} IS NULL THEN 0 {' '.join(cases)} ELSE 4 END AS __c")
    if weights is not None:
        sel.append(f"TRY_CAST({_q(weights)} AS DOUBLE) AS __w")
    inner = f"SELECT {', '.join(sel)} FROM {src}{_where_sql(where)}"
    aggs = ["count(*) AS __n"]
    if weights is not None:
        aggs += ["sum(__w) AS __sw", "sum(__w * __w) AS __sw2",
                 "count(*) FILTER (WHERE NOT coalesce(__w > 0, false)) AS __nbadw"]  # fmt: skip
    keys_sql = "".join(f"{_q(k)}, " for k in key_cols)
    gid = f"GROUPING({', '.join(_q(k) for k in key_cols)})" if key_cols else "0"
    sets = ", ".join("(" + "".join(f"{_q(k)}, " for k in g) + "__c)" for g in groupings)
    return (
        f"SELECT {keys_sql}__c, {gid} AS __gid, {', '.join(aggs)} "
        f"FROM ({inner}) GROUP BY GROUPING SETS ({sets})"
    )


def _split_grouping_sets(res: pd.DataFrame, groupings, weights) -> dict:
    key_cols = sorted({k for g in groupings for k in g})
    code = res["__c"].to_numpy()
    n = res["__n"].to_numpy(dtype=np.int64)
    wide = pd.DataFrame({k: res[k] for k in key_cols})
    wide["__gid"] = res["__gid"].to_numpy()
    wide["n_missing"] = np.where(code == 0, n, 0)
    for i, c in enumerate(CATEGORIES, start=1):
        wide[f"n_{c}"] = np.where(code == i, n, 0)
    wide["__n_invalid_ltr"] = np.where(code == 4, n, 0)
    if weights is not None:
        sw, sw2 = res["__sw"].to_numpy(dtype=float), res["__sw2"].to_numpy(dtype=float)
        for i, c in enumerate(CATEGORIES, start=1):
            wide[f"w_{c}"] = np.where(code == i, np.nan_to_num(sw), 0.0)
        for i, c in enumerate(CATEGORIES, start=1):
            wide[f"w2_{c}"] = np.where(code == i, np.nan_to_num(sw2), 0.0)
        wide["__n_invalid_weight"] = np.where((code >= 1) & (code <= 3), res["__nbadw"].to_numpy(), 0)
    value_cols = [c for c in wide.columns if c not in key_cols and c != "__gid"]
    tables = []
    for keys in groupings:
        # GROUPING(k1, ..., km) sets bit (m-1-i) for every key k_i *not* in the grouping set.
        gid = sum(1 << (len(key_cols) - 1 - i) for i, k in enumerate(key_cols) if k not in keys)
        part = wide.loc[wide["__gid"] == gid]
        if keys:
            part = part.groupby(list(keys), dropna=False, sort=False)[value_cols].sum().reset_index()
        else:
            part = part[value_cols].sum().to_frame().T
        tables.append(part)
    # Invalid counts: every row is in every grouping set, so read them from the first one.
    first = tables[0]
    return {
        "tables": tables,
        "n_invalid_ltr": int(first["__n_invalid_ltr"].sum()),
        "n_invalid_weight": int(first["__n_invalid_weight"].sum()) if weights is not None else 0,
    }


def _duckdb_examples(con, src, ltr, weights, where) -> dict:
    """On invalid data only: the first offending rows (row 2 = first data row of a CSV)."""
    out: dict[str, Any] = {}
    base = f"SELECT row_number() OVER () + 1 AS __row, * FROM {src}{_where_sql(where)}"
    s = f"TRY_CAST({_q(ltr)} AS DOUBLE)"
    bad_ltr = f"{_q(ltr)} IS NOT NULL AND NOT coalesce({s} >= 0 AND {s} <= 10 AND {s} = floor({s}), false)"
    rows = con.execute(f"SELECT __row, CAST({_q(ltr)} AS VARCHAR) FROM ({base}) WHERE {bad_ltr} LIMIT 10").fetchall()
    out["rows_ltr"] = [r[0] for r in rows]
    out["examples_ltr"] = list(dict.fromkeys(r[1] for r in rows))[:5]
    if weights is not None:
        w = f"TRY_CAST({_q(weights)} AS DOUBLE)"
        bad_w = f"{_q(ltr)} IS NOT NULL AND NOT ({bad_ltr}) AND NOT coalesce({w} > 0, false)"
        rows = con.execute(
            f"SELECT __row, CAST({_q(weights)} AS VARCHAR) FROM ({base}) WHERE {bad_w} LIMIT 10"
        ).fetchall()
        out["rows_weight"] = [r[0] for r in rows]
        out["examples_weight"] = list(dict.fromkeys(str(r[1]) for r in rows))[:5]
    return out


# ----------------------------------------------------------------------------- ibis route


_IBIS_UNIT = {"D": "D", "W": "W", "M": "M", "Q": "Q", "Y": "Y"}


def _as_ibis(data: Any):
    if _is_ibis_table(data):
        return data
    import uuid

    import ibis

    name = f"nps_research_{uuid.uuid4().hex[:12]}"
    data.createOrReplaceTempView(name)
    con = ibis.pyspark.connect(data.sparkSession)
    return con.table(name)


def _count_ibis(data, ltr, groupings, weights, date, code, where, bounds=_BOUNDS) -> dict:
    import ibis

    t = _as_ibis(data)
    _check_columns(t.columns, ltr, groupings, weights, date)
    if where:
        for col, value in where.items():
            values = list(value) if isinstance(value, list | tuple | set) else [value]
            t = t.filter(t[col].isin(values))
    key_cols = sorted({k for g in groupings for k in g})
    if PERIOD in key_cols:
        t = t.mutate(**{PERIOD: t[date].cast("timestamp").truncate(_IBIS_UNIT[code])})
    raw = t[ltr]
    s = raw.cast("float64") if not raw.type().is_numeric() else raw.cast("float64")
    present = raw.notnull()
    valid = (s >= 0) & (s <= 10) & (s == s.floor())
    cond = {c: valid & (s >= lo) & (s <= hi) for c, (lo, hi) in bounds.items()}

    def cnt(c):
        return ibis.ifelse(c.fill_null(False), 1, 0).sum()

    metrics = {
        "n_missing": cnt(~present),
        "__n_invalid_ltr": cnt(present & ~valid.fill_null(False)),
    }
    for c in CATEGORIES:
        metrics[f"n_{c}"] = cnt(cond[c])
    if weights is not None:
        w = t[weights].cast("float64")
        metrics["__n_invalid_weight"] = cnt(valid & ~(w > 0).fill_null(False))
        for c in CATEGORIES:
            metrics[f"w_{c}"] = ibis.ifelse(cond[c].fill_null(False), w, 0.0).sum()
        for c in CATEGORIES:
            metrics[f"w2_{c}"] = ibis.ifelse(cond[c].fill_null(False), w * w, 0.0).sum()
    tables = []
    n_invalid_ltr = n_invalid_weight = 0
    for i, keys in enumerate(groupings):
        expr = t.group_by(list(keys)).aggregate(**metrics) if keys else t.aggregate(**metrics)
        res = expr.execute()
        if i == 0:
            n_invalid_ltr = int(res["__n_invalid_ltr"].fillna(0).sum())
            if weights is not None:
                n_invalid_weight = int(res["__n_invalid_weight"].fillna(0).sum())
        tables.append(res)
    out = {"tables": tables, "n_invalid_ltr": n_invalid_ltr, "n_invalid_weight": n_invalid_weight}
    if n_invalid_ltr:
        ex = t.filter(present & ~valid.fill_null(False)).select(v=raw.cast("string")).limit(10).execute()
        out["examples_ltr"] = list(dict.fromkeys(ex["v"]))[:5]
    if n_invalid_weight:
        ex = t.filter(valid & ~(t[weights].cast("float64") > 0).fill_null(False))
        ex = ex.select(v=t[weights].cast("string")).limit(10).execute()
        out["examples_weight"] = list(dict.fromkeys(str(v) for v in ex["v"]))[:5]
    return out
