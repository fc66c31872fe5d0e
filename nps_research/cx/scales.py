"""Multi-item scales: definition, validation against the data, and scoring.

A :class:`Scale` maps dimensions to item columns. The built-in structures are

* :data:`EXQ` - Klaus & Maklan's customer experience quality scale: product experience (4 items), outcome focus
  (4), moments of truth (5) and peace of mind (6), usually modelled as a second-order construct;
* :data:`SERVQUAL` - Parasuraman, Zeithaml & Berry's (1988) service quality dimensions: tangibles (4),
  reliability (5), responsiveness (4), assurance (4), empathy (5);
* :data:`ESQUAL` - Parasuraman, Zeithaml & Malhotra's (2005) e-service quality: efficiency (8), system
  availability (4), fulfillment (7), privacy (3).

Only the structure (dimensions and number of items) is built in, with default item column names; the item
wordings are the client's questionnaire and are not reproduced here. A study file maps its own columns to the
items (see :meth:`Scale.from_dict`). EXQ also carries a short attribute name per item (``EXQ.item_labels``, e.g.
``"service recovery"``): a name for what the item is about, not its wording. These names were written down from
memory of Klaus & Maklan (2012) and have not been checked against the publication here; verify them there before
citing them.

Labels per language
-------------------
A dimension or item label is one of

* a text of the catalogue (:class:`~nps_research.text.Word`): the built-in scales' labels, in every report
  language (``cx.dim.exq.pex``: *Product experience* / *Productervaring*);
* a mapping language -> label from a study file (``label: {en: Product experience, nl: Productervaring}``);
* a plain string from a study file: the client's own words, shown as they are in every language.

When a mapping lacks the report language, the label falls back to the built-in scale's label for that
language (when the study file starts from a ``base``), else to the mapping's label in another language (the
client's own words), else to the dimension or item name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataProblem, StudyConfigError, StudyDataError
from ..text import LANGUAGES, Int, Value, Word, Words, t

__all__ = ["ESQUAL", "EXQ", "SCALES", "SERVQUAL", "ItemLabel", "Scale", "ScaleLabel", "get_scale", "latent_label",
           "score_scale"]


def _label_text(spec: Any, language: str, fallback: str) -> str:
    """A label given as a text value, a mapping language -> label or a plain string, in ``language``."""
    if spec is None or (isinstance(spec, str) and not spec):
        return fallback
    if isinstance(spec, Value):
        return spec.format(language)
    if isinstance(spec, dict):
        if spec.get(language):
            return str(spec[language])
        others = [str(spec[lang]) for lang in LANGUAGES if spec.get(lang)]
        return others[0] if others else fallback
    return str(spec)


@dataclass(frozen=True, eq=False)
class ScaleLabel(Value):
    """A dimension, item or factor label that writes itself in the report language (see the module docstring).

    Examples
    --------
    >>> ScaleLabel(Word("cx.dim.exq.pom")).format("nl"), ScaleLabel({"en": "Ease"}, "ease").format("nl")
    ('Gemoedsrust', 'Ease')
    """

    spec: Any
    fallback: str = ""

    def format(self, language: str) -> str:
        return _label_text(self.spec, language, self.fallback)


def _plain(spec: Any) -> Any:
    """A label in the plain form of a study file: catalogue texts become a mapping language -> text."""
    if isinstance(spec, Value):
        return {lang: spec.format(lang) for lang in LANGUAGES}
    return dict(spec) if isinstance(spec, dict) else spec


def _parse_label(value: Any, where: str, base: Any = None) -> Any:
    """A label from a study file: a string, or a mapping language -> string (missing languages filled from
    the built-in ``base`` label when there is one)."""
    if isinstance(value, dict):
        unknown = sorted(set(map(str, value)) - set(LANGUAGES))
        if unknown:
            raise StudyConfigError(f"scale definition: {where} has labels in unknown languages {unknown}; "
                                   f"languages: {list(LANGUAGES)}")
        out = {str(k): str(v) for k, v in value.items() if v is not None}
        if isinstance(base, Value):
            out = {lang: out.get(lang) or base.format(lang) for lang in LANGUAGES}
        return out
    return str(value)


@dataclass(frozen=True)
class Scale:
    """A multi-item scale: dimensions -> item columns, reverse-keyed items, response range.

    Parameters
    ----------
    name : str
        Short name (also the name of the second-order factor and of the total score).
    dimensions : dict of str -> tuple of str
        Dimension key -> item columns, in questionnaire order.
    low, high : int
        Response range of every item (e.g. 1-7).
    reverse : tuple of str
        Reverse-keyed items; they are recoded as ``low + high - x`` before scoring and modelling.
    labels : dict
        Dimension key -> readable label: a catalogue text (:class:`~nps_research.text.Word`), a mapping
        language -> label, or a plain string (every language); see the module docstring.
    item_labels : dict
        Item column -> short attribute label (optional; same forms): a name for what the item is about, never
        its wording.
    higher_order : bool
        Model the dimensions as indicators of one second-order factor named ``name``.
    min_answered : float
        Minimum share of a dimension's items (0-1) that must be answered for a score; 0.5 by default.
    reference : str
        Citation of the scale's source.

    Notes
    -----
    **Format in a study file** (the ``scales:`` section maps a scale name to such a dict; accepted by
    :meth:`from_dict`)::

        scales:
          exq:
            base: EXQ                    # optional: start from a built-in scale (EXQ, SERVQUAL, ESQUAL)
            columns: {pex1: Q7_1, pex2: Q7_2}   # optional: built-in item name -> questionnaire column
            name: exq                    # optional (default: the key, or the base's name)
            range: [1, 7]                # response range of the items
            dimensions:                  # required unless base is given
              pex: {label: {en: Product experience, nl: Productervaring}, items: [pex1, pex2, pex3, pex4]}
              out: [out1, out2, out3, out4]      # short form: just the items
            labels: {mot: Momenten van de waarheid}   # optional: a label for every language, or per language
            item_labels: {pex1: {en: freedom of choice, nl: keuzevrijheid}}   # optional
            reverse: [pom3]              # reverse-keyed items (optional)
            higher_order: true           # model as a second-order construct (optional)
            min_answered: 0.5            # share of items needed for a dimension score (optional)

    Examples
    --------
    >>> EXQ.n_items, [len(v) for v in EXQ.dimensions.values()]
    (19, [4, 4, 5, 6])
    >>> s = Scale.from_dict({"name": "svc", "range": [1, 5],
    ...                      "dimensions": {"speed": ["q1", "q2", "q3"], "care": ["q4", "q5", "q6"]}})
    >>> print(s.to_syntax())
    speed =~ q1 + q2 + q3
    care =~ q4 + q5 + q6
    """

    name: str
    dimensions: dict[str, tuple[str, ...]]
    low: int = 1
    high: int = 7
    reverse: tuple[str, ...] = ()
    labels: dict[str, Any] = field(default_factory=dict)
    item_labels: dict[str, Any] = field(default_factory=dict)
    higher_order: bool = False
    min_answered: float = 0.5
    reference: str = ""

    def __post_init__(self):
        items = [i for v in self.dimensions.values() for i in v]
        dup = sorted({i for i in items if items.count(i) > 1})
        if dup:
            raise StudyConfigError(f"scale '{self.name}': items {dup} belong to more than one dimension")
        if not self.dimensions or any(len(v) == 0 for v in self.dimensions.values()):
            raise StudyConfigError(f"scale '{self.name}': every dimension needs at least one item")
        bad = [r for r in self.reverse if r not in items]
        if bad:
            raise StudyConfigError(f"scale '{self.name}': reverse-keyed items {bad} are not items of the scale")
        if not self.low < self.high:
            raise StudyConfigError(f"scale '{self.name}': range low ({self.low}) must be below high ({self.high})")
        if not 0 < self.min_answered <= 1:
            raise StudyConfigError(f"scale '{self.name}': min_answered must be a share in (0, 1]")
        if self.name in self.dimensions:
            raise StudyConfigError(f"scale '{self.name}': a dimension has the scale's own name")
        odd = [n for n in [*self.dimensions, *items] if not str(n).isidentifier()]
        if odd:
            raise StudyConfigError(
                f"scale '{self.name}': {', '.join(repr(n) for n in odd)} cannot be used in a measurement model "
                f"(names of dimensions and items are letters, digits and underscores); give each item a short "
                f"name in the table's cx_items, e.g. cx_items: {{v5a: '{odd[0]}'}}, and use that name in the scale")

    # ------------------------------------------------------------------ properties
    @property
    def items(self) -> list[str]:
        """All item columns in dimension order."""
        return [i for v in self.dimensions.values() for i in v]

    @property
    def n_items(self) -> int:
        return len(self.items)

    def label(self, dimension: str, language: str = "en") -> str:
        """Readable label of a dimension (or of the scale itself) in ``language``.

        Examples
        --------
        >>> EXQ.label("pom"), EXQ.label("pom", "nl"), EXQ.label("exq", "nl")
        ('Peace of mind', 'Gemoedsrust', 'EXQ')
        """
        return self.label_value(dimension).format(language)

    def label_value(self, dimension: str) -> ScaleLabel:
        """A dimension's label as a typed value for sentences (it writes itself in the report language)."""
        if dimension == self.name:
            return ScaleLabel(self.name.upper() if len(self.name) <= 6 else self.name)
        return ScaleLabel(self.labels.get(dimension), dimension)

    def with_client_names(self, labels: dict[str, Any] | None) -> Scale:
        """This scale with the client's column names (a study's ``labels``: name -> column) as the label of every
        item that has none, so that tables show ``Vraag 5a`` beside the item's short name ``v5a``.

        Examples
        --------
        >>> s = Scale("s", {"a": ("v1", "v2")}).with_client_names({"v1": "Vraag 1", "ltr": "Q1"})
        >>> s.item_label("v1"), s.item_label("v2")
        ('Vraag 1', '')
        """
        own = {i: str(labels[i]) for i in self.items if labels and labels.get(i)}
        return replace(self, item_labels={**own, **self.item_labels}) if own else self

    def item_label(self, item: str, language: str = "en") -> str:
        """The short attribute label of an item in ``language`` (empty when the scale has none).

        Examples
        --------
        >>> EXQ.item_label("mot5"), EXQ.item_label("mot5", "nl")
        ('service recovery', 'herstel na fouten')
        """
        return _label_text(self.item_labels.get(item), language, "")

    def describe(self, data: pd.DataFrame | None = None, language: str = "en") -> list[str]:
        """One sentence on the scale: its dimensions, items and range, and with ``data`` the number of answers
        with at least one item answered.

        Examples
        --------
        >>> EXQ.describe(pd.DataFrame({"pex1": [3, 4, None], "pom2": [None, 5, None]}), "nl")[0]
        'De schaal EXQ: 4 dimensies (Productervaring, Uitkomstgerichtheid, Momenten van de waarheid en Gemoedsrust), 19 items beantwoord van 1 tot 7; 2 antwoorden met minstens één beantwoord item.'
        """
        present = [i for i in self.items if data is not None and i in data.columns]
        n = int(data[present].notna().any(axis=1).sum()) if present else 0
        return [t("cx.scale", language, scale=self.label_value(self.name), count=len(self.dimensions),
                  names=Words([self.label_value(d) for d in self.dimensions]), items=Int(self.n_items),
                  low=Int(self.low), high=Int(self.high), n=Int(n))]

    def dimension_of(self, item: str) -> str:
        for d, items in self.dimensions.items():
            if item in items:
                return d
        raise KeyError(item)

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_dict(cls, spec: dict[str, Any], name: str | None = None) -> Scale:
        """Build a scale from a study file's ``scales:`` entry (format in the class docstring).

        Examples
        --------
        >>> s = Scale.from_dict({"base": "EXQ", "columns": {"pex1": "Q7_1"}})
        >>> s.dimensions["pex"][:2], s.higher_order
        (('Q7_1', 'pex2'), True)
        """
        if not isinstance(spec, dict):
            raise StudyConfigError(f"a scale definition must be a mapping, got {type(spec).__name__}")
        allowed = {"base", "columns", "name", "range", "dimensions", "reverse", "higher_order", "min_answered",
                   "labels", "item_labels", "reference"}
        unknown = sorted(set(spec) - allowed)
        if unknown:
            raise StudyConfigError(f"scale definition: unknown keys {unknown}; allowed: {sorted(allowed)}")
        kw: dict[str, Any] = {}
        if "base" in spec:
            base = SCALES.get(str(spec["base"]).upper())
            if base is None:
                raise StudyConfigError(f"scale definition: unknown base '{spec['base']}'; built-in: {list(SCALES)}")
            kw = {k: getattr(base, k) for k in ("name", "dimensions", "low", "high", "reverse", "labels",
                                                 "item_labels", "higher_order", "min_answered", "reference")}
        if "dimensions" in spec:
            dims, labels = {}, {}
            if not isinstance(spec["dimensions"], dict):
                raise StudyConfigError("scale definition: 'dimensions' must map dimension names to item lists")
            for d, v in spec["dimensions"].items():
                if isinstance(v, dict):
                    if "items" not in v:
                        raise StudyConfigError(f"scale definition: dimension '{d}' has no 'items'")
                    if "label" in v:
                        labels[str(d)] = _parse_label(v["label"], f"the label of dimension '{d}'",
                                                      kw.get("labels", {}).get(str(d)))
                    v = v["items"]
                if isinstance(v, str) or not hasattr(v, "__iter__"):
                    raise StudyConfigError(f"scale definition: items of dimension '{d}' must be a list")
                dims[str(d)] = tuple(str(i) for i in v)
            kw["dimensions"] = dims
            kw["labels"] = {**{k: v for k, v in kw.get("labels", {}).items() if k in dims}, **labels}
        elif "base" not in spec:
            raise StudyConfigError("scale definition: give 'dimensions' (or a built-in 'base')")
        if "range" in spec:
            try:
                kw["low"], kw["high"] = (int(x) for x in spec["range"])
            except (TypeError, ValueError):
                raise StudyConfigError(f"scale definition: range must be [low, high], got {spec['range']!r}") from None
        for key in ("reverse",):
            if key in spec:
                kw[key] = tuple(str(x) for x in (spec[key] or ()))
        for key in ("higher_order",):
            if key in spec:
                kw[key] = bool(spec[key])
        for key in ("labels", "item_labels"):
            if key in spec:
                if not isinstance(spec[key], dict):
                    raise StudyConfigError(f"scale definition: '{key}' must map names to labels, "
                                           f"got {spec[key]!r}")
                known = kw.get(key, {})
                kw[key] = {**known, **{str(k): _parse_label(v, f"{key} of '{k}'", known.get(str(k)))
                                       for k, v in spec[key].items()}}
        if "min_answered" in spec:
            try:
                kw["min_answered"] = float(spec["min_answered"])
            except (TypeError, ValueError):
                raise StudyConfigError(f"scale definition: min_answered must be a share in (0, 1], got "
                                       f"{spec['min_answered']!r}") from None
        if "reference" in spec:
            kw["reference"] = str(spec["reference"])
        kw["name"] = str(spec.get("name") or kw.get("name") or name or "scale")
        cols = spec.get("columns") or {}
        if cols:
            # reverse-keyed items may be named by item or by questionnaire column
            back = {str(v): k for k, v in cols.items()}
            kw["reverse"] = tuple(back.get(r, r) for r in kw.get("reverse", ()))
        scale = cls(**kw)
        return scale.rename(cols) if cols else scale

    def rename(self, columns: dict[str, str]) -> Scale:
        """Map item names to questionnaire columns (``{"pex1": "Q7_1", ...}``).

        Examples
        --------
        >>> EXQ.rename({"pom6": "Q20"}).dimensions["pom"][-1]
        'Q20'
        """
        unknown = [c for c in columns if c not in self.items]
        if unknown:
            raise StudyConfigError(f"scale '{self.name}': columns maps unknown items {unknown}")
        m = {i: str(columns.get(i, i)) for i in self.items}
        return replace(self, dimensions={d: tuple(m[i] for i in v) for d, v in self.dimensions.items()},
                       reverse=tuple(m[i] for i in self.reverse),
                       item_labels={m.get(k, k): v for k, v in self.item_labels.items()})

    def to_dict(self) -> dict[str, Any]:
        """The plain-dict form accepted by :meth:`from_dict` (e.g. for a notebook parameter)."""
        out: dict[str, Any] = {
            "name": self.name, "range": [self.low, self.high],
            "dimensions": {d: {"label": _plain(self.labels.get(d, d)), "items": list(v)}
                           for d, v in self.dimensions.items()},
        }
        if self.reverse:
            out["reverse"] = list(self.reverse)
        out["higher_order"] = self.higher_order
        out["min_answered"] = self.min_answered
        if self.item_labels:
            out["item_labels"] = {k: _plain(v) for k, v in self.item_labels.items()}
        if self.reference:
            out["reference"] = self.reference
        return out

    def to_syntax(self, higher_order: bool | None = None) -> str:
        """lavaan-style syntax of the measurement model (with the second-order factor if requested)."""
        ho = self.higher_order if higher_order is None else higher_order
        lines = [f"{d} =~ " + " + ".join(v) for d, v in self.dimensions.items()]
        if ho:
            lines.append(f"{self.name} =~ " + " + ".join(self.dimensions))
        return "\n".join(lines)

    # ------------------------------------------------------------------ data
    def validate(self, data: pd.DataFrame, table: str = "responses") -> None:
        """Check the items against the data: present, numeric, whole numbers in range, not constant.

        Raises
        ------
        StudyDataError
            Listing every problem with column, rule and rows (row 2 is the first data row of a file).

        Examples
        --------
        >>> df = pd.DataFrame({"a": [1, 2, 9], "b": [3, 3, 3]})
        >>> Scale("s", {"d": ("a", "b", "c")}).validate(df)
        Traceback (most recent call last):
        ...
        nps_research.errors.StudyDataError: 3 problems in the study data:
          - table 'responses', column 'c': column required by scale 's' (dimension 'd') is missing
          - table 'responses', column 'a': scale 's' answers must be whole numbers 1-7 (1 row: 4); values: '9'
          - table 'responses', column 'b': item of scale 's' has the same answer (3) in every row
        """
        problems: list[DataProblem] = []
        for item in self.items:
            if item not in data.columns:
                problems.append(DataProblem(table, f"column required by scale '{self.name}' (dimension "
                                                   f"'{self.dimension_of(item)}') is missing", column=item))
        for item in self.items:
            if item not in data.columns:
                continue
            col = data[item]
            num = pd.to_numeric(col, errors="coerce")
            bad_type = col.notna() & num.isna()
            bad = bad_type | (num.notna() & ((num < self.low) | (num > self.high) | (num % 1 != 0)))
            if bad.any():
                pos = np.flatnonzero(bad.to_numpy())
                problems.append(DataProblem(
                    table, f"scale '{self.name}' answers must be whole numbers {self.low}-{self.high}",
                    column=item, rows=tuple(int(p) + 2 for p in pos), n_rows=len(pos),
                    examples=tuple(dict.fromkeys(str(v) for v in col.to_numpy()[pos]))))
                continue
            vals = num.dropna().unique()
            if len(vals) == 1:
                problems.append(DataProblem(
                    table, f"item of scale '{self.name}' has the same answer ({vals[0]:g}) in every row",
                    column=item))
            elif len(vals) == 0:
                problems.append(DataProblem(table, f"item of scale '{self.name}' has no answers", column=item))
        if problems:
            raise StudyDataError(problems)

    def recoded(self, data: pd.DataFrame) -> pd.DataFrame:
        """The item columns as floats with reverse-keyed items recoded (``low + high - x``)."""
        missing = [i for i in self.items if i not in data.columns]
        if missing:
            raise StudyDataError([DataProblem("responses", f"column required by scale '{self.name}' is missing",
                                              column=c) for c in missing])
        out = data[self.items].apply(pd.to_numeric, errors="coerce").astype(float)
        for r in self.reverse:
            out[r] = self.low + self.high - out[r]
        return out


