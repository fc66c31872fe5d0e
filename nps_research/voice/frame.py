"""Code frames: the themes a study codes its open-text reasons into, per language.

A code frame is YAML (a file, a mapping in the study file, or one of the frames the workbench ships)::

    name: energy supplier
    title: {nl: Energieleverancier, en: Energy supplier}   # optional: the name in each report language
    version: "2025.1"
    themes:
      billing:
        label: {nl: Rekening en jaarafrekening, en: Bills and annual statement}
        patterns:
          nl: [rekening, "*afrekening", termijnbedrag, "extra kosten"]
          en: [bill, billing, statement, "extra charge*"]
      price:
        label: {nl: Prijs, en: Price}
        parent: costs           # optional: a broader theme (itself a theme of the frame)
        patterns: {nl: [duur, prijs, tarief], en: [expensive, price, rate]}

Patterns are words or phrases. They are matched on *lemmas* (``wachttijden`` and ``wachttijd`` are the same
word; ``bills`` matches ``bill``), after lower-casing and removing accents; ``*`` is a wildcard within a word
(``*rekening`` finds ``energierekening`` and ``jaarrekening``; ``klantenservice*``). A phrase matches its
words in a row. A pattern matches the lemma or the word as written. Every theme needs a label in each
language of the frame; a theme without patterns of its own (a parent) is mentioned when any of its children
is. Theme names are identifiers (letters, digits, ``_``).

Examples
--------
>>> frame = load_frame({"version": "1", "themes": {
...     "waiting": {"label": {"nl": "Wachttijd", "en": "Waiting"},
...                 "patterns": {"nl": ["wachttijd", "in de wacht"], "en": ["wait*", "on hold"]}}}})
>>> frame.themes, frame.languages, frame.version
(('waiting',), ('en', 'nl'), '1')
>>> frame.label("waiting", "nl")
'Wachttijd'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["BUILTIN_FRAMES", "CodeFrame", "FrameError", "Theme", "builtin_frame_path", "fold", "load_frame"]

#: Frames the workbench ships (name -> file in ``nps_research/voice/frames``).
BUILTIN_FRAMES = ("energy",)
#: Column names of :func:`nps_research.voice.code_themes` that a theme may not take.
RESERVED = frozenset({"language", "uncoded", "n_themes", "text"})
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class FrameError(ValueError):
    """A code frame breaks a rule (names the theme, the field and the rule)."""


def fold(text: str) -> str:
    """Lower case without accents (``Één`` -> ``een``; ``ĳ`` -> ``ij``).

    Examples
    --------
    >>> fold("Één Privé-Geïnd ĳs")
    'een prive-geind ijs'
    """
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass(frozen=True)
class Theme:
    """One theme of a code frame."""

    name: str
    label: dict[str, str]
    patterns: dict[str, tuple[str, ...]]
    parent: str | None = None
    description: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CodeFrame:
    """A versioned, multilingual code frame (see the module docstring)."""

    name: str
    version: str
    theme_map: dict[str, Theme]
    languages: tuple[str, ...]
    source: str | None = None
    title: dict[str, str] = field(default_factory=dict)

    def title_in(self, language: str) -> str:
        """The frame's title in ``language`` (its ``title`` mapping), else its name."""
        return self.title.get(language, self.name)

    @property
    def themes(self) -> tuple[str, ...]:
        """Theme names in the frame's order."""
        return tuple(self.theme_map)

    def label(self, theme: str, language: str) -> str:
        """The theme's label in ``language`` (the theme's name when the frame has no label in it)."""
        return self.theme_map[theme].label.get(language, theme)

    def labels(self, language: str) -> dict[str, str]:
        """Theme -> label in ``language``."""
        return {k: self.label(k, language) for k in self.themes}

    def children(self, theme: str) -> tuple[str, ...]:
        """Themes whose parent (directly or further up) is ``theme``."""
        out = []
        for name in self.themes:
            p = self.theme_map[name].parent
            while p is not None:
                if p == theme:
                    out.append(name)
                    break
                p = self.theme_map[p].parent
        return tuple(out)

    def patterns(self, language: str) -> dict[str, tuple[str, ...]]:
        """Theme -> its own patterns in ``language``."""
        return {k: v.patterns.get(language, ()) for k, v in self.theme_map.items()}

    def to_dict(self) -> dict[str, Any]:
        """The frame as a plain mapping (what :func:`load_frame` reads)."""
        themes = {}
        for k, v in self.theme_map.items():
            d: dict[str, Any] = {"label": dict(v.label), "patterns": {lg: list(p) for lg, p in v.patterns.items()}}
            if v.parent:
                d["parent"] = v.parent
            if v.description:
                d["description"] = dict(v.description)
            themes[k] = d
        out: dict[str, Any] = {"name": self.name, "version": self.version, "themes": themes}
        if self.title:
            out["title"] = dict(self.title)
        return out

    def with_themes(self, extra: Mapping[str, Any], *, version: str | None = None) -> CodeFrame:
        """A new frame with ``extra`` themes added (for instance candidate themes from discovery)."""
        d = self.to_dict()
        d["themes"].update({k: dict(v) for k, v in extra.items()})
        if version is not None:
            d["version"] = version
        return load_frame(d)


