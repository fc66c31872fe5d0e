"""Shared fixtures and checks for the test suite.

- ``synthetic``: ``synthetic(n_customers, seed, outcome_driver="cx")`` returns a synthetic study, made
  once per session (per worker) for each argument set. Treat it as read-only: copy a table before changing it.
- ``plot_language_check``: ``check(ax, language="nl", data_values=())`` fails when a visible text of the
  figure is neither a number written for the language, a data value, nor a text of the text layer.
- ``demo_study``: ``demo_study(data, folder)`` returns studies/demo.yml as a dict with its tables read from the
  folder ``data`` (written by ``write_demo``) and its reports written under ``folder``; change it, then write it.
"""

from __future__ import annotations

import functools
import re

import matplotlib

matplotlib.use("Agg")

import os

import pytest

#: Runs in tests write no PDF unless a test asks for one (tests/test_delivery.py does); it takes seconds per run.
os.environ.setdefault("NPS_RESEARCH_PDF", "0")

#: Scripts that produced reference values with tools outside this environment (run by hand; see each file).
collect_ignore_glob = ["reference_*.py", "*/reference_*.py"]


@functools.lru_cache(maxsize=16)
def _synthetic(n_customers: int, seed: int, outcome_driver: str = "cx"):
    from nps_research.synthetic import make_study

    return make_study(n_customers=n_customers, seed=seed, outcome_driver=outcome_driver)


def _synthetic_study(n_customers: int, seed: int = 0, outcome_driver: str = "cx"):
    return _synthetic(int(n_customers), int(seed), str(outcome_driver))  # one cache entry however it is called


@pytest.fixture(scope="session")
def synthetic():
    """``synthetic(n_customers, seed=0, outcome_driver="cx")``: a cached synthetic study (read-only)."""
    return _synthetic_study


# ------------------------------------------------------------------------------------------ plot language

_NUMBER = {
    "nl": re.compile(r"^[+\-−]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?%?$"),
    "en": re.compile(r"^[+\-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$"),
}


def _is_number_text(s: str, language: str) -> bool:
    tokens = [tok for tok in re.split(r"[\s\[\]();:=/]+", s) if tok]
    return bool(tokens) and all(_NUMBER[language].match(tok) for tok in tokens)


@functools.lru_cache(maxsize=4)
def _text_patterns(language: str) -> tuple[re.Pattern, ...]:
    from nps_research.text import COLUMNS, ROLE_LABELS, TEXTS
    from nps_research.text.formatters import _MONTHS
    from nps_research.text.vocabulary import CATEGORIES

    texts: list[str] = []
    for entry in TEXTS.values():
        v = entry[language]
        texts.extend(v.values() if isinstance(v, dict) else [v])
    texts += [e[language] for e in COLUMNS.values()] + [e[language] for e in ROLE_LABELS.values()]
    for forms in CATEGORIES.values():
        for w in forms[language]:
            texts += [w, w.capitalize()]
    texts += list(_MONTHS[language])
    out = []
    for text in set(texts):
        parts = re.split(r"\{[^{}]*\}", text)
        body = ".+?".join(re.escape(" ".join(p.split())) for p in parts)
        out.append(re.compile(f"^{body}$", re.S))
    return tuple(out)


def check_plot_language(ax, language: str = "nl", data_values=()) -> list[str]:
    """Fail when a visible text of ``ax``'s figure is not a number in ``language``'s format, a data value
    or a text of the text layer in ``language``; returns the texts checked."""
    from nps_research.plots._common import figure_texts

    texts = figure_texts(ax)
    values = {" ".join(str(v).split()) for v in data_values}
    patterns = _text_patterns(language)
    bad = []
    for raw in texts:
        s = " ".join(raw.split())
        if _is_number_text(s, language) or s in values or not re.search(r"\w", s):
            continue
        if re.fullmatch(r"(19|20)\d\d", s):
            continue
        if any(p.match(s) for p in patterns):
            continue
        bad.append(raw)
    assert not bad, f"texts not from the text layer in {language!r}: {bad}"
    return texts


@pytest.fixture
def plot_language_check():
    """``check(ax, language="nl", data_values=())``: see :func:`check_plot_language`."""
    return check_plot_language


def _demo_study(data, folder) -> dict:
    from pathlib import Path

    import yaml

    study = yaml.safe_load((Path(__file__).resolve().parents[1] / "studies" / "demo.yml").read_text(encoding="utf-8"))
    for table, spec in study["data"].items():
        if isinstance(spec, str):
            study["data"][table] = str(Path(data) / Path(spec).name)
        else:
            spec["path"] = str(Path(data) / Path(spec["path"]).name)
    study["output"] = str(Path(folder) / "reports")
    return study


@pytest.fixture
def demo_study():
    """``demo_study(data, folder)``: the demo study file as a dict, on the tables in ``data``."""
    return _demo_study
