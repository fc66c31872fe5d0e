"""Texts of the voice of the customer and the closed loop (notebook 08): themes, their weight in the NPS,
candidate themes, quotes, follow-up lists, survey fatigue, regression to the mean."""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    # ---- coding
    "voice.coding": {
        "en": "{k} of {n} answers ({pct}) give a reason. The code frame '{frame}' (version {version}) codes {coded} "
              "of them ({coded_pct}) into at least one theme; {uncoded} are left uncoded. Languages of the reasons: "
              "{languages}.",
        "nl": "{k} van de {n} antwoorden ({pct}) geven een reden. Het codeerschema '{frame}' (versie {version}) "
              "codeert er {coded} ({coded_pct}) in minstens één thema; {uncoded} blijven ongecodeerd. Talen van de "
              "redenen: {languages}.",
    },
    "voice.language_count": {"en": "{n} in {lang}", "nl": "{n} in het {lang}"},
    "voice.no_reasons": {
        "en": "The data hold no open-text reasons ({column}), so themes cannot be shown.",
        "nl": "De data bevatten geen open toelichtingen ({column}); thema's zijn daarom niet te tonen.",
    },
    "voice.top_themes": {
        "en": "Most mentioned by {category}: {themes}.",
        "nl": "Het vaakst genoemd door {category}: {themes}.",
    },
    "voice.theme_share": {"en": "{theme} ({share})", "nl": "{theme} ({share})"},
    "voice.shares_caption": {"en": "Share of reasons that mention each theme, per category",
                             "nl": "Aandeel van de redenen dat elk thema noemt, per categorie"},
    "voice.segments_caption": {"en": "Share of reasons that mention each theme, per {column}",
                               "nl": "Aandeel van de redenen dat elk thema noemt, per {column}"},
    "voice.all": {"en": "all", "nl": "alle"},
    # ---- impact
    "voice.impact_method": {
        "en": "The weight of a theme: one model of the chances to be a promoter and a detractor on every theme and "
              "on {controls}, for the {n} respondents with a reason (NPS {nps}). The impact is how much higher their "
              "NPS would be if nobody had mentioned the theme ({b} bootstrap samples for the {level}% intervals). "
              "It is an association, not proof of cause: people partly choose what to write after choosing the score.",
        "nl": "Het gewicht van een thema: één model van de kans op promotor en op criticaster op alle thema's en op "
              "{controls}, voor de {n} respondenten met een reden (NPS {nps}). De impact is hoeveel hoger hun NPS zou "
              "zijn als niemand het thema had genoemd ({b} bootstrapsteekproeven voor de {level}%-intervallen). "
              "Het is een samenhang, geen bewijs van oorzaak: wat mensen opschrijven kiezen ze deels na de score.",
    },
    "voice.no_controls": {"en": "no further characteristics", "nl": "geen verdere kenmerken"},
    "voice.impact_cost": {
        "en": "{theme} costs NPS: without it the NPS of respondents with a reason would be {impact} points higher "
              "(interval {ci}); {share} of them mention it, with an NPS of {with_} against {without} without it.",
        "nl": "{theme} kost NPS: zonder dit thema zou de NPS van respondenten met een reden {impact} punten hoger zijn "
              "(interval {ci}); {share} van hen noemt het, met een NPS van {with_} tegen {without} zonder.",
    },
    "voice.impact_earn": {
        "en": "{theme} earns NPS: without it the NPS would be {impact} points lower (interval {ci}); {share} "
              "mention it, with an NPS of {with_} against {without} without it.",
        "nl": "{theme} levert NPS op: zonder dit thema zou de NPS {impact} punten lager zijn (interval {ci}); {share} "
              "noemt het, met een NPS van {with_} tegen {without} zonder.",
    },
    "voice.impact_none": {
        "en": "No theme moves the NPS by more than chance allows.",
        "nl": "Geen thema verschuift de NPS meer dan toeval toelaat.",
    },
    "voice.impact_simple": {
        "en": "The simple comparison (the NPS of respondents without a theme) mixes each theme with everything that "
              "goes with it; the table shows both.",
        "nl": "De eenvoudige vergelijking (de NPS van respondenten zonder een thema) mengt elk thema met alles wat "
              "ermee samengaat; de tabel toont beide.",
    },
    "voice.impact_detail_caption": {"en": "Impact per mention and its parts", "nl": "Impact per vermelding en de delen"},
    "voice.share_header": {"en": "% of reasons", "nl": "% van de redenen"},
    "voice.impact_caption": {"en": "Weight of each theme in the NPS", "nl": "Gewicht van elk thema in de NPS"},
    # ---- quotes
    "voice.quotes_not_allowed": {
        "en": "Quotes are not shown: this study does not allow open text (personal data) in the report.",
        "nl": "Citaten staan er niet in: deze studie staat open tekst (persoonsgegevens) in het rapport niet toe.",
    },
    "voice.quotes_intro": {
        "en": "Typical reasons per theme and category, with personal data removed (e-mail addresses, phone numbers, "
              "IBANs, addresses and customer numbers).",
        "nl": "Kenmerkende redenen per thema en categorie, zonder persoonsgegevens (e-mailadressen, telefoonnummers, "
              "IBAN's, adressen en klantnummers).",
    },
    "voice.quote": {"en": "*{theme}, {category} ({score}):* \u201c{text}\u201d",
                    "nl": "*{theme}, {category} ({score}):* \u201c{text}\u201d"},
    "voice.pii.email": {"en": "e-mail", "nl": "e-mailadres"},
    "voice.pii.iban": {"en": "IBAN", "nl": "IBAN"},
    "voice.pii.phone": {"en": "phone", "nl": "telefoonnummer"},
    "voice.pii.address": {"en": "address", "nl": "adres"},
    "voice.pii.id": {"en": "customer number", "nl": "klantnummer"},
    "voice.pii.number": {"en": "number", "nl": "nummer"},
    # ---- discovery
    "voice.discovery": {
        "en": "Of the {n} uncoded reasons, {k} candidate theme(s) stand out; review them and add what is new to the "
              "code frame:",
        "nl": "In de {n} ongecodeerde redenen vallen {k} mogelijke thema's op; bekijk ze en voeg wat nieuw is toe aan "
              "het codeerschema:",
    },
    "voice.never_mentioned": {
        "en": "Not mentioned in any reason ({k} themes of the code frame, left out of the table): {themes}.",
        "nl": "In geen enkele reden genoemd ({k} thema's van het codeerschema, niet in de tabel): {themes}.",
    },
    "voice.discovery_all_coded": {
        "en": "Every reason fits a theme of the code frame: there is nothing left to search for new themes.",
        "nl": "Elke reden past in een thema van het codeerschema: er blijft niets over om nieuwe thema's in te zoeken.",
    },
    "voice.discovery_none": {
        "en": "The {n} uncoded reasons show no candidate theme of at least {min_n} comments.",
        "nl": "De {n} ongecodeerde redenen laten geen mogelijk thema van minstens {min_n} opmerkingen zien.",
    },
    "voice.candidate": {
        "en": "{name} ({lang}, {n} reasons, NPS {nps}): {terms}",
        "nl": "{name} ({lang}, {n} redenen, NPS {nps}): {terms}",
    },
    "voice.candidate_example": {"en": "for example \u201c{text}\u201d", "nl": "bijvoorbeeld \u201c{text}\u201d"},
    "voice.discovery_caption": {"en": "Candidate themes in the uncoded reasons",
                                "nl": "Mogelijke thema's in de ongecodeerde redenen"},
    # ---- follow-up lists
    "voice.followup": {
        "en": "Follow-up on {date}: {det} detractor(s) who agreed to be contacted are on the call-back list ({high} "
              "with high priority, {overdue} past their due date); {pro} promoter(s) are ambassador candidates.",
        "nl": "Opvolging op {date}: {det} criticaster(s) die toestemming gaven voor contact staan op de "
              "terugbellijst ({high} met hoge prioriteit, {overdue} over de streefdatum); {pro} promotor(s) zijn "
              "kandidaat-ambassadeur.",
    },
    "voice.followup_rules": {
        "en": "Only customers who consented, answered in the last {days} days and were not contacted in the last "
              "{quarantine} days, one line per customer; due dates {sla} working days after the answer (high, "
              "medium, low priority).",
        "nl": "Alleen klanten die toestemming gaven, in de laatste {days} dagen antwoordden en in de laatste "
              "{quarantine} dagen niet benaderd zijn, één regel per klant; streefdata {sla} werkdagen na het "
              "antwoord (hoge, middelhoge, lage prioriteit).",
    },
    "voice.followup_files": {
        "en": "The lists are written next to this report: {files}.",
        "nl": "De lijsten staan naast dit rapport: {files}.",
    },
    "voice.followup_private": {
        "en": "Personal data are not allowed in this report: the lists hold keyed pseudonyms (the client holds the "
              "key) and scrubbed comments, and are not shown here.",
        "nl": "Persoonsgegevens zijn in dit rapport niet toegestaan: de lijsten bevatten sleutelcodes (de "
              "opdrachtgever heeft de sleutel) en opgeschoonde opmerkingen, en staan hier niet in.",
    },
    "voice.followup_no_folder": {
        "en": "No output folder was given, so the lists were not written.",
        "nl": "Er is geen uitvoermap opgegeven; de lijsten zijn daarom niet weggeschreven.",
    },
    "voice.no_consent_column": {
        "en": "The data hold no follow-up consent ({column}): without consent nobody is put on a list.",
        "nl": "De data bevatten geen toestemming voor contact ({column}): zonder toestemming komt niemand op een lijst.",
    },
    "voice.detractors_caption": {"en": "Call-back list (detractors)", "nl": "Terugbellijst (criticasters)"},
    "voice.promoters_caption": {"en": "Ambassador candidates (promoters)", "nl": "Kandidaat-ambassadeurs (promotors)"},
    "voice.sheet.detractors": {"en": "call back", "nl": "terugbellen"},
    "voice.sheet.promoters": {"en": "ambassadors", "nl": "ambassadeurs"},
    "voice.csv_separator": {"en": ",", "nl": ";"},
    # ---- follow-up effect
    "voice.rtm": {
        "en": "Regression to the mean: {n} detractors who answered again without a recorded follow-up changed by "
              "{change} points on average; chance alone predicts {expected} (test-retest correlation {r}). "
              "Re-surveyed detractors improve without anything being done (Barnett, van der Pols & Dobson 2005).",
        "nl": "Regressie naar het gemiddelde: {n} criticasters die opnieuw antwoordden zonder vastgelegde opvolging "
              "veranderden gemiddeld {change} punten; toeval alleen voorspelt {expected} (test-hertestcorrelatie "
              "{r}). Opnieuw gemeten criticasters verbeteren zonder dat er iets gebeurt (Barnett, van der Pols & "
              "Dobson 2005).",
    },
    "voice.followup_effect": {
        "en": "Followed-up detractors ({n}) changed by {change} points; against detractors with the same first "
              "score who were not followed up, that is {effect} points more (interval {ci}, {p}).",
        "nl": "Opgevolgde criticasters ({n}) veranderden {change} punten; tegenover criticasters met dezelfde "
              "eerste score die niet zijn opgevolgd is dat {effect} punten meer (interval {ci}, {p}).",
    },
    "voice.followup_no_effect": {
        "en": "Followed-up detractors ({n}) changed by {change} points, no more than comparable detractors who were "
              "not followed up ({effect} points, interval {ci}, {p}).",
        "nl": "Opgevolgde criticasters ({n}) veranderden {change} punten, niet meer dan vergelijkbare criticasters "
              "die niet zijn opgevolgd ({effect} punten, interval {ci}, {p}).",
    },
    "voice.followup_none": {
        "en": "No follow-ups are recorded, so their effect cannot be measured; compare any improvement with the "
              "regression to the mean above.",
        "nl": "Er zijn geen opvolgingen vastgelegd, dus hun effect is niet te meten; vergelijk elke verbetering met "
              "de regressie naar het gemiddelde hierboven.",
    },
    "voice.rtm_caution": {
        "en": "An improvement of re-surveyed detractors is therefore no proof that following up works: only the "
              "difference with comparable detractors who were not followed up is.",
        "nl": "Een verbetering van opnieuw gemeten criticasters bewijst dus niet dat opvolgen werkt: alleen het "
              "verschil met vergelijkbare criticasters die niet zijn opgevolgd doet dat.",
    },
    "voice.no_pairs": {
        "en": "No customer answered again after a low score, so regression to the mean cannot be measured here.",
        "nl": "Geen klant antwoordde opnieuw na een lage score; regressie naar het gemiddelde is hier niet te meten.",
    },
    # ---- fatigue
    "voice.fatigue": {
        "en": "Response rate over {n} invitations: {first} for a first invitation in 12 months, {many} with {k} or "
              "more earlier ones; {short} when the last invitation was fewer than 30 days before.",
        "nl": "Respons over {n} uitnodigingen: {first} bij een eerste uitnodiging in 12 maanden, {many} bij {k} of "
              "meer eerdere; {short} als de vorige uitnodiging minder dan 30 dagen eerder was.",
    },
    "voice.fatigue_suggest": {
        "en": "From these data: a quarantine of {days} days keeps the response rate within {tol} points of a first "
              "invitation; {max_text}",
        "nl": "Uit deze data: een quarantaine van {days} dagen houdt de respons binnen {tol} punten van een eerste "
              "uitnodiging; {max_text}",
    },
    "voice.fatigue_no_quarantine": {
        "en": "From these data: a short gap since the last invitation does not lower the response rate by more than "
              "{tol} points, so no quarantine is needed for the response rate (customers may still find it too "
              "much); {max_text}",
        "nl": "Uit deze data: een korte tijd sinds de vorige uitnodiging verlaagt de respons niet meer dan {tol} "
              "punten, dus voor de respons is geen quarantaine nodig (klanten kunnen het wel te veel vinden); "
              "{max_text}",
    },
    "voice.fatigue_max": {
        "en": "from the {k}th invitation in 12 months on the rate drops further, so at most {k_minus} per 12 months.",
        "nl": "vanaf de {k}e uitnodiging in 12 maanden zakt de respons verder, dus hoogstens {k_minus} per 12 maanden.",
    },
    "voice.fatigue_no_max": {
        "en": "more invitations in 12 months do not lower the rate further in these data.",
        "nl": "meer uitnodigingen in 12 maanden verlagen de respons in deze data niet verder.",
    },
    "voice.eligibility": {
        "en": "The rules (consent and opt-out, a quarantine of {days} days, at most {k} invitations per 12 months, one "
              "per customer per day) applied to the {n} eligible transactions of the last {window} days: {ok} may be "
              "surveyed, {excluded} are excluded.",
        "nl": "De regels (toestemming en afmelding, een quarantaine van {days} dagen, hoogstens {k} uitnodigingen per "
              "12 maanden, één per klant per dag) toegepast op de {n} transacties van de laatste {window} dagen: {ok} "
              "mogen een uitnodiging krijgen, {excluded} niet.",
    },
    "voice.fatigue_caption": {"en": "Response rate by earlier invitations", "nl": "Respons naar eerdere uitnodigingen"},
    "voice.eligibility_caption": {"en": "Exclusions by reason", "nl": "Uitsluitingen naar reden"},
    "voice.no_invitations": {
        "en": "The data hold no contact history (invitations), so survey fatigue cannot be measured.",
        "nl": "De data bevatten geen contacthistorie (uitnodigingen); enquêtemoeheid is daarom niet te meten.",
    },
    # ---- findings
    "voice.finding_cost": {
        "en": "Theme {theme} costs {impact} NPS points among respondents with a reason (interval {ci}).",
        "nl": "Thema {theme} kost {impact} NPS-punten bij respondenten met een reden (interval {ci}).",
    },
    "voice.finding_earn": {
        "en": "Theme {theme} earns {impact} NPS points among respondents with a reason (interval {ci}).",
        "nl": "Thema {theme} levert {impact} NPS-punten op bij respondenten met een reden (interval {ci}).",
    },
    "voice.finding_uncoded": {
        "en": "{pct} of the reasons fit no theme of the code frame; {k} candidate theme(s) found in them.",
        "nl": "{pct} van de redenen past in geen thema van het codeerschema; daarin {k} mogelijke thema's gevonden.",
    },
    # ---- values
    "value.priority.high": {"en": "high", "nl": "hoog"},
    "value.priority.medium": {"en": "medium", "nl": "middel"},
    "value.priority.low": {"en": "low", "nl": "laag"},
    "value.exclusion.no_consent": {"en": "no consent", "nl": "geen toestemming"},
    "value.exclusion.opted_out": {"en": "opted out", "nl": "afgemeld"},
    "value.exclusion.same_day": {"en": "already invited that day", "nl": "die dag al uitgenodigd"},
    "value.exclusion.quarantine": {"en": "quarantine", "nl": "quarantaine"},
    "value.exclusion.max_per_year": {"en": "maximum per 12 months", "nl": "maximum per 12 maanden"},
    "value.measure.earlier_invitations": {"en": "earlier invitations in 12 months",
                                          "nl": "eerdere uitnodigingen in 12 maanden"},
    "value.measure.days_since_last": {"en": "days since the last invitation", "nl": "dagen sinds de vorige uitnodiging"},
    "value.group.none": {"en": "first invitation", "nl": "eerste uitnodiging"},
    "value.group.0-29": {"en": "0-29 days", "nl": "0-29 dagen"},
    "value.group.30-89": {"en": "30-89 days", "nl": "30-89 dagen"},
    "value.group.90-179": {"en": "90-179 days", "nl": "90-179 dagen"},
    "value.group.180-364": {"en": "180-364 days", "nl": "180-364 dagen"},
    "value.group.365+": {"en": "365 days or more", "nl": "365 dagen of meer"},
    "value.group.4+": {"en": "4 or more", "nl": "4 of meer"},
    "value.language.nl": {"en": "Dutch", "nl": "Nederlands"},
    "value.language.en": {"en": "English", "nl": "Engels"},
    "value.level.theme": {"en": "theme", "nl": "thema"},
    "value.level.parent": {"en": "group of themes", "nl": "groep thema's"},
    # ---- plots
    "plot.voice.share": {"en": "% of reasons that mention the theme", "nl": "% van de redenen dat het thema noemt"},
    "plot.voice.shares_title": {"en": "Themes per category", "nl": "Thema's per categorie"},
    "plot.voice.impact": {"en": "NPS points if the theme were not mentioned",
                          "nl": "NPS-punten als het thema niet genoemd was"},
    "plot.voice.impact_title": {"en": "Weight of each theme in the NPS", "nl": "Gewicht van elk thema in de NPS"},
    "plot.voice.modelled": {"en": "model (with interval)", "nl": "model (met interval)"},
    "plot.voice.simple": {"en": "simple comparison", "nl": "eenvoudige vergelijking"},
    "plot.voice.rate": {"en": "response rate (%)", "nl": "respons (%)"},
    "plot.voice.earlier": {"en": "earlier invitations in 12 months", "nl": "eerdere uitnodigingen in 12 maanden"},
    "plot.voice.since": {"en": "days since the last invitation", "nl": "dagen sinds de vorige uitnodiging"},
    "plot.voice.fatigue_title_since": {"en": "Response rate and days since the last invitation",
                                       "nl": "Respons en dagen sinds de vorige uitnodiging"},
    "plot.voice.fatigue_title": {"en": "Response rate and earlier invitations",
                                 "nl": "Respons en eerdere uitnodigingen"},
}

