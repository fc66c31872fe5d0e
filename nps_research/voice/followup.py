"""The closed loop: who to call back (detractors) and who to invite as an ambassador (promoters), written as
spreadsheets for the people who make the calls; and what following up did, honestly.

:func:`followup_lists` keeps only customers who consented to be contacted (``followup_consent`` 1), who did
not opt out, whose answer is recent (``max_age_days``) and who were not followed up in the last
``quarantine_days`` days; one row per customer (the most recent answer). Detractors get a priority from four
parts, each between 0 and 1 (weights ``weights``): the score (0 gives 1, 6 gives 0), the theme (the largest
per-mention cost of a theme they mention, from :func:`~nps_research.voice.theme_impact`, relative to the
largest; 0 without), the customer's value (its rank among the listed, when outcomes are known; 0.5 otherwise)
and recency (halving every ``half_life`` days). ``high`` from 0.6, ``medium`` from 0.4, else ``low``; a due
date ``sla_days`` working days after the answer. Promoters (9-10) are ambassador candidates, with the themes
they mentioned (what they praised), 10s and those with a comment first.

:func:`write_followup` writes both lists as CSV and one Excel workbook next to the report, with headers in the
report language. Every text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
prefixed with ``'`` so that no spreadsheet runs it as a formula (CSV/formula injection). Without personal data
allowed, customer and response ids are keyed pseudonyms (:mod:`nps_research.privacy`) and comments are
scrubbed (:func:`~nps_research.voice.scrub`).

:func:`followup_effect` compares later answers of followed-up detractors with those of detractors with the
same first score who were not followed up, and states what regression to the mean alone gives: detractors
who answer again score higher on average without anything being done, because part of a low score is
chance (Barnett, van der Pols & Dobson 2005, Int J Epidemiol 34:215).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ..inputs import DEFAULT_BREAKS, as_frame, category_bounds, labels_of, require_columns
from ..results import Result
from .coding import code_themes, theme_columns
from .frame import CodeFrame, load_frame
from .scrub import scrub_series

__all__ = ["FollowUpEffect", "FollowUpLists", "followup_effect", "followup_lists", "neutralise", "read_followed_up",
           "write_followup"]

#: Priority weights of the detractor list.
WEIGHTS = {"score": 0.4, "theme": 0.2, "value": 0.2, "recency": 0.2}
#: Working days to follow up a detractor, per priority.
SLA_DAYS = {"high": 2, "medium": 5, "low": 10}
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made harmless with a leading ``'``.

    Examples
    --------
    >>> [neutralise(v) for v in ["=HYPERLINK(\\"x\\")", "+31 6 1234", "-2", "@SUM(A1)", "\\tx", "ok", -2]]
    ['\\'=HYPERLINK("x")', "'+31 6 1234", "'-2", "'@SUM(A1)", "'\\tx", 'ok', -2]
    """
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


@dataclass
class FollowUpLists:
    """The detractor and promoter follow-up lists (:func:`followup_lists`)."""

    detractors: pd.DataFrame
    promoters: pd.DataFrame
    as_of: pd.Timestamp
    excluded: dict[str, int] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


def _busday(dates: pd.Series, days: np.ndarray) -> np.ndarray:
    d = pd.to_datetime(dates).to_numpy("datetime64[D]")
    return np.busday_offset(d, days.astype(np.int64), roll="forward")


