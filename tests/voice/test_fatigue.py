"""Survey fatigue: the rule engine's output obeys every rule for any history and candidates (property-based),
excludes only for a true reason, and the measured side recovers planted fatigue."""

from __future__ import annotations

import bisect

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nps_research.voice import (
    REASONS,
    recent_eligibility,
    response_fatigue,
    suggest_rules,
    survey_eligibility,
)

DAY0 = pd.Timestamp("2024-01-01")

events = st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 500)), max_size=25)
candidates = st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 500), st.booleans(),
                                st.booleans()), min_size=1, max_size=40)


def _frame(rows, cols):
    df = pd.DataFrame(rows, columns=cols)
    df["date"] = DAY0 + pd.to_timedelta(df["day"], unit="D")
    return df


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=events, cands=candidates, quarantine=st.integers(0, 120), k=st.integers(1, 5),
       opted=st.sets(st.sampled_from(["a", "b", "c", "d"]), max_size=2))
def test_the_invited_obey_every_rule(history, cands, quarantine, k, opted):
    hist = _frame(history, ["customer_id", "day"]) if history else pd.DataFrame(
        {"customer_id": pd.Series([], dtype=object), "day": pd.Series([], dtype=int),
         "date": pd.Series([], dtype="datetime64[ns]")})
    cand = _frame(cands, ["customer_id", "day", "consent", "opt"])
    cand["consent"] = cand["consent"].astype(int)
    cand["opt"] = cand["opt"].astype(int)
    out = survey_eligibility(cand, history=hist, quarantine_days=quarantine, max_per_year=k, consent="consent",
                             opt_out="opt", opted_out=opted)
    assert set(out["reason"].dropna()) <= set(REASONS)
    assert (out["eligible"] == out["reason"].isna()).all()
    ok = out.loc[out["eligible"]]
    # consent and opt-out
    assert (ok["consent"] == 1).all() and (ok["opt"] == 0).all() and not ok["customer_id"].isin(opted).any()
    # per customer, over the history and the invited together
    for c in set(cand["customer_id"]):
        days = sorted(list(hist.loc[hist["customer_id"] == c, "day"]) + list(ok.loc[ok["customer_id"] == c, "day"]))
        new = sorted(ok.loc[ok["customer_id"] == c, "day"])
        for d in new:
            earlier = [x for x in days if x <= d]
            # one per day: the new one is the only invitation that day
            assert earlier.count(d) == 1
            # quarantine: no earlier invitation fewer than `quarantine` days before
            before = [x for x in earlier if x < d]
            assert not before or d - before[-1] >= quarantine
            # at most k in the 365 days up to d (the new one included)
            assert sum(1 for x in earlier if x > d - 365) <= k


@settings(max_examples=100, deadline=None)
@given(history=events, cands=candidates, quarantine=st.integers(0, 120), k=st.integers(1, 5))
def test_every_exclusion_has_a_true_reason(history, cands, quarantine, k):
    hist = _frame(history, ["customer_id", "day"]) if history else None
    cand = _frame(cands, ["customer_id", "day", "consent", "opt"]).drop(columns=["consent", "opt"])
    out = survey_eligibility(cand, history=hist, quarantine_days=quarantine, max_per_year=k)
    # replay in the engine's order (date, then row) and check each decision against the invitations so far
    inv: dict[str, list[int]] = {}
    if hist is not None:
        for c, d in zip(hist["customer_id"], hist["day"]):
            inv.setdefault(c, []).append(int(d))
    for v in inv.values():
        v.sort()
    for i in np.lexsort([np.arange(len(out)), out["day"].to_numpy()]):
        r = out.iloc[i]
        days = inv.setdefault(r["customer_id"], [])
        d = int(r["day"])
        same = d in days
        prev = [x for x in days if x < d]
        quar = bool(quarantine) and bool(prev) and d - prev[-1] < quarantine
        count = sum(1 for x in days if d - 365 < x <= d)
        if r["reason"] == "same_day":
            assert same
        elif r["reason"] == "quarantine":
            assert quar and not same
        elif r["reason"] == "max_per_year":
            assert count >= k and not quar and not same
        else:
            assert r["eligible"] and not same and not quar and count < k
            bisect.insort(days, d)


