"""Reading raw survey exports: CSV (any separator, decimal comma, UTF-8/cp1252), Excel and Parquet.

:func:`read_raw` returns the file's columns untouched in meaning (text stays text) with the file's own row
numbers as the index, so validation can name rows as a person sees them in the file: for CSV and Excel the
header is row 1 and the first data row is row 2; for Parquet the first row is row 1. Parsing values into
numbers and dates happens in :mod:`nps_research.validate`. Files are only ever opened for reading.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "nl.csv").write_bytes("id;score;gewicht\\r\\n1;9;1,5\\r\\n2;10 - Zeer waarschijnlijk;0,75\\r\\n"
...                                   .encode("cp1252"))
>>> raw = read_raw(folder / "nl.csv")
>>> raw.frame
    id                     score gewicht
row
2    1                         9     1,5
3    2  10 - Zeer waarschijnlijk    0,75
>>> raw.sep, raw.encoding, raw.decimal
(';', 'utf-8', ',')
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import DataProblem, StudyDataError

__all__ = ["RawTable", "decode_bytes", "read_raw", "sniff_separator", "write_atomic"]

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
SEPARATORS = (";", ",", "\t", "|")


@dataclass
class RawTable:
    """A file's content before parsing: ``frame`` (index = row numbers in the file) and how it was read."""

    frame: pd.DataFrame
    path: Path
    kind: str  # "csv" | "excel" | "parquet"
    sep: str | None = None
    encoding: str | None = None
    decimal: str = "."

    @property
    def row_label(self) -> str:
        return "row" if self.kind != "parquet" else "record"


