"""A synthetic NPS/CX study with a known truth: a Dutch energy supplier.

:func:`make_study` simulates customers of an energy supplier over 24 months (2023-01 .. 2024-12) and returns a
:class:`~nps_research.study.Study` whose ``truth`` attribute (a frozen :class:`Truth`) holds the generating
model, so tests and notebooks can check that each analysis recovers it. :func:`write_demo` writes the tables
as CSV files plus ``truth.json``, byte for byte the same on every run.

The simulated world
-------------------
*Customers* have a region (noord, oost, zuid, west), a product (electricity, electricity_gas, solar) and a
preferred channel (app, web, phone, chat, shop; the ``channel`` of their relational response). Every
customer answered the relational survey once (the customer list *is* the relational sample), so ``outcomes``
can be joined to a relational response per customer.

*CX items* (EXQ, Klaus & Maklan): product experience ``pex1-pex4``, outcome focus ``out1-out4``, moments of
truth ``mot1-mot5``, peace of mind ``pom1-pom6``. A second-order factor model: a general CX factor ``g``
(standard normal) drives four first-order factors ``f_d = s_d g + sqrt(1 - s_d^2) u_d`` (so the factor
correlations are ``s_d s_e``); each item's latent response is ``y* = l_k f_d + sqrt(1 - l_k^2) e_k``
(standardised) and is cut into 1-7 at fixed thresholds (:data:`ITEM_THRESHOLDS`, skewed towards agreement).
``truth.loadings`` are the standardised loadings of ``y*``; **discretisation to 1-7 attenuates them** (a
Pearson-based CFA of the 1-7 items finds loadings a few per cent lower; factor correlations are barely
affected because the attenuation largely cancels).

*Attribute scores* ``sat_<attribute>`` (1-10) are each tied to one EXQ factor (``truth.attribute_factors``)
and cut at :data:`ATTRIBUTE_THRESHOLDS`.

*Relational LTR*. A continuous latent LTR ::

    ltr* = intercept + sum_d b_d (D_d - 4) + sum_j c_j (sat_j - 7) - sum_k p_k max(0, 6 - sat_k)
           + segment effects (channel, product, region) + month effect + level shift + N(0, sigma^2)

where ``D_d`` is the mean of dimension ``d``'s observed 1-7 items (all items, before item nonresponse is
applied) and ``sat_j`` the observed 1-10 attribute scores. ``ltr = clip(round(ltr*), 0, 10)``. Because the
drivers in the formula are the *observed* scores, OLS of ``ltr`` on them (plus the hinge terms
``max(0, 6 - sat_k)`` of the penalty attributes) recovers ``b``, ``c`` and ``p``; rounding adds no bias and
clipping at 10 (``truth.ltr_clipped_share``, a few per cent) attenuates OLS slopes slightly; an interval
(ordered-probit-type) regression with the known cut points 0.5, 1.5, ..., 9.5 recovers them exactly.
Peace of mind has the largest effect among the CX dimensions; the penalty attributes are asymmetric: below 6 a
point lower costs ``c_k + p_k``, above 6 a point higher gains only ``c_k``.

*Journeys* (``journey_events``): switching (overstappen), moving_house (verhuizen), billing (jaarafrekening)
and complaint (klacht), 2-4 touchpoints each (stages pre, during, post; the last is always a post
touchpoint), scores 0-10. Each journey is one
*transaction* handled by one employee (``invitations``). The customer may be invited to a transactional
survey after the journey's last touchpoint; the response has that touchpoint and channel, and the same date as
the journey's last touchpoint (``customer_id`` + ``date`` join it to its journey uniquely; also
``truth.response_journey``). Transaction ``T000123`` in ``invitations`` is journey ``J000123``.
Transactional latent LTR ::

    ltr* = intercept + w_mean (mean - 7) + w_min (min - 7) + w_last (last - 7)
           - sum_{moments of truth t in journey} m_t max(0, 5 - score_t)
           + cx_effect * g + segment effects (channel, product, region, team) + employee effect
           + month effect + level shift + N(0, sigma^2)

(peak-end: the worst and the last touchpoint weigh more than the average; moments of truth: a bad score at
``meter_reading``, ``annual_bill`` or ``complaint_handling`` costs much more). Transactional responses carry
the attribute scores relevant to their journey/channel, generated as noisy measures of the journey experience
(they measure, not drive; the drivers are the journey scores).

*Employees* (48, in 6 teams): ``truth.employee_nps`` is each employee's true NPS, the expected NPS over *all*
transactions they handled (honest answers, everyone invited), computed exactly from the normal model. One
employee games the survey (``truth.gaming_employee``: most customers who would answer 7 or 8 answer 9 or 10;
``csat`` stays honest), one cherry-picks (``truth.cherry_picking_employee``: invites a customer mostly when
the customer's latent LTR for that transaction is high; everyone else invites at random). Both handle twice
the usual number of transactions (busy senior staff), which makes them easier to spot.

*Agents* (20 contact-centre agents): after phone and chat transactions the agent predicts the customer's LTR:
``agent_predicted_ltr = clip(round(ltr + bias_a + N(0, agent_noise_sd^2)), 0, 10)``.

*Outcomes* per customer, twelve months after the relational response: with ``cx_z`` the standardised mean of
the customer's 19 EXQ items and ``ltr_z`` the standardised relational LTR,
``logit P(retained) = a + b_cx cx_z + b_ltr ltr_z``; ``outcome_driver`` chooses ``(b_cx, b_ltr)``: ``"cx"``
(1.0, 0.2), ``"ltr"`` (0.2, 1.0) or ``"equal"`` (0.6, 0.6). The same mix drives ``n_products``,
``share_of_wallet`` and revenue. Every part of the simulation draws from its own random stream, so
``outcome_driver`` changes ``outcomes`` only.

*Time*: a seasonal month effect (trough in winter, when annual bills arrive) and a level shift: a new billing
system from 2024-04-01 lowers latent LTR (``truth.level_shift`` gives the size in latent points and in
expected NPS points).

*Determinism*: all randomness comes from ``numpy.random.Generator(PCG64)`` streams spawned from ``seed``;
floats are written with a few decimals, so last-bit differences between maths libraries do not show.

*Columns per survey type*: relational responses carry the EXQ items, all attribute scores, ``csat`` and
``wave`` (``2024-Q1``); transactional responses carry ``touchpoint``, ``employee_id``, ``team``, ``csat``, the
attribute scores of their journey/channel and, after phone/chat contacts, ``agent_id`` and
``agent_predicted_ltr``. Item nonresponse: 1.5 % per CX item, 2 % per attribute, 1 % for ``csat``
(missing completely at random); ``ltr`` is always present. ``reason`` (Dutch or English open text tied to a
theme and to the score; themes per response in ``truth.response_themes``) is given by about 70 %: worded in
many ways, sometimes with a second theme, sometimes without a theme; solar customers' complaints are sometimes
about feed-in costs, a theme the demo code frame lacks; about 3 % carry planted personal data
(``truth.voice``, ``truth.planted_personal_data``).
``weight`` post-stratifies region to the population shares (``truth.region_population_shares``) within each
survey type.

How the simulation is built
---------------------------
:func:`make_study` runs stages in order (``_STAGES``). Each stage is one function that reads what earlier stages
left in a shared ``_World`` (its fields are grouped by stage), adds its own arrays, and draws random numbers
only from its own streams (``world.rng[name]``, spawned from ``seed`` in the order of ``_STREAMS``):

- ``_customers``: region, product, preferred channel, day of the relational response (stream ``customers``).
- ``_factor_model``: ``g``, the four EXQ factors, latent and 1-7 items, 1-10 attribute scores (``factors``).
- ``_time_effects``: seasonal month effect and level shift, applied by ``_World.time_effect`` (no draws).
- ``_relational_ltr``: relational latent LTR, LTR and csat (``relational``).
- ``_staff``: employees, teams, the gaming and the cherry-picking employee (``employees``); agents (``agents``).
- ``_journeys``: journeys per customer, their touchpoints, channels, scores, days and times (``journeys``).
- ``_transactions``: the employee of each journey, transactional latent LTR and csat (``transactions``).
- ``_invitations``: invitation (cherry-picking), response, gamed answers (``invitations``).
- ``_response_rows``: one row per response, relational ones first, then transactional ones (no draws).
- ``_response_scores``: items and attributes asked (``transactions``), item nonresponse (``missing``).
- ``_agent_predictions``: agent and predicted LTR after phone and chat contacts (``agents``).
- ``_reasons_and_consent``: open-text reason with its theme and language, follow-up consent (``texts``).
- ``_weights``: region post-stratification weights (no draws).
- ``_responses_frame``: the ``responses`` table, sorted by date; response ids in that order.
- ``_journey_events_frame``: the ``journey_events`` table.
- ``_invitations_frame``: the ``invitations`` table.
- ``_outcomes``: the ``outcomes`` table (``outcomes``; the only stage that uses ``outcome_driver``).
- ``_truth``: the :class:`Truth` (no draws).

To change a part of the simulation, change its stage. To add a part, write a stage, put it into ``_STAGES``
after the stages whose fields it reads, declare its fields in ``_World``, and give it a new stream appended to
``_STREAMS``: the existing streams then stay the same, whereas one more draw from an existing stream shifts
every later draw of that stream and changes the data. ``tests/synthetic/test_synthetic.py`` pins the bytes of
a small demo, so such a change shows; update the pins only for a change that is meant.

Examples
--------
>>> study = make_study(n_customers=300, seed=1)
>>> study.responses["survey_type"].value_counts()["relational"]
np.int64(300)
>>> study.truth.loadings.loc["pom1", "pom"]
np.float64(0.82)
>>> sorted(study.truth.factor_correlations.columns)
['mot', 'out', 'pex', 'pom']
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import expit, ndtr

from .io import write_atomic
from .study import Study

__all__ = [
    "ATTRIBUTES",
    "ATTRIBUTE_THRESHOLDS",
    "CX_ITEMS",
    "ITEM_THRESHOLDS",
    "JOURNEYS",
    "Truth",
    "make_study",
    "write_demo",
]

START = np.datetime64("2023-01-01")
END = np.datetime64("2024-12-31")
N_DAYS = int((END - START).astype(int)) + 1

FACTORS = ("pex", "out", "mot", "pom")
ITEM_COUNTS = {"pex": 4, "out": 4, "mot": 5, "pom": 6}
CX_ITEMS = [f"{d}{i}" for d in FACTORS for i in range(1, ITEM_COUNTS[d] + 1)]
_LOADINGS = {
    "pex": (0.72, 0.78, 0.70, 0.75),
    "out": (0.80, 0.74, 0.77, 0.70),
    "mot": (0.78, 0.82, 0.73, 0.70, 0.76),
    "pom": (0.82, 0.80, 0.76, 0.84, 0.72, 0.78),
}
SECOND_ORDER = {"pex": 0.70, "out": 0.75, "mot": 0.80, "pom": 0.90}
#: Cut points of the latent item response y* (standard normal) into 1..7.
ITEM_THRESHOLDS = (-2.2, -1.6, -1.0, -0.4, 0.35, 1.2)
#: Cut points of an attribute's latent score (standard normal) into 1..10.
ATTRIBUTE_THRESHOLDS = (-2.6, -2.2, -1.8, -1.35, -0.9, -0.35, 0.25, 0.9, 1.55)

ATTRIBUTES = [
    "sat_price",
    "sat_billing_clarity",
    "sat_app",
    "sat_information",
    "sat_staff_knowledge",
    "sat_waiting_time",
    "sat_problem_resolution",
]
#: attribute -> (EXQ factor, correlation of its latent score with that factor)
_ATTRIBUTE_FACTORS = {
    "sat_price": ("pex", 0.55),
    "sat_billing_clarity": ("pom", 0.60),
    "sat_app": ("out", 0.55),
    "sat_information": ("pom", 0.60),
    "sat_staff_knowledge": ("mot", 0.65),
    "sat_waiting_time": ("mot", 0.55),
    "sat_problem_resolution": ("mot", 0.65),
}
ATTRIBUTE_THEMES = {
    "sat_price": "price",
    "sat_billing_clarity": "billing",
    "sat_app": "app",
    "sat_information": "information",
    "sat_staff_knowledge": "staff",
    "sat_waiting_time": "waiting",
    "sat_problem_resolution": "resolution",
}

CHANNELS = ("app", "web", "phone", "chat", "shop")
REGIONS = ("noord", "oost", "zuid", "west")
PRODUCTS = ("electricity", "electricity_gas", "solar")
TEAMS = ("amsterdam", "eindhoven", "groningen", "rotterdam", "utrecht", "zwolle")

#: journey -> list of (stage, touchpoint, probability the touchpoint occurs, mean score, channel shares)
JOURNEYS: dict[str, list[tuple[str, str, float, float, dict[str, float]]]] = {
    "switching": [
        ("pre", "compare_offers", 1.0, 7.4, {"web": 0.6, "app": 0.2, "phone": 0.1, "shop": 0.1}),
        ("during", "sign_up", 1.0, 7.6, {"web": 0.5, "app": 0.3, "phone": 0.15, "shop": 0.05}),
        ("during", "contract_confirmation", 0.5, 7.2, {"web": 0.5, "app": 0.4, "chat": 0.1}),
        ("post", "welcome", 1.0, 7.5, {"phone": 0.3, "app": 0.3, "web": 0.3, "chat": 0.1}),
    ],
    "moving_house": [
        ("pre", "report_move", 1.0, 7.0, {"web": 0.4, "app": 0.3, "phone": 0.2, "chat": 0.1}),
        ("during", "meter_reading", 1.0, 6.6, {"app": 0.4, "web": 0.3, "phone": 0.3}),
        ("during", "move_check", 0.4, 6.8, {"phone": 0.5, "chat": 0.3, "web": 0.2}),
        ("post", "final_settlement", 1.0, 6.7, {"web": 0.4, "app": 0.3, "phone": 0.2, "chat": 0.1}),
    ],
    "billing": [
        ("pre", "advance_payment", 0.7, 7.0, {"app": 0.5, "web": 0.4, "phone": 0.1}),
        ("during", "annual_bill", 1.0, 6.4, {"app": 0.5, "web": 0.5}),
        ("during", "bill_question", 0.5, 6.2, {"phone": 0.5, "chat": 0.3, "web": 0.2}),
        ("post", "bill_settlement", 1.0, 6.9, {"app": 0.4, "web": 0.3, "phone": 0.2, "chat": 0.1}),
    ],
    "complaint": [
        ("pre", "complaint_contact", 1.0, 6.0, {"phone": 0.45, "chat": 0.3, "web": 0.15, "shop": 0.1}),
        ("during", "complaint_handling", 1.0, 5.6, {"phone": 0.6, "chat": 0.4}),
        ("during", "follow_up_contact", 0.5, 6.0, {"phone": 0.6, "chat": 0.3, "web": 0.1}),
        ("post", "resolution", 1.0, 6.2, {"phone": 0.5, "chat": 0.3, "web": 0.1, "shop": 0.1}),
    ],
}
_JOURNEY_SHARES = {"switching": 0.2, "moving_house": 0.15, "billing": 0.45, "complaint": 0.2}
_TOUCHPOINT_SCORE_SD = 2.2
_TOUCHPOINT_THEMES = {
    "compare_offers": "price", "sign_up": "information", "contract_confirmation": "information",
    "welcome": "staff", "report_move": "information", "meter_reading": "billing", "move_check": "staff",
    "final_settlement": "billing", "advance_payment": "price", "annual_bill": "billing",
    "bill_question": "resolution", "bill_settlement": "billing", "complaint_contact": "waiting",
    "complaint_handling": "staff", "follow_up_contact": "waiting", "resolution": "resolution",
}
_CHANNEL_THEMES = {"app": "app", "web": "information", "phone": "waiting", "chat": "waiting", "shop": "staff"}

# ---- texts: (theme, sentiment, language) -> variants -------------------------------------------------------
_TEXTS: dict[tuple[str, str, str], tuple[str, ...]] = {
    ("price", "neg", "en"): ("Far too expensive compared to other suppliers.",
                             "The monthly advance went up again, prices are too high."),
    ("price", "neg", "nl"): ("Veel te duur vergeleken met andere leveranciers.",
                             "Het termijnbedrag is weer omhoog gegaan, de tarieven zijn te hoog."),
    ("price", "pos", "en"): ("Good rates and a fair fixed price.",
                             "Competitive price, cheaper than my old supplier."),
    ("price", "pos", "nl"): ("Goede tarieven en een eerlijke vaste prijs.",
                             "Scherpe prijs, goedkoper dan mijn oude leverancier."),
    ("billing", "neg", "en"): ("The annual bill was wrong and hard to understand.",
                               "Unexpected extra charges on my bill."),
    ("billing", "neg", "nl"): ("De jaarafrekening klopte niet en was onduidelijk.",
                               "Onverwachte extra kosten op mijn rekening."),
    ("billing", "pos", "en"): ("Clear bill, no surprises.", "The annual statement was easy to follow."),
    ("billing", "pos", "nl"): ("Duidelijke rekening, geen verrassingen.",
                               "De jaarafrekening was goed te volgen."),
    ("app", "neg", "en"): ("The app keeps crashing when I enter my meter readings.",
                           "The app is slow and logs me out all the time."),
    ("app", "neg", "nl"): ("De app crasht steeds bij het doorgeven van de meterstanden.",
                           "De app is traag en logt me steeds uit."),
    ("app", "pos", "en"): ("Handy app, I can see my usage every day.", "The app works perfectly."),
    ("app", "pos", "nl"): ("Handige app, ik zie elke dag mijn verbruik.", "De app werkt prima."),
    ("information", "neg", "en"): ("I could not find the information I needed.",
                                   "Unclear communication about the changes."),
    ("information", "neg", "nl"): ("Ik kon de informatie die ik nodig had niet vinden.",
                                   "Onduidelijke communicatie over de wijzigingen."),
    ("information", "pos", "en"): ("Everything was explained clearly.", "Good information on the website."),
    ("information", "pos", "nl"): ("Alles werd duidelijk uitgelegd.", "Goede informatie op de website."),
    ("staff", "neg", "en"): ("The employee did not know what he was talking about.",
                             "Unfriendly staff who did not listen."),
    ("staff", "neg", "nl"): ("De medewerker wist niet waar hij het over had.",
                             "Onvriendelijke medewerker die niet luisterde."),
    ("staff", "pos", "en"): ("Very friendly and knowledgeable staff.", "The employee really helped me."),
    ("staff", "pos", "nl"): ("Zeer vriendelijke en deskundige medewerker.",
                             "De medewerker heeft me echt geholpen."),
    ("waiting", "neg", "en"): ("I was on hold for more than half an hour.", "Far too long waiting times."),
    ("waiting", "neg", "nl"): ("Ik heb meer dan een half uur in de wacht gestaan.",
                               "Veel te lange wachttijden."),
    ("waiting", "pos", "en"): ("Quickly helped, hardly any waiting.", "Fast response via chat."),
    ("waiting", "pos", "nl"): ("Snel geholpen, bijna geen wachttijd.", "Snelle reactie via de chat."),
    ("resolution", "neg", "en"): ("My problem has still not been solved.",
                                  "I had to call three times before anything happened."),
    ("resolution", "neg", "nl"): ("Mijn probleem is nog steeds niet opgelost.",
                                  "Ik moest drie keer bellen voordat er iets gebeurde."),
    ("resolution", "pos", "en"): ("My question was solved in one go.",
                                  "Problem solved quickly and properly."),
    ("resolution", "pos", "nl"): ("Mijn vraag werd in een keer opgelost.", "Probleem snel en goed opgelost."),
}
THEMES = ("price", "billing", "app", "information", "staff", "waiting", "resolution")
#: More ways to say the same (theme, sentiment, language); a comment picks one of _TEXTS + _MORE_TEXTS.
_MORE_TEXTS: dict[tuple[str, str, str], tuple[str, ...]] = {
    ("price", "neg", "en"): ("Your rates are much higher than elsewhere", "The price went up again without warning",
                             "I pay far too much for my energy"),
    ("price", "neg", "nl"): ("Jullie tarieven liggen veel hoger dan elders", "De prijs is alweer verhoogd",
                             "Ik betaal veel te veel voor mijn energie"),
    ("price", "pos", "en"): ("Very reasonable prices", "The cheapest offer I could find", "Fair rates, no gimmicks"),
    ("price", "pos", "nl"): ("Zeer redelijke prijzen", "Het goedkoopste aanbod dat ik kon vinden",
                             "Eerlijke tarieven, geen fratsen"),
    ("billing", "neg", "en"): ("My invoice was incorrect again", "They charged me twice this month",
                               "The final statement took months"),
    ("billing", "neg", "nl"): ("Mijn factuur klopte weer niet", "Er is dubbel afgeschreven deze maand",
                               "De eindafrekening liet maanden op zich wachten"),
    ("billing", "pos", "en"): ("Bills arrive on time and are correct", "My monthly payment is fair",
                               "The annual bill was exactly as expected"),
    ("billing", "pos", "nl"): ("De rekeningen kloppen en komen op tijd", "Mijn termijnbedrag is precies goed",
                               "De jaarafrekening was zoals verwacht"),
    ("app", "neg", "en"): ("I cannot log in to the app", "The website keeps giving errors",
                           "The app does not show my usage anymore"),
    ("app", "neg", "nl"): ("Ik kan niet inloggen in de app", "De website geeft steeds foutmeldingen",
                           "De app laat mijn verbruik niet meer zien"),
    ("app", "pos", "en"): ("Great app with clear charts", "The website is easy to use", "Love the app"),
    ("app", "pos", "nl"): ("Top app met duidelijke grafieken", "De website is makkelijk in gebruik",
                           "Wat een fijne app"),
    ("information", "neg", "en"): ("Nobody could explain the changes to me", "The letters are confusing",
                                   "Poor communication about my contract"),
    ("information", "neg", "nl"): ("Niemand kon de wijzigingen uitleggen", "De brieven zijn ingewikkeld",
                                   "Slechte communicatie over mijn contract"),
    ("information", "pos", "en"): ("They keep me well informed", "Clear explanation of the new rates",
                                   "Good communication throughout"),
    ("information", "pos", "nl"): ("Ze houden me goed op de hoogte", "Duidelijke uitleg over de nieuwe tarieven",
                                   "Goede communicatie van begin tot eind"),
    ("staff", "neg", "en"): ("The agent was rude to me", "Staff seem poorly trained",
                             "The employee hung up on me"),
    ("staff", "neg", "nl"): ("De medewerker was onbeleefd", "Het personeel is slecht opgeleid",
                             "De medewerkster hing gewoon op"),
    ("staff", "pos", "en"): ("Helpful and polite staff", "The advisor really listened",
                             "Friendly employee on the phone"),
    ("staff", "pos", "nl"): ("Behulpzame en beleefde medewerkers", "De adviseur luisterde echt",
                             "Vriendelijke medewerker aan de telefoon"),
    ("waiting", "neg", "en"): ("It took forever to get through", "No response to my emails",
                               "Customer service is impossible to reach"),
    ("waiting", "neg", "nl"): ("Het duurt eeuwig voordat je iemand spreekt", "Geen reactie op mijn mails",
                               "De klantenservice is onbereikbaar"),
    ("waiting", "pos", "en"): ("Hardly any waiting time", "They answer the phone quickly",
                               "Quick response to my email"),
    ("waiting", "pos", "nl"): ("Nauwelijks wachttijd", "Ze nemen snel op", "Snel antwoord op mijn mail"),
    ("resolution", "neg", "en"): ("Nothing was done with my complaint", "They promised to call back but never did",
                                  "My issue is still not resolved"),
    ("resolution", "neg", "nl"): ("Er is niets met mijn klacht gedaan", "Ze zouden terugbellen maar deden het nooit",
                                  "Mijn klacht is nog steeds niet afgehandeld"),
    ("resolution", "pos", "en"): ("My complaint was handled well", "They fixed it the same day",
                                  "Everything was sorted out in one call"),
    ("resolution", "pos", "nl"): ("Mijn klacht is goed afgehandeld", "Het probleem werd dezelfde dag opgelost",
                                  "Alles in een keer opgelost"),
}
#: Openings and endings that make the same reason read differently (added around the core phrase).
_OPENERS = {"nl": ("", "", "", "Eerlijk gezegd: ", "Kort gezegd: ", "Tja, ", "Nou, "),
            "en": ("", "", "", "Honestly, ", "In short: ", "Well, ", "To be fair, ")}
_ENDINGS = {"neg": {"nl": ("", "", ".", "!", ", erg jammer.", ", dat moet beter.", ". Teleurgesteld."),
                    "en": ("", "", ".", "!", ", a real shame.", ", that has to improve.", ". Disappointed.")},
            "pos": {"nl": ("", "", ".", "!", ", top!", ", ga zo door.", ". Dank jullie wel."),
                    "en": ("", "", ".", "!", ", great!", ", keep it up.", ". Thank you.")}}
_JOIN = {"same": {"nl": " en ", "en": " and "}, "other": {"nl": ", maar ", "en": ", but "}}
#: Reasons without a theme (a score needs no explanation).
_GENERIC = {"nl": ("Prima", "Geen opmerkingen", "Alles goed", "Niks bijzonders", "Tevreden", "Gewoon goed",
                   "Geen idee", "Zoals verwacht"),
            "en": ("Fine", "No comment", "All good", "Nothing special", "Satisfied", "Just fine", "No idea",
                   "As expected")}
#: The theme the demo code frame lacks (feed-in costs of solar panels, a 2024-25 topic): complaints of solar
#: customers, so that discovery has something to find (``truth.voice``).
_PLANTED_THEME = "feed_in"
_PLANTED_TEXTS = {
    "nl": ("De terugleverkosten voor mijn zonnepanelen zijn belachelijk", "Terugleverkosten zonnepanelen veel te hoog",
           "Waarom moet ik terugleverkosten betalen voor mijn zonnepanelen", "Door de terugleverkosten zijn mijn "
           "zonnepanelen onrendabel", "Die terugleverkosten voor zonnepanelen zijn een schande"),
    "en": ("The feed-in costs for my solar panels are outrageous", "Feed-in costs on solar panels are far too high",
           "Why do I pay feed-in costs for my solar panels", "Feed-in costs make my solar panels pointless",
           "These feed-in costs for solar panels are a disgrace"),
}
#: Personal data planted in some reasons (``truth.planted_personal_data``): what ``voice.scrub`` must remove.
_PII_TEXTS = {
    "email": {"nl": " Mail me op {v}", "en": " Email me at {v}"},
    "phone": {"nl": " Bel me op {v}", "en": " Call me on {v}"},
    "iban": {"nl": " Mijn IBAN is {v}", "en": " My IBAN is {v}"},
    "id": {"nl": " Klantnummer {v}", "en": " Customer number {v}"},
    "address": {"nl": " Ik woon op {v}", "en": " I live at {v}"},
}
#: The comments stage's probabilities: a second theme, a reason without a theme, the planted theme (solar
#: customers' complaints), personal data.
_VOICE = {"second_theme": 0.25, "generic": 0.08, "planted_theme": 0.35, "personal_data": 0.03}
#: Generator theme -> the theme of the demo code frame (nps_research/voice/frames/energy.yml) that codes it.
_FRAME_THEMES = {"price": "price", "billing": "billing", "app": "digital", "information": "information",
                 "staff": "staff", "waiting": "waiting", "resolution": "resolution"}


@dataclass(frozen=True)
class Truth:
    """The generating model of a synthetic study (see the module docstring for the equations).

    All LTR effects are in *latent LTR points* (the continuous scale before rounding to 0-10) unless the name
    says ``nps``; NPS values are in NPS points (-100..100).

    Attributes
    ----------
    seed, n_customers, outcome_driver : int, int, str
        Arguments of :func:`make_study`.
    period : tuple of str
        First and last day of the study (ISO dates).
    loadings : DataFrame
        Items x factors (``pex, out, mot, pom``): standardised loadings of the latent item responses before
        discretisation to 1-7 (0 off the item's own factor). Discretisation attenuates them.
    factor_correlations : DataFrame
        Correlations of the four first-order factors (implied by the second-order model).
    second_order_loadings : Series
        Loading of each first-order factor on the general CX factor ``g``.
    item_thresholds, attribute_thresholds : tuple of float
        Cut points of the latent scores into 1-7 (items) and 1-10 (attributes).
    attribute_factors : dict
        Attribute column -> ``(factor, correlation of the attribute's latent score with the factor)``.
    ltr_relational : dict
        Relational LTR model: ``intercept``, ``dimension_effects`` (per point of the 1-7 dimension mean,
        centred at 4), ``attribute_effects`` (per point of the 1-10 score, centred at 7), ``penalties``
        (attribute -> extra loss per point below ``penalty_threshold``), ``penalty_threshold``, ``noise_sd``.
    ltr_transactional : dict
        Transactional LTR model: ``intercept``, ``peak_end`` (weights of the mean, minimum and last touchpoint
        score, centred at 7), ``cx_effect`` (per SD of ``g``), ``noise_sd``.
    moments_of_truth : dict
        Touchpoint -> extra loss per point its score falls below ``moment_of_truth_threshold``.
    moment_of_truth_threshold : int
        Score below which a moment of truth hurts (5).
    segment_effects : dict
        Role (``channel, product, region, team``) -> value -> effect. ``team`` applies to transactional
        responses only; ``channel`` is the preferred channel (relational) or the touchpoint's channel.
    seasonality : Series
        Calendar month (1-12) -> effect.
    level_shift : dict
        ``date`` (first day affected), ``size`` (latent points), ``nps_points`` (expected change of NPS over
        the responses from that date on), ``cause``.
    monthly_nps : Series
        Month (``"2023-01"``) -> expected NPS of that month's responses (honest answers).
    employee_team : Series
        Employee -> team.
    employee_effects : Series
        Employee -> individual effect (on top of the team effect) on transactional LTR.
    employee_nps : Series
        Employee -> true NPS: expected NPS over all their transactions, honest answers, everyone invited.
    gaming_employee, cherry_picking_employee : str
        Ids of the employee who solicits 9-10 scores and of the one who invites mostly happy customers.
    gaming : dict
        ``share``: share of would-be 7/8 answers that the gaming employee turns into 9/10; ``p_ten``.
    invitation : dict
        ``p_invite`` (everyone but the cherry-picker), ``p_respond``, the cherry-picker's rule and
        ``special_workload`` (the gaming and cherry-picking employees handle this many times the usual share).
    agent_bias : Series
        Agent -> bias of the predicted LTR (predicted - actual before rounding/clipping).
    agent_noise_sd : float
        SD of the agents' prediction noise.
    outcome_effects : dict
        Outcome -> model coefficients on ``cx_z`` and ``ltr_z``; ``standardisation`` holds the means and SDs.
    region_population_shares : dict
        Population share per region (the weighting targets).
    voice : dict
        How reasons are written: ``themes`` (generator theme -> the demo code frame's theme that codes it),
        ``theme_drivers`` (theme -> the attributes behind it, whose effects on the relational LTR are in
        ``ltr_relational``: a complaint's theme is the respondent's worst attribute or touchpoint, praise the
        best), the probabilities of a second theme, a reason without a theme, the planted theme and planted
        personal data (``probabilities``), the planted theme (``planted_theme``: feed-in costs of solar panels,
        which the demo frame lacks, and its words), and how many personal data of each kind were planted.
        Scores 0-6 get complaints, 9-10 praise, 7-8 either.
    ltr_clipped_share : dict
        Share of latent LTR above 10.5 or below -0.5 (clipped), per survey type.
    response_themes : Series
        Response id -> main theme of its reason (NaN without a reason or for a reason without a theme; the
        planted theme is ``feed_in``). Not written to ``truth.json``.
    response_theme_sets : Series
        Response id -> every theme of its reason, ``;``-separated (empty for a reason without a theme). Not
        written to ``truth.json``.
    response_sentiments : Series
        Response id -> ``complaint`` or ``praise`` (of the main theme). Not written to ``truth.json``.
    planted_personal_data : DataFrame
        ``response_id, kind, value``: every e-mail address, phone number, IBAN, customer number and address
        written into a reason. Not written to ``truth.json``.
    response_journey : Series
        Transactional response id -> journey id. Not written to ``truth.json``.
    ltr_latent : Series
        Response id -> honest latent LTR (before rounding; before gaming). Not written to ``truth.json``.
    ltr_mean : Series
        Response id -> structural mean of the latent LTR (without noise). Not written to ``truth.json``.
    transaction_ltr_latent : Series
        Transaction id -> honest latent LTR of the transaction (invited or not; transaction ``T000123`` is
        journey ``J000123``). Not written to ``truth.json``.
    latent_items : DataFrame
        Relational response id x CX item: latent responses before discretisation. Not in ``truth.json``.
    latent_factors : DataFrame
        Relational response id x ``g, pex, out, mot, pom``. Not written to ``truth.json``.
    """

    seed: int
    n_customers: int
    outcome_driver: str
    period: tuple[str, str]
    loadings: pd.DataFrame
    factor_correlations: pd.DataFrame
    second_order_loadings: pd.Series
    item_thresholds: tuple[float, ...]
    attribute_thresholds: tuple[float, ...]
    attribute_factors: dict[str, tuple[str, float]]
    ltr_relational: dict[str, Any]
    ltr_transactional: dict[str, Any]
    moments_of_truth: dict[str, float]
    moment_of_truth_threshold: int
    segment_effects: dict[str, dict[str, float]]
    seasonality: pd.Series
    level_shift: dict[str, Any]
    monthly_nps: pd.Series
    employee_team: pd.Series
    employee_effects: pd.Series
    employee_nps: pd.Series
    gaming_employee: str
    cherry_picking_employee: str
    gaming: dict[str, float]
    invitation: dict[str, Any]
    agent_bias: pd.Series
    agent_noise_sd: float
    outcome_effects: dict[str, Any]
    region_population_shares: dict[str, float]
    voice: dict[str, Any]
    ltr_clipped_share: dict[str, float]
    response_themes: pd.Series = field(repr=False)
    response_theme_sets: pd.Series = field(repr=False)
    response_sentiments: pd.Series = field(repr=False)
    planted_personal_data: pd.DataFrame = field(repr=False)
    response_journey: pd.Series = field(repr=False)
    ltr_latent: pd.Series = field(repr=False)
    ltr_mean: pd.Series = field(repr=False)
    transaction_ltr_latent: pd.Series = field(repr=False)
    latent_items: pd.DataFrame = field(repr=False)
    latent_factors: pd.DataFrame = field(repr=False)

    _NOT_IN_JSON = ("response_themes", "response_journey", "ltr_latent", "ltr_mean", "transaction_ltr_latent",
                    "latent_items", "latent_factors", "response_theme_sets", "response_sentiments",
                    "planted_personal_data")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the model (per-response series and latent data left out).

        Examples
        --------
        >>> d = make_study(n_customers=200, seed=3).truth.to_dict()
        >>> d["second_order_loadings"]["pom"], "latent_items" in d
        (0.9, False)
        """
        return {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)
                if f.name not in self._NOT_IN_JSON}

    def to_json(self) -> str:
        """Human-readable JSON of :meth:`to_dict` (sorted keys, 2-space indent, floats to 6 decimals)."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _jsonable(v: Any) -> Any:
    if isinstance(v, pd.DataFrame):
        return {str(c): _jsonable(v[c]) for c in v.columns}
    if isinstance(v, pd.Series):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, int | np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
        x = float(v)
        return None if math.isnan(x) else round(x, 6)
    return v


# ---- model parameters --------------------------------------------------------------------------------------
_LTR_REL = {
    "intercept": 6.6,
    "dimension_effects": {"pex": 0.18, "out": 0.20, "mot": 0.22, "pom": 0.40},
    "attribute_effects": {"sat_price": 0.10, "sat_billing_clarity": 0.06, "sat_app": 0.04,
                          "sat_information": 0.04, "sat_staff_knowledge": 0.05, "sat_waiting_time": 0.04,
                          "sat_problem_resolution": 0.06},
    "penalties": {"sat_billing_clarity": 0.25, "sat_problem_resolution": 0.25, "sat_price": 0.15},
    "penalty_threshold": 6,
    "noise_sd": 1.2,
}
_LTR_TRANS = {
    "intercept": 8.0,
    "peak_end": {"mean": 0.08, "min": 0.30, "last": 0.25},
    "cx_effect": 0.6,
    "noise_sd": 1.2,
}
_MOMENTS_OF_TRUTH = {"meter_reading": 0.30, "annual_bill": 0.30, "complaint_handling": 0.40}
_MOT_THRESHOLD = 5
_SEGMENT_EFFECTS = {
    "channel": {"app": 0.2, "web": 0.0, "phone": -0.2, "chat": -0.1, "shop": 0.3},
    "product": {"electricity": 0.0, "electricity_gas": 0.1, "solar": -0.5},
    "region": {"noord": 0.3, "oost": 0.15, "zuid": 0.0, "west": -0.3},
    "team": {"amsterdam": -0.25, "eindhoven": 0.1, "groningen": 0.25, "rotterdam": -0.1, "utrecht": 0.0,
             "zwolle": 0.15},
}
_SEASON_AMPLITUDE = 0.35  # latent points; trough in January, peak in July
_SHIFT = {"date": "2024-04-01", "size": -0.45, "cause": "new billing system (wrong advance payments)"}
_PREFERRED_CHANNEL = {"app": 0.35, "web": 0.30, "phone": 0.20, "chat": 0.10, "shop": 0.05}
_PRODUCT_SHARES = {"electricity": 0.30, "electricity_gas": 0.55, "solar": 0.15}
_REGION_POPULATION = {"noord": 0.10, "oost": 0.21, "zuid": 0.21, "west": 0.48}
_REGION_SAMPLE = {"noord": 0.16, "oost": 0.25, "zuid": 0.22, "west": 0.37}  # noord over-sampled
_N_EMPLOYEES = 48
_N_AGENTS = 20
_EMPLOYEE_SD = 0.4
_AGENT_NOISE_SD = 1.3
_P_INVITE = 0.8
_P_RESPOND = 0.45
_SPECIAL_WORKLOAD = 2.0  # the gaming and the cherry-picking employee handle twice the usual share
_GAMING = {"share": 0.85, "p_ten": 0.45}
_OUTCOME_DRIVERS = {"cx": (1.0, 0.2), "ltr": (0.2, 1.0), "equal": (0.6, 0.6)}
_BASE_REVENUE = {"electricity": 950.0, "electricity_gas": 2100.0, "solar": 700.0}
_RETENTION_INTERCEPT = 1.9  # about 85 % retained
_MISSING = {"cx_items": 0.015, "attributes": 0.02, "csat": 0.01}
_P_REASON = 0.7
_P_DUTCH = 0.75


def _cut(latent: np.ndarray, thresholds: tuple[float, ...], low: int) -> np.ndarray:
    return np.searchsorted(np.asarray(thresholds), latent, side="right").astype(np.int64) + low


def _nps_expected(mu: np.ndarray, sd: float) -> np.ndarray:
    """Expected promoter minus detractor share for latent N(mu, sd^2) rounded to 0..10."""
    return (1.0 - ndtr((8.5 - mu) / sd)) - ndtr((6.5 - mu) / sd)


def _round_clip(x: np.ndarray, low: int, high: int) -> np.ndarray:
    return np.clip(np.floor(x + 0.5), low, high).astype(np.int64)


def _choice(rng: np.random.Generator, probs: dict[str, float], size: int) -> np.ndarray:
    keys = list(probs)
    p = np.array([probs[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=size, p=p / p.sum())]


def _days_to_dates(days: np.ndarray) -> np.ndarray:
    return (START + days.astype("timedelta64[D]")).astype("datetime64[s]")


def make_study(n_customers: int = 5000, seed: int = 0, *, outcome_driver: str = "cx") -> Study:
    """Simulate the energy-supplier study; see the module docstring for the model and its stages.

    Parameters
    ----------
    n_customers : int
        Customers, each with one relational response and about 1.5 journeys (transactions).
    seed : int
        Seed of the numpy ``Generator(PCG64)`` streams; same seed, same study.
    outcome_driver : {"cx", "ltr", "equal"}
        Which of CX and LTR drives the behavioural outcomes more (changes ``outcomes`` only).

    Returns
    -------
    Study
        ``responses``, ``outcomes``, ``journey_events``, ``invitations``, with ``truth`` a :class:`Truth`.

    Examples
    --------
    >>> s = make_study(n_customers=400, seed=2)
    >>> s
    Study('synthetic_energy': responses=..., outcomes=400 rows, journey_events=..., invitations=...)
    >>> s.responses["ltr"].between(0, 10).all(), s.truth.gaming_employee != s.truth.cherry_picking_employee
    (np.True_, True)
    """
    if outcome_driver not in _OUTCOME_DRIVERS:
        raise ValueError(f"outcome_driver must be one of {sorted(_OUTCOME_DRIVERS)}, got {outcome_driver!r}")
    if int(n_customers) != n_customers or n_customers < 50:
        raise ValueError(f"n_customers must be a whole number >= 50, got {n_customers!r}")
    w = _World.start(int(n_customers), seed, outcome_driver)
    for stage in _STAGES:
        stage(w)
    ranges = {"cx_items": (1, 7), "attributes": (1, 10), "ltr": (0, 10), "csat": (1, 10), "score": (0, 10),
              "agent_predicted_ltr": (0, 10)}
    return Study(responses=w.responses, outcomes=w.outcomes, journey_events=w.journey_events,
                 invitations=w.invitations, attributes=list(ATTRIBUTES), cx_items=list(CX_ITEMS),
                 ranges=ranges, name="synthetic_energy", language="en", truth=w.truth)


# ---- the world the stages share ----------------------------------------------------------------------------
#: The random streams, in the order they are spawned from the seed. A new part of the simulation gets a new
#: stream appended at the end: ``SeedSequence.spawn`` gives the same first children however many are spawned,
#: so the existing streams, and every table they make, stay the same. Never add draws to an existing stream in
#: the middle of its sequence (every later draw of that stream would change).
_STREAMS = ("customers", "factors", "relational", "journeys", "transactions", "invitations", "texts",
            "outcomes", "missing", "agents", "employees", "misc", "voice")


@dataclass(eq=False)
class _World:
    """What the stages of :func:`make_study` share: arguments, random streams and the arrays each stage adds.

    Each stage reads fields that earlier stages set and sets its own (grouped below by stage, in order).
    Shapes: ``(n,)`` per customer (customer ``i`` is ``C{i+1:05d}``); ``(nj,)`` per journey (= transaction,
    ``J{k+1:06d}`` / ``T{k+1:06d}``); ``(nj, 4)`` per journey step; ``(n_resp,)`` per response, relational
    responses first (in customer order), then the transactional ones (in journey order); the responses frame
    is sorted by date only at the end (``rid_orig`` maps these positions to response ids).
    """

    n: int
    seed: int
    outcome_driver: str
    rng: dict[str, np.random.Generator]
    # _customers
    cust_ids: np.ndarray = None  # (n,) "C00001", ...
    region: np.ndarray = None  # (n,) region (noord over-sampled)
    product: np.ndarray = None  # (n,)
    pref_channel: np.ndarray = None  # (n,) preferred channel = channel of the relational response
    rel_day: np.ndarray = None  # (n,) day (0 = START) of the relational response
    # _factor_model
    g: np.ndarray = None  # (n,) general CX factor
    f: np.ndarray = None  # (n, 4) first-order factors in FACTORS order
    lat_items: np.ndarray = None  # (n, 19) latent item responses
    items: np.ndarray = None  # (n, 19) 1-7 items (before item nonresponse)
    attrs: np.ndarray = None  # (n, 7) 1-10 relational attribute scores (before item nonresponse)
    # _time_effects
    season: pd.Series = None  # calendar month -> effect
    shift_day: int = None  # first day of the level shift
    season_by_day: np.ndarray = None  # (N_DAYS,) seasonal effect per day
    # _relational_ltr
    mu_rel: np.ndarray = None  # (n,) structural mean of the latent LTR
    lat_rel: np.ndarray = None  # (n,) latent LTR
    ltr_rel: np.ndarray = None  # (n,) 0-10
    csat_rel: np.ndarray = None  # (n,) 1-10
    # _staff
    emp_ids: np.ndarray = None  # (48,) "E01", ...
    emp_team: np.ndarray = None  # (48,)
    emp_eff: np.ndarray = None  # (48,) individual effect on transactional LTR
    gamer_i: int = None  # index of the gaming employee
    picker_i: int = None  # index of the cherry-picking employee
    agent_ids: np.ndarray = None  # (20,) "A01", ...
    agent_bias: np.ndarray = None  # (20,)
    # _journeys
    nj: int = None  # number of journeys (= transactions)
    j_cust: np.ndarray = None  # (nj,) customer index, journeys grouped by customer
    j_tix: np.ndarray = None  # (nj,) journey type index into list(JOURNEYS)
    j_type: np.ndarray = None  # (nj,) journey type
    stage_names: np.ndarray = None  # (4 types, 4 steps) stage of each step
    occ: np.ndarray = None  # (nj, 4) step occurred
    ch_ix: np.ndarray = None  # (nj, 4) channel index into CHANNELS
    scores: np.ndarray = None  # (nj, 4) 0-10 touchpoint scores (also where the step did not occur)
    minute: np.ndarray = None  # (nj, 4) minute of the day
    day: np.ndarray = None  # (nj, 4) day of each step (0 = START)
    j_end: np.ndarray = None  # (nj,) day of the last (post) touchpoint, unique per customer
    j_last_channel: np.ndarray = None  # (nj,) channel of the last touchpoint
    j_last_tp: np.ndarray = None  # (nj,) last touchpoint
    j_tps: np.ndarray = None  # (nj, 4) touchpoint names
    sc_f: np.ndarray = None  # (nj, 4) scores as float, NaN where the step did not occur
    sc_mean: np.ndarray = None  # (nj,) mean, minimum and last touchpoint score
    sc_min: np.ndarray = None
    sc_last: np.ndarray = None
    mot_pen: np.ndarray = None  # (nj,) moments-of-truth penalty
    ev_j: np.ndarray = None  # (events,) journey and step of each event, by journey then step
    ev_s: np.ndarray = None
    # _transactions
    j_emp: np.ndarray = None  # (nj,) employee index handling the transaction
    mu_tr: np.ndarray = None  # (nj,) structural mean of the transactional latent LTR
    lat_tr: np.ndarray = None  # (nj,) honest latent LTR
    ltr_tr_honest: np.ndarray = None  # (nj,) honest 0-10 LTR
    csat_tr: np.ndarray = None  # (nj,)
    exp_z: np.ndarray = None  # (nj,) journey experience in SD units (drives the transactional attributes)
    # _invitations
    invited: np.ndarray = None  # (nj,) 0/1
    responded: np.ndarray = None  # (nj,) 0/1
    ltr_tr: np.ndarray = None  # (nj,) LTR as answered (gaming applied)
    tr_idx: np.ndarray = None  # (m,) journeys with a transactional response
    m: int = None
    # _response_rows
    n_resp: int = None  # n + m
    resp_ids: np.ndarray = None  # (n_resp,) ids in date order: "R000001", ...
    days: np.ndarray = None  # (n_resp,)
    is_rel: np.ndarray = None
    cust: np.ndarray = None  # customer index
    ltr_all: np.ndarray = None
    lat_all: np.ndarray = None
    mu_all: np.ndarray = None
    csat_all: np.ndarray = None
    channel_all: np.ndarray = None
    tp_all: np.ndarray = None
    emp_all: np.ndarray = None
    team_all: np.ndarray = None
    tr_ch: np.ndarray = None  # (m,) channel of each transactional response
    # _response_scores
    item_mat: np.ndarray = None  # (n_resp, 19) float, NaN when missing or not asked
    attr_mat: np.ndarray = None  # (n_resp, 7) float, NaN when missing or not asked
    csat_f: np.ndarray = None  # (n_resp,) float, NaN when missing
    # _agent_predictions
    pred: np.ndarray = None  # (n_resp,) float, NaN without an agent
    agent_col: np.ndarray = None  # (n_resp,) agent id or None
    # _reasons_and_consent
    reason: np.ndarray = None  # (n_resp,) text or None
    reason_lang: np.ndarray = None
    themes: np.ndarray = None  # (n_resp,) the reason's main theme (None without a reason or theme)
    theme_sets: np.ndarray = None  # (n_resp,) every theme of the reason, "a;b" ("" for a reason without theme)
    sentiments: np.ndarray = None  # (n_resp,) "complaint" / "praise" (None without a reason)
    planted_pii: list = None  # (position, kind, value) of personal data written into reasons
    consent: np.ndarray = None  # (n_resp,) 0/1
    # _weights
    region_all: np.ndarray = None
    weight: np.ndarray = None
    # _responses_frame
    dates: np.ndarray = None  # (n_resp,) datetime64[s]
    rid_orig: np.ndarray = None  # (n_resp,) response id of each unsorted response
    responses: pd.DataFrame = None
    # _journey_events_frame
    journey_ids: np.ndarray = None  # (nj,)
    journey_events: pd.DataFrame = None
    # _invitations_frame
    trans_ids: np.ndarray = None  # (nj,)
    invitations: pd.DataFrame = None
    # _outcomes
    outcomes: pd.DataFrame = None
    outcome_effects: dict = None
    # _truth
    truth: Truth = None

    @classmethod
    def start(cls, n: int, seed: int, outcome_driver: str) -> _World:
        streams = np.random.SeedSequence(seed).spawn(len(_STREAMS))
        rng = {name: np.random.Generator(np.random.PCG64(s)) for name, s in zip(_STREAMS, streams)}
        return cls(n=n, seed=seed, outcome_driver=outcome_driver, rng=rng)

    def time_effect(self, day: np.ndarray) -> np.ndarray:
        """Season plus level shift (latent LTR points) on the given days."""
        return self.season_by_day[day] + np.where(day >= self.shift_day, _SHIFT["size"], 0.0)


def _segment_effect(role: str, values: np.ndarray) -> np.ndarray:
    return np.array([_SEGMENT_EFFECTS[role][v] for v in values], dtype=float)


# ---- the stages, in the order they run (_STAGES) -----------------------------------------------------------
def _customers(w: _World) -> None:
    """Customers: region, product, preferred channel and the day of their relational response."""
    rng, n = w.rng["customers"], w.n
    w.cust_ids = np.array([f"C{i:05d}" for i in range(1, n + 1)], dtype=object)
    w.region = _choice(rng, _REGION_SAMPLE, n)
    w.product = _choice(rng, _PRODUCT_SHARES, n)
    w.pref_channel = _choice(rng, _PREFERRED_CHANNEL, n)
    w.rel_day = rng.integers(0, N_DAYS, size=n)


def _factor_model(w: _World) -> None:
    """Second-order factor model: ``g``, the four EXQ factors, latent and 1-7 items, 1-10 attribute scores."""
    rng, n = w.rng["factors"], w.n
    g = rng.standard_normal(n)
    s2 = np.array([SECOND_ORDER[d] for d in FACTORS])
    f = g[:, None] * s2 + np.sqrt(1 - s2**2) * rng.standard_normal((n, len(FACTORS)))
    fidx = {d: k for k, d in enumerate(FACTORS)}
    lat_items = np.empty((n, len(CX_ITEMS)))
    col = 0
    for d in FACTORS:
        for lam in _LOADINGS[d]:
            lat_items[:, col] = lam * f[:, fidx[d]] + math.sqrt(1 - lam**2) * rng.standard_normal(n)
            col += 1
    attrs = np.empty((n, len(ATTRIBUTES)), dtype=np.int64)
    for j, a in enumerate(ATTRIBUTES):
        d, r = _ATTRIBUTE_FACTORS[a]
        lat = r * f[:, fidx[d]] + math.sqrt(1 - r**2) * rng.standard_normal(n)
        attrs[:, j] = _cut(lat, ATTRIBUTE_THRESHOLDS, 1)
    w.g, w.f, w.lat_items, w.attrs = g, f, lat_items, attrs
    w.items = _cut(lat_items, ITEM_THRESHOLDS, 1)


def _time_effects(w: _World) -> None:
    """Seasonal month effect and the level shift (no randomness); :meth:`_World.time_effect` applies them."""
    season = pd.Series({m: _SEASON_AMPLITUDE * math.cos(2 * math.pi * (m - 7) / 12) for m in range(1, 13)},
                       name="effect")
    season.index.name = "month"
    month_of_day = (START + np.arange(N_DAYS).astype("timedelta64[D]")).astype("datetime64[M]")
    cal_month = month_of_day.astype(int) % 12 + 1
    w.season = season
    w.shift_day = int((np.datetime64(_SHIFT["date"]) - START).astype(int))
    w.season_by_day = season.to_numpy()[cal_month - 1]


def _relational_ltr(w: _World) -> None:
    """Relational latent LTR from the observed dimension means and attribute scores, rounded LTR and csat."""
    rng, n, items, attrs = w.rng["relational"], w.n, w.items, w.attrs
    dim_mean = np.column_stack([items[:, [i for i, c in enumerate(CX_ITEMS) if c.startswith(d)]].mean(axis=1)
                                for d in FACTORS])
    P = _LTR_REL
    w.mu_rel = (P["intercept"]
                + sum(P["dimension_effects"][d] * (dim_mean[:, k] - 4) for k, d in enumerate(FACTORS))
                + sum(P["attribute_effects"][a] * (attrs[:, j] - 7) for j, a in enumerate(ATTRIBUTES))
                - sum(P["penalties"].get(a, 0.0) * np.maximum(0, P["penalty_threshold"] - attrs[:, j])
                      for j, a in enumerate(ATTRIBUTES))
                + _segment_effect("channel", w.pref_channel) + _segment_effect("product", w.product)
                + _segment_effect("region", w.region) + w.time_effect(w.rel_day))
    w.lat_rel = w.mu_rel + P["noise_sd"] * rng.standard_normal(n)
    w.ltr_rel = _round_clip(w.lat_rel, 0, 10)
    w.csat_rel = _round_clip(1.2 + 0.85 * w.lat_rel + 0.9 * rng.standard_normal(n), 1, 10)


def _staff(w: _World) -> None:
    """Employees (teams, individual effects, the gaming and the cherry-picking one) and agents' biases."""
    rng = w.rng["employees"]
    w.emp_ids = np.array([f"E{i:02d}" for i in range(1, _N_EMPLOYEES + 1)], dtype=object)
    w.emp_team = np.array(TEAMS, dtype=object)[np.arange(_N_EMPLOYEES) % len(TEAMS)]
    w.emp_eff = _EMPLOYEE_SD * rng.standard_normal(_N_EMPLOYEES)
    w.gamer_i, w.picker_i = (int(x) for x in rng.choice(_N_EMPLOYEES, size=2, replace=False))
    w.agent_ids = np.array([f"A{i:02d}" for i in range(1, _N_AGENTS + 1)], dtype=object)
    w.agent_bias = 0.3 + 0.8 * w.rng["agents"].standard_normal(_N_AGENTS)


def _journeys(w: _World) -> None:
    """Journeys per customer: type, steps that occur, channels, touchpoint scores, days and times.

    Vectorised: every journey type has 4 possible steps; step 4 is the post step and always occurs.
    """
    rng, n = w.rng["journeys"], w.n
    n_j_per = rng.poisson(1.5, size=n)
    j_cust = np.repeat(np.arange(n), n_j_per)
    nj = len(j_cust)
    jtypes = list(JOURNEYS)
    n_steps = 4
    j_tix = rng.choice(len(jtypes), size=nj, p=np.array([_JOURNEY_SHARES[t] for t in jtypes]))
    j_start = rng.integers(0, N_DAYS - 40, size=nj)
    p_occ = np.array([[s[2] for s in JOURNEYS[t]] for t in jtypes])
    base = np.array([[s[3] for s in JOURNEYS[t]] for t in jtypes])
    tp_names = np.array([[s[1] for s in JOURNEYS[t]] for t in jtypes], dtype=object)
    cum = np.array([[np.cumsum([s[4].get(c, 0.0) for c in CHANNELS]) for s in JOURNEYS[t]] for t in jtypes])
    mot_coef = np.array([[_MOMENTS_OF_TRUTH.get(s[1], 0.0) for s in JOURNEYS[t]] for t in jtypes])
    occ = rng.random((nj, n_steps)) < p_occ[j_tix]
    ch_ix = (rng.random((nj, n_steps))[:, :, None] >= cum[j_tix] / cum[j_tix][:, :, -1:]).sum(axis=2)
    ch_eff = np.array([_SEGMENT_EFFECTS["channel"][c] for c in CHANNELS])
    scores = _round_clip(base[j_tix] + 0.4 * ch_eff[ch_ix]
                         + _TOUCHPOINT_SCORE_SD * rng.standard_normal((nj, n_steps)), 0, 10)
    minute = rng.integers(8 * 60, 22 * 60, size=(nj, n_steps))
    gap = np.where(occ, rng.integers(1, 10, size=(nj, n_steps)), 0)
    day = j_start[:, None] + np.cumsum(gap, axis=1) - gap
    j_end = day[:, -1].copy()
    # one journey end per customer and day, so (customer_id, date) identifies a transactional response
    order = np.lexsort((j_end, j_cust))
    for a_, b_ in zip(order[:-1], order[1:]):
        if j_cust[a_] == j_cust[b_] and j_end[b_] <= j_end[a_]:
            j_end[b_] = j_end[a_] + 1
    day[:, -1] = j_end
    sc_f = np.where(occ, scores, np.nan)
    w.nj, w.j_cust, w.j_tix, w.occ, w.ch_ix, w.scores, w.minute, w.day, w.j_end, w.sc_f = (
        nj, j_cust, j_tix, occ, ch_ix, scores, minute, day, j_end, sc_f)
    w.j_type = np.array(jtypes, dtype=object)[j_tix]
    w.stage_names = np.array([[s[0] for s in JOURNEYS[t]] for t in jtypes], dtype=object)
    w.j_last_channel = np.array(CHANNELS, dtype=object)[ch_ix[:, -1]]
    w.j_last_tp = tp_names[j_tix, -1]
    w.sc_mean = np.nanmean(sc_f, axis=1)
    w.sc_min = np.nanmin(sc_f, axis=1)
    w.sc_last = scores[:, -1].astype(float)
    w.mot_pen = (np.where(occ, mot_coef[j_tix], 0.0) * np.maximum(0, _MOT_THRESHOLD - scores)).sum(axis=1)
    w.ev_j, w.ev_s = np.nonzero(occ)  # row-major: by journey, then step
    w.j_tps = tp_names[j_tix]


def _transactions(w: _World) -> None:
    """Each journey is a transaction: its employee, honest transactional latent LTR (peak-end, moments of
    truth, segments, employee, time), rounded LTR, csat and the journey experience score."""
    rng, nj, j_cust = w.rng["transactions"], w.nj, w.j_cust
    workload = np.ones(_N_EMPLOYEES)
    workload[[w.gamer_i, w.picker_i]] = _SPECIAL_WORKLOAD
    j_emp = rng.choice(_N_EMPLOYEES, size=nj, p=workload / workload.sum())
    T = _LTR_TRANS
    sc_mean, sc_min, sc_last = w.sc_mean, w.sc_min, w.sc_last
    mu_tr = (T["intercept"] + T["peak_end"]["mean"] * (sc_mean - 7) + T["peak_end"]["min"] * (sc_min - 7)
             + T["peak_end"]["last"] * (sc_last - 7) - w.mot_pen + T["cx_effect"] * w.g[j_cust]
             + _segment_effect("channel", w.j_last_channel) + _segment_effect("product", w.product[j_cust])
             + _segment_effect("region", w.region[j_cust]) + _segment_effect("team", w.emp_team[j_emp])
             + w.emp_eff[j_emp] + w.time_effect(w.j_end))
    lat_tr = mu_tr + T["noise_sd"] * rng.standard_normal(nj)
    w.j_emp, w.mu_tr, w.lat_tr = j_emp, mu_tr, lat_tr
    w.ltr_tr_honest = _round_clip(lat_tr, 0, 10)
    w.csat_tr = _round_clip(1.2 + 0.85 * lat_tr + 0.9 * rng.standard_normal(nj), 1, 10)
    # journey experience in SD units, measured by the transactional attribute scores
    exp_score = 0.4 * sc_mean + 0.3 * sc_min + 0.3 * sc_last
    w.exp_z = (exp_score - exp_score.mean()) / exp_score.std()


def _invitations(w: _World) -> None:
    """Who is invited (at random; the cherry-picker by latent LTR), who responds, and the gaming employee's
    flipped answers."""
    rng, nj = w.rng["invitations"], w.nj
    u_inv = rng.random(nj)
    p_inv = np.full(nj, _P_INVITE)
    picker = w.j_emp == w.picker_i
    p_inv[picker] = np.where(w.lat_tr[picker] >= 8.0, 0.95, 0.15)
    invited = (u_inv < p_inv).astype(np.int64)
    responded = (invited.astype(bool) & (rng.random(nj) < _P_RESPOND)).astype(np.int64)
    ltr_tr = w.ltr_tr_honest.copy()
    gamer = (w.j_emp == w.gamer_i) & np.isin(w.ltr_tr_honest, (7, 8))
    flip = gamer & (rng.random(nj) < _GAMING["share"])
    ltr_tr[flip] = np.where(rng.random(int(flip.sum())) < _GAMING["p_ten"], 10, 9)
    w.invited, w.responded, w.ltr_tr = invited, responded, ltr_tr
    w.tr_idx = np.flatnonzero(responded)
    w.m = len(w.tr_idx)


def _response_rows(w: _World) -> None:
    """One row per response: the relational ones (one per customer), then the transactional ones."""
    n, m, tr_idx = w.n, w.m, w.tr_idx
    w.n_resp = n + m
    w.resp_ids = np.array([f"R{i:06d}" for i in range(1, w.n_resp + 1)], dtype=object)
    w.days = np.concatenate([w.rel_day, w.j_end[tr_idx]])
    w.is_rel = np.r_[np.ones(n, bool), np.zeros(m, bool)]
    w.cust = np.concatenate([np.arange(n), w.j_cust[tr_idx]])
    w.ltr_all = np.concatenate([w.ltr_rel, w.ltr_tr[tr_idx]])
    w.lat_all = np.concatenate([w.lat_rel, w.lat_tr[tr_idx]])
    w.mu_all = np.concatenate([w.mu_rel, w.mu_tr[tr_idx]])
    w.csat_all = np.concatenate([w.csat_rel, w.csat_tr[tr_idx]])
    w.channel_all = np.concatenate([w.pref_channel, w.j_last_channel[tr_idx]])
    w.tp_all = np.concatenate([np.full(n, None, dtype=object), w.j_last_tp[tr_idx]])
    w.emp_all = np.concatenate([np.full(n, None, dtype=object), w.emp_ids[w.j_emp[tr_idx]]])
    w.team_all = np.concatenate([np.full(n, None, dtype=object), w.emp_team[w.j_emp[tr_idx]]])
    w.tr_ch = w.j_last_channel[tr_idx]


def _response_scores(w: _World) -> None:
    """CX items and attribute scores per response (transactional: the attributes asked for the journey and
    channel, measuring the journey experience), then item nonresponse (MCAR) on items, attributes and csat."""
    n, m, n_resp, tr_idx, tr_ch = w.n, w.m, w.n_resp, w.tr_idx, w.tr_ch
    item_mat = np.full((n_resp, len(CX_ITEMS)), np.nan)
    item_mat[:n] = w.items
    attr_mat = np.full((n_resp, len(ATTRIBUTES)), np.nan)
    attr_mat[:n] = w.attrs
    ai = {a: j for j, a in enumerate(ATTRIBUTES)}
    tr_attr_lat = (0.75 * w.exp_z[tr_idx, None]
                   + math.sqrt(1 - 0.75**2) * w.rng["transactions"].standard_normal((m, len(ATTRIBUTES))))
    tr_attr = _cut(tr_attr_lat, ATTRIBUTE_THRESHOLDS, 1)
    tr_jt = w.j_type[tr_idx]
    asked = np.zeros((m, len(ATTRIBUTES)), bool)
    staff = np.isin(tr_ch, ("phone", "chat", "shop"))
    for a in ("sat_staff_knowledge", "sat_waiting_time", "sat_problem_resolution"):
        asked[:, ai[a]] = staff
    asked[:, ai["sat_app"]] = tr_ch == "app"
    asked[:, ai["sat_information"]] = tr_ch == "web"
    asked[:, ai["sat_billing_clarity"]] = np.isin(tr_jt, ("billing", "moving_house"))
    asked[:, ai["sat_price"]] = tr_jt == "switching"
    attr_mat[n:] = np.where(asked, tr_attr, np.nan)
    # item nonresponse (MCAR)
    rng = w.rng["missing"]
    item_mat[rng.random(item_mat.shape) < _MISSING["cx_items"]] = np.nan
    attr_mat[rng.random(attr_mat.shape) < _MISSING["attributes"]] = np.nan
    csat_f = w.csat_all.astype(float)
    csat_f[rng.random(n_resp) < _MISSING["csat"]] = np.nan
    w.item_mat, w.attr_mat, w.csat_f = item_mat, attr_mat, csat_f


def _agent_predictions(w: _World) -> None:
    """After phone and chat transactions an agent predicts the customer's LTR (with the agent's bias)."""
    rng, n, n_resp = w.rng["agents"], w.n, w.n_resp
    has_agent = np.r_[np.zeros(n, bool), np.isin(w.tr_ch, ("phone", "chat"))]
    agent_idx = rng.integers(0, _N_AGENTS, size=n_resp)
    pred = _round_clip(w.ltr_all + w.agent_bias[agent_idx] + _AGENT_NOISE_SD * rng.standard_normal(n_resp),
                       0, 10).astype(float)
    pred[~has_agent] = np.nan
    w.pred = pred
    w.agent_col = np.where(has_agent, w.agent_ids[agent_idx], None)


def _reasons_and_consent(w: _World) -> None:
    """Open-text reason (theme from the worst/best attribute or touchpoint, language; worded in many ways, a
    second theme, reasons without a theme, the planted feed-in theme, planted personal data: stream ``voice``)
    and follow-up consent."""
    rng = w.rng["texts"]
    reason, w.reason_lang, themes = _reasons(rng, w.ltr_all, w.is_rel, w.attr_mat, w.n, w.tr_idx, w.sc_f,
                                             w.j_tps, w.j_last_channel)
    w.consent = (rng.random(w.n_resp) < np.where(w.ltr_all <= 6, 0.6, 0.45)).astype(np.int64)
    w.reason, w.themes, w.theme_sets, w.sentiments, w.planted_pii = _compose_reasons(
        w.rng["voice"], reason, w.reason_lang, themes, w.ltr_all, w.product[w.cust], w.cust_ids[w.cust])


def _weights(w: _World) -> None:
    """Weights: region post-stratified to the population shares within each survey type."""
    region_all = w.region[w.cust]
    weight = np.empty(w.n_resp)
    for rel_flag in (True, False):
        sel = w.is_rel == rel_flag
        for rg in REGIONS:
            cell = sel & (region_all == rg)
            if cell.any():
                weight[cell] = _REGION_POPULATION[rg] * sel.sum() / cell.sum()
    w.region_all = region_all
    w.weight = np.round(weight, 4)


def _responses_frame(w: _World) -> None:
    """The ``responses`` table: all columns, sorted by date, response ids in that order."""
    n_resp, is_rel = w.n_resp, w.is_rel
    dates = _days_to_dates(w.days)
    quarter = (dates.astype("datetime64[M]").astype(int) % 12) // 3 + 1
    year = dates.astype("datetime64[Y]").astype(int) + 1970
    wave_label = np.char.add(np.char.add(year.astype(str), "-Q"), quarter.astype(str)).astype(object)
    wave = np.where(is_rel, wave_label, None)

    order = np.lexsort((np.arange(n_resp), w.days))
    responses = pd.DataFrame({
        "response_id": w.resp_ids,  # response i (in sorted order) gets id R{i}
        "customer_id": w.cust_ids[w.cust][order],
        "date": dates[order],
        "survey_type": np.where(is_rel, "relational", "transactional").astype(object)[order],
        "touchpoint": w.tp_all[order],
        "channel": w.channel_all[order],
        "ltr": w.ltr_all[order],
        "product": w.product[w.cust][order],
        "region": w.region_all[order],
        "team": w.team_all[order],
        "employee_id": w.emp_all[order],
        "agent_id": w.agent_col[order],
        "weight": w.weight[order],
        "reason": w.reason[order],
        "reason_language": w.reason_lang[order],
        "followup_consent": w.consent[order],
        "agent_predicted_ltr": pd.array(w.pred[order], dtype="Int64"),
        "wave": wave[order],
        "csat": pd.array(w.csat_f[order], dtype="Int64"),
    })
    for j, a in enumerate(ATTRIBUTES):
        responses[a] = pd.array(w.attr_mat[order, j], dtype="Int64")
    for j, c in enumerate(CX_ITEMS):
        responses[c] = pd.array(w.item_mat[order, j], dtype="Int64")
    for c in ("response_id", "customer_id", "survey_type", "touchpoint", "channel", "product", "region",
              "team", "employee_id", "agent_id", "reason", "reason_language", "wave"):
        responses[c] = _str_col(responses[c])
    pos_of_orig = np.empty(n_resp, dtype=np.int64)
    pos_of_orig[order] = np.arange(n_resp)
    w.dates = dates
    w.rid_orig = w.resp_ids[pos_of_orig]
    w.responses = responses


def _journey_events_frame(w: _World) -> None:
    """The ``journey_events`` table: one row per touchpoint that occurred, by customer and time."""
    ev_j, ev_s = w.ev_j, w.ev_s
    ts = (_days_to_dates(w.day[ev_j, ev_s]) + (w.minute[ev_j, ev_s] * 60).astype("timedelta64[s]"))
    w.journey_ids = np.array([f"J{k + 1:06d}" for k in range(w.nj)], dtype=object)
    journey_events = pd.DataFrame({
        "customer_id": _str_col(w.cust_ids[w.j_cust[ev_j]]),
        "journey": _str_col(w.j_type[ev_j]),
        "touchpoint": _str_col(w.j_tps[ev_j, ev_s]),
        "stage": _str_col(w.stage_names[w.j_tix[ev_j], ev_s]),
        "channel": _str_col(np.array(CHANNELS, dtype=object)[w.ch_ix[ev_j, ev_s]]),
        "timestamp": ts,
        "score": w.scores[ev_j, ev_s].astype(np.int64),
        "journey_id": _str_col(w.journey_ids[ev_j]),
    })
    w.journey_events = journey_events.sort_values(["customer_id", "timestamp", "journey_id"],
                                                  kind="stable").reset_index(drop=True)


def _invitations_frame(w: _World) -> None:
    """The ``invitations`` table: one row per transaction, by date."""
    nj = w.nj
    inv_order = np.lexsort((np.arange(nj), w.j_end))
    w.trans_ids = np.array([f"T{k + 1:06d}" for k in range(nj)], dtype=object)
    w.invitations = pd.DataFrame({
        "transaction_id": _str_col(w.trans_ids[inv_order]),
        "customer_id": _str_col(w.cust_ids[w.j_cust][inv_order]),
        "employee_id": _str_col(w.emp_ids[w.j_emp][inv_order]),
        "date": _days_to_dates(w.j_end)[inv_order],
        "invited": w.invited[inv_order],
        "responded": w.responded[inv_order],
    })


def _outcomes(w: _World) -> None:
    """The ``outcomes`` table: retention, products, share of wallet and revenue, driven by CX and LTR as
    ``outcome_driver`` mixes them (the only stage that depends on it)."""
    rng, n = w.rng["outcomes"], w.n
    b_cx, b_ltr = _OUTCOME_DRIVERS[w.outcome_driver]
    cx_raw = w.items.mean(axis=1)
    ltr_rel = w.ltr_rel
    std = {"cx_mean": float(cx_raw.mean()), "cx_sd": float(cx_raw.std()), "ltr_mean": float(ltr_rel.mean()),
           "ltr_sd": float(ltr_rel.std())}
    cx_z = (cx_raw - std["cx_mean"]) / std["cx_sd"]
    ltr_z = (ltr_rel - std["ltr_mean"]) / std["ltr_sd"]
    drive = b_cx * cx_z + b_ltr * ltr_z
    retained = (rng.random(n) < expit(_RETENTION_INTERCEPT + drive)).astype(np.int64)
    lam = np.exp(-0.7 + 0.35 * drive)
    n_products = np.minimum(1 + rng.poisson(lam), 6).astype(np.int64)
    sow = np.round(expit(0.9 + 0.5 * drive + 0.8 * rng.standard_normal(n)), 4)
    base_rev = np.array([_BASE_REVENUE[p] for p in w.product])
    months_kept = np.where(retained == 1, 12.0, rng.integers(1, 12, size=n).astype(float))
    revenue = np.round(base_rev * np.exp(0.25 * rng.standard_normal(n)) * (1 + 0.15 * (n_products - 1))
                       * months_kept / 12, 2)
    w.outcomes = pd.DataFrame({
        "customer_id": _str_col(w.cust_ids),
        "retained": retained,
        "revenue_next_12m": revenue,
        "n_products": n_products,
        "share_of_wallet": sow,
    })
    w.outcome_effects = {
        "retained": {"model": "logit P(retained) = intercept + b_cx * cx_z + b_ltr * ltr_z",
                     "intercept": _RETENTION_INTERCEPT, "b_cx": b_cx, "b_ltr": b_ltr},
        "n_products": {"model": "min(1 + Poisson(exp(-0.7 + 0.35 * (b_cx cx_z + b_ltr ltr_z))), 6)",
                       "intercept": -0.7, "scale": 0.35, "b_cx": b_cx, "b_ltr": b_ltr},
        "share_of_wallet": {"model": "expit(0.9 + 0.5 * (b_cx cx_z + b_ltr ltr_z) + N(0, 0.8^2))",
                            "intercept": 0.9, "scale": 0.5, "noise_sd": 0.8, "b_cx": b_cx, "b_ltr": b_ltr},
        "revenue_next_12m": {"model": "base(product) * lognormal(0, 0.25) * (1 + 0.15 (n_products - 1)) * "
                                      "months_kept / 12; months_kept = 12 if retained else uniform 1..11",
                             "base": dict(_BASE_REVENUE)},
        "standardisation": {**std, "cx": "mean of the 19 EXQ items of the relational response (all items, "
                                          "before item nonresponse)", "ltr": "relational LTR"},
    }


def _truth(w: _World) -> None:
    """The :class:`Truth`: model parameters plus what follows from them exactly (expected NPS per month and
    employee, the level shift in NPS points) and the latent data per response (no randomness)."""
    loadings = pd.DataFrame(0.0, index=pd.Index(CX_ITEMS, name="item"), columns=list(FACTORS))
    for d in FACTORS:
        for i, lam_ in enumerate(_LOADINGS[d], start=1):
            loadings.loc[f"{d}{i}", d] = lam_
    s2 = np.array([SECOND_ORDER[d] for d in FACTORS])
    fc = np.outer(s2, s2)
    np.fill_diagonal(fc, 1.0)
    factor_corr = pd.DataFrame(fc, index=list(FACTORS), columns=list(FACTORS))

    P, T = _LTR_REL, _LTR_TRANS
    is_rel, mu_all, n = w.is_rel, w.mu_all, w.n
    nps_i = np.where(is_rel, _nps_expected(mu_all, P["noise_sd"]), _nps_expected(mu_all, T["noise_sd"]))
    month_lab = pd.Series(w.dates).dt.strftime("%Y-%m").to_numpy()
    monthly = pd.Series(nps_i * 100).groupby(month_lab).mean().rename("expected_nps")
    monthly.index.name = "month"
    post = w.days >= w.shift_day
    no_shift = np.where(is_rel, _nps_expected(mu_all - _SHIFT["size"], P["noise_sd"]),
                        _nps_expected(mu_all - _SHIFT["size"], T["noise_sd"]))
    shift_nps = float(100 * (nps_i[post] - no_shift[post]).mean())

    emp_ids = w.emp_ids
    emp_nps = pd.Series(100 * _nps_expected(w.mu_tr, T["noise_sd"]), dtype=float).groupby(
        emp_ids[w.j_emp]).mean().reindex(list(emp_ids))
    emp_nps.index.name = "employee_id"
    clipped = {"relational": float(np.mean((w.lat_rel > 10.5) | (w.lat_rel < -0.5))),
               "transactional": float(np.mean((w.lat_tr > 10.5) | (w.lat_tr < -0.5)))}
    rid_orig = w.rid_orig
    pii = pd.DataFrame([(rid_orig[i], kind, value) for i, kind, value in w.planted_pii],
                       columns=["response_id", "kind", "value"]).sort_values(["response_id", "kind"],
                                                                            ignore_index=True)
    voice = {
        "themes": dict(_FRAME_THEMES),
        "theme_drivers": {t: [a for a, th in ATTRIBUTE_THEMES.items() if th == t] for t in THEMES},
        "probabilities": {"reason": _P_REASON, "dutch": _P_DUTCH, **_VOICE},
        "planted_theme": {"theme": _PLANTED_THEME, "who": "solar customers who complain",
                          "words": {"nl": "terugleverkosten, zonnepanelen", "en": "feed-in costs, solar panels"}},
        "personal_data": {kind: int((pii["kind"] == kind).sum()) for kind in _PII_TEXTS},
    }

    w.truth = Truth(
        seed=int(w.seed),
        n_customers=n,
        outcome_driver=w.outcome_driver,
        period=(str(START), str(END)),
        loadings=loadings,
        factor_correlations=factor_corr,
        second_order_loadings=pd.Series(SECOND_ORDER, name="loading"),
        item_thresholds=ITEM_THRESHOLDS,
        attribute_thresholds=ATTRIBUTE_THRESHOLDS,
        attribute_factors=dict(_ATTRIBUTE_FACTORS),
        ltr_relational=json.loads(json.dumps(_LTR_REL)),
        ltr_transactional=json.loads(json.dumps(_LTR_TRANS)),
        moments_of_truth=dict(_MOMENTS_OF_TRUTH),
        moment_of_truth_threshold=_MOT_THRESHOLD,
        segment_effects=json.loads(json.dumps(_SEGMENT_EFFECTS)),
        seasonality=w.season,
        level_shift={**_SHIFT, "nps_points": shift_nps},
        monthly_nps=monthly,
        employee_team=pd.Series(w.emp_team, index=pd.Index(emp_ids, name="employee_id"), name="team"),
        employee_effects=pd.Series(w.emp_eff, index=pd.Index(emp_ids, name="employee_id"), name="effect"),
        employee_nps=emp_nps.rename("true_nps"),
        gaming_employee=str(emp_ids[w.gamer_i]),
        cherry_picking_employee=str(emp_ids[w.picker_i]),
        gaming=dict(_GAMING),
        invitation={"p_invite": _P_INVITE, "p_respond": _P_RESPOND,
                    "cherry_picker": "invites with probability 0.95 if the transaction's latent LTR >= 8, "
                                     "else 0.15", "special_workload": _SPECIAL_WORKLOAD},
        agent_bias=pd.Series(w.agent_bias, index=pd.Index(w.agent_ids, name="agent_id"), name="bias"),
        agent_noise_sd=_AGENT_NOISE_SD,
        outcome_effects=w.outcome_effects,
        region_population_shares=dict(_REGION_POPULATION),
        voice=voice,
        ltr_clipped_share=clipped,
        response_themes=pd.Series(w.themes, index=pd.Index(rid_orig, name="response_id"),
                                  name="theme").sort_index(),
        response_theme_sets=pd.Series(w.theme_sets, index=pd.Index(rid_orig, name="response_id"),
                                      name="themes").sort_index(),
        response_sentiments=pd.Series(w.sentiments, index=pd.Index(rid_orig, name="response_id"),
                                      name="sentiment").sort_index(),
        planted_personal_data=pii,
        response_journey=pd.Series(w.journey_ids[w.tr_idx], index=pd.Index(rid_orig[n:], name="response_id"),
                                   name="journey_id").sort_index(),
        ltr_latent=pd.Series(w.lat_all, index=pd.Index(rid_orig, name="response_id"),
                             name="ltr_latent").sort_index(),
        ltr_mean=pd.Series(mu_all, index=pd.Index(rid_orig, name="response_id"),
                           name="ltr_mean").sort_index(),
        transaction_ltr_latent=pd.Series(w.lat_tr, index=pd.Index(w.trans_ids, name="transaction_id"),
                                         name="ltr_latent"),
        latent_items=pd.DataFrame(w.lat_items, index=pd.Index(rid_orig[:n], name="response_id"),
                                  columns=CX_ITEMS).sort_index(),
        latent_factors=pd.DataFrame(np.column_stack([w.g, w.f]),
                                    index=pd.Index(rid_orig[:n], name="response_id"),
                                    columns=["g", *FACTORS]).sort_index(),
    )


#: The stages of :func:`make_study`, in the order they run (listed in the module docstring).
_STAGES = (
    _customers,
    _factor_model,
    _time_effects,
    _relational_ltr,
    _staff,
    _journeys,
    _transactions,
    _invitations,
    _response_rows,
    _response_scores,
    _agent_predictions,
    _reasons_and_consent,
    _weights,
    _responses_frame,
    _journey_events_frame,
    _invitations_frame,
    _outcomes,
    _truth,
)


def _str_col(values) -> pd.Series:
    s = pd.Series(np.asarray(values, dtype=object))
    return s.astype("str").where(s.notna())


def _reasons(rng, ltr, is_rel, attr_mat, n, tr_idx, sc_f, j_tps, j_last_channel):
    """Reason text, language and theme per response (NaN/None when no reason was given)."""
    n_resp = len(ltr)
    give = rng.random(n_resp) < _P_REASON
    dutch = rng.random(n_resp) < _P_DUTCH
    u_sent = rng.random(n_resp)
    u_theme = rng.random(n_resp)
    variant = rng.integers(0, 2, size=n_resp)
    neg = np.where(ltr <= 6, True, np.where(ltr >= 9, False, u_sent < 0.5))
    reason = np.full(n_resp, None, dtype=object)
    lang = np.full(n_resp, None, dtype=object)
    theme = np.full(n_resp, None, dtype=object)
    for i in range(n_resp):
        if not give[i]:
            continue
        if is_rel[i]:
            row = attr_mat[i]
            ok = ~np.isnan(row)
            if u_theme[i] < 0.75 and ok.any():
                vals = np.where(ok, row, np.inf if neg[i] else -np.inf)
                j = int(np.argmin(vals)) if neg[i] else int(np.argmax(vals))
                th = ATTRIBUTE_THEMES[ATTRIBUTES[j]]
            else:
                th = THEMES[int(u_theme[i] * 1000) % len(THEMES)]
        else:
            k = tr_idx[i - n]
            sc = sc_f[k]  # NaN where the step did not occur
            pos = int(np.nanargmin(sc)) if neg[i] else int(np.nanargmax(sc))
            th = _TOUCHPOINT_THEMES[j_tps[k][pos]] if u_theme[i] < 0.8 else _CHANNEL_THEMES[j_last_channel[k]]
        lg = "nl" if dutch[i] else "en"
        reason[i] = _TEXTS[(th, "neg" if neg[i] else "pos", lg)][variant[i]]
        lang[i] = lg
        theme[i] = th
    return reason, lang, theme


def _compose_reasons(rng, base, lang, themes, ltr, product, customer):
    """Word each reason: a phrase of its theme, sentiment and language from _TEXTS and _MORE_TEXTS with an
    opening and an ending; sometimes a second theme (same sentiment: "and"; the other: "but"), a reason without
    a theme, the planted feed-in complaint (solar customers) or personal data. All draws come from ``rng``
    (stream ``voice``), the same number for every response, so the texts of one response do not depend on
    another's."""
    n_resp = len(base)
    u = rng.random((n_resp, 8))
    k = rng.integers(0, 1 << 30, size=(n_resp, 6))
    reason = np.full(n_resp, None, dtype=object)
    main = np.full(n_resp, None, dtype=object)
    sets = np.full(n_resp, None, dtype=object)
    sentiment = np.full(n_resp, None, dtype=object)
    planted: list[tuple[int, str, str]] = []
    complaints = {t for (_, sn, _), v in _TEXTS.items() if sn == "neg" for t in v}
    for i in range(n_resp):
        if base[i] is None:
            continue
        lg = lang[i]
        neg = base[i] in complaints  # the sentiment _reasons chose (from the score)
        sent = "neg" if neg else "pos"
        sentiment[i] = "complaint" if neg else "praise"
        if neg and product[i] == "solar" and u[i, 0] < _VOICE["planted_theme"]:
            text, th_all = _PLANTED_TEXTS[lg][k[i, 0] % len(_PLANTED_TEXTS[lg])], [_PLANTED_THEME]
        elif u[i, 1] < _VOICE["generic"]:
            text, th_all = _GENERIC[lg][k[i, 0] % len(_GENERIC[lg])], []
        else:
            th = themes[i]
            text = _phrase(th, sent, lg, k[i, 1])
            th_all = [th]
            if u[i, 2] < _VOICE["second_theme"]:
                other = [t for t in THEMES if t != th][k[i, 2] % (len(THEMES) - 1)]
                sent2 = sent if u[i, 3] < 0.6 else ("pos" if neg else "neg")
                second = _phrase(other, sent2, lg, k[i, 3])
                text = text + _JOIN["same" if sent2 == sent else "other"][lg] + second[:1].lower() + second[1:]
                th_all.append(other)
            opener = _OPENERS[lg][k[i, 4] % len(_OPENERS[lg])]
            if opener and not (text.startswith("I ") or text.startswith("I'")):
                text = text[:1].lower() + text[1:]
            text = (opener + text).rstrip(".!") + _ENDINGS[sent][lg][k[i, 5] % len(_ENDINGS[sent][lg])]
        if u[i, 4] < _VOICE["personal_data"]:
            kind = ("email", "phone", "iban", "id", "address")[k[i, 4] % 5]
            value = _pii_value(kind, customer[i], k[i, 5])
            text = text.rstrip(".!") + "." + _PII_TEXTS[kind][lg].format(v=value) + "."
            planted.append((i, kind, value))
        reason[i] = text
        main[i] = th_all[0] if th_all else None
        sets[i] = ";".join(th_all)
    return reason, main, sets, sentiment, planted


def _phrase(theme: str, sent: str, lang: str, pick: int) -> str:
    options = _TEXTS[(theme, sent, lang)] + _MORE_TEXTS[(theme, sent, lang)]
    return options[pick % len(options)].rstrip(".")


def _pii_value(kind: str, customer: str, x: int) -> str:
    """A made-up but well-formed datum of ``kind`` (the customer number is the customer's own id)."""
    if kind == "email":
        return f"{('jan', 'els', 'piet', 'anna', 'mo')[x % 5]}.{customer.lower()}@example.nl"
    if kind == "phone":
        return (f"06-{x % 100_000_000:08d}", f"+31 6 {x % 100_000_000:08d}", f"020-{x % 10_000_000:07d}")[x % 3]
    if kind == "iban":
        return f"NL{10 + x % 89:02d} ABNA 0{x % 1000:03d} {x % 10000:04d} {x % 100:02d}"
    if kind == "id":
        return customer
    return f"{1000 + x % 9000} {'ABCDEFGHJKLMNPRTVWXZ'[x % 20]}{'ABCDEFGHJKLMNPRTVWXZ'[(x // 20) % 20]} {1 + x % 200}"


# ---- writing the demo --------------------------------------------------------------------------------------
_FLOAT_DECIMALS = {"weight": 4, "revenue_next_12m": 2, "share_of_wallet": 4}


def _csv_text(df: pd.DataFrame) -> str:
    out = {}
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_datetime64_any_dtype(s):
            has_time = bool((s.dropna() != s.dropna().dt.normalize()).any()) or c == "timestamp"
            fmt = "%Y-%m-%dT%H:%M:%S" if has_time else "%Y-%m-%d"
            out[c] = s.dt.strftime(fmt)
        elif pd.api.types.is_float_dtype(s):
            dec = _FLOAT_DECIMALS.get(c, 4)
            out[c] = s.map(lambda x, d=dec: "" if pd.isna(x) else f"{x:.{d}f}")
        else:
            out[c] = s
    text = pd.DataFrame(out).to_csv(index=False, lineterminator="\n", na_rep="")
    return text


def write_demo(folder: str | os.PathLike, *, n_customers: int = 3000, seed: int = 0) -> dict[str, Path]:
    """Write the synthetic study as CSV files plus ``truth.json`` into ``folder``.

    Files: ``responses.csv``, ``outcomes.csv``, ``journey_events.csv``, ``invitations.csv`` (comma-separated,
    UTF-8, ``\\n`` line ends, ISO dates, floats with fixed decimals: weight 4, revenue 2, share of wallet 4)
    and ``truth.json``. Each file is written to a temporary file in ``folder`` and then renamed, so no
    half-written file is left behind. The bytes depend only on ``n_customers`` and ``seed`` (and on numpy's
    random streams, which numpy keeps stable across platforms).

    Parameters
    ----------
    folder : path
        Target folder (created if missing).
    n_customers, seed : int
        Passed to :func:`make_study`. The default of 3000 customers keeps the files at about 2 MB together.

    Returns
    -------
    dict
        File name -> path written.

    Examples
    --------
    >>> import tempfile
    >>> paths = write_demo(tempfile.mkdtemp(), n_customers=200, seed=0)
    >>> sorted(paths)
    ['invitations.csv', 'journey_events.csv', 'outcomes.csv', 'responses.csv', 'truth.json']
    >>> paths["outcomes.csv"].read_text(encoding="utf-8").splitlines()[0]
    'customer_id,retained,revenue_next_12m,n_products,share_of_wallet'
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    study = make_study(n_customers=n_customers, seed=seed)
    written: dict[str, Path] = {}
    for name, df in study.tables().items():
        path = folder / f"{name}.csv"
        write_atomic(path, _csv_text(df).encode("utf-8"))
        written[path.name] = path
    path = folder / "truth.json"
    write_atomic(path, study.truth.to_json().encode("utf-8"))
    written[path.name] = path
    return dict(sorted(written.items()))
