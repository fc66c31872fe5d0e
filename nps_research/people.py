"""People as a learning tool: NPS per employee, team, agent or shop, fairly compared; signals of gaming and
selective inviting; how well contact agents predict the customer's score.

NPS per person is a conversation starter, not a target. This module therefore

* shrinks each unit's NPS towards what is typical (empirical Bayes: a Dirichlet-multinomial prior on the
  detractor / passive / promoter shares, fitted across units by marginal likelihood), optionally given the
  unit's case mix (indirect standardisation on touchpoint, channel, product, ...);
* draws a funnel plot (Spiegelhalter 2005, Stat Med 24:1185) around the overall or case-mix expected NPS
  with ``Var(NPS) = [p+ + p- - (p+ - p-)^2] / n`` and an overdispersion allowance, and gives ranking
  *intervals* instead of a league table;
* shows *signals* in the pattern of a unit's scores and in who was invited, each with how unlikely it is by
  chance under the spread seen across units (beta-binomial posterior predictive p-values, Benjamini-Hochberg
  q-values over all rows) and a plain sentence of what was seen -- never that a person cheated;
* measures how well agents predict the customer's score (agreement, weighted kappa, Gwet's AC2, ICC(A,1),
  Bland-Altman, calibration, per-agent bias as a shrunk random effect).

Counts per unit are taken where the data live (:func:`nps_research.engines.count_groups`: pandas, DuckDB on
Parquet/CSV paths, ibis), so :func:`unit_nps` and the count-based :func:`signals` scale to millions of rows.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"unit": ["a"] * 40 + ["b"] * 40 + ["c"] * 40,
...                    "ltr": [10, 9, 8, 3] * 10 + [10, 7, 6, 2] * 10 + [9, 9, 7, 5] * 10})
>>> out = unit_nps(df, unit="unit")
>>> out[["unit", "n", "nps"]]
  unit   n   nps
0    a  40  25.0
1    b  40 -25.0
2    c  40  25.0
>>> bool((out["nps_shrunk"].abs() <= out["nps"].abs()).all())
True
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from .errors import DataProblem, SmallSampleWarning, StudyDataError
from .inputs import DEFAULT_BREAKS, as_frame, category_bounds, labels_of, require_columns, row_numbers
from .results import Result

__all__ = [
    "PERSON_ROLES",
    "AgentAgreement",
    "DirichletPrior",
    "agent_agreement",
    "benjamini_hochberg",
    "describe_signals",
    "describe_units",
    "dirichlet_difference_quantiles",
    "fit_beta_binomial",
    "fit_dirichlet_multinomial",
    "funnel_limits",
    "signals",
    "unit_counts",
    "unit_nps",
]

CATS = ("detractors", "passives", "promoters")


# ------------------------------------------------------------------------------------------------ counts


def unit_counts(data: Any, *, unit: str, ltr: str = "ltr", where: dict[str, Any] | None = None,
                breaks: Sequence[int] = DEFAULT_BREAKS) -> pd.DataFrame:
    """Answers per unit and score: one row per unit with ``n``, ``s0`` ... ``s10`` and the category counts.

    Counted where the data live: pandas for a DataFrame or Study, one ``GROUP BY unit, ltr`` query in DuckDB
    for a path to Parquet or CSV files (the scores are checked on the small result, so no second scan), an
    ibis backend for a table (:func:`nps_research.engines.count_groups`). Rows without a unit or an LTR are
    left out.

    Raises
    ------
    StudyDataError
        When a column is missing or LTR values are not whole numbers 0-10.

    Examples
    --------
    >>> import pandas as pd
    >>> unit_counts(pd.DataFrame({"u": ["a", "a", "b"], "ltr": [10, 6, 9]}), unit="u")[["unit", "n", "s6", "s10",
    ...                                                                               "detractors", "promoters"]]
      unit  n  s6  s10  detractors  promoters
    0    a  2   1    1           1          1
    1    b  1   0    0           0          1
    """
    from .engines import count_groups, engine_of

    route = engine_of(data)
    if route == "duckdb":
        tab = _duckdb_histogram(data, unit, ltr, where)
    else:
        if route == "pandas":
            require_columns(as_frame(data), {"unit": unit, "ltr": ltr}, numeric=["ltr"])
        (tab,) = count_groups(data, ltr=ltr, groupings=[(unit, ltr)], where=where, breaks=breaks)
        tab = tab.assign(_count=tab[[f"n_{c}" for c in CATS]].sum(axis=1))[[unit, ltr, "_count"]]
    tab = tab.loc[tab[unit].notna() & tab[ltr].notna()]
    codes, names = pd.factorize(tab[unit].astype(object), sort=False)
    names = np.asarray(names, dtype=object)
    order = np.argsort(np.array([str(x) for x in names]), kind="stable")  # units sorted by name as text
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    scores = tab[ltr].to_numpy(float).astype(np.int64)
    hist = np.bincount(rank[codes] * 11 + scores, weights=tab["_count"].to_numpy(np.int64),
                       minlength=11 * len(names)).reshape(len(names), 11).astype(np.int64)
    bounds = category_bounds(breaks)
    cats = {cat: hist[:, bounds[cat][0]:bounds[cat][1] + 1].sum(axis=1) for cat in CATS}
    return pd.DataFrame({"unit": pd.Series(names[order], dtype=object), "n": hist.sum(axis=1), **{f"s{k}": hist[:, k] for k in range(11)},
                         **cats})


def _duckdb_histogram(path: Any, unit: str, ltr: str, where: dict[str, Any] | None) -> pd.DataFrame:
    """``unit, ltr, _count`` from one DuckDB ``GROUP BY``; invalid LTR values raise from the result."""
    import duckdb

    from .engines import _q, _resolve_files, _source_sql, _where_sql, duckdb_cursor

    files, kind = _resolve_files(path)
    with duckdb_cursor() as con:
        src = _source_sql(files, kind)
        try:
            tab = con.execute(f"SELECT {_q(unit)}, {_q(ltr)}, count(*) AS _count FROM {src}{_where_sql(where)} "
                              "GROUP BY ALL").df()
        except duckdb.BinderException:  # a column the files lack: name every one
            columns = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()]
            missing = [c for c in (unit, ltr, *(where or {})) if c not in columns]
            if not missing:
                raise
            raise StudyDataError([DataProblem("responses", "column not found in the data", column=c)
                                  for c in missing]) from None
    values = tab[ltr] if pd.api.types.is_integer_dtype(tab[ltr]) else pd.to_numeric(tab[ltr], errors="coerce")
    bad = tab[ltr].notna() & ~(values.between(0, 10) & (values == values.round()))
    if bad.any():
        raise StudyDataError([DataProblem(
            "responses", "values must be whole numbers 0-10", column=ltr, role="ltr",
            n_rows=int(tab.loc[bad, "_count"].sum()), examples=tuple(str(v) for v in tab.loc[bad, ltr].head(5)))])
    tab[ltr] = values
    return tab


# ------------------------------------------------------------------------------------ Dirichlet prior


@dataclass
class DirichletPrior:
    """A Dirichlet prior ``alpha`` on (detractor, passive, promoter) shares, fitted across units.

    ``alpha.sum()`` is the prior's weight in answers: a unit with n answers is pulled towards the prior
    mean by ``alpha.sum() / (alpha.sum() + n)``.
    """

    alpha: np.ndarray
    loglik: float
    n_units: int

    def __eq__(self, other: object) -> bool:
        # elementwise on alpha: the generated == compared arrays and raised, so pandas could not concatenate
        # two tables that carry a prior in their attrs
        if not isinstance(other, DirichletPrior):
            return NotImplemented
        return bool(np.array_equal(self.alpha, other.alpha) and self.loglik == other.loglik
                    and self.n_units == other.n_units)

    @property
    def mean(self) -> np.ndarray:
        return self.alpha / self.alpha.sum()

    @property
    def weight(self) -> float:
        return float(self.alpha.sum())


def _dm_loglik(alpha: np.ndarray, counts: np.ndarray) -> float:
    """Dirichlet-multinomial log marginal likelihood (without the multinomial coefficient)."""
    n = counts.sum(axis=1)
    a0 = alpha.sum()
    return float(np.sum(special.gammaln(a0) - special.gammaln(a0 + n))
                 + np.sum(special.gammaln(alpha[None, :] + counts) - special.gammaln(alpha)[None, :]))


def _trigamma(x: np.ndarray) -> np.ndarray:
    """psi'(x): the asymptotic series from x = 10 on (relative error below 1e-11), scipy below; scipy's
    ``polygamma(1, x)`` goes through the Hurwitz zeta function and costs ten times a digamma."""
    x = np.asarray(x, float)
    out = np.empty_like(x)
    big = x >= 10
    z = 1 / x[big]
    z2 = z * z
    out[big] = z + z2 / 2 + z * z2 * (1 / 6 - z2 * (1 / 30 - z2 * (1 / 42 - z2 / 30)))
    out[~big] = special.polygamma(1, x[~big])
    return out


def fit_dirichlet_multinomial(counts: np.ndarray, *, max_weight: float = 1e6) -> DirichletPrior:
    """Maximum marginal likelihood Dirichlet prior for per-unit category counts (rows: units).

    When units vary no more than sampling error allows, the likelihood keeps rising with the prior's
    weight; it is then capped at ``max_weight`` answers (complete pooling, for practical purposes).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> shares = rng.dirichlet([20, 30, 50], size=400)
    >>> counts = np.array([rng.multinomial(200, p) for p in shares])
    >>> prior = fit_dirichlet_multinomial(counts)
    >>> np.round(prior.mean, 2).tolist(), 60 < prior.weight < 160
    ([0.2, 0.3, 0.5], True)
    """
    counts = np.asarray(counts, float)
    if counts.ndim != 2 or counts.shape[1] < 2 or len(counts) < 2:
        raise ValueError("counts must be a (units, categories) array with at least two units")
    counts = counts[counts.sum(axis=1) > 0]
    pooled = (counts.sum(axis=0) + 0.5) / (counts.sum() + 0.5 * counts.shape[1])
    # moment start for the weight (Mosimann)
    p_hat = counts / counts.sum(axis=1, keepdims=True)
    var_obs = p_hat.var(axis=0).sum()
    n_bar = counts.sum(axis=1).mean()
    var_mult = (pooled * (1 - pooled)).sum() / n_bar
    start_w = 50.0 if var_obs <= var_mult else max(1.0, (pooled * (1 - pooled)).sum() / (var_obs - var_mult) - 1)

    n_u = counts.sum(axis=1)

    def nll(theta: np.ndarray) -> tuple[float, np.ndarray]:
        alpha = np.exp(theta)
        a0 = alpha.sum()
        grad_a = (np.sum(special.digamma(a0) - special.digamma(a0 + n_u))
                  + np.sum(special.digamma(alpha[None, :] + counts), axis=0) - len(counts) * special.digamma(alpha))
        return -_dm_loglik(alpha, counts), -grad_a * alpha

    def newton(theta: np.ndarray) -> tuple[np.ndarray, float]:
        """Newton-Raphson on log(alpha) with the exact Hessian (trigamma) and step halving."""
        f, g = nll(theta)
        for _ in range(100):
            alpha = np.exp(theta)
            a0 = alpha.sum()
            grad_a = -g / alpha
            h_a = (np.sum(_trigamma(a0) - _trigamma(a0 + n_u))
                   + np.diag(np.sum(_trigamma(alpha[None, :] + counts), axis=0)
                             - len(counts) * _trigamma(alpha)))
            hess = -(alpha[:, None] * h_a * alpha[None, :] + np.diag(alpha * grad_a))
            # where the Hessian is not positive definite (far from the optimum, along the weight at high
            # weights) its eigenvalues are shifted up (Levenberg-Marquardt) so the step still descends; a bare
            # Newton step there crawled at step lengths of 1e-4 and stopped short of the optimum
            evals = np.linalg.eigvalsh(hess)
            floor = 1e-8 * max(1.0, abs(evals[-1]))
            if evals[0] < floor:
                hess = hess + (floor - evals[0] + 1e-3 * np.abs(g).max()) * np.eye(len(g))
            try:
                step = np.linalg.solve(hess, -g)
            except np.linalg.LinAlgError:
                step = -g
            if g @ step >= 0:  # not a descent direction: gradient step
                step = -g / max(1.0, np.abs(g).max())
            t = 1.0
            while t > 1e-8:
                cand = np.clip(theta + t * step, -12.0, math.log(max_weight))
                f_new, g_new = nll(cand)
                if f_new <= f + 1e-4 * t * (g @ step):
                    break
                t /= 2
            if t <= 1e-8:
                break
            done = abs(f - f_new) < 1e-10 * (1 + abs(f))
            theta, f, g = cand, f_new, g_new
            if done or np.abs(g).max() < 1e-8:
                break
        return theta, f

    best = None
    for w in (min(start_w, max_weight), 5.0):
        theta, f = newton(np.log(pooled * w))
        if best is None or f < best[1]:
            best = (theta, f)
    alpha = np.exp(best[0])
    if alpha.sum() > max_weight:
        alpha = alpha / alpha.sum() * max_weight
    return DirichletPrior(alpha, -float(nll(np.log(alpha))[0]), len(counts))


def fit_beta_binomial(k: np.ndarray, n: np.ndarray, *, max_weight: float = 1e6) -> tuple[float, float]:
    """Maximum marginal likelihood beta prior ``(a, b)`` for successes ``k`` out of ``n`` across units.

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> p = rng.beta(8, 12, size=300); n = np.full(300, 100); k = rng.binomial(n, p)
    >>> a, b = fit_beta_binomial(k, n)
    >>> round(a / (a + b), 2), 10 < a + b < 40
    (0.4, True)
    """
    k = np.asarray(k, float)
    n = np.asarray(n, float)
    keep = n > 0
    prior = fit_dirichlet_multinomial(np.column_stack([k[keep], n[keep] - k[keep]]), max_weight=max_weight)
    return float(prior.alpha[0]), float(prior.alpha[1])


def dirichlet_difference_quantiles(alpha: np.ndarray, probs: Sequence[float], *, nodes: int = 400,
                                   large_alpha: float = 150.0) -> np.ndarray:
    """Quantiles of ``theta_promoter - theta_detractor`` (times 100: NPS points) under Dirichlet(alpha).

    ``alpha`` is ``(units, 3)`` in the order detractor, passive, promoter. Exact up to quadrature: given the
    passive share ``t ~ Beta(a_p, a_d + a_r)``, the difference is ``(1 - t)(1 - 2B)`` with
    ``B ~ Beta(a_d, a_r)`` independent of ``t``; the CDF is averaged over ``nodes`` quantiles of ``t`` and
    inverted by bisection. When every parameter of a unit is at least ``large_alpha`` (a unit with hundreds of
    answers in each category) the distribution is all but normal and the Cornish-Fisher expansion with the
    exact first three moments is used instead (within 0.01 points; ``tests/people``).

    Examples
    --------
    >>> q = dirichlet_difference_quantiles(np.array([[3.0, 1e-9, 7.0]]), [0.025, 0.975])
    >>> exact = 100 * (1 - 2 * stats.beta.ppf([0.975, 0.025], 3.0, 7.0))
    >>> np.allclose(q[0], exact, atol=0.05)
    True
    """
    alpha = np.atleast_2d(np.asarray(alpha, float))
    large = alpha.min(axis=1) >= large_alpha
    if large.any():
        out = np.empty((len(alpha), len(probs)))
        out[large] = _cornish_fisher(alpha[large], probs)
        if (~large).any():
            out[~large] = dirichlet_difference_quantiles(alpha[~large], probs, nodes=nodes, large_alpha=np.inf)
        return out
    a_d, a_p, a_r = alpha[:, 0], alpha[:, 1], alpha[:, 2]
    u = (np.arange(nodes) + 0.5) / nodes
    t = special.betaincinv(a_p[:, None], (a_d + a_r)[:, None], u[None, :])  # (units, nodes): Beta quantiles
    t = np.nan_to_num(t, nan=0.0)[:, None, :]
    target = np.asarray(probs, float)[None, :]

    def cdf(x: np.ndarray) -> np.ndarray:  # x: (units, probs)
        c = np.clip((1 - x[:, :, None] / np.maximum(1 - t, 1e-300)) / 2, 0.0, 1.0)
        return 1 - special.betainc(a_d[:, None, None], a_r[:, None, None], c).mean(axis=2)

    # all quantiles at once by regula falsi with the Illinois modification, from the bracket [-1, 1] (where
    # the CDF is 0 and 1) narrowed by the CDF at the Cornish-Fisher estimate +- a quarter standard deviation,
    # until no estimate moves by more than 1e-9 (1e-7 points)
    lo, hi = np.full((len(alpha), target.shape[1]), -1.0), np.ones((len(alpha), target.shape[1]))
    f_lo, f_hi = -target + 0 * lo, 1 - target + 0 * hi
    _, sd, _ = _difference_moments(alpha)
    guess = _cornish_fisher(alpha, probs) / 100
    for probe in (guess - sd[:, None] / 4, guess + sd[:, None] / 4):
        probe = np.clip(probe, -1 + 1e-12, 1 - 1e-12)
        f = cdf(probe) - target
        up = (f < 0) & (probe > lo)
        down = (f >= 0) & (probe < hi)
        lo, f_lo = np.where(up, probe, lo), np.where(up, f, f_lo)
        hi, f_hi = np.where(down, probe, hi), np.where(down, f, f_hi)
    side, x = np.zeros(lo.shape), np.full(lo.shape, np.inf)
    for _ in range(200):
        x_old, x = x, np.clip((lo * f_hi - hi * f_lo) / (f_hi - f_lo), lo, hi)
        if np.all(np.abs(x - x_old) < 1e-9):
            break
        f = cdf(x) - target
        left = f < 0
        lo, f_lo = np.where(left, x, lo), np.where(left, f, f_lo)
        hi, f_hi = np.where(left, hi, x), np.where(left, f_hi, f)
        f_hi = np.where(left & (side < 0), f_hi / 2, f_hi)  # the same end moved twice: halve the other's value
        f_lo = np.where(~left & (side > 0), f_lo / 2, f_lo)
        side = np.where(left, -1.0, 1.0)
    return 100 * x


def _difference_moments(alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact mean, standard deviation and skewness of theta_r - theta_d under Dirichlet(alpha), per row."""
    a_d, a_r = alpha[:, 0], alpha[:, 2]
    A = alpha.sum(axis=1)
    r1, r2, r3 = A, A * (A + 1), A * (A + 1) * (A + 2)
    m1 = (a_r - a_d) / r1
    e2 = (a_r * (a_r + 1) - 2 * a_r * a_d + a_d * (a_d + 1)) / r2
    e3 = (a_r * (a_r + 1) * (a_r + 2) - 3 * a_r * (a_r + 1) * a_d + 3 * a_r * a_d * (a_d + 1)
          - a_d * (a_d + 1) * (a_d + 2)) / r3
    sd = np.sqrt(e2 - m1**2)
    return m1, sd, (e3 - 3 * m1 * e2 + 2 * m1**3) / sd**3


