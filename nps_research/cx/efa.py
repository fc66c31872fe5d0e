"""Exploratory factor analysis: number of factors, sampling adequacy, rotated loadings.

Estimation by statsmodels' :class:`~statsmodels.multivariate.factor.Factor` (ML by default) on the correlation
matrix of the complete cases. Rotations as ``psych::fa`` does them: ``oblimin`` is GPArotation's default
quartimin (gamma = 0, no row normalisation; statsmodels' ``rotate_factors``), ``varimax`` R's ``stats::varimax``
(Kaiser normalisation), ``promax`` psych's Kaiser-normalised ``Promax`` (power 4), ``quartimax`` GPArotation's and
``equamax`` GPArotation's Crawford-Ferguson rotation with kappa = factors / (2 items) (both via statsmodels).
Factors are ordered by the variance they account for (``diag(Phi L'L)``) and signed so that their loadings sum to
a positive number, as psych does. KMO (Kaiser 1970; ``psych::KMO``), Bartlett's sphericity test
(``psych::cortest.bartlett``) and Horn's parallel analysis (principal-component eigenvalues of the data against the
95th percentile of those of random normal data of the same size) suggest the number of factors, next to Kaiser's
eigenvalue-above-one rule.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import DataProblem, SmallSampleWarning, StudyDataError
from ..inputs import labels_of
from ..results import Result
from ..tables import report_table
from ..text import Int, Num, P, Word, Words, t
from .scales import ItemLabel, Scale

__all__ = ["EFAResult", "bartlett_sphericity", "efa", "kmo", "kmo_label", "parallel_analysis", "promax", "varimax"]

#: EFA warns (SmallSampleWarning) below this many complete cases, or below 5 per item.
MIN_CASES = 100
ROTATIONS = ("oblimin", "quartimin", "promax", "varimax", "quartimax", "equamax", "none")


def kmo(corr: np.ndarray | pd.DataFrame) -> tuple[float, pd.Series]:
    """Kaiser-Meyer-Olkin measure of sampling adequacy: overall and per item (MSA).

    Examples
    --------
    >>> r = np.array([[1, .5, .4], [.5, 1, .3], [.4, .3, 1]])
    >>> round(kmo(r)[0], 3)
    0.628
    """
    names = corr.columns if isinstance(corr, pd.DataFrame) else [f"v{i + 1}" for i in range(len(corr))]
    R = np.asarray(corr, float)
    Ri = np.linalg.inv(R)
    d = np.sqrt(np.diag(Ri))
    P = -Ri / np.outer(d, d)
    off = ~np.eye(len(R), dtype=bool)
    r2, p2 = np.where(off, R**2, 0), np.where(off, P**2, 0)
    overall = float(r2.sum() / (r2.sum() + p2.sum()))
    return overall, pd.Series(r2.sum(0) / (r2.sum(0) + p2.sum(0)), index=names)


def bartlett_sphericity(corr: np.ndarray, n: int) -> dict[str, float]:
    """Bartlett's test that the correlation matrix is an identity matrix.

    Examples
    --------
    >>> r = np.array([[1, .5], [.5, 1]])
    >>> {k: round(v, 3) for k, v in bartlett_sphericity(r, 100).items()}
    {'chisq': 28.049, 'df': 1, 'p': 0.0}
    """
    R = np.asarray(corr, float)
    k = len(R)
    chisq = -(n - 1 - (2 * k + 5) / 6) * np.linalg.slogdet(R)[1]
    df = k * (k - 1) // 2
    return {"chisq": float(chisq), "df": df, "p": float(stats.chi2.sf(chisq, df))}


#: Up to this many cells (n x k) parallel analysis simulates the data themselves; above, their correlation
#: matrix is drawn directly (the same distribution, without millions of random numbers per simulation).
_DIRECT_CELLS = 500_000


def _wishart_correlation(n: int, k: int, rng: np.random.Generator) -> np.ndarray:
    """The correlation matrix of ``n`` independent standard normal rows of ``k`` columns, drawn through its
    scatter matrix, which is Wishart(n - 1, I): ``L @ L.T`` with Bartlett's lower triangle (chi variables on
    the diagonal, standard normals below)."""
    L = np.tril(rng.standard_normal((k, k)), -1)
    L[np.diag_indices(k)] = np.sqrt(rng.chisquare(n - 1 - np.arange(k)))
    S = L @ L.T
    d = np.sqrt(np.diag(S))
    return S / np.outer(d, d)


def parallel_analysis(n: int, k: int, eigenvalues: np.ndarray, n_sim: int = 200, quantile: float = 0.95,
                      seed: int = 0) -> pd.DataFrame:
    """Horn's parallel analysis on principal-component eigenvalues.

    Returns one row per component with the observed eigenvalue, the mean and the ``quantile`` of the random
    eigenvalues, and ``retain`` (observed above the quantile, counted until the first failure).

    Examples
    --------
    >>> pa = parallel_analysis(300, 6, np.array([2.5, 1.4, 0.7, 0.5, 0.5, 0.4]), n_sim=50)
    >>> int(pa.retain.sum())
    2
    """
    rng = np.random.default_rng(seed)
    sims = np.empty((n_sim, k))
    for i in range(n_sim):
        if n * k <= _DIRECT_CELLS:
            x = rng.standard_normal((n, k))
            R = np.corrcoef(x, rowvar=False)
        else:  # the same distribution without n rows: the scatter matrix is Wishart(n - 1, I) (Bartlett)
            R = _wishart_correlation(n, k, rng)
        sims[i] = np.sort(np.linalg.eigvalsh(R))[::-1]
    q = np.quantile(sims, quantile, axis=0)
    above = np.asarray(eigenvalues) > q
    retain = np.cumprod(above).astype(bool)
    return pd.DataFrame({"component": np.arange(1, k + 1), "eigenvalue": eigenvalues,
                         "random_mean": sims.mean(0), f"random_q{int(quantile * 100)}": q, "retain": retain})


def varimax(L: np.ndarray, normalize: bool = True, eps: float = 1e-5, max_iter: int = 1000):
    """Varimax rotation as R's ``stats::varimax`` (Kaiser normalisation, same stopping rule), which
    ``psych::fa(rotate = "varimax")`` uses. Returns the rotated loadings and the rotation matrix.

    Examples
    --------
    >>> L = np.array([[0.8, 0.3], [0.7, 0.4], [0.3, 0.8], [0.2, 0.7]])
    >>> R, T = varimax(L)
    >>> bool(np.allclose(T @ T.T, np.eye(2))), bool(np.allclose(L @ T, R))
    (True, True)
    """
    x = np.asarray(L, float)
    p, m = x.shape
    sc = np.sqrt((x**2).sum(axis=1)) if normalize else np.ones(p)
    x = x / sc[:, None]
    T = np.eye(m)
    d = 0.0
    for _ in range(max_iter):
        z = x @ T
        B = x.T @ (z**3 - z @ np.diag((z**2).sum(axis=0)) / p)
        u, sv, vt = np.linalg.svd(B)
        T = u @ vt
        d_past, d = d, sv.sum()
        if d < d_past * (1 + eps):
            break
    return (x @ T) * sc[:, None], T


def promax(L: np.ndarray, power: int = 4):
    """Promax rotation as ``psych::fa(rotate = "promax")``: Kaiser-normalised rows, varimax, then a least-squares
    fit to the loadings raised to ``power`` (``psych::Promax``). Returns the pattern loadings and the factor
    correlations.

    Examples
    --------
    >>> L = np.array([[0.8, 0.3], [0.7, 0.4], [0.3, 0.8], [0.2, 0.7]])
    >>> P, phi = promax(L)
    >>> bool(np.allclose(np.diag(phi), 1)), bool(phi[0, 1] > 0)
    (True, True)
    """
    L = np.asarray(L, float)
    h = np.sqrt((L**2).sum(axis=1))
    x, T = varimax(L / h[:, None])  # psych::fa(rotate = "promax") is kaiser(Promax): rows normalised first
    Q = x * np.abs(x) ** (power - 1)
    U = np.linalg.lstsq(x, Q, rcond=None)[0]
    d = np.diag(np.linalg.inv(U.T @ U))
    U = T @ U @ np.diag(np.sqrt(d))
    Ui = np.linalg.inv(U)
    return L @ U, Ui @ Ui.T


#: Kaiser's (1974) labels of the KMO: lower bound -> word (texts cx.kmo.<word>).
KMO_LABELS = ((0.9, "marvelous"), (0.8, "meritorious"), (0.7, "middling"), (0.6, "mediocre"), (0.5, "miserable"),
              (-np.inf, "unacceptable"))


def kmo_label(value: float) -> str:
    """Kaiser's (1974) word for a KMO value (the key of its text ``cx.kmo.<word>``).

    Examples
    --------
    >>> kmo_label(0.91), kmo_label(0.75), kmo_label(0.3)
    ('marvelous', 'middling', 'unacceptable')
    """
    return next(word for bound, word in KMO_LABELS if value >= bound)


@dataclass
class EFAResult(Result):
    """Exploratory factor analysis results.

    Attributes
    ----------
    loadings : DataFrame
        Rotated (pattern) loadings, items x factors (``F1, F2, ...``).
    communalities, uniquenesses : Series
    factor_correlations : DataFrame
        Factor correlations (identity for orthogonal rotations).
    eigenvalues : Series
        Eigenvalues of the item correlation matrix.
    parallel : DataFrame
        Parallel analysis (see :func:`parallel_analysis`).
    suggested : dict
        Suggested numbers of factors: ``parallel`` and ``kaiser`` (eigenvalues > 1).
    kmo : float
        Overall KMO; ``kmo_items`` per item.
    bartlett : dict
        ``chisq, df, p`` of Bartlett's sphericity test.
    n : int
        Complete cases.
    scale : Scale or None
        The scale the items came from (for labels and the check that each dimension has a factor of its own).
    labels : dict
        Item -> the client's column name.
    """

    loadings: pd.DataFrame
    communalities: pd.Series
    uniquenesses: pd.Series
    factor_correlations: pd.DataFrame
    eigenvalues: pd.Series
    parallel: pd.DataFrame
    suggested: dict
    kmo: float
    kmo_items: pd.Series
    bartlett: dict
    n: int
    rotation: str
    method: str
    scale: Scale | None = None
    labels: dict = field(default_factory=dict)

    def summary(self) -> pd.DataFrame:
        """One row per item: the rotated loadings (``F1, F2, ...``), communality, uniqueness and the item's KMO
        (``msa``)."""
        out = self.loadings.copy()
        out["communality"] = self.communalities
        out["uniqueness"] = self.uniquenesses
        out["msa"] = self.kmo_items.reindex(out.index)
        return out.rename_axis("item").reset_index()

    def _scales(self) -> list[Scale]:
        return [self.scale] if self.scale is not None else []

    def table(self, language: str = "en", **kwargs):
        """The loadings and communalities for a report (folded): factors headed ``Factor 1, 2, ...``."""
        frame = self.summary()
        frame["item"] = [ItemLabel.of(i, self._scales(), self.labels).format(language) for i in frame["item"]]
        factors = list(self.loadings.columns)
        cols = ["item", *factors, "communality"]
        if self.scale is not None:
            dims = {i: self.scale.label(self.scale.dimension_of(i), language) for i in self.loadings.index
                    if i in self.scale.items}
            frame.insert(1, "dimension", [dims.get(i, "") for i in self.loadings.index])
            cols.insert(1, "dimension")
        kwargs.setdefault("columns", cols)
        kwargs.setdefault("headers", {f: t("cx.factor_n", language, n=j + 1) for j, f in enumerate(factors)})
        kwargs.setdefault("kinds", {f: "number:2" for f in factors} | {"communality": "number:2"})
        kwargs.setdefault("detail", True)
        kwargs.setdefault("caption", t("cx.caption.efa_loadings", language))
        return report_table(frame, language=language, **kwargs)

    def parallel_table(self, language: str = "en", **kwargs):
        """The parallel analysis for a report (folded): observed and random eigenvalues per component."""
        kwargs.setdefault("detail", True)
        kwargs.setdefault("caption", t("cx.caption.parallel", language))
        return report_table(self.parallel, language=language, **kwargs)

    def structure(self) -> dict[str, bool] | None:
        """Per dimension of the scale: do all its items load most strongly on one factor that no other
        dimension's items load most strongly on? None without a scale."""
        if self.scale is None:
            return None
        top = self.loadings.abs().idxmax(axis=1)
        owners = {d: set(top.reindex([i for i in items if i in top.index]).dropna())
                  for d, items in self.scale.dimensions.items()}
        return {d: len(f) == 1 and all(not (f & g) for e, g in owners.items() if e != d)
                for d, f in owners.items()}

    def describe(self, language: str = "en") -> list[str]:
        """The model, sampling adequacy (KMO, Bartlett), the suggested number of factors and, with a scale,
        whether each dimension has a factor of its own.

        Examples
        --------
        >>> from semopy.examples import holzinger39
        >>> res = efa(holzinger39.get_data(), [f"x{i}" for i in range(1, 10)], n_sim=50)
        >>> for s in res.describe("nl"): print(s)
        De factoranalyse (maximum likelihood, oblimin-rotatie, n = 301) schat 3 factoren.
        KMO = 0,752 (redelijk volgens Kaiser 1974); de sfericiteitstoets van Bartlett is significant (chi-kwadraat = 904,1, vg = 36, p < 0,001).
        Parallelle analyse wijst op 3 factoren.
        3 eigenwaarden zijn groter dan 1 (regel van Kaiser).
        """
        b, s = self.bartlett, self.suggested
        out = [
            t("cx.efa.extracted", language, method=Word(f"cx.efa.method.{self.method}"),
              rotation=Word(f"cx.rotation.{self.rotation}" if self.loadings.shape[1] > 1 else "cx.rotation.none"),
              n=Int(self.n), count=self.loadings.shape[1]),
            t("cx.efa.adequacy", language, kmo=Num(self.kmo, 3), label=Word(f"cx.kmo.{kmo_label(self.kmo)}"),
              sig=Word("cx.significant" if b["p"] < 0.05 else "cx.not_significant"), chisq=Num(b["chisq"], 1),
              df=Int(b["df"]), p=P(b["p"], "p")),
            t("cx.efa.parallel", language, count=s["parallel"]),
            t("cx.efa.kaiser", language, count=s["kaiser"]),
        ]
        structure = self.structure()
        if structure is not None:
            mixed = [d for d, ok in structure.items() if not ok]
            out.append(t("cx.efa.structure_mixed", language, dims=Words([self.scale.label_value(d) for d in mixed]))
                       if mixed else t("cx.efa.structure_ok", language))
        return out

    def sentences(self, language: str = "en") -> list[str]:
        """Deprecated: use :meth:`describe`."""
        warnings.warn("EFAResult.sentences is deprecated; use describe", DeprecationWarning, stacklevel=2)
        return self.describe(language)


