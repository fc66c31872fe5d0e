"""Net Promoter Score: categories, point estimates, intervals, tests and sample sizes.

Conventions
-----------
* Every public output is in **NPS points** (-100 to +100); shares are in **percent**.
* A response is a *detractor* (0 to ``breaks[0]``), a *passive* (up to ``breaks[1]``) or a
  *promoter* (above ``breaks[1]``); the default ``breaks=(6, 8)`` is the standard 0-6 / 7-8 / 9-10.
  Labels exist in English and Dutch, see :data:`LABELS`.
* Missing scores (NaN/None) are left out of every estimate; ``n`` counts the scores used.
* The NPS is the mean of the per-respondent score ``y = +1`` (promoter), ``0`` (passive), ``-1``
  (detractor), times 100. With shares ``p`` (promoters) and ``d`` (detractors) its variance per
  respondent is ``p + d - (p - d)**2`` (the covariance term ``-2 p d`` of the multinomial is
  included; dropping it overstates the variance).

Interval methods (``method=``)
------------------------------
``"adjusted-wald"`` (default)
    Wald interval after adding pseudo-observations ``pseudo=(0.75, 1.5, 0.75)`` to the counts of
    (detractors, passives, promoters): ``n~ = n + 3``, shares from the adjusted counts, interval
    ``nps~ +- z * sqrt(var~ / n~)``. Rocks (2016), *Interval Estimation for the "Net Promoter
    Score"*, The American Statistician 70(4), found this adjusted Wald interval and the score
    interval to have the best coverage of the methods compared, and the adjusted Wald is closed
    form, cheap and never degenerate; hence the default. The reported point estimate ``nps`` is
    always the plain sample NPS; only the interval is centred on the adjusted estimate.
``"wald"``
    ``nps +- z * sqrt((p + d - (p - d)**2) / n)``. Undercovers at small n and collapses to a
    zero-width interval when all respondents are in one group (e.g. all promoters).
``"score"``
    Tango's (1998) score interval for a difference of paired proportions: the NPS is ``p - d``
    of the multinomial (d, passive, p), exactly the difference of the two discordant cells of a
    paired 2x2 table. The limits are the two roots of ``|Z(delta)| = z`` (found by vectorised
    bisection), where ``Z`` uses the restricted maximum-likelihood detractor share.
``"bootstrap"``
    Parametric-equals-nonparametric bootstrap on the counts: resampling n respondents with
    replacement is the same as drawing ``multinomial(n, shares)``, so each of the
    ``n_resamples=10_000`` resamples costs O(1) whatever n is. ``bootstrap_kind="percentile"``
    (default; simple and transformation respecting) or ``"bca"`` (bias-corrected and accelerated,
    Efron 1987, with the jackknife acceleration computed exactly from the three leave-one-out
    values). Seeded by ``seed=`` (default 0) so results are reproducible.
``"bayes"``
    Equal-tailed credible interval of ``theta_promoter - theta_detractor`` under the Dirichlet
    posterior ``Dirichlet(counts + prior)`` with the Jeffreys prior ``prior=(0.5, 0.5, 0.5)`` by
    default (``prior=(1, 1, 1)`` is the uniform prior). Quantiles are Monte Carlo (``n_draws``
    draws, seeded by ``seed=``); ``nps`` stays the sample NPS, the posterior mean and sd are
    available in closed form from :func:`dirichlet_nps_moments`.

Boundaries: ``n = 0`` raises :class:`~nps_research.errors.StudyDataError`; ``n >= 1`` always gives
an interval inside [-100, 100] (limits are clipped) and a :class:`SmallSampleWarning` is issued when
``n`` (or Kish's effective n for weighted data) is below :data:`SMALL_N` = 30.

Weights
-------
With ``weights=`` the NPS is the weighted (ratio) mean of ``y``. The ``"wald"`` standard error is
the Taylor-linearisation (sandwich) standard error a survey package computes for a weighted mean
under a with-replacement design, ``svydesign(ids = ~1, weights = ~w)`` + ``svymean`` in R's
*survey*: ``se**2 = n / (n - 1) * sum(w_i**2 (y_i - ybar)**2) / (sum w)**2``. All other methods
use *effective counts*: Kish's effective sample size ``n_eff = (sum w)**2 / sum(w**2)`` times the
weighted shares, i.e. the unweighted method applied to a sample of size ``n_eff``. The bootstrap
does not support weights (it would have to resample rows).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .errors import DataProblem, StudyDataError

try:  # another module may define the shared warning class; fall back to our own
    from .errors import SmallSampleWarning  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the version of errors.py

    class SmallSampleWarning(UserWarning):
        """An estimate rests on fewer respondents than is sensible to report without caution."""


__all__ = [
    "DEFAULT_BREAKS",
    "DEFAULT_PSEUDO",
    "GROUPS",
    "LABELS",
    "METHODS",
    "SMALL_N",
    "NPSInterval",
    "SmallSampleWarning",
    "categorize",
    "nps",
    "nps_ci",
    "nps_ci_from_counts",
    "nps_counts",
]

#: Upper bounds (inclusive) of detractors and passives on the 0-10 scale.
DEFAULT_BREAKS = (6, 8)
#: Canonical group names, in order (detractor, passive, promoter).
GROUPS = ("detractor", "passive", "promoter")
#: Group labels per language, in the order (detractor, passive, promoter).
LABELS: dict[str, tuple[str, str, str]] = {
    "en": ("detractor", "passive", "promoter"),
    "nl": ("criticaster", "passief", "promotor"),
}
#: Pseudo-observations (detractors, passives, promoters) of the adjusted Wald interval (Rocks 2016).
DEFAULT_PSEUDO = (0.75, 1.5, 0.75)
#: Interval methods of :func:`nps_ci`.
METHODS = ("adjusted-wald", "wald", "score", "bootstrap", "bayes")
#: Below this n (or effective n) estimates come with a :class:`SmallSampleWarning`.
SMALL_N = 30


# --------------------------------------------------------------------------------------------
# categories and counts
# --------------------------------------------------------------------------------------------


def _check_breaks(breaks: Sequence[int]) -> tuple[int, int]:
    try:
        b1, b2 = (int(b) for b in breaks)
    except (TypeError, ValueError):
        raise ValueError(f"breaks must be two whole numbers (detractor max, passive max), got {breaks!r}") from None
    if tuple(breaks) != (b1, b2) or not 0 <= b1 < b2 < 10:
        raise ValueError(f"breaks must be whole numbers with 0 <= breaks[0] < breaks[1] < 10, got {breaks!r}")
    return b1, b2


def _scores_array(scores: Any, name: str = "scores") -> tuple[np.ndarray, pd.Index | None, str]:
    """Validate 0-10 scores; returns float array (NaN = missing), the index (if any) and a name."""
    index = None
    if isinstance(scores, pd.Series):
        index = scores.index
        name = str(scores.name) if scores.name is not None else name
        values = scores.to_numpy(dtype=object, na_value=np.nan)
    else:
        values = np.asarray(scores, dtype=object).ravel() if np.ndim(scores) else np.asarray([scores], dtype=object)
    x = np.full(len(values), np.nan)
    bad = np.zeros(len(values), dtype=bool)
    for i, v in enumerate(values):
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            continue
        if isinstance(v, bool | np.bool_):
            bad[i] = True
            continue
        try:
            f = float(v)
        except (TypeError, ValueError):
            bad[i] = True
            continue
        if math.isnan(f):
            continue
        if not (0 <= f <= 10 and f == round(f)):
            bad[i] = True
            continue
        x[i] = f
    if bad.any():
        pos = np.flatnonzero(bad)
        labels = tuple(index[pos]) if index is not None else tuple(int(p) for p in pos)
        where = "index labels" if index is not None else "0-based positions"
        raise StudyDataError(
            [
                DataProblem(
                    table="scores",
                    column=name,
                    rule=f"likelihood-to-recommend scores must be whole numbers 0-10 (rows are {where})",
                    rows=labels,
                    n_rows=len(pos),
                    examples=tuple(values[pos[:5]]),
                )
            ]
        )
    return x, index, name


def _weights_array(weights: Any, n: int) -> np.ndarray | None:
    if weights is None:
        return None
    w = np.asarray(weights.to_numpy() if isinstance(weights, pd.Series) else weights, dtype=float).ravel()
    if len(w) != n:
        raise ValueError(f"weights has length {len(w)} but scores has length {n}")
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        pos = np.flatnonzero(bad)
        raise StudyDataError(
            [
                DataProblem(
                    table="scores",
                    column="weight",
                    rule="weights must be finite and >= 0 (rows are 0-based positions)",
                    rows=tuple(int(p) for p in pos),
                    n_rows=len(pos),
                )
            ]
        )
    return w


def categorize(scores: Any, breaks: Sequence[int] = DEFAULT_BREAKS, language: str = "en") -> Any:
    """Detractor / passive / promoter category of each 0-10 score.

    Parameters
    ----------
    scores : array-like or Series
        Whole numbers 0-10; NaN/None stay missing.
    breaks : (int, int)
        Highest detractor score and highest passive score (default ``(6, 8)``: 0-6, 7-8, 9-10).
    language : {"en", "nl"}
        Label set from :data:`LABELS`.

    Returns
    -------
    pandas.Categorical or Series
        Ordered categorical (detractor < passive < promoter); a Series with the same index and name
        when ``scores`` is a Series.

    Raises
    ------
    StudyDataError
        If any value is not a whole number 0-10; the message lists the offending positions.

    Examples
    --------
    >>> list(categorize([0, 6, 7, 8, 9, 10]))
    ['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']
    >>> categorize(pd.Series([10, 3], name="ltr"), language="nl").tolist()
    ['promotor', 'criticaster']
    >>> categorize([1, 11, 7.5])
    Traceback (most recent call last):
    ...
    nps_research.errors.StudyDataError: 1 problem in the study data:
      - table 'scores', column 'scores': likelihood-to-recommend scores must be whole numbers 0-10 (rows are 0-based positions) (2 rows: 1, 2); values: 11, 7.5
    """
    if language not in LABELS:
        raise ValueError(f"language must be one of {sorted(LABELS)}, got {language!r}")
    b1, b2 = _check_breaks(breaks)
    x, index, name = _scores_array(scores)
    codes = np.where(np.isnan(x), -1, np.where(x <= b1, 0, np.where(x <= b2, 1, 2))).astype(np.int8)
    cat = pd.Categorical.from_codes(codes, categories=list(LABELS[language]), ordered=True)
    if index is not None:
        return pd.Series(cat, index=index, name=scores.name)
    return cat


def _group_codes(scores: Any, breaks: Sequence[int]) -> np.ndarray:
    """-1 / 0 / +1 per score (NaN for missing)."""
    b1, b2 = _check_breaks(breaks)
    x, _, _ = _scores_array(scores)
    return np.where(np.isnan(x), np.nan, np.where(x <= b1, -1.0, np.where(x <= b2, 0.0, 1.0)))


def _prepare(scores: Any, weights: Any, breaks: Sequence[int]) -> tuple[np.ndarray, np.ndarray | None]:
    y = _group_codes(scores, breaks)
    w = _weights_array(weights, len(y))
    keep = ~np.isnan(y)
    if w is not None:
        keep &= w > 0
        return y[keep], w[keep]
    return y[keep], None


def nps_counts(scores: Any, *, weights: Any = None, breaks: Sequence[int] = DEFAULT_BREAKS) -> np.ndarray:
    """Counts (or weight sums) of (detractors, passives, promoters).

    Examples
    --------
    >>> nps_counts([0, 5, 7, 9, 10, 10]).tolist()
    [2.0, 1.0, 3.0]
    >>> nps_counts([0, 9], weights=[1.0, 3.0]).tolist()
    [1.0, 0.0, 3.0]
    """
    y, w = _prepare(scores, weights, breaks)
    w = np.ones_like(y) if w is None else w
    return np.array([w[y == -1].sum(), w[y == 0].sum(), w[y == 1].sum()])


def nps(scores: Any, weights: Any = None, *, breaks: Sequence[int] = DEFAULT_BREAKS) -> float:
    """Net Promoter Score in points: % promoters - % detractors.

    Parameters
    ----------
    scores : array-like
        0-10 scores; missing values are ignored.
    weights : array-like, optional
        Survey weights (>= 0); the NPS is then the weighted share difference.
    breaks : (int, int)
        See :func:`categorize`.

    Examples
    --------
    >>> nps([10, 9, 8, 7, 3])
    20.0
    >>> nps([10, 0], weights=[3, 1])
    50.0
    """
    y, w = _prepare(scores, weights, breaks)
    if len(y) == 0:
        raise StudyDataError("no valid scores: the NPS of zero respondents is undefined")
    if w is None:
        return float(100 * y.mean())
    return float(100 * np.sum(w * y) / np.sum(w))


# --------------------------------------------------------------------------------------------
# result objects
# --------------------------------------------------------------------------------------------


class _Result:
    """Shared behaviour: a dataclass that also reads as a (one-row) DataFrame."""

    _hidden: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in self._hidden}  # type: ignore[arg-type]

    def to_frame(self) -> pd.DataFrame:
        """The result as a DataFrame: one row (or one row per element for vectorised input)."""
        d = self.to_dict()
        if any(np.ndim(v) > 0 for v in d.values()):
            return pd.DataFrame(d)
        return pd.DataFrame([d])

    def summary(self) -> pd.DataFrame:
        """The result as a table (same as :meth:`to_frame`)."""
        return self.to_frame()

    def _repr_html_(self) -> str:
        return self.to_frame()._repr_html_()

    def __repr__(self) -> str:
        def fmt(v: Any) -> str:
            if isinstance(v, float | np.floating):
                return f"{v:.4g}"
            return repr(v)

        items = ", ".join(f"{k}={fmt(v)}" for k, v in self.to_dict().items())
        return f"{type(self).__name__}({items})"


@dataclass(repr=False)
class NPSInterval(_Result):
    """NPS with its standard error and interval (points) and the group shares (percent).

    ``se`` is the standard error of the method (posterior sd for ``"bayes"``, bootstrap sd for
    ``"bootstrap"``); ``n_eff`` is Kish's effective sample size (equal to ``n`` when unweighted).
    Fields hold arrays when the counts passed to :func:`nps_ci_from_counts` were arrays.
    """

    nps: Any
    se: Any
    ci_low: Any
    ci_high: Any
    n: Any
    method: str
    confidence: float
    detractors_pct: Any
    passives_pct: Any
    promoters_pct: Any
    n_eff: Any = None
    weighted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    _hidden = ("extra",)


# --------------------------------------------------------------------------------------------
# interval engines (vectorised over arrays of counts; proportions scale internally)
# --------------------------------------------------------------------------------------------


def _z(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    return float(stats.norm.ppf(0.5 + confidence / 2))


def _wald(d: np.ndarray, pa: np.ndarray, p: np.ndarray, z: float) -> tuple[np.ndarray, ...]:
    n = d + pa + p
    with np.errstate(invalid="ignore", divide="ignore"):
        ps, ds = p / n, d / n
        est = ps - ds
        se = np.sqrt(np.maximum(ps + ds - est**2, 0.0) / n)
    return est, se, est - z * se, est + z * se


def _check_pseudo(pseudo: Sequence[float]) -> np.ndarray:
    a = np.asarray(pseudo, dtype=float)
    if a.shape != (3,) or not np.all(np.isfinite(a)) or np.any(a < 0):
        raise ValueError(f"pseudo must be three non-negative numbers (detractors, passives, promoters), got {pseudo!r}")
    return a


def _engine(
    d: np.ndarray,
    pa: np.ndarray,
    p: np.ndarray,
    method: str,
    confidence: float,
    *,
    pseudo: Sequence[float],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
    """(se, lo, hi, extra) on the proportion scale, not clipped."""
    z = _z(confidence)
    if method == "wald":
        _, se, lo, hi = _wald(d, pa, p, z)
        return se, lo, hi, {}
    if method == "adjusted-wald":
        a = _check_pseudo(pseudo)
        est, se, lo, hi = _wald(d + a[0], pa + a[1], p + a[2], z)
        return se, lo, hi, {"center": est}
    raise ValueError(f"method must be one of {METHODS}, got {method!r}")


def _as_count_arrays(detractors: Any, passives: Any, promoters: Any) -> tuple[np.ndarray, ...]:
    d, pa, p = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (detractors, passives, promoters)))
    for name, x in (("detractors", d), ("passives", pa), ("promoters", p)):
        if np.any(~np.isfinite(x)) or np.any(x < 0):
            raise ValueError(f"{name} must be finite counts >= 0, got {x!r}")
    n = d + pa + p
    if np.any(n <= 0):
        raise StudyDataError(
            "no respondents (n = 0): an NPS interval needs at least one detractor, passive or promoter"
        )
    return d, pa, p


def _scalar(x: Any) -> Any:
    x = np.asarray(x)
    return x.item() if x.ndim == 0 else x


def _warn_small(n_eff: np.ndarray, what: str = "NPS") -> None:
    small = np.asarray(n_eff) < SMALL_N
    if np.any(small):
        m = float(np.min(n_eff))
        warnings.warn(
            f"{what} rests on n = {m:g} respondents (< {SMALL_N}); the interval is wide and its coverage "
            "approximate",
            SmallSampleWarning,
            stacklevel=3,
        )


def nps_ci_from_counts(
    detractors: Any,
    passives: Any,
    promoters: Any,
    *,
    method: str = "adjusted-wald",
    confidence: float = 0.95,
    pseudo: Sequence[float] = DEFAULT_PSEUDO,
    warn: bool = True,
    _n: Any = None,
    _weighted: bool = False,
) -> NPSInterval:
    """NPS interval from counts of detractors, passives and promoters.

    Parameters
    ----------
    detractors, passives, promoters : float or array-like
        Counts (non-integer counts are accepted, e.g. effective counts of weighted data). Arrays are
        broadcast and every field of the result is then an array (vectorised; used for simulations).
    method : str
        One of :data:`METHODS`; see the module docstring. Default ``"adjusted-wald"``.
    confidence : float
        Confidence level of the two-sided interval.
    pseudo : (float, float, float)
        Pseudo-observations of ``"adjusted-wald"`` (detractors, passives, promoters).
    warn : bool
        Issue a :class:`SmallSampleWarning` when n < :data:`SMALL_N`.

    Returns
    -------
    NPSInterval
        ``nps``, ``se``, ``ci_low``, ``ci_high`` in points (limits clipped to [-100, 100]), ``n``,
        shares in percent.

    Raises
    ------
    StudyDataError
        If n = 0.

    Examples
    --------
    >>> r = nps_ci_from_counts(20, 30, 50, method="wald")
    >>> round(r.nps, 1), round(r.se, 3), round(r.ci_low, 2), round(r.ci_high, 2)
    (30.0, 7.81, 14.69, 45.31)
    >>> r = nps_ci_from_counts(20, 30, 50)
    >>> r.method, round(r.ci_low, 2), round(r.ci_high, 2)
    ('adjusted-wald', 14.05, 44.2)
    >>> r.to_frame()[["nps", "ci_low", "ci_high", "n"]].round(2)
        nps  ci_low  ci_high      n
    0  30.0   14.05     44.2  100.0
    """
    d, pa, p = _as_count_arrays(detractors, passives, promoters)
    n = d + pa + p
    if warn:
        _warn_small(n)
    se, lo, hi, extra = _engine(d, pa, p, method, confidence, pseudo=pseudo)
    est = (p - d) / n
    return NPSInterval(
        nps=_scalar(100 * est),
        se=_scalar(100 * se),
        ci_low=_scalar(np.clip(100 * lo, -100, 100)),
        ci_high=_scalar(np.clip(100 * hi, -100, 100)),
        n=_scalar(n if _n is None else _n),
        method=method,
        confidence=confidence,
        detractors_pct=_scalar(100 * d / n),
        passives_pct=_scalar(100 * pa / n),
        promoters_pct=_scalar(100 * p / n),
        n_eff=_scalar(n),
        weighted=_weighted,
        extra={k: _scalar(100 * v) if isinstance(v, np.ndarray) else v for k, v in extra.items()},
    )


def _taylor_se(y: np.ndarray, w: np.ndarray) -> float:
    """Linearisation SE of the weighted mean sum(w y)/sum(w), with-replacement design (as R survey)."""
    n = len(y)
    if n < 2:
        return float("nan")
    sw = w.sum()
    ybar = np.sum(w * y) / sw
    u = w * (y - ybar) / sw
    return float(np.sqrt(n / (n - 1) * np.sum(u**2)))


def nps_ci(
    scores: Any,
    *,
    weights: Any = None,
    method: str = "adjusted-wald",
    confidence: float = 0.95,
    breaks: Sequence[int] = DEFAULT_BREAKS,
    pseudo: Sequence[float] = DEFAULT_PSEUDO,
    warn: bool = True,
) -> NPSInterval:
    """NPS with standard error and confidence interval from 0-10 scores.

    Parameters
    ----------
    scores : array-like
        0-10 scores; missing values are ignored.
    weights : array-like, optional
        Survey weights. ``"wald"`` then uses the Taylor-linearisation SE of the weighted mean (as R
        ``survey::svymean``); other methods use effective counts ``n_eff * weighted shares``.
    method, confidence, pseudo, warn
        See :func:`nps_ci_from_counts`.
    breaks : (int, int)
        See :func:`categorize`.

    Returns
    -------
    NPSInterval

    Examples
    --------
    >>> scores = [10] * 50 + [8] * 30 + [3] * 20
    >>> r = nps_ci(scores, method="wald")
    >>> round(r.nps, 1), round(r.ci_low, 2), round(r.ci_high, 2), r.n
    (30.0, 14.69, 45.31, 100)
    >>> r = nps_ci(scores, weights=[1.0] * 50 + [2.0] * 50, method="wald")
    >>> round(r.nps, 2), round(r.n_eff, 1)
    (6.67, 90.0)
    """
    y, w = _prepare(scores, weights, breaks)
    n = len(y)
    if n == 0:
        raise StudyDataError("no valid scores (n = 0): an NPS interval needs at least one respondent")
    if w is None:
        counts = np.array([np.sum(y == -1), np.sum(y == 0), np.sum(y == 1)], dtype=float)
        res = nps_ci_from_counts(*counts, method=method, confidence=confidence, pseudo=pseudo, warn=False,
                                 _n=n)
        if warn:
            _warn_small(np.array(n))
        return res
    sw = w.sum()
    shares = np.array([w[y == -1].sum(), w[y == 0].sum(), w[y == 1].sum()]) / sw
    n_eff = sw**2 / np.sum(w**2)
    if warn:
        _warn_small(np.array(n_eff))
    if method == "bootstrap":
        raise ValueError("method='bootstrap' does not support weights; use 'wald' (Taylor linearisation) or "
                         "'adjusted-wald'")
    res = nps_ci_from_counts(*(n_eff * shares), method=method, confidence=confidence, pseudo=pseudo, warn=False,
                             _n=n, _weighted=True)
    if method == "wald" and n >= 2:
        z = _z(confidence)
        est = shares[2] - shares[0]
        se = _taylor_se(y, w)
        res.se = 100 * se
        res.ci_low = float(np.clip(100 * (est - z * se), -100, 100))
        res.ci_high = float(np.clip(100 * (est + z * se), -100, 100))
    res.n_eff = float(n_eff)
    return res