def check_items(data: pd.DataFrame, items, table: str = "responses") -> pd.DataFrame:
    """Item columns of a plain item list as floats, after checking them: present, numeric, not constant.

    Used where items are given as a list rather than a :class:`Scale` (which has its own range check).

    Raises
    ------
    StudyDataError
        Listing every missing, non-numeric, empty or constant item column.

    Examples
    --------
    >>> check_items(pd.DataFrame({"a": [1, 2, 3], "b": [2, 2, 2]}), ["a", "b", "c"])
    Traceback (most recent call last):
    ...
    nps_research.errors.StudyDataError: 2 problems in the study data:
      - table 'responses', column 'c': item column is missing
      - table 'responses', column 'b': item has the same answer (2) in every row
    """
    items = list(items)
    problems = [DataProblem(table, "item column is missing", column=c) for c in items if c not in data.columns]
    present = [c for c in items if c in data.columns]
    x = data[present].apply(pd.to_numeric, errors="coerce").astype(float)
    for c in present:
        bad = data[c].notna().to_numpy() & x[c].isna().to_numpy()
        if bad.any():
            pos = np.flatnonzero(bad)
            problems.append(DataProblem(table, "item answers must be numeric", column=c,
                                        rows=tuple(int(p) + 2 for p in pos), n_rows=len(pos),
                                        examples=tuple(dict.fromkeys(str(v) for v in data[c].to_numpy()[pos]))))
            continue
        vals = x[c].dropna().unique()
        if len(vals) == 0:
            problems.append(DataProblem(table, "item has no answers", column=c))
        elif len(vals) == 1:
            problems.append(DataProblem(table, f"item has the same answer ({vals[0]:g}) in every row", column=c))
    if problems:
        raise StudyDataError(problems)
    return x


