"""A small generator of comments with known themes, known theme effects on the score and planted themes,
independent of the synthetic study (for the voice tests)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

#: theme -> (probability a respondent experiences it, effect on the latent 0-10 score)
EFFECTS = {"billing": (0.25, -2.4), "waiting": (0.30, -1.3), "information": (0.20, -0.5), "digital": (0.25, 1.0)}
#: Phrases that the demo frame codes as each theme, in two languages (several per theme for variety).
PHRASES = {
    "billing": {"nl": ["de jaarafrekening klopte niet", "mijn rekening was veel te hoog", "het termijnbedrag is fout"],
                "en": ["the annual bill was wrong", "my invoice is incorrect", "they charged me twice"]},
    "waiting": {"nl": ["ik stond lang in de wacht", "de wachttijd was belachelijk", "de klantenservice is onbereikbaar"],
                "en": ["I was on hold forever", "the waiting time is too long", "impossible to reach anyone"]},
    "information": {"nl": ["de informatie was onduidelijk", "slechte communicatie", "niemand kon het uitleggen"],
                    "en": ["the information was unclear", "poor communication", "nobody could explain it"]},
    "digital": {"nl": ["de app is super handig", "fijne website", "de app werkt prima"],
                "en": ["the app is great", "nice website", "the app works well"]},
}
FILLER = {"nl": ["", "verder", "en", "ook"], "en": ["", "also", "and", "besides"]}
GENERIC = {"nl": ["geen opmerkingen", "prima zo", "het is goed", "niks bijzonders"],
           "en": ["no comment", "all fine", "it is ok", "nothing special"]}
#: A theme the demo frame lacks (feed-in costs for solar panels), planted among the uncoded comments.
PLANTED = {"nl": ["de terugleverkosten voor mijn zonnepanelen zijn belachelijk",
                  "terugleverkosten zonnepanelen veel te hoog", "waarom betaal ik terugleverkosten voor zonnepanelen",
                  "die terugleverkosten maken zonnepanelen onrendabel"],
           "en": ["the feed-in costs for my solar panels are outrageous", "solar panels feed-in costs are too high",
                  "why do I pay feed-in costs on solar panels", "feed-in costs make my solar panels pointless"]}


def make_comments(n: int = 6000, seed: int = 0, *, planted_share: float = 0.0, planted_effect: float = -1.5,
                  mention: float = 0.75, noise: float = 0.03) -> tuple[pd.DataFrame, dict]:
    """Respondents with experiences of themes (known effects on the latent score), comments that mention the
    experienced themes (probability ``mention``; ``noise`` for themes not experienced), a channel control,
    and (with ``planted_share``) a share whose comment is about feed-in costs, a theme the frame lacks."""
    rng = np.random.default_rng(seed)
    themes = list(EFFECTS)
    exp = np.column_stack([rng.random(n) < EFFECTS[t][0] for t in themes])
    channel = rng.choice(["app", "phone", "web"], n)
    planted = rng.random(n) < planted_share
    latent = (7.9 + exp @ np.array([EFFECTS[t][1] for t in themes]) + np.where(channel == "phone", -0.4, 0.0)
              + planted_effect * planted + rng.normal(0, 1.4, n))
    ltr = np.clip(np.round(latent), 0, 10).astype(int)
    mentioned = np.where(exp, rng.random(exp.shape) < mention, rng.random(exp.shape) < noise)
    lang = np.where(rng.random(n) < 0.6, "nl", "en")
    texts = []
    for i in range(n):
        parts = [PHRASES[t][lang[i]][rng.integers(3)] for t, m in zip(themes, mentioned[i]) if m]
        if planted[i]:
            parts = [PLANTED[lang[i]][rng.integers(4)]]
        if not parts:
            parts = [GENERIC[lang[i]][rng.integers(4)]]
        rng.shuffle(parts)
        texts.append((" " + FILLER[lang[i]][rng.integers(4)] + " ").join(parts).replace("  ", " ").capitalize())
    df = pd.DataFrame({"reason": texts, "ltr": ltr, "channel": channel, "reason_language": lang,
                       "response_id": [f"R{i:06d}" for i in range(n)], "customer_id": [f"C{i:06d}" for i in range(n)]})
    truth = {"effects": {t: EFFECTS[t][1] for t in themes}, "mentioned": pd.DataFrame(mentioned & ~planted[:, None],
                                                                                     columns=themes),
             "planted": planted}
    return df, truth


@pytest.fixture(scope="session")
def comments():
    """``comments(n, seed, **kw)`` -> (DataFrame, truth) from :func:`make_comments`."""
    return make_comments
