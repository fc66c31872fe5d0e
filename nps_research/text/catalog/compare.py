"""Texts of NPS versus CX (:mod:`nps_research.compare`, notebook 06): sentences, names of measures,
metrics and variables, table headers and plot labels.

Variables (outcomes, CX dimensions, the overall CX score) are written in sentences between quotes,
by their label: the client's own column name, else ``compare.var.<name>``, else the role label.
"""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    # ---------------------------------------------------------------- names
    # measure sets of the notebook (a measure without a text here is shown by the name it was given)
    "compare.measure.nps": {"en": "NPS", "nl": "NPS"},
    "compare.measure.nps_category": {"en": "NPS category", "nl": "NPS-categorie"},
    "compare.measure.satisfaction": {"en": "Satisfaction", "nl": "Tevredenheid"},
    "compare.measure.cx": {"en": "CX (EXQ)", "nl": "CX (EXQ)"},
    "compare.measure.cx_nps": {"en": "CX + NPS", "nl": "CX + NPS"},
    # variables the analysis derives: the EXQ dimensions (Klaus & Maklan 2013), the overall CX score and the
    # NPS category dummies; the one place of the dimension labels in both languages
    "compare.var.pex": {"en": "product experience", "nl": "productervaring"},
    "compare.var.out": {"en": "outcome focus", "nl": "uitkomstgerichtheid"},
    "compare.var.mot": {"en": "moments of truth", "nl": "momenten van de waarheid"},
    "compare.var.pom": {"en": "peace of mind", "nl": "gemoedsrust"},
    "compare.var.cx": {"en": "overall CX score", "nl": "totale CX-score"},
    "compare.var.promoter": {"en": "promoter", "nl": "promotor"},
    "compare.var.passive": {"en": "passive", "nl": "passieve"},
    "compare.var.detractor": {"en": "detractor", "nl": "criticaster"},
    "compare.var.Intercept": {"en": "intercept", "nl": "constante"},
    "compare.quoted": {"en": "‘{name}’", "nl": "‘{name}’"},
    # metrics of the cross-validation
    "compare.metric.auc": {"en": "AUC", "nl": "AUC"},
    "compare.metric.brier": {"en": "Brier score", "nl": "Brier-score"},
    "compare.metric.log_loss": {"en": "log-loss", "nl": "log-loss"},
    "compare.metric.r2": {"en": "R²", "nl": "R²"},
    "compare.metric.rmse": {"en": "RMSE", "nl": "RMSE"},
    # fit measures
    "compare.fit.r2": {"en": "R²", "nl": "R²"},
    "compare.fit.pseudo_r2": {"en": "McFadden's pseudo R²", "nl": "McFaddens pseudo-R²"},
    "compare.fit.linear": {"en": "R²", "nl": "R²"},
    "compare.fit.logistic": {"en": "pseudo R²", "nl": "pseudo-R²"},
    # ---------------------------------------------------------------- out-of-sample prediction
    "compare.pv.cv": {
        "en": {"one": "{cv}-fold cross-validation, n = {n}",
               "other": "{cv}-fold cross-validation repeated {count} times, n = {n}"},
        "nl": {"one": "{cv}-voudige kruisvalidatie, n = {n}",
               "other": "{cv}-voudige kruisvalidatie, {count} keer herhaald, n = {n}"},
    },
    "compare.pv.better": {
        "en": "{measure} predicts {outcome} better than {base}: {metric} {a} versus {b}, difference {d} ({level}% CI "
              "{lo} to {hi}, {p}).",
        "nl": "{measure} voorspelt {outcome} beter dan {base}: {metric} {a} tegenover {b}, verschil {d} ({level}%-BI "
              "{lo} tot {hi}, {p}).",
    },
    "compare.pv.worse": {
        "en": "{measure} predicts {outcome} worse than {base}: {metric} {a} versus {b}, difference {d} ({level}% CI "
              "{lo} to {hi}, {p}).",
        "nl": "{measure} voorspelt {outcome} slechter dan {base}: {metric} {a} tegenover {b}, verschil {d} "
              "({level}%-BI {lo} tot {hi}, {p}).",
    },
    "compare.pv.same": {
        "en": "{measure} does not predict {outcome} significantly differently from {base}: {metric} {a} versus {b}, "
              "difference {d} ({level}% CI {lo} to {hi}, {p}).",
        "nl": "{measure} voorspelt {outcome} niet significant anders dan {base}: {metric} {a} tegenover {b}, "
              "verschil {d} ({level}%-BI {lo} tot {hi}, {p}).",
    },
    # the measure with the best score out of sample, and what the test against the baseline says of it (the
    # measures are tested against the baseline only: "the best" would claim more than was tested)
    "compare.pv.top": {
        "en": "Out of sample ({cv}), {measure} has the {extreme} {metric} for {outcome} ({value}).",
        "nl": "Buiten de steekproef ({cv}) heeft {measure} de {extreme} {metric} voor {outcome} ({value}).",
    },
    "compare.pv.top_beats": {
        "en": "Out of sample ({cv}), {measure} has the {extreme} {metric} for {outcome} ({value}), significantly "
              "better than {base} ({base_value}).",
        "nl": "Buiten de steekproef ({cv}) heeft {measure} de {extreme} {metric} voor {outcome} ({value}), "
              "significant beter dan {base} ({base_value}).",
    },
    "compare.pv.top_not": {
        "en": "Out of sample ({cv}), {measure} has the {extreme} {metric} for {outcome} ({value}), but not "
              "significantly better than {base} ({base_value}).",
        "nl": "Buiten de steekproef ({cv}) heeft {measure} de {extreme} {metric} voor {outcome} ({value}), maar niet "
              "significant beter dan {base} ({base_value}).",
    },
    "compare.pv.extreme.high": {"en": "highest", "nl": "hoogste"},
    "compare.pv.extreme.low": {"en": "lowest", "nl": "laagste"},
    "compare.pv.lr_improves": {
        "en": "Adding {added} to {base} significantly improves the in-sample fit of {outcome} "
              "(likelihood-ratio chi² = {lr} on {df} df, {p}).",
        "nl": "Het toevoegen van {added} aan {base} verbetert de fit voor {outcome} binnen de steekproef "
              "significant (likelihood-ratio chi² = {lr} met {df} vg, {p}).",
    },
    "compare.pv.lr_not": {
        "en": "Adding {added} to {base} does not significantly improve the in-sample fit of {outcome} "
              "(likelihood-ratio chi² = {lr} on {df} df, {p}).",
        "nl": "Het toevoegen van {added} aan {base} verbetert de fit voor {outcome} binnen de steekproef niet "
              "significant (likelihood-ratio chi² = {lr} met {df} vg, {p}).",
    },
    "compare.pv.method_binary": {
        "en": "Method: {cv}-fold cross-validation repeated {repeats} times, with the same folds for every measure, "
              "stratified by the outcome; logistic regression, each time scored on the held-out fold. Intervals and p-values "
              "from the corrected resampled t-test of Nadeau & Bengio (2003) in the form of Bouckaert & Frank "
              "(2004), t with {df} df.",
        "nl": "Methode: {cv}-voudige kruisvalidatie, {repeats} keer herhaald, met voor elke maat dezelfde indeling "
              "van de klanten in deelsteekproeven, gestratificeerd naar de uitkomst; logistische regressie, telkens "
              "beoordeeld op de weggelaten deelsteekproef. Intervallen en p-waarden uit de gecorrigeerde resampled "
              "t-toets van Nadeau & Bengio (2003) in de vorm van Bouckaert & Frank (2004), t met {df} vg.",
    },
    "compare.pv.method_continuous": {
        "en": "Method: {cv}-fold cross-validation repeated {repeats} times, with the same folds for every measure; "
              "linear regression, each time scored on the held-out fold. Intervals and p-values from the corrected resampled "
              "t-test of Nadeau & Bengio (2003) in the form of Bouckaert & Frank (2004), t with {df} df.",
        "nl": "Methode: {cv}-voudige kruisvalidatie, {repeats} keer herhaald, met voor elke maat dezelfde indeling "
              "van de klanten in deelsteekproeven; lineaire regressie, telkens beoordeeld op de weggelaten "
              "deelsteekproef. Intervallen en p-waarden uit de gecorrigeerde resampled t-toets van Nadeau & Bengio "
              "(2003) in de vorm van Bouckaert & Frank (2004), t met {df} vg.",
    },
    "compare.imp.m_of_n": {
        "en": "The intervals come from bootstrap resamples of {m} of the {n} customers each, scaled back to the "
              "whole sample (the m-out-of-n bootstrap of Bickel, Götze & van Zwet, 1997).",
        "nl": "De intervallen komen uit bootstrapsteekproeven van telkens {m} van de {n} klanten, teruggeschaald "
              "naar de hele steekproef (de m-uit-n-bootstrap van Bickel, Götze & Van Zwet, 1997).",
    },
    "compare.pv.sampled": {
        "en": "The cross-validation uses a random sample of {sample} of the {n} customers (at this size the fold "
              "scores are precise long before all of them are used); the fits on the whole sample (AIC, "
              "coefficients, likelihood-ratio tests) use all {n}.",
        "nl": "De kruisvalidatie gebruikt een aselecte steekproef van {sample} van de {n} klanten (bij deze "
              "omvang zijn de scores per deelsteekproef al lang nauwkeurig voordat iedereen meedoet); de fits op "
              "de hele steekproef (AIC, coëfficiënten, likelihood-ratiotoetsen) gebruiken alle {n}.",
    },
    "compare.pv.dropped": {
        "en": {"one": "{count} customer with a missing value is left out.",
               "other": "{count} customers with a missing value are left out."},
        "nl": {"one": "{count} klant met een ontbrekende waarde is weggelaten.",
               "other": "{count} klanten met een ontbrekende waarde zijn weggelaten."},
    },
    # ---------------------------------------------------------------- over all outcomes
    "compare.overall.summary": {
        "en": {"one": "Across {count} outcome, {measure} predicted significantly better than {base} for {better}, "
                      "no differently for {same} and worse for {worse} (out of sample, {metrics}, alpha = {alpha}).",
               "other": "Across {count} outcomes, {measure} predicted significantly better than {base} for {better}, "
                        "no differently for {same} and worse for {worse} (out of sample, {metrics}, "
                        "alpha = {alpha})."},
        "nl": {"one": "Over {count} uitkomst voorspelde {measure} significant beter dan {base} voor {better}, niet "
                      "anders voor {same} en slechter voor {worse} (buiten de steekproef, {metrics}, alfa = {alpha}).",
               "other": "Over {count} uitkomsten voorspelde {measure} significant beter dan {base} voor {better}, "
                        "niet anders voor {same} en slechter voor {worse} (buiten de steekproef, {metrics}, "
                        "alfa = {alpha})."},
    },
    "compare.overall.group": {"en": "{n} ({names})", "nl": "{n} ({names})"},
    "compare.overall.none": {"en": "none", "nl": "geen"},
    "compare.overall.supported": {
        "en": "The claim that {measure} predicts customer behaviour better than {base} is supported for every "
              "outcome tested.",
        "nl": "De bewering dat {measure} klantgedrag beter voorspelt dan {base}, wordt voor elke getoetste "
              "uitkomst ondersteund.",
    },
    "compare.overall.partly": {
        "en": "The claim that {measure} predicts customer behaviour better than {base} is supported for some "
              "outcomes only.",
        "nl": "De bewering dat {measure} klantgedrag beter voorspelt dan {base}, wordt slechts voor een deel van de "
              "uitkomsten ondersteund.",
    },
    "compare.overall.not": {
        "en": "The claim that {measure} predicts customer behaviour better than {base} is not supported by these "
              "data.",
        "nl": "De bewering dat {measure} klantgedrag beter voorspelt dan {base}, wordt door deze gegevens niet "
              "ondersteund.",
    },
    # ---------------------------------------------------------------- incremental validity
    "compare.inc.adds": {
        "en": "{added} adds significantly to {base} in explaining {outcome}: {what} goes from {a} to {b} "
              "({d}; {test}, {p}; n = {n}).",
        "nl": "{added} voegt significant iets toe aan {base} bij het verklaren van {outcome}: {what} gaat van {a} "
              "naar {b} ({d}; {test}, {p}; n = {n}).",
    },
    "compare.inc.not_adds": {
        "en": "{added} does not add significantly to {base} in explaining {outcome}: {what} goes from {a} to {b} "
              "({d}; {test}, {p}; n = {n}).",
        "nl": "{added} voegt niet significant iets toe aan {base} bij het verklaren van {outcome}: {what} gaat van "
              "{a} naar {b} ({d}; {test}, {p}; n = {n}).",
    },
    "compare.inc.f": {"en": "F({df1}, {df2}) = {stat}", "nl": "F({df1}, {df2}) = {stat}"},
    "compare.inc.lr": {"en": "LR chi²({df1}) = {stat}", "nl": "LR chi²({df1}) = {stat}"},
    # ---------------------------------------------------------------- dependent correlations
    "compare.cc.stronger": {
        "en": "The correlation with {target} is stronger for {x} than for {y}: r = {rx} versus {ry} (r between them "
              "{rxy}; difference {d}, {level}% CI {lo} to {hi}; {test}, {p}; n = {n}).",
        "nl": "De samenhang met {target} is sterker voor {x} dan voor {y}: r = {rx} tegenover {ry} (onderlinge r "
              "{rxy}; verschil {d}, {level}%-BI {lo} tot {hi}; {test}, {p}; n = {n}).",
    },
    "compare.cc.weaker": {
        "en": "The correlation with {target} is weaker for {x} than for {y}: r = {rx} versus {ry} (r between them "
              "{rxy}; difference {d}, {level}% CI {lo} to {hi}; {test}, {p}; n = {n}).",
        "nl": "De samenhang met {target} is zwakker voor {x} dan voor {y}: r = {rx} tegenover {ry} (onderlinge r "
              "{rxy}; verschil {d}, {level}%-BI {lo} tot {hi}; {test}, {p}; n = {n}).",
    },
    "compare.cc.same": {
        "en": "The correlation with {target} does not differ significantly between {x} and {y}: r = {rx} versus "
              "{ry} (r between them {rxy}; difference {d}, {level}% CI {lo} to {hi}; {test}, {p}; n = {n}).",
        "nl": "De samenhang met {target} verschilt niet significant tussen {x} en {y}: r = {rx} tegenover {ry} "
              "(onderlinge r {rxy}; verschil {d}, {level}%-BI {lo} tot {hi}; {test}, {p}; n = {n}).",
    },
    "compare.cc.test.steiger": {"en": "Steiger's Z = {stat}", "nl": "Steigers Z = {stat}"},
    "compare.cc.test.williams": {"en": "Williams' T2 = {stat}", "nl": "Williams' T2 = {stat}"},
    "compare.cc.test.meng": {"en": "Meng-Rosenthal-Rubin Z = {stat}", "nl": "Meng-Rosenthal-Rubin Z = {stat}"},
    "compare.cc.r_with": {"en": "r with {x}", "nl": "r met {x}"},
    # ---------------------------------------------------------------- value of a promoter
    "compare.val.means": {
        "en": "Mean of {value}: promoters {p} ({level}% interval {pci}), passives {pa} ({paci}), detractors {d} "
              "({dci}).",
        "nl": "Gemiddelde van {value}: promotors {p} ({level}%-interval {pci}), passieven {pa} ({paci}), "
              "criticasters {d} ({dci}).",
    },
    "compare.val.ratio": {
        "en": "Promoters are worth {r} times as much as detractors in {value} ({level}% CI {lo} to {hi}).",
        "nl": "Promotors zijn {r} keer zoveel waard als criticasters in {value} ({level}%-BI {lo} tot {hi}).",
    },
    "compare.val.claim_ok": {
        "en": "The rule of thumb that promoters are worth {c} times as much is consistent with these data ({p}).",
        "nl": "De vuistregel dat promotors {c} keer zoveel waard zijn, is in overeenstemming met deze gegevens ({p}).",
    },
    "compare.val.claim_lower": {
        "en": "The rule of thumb that promoters are worth {c} times as much is not supported: the ratio is lower "
              "({p}).",
        "nl": "De vuistregel dat promotors {c} keer zoveel waard zijn, wordt niet ondersteund: de verhouding is "
              "lager ({p}).",
    },
    "compare.val.claim_higher": {
        "en": "The rule of thumb that promoters are worth {c} times as much is not supported: the ratio is higher "
              "({p}).",
        "nl": "De vuistregel dat promotors {c} keer zoveel waard zijn, wordt niet ondersteund: de verhouding is "
              "hoger ({p}).",
    },
    "compare.val.no_ratio": {
        "en": "The promoter-to-detractor ratio of {value} is undefined (the detractors' mean is not positive).",
        "nl": "De verhouding promotors/criticasters voor {value} is niet gedefinieerd (het gemiddelde van "
              "criticasters is niet positief).",
    },
    "compare.val.move_passive": {
        "en": "A detractor who becomes a passive goes with a difference of {d} in {value} ({level}% CI {lo} to {hi}).",
        "nl": "Een criticaster die passief wordt, gaat samen met een verschil van {d} in {value} ({level}%-BI {lo} tot "
              "{hi}).",
    },
    "compare.val.move_promoter": {
        "en": "A detractor who becomes a promoter goes with a difference of {d} in {value} ({level}% CI {lo} to {hi}).",
        "nl": "Een criticaster die promotor wordt, gaat samen met een verschil van {d} in {value} ({level}%-BI {lo} "
              "tot {hi}).",
    },
    "compare.val.caveat": {
        "en": "These are differences between groups of customers, not a proven effect of changing one customer.",
        "nl": "Dit zijn verschillen tussen groepen klanten, geen bewezen effect van het veranderen van één klant.",
    },
    # ---------------------------------------------------------------- which dimension matters most
    "compare.imp.top_sig": {
        "en": "For {outcome}, {top} matters most ({share} of the explained {fit}, {level}% CI {lo} to {hi}); it is "
              "significantly more important than {beaten}.",
        "nl": "Voor {outcome} telt {top} het zwaarst ({share} van de verklaarde {fit}, {level}%-BI {lo} tot {hi}); "
              "significant zwaarder dan {beaten}.",
    },
    "compare.imp.top_sig_rest": {
        "en": "For {outcome}, {top} matters most ({share} of the explained {fit}, {level}% CI {lo} to {hi}); it is "
              "significantly more important than {beaten} but not distinguishable from {others}.",
        "nl": "Voor {outcome} telt {top} het zwaarst ({share} van de verklaarde {fit}, {level}%-BI {lo} tot {hi}); "
              "significant zwaarder dan {beaten}, maar niet te onderscheiden van {others}.",
    },
    "compare.imp.top_ns": {
        "en": "For {outcome}, {top} has the largest share ({share} of the explained {fit}, {level}% CI {lo} to "
              "{hi}), but it is not significantly more important than {others}: the data do not single out one "
              "dimension.",
        "nl": "Voor {outcome} heeft {top} het grootste aandeel ({share} van de verklaarde {fit}, {level}%-BI {lo} "
              "tot {hi}), maar niet significant groter dan {others}: de gegevens wijzen geen enkele dimensie aan.",
    },
    # ---------------------------------------------------------------- notebook: hypotheses, data, captions
    "compare.hypotheses": {
        "en": "**Hypotheses** (Klaus & Maklan 2013; practitioners' rules of thumb). Each is tested below on this "
              "study's data.\n\n"
              "1. *Prediction*: a journey-level CX measure ({measure}) predicts what customers do ({doing}) "
              "better out of sample than the Net Promoter question alone.\n"
              "2. *Incremental validity*: CX adds explanatory power to NPS, while NPS adds little to CX.\n"
              "3. *Correlation*: behaviour correlates more strongly with the overall CX score than with the "
              "likelihood to recommend (Steiger's test for dependent correlations).\n"
              "4. *Which dimension*: {which}",
        "nl": "**Hypothesen** (Klaus & Maklan 2013; vuistregels uit de praktijk). Elke hypothese wordt hieronder "
              "getoetst op de gegevens van dit onderzoek.\n\n"
              "1. *Voorspelling*: een CX-maat op het niveau van de klantreis ({measure}) voorspelt wat klanten "
              "doen ({doing}) buiten de steekproef beter dan de NPS-vraag alleen.\n"
              "2. *Incrementele validiteit*: CX voegt verklarende kracht toe aan NPS, terwijl NPS weinig toevoegt "
              "aan CX.\n"
              "3. *Correlatie*: gedrag hangt sterker samen met de totale CX-score dan met de aanbevelingsbereidheid "
              "(Steigers toets voor afhankelijke correlaties).\n"
              "4. *Welke dimensie*: {which}",
    },
    "compare.hyp.measure": {"en": "the dimensions of {scale}: {dimensions}", "nl": "de dimensies van {scale}: "
                            "{dimensions}"},
    "compare.hyp.doing_default": {"en": "stay, spend, buy more products",
                                  "nl": "blijven, besteden, meer producten afnemen"},
    "compare.hyp.doing": {"en": "measured as {outcomes}", "nl": "gemeten als {outcomes}"},
    "compare.hyp.which": {"en": "{dimension} is the CX dimension that matters most.",
                          "nl": "{dimension} is de CX-dimensie die het zwaarst telt."},
    "compare.hyp.which_open": {"en": "one CX dimension matters more than the others.",
                               "nl": "één CX-dimensie telt zwaarder dan de andere."},
    "compare.hyp.value": {"en": "5. *Value of a promoter*: promoters are worth {ratio} times as much as detractors.",
                          "nl": "5. *Waarde van een promotor*: promotors zijn {ratio} keer zoveel waard als "
                                "criticasters."},
    "compare.dropped.no_scale": {
        "en": "{measure} is left out: the data have no CX scale (name one in the study's scales section).",
        "nl": "{measure} valt af: de gegevens hebben geen CX-schaal (noem er een in het onderdeel scales van het "
              "onderzoek).",
    },
    "compare.join.customers_joined": {"en": "customers with a response and an outcome",
                                      "nl": "klanten met een antwoord en een uitkomst"},
    "compare.join.customers_without_outcome": {"en": "customers with a response but no outcome",
                                               "nl": "klanten met een antwoord maar zonder uitkomst"},
    "compare.join.outcomes_without_response": {"en": "customers with an outcome but no response",
                                               "nl": "klanten met een uitkomst maar zonder antwoord"},
    "compare.dropped.missing": {
        "en": "{measure} is left out: the column {column} is not in the data.",
        "nl": "{measure} valt af: de kolom {column} staat niet in de gegevens.",
    },
    "compare.dropped.few": {
        "en": "{measure} is left out: the column {column} has fewer than {min_rows} answers.",
        "nl": "{measure} valt af: de kolom {column} heeft minder dan {min_rows} antwoorden.",
    },
    "compare.absent_outcomes": {"en": "Not in the data and therefore not analysed: {names}.",
                                "nl": "Niet in de gegevens en dus niet geanalyseerd: {names}."},
    "compare.no_outcomes": {
        "en": "The outcomes table has none of the outcomes this page predicts, so this part is left out.",
        "nl": "De uitkomstentabel bevat geen van de uitkomsten die deze pagina voorspelt; dit onderdeel vervalt.",
    },
    "compare.one_dimension": {
        "en": "The CX scale has a single dimension, so there is nothing to rank: this part is left out.",
        "nl": "De CX-schaal heeft één dimensie; er valt niets te rangschikken, dus dit onderdeel vervalt.",
    },
    "compare.no_value": {
        "en": "The outcomes table has no value per customer (such as revenue), so this part is left out.",
        "nl": "De uitkomstentabel bevat geen waarde per klant (zoals omzet); dit onderdeel vervalt.",
    },
    "compare.no_cx": {
        "en": "The data have no CX dimension scores, so this part is skipped.",
        "nl": "De gegevens bevatten geen scores op CX-dimensies; dit onderdeel vervalt.",
    },
    "compare.heading.overall": {"en": "All outcomes", "nl": "Alle uitkomsten"},
    "compare.heading.outcome": {"en": "Outcome: {outcome}", "nl": "Uitkomst: {outcome}"},
    "compare.caption.join": {"en": "Customers in the analysis", "nl": "Klanten in de analyse"},
    "compare.caption.scores": {"en": "Out-of-sample scores per measure", "nl": "Scores buiten de steekproef per maat"},
    "compare.caption.differences": {"en": "Differences from {base}, every metric",
                                    "nl": "Verschillen met {base}, elke maatstaf"},
    "compare.caption.coefficients": {"en": "Model coefficients (whole sample)",
                                     "nl": "Modelcoëfficiënten (hele steekproef)"},
    "compare.caption.incremental": {"en": "Hierarchical regression", "nl": "Hiërarchische regressie"},
    "compare.caption.correlations": {"en": "Correlations with each outcome", "nl": "Correlaties met elke uitkomst"},
    "compare.caption.importance": {"en": "Importance of the CX dimensions", "nl": "Belang van de CX-dimensies"},
    "compare.caption.value": {"en": "Mean value per NPS category", "nl": "Gemiddelde waarde per NPS-categorie"},
    "compare.caption.ratios": {"en": "Promoter-to-detractor ratio", "nl": "Verhouding promotors/criticasters"},
    "compare.caption.moves": {"en": "Differences between the categories", "nl": "Verschillen tussen de categorieën"},
    "compare.col.pseudo_r2_base": {"en": "pseudo R² base", "nl": "pseudo-R² basis"},
    "compare.col.pseudo_r2_full": {"en": "pseudo R² full", "nl": "pseudo-R² volledig"},
    "compare.col.pseudo_delta_r2": {"en": "Δ pseudo R²", "nl": "Δ pseudo-R²"},
    # ---------------------------------------------------------------- plots
    "plot.compare.cv": {"en": "cross-validated {metric}", "nl": "gekruisvalideerde {metric}"},
    "plot.compare.diff": {"en": "difference in {metric} from {base}", "nl": "verschil in {metric} met {base}"},
    "plot.compare.predicted": {"en": "predicted probability", "nl": "voorspelde kans"},
    "plot.compare.observed": {"en": "observed rate", "nl": "waargenomen aandeel"},
    "plot.compare.perfect": {"en": "perfect calibration", "nl": "perfecte kalibratie"},
    "plot.compare.mean": {"en": "{value} (mean)", "nl": "{value} (gemiddelde)"},
    "plot.compare.share": {"en": "share of the explained {fit} (%)", "nl": "aandeel in de verklaarde {fit} (%)"},
    "plot.compare.ratio": {"en": "promoter / detractor = {r} ({level}% CI {lo} to {hi})",
                           "nl": "promotor / criticaster = {r} ({level}%-BI {lo} tot {hi})"},
}  # fmt: skip

