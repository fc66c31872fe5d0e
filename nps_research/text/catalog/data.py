"""Messages about the study's data files (``nps-research validate`` and ``run`` before anything runs): every
problem names the table, the file, the column, the rule and the rows, in the study's language."""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    "data.problems": {
        "en": {"one": "1 problem in the study data:", "other": "{k} problems in the study data:"},
        "nl": {"one": "1 probleem in de gegevens van het onderzoek:",
               "other": "{k} problemen in de gegevens van het onderzoek:"},
    },
    "data.where_table": {"en": "table '{table}'", "nl": "tabel '{table}'"},
    "data.where_file": {"en": " (file '{file}')", "nl": " (bestand '{file}')"},
    "data.where_column": {"en": "column '{column}'", "nl": "kolom '{column}'"},
    "data.where_role": {"en": " (role '{role}')", "nl": " (rol '{role}')"},
    "data.rows": {"en": {"one": " (1 row: {shown})", "other": " ({k} rows: {shown})"},
                  "nl": {"one": " (1 rij: {shown})", "other": " ({k} rijen: {shown})"}},
    "data.n_rows": {"en": {"one": " (1 row)", "other": " ({k} rows)"},
                    "nl": {"one": " (1 rij)", "other": " ({k} rijen)"}},
    "data.values": {"en": "; values: {values}", "nl": "; waarden: {values}"},
    # rules
    "data.whole_text": {"en": "must be a whole number {low}-{high}, found text",
                        "nl": "moet een geheel getal {low}-{high} zijn, gevonden: tekst"},
    "data.whole_decimals": {"en": "must be a whole number {low}-{high}, found decimals",
                            "nl": "moet een geheel getal {low}-{high} zijn, gevonden: decimalen"},
    "data.whole_range": {"en": "must be a whole number {low}-{high}, found values outside the range",
                         "nl": "moet een geheel getal {low}-{high} zijn, gevonden: waarden buiten het bereik"},
    "data.date_format": {"en": "must be a date in the format {format}",
                         "nl": "moet een datum zijn in het formaat {format}"},
    "data.date": {"en": "must be a date (2024-01-31, 31-01-2024 or 31/01/2024; set date_format in the study for "
                        "others)",
                  "nl": "moet een datum zijn (2024-01-31, 31-01-2024 of 31/01/2024; zet date_format in het "
                        "onderzoeksbestand voor andere formaten)"},
    "data.binary": {"en": "must be 0 or 1 (or yes/no, ja/nee, true/false)",
                    "nl": "moet 0 of 1 zijn (of ja/nee, yes/no, true/false)"},
    "data.one_of": {"en": "must be one of {choices}", "nl": "moet een van deze waarden zijn: {choices}"},
    "data.number": {"en": "must be a number", "nl": "moet een getal zijn"},
    "data.at_least": {"en": "must be >= {low}", "nl": "moet >= {low} zijn"},
    "data.positive": {"en": "must be > 0", "nl": "moet > 0 zijn"},
    "data.at_most": {"en": "must be <= {high}", "nl": "moet <= {high} zijn"},
    "data.whole": {"en": "must be a whole number", "nl": "moet een geheel getal zijn"},
    "data.empty": {"en": "must not be empty", "nl": "mag niet leeg zijn"},
    "data.unique": {"en": "must be unique, found duplicates", "nl": "moet uniek zijn, gevonden: dubbele waarden"},
    "data.responded_not_invited": {"en": "responded is 1 but invited is 0",
                                   "nl": "responded is 1 maar invited is 0"},
    "data.aggregate_by": {"en": "aggregate.by must be a role of this table (roles: {roles})",
                          "nl": "aggregate.by moet een rol van deze tabel zijn (rollen: {roles})"},
    "data.unknown_roles": {"en": "the study maps roles that this table does not have: {unknown} (roles: {roles})",
                           "nl": "het onderzoeksbestand koppelt rollen die deze tabel niet heeft: {unknown} "
                                 "(rollen: {roles})"},
    "data.mapped_missing": {"en": "the study maps it to a column that is not in '{file}' (columns: {available})",
                            "nl": "het onderzoeksbestand koppelt de rol aan een kolom die niet in '{file}' staat "
                                  "(kolommen: {available})"},
    "data.required_missing": {"en": "required column is missing from '{file}'; map the role to the client's column "
                                    "in the study file (columns: {available})",
                              "nl": "verplichte kolom ontbreekt in '{file}'; koppel de rol in het onderzoeksbestand "
                                    "aan de kolom van de klant (kolommen: {available})"},
    "data.score_missing": {"en": "the study lists it under '{group}' but it is not in '{file}' (columns: "
                                 "{available})",
                           "nl": "het onderzoeksbestand noemt de kolom onder '{group}', maar hij staat niet in "
                                 "'{file}' (kolommen: {available})"},
}

COLUMNS: dict[str, dict] = {}
