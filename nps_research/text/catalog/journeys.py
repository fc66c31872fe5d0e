"""Texts of the journey analysis (:mod:`nps_research.journeys`, notebook 05): sentences, names of the journey
summaries and models, table headers and plot labels. Touchpoints and journeys are data values (relabelled by
the study's value labels)."""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    # ---------------------------------------------------------------- opening sentence
    "journeys.intro": {
        "en": {"one": "This page covers {n} customer journeys of {customers} customers, with {events} touchpoint "
                      "experiences ({first} to {last}); {linked} journey was followed by an answer on ‘{outcome}’.",
               "other": "This page covers {n} customer journeys of {customers} customers, with {events} touchpoint "
                        "experiences ({first} to {last}); {linked} journeys were followed by an answer on "
                        "‘{outcome}’."},
        "nl": {"one": "Deze pagina gaat over {n} klantreizen van {customers} klanten, met {events} ervaringen op "
                      "contactmomenten ({first} tot {last}); {linked} reis werd gevolgd door een antwoord op "
                      "‘{outcome}’.",
               "other": "Deze pagina gaat over {n} klantreizen van {customers} klanten, met {events} ervaringen op "
                        "contactmomenten ({first} tot {last}); {linked} reizen werden gevolgd door een antwoord op "
                        "‘{outcome}’."},
    },
    # ---------------------------------------------------------------- journey summaries and models
    "journeys.measure.mean": {"en": "average score", "nl": "gemiddelde score"},
    "journeys.measure.min": {"en": "worst moment", "nl": "slechtste moment"},
    "journeys.measure.max": {"en": "best moment", "nl": "beste moment"},
    "journeys.measure.last": {"en": "end", "nl": "einde"},
    "journeys.measure.first": {"en": "first moment", "nl": "eerste moment"},
    "journeys.measure.trend": {"en": "trend along the journey", "nl": "verloop tijdens de reis"},
    "journeys.measure.peak_end": {"en": "peak-end score", "nl": "piek-eindscore"},
    "journeys.model.average": {"en": "average", "nl": "gemiddelde"},
    "journeys.model.worst": {"en": "worst moment", "nl": "slechtste moment"},
    "journeys.model.best": {"en": "best moment", "nl": "beste moment"},
    "journeys.model.end": {"en": "end", "nl": "einde"},
    "journeys.model.peak_end": {"en": "peak-end (worst moment and end)", "nl": "piek-einde (slechtste moment en einde)"},
    "journeys.model.average_trend": {"en": "average and trend", "nl": "gemiddelde en verloop"},
    "journeys.model.average_peak_end": {"en": "average, worst moment and end",
                                        "nl": "gemiddelde, slechtste moment en einde"},
    # ---------------------------------------------------------------- peak-end
    "journeys.pe.best": {
        "en": "Out of sample, the model ‘{model}’ predicts ‘{outcome}’ after a journey best (R² out of sample {r2}).",
        "nl": "Buiten de steekproef voorspelt het model ‘{model}’ de uitkomst ‘{outcome}’ na een klantreis het best "
              "(R² buiten de steekproef {r2}).",
    },
    "journeys.pe.best_vs_average.clear": {
        "en": "Out of sample, the model ‘{model}’ predicts ‘{outcome}’ after a journey best (R² out of sample {r2}), "
              "against {avg} for the average alone: a clear difference ({d} ± {se2}).",
        "nl": "Buiten de steekproef voorspelt het model ‘{model}’ de uitkomst ‘{outcome}’ na een klantreis het best "
              "(R² buiten de steekproef {r2}), tegen {avg} voor alleen het gemiddelde: een duidelijk verschil "
              "({d} ± {se2}).",
    },
    "journeys.pe.best_vs_average.uncertain": {
        "en": "Out of sample, the model ‘{model}’ predicts ‘{outcome}’ after a journey best (R² out of sample {r2}), "
              "against {avg} for the average alone: an uncertain difference ({d} ± {se2}).",
        "nl": "Buiten de steekproef voorspelt het model ‘{model}’ de uitkomst ‘{outcome}’ na een klantreis het best "
              "(R² buiten de steekproef {r2}), tegen {avg} voor alleen het gemiddelde: een onzeker verschil "
              "({d} ± {se2}).",
    },
    # ---------------------------------------------------------------- moments of truth
    "journeys.mot.item.pp": {
        "en": "{touchpoint} ({effect} percentage points, {level}% interval {lo} to {hi})",
        "nl": "{touchpoint} ({effect} procentpunt, {level}%-interval {lo} tot {hi})",
    },
    "journeys.mot.item.ltr": {
        "en": "{touchpoint} ({effect} points, {level}% interval {lo} to {hi})",
        "nl": "{touchpoint} ({effect} punten, {level}%-interval {lo} tot {hi})",
    },
    "journeys.mot.found.detractor": {
        "en": "Moments of truth (a bad experience there raises the share of detractors, beyond its effect through the "
              "journey's {adjust}): {items}.",
        "nl": "Momenten van de waarheid (een slechte ervaring daar verhoogt het aandeel criticasters, bovenop het "
              "effect via {adjust} van de reis): {items}.",
    },
    "journeys.mot.found.ltr": {
        "en": "Moments of truth (a bad experience there lowers ‘{outcome}’, beyond its effect through the journey's "
              "{adjust}): {items}.",
        "nl": "Momenten van de waarheid (een slechte ervaring daar verlaagt ‘{outcome}’, bovenop het effect via "
              "{adjust} van de reis): {items}.",
    },
    "journeys.mot.found_unadjusted.detractor": {
        "en": "Moments of truth (a bad experience there raises the share of detractors): {items}.",
        "nl": "Momenten van de waarheid (een slechte ervaring daar verhoogt het aandeel criticasters): {items}.",
    },
    "journeys.mot.found_unadjusted.ltr": {
        "en": "Moments of truth (a bad experience there lowers ‘{outcome}’): {items}.",
        "nl": "Momenten van de waarheid (een slechte ervaring daar verlaagt ‘{outcome}’): {items}.",
    },
    "journeys.mot.none.detractor": {
        "en": "No touchpoint stands out clearly as a moment of truth: at none does a bad experience raise the share "
              "of detractors with an interval that excludes zero.",
        "nl": "Geen enkel contactmoment springt er duidelijk uit als moment van de waarheid: nergens verhoogt een "
              "slechte ervaring het aandeel criticasters met een interval dat nul uitsluit.",
    },
    "journeys.mot.none.ltr": {
        "en": "No touchpoint stands out clearly as a moment of truth: at none does a bad experience lower "
              "‘{outcome}’ with an interval that excludes zero.",
        "nl": "Geen enkel contactmoment springt er duidelijk uit als moment van de waarheid: nergens verlaagt een "
              "slechte ervaring ‘{outcome}’ met een interval dat nul uitsluit.",
    },
    "journeys.mot.unranked": {
        "en": {"one": "{k} touchpoint with fewer than {min_n} bad experiences is shown but not ranked.",
               "other": "{k} touchpoints with fewer than {min_n} bad experiences are shown but not ranked."},
        "nl": {"one": "{k} contactmoment met minder dan {min_n} slechte ervaringen staat erbij, maar zonder rang.",
               "other": "{k} contactmomenten met minder dan {min_n} slechte ervaringen staan erbij, maar zonder "
                        "rang."},
    },
    "journeys.finding.moment.detractor": {
        "en": "The strongest moment of truth is {touchpoint}: a bad experience there raises the share of detractors "
              "by {effect} percentage points ({level}% interval {lo} to {hi}).",
        "nl": "Het sterkste moment van de waarheid is {touchpoint}: een slechte ervaring daar verhoogt het aandeel "
              "criticasters met {effect} procentpunt ({level}%-interval {lo} tot {hi}).",
    },
    "journeys.finding.moment.ltr": {
        "en": "The strongest moment of truth is {touchpoint}: a bad experience there changes ‘{outcome}’ by {effect} "
              "points ({level}% interval {lo} to {hi}).",
        "nl": "Het sterkste moment van de waarheid is {touchpoint}: een slechte ervaring daar verandert ‘{outcome}’ "
              "met {effect} punten ({level}%-interval {lo} tot {hi}).",
    },
    # ---------------------------------------------------------------- customer or touchpoint
    "journeys.tv.sentence": {
        "en": "ICC = {icc} ({level}% interval {lo} to {hi}; {n} experiences of {groups} customers): {reading}.",
        "nl": "ICC = {icc} ({level}%-interval {lo} tot {hi}; {n} ervaringen van {groups} klanten): {reading}.",
    },
    "journeys.tv.low": {
        "en": "the customer explains hardly any of the variation in touchpoint scores; experiences differ touchpoint "
              "by touchpoint, so improvement lies at the touchpoints",
        "nl": "de klant verklaart nauwelijks iets van de variatie in scores per contactmoment; ervaringen verschillen "
              "per contactmoment, dus verbetering ligt bij de contactmomenten",
    },
    "journeys.tv.mid": {
        "en": "both the customer and the touchpoint explain part of the variation in touchpoint scores",
        "nl": "zowel de klant als het contactmoment verklaren een deel van de variatie in scores per contactmoment",
    },
    "journeys.tv.high": {
        "en": "a large part of the variation in touchpoint scores lies between customers: some customers fare well "
              "or badly everywhere",
        "nl": "een groot deel van de variatie in scores per contactmoment ligt tussen klanten: sommige klanten "
              "hebben overal een goede of slechte ervaring",
    },
    # ---------------------------------------------------------------- captions
    "journeys.caption.summary": {"en": "Journeys per type", "nl": "Klantreizen per soort"},
    "journeys.caption.peak_end": {
        "en": "Journey summaries compared ({folds}-fold cross-validation)",
        "nl": "Samenvattingen van de reis vergeleken ({folds}-voudige kruisvalidatie)",
    },
    "journeys.caption.mot.detractor": {
        "en": "Share of detractors (%) after a bad experience (score {bad} or lower) per touchpoint ({level}% "
              "intervals)",
        "nl": "Aandeel criticasters (%) na een slechte ervaring (score {bad} of lager) per contactmoment "
              "({level}%-intervallen)",
    },
    "journeys.caption.mot.ltr": {
        "en": "Mean ‘{outcome}’ after a bad experience (score {bad} or lower) per touchpoint ({level}% intervals)",
        "nl": "Gemiddelde ‘{outcome}’ na een slechte ervaring (score {bad} of lager) per contactmoment "
              "({level}%-intervallen)",
    },
    "journeys.caption.variance": {
        "en": "Customer and touchpoint variance of experience scores",
        "nl": "Variantie van ervaringsscores tussen klanten en binnen klanten",
    },
    # ---------------------------------------------------------------- plots
    "plot.journeys.mean": {"en": "mean score", "nl": "gemiddelde score"},
    "plot.journeys.bad_share": {"en": "share of bad experiences", "nl": "aandeel slechte ervaringen"},
    "plot.journeys.effect.pp": {
        "en": "effect of a bad experience (percentage points); red: interval excludes 0",
        "nl": "effect van een slechte ervaring (procentpunt); rood: interval sluit 0 uit",
    },
    "plot.journeys.effect.ltr": {
        "en": "effect of a bad experience (points); red: interval excludes 0",
        "nl": "effect van een slechte ervaring (punten); rood: interval sluit 0 uit",
    },
    "plot.journeys.risk_difference.pp": {
        "en": "difference after a bad experience, unadjusted (percentage points); red: interval excludes 0",
        "nl": "verschil na een slechte ervaring, niet gecorrigeerd (procentpunt); rood: interval sluit 0 uit",
    },
    "plot.journeys.risk_difference.ltr": {
        "en": "difference after a bad experience, unadjusted (points); red: interval excludes 0",
        "nl": "verschil na een slechte ervaring, niet gecorrigeerd (punten); rood: interval sluit 0 uit",
    },
}  # fmt: skip

