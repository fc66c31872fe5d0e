"""What notebook 06 states and checks before it tests: the hypotheses, and which measure sets the data
can support."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..text import Int, Num, t
from ._common import measure_label, quoted, variable_label

__all__ = ["DIMENSIONS", "available_measures", "hypotheses"]

#: In a measure's columns: the dimension scores of the study's CX scale, whatever they are called.
DIMENSIONS = "dimensions"


def hypotheses(language: str = "en", *, claimed_ratio: float = 3.0, dimension: str | None = None,
               labels: Mapping[str, str] | None = None, scale: Any = None,
               outcomes: Sequence[str] | None = None, value: bool = True) -> str:
    """The hypotheses of the NPS-versus-CX notebook as Markdown, in ``language``, about the study's own scale.

    ``scale`` is the CX scale (a :class:`~nps_research.cx.Scale`; None: the EXQ): its name and dimension labels
    are written into hypothesis 1. ``dimension`` is the dimension hypothesis 4 names (default: peace of mind for
    Klaus & Maklan's EXQ; for another scale the hypothesis asks which dimension matters most without naming
    one). ``outcomes`` are the outcome columns the notebook predicts (default: staying, spending and buying
    more products); ``value=False`` leaves out hypothesis 5 (no value column); ``claimed_ratio`` is its
    promoter-to-detractor value ratio (the one :func:`~nps_research.compare.value_by_category` tests).

    Examples
    --------
    >>> hypotheses("nl").splitlines()[0][:13]
    '**Hypothesen*'
    >>> hypotheses(claimed_ratio=2.5).splitlines()[-1]
    '5. *Value of a promoter*: promoters are worth 2.5 times as much as detractors.'
    >>> hypotheses("nl", claimed_ratio=2.5).splitlines()[-2:]
    ['4. *Welke dimensie*: gemoedsrust is de CX-dimensie die het zwaarst telt.', '5. *Waarde van een promotor*: promotors zijn 2,5 keer zoveel waard als criticasters.']
    >>> from nps_research.cx import Scale
    >>> own = Scale("service", {"gemak": ("q1",), "snelheid": ("q2",), "zorg": ("q3",)}, 1, 5)
    >>> text = hypotheses("nl", scale=own, outcomes=["retained"], value=False)
    >>> "EXQ" in text, "de dimensies van service: gemak, snelheid en zorg" in text, "behouden" in text, "5." in text
    (False, True, True, False)
    """
    from ..cx.scales import EXQ
    from ..text import Words
    from .customers import scale_labels

    scale = EXQ if scale is None else scale
    exq = scale is EXQ or getattr(scale, "name", "").lower() == "exq"
    if dimension is None and exq:
        dimension = "pom"
    if outcomes is None:
        doing = t("compare.hyp.doing_default", language)
    else:
        doing = t("compare.hyp.doing", language,
                  outcomes=Words([variable_label(o, language, labels) for o in outcomes]))
    names = {**scale_labels(scale), **dict(labels or {})}
    dims = Words([variable_label(d, language, names) for d in scale.dimensions])
    measure = t("compare.hyp.measure", language, scale=scale.label_value(scale.name), dimensions=dims)
    which = (t("compare.hyp.which", language, dimension=variable_label(dimension, language, labels))
             if dimension else t("compare.hyp.which_open", language))
    text = t("compare.hypotheses", language, measure=measure, doing=doing, which=which)
    if value:
        text += "\n" + t("compare.hyp.value", language, ratio=Num(claimed_ratio, 1))
    return text


def available_measures(
    data: pd.DataFrame, measures: Mapping[str, Sequence[str]], *, min_rows: int = 30, language: str = "en",
    labels: Mapping[str, str] | None = None,
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Split measure sets into those the data can support and those they cannot (with the reason).

    The word ``"dimensions"`` in a measure's columns stands for the dimension scores of the study's CX scale
    (``data.attrs["cx_dimensions"]``, as :func:`~nps_research.compare.customer_frame` sets it); without a
    scale such a measure is dropped. A measure is dropped when one of its columns is missing or has fewer than ``min_rows`` answers,
    so a notebook can run on a client's data that lack, say, a satisfaction question. The reason is a
    sentence in ``language``.

    Examples
    --------
    >>> df = pd.DataFrame({"ltr": range(40)})
    >>> available_measures(df, {"nps": ["ltr"], "satisfaction": ["csat"]})
    ({'nps': ['ltr']}, {'satisfaction': 'Satisfaction is left out: the column ‘CSAT’ is not in the data.'})
    >>> available_measures(df.head(10), {"nps": ["ltr"]}, language="nl")[1]
    {'nps': 'NPS valt af: de kolom ‘aanbevelingsscore’ heeft minder dan 30 antwoorden.'}
    >>> df = pd.DataFrame({"ltr": range(40), "speed": range(40), "care": range(40)})
    >>> df.attrs["cx_dimensions"] = ["speed", "care"]
    >>> available_measures(df, {"cx": ["dimensions"], "cx_nps": ["dimensions", "ltr"]})[0]
    {'cx': ['speed', 'care'], 'cx_nps': ['speed', 'care', 'ltr']}
    """
    labels = dict(labels if labels is not None else data.attrs.get("labels", {}) or {})
    dims = list(data.attrs.get("cx_dimensions", []) or [])
    kept, dropped = {}, {}
    for name, cols in measures.items():
        cols = [cols] if isinstance(cols, str) else list(cols)
        if DIMENSIONS in cols:
            if not dims:
                dropped[name] = t("compare.dropped.no_scale", language, measure=measure_label(name, language))
                continue
            at = cols.index(DIMENSIONS)
            cols = cols[:at] + dims + cols[at + 1:]
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