#: Result columns of the voice analyses shown in report tables.
COLUMNS: dict[str, dict[str, str]] = {
    "theme": {"en": "theme", "nl": "thema", "kind": "text"},
    "mentions": {"en": "mentions", "nl": "keer genoemd", "kind": "count"},
    "share_low": {"en": "lower bound (%)", "nl": "ondergrens (%)", "kind": "share"},
    "share_high": {"en": "upper bound (%)", "nl": "bovengrens (%)", "kind": "share"},
    "detractor_share": {"en": "% of detractors", "nl": "% van criticasters", "kind": "share"},
    "passive_share": {"en": "% of passives", "nl": "% van passieven", "kind": "share"},
    "promoter_share": {"en": "% of promoters", "nl": "% van promotors", "kind": "share"},
    "all_share": {"en": "% of all", "nl": "% van allen", "kind": "share"},
    "nps_with": {"en": "NPS with the theme", "nl": "NPS met het thema", "kind": "points"},
    "nps_without": {"en": "NPS without the theme", "nl": "NPS zonder het thema", "kind": "points"},
    "simple_impact": {"en": "simple comparison", "nl": "eenvoudige vergelijking", "kind": "points"},
    "impact": {"en": "impact (model)", "nl": "impact (model)", "kind": "points"},
    "effect_per_mention": {"en": "per mention", "nl": "per vermelding", "kind": "points"},
    "effect_low": {"en": "per mention, lower bound", "nl": "per vermelding, ondergrens", "kind": "points"},
    "effect_high": {"en": "per mention, upper bound", "nl": "per vermelding, bovengrens", "kind": "points"},
    "promoters_change": {"en": "change in % promoters", "nl": "verandering % promotors", "kind": "signed:1"},
    "detractors_change": {"en": "change in % detractors", "nl": "verandering % criticasters", "kind": "signed:1"},
    "level": {"en": "level", "nl": "niveau", "kind": "category"},
    "candidate": {"en": "candidate", "nl": "kandidaat", "kind": "text"},
    "terms": {"en": "top terms", "nl": "belangrijkste woorden", "kind": "text"},
    "language": {"en": "language", "nl": "taal", "kind": "category"},
    "comment": {"en": "comment", "nl": "opmerking", "kind": "text"},
    "themes": {"en": "themes", "nl": "thema's", "kind": "text"},
    "customer_value": {"en": "customer value", "nl": "klantwaarde", "kind": "number:0"},
    "priority": {"en": "priority", "nl": "prioriteit", "kind": "category"},
    "priority_score": {"en": "priority score", "nl": "prioriteitsscore", "kind": "number:2"},
    "due_date": {"en": "due date", "nl": "streefdatum", "kind": "date"},
    "overdue": {"en": "overdue", "nl": "over tijd", "kind": "bool"},
    "days_since": {"en": "days since the answer", "nl": "dagen sinds het antwoord", "kind": "count"},
    "first_ltr": {"en": "first score", "nl": "eerste score", "kind": "count"},
    "n_followed": {"en": "followed up", "nl": "opgevolgd", "kind": "count"},
    "n_not_followed": {"en": "not followed up", "nl": "niet opgevolgd", "kind": "count"},
    "change_followed": {"en": "change, followed up", "nl": "verandering, opgevolgd", "kind": "signed:2"},
    "change_not_followed": {"en": "change, not followed up", "nl": "verandering, niet opgevolgd", "kind": "signed:2"},
    "group": {"en": "group", "nl": "groep", "kind": "category"},
    "responses": {"en": "responses", "nl": "reacties", "kind": "count"},
    "rate": {"en": "response rate (%)", "nl": "respons (%)", "kind": "share"},
    "rate_low": {"en": "lower bound (%)", "nl": "ondergrens (%)", "kind": "share"},
    "rate_high": {"en": "upper bound (%)", "nl": "bovengrens (%)", "kind": "share"},
    "exclusion": {"en": "reason for exclusion", "nl": "reden van uitsluiting", "kind": "category"},
    "count": {"en": "number", "nl": "aantal", "kind": "count"},
}