def _cornish_fisher(alpha: np.ndarray, probs: Sequence[float]) -> np.ndarray:
    """Quantiles (points) of theta_r - theta_d from its exact mean, variance and skewness under Dirichlet."""
    m1, sd, gamma = _difference_moments(alpha)
    z = stats.norm.ppf(np.asarray(probs, float))[None, :]
    return 100 * (m1[:, None] + sd[:, None] * (z + (z**2 - 1) * gamma[:, None] / 6))


# ---------------------------------------------------------------------------------------------- funnel


def _nps_var(p_plus: np.ndarray, p_minus: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Variance of an NPS (points^2) from n answers with shares p+ and p-."""
    return 1e4 * (p_plus + p_minus - (p_plus - p_minus) ** 2) / n


def funnel_limits(n: np.ndarray, *, p_plus: float | np.ndarray, p_minus: float | np.ndarray,
                  levels: Sequence[float] = (0.95, 0.998), phi: float = 1.0, tau2: float = 0.0) -> dict:
    """Funnel-plot limits (NPS points) around the target NPS ``100 (p+ - p-)`` for ``n`` answers.

    ``phi`` inflates the variance multiplicatively, ``tau2`` (points^2) adds between-unit variance
    (Spiegelhalter 2005); use one of them.

    Examples
    --------
    >>> lim = funnel_limits(np.array([100]), p_plus=0.3, p_minus=0.2)
    >>> sd = 100 * math.sqrt((0.3 + 0.2 - 0.1 ** 2) / 100)
    >>> bool(np.isclose(lim[0.95][1][0], 10 + 1.959964 * sd))
    True
    """
    n = np.asarray(n, float)
    target = 100 * (np.asarray(p_plus) - np.asarray(p_minus))
    sd = np.sqrt(phi * _nps_var(np.asarray(p_plus), np.asarray(p_minus), n) + tau2)
    out = {}
    for level in levels:
        z = stats.norm.ppf(0.5 + level / 2)
        out[level] = (target - z * sd, target + z * sd)
    return out


def _overdispersion(y: np.ndarray, target: np.ndarray, var: np.ndarray, method: str | None) -> tuple[float, float]:
    """(phi, tau2) from Winsorised z-scores (10 % each side), as Spiegelhalter (2005) recommends."""
    if method is None or len(y) < 3:
        return 1.0, 0.0
    z = (y - target) / np.sqrt(var)
    lo, hi = np.quantile(z, [0.1, 0.9])
    zw = np.clip(z, lo, hi)
    k = len(z)
    phi = float(np.mean(zw**2))
    if method == "multiplicative":
        return max(phi, 1.0), 0.0
    if method != "additive":
        raise ValueError(f"overdispersion must be 'additive', 'multiplicative' or None, got {method!r}")
    w = 1 / var
    tau2 = (k * phi - (k - 1)) / (w.sum() - (w**2).sum() / w.sum())
    return 1.0, float(max(tau2, 0.0))


# -------------------------------------------------------------------------------------------- unit NPS


def _case_mix(df: pd.DataFrame, unit: str, ltr: str, adjust_for: Sequence[str],
              breaks: Sequence[int]) -> pd.DataFrame:
    """Expected category shares per unit given its mix of ``adjust_for`` (indirect standardisation)."""
    bounds = category_bounds(breaks)
    d = df.loc[df[unit].notna() & df[ltr].notna(), [unit, ltr, *adjust_for]].copy()
    for col in adjust_for:
        d[col] = d[col].astype(object).where(d[col].notna(), "(missing)")
    for cat in CATS:
        lo, hi = bounds[cat]
        d[cat] = d[ltr].between(lo, hi).astype(float)
    strata = d.groupby(list(adjust_for), sort=False)[list(CATS)].transform("mean")
    expected = strata.groupby(d[unit]).mean()
    expected.index = expected.index.astype(object)
    return expected


def unit_nps(
    data: Any,
    *,
    unit: str,
    ltr: str = "ltr",
    min_n: int = 30,
    adjust_for: Sequence[str] | str | None = None,
    confidence: float = 0.95,
    overdispersion: str | None = "additive",
    where: dict[str, Any] | None = None,
    breaks: Sequence[int] = DEFAULT_BREAKS,
    rank_draws: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """NPS per unit (employee, team, agent, shop: any column) as a learning tool.

    Parameters
    ----------
    data : DataFrame, Study, path or ibis table
        Responses (a path or table is counted in DuckDB / its backend; ``adjust_for`` needs a DataFrame).
    unit : str
        The unit column.
    ltr : str
        The 0-10 likelihood-to-recommend column.
    min_n : int
        Units with fewer answers are not shown individually (``shown`` is False; they still inform the
        prior and the overall NPS) and get no rank.
    adjust_for : list of str, optional
        Case-mix columns (touchpoint, channel, product ...): each unit's expected shares are the pooled
        shares of its strata (indirect standardisation); the prior, the funnel target and ``nps_adjusted``
        use them.
    confidence : float
        Level of the credible and rank intervals.
    overdispersion : {"additive", "multiplicative", None}
        How the funnel limits allow for real between-unit variation (Spiegelhalter 2005): additive
        ``tau^2`` (default) or multiplicative ``phi``, estimated from Winsorised z-scores.
    where : dict, optional
        Row filter ``{column: value or list}``.
    breaks : (int, int)
        NPS category cut-offs.
    rank_draws, seed : int
        Posterior draws for the rank intervals and their seed (the same inputs give the same ranks).

    Returns
    -------
    DataFrame
        One row per unit: ``unit, n, detractors, passives, promoters, nps`` (raw), ``nps_shrunk`` (posterior
        mean) with ``ci_low, ci_high`` (equal-tailed credible interval), ``expected_nps`` (overall or
        case-mix expected), ``nps_adjusted`` (``overall + shrunk - expected``; equal to ``nps_shrunk``
        without ``adjust_for``), ``funnel_low_95, funnel_high_95, funnel_low_998, funnel_high_998``,
        ``outside_95, outside_998``, ``z`` (standardised distance from the target, overdispersion included),
        ``rank_low, rank_high`` (1 = highest shrunk NPS; among shown units) and ``shown``. ``attrs`` holds the
        prior, ``phi``, ``tau2``, the overall NPS and the settings.

    Raises
    ------
    StudyDataError
        When a column is missing or the LTR is not numeric.
    ValueError
        With fewer than two units.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    if isinstance(adjust_for, str):
        adjust_for = [adjust_for]
    adjust_for = list(adjust_for or [])
    counts = unit_counts(data, unit=unit, ltr=ltr, where=where, breaks=breaks)
    if len(counts) < 2:
        raise ValueError(f"unit_nps needs at least two units in column {unit!r}, found {len(counts)}")
    C = counts[list(CATS)].to_numpy(float)
    n = C.sum(axis=1)
    pooled = C.sum(axis=0) / C.sum()
    overall = 100 * (pooled[2] - pooled[0])

    if adjust_for:
        df = as_frame(data)
        if where:
            from .engines import _where_mask_pandas

            mask = _where_mask_pandas(df, where)
            df = df.loc[mask] if mask is not None else df
        require_columns(df, {c: c for c in adjust_for})
        expected = _case_mix(df, unit, ltr, adjust_for, breaks).reindex(counts["unit"]).to_numpy(float)
        prior = _fit_weight_only(C, expected)
        alpha_u = prior.weight * expected
    else:
        prior = fit_dirichlet_multinomial(C)
        expected = np.tile(pooled, (len(C), 1))
        alpha_u = np.tile(prior.alpha, (len(C), 1))
    post = alpha_u + C
    shrunk = 100 * (post[:, 2] - post[:, 0]) / post.sum(axis=1)
    level = (1 - confidence) / 2
    ci = dirichlet_difference_quantiles(post, [level, 1 - level])

    raw = 100 * (C[:, 2] - C[:, 0]) / n
    target = 100 * (expected[:, 2] - expected[:, 0])
    var = _nps_var(expected[:, 2], expected[:, 0], n)
    shown = n >= min_n
    phi, tau2 = _overdispersion(raw[shown], target[shown], var[shown], overdispersion)
    lim = funnel_limits(n, p_plus=expected[:, 2], p_minus=expected[:, 0], phi=phi, tau2=tau2)
    z = (raw - target) / np.sqrt(phi * var + tau2)

    ranks = np.zeros((len(counts), 2), dtype=np.int64)
    ranks[shown] = _rank_intervals(post[shown], confidence, rank_draws, seed)
    out = pd.DataFrame({
        **{c: counts[c] for c in ("unit", "n", *CATS)}, "nps": raw, "nps_shrunk": shrunk,
        "ci_low": ci[:, 0], "ci_high": ci[:, 1], "expected_nps": target,
        "nps_adjusted": overall + shrunk - target if adjust_for else shrunk,
        "funnel_low_95": lim[0.95][0], "funnel_high_95": lim[0.95][1],
        "funnel_low_998": lim[0.998][0], "funnel_high_998": lim[0.998][1],
        "outside_95": (raw < lim[0.95][0]) | (raw > lim[0.95][1]),
        "outside_998": (raw < lim[0.998][0]) | (raw > lim[0.998][1]), "z": z,
        "rank_low": pd.array(ranks[:, 0], dtype="Int64"), "rank_high": pd.array(ranks[:, 1], dtype="Int64")})
    out.loc[~shown, ["rank_low", "rank_high"]] = pd.NA
    out["shown"] = shown
    if (~shown).any():
        warnings.warn(f"{int((~shown).sum())} unit(s) have fewer than {min_n} answers; they are not shown "
                      f"individually", SmallSampleWarning, stacklevel=2)
    out.attrs.update({"unit": unit, "prior": prior, "phi": phi, "tau2": tau2, "overall_nps": overall,
                      "n_total": int(n.sum()), "min_n": min_n, "confidence": confidence,
                      "adjust_for": adjust_for, "overdispersion": overdispersion, "labels": labels_of(data)})
    return out


def _fit_weight_only(C: np.ndarray, expected: np.ndarray, max_weight: float = 1e6) -> DirichletPrior:
    """Prior ``alpha_u = w * expected_u`` with one weight ``w`` fitted by marginal likelihood."""
    expected = np.clip(expected, 1e-6, None)
    expected = expected / expected.sum(axis=1, keepdims=True)
    n = C.sum(axis=1)

    def nll(log_w: float) -> float:
        a = np.exp(log_w) * expected
        return -float(np.sum(special.gammaln(a.sum(axis=1)) - special.gammaln(a.sum(axis=1) + n))
                      + np.sum(special.gammaln(a + C) - special.gammaln(a)))

    res = optimize.minimize_scalar(nll, bounds=(math.log(0.5), math.log(max_weight)), method="bounded")
    w = float(np.exp(res.x))
    return DirichletPrior(w * expected.mean(axis=0), -float(res.fun), len(C))


#: The rank intervals' posterior draws come in this many fixed blocks (seeded from the one seed and run on
#: :func:`nps_research.engines.compute_threads` threads), so the ranks do not depend on the machine.
_RANK_BLOCKS = 4


def _rank_intervals(post: np.ndarray, confidence: float, draws: int, seed: int) -> np.ndarray:
    """Equal-tailed intervals of each unit's rank (1 = highest NPS) under the posterior."""
    from .engines import thread_map

    k = len(post)
    if k == 0:
        return np.zeros((0, 2), dtype=np.int64)
    # minus each unit's NPS share difference: all but normal when every parameter is large (drawn from its
    # exact mean and variance, in single precision: only the order counts), else from the Dirichlet. The
    # units are drawn in the order of their posterior means, so each draw comes nearly sorted (a quarter
    # faster to sort); ``by_mean`` maps the drawn columns back to the units at the end
    A = post.sum(axis=1)
    by_mean = np.argsort((post[:, 0] - post[:, 2]) / A, kind="stable")
    post = post[by_mean]
    A = A[by_mean]
    small = np.flatnonzero(post.min(axis=1) < 150)
    mean = ((post[:, 2] - post[:, 0]) / A).astype(np.float32)
    sd = np.sqrt((post[:, 2] * (A - post[:, 2]) + post[:, 0] * (A - post[:, 0]) + 2 * post[:, 2] * post[:, 0])
                 / (A**2 * (A + 1))).astype(np.float32)

    def block(job: tuple[np.random.SeedSequence, int]) -> np.ndarray:
        """The (unit, rank) counts of ``size`` draws: minus each draw's NPS, sorted per draw, binned."""
        seq, size = job
        rng = np.random.Generator(np.random.PCG64(seq))
        neg = rng.standard_normal((size, k), dtype=np.float32)
        neg *= -sd
        neg -= mean
        if len(small):
            g = rng.standard_gamma(post[None, small, :], size=(size, len(small), 3))
            neg[:, small] = (g[:, :, 0] - g[:, :, 2]) / g.sum(axis=2)
        order = neg.argsort(axis=1)  # order[d, r]: the (drawn) column at rank r + 1 in draw d
        return np.bincount((order * k + np.arange(k)).ravel(), minlength=k * k)

    sizes = np.diff(np.linspace(0, draws, _RANK_BLOCKS + 1).round().astype(int))
    jobs = [(seq, int(m)) for seq, m in zip(np.random.SeedSequence(seed).spawn(_RANK_BLOCKS), sizes) if m > 0]
    # each unit's rank histogram; the equal-tailed quantiles ("lower" / "higher" order statistics, as
    # np.quantile) are read off its cumulative counts
    hist = np.empty((k, k), dtype=np.int64)
    hist[by_mean] = np.sum(thread_map(block, jobs), axis=0).reshape(k, k)  # rows back to the units
    cum = hist.cumsum(axis=1)
    level = (1 - confidence) / 2
    i_lo, i_hi = math.floor(level * (draws - 1)), math.ceil((1 - level) * (draws - 1))
    return np.column_stack([(cum <= i_lo).sum(axis=1) + 1, (cum <= i_hi).sum(axis=1) + 1])


# --------------------------------------------------------------------------------------------- signals


def benjamini_hochberg(p: Any) -> np.ndarray:
    """Benjamini-Hochberg q-values (NaN stays NaN).

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, float("nan")]).round(3).tolist()
    [0.03, 0.04, 0.04, nan]
    """
    from .segments import benjamini_hochberg as bh

    return bh(p)


#: The signals, the question each answers and the kind (score pattern or selection).
SIGNALS = {
    "passive_gap": "pattern",        # fewer 7-8 among non-detractors than the spread across units allows
    "tens_excess": "pattern",        # more 10s among 9-10 than the spread across units allows
    "ltr_above_drivers": "pattern",  # LTR above what the unit's own attribute / CX scores predict
    "change_after": "pattern",       # a rise after a given date, beyond the others' change
    "no_detractors": "selection",    # so few detractors at this n
    "truncated": "selection",        # no answer below the unit's lowest score, at this n (truncation)
    "scores_shifted": "selection",   # the unit's customers score higher on everything (attributes, CX, csat)
    "invitation_rate": "selection",  # fewer eligible customers invited than the spread across units allows
    "invited_selected": "selection",  # invited differ from eligible on what was known before the survey
}


def _bb_tail(k: np.ndarray, n: np.ndarray, a: float, b: float, lower: bool) -> np.ndarray:
    """Exact beta-binomial tail ``P(K <= k)`` (``lower``) or ``P(K >= k)``, summing the pmf in log space over
    the shorter side, all units at once (scipy's cdf loops over the terms one unit at a time)."""
    k = np.asarray(k, float)
    n = np.asarray(n, float)
    out = np.full(len(k), np.nan)
    ok = ~np.isnan(k) & (n > 0)
    if not ok.any():
        return out
    big = ok & (n > 500)
    if big.any():
        value, smooth = _bb_tail_expansion(k[big], n[big], a, b, lower)
        rows = np.flatnonzero(big)
        out[rows[smooth]] = value[smooth]
        if (~smooth).any():
            out[rows[~smooth]] = _bb_tail_large(k[rows[~smooth]], n[rows[~smooth]], a, b, lower)
        ok = ok & ~big
        if not ok.any():
            return out
    kk, nn = k[ok].astype(np.int64), n[ok].astype(np.int64)
    # lower tail P(K <= k) directly when k is below the middle, else as 1 - P(K >= k + 1); likewise upper
    lo_side = kk <= nn // 2
    if lower:
        start = np.where(lo_side, 0, kk + 1)
        stop = np.where(lo_side, kk, nn)
    else:
        start = np.where(lo_side, 0, kk)
        stop = np.where(lo_side, kk - 1, nn)
    direct = lo_side if lower else ~lo_side
    length = np.maximum(stop - start + 1, 0)
    unit = np.repeat(np.arange(len(kk)), length)
    j = (np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length) + np.repeat(start, length))
    nj = nn[unit]
    logpmf = (special.gammaln(nj + 1) - special.gammaln(j + 1) - special.gammaln(nj - j + 1)
              + special.betaln(j + a, nj - j + b) - special.betaln(a, b))
    mx = np.full(len(kk), -np.inf)
    np.maximum.at(mx, unit, logpmf)
    sums = np.zeros(len(kk))
    np.add.at(sums, unit, np.exp(logpmf - mx[unit]))
    part = np.where(length > 0, np.exp(mx) * sums, 0.0)
    res = np.where(direct, part, 1.0 - part)
    out[ok] = np.clip(res, 0.0, 1.0)
    return out


