"""Convergent and discriminant validity of a fitted measurement model.

* Composite reliability (Fornell & Larcker 1981; Joereskog's rho):
  ``CR = (sum l)^2 / ((sum l)^2 + sum(1 - l^2))`` with the standardised loadings ``l``; threshold 0.70.
* Average variance extracted: ``AVE = mean(l^2)``; threshold 0.50.
* Fornell-Larcker criterion: sqrt(AVE) of a factor exceeds its (model-implied) correlation with every other factor.
* HTMT (Henseler, Ringle & Sarstedt 2015): mean absolute correlation between the items of two factors divided by
  the geometric mean of the factors' mean absolute within-factor item correlations, from the sample correlations
  of the complete cases; threshold 0.85 (0.90 for conceptually close constructs).

For a second-order factor the first-order factors are its indicators (their standardised loadings on it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..results import Result, ResultFrame
from ..tables import report_table
from ..text import Int, Num, Sig, Word, t
from .scales import latent_label

__all__ = ["VALIDITY_THRESHOLDS", "ValidityResult", "htmt", "validity"]

VALIDITY_THRESHOLDS = {"cr": 0.70, "ave": 0.50, "htmt": 0.85}


@dataclass
class ValidityResult(Result):
    """Validity statistics.

    Attributes
    ----------
    table : DataFrame
        Per factor: ``factor, level`` (first/second order), ``n_indicators, cr, ave, sqrt_ave, max_corr``
        (largest absolute correlation with another factor of the same level) and the checks ``cr_ok``
        (>= 0.70), ``ave_ok`` (>= 0.50), ``fornell_larcker_ok`` (sqrt(AVE) > max_corr). Called with a language
        (``result.table("nl")``) it gives the report table.
    fornell_larcker : DataFrame
        sqrt(AVE) on the diagonal, factor correlations off it (first-order factors).
    htmt : DataFrame
        HTMT ratios (Henseler et al. 2015) between first-order factors (lower triangle; NaN elsewhere).
    htmt2 : DataFrame
        HTMT2 (geometric means; Roemer et al. 2021), same layout.
    htmt_ok : DataFrame
        ``htmt < 0.85`` for each pair.
    scales : list of Scale
        The scales of the model, for the factors' labels.
    """

    table: pd.DataFrame = field()  # field(): not the inherited table() method as a default
    fornell_larcker: pd.DataFrame = field()
    htmt: pd.DataFrame = field()
    htmt2: pd.DataFrame | None = None
    scales: list = field(default_factory=list)
    #: Smallest eigenvalue of the factor correlations when it is negative (the CFA's latent covariance matrix is
    #: not positive definite): the Fornell-Larcker checks rest on correlations that cannot all be right.
    not_pd_eigenvalue: float | None = None

    def __post_init__(self):
        self.table = ResultFrame.of(self.table, self)

    @property
    def htmt_ok(self) -> pd.DataFrame:
        return self.htmt.lt(VALIDITY_THRESHOLDS["htmt"]).where(self.htmt.notna())

    def summary(self) -> pd.DataFrame:
        """The validity table (full precision)."""
        return pd.DataFrame(self.table)

    def describe(self, language: str = "en") -> list[str]:
        """CR and AVE per factor against their thresholds, the Fornell-Larcker criterion and the highest HTMT.

        Examples
        --------
        >>> from semopy.examples import holzinger39
        >>> from nps_research.cx import cfa
        >>> res = cfa(holzinger39.get_data(), "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6")
        >>> res.validity.describe()[0]
        'visual: composite reliability CR = 0.626 (does not meet 0.70), AVE = 0.371 (does not meet 0.50); Fornell-Larcker criterion met (√AVE 0.609 > largest correlation 0.461).'
        >>> res.validity.describe("nl")[-1]
        'HTMT: 0,424 (textual en visual); 0 van 1 paar op of boven de drempel van 0,85.'
        """
        out = []
        for r in self.table.itertuples():
            values = dict(factor=latent_label(r.factor, self.scales), cr=Num(r.cr, 3), ave=Num(r.ave, 3),
                          cr_verdict=Word("cx.meets" if r.cr_ok else "cx.fails"),
                          ave_verdict=Word("cx.meets" if r.ave_ok else "cx.fails"),
                          cr_min=Num(VALIDITY_THRESHOLDS["cr"], 2), ave_min=Num(VALIDITY_THRESHOLDS["ave"], 2))
            if r.fornell_larcker_ok is None or pd.isna(r.fornell_larcker_ok):
                out.append(t("cx.val.factor", language, **values))
            else:
                out.append(t("cx.val.factor_fl_met" if r.fornell_larcker_ok else "cx.val.factor_fl_not", language,
                             sqrt_ave=Num(r.sqrt_ave, 3), r=Num(r.max_corr, 3), **values))
        if self.not_pd_eigenvalue is not None:
            out.append(t("cx.val.not_pd", language, eigen=Num(self.not_pd_eigenvalue, 3)))
        h = self.htmt.stack().dropna()
        if len(h):
            thr = VALIDITY_THRESHOLDS["htmt"]
            worst = h.idxmax()
            out.append(t("cx.val.htmt", language, value=Num(h.max(), 3), a=latent_label(worst[0], self.scales),
                         b=latent_label(worst[1], self.scales), bad=Int(int((h >= thr).sum())), count=len(h),
                         threshold=Sig(thr, 6)))
        return out

    def report_table(self, language: str = "en", **kwargs):
        """The validity table for a report: per factor (by its label) CR, AVE, sqrt(AVE), the largest
        correlation and the three checks."""
        frame = pd.DataFrame(self.table)
        frame["factor"] = [latent_label(f, self.scales).format(language) for f in frame["factor"]]
        frame["factor_order"] = [t("cx.order.first" if lv == "first order" else "cx.order.second", language)
                                 for lv in frame["level"]]
        cols = ["factor", "factor_order", "n_indicators", "cr", "ave", "sqrt_ave", "max_corr", "cr_ok", "ave_ok",
                "fornell_larcker_ok"]
        if (frame["level"] == "first order").all():
            cols.remove("factor_order")
        kwargs.setdefault("columns", cols)
        kwargs.setdefault("caption", t("cx.caption.validity", language))
        return report_table(frame, language=language, **kwargs)

    def htmt_table(self, language: str = "en", **kwargs):
        """The HTMT ratios for a report: the lower triangle, rows and columns headed by the factors' labels."""
        h = self.htmt.iloc[1:, :-1]
        frame = h.rename_axis("factor").reset_index()
        frame["factor"] = [latent_label(f, self.scales).format(language) for f in frame["factor"]]
        kwargs.setdefault("headers", {c: latent_label(c, self.scales).format(language) for c in h.columns})
        kwargs.setdefault("kinds", {c: "number:3" for c in h.columns})
        kwargs.setdefault("caption", t("cx.caption.htmt", language))
        return report_table(frame, language=language, **kwargs)


