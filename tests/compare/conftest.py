"""Fixtures of the NPS-versus-CX tests."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special


def _simulate(n=800, seed=0, b_cx=1.2, b_ltr=0.2):
    rng = np.random.default_rng(seed)
    cx = rng.normal(size=n)
    ltr = np.clip(np.round(7 + 1.5 * (0.6 * cx + 0.8 * rng.normal(size=n))), 0, 10)
    ltr_z = (ltr - ltr.mean()) / ltr.std()
    retained = (rng.random(n) < special.expit(1.0 + b_cx * cx + b_ltr * ltr_z)).astype(int)
    revenue = 1000 + 150 * cx + 40 * ltr_z + rng.normal(scale=300, size=n)
    return pd.DataFrame({"cx": cx, "ltr": ltr, "csat": np.round(cx + rng.normal(size=n)), "retained": retained,
                         "revenue": revenue, "segment": rng.choice(["a", "b", "c"], size=n)})



@pytest.fixture(scope="session")
def sim():
    """``sim(n=800, seed=0, b_cx=1.2, b_ltr=0.2)``: customers with a CX score, an LTR driven by it, and
    retention and revenue with known effects of CX and LTR (a fresh DataFrame on each call)."""
    return _simulate
