"""Render a version log as an aligned text table or as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from peaceplan.history import LogEntry
from peaceplan.render.cells import align, width
from peaceplan.text import one_line, terminal_safe


def log_table(entries: Sequence[LogEntry]) -> str:
    """A plain aligned table, one version per line, oldest first.

    A package's points are its main text's; its side documents get their own column. Top-level
    points and sub-points are counted apart; a partial version (only the points reported) says
    so in a `coverage` column, shown when some version is partial.
    """
    header: tuple[str, ...] = ("version", "date", "proposed by", "points", "sub-points")
    right = {3, 4}
    sides = any(e.side_documents for e in entries)
    if sides:
        header = (*header, "side documents")
    header = (*header, "bracketed")
    right.add(len(header) - 1)
    partial = any(e.coverage != "complete" for e in entries)
    if partial:
        header = (*header, "coverage")
    header = (*header, "based on")
    rows = []
    for e in entries:
        row = [
            e.version,
            e.date.isoformat() if e.date else "-",
            e.proposed_by or "-",
            str(e.points),
            str(e.sub_points),
        ]
        if sides:
            row.append(_sides(e))
        row.append(str(e.bracketed))
        if partial:
            row.append(e.coverage)
        row.append(", ".join(e.based_on) or "-")
        rows.append(tuple(row))
    # a proposer written over two lines stays in its cell: a bare line would read as a row
    rows = [tuple(terminal_safe(one_line(c)) for c in row) for row in rows]
    widths = [max(width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join(align([header, *rows], widths, right=right)) + "\n"


def _sides(entry: LogEntry) -> str:
    n = len(entry.side_documents)
    if not n:
        return "-"
    return f"{n} ({entry.side_points} point{'s' if entry.side_points != 1 else ''})"


def log_json(entries: Sequence[LogEntry]) -> str:
    """The log as a JSON list (dates as YYYY-MM-DD)."""
    data = [
        {
            "plan": e.plan,
            "version": e.version,
            "date": e.date.isoformat() if e.date else None,
            "proposed_by": e.proposed_by,
            "based_on": list(e.based_on),
            "points": e.points,
            "sub_points": e.sub_points,
            "all_points": e.all_points,
            "side_documents": [
                {"id": d.id, "title": d.title, "points": d.points} for d in e.side_documents
            ],
            "bracketed": e.bracketed,
            "coverage": e.coverage,
            "dropped": list(e.dropped),
            "status": e.status,
            "title": e.title,
        }
        for e in entries
    ]
    from peaceplan.text import json_safe

    return json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
