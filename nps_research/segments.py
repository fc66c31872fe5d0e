"""NPS per segment: a tidy summary table with intervals, differences from the rest and FDR q-values.

Everything here is computed from *aggregates per group* (see :mod:`nps_research.engines`),
so :func:`nps_summary` gives the same table whether ``data`` is a pandas DataFrame, a
folder of Parquet/CSV files (counted by DuckDB) or an ibis/Spark table (counted in its
backend). :func:`stats_from_counts` is the one function that turns those aggregates into
statistics; :mod:`nps_research.trends` and :mod:`nps_research.change` use it too.

Weighted data
-------------
With weights :math:`w_i` and scores :math:`s_i \\in \\{-1, 0, 1\\}` the NPS is the ratio
:math:`m = \\sum w s / \\sum w`. Its Taylor-linearisation variance (with-replacement design,
R ``survey::svymean`` with ``ids = ~1``) is

.. math::

    \\widehat{V}(m) = \\frac{n}{n-1} \\frac{\\sum w_i^2 (s_i - m)^2}{(\\sum w_i)^2},
    \\qquad
    \\sum w_i^2 (s_i - m)^2 = (W_2^{+} + W_2^{-}) - 2 m (W_2^{+} - W_2^{-}) + m^2 W_2,

where :math:`W_2^{+}`, :math:`W_2^{-}` are the sums of squared weights of promoters and
detractors and :math:`W_2` of everyone (because :math:`s^2 = |s|`). So the per-group sums
of :math:`w` and :math:`w^2` per category are all an engine has to return; the tests check
that this equals the row-level computation of :func:`nps_research.nps.nps_ci`. As in
:func:`~nps_research.nps.nps_ci`, ``method="wald"`` uses this standard error and the other
methods use Kish's effective counts :math:`n_{eff} \\times` weighted shares.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .engines import CATEGORIES, count_groups
from .inputs import labels_of, present_columns
from .nps import (
    NPSInterval,
    SmallSampleWarning,
    benchmark_sentence,
    interval_headers,
    nps_ci_from_counts,
    nps_test_from_counts,
)
from .tables import ReportTable, format_value, report_table
from .text import Label, P, Points, Words, fmt_p, fmt_points, t

__all__ = [
    "OVERALL",
    "benjamini_hochberg",
    "answers_phrase",
    "describe_answers",
    "describe_benchmark",
    "describe_headline",
    "describe_segments",
    "diff_test_from_counts",
    "fmt_p",  # re-exports of the text layer's formatters, for old callers
    "fmt_points",
    "nps_by_survey_type",
    "nps_summary",
    "report_summary",
    "segment_value",
    "summary_findings",
    "present_segments",
    "skipped_sections",
    "stats_from_counts",
    "touchpoint_nps",
]

#: Label of the overall row in the ``segment_column`` and ``segment`` columns of :func:`nps_summary`.
OVERALL = "overall"


# ----------------------------------------------------------------------------- statistics from counts


def _weighted(counts: pd.DataFrame) -> bool:
    return "w_promoters" in counts.columns


def _moments(counts: pd.DataFrame) -> dict[str, np.ndarray]:
    """Shares and sampling variance of the NPS (proportion scale) for each row of a counts table.

    Unweighted: ``var = (p + d - (p - d)^2) / n`` (multinomial). Weighted: the Taylor-linearised
    variance from the sums of w and w^2 per category (module docstring).
    """
    n_c = {c: counts[f"n_{c}"].to_numpy(dtype=float) for c in CATEGORIES}
    n = n_c["detractors"] + n_c["passives"] + n_c["promoters"]
    with np.errstate(invalid="ignore", divide="ignore"):
        if not _weighted(counts):
            d, p = n_c["detractors"] / n, n_c["promoters"] / n
            m = p - d
            var = (p + d - m**2) / n
            return {"n": n, "d": d, "pa": n_c["passives"] / n, "p": p, "nps": m, "var": var, "n_eff": n}
        w = {c: counts[f"w_{c}"].to_numpy(dtype=float) for c in CATEGORIES}
        w2 = {c: counts[f"w2_{c}"].to_numpy(dtype=float) for c in CATEGORIES}
        sw = w["detractors"] + w["passives"] + w["promoters"]
        sw2 = w2["detractors"] + w2["passives"] + w2["promoters"]
        d, p = w["detractors"] / sw, w["promoters"] / sw
        m = p - d
        ss = (w2["promoters"] + w2["detractors"]) - 2 * m * (w2["promoters"] - w2["detractors"]) + m**2 * sw2
        var = np.where(n >= 2, n / (n - 1) * ss / sw**2, np.nan)
        return {"n": n, "d": d, "pa": w["passives"] / sw, "p": p, "nps": m, "var": var, "n_eff": sw**2 / sw2}


def stats_from_counts(
    counts: pd.DataFrame, *, method: str = "adjusted-wald", confidence: float = 0.95
) -> pd.DataFrame:
    """NPS, shares, standard error and interval for every row of a counts table.

    Parameters
    ----------
    counts : DataFrame
        Output of :func:`nps_research.engines.count_groups`: ``n_detractors``, ``n_passives``,
        ``n_promoters`` and, for weighted data, ``w_*`` and ``w2_*``. Other columns are kept.
    method, confidence
        Interval method and level, passed to :func:`nps_research.nps.nps_ci_from_counts`.

    Returns
    -------
    DataFrame
        ``counts`` plus ``n``, ``detractors_pct``, ``passives_pct``, ``promoters_pct`` (weighted
        shares when weighted), ``nps``, ``se``, ``ci_low``, ``ci_high`` (points) and ``n_eff``
        (Kish's effective n; equals n when unweighted). Rows with n = 0 get NaN statistics.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"n_detractors": [20], "n_passives": [30], "n_promoters": [50]})
    >>> stats_from_counts(c, method="wald")[["n", "nps", "se", "ci_low", "ci_high"]].round(2)
         n   nps    se  ci_low  ci_high
    0  100  30.0  7.81   14.69    45.31
    """
    out = counts.copy()
    mom = _moments(counts)
    n = mom["n"]
    ok = n > 0
    out["n"] = n.astype("int64")
    for col, key in (("detractors_pct", "d"), ("passives_pct", "pa"), ("promoters_pct", "p")):
        out[col] = np.where(ok, 100 * mom[key], np.nan)
    out["nps"] = np.where(ok, 100 * mom["nps"], np.nan)
    se = np.full(len(out), np.nan)
    lo = np.full(len(out), np.nan)
    hi = np.full(len(out), np.nan)
    if ok.any():
        if _weighted(counts):
            neff = mom["n_eff"][ok]
            eff = [neff * mom[k][ok] for k in ("d", "pa", "p")]
        else:
            eff = [counts[f"n_{c}"].to_numpy(dtype=float)[ok] for c in CATEGORIES]
        res = nps_ci_from_counts(*eff, method=method, confidence=confidence, warn=False)
        se[ok], lo[ok], hi[ok] = (np.atleast_1d(res.se), np.atleast_1d(res.ci_low), np.atleast_1d(res.ci_high))
        if _weighted(counts) and method == "wald":
            # Taylor-linearised SE, as nps_ci does for weighted wald intervals (n >= 2).
            z = stats.norm.ppf(0.5 + confidence / 2)
            taylor = ok & (n >= 2)
            s = np.sqrt(mom["var"][taylor])
            m = mom["nps"][taylor]
            se[taylor] = 100 * s
            lo[taylor] = np.clip(100 * (m - z * s), -100, 100)
            hi[taylor] = np.clip(100 * (m + z * s), -100, 100)
    out["se"], out["ci_low"], out["ci_high"] = se, lo, hi
    out["n_eff"] = np.where(ok, mom["n_eff"], np.nan)
    return out


def _test_method(method: str) -> str:
    """Test method for an interval method: wald stays wald, everything else uses the adjusted Wald test."""
    return "wald" if method == "wald" else "adjusted-wald"


def diff_test_from_counts(
    a: pd.DataFrame, b: pd.DataFrame, *, method: str = "adjusted-wald", confidence: float = 0.95
) -> pd.DataFrame:
    """Two-sample z-test of NPS(a) - NPS(b) for independent groups, row by row, from counts.

    Unweighted counts go to :func:`nps_research.nps.nps_test_from_counts` (vectorised):
    ``"wald"`` uses ``sqrt(var_a / n_a + var_b / n_b)`` with ``var = p + d - (p - d)^2``;
    ``"adjusted-wald"`` (used for every other interval method) adds the pseudo-observations
    to both samples first. Weighted data (``w_*``/``w2_*`` columns) use Kish's effective counts,
    except ``"wald"``, which uses each group's Taylor-linearised variance (module docstring), as
    :func:`nps_research.nps.nps_test` does with weights. Rows where either group is empty give NaN.

    Parameters
    ----------
    a, b : DataFrame
        Counts tables with the same number of rows (as from :func:`nps_research.engines.count_groups`).
    method : str
        ``"wald"`` or ``"adjusted-wald"`` (other interval methods test with ``"adjusted-wald"``).
    confidence : float
        Level of the interval of the difference.

    Returns
    -------
    DataFrame
        ``diff`` (plain difference of the sample NPS, points), ``diff_se``, ``diff_ci_low``,
        ``diff_ci_high``, ``z`` and two-sided ``p_value``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"n_detractors": [20], "n_passives": [30], "n_promoters": [50]})
    >>> b = pd.DataFrame({"n_detractors": [30], "n_passives": [30], "n_promoters": [40]})
    >>> diff_test_from_counts(a, b, method="wald").round(4)
       diff  diff_se  diff_ci_low  diff_ci_high       z  p_value
    0  20.0  11.4018       -2.347        42.347  1.7541   0.0794
    """
    tm = _test_method(method)
    ma, mb = _moments(a), _moments(b)
    k = len(a)
    out = {c: np.full(k, np.nan) for c in ("diff", "diff_se", "diff_ci_low", "diff_ci_high", "z", "p_value")}
    ok = (ma["n"] > 0) & (mb["n"] > 0)
    if ok.any():
        if _weighted(a):
            ca = np.column_stack([ma["n_eff"] * ma[x] for x in ("d", "pa", "p")])[ok]
            cb = np.column_stack([mb["n_eff"] * mb[x] for x in ("d", "pa", "p")])[ok]
        else:
            ca = np.column_stack([a[f"n_{c}"].to_numpy(dtype=float) for c in CATEGORIES])[ok]
            cb = np.column_stack([b[f"n_{c}"].to_numpy(dtype=float) for c in CATEGORIES])[ok]
        res = nps_test_from_counts(ca, cb, method=tm, confidence=confidence, warn=False)
        out["diff"][ok] = 100 * (ma["nps"][ok] - mb["nps"][ok])
        out["diff_se"][ok] = res.se
        out["diff_ci_low"][ok] = res.ci_low
        out["diff_ci_high"][ok] = res.ci_high
        out["z"][ok] = res.statistic
        out["p_value"][ok] = res.p_value
        if _weighted(a) and tm == "wald":
            # Taylor-linearised variances (n >= 2 in both groups), as nps_test does with weights.
            t = ok & (ma["n"] >= 2) & (mb["n"] >= 2)
            diff = ma["nps"][t] - mb["nps"][t]
            se = np.sqrt(ma["var"][t] + mb["var"][t])
            zc = stats.norm.ppf(0.5 + confidence / 2)
            with np.errstate(invalid="ignore", divide="ignore"):
                z = diff / se
            out["diff_se"][t] = 100 * se
            out["diff_ci_low"][t] = 100 * np.clip(diff - zc * se, -2, 2)
            out["diff_ci_high"][t] = 100 * np.clip(diff + zc * se, -2, 2)
            out["z"][t] = z
            out["p_value"][t] = 2 * stats.norm.sf(np.abs(z))
    return pd.DataFrame(out)


def benjamini_hochberg(p_values: Any) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values); NaN p-values stay NaN and are not counted.

    ``q_(i) = min_{j >= i} min(1, m p_(j) / j)`` over the sorted p-values, the same as
    ``statsmodels.stats.multitest.multipletests(p, method="fdr_bh")[1]``.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, float("nan")]).round(3).tolist()
    [0.03, 0.04, 0.04, nan]
    """
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return q
    pv = p[ok]
    order = np.argsort(pv, kind="mergesort")
    ranked = pv[order] * m / np.arange(1, m + 1)
    adj = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)
    out = np.empty(m)
    out[order] = adj
    q[ok] = out
    return q


