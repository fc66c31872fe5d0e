"""Two dependent correlations sharing a variable, e.g. r(LTR, retention) versus r(CX, retention) given
r(LTR, CX): Steiger's (1980) Z, Williams' T2 (as in ``psych::r.test``) or Meng, Rosenthal & Rubin's
(1992) Z, with Zou's (2007) confidence interval for the difference.

References
----------
Meng, X.-L., Rosenthal, R., & Rubin, D. B. (1992). Comparing correlated correlation coefficients.
Psychological Bulletin, 111, 172-175.
Steiger, J. H. (1980). Tests for comparing elements of a correlation matrix. Psychological Bulletin, 87,
245-251.
Zou, G. Y. (2007). Toward using confidence intervals to compare correlations. Psychological Methods, 12,
399-413.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from scipy import stats

from ..errors import DataProblem, StudyDataError
from ..inputs import labels_of
from ..nps import SMALL_N, SmallSampleWarning
from ..results import Result
from ..tables import report_table
from ..text import Int, Level, Num, P, t
from ._common import _deprecated, _numeric, _require_columns, quoted, variable_label
from .customers import frame_of

__all__ = ["CorrelationComparison", "compare_correlations", "correlations_table", "dependent_correlation_test"]

_CORR_TESTS = ("steiger", "williams", "meng")


def _p_from(stat: float, alternative: str, dist: Any) -> float:
    if alternative == "two-sided":
        return float(2 * dist.sf(abs(stat)))
    if alternative == "greater":
        return float(dist.sf(stat))
    if alternative == "less":
        return float(dist.cdf(stat))
    raise ValueError(f"alternative must be 'two-sided', 'greater' or 'less', got {alternative!r}")


def dependent_correlation_test(
    r_jk: float, r_jh: float, r_kh: float, n: int, *, test: str = "steiger",
    alternative: str = "two-sided", confidence: float = 0.95,
) -> dict[str, Any]:
    """Test ``rho_jk = rho_jh`` for two correlations sharing variable ``j``, measured on the same n cases.

    ``test="steiger"``: Steiger's (1980, eq. 14) Z, Dunn & Clark's Fisher-z test with the covariance
    evaluated at the mean of the two correlations. ``"williams"``: Williams' (1959) T2 on n - 3 df, the
    test Steiger (1980) recommends and ``psych::r.test`` computes. ``"meng"``: Meng, Rosenthal & Rubin's
    (1992) Z. All return Zou's (2007) interval for ``r_jk - r_jh`` (``ci_low``, ``ci_high``), plus
    ``statistic``, ``distribution``, ``df`` (None for z) and ``p_value``.

    Examples
    --------
    Steiger's (1980) case A (r_jk = .4, r_jh = .5, r_kh = .1, n = 103): Williams' T2 is -0.8913, the value
    ``psych::r.test`` gives for this case; Steiger's Z (eq. 14) is slightly smaller:

    >>> round(dependent_correlation_test(0.4, 0.5, 0.1, 103, test="williams")["statistic"], 4)
    -0.8913
    >>> round(dependent_correlation_test(0.4, 0.5, 0.1, 103)["statistic"], 4)
    -0.8887
    """
    for name, r in (("r_jk", r_jk), ("r_jh", r_jh), ("r_kh", r_kh)):
        if not -1 < r < 1:
            raise ValueError(f"{name} must be strictly between -1 and 1, got {r}")
    if n < 5:
        raise ValueError(f"n must be at least 5, got {n}")
    if test not in _CORR_TESTS:
        raise ValueError(f"test must be one of {_CORR_TESTS}, got {test!r}")
    z_jk, z_jh = math.atanh(r_jk), math.atanh(r_jh)
    df = None
    if test == "steiger":
        rbar = (r_jk + r_jh) / 2
        c = (r_kh * (1 - 2 * rbar**2) - 0.5 * rbar**2 * (1 - 2 * rbar**2 - r_kh**2)) / (1 - rbar**2) ** 2
        stat = (z_jk - z_jh) * math.sqrt(n - 3) / math.sqrt(2 - 2 * c)
        dist, distribution = stats.norm, "z"
    elif test == "williams":
        det = 1 - r_jk**2 - r_jh**2 - r_kh**2 + 2 * r_jk * r_jh * r_kh
        rbar = (r_jk + r_jh) / 2
        stat = (r_jk - r_jh) * math.sqrt((n - 1) * (1 + r_kh)
                                         / (2 * (n - 1) / (n - 3) * det + rbar**2 * (1 - r_kh) ** 3))
        df = n - 3
        dist, distribution = stats.t(df), "t"
    else:
        r2bar = (r_jk**2 + r_jh**2) / 2
        f = min((1 - r_kh) / (2 * (1 - r2bar)), 1.0)
        h = (1 - f * r2bar) / (1 - r2bar)
        stat = (z_jk - z_jh) * math.sqrt((n - 3) / (2 * (1 - r_kh) * h))
        dist, distribution = stats.norm, "z"
    p = _p_from(stat, alternative, dist)
    # Zou (2007): interval for r_jk - r_jh from the two Fisher intervals and their correlation
    zq = float(stats.norm.ppf(0.5 + confidence / 2))
    half = zq / math.sqrt(n - 3)
    l1, u1 = math.tanh(z_jk - half), math.tanh(z_jk + half)
    l2, u2 = math.tanh(z_jh - half), math.tanh(z_jh + half)
    corr = (((r_kh - 0.5 * r_jk * r_jh) * (1 - r_jk**2 - r_jh**2 - r_kh**2) + r_kh**3)
            / ((1 - r_jk**2) * (1 - r_jh**2)))
    d = r_jk - r_jh
    lo = d - math.sqrt(max((r_jk - l1) ** 2 + (u2 - r_jh) ** 2 - 2 * corr * (r_jk - l1) * (u2 - r_jh), 0.0))
    hi = d + math.sqrt(max((u1 - r_jk) ** 2 + (r_jh - l2) ** 2 - 2 * corr * (u1 - r_jk) * (r_jh - l2), 0.0))
    return {"test": test, "statistic": float(stat), "distribution": distribution, "df": df, "p_value": p,
            "difference": d, "ci_low": lo, "ci_high": hi, "alternative": alternative}


@dataclass
class CorrelationComparison(Result):
    """Result of :func:`compare_correlations`."""

    target: str
    x: str
    y: str
    method: str
    test: str
    n: int
    r_x: float
    r_y: float
    r_xy: float
    difference: float
    ci_low: float
    ci_high: float
    statistic: float
    distribution: str
    df: int | None
    p_value: float
    alternative: str
    alpha: float = 0.05
    confidence: float = 0.95
    labels: dict[str, str] = field(default_factory=dict)

    report_columns = ("target", "r_x", "r_y", "r_xy", "difference", "ci_low", "ci_high", "statistic", "p_value",
                      "n")

    def summary(self) -> pd.DataFrame:
        """The result as a one-row table."""
        return pd.DataFrame([{k: getattr(self, k) for k in (
            "target", "x", "y", "method", "test", "n", "r_x", "r_y", "r_xy", "difference", "ci_low", "ci_high",
            "statistic", "distribution", "df", "p_value")}])

    def table(self, language: str = "en", **kwargs: Any):
        """The report table of this comparison (see :func:`correlations_table` for several outcomes)."""
        return correlations_table([self], language=language, **kwargs)

    def describe(self, language: str = "en") -> list[str]:
        """One sentence generated from the numbers."""
        if self.p_value < self.alpha:
            key = "compare.cc.stronger" if abs(self.r_x) > abs(self.r_y) else "compare.cc.weaker"
        else:
            key = "compare.cc.same"
        test = t(f"compare.cc.test.{self.test}", language, stat=Num(self.statistic, 2))
        return [t(key, language, target=quoted(self.target, language, self.labels),
                  x=quoted(self.x, language, self.labels), y=quoted(self.y, language, self.labels),
                  rx=Num(self.r_x, 3), ry=Num(self.r_y, 3), rxy=Num(self.r_xy, 3), d=Num(self.difference, 3, sign=True),
                  level=Level(self.confidence), lo=Num(self.ci_low, 3), hi=Num(self.ci_high, 3), test=test,
                  p=P(self.p_value, "p"), n=Int(self.n))]

    def conclusions(self, language: str = "en") -> list[str]:
        """Deprecated alias of :meth:`describe`."""
        _deprecated("CorrelationComparison.conclusions()", "describe()")
        return self.describe(language)


def correlations_table(results: list[CorrelationComparison], *, language: str = "en", **kwargs: Any):
    """One report table of several comparisons (one row per outcome), headers naming the two variables.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(3)
    >>> cx = rng.normal(size=300)
    >>> df = pd.DataFrame({"cx": cx, "ltr": cx + 2 * rng.normal(size=300), "retained": cx + rng.normal(size=300)})
    >>> tab = correlations_table([compare_correlations(df, target="retained", x="cx", y="ltr")], language="nl")
    >>> list(tab.formatted().columns)[:3]
    ['uitkomst', 'r met totale CX-score', 'r met aanbevelingsscore']
    """
    first = results[0]
    df = pd.concat([r.summary() for r in results], ignore_index=True)
    df["target"] = [variable_label(v, language, r.labels) for v, r in zip(df["target"], results)]
    headers = {}
    if df["x"].nunique() == 1 and df["y"].nunique() == 1:
        headers = {"r_x": t("compare.cc.r_with", language, x=variable_label(first.x, language, first.labels)),
                   "r_y": t("compare.cc.r_with", language, x=variable_label(first.y, language, first.labels))}
    kwargs.setdefault("columns", list(CorrelationComparison.report_columns))
    kwargs.setdefault("headers", headers)
    kwargs.setdefault("kinds", {"difference": "signed:3", "ci_low": "number:3", "ci_high": "number:3"})
    kwargs.setdefault("caption", t("compare.caption.correlations", language))
    return report_table(df, language=language, **kwargs)


def compare_correlations(
    data: Any,
    *,
    target: str,
    x: str,
    y: str,
    method: str = "pearson",
    test: str = "steiger",
    alternative: str = "two-sided",
    confidence: float = 0.95,
    alpha: float = 0.05,
) -> CorrelationComparison:
    """Is ``target`` more strongly correlated with ``x`` than with ``y``? (dependent, overlapping correlations)

    Computes r(x, target), r(y, target) and r(x, y) on the rows where all three are present and tests
    their difference with :func:`dependent_correlation_test` (Steiger's 1980 Z by default). With a
    binary target the correlations are point-biserial. ``method="spearman"`` uses rank correlations;
    the tests are then large-sample approximations.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(3)
    >>> cx = rng.normal(size=500)
    >>> df = pd.DataFrame({"cx": cx, "ltr": cx + rng.normal(size=500) * 2, "spend": cx + rng.normal(size=500)})
    >>> res = compare_correlations(df, target="spend", x="cx", y="ltr")
    >>> res.r_x > res.r_y, res.p_value < 0.001
    (True, True)
    """
    if method not in ("pearson", "spearman"):
        raise ValueError(f"method must be 'pearson' or 'spearman', got {method!r}")
    df = frame_of(data)
    _require_columns(df, [target, x, y], "comparing correlations")
    block = pd.DataFrame({c: _numeric(df, c) for c in dict.fromkeys([target, x, y])}).dropna()
    n = len(block)
    if n < 5:
        raise StudyDataError([DataProblem(table="data", column=target,
                                          rule=f"only {n} complete rows; comparing correlations needs at least 5")])
    if n < SMALL_N:
        warnings.warn(f"compare_correlations: only {n} complete rows", SmallSampleWarning, stacklevel=2)
    for c in block.columns:
        if block[c].nunique() < 2:
            raise StudyDataError([DataProblem(table="data", column=c, rule="column is constant; no correlation")])
    corr = block.corr(method=method)
    r_x, r_y, r_xy = float(corr.loc[x, target]), float(corr.loc[y, target]), float(corr.loc[x, y])
    res = dependent_correlation_test(r_x, r_y, r_xy, n, test=test, alternative=alternative, confidence=confidence)
    return CorrelationComparison(target=target, x=x, y=y, method=method, test=test, n=n, r_x=r_x, r_y=r_y, r_xy=r_xy,
                                 difference=res["difference"], ci_low=res["ci_low"], ci_high=res["ci_high"],
                                 statistic=res["statistic"], distribution=res["distribution"], df=res["df"],
                                 p_value=res["p_value"], alternative=alternative, alpha=alpha, confidence=confidence,
                                 labels=labels_of(df))
