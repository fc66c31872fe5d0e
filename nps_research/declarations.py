"""What each notebook's parameters may be: read once, from the notebook's own parameters cell.

Every parameter is a plain literal with a ``# help:`` comment (papermill reads both). The comment may end with
a *kind* in square brackets, which is the declaration the study validation checks a study file against::

    segment_columns = ["region"]  # help: columns to compare segments on [columns]
    survey_type = "relational"  # help: which answers ... [survey_type]
    freq = "M"  # help: period of the trend [choice: D|W|M|Q|Y]
    confidence = 0.95  # help: level of the intervals [number: 0.5..0.999]

Kinds: ``column`` / ``columns`` (columns of the responses, by role or by the client's own name),
``outcome`` / ``outcomes`` (columns of the outcomes table), ``scale`` (a CX scale of the workbench or the study),
``survey_type`` (relational / transactional, Dutch accepted, or None), ``choice: a|b|c``, ``number: lo..hi``,
``int: lo..hi``, ``date``, ``text``, ``bool``, ``mapping``. Without a kind, the value must have the type of the
default (a number for a number, a list for a list; None allowed when the default is None).

Examples
--------
>>> decl = parse_parameters('freq = "M"  # help: period [choice: D|W|M|Q|Y]\\nmin_n = 30  # help: smallest n')
>>> decl["freq"].kind, decl["freq"].choices, decl["min_n"].kind
('choice', ('D', 'W', 'M', 'Q', 'Y'), 'int')
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["KINDS", "Parameter", "notebook_parameters", "notebooks_dir", "parse_parameters"]

KINDS = ("column", "columns", "outcome", "outcomes", "scale", "survey_type", "choice", "number", "int", "date",
         "text", "bool", "mapping", "list", "any")

_KIND_RE = re.compile(r"\[(?P<kind>[a-z_]+)(?::\s*(?P<arg>[^\]]*))?\]\s*$")


@dataclass(frozen=True)
class Parameter:
    """One declared notebook parameter."""

    name: str
    default: Any
    help: str
    kind: str
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None

    @property
    def nullable(self) -> bool:
        """None is allowed: the default is None, the help says what None means, or a survey type (None: all)."""
        return self.default is None or self.kind == "survey_type" or bool(re.search(r"\bNone\b", self.help))


def _default_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "any"


def parse_parameters(source: str) -> dict[str, Parameter]:
    """The declarations of a parameters cell's source (plain assignments with ``# help:`` comments).

    Raises
    ------
    ValueError
        When a line is not a plain literal assignment or names an unknown kind.
    """
    lines = source.splitlines()
    out: dict[str, Parameter] = {}
    for stmt in ast.parse(source).body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
            raise ValueError(f"not a plain parameter assignment: {ast.unparse(stmt)}")
        name = stmt.targets[0].id
        default = ast.literal_eval(stmt.value)
        line = lines[stmt.end_lineno - 1]
        comment = line.split("# help:", 1)[1].strip() if "# help:" in line else ""
        kind, choices, low, high = _default_kind(default), (), None, None
        m = _KIND_RE.search(comment)
        if m:
            kind = m.group("kind")
            if kind not in KINDS:
                raise ValueError(f"parameter {name!r}: unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
            arg = (m.group("arg") or "").strip()
            if kind == "choice":
                choices = tuple(c.strip() for c in arg.split("|") if c.strip())
            elif kind in ("number", "int") and ".." in arg:
                lo, hi = arg.split("..", 1)
                low = float(lo) if lo.strip() else None
                high = float(hi) if hi.strip() else None
            comment = comment[: m.start()].rstrip()
        out[name] = Parameter(name, default, comment, kind, choices, low, high)
    return out


def notebook_parameters(path: str | Path) -> dict[str, Parameter]:
    """The declarations of a notebook's parameters cell (the first code cell tagged ``parameters``)."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return parse_parameters(cell.source)
    return {}


def notebooks_dir() -> Path:
    """The folder with the workbench's notebooks: ``notebooks/`` beside the package in a source checkout
    (where researchers edit them), else the copy installed inside the package (``nps_research/notebooks``)."""
    here = Path(__file__).resolve().parent
    source = here.parent / "notebooks"
    if (here.parent / "pyproject.toml").is_file() and source.is_dir():
        return source
    return here / "notebooks"
