"""Personal data out of open text, before any comment is quoted or written to a file.

:func:`scrub` replaces, in this order: e-mail addresses; IBANs (any country, with or without spaces);
phone numbers in Dutch formats (``06-12345678``, ``020 123 4567``, ``(010) 1234567``, ``+31 (0)6 1234 5678``,
``0031 6 ...``) and international ones (``+44 20 7946 0958``, ``+1 (555) 123-4567``); a Dutch postcode with
or without a house number (``1234 AB 12a``, ``Dorpsstraat 12``: a street name ending in straat, laan, weg,
plein, ... followed by a number); values of the study's id columns (customer or policy numbers: the values
given in ``ids`` and anything of their shape, such as ``C`` followed by six digits); and any other run of
seven or more digits (account, policy or citizen service numbers). Each is replaced by a placeholder naming
what was removed in signs that read the same in every language (``[@]`` an e-mail address, ``[☎]`` a phone
number, ``[IBAN]``, ``[⌂]`` an address, ``[#]`` an id or number); a report can write words in its language
through ``placeholder=``.

Scrubbing is a safety net, not a guarantee: names and addresses written in free form can slip through, so
quotes appear in a report only when the study allows personal data (``report.allow_personal_data``).

Examples
--------
>>> scrub("Bel me op 06-12345678 of mail jan.jansen@example.nl, klantnr C004512.", ids=["C004512"])
'Bel me op [☎] of mail [@], klantnr [#].'
>>> scrub("IBAN NL91 ABNA 0417 1643 00, postcode 1234 AB 56")
'IBAN [IBAN], postcode [⌂]'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = ["ID_ROLES", "KINDS", "find_personal_data", "id_patterns", "scrub", "scrub_many", "scrub_series",
           "study_ids"]

#: What scrub removes, in the order it looks for it.
KINDS = ("email", "iban", "phone", "address", "id", "number")
#: The default placeholder of each kind: signs that read the same in every report language.
SIGNS = {"email": "[@]", "iban": "[IBAN]", "phone": "[☎]", "address": "[⌂]", "id": "[#]", "number": "[#]"}

_EMAIL = re.compile(r"[\w.+\-]+\s?(?:@|\(at\)|\[at\])\s?[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}", re.UNICODE)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}[ ]?(?:[A-Z0-9]{4}[ ]?){2,7}[A-Z0-9]{1,4}\b", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)\d{1,3}[\s.\-]?(?:\(0\)[\s.\-]?)?(?:\(?\d{1,4}\)?[\s.\-]?){1,4}\d{2,4}"  # international
    r"|\(0\d{2,3}\)[\s.\-]?\d{3}[\s.\-]?\d{3,4}"                                     # (010) 123 4567
    r"|0\d(?:\s*[.\-]?\s*\d){8}"                                                        # 10 digits from 0
    r")(?!\w)")
#: Two-letter words that follow a year or an amount (``2024 en``) and are no postcode in lower case.
_NOT_POSTCODE = frozenset("en de in op te om al na is ik er of zo nu ja we je ze uw at to on or an as by it me "
                          "my no so up us he be do go if".split())
_STREETS = ("straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "steeg", "hof", "park",
            "dreef", "pad", "markt", "baan", "plantsoen", "erf", "street", "road", "avenue", "lane")
_ADDRESS = re.compile(
    r"\b\d{4}\s?[A-Za-z]{2}\b(?:[\s,]+\d{1,5}(?:\s?[A-Za-z](?![A-Za-z]))?(?:[\-/]\d{1,4})?)?"     # 1234 AB 12a
    r"|\b[A-Z][\w\-]*(?:" + "|".join(_STREETS) + r")\s+\d{1,5}(?:\s?[A-Za-z](?![A-Za-z]))?(?:[\-/]\d{1,4})?\b",
    re.IGNORECASE)
_NUMBER = re.compile(r"(?<!\w)\d(?:[\s.\-]?\d){6,}(?!\w)")
_DATE = re.compile(r"\d{1,2}[\-/.]\d{1,2}[\-/.]\d{2,4}|\d{4}[\-/.]\d{1,2}[\-/.]\d{1,2}")
_ID_TOKEN = re.compile(r"\b[A-Za-z]{0,4}[\-\s]?\d[\w\-]*\b")


def id_patterns(ids: Iterable[Any], *, min_share: float = 0.5) -> list[re.Pattern]:
    """Regular expressions for the shapes of id values: letters followed by digits (``C004512`` gives
    ``C\\d{6}``), when at least ``min_share`` of the ids have that shape.

    Examples
    --------
    >>> [p.pattern for p in id_patterns(["C000001", "C123456", "X9"])]
    ['\\\\bC[\\\\-\\\\s]?\\\\d{6}\\\\b']
    """
    import pyarrow.compute as pc

    # in Arrow (millions of ids in a second): the letters and the number of digits of every id of that shape
    values = pc.utf8_trim_whitespace(_id_array(ids))
    n = len(values) - values.null_count
    parts = pc.extract_regex(values, r"^(?P<prefix>[A-Za-z]{0,4})[\-\s]?(?P<digits>[0-9]{4,})$")
    parts = parts.filter(pc.is_valid(parts))
    counts = _shape_counts(parts)
    shapes = {(prefix, digits): count for prefix, digits, count in counts}
    out = []
    for (prefix, digits), count in sorted(shapes.items()):
        if n and count / n >= min_share and (prefix or digits >= 6):
            out.append(re.compile(rf"\b{re.escape(prefix)}[\-\s]?\d{{{digits}}}\b", re.IGNORECASE))
    return out


def _id_array(ids: Any) -> Any:
    """Id values as Arrow text, missing ones null (from a list, a Series or an Arrow array)."""
    import pyarrow as pa

    if isinstance(ids, pd.Series | pd.Index):
        if isinstance(ids.dtype, pd.StringDtype):
            ids = pa.array(ids.array)  # Arrow text already: no copy through Python strings
        else:
            ids = pa.array(ids.astype("str").to_numpy(dtype=object, na_value=None), type=pa.large_string())
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks()
    if isinstance(ids, pa.Array):
        return ids.cast(pa.large_string())
    values = [None if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in ids]
    return pa.array(values, type=pa.large_string())


def _shape_counts(parts: Any) -> list[tuple[str, int, int]]:
    """(prefix, number of digits, count) of a struct array of ``prefix`` and ``digits`` matches."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(parts):
        return []
    table = pa.table({"prefix": parts.field("prefix"), "digits": pc.utf8_length(parts.field("digits"))})
    grouped = table.group_by(["prefix", "digits"]).aggregate([([], "count_all")])
    return [(p, int(d), int(c)) for p, d, c in zip(grouped["prefix"].to_pylist(), grouped["digits"].to_pylist(),
                                                   grouped["count_all"].to_pylist())]


