"""Signals of asking for a 9 or 10 and of inviting only satisfied customers.

The synthetic demo plants a gaming and a cherry-picking employee (nps_research.synthetic); an independent
generator below makes units with real differences but nothing planted (the realistic null) and an extreme
cherry-picker as a client saw one (no detractors, nothing below 8).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from nps_research import people


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_planted_gaming_and_cherry_picking_are_flagged_by_their_signal(synthetic, seed):
    study = synthetic(3000, seed)
    found = people.signals(study, unit="employee_id", drivers=["csat", *study.attributes],
                           where={"survey_type": "transactional"})
    flagged = found.loc[found["flagged"]]
    gamer, picker = study.truth.gaming_employee, study.truth.cherry_picking_employee
    assert "passive_gap" in set(flagged.loc[flagged["unit"] == gamer, "signal"])
    assert "invitation_rate" in set(flagged.loc[flagged["unit"] == picker, "signal"])
    assert set(flagged["unit"]) == {gamer, picker}  # nobody else
    # the gaming employee is a score-pattern signal, the cherry-picker a selection signal
    assert set(flagged.loc[flagged["unit"] == gamer, "kind"]) == {"pattern"}
    assert set(flagged.loc[flagged["unit"] == picker, "kind"]) == {"selection"}


def _null_units(rng, k=40):
    """Units that really differ (true shares from a Dirichlet) but game nothing and invite at random."""
    rows, inv = [], []
    for u in range(k):
        p = rng.dirichlet([6.0, 6.0, 8.0])
        n_elig = int(rng.integers(60, 250))
        invited = rng.random(n_elig) < 0.7
        answered = invited & (rng.random(n_elig) < 0.5)
        n = int(answered.sum())
        cat = rng.choice(3, size=n, p=p)
        ltr = np.select([cat == 0, cat == 1], [rng.integers(0, 7, n), rng.integers(7, 9, n)],
                        rng.integers(9, 11, n))
        csat = np.clip(np.round(1 + 0.8 * ltr + rng.normal(0, 1.2, n)), 1, 10)
        rows.append(pd.DataFrame({"unit": f"U{u:02d}", "ltr": ltr, "csat": csat}))
        inv.append(pd.DataFrame({"unit": f"U{u:02d}", "invited": invited.astype(int)}))
    return pd.concat(rows, ignore_index=True), pd.concat(inv, ignore_index=True)


def test_without_planted_effects_flags_stay_within_the_false_discovery_rate():
    flagged_units = units = any_flag = 0
    sims = 40
    for seed in range(sims):
        df, inv = _null_units(np.random.default_rng(1000 + seed))
        found = people.signals(df, unit="unit", invitations=inv, drivers=["csat"], min_n=20, fdr=0.05)
        flagged_units += found.loc[found["flagged"], "unit"].nunique()
        units += found["unit"].nunique()
        any_flag += bool(found["flagged"].any())
    assert flagged_units / units <= 0.05
    assert any_flag / sims <= 0.10  # under the complete null the FDR is the chance of any flag (<= 5% + noise)


def test_an_extreme_cherry_picker_is_flagged_without_an_invitations_table():
    rng = np.random.default_rng(4)
    df, _ = _null_units(rng, k=12)
    picked = pd.DataFrame({"unit": "PICK", "ltr": rng.choice([8, 9, 10], size=30, p=[0.2, 0.4, 0.4]),
                           "csat": rng.choice([8, 9, 10], size=30)})
    found = people.signals(pd.concat([df, picked]), unit="unit", min_n=20)
    row = found.set_index(["unit", "signal"]).loc[("PICK", "truncated")]
    assert row["flagged"] and row["lowest_score"] == 8
    assert found.loc[found["flagged"], "unit"].unique().tolist() == ["PICK"]
    nl = " ".join(people.describe_signals(found, "nl"))
    assert "PICK: geen enkel antwoord lager dan 8 in 30 antwoorden" in nl


def test_a_rise_after_a_bonus_date_is_a_signal():
    rng = np.random.default_rng(9)
    df, _ = _null_units(rng, k=10)
    df["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 360, len(df)), unit="D")
    late = (df["unit"] == "U03") & (df["date"] >= "2024-07-01")
    df.loc[late & (df["ltr"] <= 8), "ltr"] = rng.choice([9, 10], size=int((late & (df["ltr"] <= 8)).sum()))
    found = people.signals(df, unit="unit", since="2024-07-01", min_n=20)
    change = found.loc[found["signal"] == "change_after"].set_index("unit")
    assert change.loc["U03", "flagged"] and change.drop("U03")["flagged"].sum() == 0
    assert change.loc["U03", "nps_after"] > change.loc["U03", "nps_before"] + 30


def test_selection_on_something_known_before_the_survey_is_shown():
    rng = np.random.default_rng(12)
    inv = pd.DataFrame({"unit": np.repeat([f"U{i}" for i in range(8)], 150),
                        "complaint_before": rng.integers(0, 2, 1200)})
    p = np.where((inv["unit"] == "U5") & (inv["complaint_before"] == 1), 0.1, 0.7)
    inv["invited"] = (rng.random(1200) < p).astype(int)
    df = pd.DataFrame({"unit": np.repeat([f"U{i}" for i in range(8)], 40), "ltr": rng.integers(0, 11, 320)})
    found = people.signals(df, unit="unit", invitations=inv, known=["complaint_before"], min_n=20)
    sel = found.loc[found["signal"] == "invited_selected"].set_index("unit")
    assert sel.loc["U5", "flagged"] and sel.loc["U5", "statistic"] < -0.5
    assert not sel.drop("U5")["flagged"].any()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_signal_sentences_describe_never_accuse(synthetic, language):
    study = synthetic(3000, 0)
    found = people.signals(study, unit="employee_id", drivers=["csat"], where={"survey_type": "transactional"})
    text = " ".join(people.describe_signals(found, language))
    reasons = people.signals(study, unit="employee_id", drivers=["csat"], where={"survey_type": "transactional"},
                             language=language)
    flagged = reasons.loc[reasons["flagged"]]
    assert all(r.reason.startswith(f"{r.unit}: ") and "q " in r.reason for r in flagged.itertuples())
    assert set(flagged["reason"]) <= set(people.describe_signals(reasons, language))
    quiet = reasons.loc[~reasons["flagged"], "reason"]
    assert quiet.str.contains("niet ongewoon" if language == "nl" else "not unusual").all()
    # the quiet rows are written from one template: each as t() writes it on its own
    from nps_research.text import P, Word, t

    for r in reasons.loc[~reasons["flagged"]].iloc[::25].itertuples():
        assert r.reason == t("people.signal_not_unusual", language, name=str(r.unit),
                             signal=Word(f"value.{r.signal}"), q=P(r.q_value, "q"))
    assert study.truth.gaming_employee in text and study.truth.cherry_picking_employee in text
    assert not re.search(r"cheat|fraud|manipulat|bedrog|fraude|vals|manipul|liegt|lied", text, re.I)
    if language == "nl":
        assert not re.search(r"\d\.\d", text) and "the " not in text
    else:
        assert not re.search(r"\d,\d{1,2}\b(?!\d)", text.replace(", ", " ")) and " de " not in text


def test_invitations_table_problems_name_the_column():
    df = pd.DataFrame({"unit": ["a"] * 30 + ["b"] * 30, "ltr": list(range(11)) * 5 + [9] * 5})
    with pytest.raises(people.StudyDataError, match="column 'invited'"):
        people.signals(df, unit="unit", invitations=pd.DataFrame({"unit": ["a"]}))
    with pytest.raises(people.StudyDataError, match="must be 0 or 1"):
        people.signals(df, unit="unit", invitations=pd.DataFrame({"unit": ["a", "b"], "invited": [1, 2]}))


@pytest.mark.parametrize("a, b", [(7.5, 21.0), (1.2, 40.0), (0.3, 400.0), (30.0, 0.7), (1.0, 1.0), (200.0, 300.0),
                                  (2.5, 30.0)])
def test_beta_binomial_tails_for_large_units_match_scipy(a, b):
    # above 500 answers the tails are a quadrature of the beta mixture of binomial tails; scipy sums the
    # pmf. The priors include densities that are not smooth at 0 or 1 (a or b below 3, not whole), where
    # the window of the quadrature reaches an end of (0, 1), and a prior narrower than the window
    from scipy import stats

    rng = np.random.default_rng(5)
    n = np.concatenate([rng.integers(501, 60_000, 60), rng.integers(501, 2000, 60)]).astype(float)
    k = np.round(n * rng.beta(a, b, len(n)))
    k[:3] = [0.0, n[1], 1.0]  # the edges: none, all, one
    for lower, want in ((True, stats.betabinom.cdf(k, n, a, b)), (False, stats.betabinom.sf(k - 1, n, a, b))):
        np.testing.assert_allclose(people._bb_tail(k, n, a, b, lower=lower), want, atol=1e-7, rtol=0)
    assert (n > 500).all()  # the large-n route


def test_beta_binomial_tail_expansion_is_exact_where_it_says_it_holds():
    # the expansion E[F(B)] (prior CDF F, B the beta behind the binomial tail) to the fourth moment; where it
    # says it holds it must be within 2e-8 of scipy's sum, and it must hold for many large units
    from scipy import stats

    rng = np.random.default_rng(7)
    held, total = 0, 0
    for a, b in [(7.8, 11.6), (20.0, 60.0), (1.2, 40.0), (200.0, 300.0), (2.9, 2.9), (0.3, 400.0)]:
        n = rng.integers(501, 200_000, 200).astype(float)
        k = np.round(n * rng.beta(a, b, len(n)))
        for lower, want in ((True, stats.betabinom.cdf(k, n, a, b)), (False, stats.betabinom.sf(k - 1, n, a, b))):
            value, holds = people._bb_tail_expansion(k, n, a, b, lower)
            np.testing.assert_allclose(value[holds], want[holds], atol=2e-8, rtol=0)
            held += int(holds.sum())
            total += len(holds)
    assert held > 0.4 * total