def efa(data: pd.DataFrame, items=None, n_factors: int | None = None, rotation: str = "oblimin", *,
        method: str = "ml", n_sim: int = 200, seed: int = 0) -> EFAResult:
    """Exploratory factor analysis with KMO, Bartlett's test and parallel analysis.

    Parameters
    ----------
    data : DataFrame
    items : list, dict, Scale or str, optional
        Item columns (a Scale, built-in name or scale dict: its items, validated, reverse-keyed ones recoded; a
        dict dimension -> items: all those items); default all numeric columns.
    n_factors : int, optional
        Number of factors; default the parallel-analysis suggestion (at least 1).
    rotation : str
        ``oblimin`` (quartimin), ``promax``, ``varimax``, ``quartimax``, ``equamax`` or ``none``.
    method : {"ml", "pa"}
        Maximum likelihood (agrees with ``psych::fa(fm = "ml")`` to 1e-3, see the tests) or iterated principal
        axis factoring (statsmodels; ``psych::fa(fm = "pa")`` stops iterating earlier, at ``min.err = 0.001``, so
        its loadings differ from these in the third decimal).

    Raises
    ------
    StudyDataError
        Missing, non-numeric (for a Scale: out-of-range) or constant item columns.
    ValueError
        An unknown rotation, no more complete cases than items, or too many factors for the items.

    Warns
    -----
    SmallSampleWarning
        Fewer than 100 complete cases, or fewer than 5 per item.

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> res = efa(holzinger39.get_data(), [f"x{i}" for i in range(1, 10)], n_sim=50)
    >>> res.suggested, round(res.kmo, 3)
    ({'parallel': 3, 'kaiser': 3}, 0.752)
    """
    from statsmodels.multivariate.factor import Factor

    from ._factor import fit_ml
    from .scales import check_items, get_scale

    if rotation not in ROTATIONS:
        raise ValueError(f"rotation must be one of {ROTATIONS}, got {rotation!r}")
    if method not in ("ml", "pa"):
        raise ValueError(f"method must be 'ml' or 'pa', got {method!r}")
    sc = None
    if isinstance(items, Scale | str) or (isinstance(items, dict) and ("dimensions" in items or "base" in items)):
        sc = get_scale(items)
        sc.validate(data)
        x = sc.recoded(data)
    else:
        if isinstance(items, dict):  # dimension -> items: all of them
            items = [c for v in items.values() for c in v]
        cols = list(items) if items is not None else list(data.select_dtypes("number").columns)
        x = check_items(data, cols)
    x = x.dropna()
    n, k = x.shape
    if n <= k:
        raise ValueError(f"EFA needs more complete cases ({n}) than items ({k})")
    const = [c for c in x.columns if x[c].nunique() < 2]
    if const:
        raise StudyDataError([DataProblem("responses", f"item has the same answer in all {n} complete cases "
                                          "(no variance: it cannot be factor analysed)", column=c) for c in const])
    if n < max(MIN_CASES, 5 * k):
        warnings.warn(f"EFA on {n} complete cases for {k} items: loadings and the suggested number of factors "
                      f"are unstable (want at least {MIN_CASES} cases and 5 per item)", SmallSampleWarning,
                      stacklevel=2)
    R = np.corrcoef(x.to_numpy(), rowvar=False)
    names = list(x.columns)
    ev = np.sort(np.linalg.eigvalsh(R))[::-1]
    pa = parallel_analysis(n, k, ev, n_sim=n_sim, seed=seed)
    suggested = {"parallel": int(pa.retain.sum()), "kaiser": int((ev > 1).sum())}
    m = n_factors if n_factors is not None else max(1, suggested["parallel"])
    if ((k - m) ** 2 - (k + m)) < 0 and method == "ml":
        raise ValueError(f"{m} factors are too many for {k} items (the ML factor model is not identified)")
    if method == "ml":
        res = fit_ml(R, m, n)  # deterministic starts, best likelihood (statsmodels alone draws random starts)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = Factor(corr=R, n_factor=m, method=method, nobs=n).fit()
    L = np.asarray(res.loadings, float).reshape(k, m)
    phi = np.eye(m)
    if m > 1 and rotation != "none":
        from statsmodels.multivariate.factor_rotation import rotate_factors

        if rotation in ("oblimin", "quartimin"):
            L, T = rotate_factors(L, "quartimin")
            phi = T.T @ T
        elif rotation == "promax":
            L, phi = promax(L, 4)
        elif rotation == "varimax":
            L, _ = varimax(L)
        elif rotation == "equamax":  # psych: GPArotation::cfT with kappa = m / (2 k)
            L, _ = rotate_factors(L, "CF", m / (2 * k), "orthogonal")
        else:
            L, T = rotate_factors(L, rotation)
    ss = np.diag(phi @ L.T @ L)
    order = np.argsort(-ss)
    L, phi = L[:, order], phi[np.ix_(order, order)]
    sign = np.where(L.sum(0) < 0, -1.0, 1.0)
    L, phi = L * sign, phi * np.outer(sign, sign)
    fac = [f"F{j + 1}" for j in range(m)]
    comm = pd.Series(np.sum((L @ phi) * L, axis=1), index=names)
    k_all, k_items = kmo(pd.DataFrame(R, index=names, columns=names))
    return EFAResult(loadings=pd.DataFrame(L, index=names, columns=fac), communalities=comm,
                     uniquenesses=1 - comm, factor_correlations=pd.DataFrame(phi, index=fac, columns=fac),
                     eigenvalues=pd.Series(ev, index=range(1, k + 1)), parallel=pa, suggested=suggested,
                     kmo=k_all, kmo_items=k_items, bartlett=bartlett_sphericity(R, n), n=n, rotation=rotation,
                     method=method, scale=sc, labels=labels_of(data))
