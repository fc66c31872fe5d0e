"""Measurement invariance across groups: configural, metric (equal loadings), scalar (equal loadings and
intercepts) and optionally strict (also equal residual variances), each a multi-group ML CFA as lavaan's
``cfa(group =, group.equal =)``. Nested models are compared by the chi-square difference test (lavaan's
``lavTestLRT`` for ML) and by the change in CFI; a step is taken to hold when CFI drops by less than 0.01
(Cheung & Rensvold 2002), because the chi-square difference test rejects trivial differences in large samples.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import pandas as pd
from scipy import stats

from ..errors import DataProblem, StudyDataError
from ..inputs import labels_of
from ..results import Result, ResultFrame
from ..tables import report_table
from ..text import Int, Label, Num, P, Word, Words, t
from .cfa import CFAResult, cfa
from .scales import latent_label

__all__ = ["LEVELS", "InvarianceResult", "invariance", "invariance_sentences"]

#: Invariance levels and the parameters they hold equal across groups.
LEVELS = {
    "configural": (),
    "metric": ("loadings",),
    "scalar": ("loadings", "intercepts"),
    "strict": ("loadings", "intercepts", "residuals"),
}
DELTA_CFI = -0.01


def invariance_sentences(table: pd.DataFrame, language: str = "en") -> list[str]:
    """One sentence per invariance step after the first: the chi-square difference test and the change in CFI
    against Cheung & Rensvold's (2002) criterion.

    Examples
    --------
    >>> tab = pd.DataFrame({"model": ["configural", "metric"], "cfi": [0.95, 0.948], "delta_cfi": [None, -0.002],
    ...                     "chisq_diff": [None, 8.2], "df_diff": [None, 6], "p_diff": [None, 0.22],
    ...                     "holds": [None, True]})
    >>> invariance_sentences(tab)[0]
    'Metric invariance holds: chi-square difference = 8.20 on 6 df (p = 0.220), change in CFI = -0.002 (criterion > -0.01).'
    >>> invariance_sentences(tab, "nl")[0]
    'Metrische invariantie houdt stand: chi-kwadraatverschil = 8,20 bij 6 vg (p = 0,220), verandering in CFI = -0,002 (criterium > -0,01).'
    """
    out = []
    for r in table.iloc[1:].itertuples():
        out.append(t("cx.inv.holds" if r.holds else "cx.inv.fails", language, level=Word(f"cx.inv.name.{r.model}"),
                     chisq=Num(r.chisq_diff, 2), df=Int(r.df_diff), p=P(r.p_diff, "p"), dcfi=Num(r.delta_cfi, 3),
                     criterion=Num(DELTA_CFI, 2)))
    return out


@dataclass
class InvarianceResult(Result):
    """Invariance tests.

    Attributes
    ----------
    table : DataFrame
        One row per level: ``model, n, chisq, df, pvalue, cfi, tli, rmsea, srmr, aic, bic`` and against the
        previous level ``chisq_diff, df_diff, p_diff, delta_cfi, delta_rmsea, holds`` (change in CFI > -0.01).
        Called with a language (``result.table("nl")``) it gives the report table.
    fits : dict
        Level -> fitted :class:`~nps_research.cx.cfa.CFAResult`.
    groups : list of str
        Group labels with their sizes in ``group_sizes``.
    group : str or None
        The group column; ``labels`` maps it to the client's column name.
    """

    table: pd.DataFrame = field()  # field(): not the inherited table() method as a default
    fits: dict[str, CFAResult] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    group_sizes: dict[str, int] = field(default_factory=dict)
    group: str | None = None
    labels: dict = field(default_factory=dict)

    report_columns = ("invariance_level", "chisq", "df", "cfi", "rmsea", "srmr", "chisq_diff", "df_diff", "p_diff",
                      "delta_cfi", "holds")

    def __post_init__(self):
        self.table = ResultFrame.of(self.table, self)

    def highest_level(self) -> str:
        """The most restrictive level that holds (all earlier steps holding too)."""
        level = self.table["model"].iloc[0]
        for r in self.table.iloc[1:].itertuples():
            if not r.holds:
                break
            level = r.model
        return level

    def summary(self) -> pd.DataFrame:
        """The invariance table (full precision)."""
        return pd.DataFrame(self.table)

    def describe(self, language: str = "en") -> list[str]:
        """The groups compared, each step's test and what the highest level that holds allows.

        Examples
        --------
        >>> from semopy.examples import holzinger39
        >>> res = invariance(holzinger39.get_data(), "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6; "
        ...                  "speed =~ x7 + x8 + x9", "school")
        >>> for s in res.describe("en"): print(s)
        Groups compared by school: Pasteur (n = 156) and Grant-White (n = 145).
        Metric invariance holds: chi-square difference = 8.19 on 6 df (p = 0.224), change in CFI = -0.002 (criterion > -0.01).
        Scalar invariance does not hold: chi-square difference = 40.06 on 6 df (p < 0.001), change in CFI = -0.038 (criterion > -0.01).
        Metric invariance is the highest level that holds: relations of the scores with other measures can be compared across the groups, their means cannot.
        """
        segment = Label(self.group, self.labels) if self.group else Word("cx.group")
        sizes = Words([t("cx.group_n", language, group=g, n=Int(n)) for g, n in self.group_sizes.items()])
        out = [t("cx.inv.groups", language, segment=segment, groups=sizes)]
        out += invariance_sentences(self.table, language)
        highest = self.highest_level()
        tested = list(self.table["model"])
        if highest == tested[-1] and highest in ("configural", "metric"):
            out.append(t("cx.inv.not_tested", language, level=Word(f"cx.inv.name.{highest}")))
        elif highest in LEVELS:
            out.append(t(f"cx.inv.highest.{highest}", language))
        return out

    def sentences(self, language: str = "en") -> list[str]:
        """Deprecated: use :meth:`describe`."""
        warnings.warn("InvarianceResult.sentences is deprecated; use describe", DeprecationWarning, stacklevel=2)
        return self.describe(language)

    def report_table(self, language: str = "en", **kwargs):
        """The invariance steps for a report: fit of each level and the test against the previous one."""
        frame = pd.DataFrame(self.table)
        frame["invariance_level"] = [t(f"cx.level.{m}", language) for m in frame["model"]]
        kwargs.setdefault("columns", list(self.report_columns))
        kwargs.setdefault("caption", t("cx.caption.invariance", language))
        return report_table(frame, language=language, **kwargs)

    def findings(self) -> list:
        """The key finding: the highest invariance level that holds across the groups."""
        from ..findings import IMPORTANCE, Finding

        highest = self.highest_level()
        comparable = highest in ("scalar", "strict")
        segment = Label(self.group, self.labels) if self.group else Word("cx.group")
        scales = next(iter(self.fits.values())).scales if self.fits else []
        scale = latent_label(scales[0].name, scales) if scales else latent_label("CX")
        return [Finding.make("cx", "cx.invariance", "cx.finding.invariance", scale=scale, numbers={
            "levels_holding": int(self.table["holds"].fillna(True).astype(bool).sum())},
            importance=IMPORTANCE["cx.scale"] - (30 if comparable else 6), segment=segment,
            level=Word(f"cx.inv.adj.{highest}"))]


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
                            group_sizes={g.name: g.n for g in first.raw.groups}, group=group, labels=labels_of(data))
