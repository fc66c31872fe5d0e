"""Plot functions, one module per concept (``nps``, ``cx``, ``drivers``, ``journeys``, ``compare``).

Every plot takes ``data=``, accepts ``ax=`` and returns the matplotlib Axes.
"""

from ..text.plot_labels import LABELS, label
from ._common import CATEGORY_COLORS
from .nps import change_plot, plot_change, plot_segments, plot_trend, segments_plot, trend_plot

__all__ = ["CATEGORY_COLORS", "LABELS", "change_plot", "label", "plot_change", "plot_segments", "plot_trend",
           "segments_plot", "trend_plot"]  # fmt: skip
