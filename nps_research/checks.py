"""The whole study checked before anything runs: notebooks, their parameters, scales and columns.

:func:`check_analyses` compares every analysis of a study file with the declaration of its notebook
(:mod:`nps_research.declarations`) and with the data: notebook names, parameter names, types and allowed values,
scales that exist and whose items' ranges agree with the data's ``ranges``, segment and outcome columns that
exist (by role or by the client's own column name), with "did you mean" for near misses. It returns the
problems (sentences in the study's language) and the parameters as the notebooks must receive them: Dutch
values in canonical form (``transactioneel`` -> ``transactional``) and client column names as roles
(``Kanaal`` -> ``channel``).

Examples
--------
>>> near("02_nsp", ["01_data_overview", "02_nps", "03_cx_measurement"])
'02_nps'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .declarations import Parameter, notebook_parameters
from .text import Words, t

__all__ = ["AnalysisCheck", "check_analyses", "check_study", "near"]


def near(name: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt name (case-insensitive), or None."""
    cands = list(dict.fromkeys(str(c) for c in candidates))
    lowered = {c.lower(): c for c in cands}
    match = difflib.get_close_matches(str(name).lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


@dataclass
class AnalysisCheck:
    """The outcome of :func:`check_analyses`."""

    problems: list[str] = field(default_factory=list)
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _columns(study: Any) -> tuple[dict[str, str], list[str]]:
    """Name a user may write -> role or column of the responses; and the names to suggest."""
    names: dict[str, str] = {}
    if study is None:
        return names, []
    for col in study.responses.columns:
        names[str(col)] = str(col)
    for role, client in (getattr(study, "labels", {}) or {}).items():
        if role in study.responses.columns:
            names[str(client)] = role
    lower = {k.lower(): v for k, v in names.items()}
    names.update({k: v for k, v in lower.items() if k not in names})
    return names, [str(c) for c in study.responses.columns] + list((getattr(study, "labels", {}) or {}).values())


def _outcome_columns(study: Any) -> tuple[dict[str, str], list[str]]:
    if study is None or getattr(study, "outcomes", None) is None:
        return {}, []
    names = {str(c): str(c) for c in study.outcomes.columns if c != "customer_id"}
    for role, client in (getattr(study, "labels", {}) or {}).items():
        if role in names:
            names[str(client)] = role
    return names, list(names)


def _check_value(nb: str, p: Parameter, value: Any, language: str, study: Any, scales: dict | None,
                 ranges: dict) -> tuple[list[str], Any]:
    """Problems with one parameter value and the value as the notebook must receive it."""
    where = f"analyses.{nb}.parameters.{p.name}"
    bad = []

    def problem(key: str, **values: Any) -> None:
        bad.append(t(key, language, where=where, **values))

    if value is None:
        if not p.nullable and p.kind not in ("any",):
            problem("check.none_not_allowed")
        return bad, value
    kind = p.kind
    if kind == "survey_type":
        from .schema import CATEGORY_SYNONYMS

        canon = CATEGORY_SYNONYMS["survey_type"].get(str(value).strip().lower())
        allowed = {"auto"} if p.default == "auto" else set()
        if canon is None and str(value) not in allowed:
            problem("check.choice", value=repr(value), choices=Words(["relational", "transactional",
                                                                     "relationeel", "transactioneel"], "or"))
            return bad, value
        return bad, canon or value
    if kind == "choice":
        if str(value) not in p.choices:
            hint = near(str(value), p.choices)
            problem("check.choice" if hint is None else "check.choice_near", value=repr(value),
                    choices=Words(list(p.choices), "or"), hint=hint or "")
        return bad, value
    if kind in ("number", "int"):
        if isinstance(value, bool) or not isinstance(value, int | float) or (kind == "int" and isinstance(value, float)
                                                                              and not value.is_integer()):
            problem("check.type_" + kind, value=repr(value))
            return bad, value
        if (p.low is not None and value < p.low) or (p.high is not None and value > p.high):
            problem("check.range", value=repr(value), low=p.low, high=p.high)
        return bad, value
    if kind == "bool":
        if not isinstance(value, bool):
            problem("check.type_bool", value=repr(value))
        return bad, value
    if kind in ("text", "date"):
        if not isinstance(value, str):
            problem("check.type_text", value=repr(value))
        elif kind == "date":
            import pandas as pd

            try:
                when = pd.Timestamp(value)
            except (ValueError, TypeError):
                problem("check.type_date", value=repr(value))
            else:
                dates = None
                if study is not None and "date" in getattr(study, "responses", pd.DataFrame()).columns:
                    dates = pd.to_datetime(study.responses["date"], errors="coerce").dropna()
                # any date in a year with answers may name a period (a month, quarter or year) of the data
                if dates is not None and len(dates) and not dates.min().year <= when.year <= dates.max().year:
                    from .text import fmt_date

                    problem("check.date_range", value=repr(value), first=fmt_date(dates.min(), language),
                            last=fmt_date(dates.max(), language))
        return bad, value
    if kind in ("list", "mapping"):
        if kind == "list" and not isinstance(value, list | tuple):
            problem("check.type_list", value=repr(value))
        if kind == "mapping" and not isinstance(value, dict):
            problem("check.type_mapping", value=repr(value))
        return bad, value
    if kind in ("column", "columns", "outcome", "outcomes"):
        many = kind.endswith("s")
        items = value if many else [value]
        if many and not isinstance(value, list | tuple):
            problem("check.type_list", value=repr(value))
            return bad, value
        if study is None:
            return bad, value
        names, suggest = (_columns(study) if kind.startswith("column") else _outcome_columns(study))
        out = []
        for item in items:
            role = names.get(str(item)) or names.get(str(item).lower())
            if role is None:
                hint = near(str(item), suggest)
                problem("check.column" if hint is None else "check.column_near", value=repr(item), hint=hint or "",
                        table=t("check.table_outcomes" if kind.startswith("outcome") else "check.table_responses",
                                language))
                out.append(item)
            else:
                out.append(role)
        return bad, (out if many else out[0])
    if kind == "scale":
        from .cx.scales import SCALES, get_scale
        from .errors import StudyConfigError

        if value == "auto" and p.default == "auto":  # the notebook picks the study's scale itself
            return bad, value
        try:
            scale = get_scale(value, scales=scales)
        except (StudyConfigError, KeyError, ValueError):
            names = list(SCALES) + list(scales or {})
            hint = near(str(value), names)
            problem("check.scale" if hint is None else "check.scale_near", value=repr(value),
                    scales=Words(names, "or"), hint=hint or "")
            return bad, value
        items = [i for dim in scale.dimensions.values() for i in dim]
        if study is not None:
            missing = [i for i in items if i not in study.responses.columns]
            if missing:
                problem("check.scale_items", value=repr(value), items=Words(missing[:8]), count=len(missing),
                        k=len(missing))
            lo, hi = ranges.get("cx_items", (None, None))
            if lo is not None and (lo, hi) != (scale.low, scale.high):
                problem("check.scale_range", value=repr(value), low=scale.low, high=scale.high, data_low=lo,
                        data_high=hi)
        return bad, value
    return bad, value


def check_analyses(config: Any, study: Any = None, nb_dir: str | Path | None = None,
                   language: str | None = None) -> AnalysisCheck:
    """Check every enabled analysis of a study file against its notebook's declaration and the data.

    Parameters
    ----------
    config : StudyConfig
    study : Study, optional
        The loaded data (column and scale checks need it; without it only names, types and values are checked).
    nb_dir : path, optional
        Notebook folder (default: the study's ``notebooks`` setting, else the workbench's notebooks).
    language : str, optional
        Language of the messages (default: the study's).
    """
    from .declarations import notebooks_dir

    language = language or config.language
    if nb_dir is None:
        nb_dir = config.resolve(config.notebooks) if config.notebooks else notebooks_dir()
    nb_dir = Path(nb_dir)
    available = sorted(p.stem for p in nb_dir.glob("[0-9][0-9]_*.ipynb"))
    out = AnalysisCheck()
    ranges = {}
    if study is not None:
        ranges = dict(getattr(study, "ranges", {}) or {})
    for a in config.analyses:
        if not a.enabled:
            continue
        if a.notebook not in available:
            hint = near(a.notebook, available)
            out.problems.append(t("check.notebook" if hint is None else "check.notebook_near", language,
                                  name=repr(a.notebook), hint=hint or "", available=Words(available, "or")))
            continue
        declared = notebook_parameters(nb_dir / f"{a.notebook}.ipynb")
        params: dict[str, Any] = {}
        for name, value in a.parameters.items():
            if name not in declared:
                hint = near(name, declared)
                out.problems.append(t("check.parameter" if hint is None else "check.parameter_near", language,
                                      where=f"analyses.{a.notebook}.parameters", name=repr(name), hint=hint or "",
                                      available=Words(list(declared))))
                continue
            bad, value = _check_value(a.notebook, declared[name], value, language, study, config.scales, ranges)
            out.problems.extend(bad)
            params[name] = value
        out.parameters[a.notebook] = params
        if study is not None:
            out.problems.extend(_missing_inputs(a.notebook, declared, params, study, language))
    return out


#: What the workbench's notebooks cannot do without: tables of the study, and driver scores.
NOTEBOOK_NEEDS: dict[str, dict[str, Any]] = {
    "04_drivers": {"drivers": True},
    "05_journeys": {"tables": ("journey_events",)},
    "06_nps_vs_cx": {"tables": ("outcomes",)},
}


def _missing_inputs(nb: str, declared: dict, params: dict, study: Any, language: str) -> list[str]:
    """An analysis whose data the study does not have: said before anything runs, with what to add."""
    needs = NOTEBOOK_NEEDS.get(nb, {})
    bad = [t("check.needs_table", language, where=f"analyses.{nb}", table=table)
           for table in needs.get("tables", ()) if getattr(study, table, None) is None]
    if needs.get("drivers") and "drivers" in declared:
        drivers = params.get("drivers", declared["drivers"].default)
        if not drivers and not list(getattr(study, "attributes", []) or []):
            bad.append(t("check.needs_drivers", language, where=f"analyses.{nb}"))
    return bad


def check_study(config: Any, *, nb_dir: str | Path | None = None) -> tuple[Any, AnalysisCheck]:
    """Load the study's data and check its analyses; every problem at once, before anything runs.

    Returns
    -------
    study, AnalysisCheck
        The loaded study and the checked, normalised analysis parameters.

    Raises
    ------
    StudyDataError
        When only the data have problems (every problem of every table).
    StudyConfigError
        When the analyses have problems (their messages in the study's language, followed by the data's
        problems if any).
    """
    from .errors import StudyConfigError, StudyDataError
    from .study import load_data

    study, data_error = None, None
    try:
        study = load_data(config.data_parameters(), name=config.name, language=config.language)
        study.config = config
    except StudyDataError as e:
        data_error = e.in_language(config.language)
    check = check_analyses(config, study, nb_dir)
    if check.problems:
        lines = [t("check.problems", config.language, count=len(check.problems), k=len(check.problems))]
        lines += [f"  - {p}" for p in check.problems]
        if data_error is not None:
            lines += ["", str(data_error)]
        raise StudyConfigError("\n".join(lines))
    if data_error is not None:
        raise data_error
    return study, check
