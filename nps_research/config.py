"""Study files: YAML that says which data to read, how its columns map to roles, and which analyses to run.

A minimal study file::

    name: acme-2025q1
    language: nl                      # en | nl
    data:
      responses:
        path: exports/nps_q1.csv      # relative to this file
        columns:                      # role: the client's column (only where they differ)
          response_id: Respondent
          ltr: "Q1 Aanbevelen"
          date: Datum
        attributes: {sat_price: "Q5 Prijs", sat_app: "Q6 App"}   # or a list of column names
        ranges: {attributes: [1, 10]}
      outcomes: exports/outcomes.xlsx  # short form: just the path
    analyses:
      - notebook: 01_data_overview
      - notebook: 02_nps
        parameters: {freq: "M"}
    output: ../reports
    notebooks: null                   # a folder with your own notebooks (default: the workbench's)

Examples
--------
>>> cfg = StudyConfig.model_validate({"name": "x", "data": {"responses": "r.csv"}})
>>> cfg.data.responses.path, cfg.language, cfg.output
('r.csv', 'en', 'reports')
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import StudyConfigError
from .schema import SCORE_GROUPS, TABLES

__all__ = ["Aggregate", "AnalysisSpec", "Constant", "DataSpec", "ReportSettings", "StudyConfig", "TableSpec",
           "load_config"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _in_language(text: str | dict[str, str] | None, language: str, where: str) -> str | None:
    """A text given once or per language ({en: ..., nl: ...}) in the report language (else English, else the
    first one given)."""
    if not isinstance(text, dict):
        return text
    if not text:
        raise ValueError(f"{where}: give a text, or one per language ({{en: ..., nl: ...}})")
    return text.get(language) or text.get("en") or next(iter(text.values()))


class Constant(_Strict):
    """A role with one value for every row (an export without the column: ``survey_type: {value: transactional}``)."""

    value: str | int | float = Field(description="The value every row gets (validated like a column's value).")


class Aggregate(_Strict):
    """How to reduce a table whose rows repeat a key to one row per key.

    ``rule``: ``first`` / ``last`` (by the table's mapped date or timestamp where it has one, else file order),
    ``min`` / ``max`` / ``mean`` (numeric columns; other columns take the last row's value).
    """

    by: str = Field(description="The role whose repeated values are reduced to one row each (e.g. customer_id).")
    rule: Literal["first", "last", "min", "max", "mean"] = Field(
        "last", description="first / last row (by the table's date or timestamp, else file order), or min / max / "
                            "mean of the numeric columns.")


class TableSpec(_Strict):
    """Where one table lives and how its columns map to roles."""

    path: str = Field(description="The file: CSV (any separator, decimal comma, UTF-8 or cp1252), .xlsx or "
                                  ".parquet; relative to the study file.")
    columns: dict[str, str | Constant] = Field(
        default_factory=dict, description="Role -> the client's column where the names differ, or {value: ...} "
                                          "for a role that is the same for every row (e.g. survey_type).")
    aggregate: Aggregate | None = Field(None, description="Reduce rows that repeat a key to one row per key "
                                                          "({by: customer_id, rule: last}).")
    attributes: str | list[str] | dict[str, str] | None = Field(
        None, description="Attribute satisfaction scores: glob patterns (\"sat_*\"), a list, or {name: column}.")
    cx_items: str | list[str] | dict[str, str] | None = Field(
        None, description="CX scale items (such as EXQ's pex1-pom6): glob patterns, a list, or {name: column}.")
    ranges: dict[str, tuple[int, int]] = Field(
        default_factory=dict, description="Response range [low, high] per score role or group (attributes, "
                                          "cx_items, csat, ...).")
    sheet: str | int | None = Field(None, description="Excel sheet (name or number).")
    sep: str | None = Field(None, description="CSV separator (default: sniffed).")
    encoding: str | None = Field(None, description="File encoding (default: UTF-8 with or without BOM, UTF-16, "
                                                   "else cp1252).")
    decimal: Literal[".", ","] | None = Field(None, description="Decimal mark (default: from the separator).")
    date_format: str | None = Field(None, description="strftime format of dates that are not ISO or day-first.")
    values: dict[str, dict[str, str | dict[str, str]]] = Field(
        default_factory=dict, description="Labels for coded values per role: {role: {code: label or {en: ..., "
                                          "nl: ...}}}.")

    @field_validator("values")
    @classmethod
    def _value_labels(cls, v: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for role, mapping in v.items():
            for code, label in mapping.items():
                if isinstance(label, dict):
                    unknown = sorted(set(label) - {"en", "nl"})
                    if unknown or not label:
                        raise ValueError(f"label of {role} value {code!r} must be a text or a mapping of the "
                                         f"languages en / nl to texts, got {label!r}")
        return v

    def value_labels(self, language: str = "en") -> dict[str, dict[str, str]]:
        """Role -> {value in the data: label shown in ``language``} (a label without the language keeps the
        value).

        Examples
        --------
        >>> spec = TableSpec(path="r.csv", values={"product": {"gas_el": {"en": "gas and power", "nl": "gas en stroom"},
        ...                                                    "sol": "solar"}})
        >>> spec.value_labels("nl")
        {'product': {'gas_el': 'gas en stroom', 'sol': 'solar'}}
        """
        out: dict[str, dict[str, str]] = {}
        for role, mapping in self.values.items():
            out[role] = {}
            for code, label in mapping.items():
                text = label if isinstance(label, str) else label.get(language)
                if text is not None:
                    out[role][str(code)] = str(text)
        return out

    @field_validator("ranges")
    @classmethod
    def _ranges_ordered(cls, v: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        for k, (lo, hi) in v.items():
            if lo >= hi:
                raise ValueError(f"range of '{k}' must be [low, high] with low < high, got [{lo:g}, {hi:g}]")
        return v

    def mapped_columns(self) -> dict[str, str]:
        """Role -> the client's column, for the roles read from a column (not constants)."""
        return {role: col for role, col in self.columns.items() if isinstance(col, str)}

    def constants(self) -> dict[str, Any]:
        """Role -> the constant value, for the roles given as ``{value: ...}``."""
        return {role: col.value for role, col in self.columns.items() if isinstance(col, Constant)}

    def score_columns(self, available: list[str] | None = None) -> dict[str, dict[str, str]]:
        """Score group -> {study name: client's column}.

        A group may be given as a list of columns, a mapping {study name: client's column}, or glob patterns
        (``"sat_*"``, ``["pex*", "out*"]``) matched against the ``available`` columns in file order.

        Examples
        --------
        >>> TableSpec(path="r.csv", attributes="sat_*").score_columns(["ltr", "sat_b", "sat_a"])
        {'attributes': {'sat_b': 'sat_b', 'sat_a': 'sat_a'}}
        """
        out = {}
        for group in SCORE_GROUPS:
            spec = getattr(self, group)
            if not spec:
                continue
            if isinstance(spec, dict):
                out[group] = dict(spec)
                continue
            names: list[str] = []
            for item in [spec] if isinstance(spec, str) else spec:
                if any(ch in item for ch in "*?[") and available is not None:
                    names += [c for c in available if fnmatch.fnmatchcase(str(c), item) and c not in names]
                elif item not in names:
                    names.append(item)
            out[group] = {c: c for c in names}
        return out


class DataSpec(_Strict):
    """The study's tables; only ``responses`` is required."""

    responses: TableSpec = Field(description="One row per survey response (required).")
    outcomes: TableSpec | None = Field(None, description="One row per customer: behaviour after the survey.")
    journey_events: TableSpec | None = Field(None, description="One row per touchpoint experience in a journey.")
    invitations: TableSpec | None = Field(None, description="One row per eligible transaction: invited, responded.")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, v: Any) -> Any:
        if isinstance(v, dict):
            unknown = sorted(set(v) - set(TABLES))
            if unknown:
                raise ValueError(f"unknown table(s) {', '.join(unknown)}; tables are: {', '.join(TABLES)}")
            return {k: ({"path": str(t)} if isinstance(t, str | Path) else t) for k, t in v.items()}
        return v

    def tables(self) -> dict[str, TableSpec]:
        return {name: spec for name in TABLES if (spec := getattr(self, name)) is not None}


class AnalysisSpec(_Strict):
    """One notebook to run, with its parameters."""

    notebook: str = Field(description="The notebook's name (01_data_overview ... see the list below).")
    parameters: dict[str, Any] = Field(default_factory=dict, description="Its parameters (see each notebook).")
    enabled: bool = Field(True, description="false skips the analysis.")
    title: str | dict[str, str] | None = Field(None, description="Section title on the index page (default: the "
                                                                 "notebook's heading in the report language); a "
                                                                 "text, or one per language ({en: ..., nl: ...}).")

    @field_validator("notebook")
    @classmethod
    def _strip_suffix(cls, v: str) -> str:
        return v[:-6] if v.endswith(".ipynb") else v


class ReportSettings(_Strict):
    """What reports may show. Personal data (employee ids, open-text reasons) only when allowed."""

    allow_personal_data: bool = Field(False, description="May reports show personal data (ids, open text)? "
                                                         "When false, ids are keyed pseudonyms.")
    pdf: bool = Field(True, description="Also write the report as one PDF (report.pdf), where Chromium is "
                                        "installed.")


class StudyConfig(_Strict):
    """A validated study file."""

    name: str = Field(description="Short name: letters, digits, '-', '_' and '.' (it becomes a folder name).")
    title: str | dict[str, str] | None = Field(None, description="Title of the report: a text, or one per "
                                                                 "language ({en: ..., nl: ...}).")
    language: Literal["en", "nl"] = Field("en", description="Report language: en or nl.")
    survey_type: str | None = Field(None, description="The survey type every notebook follows unless an analysis "
                                                      "says otherwise (relational / transactional; Dutch accepted).")
    data: DataSpec = Field(description="The tables: responses (required), outcomes, journey_events, invitations.")
    analyses: list[AnalysisSpec] = Field(default_factory=lambda: [AnalysisSpec(notebook="01_data_overview")],
                                         description="The notebooks to run, in order, with their parameters.")
    output: str = Field("reports", description="Folder of the reports, relative to the study file.")
    notebooks: str | None = Field(None, description="A folder with your own notebooks (default: the workbench's).")
    report: ReportSettings = Field(default_factory=ReportSettings, description="What reports may show.")
    scales: dict[str, Any] | None = Field(None, description="CX scales of the study: {name: {dimensions, low, "
                                                            "high, reverse, labels, ...}} (see below).")
    base_dir: Path | None = Field(default=None, exclude=True)

    @model_validator(mode="after")
    def _titles_in_the_report_language(self) -> StudyConfig:
        self.title = _in_language(self.title, self.language, "title")
        for a in self.analyses:
            a.title = _in_language(a.title, self.language, f"analyses.{a.notebook}.title")
        return self

    @field_validator("survey_type")
    @classmethod
    def _survey_type(cls, v: str | None) -> str | None:
        if v is None:
            return v
        from .schema import CATEGORY_SYNONYMS

        canonical = CATEGORY_SYNONYMS["survey_type"].get(str(v).strip().lower())
        if canonical is None:
            raise ValueError(f"must be relational or transactional (relationeel / transactioneel), got {v!r}")
        return canonical

    @field_validator("name")
    @classmethod
    def _safe_name(cls, v: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", v):
            raise ValueError("use letters, digits, '-', '_' and '.' only (it becomes a folder name)")
        return v

    def resolve(self, path: str) -> Path:
        """A path from the study file, relative to the file's folder."""
        p = Path(path).expanduser()
        return p if p.is_absolute() or self.base_dir is None else (self.base_dir / p).resolve()

    def data_parameters(self) -> dict[str, dict[str, Any]]:
        """The ``data`` section with absolute paths, as plain literals for a notebook's ``data`` parameter."""
        out = {}
        for name, spec in self.data.tables().items():
            d = spec.model_dump(exclude_none=True, exclude_defaults=True)
            d["path"] = str(self.resolve(spec.path))
            if "ranges" in d:
                d["ranges"] = {k: list(v) for k, v in d["ranges"].items()}
            out[name] = d
        return out


def _format_validation_error(e: ValidationError, source: str) -> str:
    lines = [f"{source}: the study file is not valid:"]
    for err in e.errors():
        loc = ".".join(str(x) for x in err["loc"] if not str(x).startswith("function-"))
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown setting (check the spelling)"
        elif err["type"] == "missing":
            msg = "required setting is missing"
        lines.append(f"  - {loc or '(top level)'}: {msg}")
    return "\n".join(lines)


def load_config(path: str | Path, *, check_files: bool = True) -> StudyConfig:
    """Read and validate a study YAML file.

    Raises
    ------
    StudyConfigError
        Missing file, invalid YAML, unknown or missing settings, data files that do not exist.
    """
    path = Path(path)
    if not path.is_file():
        raise StudyConfigError(f"study file not found: {path}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise StudyConfigError(f"{path}: not valid YAML: {e}") from e
    if not isinstance(raw, dict):
        raise StudyConfigError(f"{path}: expected a mapping with at least 'name' and 'data'")
    return config_from_dict(raw, base_dir=path.resolve().parent, source=str(path), check_files=check_files)


def config_from_dict(raw: dict[str, Any], *, base_dir: Path | None = None, source: str = "study",
                     check_files: bool = True) -> StudyConfig:
    """Validate a study given as a dict (paths relative to ``base_dir``)."""
    try:
        cfg = StudyConfig.model_validate(raw)
    except ValidationError as e:
        raise StudyConfigError(_format_validation_error(e, source)) from None
    cfg.base_dir = base_dir
    if cfg.scales:
        from .cx.scales import Scale

        bad = []
        for name, spec in cfg.scales.items():
            try:
                Scale.from_dict({"name": str(name), **spec} if isinstance(spec, dict) and "name" not in spec
                                else spec)
            except (StudyConfigError, TypeError, ValueError) as e:
                bad.append(f"  - scales.{name}: {e}")
        if bad:
            raise StudyConfigError(f"{source}: scale definitions are not valid:\n" + "\n".join(bad))
    if check_files:
        missing = [f"  - data.{name}.path: file not found: {cfg.resolve(spec.path)}"
                   for name, spec in cfg.data.tables().items() if not cfg.resolve(spec.path).is_file()]
        if missing:
            raise StudyConfigError(f"{source}: data files are missing:\n" + "\n".join(missing))
    return cfg
