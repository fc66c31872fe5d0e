"""Texts of the driver analysis (:mod:`nps_research.drivers`, notebook 04): sentences, table headers, the
words of the Kano classes and quadrants, plot labels, and readable names of the demo study's attributes.

Drivers and outcomes are written by their labels (the client's column name, else a header of ``COLUMNS``);
outcomes between quotes.
"""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    # ---------------------------------------------------------------- opening sentence
    "drivers.intro": {
        "en": {"one": "Which attributes drive the outcome ‘{outcome}’, and by how much? This page uses {n} answers; "
                      "{complete} of them have a score on the attribute.",
               "other": "Which attributes drive the outcome ‘{outcome}’, and by how much? This page uses {n} answers; "
                        "{complete} of them have a score on all {k} attributes."},
        "nl": {"one": "Welke attributen bepalen de uitkomst ‘{outcome}’, en hoe sterk? Deze pagina gebruikt {n} "
                      "antwoorden; {complete} daarvan hebben een score op het attribuut.",
               "other": "Welke attributen bepalen de uitkomst ‘{outcome}’, en hoe sterk? Deze pagina gebruikt {n} "
                        "antwoorden; {complete} daarvan hebben een score op alle {k} attributen."},
    },
    "drivers.intro.scoped": {
        "en": {"one": "Which attributes drive the outcome ‘{outcome}’, and by how much? This page uses {n} answers "
                      "(survey type: {survey}); {complete} of them have a score on the attribute.",
               "other": "Which attributes drive the outcome ‘{outcome}’, and by how much? This page uses {n} answers "
                        "(survey type: {survey}); {complete} of them have a score on all {k} attributes."},
        "nl": {"one": "Welke attributen bepalen de uitkomst ‘{outcome}’, en hoe sterk? Deze pagina gebruikt {n} "
                      "antwoorden (type meting: {survey}); {complete} daarvan hebben een score op het attribuut.",
               "other": "Welke attributen bepalen de uitkomst ‘{outcome}’, en hoe sterk? Deze pagina gebruikt {n} "
                        "antwoorden (type meting: {survey}); {complete} daarvan hebben een score op alle {k} "
                        "attributen."},
    },
    # ---------------------------------------------------------------- relative importance
    "drivers.imp.total.linear": {
        "en": {"one": "The driver explains {pct} of the variation in ‘{outcome}’ (R² = {r2}).",
               "other": "Together the {k} drivers explain {pct} of the variation in ‘{outcome}’ (R² = {r2})."},
        "nl": {"one": "De factor verklaart {pct} van de variatie in ‘{outcome}’ (R² = {r2}).",
               "other": "Samen verklaren de {k} factoren {pct} van de variatie in ‘{outcome}’ (R² = {r2})."},
    },
    "drivers.imp.total.linear.n": {
        "en": {"one": "The driver explains {pct} of the variation in ‘{outcome}’ (R² = {r2}; n = {n}).",
               "other": "Together the {k} drivers explain {pct} of the variation in ‘{outcome}’ (R² = {r2}; "
                        "n = {n})."},
        "nl": {"one": "De factor verklaart {pct} van de variatie in ‘{outcome}’ (R² = {r2}; n = {n}).",
               "other": "Samen verklaren de {k} factoren {pct} van de variatie in ‘{outcome}’ (R² = {r2}; "
                        "n = {n})."},
    },
    "drivers.imp.total.logistic": {
        "en": {"one": "For ‘{outcome}’ the driver reaches a pseudo R² of {r2}.",
               "other": "For ‘{outcome}’ the {k} drivers together reach a pseudo R² of {r2}."},
        "nl": {"one": "Voor ‘{outcome}’ haalt de factor een pseudo-R² van {r2}.",
               "other": "Voor ‘{outcome}’ halen de {k} factoren samen een pseudo-R² van {r2}."},
    },
    "drivers.imp.total.logistic.n": {
        "en": {"one": "For ‘{outcome}’ the driver reaches a pseudo R² of {r2} (n = {n}).",
               "other": "For ‘{outcome}’ the {k} drivers together reach a pseudo R² of {r2} (n = {n})."},
        "nl": {"one": "Voor ‘{outcome}’ haalt de factor een pseudo-R² van {r2} (n = {n}).",
               "other": "Voor ‘{outcome}’ halen de {k} factoren samen een pseudo-R² van {r2} (n = {n})."},
    },
    "drivers.imp.item": {"en": "{name} ({share})", "nl": "{name} ({share})"},
    "drivers.imp.top": {
        "en": "The most important is {top} ({share} of the explained part), followed by {rest}.",
        "nl": "De belangrijkste is {top} ({share} van het verklaarde deel), gevolgd door {rest}.",
    },
    "drivers.imp.top_only": {
        "en": "The only driver is {top} ({share} of the explained part).",
        "nl": "De enige factor is {top} ({share} van het verklaarde deel).",
    },
    "drivers.imp.rank_sure": {
        "en": "The {level}% bootstrap interval of the ranks confirms {top} as number 1.",
        "nl": "Het {level}%-bootstrapinterval van de rangorde bevestigt dat {top} op 1 staat.",
    },
    "drivers.imp.rank_unsure": {
        "en": "Which driver ranks first is uncertain (by the {level}% bootstrap interval of the ranks): {names} "
              "can each be number 1.",
        "nl": "Welke factor op 1 staat is onzeker (volgens het {level}%-bootstrapinterval van de rangorde): {names} "
              "kunnen elk op 1 staan.",
    },
    "drivers.imp.sign_flag": {
        "en": {"one": "Note: for {names} the regression coefficient has the opposite sign of the correlation "
                      "(suppression); do not read that coefficient on its own.",
               "other": "Note: for {names} the regression coefficients have the opposite sign of the correlations "
                        "(suppression); do not read those coefficients on their own."},
        "nl": {"one": "Let op: bij {names} heeft de regressiecoëfficiënt een ander teken dan de correlatie "
                      "(suppressie); lees die coëfficiënt niet los.",
               "other": "Let op: bij {names} hebben de regressiecoëfficiënten een ander teken dan de correlaties "
                        "(suppressie); lees die coëfficiënten niet los."},
    },
    "drivers.imp.method.shapley.linear": {
        "en": "Shapley values (LMG, general dominance) of R², exact over all subsets of drivers",
        "nl": "Shapley-waarden (LMG, algemene dominantie) van R², exact over alle deelverzamelingen van factoren",
    },
    "drivers.imp.method.shapley.logistic": {
        "en": "Shapley values (general dominance) of McFadden's pseudo R², exact over all subsets of drivers",
        "nl": "Shapley-waarden (algemene dominantie) van McFaddens pseudo-R², exact over alle deelverzamelingen van "
              "factoren",
    },
    "drivers.imp.method.johnson.linear": {
        "en": "Johnson's relative weights", "nl": "relatieve gewichten van Johnson",
    },
    "drivers.imp.method.johnson.logistic": {
        "en": "logistic relative weights (Tonidandel & LeBreton)",
        "nl": "logistische relatieve gewichten (Tonidandel & LeBreton)",
    },
    "drivers.imp.method.permutation": {
        "en": "Shapley values of R², estimated from {n} random orderings of the drivers (too many drivers for the "
              "exact computation; largest 95% error {err})",
        "nl": "Shapley-waarden van R², geschat uit {n} willekeurige volgordes van de factoren (te veel factoren "
              "voor de exacte berekening; grootste 95%-fout {err})",
    },
    "drivers.imp.method.logistic_fallback": {
        "en": "logistic relative weights (Tonidandel & LeBreton), because {k} drivers are too many for exact "
              "dominance of a yes/no outcome",
        "nl": "logistische relatieve gewichten (Tonidandel & LeBreton), omdat {k} factoren te veel zijn voor exacte "
              "dominantie van een ja/nee-uitkomst",
    },
    "drivers.imp.method_boot": {
        "en": "Method: {method}; {level}% percentile intervals from {b} bootstrap resamples.",
        "nl": "Methode: {method}; {level}%-percentielintervallen uit {b} bootstrapsteekproeven.",
    },
    "drivers.imp.method_only": {"en": "Method: {method}.", "nl": "Methode: {method}."},
    # ---------------------------------------------------------------- dominance
    "drivers.dom.complete_all.linear": {
        "en": "{name} dominates every other driver completely: in every model with any subset of the others it "
              "adds more explained variance than each of them.",
        "nl": "{name} domineert alle andere factoren volledig: in elk model met een willekeurige deelverzameling "
              "van de andere voegt deze factor meer verklaarde variantie toe dan elk van hen.",
    },
    "drivers.dom.complete_all.logistic": {
        "en": "{name} dominates every other driver completely: in every model with any subset of the others it "
              "adds more to the fit than each of them.",
        "nl": "{name} domineert alle andere factoren volledig: in elk model met een willekeurige deelverzameling "
              "van de andere voegt deze factor meer verklaringskracht toe dan elk van hen.",
    },
    "drivers.dom.count": {
        "en": {"one": "Complete dominance holds for {k} of the {pairs} pairs of drivers; for the other pairs the "
                      "order depends on which drivers are already in the model.",
               "other": "Complete dominance holds for {k} of the {pairs} pairs of drivers; for the other pairs the "
                        "order depends on which drivers are already in the model."},
        "nl": {"one": "Volledige dominantie geldt voor {k} van de {pairs} paren factoren; bij de andere paren hangt "
                      "de volgorde af van welke factoren al in het model zitten.",
               "other": "Volledige dominantie geldt voor {k} van de {pairs} paren factoren; bij de andere paren "
                        "hangt de volgorde af van welke factoren al in het model zitten."},
    },
    "drivers.dom.undetermined": {"en": "undetermined", "nl": "onbepaald"},
    # ---------------------------------------------------------------- driver model
    "drivers.model.dummy": {"en": "{column} = {level}", "nl": "{column} = {level}"},
    "drivers.target.promoter": {"en": "being a promoter", "nl": "promotor zijn"},
    "drivers.target.detractor": {"en": "being a detractor", "nl": "criticaster zijn"},
    "drivers.model.fit.ols": {
        "en": {"one": "Linear regression of ‘{outcome}’ on {k} term (robust HC3 standard errors; n = {n}): "
                      "R² = {r2}, adjusted R² = {r2_adj}.",
               "other": "Linear regression of ‘{outcome}’ on {k} terms (robust HC3 standard errors; n = {n}): "
                        "R² = {r2}, adjusted R² = {r2_adj}."},
        "nl": {"one": "Lineaire regressie van ‘{outcome}’ op {k} term (robuuste HC3-standaardfouten; n = {n}): "
                      "R² = {r2}, gecorrigeerde R² = {r2_adj}.",
               "other": "Lineaire regressie van ‘{outcome}’ op {k} termen (robuuste HC3-standaardfouten; n = {n}): "
                        "R² = {r2}, gecorrigeerde R² = {r2_adj}."},
    },
    "drivers.model.fit.ordinal": {
        "en": {"one": "Ordered logit of ‘{outcome}’ on {k} term (n = {n}): McFadden's pseudo R² = {r2}.",
               "other": "Ordered logit of ‘{outcome}’ on {k} terms (n = {n}): McFadden's pseudo R² = {r2}."},
        "nl": {"one": "Geordend logitmodel van ‘{outcome}’ op {k} term (n = {n}): McFaddens pseudo-R² = {r2}.",
               "other": "Geordend logitmodel van ‘{outcome}’ op {k} termen (n = {n}): McFaddens pseudo-R² = {r2}."},
    },
    "drivers.model.fit.logit": {
        "en": {"one": "Logistic regression of {target} (by ‘{outcome}’) on {k} term (n = {n}): McFadden's pseudo "
                      "R² = {r2}.",
               "other": "Logistic regression of {target} (by ‘{outcome}’) on {k} terms (n = {n}): McFadden's "
                        "pseudo R² = {r2}."},
        "nl": {"one": "Logistische regressie van {target} (volgens ‘{outcome}’) op {k} term (n = {n}): McFaddens "
                      "pseudo-R² = {r2}.",
               "other": "Logistische regressie van {target} (volgens ‘{outcome}’) op {k} termen (n = {n}): "
                        "McFaddens pseudo-R² = {r2}."},
    },
    "drivers.model.controls": {
        "en": "The model holds {controls} constant.", "nl": "Het model houdt {controls} constant.",
    },
    "drivers.model.strongest.ols": {
        "en": "The largest standardised effect is that of {term}: {std} standard deviations of the outcome per "
              "standard deviation ({coef} points per point, {level}% interval {lo} to {hi}).",
        "nl": "Het grootste gestandaardiseerde effect is dat van {term}: {std} standaardafwijking van de uitkomst "
              "per standaardafwijking ({coef} punt per punt, {level}%-interval {lo} tot {hi}).",
    },
    "drivers.model.strongest.ordinal": {
        "en": "The largest standardised effect is that of {term}: {std} on the log-odds of a higher score per "
              "standard deviation ({coef} per point, {level}% interval {lo} to {hi}).",
        "nl": "Het grootste gestandaardiseerde effect is dat van {term}: {std} op de log-odds van een hogere score "
              "per standaardafwijking ({coef} per punt, {level}%-interval {lo} tot {hi}).",
    },
    "drivers.model.strongest.logit": {
        "en": "The largest standardised effect is that of {term}: {std} on the log-odds per standard deviation "
              "({coef} per point, {level}% interval {lo} to {hi}).",
        "nl": "Het grootste gestandaardiseerde effect is dat van {term}: {std} op de log-odds per "
              "standaardafwijking ({coef} per punt, {level}%-interval {lo} tot {hi}).",
    },
    "drivers.model.significant": {
        "en": "{sig} of the {k} driver coefficients differ significantly from zero (their {level}% interval excludes "
              "zero).",
        "nl": "{sig} van de {k} coëfficiënten van de factoren wijken significant af van nul (hun {level}%-interval "
              "bevat nul niet).",
    },
    "drivers.model.vif": {
        "en": {"one": "{terms} overlaps strongly with the other drivers (VIF above {threshold}): read its coefficient "
                      "with care and rely on the relative importance above.",
               "other": "{terms} overlap strongly with the other drivers (VIF above {threshold}): read their "
                        "coefficients with care and rely on the relative importance above."},
        "nl": {"one": "{terms} overlapt sterk met de andere factoren (VIF boven {threshold}): lees de coëfficiënt "
                      "voorzichtig en ga uit van het relatieve belang hierboven.",
               "other": "{terms} overlappen sterk met de andere factoren (VIF boven {threshold}): lees hun "
                        "coëfficiënten voorzichtig en ga uit van het relatieve belang hierboven."},
    },
    "drivers.model.unused": {
        "en": {"one": "Nobody gave the score {levels}; the model gives it probability 0.",
               "other": "Nobody gave the scores {levels}; the model gives them probability 0."},
        "nl": {"one": "Niemand gaf de score {levels}; het model geeft die kans 0.",
               "other": "Niemand gaf de scores {levels}; het model geeft die kans 0."},
    },
    # ---------------------------------------------------------------- scenarios
    "drivers.scen.baseline.nps": {
        "en": "For the answers as they are, the model predicts an NPS of {baseline} (observed: {observed}).",
        "nl": "Voor de antwoorden zoals ze zijn voorspelt het model een NPS van {baseline} (waargenomen: "
              "{observed}).",
    },
    "drivers.scen.baseline.promoter_share": {
        "en": "For the answers as they are, the model predicts {baseline}% promoters (observed: {observed}%).",
        "nl": "Voor de antwoorden zoals ze zijn voorspelt het model {baseline}% promotors (waargenomen: "
              "{observed}%).",
    },
    "drivers.scen.baseline.detractor_share": {
        "en": "For the answers as they are, the model predicts {baseline}% detractors (observed: {observed}%).",
        "nl": "Voor de antwoorden zoals ze zijn voorspelt het model {baseline}% criticasters (waargenomen: "
              "{observed}%).",
    },
    "drivers.scen.best.nps": {
        "en": {"one": "Raising {driver} by {delta} point for everyone (capped at the scale maximum) would raise the "
                      "NPS most: by {change} points ({level}% interval {lo} to {hi}).",
               "other": "Raising {driver} by {delta} points for everyone (capped at the scale maximum) would raise "
                        "the NPS most: by {change} points ({level}% interval {lo} to {hi})."},
        "nl": {"one": "Als iedereen {delta} punt hoger scoort op {driver} (tot het maximum van de schaal), stijgt de "
                      "NPS het meest: met {change} punten ({level}%-interval {lo} tot {hi}).",
               "other": "Als iedereen {delta} punten hoger scoort op {driver} (tot het maximum van de schaal), "
                        "stijgt de NPS het meest: met {change} punten ({level}%-interval {lo} tot {hi})."},
    },
    "drivers.scen.best.nps.unclear": {
        "en": {"one": "No one-point improvement clearly moves the NPS: the largest predicted change, for {driver}, "
                      "is {change} points ({level}% interval {lo} to {hi}).",
               "other": "No improvement by {delta} points clearly moves the NPS: the largest predicted change, for "
                        "{driver}, is {change} points ({level}% interval {lo} to {hi})."},
        "nl": {"one": "Geen verbetering van één punt verandert de NPS duidelijk: de grootste voorspelde verandering, "
                      "bij {driver}, is {change} punten ({level}%-interval {lo} tot {hi}).",
               "other": "Geen verbetering van {delta} punten verandert de NPS duidelijk: de grootste voorspelde "
                        "verandering, bij {driver}, is {change} punten ({level}%-interval {lo} tot {hi})."},
    },
    "drivers.scen.best.promoter_share": {
        "en": {"one": "Raising {driver} by {delta} point for everyone (capped at the scale maximum) would raise the "
                      "share of promoters most: by {change} percentage points ({level}% interval {lo} to {hi}).",
               "other": "Raising {driver} by {delta} points for everyone (capped at the scale maximum) would raise "
                        "the share of promoters most: by {change} percentage points ({level}% interval {lo} to "
                        "{hi})."},
        "nl": {"one": "Als iedereen {delta} punt hoger scoort op {driver} (tot het maximum van de schaal), stijgt het "
                      "aandeel promotors het meest: met {change} procentpunt ({level}%-interval {lo} tot {hi}).",
               "other": "Als iedereen {delta} punten hoger scoort op {driver} (tot het maximum van de schaal), "
                        "stijgt het aandeel promotors het meest: met {change} procentpunt ({level}%-interval {lo} "
                        "tot {hi})."},
    },
    "drivers.scen.best.promoter_share.unclear": {
        "en": "No improvement clearly moves the share of promoters: the largest predicted change, for {driver}, is "
              "{change} percentage points ({level}% interval {lo} to {hi}).",
        "nl": "Geen verbetering verandert het aandeel promotors duidelijk: de grootste voorspelde verandering, bij "
              "{driver}, is {change} procentpunt ({level}%-interval {lo} tot {hi}).",
    },
    "drivers.scen.best.detractor_share": {
        "en": {"one": "Raising {driver} by {delta} point for everyone (capped at the scale maximum) would lower the "
                      "share of detractors most: by {change} percentage points ({level}% interval {lo} to {hi}).",
               "other": "Raising {driver} by {delta} points for everyone (capped at the scale maximum) would lower "
                        "the share of detractors most: by {change} percentage points ({level}% interval {lo} to "
                        "{hi})."},
        "nl": {"one": "Als iedereen {delta} punt hoger scoort op {driver} (tot het maximum van de schaal), daalt het "
                      "aandeel criticasters het meest: met {change} procentpunt ({level}%-interval {lo} tot {hi}).",
               "other": "Als iedereen {delta} punten hoger scoort op {driver} (tot het maximum van de schaal), "
                        "daalt het aandeel criticasters het meest: met {change} procentpunt ({level}%-interval {lo} "
                        "tot {hi})."},
    },
    "drivers.scen.best.detractor_share.unclear": {
        "en": "No improvement clearly moves the share of detractors: the largest predicted change, for {driver}, is "
              "{change} percentage points ({level}% interval {lo} to {hi}).",
        "nl": "Geen verbetering verandert het aandeel criticasters duidelijk: de grootste voorspelde verandering, bij "
              "{driver}, is {change} procentpunt ({level}%-interval {lo} tot {hi}).",
    },
    "drivers.scen.method": {
        "en": "The intervals come from {n_sim} draws of the coefficients from their estimated distribution "
              "(Krinsky-Robb simulation; {level}% percentile intervals).",
        "nl": "De intervallen komen uit {n_sim} trekkingen van de coëfficiënten uit hun geschatte verdeling "
              "(Krinsky-Robb-simulatie; {level}%-percentielintervallen).",
    },
    # ---------------------------------------------------------------- penalty-reward
    "drivers.pr.class": {"en": "{cls}: {names}.", "nl": "{cls}: {names}."},
    "drivers.pr.class.basic": {
        "en": "Basic attributes (a low score costs much more than a high score gains)",
        "nl": "Basisattributen (een lage score kost veel meer dan een hoge score oplevert)",
    },
    "drivers.pr.class.excitement": {
        "en": "Excitement attributes (a high score pays, a low one costs little)",
        "nl": "Enthousiasmerende attributen (een hoge score levert op, een lage kost weinig)",
    },
    "drivers.pr.class.performance": {
        "en": "Performance attributes (both ways)", "nl": "Prestatie-attributen (beide kanten op)",
    },
    "drivers.pr.class.no effect": {"en": "Without a visible effect", "nl": "Zonder zichtbaar effect"},
    "drivers.pr.rule": {
        "en": "How to read this: per attribute a dummy for the lowest scores (bottom box) and one for the highest "
              "(top box), the middle as reference, in one linear regression of the outcome (robust HC3 standard "
              "errors, {level}% intervals). The penalty is the points lost in the bottom box, the reward the points "
              "gained in the top box. The impact asymmetry (reward - penalty) / (reward + penalty), negative effects "
              "counted as 0, classes an attribute as basic at -{t} or below, as excitement at +{t} or above, and "
              "otherwise as performance.",
        "nl": "Leeswijzer: per attribuut een dummy voor de laagste scores en een voor de hoogste, met het midden "
              "als referentie, in één lineaire regressie van de uitkomst (robuuste HC3-standaardfouten, "
              "{level}%-intervallen). De straf is het aantal punten dat de laagste scores kosten, de beloning het "
              "aantal punten dat de hoogste scores opleveren. De impactasymmetrie (beloning - straf) / (beloning + "
              "straf), negatieve effecten als 0 geteld, deelt een attribuut in als basis bij -{t} of lager, als "
              "enthousiasmerend bij +{t} of hoger, en anders als prestatie.",
    },
    # ---------------------------------------------------------------- importance-performance
    "drivers.ip.concentrate": {
        "en": {"one": "Improve first: {names} (important, but performing below the other attributes).",
               "other": "Improve first: {names} (important, but performing below the other attributes)."},
        "nl": {"one": "Eerst verbeteren: {names} (belangrijk, maar met een lagere prestatie dan de andere "
                      "attributen).",
               "other": "Eerst verbeteren: {names} (belangrijk, maar met een lagere prestatie dan de andere "
                        "attributen)."},
    },
    "drivers.ip.keep": {
        "en": {"one": "Keep up: {names} (important and performing well).",
               "other": "Keep up: {names} (important and performing well)."},
        "nl": {"one": "Zo houden: {names} (belangrijk en met een goede prestatie).",
               "other": "Zo houden: {names} (belangrijk en met een goede prestatie)."},
    },
    "drivers.ip.overkill": {
        "en": {"one": "Possibly more effort than needed: {names} (performing well, but mattering little for "
                      "‘{outcome}’).",
               "other": "Possibly more effort than needed: {names} (performing well, but mattering little for "
                        "‘{outcome}’)."},
        "nl": {"one": "Mogelijk meer inspanning dan nodig: {names} (presteert goed, maar telt weinig mee voor "
                      "‘{outcome}’).",
               "other": "Mogelijk meer inspanning dan nodig: {names} (presteren goed, maar tellen weinig mee voor "
                        "‘{outcome}’)."},
    },
    "drivers.ip.flat": {
        "en": "The attributes perform almost alike ({low} to {high}; the highest and the lowest do not differ "
              "significantly), so the figure and the table below divide them by importance only.",
        "nl": "De attributen presteren vrijwel gelijk ({low} tot {high}; de hoogste en de laagste verschillen niet "
              "significant), dus de figuur en de tabel hieronder delen ze alleen naar belang in.",
    },
    "drivers.ip.flat.important": {
        "en": {"one": "Weighs most for ‘{outcome}’: {names} (above-average importance); as the attributes perform "
                      "alike, where to improve first rests on importance and on what an improvement costs.",
               "other": "Weigh most for ‘{outcome}’: {names} (above-average importance); as the attributes perform "
                        "alike, where to improve first rests on importance and on what an improvement costs."},
        "nl": {"one": "Weegt het zwaarst voor ‘{outcome}’: {names} (bovengemiddeld belang); omdat de attributen "
                      "vrijwel gelijk presteren, hangt wat eerst te verbeteren af van het belang en van wat een "
                      "verbetering kost.",
               "other": "Wegen het zwaarst voor ‘{outcome}’: {names} (bovengemiddeld belang); omdat de attributen "
                        "vrijwel gelijk presteren, hangt wat eerst te verbeteren af van het belang en van wat een "
                        "verbetering kost."},
    },
    # ---------------------------------------------------------------- captions
    "drivers.caption.importance": {
        "en": "Relative importance for ‘{outcome}’", "nl": "Relatief belang voor ‘{outcome}’",
    },
    "drivers.caption.dominance": {"en": "Dominance per pair of drivers", "nl": "Dominantie per paar factoren"},
    "drivers.caption.conditional": {
        "en": "Conditional dominance: average added fit by number of other drivers in the model",
        "nl": "Conditionele dominantie: gemiddelde toegevoegde verklaringskracht naar aantal andere factoren in het "
              "model",
    },
    "drivers.caption.differences": {
        "en": "Pairwise differences in importance ({level}% bootstrap intervals)",
        "nl": "Verschillen in belang per paar ({level}%-bootstrapintervallen)",
    },
    "drivers.caption.model.ols": {
        "en": "Linear regression of ‘{outcome}’ ({level}% intervals)",
        "nl": "Lineaire regressie van ‘{outcome}’ ({level}%-intervallen)",
    },
    "drivers.caption.model.ordinal": {
        "en": "Ordered logit of ‘{outcome}’ (log-odds, {level}% intervals)",
        "nl": "Geordend logitmodel van ‘{outcome}’ (log-odds, {level}%-intervallen)",
    },
    "drivers.caption.model.logit": {
        "en": "Logistic regression (log-odds, {level}% intervals)",
        "nl": "Logistische regressie (log-odds, {level}%-intervallen)",
    },
    "drivers.caption.thresholds": {
        "en": "Cut points of the ordered logit", "nl": "Drempels van het geordende logitmodel",
    },
    "drivers.caption.scenario.nps": {
        "en": {"one": "Predicted NPS if a driver rises by {delta} point ({level}% intervals)",
               "other": "Predicted NPS if a driver rises by {delta} points ({level}% intervals)"},
        "nl": {"one": "Voorspelde NPS als een factor {delta} punt stijgt ({level}%-intervallen)",
               "other": "Voorspelde NPS als een factor {delta} punten stijgt ({level}%-intervallen)"},
    },
    "drivers.caption.scenario.promoter_share": {
        "en": "Predicted share of promoters (%) if a driver rises ({level}% intervals)",
        "nl": "Voorspeld aandeel promotors (%) als een factor stijgt ({level}%-intervallen)",
    },
    "drivers.caption.scenario.detractor_share": {
        "en": "Predicted share of detractors (%) if a driver rises ({level}% intervals)",
        "nl": "Voorspeld aandeel criticasters (%) als een factor stijgt ({level}%-intervallen)",
    },
    "drivers.caption.penalty": {
        "en": "Penalties and rewards for ‘{outcome}’ (points)", "nl": "Straffen en beloningen voor ‘{outcome}’ (punten)",
    },
    "drivers.caption.ip": {"en": "Importance and performance", "nl": "Belang en prestatie"},
    # ---------------------------------------------------------------- headers that depend on the model
    "drivers.col.importance_fit.linear": {"en": "contribution to R²", "nl": "bijdrage aan R²"},
    "drivers.col.importance_fit.logistic": {"en": "contribution to pseudo R²", "nl": "bijdrage aan pseudo-R²"},
    "drivers.col.std_coef.ols": {"en": "standardised coefficient", "nl": "gestandaardiseerde coëfficiënt"},
    "drivers.col.std_coef.ordinal": {"en": "log-odds per standard deviation", "nl": "log-odds per standaardafwijking"},
    "drivers.col.std_coef.logit": {"en": "log-odds per standard deviation", "nl": "log-odds per standaardafwijking"},
    # ---------------------------------------------------------------- findings
    "drivers.finding.top": {
        "en": "The strongest driver of ‘{outcome}’ is {top} ({share} of the explained part), but the data cannot "
              "rule out that another driver ranks first.",
        "nl": "De sterkste factor voor ‘{outcome}’ is {top} ({share} van het verklaarde deel), maar de gegevens "
              "sluiten niet uit dat een andere factor op 1 staat.",
    },
    "drivers.finding.top_sure": {
        "en": "The strongest driver of ‘{outcome}’ is {top}: {share} of the explained part, first by its {level}% "
              "bootstrap interval.",
        "nl": "De sterkste factor voor ‘{outcome}’ is {top}: {share} van het verklaarde deel, op 1 volgens het "
              "{level}%-bootstrapinterval.",
    },
    # ---------------------------------------------------------------- words of coded values in tables and plots
    "value.kano_class.basic": {"en": "basic", "nl": "basis"},
    "value.kano_class.excitement": {"en": "excitement", "nl": "enthousiasmerend"},
    "value.kano_class.performance": {"en": "performance", "nl": "prestatie"},
    "value.kano_class.no effect": {"en": "no effect", "nl": "geen effect"},
    "value.quadrant.concentrate here": {"en": "concentrate here", "nl": "hier op focussen"},
    "value.quadrant.keep up the good work": {"en": "keep up the good work", "nl": "zo houden"},
    "value.quadrant.low priority": {"en": "low priority", "nl": "lage prioriteit"},
    "value.quadrant.possible overkill": {"en": "possible overkill", "nl": "mogelijk overinvestering"},
    "value.importance_class.important": {"en": "above-average importance", "nl": "bovengemiddeld belang"},
    "value.importance_class.less important": {"en": "below-average importance", "nl": "ondergemiddeld belang"},
    # ---------------------------------------------------------------- plots
    "plot.drivers.share": {"en": "share of explained variance (%)", "nl": "aandeel in de verklaarde variantie (%)"},
    "plot.drivers.contribution": {"en": "contribution to R²", "nl": "bijdrage aan R²"},
    "plot.drivers.importance": {"en": "importance (share of explained, %)",
                                "nl": "belang (aandeel in het verklaarde deel, %)"},
    "plot.drivers.performance_mean": {"en": "performance (mean score)", "nl": "prestatie (gemiddelde score)"},
    "plot.drivers.performance_top_box": {"en": "performance (top-box share, %)",
                                         "nl": "prestatie (aandeel hoogste scores, %)"},
    "plot.drivers.penalty_reward": {
        "en": "← penalty (bottom box)    effect on the outcome (points)    reward (top box) →",
        "nl": "← straf (laagste scores)    effect op de uitkomst (punten)    beloning (hoogste scores) →",
    },
}  # fmt: skip

