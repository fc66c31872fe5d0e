"""Texts of the people analyses (notebook 07): units as a learning tool, signals, agents' predictions.

The wording is that of a conversation, not a verdict: a signal says what was seen and how unlikely it is by
chance, never that a person cheated.
"""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    "people.title": {"en": "People: NPS per {unit} as a learning tool", "nl": "Mensen: NPS per {unit} als leermiddel"},
    "people.no_agents": {
        "en": "The data hold no agents' predictions of the customer's score ({column}), so agreement is not shown.",
        "nl": "De data bevatten geen voorspellingen van medewerkers van de score van de klant ({column}); "
              "overeenstemming is daarom niet te tonen.",
    },
    "people.pseudonymised": {
        "en": "Personal data are not allowed in this report: every {unit} is shown by a keyed pseudonym (the client "
              "holds the key).",
        "nl": "Persoonsgegevens zijn in dit rapport niet toegestaan: elke {unit} staat er onder een sleutelcode "
              "(de opdrachtgever heeft de sleutel).",
    },
    "people.all_signals": {"en": "All signals", "nl": "Alle signalen"},
    "people.col_observed": {"en": "observed", "nl": "gemeten"},
    "people.col_measure": {"en": "measure", "nl": "maat"},
    "people.col_signal": {"en": "signal", "nl": "signaal"},
    "people.agents_table": {"en": "Bias per agent", "nl": "Afwijking per medewerker"},
    "people.intro": {
        "en": "NPS per person or team is a conversation starter, not a target or a ranking. Each {unit}'s NPS is "
              "shown with its uncertainty and pulled towards what is typical when it rests on few answers "
              "(shrinkage); a funnel plot shows which differences are larger than chance; signals point at "
              "patterns worth a conversation.",
        "nl": "NPS per persoon of team is een startpunt voor een gesprek, geen doel of ranglijst. De NPS per "
              "{unit} staat er met zijn onzekerheid en wordt naar het gebruikelijke getrokken als hij op weinig "
              "antwoorden rust (shrinkage); een trechterplot laat zien welke verschillen groter zijn dan toeval; "
              "signalen wijzen op patronen die een gesprek waard zijn.",
    },
    "people.units_intro": {
        "en": "Per {unit}: {k} with at least {min_n} answers, {n} answers in all (overall NPS {nps}); {hidden} "
              "with fewer answers are not shown individually.",
        "nl": "Per {unit}: {k} met minstens {min_n} antwoorden, samen {n} antwoorden (NPS totaal {nps}); {hidden} "
              "met minder antwoorden staan er niet afzonderlijk in.",
    },
    "people.spread": {
        "en": "Units differ by more than chance: the real spread between units is about {tau} NPS points (standard "
              "deviation); the funnel limits allow for it.",
        "nl": "Eenheden verschillen meer dan toeval verklaart: de echte spreiding tussen eenheden is ongeveer {tau} "
              "NPS-punten (standaarddeviatie); de trechtergrenzen houden daar rekening mee.",
    },
    "people.no_spread": {
        "en": "The differences between units are no larger than chance alone would give.",
        "nl": "De verschillen tussen eenheden zijn niet groter dan toeval alleen zou geven.",
    },
    "people.outside_high": {
        "en": "{name} is above the funnel's 99.8% limit: NPS {nps} on {n} answers (after shrinkage {shrunk}, "
              "interval {ci}). Worth asking what works there.",
        "nl": "{name} ligt boven de 99,8%-grens van de trechter: NPS {nps} bij {n} antwoorden (na shrinkage "
              "{shrunk}, interval {ci}). De moeite waard om te vragen wat daar goed werkt.",
    },
    "people.outside_low": {
        "en": "{name} is below the funnel's 99.8% limit: NPS {nps} on {n} answers (after shrinkage {shrunk}, "
              "interval {ci}). Worth a conversation about what customers run into.",
        "nl": "{name} ligt onder de 99,8%-grens van de trechter: NPS {nps} bij {n} antwoorden (na shrinkage "
              "{shrunk}, interval {ci}). De moeite waard om te bespreken waar klanten tegenaan lopen.",
    },
    "people.none_outside": {
        "en": "Per {unit}: none lies outside the funnel's 99.8% limits; the differences are within what chance "
              "and the usual spread give.",
        "nl": "Per {unit}: niemand ligt buiten de 99,8%-grenzen van de trechter; de verschillen vallen binnen wat "
              "toeval en de gebruikelijke spreiding geven.",
    },
    "people.ranks": {
        "en": "Ranks are uncertain: the typical unit could plausibly hold any of {width} places among {k}; read "
              "the rank intervals, not a league table.",
        "nl": "Rangplaatsen zijn onzeker: een gemiddelde eenheid kan aannemelijk elk van {width} plaatsen van de {k} "
              "innemen; lees de rangintervallen, geen ranglijst.",
    },
    "people.no_signals": {
        "en": "Per {unit}: no signal in the score patterns or invitations of the {k} shown, at a false discovery "
              "rate of {q}.",
        "nl": "Per {unit}: geen signaal in de scorepatronen of uitnodigingen van de {k} getoonde, bij een false "
              "discovery rate van {q}.",
    },
    "people.signal_not_unusual": {
        "en": "{name}: {signal}: not unusual ({q}).",
        "nl": "{name}: {signal}: niet ongewoon ({q}).",
    },
    "people.signals_intro": {
        "en": "Signals are patterns worth a conversation; each says what was seen and how unlikely it is if these "
              "customers answered like those of the other units. A signal is not proof of anything.",
        "nl": "Signalen zijn patronen die een gesprek waard zijn; elk zegt wat er te zien is en hoe onwaarschijnlijk "
              "dat is als deze klanten antwoordden zoals die van de andere eenheden. Een signaal bewijst niets.",
    },
    "people.signal.truncated": {
        "en": "{name}: not a single answer below {lowest} in {n} answers, where usually about {expected} of answers "
              "are below {lowest} ({q}). Customers may have been invited selectively: worth discussing how "
              "invitations go out.",
        "nl": "{name}: geen enkel antwoord lager dan {lowest} in {n} antwoorden, terwijl gewoonlijk ongeveer "
              "{expected} van de antwoorden lager is ({q}). Mogelijk zijn klanten selectief uitgenodigd: bespreek "
              "hoe uitnodigingen worden verstuurd.",
    },
    "people.signal.no_detractors": {
        "en": "{name}: {share} detractors in {n} answers, where about {expected} is usual ({q}). Customers may have "
              "been invited selectively: worth discussing how invitations go out.",
        "nl": "{name}: {share} criticasters in {n} antwoorden, waar ongeveer {expected} gebruikelijk is ({q}). "
              "Mogelijk zijn klanten selectief uitgenodigd: bespreek hoe uitnodigingen worden verstuurd.",
    },
    "people.left_to_people": {
        "en": {"one": "{cols} is not compared here as a segment: NPS per person or team is on the People page, "
                      "fairly compared (shrinkage to the average, funnel, case mix) and as a learning tool, not a "
                      "league table.",
               "other": "{cols} are not compared here as segments: NPS per person or team is on the People page, "
                        "fairly compared (shrinkage to the average, funnel, case mix) and as a learning tool, not "
                        "a league table."},
        "nl": {"one": "{cols} wordt hier niet als segment vergeleken: NPS per persoon of team staat op de pagina "
                      "Mensen, eerlijk vergeleken (krimp naar het gemiddelde, trechter, klantmix) en als leermiddel, "
                      "niet als ranglijst.",
               "other": "{cols} worden hier niet als segmenten vergeleken: NPS per persoon of team staat op de "
                        "pagina Mensen, eerlijk vergeleken (krimp naar het gemiddelde, trechter, klantmix) en als "
                        "leermiddel, niet als ranglijst."},
    },
    "people.signal.passive_gap": {
        "en": "{name}: few 7s and 8s: {share} of the non-detractors, where about {expected} is usual ({q}, {n} "
              "answers). This pattern appears when customers are asked for a 9 or 10.",
        "nl": "{name}: weinig zevens en achten: {share} van de niet-criticasters; gebruikelijk is ongeveer "
              "{expected} ({q}, {n} antwoorden). Dit patroon ontstaat als klanten om een 9 of 10 wordt "
              "gevraagd.",
    },
    "people.signal.tens_excess": {
        "en": "{name}: many 10s: {share} of the 9s and 10s, where about {expected} is usual ({q}, {n} answers).",
        "nl": "{name}: veel tienen: {share} van de negens en tienen, waar ongeveer {expected} gebruikelijk is "
              "({q}, {n} antwoorden).",
    },
    "people.signal.ltr_above_drivers": {
        "en": "{name}: recommendation scores are {share} points above what the same customers' other scores "
              "predict ({q}, {n} answers). This pattern appears when customers are asked for a high score.",
        "nl": "{name}: de aanbevelingsscores liggen {share} punten boven wat de andere scores van dezelfde klanten "
              "voorspellen ({q}, {n} antwoorden). Dit patroon ontstaat als klanten om een hoge score wordt gevraagd.",
    },
    "people.signal.scores_shifted": {
        "en": "{name}: customers score higher on every question, not only on recommendation ({share} standard "
              "deviations above other units' customers; {q}, {n} answers). Either this unit serves customers "
              "better or its answers come from a selection of customers.",
        "nl": "{name}: klanten scoren hoger op alle vragen, niet alleen op aanbeveling ({share} standaarddeviatie "
              "boven de klanten van andere eenheden; {q}, {n} antwoorden). Of deze eenheid helpt klanten beter, "
              "of de antwoorden komen van een selectie van klanten.",
    },
    "people.signal.invitation_rate": {
        "en": "{name}: {share} of eligible customers invited, where about {expected} is usual ({q}, {n} "
              "transactions). Worth checking who decides whom to invite.",
        "nl": "{name}: {share} van de klanten die in aanmerking kwamen, is uitgenodigd; gebruikelijk is ongeveer "
              "{expected} ({q}, {n} transacties). Ga na wie bepaalt wie een uitnodiging krijgt.",
    },
    "people.signal.invited_selected": {
        "en": "{name}: invited customers differ from those not invited on what was known before the survey "
              "({share} standard deviations; {q}, {n} transactions).",
        "nl": "{name}: uitgenodigde klanten verschillen van niet-uitgenodigde op wat vóór de meting bekend was "
              "({share} standaarddeviatie; {q}, {n} transacties).",
    },
    "people.signal.change_after": {
        "en": "{name}: NPS went from {before} to {after} after the given date, {share} points more than the other "
              "units changed ({q}, {n} answers).",
        "nl": "{name}: de NPS ging na de opgegeven datum van {before} naar {after}, {share} punten meer dan de "
              "andere eenheden veranderden ({q}, {n} antwoorden).",
    },
    "people.agents_intro": {
        "en": "Agents predicted the customer's score for {n} answered contacts ({k} agents): exactly right {exact}, "
              "within one point {within}; quadratic-weighted kappa {kappa} (interval {kappa_ci}), Gwet's AC2 "
              "{ac2}.",
        "nl": "Medewerkers voorspelden de score van de klant bij {n} beantwoorde contacten ({k} medewerkers): "
              "precies goed {exact}, binnen één punt {within}; kwadratisch gewogen kappa {kappa} (interval "
              "{kappa_ci}), Gwet's AC2 {ac2}.",
    },
    "people.agents_bias_up": {
        "en": "Agents predict {bias} points too high on average (interval {ci}); single predictions are off by "
              "{loa} points (95% limits of agreement).",
        "nl": "Medewerkers voorspellen gemiddeld {bias} punten te hoog (interval {ci}); afzonderlijke voorspellingen "
              "zitten er {loa} punten naast (95%-grenzen van overeenstemming).",
    },
    "people.agents_bias_down": {
        "en": "Agents predict {bias} points too low on average (interval {ci}); single predictions are off by "
              "{loa} points (95% limits of agreement).",
        "nl": "Medewerkers voorspellen gemiddeld {bias} punten te laag (interval {ci}); afzonderlijke voorspellingen "
              "zitten er {loa} punten naast (95%-grenzen van overeenstemming).",
    },
    "people.agents_no_bias": {
        "en": "On average agents predict neither too high nor too low (mean difference interval {ci}); single "
              "predictions are off by {loa} points (95% limits of agreement).",
        "nl": "Gemiddeld voorspellen medewerkers niet te hoog en niet te laag (interval van het gemiddelde verschil "
              "{ci}); afzonderlijke voorspellingen zitten er {loa} punten naast (95%-grenzen van overeenstemming).",
    },
    "people.agents_nps": {
        "en": "Predicted NPS {pred} against actual NPS {act}: a difference of {diff} (interval {ci}).",
        "nl": "Voorspelde NPS {pred} tegenover werkelijke NPS {act}: een verschil van {diff} (interval {ci}).",
    },
    "people.agents_off": {
        "en": {"one": "One agent's predictions are off in a consistent direction, after shrinkage: {names}.",
               "other": "{k} agents' predictions are off in a consistent direction, after shrinkage: {names}."},
        "nl": {"one": "De voorspellingen van één medewerker wijken na shrinkage steeds in dezelfde richting af: "
                      "{names}.",
               "other": "De voorspellingen van {k} medewerkers wijken na shrinkage steeds in dezelfde richting af: "
                        "{names}."},
    },
    "people.nonresponse": {
        "en": "Agents predicted an NPS of {resp} for customers who answered and {non} for those who did not: "
              "nonresponse moves the NPS by about {diff} points (interval {ci}).",
        "nl": "Medewerkers voorspelden een NPS van {resp} voor klanten die antwoordden en {non} voor klanten die "
              "dat niet deden: non-respons verschuift de NPS met ongeveer {diff} punten (interval {ci}).",
    },
    # statistics of the agent agreement table
    "value.exact_agreement": {"en": "exact agreement (%)", "nl": "precies gelijk (%)"},
    "value.within_one": {"en": "within one point (%)", "nl": "binnen één punt (%)"},
    "value.kappa_quadratic": {"en": "quadratic-weighted kappa (0-10)", "nl": "kwadratisch gewogen kappa (0-10)"},
    "value.kappa_categories": {"en": "kappa (three categories)", "nl": "kappa (drie categorieën)"},
    "value.gwet_ac2": {"en": "Gwet's AC2", "nl": "Gwet's AC2"},
    "value.icc_a1": {"en": "ICC(A,1)", "nl": "ICC(A,1)"},
    "value.bias": {"en": "mean difference (predicted - actual)", "nl": "gemiddeld verschil (voorspeld - werkelijk)"},
    "value.calibration_in_the_large": {"en": "calibration in the large", "nl": "kalibratie in het groot"},
    "value.calibration_slope": {"en": "calibration slope", "nl": "kalibratiehelling"},
    "value.nps_predicted": {"en": "predicted NPS", "nl": "voorspelde NPS"},
    "value.nps_actual": {"en": "actual NPS", "nl": "werkelijke NPS"},
    "value.nps_difference": {"en": "NPS difference (predicted - actual)", "nl": "NPS-verschil (voorspeld - werkelijk)"},
    # signals
    "value.no_detractors": {"en": "few detractors", "nl": "weinig criticasters"},
    "value.truncated": {"en": "no low scores", "nl": "geen lage scores"},
    "value.passive_gap": {"en": "few 7s and 8s", "nl": "weinig zevens en achten"},
    "value.tens_excess": {"en": "many 10s", "nl": "veel tienen"},
    "value.ltr_above_drivers": {"en": "score above other answers", "nl": "score boven andere antwoorden"},
    "value.scores_shifted": {"en": "all scores higher", "nl": "alle scores hoger"},
    "value.invitation_rate": {"en": "few invited", "nl": "weinig uitgenodigd"},
    "value.invited_selected": {"en": "invited differ", "nl": "uitgenodigden wijken af"},
    "value.change_after": {"en": "rise after date", "nl": "stijging na datum"},
    "value.pattern": {"en": "score pattern", "nl": "scorepatroon"},
    "value.selection": {"en": "selection", "nl": "selectie"},
    # plots
    "plot.people.funnel_title": {"en": "NPS per {unit} against number of answers",
                                 "nl": "NPS per {unit} tegen aantal antwoorden"},
    "plot.people.answers": {"en": "Number of answers", "nl": "Aantal antwoorden"},
    "plot.people.limit_95": {"en": "95% limits", "nl": "95%-grenzen"},
    "plot.people.limit_998": {"en": "99.8% limits", "nl": "99,8%-grenzen"},
    "plot.people.target": {"en": "Overall NPS", "nl": "NPS totaal"},
    "plot.people.target_adjusted": {"en": "Expected NPS (case mix)", "nl": "Verwachte NPS (klantmix)"},
    "plot.people.units": {"en": "Units", "nl": "Eenheden"},
    "plot.people.outside": {"en": "Outside 99.8%", "nl": "Buiten 99,8%"},
    "plot.people.shrunk": {"en": "NPS after shrinkage (interval)", "nl": "NPS na shrinkage (interval)"},
    "plot.people.raw": {"en": "Observed NPS", "nl": "Gemeten NPS"},
    "plot.people.signals_title": {"en": "Signals per {unit} (-log10 q)", "nl": "Signalen per {unit} (-log10 q)"},
    "plot.people.signal_strength": {"en": "Strength of signal (-log10 q)", "nl": "Sterkte van het signaal (-log10 q)"},
    "plot.people.threshold": {"en": "Flag threshold", "nl": "Drempel voor signaal"},
    "plot.people.ba_title": {"en": "Predicted against actual score (Bland-Altman)",
                             "nl": "Voorspelde tegen werkelijke score (Bland-Altman)"},
    "plot.people.ba_mean": {"en": "Mean of predicted and actual score",
                            "nl": "Gemiddelde van voorspelde en werkelijke score"},
    "plot.people.ba_diff": {"en": "Predicted - actual score", "nl": "Voorspelde - werkelijke score"},
    "plot.people.bias": {"en": "Mean difference", "nl": "Gemiddeld verschil"},
    "plot.people.loa": {"en": "95% limits of agreement", "nl": "95%-grenzen van overeenstemming"},
    "plot.people.cal_title": {"en": "Calibration of agents' predictions", "nl": "Kalibratie van de voorspellingen"},
    "plot.people.predicted": {"en": "Predicted score", "nl": "Voorspelde score"},
    "plot.people.actual_mean": {"en": "Mean actual score", "nl": "Gemiddelde werkelijke score"},
    "plot.people.perfect": {"en": "Perfect calibration", "nl": "Perfecte kalibratie"},
    "plot.people.observed": {"en": "Observed", "nl": "Gemeten"},
}

