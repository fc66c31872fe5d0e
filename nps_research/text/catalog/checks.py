"""Messages of the study validation (``nps-research validate`` and ``run`` before anything runs)."""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    "check.table_responses": {"en": "the responses", "nl": "de antwoorden"},
    "check.table_outcomes": {"en": "the outcomes table", "nl": "de uitkomstentabel"},
    "check.needs_table": {
        "en": "{where}: needs the table '{table}', which the study's data section does not have (add it, or leave "
              "this analysis out)",
        "nl": "{where}: heeft de tabel '{table}' nodig, die niet in het onderdeel data van het onderzoek staat (voeg "
              "die toe, of laat deze analyse weg)",
    },
    "check.needs_drivers": {
        "en": "{where}: needs driver scores: map attribute columns (data.responses.attributes) or name them in the "
              "parameter drivers",
        "nl": "{where}: heeft drivers nodig (scores op onderdelen van de dienst): wijs attribuutkolommen aan "
              "(data.responses.attributes) of noem ze in de parameter drivers",
    },
    "check.notebook": {
        "en": "analyses: notebook {name} does not exist (available: {available})",
        "nl": "analyses: notebook {name} bestaat niet (beschikbaar: {available})",
    },
    "check.notebook_near": {
        "en": "analyses: notebook {name} does not exist; did you mean '{hint}'? (available: {available})",
        "nl": "analyses: notebook {name} bestaat niet; bedoelt u '{hint}'? (beschikbaar: {available})",
    },
    "check.parameter": {
        "en": "{where}: unknown parameter {name} (the notebook's parameters: {available})",
        "nl": "{where}: onbekende parameter {name} (parameters van het notebook: {available})",
    },
    "check.parameter_near": {
        "en": "{where}: unknown parameter {name}; did you mean '{hint}'?",
        "nl": "{where}: onbekende parameter {name}; bedoelt u '{hint}'?",
    },
    "check.none_not_allowed": {"en": "{where}: must have a value (None is not allowed)",
                               "nl": "{where}: moet een waarde hebben (None is niet toegestaan)"},
    "check.choice": {"en": "{where}: {value} is not allowed; use {choices}",
                     "nl": "{where}: {value} is niet toegestaan; gebruik {choices}"},
    "check.choice_near": {"en": "{where}: {value} is not allowed; did you mean '{hint}'? (use {choices})",
                          "nl": "{where}: {value} is niet toegestaan; bedoelt u '{hint}'? (gebruik {choices})"},
    "check.type_number": {"en": "{where}: must be a number, got {value}", "nl": "{where}: moet een getal zijn, niet {value}"},
    "check.type_int": {"en": "{where}: must be a whole number, got {value}",
                       "nl": "{where}: moet een geheel getal zijn, niet {value}"},
    "check.type_bool": {"en": "{where}: must be true or false, got {value}",
                        "nl": "{where}: moet true of false zijn, niet {value}"},
    "check.type_text": {"en": "{where}: must be a text, got {value}", "nl": "{where}: moet een tekst zijn, niet {value}"},
    "check.type_date": {"en": "{where}: must be a date (2024-01-31), got {value}",
                        "nl": "{where}: moet een datum zijn (2024-01-31), niet {value}"},
    "check.date_range": {"en": "{where}: {value} lies outside the answers' dates ({first} to {last})",
                         "nl": "{where}: {value} valt buiten de datums van de antwoorden ({first} tot en met {last})"},
    "check.type_list": {"en": "{where}: must be a list ([a, b]), got {value}",
                        "nl": "{where}: moet een lijst zijn ([a, b]), niet {value}"},
    "check.type_mapping": {"en": "{where}: must be a mapping ({{name: value}}), got {value}",
                           "nl": "{where}: moet een koppeling zijn ({{naam: waarde}}), niet {value}"},
    "check.range": {"en": "{where}: {value} is outside {low} to {high}",
                    "nl": "{where}: {value} ligt buiten {low} tot {high}"},
    "check.column": {"en": "{where}: column {value} is not in {table}", "nl": "{where}: kolom {value} staat niet in {table}"},
    "check.column_near": {"en": "{where}: column {value} is not in {table}; did you mean '{hint}'?",
                          "nl": "{where}: kolom {value} staat niet in {table}; bedoelt u '{hint}'?"},
    "check.scale": {"en": "{where}: scale {value} is neither built in nor defined in the study's scales "
                          "(scales: {scales})",
                    "nl": "{where}: schaal {value} is niet ingebouwd en staat niet bij de schalen van het onderzoek "
                          "(schalen: {scales})"},
    "check.scale_near": {"en": "{where}: unknown scale {value}; did you mean '{hint}'? (scales: {scales})",
                         "nl": "{where}: onbekende schaal {value}; bedoelt u '{hint}'? (schalen: {scales})"},
    "check.scale_items": {
        "en": {"one": "{where}: scale {value} needs item {items}, which is not in the data (list it under cx_items)",
               "other": "{where}: scale {value} needs {k} items that are not in the data: {items} (list them under "
                        "cx_items)"},
        "nl": {"one": "{where}: schaal {value} heeft item {items} nodig, dat niet in de data staat (zet het bij "
                      "cx_items)",
               "other": "{where}: schaal {value} heeft {k} items nodig die niet in de data staan: {items} (zet ze bij "
                        "cx_items)"},
    },
    "check.scale_range": {
        "en": "{where}: scale {value} is scored {low}-{high}, but the data's cx_items range is {data_low}-{data_high} "
              "(set ranges.cx_items or the scale's range)",
        "nl": "{where}: schaal {value} loopt van {low} tot {high}, maar het bereik van cx_items in de data is "
              "{data_low}-{data_high} (pas ranges.cx_items of het bereik van de schaal aan)",
    },
    "check.problems": {"en": {"one": "1 problem in the study's analyses:", "other": "{k} problems in the study's analyses:"},
                       "nl": {"one": "1 probleem in de analyses van het onderzoek:",
                              "other": "{k} problemen in de analyses van het onderzoek:"}},
}

TEXTS.update({
    "summary.valid": {"en": "{file}: study '{name}' is valid.", "nl": "{file}: onderzoek '{name}' is in orde."},
    "summary.table": {"en": "{table}: {rows} rows, {columns} columns", "nl": "{table}: {rows} rijen, {columns} kolommen"},
    "summary.dates": {"en": "dates: {first} to {last}", "nl": "datums: {first} tot {last}"},
    "summary.types": {"en": "survey types: {types}", "nl": "soorten meting: {types}"},
    "summary.attributes": {"en": "attribute scores: {k} ({names})", "nl": "attribuutscores: {k} ({names})"},
    "summary.cx_items": {"en": "CX items: {k}", "nl": "CX-items: {k}"},
    "summary.nps": {"en": "NPS {type} {nps} (n = {n})", "nl": "NPS {type} {nps} (n = {n})"},
    "summary.aggregated": {
        "en": "{table}: {rows} rows reduced to one row per {by} ({keys} repeated keys, rule '{rule}'); "
              "{conflicting} keys had conflicting values",
        "nl": "{table}: {rows} rijen samengevoegd tot één rij per {by} ({keys} herhaalde sleutels, regel '{rule}'); "
              "{conflicting} sleutels hadden tegenstrijdige waarden",
    },
    "summary.unused": {
        "en": "{table}: {k} column(s) not used (map them in the study file to use them): {names}",
        "nl": "{table}: {k} kolom(men) niet gebruikt (koppel ze in het onderzoeksbestand om ze te gebruiken): {names}",
    },
})