def _placeholder(kind: str, placeholder: Any) -> str:
    if placeholder is None:
        return SIGNS[kind]
    if callable(placeholder):
        return str(placeholder(kind))
    if isinstance(placeholder, Mapping):
        return str(placeholder.get(kind, SIGNS[kind]))
    return str(placeholder).format(kind=kind)


class _Scrubber:
    def __init__(self, ids: Iterable[Any] = (), placeholder: Any = None):
        values = [str(v).strip() for v in ids if v is not None and not (not isinstance(v, str) and pd.isna(v))]
        self.id_values = {v.lower() for v in values if v}
        self.id_shapes = id_patterns(values) if values else []
        self.placeholder = placeholder

    def __call__(self, text: str) -> tuple[str, list[str]]:
        return self.rest(*self.first(text))

    def _sub(self, pattern: re.Pattern, kind: str, s: str, found: list[str],
             ok: Callable[[re.Match], bool] | None = None) -> str:
        rep = _placeholder(kind, self.placeholder)

        def f(m: re.Match) -> str:
            if ok is not None and not ok(m):
                return m.group(0)
            found.append(kind)
            return rep

        return pattern.sub(f, s)

    def first(self, text: str) -> tuple[str, list[str]]:
        """E-mail addresses, IBANs, ids of a known shape, phone numbers and addresses replaced: the text that
        the look-up of id values then reads, and what was found."""
        found: list[str] = []
        s = self._sub(_EMAIL, "email", text, found)
        s = self._sub(_IBAN, "iban", s, found)
        for pat in self.id_shapes:
            s = self._sub(pat, "id", s, found)
        s = self._sub(_PHONE, "phone", s, found, _phone_like)
        s = self._sub(_ADDRESS, "address", s, found, _address_like)
        return s, found

    def rest(self, s: str, found: list[str]) -> tuple[str, list[str]]:
        """The id values and long numbers replaced in the text that :meth:`first` left."""
        if self.id_values:
            rep = _placeholder("id", self.placeholder)

            def f_id(m: re.Match) -> str:
                if m.group(0).strip().lower() in self.id_values:
                    found.append("id")
                    return rep
                return m.group(0)

            s = _ID_TOKEN.sub(f_id, s)
        s = self._sub(_NUMBER, "number", s, found, lambda m: not _DATE.fullmatch(m.group(0)))
        return s, found


