"""Sentences generated from the numbers (English and Dutch), for notebooks and reports."""

from __future__ import annotations

import pandas as pd

from ..text import fmt_int, fmt_number, fmt_sig

__all__ = ["describe_fit", "describe_invariance", "describe_reliability", "describe_validity"]

_NAMES = {"cfi": "CFI", "tli": "TLI", "rmsea": "RMSEA", "srmr": "SRMR"}


def _check_language(language: str) -> str:
    if language not in ("en", "nl"):
        raise ValueError(f"language must be 'en' or 'nl', got {language!r}")
    return language


def describe_fit(fit: pd.Series, language: str = "en") -> list[str]:
    """One sentence per fit index against the conventional cut-off (Hu & Bentler 1999).

    Examples
    --------
    >>> describe_fit(pd.Series({"chisq": 30.1, "df": 24, "pvalue": 0.18, "cfi": 0.97, "tli": 0.93,
    ...                         "rmsea": 0.05, "rmsea_ci_lower": 0.0, "rmsea_ci_upper": 0.08, "srmr": 0.04}))[1]
    'CFI = 0.970 meets the 0.95 threshold (>= 0.95).'
    >>> describe_fit(pd.Series({"chisq": 30.1, "df": 24, "pvalue": 0.18, "cfi": 0.97, "tli": 0.93,
    ...                         "rmsea": 0.05, "rmsea_ci_lower": 0.0, "rmsea_ci_upper": 0.08, "srmr": 0.04}),
    ...              language="nl")[2]
    'TLI = 0,930 voldoet niet aan de drempel van 0,95 (>= 0,95).'
    """
    from .cfa import FIT_THRESHOLDS

    nl = _check_language(language) == "nl"
    f = lambda x, decimals=3: fmt_number(x, language, decimals)  # noqa: E731
    g = lambda x, digits=3: fmt_sig(x, language, digits)  # noqa: E731
    out = []
    if nl:
        out.append(f"Chi-kwadraat = {f(fit['chisq'], 2)} bij {int(fit['df'])} vrijheidsgraden "
                   f"(p = {g(fit['pvalue'])}); "
                   "bij grote steekproeven is deze toets bijna altijd significant.")
    else:
        out.append(f"Chi-square = {f(fit['chisq'], 2)} on {int(fit['df'])} degrees of freedom "
                   f"(p = {g(fit['pvalue'])}); "
                   "with large samples this test is nearly always significant.")
    for k, (op, thr) in FIT_THRESHOLDS.items():
        v = fit[k]
        ok = v >= thr if op == ">=" else v <= thr
        extra = ""
        if k == "rmsea":
            extra = (f", 90% {'BI' if nl else 'CI'} {f(fit['rmsea_ci_lower'])}-{f(fit['rmsea_ci_upper'])}")
        if nl:
            verdict = "voldoet aan" if ok else "voldoet niet aan"
            out.append(f"{_NAMES[k]} = {f(v)}{extra} {verdict} de drempel van {g(thr, 6)} ({op} {g(thr, 6)}).")
        else:
            verdict = "meets" if ok else "does not meet"
            out.append(f"{_NAMES[k]} = {f(v)}{extra} {verdict} the {g(thr, 6)} threshold ({op} {g(thr, 6)}).")
    return out


def describe_reliability(table: pd.DataFrame, language: str = "en", threshold: float = 0.70) -> list[str]:
    """One sentence per dimension from :func:`~nps_research.cx.reliability` output (alpha and omega).

    Examples
    --------
    >>> t = pd.DataFrame({"dimension": ["pex"], "n_items": [4], "n": [500], "alpha": [0.81],
    ...                   "alpha_ci_lower": [0.78], "alpha_ci_upper": [0.84], "omega_total": [0.82]})
    >>> describe_reliability(t)[0]
    "pex: Cronbach's alpha = 0.810 (95% CI 0.780-0.840), omega = 0.820 (4 items, n = 500): meets the 0.7 threshold."
    """
    nl = _check_language(language) == "nl"
    f = lambda x, decimals=3: fmt_number(x, language, decimals)  # noqa: E731
    g = lambda x, digits=3: fmt_sig(x, language, digits)  # noqa: E731
    out = []
    for r in table.itertuples():
        ok = r.alpha >= threshold and (pd.isna(r.omega_total) or r.omega_total >= threshold)
        if nl:
            verdict = "voldoet aan" if ok else "voldoet niet aan"
            out.append(f"{r.dimension}: Cronbachs alfa = {f(r.alpha)} (95%-BI {f(r.alpha_ci_lower)}-"
                       f"{f(r.alpha_ci_upper)}), omega = {f(r.omega_total)} "
                       f"({r.n_items} items, n = {fmt_int(r.n, language)}): "
                       f"{verdict} de drempel van {g(threshold, 6)}.")
        else:
            verdict = "meets" if ok else "does not meet"
            out.append(f"{r.dimension}: Cronbach's alpha = {f(r.alpha)} (95% CI {f(r.alpha_ci_lower)}-"
                       f"{f(r.alpha_ci_upper)}), omega = {f(r.omega_total)} "
                       f"({r.n_items} items, n = {fmt_int(r.n, language)}): "
                       f"{verdict} the {g(threshold, 6)} threshold.")
    return out


