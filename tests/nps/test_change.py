"""nps_change: mix + performance add up exactly; hand-computed example; one-period segments; engines; weights."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nps_research.change import decompose, describe_change, nps_change
from nps_research.errors import StudyDataError
from nps_research.nps import SmallSampleWarning, nps, nps_test


def _rows(period, seg, det, pas, pro):
    return pd.DataFrame({"wave": period, "channel": seg, "ltr": [2] * det + [8] * pas + [10] * pro})


@pytest.fixture(scope="module")
def hand():
    """Period W1: A n=60 NPS 20, B n=40 NPS -10 (NPS 8); W2: A n=40 NPS 30, B n=60 NPS 0 (NPS 12)."""
    return pd.concat([_rows("W1", "A", 12, 24, 24), _rows("W1", "B", 12, 20, 8),
                      _rows("W2", "A", 4, 20, 16), _rows("W2", "B", 15, 30, 15)], ignore_index=True)  # fmt: skip


def test_hand_computed_example(hand):
    ch = nps_change(hand, period="wave", segment="channel", from_="W1", to="W2", method="wald")
    # By hand: mid NPS = 10; A: mix = (0.4-0.6)(25-10) = -3, perf = (30-20)(0.5) = 5;
    #          B: mix = (0.6-0.4)(-5-10) = -3, perf = (0-(-10))(0.5) = 5; total 4 = 12 - 8.
    t = ch.table.set_index("segment")
    np.testing.assert_allclose(t["mix_effect"], [-3.0, -3.0], atol=1e-12)
    np.testing.assert_allclose(t["performance_effect"], [5.0, 5.0], atol=1e-12)
    np.testing.assert_allclose(t[["share_from", "share_to"]].to_numpy(), [[60, 40], [40, 60]])
    np.testing.assert_allclose(t[["nps_from", "nps_to"]].to_numpy(), [[20, 30], [-10, 0]], atol=1e-12)
    assert (ch.nps_from, ch.nps_to, ch.change) == pytest.approx((8.0, 12.0, 4.0))
    assert ch.mix_effect + ch.performance_effect == pytest.approx(ch.change, abs=1e-12)
    w1, w2 = hand[hand["wave"] == "W1"], hand[hand["wave"] == "W2"]
    ref = nps_test(w2["ltr"], w1["ltr"], method="wald")
    assert ch.p_value == pytest.approx(ref.p_value, rel=1e-10) and ch.se == pytest.approx(ref.se, rel=1e-10)
    s = ch.summary()
    assert s["segment"].iloc[-1] == "total" and s["total_effect"].iloc[-1] == pytest.approx(4.0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30),
                          st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)),
                min_size=1, max_size=6))  # fmt: skip
def test_parts_add_up_exactly_for_any_counts(cells):
    """For random counts (segments may be missing in a period) the parts sum to the change."""
    frames = []
    for i, (d0, p0, r0, d1, p1, r1) in enumerate(cells):
        frames += [_rows("W1", f"s{i}", d0, p0, r0), _rows("W2", f"s{i}", d1, p1, r1)]
    df = pd.concat(frames, ignore_index=True)
    if df.loc[df["wave"] == "W1"].empty or df.loc[df["wave"] == "W2"].empty:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        ch = nps_change(df, period="wave", segment="channel", from_="W1", to="W2")
    total = nps(df.loc[df["wave"] == "W2", "ltr"]) - nps(df.loc[df["wave"] == "W1", "ltr"])
    assert ch.change == pytest.approx(total, abs=1e-9)
    assert ch.table["mix_effect"].sum() + ch.table["performance_effect"].sum() == pytest.approx(total, abs=1e-9)
    np.testing.assert_allclose(ch.table["total_effect"], ch.table["mix_effect"] + ch.table["performance_effect"])


def test_segments_in_one_period_only(hand):
    df = pd.concat([hand, _rows("W2", "C", 1, 4, 15)], ignore_index=True)
    df = df[~((df["wave"] == "W2") & (df["channel"] == "B"))]
    ch = nps_change(df, period="wave", segment="channel", from_="W1", to="W2")
    t = ch.table.set_index("segment")
    assert t["presence"].to_dict() == {"A": "both", "B": "gone", "C": "new"}
    assert t.loc["B", "performance_effect"] == 0 and t.loc["C", "performance_effect"] == 0
    assert t.loc["B", "n_to"] == 0 and np.isnan(t.loc["B", "nps_to"])
    mid = (ch.nps_from + ch.nps_to) / 2
    assert t.loc["C", "mix_effect"] == pytest.approx(t.loc["C", "share_to"] / 100 * (70 - mid))
    assert ch.mix_effect + ch.performance_effect == pytest.approx(ch.change, abs=1e-12)


def test_order_symmetry():
    """Swapping the periods negates every effect (the split is symmetric)."""
    mix, perf = decompose([0.2, 0.5, 0.3], [10, -5, 40], [0.4, 0.4, 0.2], [0, 5, 30])
    mix_r, perf_r = decompose([0.4, 0.4, 0.2], [0, 5, 30], [0.2, 0.5, 0.3], [10, -5, 40])
    np.testing.assert_allclose(mix, -mix_r)
    np.testing.assert_allclose(perf, -perf_r)


def test_weighted_and_engine_routes(hand, tmp_path):
    df = hand.assign(weight=np.tile([0.5, 1.0, 2.0, 1.25], len(hand) // 4 + 1)[: len(hand)])
    ch = nps_change(df, period="wave", segment="channel", from_="W1", to="W2", weights="weight", method="wald")
    for wave, col in (("W1", "nps_from"), ("W2", "nps_to")):
        part = df[df["wave"] == wave]
        assert getattr(ch, col) == pytest.approx(nps(part["ltr"], part["weight"]), rel=1e-12)
        seg_a = part[part["channel"] == "A"]
        assert ch.table.loc[0, col] == pytest.approx(nps(seg_a["ltr"], seg_a["weight"]), rel=1e-12)
    share_a = df.loc[(df["wave"] == "W1") & (df["channel"] == "A"), "weight"].sum() / \
        df.loc[df["wave"] == "W1", "weight"].sum()
    assert ch.table.loc[0, "share_from"] == pytest.approx(100 * share_a)
    assert ch.mix_effect + ch.performance_effect == pytest.approx(ch.change, abs=1e-12)
    path = tmp_path / "hand.parquet"
    hand.to_parquet(path, index=False)
    a = nps_change(hand, period="wave", segment="channel", from_="W1", to="W2")
    b = nps_change(path, period="wave", segment="channel", from_="W1", to="W2")
    pd.testing.assert_frame_equal(a.table, b.table, check_exact=True)


def test_synthetic_level_shift_shows_up_as_performance(synthetic):
    """make_study has a known drop from the level-shift date on (about -16 NPS points): compare the
    quarter it starts with the same quarter a year earlier (same season)."""
    study = synthetic(2500, 4)
    rel = study.responses[study.responses["survey_type"] == "relational"]
    shift = pd.Timestamp(study.truth.level_shift["date"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        ch = nps_change(rel, period="date", freq="Q", segment="region", from_=shift - pd.DateOffset(months=12),
                        to=shift)  # fmt: skip
    expected = study.truth.level_shift["nps_points"]
    assert ch.ci_low < expected < ch.ci_high and ch.p_value < 0.05
    assert ch.performance_effect < 0 and abs(ch.performance_effect) > abs(ch.mix_effect)
    assert ch.mix_effect + ch.performance_effect == pytest.approx(ch.change, abs=1e-10)
    text = describe_change(ch)
    assert text[0].startswith("The NPS fell significantly from")
    assert "points come from the mix effect" in text[1] and "segments of region" in text[1]
    nl = ch.describe("nl")
    quarter = f"{shift.year} K{(shift.month - 1) // 3 + 1}"
    assert nl[0].startswith("De NPS daalde significant van ") and f"naar {ch.nps_to:+.1f}".replace(".", ",") in nl[0]
    assert f"in {quarter} (p " in nl[0] and "00:00" not in nl[0]
    assert "segmenten van regio" in nl[1] and "region" not in " ".join(nl)
    with pytest.raises(Exception, match="no valid"):
        nps_change(rel, period="date", freq="Q", segment="region", from_="2030-01-01", to=shift)


def test_bad_arguments_raise_clear_errors(hand):
    with pytest.raises(ValueError, match="same period"):
        nps_change(hand, period="wave", segment="channel", from_="W1", to="W1")
    with pytest.raises(ValueError, match="same period"):  # to=None is the last period, W2
        nps_change(hand, period="wave", segment="channel", from_="W2")
    with pytest.raises(ValueError, match="different columns"):
        nps_change(hand, period="wave", segment="wave", from_="W1", to="W2")
    with pytest.raises(StudyDataError, match="column 'wave'.*no valid 'ltr' answers in the comparison period W9"):
        nps_change(hand, period="wave", segment="channel", from_="W1", to="W9")
    with pytest.raises(StudyDataError, match="baseline period 2021-01-01; the data run from 2024-01-01 to "):
        nps_change(pd.DataFrame({"ltr": [9, 3, 10, 6], "date": ["2024-01-05", "2024-01-09", "2024-03-02", "2024-03-09"],
                                 "channel": "web"}), period="date", freq="M", segment="channel", from_="2021-01-01")


def test_change_that_is_not_significant_is_not_called_a_rise(hand):
    """The hand example (NPS 8 -> 12 on 100 answers each) is far from significant: the sentence gives the
    change and says it is not significant, in both languages."""
    ch = nps_change(hand, period="wave", segment="channel", from_="W1", to="W2", method="wald")
    assert ch.p_value > 0.5
    en, nl = ch.describe("en"), ch.describe("nl")
    assert en[0] == (f"The NPS went from +8.0 in W1 to +12.0 in W2; the change of +4.0 points is not significant "
                     f"(p = {ch.p_value:.3f}).")
    assert nl[0].startswith("De NPS ging van +8,0 in W1 naar +12,0 in W2; de verandering van +4,0 punten is niet")
    assert nl[1] == ("Van de verandering van +4,0 punten komt -6,0 punten uit het mixeffect (een andere verdeling "
                     "van de antwoorden over de segmenten van kanaal) en +10,0 punten uit het prestatie-effect "
                     "(veranderingen binnen die segmenten).")


def test_change_report_table_names_periods_and_segments(hand):
    df = hand.assign(date=np.where(hand["wave"] == "W1", "2024-01-15", "2024-04-10")).astype({"date": "datetime64[ns]"})
    ch = nps_change(df, period="date", freq="Q", segment="channel", from_="2024-01-01", to="2024-04-01")
    shown = ch.table("nl").formatted()  # the contract's table(language)
    assert list(shown.columns)[:4] == ["kanaal", "aanwezig in", "n 2024 K1", "n 2024 K2"]
    assert "NPS 2024 K1" in shown.columns and "mixeffect" in shown.columns
    assert shown["kanaal"].tolist() == ["A", "B", "totaal"]
    assert shown["aanwezig in"].tolist()[:2] == ["beide perioden", "beide perioden"]
    assert shown["totaal effect"].iloc[-1] == "+4,0"
    assert pd.DataFrame(ch.table)["mix_effect"].sum() == pytest.approx(-6.0)
