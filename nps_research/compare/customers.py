"""The customer-level table: each customer's latest survey response joined to the customer's outcomes,
with the NPS category dummies and the CX dimension scores.

Surveys are per response, behaviour per customer. :func:`join_latest_response` keeps each customer's
latest response (optionally of one survey type) and joins it to the outcomes table on ``customer_id``;
:func:`customer_frame` does that for a :class:`~nps_research.Study` and adds the NPS category dummies
(``promoter``, ``passive``, ``detractor``) and the CX dimension scores. Every analysis of
:mod:`nps_research.compare` accepts a Study too and then calls :func:`customer_frame` itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataProblem, StudyDataError
from ..inputs import _is_study, as_frame, labels_of, present_columns, row_numbers
from ..nps import categorize
from ..text import LANGUAGES, t
from ._common import CATEGORIES, _require_columns

__all__ = [
    "CATEGORIES",
    "EXQ_DIMENSIONS",
    "EXQ_LABELS",
    "add_nps_categories",
    "customer_frame",
    "exq_dimension_scores",
    "join_latest_response",
    "describe_absent_outcomes",
    "join_summary",
    "present_outcomes",
    "study_scale",
]

#: EXQ dimensions (Klaus & Maklan 2013) and their items in the demo data (Likert 1-7); the keys are those of
#: :data:`nps_research.cx.scales.EXQ`.
EXQ_DIMENSIONS: dict[str, list[str]] = {
    "pex": ["pex1", "pex2", "pex3", "pex4"],
    "out": ["out1", "out2", "out3", "out4"],
    "mot": ["mot1", "mot2", "mot3", "mot4", "mot5"],
    "pom": ["pom1", "pom2", "pom3", "pom4", "pom5", "pom6"],
}
#: Readable names of the EXQ dimensions per language, read from the text catalogue (``compare.var.<dimension>``).
EXQ_LABELS: dict[str, dict[str, str]] = {
    lang: {d: t(f"compare.var.{d}", lang) for d in EXQ_DIMENSIONS} for lang in LANGUAGES
}


def frame_of(data: Any) -> pd.DataFrame:
    """The analysis table: a Study becomes its :func:`customer_frame` (one row per customer), a DataFrame
    is used as it is (:func:`nps_research.inputs.as_frame` checks the type)."""
    if _is_study(data):
        return customer_frame(data)
    return as_frame(data)


def join_latest_response(
    responses: pd.DataFrame,
    outcomes: pd.DataFrame,
    *,
    customer: str = "customer_id",
    date: str = "date",
    survey_type: str | None = None,
) -> pd.DataFrame:
    """Join each customer's latest survey response to the customer's outcomes.

    Outcomes (retention, revenue in the next twelve months ...) are per customer, responses per survey.
    This keeps, per customer, the response with the latest ``date`` (ties: the one further down the
    table), and inner-joins it to ``outcomes`` on ``customer``: customers without a response, and
    responses of customers without an outcome row, are left out. The result has one row per customer, in
    the order of ``outcomes``, with the response columns, the outcome columns and ``n_responses`` (how
    many responses the customer gave). ``result.attrs["join"]`` counts what was kept and left out.

    Parameters
    ----------
    responses, outcomes : DataFrame
        Survey responses and the outcomes table (one row per customer).
    customer : str
        Customer id column in both tables.
    date : str
        Response date column.
    survey_type : str, optional
        Keep only responses of this ``survey_type`` (e.g. ``"relational"``) before taking the latest.

    Raises
    ------
    StudyDataError
        If a column is missing or a customer appears more than once in ``outcomes``.

    Examples
    --------
    >>> responses = pd.DataFrame({"customer_id": ["a", "a", "b", "c"], "ltr": [3, 9, 7, 10],
    ...                           "date": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-03-01",
    ...                                                   "2024-02-01"])})
    >>> outcomes = pd.DataFrame({"customer_id": ["a", "b", "d"], "retained": [1, 0, 1]})
    >>> joined = join_latest_response(responses, outcomes)
    >>> joined[["customer_id", "ltr", "retained", "n_responses"]]
      customer_id  ltr  retained  n_responses
    0           a    9         1            2
    1           b    7         0            1
    >>> joined.attrs["join"]
    {'customers_joined': 2, 'customers_without_outcome': 1, 'outcomes_without_response': 1}
    """
    _require_columns(responses, [customer, date], "joining responses to outcomes")
    if customer not in outcomes.columns:
        raise StudyDataError([DataProblem(table="outcomes", column=customer,
                                          rule="column needed for joining responses to outcomes is missing")])
    dup = outcomes[customer].duplicated(keep=False)
    if dup.any():
        raise StudyDataError([DataProblem(
            table="outcomes", column=customer, rule="each customer must appear once in the outcomes table",
            rows=row_numbers(outcomes, dup.to_numpy()), n_rows=int(dup.sum()),
            examples=tuple(str(v) for v in outcomes.loc[dup, customer].head(5)))])
    resp = responses
    if survey_type is not None:
        _require_columns(responses, ["survey_type"], "selecting a survey type")
        resp = resp[resp["survey_type"] == survey_type]
        if resp.empty:
            raise StudyDataError([DataProblem(table="responses", column="survey_type",
                                              rule=f"no responses of survey type {survey_type!r}")])
    order = pd.DataFrame({"_d": pd.to_datetime(resp[date]), "_pos": np.arange(len(resp))}, index=resp.index)
    order = order.sort_values(["_d", "_pos"], kind="stable")
    resp = resp.loc[order.index]
    counts = resp.groupby(customer, sort=False)[customer].transform("size").rename("n_responses")
    latest = resp.assign(n_responses=counts).drop_duplicates(customer, keep="last")
    overlap = [c for c in outcomes.columns if c != customer and c in latest.columns]
    joined = latest.drop(columns=overlap).merge(outcomes, on=customer, how="inner", validate="one_to_one")
    # in the order of the outcomes table, not of the ids: pseudonymised ids (or the English and the Dutch
    # report's) would otherwise reorder the customers and with them the cross-validation folds and numbers
    position = pd.Index(outcomes[customer]).get_indexer(joined[customer])  # ids are unique in outcomes
    joined = joined.take(np.argsort(position, kind="stable")).reset_index(drop=True)
    ids_out = set(outcomes[customer])
    ids_resp = set(latest[customer])
    joined.attrs["join"] = {
        "customers_joined": len(joined),
        "customers_without_outcome": len(ids_resp - ids_out),
        "outcomes_without_response": len(ids_out - ids_resp),
    }
    return joined


def exq_dimension_scores(
    data: pd.DataFrame, dimensions: Mapping[str, Sequence[str]] | None = None, *, min_share: float = 0.5,
    total: str | None = None,
) -> pd.DataFrame:
    """Mean item score per CX dimension (EXQ by default), per row, and optionally the total score.

    A row's dimension score is the mean of its answered items when at least ``min_share`` of the
    dimension's items are answered, else missing; the total (column ``total``, when given) is the mean of
    all answered items under the same rule. This is the plain unweighted mean scoring of
    :func:`nps_research.cx.scales.score_scale` (``method="mean"``), without reverse-keyed items.

    Examples
    --------
    >>> df = pd.DataFrame({"a1": [1, 7, None], "a2": [3, 5, None], "b1": [4, 4, 4]})
    >>> exq_dimension_scores(df, {"a": ["a1", "a2"], "b": ["b1"]}, total="cx")
         a    b        cx
    0  2.0  4.0  2.666667
    1  6.0  4.0  5.333333
    2  NaN  4.0       NaN
    """
    dims = dict(EXQ_DIMENSIONS if dimensions is None else dimensions)
    groups = dict(dims)
    if total is not None:
        groups[total] = [c for items in dims.values() for c in items]
    out = {}
    for name, items in groups.items():
        _require_columns(data, list(items), f"CX dimension '{name}'")
        block = data[list(items)].apply(pd.to_numeric, errors="coerce")
        need = max(1, math.ceil(min_share * len(items) - 1e-9))
        out[name] = block.mean(axis=1).where(block.notna().sum(axis=1) >= need)
    return pd.DataFrame(out, index=data.index)


def _cx_scores(frame: pd.DataFrame, dimensions: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Dimension scores and the total per row (last column): the scale module's mean scoring when present."""
    try:
        from ..cx.scales import Scale, score_scale
    except ImportError:  # pragma: no cover - the scale module is part of the package
        return exq_dimension_scores(frame, dimensions, total="cx")
    scale = Scale("cx", {k: tuple(v) for k, v in dimensions.items()})
    return score_scale(frame, scale, method="mean", validate=False)


