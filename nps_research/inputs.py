"""One input layer: the data adapter, the column check, the row-number rule, the NPS categories and
the period aliases every analysis module shares.

Row numbers
-----------
Error messages name offending rows by one rule, :func:`row_numbers`:

* a table read from a file by :mod:`nps_research.io` has the file's own row numbers as its index
  (index name ``"row"``: for CSV and Excel the header is row 1, the first data row is row 2; for
  Parquet the first record is 1); those file rows are reported;
* any other DataFrame is reported by its **index labels** (so a default ``RangeIndex`` gives
  0-based positions, and a frame filtered with ``df[mask]`` keeps naming the original rows).

NPS categories
--------------
A response is a detractor (0 to ``breaks[0]``), a passive (up to ``breaks[1]``) or a promoter
(above ``breaks[1]``); :data:`DEFAULT_BREAKS` ``= (6, 8)`` is the standard 0-6 / 7-8 / 9-10. The
breaks are those of :mod:`nps_research.nps`; :func:`category_bounds` gives the inclusive score range
per category for any valid ``breaks``.

Periods
-------
:func:`normalize_freq` maps every accepted frequency spelling (old and pandas 3 aliases, upper or
lower case) to one canonical code ``"D"``, ``"W"``, ``"M"``, ``"Q"`` or ``"Y"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import DataProblem, StudyDataError
from .nps import DEFAULT_BREAKS, _check_breaks

__all__ = [
    "CATEGORIES",
    "DEFAULT_BREAKS",
    "FREQ_ALIASES",
    "PANDAS_START_ALIAS",
    "as_frame",
    "labels_of",
    "relabel_keys",
    "category_bounds",
    "check_breaks",
    "normalize_freq",
    "present_columns",
    "require_columns",
    "row_numbers",
    "survey_type_of",
]

#: Category names (plural, as in count columns) in order detractor, passive, promoter.
CATEGORIES = ("detractors", "passives", "promoters")

#: Every accepted frequency spelling -> canonical period code.
FREQ_ALIASES = {
    "D": "D", "B": "D",
    "W": "W", "W-MON": "W", "W-SUN": "W",
    "M": "M", "ME": "M", "MS": "M",
    "Q": "Q", "QE": "Q", "QS": "Q", "Q-DEC": "Q", "QE-DEC": "Q", "QS-JAN": "Q",
    "Y": "Y", "YE": "Y", "YS": "Y", "A": "Y", "AS": "Y", "Y-DEC": "Y", "YE-DEC": "Y", "YS-JAN": "Y",
}  # fmt: skip
#: Canonical code -> pandas offset alias of period *starts* (pandas 3 spelling).
PANDAS_START_ALIAS = {"D": "D", "W": "W-MON", "M": "MS", "Q": "QS", "Y": "YS"}


def normalize_freq(freq: str) -> str:
    """Canonical period code ``"D"``, ``"W"``, ``"M"``, ``"Q"`` or ``"Y"`` for a frequency alias.

    Accepts the old pandas spellings (``"M"``, ``"Q"``, ``"A"``) as well as the pandas 3
    ones (``"ME"``/``"MS"``, ``"QE"``/``"QS"``, ``"YE"``/``"YS"``); periods are always
    labelled by their first day, whichever spelling is used.

    Examples
    --------
    >>> normalize_freq("M"), normalize_freq("ME"), normalize_freq("qs"), normalize_freq("W")
    ('M', 'M', 'Q', 'W')
    """
    key = str(freq).strip().upper()
    if key not in FREQ_ALIASES:
        raise ValueError(
            f"freq={freq!r} is not a supported period frequency; use one of 'D', 'W', 'M' (or 'ME'/'MS'), "
            "'Q' (or 'QE'/'QS'), 'Y' (or 'YE'/'YS')"
        )
    return FREQ_ALIASES[key]


def check_breaks(breaks: Sequence[int] = DEFAULT_BREAKS) -> tuple[int, int]:
    """``breaks`` as two ints (detractor max, passive max), validated as in :mod:`nps_research.nps`."""
    return _check_breaks(breaks)


def category_bounds(breaks: Sequence[int] = DEFAULT_BREAKS) -> dict[str, tuple[int, int]]:
    """Inclusive 0-10 score range of each category for ``breaks``.

    Examples
    --------
    >>> category_bounds()
    {'detractors': (0, 6), 'passives': (7, 8), 'promoters': (9, 10)}
    >>> category_bounds((5, 7))["promoters"]
    (8, 10)
    """
    b1, b2 = _check_breaks(breaks)
    return {"detractors": (0, b1), "passives": (b1 + 1, b2), "promoters": (b2 + 1, 10)}


def _is_study(data: Any) -> bool:
    from .study import Study

    if isinstance(data, Study):
        return True
    return (
        not isinstance(data, pd.DataFrame)
        and isinstance(getattr(data, "responses", None), pd.DataFrame)
        and hasattr(data, "outcomes")
    )


def as_frame(data: Any) -> pd.DataFrame:
    """The responses table of a :class:`~nps_research.study.Study`, or a DataFrame itself (not copied).

    Raises
    ------
    TypeError
        For anything else.

    Examples
    --------
    >>> from nps_research.study import Study
    >>> df = pd.DataFrame({"ltr": [9, 3]})
    >>> as_frame(Study(responses=df)) is df, as_frame(df) is df
    (True, True)
    """
    if isinstance(data, pd.DataFrame):
        return data
    if _is_study(data):
        return data.responses
    raise TypeError(f"data must be a pandas DataFrame or a Study, got {type(data).__name__}")


def labels_of(data: Any) -> dict[str, str]:
    """Role -> the client's column name for a :class:`~nps_research.study.Study` (its ``labels``), or a
    DataFrame's ``attrs["labels"]``; empty when there are none. Results keep it so that their sentences
    and tables name columns as the client does.

    Examples
    --------
    >>> from nps_research.study import Study
    >>> labels_of(Study(responses=pd.DataFrame({"channel": ["web"]}), labels={"channel": "Kanaal"}))
    {'channel': 'Kanaal'}
    >>> labels_of(pd.DataFrame({"channel": ["web"]}))
    {}
    """
    if _is_study(data):
        return dict(getattr(data, "labels", {}) or {})
    if isinstance(data, pd.DataFrame):
        return dict(data.attrs.get("labels", {}) or {})
    return {}


def relabel_keys(data: Any, column: str, mapping: Mapping[Any, Any] | None) -> dict[Any, Any] | None:
    """A mapping keyed by values of ``column`` as the client's data have them (codes), with each code replaced by
    the label the study gave it (``data.<table>.values``); keys that are already labels stay.

    Examples
    --------
    >>> from nps_research.study import Study
    >>> s = Study(responses=pd.DataFrame({"channel": ["telefoon"]}), value_labels={"channel": {"phone": "telefoon"}})
    >>> relabel_keys(s, "channel", {"phone": "offline", "web": "online"})
    {'telefoon': 'offline', 'web': 'online'}
    """
    if mapping is None:
        return None
    labels = (getattr(data, "value_labels", {}) or {}).get(column, {}) if _is_study(data) else {}
    return {labels.get(str(k), k): v for k, v in mapping.items()}


def _label(value: Any) -> Any:
    return int(value) if isinstance(value, int | np.integer) else value


def row_numbers(df: pd.DataFrame, mask: Any, limit: int | None = 50) -> tuple:
    """Row numbers of the rows where ``mask`` is true, by the module's one rule (see above).

    ``mask`` is a boolean array/Series aligned with ``df`` by position, or an array of integer
    positions. File rows (index named ``"row"``) or else index labels are returned, at most ``limit``.

    Examples
    --------
    >>> row_numbers(pd.DataFrame({"x": [1, 2, 3]}), [False, True, True])
    (1, 2)
    >>> f = pd.DataFrame({"x": [1, 2, 3]}, index=pd.Index([2, 3, 4], name="row"))
    >>> row_numbers(f, [False, True, False])
    (3,)
    """
    arr = np.asarray(mask)
    pos = np.flatnonzero(arr) if arr.dtype == bool else arr.astype(np.int64).ravel()
    if limit is not None:
        pos = pos[:limit]
    return tuple(_label(v) for v in df.index[pos])


def require_columns(
    df: pd.DataFrame,
    columns: Mapping[str, str | None] | Sequence[str],
    *,
    table: str = "responses",
    numeric: Sequence[str] | bool = (),
    rule: str = "column not found in the data",
) -> None:
    """Check that ``df`` has the ``columns`` (``{role: column}`` or a list of names) and, for the roles
    (or columns) in ``numeric`` (``True``: all), that their non-missing values are numbers.

    Raises
    ------
    StudyDataError
        Listing every missing column, and every non-numeric column with its row numbers
        (:func:`row_numbers`) and example values.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"q": [1, "x"]}), {"ltr": "q"}, numeric=True)
    Traceback (most recent call last):
    ...
    nps_research.errors.StudyDataError: 1 problem in the study data:
      - table 'responses', column 'q' (role 'ltr'): values must be numbers (1 row: 1); values: 'x'
    """
    roles = dict(columns) if isinstance(columns, Mapping) else {c: c for c in columns}
    roles = {r: c for r, c in roles.items() if c is not None}
    problems = [DataProblem(table, rule, column=c, role=r) for r, c in roles.items() if c not in df.columns]
    wanted = (
        roles
        if numeric is True
        else {r: c for r, c in roles.items() if r in set(numeric or ()) or c in set(numeric or ())}
    )
    for r, c in wanted.items():
        if c not in df.columns:
            continue
        s = df[c]
        if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype):
            continue
        bad = (pd.to_numeric(s, errors="coerce").isna() & s.notna()).to_numpy()
        if bad.any():
            problems.append(
                DataProblem(
                    table,
                    "values must be numbers",
                    column=c,
                    role=r,
                    rows=row_numbers(df, bad),
                    n_rows=int(bad.sum()),
                    examples=tuple(str(v) for v in s[bad].head(5)),
                )
            )
    if problems:
        raise StudyDataError(problems)


def present_columns(data: Any, columns: Sequence[str] | None) -> tuple[list[str], list[str]]:
    """The columns of ``columns`` that ``data`` (a DataFrame, or a Study's responses) has with at least one value,
    and those it lacks, each in the given order: defaults such as a notebook's segment or outcome columns then fit
    any export.

    Examples
    --------
    >>> present_columns(pd.DataFrame({"retained": [1, 0], "spend": [None, None]}), ["retained", "spend", "x"])
    (['retained'], ['spend', 'x'])
    """
    frame = data.responses if _is_study(data) else data
    have = [c for c in columns or [] if c in frame.columns and frame[c].notna().any()]
    return have, [c for c in columns or [] if c not in have]


def survey_type_of(data: Any, survey_type: str | None = "auto", *, prefer: str = "relational") -> str | None:
    """The survey type an analysis uses: ``survey_type`` as given, or for ``"auto"`` the preferred type when the
    answers hold it, else the one type they hold, else None (all answers; also without a survey_type column).

    Relational and transactional NPS measure different things, so an analysis of one of them never pools them;
    ``"auto"`` lets a notebook's default fit an export that holds only one of the two.

    Examples
    --------
    >>> df = pd.DataFrame({"ltr": [9, 3], "survey_type": ["transactional", "transactional"]})
    >>> survey_type_of(df), survey_type_of(df, prefer="transactional"), survey_type_of(df, "relational")
    ('transactional', 'transactional', 'relational')
    >>> survey_type_of(pd.DataFrame({"ltr": [9]}))
    """
    if survey_type != "auto":
        return survey_type
    frame = data.responses if _is_study(data) else data
    if "survey_type" not in frame.columns:
        return None
    present = set(frame["survey_type"].dropna().unique())
    if prefer in present:
        return prefer
    return next(iter(present)) if len(present) == 1 else None
