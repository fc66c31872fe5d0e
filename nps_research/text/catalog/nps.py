"""Texts of the NPS analyses (notebook 02): headline, benchmark, tests, segments, trend, change and their plots.

Keys: ``nps.*`` (headline, benchmark, two-sample tests), ``segments.*``, ``trends.*``, ``change.*`` and the plot
texts ``plot.nps.*``. Column headers of the result tables are in ``COLUMNS``.
"""

from __future__ import annotations

_INTERVAL = {"en": "{level}% interval {low} to {high}", "nl": "{level}%-interval {low} tot {high}"}

TEXTS: dict[str, dict] = {
    # ------------------------------------------------------------------ page
    "nps.scope": {
        "en": "This page is about {answers}.",
        "nl": "Deze pagina gaat over {answers}.",
    },
    "nps.scope_pooled": {
        "en": "This page pools all answers; relational and transactional NPS measure different things, so "
              "read the pooled figures with care.",
        "nl": "Deze pagina voegt alle antwoorden samen; relationele en transactionele NPS meten iets anders, "
              "lees de samengevoegde cijfers dus met voorzichtigheid.",
    },
    # ------------------------------------------------------------------ headline (one sentence function)
    "nps.headline": {
        "en": "The NPS is {nps} (" + _INTERVAL["en"] + "; n = {n}).",
        "nl": "De NPS is {nps} (" + _INTERVAL["nl"] + "; n = {n}).",
    },
    "nps.headline_weighted": {
        "en": "The weighted NPS is {nps} (" + _INTERVAL["en"] + "; n = {n}, effective n = {n_eff}).",
        "nl": "De gewogen NPS is {nps} (" + _INTERVAL["nl"] + "; n = {n}, effectieve n = {n_eff}).",
    },
    "nps.headline_of": {
        "en": "The NPS of {answers} is {nps} (" + _INTERVAL["en"] + "; n = {n}).",
        "nl": "De NPS van {answers} is {nps} (" + _INTERVAL["nl"] + "; n = {n}).",
    },
    "nps.headline_weighted_of": {
        "en": "The weighted NPS of {answers} is {nps} (" + _INTERVAL["en"] + "; n = {n}, effective n = {n_eff}).",
        "nl": "De gewogen NPS van {answers} is {nps} (" + _INTERVAL["nl"] + "; n = {n}, effectieve n = {n_eff}).",
    },
    "nps.shares_weighted": {
        "en": "Weighted shares: {promoters}% promoters, {passives}% passives and {detractors}% detractors.",
        "nl": "Gewogen aandelen: {promoters}% promotors, {passives}% passieven en {detractors}% criticasters.",
    },
    "nps.ci_low_level": {"en": "lower bound ({level}%)", "nl": "ondergrens ({level}%)"},
    "nps.ci_high_level": {"en": "upper bound ({level}%)", "nl": "bovengrens ({level}%)"},
    "nps.small_n_eff": {
        "en": "Caution: the effective n = {n} is below {min_n}; the interval is wide and the estimate unstable.",
        "nl": "Let op: de effectieve n = {n} is kleiner dan {min_n}; het interval is breed en de schatting onzeker.",
    },
    # which answers a figure covers
    "nps.answers.relational": {"en": "the relational answers", "nl": "de relationele antwoorden"},
    "nps.answers.transactional": {"en": "the transactional answers", "nl": "de transactionele antwoorden"},
    "nps.answers.all": {"en": "all answers", "nl": "alle antwoorden"},
    "nps.answers.with": {"en": "the answers with {conditions}", "nl": "de antwoorden met {conditions}"},
    "nps.condition": {"en": "{col} {value}", "nl": "{col} {value}"},
    # ------------------------------------------------------------------ benchmark
    "nps.benchmark.above": {
        "en": "The NPS of {nps} is significantly above the benchmark of {b} ({d} points, {p}).",
        "nl": "De NPS van {nps} ligt significant boven de benchmark van {b} ({d} punten, {p}).",
    },
    "nps.benchmark.below": {
        "en": "The NPS of {nps} is significantly below the benchmark of {b} ({d} points, {p}).",
        "nl": "De NPS van {nps} ligt significant onder de benchmark van {b} ({d} punten, {p}).",
    },
    "nps.benchmark.same": {
        "en": "The NPS of {nps} does not differ significantly from the benchmark of {b} ({d} points, {p}).",
        "nl": "De NPS van {nps} verschilt niet significant van de benchmark van {b} ({d} punten, {p}).",
    },
    "nps.benchmark.not_above": {
        "en": "The NPS of {nps} is not significantly above the benchmark of {b} ({d} points, one-sided {p}).",
        "nl": "De NPS van {nps} ligt niet significant boven de benchmark van {b} ({d} punten, eenzijdige {p}).",
    },
    "nps.benchmark.not_below": {
        "en": "The NPS of {nps} is not significantly below the benchmark of {b} ({d} points, one-sided {p}).",
        "nl": "De NPS van {nps} ligt niet significant onder de benchmark van {b} ({d} punten, eenzijdige {p}).",
    },
    # ------------------------------------------------------------------ two-sample test
    "nps.test.differ": {
        "en": "The NPS differs significantly between the two {what}: {a} versus {b}, a difference of {diff} "
              "points (" + _INTERVAL["en"] + "; {p}).",
        "nl": "De NPS verschilt significant tussen de twee {what}: {a} tegenover {b}, een verschil van {diff} "
              "punten (" + _INTERVAL["nl"] + "; {p}).",
    },
    "nps.test.same": {
        "en": "The NPS does not differ significantly between the two {what}: {a} versus {b}, a difference of "
              "{diff} points (" + _INTERVAL["en"] + "; {p}).",
        "nl": "De NPS verschilt niet significant tussen de twee {what}: {a} tegenover {b}, een verschil van "
              "{diff} punten (" + _INTERVAL["nl"] + "; {p}).",
    },
    "nps.test.higher": {
        "en": "The NPS of the first of the two {what} is significantly higher: {a} versus {b}, {diff} points "
              "(one-sided {p}).",
        "nl": "De NPS van de eerste van de twee {what} is significant hoger: {a} tegenover {b}, {diff} punten "
              "(eenzijdige {p}).",
    },
    "nps.test.not_higher": {
        "en": "The NPS of the first of the two {what} is not significantly higher: {a} versus {b}, {diff} points "
              "(one-sided {p}).",
        "nl": "De NPS van de eerste van de twee {what} is niet significant hoger: {a} tegenover {b}, {diff} "
              "punten (eenzijdige {p}).",
    },
    "nps.test.lower": {
        "en": "The NPS of the first of the two {what} is significantly lower: {a} versus {b}, {diff} points "
              "(one-sided {p}).",
        "nl": "De NPS van de eerste van de twee {what} is significant lager: {a} tegenover {b}, {diff} punten "
              "(eenzijdige {p}).",
    },
    "nps.test.not_lower": {
        "en": "The NPS of the first of the two {what} is not significantly lower: {a} versus {b}, {diff} points "
              "(one-sided {p}).",
        "nl": "De NPS van de eerste van de twee {what} is niet significant lager: {a} tegenover {b}, {diff} "
              "punten (eenzijdige {p}).",
    },
    "nps.test.samples": {"en": "samples", "nl": "steekproeven"},
    "nps.test.waves": {"en": "measurements of the same respondents", "nl": "metingen bij dezelfde respondenten"},
    # ------------------------------------------------------------------ segments
    "segments.absent": {"en": "Not in the data and therefore not compared: {names}.",
                        "nl": "Niet in de gegevens en dus niet vergeleken: {names}."},
    "segments.skip.one_type": {
        "en": "All answers are {type}: relational and transactional NPS cannot be compared.",
        "nl": "Alle antwoorden zijn {type}: een vergelijking van relationele en transactionele NPS is niet mogelijk.",
    },
    "segments.skip.no_type": {
        "en": "The data record no survey type: relational and transactional NPS cannot be compared.",
        "nl": "De gegevens vermelden geen type meting: relationele en transactionele NPS zijn niet te vergelijken.",
    },
    "segments.skip.no_touchpoint": {
        "en": "The answers record no touchpoint, so there is no NPS per touchpoint.",
        "nl": "De antwoorden vermelden geen contactmoment; een NPS per contactmoment is er dus niet.",
    },
    "segments.skip.touchpoint_is_channel": {
        "en": "The touchpoints split the answers exactly as the {channel} does; a chart per touchpoint would repeat "
              "the one per {channel} and is left out.",
        "nl": "De contactmomenten verdelen de antwoorden precies zoals het {channel}; de grafiek per contactmoment "
              "zou die per {channel} herhalen en vervalt.",
    },
    "segments.above": {
        "en": "The segment {col} {seg} scores significantly higher than the rest: an NPS of {nps}, {diff} points "
              "above the rest ({q}).",
        "nl": "Het segment {col} {seg} scoort significant hoger dan de rest: een NPS van {nps}, {diff} punten "
              "boven de rest ({q}).",
    },
    "segments.below": {
        "en": "The segment {col} {seg} scores significantly lower than the rest: an NPS of {nps}, {diff} points "
              "below the rest ({q}).",
        "nl": "Het segment {col} {seg} scoort significant lager dan de rest: een NPS van {nps}, {diff} punten "
              "onder de rest ({q}).",
    },
    "segments.none": {
        "en": "For {col}, no segment differs significantly from the rest (every q ≥ {alpha}).",
        "nl": "Op kenmerk {col} verschilt geen enkel segment significant van de rest (elke q ≥ {alpha}).",
    },
    "segments.small": {
        "en": {"one": "Note: one segment has fewer than {min_n} answers ({which}); read its NPS with caution.",
               "other": "Note: {count} segments have fewer than {min_n} answers ({which}); read their NPS with "
                        "caution."},
        "nl": {"one": "Let op: één segment heeft minder dan {min_n} antwoorden ({which}); lees de NPS ervan met "
                      "voorzichtigheid.",
               "other": "Let op: {count} segmenten hebben minder dan {min_n} antwoorden ({which}); lees hun NPS "
                        "met voorzichtigheid."},
    },
    "segments.segment": {"en": "{col} {seg}", "nl": "{col} {seg}"},
    "segments.more": {"en": "{count} more", "nl": "nog {count}"},
    "segments.missing": {"en": "(missing)", "nl": "(ontbrekend)"},
    "segments.overall": {"en": "total", "nl": "totaal"},
    # ------------------------------------------------------------------ trends
    "trends.up": {
        "en": "The NPS rose significantly from {a} in {pa} to {b} in {pb} ({p}).",
        "nl": "De NPS steeg significant van {a} in {pa} naar {b} in {pb} ({p}).",
    },
    "trends.down": {
        "en": "The NPS fell significantly from {a} in {pa} to {b} in {pb} ({p}).",
        "nl": "De NPS daalde significant van {a} in {pa} naar {b} in {pb} ({p}).",
    },
    "trends.flat": {
        "en": "The NPS went from {a} in {pa} to {b} in {pb}; the change is not significant ({p}).",
        "nl": "De NPS ging van {a} in {pa} naar {b} in {pb}; de verandering is niet significant ({p}).",
    },
    "trends.seg_up": {
        "en": "For {col} {seg}, the NPS rose significantly from {a} in {pa} to {b} in {pb} ({p}).",
        "nl": "Voor {col} {seg} steeg de NPS significant van {a} in {pa} naar {b} in {pb} ({p}).",
    },
    "trends.seg_down": {
        "en": "For {col} {seg}, the NPS fell significantly from {a} in {pa} to {b} in {pb} ({p}).",
        "nl": "Voor {col} {seg} daalde de NPS significant van {a} in {pa} naar {b} in {pb} ({p}).",
    },
    "trends.seg_flat": {
        "en": "For {col} {seg}, the NPS went from {a} in {pa} to {b} in {pb}; the change is not significant ({p}).",
        "nl": "Voor {col} {seg} ging de NPS van {a} in {pa} naar {b} in {pb}; de verandering is niet significant "
              "({p}).",
    },
    "trends.signals": {
        "en": {"one": "One period falls outside the control limits: {which}.",
               "other": "{count} periods fall outside the control limits: {which}."},
        "nl": {"one": "Eén periode valt buiten de controlegrenzen: {which}.",
               "other": "{count} perioden vallen buiten de controlegrenzen: {which}."},
    },
    "trends.seg_signals": {
        "en": {"one": "For {col} {seg}, one period falls outside the control limits: {which}.",
               "other": "For {col} {seg}, {count} periods fall outside the control limits: {which}."},
        "nl": {"one": "Voor {col} {seg} valt één periode buiten de controlegrenzen: {which}.",
               "other": "Voor {col} {seg} vallen {count} perioden buiten de controlegrenzen: {which}."},
    },
    "trends.period_nps": {"en": "{period} ({nps})", "nl": "{period} ({nps})"},
    "trends.no_signals": {
        "en": "No period falls outside the control limits (centre line {c}).",
        "nl": "Geen enkele periode valt buiten de controlegrenzen (centrumlijn {c}).",
    },
    "trends.runs": {
        "en": "The run rule flags {which}: at least {r} periods in a row on the same side of the centre line, a "
              "sign of a lasting shift.",
        "nl": "De reeksregel markeert {which}: minstens {r} perioden op rij aan dezelfde kant van de centrumlijn, "
              "een teken van een blijvende verschuiving.",
    },
    "trends.stretch": {"en": "{start} to {end}", "nl": "{start} tot en met {end}"},
    "trends.rolling_header": {"en": "rolling NPS ({window} periods)", "nl": "voortschrijdende NPS ({window} perioden)"},
    "trends.note.undated": {
        "en": {"one": "One answer without a date in {col} is left out of the trend.",
               "other": "{count} answers without a date in {col} are left out of the trend."},
        "nl": {"one": "Eén antwoord zonder datum in {col} telt niet mee in de trend.",
               "other": "{count} antwoorden zonder datum in {col} tellen niet mee in de trend."},
    },
    "trends.note.no_stl": {
        "en": "No seasonal decomposition: {k} periods, and the decomposition needs at least two full cycles "
              "({need} periods).",
        "nl": "Geen seizoensdecompositie: {k} perioden, terwijl de decompositie minstens twee volledige cycli "
              "({need} perioden) nodig heeft.",
    },
    "trends.note.no_stl_seg": {
        "en": "No seasonal decomposition for {col} {seg}: {k} periods, and the decomposition needs at least two "
              "full cycles ({need} periods).",
        "nl": "Geen seizoensdecompositie voor {col} {seg}: {k} perioden, terwijl de decompositie minstens twee "
              "volledige cycli ({need} perioden) nodig heeft.",
    },
    "trends.note.no_stl_freq": {
        "en": "No seasonal decomposition for yearly periods.",
        "nl": "Geen seizoensdecompositie bij jaarperioden.",
    },
    # ------------------------------------------------------------------ change
    "change.up": {
        "en": "The NPS rose significantly from {a} in {pa} to {b} in {pb} ({p}).",
        "nl": "De NPS steeg significant van {a} in {pa} naar {b} in {pb} ({p}).",
    },
    "change.down": {
        "en": "The NPS fell significantly from {a} in {pa} to {b} in {pb} ({p}).",
        "nl": "De NPS daalde significant van {a} in {pa} naar {b} in {pb} ({p}).",
    },
    "change.flat": {
        "en": "The NPS went from {a} in {pa} to {b} in {pb}; the change of {d} points is not significant ({p}).",
        "nl": "De NPS ging van {a} in {pa} naar {b} in {pb}; de verandering van {d} punten is niet significant "
              "({p}).",
    },
    "change.parts": {
        "en": "Of the change of {d} points, {mix} points come from the mix effect (a shift in how the answers "
              "spread over the segments of {col}) and {perf} points from the performance effect (changes within "
              "those segments).",
        "nl": "Van de verandering van {d} punten komt {mix} punten uit het mixeffect (een andere verdeling van de "
              "antwoorden over de segmenten van {col}) en {perf} punten uit het prestatie-effect (veranderingen "
              "binnen die segmenten).",
    },
    "change.top": {
        "en": "The largest contribution is from the segment {col} {name}: {eff} points ({mix} mix effect, {perf} "
              "performance effect).",
        "nl": "De grootste bijdrage komt van het segment {col} {name}: {eff} punten ({mix} mixeffect, {perf} "
              "prestatie-effect).",
    },
    "change.total": {"en": "total", "nl": "totaal"},
    "change.presence.both": {"en": "both periods", "nl": "beide perioden"},
    "change.presence.new": {"en": "new", "nl": "nieuw"},
    "change.presence.gone": {"en": "gone", "nl": "verdwenen"},
    "change.n_in": {"en": "n {period}", "nl": "n {period}"},
    "change.share_in": {"en": "share {period} (%)", "nl": "aandeel {period} (%)"},
    "change.nps_in": {"en": "NPS {period}", "nl": "NPS {period}"},
    # ------------------------------------------------------------------ plots
    "plot.nps.segments_title": {"en": "NPS by {col}", "nl": "NPS per {col}"},
    "plot.nps.value_ci": {"en": "{nps} ({low} to {high})", "nl": "{nps} ({low} tot {high})"},
    "plot.nps.nps_ci": {"en": "NPS with {level}% interval", "nl": "NPS met {level}%-interval"},
    "plot.nps.interval": {"en": "{level}% interval", "nl": "{level}%-interval"},
    "plot.nps.control_limits": {"en": "Control limits", "nl": "Controlegrenzen"},
    "plot.nps.centre": {"en": "Centre line", "nl": "Centrumlijn"},
    "plot.nps.rolling": {"en": "Rolling NPS ({window} periods)", "nl": "Voortschrijdende NPS ({window} perioden)"},
    "plot.nps.signal": {"en": "Beyond the limits", "nl": "Buiten de grenzen"},
    "plot.nps.run": {"en": "Run rule", "nl": "Reeksregel"},
    "plot.nps.observed": {"en": "Observed NPS", "nl": "Gemeten NPS"},
    "plot.nps.observed_without_shifts": {"en": "NPS without level shifts", "nl": "NPS zonder niveauverschuiving"},
    "plot.nps.trend": {"en": "Trend", "nl": "Trend"},
    "plot.nps.seasonal": {"en": "Seasonal pattern", "nl": "Seizoenspatroon"},
    "plot.nps.resid": {"en": "Residual", "nl": "Restterm"},
    "plot.nps.points": {"en": "NPS points", "nl": "NPS-punten"},
    "plot.nps.period_nps": {"en": "NPS {period}", "nl": "NPS {period}"},
    "plot.nps.mix": {"en": "mix", "nl": "mix"},
    "plot.nps.performance": {"en": "performance", "nl": "prestatie"},
    "plot.nps.effect": {"en": "{segment}: {effect}", "nl": "{segment}: {effect}"},
}  # fmt: skip