def _exq() -> Scale:
    dims = {"pex": ("pex1", "pex2", "pex3", "pex4"), "out": ("out1", "out2", "out3", "out4"),
            "mot": ("mot1", "mot2", "mot3", "mot4", "mot5"),
            "pom": ("pom1", "pom2", "pom3", "pom4", "pom5", "pom6")}
    # Short attribute names per item (what each item is about, not its wording; texts cx.item.exq.*), written
    # down from memory of Klaus & Maklan (2012). NOT checked against the publication here: verify them there
    # before citing them or relying on the item-to-attribute mapping.
    items = [i for v in dims.values() for i in v]
    return Scale("exq", dims, 1, 7, labels={d: Word(f"cx.dim.exq.{d}") for d in dims},
                 item_labels={i: Word(f"cx.item.exq.{i}") for i in items}, higher_order=True,
                 reference="Klaus, Ph. & Maklan, S. (2012). EXQ: a multiple-item scale for assessing service "
                           "experience. Journal of Service Management 23(1), 5-33; Klaus & Maklan (2013), "
                           "International Journal of Market Research 55(2).")


def _servqual() -> Scale:
    dims = {"tangibles": 4, "reliability": 5, "responsiveness": 4, "assurance": 4, "empathy": 5}
    prefix = {"tangibles": "tan", "reliability": "rel", "responsiveness": "res", "assurance": "ass",
              "empathy": "emp"}
    return Scale("servqual", {d: tuple(f"{prefix[d]}{i}" for i in range(1, k + 1)) for d, k in dims.items()},
                 1, 7, labels={d: Word(f"cx.dim.servqual.{d}") for d in dims},
                 reference="Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988). SERVQUAL: a multiple-item "
                           "scale for measuring consumer perceptions of service quality. Journal of Retailing "
                           "64(1), 12-40.")


