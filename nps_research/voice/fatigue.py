"""Survey fatigue: who may be surveyed (rules over the contact history) and what the history says (response
rate against earlier invitations).

:func:`survey_eligibility` turns a list of eligible transactions into who may be invited, applying, per
candidate and in date order (a candidate let through counts for the later ones):

``no_consent``
    the candidate's consent column is not 1;
``opted_out``
    the customer opted out of surveys (a collection of ids, or a mapping id -> date from which on);
``same_day``
    the customer already has an invitation that day (one per person per day);
``quarantine``
    the customer's last invitation was fewer than ``quarantine_days`` days before;
``max_per_year``
    the customer already had ``max_per_year`` invitations in the 365 days up to the candidate's date.

Each excluded candidate gets the first rule it breaks as its reason. :func:`response_fatigue` measures the
response rate by the number of invitations in the previous 365 days and by the days since the last one, with
Wilson intervals, so that the quarantine and the maximum can be set from the data (:func:`suggest_rules`).

Examples
--------
>>> import pandas as pd
>>> history = pd.DataFrame({"customer_id": ["a"], "date": pd.to_datetime(["2024-01-01"])})
>>> cand = pd.DataFrame({"customer_id": ["a", "a", "b", "b"],
...                      "date": pd.to_datetime(["2024-02-01", "2024-05-01", "2024-05-01", "2024-05-01"])})
>>> survey_eligibility(cand, history=history, quarantine_days=90, max_per_year=4)[["eligible", "reason"]]
   eligible      reason
0     False  quarantine
1      True        None
2      True        None
3     False    same_day
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..inputs import as_frame, require_columns
from .coding import _wilson

__all__ = ["REASONS", "recent_eligibility", "response_fatigue", "suggest_rules", "survey_eligibility"]

#: Reason codes of an exclusion, in the order the rules are checked.
REASONS = ("no_consent", "opted_out", "same_day", "quarantine", "max_per_year")
#: Groups of the days since the last invitation (lower bounds; ``none``: no earlier invitation).
DAY_BINS = (0, 30, 90, 180, 365)


def _days(values: pd.Series) -> np.ndarray:
    return (pd.to_datetime(values).to_numpy("datetime64[D]").astype("int64"))


def survey_eligibility(candidates: Any, *, history: pd.DataFrame | None = None, customer: str = "customer_id",
                       date: str = "date", quarantine_days: int = 90, max_per_year: int | None = 4,
                       consent: str | None = None, opt_out: str | None = None,
                       opted_out: Iterable[Any] | Mapping[Any, Any] = (), invited: str = "invited",
                       one_per_day: bool = True, priority: str | None = None) -> pd.DataFrame:
    """Which candidates may be invited, with a reason code for every exclusion (see the module docstring).

    Parameters
    ----------
    candidates : DataFrame
        Eligible transactions: one row each, with the customer and the date.
    history : DataFrame, optional
        Earlier invitations (the study's ``invitations`` table): rows with ``invited`` 1 (or all rows when
        the column is absent) count.
    quarantine_days : int
        Days after an invitation during which the customer is not invited again (0: no quarantine).
    max_per_year : int or None
        At most this many invitations in any 365 days (None: no maximum).
    consent, opt_out : str, optional
        Columns of ``candidates``: consent to be surveyed (1 = yes; anything else excludes) and opt-out
        (1 = opted out).
    opted_out : collection or mapping
        Customers who opted out (always), or customer -> date from which on.
    one_per_day : bool
        At most one invitation per customer per day.
    priority : str, optional
        A column: among candidates of the same day, higher values go first (default: the given order).

    Returns
    -------
    DataFrame
        ``candidates`` with ``eligible`` (bool), ``reason`` (None or a code of :data:`REASONS`),
        ``invitations_12m`` (earlier invitations in the 365 days before, the ones let through included) and
        ``days_since_last`` (NaN without an earlier invitation).

    Raises
    ------
    StudyDataError
        When a column is missing.
    """
    cand = as_frame(candidates)
    require_columns(cand, {"customer": customer, "date": date}, table="candidates")
    for c in (consent, opt_out, priority):
        if c is not None:
            require_columns(cand, {c: c}, table="candidates")
    past: dict[Any, list[int]] = {}
    if history is not None and len(history):
        require_columns(history, {"customer": customer, "date": date}, table="invitations")
        h = history if invited not in history.columns else history.loc[pd.to_numeric(history[invited]) == 1]
        hd = _days(h[date])
        for c, d in zip(h[customer].to_numpy(object), hd):
            past.setdefault(c, []).append(int(d))
        for v in past.values():
            v.sort()
    if isinstance(opted_out, Mapping):
        out_from = {k: (int(_days(pd.Series([v]))[0]) if v is not None else -(10**9)) for k, v in opted_out.items()}
    else:
        out_from = dict.fromkeys(opted_out, -(10**9))
    days = _days(cand[date])
    order_keys = [days]
    if priority is not None:
        order_keys.insert(0, -pd.to_numeric(cand[priority], errors="coerce").fillna(-np.inf).to_numpy())
    order = np.lexsort([np.arange(len(cand))] + order_keys)  # by date, then priority, then row order
    cust = cand[customer].to_numpy(object)
    cons = None if consent is None else pd.to_numeric(cand[consent], errors="coerce").to_numpy(float)
    opt = None if opt_out is None else pd.to_numeric(cand[opt_out], errors="coerce").to_numpy(float)
    eligible = np.zeros(len(cand), dtype=bool)
    reason = np.full(len(cand), None, dtype=object)
    count12 = np.zeros(len(cand), dtype=np.int64)
    since = np.full(len(cand), np.nan)
    for i in order:
        c, d = cust[i], int(days[i])
        inv = past.setdefault(c, [])
        hi = bisect.bisect_right(inv, d)
        lo = bisect.bisect_right(inv, d - 365)
        count12[i] = hi - lo
        before = bisect.bisect_left(inv, d)
        if before:
            since[i] = d - inv[before - 1]
        if cons is not None and not cons[i] == 1:
            reason[i] = "no_consent"
        elif (opt is not None and opt[i] == 1) or (c in out_from and d >= out_from[c]):
            reason[i] = "opted_out"
        elif one_per_day and hi > before:
            reason[i] = "same_day"
        elif quarantine_days and before and d - inv[before - 1] < quarantine_days:
            reason[i] = "quarantine"
        elif max_per_year is not None and hi - lo >= max_per_year:
            reason[i] = "max_per_year"
        else:
            eligible[i] = True
            bisect.insort(inv, d)
    out = cand.copy()
    out["eligible"] = eligible
    out["reason"] = pd.Series(reason, index=cand.index, dtype=object)
    out["invitations_12m"] = count12
    out["days_since_last"] = since
    out.attrs.update({"quarantine_days": quarantine_days, "max_per_year": max_per_year,
                      "one_per_day": one_per_day})
    return out


def response_fatigue(invitations: Any, *, customer: str = "customer_id", date: str = "date",
                     invited: str = "invited", responded: str = "responded", max_earlier: int = 4,
                     min_gap: int = 0, earlier_only: int | None = None, confidence: float = 0.95) -> pd.DataFrame:
    """Response rate of invitations by the customer's earlier invitations in the 365 days before and by the
    days since the last one.

    ``min_gap`` leaves out invitations sent fewer than so many days after the previous one, ``earlier_only``
    keeps those with exactly so many earlier invitations in 365 days: many invitations and short gaps go
    together, so each measure is best read with the other held fixed (:func:`suggest_rules` does).

    Returns
    -------
    DataFrame
        ``measure`` (``earlier_invitations`` or ``days_since_last``), ``group`` (``0``, ``1``, ...,
        ``4+``; ``none``, ``0-29``, ``30-89``, ``90-179``, ``180-364``, ``365+``), ``n`` (invitations),
        ``responses``, ``rate`` with ``rate_low, rate_high`` (fractions, Wilson).

    Examples
    --------
    >>> inv = pd.DataFrame({"customer_id": ["a", "a", "b"], "date": pd.to_datetime(["2024-01-01", "2024-01-10",
    ...                     "2024-01-05"]), "invited": [1, 1, 1], "responded": [1, 0, 1]})
    >>> response_fatigue(inv)[["measure", "group", "n", "responses"]].to_string(index=False)
    '            measure group  n  responses\\nearlier_invitations     0  2          2\\nearlier_invitations     1  1          0\\n    days_since_last  none  2          2\\n    days_since_last  0-29  1          0'
    """
    inv = as_frame(invitations)
    require_columns(inv, {"customer": customer, "date": date, "responded": responded}, table="invitations")
    if invited in inv.columns:
        inv = inv.loc[pd.to_numeric(inv[invited]) == 1]
    d = pd.DataFrame({"c": inv[customer].to_numpy(object), "d": _days(inv[date]),
                      "r": pd.to_numeric(inv[responded]).to_numpy(float)}).sort_values(["c", "d"], kind="stable")
    # all customers at once: sorted by customer and day, a key that keeps each customer's days apart
    codes = pd.factorize(d["c"].to_numpy(), sort=False)[0].astype(np.int64)
    days = d["d"].to_numpy(np.int64)
    days = days - (days.min() if len(days) else 0)
    key = codes * (int(days.max(initial=0)) + 1000) + days
    start = np.searchsorted(codes, codes, side="left")  # first row of the customer
    lo = np.searchsorted(key, key - 365, side="right")
    first_same = np.searchsorted(key, key, side="left")
    earlier = first_same - lo
    has_prev = first_same > start
    since = np.where(has_prev, days - days[np.maximum(first_same - 1, 0)], np.nan)
    names = np.array([str(k) for k in range(max_earlier)] + [f"{max_earlier}+"], dtype=object)
    d["earlier"] = names[np.minimum(earlier, max_earlier)]
    bins = np.array([f"{a}-{b - 1}" for a, b in zip(DAY_BINS, DAY_BINS[1:])] + [f"{DAY_BINS[-1]}+"], dtype=object)
    d["since"] = np.where(np.isnan(since), "none",
                          bins[np.clip(np.searchsorted(DAY_BINS, np.nan_to_num(since), side="right") - 1, 0, None)])
    keep = np.ones(len(d), dtype=bool)
    if min_gap:
        keep &= ~(since < min_gap)
    if earlier_only is not None:
        keep &= earlier == earlier_only
    d = d.loc[keep]
    rows = []
    order = {"earlier": [str(k) for k in range(max_earlier)] + [f"{max_earlier}+"],
             "since": ["none"] + [f"{lo}-{hi - 1}" for lo, hi in zip(DAY_BINS, DAY_BINS[1:])] + [f"{DAY_BINS[-1]}+"]}
    for measure, colname in (("earlier_invitations", "earlier"), ("days_since_last", "since")):
        g = d.groupby(colname)["r"]
        n, k = g.count(), g.sum()
        for grp in order[colname]:
            if grp not in n.index:
                continue
            lo_, hi_ = _wilson(np.array([k[grp]]), np.array([n[grp]]), confidence)
            rows.append({"measure": measure, "group": grp, "n": int(n[grp]), "responses": int(k[grp]),
                         "rate": float(k[grp] / n[grp]), "rate_low": float(lo_[0]), "rate_high": float(hi_[0])})
    out = pd.DataFrame(rows)
    out.attrs.update({"n": len(d), "confidence": confidence})
    return out


def suggest_rules(fatigue: pd.DataFrame, *, tolerance: float = 0.05, invitations: Any = None,
                  long_gap: int = 180, **columns: Any) -> dict[str, Any]:
    """A quarantine and a maximum per 12 months from the response rates: the shortest gap from which on the
    rate stays within ``tolerance`` (a fraction: 0.05 = 5 points) of the rate after a long gap, and the number
    of earlier invitations in 12 months from which the rate drops further than that below a first
    invitation's. A group counts as below only when its whole interval is (``rate_high`` below the floor), so
    that a few invitations with a low rate by chance do not set the rules.

    Many invitations and short gaps go together, so with ``invitations`` (and the column names of
    :func:`response_fatigue` in ``columns``) each measure is read with the other held fixed: the gap among
    invitations with exactly one earlier one in 12 months, the number among invitations at least ``long_gap``
    days after the previous one. Without it, ``fatigue`` (the plain table) is read as it is.

    Returns
    -------
    dict
        ``quarantine_days`` (int), ``max_per_year`` (int or None when more invitations do not lower the rate),
        ``baseline`` (the rate of a first invitation) and ``tolerance``.

    Examples
    --------
    >>> f = pd.DataFrame({"measure": ["earlier_invitations"] * 3 + ["days_since_last"] * 3,
    ...                   "group": ["0", "1", "2+", "none", "0-29", "30-89"],
    ...                   "rate": [0.40, 0.37, 0.25, 0.40, 0.20, 0.38]})
    >>> suggest_rules(f)
    {'quarantine_days': 30, 'max_per_year': 2, 'baseline': 0.4, 'tolerance': 0.05}
    """
    def part(table: pd.DataFrame, measure: str) -> pd.DataFrame:
        return table.loc[table["measure"] == measure]

    e_all = part(fatigue, "earlier_invitations")
    base_rows = e_all.loc[e_all["group"] == "0", "rate"]
    baseline = float(base_rows.iloc[0]) if len(base_rows) else float("nan")
    if invitations is not None:
        s = part(response_fatigue(invitations, earlier_only=1, **columns), "days_since_last")
        e = part(response_fatigue(invitations, min_gap=long_gap, **columns), "earlier_invitations")
        gaps = s.loc[s["group"] != "none"]
        reference = float(gaps["rate"].iloc[-1]) if len(gaps) else baseline
    else:
        s, e, reference = part(fatigue, "days_since_last"), e_all, baseline
    top = "rate_high" if "rate_high" in fatigue.columns else "rate"
    quarantine = 0
    groups = [(g, r) for g, r in zip(s["group"], s[top] if top in s else s["rate"]) if g != "none"]
    for k, (grp, _rate) in enumerate(groups):
        if all(r >= reference - tolerance for _, r in groups[k:]):
            quarantine = int(str(grp).split("-")[0].rstrip("+"))
            break
    max_per_year = None
    for grp, rate in zip(e["group"], e[top] if top in e else e["rate"]):
        if rate < baseline - tolerance:
            max_per_year = int(str(grp).rstrip("+"))
            break
    return {"quarantine_days": quarantine, "max_per_year": max_per_year, "baseline": round(baseline, 6),
            "tolerance": tolerance}


def recent_eligibility(invitations: Any, *, window_days: int = 30, customer: str = "customer_id",
                       date: str = "date", **rules: Any) -> pd.DataFrame:
    """:func:`survey_eligibility` applied to the transactions of the last ``window_days`` days of an invitations
    table, with the earlier invitations as the history (what the rules would have done last month).

    Examples
    --------
    >>> inv = pd.DataFrame({"customer_id": ["a", "a", "b"], "invited": [1, 0, 1],
    ...                     "date": pd.to_datetime(["2024-05-01", "2024-06-20", "2024-06-25"])})
    >>> recent_eligibility(inv, window_days=30, quarantine_days=90)[["customer_id", "eligible", "reason"]]
      customer_id  eligible      reason
    1           a     False  quarantine
    2           b      True        None
    """
    inv = as_frame(invitations)
    require_columns(inv, {"customer": customer, "date": date}, table="invitations")
    dates = pd.to_datetime(inv[date])
    cut = dates.max() - pd.Timedelta(days=window_days)
    out = survey_eligibility(inv.loc[dates > cut], history=inv.loc[dates <= cut], customer=customer, date=date,
                             **rules)
    out.attrs["window_days"] = window_days
    return out