def followup_lists(data: Any, *, frame: Any = None, coded: pd.DataFrame | None = None,
                   impact: pd.DataFrame | None = None, outcomes: pd.DataFrame | None = None,
                   value: str | None = "revenue_next_12m", text: str = "reason", ltr: str = "ltr",
                   customer: str = "customer_id", response: str = "response_id", date: str = "date",
                   consent: str = "followup_consent", as_of: Any = None, max_age_days: int | None = 30,
                   opted_out: Iterable[Any] = (), followed_up: pd.DataFrame | None = None,
                   quarantine_days: int = 90, sla_days: Mapping[str, int] | int = SLA_DAYS,
                   weights: Mapping[str, float] = WEIGHTS, half_life: float = 7.0,
                   breaks: Sequence[int] = DEFAULT_BREAKS) -> FollowUpLists:
    """Follow-up lists of consenting detractors and promoters (see the module docstring).

    Parameters
    ----------
    data : DataFrame or Study
        Responses; a Study also gives ``outcomes``.
    frame, coded : code frame, DataFrame, optional
        The themes each customer mentioned (coded with ``frame`` when ``coded`` is not given; none without).
    impact : DataFrame, optional
        A :func:`~nps_research.voice.theme_impact` result: themes that cost more per mention raise priority.
    outcomes, value : DataFrame, str, optional
        Customer value (``revenue_next_12m`` of the outcomes table by default).
    as_of : date, optional
        Today (default: the last answer's date).
    max_age_days : int or None
        Only answers from the last so many days (None: all).
    opted_out : collection
        Customers who must not be contacted.
    followed_up : DataFrame, optional
        Earlier follow-ups (``customer`` and ``date``): customers followed up fewer than ``quarantine_days``
        days before ``as_of`` are left out.
    sla_days : mapping or int
        Working days to the due date, per priority (or one number).

    Returns
    -------
    FollowUpLists
        ``detractors``: ``response_id, customer_id, date, ltr, themes`` (list of theme names), ``comment``,
        ``customer_value``, ``priority_score``, ``priority``, ``due_date``, ``overdue``, ``days_since``, highest
        priority first; ``promoters``: ``response_id, customer_id, date, ltr, themes, comment, customer_value,
        days_since``. ``excluded``: how many answers each rule left out.

    Raises
    ------
    StudyDataError
        When a column is missing.
    """
    df = as_frame(data)
    require_columns(df, {"ltr": ltr, "customer": customer, "date": date, "consent": consent}, numeric=["ltr"])
    if outcomes is None and hasattr(data, "outcomes"):
        outcomes = data.outcomes
    bounds = category_bounds(breaks)
    dates = pd.to_datetime(df[date])
    as_of = pd.Timestamp(as_of) if as_of is not None else dates.max()
    themes: list[str] = []
    if coded is None and frame is not None and text in df.columns:
        coded = code_themes(df, frame=load_frame(frame) if not isinstance(frame, CodeFrame) else frame, text=text)
    if coded is not None:
        themes = theme_columns(coded)
        flags = coded.reindex(df.index)[themes].fillna(False).to_numpy(bool)
    else:
        flags = np.zeros((len(df), 0), dtype=bool)
    excluded: dict[str, int] = {}
    score = pd.to_numeric(df[ltr], errors="coerce")
    cat = np.where(score <= bounds["detractors"][1], "detractor",
                   np.where(score >= bounds["promoters"][0], "promoter", "passive"))
    keep = pd.Series(np.isin(cat, ("detractor", "promoter")), index=df.index) & score.notna()
    ok = pd.to_numeric(df[consent], errors="coerce") == 1
    excluded["no_consent"] = int((keep & ~ok).sum())
    keep &= ok
    opted = set(opted_out)
    is_out = df[customer].isin(opted) if opted else pd.Series(False, index=df.index)
    excluded["opted_out"] = int((keep & is_out).sum())
    keep &= ~is_out
    age = (as_of - dates).dt.days
    if max_age_days is not None:
        old = (age > max_age_days) | (age < 0)
        excluded["too_old"] = int((keep & old).sum())
        keep &= ~old
    if followed_up is not None and len(followed_up):
        require_columns(followed_up, {"customer": customer, "date": date}, table="followed_up")
        last = pd.to_datetime(followed_up[date]).groupby(followed_up[customer]).max()
        last_d = df[customer].map(last)
        recent = last_d.notna() & ((as_of - pd.to_datetime(last_d)).dt.days < quarantine_days)
        excluded["quarantine"] = int((keep & recent).sum())
        keep &= ~recent
    vals = pd.Series(np.nan, index=df.index)
    if outcomes is not None and value is not None and value in outcomes.columns and customer in outcomes.columns:
        vals = df[customer].map(outcomes.drop_duplicates(customer).set_index(customer)[value]).astype(float)
    base = pd.DataFrame({
        "response_id": df[response] if response in df.columns else pd.Series(df.index, index=df.index),
        "customer_id": df[customer], "date": dates, "ltr": score, "category": cat,
        "themes": [[th for th, f in zip(themes, row) if f] for row in flags],
        "comment": df[text] if text in df.columns else None, "customer_value": vals, "days_since": age,
    }, index=df.index).loc[keep]
    before = len(base)
    base = base.sort_values(["customer_id", "date"], kind="stable").groupby("customer_id", sort=False).tail(1)
    excluded["earlier_answer_same_customer"] = before - len(base)
    cost = {}
    if impact is not None and len(impact):
        eff = impact.set_index("theme")["effect"].clip(lower=0).fillna(0.0)
        top = float(eff.max())
        cost = (eff / top).to_dict() if top > 0 else {}
    det = base.loc[base["category"] == "detractor"].copy()
    low, high = bounds["detractors"]
    parts = pd.DataFrame({
        "score": (high - det["ltr"]) / max(high - low, 1),
        "theme": [max((cost.get(t, 0.0) for t in ts), default=0.0) for ts in det["themes"]],
        "value": det["customer_value"].rank(pct=True).fillna(0.5) if det["customer_value"].notna().any() else 0.5,
        "recency": np.power(0.5, det["days_since"].clip(lower=0) / half_life),
    }, index=det.index)
    total = sum(weights.values())
    det["priority_score"] = sum(parts[k] * w for k, w in weights.items()) / total
    det["priority"] = np.where(det["priority_score"] >= 0.6, "high",
                               np.where(det["priority_score"] >= 0.4, "medium", "low"))
    sla = sla_days if isinstance(sla_days, Mapping) else dict.fromkeys(("high", "medium", "low"), int(sla_days))
    det["due_date"] = pd.to_datetime(_busday(det["date"], det["priority"].map(sla).to_numpy()))
    det["overdue"] = det["due_date"] < as_of
    det = det.sort_values(["priority_score", "date"], ascending=[False, False], kind="stable")
    det = det[["response_id", "customer_id", "date", "ltr", "themes", "comment", "customer_value", "priority_score",
               "priority", "due_date", "overdue", "days_since"]].reset_index(drop=True)
    pro = base.loc[base["category"] == "promoter"].copy()
    pro["_praise"] = pro["themes"].map(len) > 0
    pro["_comment"] = pro["comment"].notna()
    pro = pro.sort_values(["ltr", "_praise", "_comment", "customer_value", "date"], ascending=False, kind="stable",
                          na_position="last")
    pro = pro[["response_id", "customer_id", "date", "ltr", "themes", "comment", "customer_value", "days_since"]]
    pro = pro.reset_index(drop=True)
    for part in (det, pro):
        part.attrs.update({"labels": labels_of(data), "themes": themes})
    return FollowUpLists(det, pro, as_of, excluded,
                         {"max_age_days": max_age_days, "sla_days": sla, "weights": dict(weights),
                          "quarantine_days": quarantine_days, "half_life": half_life})


