"""What notebook 06 states and checks before it tests: the hypotheses, and which measure sets the data
can support."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..text import Int, Num, t
from ._common import measure_label, quoted, variable_label

__all__ = ["available_measures", "hypotheses"]


def hypotheses(language: str = "en", *, claimed_ratio: float = 3.0, dimension: str = "pom",
               labels: Mapping[str, str] | None = None) -> str:
    """The hypotheses of the NPS-versus-CX notebook as Markdown, in ``language``.

    ``claimed_ratio`` is the promoter-to-detractor value ratio of hypothesis 5 (the one
    :func:`~nps_research.compare.value_by_category` tests); ``dimension`` the CX dimension hypothesis 4
    names (peace of mind in Klaus & Maklan's EXQ), shown by its label.

    Examples
    --------
    >>> hypotheses("nl").splitlines()[0][:13]
    '**Hypothesen*'
    >>> hypotheses(claimed_ratio=2.5).splitlines()[-1]
    '5. *Value of a promoter*: promoters are worth 2.5 times as much as detractors.'
    >>> hypotheses("nl", claimed_ratio=2.5).splitlines()[-2:]
    ['4. *Welke dimensie*: gemoedsrust is de CX-dimensie die het zwaarst telt.', '5. *Waarde van een promotor*: promotors zijn 2,5 keer zoveel waard als criticasters.']
    """
    return t("compare.hypotheses", language, ratio=Num(claimed_ratio, 1),
             dimension=variable_label(dimension, language, labels))


def available_measures(
    data: pd.DataFrame, measures: Mapping[str, Sequence[str]], *, min_rows: int = 30, language: str = "en",
    labels: Mapping[str, str] | None = None,
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Split measure sets into those the data can support and those they cannot (with the reason).

    A measure is dropped when one of its columns is missing or has fewer than ``min_rows`` answers,
    so a notebook can run on a client's data that lack, say, a satisfaction question. The reason is a
    sentence in ``language``.

    Examples
    --------
    >>> df = pd.DataFrame({"ltr": range(40)})
    >>> available_measures(df, {"nps": ["ltr"], "satisfaction": ["csat"]})
    ({'nps': ['ltr']}, {'satisfaction': 'Satisfaction is left out: the column ‘CSAT’ is not in the data.'})
    >>> available_measures(df.head(10), {"nps": ["ltr"]}, language="nl")[1]
    {'nps': 'NPS valt af: de kolom ‘aanbevelingsscore’ heeft minder dan 30 antwoorden.'}
    """
    labels = dict(labels if labels is not None else data.attrs.get("labels", {}) or {})
    kept, dropped = {}, {}
    for name, cols in measures.items():
        cols = [cols] if isinstance(cols, str) else list(cols)
        reason: Any = None
        for c in cols:
            if c not in data.columns:
                reason = t("compare.dropped.missing", language, measure=measure_label(name, language),
                           column=quoted(c, language, labels))
            elif int(data[c].notna().sum()) < min_rows:
                reason = t("compare.dropped.few", language, measure=measure_label(name, language),
                           column=quoted(c, language, labels), min_rows=Int(min_rows))
            if reason:
                break
        if reason:
            dropped[name] = reason
        else:
            kept[name] = cols
    return kept, dropped