def _phone_like(m: re.Match) -> bool:
    """A phone number has 10 digits (national, from 0) or 9-15 with the country code, and is not a date."""
    text = m.group(0)
    digits = sum(c.isdigit() for c in text)
    if _DATE.fullmatch(text.strip()):
        return False
    if text.startswith(("+", "00")):
        return 9 <= digits - (2 if text.startswith("00") else 0) + (0 if "(0)" not in text else -1) <= 15
    return digits == 10


def _address_like(m: re.Match) -> bool:
    """A postcode's letters, written in lower case, must not be a common two-letter word (``2024 en``)."""
    text = m.group(0)
    pc = re.match(r"(\d{4})\s?([A-Za-z]{2})(.*)$", text, re.S)
    if not pc:
        return True
    letters = pc.group(2)
    if letters.upper() in ("SA", "SD", "SS"):  # never given to a postcode
        return False
    return letters.isupper() or letters.lower() not in _NOT_POSTCODE


def scrub(text: Any, *, ids: Iterable[Any] = (), placeholder: str | Mapping[str, str] | Callable | None = None) -> Any:
    """``text`` with personal data replaced by a placeholder (see the module docstring).

    Parameters
    ----------
    text : str
        The text (anything else, such as None or NaN, is returned as it is).
    ids : iterable
        Values of the study's id columns (customer, policy, contract numbers): these and ids of the same
        shape are removed.
    placeholder : str, mapping or callable, optional
        What replaces each kind (``email, iban, phone, address, id, number``): a format string with
        ``{kind}``, a mapping kind -> text, or a function of the kind. Default: the signs of :data:`SIGNS`.

    Returns
    -------
    str

    Examples
    --------
    >>> scrub("Call +44 20 7946 0958 or +1 (555) 123-4567; my policy is 123456789.")
    'Call [☎] or [☎]; my policy is [#].'
    >>> scrub("Ik woon op de Dorpsstraat 12 in Utrecht.", placeholder={"address": "[adres]"})
    'Ik woon op de [adres] in Utrecht.'
    """
    if not isinstance(text, str):
        return text
    return _scrubber(ids, placeholder)(text)[0]


_LAST: list[Any] = [None, None, None]  # ids, placeholder, scrubber of the last call


def _scrubber(ids: Iterable[Any], placeholder: Any) -> _Scrubber:
    """The scrubber for ``ids`` and ``placeholder``, reused while a caller passes the same ones (callers such
    as :func:`nps_research.privacy.protect` scrub comment after comment with the same ids)."""
    if not isinstance(ids, list | tuple):
        ids = tuple(ids)
    if _LAST[2] is not None and _LAST[1] is placeholder and (_LAST[0] is ids or _LAST[0] == ids):
        return _LAST[2]
    scrubber = _Scrubber(ids, placeholder)
    _LAST[:] = [ids, placeholder, scrubber]
    return scrubber


