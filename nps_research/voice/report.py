"""Sentences, report tables, quotes and findings of the voice analyses (notebook 08), in the report language.

Every sentence comes from the text catalogue (``voice.`` texts); theme labels come from the code frame in the
report language; numbers are typed values. Nothing here computes a statistic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..findings import IMPORTANCE, Finding, change_class
from ..inputs import DEFAULT_BREAKS, category_bounds
from ..text import Value
from .coding import theme_columns
from .frame import CodeFrame, load_frame
from .scrub import scrub_series

__all__ = ["describe_coding", "describe_discovery", "describe_eligibility", "describe_fatigue",
           "describe_followup", "describe_impact", "describe_shares", "discovery_table", "eligibility_table",
           "fatigue_table", "impact_table", "quotes", "shares_table", "voice_findings"]

_CATS = ("detractor", "passive", "promoter")


@dataclass(frozen=True)
class ThemeLabel(Value):
    """A theme written by its label in the report language (the code frame's labels)."""

    theme: str
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False)

    def format(self, language: str) -> str:
        return str(self.labels.get(language, {}).get(self.theme, self.theme))


def _frame(frame: Any) -> CodeFrame:
    return frame if isinstance(frame, CodeFrame) else load_frame(frame)


def _label(table: pd.DataFrame, theme: str, language: str) -> str:
    return ThemeLabel(theme, table.attrs.get("theme_labels", {})).format(language)


def describe_coding(coded: pd.DataFrame, language: str = "en") -> list[str]:
    """How many answers give a reason, how many the frame codes, in which languages."""
    from ..text import Int, Pct, Word, Words, has_text, t

    themes = theme_columns(coded)
    n = len(coded)
    has = coded["language"].notna()
    k = int(has.sum())
    coded_n = int(coded.loc[has, themes].any(axis=1).sum())
    counts = coded.loc[has, "language"].value_counts()
    langs = Words([t("voice.language_count", language, n=Int(int(c)), lang=Word(f"value.language.{lg}"))
                   if has_text(f"value.language.{lg}") else f"{lg}: {int(c)}" for lg, c in counts.items()])
    title = ThemeLabel("frame", {lg: {"frame": v} for lg, v in coded.attrs.get("frame_title", {}).items()})
    return [t("voice.coding", language, k=Int(k), n=Int(n), pct=Pct(100 * k / n if n else np.nan),
              frame=title if coded.attrs.get("frame_title") else coded.attrs.get("frame", ""), version=coded.attrs.get("version", ""), coded=Int(coded_n),
              coded_pct=Pct(100 * coded_n / k if k else np.nan), uncoded=Int(int(coded["uncoded"].sum())),
              languages=langs)]


def describe_shares(shares: pd.DataFrame, language: str = "en", *, top: int = 3) -> list[str]:
    """The most mentioned themes of detractors and of promoters."""
    from ..text import Category, Pct, Words, t

    out = []
    for cat in ("detractor", "promoter"):
        part = shares.loc[(shares["category"] == cat) & shares["segment"].isna() & (shares["mentions"] > 0)]
        part = part.sort_values("share", ascending=False).head(top)
        if part.empty:
            continue
        items = [t("voice.theme_share", language, theme=_label(shares, r.theme, language), share=Pct(100 * r.share))
                 for r in part.itertuples()]
        out.append(t("voice.top_themes", language, category=Category(cat, plural=True), themes=Words(items)))
    everyone = shares.loc[(shares["category"] == "all") & shares["segment"].isna()]
    never = [_label(shares, th, language) for th in everyone.loc[everyone["mentions"] == 0, "theme"]]
    if never:
        out.append(t("voice.never_mentioned", language, themes=Words(never), k=len(never)))
    return out


