"""Visible texts of the plots in English and Dutch: the ``plot.`` texts of the catalogue."""

from __future__ import annotations

from .catalog import TEXTS, t

__all__ = ["LABELS", "label"]

#: key (without the ``plot.`` prefix) -> language -> text.
LABELS: dict[str, dict[str, str]] = {k[5:]: v for k, v in TEXTS.items() if k.startswith("plot.")}


def label(key: str, language: str = "en", **values) -> str:
    """The plot text ``key`` (``plot.<key>`` in the catalogue) in ``language``."""
    return t(f"plot.{key}", language, **values)
