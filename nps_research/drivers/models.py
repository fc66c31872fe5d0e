"""The model behind the numbers: a regression of recommendation on the drivers.

:func:`driver_model` fits OLS on the 0-10 score with HC3 standard errors, an ordered logit of the score
(statsmodels ``OrderedModel``, cut points as R's ``MASS::polr``) or a logistic regression of promoter /
detractor (statsmodels GLM), with standardised coefficients, VIFs and "what if" scenarios
(:meth:`DriverModelResult.scenario`). Results follow :class:`nps_research.results.Result`: the model is shown
as a labelled table of coefficients with intervals and its fit in a sentence; the statsmodels summary stays
available to Python users (:meth:`DriverModelResult.model_summary`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..engines import thread_map
from ..errors import DataProblem, SmallSampleWarning, StudyDataError
from ..inputs import DEFAULT_BREAKS, check_breaks, row_numbers
from ..results import Result
from ..tables import report_table
from ..text import Int, Label, Level, Num, Points, Sig, Word, Words, column_label, t
from ._common import (
    MIN_ROWS_PER_DRIVER,
    _deprecated,
    _design,
    _frame,
    _labels,
    _numeric_columns,
    _resolve_drivers,
    _weights_array,
)

__all__ = ["DETRACTOR_MAX", "PROMOTER_MIN", "CollinearityWarning", "DriverModelResult", "ScenarioResult",
           "describe_scenarios", "driver_model"]


class CollinearityWarning(UserWarning):
    """A driver's variance inflation factor is above the threshold."""


#: Default LTR cut-offs: detractor <= 6, promoter >= 9 (0-10 scale), from ``DEFAULT_BREAKS`` (6, 8);
#: :func:`driver_model` takes other ``breaks=`` as :mod:`nps_research.nps` does.
DETRACTOR_MAX, PROMOTER_MIN = DEFAULT_BREAKS[0], DEFAULT_BREAKS[1] + 1


def _wsd(X: np.ndarray, w: np.ndarray | None) -> np.ndarray:
    """Standard deviations of the columns, weighted when ``w`` is given (as the OLS branch uses)."""
    if w is None:
        return X.std(axis=0, ddof=1)
    return np.sqrt(np.diag(np.atleast_2d(np.cov(X, rowvar=False, aweights=w))))


