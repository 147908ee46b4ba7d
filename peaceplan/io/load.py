"""Read plan files: bytes -> checked Plan, with every problem located (`path:line:col: message`)."""

from __future__ import annotations

import os
from pathlib import Path

from peaceplan.errors import PlanError, Problem, too_large
from peaceplan.io.validate import build_plan
from peaceplan.io.yamlread import DEFAULT_LIMITS, Limits, decode, read_yaml
from peaceplan.model import Plan


def check_text(
    text: str | bytes, path: str = "<string>", *, limits: Limits = DEFAULT_LIMITS
) -> tuple[Plan | None, list[Problem]]:
    """Parse and check one plan; return the Plan (None if unusable) and every problem found."""
    try:
        if isinstance(text, bytes):
            if len(text) > limits.max_bytes:
                raise PlanError([too_large(path, len(text), limits.max_bytes)])
            text = decode(text, path)
        data, marks, problems = read_yaml(text, path, limits)
    except PlanError as exc:
        return None, list(exc.problems)
    plan, more = build_plan(data, marks, path, limits)
    problems = sorted(problems + more, key=lambda p: (p.line or 0, p.column or 0))
    return plan, problems


def load_text(
    text: str | bytes, path: str = "<string>", *, limits: Limits = DEFAULT_LIMITS
) -> Plan:
    """Parse one plan from text; raise PlanError listing every problem if it is not valid."""
    plan, problems = check_text(text, path, limits=limits)
    if problems or plan is None:
        raise PlanError(problems or [Problem(path, None, None, "not a plan")])
    return plan


def read_bytes(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read a file, refusing one larger than the size limit before reading it."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > limits.max_bytes:
            raise PlanError([too_large(str(path), size, limits.max_bytes)])
        return p.read_bytes()
    except FileNotFoundError:
        raise PlanError([Problem(str(path), None, None, "no such file")]) from None
    except IsADirectoryError:
        raise PlanError([Problem(str(path), None, None, "is a folder, not a plan file")]) from None
    except PermissionError:
        raise PlanError([Problem(str(path), None, None, "permission denied")]) from None


def load_file(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> Plan:
    """Load and check one plan file."""
    return load_text(read_bytes(path, limits=limits), str(path), limits=limits)
