"""Loyalty drivers: which attributes move recommendation, and by how much.

One module per question:

:mod:`~nps_research.drivers.importance`
    How much does each driver matter? :func:`relative_importance` splits the explained variance over
    correlated drivers honestly: exact Shapley/LMG (general dominance, with conditional and complete
    dominance) or Johnson's relative weights, with bootstrap intervals; for a yes/no outcome McFadden
    dominance or logistic relative weights.
:mod:`~nps_research.drivers.models`
    The model behind the numbers: :func:`driver_model` (OLS on 0-10 LTR with HC3 standard errors, an
    ordered logit of the score, or a logit of promoter / detractor) with standardised coefficients, VIFs
    and "what if" scenarios.
:mod:`~nps_research.drivers.penalty`
    Where to act: :func:`penalty_reward` contrasts bottom-box and top-box effects per attribute
    (Kano-style classes); :func:`importance_performance` crosses importance with performance.

Results follow :class:`nps_research.results.Result`: ``summary()`` a DataFrame, ``describe(language)``
sentences in English or Dutch from the text catalogue (``nps_research/text/catalog/drivers.py``),
``table(language)`` the report table. Drivers are named by their labels (:func:`driver_label`: the
client's column name, else the catalogue's header, e.g. ``sat_price`` -> ``prijs``).

Examples
--------
>>> from nps_research.drivers import driver_label
>>> driver_label("sat_waiting_time", "nl")
'wachttijd'
"""

from __future__ import annotations

from ._common import MIN_ROWS_PER_DRIVER, FallbackWarning, describe_data, driver_label, select_answers
from .importance import (
    MAX_EXACT_LINEAR,
    MAX_EXACT_LOGISTIC,
    RelativeImportanceResult,
    all_subsets_mcfadden,
    all_subsets_r2,
    describe_importance,
    johnson_weights,
    logistic_relative_weights,
    relative_importance,
    shapley_permutation,
)
from .models import (
    DETRACTOR_MAX,
    PROMOTER_MIN,
    CollinearityWarning,
    DriverModelResult,
    ScenarioResult,
    describe_scenarios,
    driver_model,
)
from .penalty import (
    KANO_CLASSES,
    QUADRANTS,
    ImportancePerformance,
    PenaltyReward,
    describe_penalty_reward,
    importance_performance,
    penalty_reward,
)

__all__ = [
    "DETRACTOR_MAX",
    "KANO_CLASSES",
    "MAX_EXACT_LINEAR",
    "MAX_EXACT_LOGISTIC",
    "MIN_ROWS_PER_DRIVER",
    "PROMOTER_MIN",
    "QUADRANTS",
    "CollinearityWarning",
    "DriverModelResult",
    "FallbackWarning",
    "ImportancePerformance",
    "PenaltyReward",
    "RelativeImportanceResult",
    "ScenarioResult",
    "all_subsets_mcfadden",
    "all_subsets_r2",
    "describe_data",
    "describe_importance",
    "describe_penalty_reward",
    "describe_scenarios",
    "driver_label",
    "driver_model",
    "importance_performance",
    "johnson_weights",
    "logistic_relative_weights",
    "penalty_reward",
    "relative_importance",
    "select_answers",
    "shapley_permutation",
]
