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

__all__ = ["Result"]


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
