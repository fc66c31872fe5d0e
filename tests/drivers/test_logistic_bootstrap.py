"""The bootstrap of logistic dominance merges identical rows once and starts every resample's fits from the
full-sample fits (issue 14, speed): its intervals are those of resampling the rows and refitting from scratch."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nps_research.drivers import relative_importance
from nps_research.drivers.importance import _dominance_from_subsets, all_subsets_mcfadden


def _naive_intervals(X, y, bootstrap, seed, confidence=0.95):
    rng = np.random.default_rng(seed)
    n, p = X.shape
    boot = []
    for _ in range(bootstrap):
        idx = rng.integers(0, n, n)
        r2s = all_subsets_mcfadden(X[idx], y[idx])
        boot.append(_dominance_from_subsets(r2s, p)[0])
    a = (1 - confidence) / 2
    return np.quantile(np.array(boot), [a, 1 - a], axis=0)


def test_the_fast_bootstrap_gives_the_intervals_of_the_naive_one():
    rng = np.random.default_rng(12)
    n = 1500
    # survey-like scores (few distinct rows: merged) and a continuous score (not merged)
    for kind in ("scale", "continuous"):
        if kind == "scale":
            X = rng.integers(1, 6, size=(n, 3)).astype(float)
        else:
            X = rng.normal(size=(n, 3))
        y = (X @ [0.6, 0.2, 0.0] - X.mean(axis=0) @ [0.6, 0.2, 0.0] + rng.logistic(size=n) > 0).astype(float)
        df = pd.DataFrame(X, columns=["a", "b", "c"]).assign(y=y)
        res = relative_importance(df, outcome="y", drivers=["a", "b", "c"], bootstrap=40, seed=3)
        lo, hi = _naive_intervals(X, y, 40, 3)
        imp = res.importance.set_index("driver").loc[["a", "b", "c"]]
        np.testing.assert_allclose(imp["ci_low"], lo, atol=1e-9, err_msg=kind)
        np.testing.assert_allclose(imp["ci_high"], hi, atol=1e-9, err_msg=kind)


@pytest.mark.parametrize("outcome", ["y", "v"])
def test_the_m_out_of_n_bootstrap_gives_the_intervals_of_the_full_bootstrap(outcome):
    """Resamples of 2,000 of 8,000 rows, scaled by sqrt(m / n) around the estimate: interval widths and
    bounds within the seed-to-seed variation of the full bootstrap (measured: widths within 10 %, bounds
    within 12 % of the width), for a logistic and a linear outcome (an independent simulation)."""
    rng = np.random.default_rng(5)
    n = 8000
    X = rng.normal(size=(n, 4)) + 0.5 * rng.normal(size=(n, 1))
    eta = 0.2 * X[:, 0] + 0.4 * X[:, 1] + 0.1 * X[:, 2] + 0.3 * X[:, 3]
    df = pd.DataFrame(X, columns=list("abcd"))
    df["y"] = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    df["v"] = eta + rng.normal(size=n) * 2
    kw = dict(outcome=outcome, drivers=list("abcd"), bootstrap=300, seed=1)
    full = relative_importance(df, **kw)
    part = relative_importance(df, bootstrap_rows=2000, **kw)
    assert (full.bootstrap_rows, part.bootstrap_rows) == (None, 2000)
    pd.testing.assert_series_equal(part.importance["importance"], full.importance["importance"])
    f, q = full.importance, part.importance
    width = (f["ci_high"] - f["ci_low"]).to_numpy()
    assert np.all(np.abs((q["ci_high"] - q["ci_low"]).to_numpy() / width - 1) < 0.2)
    assert np.all(np.abs((q["ci_low"] - f["ci_low"]).to_numpy()) < 0.2 * width)
    assert np.all(np.abs((q["ci_high"] - f["ci_high"]).to_numpy()) < 0.2 * width)
    # without the scaling the intervals would be twice as wide (sqrt(8000 / 2000)): the test can tell
    assert np.all((q["ci_high"] - q["ci_low"]).to_numpy() < 1.5 * width)
    # below the limit nothing changes
    same = relative_importance(df, bootstrap_rows=n, **kw)
    pd.testing.assert_frame_equal(same.importance, full.importance)
    with pytest.raises(ValueError, match="bootstrap_rows"):
        relative_importance(df, bootstrap_rows=10, **kw)
