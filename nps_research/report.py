"""Helpers that notebooks use to show text and tables in a report (no computation here).

Examples
--------
>>> nps_sentence(nps=31.2, ci_low=27.0, ci_high=35.3, n=812, confidence=0.95, language="en")
'NPS is +31.2 (95% interval +27.0 to +35.3; n = 812).'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .text import fmt_sig, t

__all__ = ["nps_sentence", "show_markdown", "show_table", "nps_paragraph"]


def show_markdown(text: str) -> None:
    """Display Markdown in a notebook (prints it elsewhere)."""
    try:
        from IPython.display import Markdown, display
    except ImportError:  # pragma: no cover
        print(text)
        return
    display(Markdown(text))


def show_table(df: pd.DataFrame, *, decimals: int = 1, caption: str | None = None) -> None:
    """Display a DataFrame rounded, without its index, with an optional caption."""
    styler = df.style.hide(axis="index").format(precision=decimals, thousands=None, na_rep="")
    if caption:
        styler = styler.set_caption(caption)
    try:
        from IPython.display import display

        display(styler)
    except ImportError:  # pragma: no cover
        print(df.to_string(index=False))


def nps_sentence(*, nps: float, ci_low: float, ci_high: float, n: int, confidence: float = 0.95,
                 language: str = "en") -> str:
    """One sentence with the NPS, its interval and n, in the report language."""
    return t("nps_headline", language, nps=float(nps), low=float(ci_low), high=float(ci_high), n=int(n),
             level=fmt_sig(100 * confidence, language, 6))


def nps_paragraph(result: Any, *, language: str = "en", min_n: int = 30) -> str:
    """Headline sentence, category shares, method and a small-n caution, from an ``nps_ci`` result.

    Examples
    --------
    >>> from nps_research.nps import nps_ci_from_counts
    >>> print(nps_paragraph(nps_ci_from_counts(2, 3, 5), language="nl"))
    De NPS is +30,0 (95%-interval -19,1 tot +65,2; n = 10). 50,0% promotors, 30,0% passieven en 20,0% criticasters. Intervalmethode: adjusted-wald. Let op: n = 10 is kleiner dan 30; het interval is breed en de schatting onzeker.
    """
    n = int(result.n)
    parts = [
        nps_sentence(nps=result.nps, ci_low=result.ci_low, ci_high=result.ci_high, n=n,
                     confidence=result.confidence, language=language),
        t("shares", language, promoters=float(result.promoters_pct), passives=float(result.passives_pct),
          detractors=float(result.detractors_pct)),
        t("method_note", language, method=result.method),
    ]
    if n < min_n:
        parts.append(t("small_n", language, n=n, min_n=min_n))
    return " ".join(parts)
