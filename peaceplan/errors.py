"""Errors peaceplan reports to users: each carries a file location and a one-line message."""

from __future__ import annotations

from collections.abc import Iterable

import attrs


@attrs.frozen
class Problem:
    """One problem found in an input file, printed as `path:line:col: message` (1-based)."""

    path: str
    line: int | None
    column: int | None
    message: str

    def to_dict(self) -> dict[str, str | int | None]:
        """The problem as a JSON object: path, line, column (1-based or null), message."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return printable(f"{where}: {self.message}")


@attrs.frozen
class MoreProblems(Problem):
    """The last line of a capped list of problems: "... and N more problems" (N is `hidden`)."""

    hidden: int = 0

    @classmethod
    def of(cls, path: str, hidden: int) -> MoreProblems:
        s = "s" if hidden != 1 else ""
        return cls(path, None, None, f"... and {hidden:,} more problem{s}", hidden)


def cap_problems(problems: Iterable[Problem], limit: int) -> list[Problem]:
    """The first `limit` problems (in order), then one "... and N more problems" line per file.

    Lists already capped (a MoreProblems among them) keep their count: a flood of problems
    never prints, nor keeps in memory, more than `limit` lines per file.
    """
    kept: list[Problem] = []
    hidden: dict[str, int] = {}
    shown: dict[str, int] = {}
    for p in problems:
        if isinstance(p, MoreProblems):
            hidden[p.path] = hidden.get(p.path, 0) + p.hidden
        elif shown.get(p.path, 0) < limit:
            shown[p.path] = shown.get(p.path, 0) + 1
            kept.append(p)
        else:
            hidden[p.path] = hidden.get(p.path, 0) + 1
    return kept + [MoreProblems.of(path, n) for path, n in hidden.items() if n]


def count_problems(problems: Iterable[Problem]) -> int:
    """How many problems a (capped) list stands for: the hidden ones counted too."""
    return sum(p.hidden if isinstance(p, MoreProblems) else 1 for p in problems)


def too_large(path: str, size: int | None, limit: int) -> Problem:
    """The one wording of a file over its size limit, for plans, standard input and notes
    (`size` None: a stream, read no further than the limit)."""
    if size is None:
        return Problem(path, None, None, f"file too large (more than the limit of {limit:,} bytes)")
    return Problem(path, None, None, f"file too large ({size:,} bytes; the limit is {limit:,})")


def did_you_mean(name: str, known: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> str:
    """The "; did you mean: a, b?" hint naming up to `n` known names closest to a mistyped one,
    or "" when none is close enough."""
    close = close_matches(name, known, n=n, cutoff=cutoff)
    return f"; did you mean: {', '.join(close)}?" if close else ""


# A name longer than this gets no "did you mean": no field name is nearly as long, and
# difflib's work grows with the square of the length.
_MAX_HINTED = 64


def closest(name: str, known: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The one known name closest to a mistyped one, or None when none is close enough."""
    close = close_matches(name, known, n=1, cutoff=cutoff)
    return close[0] if close else None


def close_matches(name: str, known: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to `n` known names close to a mistyped one, closest first (difflib's measure); every
    "did you mean" of peaceplan's messages comes from here."""
    import difflib  # only on these error paths: loading a valid plan does not pay for it

    if len(name) > _MAX_HINTED:
        return []
    return difflib.get_close_matches(name, list(dict.fromkeys(known)), n=n, cutoff=cutoff)


def printable(message: str) -> str:
    """One line, control characters made visible: messages quote hostile input (keys, values)."""
    from peaceplan.text import terminal_safe

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


class GitError(PeaceplanError):
    """git is missing, the folder is not a repository, or a git command failed (a revision that
    names no commit, configuration that could not be written)."""


class MissingExtraError(PeaceplanError, ImportError):
    """An optional dependency is not installed; the message says which extra to install."""


# The errors of the optional and heavier parts live here too, so that `except peaceplan.MergeError`
# (or any of these) costs no import of the merge, PDF, index or notes code.


class MergeError(PeaceplanError):
    """The two sides cannot be merged (such as one side turning the plan into a package)."""


class ResolveConflictError(PeaceplanError):
    """The point or option to take does not exist (the message lists the choices)."""


class NotesError(PlanError):
    """A notes file is not valid; carries every problem found, each `path:line:col: message`."""


class NoteNotFound(PeaceplanError):
    """No annotation with that id in the version's notes."""


class PdfError(PeaceplanError):
    """No browser to print with, or printing failed."""


class ImportFormatError(PeaceplanError):
    """A document that cannot be read (unknown suffix, damaged file, missing optional library)."""


class CorpusIndexError(PeaceplanError):
    """The index file cannot be used (not an index, or from an incompatible version)."""
