"""Internal consistency: Cronbach's alpha (with Feldt's confidence interval), McDonald's omega total, item
statistics. The definitions are those of R's ``psych::alpha`` and ``psych::omega(fm = "ml")``.

* raw alpha ``k / (k - 1) * (1 - sum(item variances) / var(total))``; standardised alpha
  ``k r / (1 + (k - 1) r)`` with ``r`` the mean inter-item correlation;
* confidence interval: Feldt, Woodruff & Salih (1987), ``1 - (1 - alpha) F`` with F quantiles on
  ``n - 1`` and ``(n - 1)(k - 1)`` degrees of freedom (psych's ``feldt`` element);
* omega total: ``1 - sum(u^2) / sum(R)`` with ``u^2`` the uniquenesses of an ML factor analysis of the
  correlation matrix ``R`` (one factor per dimension; for the whole scale as many factors as dimensions, which is
  what ``psych::omega(nfactors = k, fm = "ml")`` reports as ``omega.tot``);
* corrected item-total correlation (``r.drop``): correlation of an item with the sum of the other items;
* alpha if item deleted.

Computed on the complete cases of each item set (psych uses pairwise correlations by default; identical when there
are no missing answers).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import SmallSampleWarning, StudyDataError
from ..inputs import labels_of
from ..results import Result, ResultFrame
from ..tables import report_table
from ..text import Int, Interval, Level, Num, Sig, Value, Word, Words, t
from .scales import ItemLabel, Scale, ScaleLabel, check_items, get_scale

__all__ = ["ReliabilityResult", "cronbach_alpha", "omega_total", "reliability", "reliability_sentences"]

#: Fewer complete cases than this make reliability() warn (SmallSampleWarning).
MIN_CASES = 30


def cronbach_alpha(x: np.ndarray) -> tuple[float, float]:
    """Raw and standardised alpha of an (n x k) array of complete answers.

    Examples
    --------
    >>> x = np.array([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4]])
    >>> tuple(round(float(a), 4) for a in cronbach_alpha(x))
    (0.9485, 0.955)
    """
    k = x.shape[1]
    C = np.cov(x, rowvar=False)
    raw = k / (k - 1) * (1 - np.trace(C) / C.sum())
    R = np.corrcoef(x, rowvar=False)
    r = (R.sum() - k) / (k * (k - 1))
    return raw, k * r / (1 + (k - 1) * r)


def _feldt(alpha: float, n: int, k: int, level: float) -> tuple[float, float]:
    df1, df2 = n - 1, (n - 1) * (k - 1)
    a = 1 - level
    return 1 - (1 - alpha) * stats.f.ppf(1 - a / 2, df1, df2), 1 - (1 - alpha) * stats.f.ppf(a / 2, df1, df2)


def omega_total(x: np.ndarray, n_factors: int = 1) -> float:
    """McDonald's omega total as ``psych::omega(fm = "ml")``: ``1 - sum(uniquenesses) / sum(R)``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=(2000, 1))
    >>> x = f @ np.full((1, 4), 0.8) + rng.normal(scale=0.6, size=(2000, 4))
    >>> round(omega_total(x), 2)   # population value 16*.64/(16*.64 + 4*.36) = 0.88
    0.88
    """
    from ._factor import fit_ml

    R = np.corrcoef(x, rowvar=False)
    k = R.shape[0]
    if k < 3 or n_factors < 1:
        return np.nan
    while n_factors > 1 and ((k - n_factors) ** 2 - (k + n_factors)) < 0:  # keep ML identified (df >= 0)
        n_factors -= 1
    res = fit_ml(R, n_factors, len(x))  # deterministic starts: the same data give the same omega
    return float(1 - res.uniqueness.sum() / R.sum())


#: Conventional threshold of Cronbach's alpha and omega (Nunnally 1978).
THRESHOLD = 0.70
#: An item is named as weakening its dimension when leaving it out raises alpha by at least this much.
ITEM_DROP_GAIN = 0.01


def _dimension_value(name: str, scale: Scale | None) -> Value:
    if name == "overall":
        return Word("cx.whole_scale")
    return scale.label_value(name) if scale is not None else ScaleLabel(name)


def _meets(row, threshold: float) -> bool:
    return bool(row.alpha >= threshold and (pd.isna(row.omega_total) or row.omega_total >= threshold))


def reliability_sentences(table: pd.DataFrame, language: str = "en", threshold: float = THRESHOLD, *,
                          level: float = 0.95, scale: Scale | None = None) -> list[str]:
    """One sentence per row of a :func:`reliability` table (alpha with its interval, omega, the verdict).

    Examples
    --------
    >>> tab = pd.DataFrame({"dimension": ["pex"], "n_items": [4], "n": [1500], "alpha": [0.854],
    ...                     "alpha_ci_lower": [0.78], "alpha_ci_upper": [0.84], "omega_total": [0.82]})
    >>> reliability_sentences(tab, "nl")[0]
    'pex: Cronbachs alfa = 0,854 (95%-BI 0,780 tot 0,840), omega = 0,820 (4 items, n = 1.500): voldoet aan de drempel van 0,7.'
    """
    out = []
    for r in table.itertuples():
        out.append(t("cx.rel.dimension", language, dimension=_dimension_value(r.dimension, scale),
                     alpha=Num(r.alpha, 3), level=Level(level),
                     ci=Interval(r.alpha_ci_lower, r.alpha_ci_upper, 3, sign=False), omega=Num(r.omega_total, 3),
                     k=Int(r.n_items), n=Int(r.n), verdict=Word("cx.meets" if _meets(r, threshold) else "cx.fails"),
                     threshold=Sig(threshold, 6)))
    return out


@dataclass
class ReliabilityResult(Result):
    """Reliability per dimension and overall.

    Attributes
    ----------
    table : DataFrame
        One row per dimension (and ``overall`` for a multi-dimensional scale): ``dimension, n_items, n``
        (complete cases), ``alpha, alpha_std, alpha_ci_lower, alpha_ci_upper`` (Feldt), ``omega_total,
        average_r``. Called with a language (``result.table("nl")``) it gives the report table.
    items : DataFrame
        One row per item and dimension: ``dimension, item, n, mean, sd, r_drop`` (corrected item-total
        correlation), ``alpha_if_deleted``.
    level : float
        Confidence level of the alpha interval.
    scale : Scale or None
        The scale, for the dimension and item labels of sentences and tables.
    labels : dict
        Role or item -> the client's column name.
    """

    table: pd.DataFrame = field()  # field(): not the inherited table() method as a default
    items: pd.DataFrame = field()
    level: float = 0.95
    scale: Scale | None = None
    labels: dict = field(default_factory=dict)

    report_columns = ("dimension", "n_items", "n", "alpha", "alpha_ci_lower", "alpha_ci_upper", "omega_total")

    def __post_init__(self):
        self.table = ResultFrame.of(self.table, self)

    def summary(self) -> pd.DataFrame:
        """The reliability table (full precision)."""
        return pd.DataFrame(self.table)

    def describe(self, language: str = "en", threshold: float = THRESHOLD) -> list[str]:
        """Alpha, its interval and omega per dimension against ``threshold``; items whose removal would raise
        their dimension's alpha noticeably.

        Examples
        --------
        >>> rng = np.random.default_rng(1)
        >>> f = rng.normal(size=(400, 1))
        >>> x = pd.DataFrame(f @ np.ones((1, 4)) + rng.normal(size=(400, 4)), columns=list("abcd"))
        >>> x["e"] = rng.normal(size=400)  # an item that measures nothing
        >>> reliability(x, {"service": list("abcde")}).describe()[1]
        'Leaving out item e would raise the alpha of service from 0.688 to 0.777 (its corrected item-total correlation is -0.011).'
        """
        out = reliability_sentences(self.table, language, threshold, level=self.level, scale=self.scale)
        alphas = dict(zip(self.table["dimension"], self.table["alpha"]))
        for r in self.items.itertuples():
            if r.dimension == "overall" or pd.isna(r.alpha_if_deleted):
                continue
            if r.alpha_if_deleted - alphas[r.dimension] >= ITEM_DROP_GAIN:
                out.append(t("cx.rel.item_drop", language, item=self._item(r.item),
                             dimension=_dimension_value(r.dimension, self.scale), alpha=Num(alphas[r.dimension], 3),
                             without=Num(r.alpha_if_deleted, 3), r_drop=Num(r.r_drop, 3)))
        return out

    def sentences(self, language: str = "en", threshold: float = THRESHOLD) -> list[str]:
        """Deprecated: use :meth:`describe`."""
        warnings.warn("ReliabilityResult.sentences is deprecated; use describe", DeprecationWarning, stacklevel=2)
        return self.describe(language, threshold)

    def _item(self, item: str) -> ItemLabel:
        return ItemLabel.of(item, [self.scale] if self.scale is not None else [], self.labels)

    def _labelled(self, frame: pd.DataFrame, language: str) -> pd.DataFrame:
        return frame.assign(dimension=[_dimension_value(d, self.scale).format(language) for d in frame["dimension"]])

    def report_table(self, language: str = "en", **kwargs):
        """The reliability table for a report: dimension labels, alpha with its interval, omega."""
        kwargs.setdefault("columns", list(self.report_columns))
        return report_table(self._labelled(pd.DataFrame(self.table), language), language=language, **kwargs)

    def items_table(self, language: str = "en", **kwargs):
        """The item statistics for a report (folded): mean, standard deviation, corrected item-total
        correlation and alpha without the item, per dimension."""
        frame = self._labelled(self.items, language)
        frame["item"] = [self._item(i).item for i in self.items["item"]]
        cols = ["dimension", "item", "mean", "sd", "r_drop", "alpha_if_deleted"]
        if self.scale is not None and self.scale.item_labels:
            frame["item_label"] = [self.scale.item_label(i, language) for i in self.items["item"]]
            cols.insert(2, "item_label")
        kwargs.setdefault("columns", cols)
        kwargs.setdefault("kinds", {"sd": "number:2"})
        kwargs.setdefault("detail", True)
        kwargs.setdefault("caption", t("cx.caption.items", language))
        return report_table(frame, language=language, **kwargs)

    def findings(self, threshold: float = THRESHOLD) -> list:
        """The key finding: whether every dimension reaches the reliability threshold."""
        from ..findings import IMPORTANCE, Finding

        dims = self.table[self.table["dimension"] != "overall"]
        if not len(dims):
            return []
        scale = self.scale.label_value(self.scale.name) if self.scale is not None else ScaleLabel("CX")
        bad = [r for r in dims.itertuples() if not _meets(r, threshold)]
        numbers = {f"alpha.{r.dimension}": float(r.alpha) for r in dims.itertuples()}
        if not bad:
            return [Finding.make("cx", "cx.reliability", "cx.finding.reliable", numbers=numbers,
                                 importance=IMPORTANCE["cx.scale"] - 30, scale=scale,
                                 low=Num(dims["alpha"].min(), 2), high=Num(dims["alpha"].max(), 2),
                                 threshold=Sig(threshold, 6))]
        return [Finding.make("cx", "cx.reliability", "cx.finding.unreliable", numbers=numbers,
                             importance=IMPORTANCE["cx.scale"] - 2, scale=scale,
                             dims=Words([_dimension_value(r.dimension, self.scale) for r in bad]),
                             low=Num(min(r.alpha for r in bad), 2), threshold=Sig(threshold, 6))]


def _one(x: pd.DataFrame, name: str, n_factors: int, level: float):
    x = x.dropna()
    n, k = x.shape
    arr = x.to_numpy(float)
    if k < 2:
        raise ValueError(f"reliability of '{name}' needs at least 2 items, got {k}")
    if n < 3:
        raise ValueError(f"reliability of '{name}': only {n} complete cases")
    const = [c for c, sd in zip(x.columns, arr.std(axis=0)) if sd == 0]
    if const:
        from ..errors import DataProblem

        raise StudyDataError([DataProblem("responses", f"item has the same answer in all {n} complete cases of "
                                          f"'{name}' (no variance: alpha is undefined)", column=c) for c in const])
    if n < MIN_CASES:
        warnings.warn(f"reliability of '{name}': only {n} complete cases; alpha and omega are unstable "
                      f"(want at least {MIN_CASES})", SmallSampleWarning, stacklevel=3)
    raw, std = cronbach_alpha(arr)
    lo, hi = _feldt(raw, n, k, level)
    R = np.corrcoef(arr, rowvar=False)
    row = {"dimension": name, "n_items": k, "n": n, "alpha": raw, "alpha_std": std, "alpha_ci_lower": lo,
           "alpha_ci_upper": hi, "omega_total": omega_total(arr, n_factors),
           "average_r": (R.sum() - k) / (k * (k - 1))}
    items = []
    total = arr.sum(axis=1)
    for j, col in enumerate(x.columns):
        rest = total - arr[:, j]
        others = np.delete(arr, j, axis=1)
        items.append({"dimension": name, "item": col, "n": n, "mean": arr[:, j].mean(),
                      "sd": arr[:, j].std(ddof=1), "r_drop": np.corrcoef(arr[:, j], rest)[0, 1],
                      "alpha_if_deleted": cronbach_alpha(others)[0] if k > 2 else np.nan})
    return row, items


def reliability(data: pd.DataFrame, items: Scale | str | dict | list | None = None, *, level: float = 0.95,
                overall: bool = True) -> ReliabilityResult:
    """Cronbach's alpha (raw, standardised, Feldt CI), omega total and item statistics.

    Parameters
    ----------
    data : DataFrame
        Item answers, one row per respondent.
    items : Scale, str, dict or list
        A :class:`Scale` or built-in name (per dimension, reverse-keyed items recoded, plus ``overall``), a dict
        dimension -> item list, or one list of items.
    level : float
        Confidence level of the alpha interval.
    overall : bool
        Add the whole scale as a row (omega total with one factor per dimension).

    Raises
    ------
    StudyDataError
        Missing, non-numeric (or, for a Scale, out-of-range) item columns; an item with one answer only.
    ValueError
        Fewer than 2 items or 3 complete cases in a dimension.

    Warns
    -----
    SmallSampleWarning
        Fewer than 30 complete cases in a dimension.

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> res = reliability(holzinger39.get_data(), {"textual": ["x4", "x5", "x6"]})
    >>> res.table[["dimension", "n", "alpha", "alpha_ci_lower", "omega_total"]].round(3)
      dimension    n  alpha  alpha_ci_lower  omega_total
    0   textual  301  0.883           0.858        0.885
    """
    if items is None:
        raise ValueError("give the items: a Scale, a dict dimension -> items, or a list of items")
    scale = None
    if isinstance(items, Scale | str) or (isinstance(items, dict) and "dimensions" in items):
        scale = get_scale(items)
        scale.validate(data)
        x = scale.recoded(data)
        blocks = {d: list(v) for d, v in scale.dimensions.items()}
    else:
        blocks = {"items": list(items)} if isinstance(items, list | tuple) else {k: list(v) for k, v in items.items()}
        x = check_items(data, list(dict.fromkeys(c for v in blocks.values() for c in v)))
    rows, item_rows = [], []
    for name, cols in blocks.items():
        r, it = _one(x[cols], name, 1, level)
        rows.append(r)
        item_rows += it
    if overall and len(blocks) > 1:
        cols = [c for v in blocks.values() for c in v]
        r, it = _one(x[cols], "overall", len(blocks), level)
        rows.append(r)
        item_rows += it
    return ReliabilityResult(pd.DataFrame(rows), pd.DataFrame(item_rows), level, scale, labels_of(data))