# ----------------------------------------------------------------------------- the summary table


def _as_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def _label(value: Any) -> Any:
    """Segment value as text (missing stays missing)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return np.nan
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return str(value)


def nps_summary(
    data: Any,
    *,
    ltr: str = "ltr",
    by: str | Sequence[str] | None = None,
    weights: str | None = None,
    method: str = "adjusted-wald",
    confidence: float = 0.95,
    min_n: int = 30,
    where: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """NPS with counts, shares, standard error and interval, overall and per segment.

    Parameters
    ----------
    data : DataFrame, Study, path or ibis Table
        The responses; a path (file, folder or glob of Parquet/CSV files) is counted in DuckDB
        and an ibis (or PySpark) table in its own backend, see :mod:`nps_research.engines`.
    ltr : str
        Column with the 0-10 answers.
    by : str or list of str, optional
        Segment column(s). Each column is analysed *separately* (not crossed); the results
        are stacked with the overall row first.
    weights : str, optional
        Column of survey weights (> 0).
    method : str
        Interval method of :func:`nps_research.nps.nps_ci_from_counts` (default adjusted Wald).
    confidence : float
        Confidence level of the intervals.
    min_n : int
        Segments with n (Kish's effective n when weighted) below this are flagged
        ``small_n`` and a :class:`~nps_research.nps.SmallSampleWarning` is issued.
    where : dict, optional
        Row filter ``{column: value or list}`` applied before counting (in the engine).

    Returns
    -------
    DataFrame
        One row per segment, with columns

        * ``segment_column`` (the ``by`` column, ``"overall"`` for the overall row) and
          ``segment`` (its value as text; missing values form their own segment, shown as NaN);
        * ``n`` (valid answers), ``n_missing`` (missing LTR), ``n_detractors``, ``n_passives``,
          ``n_promoters``, ``detractors_pct``, ``passives_pct``, ``promoters_pct`` (weighted when
          ``weights``), ``nps``, ``se``, ``ci_low``, ``ci_high`` (points), ``n_eff``;
        * ``diff_vs_rest`` = segment NPS minus the NPS of all other answers (the rest of the
          same table), its ``diff_se``, the two-sided ``p_value`` of the z-test
          (:func:`diff_test_from_counts`) and the Benjamini-Hochberg ``q_value`` computed
          within each ``segment_column`` (NaN for the overall row);
        * ``small_n`` (bool).

        Segments are sorted by value within each column. ``attrs`` records method,
        confidence, whether the data were weighted, ``min_n``, the row filter ``where`` (so that
        sentences can say which answers a figure covers) and the study's column ``labels``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ltr": [10, 9, 9, 8, 3, 10, 2, 1, 7, 9],
    ...                    "region": ["N"] * 5 + ["S"] * 5})
    >>> tab = nps_summary(df, by="region", method="wald", min_n=3)
    >>> tab[["segment_column", "segment", "n", "nps", "diff_vs_rest", "q_value"]].round(3)
      segment_column  segment   n   nps  diff_vs_rest  q_value
    0        overall  overall  10  20.0           NaN      NaN
    1         region        N   5  40.0          40.0    0.456
    2         region        S   5   0.0         -40.0    0.456
    """
    cols = _as_list(by)
    if len(set(cols)) != len(cols):
        raise ValueError(f"by lists a column twice: {cols}")
    groupings = [()] + [(c,) for c in cols]
    tables = count_groups(data, ltr=ltr, groupings=groupings, weights=weights, where=where)
    overall = stats_from_counts(tables[0], method=method, confidence=confidence)
    if int(overall["n"].iloc[0]) == 0:
        from .errors import StudyDataError

        raise StudyDataError(f"no valid answers in column '{ltr}' (n = 0): the NPS is undefined")
    overall.insert(0, "segment", OVERALL)
    overall.insert(0, "segment_column", OVERALL)
    parts = [overall]
    count_cols = [c for c in tables[0].columns]
    for col, counts in zip(cols, tables[1:]):
        st = stats_from_counts(counts, method=method, confidence=confidence)
        rest = pd.DataFrame(
            {c: np.repeat(tables[0][c].to_numpy(), len(counts)) - counts[c].to_numpy() for c in count_cols}
        )
        test = diff_test_from_counts(counts, rest, method=method, confidence=confidence)
        st["diff_vs_rest"] = test["diff"].to_numpy()
        st["diff_se"] = test["diff_se"].to_numpy()
        st["p_value"] = test["p_value"].to_numpy()
        st["q_value"] = benjamini_hochberg(st["p_value"].to_numpy())
        st.insert(0, "segment", pd.Series([_label(v) for v in counts[col]], dtype="str").to_numpy())
        st.insert(0, "segment_column", col)
        st = st.drop(columns=[col])
        parts.append(st)
    out = pd.concat(parts, ignore_index=True)
    for c in ("diff_vs_rest", "diff_se", "p_value", "q_value"):
        if c not in out.columns:
            out[c] = np.nan
    out["small_n"] = out["n_eff"].fillna(0).to_numpy() < min_n
    front = ["segment_column", "segment", "n", "n_missing"] + [f"n_{c}" for c in CATEGORIES]
    stats_cols = ["detractors_pct", "passives_pct", "promoters_pct", "nps", "se", "ci_low", "ci_high", "n_eff",
                  "diff_vs_rest", "diff_se", "p_value", "q_value", "small_n"]
    weight_cols = [c for c in out.columns if c.startswith(("w_", "w2_"))]
    out = out[front + stats_cols + weight_cols]
    out["segment_column"] = out["segment_column"].astype("str")
    out["segment"] = out["segment"].astype("str")
    out.attrs.update(method=method, confidence=confidence, weighted=weights is not None, min_n=min_n,
                     where=dict(where or {}), labels=labels_of(data))
    small = out.loc[out["small_n"]]
    if len(small):
        names = ", ".join(f"{r.segment_column}={r.segment} (n={r.n})" for r in small.head(8).itertuples())
        more = " ..." if len(small) > 8 else ""
        warnings.warn(
            f"{len(small)} segment(s) have fewer than min_n = {min_n} answers: {names}{more}; their NPS is "
            "imprecise (flagged in column small_n)",
            SmallSampleWarning,
            stacklevel=2,
        )
    return out


def nps_by_survey_type(data: Any, *, survey_type: str = "survey_type", **kwargs: Any) -> pd.DataFrame:
    """Relational vs transactional NPS: :func:`nps_summary` with ``by=survey_type``.

    Relational (periodic, whole relationship) and transactional (after a touchpoint) NPS
    measure different things and should be reported side by side, never pooled; the
    overall row is kept for reference only.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ltr": [10, 9, 3, 8, 10, 6],
    ...                    "survey_type": ["relational"] * 3 + ["transactional"] * 3})
    >>> nps_by_survey_type(df, min_n=1)[["segment", "n", "nps"]].round(1)
             segment  n   nps
    0        overall  6  16.7
    1     relational  3  33.3
    2  transactional  3   0.0
    """
    return nps_summary(data, by=survey_type, **kwargs)


def touchpoint_nps(
    data: Any,
    *,
    touchpoint: str = "touchpoint",
    survey_type: str | None = "survey_type",
    transactional: str = "transactional",
    **kwargs: Any,
) -> pd.DataFrame:
    """Transactional NPS per touchpoint: :func:`nps_summary` of the transactional answers by touchpoint.

    ``where={survey_type: "transactional"}`` is applied inside the engine (set
    ``survey_type=None`` when the data hold transactional answers only). The overall row is
    then the overall *transactional* NPS, and ``diff_vs_rest`` compares a touchpoint with the
    other touchpoints.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ltr": [10, 9, 3, 8, 2, 6], "touchpoint": [None, None, "shop", "shop", "app", "app"],
    ...                    "survey_type": ["relational"] * 2 + ["transactional"] * 4})
    >>> touchpoint_nps(df, min_n=1)[["segment", "n", "nps"]]
       segment  n    nps
    0  overall  4  -75.0
    1      app  2 -100.0
    2     shop  2  -50.0
    """
    where = dict(kwargs.pop("where", None) or {})
    if survey_type is not None:
        where[survey_type] = transactional
    return nps_summary(data, by=touchpoint, where=where, **kwargs)


def present_segments(data: Any, columns: Sequence[str], language: str = "en") -> tuple[list[str], list[str]]:
    """The segment columns the answers have (with at least one value), and one line naming those they lack
    (none when all are there), so that a default such as region, product and channel fits any export.

    Examples
    --------
    >>> df = pd.DataFrame({"ltr": [9, 3], "channel": ["web", "app"]})
    >>> present_segments(df, ["region", "channel"], "nl")
    (['channel'], ['Niet in de gegevens en dus niet vergeleken: regio.'])
    """
    have, lack = present_columns(data, columns)
    if not lack:
        return have, []
    return have, [t("segments.absent", language, names=Words([Label(c, labels_of(data)) for c in lack]))]


def skipped_sections(data: Any, language: str = "en", *, survey_type: str = "survey_type",
                     touchpoint: str = "touchpoint", channel: str = "channel") -> dict[str, str]:
    """Sections of the NPS page that have nothing to show in these data, each with the one line that says why.

    ``"survey_types"``: the answers hold one survey type (or none is recorded), so relational and
    transactional NPS cannot be set side by side. ``"touchpoints"``: the transactional answers have no
    touchpoint, or their touchpoints split the answers exactly as the channel does (the chart would repeat the
    channel chart).

    Examples
    --------
    >>> df = pd.DataFrame({"ltr": [9, 3, 7, 10], "survey_type": "transactional",
    ...                    "touchpoint": ["app", "app", "shop", "shop"], "channel": ["web", "web", "store", "store"]})
    >>> for key, line in skipped_sections(df, "nl").items():
    ...     print(key, "|", line)
    survey_types | Alle antwoorden zijn transactioneel: een vergelijking van relationele en transactionele NPS is niet mogelijk.
    touchpoints | De contactmomenten verdelen de antwoorden precies zoals het kanaal; de grafiek per contactmoment zou die per kanaal herhalen en vervalt.
    """
    frame = data.responses if hasattr(data, "responses") else data
    labels = labels_of(data)
    out: dict[str, str] = {}
    types = frame[survey_type].dropna().unique() if survey_type in frame.columns else []
    if len(types) < 2:
        out["survey_types"] = (t("segments.skip.one_type", language, type=segment_value(types[0], language))
                               if len(types) else t("segments.skip.no_type", language))
    answers = frame
    if survey_type in frame.columns and "transactional" in set(types):
        answers = frame[frame[survey_type] == "transactional"]
    if touchpoint not in frame.columns or answers[touchpoint].notna().sum() == 0:
        out["touchpoints"] = t("segments.skip.no_touchpoint", language)
    elif channel in frame.columns:
        pairs = answers[[touchpoint, channel]].dropna().drop_duplicates()
        if (len(pairs) and pairs[touchpoint].is_unique and pairs[channel].is_unique):
            out["touchpoints"] = t("segments.skip.touchpoint_is_channel", language,
                                   channel=Label(channel, labels))
    return out


# ----------------------------------------------------------------------------- sentences and report tables


def segment_value(value: Any, language: str = "en") -> str:
    """A segment value as a report shows it: a word the catalogue knows (``relational`` -> ``relationeel``),
    ``(missing)`` for a missing value, else the value itself.

    Examples
    --------
    >>> segment_value("relational", "nl"), segment_value(float("nan"), "nl"), segment_value("app", "nl")
    ('relationeel', '(ontbrekend)', 'app')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)) or str(value) == "nan":
        return t("segments.missing", language)
    return format_value(str(value), "category", language)


