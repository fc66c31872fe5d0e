"""Discovery finds a planted theme that the frame lacks (feed-in costs for solar panels), in both languages,
among the comments the frame leaves uncoded."""

from __future__ import annotations

import numpy as np
import pytest

from nps_research.voice import candidate_frame, code_themes, discover_themes, load_frame


@pytest.fixture(scope="module")
def data(comments):
    return comments(4000, 21, planted_share=0.08)


def test_the_planted_theme_is_not_in_the_frame(data):
    df, truth = data
    coded = code_themes(df, frame="energy")
    assert coded.loc[truth["planted"], "uncoded"].mean() == 1.0


def test_discovery_finds_the_planted_theme_in_each_language(data):
    df, truth = data
    found = discover_themes(df, frame="energy", n_topics=4, min_comments=10)
    for lang, word in (("nl", "terugleverkosten"), ("en", "feedin")):
        part = found.loc[found["language"] == lang]
        assert len(part), lang
        top = part.iloc[0]
        assert word in top["terms"][:3], (lang, top["terms"])
        # its comments are the planted ones (nearly all of them)
        planted_n = int((truth["planted"] & (df["reason_language"] == lang)).sum())
        assert abs(top["n"] - planted_n) <= 0.1 * planted_n
        assert all(df.loc[r, "reason"] for r in top["rows"])
        assert np.isfinite(top["nps"])


def test_candidates_become_frame_entries_that_code_the_planted_comments(data):
    df, truth = data
    found = discover_themes(df, frame="energy", n_topics=4, min_comments=10)
    top = found.groupby("language").head(1)
    frame = load_frame("energy").with_themes(candidate_frame(top, terms=2), version="test")
    coded = code_themes(df, frame=frame)
    new = [c for c in frame.themes if c.startswith("candidate_")]
    assert coded.loc[truth["planted"], new].any(axis=1).mean() > 0.95
    assert coded.loc[~truth["planted"], new].any(axis=1).mean() < 0.01


def test_nothing_to_discover_gives_an_empty_table(comments):
    df, _ = comments(300, 2)
    found = discover_themes(df, frame="energy", min_comments=50)
    assert found.empty and list(found.columns)[:3] == ["language", "candidate", "terms"]


def test_discovery_says_so_when_every_reason_is_coded():
    import pandas as pd

    from nps_research.voice import code_themes, discover_themes, load_frame
    from nps_research.voice.report import describe_discovery

    df = pd.DataFrame({"reason": ["te duur", "lang gewacht"] * 10, "ltr": [3, 4] * 10})
    frame = load_frame("energy")
    found = discover_themes(df, frame=frame, coded=code_themes(df, frame=frame))
    assert describe_discovery(found, "nl") == [
        "Elke reden past in een thema van het codeerschema: er blijft niets over om nieuwe thema's in te zoeken."]


def test_themes_nobody_mentioned_are_one_sentence_not_rows_of_zeros():
    import pandas as pd

    from nps_research.voice import load_frame, theme_shares
    from nps_research.voice.report import describe_shares, shares_table

    df = pd.DataFrame({"reason": ["te duur", "lang gewacht", "te duur"] * 10, "ltr": [3, 4, 9] * 10})
    frame = load_frame("energy")
    shares = theme_shares(df, frame=frame)
    table = shares_table(shares, "nl").formatted()
    mentioned = shares.loc[(shares["category"] == "all") & shares["segment"].isna() & (shares["mentions"] > 0)]
    assert len(table) == len(mentioned) >= 2
    never = shares.loc[(shares["category"] == "all") & shares["segment"].isna() & (shares["mentions"] == 0)]
    sentence = describe_shares(shares, "nl")[-1]
    assert sentence.startswith(f"In geen enkele reden genoemd ({len(never)} thema's van het codeerschema")