def builtin_frame_path(name: str) -> Path:
    """The file of a frame the workbench ships."""
    return Path(__file__).parent / "frames" / f"{name}.yml"


def _read(source: Any) -> tuple[dict, str | None]:
    import yaml

    if isinstance(source, CodeFrame):
        return source.to_dict(), source.source
    if isinstance(source, Mapping):
        return dict(source), None
    if isinstance(source, str) and source in BUILTIN_FRAMES:
        path = builtin_frame_path(source)
    else:
        path = Path(source)
    if not path.is_file():
        raise FileNotFoundError(f"code frame {str(source)!r} not found: give a path to a YAML file, a mapping, "
                                f"or one of the frames the workbench ships ({', '.join(BUILTIN_FRAMES)})")
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    if not isinstance(data, Mapping):
        raise FrameError(f"code frame {str(path)!r}: the file must hold a mapping with 'themes'")
    return dict(data), str(path)


def load_frame(source: Any) -> CodeFrame:
    """Read and check a code frame.

    Parameters
    ----------
    source : path, str, mapping or CodeFrame
        A YAML file, the name of a frame the workbench ships (``"energy"``: the demo's energy supplier), or
        the frame as a mapping (``{"version": ..., "themes": {...}}``, for instance from the study file).

    Returns
    -------
    CodeFrame

    Raises
    ------
    FrameError
        When a theme has no label in a language of the frame, a parent that is not a theme (or a circle
        of parents), a name that is not an identifier, or patterns that are not lists of words.
    FileNotFoundError
        When the file does not exist.

    Examples
    --------
    >>> frame = load_frame("energy")
    >>> "billing" in frame.themes and frame.languages
    ('en', 'nl')
    >>> load_frame({"themes": {"x": {"label": {"en": "X"}, "patterns": {"en": ["x"], "nl": ["x"]}}}})
    Traceback (most recent call last):
    ...
    nps_research.voice.frame.FrameError: code frame: theme 'x' has no label in 'nl'
    """
    data, path = _read(source)
    where = "code frame" + (f" {path!r}" if path else "")
    themes_in = data.get("themes")
    if not isinstance(themes_in, Mapping) or not themes_in:
        raise FrameError(f"{where}: 'themes' must be a mapping of theme name -> {{label, patterns}}")
    languages: set[str] = set()
    for name, spec in themes_in.items():
        if not isinstance(spec, Mapping):
            raise FrameError(f"{where}: theme {name!r} must be a mapping with 'label' and 'patterns'")
        label = spec.get("label")
        languages |= set((spec.get("patterns") or {}).keys()) | (set(label.keys()) if isinstance(label, Mapping)
                                                                 else set())
    languages_t = tuple(sorted(data.get("languages") or languages))
    out: dict[str, Theme] = {}
    for name, spec in themes_in.items():
        name = str(name)
        if not _NAME.match(name) or name in RESERVED:
            raise FrameError(f"{where}: theme name {name!r} must be an identifier (letters, digits, _) and not "
                             f"one of {', '.join(sorted(RESERVED))}")
        label = spec.get("label") or {}
        if isinstance(label, str):
            label = {lg: label for lg in languages_t}
        missing = [lg for lg in languages_t if not label.get(lg)]
        if missing:
            raise FrameError(f"{where}: theme {name!r} has no label in {', '.join(map(repr, missing))}")
        patterns = spec.get("patterns") or {}
        if not isinstance(patterns, Mapping):
            raise FrameError(f"{where}: theme {name!r}: 'patterns' must map a language to a list of words")
        pats: dict[str, tuple[str, ...]] = {}
        for lg, items in patterns.items():
            if items is None:
                items = []
            if isinstance(items, str) or not all(isinstance(p, str) and p.strip() for p in items):
                raise FrameError(f"{where}: theme {name!r}: patterns.{lg} must be a list of words or phrases")
            pats[str(lg)] = tuple(" ".join(p.split()) for p in items)
        desc = spec.get("description") or {}
        out[name] = Theme(name, {str(k): str(v) for k, v in label.items()}, pats,
                          None if spec.get("parent") is None else str(spec["parent"]),
                          {str(k): str(v) for k, v in desc.items()} if isinstance(desc, Mapping) else {})
    for th in out.values():
        seen = {th.name}
        p = th.parent
        while p is not None:
            if p not in out:
                raise FrameError(f"{where}: theme {th.name!r} has parent {p!r}, which is not a theme of the frame")
            if p in seen:
                raise FrameError(f"{where}: the parents of theme {th.name!r} form a circle")
            seen.add(p)
            p = out[p].parent
    title = data.get("title") or {}
    title = dict.fromkeys(languages_t, title) if isinstance(title, str) else {str(k): str(v) for k, v in title.items()}
    return CodeFrame(str(data.get("name") or (Path(path).stem if path else "frame")),
                     str(data.get("version") or "0"), out, languages_t, path, title)