def _esqual() -> Scale:
    dims = {"efficiency": ("eff", 8), "system_availability": ("sys", 4), "fulfillment": ("ful", 7),
            "privacy": ("prv", 3)}
    return Scale("esqual", {d: tuple(f"{p}{i}" for i in range(1, k + 1)) for d, (p, k) in dims.items()},
                 1, 5, labels={d: Word(f"cx.dim.esqual.{d}") for d in dims},
                 reference="Parasuraman, A., Zeithaml, V. A. & Malhotra, A. (2005). E-S-QUAL: a multiple-item "
                           "scale for assessing electronic service quality. Journal of Service Research 7(3), "
                           "213-233.")


EXQ = _exq()
SERVQUAL = _servqual()
ESQUAL = _esqual()
#: Built-in scales by upper-case name.
SCALES: dict[str, Scale] = {"EXQ": EXQ, "SERVQUAL": SERVQUAL, "ESQUAL": ESQUAL}


def get_scale(spec: Scale | str | dict, scales: dict[str, Any] | None = None) -> Scale:
    """A Scale from a Scale, a name (of the study's ``scales:`` section or built-in, ``"EXQ"``) or a dict.

    Parameters
    ----------
    spec : Scale, str or dict
        A scale; a name, looked up first in ``scales`` then among the built-in scales (case-insensitive); or a
        scale dict as in a study file (see :meth:`Scale.from_dict`).
    scales : dict, optional
        A study file's ``scales:`` section (scale name -> scale dict), as the runner passes it to notebooks.

    Examples
    --------
    >>> get_scale("exq") is EXQ
    True
    >>> get_scale("cx", scales={"cx": {"base": "EXQ", "columns": {"pex1": "Q7_1"}}}).dimensions["pex"][0]
    'Q7_1'
    """
    if isinstance(spec, Scale):
        return spec
    if scales is not None and not isinstance(scales, dict):
        raise StudyConfigError(f"the scales section must map scale names to definitions, got {scales!r}")
    if isinstance(spec, str):
        if scales and spec in scales:
            return Scale.from_dict(scales[spec], name=spec)
        if spec.upper() in SCALES:
            return SCALES[spec.upper()]
        raise StudyConfigError(f"unknown scale '{spec}'; the study's scales: {list(scales or {})}; built-in scales: "
                               f"{list(SCALES)}")
    if isinstance(spec, dict):
        return Scale.from_dict(spec)
    raise StudyConfigError(f"a scale must be a Scale, a built-in name or a dict, got {type(spec).__name__}")


