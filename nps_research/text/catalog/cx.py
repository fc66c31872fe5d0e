"""Texts of CX measurement (:mod:`nps_research.cx`, notebook 03): scale, reliability, exploratory and
confirmatory factor analysis, validity, measurement invariance, findings and plots.

Keys: ``cx.*`` (sentences and words), ``cx.dim.<scale>.<dimension>`` and ``cx.item.<scale>.<item>`` (the
labels of the built-in scales' dimensions and items), ``plot.cx.*`` (plot texts). Column headers of the
result tables are in ``COLUMNS``.
"""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    "cx.cfa.not_pd": {
        "en": "The covariance matrix of the latent variables is not positive definite (smallest eigenvalue of "
              "their correlations {eigen}): some factors cannot be told apart ({a} and {b} correlate {r}). Merge "
              "or rethink those dimensions before reading their validity.",
        "nl": "De covariantiematrix van de latente variabelen is niet positief definiet (kleinste eigenwaarde van "
              "hun correlaties {eigen}): sommige factoren zijn niet van elkaar te onderscheiden ({a} en {b} "
              "correleren {r}). Voeg die dimensies samen of herzie ze voordat u hun validiteit leest.",
    },
    "cx.val.not_pd": {
        "en": "Caution: these checks rest on factor correlations from a latent covariance matrix that is not "
              "positive definite (smallest eigenvalue {eigen}); the Fornell-Larcker verdicts are unreliable.",
        "nl": "Let op: deze toetsen rusten op factorcorrelaties uit een latente covariantiematrix die niet positief "
              "definiet is (kleinste eigenwaarde {eigen}); de oordelen volgens Fornell-Larcker zijn onbetrouwbaar.",
    },
    # ------------------------------------------------------------------ built-in scales
    # EXQ (Klaus & Maklan 2012, 2013); the Dutch words are those of notebook 06 (compare.var.*)
    "cx.dim.exq.pex": {"en": "Product experience", "nl": "Productervaring"},
    "cx.dim.exq.out": {"en": "Outcome focus", "nl": "Uitkomstgerichtheid"},
    "cx.dim.exq.mot": {"en": "Moments of truth", "nl": "Momenten van de waarheid"},
    "cx.dim.exq.pom": {"en": "Peace of mind", "nl": "Gemoedsrust"},
    # EXQ item attributes: what each item is about, never its wording (see nps_research.cx.scales)
    "cx.item.exq.pex1": {"en": "freedom of choice", "nl": "keuzevrijheid"},
    "cx.item.exq.pex2": {"en": "cross-product comparison", "nl": "productvergelijking"},
    "cx.item.exq.pex3": {"en": "comparison necessity", "nl": "noodzaak tot vergelijken"},
    "cx.item.exq.pex4": {"en": "account management", "nl": "accountbeheer"},
    "cx.item.exq.out1": {"en": "inertia", "nl": "gewoonte"},
    "cx.item.exq.out2": {"en": "result focus", "nl": "resultaatgerichtheid"},
    "cx.item.exq.out3": {"en": "past experience", "nl": "eerdere ervaring"},
    "cx.item.exq.out4": {"en": "common grounding", "nl": "gedeelde basis"},
    "cx.item.exq.mot1": {"en": "flexibility", "nl": "flexibiliteit"},
    "cx.item.exq.mot2": {"en": "pro-activity", "nl": "proactiviteit"},
    "cx.item.exq.mot3": {"en": "risk perception", "nl": "risicobeleving"},
    "cx.item.exq.mot4": {"en": "interpersonal skills", "nl": "sociale vaardigheden"},
    "cx.item.exq.mot5": {"en": "service recovery", "nl": "herstel na fouten"},
    "cx.item.exq.pom1": {"en": "expertise", "nl": "deskundigheid"},
    "cx.item.exq.pom2": {"en": "convenience retention", "nl": "gemak van blijven"},
    "cx.item.exq.pom3": {"en": "process ease", "nl": "procesgemak"},
    "cx.item.exq.pom4": {"en": "relationship versus transaction", "nl": "relatie versus transactie"},
    "cx.item.exq.pom5": {"en": "familiarity", "nl": "vertrouwdheid"},
    "cx.item.exq.pom6": {"en": "independent advice", "nl": "onafhankelijk advies"},
    # SERVQUAL (Parasuraman, Zeithaml & Berry 1988)
    "cx.dim.servqual.tangibles": {"en": "Tangibles", "nl": "Tastbare zaken"},
    "cx.dim.servqual.reliability": {"en": "Reliability", "nl": "Betrouwbaarheid"},
    "cx.dim.servqual.responsiveness": {"en": "Responsiveness", "nl": "Reactiesnelheid"},
    "cx.dim.servqual.assurance": {"en": "Assurance", "nl": "Zekerheid"},
    "cx.dim.servqual.empathy": {"en": "Empathy", "nl": "Empathie"},
    # E-S-QUAL (Parasuraman, Zeithaml & Malhotra 2005)
    "cx.dim.esqual.efficiency": {"en": "Efficiency", "nl": "Efficiëntie"},
    "cx.dim.esqual.system_availability": {"en": "System availability", "nl": "Systeembeschikbaarheid"},
    "cx.dim.esqual.fulfillment": {"en": "Fulfillment", "nl": "Nakoming"},
    "cx.dim.esqual.privacy": {"en": "Privacy", "nl": "Privacy"},
    # ------------------------------------------------------------------ scale
    "cx.scale": {
        "en": {"one": "The {scale} scale: {count} dimension ({names}), {items} items answered from {low} to {high}; "
                      "{n} answers with at least one item answered.",
               "other": "The {scale} scale: {count} dimensions ({names}), {items} items answered from {low} to "
                        "{high}; {n} answers with at least one item answered."},
        "nl": {"one": "De schaal {scale}: {count} dimensie ({names}), {items} items beantwoord van {low} tot {high}; "
                      "{n} antwoorden met minstens één beantwoord item.",
               "other": "De schaal {scale}: {count} dimensies ({names}), {items} items beantwoord van {low} tot "
                        "{high}; {n} antwoorden met minstens één beantwoord item."},
    },
    "cx.whole_scale": {"en": "Whole scale", "nl": "Hele schaal"},
    "cx.item_with_label": {"en": "{item} ({label})", "nl": "{item} ({label})"},
    "cx.group_n": {"en": "{group} (n = {n})", "nl": "{group} (n = {n})"},
    "cx.meets": {"en": "meets", "nl": "voldoet aan"},
    "cx.fails": {"en": "does not meet", "nl": "voldoet niet aan"},
    "cx.significant": {"en": "significant", "nl": "significant"},
    "cx.not_significant": {"en": "not significant", "nl": "niet significant"},
    # ------------------------------------------------------------------ reliability
    "cx.rel.dimension": {
        "en": "{dimension}: Cronbach's alpha = {alpha} ({level}% CI {ci}), omega = {omega} ({k} items, n = {n}): "
              "{verdict} the {threshold} threshold.",
        "nl": "{dimension}: Cronbachs alfa = {alpha} ({level}%-BI {ci}), omega = {omega} ({k} items, n = {n}): "
              "{verdict} de drempel van {threshold}.",
    },
    "cx.rel.item_drop": {
        "en": "Leaving out item {item} would raise the alpha of {dimension} from {alpha} to {without} (its "
              "corrected item-total correlation is {r_drop}).",
        "nl": "Zonder item {item} zou de alfa van {dimension} stijgen van {alpha} naar {without} (de "
              "gecorrigeerde item-totaalcorrelatie is {r_drop}).",
    },
    # ------------------------------------------------------------------ exploratory factor analysis
    "cx.kmo.marvelous": {"en": "marvelous", "nl": "uitstekend"},
    "cx.kmo.meritorious": {"en": "meritorious", "nl": "zeer goed"},
    "cx.kmo.middling": {"en": "middling", "nl": "redelijk"},
    "cx.kmo.mediocre": {"en": "mediocre", "nl": "matig"},
    "cx.kmo.miserable": {"en": "miserable", "nl": "slecht"},
    "cx.kmo.unacceptable": {"en": "unacceptable", "nl": "onacceptabel"},
    "cx.efa.adequacy": {
        "en": "KMO = {kmo} ({label} by Kaiser's 1974 labels); Bartlett's test of sphericity is {sig} "
              "(chi-square = {chisq}, df = {df}, {p}).",
        "nl": "KMO = {kmo} ({label} volgens Kaiser 1974); de sfericiteitstoets van Bartlett is {sig} "
              "(chi-kwadraat = {chisq}, vg = {df}, {p}).",
    },
    "cx.efa.parallel": {
        "en": {"one": "Parallel analysis suggests {count} factor.", "other": "Parallel analysis suggests {count} factors."},
        "nl": {"one": "Parallelle analyse wijst op {count} factor.",
               "other": "Parallelle analyse wijst op {count} factoren."},
    },
    "cx.efa.kaiser": {
        "en": {"one": "{count} eigenvalue exceeds 1 (Kaiser's rule).",
               "other": "{count} eigenvalues exceed 1 (Kaiser's rule)."},
        "nl": {"one": "{count} eigenwaarde is groter dan 1 (regel van Kaiser).",
               "other": "{count} eigenwaarden zijn groter dan 1 (regel van Kaiser)."},
    },
    "cx.efa.extracted": {
        "en": {"one": "The factor analysis ({method}, {rotation}, n = {n}) estimates {count} factor.",
               "other": "The factor analysis ({method}, {rotation}, n = {n}) estimates {count} factors."},
        "nl": {"one": "De factoranalyse ({method}, {rotation}, n = {n}) schat {count} factor.",
               "other": "De factoranalyse ({method}, {rotation}, n = {n}) schat {count} factoren."},
    },
    "cx.efa.method.ml": {"en": "maximum likelihood", "nl": "maximum likelihood"},
    "cx.efa.method.pa": {"en": "principal axis factoring", "nl": "hoofdassenmethode"},
    "cx.rotation.oblimin": {"en": "oblimin rotation", "nl": "oblimin-rotatie"},
    "cx.rotation.quartimin": {"en": "quartimin rotation", "nl": "quartimin-rotatie"},
    "cx.rotation.promax": {"en": "promax rotation", "nl": "promax-rotatie"},
    "cx.rotation.varimax": {"en": "varimax rotation", "nl": "varimax-rotatie"},
    "cx.rotation.quartimax": {"en": "quartimax rotation", "nl": "quartimax-rotatie"},
    "cx.rotation.equamax": {"en": "equamax rotation", "nl": "equamax-rotatie"},
    "cx.rotation.none": {"en": "no rotation", "nl": "geen rotatie"},
    "cx.efa.structure_ok": {
        "en": "The items of every dimension load most strongly on a factor of their own, as the scale intends.",
        "nl": "De items van elke dimensie laden het sterkst op een eigen factor, zoals de schaal bedoelt.",
    },
    "cx.efa.structure_mixed": {
        "en": "Not every dimension has a factor of its own: the items of {dims} do not all load most strongly on "
              "one factor that no other dimension shares.",
        "nl": "Niet elke dimensie heeft een eigen factor: de items van {dims} laden niet allemaal het sterkst op "
              "één factor die geen andere dimensie deelt.",
    },
    "cx.factor_n": {"en": "Factor {n}", "nl": "Factor {n}"},
    # ------------------------------------------------------------------ confirmatory factor analysis
    "cx.cfa.sample": {
        "en": "Estimated by maximum likelihood (as lavaan) on {n} complete answers.",
        "nl": "Geschat met maximum likelihood (zoals lavaan) op {n} volledige antwoorden.",
    },
    "cx.cfa.sample_groups": {
        "en": "Estimated by maximum likelihood (as lavaan) on {n} complete answers in {count} groups: {groups}.",
        "nl": "Geschat met maximum likelihood (zoals lavaan) op {n} volledige antwoorden in {count} groepen: "
              "{groups}.",
    },
    "cx.cfa.dropped": {
        "en": {"one": "{count} answer with a missing item was left out.",
               "other": "{count} answers with a missing item were left out."},
        "nl": {"one": "{count} antwoord met een ontbrekend item is weggelaten.",
               "other": "{count} antwoorden met een ontbrekend item zijn weggelaten."},
    },
    "cx.cfa.not_converged": {
        "en": "Warning: the estimation did not converge ({iterations} iterations); the estimates and fit indices "
              "are not reliable.",
        "nl": "Let op: de schatting is niet geconvergeerd ({iterations} iteraties); de schattingen en fit-indices "
              "zijn niet betrouwbaar.",
    },
    "cx.fit.chisq_sig": {
        "en": "Chi-square = {chisq} on {df} degrees of freedom ({p}): the model deviates significantly from the "
              "data, as it nearly always does in large samples; the fit indices say how much.",
        "nl": "Chi-kwadraat = {chisq} bij {df} vrijheidsgraden ({p}): het model wijkt significant af van de data, "
              "zoals bij grote steekproeven bijna altijd; de fit-indices zeggen hoeveel.",
    },
    "cx.fit.chisq_ns": {
        "en": "Chi-square = {chisq} on {df} degrees of freedom ({p}): the model does not deviate significantly "
              "from the data.",
        "nl": "Chi-kwadraat = {chisq} bij {df} vrijheidsgraden ({p}): het model wijkt niet significant af van de "
              "data.",
    },
    "cx.fit.at_least": {
        "en": "{name} = {value} {verdict} the {threshold} threshold (≥ {threshold}).",
        "nl": "{name} = {value} {verdict} de drempel van {threshold} (≥ {threshold}).",
    },
    "cx.fit.at_most": {
        "en": "{name} = {value} {verdict} the {threshold} threshold (≤ {threshold}).",
        "nl": "{name} = {value} {verdict} de drempel van {threshold} (≤ {threshold}).",
    },
    "cx.fit.rmsea": {
        "en": "RMSEA = {value} ({level}% CI {ci}) {verdict} the {threshold} threshold (≤ {threshold}).",
        "nl": "RMSEA = {value} ({level}%-BI {ci}) {verdict} de drempel van {threshold} (≤ {threshold}).",
    },
    "cx.fit.good": {
        "en": "All four fit indices meet their thresholds: the model fits the data well.",
        "nl": "Alle vier fit-indices voldoen aan hun drempel: het model past goed bij de data.",
    },
    "cx.fit.mixed": {
        "en": {"one": "{count} of the four fit indices meets its threshold (not met: {failing}): the fit is mixed.",
               "other": "{count} of the four fit indices meet their thresholds (not met: {failing}): the fit is "
                        "mixed."},
        "nl": {"one": "{count} van de vier fit-indices voldoet aan de drempel (niet: {failing}): de fit is gemengd.",
               "other": "{count} van de vier fit-indices voldoen aan hun drempel (niet: {failing}): de fit is "
                        "gemengd."},
    },
    "cx.fit.poor": {
        "en": "None of the four fit indices meets its threshold: the model does not fit the data.",
        "nl": "Geen van de vier fit-indices voldoet aan de drempel: het model past niet bij de data.",
    },
    "cx.cfa.weak_items": {
        "en": {"one": "{count} item loads below {threshold} on its factor (standardised): {items}.",
               "other": "{count} items load below {threshold} on their factor (standardised): {items}."},
        "nl": {"one": "{count} item laadt lager dan {threshold} op zijn factor (gestandaardiseerd): {items}.",
               "other": "{count} items laden lager dan {threshold} op hun factor (gestandaardiseerd): {items}."},
    },
    "cx.cfa.loading_range": {
        "en": "The standardised loadings of the items range from {low} to {high}.",
        "nl": "De gestandaardiseerde ladingen van de items lopen van {low} tot {high}.",
    },
    "cx.cfa.second_order": {
        "en": "The dimensions load {low} to {high} (standardised) on the second-order factor {factor}.",
        "nl": "De dimensies laden {low} tot {high} (gestandaardiseerd) op de tweede-ordefactor {factor}.",
    },
    "cx.cfa.heywood_variance": {
        "en": "Heywood case: the variance of {variable} is negative ({value}{where}); the model is misspecified or "
              "the sample too small.",
        "nl": "Heywood-geval: de variantie van {variable} is negatief ({value}{where}); het model is verkeerd "
              "gespecificeerd of de steekproef te klein.",
    },
    "cx.cfa.heywood_loading": {
        "en": "Heywood case: the standardised loading of {item} on {factor} is {value}{where}, above 1; the model "
              "is misspecified or the sample too small.",
        "nl": "Heywood-geval: de gestandaardiseerde lading van {item} op {factor} is {value}{where}, boven 1; het "
              "model is verkeerd gespecificeerd of de steekproef te klein.",
    },
    "cx.in_group": {"en": ", group {group}", "nl": ", groep {group}"},
    "cx.sem.path": {
        "en": "{predictor} → {outcome}: standardised effect {std} ({p}).",
        "nl": "{predictor} → {outcome}: gestandaardiseerd effect {std} ({p}).",
    },
    "cx.sem.r2": {
        "en": "The model explains {r2} of the variance of {outcome}.",
        "nl": "Het model verklaart {r2} van de variantie van {outcome}.",
    },
    # parameter types of the full parameter table
    "cx.op.=~": {"en": "loading", "nl": "lading"},
    "cx.op.~": {"en": "regression", "nl": "regressie"},
    "cx.op.~~": {"en": "(co)variance", "nl": "(co)variantie"},
    "cx.op.~1": {"en": "intercept", "nl": "intercept"},
    # ------------------------------------------------------------------ validity
    "cx.val.factor": {
        "en": "{factor}: composite reliability CR = {cr} ({cr_verdict} {cr_min}), AVE = {ave} ({ave_verdict} "
              "{ave_min}).",
        "nl": "{factor}: samengestelde betrouwbaarheid CR = {cr} ({cr_verdict} {cr_min}), AVE = {ave} "
              "({ave_verdict} {ave_min}).",
    },
    "cx.val.factor_fl_met": {
        "en": "{factor}: composite reliability CR = {cr} ({cr_verdict} {cr_min}), AVE = {ave} ({ave_verdict} "
              "{ave_min}); Fornell-Larcker criterion met (√AVE {sqrt_ave} > largest correlation {r}).",
        "nl": "{factor}: samengestelde betrouwbaarheid CR = {cr} ({cr_verdict} {cr_min}), AVE = {ave} "
              "({ave_verdict} {ave_min}); Fornell-Larcker-criterium voldaan (√AVE {sqrt_ave} > grootste "
              "correlatie {r}).",
    },
    "cx.val.factor_fl_not": {
        "en": "{factor}: composite reliability CR = {cr} ({cr_verdict} {cr_min}), AVE = {ave} ({ave_verdict} "
              "{ave_min}); Fornell-Larcker criterion not met (√AVE {sqrt_ave} ≤ largest correlation {r}).",
        "nl": "{factor}: samengestelde betrouwbaarheid CR = {cr} ({cr_verdict} {cr_min}), AVE = {ave} "
              "({ave_verdict} {ave_min}); Fornell-Larcker-criterium niet voldaan (√AVE {sqrt_ave} ≤ grootste "
              "correlatie {r}).",
    },
    "cx.val.htmt": {
        "en": {"one": "HTMT: {value} ({a} and {b}); {bad} of {count} pair at or above the {threshold} threshold.",
               "other": "HTMT: highest ratio {value} ({a} and {b}); {bad} of {count} pairs at or above the "
                        "{threshold} threshold."},
        "nl": {"one": "HTMT: {value} ({a} en {b}); {bad} van {count} paar op of boven de drempel van {threshold}.",
               "other": "HTMT: hoogste waarde {value} ({a} en {b}); {bad} van {count} paren op of boven de drempel "
                        "van {threshold}."},
    },
    "cx.order.first": {"en": "first order", "nl": "eerste orde"},
    "cx.order.second": {"en": "second order", "nl": "tweede orde"},
    # ------------------------------------------------------------------ invariance
    "cx.level.configural": {"en": "configural", "nl": "configureel"},
    "cx.level.metric": {"en": "metric (equal loadings)", "nl": "metrisch (gelijke ladingen)"},
    "cx.level.scalar": {"en": "scalar (also equal intercepts)", "nl": "scalair (ook gelijke intercepten)"},
    "cx.level.strict": {"en": "strict (also equal residual variances)",
                        "nl": "strikt (ook gelijke residuele varianties)"},
    "cx.inv.name.configural": {"en": "Configural", "nl": "Configurele"},
    "cx.inv.name.metric": {"en": "Metric", "nl": "Metrische"},
    "cx.inv.name.scalar": {"en": "Scalar", "nl": "Scalaire"},
    "cx.inv.name.strict": {"en": "Strict", "nl": "Strikte"},
    "cx.inv.adj.configural": {"en": "configural", "nl": "configurele"},
    "cx.inv.adj.metric": {"en": "metric", "nl": "metrische"},
    "cx.inv.adj.scalar": {"en": "scalar", "nl": "scalaire"},
    "cx.inv.adj.strict": {"en": "strict", "nl": "strikte"},
    "cx.group": {"en": "group", "nl": "groep"},
    "cx.inv.groups": {
        "en": "Groups compared by {segment}: {groups}.",
        "nl": "Vergeleken groepen naar {segment}: {groups}.",
    },
    "cx.inv.holds": {
        "en": "{level} invariance holds: chi-square difference = {chisq} on {df} df ({p}), change in CFI = "
              "{dcfi} (criterion > {criterion}).",
        "nl": "{level} invariantie houdt stand: chi-kwadraatverschil = {chisq} bij {df} vg ({p}), verandering in "
              "CFI = {dcfi} (criterium > {criterion}).",
    },
    "cx.inv.fails": {
        "en": "{level} invariance does not hold: chi-square difference = {chisq} on {df} df ({p}), change in CFI = "
              "{dcfi} (criterion > {criterion}).",
        "nl": "{level} invariantie houdt geen stand: chi-kwadraatverschil = {chisq} bij {df} vg ({p}), verandering "
              "in CFI = {dcfi} (criterium > {criterion}).",
    },
    "cx.inv.highest.configural": {
        "en": "Only configural invariance holds: the same factor structure fits every group, but the loadings "
              "differ, so the groups' scores cannot be compared directly.",
        "nl": "Alleen configurele invariantie houdt stand: dezelfde factorstructuur past in elke groep, maar de "
              "ladingen verschillen, dus de scores van de groepen zijn niet rechtstreeks te vergelijken.",
    },
    "cx.inv.highest.metric": {
        "en": "Metric invariance is the highest level that holds: relations of the scores with other measures "
              "can be compared across the groups, their means cannot.",
        "nl": "Metrische invariantie is het hoogste niveau dat standhoudt: verbanden van de scores met andere "
              "maten zijn tussen de groepen te vergelijken, hun gemiddelden niet.",
    },
    "cx.inv.highest.scalar": {
        "en": "Scalar invariance holds: the scale measures the same in every group, so the groups' mean scores "
              "can be compared.",
        "nl": "Scalaire invariantie houdt stand: de schaal meet in elke groep hetzelfde, dus de gemiddelde scores "
              "van de groepen zijn te vergelijken.",
    },
    "cx.inv.highest.strict": {
        "en": "Strict invariance holds: the scale measures the same in every group, with equal precision; means "
              "and spreads of the scores can be compared.",
        "nl": "Strikte invariantie houdt stand: de schaal meet in elke groep hetzelfde, even nauwkeurig; "
              "gemiddelden en spreiding van de scores zijn te vergelijken.",
    },
    "cx.inv.not_tested": {
        "en": "Stricter levels than {level} invariance were not tested.",
        "nl": "Strengere niveaus dan {level} invariantie zijn niet getoetst.",
    },
    # ------------------------------------------------------------------ findings (executive summary)
    "cx.finding.reliable": {
        "en": "All dimensions of {scale} are reliable: Cronbach's alpha {low} to {high} (threshold {threshold}).",
        "nl": "Alle dimensies van {scale} zijn betrouwbaar: Cronbachs alfa {low} tot {high} (drempel {threshold}).",
    },
    "cx.finding.unreliable": {
        "en": "{dims} of {scale} fall short of the reliability threshold of {threshold} (lowest Cronbach's alpha "
              "{low}).",
        "nl": "{dims} van {scale} blijven onder de betrouwbaarheidsdrempel van {threshold} (laagste Cronbachs alfa "
              "{low}).",
    },
    "cx.finding.fit_good": {
        "en": "The measurement model of {scale} fits the data well (CFI {cfi}, RMSEA {rmsea}, SRMR {srmr}).",
        "nl": "Het meetmodel van {scale} past goed bij de data (CFI {cfi}, RMSEA {rmsea}, SRMR {srmr}).",
    },
    "cx.finding.fit_mixed": {
        "en": "The measurement model of {scale} fits the data only partly (CFI {cfi}, RMSEA {rmsea}, SRMR {srmr}; "
              "outside the threshold: {failing}).",
        "nl": "Het meetmodel van {scale} past maar gedeeltelijk bij de data (CFI {cfi}, RMSEA {rmsea}, SRMR {srmr}; "
              "buiten de drempel: {failing}).",
    },
    "cx.finding.fit_poor": {
        "en": "The measurement model of {scale} does not fit the data (CFI {cfi}, RMSEA {rmsea}, SRMR {srmr}).",
        "nl": "Het meetmodel van {scale} past niet bij de data (CFI {cfi}, RMSEA {rmsea}, SRMR {srmr}).",
    },
    "cx.finding.invariance": {
        "en": "{scale} reaches {level} invariance across the groups by {segment}.",
        "nl": "{scale} bereikt {level} invariantie over de groepen naar {segment}.",
    },
    # ------------------------------------------------------------------ tables
    "cx.caption.items": {"en": "Item statistics", "nl": "Itemstatistieken"},
    "cx.caption.fit": {"en": "Fit indices", "nl": "Fit-indices"},
    "cx.caption.loadings": {"en": "Standardised loadings", "nl": "Gestandaardiseerde ladingen"},
    "cx.caption.parameters": {"en": "All parameter estimates", "nl": "Alle parameterschattingen"},
    "cx.caption.efa_loadings": {"en": "Factor loadings and communalities", "nl": "Factorladingen en communaliteiten"},
    "cx.caption.parallel": {"en": "Parallel analysis", "nl": "Parallelle analyse"},
    "cx.caption.htmt": {"en": "HTMT ratios", "nl": "HTMT-waarden"},
    "cx.caption.validity": {"en": "Convergent and discriminant validity",
                            "nl": "Convergente en discriminante validiteit"},
    "cx.caption.invariance": {"en": "Measurement invariance", "nl": "Meetinvariantie"},
    "cx.caption.reliability": {"en": "Reliability per dimension", "nl": "Betrouwbaarheid per dimensie"},
    "cx.caption.scores": {"en": "Mean dimension scores", "nl": "Gemiddelde dimensiescores"},
    # ------------------------------------------------------------------ plots
    "plot.cx.loadings": {"en": "Standardised loadings", "nl": "Gestandaardiseerde ladingen"},
    "plot.cx.efa_loadings": {"en": "Factor loadings ({rotation})", "nl": "Factorladingen ({rotation})"},
    "plot.cx.loading": {"en": "loading", "nl": "lading"},
    "plot.cx.path": {"en": "Path diagram (standardised estimates)", "nl": "Padmodel (gestandaardiseerde schattingen)"},
    "plot.cx.scores": {"en": "Dimension scores", "nl": "Dimensiescores"},
    "plot.cx.scores_by": {"en": "Dimension scores by {column}", "nl": "Dimensiescores per {column}"},
    "plot.cx.score": {"en": "score ({low}-{high})", "nl": "score ({low}-{high})"},
    "plot.cx.score_plain": {"en": "score", "nl": "score"},
}  # fmt: skip

