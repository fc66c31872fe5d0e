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
from .nps import SmallSampleWarning, nps_ci_from_counts, nps_test_from_counts
from .text import fmt_int as _text_int
from .text import fmt_p as _text_p
from .text import fmt_points as _text_points
from .text import fmt_sig as _text_sig

__all__ = [
    "OVERALL",
    "benjamini_hochberg",
    "describe_benchmark",
    "describe_headline",
    "describe_segments",
    "diff_test_from_counts",
    "fmt_p",
    "fmt_points",
    "nps_by_survey_type",
    "nps_summary",
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
        confidence and whether the data were weighted.

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
    out.attrs.update(method=method, confidence=confidence, weighted=weights is not None, min_n=min_n)
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


# ----------------------------------------------------------------------------- sentences


_TEXT = {
    "en": {
        "headline": "The NPS is {nps} ({level}% CI {lo} to {hi}; n = {n}).",
        "above": "{col} {seg} scores significantly higher than the rest: NPS {nps}, {diff} points versus the "
                 "rest ({q}).",
        "below": "{col} {seg} scores significantly lower than the rest: NPS {nps}, {diff} points versus the "
                 "rest ({q}).",
        "none": "No {col} differs significantly from the rest (all q >= {alpha}).",
        "small": "Note: {k} segment(s) have fewer than {min_n} answers; read their NPS with caution.",
    },
    "nl": {
        "headline": "De NPS is {nps} ({level}%-BI {lo} tot {hi}; n = {n}).",
        "above": "{col} {seg} scoort significant hoger dan de rest: NPS {nps}, {diff} punten ten opzichte van "
                 "de rest ({q}).",
        "below": "{col} {seg} scoort significant lager dan de rest: NPS {nps}, {diff} punten ten opzichte van "
                 "de rest ({q}).",
        "none": "Geen enkele {col} verschilt significant van de rest (alle q >= {alpha}).",
        "small": "Let op: {k} segment(en) hebben minder dan {min_n} antwoorden; lees hun NPS met voorzichtigheid.",
    },
}


def _lang(language: str) -> dict[str, str]:
    if language not in _TEXT:
        raise ValueError(f"language must be 'en' or 'nl', got {language!r}")
    return _TEXT[language]


def fmt_points(x: float, language: str = "en", signed: bool = True, digits: int = 1) -> str:
    """Format NPS points with a sign (see :func:`nps_research.text.fmt_points`).

    Examples
    --------
    >>> fmt_points(12.345), fmt_points(-3.0, "nl")
    ('+12.3', '-3,0')
    """
    return _text_points(x, language, digits, sign=signed)


#: p- and q-values (``< 0.001`` for tiny values); the text layer's formatter.
fmt_p = _text_p


def describe_headline(summary: pd.DataFrame, language: str = "en") -> str:
    """One sentence with the overall NPS, its interval and n, from an :func:`nps_summary` table.

    Examples
    --------
    >>> import pandas as pd
    >>> tab = nps_summary(pd.DataFrame({"ltr": [10] * 50 + [8] * 30 + [3] * 20}), method="wald")
    >>> describe_headline(tab)
    'The NPS is +30.0 (95% CI +14.7 to +45.3; n = 100).'
    >>> describe_headline(tab, "nl")
    'De NPS is +30,0 (95%-BI +14,7 tot +45,3; n = 100).'
    """
    t = _lang(language)
    row = summary.loc[summary["segment_column"] == OVERALL].iloc[0]
    level = summary.attrs.get("confidence", 0.95) * 100
    return t["headline"].format(
        nps=fmt_points(row["nps"], language), level=_text_sig(level, language, 6), lo=fmt_points(row["ci_low"], language),
        hi=fmt_points(row["ci_high"], language), n=_text_int(int(row["n"]), language),
    )  # fmt: skip


_BENCH = {
    "en": {
        "above": "The NPS of {nps} is significantly above the benchmark of {b} ({d} points, {p}).",
        "below": "The NPS of {nps} is significantly below the benchmark of {b} ({d} points, {p}).",
        "same": "The NPS of {nps} does not differ significantly from the benchmark of {b} ({d} points, {p}).",
        "not_above": "The NPS of {nps} is not significantly above the benchmark of {b} ({d} points, one-sided {p}).",
        "not_below": "The NPS of {nps} is not significantly below the benchmark of {b} ({d} points, one-sided {p}).",
    },
    "nl": {
        "above": "De NPS van {nps} ligt significant boven de benchmark van {b} ({d} punten, {p}).",
        "below": "De NPS van {nps} ligt significant onder de benchmark van {b} ({d} punten, {p}).",
        "same": "De NPS van {nps} verschilt niet significant van de benchmark van {b} ({d} punten, {p}).",
        "not_above": "De NPS van {nps} ligt niet significant boven de benchmark van {b} ({d} punten, eenzijdige "
                     "{p}).",
        "not_below": "De NPS van {nps} ligt niet significant onder de benchmark van {b} ({d} punten, eenzijdige "
                     "{p}).",
    },
}


def describe_benchmark(result: Any, language: str = "en", alpha: float = 0.05) -> str:
    """One sentence comparing an NPS with a benchmark, from :func:`nps_research.nps.nps_vs_benchmark`.

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
    _lang(language)
    alternative = getattr(result, "alternative", "two-sided")
    if result.p_value < alpha:
        key = "above" if result.difference > 0 else "below"
    else:
        key = {"greater": "not_above", "less": "not_below"}.get(alternative, "same")
    return _BENCH[language][key].format(
        nps=fmt_points(result.nps, language), b=fmt_points(result.benchmark, language),
        d=fmt_points(result.difference, language), p=fmt_p(result.p_value, language, "p"),
    )  # fmt: skip


def describe_segments(summary: pd.DataFrame, language: str = "en", alpha: float = 0.05) -> list[str]:
    """Sentences naming the segments whose NPS differs from the rest at FDR level ``alpha``.

    One sentence per significant segment (q < alpha), or one sentence per segment column
    saying none differ; plus a caution when segments were flagged ``small_n``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ltr": [10] * 80 + [2] * 20 + [10] * 20 + [2] * 80,
    ...                    "region": ["N"] * 100 + ["S"] * 100})
    >>> for s in describe_segments(nps_summary(df, by="region")):
    ...     print(s)
    region N scores significantly higher than the rest: NPS +60.0, +120.0 points versus the rest (q < 0.001).
    region S scores significantly lower than the rest: NPS -60.0, -120.0 points versus the rest (q < 0.001).
    """
    t = _lang(language)
    out = []
    segs = summary.loc[summary["segment_column"] != OVERALL]
    for col, part in segs.groupby("segment_column", sort=False):
        sig = part.loc[part["q_value"] < alpha]
        if sig.empty:
            out.append(t["none"].format(col=col, alpha=fmt_p(alpha, language)))
            continue
        for r in sig.itertuples():
            key = "above" if r.diff_vs_rest > 0 else "below"
            out.append(
                t[key].format(col=col, seg=r.segment, nps=fmt_points(r.nps, language),
                              diff=fmt_points(r.diff_vs_rest, language), q=fmt_p(r.q_value, language, "q"))
            )  # fmt: skip
    k = int(segs["small_n"].sum())
    if k:
        out.append(t["small"].format(k=k, min_n=summary.attrs.get("min_n", 30)))
    return out
