"""Value per NPS category (nps_research.compare.value) against pandas group means, normal-theory and
delta-method intervals, and the coverage of the bootstrap interval in simulation."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from nps_research import StudyDataError
from nps_research.compare import value_by_category


def _value_data(n=1500, seed=0, ratio=1.5):
    rng = np.random.default_rng(seed)
    ltr = rng.choice(np.arange(11), size=n, p=np.r_[np.full(7, 0.04), 0.13, 0.15, 0.2, 0.24])
    cat = np.where(ltr <= 6, 0, np.where(ltr <= 8, 1, 2))
    mean = np.array([100.0, 100 * (1 + ratio) / 2, 100 * ratio])[cat]
    revenue = rng.gamma(4.0, mean / 4.0)
    retained = (rng.random(n) < np.array([0.6, 0.8, 0.9])[cat]).astype(int)
    return pd.DataFrame({"customer_id": [f"c{i}" for i in range(n)], "ltr": ltr, "revenue": revenue,
                         "retained": retained, "w": rng.uniform(0.5, 2, size=n)})


def test_value_by_category_means_ratio_moves_against_pandas_and_normal_theory():
    df = _value_data()
    res = value_by_category(df, value=["revenue", "retained"], seed=1, n_boot=4000)
    cat = pd.cut(df["ltr"], [-1, 6, 8, 10], labels=["detractor", "passive", "promoter"])
    means = df.groupby(cat, observed=True)[["revenue", "retained"]].mean()
    counts = cat.value_counts()
    bc = res.by_category.set_index(["value", "category"])
    for v in ("revenue", "retained"):
        for c in ("detractor", "passive", "promoter"):
            assert bc.loc[(v, c), "mean"] == pytest.approx(means.loc[c, v])
            assert bc.loc[(v, c), "n"] == counts[c]
            # bootstrap interval close to the normal-theory interval of a mean
            sub = df.loc[cat == c, v]
            se = sub.std() / np.sqrt(len(sub))
            assert bc.loc[(v, c), "se"] == pytest.approx(se, rel=0.1)
            assert bc.loc[(v, c), "ci_low"] == pytest.approx(sub.mean() - 1.96 * se, abs=0.25 * se)
    assert bc.xs("revenue", level="value")["share_of_value"].sum() == pytest.approx(1.0)
    ratio = res.ratios.set_index("value").loc["revenue"]
    mp, md = means.loc["promoter", "revenue"], means.loc["detractor", "revenue"]
    assert ratio["ratio"] == pytest.approx(mp / md)
    # delta-method interval of a ratio of independent means
    sp = df.loc[cat == "promoter", "revenue"].std() / np.sqrt(counts["promoter"])
    sd = df.loc[cat == "detractor", "revenue"].std() / np.sqrt(counts["detractor"])
    se_log = math.sqrt((sp / mp) ** 2 + (sd / md) ** 2)
    assert ratio["ci_low"] == pytest.approx(mp / md * math.exp(-1.96 * se_log), rel=0.03)
    assert ratio["ci_high"] == pytest.approx(mp / md * math.exp(1.96 * se_log), rel=0.03)
    assert not ratio["claim_in_ci"] and ratio["p_value_claim"] < 0.001  # true ratio 1.5, not 3
    mv = res.moves.set_index(["value", "from", "to"])
    assert mv.loc[("retained", "detractor", "promoter"), "difference"] == pytest.approx(
        means.loc["promoter", "retained"] - means.loc["detractor", "retained"])
    text = " ".join(res.describe())
    assert "not supported" in text and "lower" in text


def test_value_ratio_claim_consistent_when_true_and_weights_give_weighted_means():
    df = _value_data(n=3000, seed=3, ratio=3.0)
    res = value_by_category(df, value="revenue", weights="w", seed=2, n_boot=2000)
    cat = np.where(df["ltr"] <= 6, "detractor", np.where(df["ltr"] <= 8, "passive", "promoter"))
    bc = res.by_category.set_index("category")
    for c in ("detractor", "promoter"):
        sel = cat == c
        assert bc.loc[c, "mean"] == pytest.approx(np.average(df["revenue"][sel], weights=df["w"][sel]))
    assert 2.5 < res.ratios["ratio"].iloc[0] < 3.5
    assert "consistent with these data" in " ".join(res.describe())


@pytest.mark.slow
def test_bootstrap_ratio_interval_covers_the_true_ratio():
    rng = np.random.default_rng(99)
    cover = []
    for _ in range(150):
        n = 240
        ltr = rng.choice([3, 8, 10], size=n)
        mean = np.where(ltr == 3, 100.0, np.where(ltr == 8, 150.0, 200.0))
        df = pd.DataFrame({"ltr": ltr, "v": rng.gamma(3.0, mean / 3.0)})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = value_by_category(df, value="v", customer=None, n_boot=500, seed=int(rng.integers(1 << 31)))
        r = res.ratios.iloc[0]
        cover.append(r["ci_low"] <= 2.0 <= r["ci_high"])
    assert 0.89 <= np.mean(cover) <= 0.99


def test_value_by_category_requires_one_row_per_customer():
    df = _value_data(n=100)
    df.loc[5, "customer_id"] = "c1"
    with pytest.raises(StudyDataError, match="join_latest_response"):
        value_by_category(df, value="revenue")


def test_resampled_means_of_large_categories_have_the_bootstrap_distribution(monkeypatch):
    """Above _BOOT_ROWS customers: few distinct values are resampled exactly by multinomial counts, many by
    an m-out-of-n bootstrap scaled to n. Both give the spread of the full bootstrap: the standard error of a
    mean, sd / sqrt(n), and (skewed revenue) the full bootstrap's percentiles."""
    import nps_research.compare.value as value

    rng = np.random.default_rng(8)
    n = 20000
    retained = (rng.random(n) < 0.7).astype(float)
    revenue = rng.lognormal(5, 1.2, n)
    full = {name: value._boot_means(v, None, 3000, np.random.default_rng(1))
            for name, v in (("retained", retained), ("revenue", revenue))}
    monkeypatch.setattr(value, "_BOOT_ROWS", 2500)
    for name, v in (("retained", retained), ("revenue", revenue)):
        boot = value._boot_means(v, None, 3000, np.random.default_rng(2))
        se = v.std() / np.sqrt(n)
        assert boot.std() == pytest.approx(se, rel=0.08), name
        assert boot.mean() == pytest.approx(v.mean(), abs=0.1 * se), name
        np.testing.assert_allclose(np.quantile(boot, [0.025, 0.975]), np.quantile(full[name], [0.025, 0.975]),
                                   atol=0.25 * se)
    # weights: the m-out-of-n path, around the weighted mean
    w = rng.uniform(0.5, 2, n)
    boot = value._boot_means(revenue, w, 2000, np.random.default_rng(3))
    assert boot.mean() == pytest.approx(np.sum(w * revenue) / np.sum(w), rel=0.002)
