"""The base of peaceplan's file checkers (plans: io/validate.py, notes: notes/store.py): every
problem collected with its position, and a flood of problems counted, not kept."""

from __future__ import annotations

from peaceplan.errors import MoreProblems, Problem
from peaceplan.io.yamlread import Marks


class Checker:
    """Problems of one file, `path:line:col: message`, at most `max_problems` of them kept."""

    def __init__(self, path: str, marks: Marks, max_problems: int):
        self.path = path
        self.marks = marks
        self.max_problems = max_problems
        self.problems: list[Problem] = []
        self.hidden = 0  # problems past max_problems: counted, not kept

    def add(self, pos: tuple[int, int] | None, message: str) -> None:
        """Record a problem at `pos` (line, column; None: the whole file)."""
        if self.room():
            line, col = pos if pos else (None, None)
            self.problems.append(Problem(self.path, line, col, message))

    def room(self) -> bool:
        """Whether one more problem is kept; if not, it is counted (so a flood of problems
        costs neither memory nor the work of wording each one)."""
        if len(self.problems) < self.max_problems:
            return True
        self.hidden += 1
        return False

    def found(self) -> list[Problem]:
        """The problems kept, then "... and N more problems" if some were only counted."""
        more = [MoreProblems.of(self.path, self.hidden)] if self.hidden else []
        return self.problems + more
