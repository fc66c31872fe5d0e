"""Shared plot helpers: category colours (defined once), number formatting, date axes, label wrapping."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt

__all__ = ["CATEGORY_COLORS", "CATEGORY_COLOR_MAP", "new_ax", "wrap", "date_axis"]

#: Colours of detractors, passives, promoters (in that order) -- the one place they are defined.
CATEGORY_COLORS = ("#d7301f", "#bdbdbd", "#238b45")
CATEGORY_COLOR_MAP = {
    "detractor": CATEGORY_COLORS[0], "passive": CATEGORY_COLORS[1], "promoter": CATEGORY_COLORS[2],
    "detractors": CATEGORY_COLORS[0], "passives": CATEGORY_COLORS[1], "promoters": CATEGORY_COLORS[2],
}  # fmt: skip


def new_ax(ax=None, size: tuple[float, float] = (8, 4.5)):
    """Return ``ax`` or a new Axes of ``size`` inches."""
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def wrap(text, width: int = 22) -> str:
    """Wrap a long category / item label on word boundaries."""
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def date_axis(ax, axis: str = "x") -> None:
    """Readable date ticks at any number of periods (AutoDateLocator + ConciseDateFormatter)."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(locator)
    target.set_major_formatter(mdates.ConciseDateFormatter(locator))