# ---------------------------------------------------------------------------------------------- writing

_DETRACTOR_COLUMNS = ("priority", "due_date", "overdue", "response_id", "customer_id", "date", "ltr", "themes",
                      "comment", "customer_value", "priority_score")
_PROMOTER_COLUMNS = ("response_id", "customer_id", "date", "ltr", "themes", "comment", "customer_value")


def _prepare(table: pd.DataFrame, columns: Sequence[str], *, language: str, frame: CodeFrame | None,
             allow_personal_data: bool, key: bytes | None, ids: Iterable[Any], protected: bool) -> pd.DataFrame:
    from ..privacy import pseudonymise, study_key
    from ..text import Word, t

    out = table.loc[:, [c for c in columns if c in table.columns]].copy()
    if "themes" in out:
        labels = frame.labels(language) if frame is not None else {}
        out["themes"] = [", ".join(labels.get(x, x) for x in ts) for ts in out["themes"]]
    if "priority" in out:
        out["priority"] = [t(f"value.priority.{p}", language) for p in out["priority"]]
    if "overdue" in out:
        out["overdue"] = [t("yes" if v else "no", language) for v in out["overdue"]]
    if not allow_personal_data and not protected:
        ids_only = table[[c for c in ("customer_id", "response_id") if c in table.columns]].astype(str)
        key = key if key is not None else study_key(ids_only)
        for c in ("customer_id", "response_id"):
            if c in out:
                out[c] = pseudonymise(out[c].astype(object), key=key)
        if "comment" in out:
            out["comment"] = scrub_series(out["comment"], ids=ids,
                                          placeholder=lambda kind: "[" + Word(f"voice.pii.{kind}").format(language) + "]")
    return out


