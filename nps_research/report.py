"""What notebooks call to put text, tables and results into a report (no computation here).

Examples
--------
>>> nps_sentence(nps=31.2, ci_low=27.0, ci_high=35.3, n=812, confidence=0.95, language="en")
'The NPS is +31.2 (95% interval +27.0 to +35.3; n = 812).'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from .tables import ReportTable, report_table

__all__ = ["nps_paragraph", "nps_sentence", "record_findings", "show", "show_markdown", "show_sentences",
           "show_table"]


def _display(obj: Any, fallback: str) -> None:
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover
        print(fallback)
        return
    display(obj)


def show_markdown(text: str) -> None:
    """Display Markdown in a notebook (prints it elsewhere)."""
    try:
        from IPython.display import Markdown
    except ImportError:  # pragma: no cover
        print(text)
        return
    _display(Markdown(text), text)


def show_sentences(sentences: str | Iterable[str]) -> None:
    """Display sentences as paragraphs (nothing when there are none)."""
    if isinstance(sentences, str):
        sentences = [sentences]
    sentences = [s for s in sentences if s]
    if sentences:
        show_markdown("\n\n".join(sentences))


def show_table(data: pd.DataFrame | ReportTable, *, language: str = "en", **kwargs: Any) -> None:
    """Display a report table (labelled headers in ``language``, no index, formats by column kind).

    ``data`` is a result DataFrame (passed to :func:`nps_research.tables.report_table` with ``kwargs``:
    ``columns``, ``kinds``, ``headers``, ``labels``, ``freq``, ``caption``, ``detail``) or a ready
    :class:`~nps_research.tables.ReportTable`. Returns nothing, so that a notebook cell ending with it
    does not show the table twice.
    """
    from .tables import TABLE_MIME

    table = data if isinstance(data, ReportTable) else report_table(data, language=language, **kwargs)
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover
        print(repr(table))
        return
    # the page shows the HTML; the raw values travel along, invisibly, for the run's workbook
    display({"text/html": table.to_html(), TABLE_MIME: table.to_record()}, raw=True)


def show(result: Any, *, language: str = "en", table: bool = True, **kwargs: Any) -> None:
    """Display a result object's sentences (``describe``) and, with ``table``, its report table."""
    show_sentences(result.describe(language))
    if table:
        show_table(result.table(language, **kwargs))


def record_findings(findings: Any) -> None:
    """Record an analysis' key findings (:class:`nps_research.findings.Finding`) in the executed notebook,
    invisibly: the runner gathers them into ``findings.json`` and the executive summary of the index page."""
    from .findings import FINDINGS_MIME

    items = [f.to_dict() for f in findings]
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover
        return
    display({FINDINGS_MIME: items}, raw=True)


def nps_sentence(*, nps: float, ci_low: float, ci_high: float, n: int, confidence: float = 0.95,
                 language: str = "en") -> str:
    """One sentence with the NPS, its interval and n, in the report language: the one headline sentence,
    :func:`nps_research.nps.headline_sentence`."""
    from .nps import headline_sentence

    return headline_sentence(nps=nps, ci_low=ci_low, ci_high=ci_high, n=int(n), confidence=confidence,
                             language=language)


def nps_paragraph(result: Any, *, language: str = "en", min_n: int = 30) -> str:
    """Headline sentence, category shares, method and a small-n caution, from an ``nps_ci`` result
    (its :meth:`~nps_research.nps.NPSInterval.describe`, joined).

    Examples
    --------
    >>> from nps_research.nps import nps_ci_from_counts
    >>> print(nps_paragraph(nps_ci_from_counts(2, 3, 5, warn=False), language="nl"))
    De NPS is +30,0 (95%-interval -19,1 tot +65,2; n = 10). 50,0% promotors, 30,0% passieven en 20,0% criticasters. Intervalmethode: adjusted Wald. Let op: n = 10 is kleiner dan 30; het interval is breed en de schatting onzeker.
    """
    return " ".join(result.describe(language, min_n=min_n))