def _segment(col: str, value: Any, labels: Any, language: str) -> str:
    """``kanaal app``: the column's label and the segment value."""
    return t("segments.segment", language, col=Label(col, labels), seg=segment_value(value, language))


def answers_phrase(where: dict[str, Any] | None, language: str = "en", labels: Any = None) -> str | None:
    """Which answers a figure covers, from a row filter ``{column: value or list}`` (None when unfiltered).

    Examples
    --------
    >>> answers_phrase({"survey_type": "relational"}, "nl")
    'de relationele antwoorden'
    >>> answers_phrase({"channel": ["app", "web"]}, "nl"), answers_phrase(None, "en")
    ('de antwoorden met kanaal app of web', None)
    """
    where = {k: v for k, v in (where or {}).items() if v is not None}
    if not where:
        return None
    if set(where) == {"survey_type"} and isinstance(where["survey_type"], str) \
            and where["survey_type"] in ("relational", "transactional"):
        return t(f"nps.answers.{where['survey_type']}", language)
    conditions = []
    for col, value in where.items():
        values = value if isinstance(value, list | tuple | set) else [value]
        conditions.append(t("nps.condition", language, col=Label(col, labels),
                            value=Words([segment_value(v, language) for v in values], "or")))
    return t("nps.answers.with", language, conditions=Words(conditions))