def scrub_many(texts: Iterable[str], *, ids: Any = (), placeholder: Any = None) -> list[str]:
    """:func:`scrub` of each text with the same ``ids``, for millions of ids (a list, Series or Arrow array):
    the id shapes are counted in Arrow, and only the ids that occur as a token of some text are looked up,
    so the result is that of :func:`scrub` on each text without a Python set of every id.

    Examples
    --------
    >>> scrub_many(["klantnr C004512", "alles goed", "ref AB12"], ids=["C004512", "AB12", "C999999"])
    ['klantnr [#]', 'alles goed', 'ref [#]']
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = list(texts)
    values = pc.utf8_trim_whitespace(_id_array(ids))
    scrubber = _Scrubber((), placeholder)
    scrubber.id_shapes = id_patterns(values)
    first = [scrubber.first(text) if isinstance(text, str) else None for text in texts]
    # the tokens that the look-up of id values will read, and which of them are ids
    tokens = {m.group(0).strip().lower() for done in first if done is not None for m in _ID_TOKEN.finditer(done[0])}
    lowered = pc.utf8_lower(values.filter(pc.is_valid(values)))
    present = lowered.filter(pc.is_in(lowered, value_set=pa.array(sorted(tokens), type=pa.large_string())))
    scrubber.id_values = {v for v in present.to_pylist() if v}
    return [text if done is None else scrubber.rest(*done)[0] for text, done in zip(texts, first)]


def scrub_series(texts: pd.Series, *, ids: Iterable[Any] = (), placeholder: Any = None) -> pd.Series:
    """:func:`scrub` over a Series (:func:`scrub_many`: the id shapes counted once, only the ids that occur in
    the texts looked up)."""
    from ..arrowtext import by_code

    codes, uniq = pd.factorize(texts)  # each distinct text once
    return by_code(scrub_many([str(v) for v in uniq], ids=ids, placeholder=placeholder), codes, like=texts)


def find_personal_data(texts: pd.Series, *, ids: Iterable[Any] = ()) -> pd.DataFrame:
    """What :func:`scrub` would remove from each text: one row per text, a count per kind.

    Examples
    --------
    >>> find_personal_data(pd.Series(["mail a@b.nl", "niets", None]))[["email", "phone"]].to_numpy().tolist()
    [[1, 0], [0, 0], [0, 0]]
    """
    scrubber = _Scrubber(ids)
    rows = []
    for s in texts:
        counts = dict.fromkeys(KINDS, 0)
        if isinstance(s, str):
            for kind in scrubber(s)[1]:
                counts[kind] += 1
        rows.append(counts)
    return pd.DataFrame(rows, index=texts.index, columns=list(KINDS))


#: Roles whose values are ids that must not appear in quoted or written text.
ID_ROLES = ("customer_id", "response_id", "transaction_id", "employee_id", "agent_id", "journey_id")


def study_ids(data: Any, roles: Iterable[str] = ID_ROLES) -> pd.Series:
    """The distinct values of the id columns of every table of a study (or of one DataFrame), sorted, for
    :func:`scrub`'s ``ids``: Arrow text (millions of ids without a Python string each).

    Examples
    --------
    >>> study_ids(pd.DataFrame({"customer_id": ["C1", "C2", "C1"], "ltr": [1, 2, 3]})).tolist()
    ['C1', 'C2']
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    stored = data.stored_ids() if hasattr(data, "stored_ids") and tuple(roles) == ID_ROLES else None
    if stored is not None:
        return stored  # the runner's stored study keeps them: no table needs to be read for them
    tables = data.tables().values() if hasattr(data, "tables") else [data]
    # each column's distinct values first (a few million ids, not every row of every table at once)
    parts = [pc.unique(pc.drop_null(_id_array(df[role].dropna().unique()
                                              if not isinstance(df[role].dtype, pd.StringDtype) else df[role])))
             for df in tables if df is not None for role in roles if role in df.columns]
    if not parts:
        return pd.Series([], dtype="str")
    values = pc.unique(pa.chunked_array(parts, type=pa.large_string()).combine_chunks())
    return pd.Series(values.take(pc.sort_indices(values)), dtype="str")
