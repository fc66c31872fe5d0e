"""Net Promoter Score: categories, point estimates, intervals, tests and sample sizes.

Conventions
-----------
* Every public output is in **NPS points** (-100 to +100); shares are in **percent**.
* A response is a *detractor* (0 to ``breaks[0]``), a *passive* (up to ``breaks[1]``) or a
  *promoter* (above ``breaks[1]``); the default ``breaks=(6, 8)`` is the standard 0-6 / 7-8 / 9-10.
  Labels exist in English and Dutch (the words of :mod:`nps_research.text`), see :data:`LABELS`.
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

Coverage (``tests/nps/test_nps_coverage.py``, exact enumeration over all count triples for n = 30, 100,
500 and six share triples): adjusted Wald and score 0.942-0.966 everywhere; Wald 0.84-0.94 at n = 30
(worst near the boundary, e.g. 90% promoters), 0.945-0.95 at n = 500; Bayes (Jeffreys) 0.939-0.958;
percentile bootstrap undercovers like Wald at n = 30 near the boundary, BCa 0.93-0.965.

Boundaries: ``n = 0`` raises :class:`~nps_research.errors.StudyDataError`; ``n >= 1`` always gives
an interval inside [-100, 100] (limits are clipped) and a :class:`SmallSampleWarning` is issued when
``n`` (or Kish's effective n for weighted data) is below :data:`SMALL_N` = 30. When every respondent
is in one group (e.g. all promoters) the Wald and bootstrap intervals collapse to a single point;
adjusted Wald, score and Bayes give a proper interval (e.g. 12 promoters out of 12: adjusted Wald
[54.2, 100], score [51.5, 100]).

Tests (:func:`nps_test`, :func:`nps_test_from_counts`, :func:`nps_vs_benchmark`)
----------------------------------------------------------------------------------
z tests with the SE of the chosen method (``"adjusted-wald"`` default, ``"wald"``; the benchmark test
also ``"score"``). For two independent samples the adjusted Wald adds ``pseudo`` to each sample;
its coverage for the difference is 0.94-0.965 in simulations and it is conservative when both
samples are tiny and near +-100 (then Wald's SE is 0 or nearly so). Paired samples test the
per-person differences (see :func:`nps_test`). Planning: :func:`nps_sample_size` and
:func:`nps_detectable_difference` (Wald formulas, shares in percent).

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
from .results import Result
from .text import LANGUAGES, Level, Num, P, Points, Word, category, check_language, t

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
    "NPSBenchmarkTest",
    "NPSInterval",
    "NPSTest",
    "SmallSampleWarning",
    "benchmark_sentence",
    "categorize",
    "dirichlet_nps_moments",
    "headline_sentence",
    "interval_headers",
    "nps",
    "nps_ci",
    "nps_ci_from_counts",
    "nps_counts",
    "nps_detectable_difference",
    "nps_sample_size",
    "nps_test",
    "nps_test_from_counts",
    "nps_vs_benchmark",
]

#: Upper bounds (inclusive) of detractors and passives on the 0-10 scale.
DEFAULT_BREAKS = (6, 8)
#: Canonical group names, in order (detractor, passive, promoter).
GROUPS = ("detractor", "passive", "promoter")
#: Group labels per language, in the order (detractor, passive, promoter): the words of the text layer.
LABELS: dict[str, tuple[str, str, str]] = {
    lang: tuple(category(g, lang) for g in GROUPS) for lang in LANGUAGES  # type: ignore[misc]
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
        if pd.api.types.is_numeric_dtype(scores.dtype) and not pd.api.types.is_bool_dtype(scores.dtype):
            values = scores.to_numpy(dtype=float, na_value=np.nan)
        else:
            values = scores.to_numpy(dtype=object, na_value=np.nan)
    else:
        values = np.asarray(scores)
        values = values.ravel() if values.ndim else values.reshape(1)
    if values.dtype.kind in "iuf":  # fast path: plain numbers
        x = values.astype(float)
        with np.errstate(invalid="ignore"):
            bad = ~np.isnan(x) & ((x < 0) | (x > 10) | (x != np.round(x)))
        x = np.where(bad, np.nan, x)
    else:  # strings, objects, booleans: element by element
        values = values.astype(object)
        x = np.full(len(values), np.nan)
        bad = np.zeros(len(values), dtype=bool)
        for i, v in enumerate(values):
            if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
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
                    examples=tuple(v.item() if isinstance(v, np.generic) else v for v in values[pos[:5]]),
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
      - table 'scores', column 'scores': likelihood-to-recommend scores must be whole numbers 0-10 (rows are 0-based positions) (2 rows: 1, 2); values: 11.0, 7.5
    """
    check_language(language)
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


class _Result(Result):
    """Shared behaviour: a dataclass that also reads as a (one-row) DataFrame and follows the results
    contract of :mod:`nps_research.results` (``summary()``, ``describe(language)``, ``table(language)``)."""

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

    def _scalar_result(self) -> None:
        if any(np.ndim(v) > 0 for v in self.to_dict().values()):
            raise ValueError(f"describe() describes one {type(self).__name__}; this one holds arrays (vectorised "
                             "counts): describe its elements one by one")

    def table(self, language: str = "en", **kwargs: Any):
        kwargs.setdefault("headers", interval_headers(getattr(self, "confidence", 0.95), language))
        return super().table(language, **kwargs)

    def _repr_html_(self) -> str:
        try:
            return super()._repr_html_()
        except ValueError:  # vectorised result: no sentences
            return self.to_frame()._repr_html_()

    def __repr__(self) -> str:
        def short(v: Any) -> str:
            if isinstance(v, float | np.floating):
                return f"{v:.4g}"
            return repr(v)

        items = ", ".join(f"{k}={short(v)}" for k, v in self.to_dict().items())
        return f"{type(self).__name__}({items})"


def interval_headers(confidence: float, language: str = "en") -> dict[str, str]:
    """Headers of the ``ci_low`` / ``ci_high`` columns that name the level (``ondergrens (95%)``).

    Examples
    --------
    >>> interval_headers(0.9, "nl")
    {'ci_low': 'ondergrens (90%)', 'ci_high': 'bovengrens (90%)'}
    """
    level = Level(confidence)
    return {"ci_low": t("nps.ci_low_level", language, level=level),
            "ci_high": t("nps.ci_high_level", language, level=level)}


