"""What is a promoter worth compared with a detractor? Revenue, retention, number of products ... per
promoter / passive / detractor with bootstrap intervals, the promoter-to-detractor value ratio
(practitioners quote "promoters are worth three times more": this tests it) and the value difference of
moving one detractor to passive or promoter.

All associations are observational: the value of "moving a detractor to promoter" is the difference in
mean value between the groups, which equals the effect of moving a customer only when nothing else
differs between them.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataProblem, StudyDataError
from ..inputs import labels_of
from ..nps import SMALL_N, SmallSampleWarning, categorize
from ..results import Result
from ..tables import report_table
from ..text import Interval, Level, Num, P, t
from ._common import CATEGORIES, _deprecated, _numeric, _require_columns, quoted, variable_label
from .customers import frame_of

__all__ = ["CategoryValue", "value_by_category"]

_MOVES = (("detractor", "passive"), ("detractor", "promoter"), ("passive", "promoter"))


@dataclass
class CategoryValue(Result):
    """Result of :func:`value_by_category`.

    Attributes
    ----------
    by_category : DataFrame
        Per value column and category: ``n``, ``mean`` (weighted when weights are given), bootstrap
        ``se`` and percentile interval ``ci_low`` / ``ci_high``, ``share_of_customers`` and
        ``share_of_value`` (share of the total). Also :meth:`summary`.
    ratios : DataFrame
        Per value column: promoter-to-detractor ``ratio`` of means with its bootstrap interval,
        ``claimed_ratio``, ``p_value_claim`` (bootstrap test of ratio = claimed), ``claim_in_ci`` and
        ``p_value_equal`` (test of ratio = 1).
    moves : DataFrame
        Per value column and move (``from`` -> ``to``): ``difference`` of means with its interval; the
        value associated with moving one customer from one category to the other.
    """

    by_category: pd.DataFrame
    ratios: pd.DataFrame
    moves: pd.DataFrame
    n_boot: int
    confidence: float
    seed: int | None
    claimed_ratio: float
    alpha: float = 0.05
    labels: dict[str, str] = field(default_factory=dict)

    report_columns = ("value", "category", "n", "mean", "ci_low", "ci_high", "share_of_customers", "share_of_value")

    def summary(self) -> pd.DataFrame:
        """Means per value column and category with intervals."""
        return self.by_category

    def _labelled(self, df: pd.DataFrame, language: str) -> pd.DataFrame:
        df = df.copy()
        df["value"] = [variable_label(v, language, self.labels) for v in df["value"]]
        return df

    def table(self, language: str = "en", **kwargs: Any):
        """Mean value per category (one block of rows per value column)."""
        kwargs.setdefault("columns", list(self.report_columns))
        kwargs.setdefault("kinds", {"ci_low": "number:2", "ci_high": "number:2"})
        kwargs.setdefault("caption", t("compare.caption.value", language))
        return report_table(self._labelled(self.by_category, language), language=language, **kwargs)

    def ratios_table(self, language: str = "en", **kwargs: Any):
        """The promoter-to-detractor ratio per value column, tested against the claimed ratio and against 1."""
        kwargs.setdefault("columns", ["value", "ratio", "ci_low", "ci_high", "claimed_ratio", "p_value_claim",
                                      "p_value_equal"])
        kwargs.setdefault("kinds", {"ci_low": "number:2", "ci_high": "number:2"})
        kwargs.setdefault("caption", t("compare.caption.ratios", language))
        return report_table(self._labelled(self.ratios, language), language=language, **kwargs)

    def moves_table(self, language: str = "en", **kwargs: Any):
        """Differences of mean value between the categories (a folded detail table)."""
        df = self._labelled(self.moves, language).rename(columns={"from": "from_category", "to": "to_category"})
        kwargs.setdefault("columns", ["value", "from_category", "to_category", "difference", "ci_low", "ci_high",
                                      "p_value"])
        kwargs.setdefault("kinds", {"difference": "signed:2", "ci_low": "number:2", "ci_high": "number:2"})
        kwargs.setdefault("caption", t("compare.caption.moves", language))
        kwargs.setdefault("detail", True)
        return report_table(df, language=language, **kwargs)

    def describe(self, language: str = "en", digits: int = 2) -> list[str]:
        """Sentences generated from the numbers, per value column."""
        level = Level(self.confidence)
        out = []
        for value, g in self.by_category.groupby("value", sort=False):
            g = g.set_index("category")
            name = quoted(value, language, self.labels)

            def mean(c: str, g: pd.DataFrame = g) -> Num:
                return Num(g.loc[c, "mean"] if c in g.index else np.nan, digits)

            def ci(c: str, g: pd.DataFrame = g) -> Interval:
                lo, hi = (g.loc[c, "ci_low"], g.loc[c, "ci_high"]) if c in g.index else (np.nan, np.nan)
                return Interval(lo, hi, digits, sign=False)

            out.append(t("compare.val.means", language, value=name, level=level, p=mean("promoter"),
                         pa=mean("passive"), d=mean("detractor"), pci=ci("promoter"), paci=ci("passive"),
                         dci=ci("detractor")))
            r = self.ratios[self.ratios["value"] == value].iloc[0]
            if np.isfinite(r["ratio"]):
                out.append(t("compare.val.ratio", language, r=Num(r["ratio"], digits), value=name, level=level,
                             lo=Num(r["ci_low"], digits), hi=Num(r["ci_high"], digits)))
                c = Num(self.claimed_ratio, 1)
                if r["p_value_claim"] < self.alpha:
                    key = "compare.val.claim_lower" if r["ratio"] < self.claimed_ratio else "compare.val.claim_higher"
                else:
                    key = "compare.val.claim_ok"
                out.append(t(key, language, c=c, p=P(r["p_value_claim"], "p")))
            else:
                out.append(t("compare.val.no_ratio", language, value=name))
            for _, m in self.moves[(self.moves["value"] == value) & (self.moves["from"] == "detractor")].iterrows():
                out.append(t(f"compare.val.move_{m['to']}", language, d=Num(m["difference"], digits, sign=True),
                             value=name, level=level, lo=Num(m["ci_low"], digits), hi=Num(m["ci_high"], digits)))
        if len(self.moves):
            out.append(t("compare.val.caveat", language))
        return out

    def conclusions(self, language: str = "en", digits: int = 2) -> list[str]:
        """Deprecated alias of :meth:`describe`."""
        _deprecated("CategoryValue.conclusions()", "describe()")
        return self.describe(language, digits)


#: Above this many customers in a category, resamples are drawn by value counts (few distinct values: the same
#: distribution of resampled means) or as m-out-of-n resamples of this many customers, scaled back to n.
_BOOT_ROWS = 100_000


def _boot_means(v: np.ndarray, w: np.ndarray | None, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Means of n_boot resamples (with replacement) of v, weighted when w is given; chunked for memory.

    Above ``_BOOT_ROWS`` values: without weights and with at most 1,000 distinct values (0/1 retention, counts
    of products) the resampled means are drawn exactly by multinomial counts of the distinct values; otherwise
    resamples of ``_BOOT_ROWS`` values are scaled to ``len(v)`` around the mean, ``mean + sqrt(m / n) *
    (boot - mean)`` (the m-out-of-n bootstrap, Bickel, Götze & van Zwet 1997)."""
    n = len(v)
    if n <= _BOOT_ROWS:
        return _resampled_means(v, w, n_boot, rng, n)
    if w is None:
        values, counts = np.unique(v, return_counts=True)
        if len(values) <= 1000:
            return rng.multinomial(n, counts / n, size=n_boot) @ values / n
    m = _BOOT_ROWS
    full = float(np.mean(v)) if w is None else float(np.sum(v * w) / np.sum(w))
    return full + np.sqrt(m / n) * (_resampled_means(v, w, n_boot, rng, m) - full)