def describe_answers(where: dict[str, Any] | None = None, language: str = "en", labels: Any = None) -> str:
    """One sentence saying which answers a page covers (the relational ones, or all answers pooled).

    Examples
    --------
    >>> describe_answers({"survey_type": "relational"}, "nl")
    'Deze pagina gaat over de relationele antwoorden.'
    >>> describe_answers(None, "en")[:30]
    'This page pools all answers; r'
    """
    phrase = answers_phrase(where, language, labels)
    if phrase is None:
        return t("nps.scope_pooled", language)
    return t("nps.scope", language, answers=phrase)


def _row_interval(row: pd.Series, attrs: dict[str, Any]) -> NPSInterval:
    return NPSInterval(
        nps=float(row["nps"]), se=float(row["se"]), ci_low=float(row["ci_low"]), ci_high=float(row["ci_high"]),
        n=int(row["n"]), method=attrs.get("method", "adjusted-wald"), confidence=attrs.get("confidence", 0.95),
        detractors_pct=float(row["detractors_pct"]), passives_pct=float(row["passives_pct"]),
        promoters_pct=float(row["promoters_pct"]), n_eff=float(row["n_eff"]),
        weighted=bool(attrs.get("weighted", False)),
    )  # fmt: skip


def describe_headline(summary: pd.DataFrame, language: str = "en", *, segment_column: str | None = None,
                      segment: Any = None, details: bool = True) -> str:
    """The headline paragraph of an :func:`nps_summary` table: the one headline sentence
    (:func:`nps_research.nps.headline_sentence`), the shares, the interval method and a small-n caution.

    The sentence says which answers it covers (from the table's row filter ``where``, e.g. "the relational
    answers"), and, when the table is weighted, that the NPS is weighted, with the effective n. With
    ``segment_column`` it describes the segment ``segment`` of that column, or (``segment=None``) every
    segment of the column, one paragraph each. ``details=False`` gives the headline sentence only.

    Examples
    --------
    >>> import pandas as pd
    >>> tab = nps_summary(pd.DataFrame({"ltr": [10] * 50 + [8] * 30 + [3] * 20}), method="wald")
    >>> describe_headline(tab, details=False)
    'The NPS is +30.0 (95% interval +14.7 to +45.3; n = 100).'
    >>> df = pd.DataFrame({"ltr": [10] * 50 + [8] * 30 + [3] * 20, "survey_type": ["relational"] * 100})
    >>> print(describe_headline(nps_summary(df, where={"survey_type": "relational"}), "nl"))
    De NPS van de relationele antwoorden is +30,0 (95%-interval +14,1 tot +44,2; n = 100). 50,0% promotors, 30,0% passieven en 20,0% criticasters. Intervalmethode: adjusted Wald.
    """
    attrs = summary.attrs
    labels = attrs.get("labels")
    where = dict(attrs.get("where") or {})
    if segment_column is None:
        rows = summary.loc[summary["segment_column"] == OVERALL].iloc[:1]
        filters = [where]
    else:
        rows = summary.loc[summary["segment_column"] == segment_column]
        if segment is not None:
            rows = rows.loc[rows["segment"] == str(segment)]
        if rows.empty:
            raise ValueError(f"the table has no segment {segment!r} of column '{segment_column}'")
        filters = [{**where, segment_column: value} for value in rows["segment"]]
    paragraphs = []
    for (_, row), filt in zip(rows.iterrows(), filters):
        result = _row_interval(row, attrs)
        answers = answers_phrase(filt, language, labels)
        sentences = result.describe(language, answers=answers, min_n=attrs.get("min_n", 30))
        paragraphs.append(" ".join(sentences if details else sentences[:1]))
    return "\n\n".join(paragraphs)