def _vif(X: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Variance inflation factors: the diagonal of the inverse (weighted) correlation matrix, which equals
    ``1 / (1 - R2)`` of each term's (weighted) regression on the others."""
    C = np.atleast_2d(np.cov(X, rowvar=False, aweights=w))
    sd = np.sqrt(np.diag(C))
    R = C / np.outer(sd, sd)
    try:
        return np.diag(np.linalg.inv(R))
    except np.linalg.LinAlgError:
        return np.diag(np.linalg.pinv(R)) * np.inf


def _scale_max(study, df: pd.DataFrame, driver: str, override=None) -> float:
    if override is not None:
        return float(override[driver]) if isinstance(override, dict) else float(override)
    if study is not None:
        ranges = getattr(study, "ranges", {}) or {}
        if driver in ranges:
            return float(ranges[driver][1])
        if driver in (getattr(study, "attributes", []) or []) and "attributes" in ranges:
            return float(ranges["attributes"][1])
        if driver in (getattr(study, "cx_items", []) or []) and "cx_items" in ranges:
            return float(ranges["cx_items"][1])
    return float(pd.to_numeric(df[driver], errors="coerce").max())


#: Parameter draws x rows evaluated at once by DriverModelResult.scenario (about 16 MB per array).
_SCENARIO_CELLS = 2_000_000
#: Rows over which the simulated parameter draws of a scenario are averaged (a fixed random sample of the
#: respondents when there are more; the point estimates always use every row).
_SCENARIO_SAMPLE = 50_000


@dataclass(repr=False)
class DriverModelResult(Result):
    """A fitted driver model (see :func:`driver_model`).

    ``summary()`` is the coefficient table with the VIFs (full precision); ``describe(language)`` states the
    model, its fit and what to watch; ``table(language)`` is the labelled coefficient table of the report;
    :meth:`thresholds_table` the cut points of an ordered logit; :meth:`model_summary` the statsmodels
    summary; :meth:`scenario` the "what if" predictions.

    Attributes
    ----------
    coefficients : DataFrame
        One row per term (drivers first, then controls; no intercept or
        thresholds): ``term, coef, se, ci_low, ci_high, p_value, std_coef``.
        ``std_coef``: OLS - change in SDs of the outcome per SD of the term
        (beta weight); ordinal / logit - change in log-odds per SD of the term.
    thresholds : DataFrame or None
        Ordinal only: the cut points between adjacent *observed* score levels
        (``P(Y <= k) = F(cut_k - x'b)``, the parametrisation of R's
        ``MASS::polr`` zeta), with standard errors.
    r2 : float
        R-squared (OLS) or McFadden pseudo R-squared (ordinal, logit).
    r2_adj : float or None
        Adjusted R-squared (OLS).
    vif : DataFrame
        ``term, vif, high`` (``high`` when above ``vif_threshold``).
    unused_levels : list of int
        Ordinal: outcome levels in 0-10 nobody used (they get probability 0).
    fit : statsmodels results
        The underlying fit, for everything else.
    """

    kind: str
    outcome: str
    drivers: list[str]
    controls: list[str]
    target: str | None
    coefficients: pd.DataFrame
    thresholds: pd.DataFrame | None
    r2: float
    r2_adj: float | None
    vif: pd.DataFrame
    n: int
    unused_levels: list[int]
    fit: Any = field(repr=False)
    confidence: float = 0.95
    _X: pd.DataFrame = field(default=None, repr=False)
    _y: np.ndarray = field(default=None, repr=False)
    _w: np.ndarray | None = field(default=None, repr=False)
    _scale_max: dict[str, float] = field(default_factory=dict, repr=False)
    _levels: np.ndarray | None = field(default=None, repr=False)
    breaks: tuple[int, int] = DEFAULT_BREAKS
    terms: dict[str, tuple[str, Any]] = field(default_factory=dict, repr=False)
    labels: dict[str, str] = field(default_factory=dict)
    vif_threshold: float = 5.0

    @property
    def _cutoffs(self) -> tuple[int, int]:
        """(highest detractor score, lowest promoter score) from ``breaks``."""
        return self.breaks[0], self.breaks[1] + 1


    # -- the contract ------------------------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """Coefficients with intervals, p-values, standardised coefficients and VIFs (full precision)."""
        return self.coefficients.merge(self.vif.rename(columns={"high": "high_vif"}), on="term", how="left")

    def term_label(self, term: str, language: str = "en") -> str:
        """A term as the report shows it: a driver or control by its label, a dummy as ``label = level``."""
        column, level = self.terms.get(term, (term, None))
        name = column_label(column, language, self.labels)
        return name if level is None else t("drivers.model.dummy", language, column=name, level=level)

    def table(self, language: str = "en", **kwargs: Any):
        """The model as a labelled table: coefficient with its interval, p-value, standardised coefficient and
        VIF per term."""
        s = self.summary()
        df = pd.DataFrame({"term": [self.term_label(x, language) for x in s["term"]], "coef": s["coef"],
                           "coef_ci_low": s["ci_low"], "coef_ci_high": s["ci_high"], "p_value": s["p_value"],
                           "std_coef": s["std_coef"], "vif": s["vif"]})
        kwargs.setdefault("labels", self.labels)
        kwargs.setdefault("kinds", {"coef": "signed:3"})
        kwargs.setdefault("headers", {"std_coef": t(f"drivers.col.std_coef.{self.kind}", language)})
        kwargs.setdefault("caption", t(f"drivers.caption.model.{self.kind}", language,
                                       outcome=Label(self.outcome, self.labels), level=Level(self.confidence)))
        return report_table(df, language=language, **kwargs)

    def thresholds_table(self, language: str = "en", **kwargs: Any):
        """Ordered logit: the cut points between adjacent observed scores with standard errors (folded);
        None for the other kinds."""
        if self.thresholds is None:
            return None
        df = self.thresholds.rename(columns={"se": "cut_se"})
        kwargs.setdefault("caption", t("drivers.caption.thresholds", language))
        kwargs.setdefault("detail", True)
        return report_table(df, language=language, **kwargs)

    def describe(self, language: str = "en") -> list[str]:
        """The model and its fit, the strongest effect, and what to watch (collinearity, unused scores).

        Examples
        --------
        >>> rng = np.random.default_rng(0)
        >>> df = pd.DataFrame({"a": rng.integers(1, 11, 500), "b": rng.integers(1, 11, 500)})
        >>> df["ltr"] = np.clip(np.round(2 + 0.5 * df["a"] + 0.2 * df["b"] + rng.normal(0, 1, 500)), 0, 10)
        >>> driver_model(df, drivers=["a", "b"]).describe("nl")[0]
        'Lineaire regressie van ‘aanbevelingsscore’ op 2 termen (robuuste HC3-standaardfouten; n = 500): R² = 0,74, gecorrigeerde R² = 0,74.'
        """
        k = len(self.coefficients)
        common = dict(outcome=Label(self.outcome, self.labels), k=Int(k), count=k, n=Int(self.n),
                      r2=Num(self.r2, 2))
        if self.kind == "ols":
            out = [t("drivers.model.fit.ols", language, r2_adj=Num(self.r2_adj, 2), **common)]
        elif self.kind == "logit":
            out = [t("drivers.model.fit.logit", language, target=Word(f"drivers.target.{self.target}"), **common)]
        else:
            out = [t("drivers.model.fit.ordinal", language, **common)]
        if self.controls:
            out.append(t("drivers.model.controls", language,
                         controls=Words([Label(c, self.labels) for c in self.controls])))
        drv = self.coefficients[self.coefficients["term"].isin(self.drivers)]
        if len(drv):
            best = drv.loc[drv["std_coef"].abs().idxmax()]
            a = 1 - self.confidence
            sig = int(((drv["p_value"] < a)).sum())
            out.append(t(f"drivers.model.strongest.{self.kind}", language, term=self.term_label(best["term"], language),
                         std=Num(best["std_coef"], 2, sign=True), coef=Num(best["coef"], 3, sign=True),
                         lo=Num(best["ci_low"], 3, sign=True), hi=Num(best["ci_high"], 3, sign=True),
                         level=Level(self.confidence)))
            out.append(t("drivers.model.significant", language, count=len(drv), sig=Int(sig), k=Int(len(drv)),
                         level=Level(self.confidence)))
        high = self.vif.loc[self.vif["high"] & self.vif["term"].isin(self.drivers), "term"].tolist()
        if high:
            out.append(t("drivers.model.vif", language, count=len(high),
                         terms=Words([self.term_label(h, language) for h in high]), threshold=Sig(self.vif_threshold)))
        if self.unused_levels:
            out.append(t("drivers.model.unused", language, count=len(self.unused_levels),
                         levels=Words([Int(v) for v in self.unused_levels])))
        return out

    def model_summary(self):
        """The statsmodels summary of the fit (English, monospace: for Python users, not for reports)."""
        return self.fit.summary()

    def summary_text(self) -> str:
        """A plain-text table of the coefficients and VIFs (for the Python console)."""
        return self.summary().to_string(index=False, float_format=lambda v: f"{v:.4f}")

    def __repr__(self) -> str:  # pragma: no cover - convenience
        return (f"DriverModelResult(kind={self.kind!r}, outcome={self.outcome!r}, n={self.n}, r2={self.r2:.4f})\n"
                f"{self.summary_text()}")

    # -- prediction -----------------------------------------------------------------------------------
    def _param_draws(self, n_sim: int, rng) -> np.ndarray:
        params = np.asarray(self.fit.params, float)
        cov = np.asarray(self.fit.cov_params(), float)
        draws = rng.multivariate_normal(params, cov, size=n_sim, method="eigh")
        return np.vstack([params, draws])

    def _group_shares(self, params: np.ndarray, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Promoter and detractor probability per respondent for each parameter row. Shapes (S, n)."""
        from scipy import special

        if self.kind == "ols":
            eta = params[:, :1] + params[:, 1:] @ X.T
            sigma = float(np.sqrt(self.fit.scale))
            det_max, prom_min = self._cutoffs
            # special.ndtr is what stats.norm.sf / cdf evaluate (the same numbers), without their overhead
            prom = special.ndtr(-((prom_min - 0.5 - eta) / sigma))
            det = special.ndtr((det_max + 0.5 - eta) / sigma)
            return prom, det
        if self.kind == "logit":
            eta = params[:, :1] + params[:, 1:] @ X.T
            share = 1.0 / (1.0 + np.exp(-eta))
            return share, np.zeros_like(share)
        k = X.shape[1]
        b = params[:, :k]
        th = params[:, k:]
        cuts = np.concatenate([th[:, :1], th[:, :1] + np.cumsum(np.exp(th[:, 1:]), axis=1)], axis=1)
        eta = b @ X.T
        levels = self._levels
        # P(Y <= level) for the last detractor level and the level just below promoters
        def cdf_at(value):
            j = np.searchsorted(levels, value, side="right") - 1  # index of highest observed level <= value
            if j < 0:
                return np.zeros_like(eta)
            if j >= len(levels) - 1:
                return np.ones_like(eta)
            return 1.0 / (1.0 + np.exp(-(cuts[:, j:j + 1] - eta)))

        det_max, prom_min = self._cutoffs
        det = cdf_at(det_max)
        prom = 1.0 - cdf_at(prom_min - 1)
        return prom, det

    def scenario(self, drivers=None, delta: float = 1.0, *, n_sim: int = 2000, seed=0,
                 confidence: float | None = None) -> ScenarioResult:
        """Predicted NPS if a driver improves by ``delta`` points for everyone (capped at the scale max).

        For each driver separately: every respondent's score is raised by
        ``delta`` but not above the scale maximum (respondents already at the
        top stay there), the model predicts each respondent's chance of being a
        promoter and a detractor, and the (weighted) average gives the NPS.
        ``ols`` reads the fitted line with its normal residual spread
        (promoter: latent LTR >= 8.5, detractor: <= 6.5); ``ordinal`` uses the
        model's category probabilities; ``logit`` predicts the share of its
        target (promoters or detractors, in percent) instead of an NPS.

        The interval is from simulation: ``n_sim`` draws of all parameters from
        their estimated asymptotic normal distribution (Krinsky-Robb), the
        percentile interval of the change. With more than 50,000 respondents the
        draws are averaged over a fixed random sample of 50,000 of them and the
        interval is centred on the change computed from every respondent (the
        spread comes from the parameters' uncertainty, which the sample carries
        to well within a percent of the interval's width); the point estimates
        always use every row.

        Returns
        -------
        ScenarioResult
            Its ``summary()``: ``driver, delta, quantity, n_can_improve, observed, baseline,
            scenario, change, ci_low, ci_high``. ``quantity`` is ``"nps"``, ``"promoter_share"`` or
            ``"detractor_share"`` (percent); ``observed`` is the sample value, ``baseline`` the model's
            prediction for the data as they are, ``change = scenario - baseline``.
        """
        conf = self.confidence if confidence is None else confidence
        drivers = self.drivers if drivers is None else ([drivers] if isinstance(drivers, str) else list(drivers))
        rng = np.random.default_rng(seed)
        P = self._param_draws(n_sim, rng)
        X0 = self._X.to_numpy(float)
        w = np.ones(len(X0)) if self._w is None else self._w
        w = w / w.sum()
        if self.kind == "logit":
            quantity = f"{self.target}_share"
            observed = 100 * float(w @ self._y)
        else:
            quantity = "nps"
            yv = self._y
            det_max, prom_min = self._cutoffs
            observed = 100 * float(w @ ((yv >= prom_min).astype(float) - (yv <= det_max)))

        def block(params, X, wb):
            prom, det = self._group_shares(params, X)
            return (prom - det) @ wb if self.kind != "logit" else prom @ wb

        def value(params, X, wx=w):
            # in blocks of rows (memory stays at a few arrays of S x rows, whatever n is), two at a time; the
            # blocks are fixed and summed in order, so the numbers do not depend on the threads
            rows = max(1, _SCENARIO_CELLS // len(params))
            starts = range(0, len(X), rows)
            parts = thread_map(lambda i: block(params, X[i:i + rows], wx[i:i + rows]), starts)
            return 100 * np.sum(parts, axis=0)

        sample = None
        if len(X0) > _SCENARIO_SAMPLE:  # the draws over a fixed sample of rows, the estimates over all
            sample = np.sort(np.random.default_rng(rng.integers(2**63)).choice(len(X0), _SCENARIO_SAMPLE,
                                                                               replace=False))
        w_s = None if sample is None else w[sample] / w[sample].sum()
        base = value(P if sample is None else P[:1], X0)
        base_s = None if sample is None else value(P, X0[sample], w_s)
        rows = []
        a = (1 - conf) / 2
        for d in drivers:
            if d not in self.drivers:
                raise ValueError(f"scenario: '{d}' is not a driver of this model ({self.drivers})")
            j = list(self._X.columns).index(d)
            X1 = X0.copy()
            top = self._scale_max[d]
            X1[:, j] = np.minimum(X0[:, j] + delta, np.maximum(top, X0[:, j]))
            if sample is None:
                sc = value(P, X1)
                ch = sc - base
                draws = ch[1:]
            else:
                sc = value(P[:1], X1)
                ch = sc - base
                ch_s = value(P, X1[sample], w_s) - base_s
                draws = ch_s[1:] - ch_s[0] + ch[0]
            lo, hi = np.quantile(draws, [a, 1 - a])
            rows.append({"driver": d, "delta": delta, "quantity": quantity,
                         "n_can_improve": int((X0[:, j] < top).sum()), "observed": observed,
                         "baseline": base[0], "scenario": sc[0], "change": ch[0], "ci_low": lo, "ci_high": hi})
        return ScenarioResult(pd.DataFrame(rows), quantity=quantity, delta=float(delta), n_sim=int(n_sim),
                              confidence=float(conf), outcome=self.outcome, labels=dict(self.labels))



def driver_model(
    data,
    *,
    outcome: str = "ltr",
    drivers=None,
    kind: Literal["ols", "ordinal", "logit"] = "ols",
    weights=None,
    controls=None,
    target: Literal["promoter", "detractor"] = "promoter",
    confidence: float = 0.95,
    vif_threshold: float = 5.0,
    scale_max=None,
    breaks=DEFAULT_BREAKS,
) -> DriverModelResult:
    """Regression of LTR on drivers: OLS, ordered logit or promoter/detractor logit.

    Parameters
    ----------
    data : DataFrame or Study
        One row per response (a Study: its responses; drivers default to its attributes).
    outcome : str
        The 0-10 LTR column.
    drivers : list of str, optional
        Driver columns (numeric scores).
    kind : {"ols", "ordinal", "logit"}
        ``"ols"``: linear regression of the 0-10 score, HC3 robust standard
        errors (WLS with ``weights``). ``"ordinal"``: ordered logit of the score
        (statsmodels ``OrderedModel``); levels nobody used are dropped from the
        thresholds and listed in ``unused_levels``. ``"logit"``: logistic
        regression of ``target`` (promoter: 9-10, detractor: 0-6) vs not.
    weights : str or array, optional
        Survey weights. OLS: WLS with HC3; logit: weighted likelihood with
        sandwich (HC0) standard errors; ordinal: not supported.
    controls : list of str, optional
        Extra columns held constant (numeric, or categorical -> dummies).
    target : {"promoter", "detractor"}
        Logit outcome.
    confidence : float
        Interval level for coefficients and scenarios.
    vif_threshold : float
        A :class:`CollinearityWarning` names drivers whose VIF exceeds it.
    scale_max : float or dict, optional
        Scale maximum for scenarios (default: the study's range, else the observed maximum).
    breaks : (int, int)
        Highest detractor and highest passive score, as in :mod:`nps_research.nps` (default
        ``(6, 8)``): the logit ``target`` and the scenario NPS use these categories.

    Returns
    -------
    DriverModelResult

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"a": rng.integers(1, 11, 500), "b": rng.integers(1, 11, 500)})
    >>> df["ltr"] = np.clip(np.round(2 + 0.5 * df["a"] + 0.2 * df["b"] + rng.normal(0, 1, 500)), 0, 10)
    >>> m = driver_model(df, outcome="ltr", drivers=["a", "b"])
    >>> m.coefficients[["term", "coef"]].round(1)
      term  coef
    0    a   0.5
    1    b   0.2
    >>> float(m.scenario("b").summary()["change"].iloc[0]) > 0
    True
    """
    import statsmodels.api as sm
    from scipy import stats

    if kind not in ("ols", "ordinal", "logit"):
        raise ValueError(f"kind must be 'ols', 'ordinal' or 'logit', not {kind!r}")
    if target not in ("promoter", "detractor"):
        raise ValueError(f"target must be 'promoter' or 'detractor', not {target!r}")
    breaks = check_breaks(breaks)
    det_max, prom_min = breaks[0], breaks[1] + 1
    df, study = _frame(data)
    drivers = _resolve_drivers(drivers, study)
    controls = [] if controls is None else ([controls] if isinstance(controls, str) else list(controls))
    if outcome in drivers or outcome in controls:
        raise ValueError(f"outcome '{outcome}' is also a driver or control")
    Xall, terms = _design(df, drivers, controls)
    yser = _numeric_columns(df, [outcome])[outcome]
    keep = Xall.notna().all(axis=1) & yser.notna()
    X = Xall[keep]
    y = yser[keep].to_numpy(float)
    n = len(y)
    k = X.shape[1]
    if n < k + 2:
        raise StudyDataError(f"driver_model: only {n} complete rows for {k} terms: too few to estimate")
    if n < MIN_ROWS_PER_DRIVER * k:
        warnings.warn(f"driver_model: {n} complete rows for {k} terms (< {MIN_ROWS_PER_DRIVER} per term)",
                      SmallSampleWarning, stacklevel=2)
    w = _weights_array(df, weights, X.index)
    if kind == "ordinal" and w is not None:
        raise ValueError("driver_model: weights are not supported for kind='ordinal' (use 'ols' or 'logit')")
    if kind in ("ordinal", "logit"):
        bad = ~np.isin(y, np.arange(0, 11))
        if bad.any():
            raise StudyDataError([DataProblem("responses", "LTR must be whole numbers 0-10", column=outcome,
                                              rows=row_numbers(df, df.index.get_indexer(X.index[bad])),
                                              n_rows=int(bad.sum()))])
    z = stats.norm.ppf(0.5 + confidence / 2)
    Xc = sm.add_constant(X.to_numpy(float), has_constant="add")
    names = list(X.columns)
    thresholds = None
    unused: list[int] = []
    levels = None
    r2_adj = None
    if kind == "ols":
        fit = (sm.OLS(y, Xc) if w is None else sm.WLS(y, Xc, weights=w)).fit(cov_type="HC3")
        coef, se = fit.params[1:], fit.bse[1:]
        r2, r2_adj = float(fit.rsquared), float(fit.rsquared_adj)
        sdy = np.sqrt(np.cov(y, aweights=w)) if w is not None else y.std(ddof=1)
        sdx = (np.sqrt(np.diag(np.atleast_2d(np.cov(X.to_numpy(float), rowvar=False, aweights=w))))
               if w is not None else X.std(ddof=1).to_numpy())
        std = coef * sdx / sdy
        pval = fit.pvalues[1:]
    elif kind == "logit":
        yy = (y >= prom_min).astype(float) if target == "promoter" else (y <= det_max).astype(float)
        if yy.min() == yy.max():
            raise StudyDataError(f"driver_model: every response is {'a' if yy[0] else 'not a'} {target}; "
                                 "a logit needs both")
        if w is None:
            fit = sm.GLM(yy, Xc, family=sm.families.Binomial()).fit()
        else:
            fit = sm.GLM(yy, Xc, family=sm.families.Binomial(), var_weights=w * len(w) / w.sum()).fit(
                cov_type="HC0")
        coef, se, pval = fit.params[1:], fit.bse[1:], fit.pvalues[1:]
        null = sm.GLM(yy, np.ones((n, 1)), family=sm.families.Binomial(),
                      var_weights=None if w is None else w * len(w) / w.sum()).fit()
        r2 = float(1 - fit.llf / null.llf)
        sdx = _wsd(X.to_numpy(float), w)  # weighted SDs with weights, as the OLS branch
        std = coef * sdx
        y = yy
    else:
        from statsmodels.miscmodels.ordinal_model import OrderedModel

        levels = np.unique(y).astype(int)
        if len(levels) < 3:
            raise StudyDataError(f"driver_model: '{outcome}' takes {len(levels)} values; an ordered logit "
                                 "needs at least 3 (use kind='logit')")
        unused = [v for v in range(levels.min(), levels.max() + 1) if v not in levels]
        model = OrderedModel(pd.Series(y.astype(int)), pd.DataFrame(X.to_numpy(float), columns=names),
                             distr="logit")
        fit = model.fit(method="bfgs", disp=0, maxiter=2000, gtol=1e-8)
        coef, se, pval = (np.asarray(fit.params[:k]), np.asarray(fit.bse[:k]), np.asarray(fit.pvalues[:k]))
        r2 = float(fit.prsquared)
        sdx = X.std(ddof=1).to_numpy()
        std = coef * sdx
        th = np.asarray(fit.params[k:])
        cuts = np.concatenate([[th[0]], th[0] + np.cumsum(np.exp(th[1:]))])
        # delta-method SEs of the cut points from the (first, log-increment) parametrisation
        J = np.zeros((len(th), len(th)))
        J[:, 0] = 1.0
        for i in range(1, len(th)):
            J[i:, i] = np.exp(th[i])
        V = np.asarray(fit.cov_params())[k:, k:]
        cse = np.sqrt(np.diag(J @ V @ J.T))
        thresholds = pd.DataFrame({"between": [f"{a}|{b}" for a, b in zip(levels[:-1], levels[1:])],
                                   "cut": cuts, "se": cse})
    coef, se = np.asarray(coef), np.asarray(se)
    coefs = pd.DataFrame({"term": names, "coef": coef, "se": se, "ci_low": coef - z * se,
                          "ci_high": coef + z * se, "p_value": np.asarray(pval), "std_coef": np.asarray(std)})
    vif = _vif(X.to_numpy(float), w) if k > 1 else np.ones(1)
    vif_df = pd.DataFrame({"term": names, "vif": vif, "high": vif > vif_threshold})
    high = vif_df.loc[vif_df["high"] & vif_df["term"].isin(drivers), "term"].tolist()
    if high:
        warnings.warn(f"driver_model: VIF above {vif_threshold:g} for {high}: these drivers overlap; "
                      "their coefficients are unstable (relative_importance shares importance honestly)",
                      CollinearityWarning, stacklevel=2)
    smax = {d: _scale_max(study, df, d, scale_max) for d in drivers}
    return DriverModelResult(kind=kind, outcome=outcome, drivers=drivers, controls=controls,
                             target=target if kind == "logit" else None, coefficients=coefs,
                             thresholds=thresholds, r2=r2, r2_adj=r2_adj, vif=vif_df, n=n, unused_levels=unused,
                             fit=fit, confidence=confidence, _X=X, _y=y, _w=w, _scale_max=smax,
                             _levels=levels, breaks=breaks, terms=terms, labels=_labels(data),
                             vif_threshold=float(vif_threshold))



@dataclass(repr=False)
class ScenarioResult(Result):
    """Predicted NPS (or promoter / detractor share) if a driver improves for everyone, per driver
    (:meth:`DriverModelResult.scenario`): ``summary()`` the table, ``describe(language)`` the best improvement
    and how the intervals were made, ``table(language)`` the report table."""

    scenarios: pd.DataFrame
    quantity: str = "nps"
    delta: float = 1.0
    n_sim: int = 2000
    confidence: float = 0.95
    outcome: str = "ltr"
    labels: dict[str, str] = field(default_factory=dict)

    def summary(self) -> pd.DataFrame:
        """One row per driver: ``driver, delta, quantity, n_can_improve, observed, baseline, scenario, change,
        ci_low, ci_high``."""
        return self.scenarios.copy()

    def __getitem__(self, column: str) -> pd.Series:
        """Deprecated: a column of :meth:`summary` (``scenario()`` returned a DataFrame before)."""
        _deprecated("scenario()[column]", "scenario().summary()[column]")
        return self.scenarios[column]

    def best(self) -> pd.Series:
        """The row of the driver whose improvement helps most (the largest rise of the NPS or promoter share,
        the largest fall of the detractor share)."""
        s = self.scenarios
        return s.loc[s["change"].idxmin()] if self.quantity == "detractor_share" else s.loc[s["change"].idxmax()]

    def table(self, language: str = "en", **kwargs: Any):
        """Per driver: who can still improve, the predicted value now and after the improvement, the change
        and its interval."""
        s = self.scenarios
        df = pd.DataFrame({"driver": s["driver"], "n_can_improve": s["n_can_improve"],
                           "scenario_baseline": s["baseline"], "scenario_value": s["scenario"],
                           "scenario_change": s["change"], "scenario_ci_low": s["ci_low"],
                           "scenario_ci_high": s["ci_high"]})
        kwargs.setdefault("labels", self.labels)
        if self.quantity != "nps":
            kwargs.setdefault("kinds", {c: "number:1" for c in df.columns[2:]})
        kwargs.setdefault("caption", t(f"drivers.caption.scenario.{self.quantity}", language,
                                       delta=Sig(self.delta), count=self.delta, level=Level(self.confidence)))
        return report_table(df, language=language, **kwargs)

    def describe(self, language: str = "en") -> list[str]:
        """The model's value for the data as they are, the best one-step improvement with its interval, and the
        method of the intervals.

        Examples
        --------
        >>> s = pd.DataFrame({"driver": ["sat_a", "sat_b"], "delta": [1.0, 1.0], "quantity": ["nps", "nps"],
        ...                   "n_can_improve": [90, 80], "observed": [10.0, 10.0], "baseline": [9.8, 9.8],
        ...                   "scenario": [11.8, 14.3], "change": [2.0, 4.5], "ci_low": [1.0, 3.0], "ci_high": [3.0, 6.0]})
        >>> ScenarioResult(s).describe("nl")[1]
        'Als iedereen 1 punt hoger scoort op sat b (tot het maximum van de schaal), stijgt de NPS het meest: met +4,5 punten (95%-interval +3,0 tot +6,0).'
        """
        s = self.scenarios
        first = s.iloc[0]
        q = self.quantity
        out = [t(f"drivers.scen.baseline.{q}", language, baseline=Num(first["baseline"], 1, sign=q == "nps"),
                 observed=Num(first["observed"], 1, sign=q == "nps"))]
        best = self.best()
        clear = bool(best["ci_low"] > 0 or best["ci_high"] < 0)
        values = dict(driver=Label(str(best["driver"]), self.labels), delta=Sig(best["delta"]), count=best["delta"],
                      change=Points(best["change"]), lo=Points(best["ci_low"]), hi=Points(best["ci_high"]),
                      level=Level(self.confidence))
        out.append(t(f"drivers.scen.best.{q}" + ("" if clear else ".unclear"), language, **values))
        out.append(t("drivers.scen.method", language, n_sim=Int(self.n_sim), level=Level(self.confidence)))
        return out


def describe_scenarios(table, language: str = "en") -> str:
    """Deprecated: ``" ".join(scenario.describe(language)[1:2])`` (the best improvement)."""
    _deprecated("describe_scenarios()", "ScenarioResult.describe()")
    res = table if isinstance(table, ScenarioResult) else ScenarioResult(
        table, quantity=str(table["quantity"].iloc[0]))
    return res.describe(language)[1]
