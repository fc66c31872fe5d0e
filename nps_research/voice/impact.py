"""How much each theme weighs in the NPS: the NPS if a theme were not mentioned, next to the simple comparison.

For the respondents who gave a reason, one multinomial logit (detractor / passive / promoter, passive the
base) models P(promoter) and P(detractor) jointly on every theme's mention plus controls (survey type,
channel, product: what is in the data). The *impact* of a theme is the modelled NPS of these respondents if
nobody had mentioned it (every respondent's probabilities predicted with the theme's indicator set to 0,
averaged over respondents), minus their fitted NPS (equal to the observed one: the model has intercepts).
It splits into the change in the share of promoters and of detractors, so praise (promoters' reasons) shows as
a negative impact: without it the NPS would be lower. ``effect`` is the same per respondent who mentions the
theme (impact / share). Intervals are percentile bootstrap intervals over respondents, refitting the model.

The simple comparison is there too: the NPS of respondents with and without the theme (``nps_with``,
``nps_without``) and ``simple_impact`` (the NPS without those who mention the theme, minus the NPS of all).
It mixes the theme with everything else that goes with it; the model holds the other themes and controls
fixed. Neither is a causal effect: what people write about is partly chosen after the score.

A small ridge penalty (0.5 on the log-odds scale per coefficient, intercepts free) keeps the fit finite when a
theme is mentioned only by detractors; with hundreds of mentions it changes nothing visible.

Examples
--------
>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(3)
>>> n = 3000
>>> bad_price = rng.random(n) < 0.3
>>> ltr = np.clip(np.round(8.3 - 3.0 * bad_price + rng.normal(0, 1.3, n)), 0, 10)
>>> reason = np.where(bad_price, "Veel te duur", "Prima service")
>>> out = theme_impact(pd.DataFrame({"reason": reason, "ltr": ltr}), frame="energy", bootstrap=50)
>>> row = out.set_index("theme").loc["price"]
>>> bool(row["impact"] > 20 and row["ci_low"] > 0), round(float(row["share"]), 1)
(True, 0.3)
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import SmallSampleWarning
from ..inputs import DEFAULT_BREAKS, as_frame, category_bounds, labels_of, require_columns
from .coding import code_themes, theme_columns
from .frame import CodeFrame, load_frame

__all__ = ["DEFAULT_CONTROLS", "fit_multinomial", "theme_impact"]

#: Controls used when the data have them.
DEFAULT_CONTROLS = ("survey_type", "channel", "product")
_RIDGE = 1.0  # precision of the N(0, 1/ridge) prior on each slope: penalty ridge/2 * beta^2


def fit_multinomial(X: np.ndarray, y: np.ndarray | None = None, *, ridge: float = _RIDGE,
                    start: np.ndarray | None = None, max_iter: int = 50, tol: float = 1e-9,
                    counts: np.ndarray | None = None) -> np.ndarray:
    """Penalised maximum likelihood of a baseline-category logit with classes 0, 1, 2 (class 1 the base).

    ``X`` has the intercept in column 0 (not penalised). Returns ``B`` of shape ``(p, 2)``: the log-odds of
    class 0 and of class 2 against class 1. Instead of one class ``y`` per row, ``counts`` (rows x 3) gives how
    many observations of each class share that row of ``X`` (grouped data: the same likelihood, so the same
    estimates as the rows written out).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=4000); X = np.column_stack([np.ones(4000), x])
    >>> eta = np.column_stack([-0.5 - x, np.zeros(4000), 0.3 + x])
    >>> p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    >>> y = (rng.random(4000)[:, None] > p.cumsum(axis=1)).sum(axis=1)
    >>> np.round(fit_multinomial(X, y, ridge=0.0), 1).tolist()
    [[-0.5, 0.3], [-1.0, 1.0]]
    """
    n, p = X.shape
    if counts is None:
        Y = np.column_stack([(y == 0), (y == 2)]).astype(float)
        m = np.ones(n)
    else:
        counts = np.asarray(counts, float)
        Y, m = counts[:, [0, 2]], counts.sum(axis=1)
    B = np.zeros((p, 2)) if start is None else start.copy()
    pen = np.full(p, ridge)
    pen[0] = 0.0
    pen2 = np.concatenate([pen, pen])

    def objective(B: np.ndarray) -> tuple[float, np.ndarray]:
        eta = X @ B
        lse = np.logaddexp(0.0, np.logaddexp(eta[:, 0], eta[:, 1]))
        ll = float(np.sum(Y * eta) - np.sum(m * lse)) - 0.5 * float(np.sum(pen[:, None] * B**2))
        return ll, np.exp(eta - lse[:, None])

    ll, P = objective(B)
    for _ in range(max_iter):
        G = X.T @ (Y - m[:, None] * P) - pen[:, None] * B
        g = np.concatenate([G[:, 0], G[:, 1]])
        w00 = m * P[:, 0] * (1 - P[:, 0])
        w11 = m * P[:, 1] * (1 - P[:, 1])
        w01 = -m * P[:, 0] * P[:, 1]
        H = np.block([[(X * w00[:, None]).T @ X, (X * w01[:, None]).T @ X],
                      [(X * w01[:, None]).T @ X, (X * w11[:, None]).T @ X]]) + np.diag(pen2) + 1e-10 * np.eye(2 * p)
        try:
            step = np.linalg.solve(H, g)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(H, g, rcond=None)[0]
        step_B = np.column_stack([step[:p], step[p:]])
        t = 1.0
        while True:
            cand = B + t * step_B
            ll_new, P_new = objective(cand)
            if ll_new >= ll - 1e-12 * (1 + abs(ll)) or t < 1e-6:
                break
            t /= 2
        done = abs(ll_new - ll) < tol * (1 + abs(ll)) or np.max(np.abs(t * step)) < tol
        B, ll, P = cand, ll_new, P_new
        if done:
            break
    return B


def _probabilities(X: np.ndarray, B: np.ndarray) -> np.ndarray:
    eta = X @ B
    lse = np.logaddexp(0.0, np.logaddexp(eta[:, 0], eta[:, 1]))
    return np.exp(eta - lse[:, None])  # columns: P(detractor), P(promoter)


def _controls(df: pd.DataFrame, controls: Sequence[str], max_levels: int = 15) -> tuple[np.ndarray, list[str]]:
    cols, names = [], []
    for c in controls:
        v = df[c].astype(object).where(df[c].notna(), "(missing)").astype(str)
        counts = v.value_counts()
        if len(counts) < 2:
            continue
        keep = set(counts.index[:max_levels])
        v = v.where(v.isin(keep), "(other)")
        levels = sorted(v.unique())
        base = v.value_counts().idxmax()
        for lev in levels:
            if lev == base:
                continue
            cols.append((v == lev).to_numpy(float))
            names.append(f"{c}={lev}")
    return (np.column_stack(cols) if cols else np.zeros((len(df), 0))), names


def theme_impact(data: Any, *, frame: Any, text: str = "reason", ltr: str = "ltr",
                 coded: pd.DataFrame | None = None, controls: Sequence[str] | None = None,
                 bootstrap: int = 200, confidence: float = 0.95, seed: int = 0, min_mentions: int = 10,
                 breaks: Sequence[int] = DEFAULT_BREAKS) -> pd.DataFrame:
    """The NPS gain if each theme were not mentioned (see the module docstring).

    Parameters
    ----------
    data : DataFrame or Study
        Responses with the text and LTR columns.
    frame : code frame
        See :func:`nps_research.voice.code_themes`.
    coded : DataFrame, optional
        Not used for the model (which needs each theme's own matches); kept for symmetry with
        :func:`~nps_research.voice.theme_shares`: give the same frame.
    controls : list of str, optional
        Categorical controls (default: those of :data:`DEFAULT_CONTROLS` in the data).
    bootstrap : int
        Bootstrap resamples for the intervals (0: none).
    confidence : float
        Level of the intervals.
    seed : int
        Seed of the bootstrap.
    min_mentions : int
        Themes mentioned fewer times get no impact (NaN) and ``small_n`` True.

    Returns
    -------
    DataFrame
        One row per theme: ``theme, parent, level`` (``theme`` or ``parent``: a theme with children,
        removed with them), ``n`` (respondents who mention it), ``share`` (of respondents with a reason),
        ``nps_with, nps_without, simple_impact``, ``impact`` with ``ci_low, ci_high`` and ``p_value``
        (normal approximation with the bootstrap standard error), ``effect`` (per mention) with
        ``effect_low, effect_high``, ``promoters_change, detractors_change`` (points), ``small_n``. Sorted by
        impact, largest first. ``attrs``: ``n`` (respondents with a reason), ``n_total``, ``nps`` (their
        NPS), ``controls``, ``bootstrap``, ``confidence``, ``frame``, ``version``, ``theme_labels``,
        ``labels``.

    Raises
    ------
    StudyDataError
        When a column is missing or LTR is not numeric.
    ValueError
        When fewer than 30 respondents gave a reason.
    """
    frame = load_frame(frame) if not isinstance(frame, CodeFrame) else frame
    df = as_frame(data)
    require_columns(df, {"text": text, "ltr": ltr}, numeric=["ltr"])
    own = code_themes(df, frame=frame, text=text, rollup=False)
    themes = theme_columns(own)
    base = own["language"].notna().to_numpy() & df[ltr].notna().to_numpy()
    n = int(base.sum())
    if n < 30:
        raise ValueError(f"theme_impact needs at least 30 respondents with a reason in {text!r}, found {n}")
    bounds = category_bounds(breaks)
    score = df[ltr].to_numpy(float)[base]
    y = np.where(score <= bounds["detractors"][1], 0, np.where(score >= bounds["promoters"][0], 2, 1))
    own_m = own.loc[base, themes].to_numpy(bool)
    rolled = own_m.copy()
    col = {th: i for i, th in enumerate(themes)}
    members = {th: [col[th], *[col[c] for c in frame.children(th)]] for th in themes}
    for th in themes:
        rolled[:, col[th]] = own_m[:, members[th]].any(axis=1)
    used = [i for i, th in enumerate(themes) if own_m[:, i].sum() > 0]
    if controls is None:
        controls = [c for c in DEFAULT_CONTROLS if c in df.columns]
    else:
        require_columns(df, {c: c for c in controls})
    C, control_names = _controls(df.loc[base], list(controls))
    X = np.column_stack([np.ones(n), own_m[:, used].astype(float), C])
    pos_of = {themes[i]: 1 + k for k, i in enumerate(used)}

    # the design has 0/1 themes and control dummies only, so many answers share a row of it: the model is
    # fitted on the distinct rows with their class counts (the same likelihood), and a bootstrap resample
    # is its counts per row (the same resamples as drawing the rows)
    patterns, row_pattern = np.unique(X, axis=0, return_inverse=True)
    row_pattern = np.asarray(row_pattern).ravel()
    cell = row_pattern * 3 + y

    def class_counts(times: np.ndarray) -> np.ndarray:
        return np.bincount(cell, weights=times, minlength=3 * len(patterns)).reshape(-1, 3)

    def impacts(counts: np.ndarray, start: np.ndarray | None = None):
        B = fit_multinomial(patterns, counts=counts, start=start)
        m = counts.sum(axis=1) / counts.sum()
        fit_det, fit_pro = m @ _probabilities(patterns, B)
        res = np.full((len(themes), 3), np.nan)
        for th in themes:
            cols = [pos_of[t] for t in (th, *frame.children(th)) if t in pos_of]
            if not cols:
                continue
            Xc = patterns.copy()
            Xc[:, cols] = 0.0
            det_c, pro_c = m @ _probabilities(Xc, B)
            d_pro = 100 * (pro_c - fit_pro)
            d_det = 100 * (det_c - fit_det)
            res[col[th]] = (d_pro - d_det, d_pro, d_det)
        return res, B

    point, B_hat = impacts(class_counts(np.ones(n)))
    level = (1 - confidence) / 2
    boot = np.full((bootstrap, len(themes)), np.nan)
    boot_eff = np.full((bootstrap, len(themes)), np.nan)
    rng = np.random.Generator(np.random.PCG64(seed))
    rolled_f = rolled.astype(float)
    for b in range(bootstrap):
        times = np.bincount(rng.integers(0, n, n), minlength=n).astype(float)
        res, _ = impacts(class_counts(times), start=B_hat)
        boot[b] = res[:, 0]
        share_b = (times @ rolled_f) / n
        with np.errstate(invalid="ignore", divide="ignore"):
            boot_eff[b] = res[:, 0] / share_b
    nps_all = 100 * (np.mean(y == 2) - np.mean(y == 0))
    rows = []
    for th in themes:
        i = col[th]
        m = rolled[:, i]
        k = int(m.sum())
        share = k / n
        with_ = 100 * (np.mean(y[m] == 2) - np.mean(y[m] == 0)) if k else np.nan
        without = 100 * (np.mean(y[~m] == 2) - np.mean(y[~m] == 0)) if k < n else np.nan
        imp, d_pro, d_det = point[i]
        small = k < min_mentions
        if bootstrap and not small and np.isfinite(imp):
            lo, hi = np.nanquantile(boot[:, i], [level, 1 - level])
            elo, ehi = np.nanquantile(boot_eff[:, i], [level, 1 - level])
            se = float(np.nanstd(boot[:, i], ddof=1))
            p = float(2 * stats.norm.sf(abs(imp) / se)) if se > 0 else float("nan")
        else:
            lo = hi = elo = ehi = p = np.nan
        if small:
            imp = d_pro = d_det = np.nan
        rows.append({"theme": th, "parent": frame.theme_map[th].parent,
                     "level": "parent" if frame.children(th) else "theme", "n": k, "share": share,
                     "nps_with": with_, "nps_without": without, "simple_impact": without - nps_all,
                     "impact": imp, "ci_low": lo, "ci_high": hi, "p_value": p,
                     "effect": imp / share if share and np.isfinite(imp) else np.nan,
                     "effect_low": elo, "effect_high": ehi,
                     "promoters_change": d_pro, "detractors_change": d_det, "small_n": small})
    out = pd.DataFrame(rows).sort_values("impact", ascending=False, na_position="last", kind="stable")
    out = out.reset_index(drop=True)
    few = out["small_n"] & (out["n"] > 0)
    if few.any():
        warnings.warn(f"{int(few.sum())} theme(s) mentioned fewer than {min_mentions} times get no impact: "
                      f"{', '.join(out.loc[few, 'theme'])}", SmallSampleWarning, stacklevel=2)
    out.attrs.update({"n": n, "n_total": int(df[ltr].notna().sum()), "nps": nps_all, "controls": list(controls),
                      "control_terms": control_names, "bootstrap": bootstrap, "confidence": confidence,
                      "frame": frame.name, "version": frame.version, "min_mentions": min_mentions,
                      "theme_labels": {lg: frame.labels(lg) for lg in frame.languages}, "labels": labels_of(data)})
    return out
