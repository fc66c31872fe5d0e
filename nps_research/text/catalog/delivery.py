"""Texts of the client deliveries: the run's workbook (sheets, headers) and the definitions sheet."""

from __future__ import annotations


def _d(key: str, term: tuple[str, str], meaning: tuple[str, str], reference: str) -> dict[str, dict[str, str]]:
    return {f"definition.{key}.term": {"en": term[0], "nl": term[1]},
            f"definition.{key}.meaning": {"en": meaning[0], "nl": meaning[1]},
            f"definition.{key}.reference": {"en": reference, "nl": reference}}


TEXTS: dict[str, dict[str, str]] = {
    "delivery.findings": {"en": "Findings", "nl": "Bevindingen"},
    "delivery.definitions": {"en": "Definitions", "nl": "Definities"},
    "delivery.provenance": {"en": "Provenance", "nl": "Herkomst"},
    "delivery.col_finding": {"en": "finding", "nl": "bevinding"},
    "delivery.col_page": {"en": "page", "nl": "pagina"},
    "delivery.col_test": {"en": "test", "nl": "toets"},
    "delivery.col_size": {"en": "size", "nl": "grootte"},
    "delivery.col_term": {"en": "term", "nl": "begrip"},
    "delivery.col_meaning": {"en": "meaning and method", "nl": "betekenis en methode"},
    "delivery.col_reference": {"en": "reference", "nl": "bron"},
    "delivery.col_file": {"en": "input file", "nl": "invoerbestand"},
    "delivery.study": {"en": "study", "nl": "onderzoek"},
    "delivery.run": {"en": "run", "nl": "run"},
    "delivery.started": {"en": "started (UTC)", "nl": "gestart (UTC)"},
    "delivery.finished": {"en": "finished (UTC)", "nl": "klaar (UTC)"},
    "delivery.version": {"en": "nps_research version", "nl": "versie nps_research"},
    "delivery.commit": {"en": "git commit", "nl": "git-commit"},
    "delivery.python": {"en": "Python", "nl": "Python"},
    **_d("nps", ("Net Promoter Score (NPS)", "Net Promoter Score (NPS)"),
         ("Percentage promoters (9-10) minus percentage detractors (0-6) on 'how likely are you to recommend us' "
          "(0-10); from -100 to +100.",
          "Percentage promotors (9-10) min percentage criticasters (0-6) op 'hoe waarschijnlijk is het dat u ons "
          "aanbeveelt' (0-10); van -100 tot +100."), "Reichheld (2003), Harvard Business Review 81(12)"),
    **_d("interval", ("Interval (95%)", "Interval (95%)"),
         ("The range that contains the true NPS with 95% confidence; by default the adjusted Wald interval on the "
          "three category shares.",
          "Het bereik waarin de echte NPS met 95% betrouwbaarheid ligt; standaard het adjusted-Wald-interval op de "
          "drie categorieaandelen."), "Rocks (2016), arXiv:1604.01427"),
    **_d("q_value", ("q-value", "q-waarde"),
         ("A p-value adjusted for testing many segments or signals at once (false discovery rate): below 0.05 "
          "means at most 5% of such findings are expected to be chance.",
          "Een p-waarde gecorrigeerd voor het tegelijk toetsen van veel segmenten of signalen (false discovery "
          "rate): onder 0,05 is naar verwachting hoogstens 5% van zulke bevindingen toeval."),
         "Benjamini & Hochberg (1995), J R Stat Soc B 57:289"),
    **_d("materiality", ("Change", "Verandering"),
         ("A movement is called a change only when it is significant (p < 0.05); a significant change smaller than "
          "3 NPS points is called small.",
          "Een beweging heet alleen een verandering als ze significant is (p < 0,05); een significante verandering "
          "van minder dan 3 NPS-punten heet klein."), "nps_research.findings"),
    **_d("shrinkage", ("NPS after shrinkage", "NPS na shrinkage"),
         ("Each unit's NPS pulled towards the typical NPS in proportion to how few answers it rests on "
          "(empirical Bayes, Dirichlet-multinomial prior fitted across units).",
          "De NPS van elke eenheid naar de gebruikelijke NPS getrokken naarmate hij op minder antwoorden rust "
          "(empirisch Bayes, Dirichlet-multinomiale prior geschat over de eenheden)."),
         "Efron & Morris (1975), JASA 70:311"),
    **_d("funnel", ("Funnel plot", "Trechterplot"),
         ("NPS per unit against its number of answers, with the limits that chance and the usual spread allow "
          "(95% and 99.8%).",
          "NPS per eenheid tegen het aantal antwoorden, met de grenzen die toeval en de gebruikelijke spreiding "
          "toelaten (95% en 99,8%)."), "Spiegelhalter (2005), Stat Med 24:1185"),
    **_d("kappa", ("Weighted kappa", "Gewogen kappa"),
         ("Agreement between two ratings beyond chance, disagreements weighted by their squared distance.",
          "Overeenstemming tussen twee beoordelingen boven toeval, verschillen gewogen naar hun gekwadrateerde "
          "afstand."), "Cohen (1968), Psychol Bull 70:213"),
    **_d("ac2", ("Gwet's AC2", "Gwet's AC2"),
         ("Agreement coefficient that stays stable when ratings pile up at a few values (9-10).",
          "Overeenstemmingscoefficient die stabiel blijft als beoordelingen zich ophopen bij enkele waarden (9-10)."),
         "Gwet (2008), Br J Math Stat Psychol 61:29"),
    **_d("relative_importance", ("Relative importance (Shapley)", "Relatief belang (Shapley)"),
         ("Each driver's share of the explained variance, averaged over all orders in which drivers can enter the "
          "model.",
          "Het aandeel van elke driver in de verklaarde variantie, gemiddeld over alle volgordes waarin drivers het "
          "model in kunnen gaan."), "Lindeman, Merenda & Gold (1980); Gromping (2007), Am Stat 61:139"),
    **_d("cfa", ("Model fit (CFA)", "Modelfit (CFA)"),
         ("How well a measurement model reproduces the items' correlations: CFI and TLI at least 0.95, RMSEA and "
          "SRMR at most 0.06 and 0.08.",
          "Hoe goed een meetmodel de samenhang tussen items reproduceert: CFI en TLI minstens 0,95, RMSEA en SRMR "
          "hoogstens 0,06 en 0,08."), "Hu & Bentler (1999), Struct Equ Modeling 6:1"),
    **_d("reliability", ("Reliability (alpha, omega)", "Betrouwbaarheid (alfa, omega)"),
         ("How consistently a scale's items measure the same thing; 0.7 or more is the usual threshold.",
          "Hoe consistent de items van een schaal hetzelfde meten; 0,7 of meer is de gebruikelijke drempel."),
         "Cronbach (1951); McDonald (1999)"),
    **_d("exq", ("EXQ", "EXQ"),
         ("Customer experience quality over the whole journey: product experience, outcome focus, moments of truth "
          "and peace of mind.",
          "Kwaliteit van de klantervaring over de hele klantreis: productervaring, resultaatgerichtheid, momenten "
          "van de waarheid en gemoedsrust."), "Klaus & Maklan (2013), Int J Market Res 55:227"),
    **_d("cv_test", ("Corrected resampled t-test", "Gecorrigeerde resampled t-toets"),
         ("Compares the out-of-sample prediction of two measures over repeated cross-validation, correcting for the "
          "overlap between training sets.",
          "Vergelijkt de voorspelling buiten de steekproef van twee maten over herhaalde kruisvalidatie, "
          "gecorrigeerd voor de overlap tussen trainingssets."), "Nadeau & Bengio (2003), Mach Learn 52:239"),
}