def describe_validity(validity, language: str = "en") -> list[str]:
    """Sentences on composite reliability, AVE, Fornell-Larcker and HTMT.

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> from nps_research.cx import cfa
    >>> res = cfa(holzinger39.get_data(), "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6")
    >>> describe_validity(res.validity)[0]
    'visual: CR = 0.626 (does not meet 0.70), AVE = 0.371 (does not meet 0.50); Fornell-Larcker met (sqrt(AVE) 0.609 > r 0.461).'
    """
    from .validity import VALIDITY_THRESHOLDS

    nl = _check_language(language) == "nl"
    f = lambda x, decimals=3: fmt_number(x, language, decimals)  # noqa: E731
    g = lambda x, digits=3: fmt_sig(x, language, digits)  # noqa: E731
    yes, no = ("voldoet aan", "voldoet niet aan") if nl else ("meets", "does not meet")
    out = []
    for r in validity.table.itertuples():
        s = (f"{r.factor}: CR = {f(r.cr)} ({yes if r.cr_ok else no} {f(0.70, 2)}), AVE = {f(r.ave)} "
             f"({yes if r.ave_ok else no} {f(0.50, 2)})")
        if r.fornell_larcker_ok is not None:
            if nl:
                s += (f"; Fornell-Larcker {'voldaan' if r.fornell_larcker_ok else 'niet voldaan'} "
                      f"(wortel(AVE) {f(r.sqrt_ave)} {'>' if r.fornell_larcker_ok else '<='} r {f(r.max_corr)})")
            else:
                s += (f"; Fornell-Larcker {'met' if r.fornell_larcker_ok else 'not met'} "
                      f"(sqrt(AVE) {f(r.sqrt_ave)} {'>' if r.fornell_larcker_ok else '<='} r {f(r.max_corr)})")
        out.append(s + ".")
    h = validity.htmt.stack().dropna()
    if len(h):
        thr = VALIDITY_THRESHOLDS["htmt"]
        worst = h.idxmax()
        bad = int((h >= thr).sum())
        if nl:
            out.append(f"HTMT: hoogste waarde {f(h.max())} ({worst[0]}-{worst[1]}); {bad} van {len(h)} paren "
                       f"boven de drempel van {g(thr, 6)}.")
        else:
            out.append(f"HTMT: highest ratio {f(h.max())} ({worst[0]}-{worst[1]}); {bad} of {len(h)} pairs "
                       f"at or above the {g(thr, 6)} threshold.")
    return out


def describe_invariance(table: pd.DataFrame, language: str = "en") -> list[str]:
    """Sentences on each invariance step (chi-square difference test and change in CFI, Cheung & Rensvold 2002).

    Examples
    --------
    >>> t = pd.DataFrame({"model": ["configural", "metric"], "cfi": [0.95, 0.948], "delta_cfi": [None, -0.002],
    ...                   "chisq_diff": [None, 8.2], "df_diff": [None, 6], "p_diff": [None, 0.22],
    ...                   "holds": [None, True]})
    >>> describe_invariance(t)[0]
    'metric invariance holds: chi-square difference = 8.20 on 6 df (p = 0.22), change in CFI = -0.002 (criterion > -0.01).'
    """
    nl = _check_language(language) == "nl"
    f = lambda x, decimals=3: fmt_number(x, language, decimals)  # noqa: E731
    g = lambda x, digits=3: fmt_sig(x, language, digits)  # noqa: E731
    out = []
    for r in table.iloc[1:].itertuples():
        if nl:
            name = {"metric": "Metrische", "scalar": "Scalaire", "strict": "Strikte"}.get(r.model, r.model)
            out.append(f"{name} invariantie {'houdt stand' if r.holds else 'houdt geen stand'}: "
                       f"chi-kwadraatverschil = {f(r.chisq_diff, 2)} bij {int(r.df_diff)} vg (p = {g(r.p_diff)}), "
                       f"verandering in CFI = {f(r.delta_cfi)} (criterium > {f(-0.01, 2)}).")
        else:
            out.append(f"{r.model} invariance {'holds' if r.holds else 'does not hold'}: chi-square difference = "
                       f"{f(r.chisq_diff, 2)} on {int(r.df_diff)} df (p = {g(r.p_diff)}), change in CFI = "
                       f"{f(r.delta_cfi)} (criterion > {f(-0.01, 2)}).")
    return out
