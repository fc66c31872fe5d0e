"""Customer journeys: where a journey makes or breaks recommendation.

From the long ``journey_events`` table (one row per touchpoint experience)
this module builds one row per journey with its summary measures, links each
journey to the survey answer that followed it, and asks four questions:

- :func:`journey_measures`: mean, worst moment (minimum), best moment,
  end (last), peak-end, trend along the journey and channel mix.
- :func:`peak_end_models`: does the journey outcome follow the average, the
  worst moment or the end? Compared by cross-validated (out-of-sample) fit.
- :func:`moments_of_truth`: per touchpoint, how much a bad experience there
  raises detraction risk, with intervals, ranked.
- :func:`touchpoint_variance`: a multilevel model of touchpoint scores nested
  in customers; how much of the variation is the customer (ICC).

:func:`journey_summary` and :func:`describe_journeys` describe the journeys a page covers. The three
analyses return :class:`nps_research.results.Result` objects: ``summary()`` a DataFrame,
``describe(language)`` sentences from the text catalogue (``nps_research/text/catalog/journeys.py``),
``table(language)`` the report table.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from .errors import DataProblem, SmallSampleWarning, StudyDataError
from .inputs import labels_of
from .results import Result
from .tables import report_table
from .text import Date, Int, Label, Level, Num, Points, Word, Words, has_text, render, t

__all__ = [
    "OFFLINE_CHANNELS",
    "ONLINE_CHANNELS",
    "PEAK_END_MODELS",
    "MomentsOfTruth",
    "PeakEndResult",
    "TouchpointVariance",
    "describe_journeys",
    "describe_moments_of_truth",
    "describe_peak_end",
    "describe_touchpoint_variance",
    "journey_heatmap_table",
    "journey_measures",
    "journey_summary",
    "link_responses",
    "moments_of_truth",
    "peak_end_models",
    "touchpoint_variance",
]

#: Channels counted as online (lower-cased); everything else listed in OFFLINE_CHANNELS is offline.
ONLINE_CHANNELS = frozenset({"online", "app", "web", "website", "chat", "email", "e-mail", "portal", "whatsapp",
                             "social", "sms", "mijn omgeving"})
#: Channels counted as offline.
OFFLINE_CHANNELS = frozenset({"offline", "phone", "telephone", "telefoon", "shop", "store", "winkel", "letter",
                              "brief", "post", "mail", "visit", "bezoek", "field", "monteur"})

_REQUIRED = ("customer_id", "journey", "touchpoint", "stage", "channel", "timestamp", "score")


def _events(data) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        ev = data
    else:
        ev = getattr(data, "journey_events", None)
        if ev is None:
            raise StudyDataError([DataProblem("journey_events", "the study has no journey_events table")])
    missing = [c for c in _REQUIRED if c not in ev.columns]
    if missing:
        raise StudyDataError([DataProblem("journey_events", "column is missing", column=c) for c in missing])
    return ev


def _journey_key(ev: pd.DataFrame) -> pd.Series:
    """One id per journey instance: journey_id when given, else customer + journey."""
    fallback = ev["customer_id"].astype("string") + "|" + ev["journey"].astype("string")
    if "journey_id" in ev.columns:
        jid = ev["journey_id"].astype("string")
        return jid.where(jid.notna(), fallback)
    return fallback


def _channel_kind(channel: pd.Series, online=None) -> pd.Series:
    on = ONLINE_CHANNELS if online is None else frozenset(c.lower() for c in online)
    low = channel.astype("string").str.lower().str.strip()
    kind = pd.Series(np.where(low.isin(list(on)), 1.0, np.nan), index=channel.index)
    if online is None:
        kind[low.isin(list(OFFLINE_CHANNELS)).to_numpy()] = 0.0
    else:
        kind[low.notna().to_numpy() & ~low.isin(list(on)).to_numpy()] = 0.0
    return kind


def journey_measures(data, *, online=None) -> pd.DataFrame:
    """One row per journey instance with its summary measures.

    Parameters
    ----------
    data : DataFrame or Study
        Journey events (columns as in the data model: ``customer_id, journey,
        touchpoint, stage, channel, timestamp, score`` and optional ``journey_id``).
    online : list of str, optional
        Channels that count as online; default :data:`ONLINE_CHANNELS`
        (offline: :data:`OFFLINE_CHANNELS`; channels in neither list are not
        counted in the online share).

    Returns
    -------
    DataFrame
        ``journey_id, customer_id, journey, start, end, n_touchpoints, first,
        mean, min, max, last, peak_end, trend, online_share,
        n_channel_switches, last_touchpoint, last_channel``. Touchpoints are
        ordered by timestamp. ``peak_end`` = (worst + last) / 2 (Kahneman's
        peak-end rule for an experience judged by its worst moment and its
        end); ``trend`` = least-squares slope of the score over the order
        0, 1, 2, ... (points per touchpoint; NaN with one touchpoint);
        ``n_channel_switches`` = times the channel differs from the previous
        touchpoint's.

    Examples
    --------
    >>> ev = pd.DataFrame({"customer_id": ["c1"] * 3, "journey": ["move"] * 3, "touchpoint": ["a", "b", "c"],
    ...                    "stage": ["pre", "during", "post"], "channel": ["web", "phone", "web"],
    ...                    "timestamp": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-02"]),
    ...                    "score": [8, 4, 6]})
    >>> m = journey_measures(ev)
    >>> m.loc[0, ["n_touchpoints", "mean", "min", "last", "peak_end", "trend", "online_share"]].tolist()
    [3.0, 6.0, 4.0, 4.0, 4.0, -2.0, 0.6666666666666666]
    >>> int(m.loc[0, "n_channel_switches"]), m.loc[0, "last_touchpoint"]
    (1, 'b')
    """
    ev = _events(data)
    df = pd.DataFrame({
        "journey_id": _journey_key(ev).to_numpy(),
        "customer_id": ev["customer_id"].to_numpy(),
        "journey": ev["journey"].to_numpy(),
        "touchpoint": ev["touchpoint"].to_numpy(),
        "channel": ev["channel"].astype("string").to_numpy(),
        "timestamp": pd.to_datetime(ev["timestamp"]).to_numpy(),
        "score": pd.to_numeric(ev["score"], errors="coerce").to_numpy(float),
    })
    df = df[~np.isnan(df["score"].to_numpy())]
    df = df.sort_values(["journey_id", "timestamp"], kind="stable").reset_index(drop=True)
    g = df.groupby("journey_id", sort=False)
    df["order"] = g.cumcount().astype(float)
    df["online"] = _channel_kind(df["channel"], online).to_numpy()
    prev = g["channel"].shift()
    df["switch"] = (prev.notna() & (prev != df["channel"])).astype(float)
    df["xy"] = df["order"] * df["score"]
    df["xx"] = df["order"] ** 2
    g = df.groupby("journey_id", sort=False)
    agg = g.agg(customer_id=("customer_id", "first"), journey=("journey", "first"), start=("timestamp", "min"),
                end=("timestamp", "max"), n_touchpoints=("score", "size"), first=("score", "first"),
                mean=("score", "mean"), min=("score", "min"), max=("score", "max"), last=("score", "last"),
                sx=("order", "sum"), sy=("score", "sum"), sxy=("xy", "sum"), sxx=("xx", "sum"),
                online_share=("online", "mean"), n_channel_switches=("switch", "sum"),
                last_touchpoint=("touchpoint", "last"), last_channel=("channel", "last"))
    k = agg["n_touchpoints"].astype(float)
    den = agg["sxx"] - agg["sx"] ** 2 / k
    agg["trend"] = np.where(den > 0, (agg["sxy"] - agg["sx"] * agg["sy"] / k) / den.where(den > 0, 1.0), np.nan)
    agg["peak_end"] = (agg["min"] + agg["last"]) / 2
    agg["n_channel_switches"] = agg["n_channel_switches"].astype(int)
    agg = agg.reset_index()
    cols = ["journey_id", "customer_id", "journey", "start", "end", "n_touchpoints", "first", "mean", "min",
            "max", "last", "peak_end", "trend", "online_share", "n_channel_switches", "last_touchpoint",
            "last_channel"]
    return agg[cols]


def link_responses(measures: pd.DataFrame, responses, *, outcome: str = "ltr",
                   match: Literal["end_date", "customer"] = "end_date") -> pd.DataFrame:
    """Attach the survey outcome to each journey.

    Parameters
    ----------
    measures : DataFrame
        From :func:`journey_measures`.
    responses : DataFrame or Study
        Survey responses with ``customer_id``, ``date`` and the outcome.
    outcome : str
        Outcome column (LTR).
    match : {"end_date", "customer"}
        ``"end_date"``: the transactional response of the same customer on the
        date of the journey's last touchpoint (the survey that followed the
        journey); journeys without one are dropped. ``"customer"``: the
        customer's mean relational outcome (the same for all their journeys).

    Returns
    -------
    DataFrame
        ``measures`` with the outcome column (inner join).
    """
    resp = responses if isinstance(responses, pd.DataFrame) else responses.responses
    for c in ("customer_id", outcome) + (("date",) if match == "end_date" else ()):
        if c not in resp.columns:
            raise StudyDataError([DataProblem("responses", "column is missing (needed to link journeys)",
                                              column=c)])
    r = resp
    if "survey_type" in r.columns:
        want = "transactional" if match == "end_date" else "relational"
        sub = r[r["survey_type"].astype("string") == want]
        r = sub if len(sub) else r
    if match == "end_date":
        key = pd.DataFrame({"customer_id": r["customer_id"].astype("string").to_numpy(),
                            "_date": pd.to_datetime(r["date"]).dt.normalize().to_numpy(),
                            outcome: pd.to_numeric(r[outcome], errors="coerce").to_numpy()})
        key = key.groupby(["customer_id", "_date"], as_index=False)[outcome].mean()
        m = measures.assign(customer_id=measures["customer_id"].astype("string"),
                            _date=pd.to_datetime(measures["end"]).dt.normalize())
        out = m.merge(key, on=["customer_id", "_date"], how="inner").drop(columns="_date")
    elif match == "customer":
        key = (pd.DataFrame({"customer_id": r["customer_id"].astype("string").to_numpy(),
                             outcome: pd.to_numeric(r[outcome], errors="coerce").to_numpy()})
               .groupby("customer_id", as_index=False)[outcome].mean())
        out = measures.assign(customer_id=measures["customer_id"].astype("string")).merge(
            key, on="customer_id", how="inner")
    else:
        raise ValueError("match must be 'end_date' or 'customer'")
    return out.dropna(subset=[outcome]).reset_index(drop=True)


#: Competing explanations of the journey outcome: model name -> predictors.
PEAK_END_MODELS = {
    "average": ["mean"],
    "worst": ["min"],
    "best": ["max"],
    "end": ["last"],
    "peak_end": ["min", "last"],
    "average_trend": ["mean", "trend"],
    "average_peak_end": ["mean", "min", "last"],
}


def peak_end_models(data, *, outcome: str = "ltr", models: dict[str, list[str]] | None = None,
                    by_journey: bool = True, folds: int = 10, seed=0) -> PeakEndResult:
    """Average vs worst moment vs end: which summary of a journey predicts its outcome?

    Each model is an OLS regression of the outcome on its predictors (plus
    journey-type dummies when ``by_journey``), evaluated by K-fold
    cross-validation on the same folds: ``cv_r2 = 1 - SSE_out_of_fold / SST``.

    Parameters
    ----------
    data : DataFrame
        Journey measures with the outcome (:func:`link_responses`).
    outcome : str
    models : dict, optional
        Name -> list of predictor columns; default :data:`PEAK_END_MODELS`.
    by_journey : bool
        Add journey-type fixed effects to every model.
    folds : int
    seed : int

    Returns
    -------
    PeakEndResult
        Its ``summary()`` has one row per model, best first: ``model, predictors, n, r2, cv_r2,
        cv_rmse, diff_vs_average, diff_se`` (difference in cv_r2 with the
        "average" model and its standard error over folds, paired),
        ``coefficients`` (dict); ``best`` names the best model.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> d = pd.DataFrame({"mean": rng.normal(7, 1, 600), "min": rng.normal(5, 1.5, 600),
    ...                   "last": rng.normal(7, 1.5, 600), "max": rng.normal(9, 1, 600),
    ...                   "trend": rng.normal(0, 1, 600), "journey": "x"})
    >>> d["ltr"] = 1 + 0.5 * d["min"] + 0.4 * d["last"] + rng.normal(0, 1, 600)
    >>> peak_end_models(d).best in ("peak_end", "average_peak_end")
    True
    """
    df = data.copy()
    models = PEAK_END_MODELS if models is None else models
    needed = sorted({c for v in models.values() for c in v} | {outcome})
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(f"peak_end_models: columns missing: {missing}")
    df = df.dropna(subset=needed).reset_index(drop=True)
    n = len(df)
    if n < 5 * folds:
        raise StudyDataError(f"peak_end_models: only {n} journeys with an outcome; need at least {5 * folds}")
    if n < 200:
        warnings.warn(f"peak_end_models: {n} journeys; model comparison is noisy", SmallSampleWarning,
                      stacklevel=2)
    y = df[outcome].to_numpy(float)
    fe = (pd.get_dummies(df["journey"].astype("string"), drop_first=True, dtype=float).to_numpy()
          if by_journey and "journey" in df.columns else np.empty((n, 0)))
    rng = np.random.default_rng(seed)
    fold = rng.permutation(np.arange(n) % folds)
    sst = np.sum((y - y.mean()) ** 2)
    rows, fold_sse = [], {}
    for name, preds in models.items():
        X = np.column_stack([np.ones(n), df[preds].to_numpy(float), fe])
        beta = np.linalg.lstsq(X, y, rcond=None)[0]
        r2 = 1 - np.sum((y - X @ beta) ** 2) / sst
        pred = np.empty(n)
        for f in range(folds):
            tr, te = fold != f, fold == f
            b = np.linalg.lstsq(X[tr], y[tr], rcond=None)[0]
            pred[te] = X[te] @ b
        err = (y - pred) ** 2
        fold_sse[name] = np.bincount(fold, weights=err, minlength=folds)
        rows.append({"model": name, "predictors": " + ".join(preds), "n": n, "r2": r2,
                     "cv_r2": 1 - err.sum() / sst, "cv_rmse": float(np.sqrt(err.mean())),
                     "coefficients": dict(zip(preds, beta[1:1 + len(preds)]))})
    out = pd.DataFrame(rows)
    if "average" in fold_sse:
        base = fold_sse["average"]
        diffs = {k: (base - v) / sst for k, v in fold_sse.items()}  # per-fold contribution to cv_r2 difference
        out["diff_vs_average"] = [diffs[m].sum() for m in out["model"]]
        out["diff_se"] = [np.sqrt(folds * np.var(diffs[m], ddof=1)) if m != "average" else 0.0
                          for m in out["model"]]
    out = out.sort_values("cv_r2", ascending=False).reset_index(drop=True)
    out.attrs["best"] = out["model"].iloc[0]
    out.attrs["folds"] = folds
    return PeakEndResult(out, best=str(out["model"].iloc[0]), folds=int(folds), outcome=outcome,
                         models={k: list(v) for k, v in models.items()}, labels=labels_of(data))


def moments_of_truth(events, linked: pd.DataFrame, *, outcome: str = "ltr", bad: float | None = None,
                     target: Literal["detractor", "ltr"] = "detractor", detractor_max: int = 6,
                     adjust: tuple[str, ...] = ("mean", "min", "last"), confidence: float = 0.95,
                     min_n: int = 30) -> MomentsOfTruth:
    """Per touchpoint: how much a bad experience there raises the risk of a detractor.

    Parameters
    ----------
    events : DataFrame or Study
        Journey events.
    linked : DataFrame
        Journeys with their outcome (:func:`link_responses`).
    outcome : str
        LTR column in ``linked``.
    bad : float, optional
        A touchpoint experience is bad when its score is ``<= bad``; default
        the bottom 40% of the 0-10 scale, i.e. ``<= 4``.
    target : {"detractor", "ltr"}
        Effect on the detractor share (percentage points) or on mean LTR (points).
    detractor_max : int
        LTR at or below which a customer is a detractor.
    adjust : tuple of str
        Journey measures held constant in the adjusted effect (default: mean,
        worst and last score). The adjusted effect is then the extra harm of
        a bad experience *at that touchpoint* beyond what any bad moment does
        through the journey's average, worst moment and end: what makes a
        moment of truth. ``()`` for no adjustment.
    confidence : float
    min_n : int
        Touchpoints with fewer bad experiences are reported but not ranked.

    Returns
    -------
    MomentsOfTruth
        Its ``summary()`` has one row per touchpoint, ranked by the harm of the adjusted effect
        (largest rise in detractor share, or largest drop in LTR, first): ``touchpoint,
        journey, n, n_bad, risk_bad, risk_not_bad, risk_difference, rd_ci_low,
        rd_ci_high`` (unadjusted, Wald interval of a difference of
        proportions or means) and ``effect, ci_low, ci_high, p_value`` (one
        linear probability / linear model of the outcome on all touchpoints'
        bad-experience indicators, the adjustment measures and journey-type
        dummies, HC3 standard errors), ``rank``. Effects are in percentage
        points (detractor) or LTR points.
    """
    import statsmodels.api as sm

    ev = _events(events)
    bad = 4 if bad is None else bad
    z = stats.norm.ppf(0.5 + confidence / 2)
    e = pd.DataFrame({"journey_id": _journey_key(ev).to_numpy(), "touchpoint": ev["touchpoint"].astype("string"),
                      "journey": ev["journey"].astype("string"),
                      "score": pd.to_numeric(ev["score"], errors="coerce").to_numpy(float)}).dropna()
    e["bad"] = (e["score"] <= bad).astype(float)
    # a touchpoint visited twice in a journey counts as bad if any visit was bad
    wide = e.pivot_table(index="journey_id", columns="touchpoint", values="bad", aggfunc="max")
    tp_journey = e.groupby("touchpoint")["journey"].agg(lambda s: s.mode().iloc[0])
    lk = linked.set_index(linked["journey_id"].astype("string"))
    y_raw = pd.to_numeric(lk[outcome], errors="coerce")
    y = (y_raw <= detractor_max).astype(float) if target == "detractor" else y_raw.astype(float)
    scale = 100.0 if target == "detractor" else 1.0
    ids = lk.index.intersection(wide.index)
    if len(ids) == 0:
        raise StudyDataError("moments_of_truth: no journey in events matches a linked journey (journey_id)")
    W = wide.loc[ids]
    yv = y.loc[ids].to_numpy()
    rows = []
    for tp in W.columns:
        b = W[tp]
        seen = b.notna().to_numpy()
        bb = b.to_numpy()[seen] == 1
        yy = yv[seen]
        n_bad, n_ok = int(bb.sum()), int((~bb).sum())
        r1 = yy[bb].mean() if n_bad else np.nan
        r0 = yy[~bb].mean() if n_ok else np.nan
        if target == "detractor":
            se = np.sqrt(r1 * (1 - r1) / max(n_bad, 1) + r0 * (1 - r0) / max(n_ok, 1))
        else:
            se = np.sqrt((yy[bb].var(ddof=1) if n_bad > 1 else np.nan) / max(n_bad, 1)
                         + (yy[~bb].var(ddof=1) if n_ok > 1 else np.nan) / max(n_ok, 1))
        rd = r1 - r0
        rows.append({"touchpoint": tp, "journey": tp_journey.get(tp), "n": int(seen.sum()), "n_bad": n_bad,
                     "risk_bad": scale * r1, "risk_not_bad": scale * r0, "risk_difference": scale * rd,
                     "rd_ci_low": scale * (rd - z * se), "rd_ci_high": scale * (rd + z * se)})
    out = pd.DataFrame(rows)
    # adjusted: one model with every touchpoint's bad indicator (0 when not visited)
    Xb = W.fillna(0.0)
    parts = [Xb]
    adj = [c for c in adjust]
    if adj:
        missing = [c for c in adj if c not in lk.columns]
        if missing:
            raise ValueError(f"moments_of_truth: adjustment columns missing in linked: {missing}")
        parts.append(lk.loc[ids, adj].astype(float))
    if "journey" in lk.columns:
        parts.append(pd.get_dummies(lk.loc[ids, "journey"].astype("string"), drop_first=True, dtype=float))
    X = pd.concat(parts, axis=1)
    ok = X.notna().all(axis=1).to_numpy()
    keep_cols = [c for c in Xb.columns if Xb.loc[ok, c].sum() >= 1]
    Xm = X.loc[ok, keep_cols + [c for c in X.columns[Xb.shape[1]:]]]
    fit = sm.OLS(yv[ok], sm.add_constant(Xm.to_numpy(float), has_constant="add")).fit(cov_type="HC3")
    coef = pd.Series(fit.params[1:len(keep_cols) + 1], index=keep_cols)
    bse = pd.Series(fit.bse[1:len(keep_cols) + 1], index=keep_cols)
    pv = pd.Series(fit.pvalues[1:len(keep_cols) + 1], index=keep_cols)
    out["effect"] = scale * out["touchpoint"].map(coef)
    out["ci_low"] = out["effect"] - z * scale * out["touchpoint"].map(bse)
    out["ci_high"] = out["effect"] + z * scale * out["touchpoint"].map(bse)
    out["p_value"] = out["touchpoint"].map(pv)
    rankable = out["n_bad"] >= min_n
    harm = out["effect"] if target == "detractor" else -out["effect"]  # ltr: a negative effect is harm
    out["rank"] = harm.where(rankable).rank(ascending=False, method="min").astype("Int64")
    out = out.sort_values(["rank", "risk_difference"], ascending=[True, False], na_position="last")
    out = out.reset_index(drop=True)
    unit = "pp" if target == "detractor" else "ltr"
    out.attrs.update(bad=bad, target=target, adjust=tuple(adj), n_journeys=int(ok.sum()), unit=unit)
    return MomentsOfTruth(out, bad=float(bad), target=target, adjust=tuple(adj), n_journeys=int(ok.sum()),
                          confidence=float(confidence), min_n=int(min_n), outcome=outcome,
                          labels={**labels_of(events), **labels_of(linked)})


def _reml_profile(y: np.ndarray, levels: np.ndarray | None, groups: np.ndarray):
    """Profiled REML log-likelihood of ``y = X b + u_group + e`` as a function of ``lam = var_u / var_e``,
    where X is an intercept plus dummies of ``levels`` (integer codes 0 .. L-1, level 0 the reference; None
    for an intercept only) and ``groups`` are integer codes of the groups.

    Uses ``V_i^-1 = I - lam / (1 + n_i lam) J`` per group, so every quantity is a
    sum over groups of group totals: one evaluation costs O(groups * p**2). The totals are counted from the
    codes (no design matrix of millions of rows).
    """
    N = len(y)
    codes, inv = np.unique(groups, return_inverse=True)
    G = len(codes)
    ng = np.bincount(inv, minlength=G).astype(float)
    sy = np.bincount(inv, weights=y, minlength=G)
    yty = float(y @ y)
    if levels is None:
        XtX = np.array([[float(N)]])
        Xty = np.array([float(y.sum())])
        SX = ng[:, None]
    else:
        L = int(levels.max()) + 1
        count = np.bincount(levels, minlength=L).astype(float)
        XtX = np.diag(np.r_[float(N), count[1:]])
        XtX[0, 1:] = XtX[1:, 0] = count[1:]
        Xty = np.r_[float(y.sum()), np.bincount(levels, weights=y, minlength=L)[1:]]
        by_group = np.bincount(inv * L + levels, minlength=G * L).reshape(G, L).astype(float)
        SX = np.column_stack([ng, by_group[:, 1:]])
    p = XtX.shape[0]

    def parts(lam):
        c = lam / (1.0 + ng * lam)
        A = XtX - (SX * c[:, None]).T @ SX
        bvec = Xty - SX.T @ (c * sy)
        beta = np.linalg.solve(A, bvec)
        rss = yty - (c * sy**2).sum() - beta @ bvec  # r' V^-1 r at the GLS solution
        s2 = rss / (N - p)
        _, logdetA = np.linalg.slogdet(A)
        ll = -0.5 * ((N - p) * np.log(s2) + np.log1p(ng * lam).sum() + logdetA)
        return ll, s2, beta

    return parts, G


def touchpoint_variance(data, *, by: str = "customer_id", fixed: str | None = "touchpoint",
                        confidence: float = 0.95) -> TouchpointVariance:
    """Multilevel model of touchpoint scores nested in customers: customer vs touchpoint-level variance.

    The random-intercept model ``score = touchpoint mean + u_customer + e`` is
    fitted by REML (the model of statsmodels ``MixedLM``, here by a profiled
    likelihood over ``lam = var_customer / var_residual`` computed from
    group totals, so 25,000 events take well under a second instead of
    minutes). The intraclass correlation ``icc = var_customer /
    (var_customer + var_residual)`` is the share of the variation in
    experience scores (beyond touchpoint means) that lies between customers:
    high means some customers fare well or badly everywhere; low that
    experiences vary touchpoint by touchpoint.

    Parameters
    ----------
    data : DataFrame or Study
        Journey events.
    by : str
        Grouping column (customers).
    fixed : str or None
        Column whose levels get fixed effects (touchpoint means), or None.
    confidence : float
        Level of the profile-likelihood interval for the ICC.

    Returns
    -------
    TouchpointVariance
        ``var_customer, var_residual, icc, icc_ci_low, icc_ci_high`` (profile
        REML likelihood interval), ``n_events, n_groups, fixed_effects``
        (Series); ``summary()`` the numbers as a one-row DataFrame.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> cust = np.repeat(np.arange(300), 4)
    >>> ev = pd.DataFrame({"customer_id": cust, "touchpoint": np.tile(list("abcd"), 300),
    ...                    "score": 7 + rng.normal(0, 1, 300)[cust] + rng.normal(0, 1, 1200)})
    >>> round(touchpoint_variance(ev).icc, 1)
    0.5
    """
    from scipy import optimize

    ev = data if isinstance(data, pd.DataFrame) else getattr(data, "journey_events", None)
    if ev is None:
        raise StudyDataError([DataProblem("journey_events", "the study has no journey_events table")])
    cols = ["score", by] + ([fixed] if fixed else [])
    missing = [c for c in cols if c not in ev.columns]
    if missing:
        raise StudyDataError([DataProblem("journey_events", "column is missing", column=c) for c in missing])
    # codes instead of text and dummies: millions of events, a few touchpoints
    score = pd.to_numeric(ev["score"], errors="coerce").to_numpy(float)
    g_codes, _ = pd.factorize(ev[by])
    ok = ~np.isnan(score) & (g_codes >= 0)
    f_codes, names = None, ["intercept"]
    if fixed:
        f_all, f_levels = pd.factorize(ev[fixed].astype("string"), sort=True)
        ok &= f_all >= 0
        present = np.unique(f_all[ok])  # levels of the complete rows, in sorted order (as dummies would be)
        f_codes = np.searchsorted(present, f_all[ok])
        names += [f"{fixed}[{f_levels[c]}]" for c in present[1:]]
    y = score[ok]
    parts, G = _reml_profile(y, f_codes, g_codes[ok])
    if G < 10:
        warnings.warn(f"touchpoint_variance: only {G} customers", SmallSampleWarning, stacklevel=2)

    def negll(t):
        return -parts(np.exp(t))[0]

    res = optimize.minimize_scalar(negll, bounds=(-12.0, 8.0), method="bounded", options={"xatol": 1e-8})
    t_hat = res.x
    ll0 = -negll(-30.0)  # lam -> 0: boundary
    ll_hat = -res.fun
    if ll0 >= ll_hat:
        t_hat, ll_hat = -np.inf, ll0
    lam = float(np.exp(t_hat))
    _, s2, beta = parts(lam)
    crit = stats.chi2.ppf(confidence, 1) / 2

    def gap(t):
        return ll_hat - (-negll(t)) - crit

    lo_t = -np.inf
    if np.isfinite(t_hat) and gap(-12.0) > 0:
        lo_t = optimize.brentq(gap, -12.0, t_hat)
    start = t_hat if np.isfinite(t_hat) else -12.0
    hi_t = optimize.brentq(gap, start, 8.0) if gap(8.0) > 0 else 8.0
    to_icc = lambda t: float(np.exp(t) / (1 + np.exp(t))) if np.isfinite(t) else 0.0  # noqa: E731
    vc = lam * s2
    return TouchpointVariance(var_customer=float(vc), var_residual=float(s2), icc=float(vc / (vc + s2)),
                              icc_ci_low=to_icc(lo_t), icc_ci_high=to_icc(hi_t), n_events=len(y), n_groups=int(G),
                              fixed_effects=pd.Series(beta, index=names), confidence=float(confidence),
                              by=by, labels=labels_of(data))


def journey_heatmap_table(data, *, value: str = "score", stat: Literal["mean", "bad_share"] = "mean",
                          bad: float = 4, min_n: int = 1) -> pd.DataFrame:
    """Touchpoint x stage table of the mean score (or share of bad experiences), for the journey heatmap.

    Examples
    --------
    >>> ev = pd.DataFrame({"touchpoint": ["a", "a", "b"], "stage": ["pre", "pre", "post"], "score": [6, 8, 3]})
    >>> journey_heatmap_table(ev)
    stage       pre  post
    touchpoint
    a           7.0   NaN
    b           NaN   3.0
    """
    ev = data if isinstance(data, pd.DataFrame) else data.journey_events
    d = pd.DataFrame({"touchpoint": ev["touchpoint"].astype("string").to_numpy(),
                      "stage": ev["stage"].astype("string").to_numpy(),
                      "v": pd.to_numeric(ev[value], errors="coerce").to_numpy(float)}).dropna()
    if stat == "bad_share":
        d["v"] = (d["v"] <= bad).astype(float)
    tab = d.pivot_table(index="touchpoint", columns="stage", values="v", aggfunc="mean")
    cnt = d.pivot_table(index="touchpoint", columns="stage", values="v", aggfunc="size")
    tab = tab.where(cnt >= min_n)
    order = [s for s in ("pre", "during", "post") if s in tab.columns] + [
        s for s in tab.columns if s not in ("pre", "during", "post")]
    tab = tab[order]
    # touchpoints in journey order: by the stage where they mostly occur
    first_stage = tab.notna().to_numpy().argmax(axis=1)
    tab = tab.iloc[np.argsort(first_stage, kind="stable")]
    tab.columns.name = "stage"
    tab.index.name = "touchpoint"
    tab.attrs.update(stat=stat, value=value, bad=bad)
    return tab



# ---------------------------------------------------------------------------------------------------------
# what a page covers
# ---------------------------------------------------------------------------------------------------------


def journey_summary(measures: pd.DataFrame, linked: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per journey type: how many journeys (and how many with a survey answer), their length, the average,
    worst and last score, the online share and the channel switches; the last row is all journeys together
    (``journey`` = ``"overall"``).

    Examples
    --------
    >>> m = pd.DataFrame({"journey_id": ["j1", "j2", "j3"], "journey": ["move", "move", "bill"],
    ...                   "n_touchpoints": [3, 1, 2], "mean": [6.0, 8.0, 5.0], "min": [3, 8, 4], "last": [9, 8, 6],
    ...                   "online_share": [1.0, 0.0, 0.5], "n_channel_switches": [1, 0, 1]})
    >>> journey_summary(m, m.iloc[:1])[["journey", "n_journeys", "n_linked", "mean_score"]]
       journey  n_journeys  n_linked  mean_score
    0     bill           1         0         5.0
    1     move           2         1         7.0
    2  overall           3         1         6.333333
    """
    linked_ids = set() if linked is None else set(linked["journey_id"].astype(str))

    def row(g: pd.DataFrame, name: str) -> dict[str, Any]:
        return {"journey": name, "n_journeys": len(g), "n_linked": int(g["journey_id"].astype(str).isin(linked_ids).sum()),
                "mean_touchpoints": float(g["n_touchpoints"].mean()), "mean_score": float(g["mean"].mean()),
                "mean_worst": float(g["min"].mean()), "mean_last": float(g["last"].mean()),
                "online_share": float(g["online_share"].mean()),
                "mean_switches": float(g["n_channel_switches"].mean())}

    rows = [row(g, str(j)) for j, g in measures.groupby(measures["journey"].astype(str), sort=True)]
    rows.append(row(measures, "overall"))
    return pd.DataFrame(rows)


