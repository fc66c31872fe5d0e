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

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["VALIDITY_THRESHOLDS", "ValidityResult", "htmt", "validity"]

VALIDITY_THRESHOLDS = {"cr": 0.70, "ave": 0.50, "htmt": 0.85}


@dataclass
class ValidityResult:
    """Validity statistics.

    Attributes
    ----------
    table : DataFrame
        Per factor: ``factor, level`` (first/second order), ``n_indicators, cr, ave, sqrt_ave, max_corr``
        (largest absolute correlation with another factor of the same level) and the checks ``cr_ok``
        (>= 0.70), ``ave_ok`` (>= 0.50), ``fornell_larcker_ok`` (sqrt(AVE) > max_corr).
    fornell_larcker : DataFrame
        sqrt(AVE) on the diagonal, factor correlations off it (first-order factors).
    htmt : DataFrame
        HTMT ratios (Henseler et al. 2015) between first-order factors (lower triangle; NaN elsewhere).
    htmt2 : DataFrame
        HTMT2 (geometric means; Roemer et al. 2021), same layout.
    htmt_ok : DataFrame
        ``htmt < 0.85`` for each pair.
    """

    table: pd.DataFrame
    fornell_larcker: pd.DataFrame
    htmt: pd.DataFrame
    htmt2: pd.DataFrame | None = None

    @property
    def htmt_ok(self) -> pd.DataFrame:
        return self.htmt.lt(VALIDITY_THRESHOLDS["htmt"]).where(self.htmt.notna())

    def summary(self) -> str:
        t = self.table.copy()
        lines = ["Validity (CR >= 0.70, AVE >= 0.50, Fornell-Larcker: sqrt(AVE) > max correlation):"]
        for r in t.itertuples():
            flags = ", ".join(f"{name} {'ok' if ok else 'FAILS'}" for name, ok in
                              (("CR", r.cr_ok), ("AVE", r.ave_ok), ("F-L", r.fornell_larcker_ok)) if ok is not None)
            lines.append(f"  {r.factor:>12s} ({r.level}): CR {r.cr:.3f}, AVE {r.ave:.3f}, sqrt(AVE) "
                         f"{r.sqrt_ave:.3f}, max r {r.max_corr:.3f}  [{flags}]")
        if self.htmt.notna().any().any():
            lines += ["HTMT (threshold 0.85):", self.htmt.round(3).astype(object).fillna("").to_string()]
        return "\n".join(lines)


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
    return ValidityResult(table=pd.DataFrame(rows), fornell_larcker=fl, htmt=htmt(R, blocks),
                          htmt2=htmt(R, blocks, htmt2=True))
