"""The layers hold: no module outside the text layer picks words by language or formats numbers itself,
no import circle in the package, and every plot follows the one plot API."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import nps_research

PACKAGE = Path(nps_research.__file__).parent
#: Generated data in two languages (synthetic comments), not report text.
LANGUAGE_EXEMPT = {"text", "synthetic.py"}
#: Modules still to be moved onto the text layer (issue 9); empty when done.
NOT_YET_ON_TEXT_LAYER: set[str] = set()
#: Import circles still to be removed (issue 9); empty when done.
KNOWN_CIRCLES: set[frozenset] = set()


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in LANGUAGE_EXEMPT or str(rel) in LANGUAGE_EXEMPT:
            continue
        yield str(rel), ast.parse(path.read_text(encoding="utf-8"))


def _language_branches(tree: ast.AST) -> list[str]:
    out = []
    names = {"language", "lang", "nl"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Constant) and s.value is None for s in sides):
                continue
            if any(isinstance(s, ast.Constant) and s.value in ("nl", "en") for s in sides) or any(
                    isinstance(s, ast.Name) and s.id in names for s in sides):
                out.append(f"line {node.lineno}: compares the language")
        elif isinstance(node, ast.IfExp | ast.If) and isinstance(node.test, ast.Name) and node.test.id in names:
            out.append(f"line {node.lineno}: branches on {node.test.id!r}")
        elif isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if {"en", "nl"} <= keys:
                out.append(f"line {node.lineno}: a word table by language")
        elif isinstance(node, ast.FunctionDef) and (node.name.lstrip("_").startswith("fmt")
                                                    or node.name.lstrip("_") in ("format_number", "fmt")):
            out.append(f"line {node.lineno}: defines a number formatter {node.name!r}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "replace"
              and [getattr(a, "value", None) for a in node.args[:2]] == [".", ","]):
            out.append(f"line {node.lineno}: writes a decimal comma by hand")
    return out


def test_no_language_branches_or_number_formatters_outside_the_text_layer():
    found = {}
    for rel, tree in _modules():
        problems = _language_branches(tree)
        if problems and rel not in NOT_YET_ON_TEXT_LAYER:
            found[rel] = problems
    assert not found, "\n".join(f"{k}: {'; '.join(v)}" for k, v in found.items())


def test_the_not_yet_list_only_names_modules_that_still_need_it():
    still = {rel for rel, tree in _modules() if _language_branches(tree)}
    assert NOT_YET_ON_TEXT_LAYER <= still, f"already on the text layer, drop from the list: {NOT_YET_ON_TEXT_LAYER - still}"


def _internal_imports(rel: str, tree: ast.AST) -> set[str]:
    """Modules of the package that a module imports, at import time or inside functions."""
    mod = "nps_research." + rel[:-3].replace("/", ".").removesuffix(".__init__")
    pkg = mod if rel.endswith("__init__.py") else mod.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("nps_research"):
                for alias in node.names:  # a submodule when it is one, else the module itself
                    sub = f"{target}.{alias.name}"
                    out.add(sub if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists()
                            or (PACKAGE.parent / sub.replace(".", "/")).is_dir() else target)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("nps_research")}
    return out


def test_no_import_circle():
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = str(path.relative_to(PACKAGE))
        name = "nps_research." + rel[:-3].replace("/", ".").removesuffix(".__init__")
        graph[name] = _internal_imports(rel, ast.parse(path.read_text(encoding="utf-8")))
    graph = {k: {d for d in v if d in graph and d != k} for k, v in graph.items()}
    # a package importing its own submodules is not a circle; a submodule importing its package's __init__ is
    cycles = []

    def visit(node, stack, seen):
        for dep in graph[node]:
            if dep in stack:
                cyc = stack[stack.index(dep):] + [dep]
                if frozenset(cyc) not in KNOWN_CIRCLES:
                    cycles.append(cyc)
            elif dep not in seen:
                seen.add(dep)
                visit(dep, stack + [dep], seen)

    for start in graph:
        visit(start, [start], {start})
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c) for c in cycles[:5])


# ------------------------------------------------------------------------------------------ plot API

#: Plot functions still to be moved onto the plot API (issue 9); empty when done.
NOT_YET_PLOT_API: set[str] = set()


def _plot_functions():
    import nps_research.plots as plots

    for info in pkgutil.iter_modules(plots.__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"nps_research.plots.{info.name}")
        for name, fn in vars(mod).items():
            if inspect.isfunction(fn) and fn.__module__ == mod.__name__ and not name.startswith("_"):
                yield f"{info.name}.{name}", fn


def test_every_plot_function_follows_the_plot_api():
    bad = {}
    for qual, fn in _plot_functions():
        if getattr(fn, "__deprecated_alias__", False) or qual in NOT_YET_PLOT_API:
            continue
        sig = inspect.signature(fn)
        params = list(sig.parameters.values())
        problems = []
        if not qual.endswith("_plot"):
            problems.append("name does not end in _plot")
        if not params or params[0].name != "data" or params[0].kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD:
            problems.append("first parameter is not data")
        elif params[0].default is not None:
            problems.append("data has no default None")
        if any(p.kind is not inspect.Parameter.KEYWORD_ONLY for p in params[1:]):
            problems.append("parameters after data are not keyword-only")
        if "language" not in sig.parameters or sig.parameters["language"].default != "en":
            problems.append('no language="en"')
        if "ax" not in sig.parameters or sig.parameters["ax"].default is not None:
            problems.append("no ax=None")
        if problems:
            bad[qual] = problems
    assert not bad, bad


def _tests_calling(name: str) -> list[str]:
    """Test functions in tests/ that call ``name`` and ``plot_language_check``."""
    out = []
    for path in Path(__file__).parent.rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
                called = {getattr(c.func, "id", getattr(c.func, "attr", None))
                          for c in ast.walk(node) if isinstance(c, ast.Call)}
                if name in called and "plot_language_check" in called:
                    out.append(f"{path.name}::{node.name}")
    return out


@pytest.mark.parametrize("qual", sorted(q for q, fn in _plot_functions()
                                        if not getattr(fn, "__deprecated_alias__", False)))
def test_every_plot_is_drawn_in_dutch_by_a_test(qual):
    if qual in NOT_YET_PLOT_API:
        pytest.skip("not yet on the plot API")
    assert _tests_calling(qual.split(".")[1]), (
        f"no test draws {qual} in Dutch and checks its texts with plot_language_check")