def shares_table(shares: pd.DataFrame, language: str = "en", *, leaf_only: bool = False):
    """Theme x category table of shares (% of the category's reasons that mention the theme)."""
    from ..tables import report_table
    from ..text import t

    part = shares.loc[shares["segment"].isna()]
    wide = part.pivot(index="theme", columns="category", values="share")
    order = list(dict.fromkeys(part["theme"]))
    wide = wide.reindex(order)
    mentions = part.loc[part["category"] == "all"].set_index("theme")["mentions"].reindex(order)
    out = pd.DataFrame({"theme": [_label(shares, th, language) for th in order], "mentions": mentions.to_numpy()})
    for cat in (*_CATS, "all"):
        out[f"{cat}_share"] = wide[cat].to_numpy() if cat in wide else np.nan
    out = out.loc[out["mentions"].fillna(0).to_numpy() > 0]  # themes nobody mentioned: one sentence instead
    return report_table(out, language=language, caption=t("voice.shares_caption", language))


def segments_table(shares: pd.DataFrame, language: str = "en"):
    """Theme x segment table of shares (folded)."""
    from ..tables import report_table
    from ..text import Label, t

    part = shares.loc[shares["segment"].notna()]
    by = shares.attrs.get("by")
    order = list(dict.fromkeys(part["theme"]))
    wide = part.pivot(index="theme", columns="segment", values="share").reindex(order)
    out = pd.DataFrame({"theme": [_label(shares, th, language) for th in order]})
    kinds, headers = {}, {}
    from ..tables import format_value

    for seg in wide.columns:
        name = f"segment_{seg}"
        out[name] = wide[seg].to_numpy()
        kinds[name] = "share"
        headers[name] = format_value(seg, "category", language, column=by)
    return report_table(out, language=language, kinds=kinds, headers=headers, detail=True,
                        caption=t("voice.segments_caption", language, column=Label(by, shares.attrs.get("labels"))))


def describe_impact(impact: pd.DataFrame, language: str = "en", *, top: int = 3) -> list[str]:
    """The method once, then the themes that cost or earn NPS beyond chance (interval excludes 0)."""
    from ..text import Int, Interval, Label, Level, Pct, Points, Words, t

    a = impact.attrs
    labels = a.get("labels")
    controls = a.get("controls") or []
    out = [t("voice.impact_method", language, n=Int(a.get("n", 0)), nps=Points(a.get("nps")),
             controls=Words([Label(c, labels) for c in controls]) if controls else t("voice.no_controls", language),
             b=Int(a.get("bootstrap", 0)), level=Level(a.get("confidence", 0.95)))]
    ok = impact.loc[~impact["small_n"] & impact["ci_low"].notna()]
    cost = ok.loc[ok["ci_low"] > 0].sort_values("impact", ascending=False)
    earn = ok.loc[ok["ci_high"] < 0].sort_values("impact")
    leaf_first = lambda d: pd.concat([d.loc[d["level"] == "theme"], d.loc[d["level"] != "theme"]])  # noqa: E731
    for rows, key, sign in ((leaf_first(cost).head(top), "voice.impact_cost", 1),
                            (leaf_first(earn).head(top), "voice.impact_earn", -1)):
        for r in rows.itertuples():
            out.append(t(key, language, theme=_label(impact, r.theme, language),
                         impact=Points(sign * r.impact, sign=False),
                         ci=Interval(r.ci_low, r.ci_high), share=Pct(100 * r.share), with_=Points(r.nps_with),
                         without=Points(r.nps_without)))
    if cost.empty and earn.empty:
        out.append(t("voice.impact_none", language))
    out.append(t("voice.impact_simple", language))
    return out


def impact_table(impact: pd.DataFrame, language: str = "en", *, detail: bool = False):
    """The report table of :func:`~nps_research.voice.theme_impact`: the impact with its interval next to the
    simple comparison; with ``detail`` (folded) the impact per mention and its split into promoters and
    detractors."""
    from ..tables import report_table
    from ..text import t

    d = impact.loc[impact["n"] > 0].copy()
    d["theme"] = [_label(impact, th, language) for th in d["theme"]]
    if detail:
        d = d.rename(columns={"effect": "effect_per_mention"})
        return report_table(d, columns=["theme", "n", "effect_per_mention", "effect_low", "effect_high", "promoters_change",
                                        "detractors_change", "p_value"],
                            language=language, detail=True, caption=t("voice.impact_detail_caption", language))
    return report_table(d, columns=["theme", "level", "n", "share", "nps_with", "nps_without", "simple_impact",
                                    "impact", "ci_low", "ci_high"],
                        language=language, headers={"share": t("voice.share_header", language)},
                        kinds={"share": "share"}, caption=t("voice.impact_caption", language))