def decode_bytes(data: bytes, *, table: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes; return ``(text, encoding)``.

    Without an explicit ``encoding``: UTF-8 (with or without byte-order mark), UTF-16 with a byte-order mark,
    then Windows-1252 (cp1252, the usual encoding of Dutch Excel exports). Bytes that are valid in none of
    these raise :class:`StudyDataError` naming the line and byte; set ``encoding: latin-1`` in the study file
    to read such a file anyway (latin-1 accepts every byte).

    Examples
    --------
    >>> decode_bytes("café".encode("cp1252"), table="t")
    ('café', 'cp1252')
    >>> decode_bytes(b"\\xef\\xbb\\xbfid", table="t")
    ('id', 'utf-8')
    """
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except LookupError as e:
            raise StudyDataError([DataProblem(table, f"unknown encoding {encoding!r} in the study file")]) from e
        except UnicodeDecodeError as e:
            raise StudyDataError([_decode_problem(data, e, table, encoding)]) from e
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as e:
        raise StudyDataError([_decode_problem(data, e, table, "UTF-8 or cp1252")]) from e


def _decode_problem(data: bytes, e: UnicodeDecodeError, table: str, tried: str) -> DataProblem:
    line = data.count(b"\n", 0, e.start) + 1
    bad = data[e.start : e.end]
    return DataProblem(
        table,
        f"the file is not valid {tried} text: byte {bad.hex(' ')} on line {line} cannot be decoded; "
        "save the export as UTF-8, or set 'encoding: latin-1' for this table in the study file",
        rows=(line,),
    )


def sniff_separator(header_line: str) -> str:
    """The separator that splits the header line into the most fields (outside quotes).

    Examples
    --------
    >>> sniff_separator('"id";"Q1 Aanbevelen";"datum"')
    ';'
    >>> sniff_separator("id,ltr,date")
    ','
    """
    counts: Counter[str] = Counter()
    in_quotes = False
    for ch in header_line:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in SEPARATORS:
            counts[ch] += 1
    if not counts:
        return ","
    return max(SEPARATORS, key=lambda s: counts[s])


def read_raw(
    path: str | Path,
    *,
    table: str = "table",
    sep: str | None = None,
    encoding: str | None = None,
    decimal: str | None = None,
    sheet: str | int | None = None,
) -> RawTable:
    """Read a CSV, Excel or Parquet file without interpreting values.

    Parameters
    ----------
    path : str or Path
        The file. The kind follows from the suffix (.csv/.txt/.tsv, .xlsx, .parquet).
    table : str
        Table name used in error messages.
    sep, encoding, decimal : str, optional
        CSV settings; detected when omitted (``decimal`` is ``","`` when the separator is ``";"``).
    sheet : str or int, optional
        Excel sheet (default: the first).

    Returns
    -------
    RawTable
        CSV values are strings (missing: ``NA``); Excel and Parquet values keep their types.

    Raises
    ------
    StudyDataError
        Missing or empty file, a file with a header but no rows, undecodable bytes, a row with too many or too
        few fields, duplicate or empty column names.
    """
    path = Path(path)
    if not path.is_file():
        raise StudyDataError([DataProblem(table, f"file not found: {path}")])
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        raw = _read_csv(path, table=table, sep=sep, encoding=encoding, decimal=decimal)
    elif suffix in EXCEL_SUFFIXES:
        raw = _read_excel(path, table=table, sheet=sheet)
    elif suffix in PARQUET_SUFFIXES:
        raw = _read_parquet(path, table=table)
    else:
        raise StudyDataError([DataProblem(
            table, f"cannot read '{path.name}': use .csv, .txt, .tsv, .xlsx or .parquet files")])
    _check_columns(raw, table)
    if raw.frame.empty:
        raise StudyDataError([DataProblem(table, f"'{path.name}' has a header but no data rows")])
    return raw


def _read_csv(path: Path, *, table: str, sep: str | None, encoding: str | None, decimal: str | None) -> RawTable:
    data = path.read_bytes()
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise StudyDataError([DataProblem(table, f"'{path.name}' is empty")])
    text, used = decode_bytes(data, table=table, encoding=encoding)
    # the first line only (splitting a file of millions of lines for it would copy them all)
    first_line = (text.lstrip("\ufeff").partition("\n")[0].splitlines() or [""])[0]
    sep = sep or ("\t" if path.suffix.lower() == ".tsv" else sniff_separator(first_line))
    decimal = decimal or ("," if sep == ";" else ".")
    if used == "utf-8":  # pyarrow reads the file's own bytes: the decoded text is not needed beside them
        del text
        fast = _read_csv_arrow(data, sep)
    else:
        fast = _read_csv_arrow(text.encode("utf-8"), sep)
    if fast is not None:
        return RawTable(fast, path, "csv", sep=sep, encoding=used, decimal=decimal)
    if used == "utf-8":
        text, used = decode_bytes(data, table=table, encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        header = next(reader)
    except StopIteration as e:  # pragma: no cover - guarded by the empty check above
        raise StudyDataError([DataProblem(table, f"'{path.name}' is empty")]) from e
    header = [h.strip().lstrip("\ufeff") for h in header]
    rows: list[list[str]] = []
    line_numbers: list[int] = []
    ragged: list[int] = []
    last_line = reader.line_num
    for record in reader:
        start = last_line + 1
        last_line = reader.line_num
        if not record or (not record[0].strip() and not "".join(record).strip()):
            continue  # blank line
        if len(record) != len(header):
            ragged.append(start)
            continue
        rows.append(record)
        line_numbers.append(start)
    if ragged:
        raise StudyDataError([DataProblem(
            table, f"rows with a different number of fields than the header ({len(header)}, separator {sep!r})",
            rows=tuple(ragged))])
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(line_numbers, name="row"), dtype=object)
    if len(frame):  # stripped by pyarrow, column by column, back to plain Python strings
        frame = frame.apply(lambda s: s.astype("string[pyarrow]").str.strip().astype(object)
                            .where(lambda v: v.notna(), None))
    frame = frame.replace({"": pd.NA})
    return RawTable(frame, path, "csv", sep=sep, encoding=used, decimal=decimal)


def _positions(b, byte: int, block: int = 1 << 25):
    """Positions of ``byte`` in the byte array ``b``, found block by block (no array of the file's size)."""
    import numpy as np

    parts = [np.flatnonzero(b[i:i + block] == byte) + i for i in range(0, len(b), block)]
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)


def _read_csv_arrow(data: bytes, sep: str) -> pd.DataFrame | None:
    """The CSV values (UTF-8 ``data``) as Arrow text by pyarrow's reader (no Python string per cell), or None
    when the file is
    one that only the line-by-line reader describes exactly: a quoted value spanning lines, bare carriage
    returns as line ends, rows with a different number of fields (their error names the lines), or anything
    pyarrow reads differently. The result equals the line-by-line reader's: the same stripped values, missing
    for empty cells, blank lines skipped, the file's line numbers as the index."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pacsv

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    b = np.frombuffer(data, dtype=np.uint8)
    newlines, returns, quotes = (_positions(b, byte) for byte in (10, 13, 34))
    if len(returns) and (len(returns) > len(newlines) or not np.isin(returns + 1, newlines).all()):
        return None  # bare carriage returns end lines for the csv module only
    # a quoted value spanning lines: an odd number of quotes before a line end
    if len(quotes) and (np.searchsorted(quotes, newlines) % 2).any():
        return None
    # physical lines: start and length without the line end; the header is line 1
    starts = np.concatenate([[0], newlines + 1])
    ends = np.concatenate([newlines, [len(b)]])
    lengths = ends - starts - np.isin(ends - 1, returns)
    if not len(lengths) or lengths[0] == 0:
        return None
    header = next(csv.reader(io.StringIO(data[:ends[0]].decode("utf-8"), newline=""), delimiter=sep))
    header = [h.strip().lstrip("\ufeff") for h in header]
    line_numbers = np.flatnonzero(lengths[1:] > 0) + 2  # blank lines are no rows
    names = [f"c{i}" for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, use_threads=True),
            parse_options=pacsv.ParseOptions(delimiter=sep, quote_char='"', double_quote=True, escape_char=False,
                                             newlines_in_values=False, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, ValueError):
        return None
    if table.num_rows != len(line_numbers):
        return None
    import pyarrow.compute as pc

    columns = {}
    blank = None
    for name in header:  # column by column, each read column let go once stripped (half the peak memory)
        col = table.column(0)
        table = table.remove_column(0)
        col = pc.utf8_trim_whitespace(col)
        empty = pc.equal(pc.binary_length(col), 0)
        blank = empty if blank is None else pc.and_(blank, empty)
        columns[name] = pc.if_else(empty, pa.scalar(None, pa.string()), col)
    keep = None if blank is None or not pc.any(blank).as_py() else pc.invert(blank)
    frame = pd.DataFrame({name: pd.Series(col if keep is None else col.filter(keep), dtype="str", copy=False)
                          for name, col in columns.items()}, columns=header)
    index = line_numbers if keep is None else line_numbers[keep.to_numpy(zero_copy_only=False)]
    frame.index = pd.Index(index, name="row")
    return frame


def _read_excel(path: Path, *, table: str, sheet: str | int | None) -> RawTable:
    try:
        frame = pd.read_excel(path, sheet_name=0 if sheet is None else sheet, dtype=object)
    except ValueError as e:
        raise StudyDataError([DataProblem(table, f"cannot read sheet {sheet!r} of '{path.name}': {e}")]) from e
    except Exception as e:  # zip/xml errors from a damaged file
        raise StudyDataError([DataProblem(table, f"'{path.name}' is not a readable .xlsx file: {e}")]) from e
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.dropna(how="all")
    frame.index = pd.Index(frame.index + 2, name="row")
    frame = frame.map(lambda v: (v.strip() or pd.NA) if isinstance(v, str) else v)
    return RawTable(frame, path, "excel")


def _read_parquet(path: Path, *, table: str) -> RawTable:
    try:
        frame = pd.read_parquet(path)
    except Exception as e:
        raise StudyDataError([DataProblem(table, f"'{path.name}' is not a readable Parquet file: {e}")]) from e
    frame.index = pd.Index(range(1, len(frame) + 1), name="row")
    return RawTable(frame, path, "parquet")


def _check_columns(raw: RawTable, table: str) -> None:
    cols = list(raw.frame.columns)
    problems = []
    empty = [i + 1 for i, c in enumerate(cols) if not str(c).strip() or str(c).startswith("Unnamed:")]
    if empty:
        problems.append(DataProblem(table, f"'{raw.path.name}' has columns without a name (positions "
                                    + ", ".join(map(str, empty)) + ")"))
    dupes = sorted({c for c in cols if cols.count(c) > 1})
    if dupes:
        problems.append(DataProblem(table, f"'{raw.path.name}' has duplicate column names: "
                                    + ", ".join(repr(d) for d in dupes)))
    if problems:
        raise StudyDataError(problems)


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it into place.

    Readers never see a half-written file, and an interrupted write leaves nothing behind. Text is written as
    UTF-8 with "\\n" line ends; the file gets the usual permissions (0666 less the umask).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> write_atomic(p, "a\\nb\\n")
    >>> p.read_bytes(), sorted(f.name for f in p.parent.iterdir())
    (b'a\\nb\\n', ['x.txt'])
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