def customer_frame(
    study: Any,
    *,
    survey_type: str | None = "auto",
    dimensions: Mapping[str, Sequence[str]] | None = None,
    breaks: Sequence[int] = (6, 8),
    scale: Any = "auto",
    scales: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """One row per customer: latest response, outcomes, NPS category dummies and CX scores.

    Calls :func:`join_latest_response` on ``study.responses`` and ``study.outcomes`` and adds
    ``category`` (detractor / passive / promoter), the 0/1 columns ``detractor``, ``passive`` and
    ``promoter``, one column per dimension of the study's CX scale (mean of the answered items, reverse-keyed
    items recoded, at least the scale's share answered) and ``cx``, the scale's total score.
    ``result.attrs["cx_dimensions"]`` lists the dimension columns, ``result.attrs["cx_scale"]`` the scale
    (None without one) and ``result.attrs["labels"]`` the study's column labels (role -> the client's column
    name) plus the scale's own dimension labels, for sentences and tables.

    Parameters
    ----------
    study : Study
    survey_type : str or None
        ``"auto"`` (default): the relational responses when the responses have a ``survey_type`` column
        with relational responses (a relational survey measures the whole relationship and carries the
        CX items), else all responses; None: all responses; or a survey type.
    dimensions : dict, optional
        Dimension name -> item columns (overrides ``scale``).
    breaks : (int, int)
        NPS category bounds (see :func:`nps_research.nps.categorize`).
    scale : str, dict, Scale or None
        The CX scale (see :func:`nps_research.cx.get_scale`): a name of the study's ``scales`` section, a
        built-in scale or a scale dict. ``"auto"`` (default): the first of the study's scales whose items are
        all in the data, else the first built-in scale whose items are (EXQ first), else the EXQ dimensions
        whose items are all in the data; None: no CX scores.
    scales : dict, optional
        The study file's ``scales:`` section (name -> scale dict), as the runner passes it to notebooks.

    Examples
    --------
    >>> from nps_research import Study
    >>> r = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-01", "2024-01-02"], "ltr": [10, 3],
    ...                   "q1": [6, 2], "q2": [7, 3], "q3": [7, 1]})
    >>> o = pd.DataFrame({"customer_id": ["a", "b"], "retained": [1, 0]})
    >>> f = customer_frame(Study(responses=r, outcomes=o), dimensions={"quality": ["q1", "q2"], "care": ["q3"]})
    >>> f[["customer_id", "category", "promoter", "quality", "care", "cx", "retained"]]
      customer_id   category  promoter  quality  care        cx  retained
    0           a   promoter         1      6.5   7.0  6.666667         1
    1           b  detractor         0      2.5   1.0  2.000000         0
    """
    if getattr(study, "outcomes", None) is None:
        raise StudyDataError([DataProblem(table="outcomes", rule="the study has no outcomes table; "
                                          "comparing NPS with CX needs customer outcomes")])
    responses = study.responses
    if survey_type == "auto":
        has_rel = "survey_type" in responses.columns and (responses["survey_type"] == "relational").any()
        survey_type = "relational" if has_rel else None
    frame = join_latest_response(responses, study.outcomes, survey_type=survey_type)
    frame = add_nps_categories(frame, breaks=breaks)
    from ..cx.scales import ScaleLabel

    labels = labels_of(study)
    chosen = None
    if dimensions is None:
        chosen = study_scale(frame, scale, scales)
        if chosen is None and scale == "auto":
            dimensions = {k: v for k, v in EXQ_DIMENSIONS.items() if all(c in frame.columns for c in v)}
        else:
            dimensions = {} if chosen is None else {k: list(v) for k, v in chosen.dimensions.items()}
    clash = [d for d in [*dimensions, "cx"] if d in frame.columns and d not in
             {i for items in dimensions.values() for i in items}]
    if dimensions and clash:
        raise StudyDataError([DataProblem(table="responses", column=c, rule=(
            "a CX dimension has the name of a column of the customer table; rename the dimension in the "
            "study's scales section")) for c in clash])
    if dimensions:
        if chosen is not None:
            from ..cx.scales import score_scale

            scores = score_scale(frame, chosen, method="mean", validate=False)
        else:
            scores = _cx_scores(frame, dimensions)
        for name in dimensions:
            frame[name] = scores[name].to_numpy()
        frame["cx"] = scores.iloc[:, len(dimensions)].to_numpy()
        if chosen is not None and not _is_builtin(chosen):
            labels = {**scale_labels(chosen), **labels}
            # the CX measure sets are named after the study's scale, not after EXQ
            name = chosen.label_value(chosen.name)
            labels.setdefault("measure:cx", ScaleLabel({lang: f"CX ({name.format(lang)})" for lang in LANGUAGES}))
            labels.setdefault("measure:cx_nps", ScaleLabel({lang: f"CX ({name.format(lang)}) + NPS"
                                                            for lang in LANGUAGES}))
    frame.attrs["cx_dimensions"] = list(dimensions)
    frame.attrs["cx_scale"] = chosen
    frame.attrs["labels"] = labels
    return frame


def present_outcomes(data: pd.DataFrame, outcomes: Sequence[str] | None) -> tuple[list[str], list[str]]:
    """The outcome columns of ``outcomes`` that ``data`` has (with at least one value), and those it lacks.

    Examples
    --------
    >>> present_outcomes(pd.DataFrame({"retained": [1, 0], "spend": [None, None]}), ["retained", "spend", "x"])
    (['retained'], ['spend', 'x'])
    """
    return present_columns(data, outcomes)


def describe_absent_outcomes(absent: Sequence[str], language: str = "en",
                             labels: Mapping[str, Any] | None = None) -> list[str]:
    """One sentence naming the outcomes a notebook was asked for that the data do not have (none when all are).

    Examples
    --------
    >>> describe_absent_outcomes(["n_products"], "nl")
    ['Niet in de gegevens en dus niet geanalyseerd: aantal producten.']
    """
    from ..text import Words
    from ._common import variable_label

    if not absent:
        return []
    return [t("compare.absent_outcomes", language,
              names=Words([variable_label(o, language, labels) for o in absent]))]


def scale_labels(scale: Any) -> dict[str, Any]:
    """The client's own dimension labels of a study's scale (dimension -> label in every language); none for a
    built-in scale, whose dimension names the catalogue has (``compare.var.<dimension>``)."""
    if scale is None or _is_builtin(scale):
        return {}
    return {d: scale.label_value(d) for d in scale.dimensions if d in scale.labels}


def _is_builtin(scale: Any) -> bool:
    from ..cx.scales import SCALES

    return any(scale is s for s in SCALES.values())


def study_scale(data: pd.DataFrame, scale: Any = "auto", scales: Mapping[str, Any] | None = None) -> Any:
    """The CX scale an analysis of ``data`` uses (a :class:`~nps_research.cx.Scale`, or None).

    ``scale`` names one (a name of the study's ``scales`` section, a built-in scale, a dict or a Scale): its
    items must all be columns of ``data``. ``"auto"``: the first of the study's ``scales`` whose items are all
    in ``data``, else the first built-in scale whose items are (EXQ first), else None. None: no scale.

    Examples
    --------
    >>> df = pd.DataFrame({"q1": [1], "q2": [2], "q3": [3]})
    >>> own = {"service": {"range": [1, 5], "dimensions": {"speed": ["q1", "q2"], "care": ["q3"]}}}
    >>> study_scale(df, "auto", own).dimensions
    {'speed': ('q1', 'q2'), 'care': ('q3',)}
    >>> study_scale(df) is None
    True
    """
    from ..cx.scales import SCALES, get_scale

    if scale is None:
        return None
    if isinstance(scale, str) and scale == "auto":
        candidates = [get_scale(name, scales=dict(scales)) for name in (scales or {})] + list(SCALES.values())
        for s in candidates:
            if all(c in data.columns for c in s.items):
                return s
        return None
    chosen = get_scale(scale, scales=dict(scales) if scales else None)
    missing = [c for c in chosen.items if c not in data.columns]
    if missing:
        raise StudyDataError([DataProblem(table="responses", column=c, rule=(
            f"item of the scale '{chosen.label(chosen.name)}' is not in the data (map it in the study's columns "
            f"or cx_items)"))
            for c in missing])
    return chosen


def add_nps_categories(data: pd.DataFrame, *, ltr: str = "ltr", breaks: Sequence[int] = (6, 8)) -> pd.DataFrame:
    """Copy of ``data`` with ``category`` and 0/1 columns ``detractor``, ``passive``, ``promoter``.

    Examples
    --------
    >>> add_nps_categories(pd.DataFrame({"ltr": [0, 7, 9]}))
       ltr   category  detractor  passive  promoter
    0    0  detractor          1        0         0
    1    7    passive          0        1         0
    2    9   promoter          0        0         1
    """
    _require_columns(data, [ltr], "NPS categories")
    out = data.copy()
    cat = categorize(out[ltr], breaks=breaks)
    out["category"] = cat
    for c in CATEGORIES:
        out[c] = (cat == c).astype(int).where(cat.notna())
        if not out[c].isna().any():
            out[c] = out[c].astype(int)
    return out


def join_summary(frame: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """What :func:`join_latest_response` kept and left out: columns ``join_group`` (in ``language``) and
    ``n_customers``, for :func:`nps_research.report.show_table`.

    Examples
    --------
    >>> r = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-01", "2024-02-01"], "ltr": [9, 3]})
    >>> o = pd.DataFrame({"customer_id": ["a", "c"], "retained": [1, 0]})
    >>> join_summary(join_latest_response(r, o), "nl")
                                   join_group  n_customers
    0     klanten met een antwoord en een uitkomst            1
    1  klanten met een antwoord maar zonder uitkomst            1
    2  klanten met een uitkomst maar zonder antwoord            1
    """
    info = frame.attrs.get("join", {})
    keys = ("customers_joined", "customers_without_outcome", "outcomes_without_response")
    return pd.DataFrame({"join_group": [t(f"compare.join.{k}", language) for k in keys],
                         "n_customers": [int(info.get(k, 0)) for k in keys]})