def quotes(data: Any, coded: pd.DataFrame, *, text: str = "reason", ltr: str = "ltr", per: int = 2,
           ids: Iterable[Any] = (), placeholder: Any = None, min_length: int = 15, max_length: int = 220,
           breaks: Sequence[int] = DEFAULT_BREAKS) -> pd.DataFrame:
    """Typical comments per theme and category, scrubbed of personal data.

    Per theme and category (detractor, promoter), the comments that mention the fewest other themes, of a
    readable length, without repeats; each scrubbed (:func:`~nps_research.voice.scrub`; ``ids`` are the values
    of the study's id columns). Show them only when the study allows open text in the report.

    Returns
    -------
    DataFrame
        ``theme, category, ltr, text`` (scrubbed), ``row`` (the index label in ``data``).
    """
    from ..inputs import as_frame

    df = as_frame(data)
    themes = [th for th in theme_columns(coded) if coded[th].any()]
    bounds = category_bounds(breaks)
    score = pd.to_numeric(df[ltr], errors="coerce")
    n_themes = coded[themes].sum(axis=1)
    texts = df[text].astype(object)
    length = texts.map(lambda s: len(s) if isinstance(s, str) else 0)
    rows = []
    for th in themes:
        for cat, key in (("detractor", "detractors"), ("promoter", "promoters")):
            lo, hi = bounds[key]
            sel = coded[th] & score.between(lo, hi) & length.between(min_length, max_length)
            if not sel.any():
                continue
            cand = pd.DataFrame({"k": n_themes[sel], "len": length[sel], "text": texts[sel], "ltr": score[sel]})
            cand["dist"] = (cand["len"] - cand["len"].median()).abs()
            cand = cand.sort_values(["k", "dist"], kind="stable").drop_duplicates("text").head(per)
            for idx, r in cand.iterrows():
                rows.append({"theme": th, "category": cat, "ltr": r["ltr"], "text": r["text"], "row": idx})
    out = pd.DataFrame(rows, columns=["theme", "category", "ltr", "text", "row"])
    if len(out):
        out["text"] = scrub_series(out["text"], ids=ids, placeholder=placeholder)
    out.attrs["theme_labels"] = coded.attrs.get("theme_labels", {})
    return out


def quote_sentences(found: pd.DataFrame, frame: Any, language: str = "en") -> list[str]:
    """The quotes as lines ready for the report."""
    from ..text import Category, Int, t

    fr = _frame(frame)
    return [t("voice.quote", language, theme=fr.label(r.theme, language), category=Category(r.category),
              score=Int(int(r.ltr)), text=r.text) for r in found.itertuples()]


def placeholder_words(language: str):
    """The scrub placeholder in the report language (``[telefoonnummer]``)."""
    from ..text import Word

    return lambda kind: "[" + Word(f"voice.pii.{kind}").format(language) + "]"


def describe_discovery(found: pd.DataFrame, language: str = "en", *, examples: bool = False,
                       min_comments: int = 10, ids: Iterable[Any] = ()) -> list[str]:
    """The candidate themes with their top terms (and, with ``examples``, a scrubbed example comment)."""
    from ..text import Int, Points, Word, t

    n = int(sum(found.attrs.get("n_uncoded", {}).values()))
    if found.empty:
        if n == 0:
            return [t("voice.discovery_all_coded", language)]
        return [t("voice.discovery_none", language, n=Int(n), min_n=Int(min_comments))]
    out = [t("voice.discovery", language, n=Int(n), k=Int(len(found)))]
    for r in found.itertuples():
        line = t("voice.candidate", language, name=r.candidate, lang=Word(f"value.language.{r.language}"),
                 n=Int(int(r.n)), nps=Points(r.nps), terms=", ".join(r.terms))
        if examples and r.examples:
            ex = scrub_series(pd.Series(r.examples[:1]), ids=ids, placeholder=placeholder_words(language)).iloc[0]
            line += "; " + t("voice.candidate_example", language, text=ex)
        out.append("- " + line)
    return ["\n".join(out)]