#: Headers and format kinds of the result columns of nps_summary, nps_trend, nps_change and the NPS tests.
COLUMNS: dict[str, dict[str, str]] = {
    "n_missing": {"en": "missing", "nl": "ontbrekend", "kind": "count"},
    "n_detractors": {"en": "detractors", "nl": "criticasters", "kind": "count"},
    "n_passives": {"en": "passives", "nl": "passieven", "kind": "count"},
    "n_promoters": {"en": "promoters", "nl": "promotors", "kind": "count"},
    "diff_vs_rest": {"en": "difference from the rest", "nl": "verschil met de rest", "kind": "points"},
    "diff_se": {"en": "standard error of the difference", "nl": "standaardfout van het verschil", "kind": "number:2"},
    "change": {"en": "change from previous period", "nl": "verandering t.o.v. vorige periode", "kind": "points"},
    "change_se": {"en": "standard error of the change", "nl": "standaardfout van de verandering", "kind": "number:2"},
    "change_p_value": {"en": "p-value of the change", "nl": "p-waarde van de verandering", "kind": "p"},
    "center": {"en": "centre line", "nl": "centrumlijn", "kind": "points"},
    "lcl": {"en": "lower control limit", "nl": "onderste controlegrens", "kind": "points"},
    "ucl": {"en": "upper control limit", "nl": "bovenste controlegrens", "kind": "points"},
    "signal": {"en": "beyond the limits", "nl": "buiten de grenzen", "kind": "bool"},
    "run_signal": {"en": "run rule", "nl": "reeksregel", "kind": "bool"},
    "rolling_n": {"en": "n (rolling)", "nl": "n (voortschrijdend)", "kind": "count"},
    "rolling_nps": {"en": "rolling NPS", "nl": "voortschrijdende NPS", "kind": "points"},
    "rolling_ci_low": {"en": "rolling NPS lower bound", "nl": "ondergrens voortschrijdende NPS", "kind": "points"},
    "rolling_ci_high": {"en": "rolling NPS upper bound", "nl": "bovengrens voortschrijdende NPS", "kind": "points"},
    "presence": {"en": "present in", "nl": "aanwezig in", "kind": "text"},
    "n_from": {"en": "n (start)", "nl": "n (begin)", "kind": "count"},
    "n_to": {"en": "n (end)", "nl": "n (eind)", "kind": "count"},
    "share_from": {"en": "% of answers (start)", "nl": "% van de antwoorden (begin)", "kind": "pct"},
    "share_to": {"en": "% of answers (end)", "nl": "% van de antwoorden (eind)", "kind": "pct"},
    "nps_from": {"en": "NPS (start)", "nl": "NPS (begin)", "kind": "points"},
    "nps_to": {"en": "NPS (end)", "nl": "NPS (eind)", "kind": "points"},
    "mix_effect": {"en": "mix effect", "nl": "mixeffect", "kind": "points"},
    "performance_effect": {"en": "performance effect", "nl": "prestatie-effect", "kind": "points"},
    "total_effect": {"en": "total effect", "nl": "totaal effect", "kind": "points"},
    "benchmark": {"en": "benchmark", "nl": "benchmark", "kind": "points"},
    "alternative": {"en": "alternative hypothesis", "nl": "alternatieve hypothese", "kind": "text"},
    "n_a": {"en": "n (first)", "nl": "n (eerste)", "kind": "count"},
    "n_b": {"en": "n (second)", "nl": "n (tweede)", "kind": "count"},
    "nps_a": {"en": "NPS (first)", "nl": "NPS (eerste)", "kind": "points"},
    "nps_b": {"en": "NPS (second)", "nl": "NPS (tweede)", "kind": "points"},
    "paired": {"en": "paired", "nl": "gepaard", "kind": "bool"},
}  # fmt: skip
