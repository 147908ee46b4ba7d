"""Read plan files: bytes -> checked Plan, with every problem located (`path:line:col: message`)."""

from __future__ import annotations

import os
from pathlib import Path

from peaceplan.errors import PlanError, Problem, cap_problems, too_large
from peaceplan.io.validate import build_plan
from peaceplan.io.yamlread import Limits, Marks, c_parser, decode, or_current, read_yaml
from peaceplan.model import Plan


def check_text(
    text: str | bytes,
    path: str = "<string>",
    *,
    limits: Limits | None = None,
    lines: bool = True,
) -> tuple[Plan | None, list[Problem]]:
    """Parse and check one plan; return the Plan (None if unusable) and every problem found.

    `lines=False` says the caller needs no line numbers on points (`Point.line` is then None):
    a plain, valid file is read up to 4x faster (peaceplan.io.fastread). Problems are always
    located, and the Plan is the same either way. `limits`: None for those in force now
    (`peaceplan.io.yamlread.current_limits`, $PEACEPLAN_LIMITS).
    """
    limits = or_current(limits)
    try:
        if isinstance(text, bytes):
            if len(text) > limits.max_bytes:
                raise PlanError([too_large(path, len(text), limits.max_bytes)])
            text = decode(text, path)
        if not lines:
            plan = _read_fast(text, path, limits)
            if plan is not None:
                return plan, []
        data, marks, problems = read_yaml(text, path, limits)
    except PlanError as exc:
        return None, list(exc.problems)
    plan, more = build_plan(data, marks, path, limits)
    problems = sorted(problems + more, key=lambda p: (p.line or 0, p.column or 0))
    return plan, cap_problems(problems, limits.max_problems)


def import_parser(lines: bool = True) -> None:
    """Import the YAML parser a load will use (before forking, so both processes share it)."""
    from peaceplan.io.fastread import fast_available

    if lines or not fast_available():
        c_parser()


def _read_fast(text: str, path: str, limits: Limits) -> Plan | None:
    """The plan in `text` read by yaml-rs, if it is plain and valid; None sends it the usual way
    (which locates whatever problem there is)."""
    from peaceplan.io.fastread import read_plain  # here: commands that need lines never use it

    data = read_plain(text, limits)
    if data is None:
        return None
    plan, problems = build_plan(data, Marks(), path, limits)
    return plan if not problems else None


def load_text(
    text: str | bytes,
    path: str = "<string>",
    *,
    limits: Limits | None = None,
    lines: bool = True,
) -> Plan:
    """Parse one plan from text; raise PlanError listing every problem if it is not valid.

    `lines=False`: see check_text.
    """
    plan, problems = check_text(text, path, limits=limits, lines=lines)
    if problems or plan is None:
        raise PlanError(problems or [Problem(path, None, None, "not a plan")])
    return plan


def read_bytes(path: str | os.PathLike[str], *, limits: Limits | None = None) -> bytes:
    """Read a file, refusing one larger than the size limit before reading it."""
    limits = or_current(limits)
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


def load_file(
    path: str | os.PathLike[str], *, limits: Limits | None = None, lines: bool = True
) -> Plan:
    """Load and check one plan file (`lines=False`, `limits`: see check_text)."""
    limits = or_current(limits)
    return load_text(read_bytes(path, limits=limits), str(path), limits=limits, lines=lines)
