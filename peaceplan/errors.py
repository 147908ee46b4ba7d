"""Errors peaceplan reports to users: each carries a file location and a one-line message."""

from __future__ import annotations

import attrs


@attrs.frozen
class Problem:
    """One problem found in an input file, printed as `path:line:col: message` (1-based)."""

    path: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return printable(f"{where}: {self.message}")


def too_large(path: str, size: int, limit: int) -> Problem:
    """The one wording of a file over its size limit, for plans, standard input and notes."""
    return Problem(path, None, None, f"file too large ({size:,} bytes; the limit is {limit:,})")


def printable(message: str) -> str:
    """One line, control characters made visible: messages quote hostile input (keys, values)."""
    from peaceplan.render.escape import terminal_safe

    return terminal_safe(message).replace("\n", "\\n").replace("\t", "\\t")


class PeaceplanError(Exception):
    """Base class of every error peaceplan reports to a user (exit status 2, no traceback)."""

    exit_code = 2

    def lines(self) -> list[str]:
        """The message as printed, one line per problem."""
        return [str(self)]


class PlanError(PeaceplanError):
    """An input file is not a valid plan; carries every problem found in it."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class ResolveError(PeaceplanError):
    """A version name that names no version, or more than one."""


class UsageError(PeaceplanError):
    """The request itself is wrong (bad option combination, missing argument)."""
