"""Pseudonyms: one keyed HMAC per id, as few hex digits as keep a column's ids apart, the same as pseudonym()."""

from __future__ import annotations

import pandas as pd

from nps_research.privacy import pseudonym, pseudonymise


def test_pseudonyms_are_the_keyed_hmac_and_widen_until_distinct():
    ids = pd.Series([f"K{i:06d}" for i in range(60_000)] + [None, "K000001"])
    out = pseudonymise(ids, key=b"secret")
    # 60,000 ids in 16**6 six-digit pseudonyms collide (birthday bound): widened two digits at a time, to the
    # first width at which they are apart
    width = len(out.iloc[0]) - len("ID-")
    assert width >= 8 and not out.iloc[:-2].str[:-2].is_unique
    assert out.iloc[:-2].is_unique and out.iloc[-1] == out.iloc[1] and pd.isna(out.iloc[-2])
    assert all(out.iloc[i] == pseudonym(ids.iloc[i], b"secret", length=width) for i in range(0, 60_000, 611))
    small = pseudonymise(pd.Series(["a", "b"]), key=b"secret")
    assert list(small) == [pseudonym("a", b"secret"), pseudonym("b", b"secret")]  # six digits when they suffice


def test_pseudonyms_are_arrow_text_a_fraction_of_the_memory_of_python_strings():
    # at millions of rows the ids are most of a study's memory; missing ids stay missing
    ids = pd.Series([f"C{i:07d}" for i in range(50_000)] + [None], dtype=object)
    out = pseudonymise(ids, key=b"k")
    assert str(out.dtype) == "str" and out.isna().sum() == 1
    as_python = out.astype(object)
    assert out.memory_usage(deep=True) < 0.4 * as_python.memory_usage(deep=True)
    assert out.iloc[7] == pseudonym("C0000007", b"k", length=len(out.iloc[7]) - 3)  # widened if ids collide
