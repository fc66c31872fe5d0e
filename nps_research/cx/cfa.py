"""Confirmatory factor analysis and structural equation models by maximum likelihood.

:func:`cfa` and :func:`sem` fit a model given as a :class:`~nps_research.cx.scales.Scale` (first- or second-order)
or as lavaan-style syntax (see :mod:`nps_research.cx.model`), with lavaan's defaults: ML with the sample
covariance divided by N, marker-variable identification, expected-information standard errors, listwise deletion
of incomplete rows. Fit indices follow lavaan's definitions (``fitMeasures``): the chi-square is ``N * F_ML``, CFI
and TLI against the independence model, RMSEA with its 90% confidence interval from the non-central chi-square
(multiplied by sqrt(G) for G groups), SRMR as Bentler's standardised root mean square residual (lavaan's ``srmr``;
with a mean structure the standardised mean residuals count too; across groups the N-weighted mean), AIC and BIC
from the full log-likelihood. The numbers agree with lavaan 0.6 to at least three decimals (see
``tests/test_cx_cfa.py`` and ``tests/r/``).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize, stats

from ..errors import DataProblem, SmallSampleWarning, StudyDataError
from .ml import ConvergenceError, GroupData, IdentificationError, MLFit, fit_ml
from .model import ModelSpec, build_groups, parse_model
from .scales import Scale

__all__ = [
    "FIT_THRESHOLDS",
    "CFAResult",
    "ConvergenceError",
    "HeywoodWarning",
    "IdentificationError",
    "TextSummary",
    "cfa",
    "sem",
]

class HeywoodWarning(UserWarning):
    """A variance estimate is negative or a standardised loading exceeds 1 (a Heywood case)."""


#: Conventional cut-offs (Hu & Bentler 1999): (direction, threshold).
FIT_THRESHOLDS = {"cfi": (">=", 0.95), "tli": (">=", 0.95), "rmsea": ("<=", 0.06), "srmr": ("<=", 0.08)}


class TextSummary(str):
    """A string that displays as itself (not quoted) in a notebook."""

    def __repr__(self) -> str:
        return str(self)


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
    for g, (Sig, mu) in zip(fit.groups, fit.implied):
        sd = np.sqrt(np.diag(g.cov))
        r = (g.cov - Sig) / np.outer(sd, sd)
        e = list(r[np.tril_indices(p)])
        if fit.meanstructure:
            e += list((g.mean - mu) / sd)
        srmr += g.n / N * math.sqrt(np.mean(np.square(e)))
        loglik += -g.n / 2 * (p * math.log(2 * math.pi) + np.linalg.slogdet(g.cov)[1] + p)
    loglik -= chisq / 2
    return pd.Series({
        "n": N, "npar": fit.npar, "chisq": chisq, "df": df,
        "pvalue": stats.chi2.sf(chisq, df) if df > 0 else np.nan,
        "cfi": cfi, "tli": tli, "rmsea": rmsea, "rmsea_ci_lower": lo, "rmsea_ci_upper": hi, "srmr": srmr,
        "aic": -2 * loglik + 2 * fit.npar, "bic": -2 * loglik + fit.npar * math.log(N), "loglik": loglik,
        "baseline_chisq": base_chisq, "baseline_df": base_df,
    })


# --------------------------------------------------------------------------------------------- standardisation
def _std_values(fit: MLFit, theta: np.ndarray) -> np.ndarray:
    eng = fit.engine
    pos = {v: i for i, v in enumerate(fit.variables)}
    cache = {}
    out = np.full(len(fit.rows), np.nan)
    for k, (r, t) in enumerate(zip(fit.rows, fit.index)):
        g = r.group
        if g not in cache:
            _, S, m, B = eng.matrices(theta, g)
            C = B @ S @ B.T
            cache[g] = (S, np.sqrt(np.clip(np.diag(C), 1e-300, None)), np.diag(C))
        S, sd, var = cache[g]
        val = theta[t] if t >= 0 else (r.value or 0.0)
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
    for t in range(q):
        h = 1e-6 * max(1.0, abs(fit.theta[t]))
        up, dn = fit.theta.copy(), fit.theta.copy()
        up[t] += h
        dn[t] -= h
        J[:, t] = (_std_values(fit, up) - _std_values(fit, dn)) / (2 * h)
    var = np.einsum("ij,jk,ik->i", J, fit.vcov, J)
    return np.sqrt(np.clip(var, 0, None))


# --------------------------------------------------------------------------------------------- results
@dataclass
class CFAResult:
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
    converged : bool
        Whether the estimation converged.
    heywood : list of str
        Parameters that make a Heywood case (negative variance, standardised loading above 1).
    """

    spec: ModelSpec
    raw: MLFit
    fit: pd.Series
    estimates: pd.DataFrame
    scales: list[Scale] = field(default_factory=list)
    group: str | None = None
    group_equal: tuple[str, ...] = ()
    n_dropped: int = 0
    heywood: list[str] = field(default_factory=list)
    validity: object = None
    _data: pd.DataFrame | None = None

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

    @property
    def r2(self) -> pd.DataFrame:
        endo = [v for v in self.raw.variables if v in self.spec.observed or
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

    # ------------------------------------------------------------------ text
    def fit_sentences(self, language: str = "en") -> list[str]:
        """One sentence per fit index, generated from the numbers (see :func:`describe_fit`)."""
        from .report import describe_fit

        return describe_fit(self.fit, language=language)

    def summary(self) -> TextSummary:
        """Readable report: fit indices with thresholds, loadings, factor correlations, validity."""
        f = self.fit
        lines = [f"{'CFA' if not self.paths.shape[0] else 'SEM'} by maximum likelihood "
                 f"(n = {int(f.n)}{', ' + str(self.n_dropped) + ' incomplete rows dropped' if self.n_dropped else ''}"
                 f"{', groups: ' + ', '.join(self.groups) if len(self.groups) > 1 else ''})", ""]
        if not self.converged:
            lines += [f"WARNING: the estimation did not converge ({self.raw.iterations} iterations); the estimates "
                      "and fit indices below are not reliable.", ""]
        lines.append(f"chi-square = {f.chisq:.3f}, df = {int(f.df)}, p = {f.pvalue:.4g}")
        for k in ("cfi", "tli", "rmsea", "srmr"):
            op, thr = FIT_THRESHOLDS[k]
            ok = f[k] >= thr if op == ">=" else f[k] <= thr
            extra = f"  (90% CI {f.rmsea_ci_lower:.3f}-{f.rmsea_ci_upper:.3f})" if k == "rmsea" else ""
            lines.append(f"{k.upper():6s} = {f[k]:.3f}   {'meets' if ok else 'fails'} {op} {thr}{extra}")
        lines.append(f"AIC = {f.aic:.1f}, BIC = {f.bic:.1f}")
        lines += ["", "Loadings (est, se, std):"]
        lo = self.loadings
        multi = len(self.groups) > 1
        for _, r in lo.iterrows():
            se = "   fixed" if np.isnan(r.se) else f"{r.se:8.3f}"
            lines.append(f"  {r.factor:>12s} =~ {r['item']:<12s}{' [' + r.group + ']' if multi else ''} "
                         f"{r.est:8.3f} {se} {r.std_all:8.3f}")
        if len(self.paths):
            lines += ["", "Regressions (est, se, p, std):"]
            for _, r in self.paths.iterrows():
                lines.append(f"  {r.outcome:>12s} ~ {r.predictor:<12s} {r.est:8.3f} {r.se:8.3f} "
                             f"{r.p_val:8.4f} {r.std_all:8.3f}")
            r2 = self.r2
            r2 = r2[r2.variable.isin(self.paths.outcome)]
            lines += ["", "R-squared: " + ", ".join(f"{r.variable} {r.r2:.3f}" for r in r2.itertuples())]
        if len(self.spec.latent) > 1:
            lines += ["", "Factor correlations (model-implied):",
                      self.factor_correlations.round(3).to_string()]
        if self.heywood:
            lines += ["", "Heywood case: " + "; ".join(self.heywood)]
        if self.validity is not None:
            lines += ["", str(self.validity.summary())]
        return TextSummary("\n".join(lines))


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
    res = CFAResult(spec=spec, raw=raw, fit=_fit_measures(raw), estimates=est, scales=scales, group=group,
                    group_equal=group_equal, n_dropped=n_dropped, heywood=_heywood(est))
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