def latent_label(name: str, scales=()) -> ScaleLabel:
    """A latent variable's label as a typed value: a scale's dimension label (or the scale's own name for its
    second-order factor), else the name as the model gives it.

    Examples
    --------
    >>> latent_label("pom", [EXQ]).format("nl"), latent_label("visual").format("nl")
    ('Gemoedsrust', 'visual')
    """
    for sc in scales:
        if name == sc.name or name in sc.dimensions:
            return sc.label_value(name)
    return ScaleLabel(name)


@dataclass(frozen=True, eq=False)
class ItemLabel(Value):
    """An item as reports show it: its column (the client's name for it when ``labels`` has one) and, when the
    scale names what the item is about, that attribute (``pex1 (keuzevrijheid)``).

    Examples
    --------
    >>> ItemLabel.of("pex1", [EXQ]).format("nl"), ItemLabel.of("x1").format("en")
    ('pex1 (keuzevrijheid)', 'x1')
    """

    item: str
    attribute: Any = None

    @classmethod
    def of(cls, item: str, scales=(), labels: dict | None = None) -> ItemLabel:
        name = str((labels or {}).get(item) or item)
        spec = next((sc.item_labels[item] for sc in scales if item in sc.item_labels), None)
        return cls(name, spec)

    def format(self, language: str) -> str:
        attribute = _label_text(self.attribute, language, "")
        return t("cx.item_with_label", language, item=self.item, label=attribute) if attribute else self.item