def describe_journeys(measures: pd.DataFrame, linked: pd.DataFrame | None = None, *, outcome: str = "ltr",
                      language: str = "en", labels: dict[str, str] | None = None) -> str:
    """The opening sentence of a journey page: how many journeys of how many customers, over which dates, and
    how many were followed by a survey answer.

    Examples
    --------
    >>> m = pd.DataFrame({"journey_id": ["j1", "j2"], "customer_id": ["c1", "c2"], "n_touchpoints": [3, 1200],
    ...                   "start": pd.to_datetime(["2024-01-05", "2024-02-01"]),
    ...                   "end": pd.to_datetime(["2024-01-09", "2024-03-02"])})
    >>> describe_journeys(m, m.iloc[:1], language="nl")
    'Deze pagina gaat over 2 klantreizen van 2 klanten, met 1.203 ervaringen op contactmomenten (5 jan 2024 tot 2 mrt 2024); 1 reis werd gevolgd door een antwoord op ‘aanbevelingsscore’.'
    """
    n_linked = 0 if linked is None else len(linked)
    return t("journeys.intro", language, n=Int(len(measures)), customers=Int(measures["customer_id"].nunique()),
             events=Int(int(measures["n_touchpoints"].sum())), first=Date(measures["start"].min()),
             last=Date(measures["end"].max()), linked=Int(n_linked), count=n_linked,
             outcome=Label(outcome, labels or {}))


