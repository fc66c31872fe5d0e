"""Exceptions raised by nps_research.

All data problems raise :class:`StudyDataError`, all study-file problems raise
:class:`StudyConfigError`. Both are :class:`ValueError` subclasses so generic
handlers keep working.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DataProblem", "Rule", "SmallSampleWarning", "StudyConfigError", "StudyDataError"]

#: How many offending row numbers a message lists before it says "...".
MAX_ROWS_SHOWN = 10


class Rule(str):
    """A broken rule as English text that also knows its catalogue key (``data.<key>``) and values, so that
    :meth:`DataProblem.message` can say it in the study's language. It is a ``str``: code that compares or keys
    rules by their English text keeps working.

    Examples
    --------
    >>> r = Rule.make("data.at_most", high="10")
    >>> r, r.say("nl")
    ('must be <= 10', 'moet <= 10 zijn')
    """

    key: str | None = None
    values: dict[str, str] = {}

    @classmethod
    def make(cls, key: str, **values: str) -> Rule:
        from .text import t

        rule = cls(t(key, "en", **values))
        rule.key, rule.values = key, dict(values)
        return rule

    def say(self, language: str = "en") -> str:
        from .text import t

        return t(self.key, language, **self.values) if self.key else str(self)

    def __reduce__(self):
        return (_rule, (str(self), self.key, self.values))


def _rule(text: str, key: str | None, values: dict[str, str]) -> Rule:
    rule = Rule(text)
    rule.key, rule.values = key, dict(values)
    return rule


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

    def message(self, language: str = "en") -> str:
        """The problem in words (``language``: the study's; rules made with :class:`Rule` are translated)."""
        from .text import t

        where = t("data.where_table", language, table=self.table)
        if self.file:
            where += t("data.where_file", language, file=self.file)
        if self.column is not None:
            col = t("data.where_column", language, column=self.column)
            if self.role and self.role != self.column:
                col += t("data.where_role", language, role=self.role)
            where += f", {col}"
        rule = self.rule.say(language) if isinstance(self.rule, Rule) else self.rule
        msg = f"{where}: {rule}"
        n = self.n_rows if self.n_rows is not None else len(self.rows)
        if n and not self.rows:  # counted where the data live (a database, Parquet files): no row numbers
            msg += t("data.n_rows", language, count=n, k=n)
        elif n:
            shown = ", ".join(str(r) for r in self.rows[:MAX_ROWS_SHOWN])
            more = ", ..." if n > MAX_ROWS_SHOWN else ""
            msg += t("data.rows", language, count=n, k=n, shown=shown + more)
        if self.examples:
            msg += t("data.values", language, values=", ".join(repr(e) for e in self.examples[:5]))
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

    def __init__(self, problems: list[DataProblem] | str, language: str = "en"):
        if isinstance(problems, str):
            problems = [DataProblem(table="?", rule=problems)]
        self.problems = list(problems)
        self.language = language
        super().__init__(self.message(language))

    def message(self, language: str = "en") -> str:
        """Every problem, in ``language``."""
        from .text import t

        n = len(self.problems)
        lines = [t("data.problems", language, count=n, k=n)]
        lines += [f"  - {p.message(language)}" for p in self.problems]
        return "\n".join(lines)

    def in_language(self, language: str) -> StudyDataError:
        """The same problems, said in ``language``."""
        return StudyDataError(self.problems, language=language)


class StudyConfigError(ValueError):
    """Raised when a study file (YAML) is missing, malformed or inconsistent."""


class SmallSampleWarning(UserWarning):
    """An estimate rests on fewer observations than its method needs to be trusted (see the message)."""
