"""Texts of the index page of a run (the runner) and of its executive summary."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "runner.study": {"en": "Study", "nl": "Onderzoek"},
    "runner.run": {"en": "run", "nl": "run"},
    "runner.started": {"en": "started", "nl": "gestart"},
    "runner.finished": {"en": "finished", "nl": "klaar"},
    "runner.status": {"en": "status", "nl": "status"},
    "runner.status_header": {"en": "Status", "nl": "Status"},
    "runner.analysis": {"en": "Analysis", "nl": "Analyse"},
    "runner.output": {"en": "Output", "nl": "Uitvoer"},
    "runner.seconds": {"en": "Seconds", "nl": "Seconden"},
    "runner.inputs": {"en": "Inputs", "nl": "Invoer"},
    "runner.file": {"en": "File", "nl": "Bestand"},
    "runner.report": {"en": "report", "nl": "rapport"},
    "runner.notebook": {"en": "notebook", "nl": "notebook"},
    "runner.manifest": {"en": "versions, parameters and hashes of this run.",
                        "nl": "versies, parameters en hashes van deze run."},
    "runner.failed_in_cell": {"en": "stopped in cell {cell}: {error}", "nl": "gestopt in cel {cell}: {error}"},
    "runner.status.ok": {"en": "completed", "nl": "voltooid"},
    "runner.status.failed": {"en": "failed", "nl": "mislukt"},
    "runner.status.not-run": {"en": "not run", "nl": "niet uitgevoerd"},
    "runner.status.running": {"en": "running", "nl": "bezig"},
    "runner.status.interrupted": {"en": "interrupted", "nl": "afgebroken"},
    "runner.summary": {"en": "Key findings", "nl": "Belangrijkste bevindingen"},
    "runner.summary_intro": {
        "en": "The most important findings of this run, in order of importance; each links to the page it comes "
              "from. Movement that is not significant is not called a change; a significant change below {m} NPS "
              "points is called small.",
        "nl": "De belangrijkste bevindingen van deze run, op volgorde van belang; elke bevinding verwijst naar de "
              "pagina waar hij vandaan komt. Beweging die niet significant is heet geen verandering; een "
              "significante verandering van minder dan {m} NPS-punten heet klein.",
    },
    "runner.summary_none": {"en": "No findings were recorded in this run.",
                            "nl": "Deze run heeft geen bevindingen vastgelegd."},
    "runner.more": {"en": "more", "nl": "meer"},
    "runner.downloads": {"en": "The whole report", "nl": "Het hele rapport"},
    "runner.analyses": {"en": "Pages", "nl": "Pagina's"},
}

TEXTS.update({
    "runner.failed_readable": {
        "en": "This analysis could not be completed:\n{error}\nChange the setting or the data named here and run "
              "the study again; the technical details are in the executed notebook and run.log.",
        "nl": "Deze analyse kon niet worden voltooid:\n{error}\nPas de genoemde instelling of data aan en voer het "
              "onderzoek opnieuw uit; de technische details staan in het uitgevoerde notebook en in run.log.",
    },
    "runner.failed_unexpected": {
        "en": "This analysis stopped on an unexpected error ({name}: {error}). The technical details are in the "
              "executed notebook and run.log; please report them.",
        "nl": "Deze analyse stopte door een onverwachte fout ({name}: {error}). De technische details staan in het "
              "uitgevoerde notebook en in run.log; meld ze alstublieft.",
    },
})