# ---------------------------------------------------------------------------------------------------------
# results
# ---------------------------------------------------------------------------------------------------------


def _model_name(name: str) -> Any:
    key = f"journeys.model.{name}"
    return Word(key) if has_text(key) else str(name)


def _measure_name(name: str) -> Any:
    key = f"journeys.measure.{name}"
    return Word(key) if has_text(key) else str(name)


@dataclass(repr=False)
class PeakEndResult(Result):
    """Competing summaries of a journey compared out of sample (see :func:`peak_end_models`)."""

    models_table: pd.DataFrame
    best: str
    folds: int = 10
    outcome: str = "ltr"
    models: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def summary(self) -> pd.DataFrame:
        """One row per model, best first (``model, predictors, n, r2, cv_r2, cv_rmse, diff_vs_average, diff_se,
        coefficients``)."""
        return self.models_table.copy()

    def table(self, language: str = "en", **kwargs: Any):
        """Per model (best first): its predictors, R² in and out of sample, and the difference from the average."""
        m = self.models_table
        df = pd.DataFrame({
            "journey_model": [render(_model_name(x), language) for x in m["model"]],
            "predictors": [render(Words([_measure_name(p) for p in self.models.get(x, str(pr).split(" + "))]),
                                  language) for x, pr in zip(m["model"], m["predictors"])],
            "r2": m["r2"], "cv_r2": m["cv_r2"], "cv_rmse": m["cv_rmse"]})
        if "diff_vs_average" in m.columns:
            df["diff_vs_average"] = m["diff_vs_average"]
            df["diff_se"] = m["diff_se"]
        kwargs.setdefault("kinds", {"diff_se": "number:3"})
        kwargs.setdefault("labels", self.labels)
        kwargs.setdefault("caption", t("journeys.caption.peak_end", language, folds=Int(self.folds)))
        return report_table(df, language=language, **kwargs)

    def describe(self, language: str = "en") -> list[str]:
        """Which summary predicts the outcome best out of sample, against the average alone.

        Examples
        --------
        >>> tab = pd.DataFrame({"model": ["peak_end", "average"], "cv_r2": [0.31, 0.25],
        ...                     "diff_vs_average": [0.06, 0.0], "diff_se": [0.01, 0.0]})
        >>> PeakEndResult(tab, best="peak_end").describe("nl")[0]
        'Buiten de steekproef voorspelt het model ‘piek-einde (slechtste moment en einde)’ de uitkomst ‘aanbevelingsscore’ na een klantreis het best (R² buiten de steekproef 0,31), tegen 0,25 voor alleen het gemiddelde: een duidelijk verschil (0,06 ± 0,02).'
        """
        m = self.models_table.set_index("model")
        best = self.best
        common = dict(model=_model_name(best), r2=Num(m.loc[best, "cv_r2"], 2), outcome=Label(self.outcome, self.labels))
        if "average" in m.index and best != "average" and "diff_se" in m.columns:
            d, se = float(m.loc[best, "diff_vs_average"]), float(m.loc[best, "diff_se"])
            key = "journeys.pe.best_vs_average." + ("clear" if d > 2 * se else "uncertain")
            return [t(key, language, avg=Num(m.loc["average", "cv_r2"], 2), d=Num(d, 2), se2=Num(2 * se, 2),
                      **common)]
        return [t("journeys.pe.best", language, **common)]