#: Result columns of the CX analyses: header per language and format kind (see nps_research.tables). The
#: columns ``n``, ``df``, ``aic``, ``bic``, ``dimension``, ``group``, ``mean``, ``sd``, ``z`` and ``outcome`` are
#: shared with other analyses (common.py, compare.py).
COLUMNS: dict[str, dict[str, str]] = {
    # reliability
    "n_items": {"en": "items", "nl": "items", "kind": "count"},
    "alpha": {"en": "Cronbach's alpha", "nl": "Cronbachs alfa", "kind": "number:3"},
    "alpha_std": {"en": "standardised alpha", "nl": "gestandaardiseerde alfa", "kind": "number:3"},
    "alpha_ci_lower": {"en": "alpha lower bound", "nl": "alfa ondergrens", "kind": "number:3"},
    "alpha_ci_upper": {"en": "alpha upper bound", "nl": "alfa bovengrens", "kind": "number:3"},
    "omega_total": {"en": "omega total", "nl": "omega totaal", "kind": "number:3"},
    "average_r": {"en": "mean inter-item correlation", "nl": "gemiddelde inter-itemcorrelatie", "kind": "number:3"},
    "item": {"en": "item", "nl": "item", "kind": "text"},
    "item_label": {"en": "about", "nl": "onderwerp", "kind": "text"},
    "r_drop": {"en": "corrected item-total correlation", "nl": "gecorrigeerde item-totaalcorrelatie",
               "kind": "number:3"},
    "alpha_if_deleted": {"en": "alpha without the item", "nl": "alfa zonder het item", "kind": "number:3"},
    # exploratory factor analysis
    "communality": {"en": "communality", "nl": "communaliteit", "kind": "number:3"},
    "uniqueness": {"en": "uniqueness", "nl": "uniciteit", "kind": "number:3"},
    "msa": {"en": "KMO of the item", "nl": "KMO van het item", "kind": "number:3"},
    "component": {"en": "component", "nl": "component", "kind": "count"},
    "eigenvalue": {"en": "eigenvalue", "nl": "eigenwaarde", "kind": "number:3"},
    "random_mean": {"en": "mean random eigenvalue", "nl": "gemiddelde toevallige eigenwaarde", "kind": "number:3"},
    "random_q95": {"en": "95th percentile random", "nl": "95e percentiel toevallig", "kind": "number:3"},
    "retain": {"en": "retain", "nl": "behouden", "kind": "bool"},
    # confirmatory factor analysis and SEM
    "factor": {"en": "factor", "nl": "factor", "kind": "text"},
    "parameter": {"en": "parameter", "nl": "parameter", "kind": "text"},
    "lhs": {"en": "left", "nl": "links", "kind": "text"},
    "rhs": {"en": "right", "nl": "rechts", "kind": "text"},
    "predictor": {"en": "predictor", "nl": "voorspeller", "kind": "text"},
    "est": {"en": "estimate", "nl": "schatting", "kind": "number:3"},
    "std_all": {"en": "standardised", "nl": "gestandaardiseerd", "kind": "number:3"},
    "std_se": {"en": "standard error (standardised)", "nl": "standaardfout (gestandaardiseerd)", "kind": "number:3"},
    "p_val": {"en": "p-value", "nl": "p-waarde", "kind": "p"},
    "ci_lower": {"en": "lower bound", "nl": "ondergrens", "kind": "number:3"},
    "ci_upper": {"en": "upper bound", "nl": "bovengrens", "kind": "number:3"},
    "npar": {"en": "parameters", "nl": "parameters", "kind": "count"},
    "chisq": {"en": "chi-square", "nl": "chi-kwadraat", "kind": "number:1"},
    "pvalue": {"en": "p-value", "nl": "p-waarde", "kind": "p"},
    "cfi": {"en": "CFI", "nl": "CFI", "kind": "number:3"},
    "tli": {"en": "TLI", "nl": "TLI", "kind": "number:3"},
    "rmsea": {"en": "RMSEA", "nl": "RMSEA", "kind": "number:3"},
    "rmsea_ci_lower": {"en": "RMSEA lower bound (90%)", "nl": "RMSEA ondergrens (90%)", "kind": "number:3"},
    "rmsea_ci_upper": {"en": "RMSEA upper bound (90%)", "nl": "RMSEA bovengrens (90%)", "kind": "number:3"},
    "srmr": {"en": "SRMR", "nl": "SRMR", "kind": "number:3"},
    # validity
    "factor_order": {"en": "order", "nl": "orde", "kind": "text"},
    "n_indicators": {"en": "indicators", "nl": "indicatoren", "kind": "count"},
    "cr": {"en": "composite reliability (CR)", "nl": "samengestelde betrouwbaarheid (CR)", "kind": "number:3"},
    "ave": {"en": "AVE", "nl": "AVE", "kind": "number:3"},
    "sqrt_ave": {"en": "√AVE", "nl": "√AVE", "kind": "number:3"},
    "max_corr": {"en": "largest correlation", "nl": "grootste correlatie", "kind": "number:3"},
    "cr_ok": {"en": "CR ≥ 0.70", "nl": "CR ≥ 0,70", "kind": "bool"},
    "ave_ok": {"en": "AVE ≥ 0.50", "nl": "AVE ≥ 0,50", "kind": "bool"},
    "fornell_larcker_ok": {"en": "Fornell-Larcker met", "nl": "Fornell-Larcker voldaan", "kind": "bool"},
    # invariance
    "invariance_level": {"en": "invariance level", "nl": "invariantieniveau", "kind": "text"},
    "chisq_diff": {"en": "chi-square difference", "nl": "chi-kwadraatverschil", "kind": "number:1"},
    "df_diff": {"en": "df difference", "nl": "verschil vg", "kind": "count"},
    "p_diff": {"en": "p-value of the difference", "nl": "p-waarde verschil", "kind": "p"},
    "delta_cfi": {"en": "change in CFI", "nl": "verandering CFI", "kind": "number:3"},
    "delta_rmsea": {"en": "change in RMSEA", "nl": "verandering RMSEA", "kind": "number:3"},
    "holds": {"en": "holds", "nl": "houdt stand", "kind": "bool"},
}  # fmt: skip
