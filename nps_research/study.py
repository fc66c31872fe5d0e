"""The in-memory study: validated tables with role names as columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["Study"]


@dataclass
class Study:
    """Validated study tables, columns named by role (see :mod:`nps_research.schema`).

    Attributes
    ----------
    responses : DataFrame
        One row per survey response (required).
    outcomes, journey_events, invitations : DataFrame or None
        Optional tables.
    attributes : list of str
        Attribute/touchpoint satisfaction score columns in ``responses``.
    cx_items : list of str
        CX scale item columns in ``responses``.
    ranges : dict
        Response range ``(low, high)`` per score column or group.
    name, language : str
        Study name and report language (``"en"`` or ``"nl"``).
    truth : object or None
        The generating model, for synthetic studies only.
    sources : dict
        Table name -> path of the file it was read from (empty for generated data).
    """

    responses: pd.DataFrame
    outcomes: pd.DataFrame | None = None
    journey_events: pd.DataFrame | None = None
    invitations: pd.DataFrame | None = None
    attributes: list[str] = field(default_factory=list)
    cx_items: list[str] = field(default_factory=list)
    ranges: dict[str, tuple[int, int]] = field(default_factory=dict)
    name: str = "study"
    language: str = "en"
    truth: Any = None
    sources: dict[str, str] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables that are present, by name."""
        out = {"responses": self.responses}
        for name in ("outcomes", "journey_events", "invitations"):
            df = getattr(self, name)
            if df is not None:
                out[name] = df
        return out

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={len(v):,} rows" for k, v in self.tables().items())
        return f"Study({self.name!r}: {parts})"
