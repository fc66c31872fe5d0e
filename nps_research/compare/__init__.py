"""NPS versus CX: which measure predicts what customers actually do?

Klaus & Maklan (2013) reported that a journey-level customer-experience measure (EXQ) explains loyalty
and recommendation better than satisfaction, while most firms steer on satisfaction or on the Net
Promoter Score. This package tests that claim on a client's own data, and states what a promoter is worth
compared with a detractor, with uncertainty. One module per question:

:mod:`~nps_research.compare.customers`
    The customer-level table: :func:`join_latest_response` (each customer's latest response joined to
    the outcomes), :func:`customer_frame` (for a Study, with NPS category dummies and CX dimension
    scores). Every analysis accepts a Study too and then calls :func:`customer_frame` itself.
:mod:`~nps_research.compare.predictive`
    :func:`predictive_validity`: out-of-sample comparison of competing predictor sets ("NPS", "NPS
    category", "Satisfaction", "CX (EXQ)", "CX + NPS", ...) for one outcome, by repeated k-fold
    cross-validation with the *same* folds for every set, so that differences are paired; differences
    against the baseline by the Nadeau & Bengio (2003) corrected resampled t-test
    (:func:`corrected_resampled_ttest`). Whole-sample AIC/BIC, coefficients (statsmodels) and
    likelihood-ratio tests for nested sets come with it; :func:`overall_conclusions` sums up over outcomes.
:mod:`~nps_research.compare.incremental`
    :func:`incremental_validity`: hierarchical regression, does CX add to NPS and NPS to CX.
:mod:`~nps_research.compare.correlations`
    :func:`compare_correlations`: two dependent correlations sharing a variable (Steiger's Z, Williams'
    T2, Meng-Rosenthal-Rubin Z) with Zou's (2007) interval for their difference.
:mod:`~nps_research.compare.value`
    :func:`value_by_category`: revenue, retention, number of products ... per promoter / passive /
    detractor with bootstrap intervals, and the promoter-to-detractor value ratio tested against the rule
    of thumb.
:mod:`~nps_research.compare.importance`
    :func:`dimension_importance`: which CX dimension matters most for each outcome (Shapley / dominance
    analysis from :mod:`nps_research.drivers`, with bootstrap intervals).
:mod:`~nps_research.compare.hypotheses`
    :func:`hypotheses` and :func:`available_measures` for the notebook.

Results follow :class:`nps_research.results.Result`: ``summary()`` a DataFrame, ``describe(language)``
sentences in English or Dutch from the text catalogue (``nps_research/text/catalog/compare.py``),
``table(language)`` the report table. All associations are observational.

References
----------
Klaus, Ph., & Maklan, S. (2013). Towards a better measure of customer experience. International Journal
of Market Research, 55(2), 227-246. Further references in the modules.

Examples
--------
>>> from nps_research.compare import measure_label, variable_label
>>> measure_label("nps_category", "nl"), variable_label("revenue_next_12m", "nl")
('NPS-categorie', 'omzet komende 12 maanden')
"""

from __future__ import annotations

from ._common import CATEGORIES, measure_label, metric_label, variable_label
from .correlations import (
    CorrelationComparison,
    compare_correlations,
    correlations_table,
    dependent_correlation_test,
)
from .customers import (
    EXQ_DIMENSIONS,
    EXQ_LABELS,
    add_nps_categories,
    customer_frame,
    describe_absent_outcomes,
    exq_dimension_scores,
    join_latest_response,
    join_summary,
    present_outcomes,
    study_scale,
)
from .hypotheses import available_measures, hypotheses
from .importance import DimensionImportance, dimension_importance
from .incremental import IncrementalValidity, incremental_validity
from .predictive import (
    PredictiveValidity,
    auc,
    corrected_resampled_ttest,
    overall_conclusions,
    predictive_findings,
    predictive_validity,
    repeated_kfold,
)
from .value import CategoryValue, value_by_category

__all__ = [
    "CATEGORIES",
    "EXQ_DIMENSIONS",
    "EXQ_LABELS",
    "CategoryValue",
    "CorrelationComparison",
    "DimensionImportance",
    "IncrementalValidity",
    "PredictiveValidity",
    "add_nps_categories",
    "auc",
    "available_measures",
    "compare_correlations",
    "corrected_resampled_ttest",
    "correlations_table",
    "customer_frame",
    "describe_absent_outcomes",
    "dependent_correlation_test",
    "dimension_importance",
    "exq_dimension_scores",
    "hypotheses",
    "incremental_validity",
    "join_latest_response",
    "join_summary",
    "measure_label",
    "metric_label",
    "overall_conclusions",
    "predictive_findings",
    "predictive_validity",
    "present_outcomes",
    "repeated_kfold",
    "study_scale",
    "value_by_category",
    "variable_label",
]