def htmt(corr: pd.DataFrame, blocks: dict[str, list[str]], htmt2: bool = False) -> pd.DataFrame:
    """Heterotrait-monotrait ratio of correlations from an item correlation matrix.

    ``htmt2=True`` gives Roemer, Schuberth & Henseler's (2021) HTMT2, with geometric instead of arithmetic means
    (semTools' default); the default is Henseler et al.'s (2015) original ratio (semTools ``htmt2 = FALSE``).

    Examples
    --------
    >>> r = pd.DataFrame(np.array([[1, .6, .3, .3], [.6, 1, .3, .3], [.3, .3, 1, .5], [.3, .3, .5, 1]]),
    ...                  index=list("abcd"), columns=list("abcd"))
    >>> round(float(htmt(r, {"f": ["a", "b"], "g": ["c", "d"]}).loc["g", "f"]), 4)
    0.5477
    """
    names = list(blocks)
    out = np.full((len(names), len(names)), np.nan)
    R = np.abs(corr.to_numpy(float))
    pos = {c: i for i, c in enumerate(corr.columns)}
    idx = {b: [pos[i] for i in items] for b, items in blocks.items()}

    def mean(v):
        v = np.asarray(v, float).ravel()
        return float(np.exp(np.mean(np.log(v)))) if htmt2 else float(v.mean())

    def mono(b):
        k = len(idx[b])
        return np.nan if k < 2 else mean(R[np.ix_(idx[b], idx[b])][np.triu_indices(k, 1)])

    monos = {b: mono(b) for b in names}
    for i, a in enumerate(names):
        for j, b in enumerate(names[:i]):
            out[i, j] = mean(R[np.ix_(idx[a], idx[b])]) / np.sqrt(monos[a] * monos[b])
    return pd.DataFrame(out, index=names, columns=names)


def validity(result) -> ValidityResult:
    """CR, AVE, Fornell-Larcker and HTMT of a fitted single-group :class:`~nps_research.cx.cfa.CFAResult`.

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> from nps_research.cx import cfa
    >>> res = cfa(holzinger39.get_data(), "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6")
    >>> res.validity.table[["factor", "cr", "ave"]].round(3)
        factor     cr    ave
    0   visual  0.626  0.371
    1  textual  0.885  0.720
    """
    spec = result.spec
    lo = result.estimates[(result.estimates.op == "=~") & (result.estimates.group == result.groups[0])]
    corr = result.factor_correlations
    first = spec.first_order_factors()
    rows = []
    sqrt_ave = {}
    for f in spec.latent:
        lam = lo.loc[lo.lhs == f, "std_all"].to_numpy()
        s = lam.sum()
        cr = s**2 / (s**2 + np.sum(1 - lam**2))
        ave = float(np.mean(lam**2))
        sqrt_ave[f] = np.sqrt(ave)
        level = "first order" if f in first else "second order"
        peers = [g for g in (first if f in first else [x for x in spec.latent if x not in first]) if g != f]
        max_corr = float(corr.loc[f, peers].abs().max()) if peers else np.nan
        rows.append({"factor": f, "level": level, "n_indicators": len(lam), "cr": cr, "ave": ave,
                     "sqrt_ave": np.sqrt(ave), "max_corr": max_corr,
                     "cr_ok": bool(cr >= VALIDITY_THRESHOLDS["cr"]), "ave_ok": bool(ave >= VALIDITY_THRESHOLDS["ave"]),
                     "fornell_larcker_ok": bool(np.sqrt(ave) > max_corr) if peers else None})
    fl = corr.loc[first, first].copy()
    for f in first:
        fl.loc[f, f] = sqrt_ave[f]
    g = result.raw.groups[0]
    sd = np.sqrt(np.diag(g.cov))
    R = pd.DataFrame(g.cov / np.outer(sd, sd), index=spec.observed, columns=spec.observed)
    blocks = {f: [i for i in spec.indicators(f) if i in spec.observed] for f in first}
    not_pd = result.latent_eigenvalue() if getattr(result, "latent_not_pd", False) else None
    return ValidityResult(table=pd.DataFrame(rows), fornell_larcker=fl, htmt=htmt(R, blocks),
                          htmt2=htmt(R, blocks, htmt2=True), scales=list(getattr(result, "scales", [])),
                          not_pd_eigenvalue=not_pd)