@dataclass(repr=False)
class MomentsOfTruth(Result):
    """Per touchpoint, the harm of a bad experience (see :func:`moments_of_truth`)."""

    results: pd.DataFrame
    bad: float = 4.0
    target: str = "detractor"
    adjust: tuple[str, ...] = ("mean", "min", "last")
    n_journeys: int = 0
    confidence: float = 0.95
    min_n: int = 30
    outcome: str = "ltr"
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        """``"pp"`` (percentage points of the detractor share) or ``"ltr"`` (points of the outcome)."""
        return "pp" if self.target == "detractor" else "ltr"

    def summary(self) -> pd.DataFrame:
        """One row per touchpoint, ranked (see :func:`moments_of_truth`)."""
        return self.results.copy()

    def harmful(self, top: int | None = None) -> pd.DataFrame:
        """The ranked touchpoints whose adjusted effect is harmful with an interval that excludes 0."""
        r = self.results
        sub = r[r["ci_low"] > 0] if self.target == "detractor" else r[r["ci_high"] < 0]
        sub = sub.dropna(subset=["rank"]).sort_values("rank")
        return sub if top is None else sub.head(top)

    def table(self, language: str = "en", **kwargs: Any):
        """Per touchpoint (ranked): bad experiences, the outcome after a bad experience and otherwise, the
        unadjusted difference and the adjusted effect with intervals (folded: a detail table)."""
        cols = ["rank", "touchpoint", "journey", "n", "n_bad", "risk_bad", "risk_not_bad", "risk_difference",
                "rd_ci_low", "rd_ci_high", "effect", "effect_ci_low", "effect_ci_high", "p_value"]
        df = self.results.rename(columns={"ci_low": "effect_ci_low", "ci_high": "effect_ci_high"})
        kwargs.setdefault("columns", cols)
        if self.unit == "ltr":
            kwargs.setdefault("kinds", {c: "number:2" for c in cols[5:13]})
        kwargs.setdefault("labels", self.labels)
        kwargs.setdefault("caption", t(f"journeys.caption.mot.{self.target}", language, bad=Num(self.bad, 0),
                                       outcome=Label(self.outcome, self.labels), level=Level(self.confidence)))
        kwargs.setdefault("detail", True)
        return report_table(df, language=language, **kwargs)

    def _item(self, row: pd.Series, language: str) -> str:
        return t(f"journeys.mot.item.{self.unit}", language, touchpoint=str(row["touchpoint"]),
                 effect=Num(row["effect"], 1, sign=True), lo=Num(row["ci_low"], 1, sign=True),
                 hi=Num(row["ci_high"], 1, sign=True), level=Level(self.confidence))

    def describe(self, language: str = "en", top: int = 3) -> list[str]:
        """The touchpoints where a bad experience hurts most (beyond the journey's average, worst moment and
        end), with intervals; or that none stands out.

        Examples
        --------
        >>> r = pd.DataFrame({"touchpoint": ["annual bill", "welcome"], "effect": [15.0, 2.0], "ci_low": [7.0, -3.0],
        ...                   "ci_high": [23.0, 7.0], "rank": [1, 2]})
        >>> MomentsOfTruth(r).describe("nl")[0]
        'Momenten van de waarheid (een slechte ervaring daar verhoogt het aandeel criticasters, bovenop het effect via gemiddelde score, slechtste moment en einde van de reis): annual bill (+15,0 procentpunt, 95%-interval +7,0 tot +23,0).'
        """
        harmful = self.harmful(top)
        unranked = int(self.results["rank"].isna().sum()) if "rank" in self.results.columns else 0
        note = ([t("journeys.mot.unranked", language, k=Int(unranked), count=unranked, min_n=Int(self.min_n))]
                if unranked else [])
        if harmful.empty:
            return [t(f"journeys.mot.none.{self.target}", language, outcome=Label(self.outcome, self.labels)), *note]
        items = Words([self._item(r, language) for _, r in harmful.iterrows()])
        common = dict(items=items, level=Level(self.confidence), outcome=Label(self.outcome, self.labels))
        if self.adjust:
            return [t(f"journeys.mot.found.{self.target}", language,
                      adjust=Words([_measure_name(a) for a in self.adjust]), **common), *note]
        return [t(f"journeys.mot.found_unadjusted.{self.target}", language, **common), *note]

    def findings(self) -> list:
        """The strongest moment of truth as a key finding (none when no touchpoint stands out)."""
        from .findings import IMPORTANCE, Finding

        harmful = self.harmful(1)
        if harmful.empty:
            return []
        r = harmful.iloc[0]
        size = float(r["effect"])
        return [Finding.make(
            "journeys", f"journeys.moment.{r['touchpoint']}", f"journeys.finding.moment.{self.target}",
            numbers={"effect": size, "ci_low": float(r["ci_low"]), "ci_high": float(r["ci_high"]),
                     "n_bad": int(r["n_bad"]) if "n_bad" in r else None},
            test="linear probability model, HC3" if self.target == "detractor" else "linear model, HC3",
            p_value=float(r["p_value"]) if "p_value" in r else None, size=size,
            importance=IMPORTANCE["journeys.moment"] + min(9.0, abs(size) / (2.0 if self.unit == "pp" else 0.2)),
            touchpoint=str(r["touchpoint"]), effect=Points(size), lo=Points(r["ci_low"]), hi=Points(r["ci_high"]),
            level=Level(self.confidence), outcome=Label(self.outcome, self.labels),
        )]


