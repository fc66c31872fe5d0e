"""Text columns of millions of rows with few distinct values (labels, pseudonyms, scrubbed comments): each
distinct value computed once, the column taken by code in Arrow, without a Python string per row. A module
without package imports, so that every layer (loading, privacy, voice) can use it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["by_code"]


def by_code(values: Sequence[Any], codes: np.ndarray, *, like: pd.Series) -> pd.Series:
    """``values[code]`` for every row of ``like`` from its :func:`pandas.factorize` codes, its own (missing)
    value where the code is -1: a column of millions of rows with a few distinct values (labels, pseudonyms,
    scrubbed comments) computed once per distinct value. Arrow text when ``like`` is (taken by code in Arrow,
    no Python string per row), else objects.

    Examples
    --------
    >>> s = pd.Series(["b", None, "a", "b"], dtype="str")
    >>> codes, uniq = pd.factorize(s)
    >>> by_code([v.upper() for v in uniq], codes, like=s).tolist()
    ['B', nan, 'A', 'B']
    """
    if isinstance(like.dtype, pd.StringDtype) and like.dtype.storage == "pyarrow":
        import pyarrow as pa

        # a missing value (code -1) takes the trailing null
        taken = pa.array([*values, None], type=pa.large_string()).take(
            pa.array(np.where(codes < 0, len(values), codes)))
        return pd.Series(taken, index=like.index, name=like.name, dtype=like.dtype)
    out = pd.Series(np.asarray([*values, None], dtype=object)[codes], index=like.index, name=like.name)
    out = out.where(codes >= 0, like)
    return out.astype(like.dtype) if isinstance(like.dtype, pd.StringDtype) else out
