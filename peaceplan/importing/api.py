"""`peaceplan import`: a draft in Word, PDF, Markdown or plain text -> a plan file.

Everything the document holds ends up in the plan or in front of the reader: points and
sub-points become data; the title, the preamble and what could not be classified are kept as
comments at the top of the file (and returned, located, so the command can print them); the
metadata a document does not state (date, proposer, sources) is left as placeholders to fill.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from collections.abc import Sequence
from pathlib import Path

import attrs

from peaceplan.errors import PlanError, Problem
from peaceplan.importing.lines import Line, parse_lines
from peaceplan.importing.readers import read_lines
from peaceplan.model import Plan


@attrs.frozen
class Imported:
    """A document read as a plan, with what it could not place."""

    plan: Plan
    source: str
    preamble: tuple[str, ...]
    unclassified: tuple[Line, ...]
    text: str  # the plan file's YAML, comments included


def _name(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._").lower()
    return s or "imported"


def import_document(
    path: str | os.PathLike[str], *, plan: str | None = None, version: str | None = None
) -> Imported:
    """Read a .docx, .pdf, .md or .txt draft into a checked plan (raises PlanError if the
    result would not be a valid plan, e.g. two points with the same number)."""
    from peaceplan.io.load import load_text
    from peaceplan.io.save import dump_text

    p = Path(path)
    parsed = parse_lines(read_lines(p))
    plan_name = plan or _name(p.parent.name if p.parent.name not in ("", ".") else p.stem)
    version_name = version or _name(p.stem)
    built = parsed.plan(plan_name, version_name)
    header = [
        f"Imported by peaceplan from {p.name} on {dt.date.today().isoformat()}.",
        "Fill in what the document does not say (then remove these lines):",
        "  date: YYYY-MM-DD",
        "  proposed_by: who tabled the draft",
        "  based_on: [the versions it revises]",
        "  sources: [where it was published or reported]",
    ]
    if parsed.preamble:
        header.append("Preamble:")
        header += [f"  {line}" for line in parsed.preamble]
    if parsed.unclassified:
        header.append("Not classified (kept here; place by hand):")
        header += [f"  {line.where}: {line.text}" for line in parsed.unclassified]
    comment = "".join(f"# {line}".rstrip() + "\n" for line in _wrap(header))
    text = comment + dump_text(built)
    try:
        checked = load_text(text, str(p.with_suffix(".yaml")))
    except PlanError as exc:  # located in the document, not in a file never written
        raise PlanError(in_document(exc.problems, text, parsed.wheres, str(p))) from None
    if checked is None:  # pragma: no cover - load_text raises instead
        raise PlanError([])
    return Imported(checked, str(p), parsed.preamble, parsed.unclassified, text)


def in_document(
    problems: Sequence[Problem], text: str, wheres: Sequence[str], source: str
) -> list[Problem]:
    """Problems of the plan file an import generated (`text`), moved to where their points are
    in the document: `wheres` holds each point's place there, in flat() order."""
    starts = _point_lines(text)
    if len(starts) != len(wheres):  # pragma: no cover - both list every point, in one order
        return [attrs.evolve(x, path=source, line=None, column=None) for x in problems]

    def where(line: int | None) -> str:
        if line is None:
            return source
        n = bisect.bisect_right(starts, line) - 1
        return wheres[n] if n >= 0 else source

    def moved(m: re.Match[str]) -> str:
        return f"(first at {where(int(m[1]))})"

    return [
        Problem(where(x.line), None, None, re.sub(r"\(first at line (\d+)\)", moved, x.message))
        for x in problems
    ]


def _point_lines(text: str) -> list[int]:
    """The line (1-based) where each point of a plan file's text starts, in flat() order (read
    with the house YAML reader, which marks where every list item starts)."""
    from peaceplan.io.yamlread import read_yaml

    data, marks, _ = read_yaml(text, "")
    out: list[int] = []

    def walk(points: object) -> None:
        if not isinstance(points, list):
            return
        for i, point in enumerate(points):
            at = marks.of_item(points, i)
            out.append(at[0] if at else 0)
            if isinstance(point, dict):
                walk(point.get("points"))

    if isinstance(data, dict):
        walk(data.get("points"))
        for document in data.get("documents") or ():
            if isinstance(document, dict):
                walk(document.get("points"))
    return out


def _wrap(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        for part in line.splitlines() or [""]:
            out.append(part)
    return out
