"""Shared plot helpers: category colours (defined once), axes in the report language, date axes, wrapping.

Every plot of the workbench is ``<thing>_plot(data=None, *, ..., language="en", ax=None) -> Axes``: it
draws on ``ax`` (or a new figure), takes every visible text from the text layer
(:mod:`nps_research.text`, the ``plot.`` texts and the column labels) and finishes with
:func:`finish_axes`, which writes the tick numbers in the report language (decimal comma in Dutch).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker

from ..text import check_language, fmt_number
from ..text.plot_labels import label

__all__ = ["CATEGORY_COLORS", "CATEGORY_COLOR_MAP", "date_axis", "figure_texts", "finish_axes", "fit_tick_labels",
           "label", "new_ax", "number_axis", "wrap"]

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
    r"""Wrap a long category / item label on word boundaries (a word longer than ``width`` stays whole).

    Examples
    --------
    >>> wrap("Momenten van de waarheid", 14), wrap("Uitkomstgerichtheid", 14)
    ('Momenten van\nde waarheid', 'Uitkomstgerichtheid')
    """
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False)) or str(text)


def fit_tick_labels(ax, texts: Iterable[str], widths: Iterable[int] = (14, 12, 10, 8)) -> None:
    r"""Category labels under the x axis wrapped at the widest of ``widths`` at which neighbours do not overlap
    (measured on the drawn figure); when none fits, written vertically on one line.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = new_ax(size=(3, 2))
    >>> _ = ax.set_xticks(range(4))
    >>> fit_tick_labels(ax, ["weinig zevens en achten", "alle scores hoger", "veel tienen", "geen lage scores"])
    >>> [t.get_text() for t in ax.get_xticklabels()][:2]  # at 14 characters a line they overlapped
    ['weinig\nzevens en\nachten', 'alle scores\nhoger']
    """
    texts = [str(x) for x in texts]
    renderer = ax.figure.canvas.get_renderer()
    for width in widths:
        ax.set_xticklabels([wrap(x, width) for x in texts])
        boxes = [tk.get_window_extent(renderer) for tk in ax.get_xticklabels() if tk.get_text()]
        if not any(a.overlaps(b) for a, b in zip(boxes, boxes[1:])):
            return
    ax.set_xticklabels(texts, rotation=90)


def date_axis(ax, axis: str = "x", language: str = "en") -> None:
    """Readable date ticks at any number of periods: at most about eight ticks, month names in the
    report language (``jan``, ``mrt``, ``mei`` in Dutch)."""
    from ..text.formatters import _MONTHS

    check_language(language)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(locator)
    fmt = mdates.ConciseDateFormatter(locator, show_offset=False)
    months = _MONTHS[language]

    original = fmt.format_ticks

    def _format(values):
        labels = original(values)
        out = []
        for lab in labels:
            for en, local in zip(_MONTHS["en"], months):
                lab = lab.replace(en, local)
            out.append(lab)
        return out

    fmt.format_ticks = _format  # type: ignore[method-assign]
    target.set_major_formatter(fmt)


def _decimals(step: float) -> int:
    """Decimals that write every multiple of ``step`` exactly (2.5 -> 1, 0.25 -> 2, 5 -> 0).

    Examples
    --------
    >>> _decimals(2.5), _decimals(0.25), _decimals(5.0), _decimals(0.1)
    (1, 2, 0, 1)
    """
    import math

    if step <= 0 or not math.isfinite(step):
        return 0
    for d in range(7):
        if abs(round(step, d) - step) <= 1e-9 * max(1.0, abs(step)):
            return d
    return 6


def number_axis(ax, axis: str = "y", language: str = "en", *, decimals: int | None = None,
                percent: bool = False) -> None:
    """Tick numbers in the report language (``0,25`` in Dutch), decimals from the tick step."""
    check_language(language)
    target = ax.xaxis if axis == "x" else ax.yaxis

    def _tick(v, _pos=None):
        locs = [t for t in target.get_majorticklocs()]
        step = min((abs(b - a) for a, b in zip(locs, locs[1:]) if b != a), default=1.0)
        d = _decimals(step) if decimals is None else decimals
        s = fmt_number(v, language, d, thousands=False)
        if s.startswith("-") and float(v) == 0:
            s = s[1:]
        return s + ("%" if percent else "")

    target.set_major_formatter(mticker.FuncFormatter(_tick))


def finish_axes(ax, language: str = "en", *, x: bool = True, y: bool = True) -> None:
    """Write the numeric tick labels of ``ax`` (and of axes sharing its figure position, such as a
    twin axis) in the report language; date and categorical axes are left as they are."""
    check_language(language)
    for a in _siblings(ax):
        for which, target in (("x", a.xaxis), ("y", a.yaxis)):
            if (which == "x" and not x) or (which == "y" and not y):
                continue
            formatter = target.get_major_formatter()
            if isinstance(formatter, mticker.ScalarFormatter | mticker.FormatStrFormatter | mticker.PercentFormatter):
                number_axis(a, which, language)


def _siblings(ax) -> list:
    fig = ax.figure
    out = [ax]
    for other in fig.axes:
        if other is not ax and other.get_position().bounds == ax.get_position().bounds:
            out.append(other)
    return out


def figure_texts(ax_or_fig) -> list[str]:
    """Every visible text of a figure (titles, axis labels, tick labels, legends, annotations), after
    drawing it; for tests that check a plot's language."""
    fig = getattr(ax_or_fig, "figure", ax_or_fig)
    fig.canvas.draw()
    out: list[str] = []

    def add(items: Iterable) -> None:
        for item in items:
            if item is not None and item.get_visible():
                s = item.get_text().strip()
                if s:
                    out.append(s)

    if getattr(fig, "_suptitle", None) is not None:
        add([fig._suptitle])
    add(fig.texts)
    for a in fig.axes:
        if not a.get_visible():
            continue
        add([a.title, a._left_title, a._right_title, a.xaxis.label, a.yaxis.label])
        add(a.get_xticklabels())
        add(a.get_yticklabels())
        add(a.texts)
        legend = a.get_legend()
        if legend is not None:
            add(legend.get_texts())
            add([legend.get_title()])
    for legend in fig.legends:
        add(legend.get_texts())
        add([legend.get_title()])
    return out