def describe_benchmark(result: Any, language: str = "en", alpha: float = 0.05) -> str:
    """One sentence comparing an NPS with a benchmark, from :func:`nps_research.nps.nps_vs_benchmark`
    (the sentence of :meth:`nps_research.nps.NPSBenchmarkTest.describe`).

    The wording follows the test's ``alternative``: a one-sided test (``"greater"``, the default of
    ``nps_vs_benchmark``) can only say whether the NPS is significantly *above* the benchmark, so a
    non-significant result reads "not significantly above", never "does not differ".

    Examples
    --------
    >>> from nps_research.nps import nps_vs_benchmark
    >>> describe_benchmark(nps_vs_benchmark([10] * 60 + [8] * 20 + [3] * 20, 10, method="wald"))
    'The NPS of +40.0 is significantly above the benchmark of +10.0 (+30.0 points, p < 0.001).'
    >>> describe_benchmark(nps_vs_benchmark([10] * 60 + [8] * 20 + [3] * 20, 50, method="wald"))
    'The NPS of +40.0 is not significantly above the benchmark of +50.0 (-10.0 points, one-sided p = 0.894).'
    """
    return benchmark_sentence(result, language, alpha)


def describe_segments(summary: pd.DataFrame, language: str = "en", alpha: float = 0.05) -> list[str]:
    """Sentences naming the segments whose NPS differs from the rest at FDR level ``alpha``.

    One sentence per significant segment (q < alpha), or one sentence per segment column
    saying none differ; plus a caution naming the segments flagged ``small_n``. Columns are named by
    their label (the client's column name, else the translated role: ``kanaal``), segments as
    ``kanaal app``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ltr": [10] * 80 + [2] * 20 + [10] * 20 + [2] * 80,
    ...                    "region": ["N"] * 100 + ["S"] * 100})
    >>> for s in describe_segments(nps_summary(df, by="region")):
    ...     print(s)
    The segment region N scores significantly higher than the rest: an NPS of +60.0, 120.0 points above the rest (q < 0.001).
    The segment region S scores significantly lower than the rest: an NPS of -60.0, 120.0 points below the rest (q < 0.001).
    >>> describe_segments(nps_summary(df.assign(region="X"), by="region"), "nl")
    ['Op kenmerk regio verschilt geen enkel segment significant van de rest (elke q ≥ 0,050).']
    """
    labels = summary.attrs.get("labels")
    out = []
    segs = summary.loc[summary["segment_column"] != OVERALL]
    for col, part in segs.groupby("segment_column", sort=False):
        sig = part.loc[part["q_value"] < alpha]
        if sig.empty:
            out.append(t("segments.none", language, col=Label(col, labels), alpha=P(alpha)))
            continue
        for r in sig.itertuples():
            key = "segments.above" if r.diff_vs_rest > 0 else "segments.below"
            out.append(t(key, language, col=Label(col, labels), seg=segment_value(r.segment, language),
                         nps=Points(r.nps), diff=Points(abs(r.diff_vs_rest), sign=False), q=P(r.q_value, "q")))
    small = segs.loc[segs["small_n"]]
    if len(small):
        names = [_segment(r.segment_column, r.segment, labels, language) for r in small.head(5).itertuples()]
        if len(small) > 5:
            names.append(t("segments.more", language, count=len(small) - 5))
        out.append(t("segments.small", language, count=len(small), min_n=int(summary.attrs.get("min_n", 30)),
                     which=Words(names)))
    return out


