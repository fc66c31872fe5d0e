"""nps_research: a research and statistics workbench for NPS and CX studies."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import DataProblem, StudyConfigError, StudyDataError
from .study import Study, load_data, load_study, load_table

try:
    __version__ = version("nps_research")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = [
    "DataProblem",
    "Study",
    "StudyConfigError",
    "StudyDataError",
    "__version__",
    "load_data",
    "load_study",
    "load_table",
]
