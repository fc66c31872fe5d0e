"""The bootstrap of logistic dominance merges identical rows once and starts every resample's fits from the
full-sample fits (issue 14, speed): its intervals are those of resampling the rows and refitting from scratch."""

from __future__ import annotations

import numpy as np
import pandas as pd

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
