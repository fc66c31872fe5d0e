"""Themes the code frame does not cover: candidate themes from the comments it left uncoded.

Per language, the uncoded comments are turned into lemmas without stop words (the maintained lists of
stopwordsiso, plus words shorter than three letters and numbers); comments with fewer than two content words
are left out; the rest are weighted by TF-IDF (words in at least
``min_df`` comments and at most ``max_df`` of them) and factorised by non-negative matrix factorisation
(scikit-learn's NMF, NNDSVDa start, fixed seed): each component is a candidate theme with its top terms
(components whose top terms overlap are merged: NMF splits one theme written in several ways). A
comment belongs to the candidate that holds at least half of its weight; candidates with fewer than
``min_comments`` comments are left out. Each candidate comes with the
NPS of its comments, example comments (the most typical ones; scrub them before showing them) and a draft
frame entry (:func:`candidate_frame`) to review and add to the frame.

Examples
--------
>>> import pandas as pd
>>> texts = (["De terugleverkosten voor mijn zonnepanelen zijn belachelijk"] * 30
...          + ["Terugleverkosten zonnepanelen veel te hoog"] * 30 + ["Het weer was mooi vandaag"] * 30)
>>> df = pd.DataFrame({"reason": texts, "ltr": [3] * 60 + [8] * 30})
>>> found = discover_themes(df, frame="energy", n_topics=2, min_comments=10)
>>> "terugleverkost" in found.loc[0, "terms"] or "terugleverkosten" in found.loc[0, "terms"]
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..inputs import DEFAULT_BREAKS, as_frame, category_bounds, require_columns
from .coding import _lemma, _norm, code_themes, tokenize
from .frame import CodeFrame, load_frame

__all__ = ["candidate_frame", "discover_themes"]


def _stop(language: str) -> frozenset[str]:
    import stopwordsiso

    words = stopwordsiso.stopwords(language) if stopwordsiso.has_lang(language) else set()
    return frozenset(_norm(w) for w in words)


def _doc_lemmas(text: str, language: str, stop: frozenset[str]) -> list[str]:
    out = []
    for w in tokenize(text):
        if not w.replace("-", "").isalpha() or len(w) < 3 or _norm(w) in stop:
            continue
        lem = _norm(_lemma(w, language))
        if len(lem) >= 3 and lem not in stop:
            out.append(lem)
    return out


def discover_themes(data: Any, *, frame: Any, text: str = "reason", ltr: str = "ltr",
                    coded: pd.DataFrame | None = None, n_topics: int = 5, n_terms: int = 8, examples: int = 3,
                    min_df: int = 3, max_df: float = 1.0, min_comments: int = 10, min_terms: int = 2,
                    only_uncoded: bool = True,
                    seed: int = 0, breaks: Sequence[int] = DEFAULT_BREAKS) -> pd.DataFrame:
    """Candidate themes in the comments the frame left uncoded (see the module docstring).

    Parameters
    ----------
    data : DataFrame or Study
        Responses with the text (and LTR, for the NPS of each candidate) column.
    frame : code frame
        See :func:`nps_research.voice.code_themes`.
    coded : DataFrame, optional
        A :func:`~nps_research.voice.code_themes` result of ``data``.
    n_topics : int
        Candidate themes per language at most (fewer when there are few comments: one per 20).
    n_terms, examples : int
        Top terms and example comments per candidate.
    min_df, max_df : int, float
        A term must occur in at least ``min_df`` comments and at most a share ``max_df`` of them.
    min_comments : int
        Smallest number of comments of a candidate that is kept.
    min_terms : int
        Comments with fewer distinct content words (``prima``, ``geen opmerkingen``) are left out: they carry
        no theme.
    only_uncoded : bool
        Look at uncoded comments only (default); False looks at all comments.
    seed : int
        Seed of the NMF start (NNDSVDa is deterministic; the seed breaks ties).

    Returns
    -------
    DataFrame
        One row per candidate, largest first: ``language, candidate`` (``nl-1``, ...), ``terms`` (list of top
        lemmas), ``n`` (comments), ``share`` (of the uncoded comments of the language), ``nps``,
        ``examples`` (list of the original comment texts; scrub before showing) and ``rows`` (their index
        labels in ``data``). ``attrs``: ``n_uncoded`` per language, ``n_comments``.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    frame = load_frame(frame) if not isinstance(frame, CodeFrame) else frame
    df = as_frame(data)
    require_columns(df, {"text": text})
    if coded is None:
        coded = code_themes(df, frame=frame, text=text)
    has_ltr = ltr in df.columns
    bounds = category_bounds(breaks)
    pool = coded["uncoded"] if only_uncoded else coded["language"].notna()
    rows, n_uncoded = [], {}
    for lg in frame.languages:
        sel = pool & (coded["language"] == lg)
        idx = df.index[sel.to_numpy()]
        n_uncoded[lg] = len(idx)
        if len(idx) < max(min_comments, min_df):
            continue
        stop = _stop(lg)
        docs = [_doc_lemmas(str(s), lg, stop) for s in df.loc[idx, text]]
        keep = [i for i, d in enumerate(docs) if len(set(d)) >= min_terms]
        if len(keep) < max(min_comments, min_df):
            continue
        idx = idx[keep]
        docs = [docs[i] for i in keep]
        vec = TfidfVectorizer(analyzer=lambda d: d, min_df=min_df, max_df=max_df, sublinear_tf=True)
        try:
            M = vec.fit_transform(docs)
        except ValueError:  # no term left after min_df / max_df
            continue
        k = int(min(n_topics, max(1, len(docs) // 20), M.shape[1]))
        if k < 1 or M.nnz == 0:
            continue
        model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=500)
        W = model.fit_transform(M)
        H = model.components_
        terms = np.asarray(vec.get_feature_names_out())
        W, H = _merge_components(W, H)
        best = W.argmax(axis=1)
        total = W.sum(axis=1)
        for j in range(W.shape[1]):
            members = np.flatnonzero((best == j) & (total > 0) & (W[:, j] >= total / 2))
            if len(members) < min_comments:
                continue
            top = terms[np.argsort(-H[j])[:n_terms]]
            top = [str(t) for t, w in zip(top, np.sort(H[j])[::-1][:n_terms]) if w > 0]
            typical = members[np.argsort(-W[members, j])]
            seen, ex_rows = set(), []
            for m in typical:
                s = str(df.loc[idx[m], text])
                if s not in seen:
                    seen.add(s)
                    ex_rows.append(idx[m])
                if len(ex_rows) == examples:
                    break
            nps = np.nan
            if has_ltr:
                sc = pd.to_numeric(df.loc[idx[members], ltr], errors="coerce").dropna()
                if len(sc):
                    nps = 100 * (np.mean(sc >= bounds["promoters"][0]) - np.mean(sc <= bounds["detractors"][1]))
            rows.append({"language": lg, "terms": top, "n": len(members), "share": len(members) / n_uncoded[lg],
                         "nps": nps, "examples": [str(df.loc[r, text]) for r in ex_rows], "rows": ex_rows})
    out = pd.DataFrame(rows, columns=["language", "terms", "n", "share", "nps", "examples", "rows"])
    out = out.sort_values(["n", "language"], ascending=[False, True], kind="stable").reset_index(drop=True)
    counter: dict[str, int] = {}
    names = []
    for lg in out["language"]:
        counter[lg] = counter.get(lg, 0) + 1
        names.append(f"{lg}-{counter[lg]}")
    out.insert(1, "candidate", names)
    out.attrs.update({"n_uncoded": n_uncoded, "n_comments": int(coded["language"].notna().sum()),
                      "frame": frame.name, "version": frame.version})
    return out


def _merge_components(W: np.ndarray, H: np.ndarray, *, top: int = 5, overlap: float = 0.4) -> tuple:
    """Merge NMF components whose top terms overlap (Jaccard >= ``overlap``): NMF splits one theme written in
    several ways into near-copies; merged, they are one candidate (weights added)."""
    groups: list[list[int]] = []
    tops = [set(np.argsort(-H[j])[:top]) for j in range(H.shape[0])]
    for j in range(H.shape[0]):
        for g in groups:
            union = set().union(*(tops[i] for i in g))
            inter = tops[j] & union
            if len(inter) / len(tops[j] | union) >= overlap or len(inter) / max(1, len(tops[j])) >= 0.6:
                g.append(j)
                break
        else:
            groups.append([j])
    W2 = np.column_stack([W[:, g].sum(axis=1) for g in groups])
    H2 = np.vstack([H[g].sum(axis=0) for g in groups])
    return W2, H2


def candidate_frame(found: pd.DataFrame, *, terms: int = 5, languages: Sequence[str] = ("en", "nl")) -> dict[str, Any]:
    """Draft frame entries for discovered candidates (to review, rename and label before adding them to the
    frame with :meth:`~nps_research.voice.CodeFrame.with_themes`).

    Examples
    --------
    >>> found = pd.DataFrame({"language": ["nl"], "candidate": ["nl-1"], "terms": [["teruglevering", "kost"]]})
    >>> candidate_frame(found)
    {'candidate_nl_1': {'label': {'en': 'teruglevering, kost', 'nl': 'teruglevering, kost'}, 'patterns': {'nl': ['teruglevering', 'kost']}}}
    """
    out: dict[str, Any] = {}
    for r in found.itertuples():
        name = "candidate_" + str(r.candidate).replace("-", "_")
        words = list(r.terms)[:terms]
        label = ", ".join(words)
        out[name] = {"label": dict.fromkeys(languages, label), "patterns": {str(r.language): words}}
    return out
