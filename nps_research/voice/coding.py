"""Coding open-text reasons into the themes of a code frame: language per comment, lemmas, matching.

The work is done once per *distinct word* rather than once per comment, so that a million comments code in
seconds: every distinct comment is split into words, every distinct word is lemmatised (simplemma, whose
Dutch and English dictionaries ship inside the package: nothing is downloaded) and matched against the
frame's patterns once per language, and each comment's themes are the union of its words' themes (phrases:
their words in a row). The language of a comment is the study's ``reason_language`` where it is given and
one of the frame's languages, else detected from its words: stop words of one language only (the maintained
lists of stopwordsiso) count two, words the language's dictionary knows and the other's does not count one;
a tie goes to the most common language of the comments.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"reason": ["De wachttijden waren veel te lang", "Expensive, and the bills are wrong",
...                               None, "Prima"], "ltr": [3, 5, 8, 9]})
>>> coded = code_themes(df, frame="energy")
>>> coded[["waiting", "price", "billing", "language", "uncoded"]]
   waiting  price  billing language  uncoded
0     True  False    False       nl    False
1    False   True     True       en    False
2    False  False    False     None    False
3    False  False    False       nl     True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ..inputs import DEFAULT_BREAKS, as_frame, category_bounds, labels_of, require_columns
from .frame import CodeFrame, fold, load_frame

__all__ = ["code_themes", "detect_language", "lemmas", "theme_columns", "theme_shares", "tokenize"]

#: Words are runs of letters, digits, apostrophes and hyphens (``e-mail``, ``app's``), without apostrophes or
#: hyphens at their ends; split in Arrow (RE2) for many texts, in Python for one.
_SPLIT = r"[^\pL\pN'’\-]+"
_SPLIT_PY = re.compile(r"[^\w'’\-]+|_+")
#: Words that are stop words in both Dutch and English lists (``in``, ``is``, ``was``...) say nothing about
#: the language; so do words shorter than two letters.
_MIN_LEN = 2


def tokenize(text: str) -> list[str]:
    """The words of a text, lower case (``'s`` of a Dutch plural or English possessive dropped).

    Examples
    --------
    >>> tokenize("De app's crashen; e-mail: x@y.nl!")
    ['de', 'app', 'crashen', 'e-mail', 'x', 'y', 'nl']
    """
    return [w for w in (_strip_s(p.strip("'’-")) for p in _SPLIT_PY.split(text.lower())) if w]


def _strip_s(word: str) -> str:
    if len(word) > 3 and word[-2] in "'’" and word[-1] == "s":
        return word[:-2]
    return word


def _norm(word: str) -> str:
    """A word or lemma as it is matched: accents removed, no hyphens, apostrophes or underscores."""
    if not word.isascii():
        word = fold(word)
    return word.lower().replace("-", "").replace("'", "").replace("’", "").replace("_", "")


@lru_cache(maxsize=1_000_000)
def _lemma(word: str, language: str) -> str:
    import simplemma

    try:
        return simplemma.lemmatize(word, lang=language)
    except ValueError:  # a language simplemma does not know: the word itself
        return word


@lru_cache(maxsize=1_000_000)
def _known(word: str, language: str) -> bool:
    import simplemma

    try:
        return bool(simplemma.is_known(word, lang=language))
    except ValueError:
        return False


def lemmas(text: str, language: str) -> list[str]:
    """The lemmas of a text in ``language`` as they are matched (lower case, no accents).

    Examples
    --------
    >>> lemmas("De wachttijden waren lang", "nl"), lemmas("The bills were wrong", "en")
    (['de', 'wachttijd', 'zijn', 'lang'], ['the', 'bill', 'be', 'wrong'])
    """
    return [_norm(_lemma(w, language)) for w in tokenize(text)]


@lru_cache(maxsize=16)
def _stopwords(languages: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Stop words per language that are stop words of no other language of ``languages``."""
    import stopwordsiso

    sets = {lg: set(stopwordsiso.stopwords(lg)) if stopwordsiso.has_lang(lg) else set() for lg in languages}
    out = {}
    for lg in languages:
        others = set().union(*(sets[o] for o in languages if o != lg)) if len(languages) > 1 else set()
        out[lg] = frozenset(w for w in sets[lg] - others if len(w) >= _MIN_LEN)
    return out


def _language_scores(vocab: Sequence[str], languages: tuple[str, ...]) -> np.ndarray:
    """(words, languages) evidence of each word for each language (see the module docstring)."""
    stops = _stopwords(languages)
    scores = np.zeros((len(vocab), len(languages)))
    if len(languages) < 2:
        return scores
    alpha = [w.isalpha() and len(w) >= _MIN_LEN for w in vocab]
    known = np.array([[_known(w, lg) for lg in languages] if a else [False] * len(languages)
                      for w, a in zip(vocab, alpha)], dtype=bool).reshape(len(vocab), len(languages))
    only = known & (known.sum(axis=1, keepdims=True) == 1)
    for j, lg in enumerate(languages):
        stop = np.fromiter((w in stops[lg] for w in vocab), dtype=bool, count=len(vocab))
        scores[:, j] = 2.0 * stop + 1.0 * only[:, j]
    scores[~np.array(alpha, dtype=bool)] = 0.0
    return scores


def detect_language(texts: Sequence[str] | pd.Series, languages: Sequence[str] = ("nl", "en"), *,
                    default: str | None = None) -> pd.Series:
    """The language of each text among ``languages`` (None for a text without words).

    Examples
    --------
    >>> detect_language(["Ik ben erg tevreden over de service", "Very happy with the service", "", "10/10"]).tolist()
    ['nl', 'en', None, 'nl']
    """
    s = pd.Series(list(texts)) if not isinstance(texts, pd.Series) else texts
    codes, uniq = pd.factorize(s)
    parsed = _parse(list(uniq), tuple(languages), default)
    lang = np.array(list(parsed.language) + [None], dtype=object)
    return pd.Series(lang[codes], index=s.index, dtype=object)


class _Parsed:
    """Distinct texts split into words: flat word codes, text of each word, vocabulary, languages."""

    def __init__(self, codes, lengths, vocab, language, lang_index):
        self.codes = codes
        self.lengths = lengths
        self.vocab = vocab
        self.language = language
        self.lang_index = lang_index


def _parse(texts: list[str], languages: tuple[str, ...], default: str | None,
           given: np.ndarray | None = None) -> _Parsed:
    import pyarrow as pa
    import pyarrow.compute as pc

    # split in Arrow (vectorised): runs of letters, digits, apostrophes and hyphens; the ends of a run are
    # trimmed per distinct word below, which gives the words of tokenize()
    arr = pa.array(texts, type=pa.large_string()) if texts else pa.array([], type=pa.large_string())
    pieces = pc.split_pattern_regex(pc.utf8_lower(arr), _SPLIT)
    flat = pc.list_flatten(pieces)
    parent = np.asarray(pc.list_parent_indices(pieces), dtype=np.int64)
    enc = pc.dictionary_encode(flat)
    raw_codes = np.asarray(enc.indices, dtype=np.int64)
    raw_vocab = enc.dictionary.to_pylist()
    cleaned = [_strip_s(w.strip("'’-")) for w in raw_vocab]
    remap_s = pd.Series(cleaned, dtype=object)
    remap_s[remap_s == ""] = None
    remap, vocab_idx = pd.factorize(remap_s)
    remap = np.asarray(remap, dtype=np.int64)
    codes = remap[raw_codes] if len(raw_codes) else np.zeros(0, dtype=np.int64)
    keep = codes >= 0
    codes, parent = codes[keep], parent[keep]
    vocab = list(vocab_idx)
    lengths = np.bincount(parent, minlength=len(texts)).astype(np.int64)
    text_of = parent
    scores = _language_scores(vocab, languages)
    per_text = np.zeros((len(texts), len(languages)))
    for j in range(len(languages)):
        if len(codes):
            per_text[:, j] = np.bincount(text_of, weights=scores[codes, j], minlength=len(texts))
    best = per_text.argmax(axis=1) if len(languages) else np.zeros(len(texts), dtype=np.int64)
    top = per_text.max(axis=1) if len(languages) else np.zeros(len(texts))
    tie = (per_text == top[:, None]).sum(axis=1) > 1
    lang_index = best.astype(np.int64)
    if tie.any():
        if default is None:
            counts = np.bincount(best[~tie], minlength=len(languages)) if (~tie).any() else np.zeros(len(languages))
            default_i = int(np.argmax(counts))
        else:
            default_i = languages.index(default) if default in languages else 0
        lang_index[tie] = default_i
    if given is not None:
        ok = given >= 0
        lang_index[ok] = given[ok]
    lang_index[lengths == 0] = -1
    language = np.array([languages[i] if i >= 0 else None for i in lang_index], dtype=object)
    return _Parsed(codes, lengths, vocab, language, lang_index)


# -------------------------------------------------------------------------------------------------- matching


def _plural_stems(word: str) -> tuple[str, ...]:
    """Singulars of an unknown word by the regular plural endings (``maandbedragen`` -> ``maandbedrag``,
    ``termijnbedrags`` -> ``termijnbedrag``); the dictionary's lemma is used for every word it knows."""
    if word.endswith("en"):
        return (word[:-2],)
    if word.endswith("s") and not word.endswith("ss"):
        return (word[:-1],)
    return ()


def _wildcard(pattern: str) -> re.Pattern:
    return re.compile("^" + ".*".join(re.escape(_norm(p)) for p in pattern.split("*")) + "$")


class _Matcher:
    """The frame's patterns of one language, matched against a vocabulary."""

    def __init__(self, frame: CodeFrame, language: str, themes: Sequence[str]):
        self.language = language
        self.words: list[list[tuple[bool, Any]]] = []  # per pattern: per word (is_wildcard, key)
        self.theme_of: list[int] = []
        for i, th in enumerate(themes):
            for pat in frame.theme_map[th].patterns.get(language, ()):
                parts = []
                for w in pat.split():
                    if "*" in w:
                        parts.append((True, _wildcard(w)))
                    else:
                        toks = tokenize(w) or [w.lower()]
                        parts.extend((False, (_norm(_lemma(t, language)), _norm(t))) for t in toks)
                self.words.append(parts)
                self.theme_of.append(i)

    def word_sets(self, vocab: list[str]) -> list[list[np.ndarray]]:
        """Per pattern, per word: a boolean array over the vocabulary (the word matches). Words without a
        letter (numbers) are not lemmatised and match no wildcard."""
        lettered = [not w.isdigit() for w in vocab]
        lem = [_norm(_lemma(w, self.language)) if ok else w for w, ok in zip(vocab, lettered)]
        surf = [_norm(w) if ok else w for w, ok in zip(vocab, lettered)]
        wild_idx = [k for k, ok in enumerate(lettered) if ok]
        index: dict[str, list[int]] = {}
        for k, (a, b) in enumerate(zip(lem, surf)):
            index.setdefault(a, []).append(k)
            if b != a:
                index.setdefault(b, []).append(k)
            elif lettered[k] and len(b) > 5:  # a word the dictionary does not know (a new compound):
                for stem in _plural_stems(b):   # its singular by the regular plural endings
                    index.setdefault(stem, []).append(k)
        cache: dict[Any, np.ndarray] = {}
        out = []
        for parts in self.words:
            sets = []
            for wild, key in parts:
                ck = (wild, key.pattern if wild else key)
                if ck not in cache:
                    m = np.zeros(len(vocab), dtype=bool)
                    if wild:
                        match = key.match
                        hit = [k for k in wild_idx if match(lem[k]) or match(surf[k])
                               or (lem[k] == surf[k] and any(match(x) for x in _plural_stems(surf[k])))]
                        m[hit] = True
                    else:
                        for form in set(key):
                            m[index.get(form, [])] = True
                    cache[ck] = m
                sets.append(cache[ck])
            out.append(sets)
        return out


def _own_matches(parsed: _Parsed, frame: CodeFrame, themes: Sequence[str]) -> np.ndarray:
    """(distinct texts, themes) boolean: the theme's own patterns match the text."""
    n_text = len(parsed.lengths)
    out = np.zeros((n_text, len(themes)), dtype=bool)
    codes = parsed.codes
    if not len(codes):
        return out
    text_of = np.repeat(np.arange(n_text), parsed.lengths)
    tok_lang = parsed.lang_index[text_of]
    for li, lg in enumerate(frame.languages):
        sel_tok = tok_lang == li
        if not sel_tok.any():
            continue
        matcher = _Matcher(frame, lg, themes)
        sets = matcher.word_sets(parsed.vocab)
        single = np.zeros((len(parsed.vocab), len(themes)), dtype=bool)
        for parts, ti, ws in zip(matcher.words, matcher.theme_of, sets):
            if len(parts) == 1:
                single[:, ti] |= ws[0]
        pos = np.flatnonzero(sel_tok)
        hit_vocab = single.any(axis=1)
        hp = pos[hit_vocab[codes[pos]]]
        if len(hp):
            rows, cols = np.nonzero(single[codes[hp]])
            out[text_of[hp[rows]], cols] = True
        for parts, ti, ws in zip(matcher.words, matcher.theme_of, sets):
            k = len(parts)
            if k == 1:
                continue
            cand = pos[ws[0][codes[pos]]]
            cand = cand[cand + k - 1 < len(codes)]
            for j in range(1, k):
                if not len(cand):
                    break
                cand = cand[(text_of[cand + j] == text_of[cand]) & ws[j][codes[cand + j]]]
            out[text_of[cand], ti] = True
    return out


def _rollup(own: np.ndarray, frame: CodeFrame, themes: Sequence[str]) -> np.ndarray:
    out = own.copy()
    col = {th: i for i, th in enumerate(themes)}
    for th in themes:
        kids = [col[c] for c in frame.children(th) if c in col]
        if kids:
            out[:, col[th]] |= own[:, kids].any(axis=1)
    return out


def theme_columns(coded: pd.DataFrame) -> list[str]:
    """The theme columns of a :func:`code_themes` result (in the frame's order)."""
    return list(coded.attrs.get("themes", [c for c in coded.columns if c not in ("language", "uncoded")]))


def code_themes(data: Any, *, frame: Any, text: str = "reason", language_column: str | None = "reason_language",
                rollup: bool = True, default_language: str | None = None) -> pd.DataFrame:
    """Code each response's open text into the themes of a code frame (multi-label).

    Parameters
    ----------
    data : DataFrame or Study
        Responses with the text column.
    frame : CodeFrame, path, name or mapping
        The code frame (:func:`nps_research.voice.load_frame`).
    text : str
        The open-text column.
    language_column : str or None
        A column with each text's language (``reason_language``); where it is missing or not a language of the
        frame, the language is detected from the text. None: always detect.
    rollup : bool
        A parent theme is mentioned when any of its children is (default). With False each theme shows only
        its own patterns' matches.
    default_language : str, optional
        The language of a text whose words do not tell (default: the most common detected language).

    Returns
    -------
    DataFrame
        One row per response (the data's index): one boolean column per theme (frame order), ``language``
        (the language the text was coded in; None without a text) and ``uncoded`` (a text with words that no
        theme matched). ``attrs``: ``frame`` (name), ``version``, ``themes``, ``text``, ``labels``.

    Raises
    ------
    StudyDataError
        When the text column is missing.
    """
    frame = load_frame(frame) if not isinstance(frame, CodeFrame) else frame
    df = as_frame(data)
    require_columns(df, {"text": text})
    themes = list(frame.themes)
    raw = df[text]
    present = raw.notna()
    strings = raw[present].astype(str)
    given = None
    if language_column is not None and language_column in df.columns:
        lang_col = df.loc[present, language_column].astype(object)
        idx = {lg: i for i, lg in enumerate(frame.languages)}
        per_row = lang_col.map(lambda v: idx.get(str(v).strip().lower(), -1) if pd.notna(v) else -1)
        per_row = per_row.to_numpy(dtype=np.int64)
        # distinct (text, given language) pairs: the same text in two languages is coded twice
        text_codes, texts = pd.factorize(strings)
        pair_codes, pairs = pd.factorize(np.asarray(text_codes, dtype=np.int64) * (len(frame.languages) + 1)
                                         + (per_row + 1))
        codes = np.asarray(pair_codes, dtype=np.int64)
        pairs = np.asarray(pairs, dtype=np.int64)
        texts = np.asarray(texts, dtype=object)
        uniq = list(texts[pairs // (len(frame.languages) + 1)])
        given = pairs % (len(frame.languages) + 1) - 1
    else:
        codes, uniq = pd.factorize(strings)
        uniq = list(uniq)
    parsed = _parse(uniq, frame.languages, default_language, given)
    own = _own_matches(parsed, frame, themes)
    flags = _rollup(own, frame, themes) if rollup else own
    out = pd.DataFrame(False, index=df.index, columns=themes)
    pos = np.flatnonzero(present.to_numpy())
    if len(pos):
        out.iloc[pos, :] = flags[codes]
    lang = np.full(len(df), None, dtype=object)
    lang[pos] = parsed.language[codes]
    out["language"] = pd.Series(lang, index=df.index, dtype=object)
    has_words = np.zeros(len(df), dtype=bool)
    has_words[pos] = parsed.lengths[codes] > 0
    out["uncoded"] = has_words & ~out[themes].any(axis=1).to_numpy()
    out.attrs.update({"frame": frame.name, "version": frame.version, "themes": themes, "text": text,
                      "frame_title": {lg: frame.title_in(lg) for lg in frame.languages},
                      "theme_labels": {lg: frame.labels(lg) for lg in frame.languages},
                      "languages": list(frame.languages), "labels": labels_of(data)})
    return out


# ------------------------------------------------------------------------------------------------ shares


def _wilson(k: np.ndarray, n: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    from scipy import stats

    z = stats.norm.ppf(0.5 + confidence / 2)
    n = np.asarray(n, float)
    k = np.asarray(k, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def theme_shares(data: Any, *, frame: Any, coded: pd.DataFrame | None = None, text: str = "reason",
                 ltr: str = "ltr", by: str | None = None, confidence: float = 0.95,
                 breaks: Sequence[int] = DEFAULT_BREAKS) -> pd.DataFrame:
    """How often each theme is mentioned, per NPS category (and per segment), with Wilson intervals.

    The base is the responses with a comment (a text with words): ``share`` is the fraction of those
    comments in the group that mention the theme.

    Parameters
    ----------
    data : DataFrame or Study
        Responses with the text and LTR columns.
    frame : code frame
        See :func:`code_themes`.
    coded : DataFrame, optional
        A :func:`code_themes` result of ``data`` (coded again when not given).
    by : str, optional
        A segment column: shares per segment value as well (all categories together).
    confidence : float
        Level of the intervals.

    Returns
    -------
    DataFrame
        ``theme, category`` (``detractor``, ``passive``, ``promoter``, ``all``), ``segment`` (None, or the
        segment value with ``by``), ``n`` (comments in the group), ``mentions``, ``share``, ``share_low``,
        ``share_high`` (fractions). ``attrs``: ``labels`` (theme -> label per language in ``theme_labels``),
        ``by``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"reason": ["te duur", "te duur", "goede app", "prima"], "ltr": [2, 4, 9, 10]})
    >>> s = theme_shares(df, frame="energy")
    >>> s.loc[s["theme"] == "price", ["category", "n", "mentions", "share"]].to_string(index=False)
    ' category  n  mentions  share\\ndetractor  2         2    1.0\\n  passive  0         0    NaN\\n promoter  2         0    0.0\\n      all  4         2    0.5'
    """
    frame = load_frame(frame) if not isinstance(frame, CodeFrame) else frame
    df = as_frame(data)
    require_columns(df, {"ltr": ltr}, numeric=["ltr"])
    if coded is None:
        coded = code_themes(df, frame=frame, text=text)
    themes = theme_columns(coded)
    base = coded["language"].notna() & df[ltr].notna()
    bounds = category_bounds(breaks)
    score = df[ltr]
    groups: list[tuple[str, Any, pd.Series]] = []
    for cat, key in (("detractor", "detractors"), ("passive", "passives"), ("promoter", "promoters")):
        lo, hi = bounds[key]
        groups.append((cat, None, base & score.between(lo, hi)))
    groups.append(("all", None, base))
    if by is not None:
        require_columns(df, {"by": by})
        for value in sorted(df.loc[base, by].dropna().unique(), key=str):
            groups.append(("all", value, base & (df[by] == value)))
    rows = []
    flags = coded[themes].to_numpy(bool)
    for cat, seg, mask in groups:
        m = mask.to_numpy(bool)
        n = int(m.sum())
        k = flags[m].sum(axis=0)
        lo, hi = _wilson(k, np.full(len(themes), n), confidence)
        for i, th in enumerate(themes):
            rows.append({"theme": th, "category": cat, "segment": seg, "n": n, "mentions": int(k[i]),
                         "share": k[i] / n if n else np.nan, "share_low": lo[i] if n else np.nan,
                         "share_high": hi[i] if n else np.nan})
    out = pd.DataFrame(rows)
    out.attrs.update({"by": by, "labels": labels_of(data), "confidence": confidence,
                      "theme_labels": {lg: frame.labels(lg) for lg in frame.languages}})
    return out
