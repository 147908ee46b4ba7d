"""Render a version log as an aligned text table or as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from peaceplan.errors import Problem
from peaceplan.history import LogEntry, VersionLog
from peaceplan.render.cells import align, width
from peaceplan.render.problems import problem_line, problems_html
from peaceplan.render.records import records_html
from peaceplan.text import one_line, terminal_safe


def log_table(entries: Sequence[LogEntry], problems: Sequence[Problem] = ()) -> str:
    """A plain aligned table, one version per line, oldest first, after a warning line per
    lineage problem.

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
    said = "".join(terminal_safe(problem_line(p)) + "\n" for p in problems)
    return said + "\n".join(align([header, *rows], widths, right=right)) + "\n"


def _sides(entry: LogEntry) -> str:
    n = len(entry.side_documents)
    if not n:
        return "-"
    return f"{n} ({entry.side_points} point{'s' if entry.side_points != 1 else ''})"


def log_json(entries: Sequence[LogEntry]) -> str:
    """The log as a JSON list (dates as YYYY-MM-DD)."""
    data = [e.to_record() for e in entries]
    from peaceplan.text import json_safe

    return json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def log_html(log: VersionLog) -> str:
    """The log as an HTML table (how it shows in Jupyter), its lineage problems in red above."""
    cols = ["version", "date", "proposed_by", "points", "sub_points", "bracketed", "coverage"]
    records = [{**e.to_record(), "based_on": ", ".join(e.based_on)} for e in log]
    grid = records_html(records, [*cols, "based_on"], caption=f"Versions of {log.plan}")
    return problems_html(log.problems) + grid
