"""Why did the NPS move? Mix / performance decomposition of an NPS change across segments.

The NPS of a period is the share-weighted mean of its segments' NPS,
:math:`NPS_t = \\sum_s w_{st} N_{st}` (``w`` = the segment's share of the period's answers,
weighted by survey weights if given; ``N`` = the segment's NPS in points). Between period 0
(``from_``) and period 1 (``to``) each segment's contribution is split symmetrically (the
midpoint / two-factor Shapley split, so the order of the factors does not matter and there is no
residual):

.. math::

    \\text{mix}_s = (w_{s1} - w_{s0}) \\left(\\bar N_s - \\overline{NPS}\\right), \\qquad
    \\text{performance}_s = (N_{s1} - N_{s0})\\, \\bar w_s,

with :math:`\\bar N_s = (N_{s0} + N_{s1})/2`, :math:`\\bar w_s = (w_{s0} + w_{s1})/2` and
:math:`\\overline{NPS} = (NPS_0 + NPS_1)/2`. Because the shares sum to one in both periods,
:math:`\\sum_s (w_{s1} - w_{s0}) = 0`, and the sum over segments of mix plus performance is
exactly :math:`NPS_1 - NPS_0`. Centring the mix term at :math:`\\overline{NPS}` does not change
the total mix effect but makes each segment's mix effect readable: a segment that grows its share
raises the NPS only if it scores above average.

Segments present in one period only have no NPS in the other; their missing NPS is set equal
to the observed one, so their whole contribution is mix (``presence`` = ``"new"`` or
``"gone"``): a new segment adds :math:`w_{s1} (N_{s1} - \\overline{NPS})`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .engines import CATEGORIES, count_groups, normalize_freq
from .errors import DataProblem, StudyDataError
from .inputs import labels_of
from .nps import interval_headers
from .results import Result, ResultFrame
from .segments import _label, _moments, diff_test_from_counts, segment_value, stats_from_counts
from .text import Date, Label, P, Period, Points, t

__all__ = ["NPSChange", "describe_change", "nps_change"]


@dataclass(repr=False)
class NPSChange(Result):
    """Result of :func:`nps_change`.

    Attributes
    ----------
    table : DataFrame
        One row per segment: ``segment``, ``presence``, ``n_from``, ``n_to``, ``share_from``,
        ``share_to`` (percent), ``nps_from``, ``nps_to``, ``mix_effect``, ``performance_effect``,
        ``total_effect`` (points; ``total_effect`` = mix + performance).
    nps_from, nps_to, change : float
        Overall NPS in both periods and their difference (points).
    se, ci_low, ci_high, p_value : float
        Test of the overall change (independent samples, :func:`nps_research.segments.diff_test_from_counts`).
    n_from, n_to : int
        Answers in both periods.
    from_, to : object
        The two periods. ``segment`` : the segment column.
    labels : dict
        Role -> the client's column name (for sentences and tables).

    Results contract: ``summary()`` is the segment table with a total row; ``describe(language)`` the
    sentences (:func:`describe_change`); ``table(language)`` the report table. ``table`` is also the
    segment DataFrame itself (a :class:`~nps_research.results.ResultFrame`): ``change.table["mix_effect"]``
    is a column, ``change.table("nl")`` the report table.
    """

    table: pd.DataFrame = field()  # type: ignore[assignment]
    nps_from: float
    nps_to: float
    change: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float
    n_from: int
    n_to: int
    from_: Any
    to: Any
    segment: str
    method: str
    confidence: float
    freq: str | None = None
    labels: dict[str, str] = field(default_factory=dict)

    report_columns = ("segment", "presence", "n_from", "n_to", "share_from", "share_to", "nps_from", "nps_to",
                      "mix_effect", "performance_effect", "total_effect")

    def __post_init__(self) -> None:
        self.table = ResultFrame.of(self.table, self)

    def __repr__(self) -> str:
        return (f"NPSChange(from_={self.from_!r}, to={self.to!r}, nps_from={self.nps_from:.4g}, "
                f"nps_to={self.nps_to:.4g}, change={self.change:.4g}, p_value={self.p_value:.4g})")

    @property
    def mix_effect(self) -> float:
        """Total mix effect (points)."""
        return float(self.table["mix_effect"].sum())

    @property
    def performance_effect(self) -> float:
        """Total performance effect (points)."""
        return float(self.table["performance_effect"].sum())

    def summary(self) -> pd.DataFrame:
        """The segment table with a ``total`` row."""
        total = {
            "segment": "total", "presence": "", "n_from": self.n_from, "n_to": self.n_to, "share_from": 100.0,
            "share_to": 100.0, "nps_from": self.nps_from, "nps_to": self.nps_to, "mix_effect": self.mix_effect,
            "performance_effect": self.performance_effect, "total_effect": self.change,
        }  # fmt: skip
        return pd.concat([pd.DataFrame(self.table), pd.DataFrame([total])], ignore_index=True)

    def describe(self, language: str = "en", alpha: float = 0.05) -> list[str]:
        """Is the change significant, and how much of it is mix and how much performance
        (see :func:`describe_change`)."""
        return describe_change(self, language, alpha)

    def report_table(self, language: str = "en", **kwargs: Any):
        """The report table of :meth:`summary`: segments by their value, the total row as "total",
        presence in words and the two periods in the headers (``NPS jan 2025``)."""
        from .tables import report_table

        data = self.summary()
        columns = list(kwargs.pop("columns", None) or self.report_columns)
        is_total = np.arange(len(data)) == len(data) - 1
        data["segment"] = [t("change.total", language) if last else segment_value(v, language)
                           for last, v in zip(is_total, data["segment"])]
        data["presence"] = ["" if last else t(f"change.presence.{v}", language)
                            for last, v in zip(is_total, data["presence"])]
        pa, pb = _period_value(self.from_, self.freq), _period_value(self.to, self.freq)
        headers = {"segment": Label(self.segment, self.labels).format(language),
                   "n_from": t("change.n_in", language, period=pa), "n_to": t("change.n_in", language, period=pb),
                   "share_from": t("change.share_in", language, period=pa),
                   "share_to": t("change.share_in", language, period=pb),
                   "nps_from": t("change.nps_in", language, period=pa),
                   "nps_to": t("change.nps_in", language, period=pb),
                   **interval_headers(self.confidence, language), **(kwargs.pop("headers", None) or {})}
        kwargs.setdefault("labels", self.labels)
        return report_table(data.loc[:, columns], language=language, headers=headers,
                            kinds={"segment": "text", **(kwargs.pop("kinds", None) or {})}, **kwargs)


def decompose(shares_from, nps_from, shares_to, nps_to) -> tuple[np.ndarray, np.ndarray]:
    """Mix and performance effects per segment from shares (fractions) and NPS (points).

    NaN NPS (segment absent in that period) is replaced by the other period's NPS.

    Examples
    --------
    >>> mix, perf = decompose([0.6, 0.4], [20, -10], [0.4, 0.6], [30, 0])
    >>> mix.tolist(), perf.tolist(), float(mix.sum() + perf.sum())
    ([-3.0, -3.0], [5.0, 5.0], 4.0)
    """
    w0, w1 = np.asarray(shares_from, float), np.asarray(shares_to, float)
    n0, n1 = np.asarray(nps_from, float), np.asarray(nps_to, float)
    n0 = np.where(np.isnan(n0), n1, n0)
    n1 = np.where(np.isnan(n1), n0, n1)
    total0, total1 = np.sum(w0 * n0), np.sum(w1 * n1)
    mid = (total0 + total1) / 2
    mix = (w1 - w0) * ((n0 + n1) / 2 - mid)
    perf = (n1 - n0) * (w0 + w1) / 2
    return mix, perf


def _period_text(p: Any) -> str:
    return p.strftime("%Y-%m-%d") if isinstance(p, pd.Timestamp) else str(p)


def nps_change(
    data: Any,
    *,
    ltr: str = "ltr",
    period: str,
    segment: str,
    from_: Any = None,
    to: Any = None,
    freq: str | None = None,
    weights: str | None = None,
    method: str = "adjusted-wald",
    confidence: float = 0.95,
    where: dict[str, Any] | None = None,
) -> NPSChange:
    """Decompose the NPS change between two periods into mix and performance effects per segment.

    Parameters
    ----------
    data : DataFrame, Study, path or ibis Table
        The responses (counted in their engine, see :mod:`nps_research.engines`).
    ltr : str
        LTR column.
    period : str
        Column identifying the period (e.g. ``"wave"``), or a date column when ``freq`` is given.
    segment : str
        Segment column (e.g. ``"channel"``).
    from_, to : object
        The two periods: values of ``period``, or (with ``freq``) any date inside each period.
        ``None`` means the first (``from_``) or last (``to``) period in the data.
    freq : str, optional
        Truncate the date column ``period`` to this frequency first (``"M"``, ``"Q"``, ...).
    weights : str, optional
        Survey weights: shares and segment NPS are then weighted.
    method, confidence
        Test of the overall change (:func:`nps_research.segments.diff_test_from_counts`).
    where : dict, optional
        Row filter applied in the engine.

    Returns
    -------
    NPSChange
        Segment table and the overall change with its test; see the module docstring for the formula.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"wave": ["W1"] * 4 + ["W2"] * 4, "ltr": [10, 10, 2, 8, 10, 2, 2, 8],
    ...                    "channel": ["app", "app", "phone", "phone", "app", "phone", "phone", "phone"]})
    >>> ch = nps_change(df, period="wave", segment="channel", from_="W1", to="W2")
    >>> ch.table[["segment", "share_to", "nps_to", "mix_effect", "performance_effect"]].round(2)
      segment  share_to  nps_to  mix_effect  performance_effect
    0     app      25.0  100.00      -25.00                0.00
    1   phone      75.0  -66.67      -14.58              -10.42
    >>> round(ch.change, 2), round(ch.mix_effect + ch.performance_effect, 2)
    (-50.0, -50.0)
    """
    if period == segment:
        raise ValueError(f"period and segment must be different columns, got '{period}' for both")
    if freq is not None:
        code = normalize_freq(freq)
        (counts,) = count_groups(data, ltr=ltr, groupings=[("period", segment)], weights=weights, date=period,
                                 freq=code, where=where)  # fmt: skip
        key = "period"

        def start(v):
            ts = pd.Timestamp(v)
            if code == "W":
                return (ts.normalize() - pd.Timedelta(days=ts.day_of_week)).as_unit("ns")
            return pd.Period(ts, freq=code).start_time.as_unit("ns")

        p0 = counts[key].min() if from_ is None else start(from_)
        p1 = counts[key].max() if to is None else start(to)
    else:
        w = dict(where or {})
        if from_ is not None and to is not None:
            w[period] = [from_, to]
        (counts,) = count_groups(data, ltr=ltr, groupings=[(period, segment)], weights=weights, where=w)
        key = period
        p0 = counts[key].dropna().min() if from_ is None else from_
        p1 = counts[key].dropna().max() if to is None else to
    if p0 == p1:
        raise ValueError(f"from_ and to are the same period ({p0!r} of column '{period}'): nothing to compare; "
                         "give two different periods")
    count_cols = [c for c in counts.columns if c.startswith(("n_", "w_", "w2_"))]
    sides = {}
    for name, p in (("from", p0), ("to", p1)):
        part = counts.loc[counts[key] == p]
        valid = part[[f"n_{c}" for c in CATEGORIES]].sum(axis=1)
        part = part.loc[valid > 0]
        if part.empty:
            known = counts[key].dropna()
            span = f"; the data run from {_period_text(known.min())} to {_period_text(known.max())}" if len(known) \
                else ""
            raise StudyDataError([DataProblem(
                table="responses", column=period,
                rule=f"no valid '{ltr}' answers in the {'baseline' if name == 'from' else 'comparison'} period "
                     f"{_period_text(p)}{span}: choose a period with answers")])
        sides[name] = part.drop(columns=[key]).set_index(segment)
    segs = sides["from"].index.union(sides["to"].index, sort=False)
    segs = pd.Index(sorted(segs, key=lambda v: (pd.isna(v), str(v))))
    res = {}
    totals = {}
    for name, part in sides.items():
        full = part[count_cols].reindex(segs, fill_value=0).reset_index(drop=True)
        mom = _moments(full)
        prefix = "w_" if weights else "n_"
        weight = full[[f"{prefix}{c}" for c in CATEGORIES]].sum(axis=1)
        share = (weight / weight.sum()).to_numpy(dtype=float)
        res[name] = {"n": mom["n"], "share": share, "nps": np.where(mom["n"] > 0, 100 * mom["nps"], np.nan)}
        totals[name] = full[count_cols].sum().to_frame().T
    mix, perf = decompose(res["from"]["share"], res["from"]["nps"], res["to"]["share"], res["to"]["nps"])
    presence = np.where(res["from"]["n"] == 0, "new", np.where(res["to"]["n"] == 0, "gone", "both"))
    table = pd.DataFrame(
        {
            "segment": pd.Series([_label(v) for v in segs], dtype="str"),
            "presence": presence,
            "n_from": res["from"]["n"].astype("int64"),
            "n_to": res["to"]["n"].astype("int64"),
            "share_from": 100 * res["from"]["share"],
            "share_to": 100 * res["to"]["share"],
            "nps_from": res["from"]["nps"],
            "nps_to": res["to"]["nps"],
            "mix_effect": mix,
            "performance_effect": perf,
            "total_effect": mix + perf,
        }
    )
    st0 = stats_from_counts(totals["from"], method=method, confidence=confidence)
    st1 = stats_from_counts(totals["to"], method=method, confidence=confidence)
    test = diff_test_from_counts(totals["to"], totals["from"], method=method, confidence=confidence).iloc[0]
    return NPSChange(
        table=table, nps_from=float(st0["nps"].iloc[0]), nps_to=float(st1["nps"].iloc[0]),
        change=float(st1["nps"].iloc[0] - st0["nps"].iloc[0]), se=float(test["diff_se"]),
        ci_low=float(test["diff_ci_low"]), ci_high=float(test["diff_ci_high"]), p_value=float(test["p_value"]),
        n_from=int(st0["n"].iloc[0]), n_to=int(st1["n"].iloc[0]), from_=p0, to=p1, segment=segment,
        method=method, confidence=confidence, freq=code if freq is not None else None, labels=labels_of(data),
    )  # fmt: skip


def _period_value(v: Any, code: str | None) -> Any:
    """A period for a sentence: ``jan 2025`` for a date period (with ``freq``), else the value itself."""
    if isinstance(v, pd.Timestamp | np.datetime64):
        return Period(pd.Timestamp(v), code) if code else Date(pd.Timestamp(v))
    return str(v)


def describe_change(change: NPSChange, language: str = "en", alpha: float = 0.05) -> list[str]:
    """Sentences about an :class:`NPSChange`: is the change significant, where does it come from.

    A change whose test is not significant at ``alpha`` is never called a rise or a fall. The segment
    column is named by its label (``kanaal``), periods by their frequency (``jan 2025``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"wave": ["W1"] * 200 + ["W2"] * 200,
    ...                    "ltr": [10] * 50 + [3] * 100 + [8] * 50 + [10] * 120 + [3] * 40 + [8] * 40,
    ...                    "channel": ["app", "phone"] * 200})
    >>> for s in describe_change(nps_change(df, period="wave", segment="channel", from_="W1", to="W2"), "nl"):
    ...     print(s)
    De NPS steeg significant van -25,0 in W1 naar +40,0 in W2 (p < 0,001).
    Van de verandering van +65,0 punten komt +0,0 punten uit het mixeffect (een andere verdeling van de antwoorden over de segmenten van kanaal) en +65,0 punten uit het prestatie-effect (veranderingen binnen die segmenten).
    De grootste bijdrage komt van het segment kanaal app: +32,5 punten (+0,0 mixeffect, +32,5 prestatie-effect).
    """
    col = Label(change.segment, change.labels)
    key = "flat" if not change.p_value < alpha else ("up" if change.change > 0 else "down")
    out = [t(f"change.{key}", language, a=Points(change.nps_from), b=Points(change.nps_to),
             pa=_period_value(change.from_, change.freq), pb=_period_value(change.to, change.freq),
             p=P(change.p_value, "p"), d=Points(change.change))]
    out.append(t("change.parts", language, d=Points(change.change), mix=Points(change.mix_effect),
                 perf=Points(change.performance_effect), col=col))
    top = change.table.iloc[int(np.argmax(np.abs(change.table["total_effect"].to_numpy())))]
    out.append(t("change.top", language, col=col, name=segment_value(top["segment"], language),
                 eff=Points(top["total_effect"]), mix=Points(top["mix_effect"]),
                 perf=Points(top["performance_effect"])))
    return out