def report_summary(summary: pd.DataFrame, *, language: str = "en", columns: Sequence[str] | None = None,
                   overall: bool = True, segment_column: str | None = None, **kwargs: Any) -> ReportTable:
    """The report table of an :func:`nps_summary` table: labelled headers in ``language``, the overall row
    as "total", segment values as words (``relationeel``), intervals headed with their level.

    Parameters
    ----------
    summary : DataFrame
        From :func:`nps_summary` (or :func:`nps_by_survey_type`, :func:`touchpoint_nps`).
    columns : list of str, optional
        Columns to show (default: characteristic, segment, n (and the effective n when weighted), shares,
        NPS, interval, difference from the rest, q-value, small n).
    overall : bool
        Show the overall row ("total": all answers the table covers).
    segment_column : str, optional
        Show only the segments of this column (and the overall row when ``overall``); the segment column
        is then headed by its label and the characteristic column is left out. ``"overall"`` shows the
        overall row only (the headline table: n, shares, NPS and interval by default).
    **kwargs
        Passed to :func:`nps_research.tables.report_table` (``caption``, ``detail``, ...).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ltr": [10, 9, 3, 8] * 20, "survey_type": ["relational", "transactional"] * 40})
    >>> report_summary(nps_by_survey_type(df), language="nl", columns=["segment", "n", "nps"],
    ...                segment_column="survey_type")
       type meting  n   NPS
            totaal 80 +25,0
       relationeel 40  +0,0
    transactioneel 40 +50,0
    """
    attrs = summary.attrs
    labels = attrs.get("labels")
    rows = summary
    if segment_column == OVERALL:
        rows = rows.loc[rows["segment_column"] == OVERALL]
    elif segment_column is not None:
        rows = rows.loc[rows["segment_column"].isin([segment_column] + ([OVERALL] if overall else []))]
    elif not overall:
        rows = rows.loc[rows["segment_column"] != OVERALL]
    if columns is None:
        columns = ["segment_column", "segment", "n", "promoters_pct", "passives_pct", "detractors_pct", "nps",
                   "ci_low", "ci_high", "diff_vs_rest", "q_value", "small_n"]
        if attrs.get("weighted"):
            columns.insert(3, "n_eff")
        if segment_column == OVERALL:
            columns = [c for c in columns if c not in ("segment_column", "segment", "diff_vs_rest", "q_value",
                                                       "small_n")]
        elif segment_column is not None:
            columns = columns[1:]
    shown = rows.loc[:, list(columns)].copy()
    is_overall = (rows["segment_column"] == OVERALL).to_numpy()
    if "segment" in shown:
        shown["segment"] = [t("segments.overall", language) if o else segment_value(v, language)
                            for o, v in zip(is_overall, rows["segment"])]
    if "segment_column" in shown:
        shown["segment_column"] = ["" if o else Label(c, labels).format(language)
                                   for o, c in zip(is_overall, rows["segment_column"])]
    headers = dict(interval_headers(attrs.get("confidence", 0.95), language))
    if segment_column not in (None, OVERALL):
        headers["segment"] = Label(segment_column, labels).format(language)
    headers.update(kwargs.pop("headers", {}) or {})
    kinds = {"segment": "text", "segment_column": "text", **(kwargs.pop("kinds", {}) or {})}
    return report_table(shown, language=language, headers=headers, kinds=kinds, labels=labels, **kwargs)


