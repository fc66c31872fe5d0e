"""Data overview: what is in a study, how complete it is, and how the LTR answers are distributed.

The functions return tidy DataFrames (full precision, snake_case); the ``report_*`` functions give
their report tables (:class:`~nps_research.tables.ReportTable`: labelled headers in the report language,
table names, checks and categories in words).

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"ltr": [10, 9, 7, 3, 9], "date": pd.to_datetime(["2024-01-03"] * 3 + ["2024-02-01"] * 2)})
>>> ltr_distribution(df).query("n > 0")[["score", "n", "percent", "category"]]
    score  n  percent   category
3       3  1     20.0  detractor
7       7  1     20.0    passive
9       9  2     40.0   promoter
10     10  1     20.0   promoter
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .inputs import DEFAULT_BREAKS, as_frame, labels_of, normalize_freq
from .nps import categorize
from .study import Study
from .tables import ReportTable, format_value, report_table
from .text import Label, Words, has_text, t

__all__ = [
    "describe_headline_nps",
    "describe_reductions",
    "duplicate_report",
    "headline_nps",
    "ltr_distribution",
    "missingness",
    "missingness_table",
    "report_duplicates",
    "report_headline_nps",
    "report_ltr_distribution",
    "report_missingness",
    "report_table_overview",
    "responses_over_time",
    "table_overview",
]


def table_overview(study: Study) -> pd.DataFrame:
    """One row per table: rows, columns, distinct customers and the date range.

    Examples
    --------
    >>> import pandas as pd
    >>> s = Study(responses=pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                                   "date": pd.to_datetime(["2024-01-01", "2024-01-05", "2024-02-01"])}))
    >>> table_overview(s)
           table  rows  columns  customers  first_date   last_date
    0  responses     3        2          2  2024-01-01  2024-02-01
    """
    rows = []
    for name, df in study.tables().items():
        dates = df["date"] if "date" in df else df.get("timestamp")
        rows.append({
            "table": name,
            "rows": len(df),
            "columns": df.shape[1],
            "customers": df["customer_id"].nunique() if "customer_id" in df else pd.NA,
            "first_date": dates.min().date().isoformat() if dates is not None and len(df) else None,
            "last_date": dates.max().date().isoformat() if dates is not None and len(df) else None,
        })
    return pd.DataFrame(rows)


def describe_reductions(study: Any, language: str = "en") -> list[str]:
    """One sentence per table whose repeated keys were reduced to one row by the study's ``aggregate`` rule: how
    many rows, how many keys repeated and how many of them had conflicting values.

    Examples
    --------
    >>> s = Study(responses=pd.DataFrame({"ltr": [9]}), notes={"outcomes": {"aggregated": {
    ...     "rows": 660, "reduced": 48, "keys": 44, "conflicting": 9, "by": "customer_id", "rule": "last"}}})
    >>> describe_reductions(s, "nl")[0]
    'De tabel outcomes had rijen met dezelfde klant: voor 44 waarden van klant stonden er meerdere rijen, samen 48 rijen te veel; die zijn samengevoegd tot één rij per klant (regel: de laatste rij). Bij 9 daarvan verschilden de waarden.'
    """
    out = []
    labels = labels_of(study)
    for table, note in (getattr(study, "notes", {}) or {}).items():
        agg = (note or {}).get("aggregated")
        if agg and agg.get("reduced"):
            out.append(t("overview.aggregated", language, table=table, rows=int(agg["reduced"]),
                         keys=int(agg["keys"]), by=Label(agg["by"], labels),
                         rule=t(f"overview.rule.{agg['rule']}", language), conflicting=int(agg["conflicting"])))
    return out


def report_table_overview(overview: pd.DataFrame, *, language: str = "en", **kwargs: Any) -> ReportTable:
    """The report table of :func:`table_overview`: table names in words, dates as dates.

    Examples
    --------
    >>> import pandas as pd
    >>> s = Study(responses=pd.DataFrame({"customer_id": ["a", "b"], "date": pd.to_datetime(["2024-01-01",
    ...                                                                                      "2024-02-01"])}))
    >>> report_table_overview(table_overview(s), language="nl")
         tabel  rijen  kolommen  klanten eerste datum laatste datum
    antwoorden      2         2        2   1 jan 2024    1 feb 2024
    """
    shown = overview.copy()
    shown["table"] = [t(f"overview.table.{v}", language) if has_text(f"overview.table.{v}") else str(v)
                      for v in shown["table"]]
    return report_table(shown, language=language, **kwargs)


def missingness(data: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """Missing values per column (count and percent), most missing first.

    With ``by`` (e.g. ``"survey_type"``) the percentages are per group, because some columns are asked of
    one group only (CX items in relational surveys, attribute scores after a touchpoint).

    Examples
    --------
    >>> import pandas as pd
    >>> missingness(pd.DataFrame({"a": [1, None, 3, None], "b": [1, 2, 3, 4]}))
      column  n  n_missing  percent_missing
    0      a  4          2             50.0
    1      b  4          0              0.0
    """
    if by is None:
        out = pd.DataFrame({"column": data.columns, "n": len(data),
                            "n_missing": data.isna().sum().to_numpy()})
        out["percent_missing"] = 100 * out["n_missing"] / max(len(data), 1)
        return out.sort_values(["percent_missing", "column"], ascending=[False, True], kind="stable",
                               ignore_index=True)
    parts = []
    for key, g in data.groupby(by, sort=True, observed=True):
        m = missingness(g.drop(columns=[by]))
        m.insert(0, by, key)
        parts.append(m)
    return pd.concat(parts, ignore_index=True)


def missingness_table(data: pd.DataFrame, *, by: str = "survey_type") -> pd.DataFrame:
    """Percent missing per column (rows) and ``by`` group (columns), only columns with any missing value.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"t": ["a", "a", "b", "b"], "x": [1, None, 3, 4], "y": [1, 2, 3, 4]})
    >>> missingness_table(df, by="t")
      column     a    b
    0      x  50.0  0.0
    """
    long = missingness(data, by=by)
    wide = long.pivot(index="column", columns=by, values="percent_missing")
    wide = wide[(wide > 0).any(axis=1)]
    wide = wide.loc[wide.mean(axis=1).sort_values(ascending=False, kind="stable").index]
    out = wide.rename_axis(columns=None).reset_index()
    out.attrs["by"] = by
    return out


def report_missingness(table: pd.DataFrame, *, language: str = "en", labels: Mapping[str, str] | None = None,
                       **kwargs: Any) -> ReportTable:
    """The report table of :func:`missingness_table`: columns by their label, one column of percentages per
    group headed by the group in words (``relationeel``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"survey_type": ["relational", "transactional"] * 2, "reason": ["x", None, None, None]})
    >>> report_missingness(missingness_table(df), language="nl")
    kolom relationeel transactioneel
    reden        50,0          100,0
    """
    groups = [c for c in table.columns if c != "column"]
    headers = {str(g): format_value(g, "category", language) for g in groups}
    kinds = {str(g): "pct" for g in groups}
    shown = table.rename(columns={g: str(g) for g in groups})
    return report_table(shown, language=language, headers={**headers, **kwargs.pop("headers", {})},
                        kinds={**kinds, **kwargs.pop("kinds", {})}, labels=labels, **kwargs)


def duplicate_report(data: pd.DataFrame, *, id_column: str = "response_id",
                     keys: tuple[str, ...] = ("customer_id", "date", "touchpoint")) -> pd.DataFrame:
    """Counts of possible duplicates: repeated ids, repeated key combinations, rows identical but for the id.

    The ``check`` column names the check (``duplicate_id``, ``same_keys``, ``identical``); its words in a
    report come from :func:`report_duplicates`. ``attrs`` keeps ``id_column`` and ``keys``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"response_id": ["1", "2", "3"], "customer_id": ["a", "a", "b"],
    ...                    "date": ["d1", "d1", "d2"], "touchpoint": ["x", "x", "x"], "ltr": [9, 9, 3]})
    >>> duplicate_report(df)[["check", "n_rows"]]
              check  n_rows
    0  duplicate_id       0
    1     same_keys       2
    2     identical       2
    """
    keys = tuple(k for k in keys if k in data.columns)
    rest = [c for c in data.columns if c != id_column]
    checks = [
        ("duplicate_id", int(data[id_column].duplicated(keep=False).sum()) if id_column in data else 0),
        ("same_keys", int(data.duplicated(list(keys), keep=False).sum()) if keys else 0),
        ("identical", int(data.duplicated(rest, keep=False).sum())),
    ]
    out = pd.DataFrame(checks, columns=["check", "n_rows"])
    out["percent"] = 100 * out["n_rows"] / max(len(data), 1)
    out.attrs.update(id_column=id_column, keys=keys, labels=labels_of(data))
    return out


def report_duplicates(report: pd.DataFrame, *, language: str = "en", labels: Mapping[str, str] | None = None,
                      **kwargs: Any) -> ReportTable:
    """The report table of :func:`duplicate_report`, each check in words (``dubbel antwoord-id``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"response_id": ["1", "2"], "customer_id": ["a", "a"], "date": ["d1", "d1"]})
    >>> report_duplicates(duplicate_report(df), language="nl")
                                           controle  rijen     %
                                  dubbel antwoord-id      0   0,0
             zelfde klant en datum meer dan eens      2 100,0
    identieke antwoorden op het antwoord-id na      2 100,0
    """
    labels = labels if labels is not None else report.attrs.get("labels")
    col = Label(report.attrs.get("id_column", "response_id"), labels)
    cols = Words([Label(k, labels) for k in report.attrs.get("keys", ())])
    words = {"duplicate_id": t("overview.check.duplicate_id", language, col=col),
             "same_keys": t("overview.check.same_keys", language, cols=cols),
             "identical": t("overview.check.identical", language, col=col)}
    shown = report.copy()
    shown["check"] = [words.get(c, str(c)) for c in shown["check"]]
    return report_table(shown, language=language, labels=labels, **kwargs)


def responses_over_time(data: pd.DataFrame, *, date: str = "date", freq: str = "M",
                        by: str | None = "survey_type") -> pd.DataFrame:
    """Number of responses per period (and per ``by`` group), zero-filled for empty periods.

    ``period`` is the pandas period as text (``2024-01``); ``attrs["freq"]`` is the period code, so that
    reports can write it as a period (``jan 2024``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"date": pd.to_datetime(["2024-01-03", "2024-03-09"])})
    >>> responses_over_time(df, by=None)
        period  n
    0  2024-01  1
    1  2024-02  0
    2  2024-03  1
    """
    data = as_frame(data)
    code = normalize_freq(freq)  # the one alias table (nps_research.inputs): "MS", "ME", "M" ... all mean months
    period = data[date].dt.to_period(code)
    full = pd.period_range(period.min(), period.max(), freq=code)
    if by is None or by not in data:
        counts = period.value_counts().reindex(full, fill_value=0).sort_index()
        out = pd.DataFrame({"period": full.astype(str), "n": counts.to_numpy()})
    else:
        table = pd.crosstab(period, data[by]).reindex(full, fill_value=0)
        table.index = full.astype(str)
        out = table.rename_axis(index="period", columns=None).reset_index()
        out = out.melt(id_vars="period", var_name=by, value_name="n")
    out.attrs["freq"] = code
    return out


def ltr_distribution(data: pd.DataFrame, *, ltr: str = "ltr", language: str = "en",
                     breaks: Sequence[int] = DEFAULT_BREAKS) -> pd.DataFrame:
    """Count and percent of each answer 0-10 with its category (promoter/passive/detractor).

    Percentages are of the non-missing answers; all eleven scores are listed, also those nobody gave.
    ``data`` may be a DataFrame or a Study (its responses); ``breaks`` are the category cut-offs of
    :mod:`nps_research.nps` (default ``(6, 8)``). ``category`` holds the category words of ``language``
    (the default ``"en"`` gives the keys ``detractor``, ``passive``, ``promoter``, which report tables
    and plots translate).
    """
    data = as_frame(data)
    scores = data[ltr].dropna().astype(int)
    counts = scores.value_counts().reindex(range(11), fill_value=0)
    cats = categorize(pd.Series(range(11)), breaks=breaks, language=language)
    out = pd.DataFrame({"score": range(11), "n": counts.to_numpy()})
    out["percent"] = 100 * out["n"] / max(int(out["n"].sum()), 1)
    out["category"] = cats.astype(str).to_numpy()
    return out


def report_ltr_distribution(distribution: pd.DataFrame, *, language: str = "en", **kwargs: Any) -> ReportTable:
    """The report table of :func:`ltr_distribution` (categories in words).

    Examples
    --------
    >>> import pandas as pd
    >>> report_ltr_distribution(ltr_distribution(pd.DataFrame({"ltr": [9, 3]})), language="nl").data.shape
    (11, 4)
    >>> report_ltr_distribution(ltr_distribution(pd.DataFrame({"ltr": [9, 3]})), language="nl").formatted().iloc[9]
    score                 9
    n                     1
    %                  50,0
    categorie      promotor
    Name: 9, dtype: str
    """
    return report_table(distribution, language=language, **kwargs)


def headline_nps(data: Any, *, survey_type: str = "survey_type", **kwargs: Any) -> pd.DataFrame:
    """The headline NPS of a study per survey type (relational and transactional are never pooled), or of
    all answers when there is no survey type column: an :func:`nps_research.segments.nps_summary` table.

    Its sentences come from :func:`nps_research.segments.describe_headline` (``segment_column=
    "survey_type"``), the same function notebook 02 uses, so both pages state the same figures the same way.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ltr": [10, 9, 3, 8] * 20, "survey_type": ["relational", "transactional"] * 40})
    >>> headline_nps(df)[["segment", "n", "nps"]]
             segment   n   nps
    0        overall  80  25.0
    1     relational  40   0.0
    2  transactional  40  50.0
    """
    from .segments import nps_summary

    frame = as_frame(data)
    by = survey_type if survey_type in frame.columns and frame[survey_type].notna().any() else None
    return nps_summary(data, by=by, **kwargs)


def _by_type(table: pd.DataFrame) -> str | None:
    cols = set(table["segment_column"]) - {"overall"}
    return next(iter(cols)) if cols else None


def describe_headline_nps(table: pd.DataFrame, language: str = "en") -> str:
    """The headline paragraphs of :func:`headline_nps`: one per survey type (or one for all answers),
    each saying which answers it covers, written by :func:`nps_research.segments.describe_headline`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ltr": [10, 9, 3, 8] * 20, "survey_type": ["relational", "transactional"] * 40})
    >>> print(describe_headline_nps(headline_nps(df, method="wald"), "nl"))
    De NPS van de relationele antwoorden is +0,0 (95%-interval -31,0 tot +31,0; n = 40). 50,0% promotors, 0,0% passieven en 50,0% criticasters. Intervalmethode: Wald.
    <BLANKLINE>
    De NPS van de transactionele antwoorden is +50,0 (95%-interval +34,5 tot +65,5; n = 40). 50,0% promotors, 50,0% passieven en 0,0% criticasters. Intervalmethode: Wald.
    """
    from .segments import describe_headline

    by = _by_type(table)
    if by is None:
        return describe_headline(table, language)
    return describe_headline(table, language, segment_column=by)


def report_headline_nps(table: pd.DataFrame, *, language: str = "en", **kwargs: Any) -> ReportTable:
    """The report table of :func:`headline_nps`: per survey type n (and the effective n when weighted),
    the category shares, the NPS and its interval.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ltr": [10, 9, 3, 8] * 20, "survey_type": ["relational", "transactional"] * 40})
    >>> report_headline_nps(headline_nps(df), language="nl").formatted().columns.tolist()
    ['type meting', 'n', '% promotors', '% passieven', '% criticasters', 'NPS', 'ondergrens (95%)', 'bovengrens (95%)']
    """
    from .segments import report_summary

    by = _by_type(table)
    columns = ["segment", "n", "promoters_pct", "passives_pct", "detractors_pct", "nps", "ci_low", "ci_high"]
    if table.attrs.get("weighted"):
        columns.insert(2, "n_eff")
    if by is None:
        return report_summary(table, language=language, segment_column="overall", columns=columns[1:], **kwargs)
    return report_summary(table, language=language, segment_column=by, overall=False, columns=columns, **kwargs)
