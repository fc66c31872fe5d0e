"""Measurement invariance across groups: configural, metric (equal loadings), scalar (equal loadings and
intercepts) and optionally strict (also equal residual variances), each a multi-group ML CFA as lavaan's
``cfa(group =, group.equal =)``. Nested models are compared by the chi-square difference test (lavaan's
``lavTestLRT`` for ML) and by the change in CFI; a step is taken to hold when CFI drops by less than 0.01
(Cheung & Rensvold 2002), because the chi-square difference test rejects trivial differences in large samples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from scipy import stats

from ..errors import DataProblem, StudyDataError
from .cfa import CFAResult, TextSummary, cfa

__all__ = ["LEVELS", "InvarianceResult", "invariance"]

#: Invariance levels and the parameters they hold equal across groups.
LEVELS = {
    "configural": (),
    "metric": ("loadings",),
    "scalar": ("loadings", "intercepts"),
    "strict": ("loadings", "intercepts", "residuals"),
}
DELTA_CFI = -0.01


@dataclass
class InvarianceResult:
    """Invariance tests.

    Attributes
    ----------
    table : DataFrame
        One row per level: ``model, n, chisq, df, pvalue, cfi, tli, rmsea, srmr, aic, bic`` and against the
        previous level ``chisq_diff, df_diff, p_diff, delta_cfi, delta_rmsea, holds`` (change in CFI > -0.01).
    fits : dict
        Level -> fitted :class:`~nps_research.cx.cfa.CFAResult`.
    groups : list of str
        Group labels with their sizes in ``group_sizes``.
    """

    table: pd.DataFrame
    fits: dict[str, CFAResult] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    group_sizes: dict[str, int] = field(default_factory=dict)

    def highest_level(self) -> str:
        """The most restrictive level that holds (all earlier steps holding too)."""
        level = "configural"
        for r in self.table.iloc[1:].itertuples():
            if not r.holds:
                break
            level = r.model
        return level

    def sentences(self, language: str = "en") -> list[str]:
        from .report import describe_invariance

        return describe_invariance(self.table, language=language)

    def summary(self) -> TextSummary:
        sizes = ", ".join(f"{g} (n = {n})" for g, n in self.group_sizes.items())
        cols = ["chisq", "df", "cfi", "rmsea", "srmr", "chisq_diff", "df_diff", "p_diff", "delta_cfi", "holds"]
        t = self.table.set_index("model")[cols]
        return TextSummary(f"Measurement invariance across {sizes}\n{t.round(4).to_string()}\n"
                           f"Highest level that holds (change in CFI > {DELTA_CFI}): {self.highest_level()}")


def invariance(data: pd.DataFrame, model, group: str, *, levels=("configural", "metric", "scalar"),
               group_map: dict | None = None, validate: bool = True) -> InvarianceResult:
    """Configural, metric and scalar (and optionally strict) invariance of a measurement model across groups.

    Parameters
    ----------
    data : DataFrame
    model : Scale, str or dict
        The measurement model (as for :func:`~nps_research.cx.cfa.cfa`).
    group : str
        Group column (e.g. ``"channel"``).
    levels : sequence of str
        Levels to fit, in order (from :data:`LEVELS`).
    group_map : dict, optional
        Recode group values first, e.g. ``{"app": "online", "web": "online", "shop": "offline"}``; values not in
        the map are left out.

    Raises
    ------
    StudyDataError
        The group column is missing or has fewer than 2 groups (after ``group_map``); see also
        :func:`~nps_research.cx.cfa.cfa`.

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> res = invariance(holzinger39.get_data(), "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6; "
    ...                  "speed =~ x7 + x8 + x9", "school")
    >>> res.table[["model", "df", "chisq_diff", "delta_cfi"]].round(3)
            model  df  chisq_diff  delta_cfi
    0  configural  48         NaN        NaN
    1      metric  54       8.192     -0.002
    2      scalar  60      40.059     -0.038
    >>> res.highest_level()
    'metric'
    """
    bad = [lv for lv in levels if lv not in LEVELS]
    if bad:
        raise ValueError(f"unknown invariance levels {bad}; use {list(LEVELS)}")
    if group not in data.columns:
        raise StudyDataError([DataProblem("responses", "group column is missing", column=group)])
    if group_map is not None:
        data = data.assign(**{group: data[group].map(group_map)})
    present = list(pd.unique(data[group].dropna()))
    if len(present) < 2:
        raise StudyDataError([DataProblem(
            "responses", f"measurement invariance needs at least 2 groups, found {len(present)} "
            f"({', '.join(map(str, present)) or 'none'}{' after group_map' if group_map is not None else ''})",
            column=group)])
    fits = {lv: cfa(data, model, group=group, group_equal=LEVELS[lv], validate=validate) for lv in levels}
    rows, prev = [], None
    for lv, res in fits.items():
        f = res.fit
        row = {"model": lv, **{k: f[k] for k in ("n", "chisq", "df", "pvalue", "cfi", "tli", "rmsea", "srmr",
                                                 "aic", "bic")}}
        if prev is not None:
            d_chi, d_df = f.chisq - prev.chisq, int(f.df - prev.df)
            row.update(chisq_diff=d_chi, df_diff=d_df, p_diff=stats.chi2.sf(d_chi, d_df) if d_df > 0 else float("nan"),
                       delta_cfi=f.cfi - prev.cfi, delta_rmsea=f.rmsea - prev.rmsea,
                       holds=bool(f.cfi - prev.cfi > DELTA_CFI))
        rows.append(row)
        prev = f
    first = next(iter(fits.values()))
    table = pd.DataFrame(rows).astype({"n": int, "df": int})
    return InvarianceResult(table=table, fits=fits, groups=first.groups,
                            group_sizes={g.name: g.n for g in first.raw.groups})
