"""Confirmatory factor analysis and structural equation models by maximum likelihood.

:func:`cfa` and :func:`sem` fit a model given as a :class:`~nps_research.cx.scales.Scale` (first- or second-order)
or as lavaan-style syntax (see :mod:`nps_research.cx.model`), with lavaan's defaults: ML with the sample
covariance divided by N, marker-variable identification, expected-information standard errors, listwise deletion
of incomplete rows. Fit indices follow lavaan's definitions (``fitMeasures``): the chi-square is ``N * F_ML``, CFI
and TLI against the independence model, RMSEA with its 90% confidence interval from the non-central chi-square
(multiplied by sqrt(G) for G groups), SRMR as Bentler's standardised root mean square residual (lavaan's ``srmr``;
with a mean structure the standardised mean residuals count too; across groups the N-weighted mean), AIC and BIC
from the full log-likelihood. The numbers agree with lavaan 0.6 to at least three decimals (see
``tests/cx/test_cfa.py`` and ``tests/r/``).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize, stats

from ..errors import DataProblem, SmallSampleWarning, StudyDataError
from ..inputs import labels_of
from ..results import Result
from ..tables import report_table
from ..text import Int, Interval, Level, Num, P, Pct, Sig, Value, Word, Words, t
from .ml import ConvergenceError, GroupData, IdentificationError, MLFit, fit_ml
from .model import ModelSpec, build_groups, parse_model
from .scales import ItemLabel, Scale, latent_label

__all__ = [
    "FIT_THRESHOLDS",
    "CFAResult",
    "ConvergenceError",
    "HeywoodWarning",
    "NotPositiveDefiniteWarning",
    "IdentificationError",
    "cfa",
    "fit_ok",
    "fit_sentences",
    "sem",
]

class HeywoodWarning(UserWarning):
    """A variance estimate is negative or a standardised loading exceeds 1 (a Heywood case)."""


class NotPositiveDefiniteWarning(UserWarning):
    """The estimated covariance matrix of the latent variables is not positive definite (as lavaan warns): some
    factors are not distinguishable (correlations near or above 1), and validity checks built on those
    correlations are unreliable."""


#: Conventional cut-offs (Hu & Bentler 1999): (direction, threshold).
FIT_THRESHOLDS = {"cfi": (">=", 0.95), "tli": (">=", 0.95), "rmsea": ("<=", 0.06), "srmr": ("<=", 0.08)}
#: How the fit indices are written (the same in every language).
FIT_NAMES = {"cfi": "CFI", "tli": "TLI", "rmsea": "RMSEA", "srmr": "SRMR"}
#: Standardised loadings below this are named as weak in the sentences.
WEAK_LOADING = 0.5


def fit_ok(fit: pd.Series, index: str) -> bool:
    """Whether fit index ``index`` (``cfi``, ``tli``, ``rmsea``, ``srmr``) meets its threshold in
    :data:`FIT_THRESHOLDS` (a missing value does not).

    Examples
    --------
    >>> fit_ok(pd.Series({"cfi": 0.96, "rmsea": 0.07}), "cfi"), fit_ok(pd.Series({"rmsea": 0.07}), "rmsea")
    (True, False)
    """
    op, thr = FIT_THRESHOLDS[index]
    v = float(fit[index])
    return bool(v >= thr if op == ">=" else v <= thr)


def fit_sentences(fit: pd.Series, language: str = "en") -> list[str]:
    """The chi-square test, one sentence per fit index against its cut-off (Hu & Bentler 1999) and the verdict.

    Examples
    --------
    >>> fit = pd.Series({"chisq": 30.1, "df": 24, "pvalue": 0.18, "cfi": 0.97, "tli": 0.93,
    ...                  "rmsea": 0.05, "rmsea_ci_lower": 0.0, "rmsea_ci_upper": 0.08, "srmr": 0.04})
    >>> fit_sentences(fit)[1]
    'CFI = 0.970 meets the 0.95 threshold (≥ 0.95).'
    >>> fit_sentences(fit, "nl")[2]
    'TLI = 0,930 voldoet niet aan de drempel van 0,95 (≥ 0,95).'
    >>> fit_sentences(fit, "nl")[3]
    'RMSEA = 0,050 (90%-BI 0,000 tot 0,080) voldoet aan de drempel van 0,06 (≤ 0,06).'
    >>> fit_sentences(fit, "en")[-1]
    '3 of the four fit indices meet their thresholds (not met: TLI): the fit is mixed.'
    """
    significant = bool(fit["pvalue"] < 0.05)
    out = [t("cx.fit.chisq_sig" if significant else "cx.fit.chisq_ns", language, chisq=Num(fit["chisq"], 2),
             df=Int(fit["df"]), p=P(fit["pvalue"], "p"))]
    for k, (op, thr) in FIT_THRESHOLDS.items():
        verdict = Word("cx.meets" if fit_ok(fit, k) else "cx.fails")
        if k == "rmsea":
            out.append(t("cx.fit.rmsea", language, value=Num(fit[k], 3), level=Level(0.90), verdict=verdict,
                         ci=Interval(fit["rmsea_ci_lower"], fit["rmsea_ci_upper"], 3, sign=False),
                         threshold=Sig(thr, 6)))
        else:
            out.append(t("cx.fit.at_least" if op == ">=" else "cx.fit.at_most", language, name=FIT_NAMES[k],
                         value=Num(fit[k], 3), verdict=verdict, threshold=Sig(thr, 6)))
    failing = [FIT_NAMES[k] for k in FIT_THRESHOLDS if not fit_ok(fit, k)]
    if not failing:
        out.append(t("cx.fit.good", language))
    elif len(failing) == len(FIT_THRESHOLDS):
        out.append(t("cx.fit.poor", language))
    else:
        out.append(t("cx.fit.mixed", language, count=len(FIT_THRESHOLDS) - len(failing), failing=Words(failing)))
    return out


# --------------------------------------------------------------------------------------------- data handling
def _as_spec(model, data_columns) -> tuple[ModelSpec, list[Scale]]:
    parts = model if isinstance(model, list | tuple) else [model]
    syntax, scales = [], []
    for part in parts:
        if isinstance(part, Scale):
            scales.append(part)
            syntax.append(part.to_syntax())
        elif isinstance(part, str):
            if part.upper() in ("EXQ", "SERVQUAL", "ESQUAL") and "=~" not in part:
                from .scales import get_scale

                sc = get_scale(part)
                scales.append(sc)
                syntax.append(sc.to_syntax())
            else:
                syntax.append(part)
        elif isinstance(part, dict):
            sc = Scale.from_dict(part)
            scales.append(sc)
            syntax.append(sc.to_syntax())
        else:
            raise TypeError(f"model must be a Scale, lavaan-style syntax or a list of those, got {type(part)}")
    return parse_model("\n".join(syntax)), scales


def _prepare(data: pd.DataFrame, spec: ModelSpec, scales: list[Scale], group: str | None):
    missing = [v for v in spec.observed if v not in data.columns]
    if missing:
        raise StudyDataError([DataProblem("responses", "column used in the model is missing "
                                          "(or a latent variable has no indicators)", column=c) for c in missing])
    if group is not None and group not in data.columns:
        raise StudyDataError([DataProblem("responses", "group column is missing", column=group)])
    x = data[spec.observed].apply(pd.to_numeric, errors="coerce").astype(float)
    for col in spec.observed:
        bad = data[col].notna() & x[col].isna()
        if bad.any():
            pos = np.flatnonzero(bad.to_numpy())
            raise StudyDataError([DataProblem("responses", "model variables must be numeric", column=col,
                                              rows=tuple(int(p) + 2 for p in pos), n_rows=len(pos))])
    for sc in scales:
        for r in sc.reverse:
            x[r] = sc.low + sc.high - x[r]
    keep = x.notna().all(axis=1)
    if group is not None:
        keep &= data[group].notna()
    n_dropped = int((~keep).sum())
    x = x[keep]
    groups = []
    labels = [None] if group is None else list(pd.unique(data.loc[keep, group]))
    for lab in labels:
        xs = x if lab is None else x[data.loc[keep, group] == lab]
        arr = np.ascontiguousarray(xs.to_numpy(dtype=float))
        n = len(arr)
        if n <= len(spec.observed):
            raise StudyDataError([DataProblem(
                "responses", f"too few complete cases{'' if lab is None else f' in group {lab!r}'}: {n} for "
                f"{len(spec.observed)} observed variables (need more cases than variables, and preferably at "
                "least 5-10 per free parameter)", column=group)])
        centred = arr - arr.mean(axis=0)
        cov = centred.T @ centred / n
        sd = np.sqrt(np.diag(cov))
        const = [v for v, s in zip(spec.observed, sd) if s == 0]
        if const:
            raise StudyDataError([DataProblem("responses", f"variable has the same value in every complete row"
                                              f"{'' if lab is None else f' of group {lab!r}'}", column=c)
                                  for c in const])
        groups.append(GroupData("all" if lab is None else str(lab), n, cov, arr.mean(axis=0)))
    return groups, n_dropped, x


# --------------------------------------------------------------------------------------------- fit measures
def _rmsea_ci(chisq: float, df: int, n: int, n_groups: int, level: float = 0.90) -> tuple[float, float]:
    if df <= 0:
        return (np.nan, np.nan)
    hi_p, lo_p = (1 + level) / 2, (1 - level) / 2

    def ncp_for(prob):
        f = lambda lam: stats.ncx2.cdf(chisq, df, lam) - prob if lam > 0 else stats.chi2.cdf(chisq, df) - prob  # noqa: E731
        if f(0.0) < 0:
            return 0.0
        upper = max(chisq, 1.0)
        while f(upper) > 0:
            upper *= 2
        return optimize.brentq(f, 0.0, upper, xtol=1e-12)

    scale = math.sqrt(n_groups) / math.sqrt(n * df)
    return math.sqrt(ncp_for(hi_p)) * scale, math.sqrt(ncp_for(lo_p)) * scale


def exogenous_observed(rows, observed) -> list[str]:
    """Observed variables that predict (``~``) but are neither regressed on anything nor indicators."""
    regressed = {r.lhs for r in rows if r.op == "~"}
    predictors = {r.rhs for r in rows if r.op == "~"}
    indicators = {r.rhs for r in rows if r.op == "=~"}
    return [v for v in observed if v in predictors and v not in regressed and v not in indicators]


def _fit_measures(fit: MLFit) -> pd.Series:
    G = len(fit.groups)
    N = sum(g.n for g in fit.groups)
    p = fit.n_observed
    chisq, df = fit.chisq, fit.df
    base_chisq = sum(g.n * (np.sum(np.log(np.diag(g.cov))) - np.linalg.slogdet(g.cov)[1]) for g in fit.groups)
    base_df = G * p * (p - 1) // 2
    cfi_den = max(chisq - df, base_chisq - base_df, 0.0)
    cfi = 1.0 - max(chisq - df, 0.0) / cfi_den if cfi_den > 0 else 1.0
    tli = ((base_chisq / base_df) - (chisq / df)) / ((base_chisq / base_df) - 1) if df > 0 else np.nan
    rmsea = math.sqrt(max(chisq / (N * df) - 1.0 / N, 0.0)) * math.sqrt(G) if df > 0 else np.nan
    lo, hi = _rmsea_ci(chisq, df, N, G)
    srmr = 0.0
    loglik = 0.0
    for g, (implied, mu) in zip(fit.groups, fit.implied):
        sd = np.sqrt(np.diag(g.cov))
        r = (g.cov - implied) / np.outer(sd, sd)
        e = list(r[np.tril_indices(p)])
        if fit.meanstructure:
            e += list((g.mean - mu) / sd)
        srmr += g.n / N * math.sqrt(np.mean(np.square(e)))
        loglik += -g.n / 2 * (p * math.log(2 * math.pi) + np.linalg.slogdet(g.cov)[1] + p)
    loglik -= chisq / 2
    # lavaan's default fixed.x = TRUE: the likelihood of the other variables given the exogenous observed
    # predictors, whose (co)variances (and means) are not counted as parameters; the estimates, chi-square and
    # df do not change (the predictors' moments are reproduced exactly either way)
    exo = exogenous_observed(fit.rows, fit.variables[:p])
    npar = fit.npar
    if exo:
        idx = [fit.variables.index(v) for v in exo]
        k = len(idx)
        for g in fit.groups:
            sx = g.cov[np.ix_(idx, idx)]
            loglik -= -g.n / 2 * (k * math.log(2 * math.pi) + np.linalg.slogdet(sx)[1] + k)
        npar -= G * (k * (k + 1) // 2 + (k if fit.meanstructure else 0))
    return pd.Series({
        "n": N, "npar": npar, "chisq": chisq, "df": df,
        "pvalue": stats.chi2.sf(chisq, df) if df > 0 else np.nan,
        "cfi": cfi, "tli": tli, "rmsea": rmsea, "rmsea_ci_lower": lo, "rmsea_ci_upper": hi, "srmr": srmr,
        "aic": -2 * loglik + 2 * npar, "bic": -2 * loglik + npar * math.log(N), "loglik": loglik,
        "baseline_chisq": base_chisq, "baseline_df": base_df,
    })


# --------------------------------------------------------------------------------------------- standardisation
def _std_values(fit: MLFit, theta: np.ndarray) -> np.ndarray:
    eng = fit.engine
    pos = {v: i for i, v in enumerate(fit.variables)}
    cache = {}
    out = np.full(len(fit.rows), np.nan)
    for k, (r, ti) in enumerate(zip(fit.rows, fit.index)):
        g = r.group
        if g not in cache:
            _, S, m, B = eng.matrices(theta, g)
            C = B @ S @ B.T
            cache[g] = (S, np.sqrt(np.clip(np.diag(C), 1e-300, None)), np.diag(C))
        S, sd, var = cache[g]
        val = theta[ti] if ti >= 0 else (r.value or 0.0)
        if r.op == "=~":
            out[k] = val * sd[pos[r.lhs]] / sd[pos[r.rhs]]
        elif r.op == "~":
            out[k] = val * sd[pos[r.rhs]] / sd[pos[r.lhs]]
        elif r.op == "~~":
            a, b = pos[r.lhs], pos[r.rhs]
            if a == b:
                out[k] = val / var[a]
            else:
                den = S[a, a] * S[b, b]
                out[k] = val / math.sqrt(den) if den > 0 else np.nan
        elif r.op == "~1":
            out[k] = val / sd[pos[r.lhs]]
    return out


def _std_se(fit: MLFit) -> np.ndarray:
    q = len(fit.theta)
    J = np.zeros((len(fit.rows), q))
    for j in range(q):
        h = 1e-6 * max(1.0, abs(fit.theta[j]))
        up, dn = fit.theta.copy(), fit.theta.copy()
        up[j] += h
        dn[j] -= h
        J[:, j] = (_std_values(fit, up) - _std_values(fit, dn)) / (2 * h)
    var = np.einsum("ij,jk,ik->i", J, fit.vcov, J)
    return np.sqrt(np.clip(var, 0, None))


# --------------------------------------------------------------------------------------------- results
@dataclass
class CFAResult(Result):
    """A fitted CFA or SEM.

    Attributes
    ----------
    fit : Series
        ``n, npar, chisq, df, pvalue, cfi, tli, rmsea, rmsea_ci_lower, rmsea_ci_upper`` (90% interval),
        ``srmr, aic, bic, loglik, baseline_chisq, baseline_df`` (lavaan's definitions).
    estimates : DataFrame
        Every parameter: ``lhs, op, rhs, group, label, free, est, se, z, p_val, ci_lower, ci_upper, std_all,
        std_se`` (``std_all``: lavaan's completely standardised solution, ``std_se`` its delta-method SE).
    loadings : DataFrame
        The ``=~`` rows: ``factor, item, group, est, se, z, p_val, std_all, std_se``.
    paths : DataFrame
        The regression (``~``) rows, same columns with ``outcome, predictor``.
    factor_correlations : DataFrame
        Model-implied correlations of the latent variables (first group).
    r2 : DataFrame
        R-squared of every endogenous variable (indicators and outcomes) per group.
    validity : ValidityResult or None
        Composite reliability, AVE, Fornell-Larcker and HTMT (single-group models).
    n_dropped : int
        Rows left out because a model variable was missing (listwise deletion).
    n_incomplete : int
        Of those, the rows with at least one model variable answered (rows without any, such as answers of a
        survey that did not ask the items, are not counted here).
    converged : bool
        Whether the estimation converged.
    heywood : list of str
        Parameters that make a Heywood case (negative variance, standardised loading above 1), as the
        warning names them; :meth:`describe` words them in the report language.
    labels : dict
        Role or item -> the client's column name.

    The results contract: :meth:`summary` is the one-row table of fit indices, :meth:`describe` the sentences
    (sample, fit against the cut-offs, loadings, Heywood cases, paths), :meth:`table` the fit table for a
    report; :meth:`loadings_table`, :meth:`paths_table` and :meth:`parameters_table` the other report tables.
    """

    spec: ModelSpec
    raw: MLFit
    fit: pd.Series
    estimates: pd.DataFrame
    scales: list[Scale] = field(default_factory=list)
    group: str | None = None
    group_equal: tuple[str, ...] = ()
    n_dropped: int = 0
    n_incomplete: int = 0
    heywood: list[str] = field(default_factory=list)
    validity: object = None
    _data: pd.DataFrame | None = None
    labels: dict = field(default_factory=dict)

    report_columns = ("n", "chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea_ci_lower", "rmsea_ci_upper", "srmr")

    # ------------------------------------------------------------------ views
    @property
    def groups(self) -> list[str]:
        return [g.name for g in self.raw.groups]

    @property
    def converged(self) -> bool:
        """Whether the ML iterations converged (if not, a RuntimeWarning was issued and the summary says so)."""
        return bool(self.raw.converged)

    @property
    def loadings(self) -> pd.DataFrame:
        e = self.estimates[self.estimates.op == "=~"]
        cols = ["lhs", "rhs", "group", "est", "se", "z", "p_val", "std_all", "std_se"]
        return e[cols].rename(columns={"lhs": "factor", "rhs": "item"}).reset_index(drop=True)

    @property
    def paths(self) -> pd.DataFrame:
        e = self.estimates[self.estimates.op == "~"]
        cols = ["lhs", "rhs", "group", "est", "se", "z", "p_val", "std_all", "std_se"]
        return e[cols].rename(columns={"lhs": "outcome", "rhs": "predictor"}).reset_index(drop=True)

    def _lv_corr(self, g: int = 0) -> pd.DataFrame:
        lv = self.spec.latent
        C = self.raw.all_cov[g]
        idx = [self.raw.variables.index(v) for v in lv]
        sub = C[np.ix_(idx, idx)]
        sd = np.sqrt(np.diag(sub))
        return pd.DataFrame(sub / np.outer(sd, sd), index=lv, columns=lv)

    @property
    def factor_correlations(self) -> pd.DataFrame:
        return self._lv_corr(0)

    def latent_eigenvalue(self, g: int = 0) -> float:
        """Smallest eigenvalue of the latent variables' correlation matrix (negative: not positive definite)."""
        if len(self.spec.latent) < 2:
            return float("nan")
        return float(np.linalg.eigvalsh(self._lv_corr(g).to_numpy()).min())

    @property
    def latent_not_pd(self) -> bool:
        """Whether the latent covariance matrix of any group is not positive definite (lavaan warns then)."""
        return any(self.latent_eigenvalue(g) < -1e-8 for g in range(len(self.raw.groups)))

    def _highest_correlation(self) -> tuple[str, str, float]:
        c = self.factor_correlations
        vals = c.where(~np.eye(len(c), dtype=bool)).abs().stack()
        a, b = vals.idxmax()
        return a, b, float(c.loc[a, b])

    @property
    def r2(self) -> pd.DataFrame:
        """R-squared of every endogenous variable per group (exogenous observed predictors have none)."""
        exo = set(exogenous_observed(self.raw.rows, self.spec.observed))
        endo = [v for v in self.raw.variables if v not in exo and v in self.spec.observed or
                any(r.op == "~" and r.lhs == v for r in self.spec.rows) or
                any(r.op == "=~" and r.rhs == v for r in self.spec.rows)]
        rows = []
        for gd in self.raw.groups:
            e = self.estimates[(self.estimates.group == gd.name) & (self.estimates.op == "~~")
                               & (self.estimates.lhs == self.estimates.rhs)]
            for v in endo:
                std = e.loc[e.lhs == v, "std_all"]
                if len(std):
                    rows.append({"variable": v, "group": gd.name, "r2": 1.0 - float(std.iloc[0])})
        return pd.DataFrame(rows)

    # ------------------------------------------------------------------ scores
    def factor_scores(self, data: pd.DataFrame) -> pd.DataFrame:
        """Regression (Thurstone) factor scores, as lavaan's ``lavPredict(type='lv', method='regression')``.

        Uses the first group's model-implied moments; rows with a missing model variable get missing scores.
        """
        obs = self.spec.observed
        x = data[obs].apply(pd.to_numeric, errors="coerce").astype(float)
        for sc in self.scales:
            for r in sc.reverse:
                x[r] = sc.low + sc.high - x[r]
        C = self.raw.all_cov[0]
        p = len(obs)
        W = C[p:, :p] @ np.linalg.inv(C[:p, :p])
        mu = self.raw.implied[0][1] if self.raw.meanstructure else self.raw.groups[0].mean
        eta_mean = self.raw.all_mean[0][p:] if self.raw.meanstructure else 0.0
        scores = (x.to_numpy() - mu) @ W.T + eta_mean
        return pd.DataFrame(scores, index=data.index, columns=self.spec.latent)

    # ------------------------------------------------------------------ labels
    def label_of(self, name: str) -> Value:
        """A model variable as reports show it: a latent variable by its scale label, an item by its column (the
        client's name) and attribute."""
        if name in self.spec.latent:
            return latent_label(name, self.scales)
        return ItemLabel.of(name, self.scales, self.labels)

    # ------------------------------------------------------------------ contract
    def summary(self) -> pd.DataFrame:
        """The fit indices as a one-row table (full precision; ``n``, ``npar`` and ``df`` as integers)."""
        out = self.fit.to_frame().T.reset_index(drop=True)
        return out.astype({"n": int, "npar": int, "df": int})

    def fit_sentences(self, language: str = "en") -> list[str]:
        """Deprecated: the fit part of :meth:`describe` (see :func:`fit_sentences`)."""
        warnings.warn("CFAResult.fit_sentences is deprecated; use describe", DeprecationWarning, stacklevel=2)
        return fit_sentences(self.fit, language)

    def describe(self, language: str = "en") -> list[str]:
        """Sample, convergence, the fit against the cut-offs, the range of the loadings and weak items, the
        second-order loadings, Heywood cases and (for a SEM) the paths and R-squared, in ``language``.

        Examples
        --------
        >>> from semopy.examples import holzinger39
        >>> res = cfa(holzinger39.get_data(), "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6; "
        ...                                   "speed =~ x7 + x8 + x9")
        >>> for s in res.describe("nl"): print(s)
        Geschat met maximum likelihood (zoals lavaan) op 301 volledige antwoorden.
        Chi-kwadraat = 85,31 bij 24 vrijheidsgraden (p < 0,001): het model wijkt significant af van de data, zoals bij grote steekproeven bijna altijd; de fit-indices zeggen hoeveel.
        CFI = 0,931 voldoet niet aan de drempel van 0,95 (≥ 0,95).
        TLI = 0,896 voldoet niet aan de drempel van 0,95 (≥ 0,95).
        RMSEA = 0,092 (90%-BI 0,071 tot 0,114) voldoet niet aan de drempel van 0,06 (≤ 0,06).
        SRMR = 0,065 voldoet aan de drempel van 0,08 (≤ 0,08).
        1 van de vier fit-indices voldoet aan de drempel (niet: CFI, TLI en RMSEA): de fit is gemengd.
        De gestandaardiseerde ladingen van de items lopen van 0,424 tot 0,855.
        1 item laadt lager dan 0,5 op zijn factor (gestandaardiseerd): x2.
        """
        f = self.fit
        n = int(f["n"])
        if len(self.groups) > 1:
            sizes = Words([t("cx.group_n", language, group=g.name, n=Int(g.n)) for g in self.raw.groups])
            out = [t("cx.cfa.sample_groups", language, n=Int(n), count=len(self.groups), groups=sizes)]
        else:
            out = [t("cx.cfa.sample", language, n=Int(n))]
        if self.n_incomplete:
            out.append(t("cx.cfa.dropped", language, count=int(self.n_incomplete)))
        if not self.converged:
            out.append(t("cx.cfa.not_converged", language, iterations=Int(self.raw.iterations)))
        out += fit_sentences(f, language)
        first = self.estimates[(self.estimates.group == self.groups[0]) & (self.estimates.op == "=~")]
        items = first[first.rhs.isin(self.spec.observed)]
        if len(items):
            out.append(t("cx.cfa.loading_range", language, low=Num(items.std_all.min(), 3),
                         high=Num(items.std_all.max(), 3)))
            weak = items[items.std_all.abs() < WEAK_LOADING]
            if len(weak):
                out.append(t("cx.cfa.weak_items", language, count=len(weak), threshold=Sig(WEAK_LOADING, 6),
                             items=Words([self.label_of(i) for i in weak.rhs])))
        second = first[~first.rhs.isin(self.spec.observed)]
        for factor, rows in second.groupby("lhs", sort=False):
            out.append(t("cx.cfa.second_order", language, factor=self.label_of(factor),
                         low=Num(rows.std_all.min(), 3), high=Num(rows.std_all.max(), 3)))
        out += self._heywood_sentences(language)
        if self.latent_not_pd:
            a_, b_, r_ = self._highest_correlation()
            out.append(t("cx.cfa.not_pd", language, eigen=Num(self.latent_eigenvalue(), 3), a=self.label_of(a_),
                         b=self.label_of(b_), r=Num(r_, 3)))
        if len(self.paths):
            for r in self.paths[self.paths.group == self.groups[0]].itertuples():
                out.append(t("cx.sem.path", language, predictor=self.label_of(r.predictor),
                             outcome=self.label_of(r.outcome), std=Num(r.std_all, 3, sign=True), p=P(r.p_val, "p")))
            r2 = self.r2
            r2 = r2[(r2.group == self.groups[0]) & r2.variable.isin(self.paths.outcome)]
            for r in r2.itertuples():
                out.append(t("cx.sem.r2", language, r2=Pct(100 * r.r2), outcome=self.label_of(r.variable)))
        return out

    def _heywood_sentences(self, language: str) -> list[str]:
        est = self.estimates
        multi = len(self.groups) > 1
        out = []

        def where(group):
            return t("cx.in_group", language, group=group) if multi else ""

        for r in est[(est.op == "~~") & (est.lhs == est.rhs) & (est.est < 0)].itertuples():
            out.append(t("cx.cfa.heywood_variance", language, variable=self.label_of(r.lhs), value=Num(r.est, 3),
                         where=where(r.group)))
        for r in est[(est.op == "=~") & (est.std_all.abs() > 1)].itertuples():
            out.append(t("cx.cfa.heywood_loading", language, item=self.label_of(r.rhs), factor=self.label_of(r.lhs),
                         value=Num(r.std_all, 3), where=where(r.group)))
        return out

    def _labelled(self, frame: pd.DataFrame, columns, language: str) -> pd.DataFrame:
        frame = frame.copy()
        for c in columns:
            frame[c] = [self.label_of(v).format(language) for v in frame[c]]
        return frame

    def loadings_table(self, language: str = "en", **kwargs):
        """The loadings for a report: factor and item by their labels, the estimate with its standard error and
        the standardised loading (per group for a multi-group model)."""
        lo = self.loadings
        frame = self._labelled(lo, ["factor"], language)
        frame["item"] = [self.label_of(i).item if i in self.spec.observed else self.label_of(i).format(language)
                         for i in lo["item"]]
        cols = ["factor", "item", "est", "se", "std_all"]
        if any(sc.item_labels for sc in self.scales):
            frame["item_label"] = [_attribute(i, self.scales, language) for i in lo["item"]]
            cols.insert(2, "item_label")
        if len(self.groups) > 1:
            cols.insert(0, "group")
        kwargs.setdefault("columns", cols)
        kwargs.setdefault("kinds", {"se": "number:3"})
        kwargs.setdefault("caption", t("cx.caption.loadings", language))
        return report_table(frame, language=language, **kwargs)

    def paths_table(self, language: str = "en", **kwargs):
        """The regressions of a SEM for a report: predictor, outcome, estimate, standard error, p-value and the
        standardised effect."""
        frame = self._labelled(self.paths, ["predictor", "outcome"], language)
        cols = ["predictor", "outcome", "est", "se", "p_val", "std_all"]
        if len(self.groups) > 1:
            cols.insert(0, "group")
        kwargs.setdefault("columns", cols)
        kwargs.setdefault("kinds", {"se": "number:3"})
        return report_table(frame, language=language, **kwargs)

    def parameters_table(self, language: str = "en", **kwargs):
        """Every parameter estimate for a report (folded): type, the variables by their labels, estimate,
        standard error, z, p-value, 95% interval and the standardised value."""
        frame = self._labelled(self.estimates, ["lhs", "rhs"], language)
        frame.loc[self.estimates.op == "~1", "rhs"] = ""
        frame["parameter"] = [t(f"cx.op.{op}", language) for op in self.estimates.op]
        cols = ["parameter", "lhs", "rhs", "est", "se", "z", "p_val", "ci_lower", "ci_upper", "std_all"]
        if len(self.groups) > 1:
            cols.insert(0, "group")
        kwargs.setdefault("columns", cols)
        kwargs.setdefault("kinds", {"se": "number:3"})
        kwargs.setdefault("detail", True)
        kwargs.setdefault("caption", t("cx.caption.parameters", language))
        return report_table(frame, language=language, **kwargs)

    def table(self, language: str = "en", **kwargs):
        """The fit indices for a report (one row)."""
        kwargs.setdefault("caption", t("cx.caption.fit", language))
        return super().table(language, **kwargs)

    def findings(self) -> list:
        """The key finding: how well the measurement model fits (CFI, RMSEA, SRMR against their cut-offs)."""
        from ..findings import IMPORTANCE, Finding

        f = self.fit
        failing = [FIT_NAMES[k] for k in FIT_THRESHOLDS if not fit_ok(f, k)]
        key = ("cx.finding.fit_good" if not failing else
               "cx.finding.fit_poor" if len(failing) == len(FIT_THRESHOLDS) else "cx.finding.fit_mixed")
        scale = latent_label(self.scales[0].name, self.scales) if self.scales else latent_label("CX")
        values = {"failing": Words(failing)} if key == "cx.finding.fit_mixed" else {}
        return [Finding.make("cx", "cx.fit", key, numbers={k: float(f[k]) for k in ("cfi", "tli", "rmsea", "srmr")},
                             importance=IMPORTANCE["cx.scale"] + (4 if failing else 0), scale=scale,
                             cfi=Num(f["cfi"], 3), rmsea=Num(f["rmsea"], 3), srmr=Num(f["srmr"], 3), **values)]


def _attribute(item: str, scales, language: str) -> str:
    """The attribute label of an item in the first scale that has one (empty if none)."""
    for sc in scales:
        if item in sc.item_labels:
            return sc.item_label(item, language)
    return ""


def _estimates_table(fit: MLFit) -> pd.DataFrame:
    std = _std_values(fit, fit.theta)
    std_se = _std_se(fit)
    z = fit.values / fit.se
    rows = []
    for k, r in enumerate(fit.rows):
        free = fit.index[k] >= 0
        rows.append({
            "lhs": r.lhs, "op": r.op, "rhs": r.rhs, "group": fit.groups[r.group].name, "label": r.label or "",
            "free": free, "est": fit.values[k], "se": fit.se[k] if free else np.nan,
            "z": z[k] if free else np.nan,
            "p_val": 2 * stats.norm.sf(abs(z[k])) if free else np.nan,
            "ci_lower": fit.values[k] - 1.959963984540054 * fit.se[k] if free else np.nan,
            "ci_upper": fit.values[k] + 1.959963984540054 * fit.se[k] if free else np.nan,
            "std_all": std[k], "std_se": std_se[k] if free or r.op != "~1" else np.nan,
        })
    return pd.DataFrame(rows)


def _heywood(est: pd.DataFrame) -> list[str]:
    out = []
    var = est[(est.op == "~~") & (est.lhs == est.rhs) & (est.est < 0)]
    for r in var.itertuples():
        out.append(f"negative variance {r.lhs} ~~ {r.rhs} = {r.est:.3f} (group {r.group})")
    big = est[(est.op == "=~") & (est.std_all.abs() > 1)]
    for r in big.itertuples():
        out.append(f"standardised loading {r.lhs} =~ {r.rhs} = {r.std_all:.3f} exceeds 1 (group {r.group})")
    return out


def cfa(data: pd.DataFrame, model, *, group: str | None = None, group_equal=(), higher_order: bool | None = None,
        validate: bool = True, max_iter: int = 500) -> CFAResult:
    """Confirmatory factor analysis by maximum likelihood (lavaan's defaults).

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    model : Scale, str, dict or list
        A :class:`Scale` (first-order, or second-order when ``scale.higher_order``; reverse-keyed items are
        recoded), the name of a built-in scale (``"EXQ"``), a scale dict, or lavaan-style syntax; a list
        combines them (e.g. a scale plus structural lines for :func:`sem`).
    group : str, optional
        Column defining groups for a multi-group model (a mean structure is added).
    group_equal : sequence of str
        Parameters held equal across groups: ``"loadings"``, ``"intercepts"``, ``"residuals"``,
        ``"lv.variances"``, ``"lv.covariances"``, ``"regressions"``, ``"means"`` (as lavaan's ``group.equal``).
    higher_order : bool, optional
        Override the scale's second-order setting.
    validate : bool
        Check scale items with :meth:`Scale.validate` first.

    Returns
    -------
    CFAResult

    Raises
    ------
    StudyDataError
        Missing or non-numeric columns, too few complete cases, constant variables.
    IdentificationError
        More parameters than sample moments, or a singular information matrix.
    ConvergenceError
        No admissible start values.

    Warns
    -----
    HeywoodWarning
        Negative variance estimates or standardised loadings above 1.
    SmallSampleWarning
        Fewer than 5 complete cases per free parameter (Bentler & Chou 1987), or fewer than 100 per group.
    RuntimeWarning
        The ML iterations did not converge within ``max_iter`` (``result.converged`` is False).

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> res = cfa(holzinger39.get_data(), "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6; "
    ...                                   "speed =~ x7 + x8 + x9")
    >>> round(float(res.fit["chisq"]), 3), int(res.fit["df"]), round(float(res.fit["cfi"]), 3)
    (85.306, 24, 0.931)
    """
    if isinstance(model, Scale) and higher_order is not None:
        model = Scale(**{**model.__dict__, "higher_order": higher_order})
    spec, scales = _as_spec(model, data.columns)
    if validate:
        for sc in scales:
            sc.validate(data)
    groups, n_dropped, _ = _prepare(data, spec, scales, group)
    group_equal = (group_equal,) if isinstance(group_equal, str) else tuple(group_equal)
    rows = build_groups(spec, len(groups), group_equal)
    meanstructure = len(groups) > 1
    raw = fit_ml(spec, rows, groups, meanstructure, max_iter=max_iter)
    N = sum(g.n for g in groups)
    if N < 5 * raw.npar or min(g.n for g in groups) < 100:
        warnings.warn(f"{N} complete cases for {raw.npar} free parameters"
                      f"{' (smallest group ' + str(min(g.n for g in groups)) + ')' if len(groups) > 1 else ''}: "
                      "estimates and fit indices may be unstable (want at least 5 cases per parameter and "
                      "100 per group)", SmallSampleWarning, stacklevel=2)
    est = _estimates_table(raw)
    answered = data[spec.observed].notna()
    n_incomplete = int((answered.any(axis=1) & ~answered.all(axis=1)).sum())
    res = CFAResult(spec=spec, raw=raw, fit=_fit_measures(raw), estimates=est, scales=scales, group=group,
                    group_equal=group_equal, n_dropped=n_dropped, n_incomplete=n_incomplete, heywood=_heywood(est),
                    labels=labels_of(data))
    if res.latent_not_pd:
        a_, b_, r_ = res._highest_correlation()
        warnings.warn(f"the covariance matrix of the latent variables is not positive definite (smallest "
                      f"eigenvalue of their correlations {res.latent_eigenvalue():.3f}; {a_} and {b_} correlate "
                      f"{r_:.3f}): some factors cannot be told apart, and validity checks that use these "
                      "correlations (Fornell-Larcker) are unreliable", NotPositiveDefiniteWarning, stacklevel=2)
    if res.heywood:
        warnings.warn("Heywood case: " + "; ".join(res.heywood) + ". The model is misspecified or the sample "
                      "too small; consider removing or merging indicators.", HeywoodWarning, stacklevel=2)
    if len(groups) == 1:
        from .validity import validity

        res.validity = validity(res)
    return res


def sem(data: pd.DataFrame, model, *, group: str | None = None, group_equal=(), validate: bool = True,
        max_iter: int = 500) -> CFAResult:
    """Structural equation model: a measurement model plus regressions, by maximum likelihood.

    The same estimator as :func:`cfa`; the model adds ``~`` lines, e.g.
    ``[EXQ, "sat =~ s1 + s2 + s3", "sat ~ pex + out + mot + pom", "loy ~ sat"]``. Exogenous latent variables
    covary, as do the disturbances of outcomes that predict nothing else (lavaan's defaults). Results: ``paths``
    (unstandardised estimates with SE, z, p and the standardised ``std_all`` with its delta-method SE) and ``r2``.

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> res = sem(holzinger39.get_data(), "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6; textual ~ visual")
    >>> p = res.paths.iloc[0]
    >>> p.outcome, p.predictor, round(float(p.std_all), 3)
    ('textual', 'visual', 0.461)
    """
    return cfa(data, model, group=group, group_equal=group_equal, validate=validate, max_iter=max_iter)