def headline_sentence(*, nps: float, ci_low: float, ci_high: float, n: int, confidence: float = 0.95,
                      weighted: bool = False, n_eff: float | None = None, answers: Any = None,
                      language: str = "en") -> str:
    """The one headline sentence of an NPS: estimate, interval and n, in the report language.

    Every page that states a headline NPS writes it with this function (through
    :meth:`NPSInterval.describe` or :func:`nps_research.segments.describe_headline`), so the same
    numbers always read the same. A weighted NPS says so and gives Kish's effective n; ``answers``
    (a phrase such as ``Word("nps.answers.relational")`` or a string in the report language) says which
    answers the figure covers.

    Examples
    --------
    >>> headline_sentence(nps=3.84, ci_low=-0.5, ci_high=8.1, n=1234, language="nl")
    'De NPS is +3,8 (95%-interval -0,5 tot +8,1; n = 1.234).'
    >>> headline_sentence(nps=3.9, ci_low=-0.5, ci_high=8.1, n=1234, weighted=True, n_eff=987.4,
    ...                   answers=Word("nps.answers.relational"), language="nl")
    'De gewogen NPS van de relationele antwoorden is +3,9 (95%-interval -0,5 tot +8,1; n = 1.234, effectieve n = 987).'
    >>> headline_sentence(nps=3.9, ci_low=-0.5, ci_high=8.1, n=1234, answers=Word("nps.answers.all"))
    'The NPS of all answers is +3.9 (95% interval -0.5 to +8.1; n = 1,234).'
    """
    key = "nps.headline" + ("_weighted" if weighted else "") + ("_of" if answers is not None else "")
    values = dict(nps=Points(nps), low=Points(ci_low), high=Points(ci_high), n=int(n), level=Level(confidence))
    if weighted:
        values["n_eff"] = Num(n if n_eff is None else n_eff, 0)
    if answers is not None:
        values["answers"] = answers
    return t(key, language, **values)


@dataclass(repr=False)
class NPSInterval(_Result):
    """NPS with its standard error and interval (points) and the group shares (percent).

    ``se`` is the standard error of the method: the Wald SE for ``"wald"`` and ``"score"`` (the score
    interval has no SE of its own), the SE from the adjusted counts for ``"adjusted-wald"``, the sd of
    the resampled NPS for ``"bootstrap"`` and the posterior sd for ``"bayes"``. ``n_eff`` is Kish's
    effective sample size (equal to ``n`` when unweighted). ``extra`` holds method details (the
    adjusted centre, the posterior mean, the seed) and is not part of :meth:`to_frame`.
    Fields hold arrays when the counts passed to :func:`nps_ci_from_counts` were arrays.

    ``describe(language)`` gives the headline paragraph (:func:`headline_sentence`, the shares, the
    interval method and a caution below ``min_n``); ``table(language)`` the report table.

    Examples
    --------
    >>> r = nps_ci_from_counts(20, 30, 50)
    >>> r.describe("nl")[:2]
    ['De NPS is +30,0 (95%-interval +14,1 tot +44,2; n = 100).', '50,0% promotors, 30,0% passieven en 20,0% criticasters.']
    >>> r.table("nl")
      n % promotors % passieven % criticasters   NPS ondergrens (95%) bovengrens (95%)
    100        50,0        30,0           20,0 +30,0            +14,1            +44,2
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
    report_columns = ("n", "promoters_pct", "passives_pct", "detractors_pct", "nps", "ci_low", "ci_high")

    def table(self, language: str = "en", **kwargs: Any):
        """The report table: n (and the effective n when weighted), shares, NPS and interval."""
        if self.weighted:
            kwargs.setdefault("columns", ["n", "n_eff", *self.report_columns[1:]])
        return super().table(language, **kwargs)

    def describe(self, language: str = "en", *, answers: Any = None, min_n: int = SMALL_N,
                 method: bool = True) -> list[str]:
        """Headline sentence, category shares, the interval method (``method=True``) and a caution when
        n (the effective n when weighted) is below ``min_n``; ``answers`` as in :func:`headline_sentence`."""
        self._scalar_result()
        n = int(self.n)
        n_eff = float(self.n_eff) if self.n_eff is not None else float(n)
        shares = dict(promoters=Num(self.promoters_pct), passives=Num(self.passives_pct),
                      detractors=Num(self.detractors_pct))
        out = [
            headline_sentence(nps=self.nps, ci_low=self.ci_low, ci_high=self.ci_high, n=n,
                              confidence=self.confidence, weighted=bool(self.weighted), n_eff=n_eff,
                              answers=answers, language=language),
            t("nps.shares_weighted" if self.weighted else "shares", language, **shares),
        ]
        if method:
            out.append(t("method_note", language, method=Word(f"method.{self.method}")))
        if self.weighted and n_eff < min_n:
            out.append(t("nps.small_n_eff", language, n=Num(n_eff, 0), min_n=int(min_n)))
        elif not self.weighted and n < min_n:
            out.append(t("small_n", language, n=n, min_n=int(min_n)))
        return out


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


def _tango_z(delta: np.ndarray, b: np.ndarray, c: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Tango's score statistic for H0: p_c - p_b = delta (b, c the discordant counts; here b =
    detractors, c = promoters), with the restricted MLE of p_b. Decreasing in delta."""
    pa = 2 * n
    pb = -b - c + (2 * n - c + b) * delta
    pc = -b * delta * (1 - delta)
    with np.errstate(invalid="ignore", divide="ignore"):
        q21 = (np.sqrt(np.maximum(pb**2 - 4 * pa * pc, 0.0)) - pb) / (2 * pa)
        var = n * np.maximum(2 * q21 + delta * (1 - delta), 0.0)
        return (c - b - n * delta) / np.sqrt(var)