def score_scale(data: pd.DataFrame, scale: Scale | str | dict, *, method: str = "mean",
                min_answered: float | None = None, model=None, validate: bool = True,
                keep: list[str] | str | None = None) -> pd.DataFrame:
    """Dimension and total scores per respondent.

    Parameters
    ----------
    data : DataFrame
        One row per respondent with the item columns.
    scale : Scale, str or dict
        The scale (see :func:`get_scale`).
    method : {"mean", "sum", "factor"}
        ``mean``: mean of the answered items (reverse-keyed items recoded); ``sum``: that mean times the number
        of items (a prorated sum); ``factor``: regression (Thurstone) factor scores from a fitted CFA passed as
        ``model``, as lavaan's ``lavPredict()``; rows with a missing item get no factor score.
    min_answered : float, optional
        Minimum share of a dimension's items that must be answered (default: the scale's, 0.5); below it the
        score is missing. The total uses the same share of all items.
    model : CFAResult, optional
        Fitted model for ``method="factor"``.
    validate : bool
        Check the items first (:meth:`Scale.validate`).
    keep : str or list of str, optional
        Columns of ``data`` to carry over next to the scores (e.g. a segment column for plotting).

    Returns
    -------
    DataFrame
        One column per dimension plus the total (named after the scale), index as ``data``. For
        ``method="factor"`` one column per latent variable of the model.

    Examples
    --------
    >>> s = Scale("s", {"a": ("a1", "a2"), "b": ("b1", "b2")}, 1, 5, reverse=("b2",))
    >>> df = pd.DataFrame({"a1": [1, 5, None], "a2": [3, 5, None], "b1": [2, 4, 1], "b2": [4, 1, 5]})
    >>> score_scale(df, s)
         a    b     s
    0  2.0  2.0  2.00
    1  5.0  4.5  4.75
    2  NaN  1.0  1.00
    """
    scale = get_scale(scale)
    if validate:
        scale.validate(data)
    keep = [keep] if isinstance(keep, str) else list(keep or [])
    absent = [c for c in keep if c not in data.columns]
    if absent:
        raise StudyDataError([DataProblem("responses", "column to keep next to the scores is missing", column=c)
                              for c in absent])
    if method == "factor":
        if model is None:
            raise ValueError("method='factor' needs a fitted CFA: score_scale(data, scale, method='factor', "
                             "model=cfa(data, scale))")
        return model.factor_scores(data).join(data[keep])
    if method not in ("mean", "sum"):
        raise ValueError(f"method must be 'mean', 'sum' or 'factor', got {method!r}")
    share = scale.min_answered if min_answered is None else float(min_answered)
    x = scale.recoded(data)
    out = {}
    for d, items in (*scale.dimensions.items(), (scale.name, tuple(scale.items))):
        sub = x[list(items)]
        need = max(1, math.ceil(share * len(items) - 1e-9))
        mean = sub.mean(axis=1).where(sub.notna().sum(axis=1) >= need)
        out[d] = mean * len(items) if method == "sum" else mean
    return pd.DataFrame(out, index=data.index).join(data[keep])
