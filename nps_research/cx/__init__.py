"""Customer-experience measurement: scales, reliability, factor models, validity and invariance.

Examples
--------
>>> from nps_research.cx import EXQ
>>> list(EXQ.dimensions), EXQ.n_items
(['pex', 'out', 'mot', 'pom'], 19)
"""

from __future__ import annotations

from .cfa import (
                  FIT_THRESHOLDS,
                  CFAResult,
                  ConvergenceError,
                  HeywoodWarning,
                  IdentificationError,
                  NotPositiveDefiniteWarning,
                  cfa,
                  sem,
)
from .efa import EFAResult, bartlett_sphericity, efa, kmo, parallel_analysis
from .invariance import LEVELS, InvarianceResult, invariance
from .model import ModelSyntaxError, parse_model
from .reliability import ReliabilityResult, cronbach_alpha, omega_total, reliability
from .report import describe_fit, describe_invariance, describe_reliability, describe_validity
from .scales import ESQUAL, EXQ, SCALES, SERVQUAL, Scale, get_scale, score_scale
from .validity import VALIDITY_THRESHOLDS, ValidityResult, htmt, validity

__all__ = [
    "invariance",
    "InvarianceResult",
    "LEVELS",
    "reliability",
    "parallel_analysis",
    "omega_total",
    "kmo",
    "efa",
    "cronbach_alpha",
    "bartlett_sphericity",
    "ReliabilityResult",
    "EFAResult",
    "ESQUAL",
    "EXQ",
    "FIT_THRESHOLDS",
    "SCALES",
    "SERVQUAL",
    "VALIDITY_THRESHOLDS",
    "CFAResult",
    "ConvergenceError",
    "HeywoodWarning",
    "NotPositiveDefiniteWarning",
    "IdentificationError",
    "ModelSyntaxError",
    "Scale",
    "ValidityResult",
    "cfa",
    "describe_fit",
    "describe_invariance",
    "describe_reliability",
    "describe_validity",
    "get_scale",
    "htmt",
    "parse_model",
    "score_scale",
    "sem",
    "validity",
]