def test_opt_out_from_a_date():
    cand = pd.DataFrame({"customer_id": ["a", "a"], "date": pd.to_datetime(["2024-01-01", "2024-06-01"])})
    out = survey_eligibility(cand, quarantine_days=0, opted_out={"a": "2024-03-01"})
    assert out["reason"].tolist() == [None, "opted_out"]


def test_priority_decides_who_goes_first_on_the_same_day():
    cand = pd.DataFrame({"customer_id": ["a", "a"], "date": pd.to_datetime(["2024-01-01"] * 2), "p": [1, 5]})
    out = survey_eligibility(cand, priority="p")
    assert out["eligible"].tolist() == [False, True]


def _simulate(n_customers=3000, seed=0, drop_per_invite=0.08, recent_drop=0.15, recent_days=45):
    """Invitations over two years; the chance to respond falls with each invitation in the last 365 days and
    when the last one was fewer than ``recent_days`` days before."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(n_customers):
        k = rng.poisson(3)
        days = np.sort(rng.integers(0, 730, k))
        for j, d in enumerate(days):
            earlier = int(np.sum((days[:j] > d - 365) & (days[:j] < d)))
            gap = d - days[j - 1] if j else 10**6
            p = 0.45 - drop_per_invite * min(earlier, 4) - (recent_drop if gap < recent_days else 0.0)
            rows.append((f"C{c}", DAY0 + pd.Timedelta(days=int(d)), 1, int(rng.random() < max(p, 0.02))))
    return pd.DataFrame(rows, columns=["customer_id", "date", "invited", "responded"])


def test_response_fatigue_recovers_the_planted_fatigue():
    inv = _simulate()
    f = response_fatigue(inv)
    e = f.loc[f["measure"] == "earlier_invitations"].set_index("group")
    # the first invitation (no earlier one in 365 days) responds about 0.45 (minus the recent-gap drop for few)
    assert e.loc["0", "rate_low"] < 0.45 < e.loc["0", "rate_high"] + 0.01
    assert e["rate"].is_monotonic_decreasing
    s = f.loc[f["measure"] == "days_since_last"].set_index("group")
    assert s.loc["0-29", "rate"] < s.loc["90-179", "rate"] - 0.1
    assert (f["responses"] <= f["n"]).all()


def test_suggested_rules_follow_the_data():
    inv = _simulate(drop_per_invite=0.0, recent_drop=0.2, recent_days=60, n_customers=4000, seed=1)
    rules = suggest_rules(response_fatigue(inv), invitations=inv)
    assert rules["quarantine_days"] in (30, 90)  # the drop ends at 60 days: the bin 30-89 is mixed
    assert rules["max_per_year"] is None  # no drop with more invitations
    inv2 = _simulate(drop_per_invite=0.12, recent_drop=0.0, n_customers=4000, seed=2)
    rules2 = suggest_rules(response_fatigue(inv2), invitations=inv2)
    assert rules2["quarantine_days"] == 0 and rules2["max_per_year"] in (1, 2)


def test_recent_eligibility_uses_the_earlier_invitations_as_history():
    inv = _simulate(n_customers=300, seed=3)
    out = recent_eligibility(inv, window_days=60, quarantine_days=90, max_per_year=3)
    cut = inv["date"].max() - pd.Timedelta(days=60)
    assert (out["date"] > cut).all() and len(out) == int((inv["date"] > cut).sum())
    hist = inv.loc[inv["date"] <= cut]
    again = survey_eligibility(inv.loc[inv["date"] > cut], history=hist, quarantine_days=90, max_per_year=3)
    assert out["eligible"].equals(again["eligible"])


def test_a_missing_column_is_named():
    from nps_research.errors import StudyDataError

    with pytest.raises(StudyDataError, match="customer_id"):
        survey_eligibility(pd.DataFrame({"date": [DAY0]}))
