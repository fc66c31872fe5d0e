"""Exceptions raised by nps_research.

All data problems raise :class:`StudyDataError`, all study-file problems raise
:class:`StudyConfigError`. Both are :class:`ValueError` subclasses so generic
handlers keep working.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DataProblem", "SmallSampleWarning", "StudyConfigError", "StudyDataError"]

#: How many offending row numbers a message lists before it says "...".
MAX_ROWS_SHOWN = 10


@dataclass(frozen=True)
class DataProblem:
    """One broken rule in one column of one table.

    ``rows`` are row numbers as a person sees them in the file: for a CSV or
    Excel file with a header line, the first data row is row 2.
    """

    table: str
    rule: str
    column: str | None = None
    role: str | None = None
    rows: tuple[int, ...] = field(default_factory=tuple)
    n_rows: int | None = None
    examples: tuple[str, ...] = field(default_factory=tuple)
    file: str | None = None

    def message(self) -> str:
        where = f"table '{self.table}'" + (f" (file '{self.file}')" if self.file else "")
        if self.column is not None:
            col = f"column '{self.column}'"
            if self.role and self.role != self.column:
                col += f" (role '{self.role}')"
            where += f", {col}"
        msg = f"{where}: {self.rule}"
        n = self.n_rows if self.n_rows is not None else len(self.rows)
        if n:
            shown = ", ".join(str(r) for r in self.rows[:MAX_ROWS_SHOWN])
            more = ", ..." if n > MAX_ROWS_SHOWN else ""
            msg += f" ({n} row{'s' if n != 1 else ''}: {shown}{more})"
        if self.examples:
            msg += "; values: " + ", ".join(repr(e) for e in self.examples[:5])
        return msg


class StudyDataError(ValueError):
    """Raised when study data break the data model.

    The message lists every problem found (validation collects them all
    before raising); ``problems`` holds them as :class:`DataProblem` objects.

    Examples
    --------
    >>> err = StudyDataError([DataProblem("responses", "values must be whole numbers 0-10",
    ...                                    column="Q1", role="ltr", rows=(3, 7))])
    >>> print(err)
    1 problem in the study data:
      - table 'responses', column 'Q1' (role 'ltr'): values must be whole numbers 0-10 (2 rows: 3, 7)
    """

    def __init__(self, problems: list[DataProblem] | str):
        if isinstance(problems, str):
            problems = [DataProblem(table="?", rule=problems)]
        self.problems = list(problems)
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} in the study data:"]
        lines += [f"  - {p.message()}" for p in self.problems]
        super().__init__("\n".join(lines))


class StudyConfigError(ValueError):
    """Raised when a study file (YAML) is missing, malformed or inconsistent."""


class SmallSampleWarning(UserWarning):
    """An estimate rests on fewer observations than its method needs to be trusted (see the message)."""