#: Result columns of the journey analysis shown in report tables.
COLUMNS: dict[str, dict[str, str]] = {
    # journeys per type
    "n_journeys": {"en": "journeys", "nl": "klantreizen", "kind": "count"},
    "n_linked": {"en": "with a survey answer", "nl": "met enquêteantwoord", "kind": "count"},
    "mean_touchpoints": {"en": "touchpoints per journey", "nl": "contactmomenten per reis", "kind": "number:1"},
    "mean_score": {"en": "average score", "nl": "gemiddelde score", "kind": "number:2"},
    "mean_worst": {"en": "worst moment (mean)", "nl": "slechtste moment (gemiddeld)", "kind": "number:2"},
    "mean_last": {"en": "end (mean)", "nl": "einde (gemiddeld)", "kind": "number:2"},
    "online_share": {"en": "% online", "nl": "% online", "kind": "share"},
    "mean_switches": {"en": "channel switches per journey", "nl": "kanaalwissels per reis", "kind": "number:2"},
    # peak-end models
    "journey_model": {"en": "model", "nl": "model", "kind": "text"},
    "predictors": {"en": "predictors", "nl": "voorspellers", "kind": "text"},
    "cv_r2": {"en": "R² out of sample", "nl": "R² buiten de steekproef", "kind": "number:3"},
    "cv_rmse": {"en": "RMSE out of sample", "nl": "RMSE buiten de steekproef", "kind": "number:2"},
    "diff_vs_average": {"en": "difference from the average", "nl": "verschil met het gemiddelde", "kind": "signed:3"},
    # moments of truth
    "n_bad": {"en": "bad experiences", "nl": "slechte ervaringen", "kind": "count"},
    "risk_bad": {"en": "after a bad experience", "nl": "na een slechte ervaring", "kind": "number:1"},
    "risk_not_bad": {"en": "otherwise", "nl": "anders", "kind": "number:1"},
    "risk_difference": {"en": "difference", "nl": "verschil", "kind": "signed:1"},
    "rd_ci_low": {"en": "lower bound", "nl": "ondergrens", "kind": "signed:1"},
    "rd_ci_high": {"en": "upper bound", "nl": "bovengrens", "kind": "signed:1"},
    "effect": {"en": "effect (adjusted)", "nl": "effect (gecorrigeerd)", "kind": "signed:1"},
    "effect_ci_low": {"en": "lower bound (adjusted)", "nl": "ondergrens (gecorrigeerd)", "kind": "signed:1"},
    "effect_ci_high": {"en": "upper bound (adjusted)", "nl": "bovengrens (gecorrigeerd)", "kind": "signed:1"},
    # customer or touchpoint
    "icc": {"en": "ICC", "nl": "ICC", "kind": "number:3"},
    "icc_ci_low": {"en": "lower bound", "nl": "ondergrens", "kind": "number:3"},
    "icc_ci_high": {"en": "upper bound", "nl": "bovengrens", "kind": "number:3"},
    "var_customer": {"en": "variance between customers", "nl": "variantie tussen klanten", "kind": "number:2"},
    "var_residual": {"en": "variance within customers", "nl": "variantie binnen klanten", "kind": "number:2"},
    "n_events": {"en": "experiences", "nl": "ervaringen", "kind": "count"},
    "n_groups": {"en": "customers", "nl": "klanten", "kind": "count"},
}  # fmt: skip
