"""Find the merge conflicts left in a plan file, located at their `conflict: true` line (points)
or at their entry in the plan's `conflicts` list (plan-level fields)."""

from __future__ import annotations

import re

from peaceplan.errors import Problem
from peaceplan.model import Plan

_CONFLICT_KEY = re.compile(r"^(\s*(?:-\s+)?)conflict\s*:")
# An entry of the plan's `conflicts` list: only those have a `field` key.
_FIELD_KEY = re.compile(r"^(\s*-\s+)field\s*:")


def conflict_problems(plan: Plan, path: str, text: str | None = None) -> list[Problem]:
    """One problem per conflicted point, at its `conflict:` key (`path:line:col`), with a hint."""
    lines = text.splitlines() if text is not None else []
    out = []
    for fp in plan.flat():
        point = fp.point
        if not point.conflict:
            continue
        line, col = _locate(lines, point.line)
        choices = ", ".join(f"{i + 1}={o.by}" for i, o in enumerate(point.options[:2]))
        hint = f" (take one: {choices})" if choices else ""
        out.append(Problem(path, line, col, f"point {fp.key}: unresolved merge conflict{hint}"))
    for conflict in plan.conflicts:
        line = conflict.line
        col = None
        if line is not None and 0 < line <= len(lines):
            m = _FIELD_KEY.match(lines[line - 1])
            col = len(m.group(1)) + 1 if m else None
        choices = ", ".join(f"{i + 1}={o.by}" for i, o in enumerate(conflict.options))
        hint = f" (take one: {choices}, or base)"
        out.append(
            Problem(path, line, col, f"field {conflict.field}: unresolved merge conflict{hint}")
        )
    return out


def _locate(lines: list[str], start: int | None) -> tuple[int | None, int | None]:
    """The line and column of the first `conflict:` key at or after line `start` (1-based)."""
    if start is None:
        return None, None
    for n in range(start - 1, min(len(lines), start + 400)):
        m = _CONFLICT_KEY.match(lines[n])
        if m:
            return n + 1, len(m.group(1)) + 1
    return start, None


def conflict_lines(plan: Plan, text: str) -> dict[str, int]:
    """Where each conflicted point's `conflict: true` is in `text`, the YAML written for `plan`
    (the n-th such line belongs to the n-th conflicted point in reading order)."""
    found = (n + 1 for n, line in enumerate(text.splitlines()) if _CONFLICT_KEY.match(line))
    return {fp.key: next(found, 0) for fp in plan.flat() if fp.point.conflict}


def field_conflict_lines(plan: Plan, text: str) -> dict[str, int]:
    """Where each plan-level conflict's entry (`- field: NAME`) is in `text`, the YAML written
    for `plan` (the n-th such line belongs to the n-th of the plan's `conflicts`)."""
    found = (n + 1 for n, line in enumerate(text.splitlines()) if _FIELD_KEY.match(line))
    return {c.field: next(found, 0) for c in plan.conflicts}