def _bb_tail_expansion(k: np.ndarray, n: np.ndarray, a: float, b: float,
                       lower: bool) -> tuple[np.ndarray, np.ndarray]:
    """Beta-binomial tail by expansion, and where it holds: ``P(K <= k) = E[F(B)]`` with ``F`` the prior's
    (Beta(a, b)) CDF and ``B ~ Beta(k + 1, n - k)`` (``P(K >= k) = 1 - E[F(B)]``, ``B ~ Beta(k, n - k + 1)``):
    the binomial tail in p is the upper tail of that beta. Taylor to the fourth central moment of ``B``
    around its mean (exact beta moments; the prior's density and its first three derivatives); it holds
    where ``B``'s spread is below a tenth of the scale on which the prior's density changes (then within
    2e-8 of the exact sum, ``tests/people/test_signals.py``); the other rows go to the quadrature."""
    al, be = (k + 1, n - k) if lower else (k, n - k + 1)
    s = al + be
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        mu = al / s
        var = al * be / (s**2 * (s + 1))
        m3 = 2 * (be - al) * np.sqrt(s + 1) / ((s + 2) * np.sqrt(al * be)) * var**1.5
        m4 = (6 * ((al - be) ** 2 * (s + 1) - al * be * (s + 2)) / (al * be * (s + 2) * (s + 3)) + 3) * var**2
        # the log-density's first four derivatives at the mean (f' = f L1, f'' = f (L1^2 + L2), ...)
        L1 = (a - 1) / mu - (b - 1) / (1 - mu)
        L2 = -(a - 1) / mu**2 - (b - 1) / (1 - mu) ** 2
        L3 = 2 * (a - 1) / mu**3 - 2 * (b - 1) / (1 - mu) ** 3
        L4 = -6 * (a - 1) / mu**4 - 6 * (b - 1) / (1 - mu) ** 4
        f = np.exp((a - 1) * np.log(mu) + (b - 1) * np.log1p(-mu) - special.betaln(a, b))
        expected_f = (special.betainc(a, b, mu) + f * L1 / 2 * var + f * (L1**2 + L2) / 6 * m3
                      + f * (L1**3 + 3 * L1 * L2 + L3) / 24 * m4)
        scale = 1 / np.sqrt(L1**2 + np.abs(L2) + np.abs(L3) ** (2 / 3) + np.abs(L4) ** 0.5)
        holds = (al > 0) & (be > 0) & (np.sqrt(var) < 0.1 * scale) & np.isfinite(expected_f)
    value = expected_f if lower else 1 - expected_f
    return np.clip(np.nan_to_num(value), 0.0, 1.0), holds


