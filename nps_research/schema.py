"""The study data model: tables, column roles and their rules.

A *role* is what a column means to the workbench (``ltr``, ``date`` ...). A
study file maps roles to the client's own column names; after loading, every
table uses the role names as column names. ``data/README.md`` documents each
role in one line and is checked against this module by the tests.

Examples
--------
>>> TABLES["responses"].role("ltr").describe_range()
'whole numbers 0-10'
>>> [r.name for r in TABLES["invitations"].required_roles()]
['transaction_id', 'customer_id', 'employee_id', 'date', 'invited', 'responded']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "LTR_RANGE",
    "SCORE_GROUPS",
    "SURVEY_TYPES",
    "STAGES",
    "TABLES",
    "Role",
    "pandera_schema",
    "ScoreGroup",
    "Table",
]

Kind = Literal["id", "text", "date", "datetime", "category", "score", "binary", "number"]

LTR_RANGE = (0, 10)
SURVEY_TYPES = ("relational", "transactional")
STAGES = ("pre", "during", "post")

#: Accepted spellings of category values (lower-cased) -> canonical value.
CATEGORY_SYNONYMS: dict[str, dict[str, str]] = {
    "survey_type": {
        "relational": "relational",
        "relationeel": "relational",
        "rnps": "relational",
        "transactional": "transactional",
        "transactioneel": "transactional",
        "tnps": "transactional",
    },
    "stage": {
        "pre": "pre",
        "before": "pre",
        "voor": "pre",
        "during": "during",
        "tijdens": "during",
        "post": "post",
        "after": "post",
        "na": "post",
    },
}


@dataclass(frozen=True)
class Role:
    """One column role of a table."""

    name: str
    kind: Kind
    description: str
    required: bool = False
    nullable: bool = True
    unique: bool = False
    low: float | None = None
    high: float | None = None
    integer: bool = False
    categories: tuple[str, ...] | None = None

    def describe_range(self) -> str:
        """Human-readable statement of the value rule."""
        if self.kind == "binary":
            return "0 or 1 (also yes/no, ja/nee, true/false)"
        if self.categories:
            return "one of " + ", ".join(self.categories)
        if self.low is not None and self.high is not None:
            what = "whole numbers" if self.integer else "numbers"
            return f"{what} {self.low:g}-{self.high:g}"
        if self.low is not None:
            return f"{'whole numbers' if self.integer else 'numbers'} >= {self.low:g}"
        return {
            "date": "dates (ISO 2024-01-31, 31-01-2024 or 31/01/2024)",
            "datetime": "date-times (ISO, or day-month-year with time)",
            "id": "identifiers (text)",
            "text": "text",
            "number": "numbers",
            "category": "labels (text)",
        }.get(self.kind, self.kind)


@dataclass(frozen=True)
class ScoreGroup:
    """An open-ended set of score columns that share a response range.

    The study file lists the columns (``attributes``, ``cx_items``) and may
    set the range; these are the defaults.
    """

    name: str
    table: str
    low: int
    high: int
    description: str


@dataclass(frozen=True)
class Table:
    """A table of the study data model."""

    name: str
    description: str
    roles: tuple[Role, ...]
    required: bool = False

    def role(self, name: str) -> Role:
        for r in self.roles:
            if r.name == name:
                return r
        raise KeyError(f"table '{self.name}' has no role '{name}'")

    def required_roles(self) -> list[Role]:
        return [r for r in self.roles if r.required]

    @property
    def role_names(self) -> list[str]:
        return [r.name for r in self.roles]


def _score(name: str, desc: str, low: int = 0, high: int = 10, **kw) -> Role:
    return Role(name, "score", desc, low=low, high=high, integer=True, **kw)


RESPONSES = Table(
    "responses",
    "One row per survey response.",
    required=True,
    roles=(
        Role("response_id", "id", "Unique id of the response.", required=True, nullable=False, unique=True),
        Role("customer_id", "id", "Customer who answered; joins to outcomes and journey events.", required=True,
             nullable=False),
        Role("date", "date", "Date the survey was answered.", required=True, nullable=False),
        Role("survey_type", "category", "relational (periodic, whole relationship) or transactional "
             "(right after a touchpoint); Dutch relationeel/transactioneel accepted; an export of one type may "
             "set it as a constant in the study file.", required=True,
             nullable=False, categories=SURVEY_TYPES),
        Role("touchpoint", "category", "Touchpoint the response is about (empty for relational responses); "
             "optional."),
        Role("channel", "category", "Channel of the touchpoint or of the contact (app, web, phone, ...).",
             required=True),
        _score("ltr", "Likelihood to recommend, whole numbers 0-10 (labelled answers such as "
               "'10 - Zeer waarschijnlijk' are parsed).", required=True, nullable=False),
        Role("product", "category", "Product segment."),
        Role("region", "category", "Region segment."),
        Role("team", "category", "Team that handled the customer."),
        Role("employee_id", "id", "Employee who handled the transaction (personal data: see report settings)."),
        Role("agent_id", "id", "Contact agent who made the LTR prediction."),
        Role("weight", "number", "Survey weight, > 0.", low=0.0),
        Role("reason", "text", "Open-text reason for the score (personal data may occur)."),
        Role("reason_language", "category", "Language of the reason text (en | nl).", categories=("en", "nl")),
        Role("followup_consent", "binary", "1 if the customer agreed to be contacted about the answer."),
        _score("agent_predicted_ltr", "The contact agent's prediction of the customer's LTR, 0-10."),
        Role("wave", "category", "Wave label of a relational survey (e.g. 2024-Q1); empty for transactional."),
        _score("csat", "Overall satisfaction; range set by the study (default 1-10).", low=1, high=10),
    ),
)

OUTCOMES = Table(
    "outcomes",
    "One row per customer: behaviour observed after the survey.",
    roles=(
        Role("customer_id", "id", "Customer; joins to responses.", required=True, nullable=False, unique=True),
        Role("retained", "binary", "1 if still a customer twelve months later."),
        Role("revenue_next_12m", "number", "Revenue from the customer in the next twelve months (>= 0).", low=0.0),
        Role("n_products", "number", "Number of products held, whole number >= 0.", low=0, integer=True),
        Role("share_of_wallet", "number", "Share of the customer's category spend with us, 0-1.", low=0.0, high=1.0),
    ),
)

JOURNEY_EVENTS = Table(
    "journey_events",
    "Long format: one row per touchpoint experience within a customer's journey.",
    roles=(
        Role("customer_id", "id", "Customer.", required=True, nullable=False),
        Role("journey", "category", "Journey (switching, moving house, billing, complaint ...).", required=True,
             nullable=False),
        Role("touchpoint", "category", "Touchpoint within the journey.", required=True, nullable=False),
        Role("stage", "category", "pre | during | post (voor/tijdens/na accepted).", required=True,
             nullable=False, categories=STAGES),
        Role("channel", "category", "online | offline or a named channel (app, web, phone, chat, shop).",
             required=True),
        Role("timestamp", "datetime", "When the touchpoint happened.", required=True, nullable=False),
        _score("score", "Touchpoint experience score; range set by the study (default 0-10).", required=True),
        Role("journey_id", "id", "Instance of the journey, when a customer made the same journey twice."),
    ),
)

INVITATIONS = Table(
    "invitations",
    "One row per eligible transaction: was the customer invited to the survey, did they respond.",
    roles=(
        Role("transaction_id", "id", "Unique id of the transaction.", required=True, nullable=False, unique=True),
        Role("customer_id", "id", "Customer.", required=True, nullable=False),
        Role("employee_id", "id", "Employee who handled the transaction.", required=True),
        Role("date", "date", "Date of the transaction.", required=True, nullable=False),
        Role("invited", "binary", "1 if a survey invitation was sent.", required=True, nullable=False),
        Role("responded", "binary", "1 if the customer responded (never 1 when not invited).", required=True,
             nullable=False),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (RESPONSES, OUTCOMES, JOURNEY_EVENTS, INVITATIONS)}

SCORE_GROUPS: dict[str, ScoreGroup] = {
    "attributes": ScoreGroup("attributes", "responses", 1, 10,
                             "Touchpoint/attribute satisfaction scores (columns listed in the study; default 1-10)."),
    "cx_items": ScoreGroup("cx_items", "responses", 1, 7,
                           "CX scale items such as EXQ (columns listed in the study; Likert, default 1-7)."),
}


def pandera_schema(table: str, *, score_columns: dict[str, tuple[int, int]] | None = None, strict: bool = False):
    """A pandera ``DataFrameSchema`` for a *loaded* table (role names as columns, parsed dtypes).

    The contract every analysis may rely on after :func:`nps_research.load_data` (and that
    :func:`nps_research.synthetic.make_study` honours): dtypes by kind, ranges, allowed categories, uniqueness
    and required non-missing values. Optional roles are not required to be present. ``score_columns`` adds
    score columns (name -> (low, high)). Importing pandera is slow, so it happens here, not at package import.

    Examples
    --------
    >>> import pandas as pd
    >>> schema = pandera_schema("outcomes")
    >>> _ = schema.validate(pd.DataFrame({"customer_id": ["a", "b"], "retained": [1, 0]}))
    >>> try:
    ...     schema.validate(pd.DataFrame({"customer_id": ["a", "a"], "retained": [1, 2]}), lazy=True)
    ... except Exception as e:
    ...     print(type(e).__name__)
    SchemaErrors
    """
    import pandera.pandas as pa

    spec = TABLES[table]
    cols = {}
    for r in spec.roles:
        checks = []
        if r.kind in ("score", "number", "binary"):
            lo, hi = (0, 1) if r.kind == "binary" else (r.low, r.high)
            if lo is not None and hi is not None:
                checks.append(pa.Check.in_range(lo, hi))
            elif lo is not None:
                checks.append(pa.Check.gt(lo) if r.name == "weight" else pa.Check.ge(lo))
            if r.integer or r.kind in ("score", "binary"):
                checks.append(pa.Check(lambda s: (s.dropna() % 1 == 0).all(), name="whole_numbers"))
            dtype = None
        elif r.kind in ("date", "datetime"):
            dtype = None  # the resolution (s, us, ns) depends on the source; the check accepts any
            checks.append(pa.Check(lambda s: _is_datetime(s), element_wise=False, name="is_datetime"))
        else:
            dtype = None
            checks.append(pa.Check(lambda s: s.dropna().map(lambda v: isinstance(v, str)).all(), name="is_text"))
            if r.categories:
                checks.append(pa.Check.isin(list(r.categories)))
        cols[r.name] = pa.Column(dtype, checks=checks, nullable=r.nullable, unique=r.unique,
                                 required=r.required)
    for name, (lo, hi) in (score_columns or {}).items():
        cols[name] = pa.Column(None, checks=[pa.Check.in_range(lo, hi),
                                             pa.Check(lambda s: (s.dropna() % 1 == 0).all(), name="whole_numbers")],
                               nullable=True)
    return pa.DataFrameSchema(cols, strict=strict, name=table)


def _is_datetime(s) -> bool:
    """True for a datetime64 column (any resolution, no time zone)."""
    import pandas as pd

    return bool(pd.api.types.is_datetime64_dtype(s))