def _header(column: str, language: str) -> str:
    from ..text import column_label

    return column_label(column, language)


def write_followup(lists: FollowUpLists, folder: str | Path, *, language: str = "en", frame: Any = None,
                   allow_personal_data: bool = False, key: bytes | None = None, ids: Iterable[Any] = (),
                   protected: bool = False, prefix: str = "followup") -> dict[str, Path]:
    """Write the follow-up lists as ``<prefix>_detractors.csv``, ``<prefix>_promoters.csv`` and
    ``<prefix>.xlsx`` (two sheets) into ``folder``.

    Headers and words in the report language; the CSV files are UTF-8 with a byte-order mark, separated
    by the report language's list separator (``;`` in Dutch, where the comma is the decimal mark), numbers
    written in the language; the workbook has real numbers and dates. Text cells are neutralised
    (:func:`neutralise`). Without ``allow_personal_data``, ids are keyed pseudonyms (``key``: the study key of
    :func:`nps_research.privacy.study_key`) and comments are scrubbed (``ids``: values of the study's id
    columns to remove from them). ``protected``: the lists come from a study whose ids are already keyed
    pseudonyms and whose comments are already scrubbed (:func:`nps_research.privacy.protect`), so they are
    written as they are.

    Returns
    -------
    dict
        File name -> path.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..io import write_atomic
    from ..text import fmt_number, t

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fr = load_frame(frame) if frame is not None and not isinstance(frame, CodeFrame) else frame
    sheets = {
        "detractors": _prepare(lists.detractors, _DETRACTOR_COLUMNS, language=language, frame=fr,
                               allow_personal_data=allow_personal_data, key=key, ids=ids, protected=protected),
        "promoters": _prepare(lists.promoters, _PROMOTER_COLUMNS, language=language, frame=fr,
                              allow_personal_data=allow_personal_data, key=key, ids=ids, protected=protected),
    }
    sep = t("voice.csv_separator", language)
    written: dict[str, Path] = {}
    for name, table in sheets.items():
        headers = [neutralise(_header(c, language)) for c in table.columns]
        lines = [sep.join(_csv_cell(h, sep) for h in headers)]
        for row in table.itertuples(index=False):
            cells = []
            for col, v in zip(table.columns, row):
                if v is None or (not isinstance(v, str) and pd.isna(v)):
                    cells.append("")
                elif isinstance(v, pd.Timestamp):
                    cells.append(v.strftime("%Y-%m-%d"))
                elif isinstance(v, float | np.floating):
                    cells.append(fmt_number(v, language, 3 if col == "priority_score" else 2, thousands=False))
                elif isinstance(v, int | np.integer):
                    cells.append(str(int(v)))
                else:
                    cells.append(_csv_cell(neutralise(str(v)), sep))
            lines.append(sep.join(cells))
        path = folder / f"{prefix}_{name}.csv"
        write_atomic(path, ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
        written[path.name] = path
    wb = Workbook()
    wb.remove(wb.active)
    for name, table in sheets.items():
        ws = wb.create_sheet(neutralise(t(f"voice.sheet.{name}", language))[:31])
        ws.append([neutralise(_header(c, language)) for c in table.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in table.itertuples(index=False):
            out = []
            for v in row:
                if v is None or (not isinstance(v, str) and pd.isna(v)):
                    out.append(None)
                elif isinstance(v, pd.Timestamp):
                    out.append(v.to_pydatetime().date())
                elif isinstance(v, np.integer):
                    out.append(int(v))
                elif isinstance(v, np.floating):
                    out.append(float(v))
                elif isinstance(v, str):
                    out.append(neutralise(v))
                else:
                    out.append(v)
            ws.append(out)
        for cell in ws[1]:
            cell.number_format = "@"
        for col_cells in ws.iter_cols(min_row=2):
            for cell in col_cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
                elif hasattr(cell.value, "year"):
                    cell.number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
        for k, c in enumerate(table.columns, start=1):
            ws.column_dimensions[ws.cell(1, k).column_letter].width = 60 if c == "comment" else 16
    path = folder / f"{prefix}.xlsx"
    tmp = folder / f".{prefix}.xlsx.tmp"
    wb.save(tmp)
    tmp.replace(path)
    written[path.name] = path
    return dict(sorted(written.items()))


def _csv_cell(value: str, sep: str) -> str:
    if any(ch in value for ch in (sep, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


# ------------------------------------------------------------------------------------ follow-up effect


@dataclass
class FollowUpEffect(Result):
    """What following up detractors did to their later answers, against regression to the mean."""

    pairs: pd.DataFrame
    strata: pd.DataFrame
    n_followed: int
    n_not_followed: int
    change_not_followed: float
    change_followed: float
    effect: float
    ci_low: float
    ci_high: float
    p_value: float
    retest_r: float
    rtm_expected: float
    confidence: float
    labels: dict[str, str] = field(default_factory=dict)
    report_columns = ("first_ltr", "n_followed", "n_not_followed", "change_followed", "change_not_followed",
                      "difference")

    def summary(self) -> pd.DataFrame:
        """One row per first score: followed-up and not followed-up detractors and their mean change."""
        return self.strata

    def describe(self, language: str = "en") -> list[str]:
        from ..text import Int, Interval, Num, P, t

        out = []
        if self.n_not_followed:
            out.append(t("voice.rtm", language, n=Int(self.n_not_followed), change=Num(self.change_not_followed, 1,
                                                                                        sign=True),
                         expected=Num(self.rtm_expected, 1, sign=True), r=Num(self.retest_r, 2)))
        if self.n_followed and self.n_not_followed and np.isfinite(self.effect):
            key = "voice.followup_effect" if self.p_value < 0.05 else "voice.followup_no_effect"
            out.append(t(key, language, n=Int(self.n_followed), change=Num(self.change_followed, 1, sign=True),
                         effect=Num(self.effect, 1, sign=True), ci=Interval(self.ci_low, self.ci_high),
                         p=P(self.p_value, "p")))
        elif not self.n_followed:
            out.append(t("voice.followup_none", language))
        out.append(t("voice.rtm_caution", language))
        return out


def followup_effect(data: Any, *, followed_up: Iterable[Any] | pd.Series | None = None, ltr: str = "ltr",
                    customer: str = "customer_id", response: str = "response_id", date: str = "date",
                    min_days: int = 1, max_days: int = 365, confidence: float = 0.95,
                    breaks: Sequence[int] = DEFAULT_BREAKS) -> FollowUpEffect:
    """Later answers of followed-up detractors against comparable detractors not followed up.

    Every detractor answer with a later answer of the same customer (``min_days`` to ``max_days`` later: the
    next one) is a pair. ``followed_up`` marks the first answers that were followed up (response ids, or a
    boolean Series on ``data``'s index). The effect is the difference in mean change of LTR (later minus
    first) between followed-up and not followed-up detractors with the same first score, averaged over the
    followed-up (weights: their numbers per first score); a normal interval from the within-score variances.
    Regression to the mean is measured on the pairs of all customers (first answers of every category): with
    ``r`` the correlation of first and later LTR and ``mu`` the mean first LTR, detractors are expected to
    change by ``(1 - r)(mu - mean first LTR of detractors)`` without any intervention (Barnett et al. 2005).

    Returns
    -------
    FollowUpEffect

    Examples
    --------
    >>> rng = np.random.default_rng(4)
    >>> true = rng.normal(7, 1.5, 4000)
    >>> first = np.clip(np.round(true + rng.normal(0, 1.5, 4000)), 0, 10)
    >>> later = np.clip(np.round(true + rng.normal(0, 1.5, 4000)), 0, 10)
    >>> ids = [f"c{i}" for i in range(4000)]
    >>> df = pd.DataFrame({"response_id": [f"a{i}" for i in range(4000)] + [f"b{i}" for i in range(4000)],
    ...                    "customer_id": ids * 2, "ltr": np.r_[first, later],
    ...                    "date": ["2024-01-01"] * 4000 + ["2024-06-01"] * 4000})
    >>> res = followup_effect(df)
    >>> bool(res.change_not_followed > 1.0), bool(abs(res.change_not_followed - res.rtm_expected) < 0.4)
    (True, True)
    """
    df = as_frame(data)
    require_columns(df, {"ltr": ltr, "customer": customer, "date": date}, numeric=["ltr"])
    bounds = category_bounds(breaks)
    d = pd.DataFrame({"c": df[customer].to_numpy(object), "d": pd.to_datetime(df[date]),
                      "y": pd.to_numeric(df[ltr], errors="coerce").to_numpy(float),
                      "row": np.arange(len(df))}).dropna(subset=["y"])
    d = d.sort_values(["c", "d", "row"], kind="stable")
    nxt = d.groupby("c", sort=False).shift(-1)
    gap = (nxt["d"] - d["d"]).dt.days
    ok = nxt["y"].notna() & (gap >= min_days) & (gap <= max_days)
    pairs = pd.DataFrame({"row": d["row"][ok].to_numpy(), "first_ltr": d["y"][ok].to_numpy(),
                          "later_ltr": nxt["y"][ok].to_numpy(float), "days": gap[ok].to_numpy()})
    if followed_up is None:
        flag = np.zeros(len(df), dtype=bool)
    elif isinstance(followed_up, pd.Series) and followed_up.index.equals(df.index):
        flag = followed_up.fillna(False).to_numpy(bool)
    else:
        ids = set(followed_up)
        key = df[response] if response in df.columns else pd.Series(df.index, index=df.index)
        flag = key.isin(ids).to_numpy()
    pairs["followed_up"] = flag[pairs["row"].to_numpy()]
    pairs["change"] = pairs["later_ltr"] - pairs["first_ltr"]
    if len(pairs) >= 3 and pairs["first_ltr"].std() > 0 and pairs["later_ltr"].std() > 0:
        r = float(np.corrcoef(pairs["first_ltr"], pairs["later_ltr"])[0, 1])
    else:
        r = float("nan")
    mu = float(pairs["first_ltr"].mean()) if len(pairs) else float("nan")
    det = pairs.loc[pairs["first_ltr"] <= bounds["detractors"][1]]
    rtm = (1 - r) * (mu - float(det["first_ltr"].mean())) if len(det) else float("nan")
    rows = []
    for s, g in det.groupby("first_ltr"):
        f, nf = g.loc[g["followed_up"], "change"], g.loc[~g["followed_up"], "change"]
        rows.append({"first_ltr": int(s), "n_followed": len(f), "n_not_followed": len(nf),
                     "change_followed": f.mean() if len(f) else np.nan,
                     "change_not_followed": nf.mean() if len(nf) else np.nan,
                     "difference": f.mean() - nf.mean() if len(f) and len(nf) else np.nan,
                     "var": (f.var(ddof=1) / len(f) if len(f) > 1 else np.nan)
                     + (nf.var(ddof=1) / len(nf) if len(nf) > 1 else np.nan)})
    strata = pd.DataFrame(rows, columns=["first_ltr", "n_followed", "n_not_followed", "change_followed",
                                         "change_not_followed", "difference", "var"])
    use = strata.dropna(subset=["difference", "var"])
    z = stats.norm.ppf(0.5 + confidence / 2)
    if len(use) and use["n_followed"].sum() > 0:
        w = use["n_followed"] / use["n_followed"].sum()
        effect = float((w * use["difference"]).sum())
        se = math.sqrt(float((w**2 * use["var"]).sum()))
        lo, hi = effect - z * se, effect + z * se
        p = float(2 * stats.norm.sf(abs(effect) / se)) if se > 0 else float("nan")
    else:
        effect = lo = hi = p = float("nan")
    n_f = int(det["followed_up"].sum())
    return FollowUpEffect(
        pairs=pairs, strata=strata.drop(columns="var"), n_followed=n_f, n_not_followed=int(len(det) - n_f),
        change_not_followed=float(det.loc[~det["followed_up"], "change"].mean()) if len(det) - n_f else float("nan"),
        change_followed=float(det.loc[det["followed_up"], "change"].mean()) if n_f else float("nan"),
        effect=effect, ci_low=lo, ci_high=hi, p_value=p, retest_r=r, rtm_expected=rtm, confidence=confidence,
        labels=labels_of(data))


def read_followed_up(path: str | Path | None, *, column: str = "response_id") -> list[str]:
    """The response ids of a file of follow-ups (CSV or Excel with a ``response_id`` column); [] for None."""
    if path is None:
        return []
    p = Path(path)
    df = pd.read_excel(p) if p.suffix.lower() in (".xlsx", ".xls") else pd.read_csv(p, sep=None, engine="python")
    require_columns(df, {"response_id": column}, table="followed_up")
    return [str(v) for v in df[column].dropna()]