@dataclass(repr=False)
class TouchpointVariance(Result):
    """Customer versus touchpoint-level variance of experience scores (see :func:`touchpoint_variance`)."""

    var_customer: float
    var_residual: float
    icc: float
    icc_ci_low: float
    icc_ci_high: float
    n_events: int
    n_groups: int
    fixed_effects: pd.Series = field(default_factory=pd.Series)
    confidence: float = 0.95
    by: str = "customer_id"
    labels: dict[str, str] = field(default_factory=dict)

    report_columns = ("icc", "icc_ci_low", "icc_ci_high", "var_customer", "var_residual", "n_events", "n_groups")

    def summary(self) -> pd.DataFrame:
        """The variance components, the ICC with its interval and the counts, as one row."""
        return pd.DataFrame([{c: getattr(self, c) for c in self.report_columns}])

    def describe(self, language: str = "en") -> list[str]:
        """How much of the variation in touchpoint scores lies between customers, read from the ICC's interval:
        below 0.10 (upper limit) the customer hardly matters; above 0.30 (lower limit) some customers fare well or
        badly everywhere; otherwise both levels matter.

        Examples
        --------
        >>> r = TouchpointVariance(0.01, 2.5, 0.004, 0.0, 0.02, 25000, 5000)
        >>> r.describe("nl")[0]
        'ICC = 0,004 (95%-interval 0,000 tot 0,020; 25.000 ervaringen van 5.000 klanten): de klant verklaart nauwelijks iets van de variatie in scores per contactmoment; ervaringen verschillen per contactmoment, dus verbetering ligt bij de contactmomenten.'
        """
        if self.icc_ci_high < 0.10:
            reading = "low"
        elif self.icc_ci_low > 0.30:
            reading = "high"
        else:
            reading = "mid"
        return [t("journeys.tv.sentence", language, icc=Num(self.icc, 3), lo=Num(self.icc_ci_low, 3),
                  hi=Num(self.icc_ci_high, 3), n=Int(self.n_events), groups=Int(self.n_groups),
                  level=Level(self.confidence), reading=Word(f"journeys.tv.{reading}"))]


