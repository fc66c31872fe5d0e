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
['ID-488257', 'ID-61b67c', nan, 'ID-488257']
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Any

import pandas as pd
import pyarrow as pa

from .arrowtext import by_code

__all__ = ["ID_ROLES", "PERSONAL_DATA_VARIABLE", "SECRET_VARIABLE", "TEXT_ROLES", "personal_data_allowed", "protect",
           "pseudonym", "pseudonymise", "study_key"]

#: Environment variable holding the study secret.
SECRET_VARIABLE = "NPS_RESEARCH_SECRET"
#: Set to ``0`` by the runner for the kernels of a study whose reports may not show personal data.
PERSONAL_DATA_VARIABLE = "NPS_RESEARCH_PERSONAL_DATA"
#: Columns that identify a person or something that leads to one.
ID_ROLES = ("response_id", "customer_id", "employee_id", "agent_id", "transaction_id", "journey_id")
#: Open-text columns (personal data may occur in them).
TEXT_ROLES = ("reason",)


def personal_data_allowed(setting: bool | None = None) -> bool:
    """``setting`` if given, else what the runner said for this run (``NPS_RESEARCH_PERSONAL_DATA``), else
    True (a researcher exploring in JupyterLab sees the data as they are)."""
    if setting is not None:
        return bool(setting)
    return os.environ.get(PERSONAL_DATA_VARIABLE, "1") != "0"


def protect(study: Any, *, key: bytes | None = None) -> Any:
    """The one place where personal data leave a study before any table, sentence or figure is made: every id
    column of every table becomes its keyed pseudonym (the same in every table, so joins still work) and open
    text is scrubbed of personal data (:func:`nps_research.voice.scrub` where available, else removed).
    Changes ``study`` in place and returns it; ``study.protected`` is then True."""
    if getattr(study, "protected", False):
        return study
    key = key or study_key(study)
    tables = list(study.tables().values())
    known = []
    for role in ID_ROLES:
        frames = [df for df in tables if role in df.columns]
        if not frames:
            continue
        # one id, one pseudonym of one length in every table (the length is chosen over all of the role's ids)
        values = pd.concat([df[role].astype("str") for df in frames], ignore_index=True)
        new, ids = _pseudonyms(values, key=key)
        known.append(ids)
        start = 0
        for df in frames:
            df[role] = new.iloc[start:start + len(df)].set_axis(df.index).rename(role)
            start += len(df)
    for role in TEXT_ROLES:
        if role in study.responses.columns:
            study.responses[role] = _scrub_column(study.responses[role], known)
    study.protected = True
    return study


def _scrub_column(values: pd.Series, ids: list[Any]) -> pd.Series:
    try:
        from .voice.scrub import scrub_series
    except ImportError:  # no scrubber yet: open text does not reach the report at all
        return pd.Series([None] * len(values), index=values.index, dtype=object)
    known = pa.chunked_array(ids, type=pa.large_string()) if ids else pa.array([], type=pa.large_string())
    return scrub_series(values, ids=known)  # each distinct text scrubbed once


def study_key(data: Any = None) -> bytes:
    """The pseudonymisation key: ``NPS_RESEARCH_SECRET`` if set, else a hash of the study's responses
    without the columns whose values the study labels in the report language (so that the English and the
    Dutch report of one study give every person the same pseudonym)."""
    secret = os.environ.get(SECRET_VARIABLE)
    if secret:
        return secret.encode("utf-8")
    frame = getattr(data, "responses", data)
    if isinstance(frame, pd.DataFrame):
        labelled = [c for c in (getattr(data, "value_labels", None) or {}) if c in frame.columns]
        frame = frame.drop(columns=labelled) if labelled else frame
        digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
        return digest.digest()
    raise ValueError(f"no pseudonymisation key: set {SECRET_VARIABLE} or pass the study or its responses")


def pseudonym(value: Any, key: bytes, prefix: str = "ID-", length: int = 6) -> str:
    """The keyed pseudonym of one id (HMAC-SHA256, first ``length`` hex digits)."""
    return prefix + hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()[:length]


def pseudonymise(values: pd.Series, *, key: bytes, prefix: str = "ID-", length: int = 6) -> pd.Series:
    """Replace every non-missing id by its keyed pseudonym: ``length`` hex digits, more (two at a time) when two
    different ids of this column would otherwise get the same pseudonym. The result is a text column (pandas'
    ``str``, stored by Arrow: a quarter of the memory of Python strings, which matters at millions of rows)."""
    return _pseudonyms(values, key=key, prefix=prefix, length=length)[0]


def _pseudonyms(values: pd.Series, *, key: bytes, prefix: str = "ID-", length: int = 6) -> tuple[Any, Any]:
    """The pseudonyms of ``values`` (text, missing where the id is) and the distinct ids (Arrow text)."""
    codes, uniq = pd.factorize(values)  # each distinct id once (missing: code -1), in order of appearance
    ids = [str(v) for v in uniq]
    # one HMAC per id (hmac.digest: the same bytes as pseudonym(), in one C call), then as few digits as
    # keep the ids apart
    full = [hmac.digest(key, v.encode("utf-8"), "sha256").hex() for v in ids]
    while True:
        short = [prefix + h[:length] for h in full]
        if len(set(short)) == len(short) or length >= 64:
            break
        length += 2
    out = by_code(short, codes, like=values.astype("str"))
    return out, pa.array(ids, type=pa.large_string())