def summary_findings(summary: pd.DataFrame, *, page: str | None = None, alpha: float = 0.05) -> list:
    """Key findings of an :func:`nps_summary` table: the headline NPS with its interval, and every segment that
    differs significantly from the rest (q below ``alpha``; a significant difference below 3 points is small).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ltr": [10] * 60 + [3] * 40 + [10] * 20 + [3] * 80,
    ...                    "region": ["north"] * 100 + ["south"] * 100})
    >>> [f.key for f in summary_findings(nps_summary(df, by="region"))]
    ['headline', 'segment_region_north', 'segment_region_south']
    """
    from .findings import IMPORTANCE, LANGUAGES, Finding, change_class

    out = []
    overall = summary.loc[summary["segment_column"] == OVERALL]
    if len(overall):
        r = overall.iloc[0]
        out.append(Finding("nps", "headline", {lang: describe_headline(summary, lang, details=False)
                                               for lang in LANGUAGES},
                           {"nps": float(r["nps"]), "ci_low": float(r["ci_low"]), "ci_high": float(r["ci_high"]),
                            "n": int(r["n"])}, None, None, None, float(r["nps"]), "estimate",
                           float(IMPORTANCE["nps.headline"]), page))
    labels = summary.attrs.get("labels")
    segs = summary.loc[(summary["segment_column"] != OVERALL) & (summary["q_value"] < alpha)]
    for r in segs.itertuples():
        key = "segments.above" if r.diff_vs_rest > 0 else "segments.below"
        status = change_class(float(r.diff_vs_rest), float(r.q_value), alpha=alpha)
        values = dict(col=Label(r.segment_column, labels), nps=Points(r.nps),
                      diff=Points(abs(r.diff_vs_rest), sign=False), q=P(r.q_value, "q"))
        statement = {lang: t(key, lang, seg=segment_value(r.segment, lang), **values) for lang in LANGUAGES}
        importance = (IMPORTANCE["segments.difference"] + min(abs(float(r.diff_vs_rest)), 27) / 3
                      - (20 if status == "small" else 0))
        out.append(Finding(
            "segments", f"segment_{r.segment_column}_{r.segment}", statement,
            {"column": r.segment_column, "segment": str(r.segment), "nps": float(r.nps),
             "diff_vs_rest": float(r.diff_vs_rest), "n": int(r.n)},
            "z-test against the rest, Benjamini-Hochberg per column", float(r.p_value), float(r.q_value),
            float(r.diff_vs_rest), status, float(importance), page))
    return out