# ---------------------------------------------------------------------------------------------------------
# deprecated sentence functions
# ---------------------------------------------------------------------------------------------------------


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"{old} is deprecated; use {new}", DeprecationWarning, stacklevel=3)


def describe_peak_end(table, language: str = "en") -> str:
    """Deprecated: ``peak_end_models(...).describe(language)``."""
    _deprecated("describe_peak_end()", "PeakEndResult.describe()")
    res = table if isinstance(table, PeakEndResult) else PeakEndResult(
        table, best=table.attrs.get("best", table.loc[table["cv_r2"].idxmax(), "model"]))
    return " ".join(res.describe(language))


def describe_moments_of_truth(table, language: str = "en", top: int = 3) -> str:
    """Deprecated: ``moments_of_truth(...).describe(language)``."""
    _deprecated("describe_moments_of_truth()", "MomentsOfTruth.describe()")
    res = table if isinstance(table, MomentsOfTruth) else MomentsOfTruth(
        table, target=table.attrs.get("target", "detractor"))
    return " ".join(res.describe(language, top=top))


def describe_touchpoint_variance(result, language: str = "en") -> str:
    """Deprecated: ``touchpoint_variance(...).describe(language)``."""
    _deprecated("describe_touchpoint_variance()", "TouchpointVariance.describe()")
    res = result if isinstance(result, TouchpointVariance) else TouchpointVariance(
        **{k: result[k] for k in ("icc", "icc_ci_low", "icc_ci_high", "n_events", "n_groups")},
        var_customer=result.get("var_customer", np.nan), var_residual=result.get("var_residual", np.nan))
    return " ".join(res.describe(language))