COLUMNS: dict[str, dict[str, str]] = {
    "unit": {"en": "unit", "nl": "eenheid", "kind": "text"},
    "nps_shrunk": {"en": "NPS after shrinkage", "nl": "NPS na shrinkage", "kind": "points"},
    "expected_nps": {"en": "expected NPS", "nl": "verwachte NPS", "kind": "points"},
    "nps_adjusted": {"en": "NPS adjusted for case mix", "nl": "NPS gecorrigeerd voor klantmix", "kind": "points"},
    "funnel_low_95": {"en": "funnel 95% low", "nl": "trechter 95% laag", "kind": "points"},
    "funnel_high_95": {"en": "funnel 95% high", "nl": "trechter 95% hoog", "kind": "points"},
    "funnel_low_998": {"en": "funnel 99.8% low", "nl": "trechter 99,8% laag", "kind": "points"},
    "funnel_high_998": {"en": "funnel 99.8% high", "nl": "trechter 99,8% hoog", "kind": "points"},
    "outside_95": {"en": "outside 95%", "nl": "buiten 95%", "kind": "bool"},
    "outside_998": {"en": "outside 99.8%", "nl": "buiten 99,8%", "kind": "bool"},
    "z": {"en": "z", "nl": "z", "kind": "number:2"},
    "rank_low": {"en": "rank from", "nl": "rang van", "kind": "count"},
    "rank_high": {"en": "rank to", "nl": "rang tot", "kind": "count"},
    "shown": {"en": "shown", "nl": "getoond", "kind": "bool"},
    "kind": {"en": "kind", "nl": "soort", "kind": "category"},
    "expected": {"en": "usual", "nl": "gebruikelijk", "kind": "number:1"},
    "flagged": {"en": "flagged", "nl": "gesignaleerd", "kind": "bool"},
    "agent": {"en": "agent", "nl": "medewerker", "kind": "text"},
    "bias": {"en": "mean difference", "nl": "gemiddeld verschil", "kind": "number:2"},
    "bias_shrunk": {"en": "difference after shrinkage", "nl": "verschil na shrinkage", "kind": "number:2"},
    "shrunk_ci_low": {"en": "lower bound (shrunk)", "nl": "ondergrens (na shrinkage)", "kind": "number:2"},
    "shrunk_ci_high": {"en": "upper bound (shrunk)", "nl": "bovengrens (na shrinkage)", "kind": "number:2"},
}