_GL_X, _GL_W = np.polynomial.legendre.leggauss(28)


def _jacobi(alpha: float, beta: float, points: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Jacobi nodes and log weights for ``(1 - t)^alpha (1 + t)^beta`` on [-1, 1] by Golub-Welsch
    (eigenvalues of the recurrence's tridiagonal matrix; scipy's ``roots_jacobi`` polishes them and costs
    ten times as much). Log weights, as ``2^(alpha + beta + 1)`` overflows for the weight of a tight prior."""
    from scipy import linalg

    k = np.arange(points, dtype=float)
    s = 2 * k + alpha + beta
    with np.errstate(divide="ignore", invalid="ignore"):
        diag = (beta**2 - alpha**2) / (s * (s + 2))
    diag[0] = (beta - alpha) / (alpha + beta + 2)
    m = k[1:]
    sm = s[1:]
    off = np.sqrt(4 * m * (m + alpha) * (m + beta) * (m + alpha + beta) / (sm**2 * (sm + 1) * (sm - 1)))
    nodes, vectors = linalg.eigh_tridiagonal(diag, off)
    log_mu0 = (alpha + beta + 1) * math.log(2) + special.betaln(alpha + 1, beta + 1)
    return nodes, log_mu0 + 2 * np.log(np.abs(vectors[0]))


def _bb_tail_large(k: np.ndarray, n: np.ndarray, a: float, b: float, lower: bool) -> np.ndarray:
    """Beta-binomial tail for large n as the beta mixture of binomial tails: the binomial tail is a step of
    width ~ sqrt(p(1 - p) / n) around k / n, so the beta mass outside +-10 widths (and outside the prior's
    bulk) is added exactly and the window is integrated by Gauss quadrature: 28-point Legendre (four panels
    where the window is wide against the prior's spread); where the beta density is not smooth at 0 (a < 3)
    or 1 (b < 3), a window closer to that end than its width is stretched to it and integrated by 64-point
    Jacobi with the density's own weight ``x^(a-1)`` or ``(1-x)^(b-1)``. Within 1e-7 of the exact sum from
    n = 500 on, whatever a and b (``tests/people/test_signals.py``)."""
    # the window: +-10 widths of the step; near 0 or 1 (k or n - k small) the step is Poisson-like and wider
    # than sqrt(p(1 - p) / n): the variance is floored at 4 / n^2, so the window reaches 20 / n from k / n
    p0 = (k + 0.5) / (n + 1)
    w = 10 * np.sqrt(np.maximum(p0 * (1 - p0), 4 / n) / n) + 2 / n
    lo, hi = np.clip(p0 - w, 0, 1), np.clip(p0 + w, 0, 1)
    # nor wider than the prior's own bulk (its mass outside the 1e-13 and 1 - 1e-13 quantiles is negligible)
    bulk_lo, bulk_hi = special.betaincinv(a, b, [1e-13, 1 - 1e-13])
    lo, hi = np.maximum(lo, bulk_lo), np.minimum(hi, bulk_hi)
    hi = np.maximum(hi, lo)
    at0 = (lo < hi - lo) & (a < 3)
    at1 = (1 - hi < hi - lo) & (b < 3) & ~at0
    lo, hi = np.where(at0, 0.0, lo), np.where(at1, 1.0, hi)
    log_beta = special.betaln(a, b)

    def binomial_tail(rows: np.ndarray, x: np.ndarray) -> np.ndarray:
        """P(Bin(n, x) <= k) (lower) or P(Bin(n, x) >= k) as regularised incomplete beta functions (scipy's
        betainc; its betaincc is slower), computed only where the Chernoff bound leaves the tail between
        1e-11 and 1 - 1e-11 (elsewhere it is 0 or 1 to that precision)."""
        kk, nn = np.broadcast_arrays(k[rows, None], n[rows, None], x)[:2]
        # P(Bin <= j) <= exp(-n KL(j/n || x)) for x > j/n, P(Bin >= j) <= exp(-n KL(j/n || x)) for x < j/n
        lo_j, hi_j = (kk, kk + 1) if lower else (kk - 1, kk)  # the tail is P(Bin <= lo_j) = 1 - P(Bin >= hi_j)
        below = (x > lo_j / nn) & (_binomial_chernoff(lo_j, nn, x) < 1e-11)  # P(Bin <= lo_j) ~ 0
        above = (x < hi_j / nn) & (_binomial_chernoff(hi_j, nn, x) < 1e-11)  # P(Bin >= hi_j) ~ 0
        out = np.where(above, 1.0, 0.0) if lower else np.where(below, 1.0, 0.0)
        todo = ~(below | above) & ((kk < nn) if lower else (kk > 0))
        kt, nt, xt = kk[todo], nn[todo], x[todo]
        if lower:  # I_(1-x)(n - k, k + 1)
            out[todo] = special.betainc(nt - kt, kt + 1, 1 - xt)
            out[kk >= nn] = 1.0
        else:  # I_x(k, n - k + 1)
            out[todo] = special.betainc(kt, nt - kt + 1, xt)
            out[kk <= 0] = 1.0
        return out

    total = np.zeros(len(k))
    # inside (0, 1): one Legendre panel, four where the window is wide against the prior's spread (the
    # beta peak and the binomial step both inside it)
    prior_sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    wide = (hi - lo > 6 * prior_sd) & ~at0 & ~at1
    for rows, panels in ((~at0 & ~at1 & ~wide, 1), (wide, 4)):
        if not rows.any():
            continue
        edges = lo[rows, None] + (hi[rows] - lo[rows])[:, None] * np.linspace(0, 1, panels + 1)[None, :]
        half = (edges[:, 1:] - edges[:, :-1])[:, :, None] / 2  # (rows, panels, 1)
        x = (edges[:, :-1, None] + half * (_GL_X[None, None, :] + 1)).reshape(len(edges), -1)
        weight = (half * _GL_W[None, None, :]).reshape(len(edges), -1)
        dens = np.exp((a - 1) * np.log(x) + (b - 1) * np.log1p(-x) - log_beta)
        total[rows] = (binomial_tail(rows, x) * weight * dens).sum(axis=1)
    if at0.any():  # x = hi (1 + t) / 2: int_0^hi g x^(a-1) (1-x)^(b-1) / B dx = (hi/2)^a / B int (1+t)^(a-1) ...
        t, log_wt = _jacobi(0.0, a - 1)
        x = hi[at0, None] * (t[None, :] + 1) / 2
        weight = np.exp(log_wt[None, :] + a * np.log(hi[at0, None] / 2) + (b - 1) * np.log1p(-x) - log_beta)
        total[at0] = (binomial_tail(at0, x) * weight).sum(axis=1)
    if at1.any():  # x = lo + (1 - lo) (1 + t) / 2, 1 - x = (1 - lo) (1 - t) / 2
        t, log_wt = _jacobi(b - 1, 0.0)
        x = lo[at1, None] + (1 - lo[at1, None]) * (t[None, :] + 1) / 2
        weight = np.exp(log_wt[None, :] + b * np.log((1 - lo[at1, None]) / 2) + (a - 1) * np.log(x) - log_beta)
        total[at1] = (binomial_tail(at1, x) * weight).sum(axis=1)
    # the beta mass outside the window: below it for the lower tail, above it for the upper tail
    outside = special.betainc(a, b, lo) if lower else special.betainc(b, a, 1 - hi)
    return np.clip(outside + total, 0.0, 1.0)


def _binomial_chernoff(j: np.ndarray, n: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``exp(-n KL(j/n || x))``: the Chernoff bound on the binomial tail beyond j (``P(Bin(n, x) <= j)`` for
    x above j/n, ``P(Bin(n, x) >= j)`` for x below); 1 where j is outside 0..n."""
    q = np.clip(j / n, 0.0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        kl = special.xlogy(q, q / x) + special.xlogy(1 - q, (1 - q) / (1 - x))
    return np.where((j < 0) | (j > n), 1.0, np.exp(-n * np.nan_to_num(kl, nan=0.0, posinf=np.inf)))


def _bb_lower(k: np.ndarray, n: np.ndarray, a: float, b: float) -> np.ndarray:
    return _bb_tail(k, n, a, b, lower=True)


def _bb_upper(k: np.ndarray, n: np.ndarray, a: float, b: float) -> np.ndarray:
    return _bb_tail(k, n, a, b, lower=False)


def _normal_eb(mean: np.ndarray, se2: np.ndarray) -> tuple[float, float]:
    """Grand mean and between-unit variance (DerSimonian-Laird) of unit means with sampling variances."""
    w = 1 / se2
    mu = float(np.sum(w * mean) / np.sum(w))
    q = float(np.sum(w * (mean - mu) ** 2))
    k = len(mean)
    tau2 = max(0.0, (q - (k - 1)) / (w.sum() - (w**2).sum() / w.sum())) if k > 1 else 0.0
    w2 = 1 / (se2 + tau2)
    return float(np.sum(w2 * mean) / np.sum(w2)), tau2


def _unit_means_signal(values: pd.Series, units: pd.Series, alternative: str = "greater"):
    """Per-unit mean of ``values`` against the spread of unit means (normal EB predictive)."""
    d = pd.DataFrame({"u": units.astype(object), "v": values.astype(float)}).dropna()
    g = d.groupby("u", sort=False)["v"]
    m, cnt = g.mean(), g.count()
    sd = float(d["v"].std(ddof=1)) if len(d) > 1 else float("nan")
    ok = cnt >= 2
    m, cnt = m[ok], cnt[ok]
    se2 = (sd**2) / cnt.to_numpy(float)
    mu, tau2 = _normal_eb(m.to_numpy(float), se2)
    z = (m.to_numpy(float) - mu) / np.sqrt(se2 + tau2)
    p = stats.norm.sf(z) if alternative == "greater" else stats.norm.cdf(z)
    shrunk = mu + tau2 / (tau2 + se2) * (m.to_numpy(float) - mu)
    return pd.DataFrame({"unit": m.index.astype(object), "n_signal": cnt.to_numpy(np.int64),
                         "statistic": m.to_numpy(float) - mu, "shrunk": shrunk - mu, "p_value": p})


def signals(
    data: Any,
    *,
    unit: str,
    ltr: str = "ltr",
    invitations: pd.DataFrame | None = None,
    drivers: Sequence[str] | None = None,
    since: Any = None,
    date: str = "date",
    known: Sequence[str] | None = None,
    min_n: int = 30,
    fdr: float = 0.05,
    where: dict[str, Any] | None = None,
    breaks: Sequence[int] = DEFAULT_BREAKS,
    language: str = "en",
) -> pd.DataFrame:
    """Signals in the pattern of each unit's scores and in whom it invited, with q-values over all rows.

    Each p-value says how unlikely the unit's figure is *if its customers answered like the units around it*
    (the spread across units is part of the reference: beta-binomial posterior predictive for counts, a
    normal random-effects predictive for means), so a unit that is simply better or worse is not a signal.

    Score pattern (asking for a 9 or 10):

    ``passive_gap``
        few passives (7-8) among the non-detractors (lower tail; passives turned into promoters);
    ``tens_excess``
        many 10s among the 9-10 answers (upper tail);
    ``ltr_above_drivers``
        (with ``drivers``) the mean residual of an OLS of LTR on the drivers fitted on all units is high
        (upper tail): the unit's LTR is above what its customers' own attribute / CX / csat scores predict;
    ``change_after``
        (with ``since``) the unit's NPS rose after ``since`` more than the others' did (upper tail).

    Selection (only inviting satisfied customers):

    ``no_detractors``
        few detractors at the unit's n (lower tail);
    ``truncated``
        no answer below the unit's lowest score at its n: ``P(no answer below m)`` under a Dirichlet-multinomial
        on the 0-10 scores fitted across units (a unit whose lowest score is 0 gets p = 1);
    ``scores_shifted``
        (with ``drivers``) the unit's customers score higher on the drivers (standardised, averaged) than
        customers of the other units (upper tail);
    ``invitation_rate``
        (with ``invitations``: one row per eligible transaction with the unit column and ``invited``) a low
        share of eligible transactions invited (lower tail);
    ``invited_selected``
        (with ``invitations`` and ``known``: numeric columns known before the survey) the standardised
        mean difference of invited against not-invited transactions within the unit (Welch t-test, two-sided).

    Parameters
    ----------
    data : DataFrame, Study, path or ibis table
        Responses; a Study brings its ``invitations`` table when ``invitations`` is not given. The
        count-based signals work on any engine; ``drivers`` and ``since`` need a DataFrame.
    unit, ltr : str
        Unit and LTR columns.
    invitations : DataFrame, optional
        Eligible transactions with the unit column and ``invited`` (0/1).
    drivers : list of str, optional
        Attribute / CX / csat columns for ``ltr_above_drivers`` and ``scores_shifted``.
    since : date, optional
        Start of a change (a bonus scheme, a new target) for ``change_after``; ``date`` is the date column.
    known : list of str, optional
        Columns of ``invitations`` known before the survey, for ``invited_selected``.
    min_n : int
        Units with fewer answers (or eligible transactions) get no signal rows.
    fdr : float
        False discovery rate: ``flagged`` is ``q_value < fdr``.
    language : {"en", "nl"}
        Language of the ``reason`` column.

    Returns
    -------
    DataFrame
        One row per (unit, signal): ``unit, signal, kind, n, statistic, expected, p_value, q_value,
        flagged, reason`` plus the numbers the sentence needs. ``q_value`` is Benjamini-Hochberg over all rows;
        ``reason`` says in plain words what was seen and how unlikely it is (for rows not flagged: that it is
        not unusual).
    """
    counts = unit_counts(data, unit=unit, ltr=ltr, where=where, breaks=breaks)
    H = counts[[f"s{k}" for k in range(11)]].to_numpy(float)
    C = counts[list(CATS)].to_numpy(float)
    top = H[:, category_bounds(breaks)["promoters"][1]]
    # the priors across all units: Dirichlet-multinomials on the categories and on the 0-10 scores, a beta for
    # the 10s among the 9-10s
    prior, prior11 = fit_dirichlet_multinomial(C), fit_dirichlet_multinomial(H)
    r_all = C[:, 2]
    a10, b10 = fit_beta_binomial(top[r_all > 0], r_all[r_all > 0])
    a_d, a_p, a_r = prior.alpha
    # the signals of the units with at least min_n answers
    big = C.sum(axis=1) >= min_n
    H, C, top = H[big], C[big], top[big]
    n = C.sum(axis=1)
    d, p_, r = C[:, 0], C[:, 1], C[:, 2]
    m = p_ + r  # the non-detractors
    # truncation: no answer below the unit's lowest score; the share below it ~ Beta(a_<m, a_>=m) under the
    # 0-10 prior (aggregation property)
    lowest = (H > 0).argmax(axis=1)
    a_below = np.concatenate([[0.0], np.cumsum(prior11.alpha)])[lowest]
    p_truncated = np.where(lowest > 0, stats.betabinom.pmf(0, n.astype(np.int64), np.maximum(a_below, 1e-12),
                                                           prior11.weight - a_below), 1.0)
    p_detractors = _bb_lower(d, n, a_d, a_p + a_r)  # detractor share ~ Beta(a_d, a_p + a_r)
    p_passives = np.where(m > 0, _bb_lower(p_, m, a_p, a_r), np.nan)  # passives among the non-detractors
    p_tens = np.where(r > 0, _bb_upper(top, r, a10, b10), np.nan)  # 10s among the 9-10s
    parts = [
        {"signal": "no_detractors", "statistic": 100 * d / n, "expected": 100 * a_d / prior.weight,
         "p_value": p_detractors, "count": d},
        {"signal": "truncated", "statistic": lowest.astype(float), "expected": 100 * a_below / prior11.weight,
         "p_value": p_truncated, "count": 0.0, "lowest_score": lowest},
        {"signal": "passive_gap", "statistic": np.where(m > 0, 100 * p_ / np.maximum(m, 1), np.nan),
         "expected": 100 * a_p / (a_p + a_r), "p_value": p_passives, "count": p_},
        {"signal": "tens_excess", "statistic": np.where(r > 0, 100 * top / np.maximum(r, 1), np.nan),
         "expected": 100 * a10 / (a10 + b10), "p_value": p_tens, "count": top}]
    units = counts["unit"].to_numpy(object)[big]
    k = len(units)
    column = {"unit": pd.Series(np.tile(units, len(parts)), dtype=object),
              "n": np.tile(n.astype(np.int64), len(parts)),
              "signal": pd.Series(np.repeat([part["signal"] for part in parts], k), dtype="str")}
    for key in ("statistic", "expected", "p_value", "count", "lowest_score"):
        column[key] = np.concatenate([np.broadcast_to(np.asarray(part.get(key, np.nan), float), k)
                                      for part in parts])
    out = pd.DataFrame(column)
    keep_units = set(units)

    extra = []
    if drivers or since is not None:
        df = as_frame(data)
        if where:
            from .engines import _where_mask_pandas

            mask = _where_mask_pandas(df, where)
            df = df.loc[mask] if mask is not None else df
        df = df.loc[df[unit].notna() & df[ltr].notna()]
    if drivers:
        drivers = list(drivers)
        require_columns(df, {c: c for c in drivers}, numeric=True)
        extra += _driver_signals(df, unit, ltr, drivers)
    if since is not None:
        require_columns(df, {"date": date})
        extra.append(_change_signal(df, unit, ltr, date, since, breaks))
    if invitations is None and hasattr(data, "invitations") and not isinstance(data, pd.DataFrame):
        invitations = data.invitations
    if invitations is not None:
        extra += _invitation_signals(invitations, unit, known, min_n)
    if extra:
        extra_df = pd.concat(extra, ignore_index=True)
        extra_df = extra_df.loc[extra_df["unit"].isin(keep_units) | (extra_df["signal"].isin(
            ["invitation_rate", "invited_selected"]))]
        out = pd.concat([out, extra_df], ignore_index=True)
    out["kind"] = pd.Series([SIGNALS[x] for x in out["signal"].to_numpy(object)], dtype="str")
    out["q_value"] = benjamini_hochberg(out["p_value"].to_numpy(float))
    out["flagged"] = out["q_value"] < fdr
    cols = ["unit", "signal", "kind", "n", "statistic", "expected", "p_value", "q_value", "flagged"]
    # rows by q-value (missing last), unit and signal
    order = np.lexsort((out["signal"].to_numpy(str), out["unit"].astype(str).to_numpy(str),
                        out["q_value"].to_numpy(float)))
    out = out[cols + [c for c in out.columns if c not in cols]].take(order).reset_index(drop=True)
    out.attrs.update({"unit": unit, "fdr": fdr, "min_n": min_n, "labels": labels_of(data),
                      "prior": prior, "n_units": int(big.sum())})
    out["reason"] = _signal_reasons(out, language)
    return out


def _signal_reasons(table: pd.DataFrame, language: str) -> list[str]:
    """The ``reason`` of every row: a flagged row's own sentence; the rest (most rows) from one template."""
    from .text import P, Word, t_rows

    quiet = ~table["flagged"].to_numpy(bool)
    reasons = np.empty(len(table), dtype=object)
    words = {s: Word(f"value.{s}").format(language) for s in SIGNALS}
    q_text: dict[float, str] = {}  # written once per distinct q-value (many are equal)
    reasons[quiet] = t_rows("people.signal_not_unusual", language,
                            name=[str(u) for u in table["unit"].to_numpy(object)[quiet]],
                            signal=[words[s] for s in table["signal"].to_numpy(object)[quiet]],
                            q=[q_text[q] if q in q_text else q_text.setdefault(q, P(q, "q").format(language))
                               for q in table["q_value"].to_numpy(float)[quiet].tolist()])
    if not quiet.all():
        reasons[~quiet] = [_signal_sentence(r, language, table.attrs["labels"])
                           for r in table.loc[~quiet].itertuples()]
    return reasons.tolist()


def _driver_signals(df: pd.DataFrame, unit: str, ltr: str, drivers: list[str]) -> list[pd.DataFrame]:
    """``ltr_above_drivers`` (mean residual of LTR given the drivers) and ``scores_shifted`` (mean of the
    standardised drivers). Drivers a survey asks only some customers (missing elsewhere) enter the model
    mean-imputed with a missing-indicator, so every answer counts."""
    X = df[drivers].apply(pd.to_numeric, errors="coerce").astype(float)
    y = pd.to_numeric(df[ltr], errors="coerce").astype(float)
    usable = [c for c in drivers if X[c].notna().sum() >= 10 and X[c].std() > 0]
    out = []
    if usable:
        parts = [np.ones(len(X))]
        for c in usable:
            miss = X[c].isna().to_numpy()
            parts.append(np.where(miss, X[c].mean(), X[c].to_numpy()))
            if miss.any():
                parts.append(miss.astype(float))
        Xd = np.column_stack(parts)
        ok = y.notna().to_numpy()
        beta = np.linalg.lstsq(Xd[ok], y.to_numpy()[ok], rcond=None)[0]
        resid = pd.Series(y.to_numpy()[ok] - Xd[ok] @ beta, index=X.index[ok])
        res = _unit_means_signal(resid, df.loc[ok, unit], "greater")
        out.append(res.assign(signal="ltr_above_drivers", n=res["n_signal"], expected=0.0))
    z = (X - X.mean()) / X.std(ddof=1)
    zbar = z.mean(axis=1, skipna=True)
    res = _unit_means_signal(zbar, df[unit], "greater")
    out.append(res.assign(signal="scores_shifted", n=res["n_signal"], expected=0.0))
    return out


def _change_signal(df: pd.DataFrame, unit: str, ltr: str, date: str, since: Any,
                   breaks: Sequence[int]) -> pd.DataFrame:
    bounds = category_bounds(breaks)
    s = np.where(df[ltr] >= bounds["promoters"][0], 1.0, np.where(df[ltr] <= bounds["detractors"][1], -1.0, 0.0))
    after = pd.to_datetime(df[date]) >= pd.Timestamp(since)
    d = pd.DataFrame({"u": df[unit].astype(object).to_numpy(), "s": s, "after": after.to_numpy()})
    rows = []
    for u, part in d.groupby("u", sort=False):
        rest = d.loc[d["u"] != u]
        a1, a0 = part.loc[part["after"], "s"], part.loc[~part["after"], "s"]
        r1, r0 = rest.loc[rest["after"], "s"], rest.loc[~rest["after"], "s"]
        if min(len(a1), len(a0)) < 5 or min(len(r1), len(r0)) < 5:
            continue
        diff = 100 * ((a1.mean() - a0.mean()) - (r1.mean() - r0.mean()))
        var = 1e4 * sum(x.var(ddof=1) / len(x) for x in (a1, a0, r1, r0))
        rows.append({"unit": u, "signal": "change_after", "n": len(part), "statistic": diff, "expected": 0.0,
                     "p_value": float(stats.norm.sf(diff / math.sqrt(var))) if var > 0 else float("nan"),
                     "nps_before": 100 * a0.mean(), "nps_after": 100 * a1.mean()})
    return pd.DataFrame(rows)


def _invitation_signals(inv: pd.DataFrame, unit: str, known: Sequence[str] | None, min_n: int) -> list[pd.DataFrame]:
    problems = []
    for col in (unit, "invited"):
        if col not in inv.columns:
            problems.append(DataProblem("invitations", "column not found in the data", column=col))
    if problems:
        raise StudyDataError(problems)
    invited = pd.to_numeric(inv["invited"], errors="coerce")
    bad = invited.notna() & ~invited.isin([0, 1])
    if bad.any():
        raise StudyDataError([DataProblem("invitations", "must be 0 or 1", column="invited",
                                          rows=row_numbers(inv, bad.to_numpy()), n_rows=int(bad.sum()))])
    d = pd.DataFrame({"u": inv[unit].astype(object), "inv": invited}).dropna()
    g = d.groupby("u", sort=True)["inv"]
    k, n = g.sum().to_numpy(float), g.count().to_numpy(float)
    units = g.sum().index.astype(object)
    keep = n >= min_n
    a, b = fit_beta_binomial(k[keep], n[keep]) if keep.sum() >= 2 else (np.nan, np.nan)
    out = [pd.DataFrame({"unit": units[keep], "signal": "invitation_rate", "n": n[keep].astype(np.int64),
                         "statistic": 100 * k[keep] / n[keep], "expected": 100 * a / (a + b),
                         "p_value": _bb_lower(k[keep], n[keep], a, b), "count": k[keep]})]
    for col in known or []:
        if col not in inv.columns:
            raise StudyDataError([DataProblem("invitations", "column not found in the data", column=col)])
        x = pd.to_numeric(inv[col], errors="coerce")
        sd = float(x.std(ddof=1))
        rows = []
        for u in units[keep]:
            sel = (inv[unit] == u).to_numpy()
            xi, xn = x[sel & (invited == 1).to_numpy()].dropna(), x[sel & (invited == 0).to_numpy()].dropna()
            if len(xi) < 2 or len(xn) < 2 or sd == 0:
                continue
            t = stats.ttest_ind(xi, xn, equal_var=False)
            rows.append({"unit": u, "signal": "invited_selected", "n": int(sel.sum()),
                         "statistic": (xi.mean() - xn.mean()) / sd, "expected": 0.0, "p_value": float(t.pvalue),
                         "known": col})
        if rows:
            out.append(pd.DataFrame(rows))
    return out


# ------------------------------------------------------------------------------------------ sentences


def describe_units(table: pd.DataFrame, language: str = "en", *, top: int = 3) -> list[str]:
    """Sentences about a :func:`unit_nps` table, worded as a conversation, not a verdict."""
    from .text import Int, Interval, Label, Num, Points, t

    labels = table.attrs.get("labels")
    unit = Label(table.attrs.get("unit", "unit"), labels)
    shown = table.loc[table["shown"]]
    out = [t("people.units_intro", language, unit=unit, k=Int(len(shown)), n=Int(int(table["n"].sum())),
             min_n=Int(table.attrs.get("min_n", 30)), hidden=Int(int((~table["shown"]).sum())),
             nps=Points(table.attrs.get("overall_nps")))]
    tau2 = table.attrs.get("tau2", 0.0)
    out.append(t("people.spread", language, tau=Num(math.sqrt(tau2), 1)) if tau2 > 0 else
               t("people.no_spread", language))
    above = shown.loc[shown["outside_998"] & (shown["nps"] > shown["expected_nps"])]
    below = shown.loc[shown["outside_998"] & (shown["nps"] < shown["expected_nps"])]
    for rows, key in ((above, "people.outside_high"), (below, "people.outside_low")):
        for r in rows.itertuples():
            out.append(t(key, language, unit=unit, name=str(r.unit), nps=Points(r.nps), n=Int(r.n),
                         shrunk=Points(r.nps_shrunk), ci=Interval(r.ci_low, r.ci_high)))
    if above.empty and below.empty:
        out.append(t("people.none_outside", language, unit=unit))
    if len(shown):
        wide = float((shown["rank_high"] - shown["rank_low"]).astype(float).median())
        out.append(t("people.ranks", language, k=Int(len(shown)), width=Int(int(round(wide)))))
    return out


def describe_signals(table: pd.DataFrame, language: str = "en") -> list[str]:
    """One plain sentence per flagged signal: what was seen, how unlikely by chance, what to talk about."""
    from .text import Int, Label, P, t

    labels = table.attrs.get("labels")
    unit = Label(table.attrs.get("unit", "unit"), labels)
    flagged = table.loc[table["flagged"]]
    if flagged.empty:
        return [t("people.no_signals", language, unit=unit, k=Int(table.attrs.get("n_units", 0)),
                  q=P(table.attrs.get("fdr", 0.05)))]
    return [t("people.signals_intro", language)] + [_signal_sentence(r, language, labels)
                                                    for r in flagged.itertuples()]


def _signal_sentence(r: Any, language: str, labels: dict | None) -> str:
    """The sentence of one signal row: what was seen and how unlikely by chance (or: not unusual)."""
    from .text import Int, P, Pct, Points, Word, t

    if not r.flagged:
        return t("people.signal_not_unusual", language, name=str(r.unit), signal=Word(f"value.{r.signal}"),
                 q=P(r.q_value, "q"))
    values = {"name": str(r.unit), "n": Int(int(r.n)), "q": P(r.q_value, "q"), "share": Pct(r.statistic),
              "expected": Pct(r.expected)}
    if r.signal == "truncated":
        values["lowest"] = Int(int(r.lowest_score))
    if r.signal in ("ltr_above_drivers", "scores_shifted", "invited_selected"):
        values["share"] = Points(r.statistic, 2)
    if r.signal == "change_after":
        values.update(share=Points(r.statistic), before=Points(r.nps_before), after=Points(r.nps_after))
    return t(f"people.signal.{r.signal}", language, **values)


# ------------------------------------------------------------------------------------ agent agreement


def _table(a: np.ndarray, b: np.ndarray, k: int) -> np.ndarray:
    """Shares of the k x k cross table of two integer ratings in 0..k-1."""
    obs = np.bincount(np.asarray(a, np.int64) * k + np.asarray(b, np.int64), minlength=k * k).reshape(k, k)
    return obs / obs.sum()


def _kappa(a: np.ndarray, b: np.ndarray, k: int, weights: str | None) -> float:
    """Cohen's kappa of two integer ratings in 0..k-1 (``weights``: None, "linear" or "quadratic")."""
    obs = _table(a, b, k)
    E = np.outer(obs.sum(axis=1), obs.sum(axis=0))
    i, j = np.indices((k, k))
    if weights is None:
        W = (i != j).astype(float)
    elif weights == "linear":
        W = np.abs(i - j) / (k - 1)
    else:
        W = ((i - j) / (k - 1)) ** 2
    return float(1 - (W * obs).sum() / (W * E).sum())


def _gwet_ac2(a: np.ndarray, b: np.ndarray, k: int, weights: str = "quadratic") -> float:
    """Gwet's AC2 (AC1 with weights) for two raters, categories 0..k-1 (Gwet 2014, ch. 3)."""
    i, j = np.indices((k, k))
    W = 1 - ((i - j) / (k - 1)) ** 2 if weights == "quadratic" else (i == j).astype(float)
    obs = _table(a, b, k)
    pa = (W * obs).sum()
    pi = (obs.sum(axis=1) + obs.sum(axis=0)) / 2
    tw = W.sum()
    pe = tw / (k * (k - 1)) * np.sum(pi * (1 - pi))
    return float((pa - pe) / (1 - pe))


def _icc_a1(a: np.ndarray, b: np.ndarray) -> float:
    """ICC(A,1): two-way, absolute agreement, single measurement (McGraw & Wong 1996)."""
    Y = np.column_stack([a, b]).astype(float)
    n, k = Y.shape
    grand = Y.mean()
    ss_r = k * ((Y.mean(axis=1) - grand) ** 2).sum()
    ss_c = n * ((Y.mean(axis=0) - grand) ** 2).sum()
    ss_e = ((Y - grand) ** 2).sum() - ss_r - ss_c
    msr, msc, mse = ss_r / (n - 1), ss_c / (k - 1), ss_e / ((n - 1) * (k - 1))
    return float((msr - mse) / (msr + (k - 1) * mse + k / n * (msc - mse)))


def _categories(x: np.ndarray, breaks: Sequence[int]) -> np.ndarray:
    b1, b2 = breaks
    return np.where(x <= b1, 0, np.where(x <= b2, 1, 2))


def _agreement_stats(pred: np.ndarray, act: np.ndarray, breaks: Sequence[int]) -> dict[str, float]:
    pc, ac = _categories(pred, breaks), _categories(act, breaks)
    diff = pred - act
    slope, intercept = np.polyfit(pred, act, 1) if np.ptp(pred) > 0 else (np.nan, np.nan)
    return {
        "exact_agreement": 100 * float(np.mean(pred == act)),
        "within_one": 100 * float(np.mean(np.abs(diff) <= 1)),
        "kappa_quadratic": _kappa(pred, act, 11, "quadratic"),
        "kappa_categories": _kappa(pc, ac, 3, None),
        "gwet_ac2": _gwet_ac2(pred, act, 11, "quadratic"),
        "icc_a1": _icc_a1(pred, act),
        "bias": float(diff.mean()),
        "calibration_in_the_large": float(act.mean() - pred.mean()),
        "calibration_slope": float(slope),
        "nps_predicted": 100 * float(np.mean(pc == 2) - np.mean(pc == 0)),
        "nps_actual": 100 * float(np.mean(ac == 2) - np.mean(ac == 0)),
        "nps_difference": 100 * float((np.mean(pc == 2) - np.mean(pc == 0)) - (np.mean(ac == 2) - np.mean(ac == 0))),
    }


@dataclass
class AgentAgreement(Result):
    """How well contact agents predict the customer's 0-10 score (:func:`agent_agreement`)."""

    statistics: pd.DataFrame
    agents: pd.DataFrame
    n: int
    loa: tuple[float, float]
    sd_difference: float
    tau2: float
    confidence: float
    nonresponse: dict[str, float] | None = None
    labels: dict[str, str] = field(default_factory=dict)
    pairs: pd.DataFrame | None = None
    report_columns = ("statistic", "estimate", "ci_low", "ci_high")

    def summary(self) -> pd.DataFrame:
        """One row per statistic: ``statistic, estimate, ci_low, ci_high``."""
        return self.statistics

    def by_agent(self) -> pd.DataFrame:
        """Each agent's n, mean bias (predicted - actual) and shrunk bias with intervals."""
        return self.agents

    def table_kinds(self) -> dict[str, str]:
        return {"estimate": "number:2", "ci_low": "number:2", "ci_high": "number:2", "statistic": "category"}

    def table(self, language: str = "en", **kwargs: Any):
        from .text import t

        kwargs.setdefault("headers", {"statistic": t("people.col_measure", language)})
        return super().table(language, **kwargs)

    def agents_table(self, language: str = "en"):
        """The report table of :meth:`by_agent` (folded)."""
        from .tables import report_table
        from .text import t

        return report_table(self.agents, language=language, caption=t("people.agents_table", language),
                            detail=True, headers={"agent": _unit_header("agent_id", language, self.labels)})

    def describe(self, language: str = "en") -> list[str]:
        from .text import Int, Interval, Num, Pct, Points, t

        s = self.statistics.set_index("statistic")
        out = [t("people.agents_intro", language, n=Int(self.n), k=Int(len(self.agents)),
                 exact=Pct(s.loc["exact_agreement", "estimate"]), within=Pct(s.loc["within_one", "estimate"]),
                 kappa=Num(s.loc["kappa_quadratic", "estimate"], 2),
                 kappa_ci=Interval(s.loc["kappa_quadratic", "ci_low"], s.loc["kappa_quadratic", "ci_high"], 2,
                                   sign=False),
                 ac2=Num(s.loc["gwet_ac2", "estimate"], 2))]
        bias = s.loc["bias", "estimate"]
        lo, hi = s.loc["bias", "ci_low"], s.loc["bias", "ci_high"]
        key = "people.agents_bias_up" if lo > 0 else "people.agents_bias_down" if hi < 0 else "people.agents_no_bias"
        out.append(t(key, language, bias=Num(abs(bias), 2), ci=Interval(lo, hi, 2),
                     loa=Interval(self.loa[0], self.loa[1], 1)))
        out.append(t("people.agents_nps", language, pred=Points(s.loc["nps_predicted", "estimate"]),
                     act=Points(s.loc["nps_actual", "estimate"]), diff=Points(s.loc["nps_difference", "estimate"]),
                     ci=Interval(s.loc["nps_difference", "ci_low"], s.loc["nps_difference", "ci_high"])))
        off = self.agents.loc[(self.agents["shrunk_ci_low"] > 0) | (self.agents["shrunk_ci_high"] < 0)]
        if len(off):
            out.append(t("people.agents_off", language, count=len(off), k=Int(len(off)),
                         names=", ".join(map(str, off["agent"]))))
        if self.nonresponse:
            nr = self.nonresponse
            out.append(t("people.nonresponse", language, resp=Points(nr["nps_responders"]),
                         non=Points(nr["nps_nonresponders"]), diff=Points(nr["difference"]),
                         ci=Interval(nr["ci_low"], nr["ci_high"])))
        return out


def agent_agreement(
    data: Any,
    *,
    predicted: str = "agent_predicted_ltr",
    actual: str = "ltr",
    agent: str = "agent_id",
    nonresponders: pd.DataFrame | None = None,
    confidence: float = 0.95,
    bootstrap: int = 1000,
    seed: int = 0,
    breaks: Sequence[int] = DEFAULT_BREAKS,
) -> AgentAgreement:
    """Agreement between agents' predictions of the customer's score and the customer's own answer.

    Statistics (``summary()``): exact and within-one agreement (%), quadratic-weighted kappa on 0-10 and
    kappa on the three categories, Gwet's AC2 (quadratic weights; robust when scores pile up at 9-10),
    ICC(A,1), the mean difference (bias, predicted - actual) with Bland-Altman limits of agreement,
    calibration in the large (mean actual - mean predicted) and slope (actual on predicted), and the
    predicted against the actual NPS; intervals from a percentile bootstrap over pairs (``bootstrap``
    resamples, ``seed``). ``by_agent()``: each agent's bias, shrunk towards the mean bias as a random effect
    (DerSimonian-Laird between-agent variance). With ``nonresponders`` (agents' predictions for customers
    who did not answer, column ``predicted``): the predicted NPS of responders against non-responders, a
    direct estimate of nonresponse bias.

    Examples
    --------
    >>> import pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> act = rng.integers(0, 11, 300)
    >>> df = pd.DataFrame({"ltr": act, "agent_predicted_ltr": np.clip(act + rng.integers(-1, 2, 300), 0, 10),
    ...                    "agent_id": rng.choice(["a", "b", "c"], 300)})
    >>> res = agent_agreement(df, bootstrap=200)
    >>> s = res.summary().set_index("statistic")["estimate"]
    >>> bool(s["within_one"] == 100.0), bool(s["kappa_quadratic"] > 0.9)
    (True, True)
    """
    df = as_frame(data)
    require_columns(df, {"predicted": predicted, "actual": actual, "agent": agent},
                    numeric=["predicted", "actual"])
    d = df.loc[df[predicted].notna() & df[actual].notna(), [predicted, actual, agent]]
    pred = d[predicted].to_numpy(float)
    act = d[actual].to_numpy(float)
    bad = (pred != np.round(pred)) | (pred < 0) | (pred > 10) | (act != np.round(act)) | (act < 0) | (act > 10)
    if bad.any():
        raise StudyDataError([DataProblem("responses", "must be a whole number 0-10", column=predicted,
                                          rows=row_numbers(d, bad), n_rows=int(bad.sum()))])
    if len(d) < 10:
        raise ValueError(f"agent_agreement needs at least 10 pairs of {predicted!r} and {actual!r}, found {len(d)}")
    pred_i, act_i = pred.astype(int), act.astype(int)
    point = _agreement_stats(pred_i, act_i, breaks)
    rng = np.random.Generator(np.random.PCG64(seed))
    boot = {k: np.empty(bootstrap) for k in point}
    for b in range(bootstrap):
        idx = rng.integers(0, len(d), len(d))
        s = _agreement_stats(pred_i[idx], act_i[idx], breaks)
        for k, v in s.items():
            boot[k][b] = v
    level = (1 - confidence) / 2
    rows = []
    for k, v in point.items():
        lo, hi = np.nanquantile(boot[k], [level, 1 - level])
        rows.append({"statistic": k, "estimate": v, "ci_low": float(lo), "ci_high": float(hi)})
    table = pd.DataFrame(rows)
    diff = pred - act
    sd = float(diff.std(ddof=1))
    loa = (float(diff.mean() - 1.96 * sd), float(diff.mean() + 1.96 * sd))

    g = pd.DataFrame({"agent": d[agent].astype(object).to_numpy(), "diff": diff}).groupby("agent", sort=True)["diff"]
    means, cnt = g.mean(), g.count()
    se2 = sd**2 / cnt.to_numpy(float)
    mu, tau2 = _normal_eb(means.to_numpy(float), se2)
    shrink = tau2 / (tau2 + se2)
    shrunk = mu + shrink * (means.to_numpy(float) - mu)
    post_sd = np.sqrt(shrink * se2)
    z = stats.norm.ppf(1 - level)
    se_raw = np.sqrt(se2)
    agents = pd.DataFrame({
        "agent": means.index.astype(object), "n": cnt.to_numpy(np.int64), "bias": means.to_numpy(float),
        "ci_low": means.to_numpy(float) - z * se_raw, "ci_high": means.to_numpy(float) + z * se_raw,
        "bias_shrunk": shrunk, "shrunk_ci_low": shrunk - z * post_sd, "shrunk_ci_high": shrunk + z * post_sd})
    nonresp = None
    if nonresponders is not None:
        require_columns(nonresponders, {"predicted": predicted}, numeric=True, table="nonresponders")
        pn = nonresponders[predicted].dropna().to_numpy(float)
        c_r, c_n = _categories(pred, breaks), _categories(pn, breaks)
        nps_r = 100 * (np.mean(c_r == 2) - np.mean(c_r == 0))
        nps_n = 100 * (np.mean(c_n == 2) - np.mean(c_n == 0))
        var = (_nps_var(np.mean(c_r == 2), np.mean(c_r == 0), len(c_r))
               + _nps_var(np.mean(c_n == 2), np.mean(c_n == 0), len(c_n)))
        nonresp = {"nps_responders": nps_r, "nps_nonresponders": nps_n, "difference": nps_r - nps_n,
                   "ci_low": nps_r - nps_n - z * math.sqrt(var), "ci_high": nps_r - nps_n + z * math.sqrt(var),
                   "n_nonresponders": len(pn)}
    pairs = pd.DataFrame({"agent": d[agent].astype(object).to_numpy(), "predicted": pred_i, "actual": act_i})
    return AgentAgreement(table, agents, len(d), loa, sd, tau2, confidence, nonresp, labels_of(data), pairs)


# ------------------------------------------------------------------------------------------ report tables


def units_table(table: pd.DataFrame, language: str = "en"):
    """The report table of a :func:`unit_nps` result: shown units only, sorted by shrunk NPS, the unit
    column under its own label; no league-table rank, but the rank interval."""
    from .tables import report_table
    from .text import column_label

    shown = table.loc[table["shown"]].sort_values("nps_shrunk", ascending=False)
    cols = ["unit", "n", "nps", "nps_shrunk", "ci_low", "ci_high", "rank_low", "rank_high", "outside_998"]
    if table.attrs.get("adjust_for"):
        cols.insert(6, "expected_nps")
    unit = column_label(table.attrs.get("unit", "unit"), language, table.attrs.get("labels"))
    return report_table(shown, columns=cols, language=language, headers={"unit": unit},
                        labels=table.attrs.get("labels"))


def signals_table(table: pd.DataFrame, language: str = "en", *, flagged_only: bool = True):
    """The report table of :func:`signals`: flagged rows (or all, folded) with the signal in words."""
    from .tables import report_table
    from .text import column_label, t

    rows = table.loc[table["flagged"]] if flagged_only else table
    unit = column_label(table.attrs.get("unit", "unit"), language, table.attrs.get("labels"))
    return report_table(rows, columns=["unit", "signal", "kind", "n", "statistic", "expected", "q_value"],
                        language=language, headers={"unit": unit, "statistic": t("people.col_observed", language),
                                                    "signal": t("people.col_signal", language)},
                        kinds={"statistic": "number:2", "expected": "number:2", "signal": "category"},
                        detail=not flagged_only,
                        caption=None if flagged_only else t("people.all_signals", language))


def _unit_header(column: str, language: str, labels: dict | None) -> str:
    from .text import column_label

    return column_label(column, language, labels)


# ------------------------------------------------------------------------------------------------ findings


def findings(units: pd.DataFrame | None = None, found: pd.DataFrame | None = None,
             agreement: AgentAgreement | None = None) -> list:
    """Key findings of the people page (:mod:`nps_research.findings`): flagged signals, units outside the
    funnel's 99.8 % limits, and how well agents predict the score."""
    from .findings import IMPORTANCE, Finding
    from .text import Int, Interval, Label, Num, P, Pct, Points

    out = []
    if found is not None and len(found):
        labels = found.attrs.get("labels")
        flagged = found.loc[found["flagged"]].sort_values("q_value")
        for r in flagged.itertuples():
            out.append(Finding(
                "people", f"people.signal.{r.signal}.{r.unit}",
                {lang: _signal_sentence(r, lang, labels) for lang in ("en", "nl")},
                numbers={"n": int(r.n), "statistic": float(r.statistic), "expected": float(r.expected)},
                test="beta-binomial / normal predictive, Benjamini-Hochberg", p_value=float(r.p_value),
                q_value=float(r.q_value), importance=float(IMPORTANCE["people.signal"] + min(9, -np.log10(
                    max(r.q_value, 1e-9))))))
        if flagged.empty:
            out.append(Finding.make("people", "people.no_signals", "people.no_signals",
                                    unit=Label(found.attrs.get("unit", "unit"), labels),
                                    k=Int(found.attrs.get("n_units", 0)), q=P(found.attrs.get("fdr", 0.05)),
                                    importance=IMPORTANCE["detail"]))
    if units is not None and len(units):
        labels = units.attrs.get("labels")
        unit = Label(units.attrs.get("unit", "unit"), labels)
        shown = units.loc[units["shown"] & units["outside_998"]]
        for r in shown.itertuples():
            key = "people.outside_high" if r.nps > r.expected_nps else "people.outside_low"
            out.append(Finding.make("people", f"people.outside.{r.unit}", key, unit=unit, name=str(r.unit),
                                    nps=Points(r.nps), n=Int(r.n), shrunk=Points(r.nps_shrunk),
                                    ci=Interval(r.ci_low, r.ci_high), numbers={"nps": r.nps, "n": r.n},
                                    importance=IMPORTANCE["people.signal"] - 5))
    if agreement is not None:
        s = agreement.summary().set_index("statistic")
        out.append(Finding.make(
            "people", "people.agents", "people.agents_intro", n=Int(agreement.n), k=Int(len(agreement.agents)),
            exact=Pct(s.loc["exact_agreement", "estimate"]), within=Pct(s.loc["within_one", "estimate"]),
            kappa=Num(s.loc["kappa_quadratic", "estimate"], 2),
            kappa_ci=Interval(s.loc["kappa_quadratic", "ci_low"], s.loc["kappa_quadratic", "ci_high"], 2, sign=False),
            ac2=Num(s.loc["gwet_ac2", "estimate"], 2), numbers={"kappa": s.loc["kappa_quadratic", "estimate"]},
            importance=IMPORTANCE["detail"] + 5))
    return out


#: Roles that name a person or a team: their NPS is this module's (a learning tool, fairly compared), never a
#: segment ranked on raw NPS.
PERSON_ROLES = ("employee_id", "agent_id", "team")


def split_person_columns(columns: Sequence[str] | None, language: str = "en",
                         labels: dict[str, str] | None = None) -> tuple[list[str], str | None]:
    """Segment columns without the person and team columns, and one sentence saying where those went.

    Examples
    --------
    >>> kept, sentence = split_person_columns(["region", "employee_id"], "nl")
    >>> kept, sentence[:60]
    (['region'], 'Medewerker wordt hier niet als segment vergeleken: NPS per p')
    """
    from .text import Label, Words, t

    columns = list(columns or [])
    kept = [c for c in columns if c not in PERSON_ROLES]
    left = [c for c in columns if c in PERSON_ROLES]
    if not left:
        return kept, None
    names = Words([Label(c, labels) for c in left])
    sentence = t("people.left_to_people", language, count=len(left), cols=names)
    return kept, sentence[:1].upper() + sentence[1:]