def _score_interval(d: np.ndarray, p: np.ndarray, n: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Tango score interval by vectorised bisection on each side of the estimate."""
    est = (p - d) / n
    # upper limit: Z(delta) = -z on (est, 1]; Z is decreasing, NaN only where the limit is 1 itself
    lo, hi = est.copy(), np.ones_like(est)
    for _ in range(50):
        mid = (lo + hi) / 2
        inside = _tango_z(mid, d, p, n) > -z
        lo, hi = np.where(inside, mid, lo), np.where(inside, hi, mid)
    upper = np.where(p >= n, 1.0, (lo + hi) / 2)
    lo, hi = -np.ones_like(est), est.copy()
    for _ in range(50):
        mid = (lo + hi) / 2
        inside = _tango_z(mid, d, p, n) < z
        lo, hi = np.where(inside, lo, mid), np.where(inside, mid, hi)
    lower = np.where(d >= n, -1.0, (lo + hi) / 2)
    return lower, upper


def _integer_counts(*xs: np.ndarray) -> tuple[np.ndarray, ...]:
    out = []
    for x in xs:
        r = np.rint(x)
        if np.any(np.abs(x - r) > 1e-9):
            raise ValueError("method='bootstrap' needs whole-number counts (it redraws respondents)")
        out.append(r.astype(np.int64))
    return tuple(out)


def _bootstrap_draws(d: np.ndarray, pa: np.ndarray, p: np.ndarray, n_resamples: int, seed: Any) -> np.ndarray:
    """NPS (proportion scale) of ``n_resamples`` multinomial resamples per count triple.

    Resampling n respondents with replacement = multinomial(n, observed shares), drawn as
    promoters ~ Binomial(n, p/n), detractors | promoters ~ Binomial(n - promoters, d/(n - p)).
    Returns shape ``d.shape + (n_resamples,)``.
    """
    di, pai, pi_ = _integer_counts(d, pa, p)
    n = di + pai + pi_
    rng = np.random.default_rng(seed)
    shape = n.shape + (n_resamples,)
    nb = np.broadcast_to(n[..., None], shape)
    prom = rng.binomial(nb, np.broadcast_to((pi_ / n)[..., None], shape))
    rest = n - pi_
    with np.errstate(invalid="ignore", divide="ignore"):
        pd_ = np.where(rest > 0, di / np.maximum(rest, 1), 0.0)
    det = rng.binomial(nb - prom, np.broadcast_to(pd_[..., None], shape))
    return (prom - det) / nb


def _bca_acceleration(d: np.ndarray, pa: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Jackknife acceleration of the NPS from the three distinct leave-one-out values."""
    n = d + pa + p
    with np.errstate(invalid="ignore", divide="ignore"):
        loo = np.stack([(p - d + 1) / (n - 1), (p - d) / (n - 1), (p - d - 1) / (n - 1)], axis=-1)
        mult = np.stack([d, pa, p], axis=-1)
        mean = np.sum(mult * loo, axis=-1) / n
        u = mean[..., None] - loo
        num = np.sum(mult * u**3, axis=-1)
        den = 6 * np.sum(mult * u**2, axis=-1) ** 1.5
        a = num / den
    return np.where((n > 1) & (den > 0), a, 0.0)


def _bootstrap_interval(
    d: np.ndarray, pa: np.ndarray, p: np.ndarray, confidence: float, kind: str, n_resamples: int, seed: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    alpha = 1 - confidence
    draws = _bootstrap_draws(d, pa, p, n_resamples, seed)
    se = draws.std(axis=-1, ddof=1)
    if kind == "percentile":
        q = np.quantile(draws, [alpha / 2, 1 - alpha / 2], axis=-1)
        return se, q[0], q[1]
    if kind != "bca":
        raise ValueError(f"bootstrap_kind must be 'percentile' or 'bca', got {kind!r}")
    n = d + pa + p
    est = (p - d) / n
    # share of resamples below the estimate, ties counted half (as scipy.stats.bootstrap)
    below = (np.sum(draws < est[..., None], axis=-1) + np.sum(draws <= est[..., None], axis=-1)) / 2
    z0 = stats.norm.ppf(below / n_resamples)
    z0 = np.where(np.isfinite(z0), z0, 0.0)
    a = _bca_acceleration(d, pa, p)
    out = []
    for q in (alpha / 2, 1 - alpha / 2):
        zq = stats.norm.ppf(q)
        level = stats.norm.cdf(z0 + (z0 + zq) / (1 - a * (z0 + zq)))
        out.append(_quantile_per_row(draws, level))
    return se, out[0], out[1]


def _quantile_per_row(draws: np.ndarray, level: np.ndarray) -> np.ndarray:
    """Linear-interpolation quantile of each row of ``draws`` at its own level (numpy's default)."""
    srt = np.sort(draws, axis=-1)
    m = srt.shape[-1]
    h = np.clip(level, 0, 1) * (m - 1)
    lo = np.floor(h).astype(np.int64)
    hi = np.minimum(lo + 1, m - 1)
    frac = h - lo
    a = np.take_along_axis(srt, lo[..., None], axis=-1)[..., 0]
    b = np.take_along_axis(srt, hi[..., None], axis=-1)[..., 0]
    return a + frac * (b - a)


def _check_prior(prior: Sequence[float]) -> np.ndarray:
    a = np.asarray(prior, dtype=float)
    if a.shape != (3,) or not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise ValueError(f"prior must be three positive Dirichlet parameters (detractors, passives, promoters), "
                         f"got {prior!r}")
    return a


def dirichlet_nps_moments(
    detractors: Any, passives: Any, promoters: Any, *, prior: Sequence[float] = (0.5, 0.5, 0.5)
) -> tuple[Any, Any]:
    """Posterior mean and sd (points) of the NPS under ``Dirichlet(counts + prior)``.

    With ``a = counts + prior`` and ``a0 = sum(a)``, the NPS ``theta_p - theta_d`` has mean
    ``(a_p - a_d) / a0`` and variance
    ``(a_p (a0 - a_p) + a_d (a0 - a_d) + 2 a_p a_d) / (a0**2 (a0 + 1))``.

    Examples
    --------
    >>> m, s = dirichlet_nps_moments(0, 0, 0, prior=(1, 1, 1))
    >>> round(m, 6), round(s, 4)
    (0.0, 40.8248)
    """
    a = _check_prior(prior)
    ad, ap_, ap = (np.asarray(x, dtype=float) + a[i] for i, x in enumerate((detractors, passives, promoters)))
    a0 = ad + ap_ + ap
    mean = (ap - ad) / a0
    var = (ap * (a0 - ap) + ad * (a0 - ad) + 2 * ap * ad) / (a0**2 * (a0 + 1))
    return _scalar(100 * mean), _scalar(100 * np.sqrt(var))


def _bayes_interval(
    d: np.ndarray, pa: np.ndarray, p: np.ndarray, confidence: float, prior: Sequence[float], n_draws: int, seed: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    a = _check_prior(prior)
    rng = np.random.default_rng(seed)
    shape = d.shape + (n_draws,)
    g = [rng.gamma(np.broadcast_to((x + a[i])[..., None], shape)) for i, x in enumerate((d, pa, p))]
    draws = (g[2] - g[0]) / (g[0] + g[1] + g[2])
    alpha = 1 - confidence
    q = np.quantile(draws, [alpha / 2, 1 - alpha / 2], axis=-1)
    mean, sd = dirichlet_nps_moments(d, pa, p, prior=prior)
    return np.asarray(sd) / 100, q[0], q[1], np.asarray(mean) / 100


def _engine(
    d: np.ndarray,
    pa: np.ndarray,
    p: np.ndarray,
    method: str,
    confidence: float,
    *,
    pseudo: Sequence[float] = DEFAULT_PSEUDO,
    bootstrap_kind: str = "percentile",
    n_resamples: int = 10_000,
    prior: Sequence[float] = (0.5, 0.5, 0.5),
    n_draws: int = 20_000,
    seed: Any = 0,
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
    if method == "score":
        n = d + pa + p
        _, se, _, _ = _wald(d, pa, p, z)
        lo, hi = _score_interval(d, p, n, z)
        return se, lo, hi, {}
    if method == "bootstrap":
        if int(n_resamples) < 100:
            raise ValueError(f"n_resamples must be at least 100, got {n_resamples!r}")
        se, lo, hi = _bootstrap_interval(d, pa, p, confidence, bootstrap_kind, int(n_resamples), seed)
        return se, lo, hi, {"bootstrap_kind": bootstrap_kind, "n_resamples": int(n_resamples), "seed": seed}
    if method == "bayes":
        if int(n_draws) < 100:
            raise ValueError(f"n_draws must be at least 100, got {n_draws!r}")
        se, lo, hi, mean = _bayes_interval(d, pa, p, confidence, prior, int(n_draws), seed)
        return se, lo, hi, {"posterior_mean": mean, "prior": tuple(float(x) for x in prior), "seed": seed}
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
    bootstrap_kind: str = "percentile",
    n_resamples: int = 10_000,
    prior: Sequence[float] = (0.5, 0.5, 0.5),
    n_draws: int = 20_000,
    seed: Any = 0,
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
    bootstrap_kind : {"percentile", "bca"}
        Bootstrap interval type (``method="bootstrap"``).
    n_resamples : int
        Bootstrap resamples (``method="bootstrap"``).
    prior : (float, float, float)
        Dirichlet prior of ``method="bayes"``; default Jeffreys ``(0.5, 0.5, 0.5)``.
    n_draws : int
        Posterior draws of ``method="bayes"``.
    seed : int or numpy Generator seed
        Random seed of the bootstrap and Bayes methods (results are reproducible).
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
    se, lo, hi, extra = _engine(d, pa, p, method, confidence, pseudo=pseudo, bootstrap_kind=bootstrap_kind,
                                n_resamples=n_resamples, prior=prior, n_draws=n_draws, seed=seed)
    if warn:
        _warn_small(n)
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
        extra={k: _scalar(100 * v) if k in ("center", "posterior_mean") else v for k, v in extra.items()},
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
    bootstrap_kind: str = "percentile",
    n_resamples: int = 10_000,
    prior: Sequence[float] = (0.5, 0.5, 0.5),
    n_draws: int = 20_000,
    seed: Any = 0,
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
    method, confidence, pseudo, bootstrap_kind, n_resamples, prior, n_draws, seed, warn
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
    kw = dict(method=method, confidence=confidence, pseudo=pseudo, bootstrap_kind=bootstrap_kind,
              n_resamples=n_resamples, prior=prior, n_draws=n_draws, seed=seed)
    y, w = _prepare(scores, weights, breaks)
    n = len(y)
    if n == 0:
        raise StudyDataError("no valid scores (n = 0): an NPS interval needs at least one respondent")
    if w is None:
        counts = np.array([np.sum(y == -1), np.sum(y == 0), np.sum(y == 1)], dtype=float)
        res = nps_ci_from_counts(*counts, warn=False, _n=n, **kw)
        if warn:
            _warn_small(np.array(n))
        return res
    sw = w.sum()
    shares = np.array([w[y == -1].sum(), w[y == 0].sum(), w[y == 1].sum()]) / sw
    n_eff = sw**2 / np.sum(w**2)
    if method == "bootstrap":
        raise ValueError("method='bootstrap' does not support weights; use 'wald' (Taylor linearisation) or "
                         "'adjusted-wald'")
    res = nps_ci_from_counts(*(n_eff * shares), warn=False, _n=n, _weighted=True, **kw)
    if method == "wald" and n >= 2:
        z = _z(confidence)
        est = shares[2] - shares[0]
        se = _taylor_se(y, w)
        res.se = 100 * se
        res.ci_low = float(np.clip(100 * (est - z * se), -100, 100))
        res.ci_high = float(np.clip(100 * (est + z * se), -100, 100))
    res.n_eff = float(n_eff)
    if warn:
        _warn_small(np.array(n_eff))
    return res


# --------------------------------------------------------------------------------------------
# tests
# --------------------------------------------------------------------------------------------

TEST_METHODS = ("adjusted-wald", "wald")
ALTERNATIVES = ("two-sided", "greater", "less")


@dataclass(repr=False)
class NPSTest(_Result):
    """Difference of two NPS (a - b, points) with its test and confidence interval.

    ``difference`` is the plain difference of the sample NPS; for ``"adjusted-wald"`` the statistic
    and interval are centred on the difference of the adjusted estimates (``center``), so that
    ``p_value < 1 - confidence`` exactly when the two-sided interval excludes 0.
    """

    difference: Any
    se: Any
    statistic: Any
    p_value: Any
    ci_low: Any
    ci_high: Any
    n_a: Any
    n_b: Any
    nps_a: Any
    nps_b: Any
    center: Any
    method: str
    paired: bool
    alternative: str
    confidence: float

    report_columns = ("n_a", "n_b", "nps_a", "nps_b", "difference", "ci_low", "ci_high", "p_value")

    def describe(self, language: str = "en", alpha: float = 0.05) -> list[str]:
        """One sentence: do the two NPS differ (two-sided) or is the first higher / lower (one-sided)?

        Examples
        --------
        >>> nps_test([10] * 60 + [3] * 40, [10] * 40 + [3] * 60, method="wald").describe("nl")
        ['De NPS verschilt significant tussen de twee steekproeven: +20,0 tegenover -20,0, een verschil van +40,0 punten (95%-interval +12,8 tot +67,2; p = 0,004).']
        """
        self._scalar_result()
        significant = bool(self.p_value < alpha)
        if self.alternative == "two-sided":
            key = "differ" if significant else "same"
        elif self.alternative == "greater":
            key = "higher" if significant else "not_higher"
        else:
            key = "lower" if significant else "not_lower"
        return [t(f"nps.test.{key}", language, what=Word("nps.test.waves" if self.paired else "nps.test.samples"),
                  a=Points(self.nps_a), b=Points(self.nps_b), diff=Points(self.difference),
                  level=Level(self.confidence), low=Points(self.ci_low), high=Points(self.ci_high),
                  p=P(self.p_value, "p"))]


def _p_value(stat: np.ndarray, alternative: str) -> np.ndarray:
    if alternative == "two-sided":
        return 2 * stats.norm.sf(np.abs(stat))
    if alternative == "greater":
        return stats.norm.sf(stat)
    if alternative == "less":
        return stats.norm.cdf(stat)
    raise ValueError(f"alternative must be one of {ALTERNATIVES}, got {alternative!r}")


def _ci_for(center: np.ndarray, se: np.ndarray, confidence: float, alternative: str, lo_b: float, hi_b: float):
    """Interval matching the test: two-sided, or one-sided bound at ``confidence``."""
    if alternative == "two-sided":
        z = _z(confidence)
        return np.clip(center - z * se, lo_b, hi_b), np.clip(center + z * se, lo_b, hi_b)
    z = float(stats.norm.ppf(confidence))
    if alternative == "greater":
        return np.clip(center - z * se, lo_b, hi_b), np.full_like(center, hi_b)
    return np.full_like(center, lo_b), np.clip(center + z * se, lo_b, hi_b)


def _check_test_method(method: str) -> None:
    if method not in TEST_METHODS:
        raise ValueError(f"tests support method in {TEST_METHODS}, got {method!r}")


def _sample_stats(d, pa, p, method, pseudo):
    """(estimate, centre, variance of the centre) on the proportion scale, vectorised."""
    n = d + pa + p
    est = (p - d) / n
    if method == "adjusted-wald":
        a = _check_pseudo(pseudo)
        d, pa, p = d + a[0], pa + a[1], p + a[2]
    m = d + pa + p
    c = (p - d) / m
    var = np.maximum(p / m + d / m - c**2, 0.0) / m
    return est, c, var


def _counts_matrix(counts: Any, name: str) -> np.ndarray:
    c = np.asarray(counts, dtype=float)
    if c.shape[-1:] != (3,):
        raise ValueError(f"{name} must have 3 counts (detractors, passives, promoters) on its last axis, "
                         f"got shape {c.shape}")
    if np.any(~np.isfinite(c)) or np.any(c < 0):
        raise ValueError(f"{name} must be finite counts >= 0")
    if np.any(c.sum(axis=-1) <= 0):
        raise StudyDataError(f"{name}: no respondents (n = 0) in at least one sample")
    return c


def nps_test_from_counts(
    counts_a: Any,
    counts_b: Any,
    *,
    method: str = "adjusted-wald",
    confidence: float = 0.95,
    alternative: str = "two-sided",
    pseudo: Sequence[float] = DEFAULT_PSEUDO,
    warn: bool = True,
) -> NPSTest:
    """Test the difference of two independent NPS from counts (detractors, passives, promoters).

    z test: ``(nps_a - nps_b) / sqrt(var_a / n_a + var_b / n_b)`` with ``var = p + d - (p - d)**2``
    (``"wald"``, as ``nps.test`` in Rocks' R package NPS), or the same on the counts plus
    ``pseudo`` pseudo-observations per sample (``"adjusted-wald"``, default; statistic and interval
    centred on the adjusted difference).

    Parameters
    ----------
    counts_a, counts_b : array-like, shape (..., 3)
        Counts of (detractors, passives, promoters); leading axes are vectorised.
    method : {"adjusted-wald", "wald"}
    confidence : float
    alternative : {"two-sided", "greater", "less"}
        ``"greater"`` tests NPS_a > NPS_b; the interval is then one-sided.
    pseudo : (float, float, float)
        Pseudo-observations per sample for ``"adjusted-wald"``.

    Examples
    --------
    >>> r = nps_test_from_counts((20, 30, 50), (30, 30, 40), method="wald")
    >>> round(r.difference, 1), round(r.se, 3), round(r.p_value, 4)
    (20.0, 11.402, 0.0794)
    """
    _check_test_method(method)
    ca, cb = _counts_matrix(counts_a, "counts_a"), _counts_matrix(counts_b, "counts_b")
    ea, ma, va = _sample_stats(ca[..., 0], ca[..., 1], ca[..., 2], method, pseudo)
    eb, mb, vb = _sample_stats(cb[..., 0], cb[..., 1], cb[..., 2], method, pseudo)
    na, nb = ca.sum(axis=-1), cb.sum(axis=-1)
    res = _finish_test(ea, eb, ma - mb, np.sqrt(va + vb), na, nb, method, False, alternative, confidence)
    if warn:
        _warn_small(np.minimum(na, nb), "NPS difference")
    return res


def _finish_test(ea, eb, center, se, na, nb, method, paired, alternative, confidence) -> NPSTest:
    with np.errstate(invalid="ignore", divide="ignore"):
        stat = center / se
    p = _p_value(stat, alternative)
    lo, hi = _ci_for(np.asarray(center, dtype=float), np.asarray(se, dtype=float), confidence, alternative, -2, 2)
    return NPSTest(
        difference=_scalar(100 * (ea - eb)),
        se=_scalar(100 * se),
        statistic=_scalar(stat),
        p_value=_scalar(p),
        ci_low=_scalar(100 * lo),
        ci_high=_scalar(100 * hi),
        n_a=_scalar(na),
        n_b=_scalar(nb),
        nps_a=_scalar(100 * ea),
        nps_b=_scalar(100 * eb),
        center=_scalar(100 * center),
        method=method,
        paired=paired,
        alternative=alternative,
        confidence=confidence,
    )


def _weighted_sample(y: np.ndarray, w: np.ndarray | None, method: str, pseudo) -> tuple[float, float, float, float]:
    """(estimate, centre, variance, n_eff) of one sample of -1/0/+1 scores."""
    if w is None:
        c = np.array([np.sum(y == -1), np.sum(y == 0), np.sum(y == 1)], dtype=float)
        e, m, v = _sample_stats(c[0], c[1], c[2], method, pseudo)
        return float(e), float(m), float(v), float(len(y))
    sw = w.sum()
    n_eff = sw**2 / np.sum(w**2)
    shares = np.array([w[y == -1].sum(), w[y == 0].sum(), w[y == 1].sum()]) / sw
    e, m, v = _sample_stats(*(n_eff * shares), method, pseudo)
    if method == "wald" and len(y) >= 2:
        v = _taylor_se(y, w) ** 2
    return float(e), float(m), float(v), float(n_eff)


def nps_test(
    a: Any,
    b: Any,
    *,
    paired: bool = False,
    method: str = "adjusted-wald",
    confidence: float = 0.95,
    weights_a: Any = None,
    weights_b: Any = None,
    alternative: str = "two-sided",
    breaks: Sequence[int] = DEFAULT_BREAKS,
    pseudo: Sequence[float] = DEFAULT_PSEUDO,
    paired_pseudo: float = 1.0,
    warn: bool = True,
) -> NPSTest:
    """Test whether two NPS differ (a - b), for independent or paired samples.

    Independent samples (``paired=False``): z test on the difference with the SE from each sample
    (see :func:`nps_test_from_counts`); with weights, ``"wald"`` uses each sample's Taylor SE and
    ``"adjusted-wald"`` effective counts.

    Paired samples (``paired=True``: the same respondents in two waves, ``a[i]`` and ``b[i]`` from
    the same person): z test on the per-person differences ``D = y_a - y_b`` of the -1/0/+1 scores,
    ``se = sd(D) / sqrt(n)`` with the sample sd (n - 1), i.e. the one-sample t statistic on D
    referred to the normal distribution; with ``weights_a`` (one weight per person), the Taylor SE
    of the weighted mean of D (R: ``svymean(~D, svydesign(ids = ~1, weights = ~w))``). Pairs with
    a missing score in either wave are dropped. ``"adjusted-wald"`` adds ``paired_pseudo`` (default
    1) pseudo-persons whose two answers are independent, i.e. the 3x3 table
    ``paired_pseudo * q q'`` with ``q = pseudo / sum(pseudo)`` (0.25, 0.5, 0.25); this shrinks the
    difference towards 0 and keeps the SE positive when nobody changed. One pseudo-person rather
    than three: waves are usually strongly correlated, so the per-person differences have a small
    variance and three independent pseudo-persons make the test conservative below n = 100 (see
    ``tests/nps/test_nps_coverage.py``: with one, coverage is 0.94-0.97 for n >= 20 where the plain
    Wald falls to 0.86).

    Parameters
    ----------
    a, b : array-like
        0-10 scores of the two samples (aligned per person when ``paired=True``).
    paired : bool
    method : {"adjusted-wald", "wald"}
    confidence : float
    weights_a, weights_b : array-like, optional
        Survey weights. For paired samples give ``weights_a`` (``weights_b`` must be absent or equal).
    alternative : {"two-sided", "greater", "less"}
    breaks, pseudo, warn
        See :func:`nps_ci`.
    paired_pseudo : float
        Number of pseudo-persons of the paired adjusted Wald test.

    Returns
    -------
    NPSTest
        ``difference, se, statistic, p_value, ci_low, ci_high, n_a, n_b`` (points), also
        ``.to_frame()``.

    Examples
    --------
    >>> r = nps_test([10, 9, 9, 3, 8] * 20, [10, 5, 6, 3, 8] * 20, method="wald")
    >>> round(r.difference, 1), round(r.p_value, 4)
    (80.0, 0.0)
    >>> r = nps_test([10, 9, 9, 3, 8] * 20, [10, 5, 6, 3, 8] * 20, paired=True, method="wald")
    >>> round(r.difference, 1), round(r.se, 3)
    (80.0, 9.847)
    """
    _check_test_method(method)
    if paired:
        return _paired_test(a, b, method, confidence, weights_a, weights_b, alternative, breaks, pseudo,
                            paired_pseudo, warn)
    ya, wa = _prepare(a, weights_a, breaks)
    yb, wb = _prepare(b, weights_b, breaks)
    if len(ya) == 0 or len(yb) == 0:
        raise StudyDataError("no valid scores (n = 0) in " + ("sample a" if len(ya) == 0 else "sample b"))
    ea, ma, va, neff_a = _weighted_sample(ya, wa, method, pseudo)
    eb, mb, vb, neff_b = _weighted_sample(yb, wb, method, pseudo)
    if warn:
        _warn_small(np.array(min(neff_a, neff_b)), "NPS difference")
    return _finish_test(np.array(ea), np.array(eb), np.array(ma - mb), np.sqrt(np.array(va + vb)), len(ya), len(yb),
                        method, False, alternative, confidence)


def _paired_test(a, b, method, confidence, weights_a, weights_b, alternative, breaks, pseudo, paired_pseudo,
                 warn) -> NPSTest:
    ya_all, yb_all = _group_codes(a, breaks), _group_codes(b, breaks)
    if len(ya_all) != len(yb_all):
        raise ValueError(f"paired samples must have equal length, got {len(ya_all)} and {len(yb_all)}")
    w = _weights_array(weights_a, len(ya_all))
    if weights_b is not None:
        wb = _weights_array(weights_b, len(yb_all))
        if w is None or not np.allclose(w, wb):
            raise ValueError("paired samples take one weight per person: pass weights_a (weights_b must equal it)")
    keep = ~np.isnan(ya_all) & ~np.isnan(yb_all)
    if w is not None:
        keep &= w > 0
    ya, yb = ya_all[keep], yb_all[keep]
    w = None if w is None else w[keep]
    n = len(ya)
    if n == 0:
        raise StudyDataError("no complete pairs (n = 0) for the paired NPS test")
    dd = ya - yb
    if w is None:
        ww = np.ones(n)
        n_eff = float(n)
    else:
        ww = w / w.sum() * (w.sum() ** 2 / np.sum(w**2))  # rescaled to sum to n_eff
        n_eff = float(ww.sum())
    if warn:
        _warn_small(np.array(n_eff), "Paired NPS difference")
    ea = float(np.sum(ww * ya) / n_eff)
    eb = float(np.sum(ww * yb) / n_eff)
    if method == "wald":
        center = ea - eb
        if w is None:
            se = float(np.std(dd, ddof=1) / np.sqrt(n)) if n >= 2 else float("nan")
        else:
            se = _taylor_se(dd, w)
    else:
        q = _check_pseudo(pseudo)
        if not (np.isfinite(paired_pseudo) and paired_pseudo >= 0) or q.sum() <= 0:
            raise ValueError(f"paired_pseudo must be >= 0 and pseudo must not be all zero, got {paired_pseudo!r}")
        tot = float(paired_pseudo)
        # 3x3 table of (category a, category b) with effective weights, plus independent pseudo-persons
        table = np.zeros((3, 3))
        np.add.at(table, (ya.astype(int) + 1, yb.astype(int) + 1), ww)
        table += tot * np.outer(q / q.sum(), q / q.sum())
        vals = np.subtract.outer(np.array([-1.0, 0.0, 1.0]), np.array([-1.0, 0.0, 1.0]))
        m = table.sum()
        center = float(np.sum(table * vals) / m)
        var = float(np.sum(table * (vals - center) ** 2) / (m - 1)) if m > 1 else float("nan")
        se = float(np.sqrt(var / m))
    return _finish_test(np.array(ea), np.array(eb), np.array(center), np.array(se), n, n, method, True,
                        alternative, confidence)


@dataclass(repr=False)
class NPSBenchmarkTest(_Result):
    """One-sample test of an NPS against a benchmark (points)."""

    nps: float
    benchmark: float
    difference: float
    se: float
    statistic: float
    p_value: float
    ci_low: float
    ci_high: float
    n: int
    n_eff: float
    method: str
    alternative: str
    confidence: float

    report_columns = ("n", "nps", "benchmark", "difference", "ci_low", "ci_high", "p_value")

    def describe(self, language: str = "en", alpha: float = 0.05) -> list[str]:
        """One sentence comparing the NPS with the benchmark.

        The wording follows the test's ``alternative``: a one-sided test (``"greater"``, the default of
        :func:`nps_vs_benchmark`) can only say whether the NPS is significantly *above* the benchmark, so
        a non-significant result reads "not significantly above", never "does not differ".

        Examples
        --------
        >>> nps_vs_benchmark([10] * 60 + [8] * 20 + [3] * 20, 10, method="wald").describe()
        ['The NPS of +40.0 is significantly above the benchmark of +10.0 (+30.0 points, p < 0.001).']
        >>> nps_vs_benchmark([10] * 60 + [8] * 20 + [3] * 20, 50, method="wald").describe("nl")
        ['De NPS van +40,0 ligt niet significant boven de benchmark van +50,0 (-10,0 punten, eenzijdige p = 0,894).']
        """
        return [benchmark_sentence(self, language, alpha)]


def benchmark_sentence(result: Any, language: str = "en", alpha: float = 0.05) -> str:
    """The sentence of :meth:`NPSBenchmarkTest.describe` for any result with ``nps``, ``benchmark``,
    ``difference``, ``p_value`` and (optionally) ``alternative``."""
    alternative = getattr(result, "alternative", "two-sided")
    if result.p_value < alpha:
        key = "above" if result.difference > 0 else "below"
    else:
        key = {"greater": "not_above", "less": "not_below"}.get(alternative, "same")
    return t(f"nps.benchmark.{key}", language, nps=Points(result.nps), b=Points(result.benchmark),
             d=Points(result.difference), p=P(result.p_value, "p"))


def nps_vs_benchmark(
    scores: Any,
    benchmark: float,
    alternative: str = "greater",
    *,
    weights: Any = None,
    method: str = "adjusted-wald",
    confidence: float = 0.95,
    breaks: Sequence[int] = DEFAULT_BREAKS,
    pseudo: Sequence[float] = DEFAULT_PSEUDO,
    warn: bool = True,
) -> NPSBenchmarkTest:
    """Test an NPS against an external benchmark or a baseline (T0) value given in points.

    ``"wald"``: ``z = (nps - benchmark) / se``; ``"adjusted-wald"``: the same with the adjusted
    estimate and SE; ``"score"``: Tango's score statistic at ``delta = benchmark`` (the test whose
    inversion is the score interval). The interval is the one matching the test: two-sided at
    ``confidence``, or the one-sided bound (``"greater"``: lower bound, upper limit 100) which equals
    the matching limit of the two-sided interval at level ``2 * confidence - 1``.

    A baseline taken from the same kind of survey is itself an estimate; when its uncertainty matters
    use :func:`nps_test` on both samples instead.

    Parameters
    ----------
    scores : array-like
        0-10 scores.
    benchmark : float
        Benchmark NPS in points (-100 to 100).
    alternative : {"greater", "two-sided", "less"}
        Default ``"greater"``: is the NPS above the benchmark (the usual question when a target or
        a T0 baseline is to be beaten)? The interval is then the one-sided lower bound. Use
        ``"two-sided"`` to ask whether it differs in either direction.
    weights, method, confidence, breaks, pseudo, warn
        As in :func:`nps_ci`; method is one of ``"adjusted-wald"``, ``"wald"``, ``"score"``.

    Examples
    --------
    >>> r = nps_vs_benchmark([10] * 50 + [8] * 30 + [3] * 20, 20, method="wald")
    >>> r.alternative, round(r.statistic, 3), round(r.p_value, 4), round(r.ci_low, 2), r.ci_high
    ('greater', 1.28, 0.1002, 17.15, 100.0)
    >>> r = nps_vs_benchmark([10] * 50 + [8] * 30 + [3] * 20, 20, "two-sided", method="wald")
    >>> round(r.p_value, 4), round(r.ci_low, 2), round(r.ci_high, 2)
    (0.2004, 14.69, 45.31)
    """
    if method not in (*TEST_METHODS, "score"):
        raise ValueError(f"method must be one of {(*TEST_METHODS, 'score')}, got {method!r}")
    try:
        b_points = float(benchmark)
    except (TypeError, ValueError):
        b_points = float("nan")
    if not -100 <= b_points <= 100:
        raise ValueError(f"benchmark must be a number of NPS points between -100 and 100, got {benchmark!r}")
    if alternative not in ALTERNATIVES:
        raise ValueError(f"alternative must be one of {ALTERNATIVES}, got {alternative!r}")
    y, w = _prepare(scores, weights, breaks)
    if len(y) == 0:
        raise StudyDataError("no valid scores (n = 0): cannot test against a benchmark")
    b0 = float(benchmark) / 100
    if method == "score":
        if w is None:
            c = np.array([np.sum(y == -1), np.sum(y == 0), np.sum(y == 1)], dtype=float)
            n_eff = float(len(y))
        else:
            n_eff = float(w.sum() ** 2 / np.sum(w**2))
            c = n_eff * np.array([w[y == -1].sum(), w[y == 0].sum(), w[y == 1].sum()]) / w.sum()
        est = (c[2] - c[0]) / n_eff
        stat = float(_tango_z(np.array(b0), c[0], c[2], n_eff))
        _, se, _, _ = _wald(c[0], c[1], c[2], 1.0)
        se = float(se)
    else:
        est, center, var, n_eff = _weighted_sample(y, w, method, pseudo)
        se = float(np.sqrt(var))
        with np.errstate(invalid="ignore", divide="ignore"):
            stat = float((center - b0) / se) if se > 0 else float(np.sign(center - b0) * np.inf)
    if warn:
        _warn_small(np.array(n_eff), "NPS")
    p = float(_p_value(np.array(stat), alternative))
    level = confidence if alternative == "two-sided" else 2 * confidence - 1
    ci = nps_ci(scores, weights=weights, method=method, confidence=level, breaks=breaks, pseudo=pseudo, warn=False)
    lo = ci.ci_low if alternative != "less" else -100.0
    hi = ci.ci_high if alternative != "greater" else 100.0
    return NPSBenchmarkTest(
        nps=float(100 * est), benchmark=float(benchmark), difference=float(100 * est - benchmark), se=100 * se,
        statistic=stat, p_value=p, ci_low=float(lo), ci_high=float(hi), n=len(y), n_eff=float(n_eff),
        method=method, alternative=alternative, confidence=confidence,
    )


# --------------------------------------------------------------------------------------------
# planning
# --------------------------------------------------------------------------------------------


def _shares_var(promoters: float, detractors: float) -> float:
    p, d = float(promoters), float(detractors)
    if not (0 <= p <= 100 and 0 <= d <= 100 and p + d <= 100):
        raise ValueError(f"promoters and detractors are shares in percent (0-100, summing to at most 100), "
                         f"got promoters={promoters!r}, detractors={detractors!r}")
    if 0 < p + d <= 1:
        warnings.warn(
            f"promoters and detractors are shares in percent; promoters={promoters!r} and "
            f"detractors={detractors!r} add up to at most 1 %: did you pass fractions (0.5 for 50 %)?",
            UserWarning,
            stacklevel=3,
        )
    p, d = p / 100, d / 100
    return p + d - (p - d) ** 2


def nps_sample_size(margin: float, *, promoters: float, detractors: float, confidence: float = 0.95) -> int:
    """Respondents needed for a Wald interval half-width of ``margin`` NPS points.

    ``n = ceil(z**2 * V / (margin / 100)**2)`` with ``V = p + d - (p - d)**2`` the per-respondent
    variance at the expected shares (in percent, like every output of this module). The adjusted
    Wald interval at this n has practically the same width (its n is larger by 3).

    Parameters
    ----------
    margin : float
        Half-width of the interval in NPS points (e.g. 5 for "+- 5 points").
    promoters, detractors : float
        Expected shares in percent.
    confidence : float

    Examples
    --------
    >>> nps_sample_size(5, promoters=50, detractors=20)
    938
    >>> nps_sample_size(5, promoters=40, detractors=40)
    1230
    """
    if not margin > 0:
        raise ValueError(f"margin must be > 0 NPS points, got {margin!r}")
    v = _shares_var(promoters, detractors)
    z = _z(confidence)
    return max(1, math.ceil(z**2 * v / (margin / 100) ** 2 - 1e-9))


def nps_detectable_difference(
    n: float,
    *,
    promoters: float,
    detractors: float,
    confidence: float = 0.95,
    power: float = 0.8,
    n_b: float | None = None,
    one_sample: bool = False,
) -> float:
    """Smallest true NPS difference (points) a two-sided z test detects with the given power.

    ``mde = (z_(1 - alpha/2) + z_power) * sqrt(V / n + V / n_b)`` for two independent samples of
    sizes ``n`` and ``n_b`` (default ``n_b = n``), or ``sqrt(V / n)`` with ``one_sample=True``
    (against a fixed benchmark). ``V`` is the per-respondent variance at the expected shares (in
    percent), assumed equal in both samples.

    Examples
    --------
    >>> round(nps_detectable_difference(500, promoters=50, detractors=20), 2)
    13.84
    >>> round(nps_detectable_difference(500, promoters=50, detractors=20, one_sample=True), 2)
    9.79
    """
    if not 0 < power < 1:
        raise ValueError(f"power must be between 0 and 1, got {power!r}")
    if not n > 0 or (n_b is not None and not n_b > 0):
        raise ValueError(f"sample sizes must be > 0, got n={n!r}, n_b={n_b!r}")
    v = _shares_var(promoters, detractors)
    k = _z(confidence) + float(stats.norm.ppf(power))
    if one_sample:
        return float(100 * k * math.sqrt(v / n))
    nb = n if n_b is None else n_b
    return float(100 * k * math.sqrt(v / n + v / nb))