#: Result columns of the NPS-versus-CX tables: header per language and format kind.
COLUMNS: dict[str, dict[str, str]] = {
    "measure": {"en": "measure", "nl": "maat", "kind": "text"},
    "baseline": {"en": "baseline", "nl": "basismaat", "kind": "text"},
    "metric": {"en": "metric", "nl": "maatstaf", "kind": "text"},
    "mean": {"en": "mean", "nl": "gemiddelde", "kind": "number:2"},
    "sd": {"en": "standard deviation", "nl": "standaardafwijking", "kind": "number:3"},
    "n_folds": {"en": "folds", "nl": "deelsteekproeven", "kind": "count"},
    "auc": {"en": "AUC", "nl": "AUC", "kind": "number:3"},
    "auc_ci_low": {"en": "AUC lower bound", "nl": "AUC ondergrens", "kind": "number:3"},
    "auc_ci_high": {"en": "AUC upper bound", "nl": "AUC bovengrens", "kind": "number:3"},
    "auc_difference": {"en": "difference in AUC", "nl": "verschil in AUC", "kind": "signed:3"},
    "brier": {"en": "Brier score", "nl": "Brier-score", "kind": "number:3"},
    "brier_ci_low": {"en": "Brier lower bound", "nl": "Brier ondergrens", "kind": "number:3"},
    "brier_ci_high": {"en": "Brier upper bound", "nl": "Brier bovengrens", "kind": "number:3"},
    "log_loss": {"en": "log-loss", "nl": "log-loss", "kind": "number:3"},
    "log_loss_ci_low": {"en": "log-loss lower bound", "nl": "log-loss ondergrens", "kind": "number:3"},
    "log_loss_ci_high": {"en": "log-loss upper bound", "nl": "log-loss bovengrens", "kind": "number:3"},
    "r2": {"en": "R²", "nl": "R²", "kind": "number:3"},
    "r2_ci_low": {"en": "R² lower bound", "nl": "R² ondergrens", "kind": "number:3"},
    "r2_ci_high": {"en": "R² upper bound", "nl": "R² bovengrens", "kind": "number:3"},
    "r2_difference": {"en": "difference in R²", "nl": "verschil in R²", "kind": "signed:3"},
    "rmse": {"en": "RMSE", "nl": "RMSE", "kind": "number:2"},
    "rmse_ci_low": {"en": "RMSE lower bound", "nl": "RMSE ondergrens", "kind": "number:2"},
    "rmse_ci_high": {"en": "RMSE upper bound", "nl": "RMSE bovengrens", "kind": "number:2"},
    "aic": {"en": "AIC", "nl": "AIC", "kind": "number:1"},
    "bic": {"en": "BIC", "nl": "BIC", "kind": "number:1"},
    "term": {"en": "term", "nl": "term", "kind": "text"},
    "coef": {"en": "coefficient", "nl": "coëfficiënt", "kind": "number:3"},
    "odds_ratio": {"en": "odds ratio", "nl": "oddsratio", "kind": "number:3"},
    "base": {"en": "base measure", "nl": "basismaat", "kind": "text"},
    "added": {"en": "added measure", "nl": "toegevoegde maat", "kind": "text"},
    "r2_base": {"en": "R² base", "nl": "R² basis", "kind": "number:3"},
    "r2_full": {"en": "R² full", "nl": "R² volledig", "kind": "number:3"},
    "delta_r2": {"en": "ΔR²", "nl": "ΔR²", "kind": "signed:3"},
    "test": {"en": "test", "nl": "toets", "kind": "text"},
    "t": {"en": "t", "nl": "t", "kind": "number:2"},
    "df": {"en": "df", "nl": "vg", "kind": "count"},
    "df1": {"en": "df1", "nl": "vg1", "kind": "count"},
    "df2": {"en": "df2", "nl": "vg2", "kind": "count"},
    "target": {"en": "outcome", "nl": "uitkomst", "kind": "text"},
    "r": {"en": "r", "nl": "r", "kind": "number:3"},
    "r_x": {"en": "r first variable", "nl": "r eerste variabele", "kind": "number:3"},
    "r_y": {"en": "r second variable", "nl": "r tweede variabele", "kind": "number:3"},
    "r_xy": {"en": "r between the two", "nl": "onderlinge r", "kind": "number:3"},
    "outcome": {"en": "outcome", "nl": "uitkomst", "kind": "text"},
    "dimension": {"en": "CX dimension", "nl": "CX-dimensie", "kind": "text"},
    "importance": {"en": "importance", "nl": "belang", "kind": "number:3"},
    "share": {"en": "share of explained", "nl": "aandeel in verklaarde", "kind": "share"},
    "share_ci_low": {"en": "share lower bound", "nl": "aandeel ondergrens", "kind": "share"},
    "share_ci_high": {"en": "share upper bound", "nl": "aandeel bovengrens", "kind": "share"},
    "rank": {"en": "rank", "nl": "rang", "kind": "count"},
    "value": {"en": "value", "nl": "waarde", "kind": "text"},
    "share_of_customers": {"en": "% of customers", "nl": "% van de klanten", "kind": "share"},
    "share_of_value": {"en": "% of value", "nl": "% van de waarde", "kind": "share"},
    "ratio": {"en": "ratio", "nl": "verhouding", "kind": "number:2"},
    "claimed_ratio": {"en": "claimed ratio", "nl": "geclaimde verhouding", "kind": "number:1"},
    "p_value_claim": {"en": "p-value (claimed ratio)", "nl": "p-waarde (geclaimde verhouding)", "kind": "p"},
    "p_value_equal": {"en": "p-value (ratio 1)", "nl": "p-waarde (verhouding 1)", "kind": "p"},
    "from_category": {"en": "from", "nl": "van", "kind": "category"},
    "to_category": {"en": "to", "nl": "naar", "kind": "category"},
    "join_group": {"en": "customers", "nl": "klanten", "kind": "text"},
    "n_customers": {"en": "number", "nl": "aantal", "kind": "count"},
}