def _resampled_means(v: np.ndarray, w: np.ndarray | None, n_boot: int, rng: np.random.Generator,
                     size: int) -> np.ndarray:
    """Means of n_boot resamples of ``size`` values drawn with replacement from v (weighted when w is given)."""
    n = len(v)
    out = np.empty(n_boot)
    chunk = max(1, min(n_boot, 2_000_000 // max(size, 1)))
    for start in range(0, n_boot, chunk):
        b = min(chunk, n_boot - start)
        idx = rng.integers(0, n, size=(b, size))
        if w is None:
            out[start:start + b] = v[idx].mean(axis=1)
        else:
            ww = w[idx]
            out[start:start + b] = (v[idx] * ww).sum(axis=1) / ww.sum(axis=1)
    return out


def _boot_p(boot: np.ndarray, null: float) -> float:
    """Two-sided bootstrap p-value of ``statistic = null`` (inverting the percentile interval)."""
    boot = boot[np.isfinite(boot)]
    if len(boot) == 0:
        return float("nan")
    lower = (np.sum(boot <= null) + 1) / (len(boot) + 1)
    upper = (np.sum(boot >= null) + 1) / (len(boot) + 1)
    return float(min(1.0, 2 * min(lower, upper)))


def value_by_category(
    data: Any,
    *,
    ltr: str = "ltr",
    value: str | Sequence[str] = ("revenue_next_12m", "retained", "n_products"),
    customer: str | None = "customer_id",
    weights: str | None = None,
    breaks: Sequence[int] = (6, 8),
    claimed_ratio: float = 3.0,
    n_boot: int = 2000,
    confidence: float = 0.95,
    seed: int | None = None,
    alpha: float = 0.05,
) -> CategoryValue:
    """What is a promoter worth compared with a detractor? Value per NPS category with bootstrap intervals.

    For each ``value`` column (revenue, retention, number of products ...) the mean per detractor /
    passive / promoter, the promoter-to-detractor ratio of means and the differences between categories
    ("moving one detractor to passive/promoter"), all with percentile intervals from a bootstrap that
    resamples customers within each category (``n_boot`` resamples, seeded). The ratio is tested against
    ``claimed_ratio`` (the practitioners' "promoters are worth three times more") and against 1 by
    inverting the bootstrap distribution. The differences are associations between groups, not effects
    of changing a customer.

    Parameters
    ----------
    data : DataFrame or Study
        One row per customer with the LTR score and the value columns, e.g. from
        :func:`~nps_research.compare.join_latest_response`; a Study is joined with
        :func:`~nps_research.compare.customer_frame`.
    ltr : str
        Likelihood-to-recommend column (0-10).
    value : str or list of str
        Value columns.
    customer : str or None
        Customer id column; when present every customer must appear once.
    weights : str, optional
        Weight column: weighted means (the bootstrap resamples rows with their weights).
    breaks : (int, int)
        Category bounds as in :func:`nps_research.nps.categorize`.
    claimed_ratio : float
        Ratio to test.
    n_boot, confidence, seed
        Bootstrap resamples, interval level and seed.
    alpha : float
        Significance level of the sentences.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": range(9), "ltr": [0, 3, 5, 7, 8, 8, 9, 10, 10],
    ...                    "revenue": [100, 80, 120, 150, 160, 140, 300, 320, 280]})
    >>> with warnings.catch_warnings():  # three customers per category: SmallSampleWarning
    ...     warnings.simplefilter("ignore", SmallSampleWarning)
    ...     res = value_by_category(df, value="revenue", n_boot=500, seed=1)
    >>> res.by_category[["category", "n", "mean"]]
        category  n   mean
    0  detractor  3  100.0
    1    passive  3  150.0
    2   promoter  3  300.0
    >>> float(res.ratios["ratio"].iloc[0])
    3.0
    >>> res.describe("nl")[1]
    'Promotors zijn 3,00 keer zoveel waard als criticasters in ‘revenue’ (95%-BI 2,51 tot 3,75).'
    """
    df = frame_of(data)
    values = [value] if isinstance(value, str) else list(value)
    needed = [ltr, *values] + ([weights] if weights else [])
    _require_columns(df, needed, "value by NPS category")
    if customer is not None and customer in df.columns:
        dup = df[customer].duplicated(keep=False)
        if dup.any():
            raise StudyDataError([DataProblem(
                table="data", column=customer,
                rule="each customer must appear once; join each customer's latest response to the outcomes "
                     "with join_latest_response()", rows=tuple(df.index[dup.to_numpy()][:50]), n_rows=int(dup.sum()),
                examples=tuple(str(v) for v in df.loc[dup, customer].head(5)))])
    cat = pd.Series(categorize(df[ltr], breaks=breaks), index=df.index).astype(object)
    w_all = _numeric(df, weights) if weights else None
    if w_all is not None and np.any(w_all[np.isfinite(w_all)] < 0):
        raise StudyDataError([DataProblem(table="data", column=weights, rule="weights must be >= 0")])
    rng = np.random.default_rng(seed)
    lo_q, hi_q = (1 - confidence) / 2, (1 + confidence) / 2
    cat_rows, ratio_rows, move_rows = [], [], []
    for col in values:
        v_all = _numeric(df, col)
        ok = np.isfinite(v_all) & cat.notna().to_numpy()
        if w_all is not None:
            ok &= np.isfinite(w_all)
        total_w = float(np.sum(w_all[ok])) if w_all is not None else float(ok.sum())
        total_v = float(np.sum(v_all[ok] * (w_all[ok] if w_all is not None else 1.0)))
        boots: dict[str, np.ndarray] = {}
        means: dict[str, float] = {}
        for c in CATEGORIES:
            sel = ok & (cat == c).to_numpy()
            n_c = int(sel.sum())
            v = v_all[sel]
            w = w_all[sel] if w_all is not None else None
            if n_c == 0:
                continue
            if n_c < SMALL_N:
                warnings.warn(f"value_by_category: only {n_c} {c}s with {col}", SmallSampleWarning, stacklevel=2)
            m = float(np.average(v, weights=w)) if w is not None else float(v.mean())
            boots[c] = _boot_means(v, w, n_boot, rng)
            means[c] = m
            wsum = float(w.sum()) if w is not None else float(n_c)
            cat_rows.append({"value": col, "category": c, "n": n_c, "mean": m,
                             "se": float(np.std(boots[c], ddof=1)) if n_c > 1 else np.nan,
                             "ci_low": float(np.quantile(boots[c], lo_q)),
                             "ci_high": float(np.quantile(boots[c], hi_q)),
                             "share_of_customers": wsum / total_w,
                             "share_of_value": m * wsum / total_v if total_v else np.nan})
        if "promoter" in means and "detractor" in means and means["detractor"] > 0:
            with np.errstate(divide="ignore", invalid="ignore"):
                rb = boots["promoter"] / boots["detractor"]
            rb = np.where(boots["detractor"] > 0, rb, np.nan)
            ratio = means["promoter"] / means["detractor"]
            finite = rb[np.isfinite(rb)]
            lo, hi = (float(np.quantile(finite, lo_q)), float(np.quantile(finite, hi_q))) if len(finite) else (
                np.nan, np.nan)
            ratio_rows.append({"value": col, "ratio": ratio, "ci_low": lo, "ci_high": hi,
                               "claimed_ratio": claimed_ratio, "p_value_claim": _boot_p(rb, claimed_ratio),
                               "claim_in_ci": bool(lo <= claimed_ratio <= hi), "p_value_equal": _boot_p(rb, 1.0)})
        else:
            ratio_rows.append({"value": col, "ratio": np.nan, "ci_low": np.nan, "ci_high": np.nan,
                               "claimed_ratio": claimed_ratio, "p_value_claim": np.nan, "claim_in_ci": False,
                               "p_value_equal": np.nan})
        for a, b in _MOVES:
            if a in means and b in means:
                db = boots[b] - boots[a]
                move_rows.append({"value": col, "from": a, "to": b, "difference": means[b] - means[a],
                                  "ci_low": float(np.quantile(db, lo_q)), "ci_high": float(np.quantile(db, hi_q)),
                                  "p_value": _boot_p(db, 0.0)})
    return CategoryValue(by_category=pd.DataFrame(cat_rows), ratios=pd.DataFrame(ratio_rows),
                         moves=pd.DataFrame(move_rows), n_boot=n_boot, confidence=confidence, seed=seed,
                         claimed_ratio=claimed_ratio, alpha=alpha, labels=labels_of(df))
