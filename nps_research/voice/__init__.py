"""The voice of the customer and the closed loop: open-text reasons coded into themes (Dutch and English),
the themes' weight in the NPS, new themes the code frame lacks, quotes without personal data, who to call
back, and who not to survey again.

Modules: :mod:`.frame` (code frames), :mod:`.coding` (language, lemmas, themes, shares), :mod:`.impact` (NPS
with and without a theme), :mod:`.discovery` (candidate themes from uncoded comments), :mod:`.scrub` (personal
data out of text), :mod:`.followup` (follow-up lists, spreadsheets, the follow-up effect), :mod:`.fatigue`
(survey fatigue: rules and the measured side), :mod:`.report` (sentences, tables, quotes, findings).

Examples
--------
>>> import pandas as pd
>>> from nps_research import voice
>>> df = pd.DataFrame({"reason": ["Veel te lang in de wacht gestaan", "Friendly staff, quickly helped"],
...                    "ltr": [3, 10]})
>>> coded = voice.code_themes(df, frame=voice.load_frame("energy"))
>>> coded.loc[:, ["waiting", "staff", "language"]]
   waiting  staff language
0     True  False       nl
1     True   True       en
>>> voice.scrub("mail me: a.b@example.com")
'mail me: [@]'
"""

from __future__ import annotations

from .coding import code_themes, detect_language, lemmas, theme_columns, theme_shares, tokenize
from .discovery import candidate_frame, discover_themes
from .fatigue import REASONS, recent_eligibility, response_fatigue, suggest_rules, survey_eligibility
from .followup import (
    FollowUpEffect,
    FollowUpLists,
    followup_effect,
    followup_lists,
    neutralise,
    read_followed_up,
    write_followup,
)
from .frame import BUILTIN_FRAMES, CodeFrame, FrameError, load_frame
from .impact import fit_multinomial, theme_impact
from .report import voice_findings
from .scrub import find_personal_data, scrub, scrub_series, study_ids

__all__ = [
    "BUILTIN_FRAMES",
    "REASONS",
    "CodeFrame",
    "FollowUpEffect",
    "FollowUpLists",
    "FrameError",
    "candidate_frame",
    "code_themes",
    "detect_language",
    "discover_themes",
    "find_personal_data",
    "fit_multinomial",
    "followup_effect",
    "followup_lists",
    "lemmas",
    "load_frame",
    "neutralise",
    "read_followed_up",
    "recent_eligibility",
    "response_fatigue",
    "scrub",
    "scrub_series",
    "study_ids",
    "suggest_rules",
    "survey_eligibility",
    "theme_columns",
    "theme_impact",
    "theme_shares",
    "tokenize",
    "voice_findings",
    "write_followup",
]
