"""nps_research: a research and statistics workbench for NPS and CX studies.

The most used functions are available at the top level; every concept has its own module
(``nps_research.nps``, ``.segments``, ``.trends``, ``.change``, ``.cx``, ``.drivers``, ``.journeys``,
``.compare``, ``.synthetic``, ``.runner``). Heavier modules are imported on first use.

Examples
--------
>>> import nps_research as nr
>>> nr.nps([10, 9, 8, 7, 3])
20.0
>>> nr.cx.__name__
'nps_research.cx'
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .errors import DataProblem, SmallSampleWarning, StudyConfigError, StudyDataError
from .nps import (
    LABELS,
    categorize,
    nps,
    nps_ci,
    nps_ci_from_counts,
    nps_detectable_difference,
    nps_sample_size,
    nps_test,
    nps_test_from_counts,
    nps_vs_benchmark,
)
from .study import Study, load_data, load_study, load_table

try:
    __version__ = version("nps_research")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

_SUBMODULES = {
    "change", "cli", "compare", "config", "cx", "drivers", "engines", "i18n", "io", "journeys", "overview",
    "plots", "report", "runner", "schema", "segments", "synthetic", "trends", "validate",
}
_LAZY = {
    "nps_summary": "segments",
    "nps_trend": "trends",
    "nps_change": "change",
    "make_study": "synthetic",
    "run_study": "runner",
}


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'nps_research' has no attribute {name!r}")


__all__ = [
    "LABELS",
    "DataProblem",
    "SmallSampleWarning",
    "Study",
    "StudyConfigError",
    "StudyDataError",
    "__version__",
    "categorize",
    "load_data",
    "load_study",
    "load_table",
    "make_study",
    "nps",
    "nps_change",
    "nps_ci",
    "nps_ci_from_counts",
    "nps_detectable_difference",
    "nps_sample_size",
    "nps_summary",
    "nps_test",
    "nps_test_from_counts",
    "nps_trend",
    "nps_vs_benchmark",
    "run_study",
]