def discovery_table(found: pd.DataFrame, language: str = "en"):
    """The candidate themes as a table (terms joined; no example comments)."""
    from ..tables import report_table
    from ..text import t

    d = found.copy()
    d["terms"] = [", ".join(x) for x in d["terms"]]
    return report_table(d, columns=["candidate", "language", "terms", "n", "nps"], language=language,
                        caption=t("voice.discovery_caption", language))


def describe_followup(lists: Any, language: str = "en", *, files: Sequence[str] = (),
                      allow_personal_data: bool = False) -> list[str]:
    """Who is on the follow-up lists, by which rules, and where the files are."""
    from ..text import Date, Int, Words, t

    det, pro = lists.detractors, lists.promoters
    s = lists.settings
    sla = s.get("sla_days", {})
    out = [t("voice.followup", language, date=Date(lists.as_of), det=Int(len(det)),
             high=Int(int((det["priority"] == "high").sum())), overdue=Int(int(det["overdue"].sum())),
             pro=Int(len(pro))),
           t("voice.followup_rules", language, days=Int(s.get("max_age_days") or 0),
             quarantine=Int(s.get("quarantine_days") or 0),
             sla=Words([Int(sla.get(k, 0)) for k in ("high", "medium", "low")]))]
    if files:
        out.append(t("voice.followup_files", language, files=Words(list(files))))
    if not allow_personal_data:
        out.append(t("voice.followup_private", language))
    return out


def followup_table(table: pd.DataFrame, language: str = "en", *, frame: Any = None, promoters: bool = False,
                   ids: Iterable[Any] = ()):
    """A follow-up list as a report table (only for reports that allow personal data); comments scrubbed."""
    from ..tables import report_table
    from ..text import t

    fr = _frame(frame) if frame is not None else None
    d = table.copy()
    labels = fr.labels(language) if fr is not None else {}
    d["themes"] = [", ".join(labels.get(x, x) for x in ts) for ts in d["themes"]]
    d["comment"] = scrub_series(d["comment"], ids=ids, placeholder=placeholder_words(language))
    cols = (["customer_id", "date", "ltr", "themes", "comment"] if promoters else
            ["priority", "due_date", "customer_id", "date", "ltr", "themes", "comment"])
    return report_table(d, columns=cols, language=language, detail=True,
                        caption=t("voice.promoters_caption" if promoters else "voice.detractors_caption", language))


def describe_fatigue(fatigue: pd.DataFrame, rules: dict | None, language: str = "en") -> list[str]:
    """The response rate of first against repeated and recent invitations, and the rules the data suggest."""
    from ..text import Int, Pct, t

    e = fatigue.loc[fatigue["measure"] == "earlier_invitations"].set_index("group")
    s = fatigue.loc[fatigue["measure"] == "days_since_last"].set_index("group")
    if e.empty:
        return []
    last = e.index[-1]
    out = [t("voice.fatigue", language, n=Int(int(fatigue.attrs.get("n", e["n"].sum()))),
             first=Pct(100 * e["rate"].iloc[0]), many=Pct(100 * e.loc[last, "rate"]),
             k=Int(int(str(last).rstrip("+"))),
             short=Pct(100 * s.loc["0-29", "rate"]) if "0-29" in s.index else Pct(np.nan))]
    if rules:
        k = rules.get("max_per_year")
        max_text = (t("voice.fatigue_max", language, k=Int(k), k_minus=Int(max(k - 1, 1))) if k
                    else t("voice.fatigue_no_max", language))
        key = "voice.fatigue_suggest" if rules["quarantine_days"] else "voice.fatigue_no_quarantine"
        out.append(t(key, language, days=Int(rules["quarantine_days"]), tol=Int(round(100 * rules["tolerance"])),
                     max_text=max_text))
    return out


