"""The in-memory study: validated tables with role names as columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["STUDY_CACHE_SUFFIX", "StoredStudy", "Study", "cache_study", "load_data", "load_study",
           "load_table"]


#: The study's tables, the required one first.
_TABLES = ("responses", "outcomes", "journey_events", "invitations")


@dataclass
class Study:
    """Validated study tables, columns named by role (see :mod:`nps_research.schema`).

    Attributes
    ----------
    responses : DataFrame
        One row per survey response (required).
    outcomes, journey_events, invitations : DataFrame or None
        Optional tables.
    attributes : list of str
        Attribute/touchpoint satisfaction score columns in ``responses``.
    cx_items : list of str
        CX scale item columns in ``responses``.
    ranges : dict
        Response range ``(low, high)`` per score column or group.
    name, language : str
        Study name and report language (``"en"`` or ``"nl"``).
    truth : object or None
        The generating model, for synthetic studies only.
    sources : dict
        Table name -> path of the file it was read from (empty for generated data).
    config : StudyConfig or None
        The study file's settings, when loaded with :func:`load_study`.
    unused_columns : dict
        Table name -> the file's columns that no role or score group uses (they are not loaded).
    labels : dict
        Role -> the client's own column name, where the study maps a role to a differently named column
        (reports show a column by this name; see :func:`nps_research.text.column_label`).
    value_labels : dict
        Role -> {value in the client's data: the label the tables now hold} (the study's ``values``, in the
        report language); :func:`nps_research.inputs.relabel_keys` turns mappings written with the client's
        codes (such as a notebook's ``segment_map``) into labels.
    notes : dict
        Table name -> what loading did to it (``aggregated``: rows reduced by the study's ``aggregate`` rule,
        keys with conflicting values), for the data overview.
    """

    responses: pd.DataFrame
    outcomes: pd.DataFrame | None = None
    journey_events: pd.DataFrame | None = None
    invitations: pd.DataFrame | None = None
    attributes: list[str] = field(default_factory=list)
    cx_items: list[str] = field(default_factory=list)
    ranges: dict[str, tuple[int, int]] = field(default_factory=dict)
    name: str = "study"
    language: str = "en"
    truth: Any = None
    sources: dict[str, str] = field(default_factory=dict)
    config: Any = None
    unused_columns: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    notes: dict[str, dict[str, Any]] = field(default_factory=dict)
    value_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    protected: bool = False

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables that are present, by name."""
        out = {"responses": self.responses}
        for name in _TABLES[1:]:
            df = getattr(self, name)
            if df is not None:
                out[name] = df
        return out

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={len(v):,} rows" for k, v in self.tables().items())
        return f"Study({self.name!r}: {parts})"


def load_table(spec: Any, table: str, *, base_dir: str | Path | None = None, language: str = "en") -> pd.DataFrame:
    """Read, map, parse and validate one table given a :class:`~nps_research.config.TableSpec` or dict/path.

    Values of role columns are relabelled by the spec's ``values`` (in ``language``) after validation, so
    that reports show the client's codes as readable labels (``electricity_gas`` -> ``stroom en gas``).

    Raises
    ------
    StudyDataError
        Listing every problem in the file.
    """
    from .config import TableSpec
    from .io import read_raw
    from .validate import parse_table

    if isinstance(spec, str | Path):
        spec = {"path": str(spec)}
    if isinstance(spec, dict):
        spec = TableSpec.model_validate(spec)
    path = Path(spec.path)
    if base_dir is not None and not path.is_absolute():
        path = Path(base_dir) / path
    raw = read_raw(path, table=table, sep=spec.sep, encoding=spec.encoding, decimal=spec.decimal, sheet=spec.sheet)
    groups = spec.score_columns(list(raw.frame.columns))
    df = parse_table(raw, table, columns=spec.mapped_columns(), score_columns=groups, ranges=dict(spec.ranges),
                     date_format=spec.date_format, constants=spec.constants(), aggregate=spec.aggregate)
    df.attrs["score_columns"] = {g: list(cols) for g, cols in groups.items()}
    # items and attributes given short names ({v5a: "Vraag 5a"}) are shown by the client's column name
    df.attrs["score_labels"] = {str(k): str(v) for cols in groups.values() for k, v in cols.items() if str(k) != str(v)}
    return relabel_values(df, spec.value_labels(language), table=table, source=str(path))


def relabel_values(df: pd.DataFrame, labels: dict[str, dict[str, str]], *, table: str = "responses",
                   source: str | None = None) -> pd.DataFrame:
    """Replace coded values of role columns by their labels (``{role: {value: label}}``); other values stay.

    Raises
    ------
    StudyDataError
        When a role is not a column of the table, or two values would get the same label as an existing value
        (which would merge two segments silently).

    Examples
    --------
    >>> df = pd.DataFrame({"product": ["el", "gas_el", "el"]})
    >>> relabel_values(df, {"product": {"gas_el": "gas en stroom"}})["product"].tolist()
    ['el', 'gas en stroom', 'el']
    """
    from .arrowtext import by_code
    from .errors import DataProblem, StudyDataError

    problems = []
    for role, mapping in labels.items():
        if role not in df.columns:
            problems.append(DataProblem(table, "values: labels are given for a column that the table does not "
                                        "have", column=role, file=Path(source).name if source else None))
            continue
        col = df[role]
        codes, uniq = pd.factorize(col)  # each distinct value once: millions of rows, a handful of labels
        present = [str(v) for v in uniq]
        labels_of = [mapping.get(v, v) for v in present]
        if len(set(labels_of)) < len(set(present)):
            problems.append(DataProblem(table, "values: two values get the same label (they would be merged)",
                                        column=role, file=Path(source).name if source else None))
            continue
        df[role] = by_code(labels_of, codes, like=col)
    if problems:
        raise StudyDataError(problems)
    return df


def load_data(data: Any, *, base_dir: str | Path | None = None, name: str = "study", language: str = "en",
              personal_data: bool | None = None) -> Study:
    """Load a study's tables.

    Parameters
    ----------
    data : dict or str or Path
        Table name -> path, or -> a table spec dict (``path``, ``columns``, ``attributes``, ``cx_items``,
        ``ranges``, ``sep``, ``encoding``, ``decimal``, ``sheet``, ``date_format``) as in a study file's
        ``data:`` section. A path to a study YAML file loads that study instead.
    base_dir : path, optional
        Folder that relative paths are relative to (default: the working directory).
    personal_data : bool, optional
        False: ids become keyed pseudonyms and open text is scrubbed (:func:`nps_research.privacy.protect`).
        Default: what the runner set for this run (a study with ``report.allow_personal_data: false`` gets
        False in every notebook), else True.

    Returns
    -------
    Study
        Validated tables with role names as columns.

    Raises
    ------
    StudyDataError
        Every problem of every table, collected before raising.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "r.csv").write_text(
    ...     "Respondent;Klant;Datum;Type;Touchpoint;Kanaal;Q1 Aanbevelen\\n"
    ...     "1;k1;31-01-2024;relationeel;;web;9\\n"
    ...     "2;k2;01-02-2024;transactioneel;factuur;app;6 - neutraal\\n")
    >>> study = load_data({"responses": {"path": str(d / "r.csv"), "columns": {
    ...     "response_id": "Respondent", "customer_id": "Klant", "date": "Datum", "survey_type": "Type",
    ...     "channel": "Kanaal", "ltr": "Q1 Aanbevelen"}}})
    >>> study.responses[["response_id", "date", "survey_type", "ltr"]]
      response_id       date    survey_type  ltr
    0           1 2024-01-31     relational    9
    1           2 2024-02-01  transactional    6
    """
    from pydantic import ValidationError

    from .config import DataSpec, _format_validation_error
    from .errors import StudyConfigError, StudyDataError

    if isinstance(data, str | Path) and str(data).endswith(STUDY_CACHE_SUFFIX):
        return _load_cached(Path(data), name, personal_data)
    if isinstance(data, str | Path) and Path(data).suffix.lower() in (".yml", ".yaml"):
        return load_study(data, personal_data=personal_data)
    try:
        spec = DataSpec.model_validate(data)
    except ValidationError as e:
        raise StudyConfigError(_format_validation_error(e, "data")) from None
    tables: dict[str, pd.DataFrame] = {}
    sources: dict[str, str] = {}
    problems = []
    for table, tspec in spec.tables().items():
        path = Path(tspec.path)
        if base_dir is not None and not path.is_absolute():
            path = Path(base_dir) / path
        sources[table] = str(path)
        try:
            tables[table] = load_table(tspec.model_copy(update={"path": str(path)}), table, language=language)
        except StudyDataError as e:
            problems.extend(e.problems)
    if problems:
        raise StudyDataError(problems, language=language)
    rspec = spec.responses
    groups = tables["responses"].attrs.get("score_columns", {})
    ranges = {k: (int(v[0]), int(v[1])) for k, v in rspec.ranges.items()}
    from .schema import SCORE_GROUPS, TABLES

    for g, sg in SCORE_GROUPS.items():
        ranges.setdefault(g, (sg.low, sg.high))
    ranges.setdefault("ltr", (0, 10))
    csat = TABLES["responses"].role("csat")
    ranges.setdefault("csat", (int(csat.low), int(csat.high)))
    study = Study(
        responses=tables["responses"],
        outcomes=tables.get("outcomes"),
        journey_events=tables.get("journey_events"),
        invitations=tables.get("invitations"),
        attributes=list(groups.get("attributes", {})),
        cx_items=list(groups.get("cx_items", {})),
        ranges=ranges,
        name=name,
        language=language,
        sources=sources,
        unused_columns={t: df.attrs.get("unused_columns", []) for t, df in tables.items()},
        labels={**{role: str(col) for tspec in spec.tables().values()
                   for role, col in tspec.mapped_columns().items() if str(col) != role},
                **tables["responses"].attrs.get("score_labels", {})},
        notes={t: {"aggregated": df.attrs["aggregated"]} for t, df in tables.items() if "aggregated" in df.attrs},
        value_labels={role: dict(m) for tspec in spec.tables().values()
                      for role, m in tspec.value_labels(language).items()},
    )
    from .privacy import personal_data_allowed, protect

    if not personal_data_allowed(personal_data):
        protect(study)
    return study


#: A run's validated study, stored once by the runner so that every notebook loads it in a second instead of
#: reading and checking the export again (temporary files outside the report folder: this one holds the
#: settings, each table has a file of its own next to it, read when a notebook first uses the table).
STUDY_CACHE_SUFFIX = ".study.pkl"


class _Stored:
    """A table of a stored study: the file it is read from when first used."""

    __slots__ = ("path",)

    def __init__(self, path: str | Path):
        self.path = str(path)

    def read(self) -> pd.DataFrame:
        import pickle

        with open(self.path, "rb") as f:
            return pickle.load(f)


def _read_once(obj: Any, key: str) -> Any:
    """``obj.__dict__[key]``, read from its file the first time when it is :class:`_Stored`."""
    value = obj.__dict__.get(key)
    if isinstance(value, _Stored):
        value = obj.__dict__[key] = value.read()
    return value


def _deferred(name: str) -> property:
    key = f"_table_{name}"

    def get(self):
        return _read_once(self, key)

    def put(self, value):
        self.__dict__[key] = value

    return property(get, put, doc=f"The {name} table (read from the run's stored study when first used).")


class StoredStudy(Study):
    """A :class:`Study` stored by the runner for its notebooks: each table is read from its file when first
    used, so a notebook that needs only the responses never holds the journey events (gigabytes at millions
    of customers). Otherwise the same as the study that was stored."""

    responses = _deferred("responses")
    outcomes = _deferred("outcomes")
    journey_events = _deferred("journey_events")
    invitations = _deferred("invitations")

    def loaded(self) -> list[str]:
        """The tables read so far (None tables count as read)."""
        return [n for n in _TABLES if not isinstance(self.__dict__.get(f"_table_{n}"), _Stored)]

    def stored_ids(self) -> pd.Series | None:
        """The distinct values of every id column of every table, as stored by the runner (what
        :func:`nps_research.voice.study_ids` gives), without reading the tables; None if not stored."""
        return _read_once(self, "_ids")


def cache_study(study: Study, folder: str | Path) -> Path:
    """Store a loaded study for the notebooks of one run (protected once by the runner when the study allows
    no personal data, so that no notebook repeats it): the settings in ``<name>.study.pkl``, each table in a
    file of its own; returns the settings' file (what :func:`load_data` takes)."""
    import pickle
    from dataclasses import fields

    folder = Path(folder)
    values = {}
    for f in fields(Study):
        value = getattr(study, f.name)
        if f.name in _TABLES and value is not None:
            table = folder / f"{study.name}.{f.name}.pkl"
            with open(table, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            value = _Stored(table)
        values[f.name] = value
    from .voice.scrub import study_ids

    ids = folder / f"{study.name}.ids.pkl"  # for scrubbing quotes: a page need not read every table for them
    with open(ids, "wb") as fh:
        pickle.dump(study_ids(study), fh, protocol=pickle.HIGHEST_PROTOCOL)
    path = folder / f"{study.name}{STUDY_CACHE_SUFFIX}"
    with open(path, "wb") as f:
        pickle.dump({"fields": values, "ids": _Stored(ids)}, f, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _load_cached(path: Path, name: str, personal_data: bool | None) -> Study:
    import pickle

    from .privacy import personal_data_allowed, protect

    with open(path, "rb") as f:
        stored = pickle.load(f)
    study = StoredStudy(**stored["fields"])
    study.__dict__["_ids"] = stored["ids"]
    if name != "study":
        study.name = name
    if not personal_data_allowed(personal_data):
        protect(study)
    return study


def load_study(path: str | Path, *, personal_data: bool | None = None) -> Study:
    """Load the data of a study file (YAML); see :mod:`nps_research.config`."""
    from .config import load_config

    cfg = load_config(path)
    study = load_data(cfg.data_parameters(), name=cfg.name, language=cfg.language, personal_data=personal_data)
    study.config = cfg
    return study
