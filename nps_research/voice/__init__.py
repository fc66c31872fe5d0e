"""The voice of the customer and the closed loop: open-text reasons coded into themes (Dutch and English),
the themes' weight in the NPS, new themes the code frame lacks, quotes without personal data, who to call
back, and who not to survey again.

Modules: :mod:`.frame` (code frames), :mod:`.coding` (language, lemmas, themes, shares), :mod:`.discovery`
(candidate themes from uncoded comments), :mod:`.impact` (NPS with and without a theme), :mod:`.scrub`
(personal data out of text), :mod:`.quotes`, :mod:`.followup` (follow-up lists, spreadsheets, the follow-up
effect), :mod:`.fatigue` (survey fatigue: rules and the measured side).
"""

from __future__ import annotations

from .coding import code_themes, detect_language, lemmas, theme_columns, theme_shares, tokenize
from .frame import CodeFrame, FrameError, load_frame

__all__ = [
    "CodeFrame",
    "FrameError",
    "code_themes",
    "detect_language",
    "lemmas",
    "load_frame",
    "theme_columns",
    "theme_shares",
    "tokenize",
]