def fatigue_table(fatigue: pd.DataFrame, language: str = "en"):
    from ..tables import report_table
    from ..text import t

    return report_table(fatigue, columns=["measure", "group", "n", "responses", "rate", "rate_low", "rate_high"],
                        language=language, kinds={"measure": "category"}, detail=True,
                        caption=t("voice.fatigue_caption", language))


def describe_eligibility(result: pd.DataFrame, language: str = "en", *, window: int = 30) -> list[str]:
    from ..text import Int, t

    a = result.attrs
    return [t("voice.eligibility", language, days=Int(a.get("quarantine_days", 0)),
              k=Int(a.get("max_per_year") or 0), n=Int(len(result)), window=Int(window),
              ok=Int(int(result["eligible"].sum())), excluded=Int(int((~result["eligible"]).sum())))]


def eligibility_table(result: pd.DataFrame, language: str = "en"):
    from ..tables import report_table
    from ..text import t
    from .fatigue import REASONS

    counts = result["reason"].value_counts()
    d = pd.DataFrame({"exclusion": [r for r in REASONS if r in counts.index],
                      "count": [int(counts[r]) for r in REASONS if r in counts.index]})
    return report_table(d, language=language, caption=t("voice.eligibility_caption", language))


def voice_findings(impact: pd.DataFrame | None = None, coded: pd.DataFrame | None = None,
                   found: pd.DataFrame | None = None, *, top: int = 2) -> list[Finding]:
    """Key findings: the themes that cost and earn the most NPS (beyond chance) and the uncoded share."""
    from ..text import Int, Interval, Pct, Points

    out: list[Finding] = []
    if impact is not None and len(impact):
        ok = impact.loc[~impact["small_n"] & impact["ci_low"].notna() & (impact["level"] == "theme")]
        cost = ok.loc[ok["ci_low"] > 0].sort_values("impact", ascending=False).head(top)
        earn = ok.loc[ok["ci_high"] < 0].sort_values("impact").head(top)
        labels = impact.attrs.get("theme_labels", {})
        for rows, key in ((cost, "voice.finding_cost"), (earn, "voice.finding_earn")):
            for rank, r in enumerate(rows.itertuples()):
                size = float(r.impact)
                status = change_class(size, r.p_value)
                importance = IMPORTANCE["voice.theme"] + min(9.0, abs(size)) - 2 * rank - (5 if status == "small" else 0)
                out.append(Finding.make("voice", f"voice.theme.{r.theme}", key, numbers={
                    "impact": size, "ci_low": r.ci_low, "ci_high": r.ci_high, "share": r.share, "n": int(r.n)},
                    test="bootstrap of a multinomial logit", p_value=r.p_value, size=size, status=status,
                    importance=importance, theme=ThemeLabel(r.theme, labels), impact=Points(abs(size), sign=False),
                    ci=Interval(r.ci_low, r.ci_high)))
    if coded is not None and len(coded):
        has = coded["language"].notna()
        k = int(has.sum())
        if k and coded["uncoded"].any():  # every reason coded: nothing to report
            share = 100 * float(coded["uncoded"].sum()) / k
            n_found = 0 if found is None else len(found)
            out.append(Finding.make("voice", "voice.uncoded", "voice.finding_uncoded",
                                    numbers={"uncoded_pct": share, "candidates": n_found},
                                    importance=IMPORTANCE["detail"] + (5 if share >= 20 else 0),
                                    pct=Pct(share), k=Int(n_found)))
    return out


def responses_of(study: Any, survey_type: str | None = None) -> pd.DataFrame:
    """The study's responses, of one survey type when given (its labels kept)."""
    from ..inputs import as_frame, labels_of

    df = as_frame(study)
    out = df if survey_type is None or "survey_type" not in df.columns else df.loc[df["survey_type"] == survey_type]
    out = out.copy()
    out.attrs.update(df.attrs)
    out.attrs["labels"] = labels_of(study)
    return out
