"""Command line: ``nps-research validate|run|demo-data`` (also ``python -m nps_research``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .errors import StudyConfigError, StudyDataError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="nps_research: NPS and CX study workbench. Validate a study's data or run its report.")


def data_summary(study, language: str | None = None) -> str:
    """A few lines describing a loaded study in the study's language (tables, rows, dates, survey types, NPS
    per survey type with n, what loading reduced, unused columns)."""
    from .nps import nps
    from .text import Date, Int, Points, Words, t

    language = language or getattr(study, "language", "en") or "en"
    lines = []
    for name, df in study.tables().items():
        lines.append("  " + t("summary.table", language, table=name, rows=Int(len(df)), columns=Int(df.shape[1])))
    r = study.responses
    lines.append("  " + t("summary.dates", language, first=Date(r["date"].min()), last=Date(r["date"].max())))
    types = r["survey_type"].value_counts().sort_index()
    lines.append("  " + t("summary.types", language, types=Words([f"{t(f'value.{k}', language)} {Int(v).format(language)}"
                                                                  for k, v in types.items()])))
    if study.attributes:
        lines.append("  " + t("summary.attributes", language, k=Int(len(study.attributes)),
                              names=", ".join(study.attributes)))
    if study.cx_items:
        lines.append("  " + t("summary.cx_items", language, k=Int(len(study.cx_items))))
    for kind, g in r.groupby("survey_type", sort=True):  # relational and transactional NPS are never pooled
        lines.append("  " + t("summary.nps", language, type=t(f"value.{kind}", language), nps=Points(nps(g["ltr"])),
                              n=Int(int(g["ltr"].notna().sum()))))
    for table, note in (getattr(study, "notes", {}) or {}).items():
        agg = note.get("aggregated")
        if agg and agg["reduced"]:
            lines.append("  " + t("summary.aggregated", language, table=table, rows=Int(agg["reduced"]),
                                  keys=Int(agg["keys"]), by=agg["by"], rule=agg["rule"],
                                  conflicting=Int(agg["conflicting"])))
    for table, cols in study.unused_columns.items():
        if cols:
            lines.append("  " + t("summary.unused", language, table=table, k=Int(len(cols)), names=", ".join(cols)))
    return "\n".join(lines)


@app.command()
def validate(study_file: Annotated[Path, typer.Argument(help="Study YAML file")]) -> None:
    """Check a study file, its data and its analyses; print every problem (exit 1) or a short data summary (exit 0)."""
    from .checks import check_study
    from .config import load_config

    try:
        study, _ = check_study(load_config(study_file))
    except (StudyConfigError, StudyDataError) as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    from .text import t

    typer.echo(t("summary.valid", study.language, file=str(study_file), name=study.name))
    typer.echo(data_summary(study))


@app.command()
def run(
    study_file: Annotated[Path, typer.Argument(help="Study YAML file")],
    only: Annotated[list[str] | None, typer.Option(help="Run only this analysis (repeatable)")] = None,
    run_id: Annotated[str | None, typer.Option(help="Name of the run folder (default: UTC start time)")] = None,
    output: Annotated[Path | None, typer.Option(help="Override the study's output folder")] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar")] = True,
    jobs: Annotated[int, typer.Option(
        help="Notebooks run at the same time (0: the machine's cores, fewer when memory is short)")] = 0,
    since: Annotated[Path | None, typer.Option(help="An earlier run folder: say what changed since")] = None,
) -> None:
    """Run the study's notebooks into <output>/<study>/<run-id>/ and print the path of index.html."""
    from .runner import NotebookFailed, run_study

    try:
        result = run_study(study_file, only=only, run_id=run_id, output=output, progress=progress,
                           jobs=jobs or None, since=since)
    except (StudyConfigError, StudyDataError) as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    except NotebookFailed as e:
        typer.echo(f"Run failed: {e}", err=True)
        typer.echo(f"Partial report: {e.result.index}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Report: {result.index}")


@app.command()
def compare(
    run_a: Annotated[Path, typer.Argument(help="The earlier run folder")],
    run_b: Annotated[Path, typer.Argument(help="The later run folder (the comparison is written here)")],
) -> None:
    """Say what changed from run A to run B; writes compare.html, compare.json and compare.xlsx into run B."""
    import json as _json

    from .runs import compare_runs, describe_comparison, write_comparison

    try:
        result = compare_runs(run_a, run_b)
    except FileNotFoundError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    language = _json.loads((run_b / "manifest.json").read_text(encoding="utf-8")).get("settings", {}).get(
        "language", "en")
    write_comparison(result, run_b, language=language)
    for sentence in describe_comparison(result, language):
        typer.echo(sentence)


@app.command()
def reference() -> None:
    """Print the study file reference (Markdown; the repository keeps it as studies/README.md)."""
    from .reference import study_file_reference

    typer.echo(study_file_reference(), nl=False)


@app.command("demo-data")
def demo_data(
    folder: Annotated[Path, typer.Argument(help="Where to write the demo tables")] = Path("data/demo"),
    n_customers: Annotated[int, typer.Option(help="Customers to simulate")] = 0,
    seed: Annotated[int, typer.Option(help="Random seed")] = 0,
) -> None:
    """Write the synthetic demo study's tables (deterministic: same bytes every run)."""
    from .synthetic import write_demo

    folder.mkdir(parents=True, exist_ok=True)
    kwargs = {"seed": seed}
    if n_customers:
        kwargs["n_customers"] = n_customers
    write_demo(folder, **kwargs)
    typer.echo(f"Demo data written to {folder}")


def main() -> None:  # pragma: no cover - console entry point
    app()
