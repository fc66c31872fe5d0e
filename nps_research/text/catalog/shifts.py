"""Level shifts, tested seasonality and pooled baseline comparisons (:mod:`nps_research.change_points`)."""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    "shifts.none": {
        "en": "No level shift: over {k} periods the NPS moves no more than chance and the season allow (the search "
              "for a shift has a {alpha} chance of a false alarm).",
        "nl": "Geen niveauverschuiving: over {k} perioden beweegt de NPS niet meer dan toeval en seizoen toelaten "
              "(de zoektocht naar een verschuiving geeft met kans {alpha} een vals alarm).",
    },
    "shifts.level_change_header": {"en": "change of level", "nl": "verandering van het niveau"},
    "shifts.where_exact": {"en": "in {period}", "nl": "in {period}"},
    "shifts.where_between": {"en": "between {low} and {high}", "nl": "tussen {low} en {high}"},
    "shifts.adjusted": {"en": ", corrected for the season", "nl": ", gecorrigeerd voor het seizoen"},
    "shifts.up": {
        "en": "Level shift up from {period} (it happened {where}): NPS {before} before (n = {nb}) and {after} after "
              "(n = {na}); the level rose {diff} points{adjusted} ({level}% interval {low} to {high}; {p}, "
              "allowing for the search over every period).",
        "nl": "Niveauverschuiving omhoog vanaf {period} (ontstaan {where}): NPS {before} ervoor (n = {nb}) en "
              "{after} erna (n = {na}); het niveau steeg {diff} punten{adjusted} ({level}%-interval {low} tot "
              "{high}; {p}, rekening houdend met de zoektocht over alle perioden).",
    },
    "shifts.down": {
        "en": "Level shift down from {period} (it happened {where}): NPS {before} before (n = {nb}) and {after} "
              "after (n = {na}); the level fell {diff} points{adjusted} ({level}% interval {low} to {high}; {p}, "
              "allowing for the search over every period).",
        "nl": "Niveauverschuiving omlaag vanaf {period} (ontstaan {where}): NPS {before} ervoor (n = {nb}) en "
              "{after} erna (n = {na}); het niveau daalde {diff} punten{adjusted} ({level}%-interval {low} tot "
              "{high}; {p}, rekening houdend met de zoektocht over alle perioden).",
    },
    "shifts.season_too_few": {
        "en": "Seasonality is not tested: the data hold {k} full cycles of {sp} periods, and at least two are "
              "needed to tell a season from a trend or a shift.",
        "nl": "Seizoensinvloed is niet getoetst: de gegevens beslaan {k} volledige cycli van {sp} perioden, en er "
              "zijn er minstens twee nodig om een seizoen te onderscheiden van een trend of een verschuiving.",
    },
    "shifts.season_yes": {
        "en": "There is a seasonal pattern: allowing for the level shifts, the NPS differs by period of the year, "
              "{range} points from the weakest to the strongest period ({p}, {k} cycles).",
        "nl": "Er is een seizoenspatroon: rekening houdend met de niveauverschuivingen verschilt de NPS per periode "
              "van het jaar, {range} punten van de zwakste tot de sterkste periode ({p}, {k} cycli).",
    },
    "shifts.season_no": {
        "en": "No seasonal pattern: allowing for the level shifts, the periods of the year do not differ more than "
              "chance allows ({p}, {k} cycles).",
        "nl": "Geen seizoenspatroon: rekening houdend met de niveauverschuivingen verschillen de perioden van het "
              "jaar niet meer dan toeval toelaat ({p}, {k} cycli).",
    },
    "shifts.finding_down": {
        "en": "The NPS level fell {diff} points from {period} ({before} before, {after} after; {p}).",
        "nl": "Het NPS-niveau daalde {diff} punten vanaf {period} ({before} ervoor, {after} erna; {p}).",
    },
    "shifts.finding_up": {
        "en": "The NPS level rose {diff} points from {period} ({before} before, {after} after; {p}).",
        "nl": "Het NPS-niveau steeg {diff} punten vanaf {period} ({before} ervoor, {after} erna; {p}).",
    },
    "shifts.finding_season": {
        "en": "The NPS has a tested seasonal pattern of {range} points between the weakest and strongest period "
              "({p}).",
        "nl": "De NPS heeft een getoetst seizoenspatroon van {range} punten tussen de zwakste en sterkste periode "
              "({p}).",
    },
    # pooled comparison against the baseline
    "pooled.up": {
        "en": "The last {w} periods ({recent_start} to {recent_end}, NPS {recent}, n = {nr}) against the first {w} "
              "({base_start} to {base_end}, NPS {base}, n = {nb}): {diff} points, significantly higher ({p}).",
        "nl": "De laatste {w} perioden ({recent_start} tot {recent_end}, NPS {recent}, n = {nr}) tegenover de "
              "eerste {w} ({base_start} tot {base_end}, NPS {base}, n = {nb}): {diff} punten, significant hoger "
              "({p}).",
    },
    "pooled.down": {
        "en": "The last {w} periods ({recent_start} to {recent_end}, NPS {recent}, n = {nr}) against the first {w} "
              "({base_start} to {base_end}, NPS {base}, n = {nb}): {diff} points, significantly lower ({p}).",
        "nl": "De laatste {w} perioden ({recent_start} tot {recent_end}, NPS {recent}, n = {nr}) tegenover de "
              "eerste {w} ({base_start} tot {base_end}, NPS {base}, n = {nb}): {diff} punten, significant lager "
              "({p}).",
    },
    "pooled.flat": {
        "en": "The last {w} periods ({recent_start} to {recent_end}, NPS {recent}, n = {nr}) against the first {w} "
              "({base_start} to {base_end}, NPS {base}, n = {nb}): {diff} points, not a significant change ({p}); "
              "with these numbers of answers a change of {mde} points or more would have been found with 80% "
              "probability.",
        "nl": "De laatste {w} perioden ({recent_start} tot {recent_end}, NPS {recent}, n = {nr}) tegenover de "
              "eerste {w} ({base_start} tot {base_end}, NPS {base}, n = {nb}): {diff} punten, geen significante "
              "verandering ({p}); met deze aantallen antwoorden was een verandering van {mde} punten of meer met "
              "80% kans gevonden.",
    },
    "pooled.finding": {
        "en": "NPS {recent} in the last {w} periods against {base} in the first {w}: {diff} points ({p}).",
        "nl": "NPS {recent} in de laatste {w} perioden tegenover {base} in de eerste {w}: {diff} punten ({p}).",
    },
    "pooled.finding_none": {
        "en": "NPS {recent} in the last {w} periods against {base} in the first {w}: no significant change ({p}).",
        "nl": "NPS {recent} in de laatste {w} perioden tegenover {base} in de eerste {w}: geen significante "
              "verandering ({p}).",
    },
}

COLUMNS: dict[str, dict] = {
    "period_low": {"en": "from", "nl": "vanaf", "kind": "period"},
    "period_high": {"en": "to", "nl": "tot en met", "kind": "period"},
    "n_before": {"en": "n before", "nl": "n ervoor", "kind": "count"},
    "nps_before": {"en": "NPS before", "nl": "NPS ervoor", "kind": "points"},
    "n_after": {"en": "n after", "nl": "n erna", "kind": "count"},
    "nps_after": {"en": "NPS after", "nl": "NPS erna", "kind": "points"},
}
