"""The history of a negotiation: its versions in lineage order, with the figures `log` shows."""

from __future__ import annotations

import datetime as dt

import attrs

from peaceplan.library import Library, lineage_order


@attrs.frozen
class LogEntry:
    """One version as `peaceplan log` lists it."""

    plan: str
    version: str
    date: dt.date | None
    proposed_by: str | None
    based_on: tuple[str, ...]
    points: int  # top-level points
    all_points: int  # sub-points included
    bracketed: int
    status: str | None
    title: str | None
    path: str | None


def version_log(library: Library, plan: str) -> tuple[LogEntry, ...]:
    """Every version of `plan`, loaded and checked, in lineage order."""
    versions = lineage_order(library.load_plan(plan))
    return tuple(
        LogEntry(
            plan=p.plan,
            version=p.version,
            date=p.date,
            proposed_by=p.proposed_by,
            based_on=p.based_on,
            points=len(p.top_points()),
            all_points=len(p.flat()),
            bracketed=p.bracketed_count(),
            status=p.status,
            title=p.title,
            path=p.path,
        )
        for p in versions
    )