#: Result columns of the driver analysis shown in report tables.
COLUMNS: dict[str, dict[str, str]] = {
    "driver": {"en": "driver", "nl": "factor", "kind": "label"},
    "importance_fit": {"en": "contribution to the fit", "nl": "bijdrage aan de verklaringskracht", "kind": "number:3"},
    "importance_share": {"en": "% of the explained part", "nl": "% van het verklaarde deel", "kind": "share"},
    "importance_share_low": {"en": "lower bound (%)", "nl": "ondergrens (%)", "kind": "share"},
    "importance_share_high": {"en": "upper bound (%)", "nl": "bovengrens (%)", "kind": "share"},
    "rank_ci_low": {"en": "rank from", "nl": "rang van", "kind": "count"},
    "rank_ci_high": {"en": "rank to", "nl": "rang tot", "kind": "count"},
    "correlation": {"en": "correlation with the outcome", "nl": "correlatie met de uitkomst", "kind": "number:2"},
    "beta": {"en": "standardised coefficient", "nl": "gestandaardiseerde coëfficiënt", "kind": "number:2"},
    "driver_a": {"en": "driver A", "nl": "factor A", "kind": "label"},
    "driver_b": {"en": "driver B", "nl": "factor B", "kind": "label"},
    "dominance_complete": {"en": "complete dominance", "nl": "volledige dominantie", "kind": "text"},
    "dominance_conditional": {"en": "conditional dominance", "nl": "conditionele dominantie", "kind": "text"},
    "dominance_general": {"en": "general dominance", "nl": "algemene dominantie", "kind": "text"},
    "n_other_drivers": {"en": "other drivers in the model", "nl": "andere factoren in het model", "kind": "count"},
    "importance_difference": {"en": "difference in importance", "nl": "verschil in belang", "kind": "signed:3"},
    "difference_ci_low": {"en": "lower bound", "nl": "ondergrens", "kind": "signed:3"},
    "difference_ci_high": {"en": "upper bound", "nl": "bovengrens", "kind": "signed:3"},
    "significant": {"en": "significant", "nl": "significant", "kind": "bool"},
    # driver model
    "coef_ci_low": {"en": "lower bound", "nl": "ondergrens", "kind": "signed:3"},
    "coef_ci_high": {"en": "upper bound", "nl": "bovengrens", "kind": "signed:3"},
    "std_coef": {"en": "standardised coefficient", "nl": "gestandaardiseerde coëfficiënt", "kind": "signed:2"},
    "vif": {"en": "VIF", "nl": "VIF", "kind": "number:1"},
    "between": {"en": "between scores", "nl": "tussen scores", "kind": "text"},
    "cut": {"en": "cut point", "nl": "drempel", "kind": "number:3"},
    "cut_se": {"en": "standard error", "nl": "standaardfout", "kind": "number:3"},
    # scenarios
    "n_can_improve": {"en": "answers that can rise", "nl": "antwoorden die kunnen stijgen", "kind": "count"},
    "scenario_baseline": {"en": "predicted now", "nl": "voorspeld nu", "kind": "points"},
    "scenario_value": {"en": "after the rise", "nl": "na de stijging", "kind": "points"},
    "scenario_change": {"en": "change", "nl": "verandering", "kind": "points"},
    "scenario_ci_low": {"en": "lower bound", "nl": "ondergrens", "kind": "points"},
    "scenario_ci_high": {"en": "upper bound", "nl": "bovengrens", "kind": "points"},
    # penalty-reward
    "low": {"en": "bottom box up to", "nl": "laagste scores t/m", "kind": "number:0"},
    "high": {"en": "top box from", "nl": "hoogste scores vanaf", "kind": "number:0"},
    "n_low": {"en": "n bottom box", "nl": "n laagste scores", "kind": "count"},
    "n_high": {"en": "n top box", "nl": "n hoogste scores", "kind": "count"},
    "penalty": {"en": "penalty", "nl": "straf", "kind": "number:2"},
    "penalty_ci_low": {"en": "penalty lower bound", "nl": "straf ondergrens", "kind": "number:2"},
    "penalty_ci_high": {"en": "penalty upper bound", "nl": "straf bovengrens", "kind": "number:2"},
    "penalty_p": {"en": "p-value penalty", "nl": "p-waarde straf", "kind": "p"},
    "reward": {"en": "reward", "nl": "beloning", "kind": "number:2"},
    "reward_ci_low": {"en": "reward lower bound", "nl": "beloning ondergrens", "kind": "number:2"},
    "reward_ci_high": {"en": "reward upper bound", "nl": "beloning bovengrens", "kind": "number:2"},
    "reward_p": {"en": "p-value reward", "nl": "p-waarde beloning", "kind": "p"},
    "impact_asymmetry": {"en": "impact asymmetry", "nl": "impactasymmetrie", "kind": "signed:2"},
    "kano_class": {"en": "class", "nl": "klasse", "kind": "category"},
    # importance-performance
    "performance_mean": {"en": "performance (mean score)", "nl": "prestatie (gemiddelde score)", "kind": "number:2"},
    "performance_top_box": {"en": "performance (% top box)", "nl": "prestatie (% hoogste scores)", "kind": "share"},
    "quadrant": {"en": "quadrant", "nl": "kwadrant", "kind": "category"},
    "importance_class": {"en": "importance", "nl": "belang", "kind": "category"},
    # the demo study's attribute scores (a client's own attribute columns are shown by their own names)
    "sat_price": {"en": "price", "nl": "prijs", "kind": "number:1"},
    "sat_billing_clarity": {"en": "clarity of the bill", "nl": "duidelijkheid van de nota", "kind": "number:1"},
    "sat_app": {"en": "app", "nl": "app", "kind": "number:1"},
    "sat_information": {"en": "information", "nl": "informatie", "kind": "number:1"},
    "sat_staff_knowledge": {"en": "staff knowledge", "nl": "kennis van medewerkers", "kind": "number:1"},
    "sat_waiting_time": {"en": "waiting time", "nl": "wachttijd", "kind": "number:1"},
    "sat_problem_resolution": {"en": "problem resolution", "nl": "probleemoplossing", "kind": "number:1"},
}  # fmt: skip
