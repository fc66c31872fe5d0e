"""Personal data in outputs: keyed pseudonyms for ids that leave the workbench.

With personal data not allowed (the study's ``report.allow_personal_data: false``), ids of employees,
agents or customers are replaced by a keyed hash before any table or sentence is made: the same id gets
the same pseudonym in every output of a study (so a consultant can still say "ID-3fa2c1 shows a signal"
and the client, who holds the key, can look it up), but nobody without the key can reverse it.

The key is the environment variable ``NPS_RESEARCH_SECRET`` (a study secret, never in the study file or
the manifest). Without it the key is derived from the study's data itself, so the same inputs still give
the same bytes and a reader of the report alone cannot compute the pseudonyms.

Examples
--------
>>> pseudonymise(pd.Series(["E07", "E12", None, "E07"], dtype=object), key=b"k").tolist()
['ID-488257', 'ID-61b67c', None, 'ID-488257']
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Any

import pandas as pd

__all__ = ["SECRET_VARIABLE", "pseudonym", "pseudonymise", "study_key"]

#: Environment variable holding the study secret.
SECRET_VARIABLE = "NPS_RESEARCH_SECRET"


def study_key(data: Any = None) -> bytes:
    """The pseudonymisation key: ``NPS_RESEARCH_SECRET`` if set, else a hash of the study's responses."""
    secret = os.environ.get(SECRET_VARIABLE)
    if secret:
        return secret.encode("utf-8")
    frame = getattr(data, "responses", data)
    if isinstance(frame, pd.DataFrame):
        digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
        return digest.digest()
    raise ValueError(f"no pseudonymisation key: set {SECRET_VARIABLE} or pass the study or its responses")


def pseudonym(value: Any, key: bytes, prefix: str = "ID-", length: int = 6) -> str:
    """The keyed pseudonym of one id (HMAC-SHA256, first ``length`` hex digits)."""
    return prefix + hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()[:length]


def pseudonymise(values: pd.Series, *, key: bytes, prefix: str = "ID-", length: int = 6) -> pd.Series:
    """Replace every non-missing id by its keyed pseudonym; raises when two ids would collide.

    Raises
    ------
    ValueError
        When two different ids get the same pseudonym (use a larger ``length``).
    """
    uniq = pd.unique(values.dropna())
    mapping = {v: pseudonym(v, key, prefix, length) for v in uniq}
    if len(set(mapping.values())) < len(mapping):
        raise ValueError(f"pseudonyms of length {length} collide for these ids; use a larger length")
    out = values.astype(object).copy()
    mask = values.notna()
    out[mask] = values[mask].map(mapping)
    return out
