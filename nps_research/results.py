"""The one results contract.

An analysis returns a tidy DataFrame, or a result object that

- ``summary()`` returns a DataFrame (full precision, snake_case columns: the numbers);
- ``describe(language="en")`` returns a list of sentences in the report language (the words);
- ``table(language="en")`` returns the :class:`~nps_research.tables.ReportTable` a report shows;
- ``_repr_html_()`` shows sentences and table in a notebook.

Text depends on results, never the reverse: result modules hold numbers; their sentences come from the
text layer (:mod:`nps_research.text`) through ``describe``.

Examples
--------
>>> import pandas as pd
>>> class Mean(Result):
...     def __init__(self, x): self.x = pd.Series(x)
...     def summary(self): return pd.DataFrame({"n": [len(self.x)], "estimate": [self.x.mean()]})
...     def describe(self, language="en"): return [f"{len(self.x)}"]
>>> Mean([1, 2, 4]).table("nl").formatted()
   n schatting
0  3     2,333
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

__all__ = ["Result", "ResultFrame"]


class Result:
    """Base class of result objects (see the module docstring for the contract)."""

    #: Columns of ``summary()`` shown in the report table (None: all).
    report_columns: tuple[str, ...] | None = None

    def summary(self) -> pd.DataFrame:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self, language: str = "en") -> list[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def table_kinds(self) -> dict[str, str]:
        """Format kinds that differ from the catalogue's for this result's columns."""
        return {}

    def table(self, language: str = "en", **kwargs: Any):
        """The report table of :meth:`summary` (see :func:`nps_research.tables.report_table`)."""
        from .tables import report_table

        kwargs.setdefault("columns", list(self.report_columns) if self.report_columns else None)
        kwargs.setdefault("kinds", self.table_kinds())
        kwargs.setdefault("labels", getattr(self, "labels", None))
        return report_table(self.summary(), language=language, **kwargs)

    def _repr_html_(self) -> str:
        language = getattr(self, "language", "en") or "en"
        try:
            sentences = self.describe(language)
        except NotImplementedError:  # pragma: no cover
            sentences = []
        if isinstance(sentences, str):
            sentences = [sentences]
        text = "".join(f"<p>{html.escape(s)}</p>" for s in sentences)
        return text + self.table(language).to_html()


class ResultFrame(pd.DataFrame):
    """A result's main table as a DataFrame that, *called*, gives the result's report table.

    For results whose main DataFrame has always been the attribute ``table`` (``NPSTrend.table``,
    ``NPSChange.table``): ``result.table`` stays that DataFrame (``result.table["nps"]`` works as before)
    and ``result.table("nl")`` is the contract's ``table(language)``. Anything derived from it (a
    selection, a copy) is a plain DataFrame.

    Examples
    --------
    >>> class Periods(Result):
    ...     def __init__(self, df): self.table = ResultFrame.of(df, self)
    ...     def summary(self): return self.table
    ...     def describe(self, language="en"): return []
    ...     def report_table(self, language="en", **kwargs): return Result.table(self, language, **kwargs)
    >>> r = Periods(pd.DataFrame({"n": [1200]}))
    >>> int(r.table["n"].iloc[0]), r.table("nl").formatted().iloc[0, 0]
    (1200, '1.200')
    """

    _metadata = ["_result"]

    @property
    def _constructor(self):
        return pd.DataFrame

    @classmethod
    def of(cls, data: pd.DataFrame, result: Result) -> ResultFrame:
        """``data`` as a ResultFrame of ``result`` (``result.report_table(language)`` when called)."""
        out = cls(data)
        out.attrs.update(data.attrs)
        out._result = result
        return out

    def __call__(self, language: str = "en", **kwargs: Any):
        return self._result.report_table(language, **kwargs)
