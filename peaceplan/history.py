"""The history of a negotiation: its versions in lineage order, with the figures `log` shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from peaceplan.library import Library
from peaceplan.lineage import lineage_order
from peaceplan.model import Plan


@attrs.frozen
class SideDocument:
    """A document of a package after the first (the framework): security guarantees, a roadmap..."""

    id: str
    title: str | None
    points: int  # top-level points


def main_points(plan: Plan) -> int:
    """Top-level points of the version's main text: the first document of a package, else all."""
    if plan.documents:
        return len(plan.documents[0].points)
    return len(plan.points)


def sub_points(plan: Plan) -> int:
    """Sub-points (depth 1 and deeper), counted apart from top-level points everywhere."""
    return sum(1 for fp in plan.flat() if fp.depth)


def version_figures(plan: Plan) -> dict[str, Any]:
    """What `log` and `status` both say of a version, as fields of their rows: its name, date and
    proposer, top-level points of the main text, sub-points, all points, bracketed points, and
    whether it is partial (lists only the points that were reported)."""
    return {
        "version": plan.version,
        "date": plan.date,
        "proposed_by": plan.proposed_by,
        "points": main_points(plan),
        "sub_points": sub_points(plan),
        "all_points": len(plan.flat()),
        "bracketed": plan.bracketed_count(),
        "coverage": plan.coverage,
    }


def side_documents(plan: Plan) -> tuple[SideDocument, ...]:
    """The documents of a package after the first, which `log` counts apart from the framework."""
    return tuple(SideDocument(d.id, d.title, len(d.points)) for d in plan.documents[1:])


@attrs.frozen
class LogEntry:
    """One version as `peaceplan log` lists it."""

    plan: str
    version: str
    date: dt.date | None
    proposed_by: str | None
    based_on: tuple[str, ...]
    points: int  # top-level points of the main text (a package's first document)
    all_points: int  # sub-points and side documents included
    bracketed: int
    status: str | None
    title: str | None
    path: str | None
    side_documents: tuple[SideDocument, ...] = ()
    sub_points: int = 0  # sub-points (of every document)
    coverage: str = "complete"  # partial: only the points that were reported
    dropped: tuple[str, ...] = ()  # keys of earlier points reported deleted

    @property
    def side_points(self) -> int:
        """Top-level points in the side documents."""
        return sum(d.points for d in self.side_documents)


def version_log(library: Library, plan: str) -> tuple[LogEntry, ...]:
    """Every version of `plan`, loaded and checked, in lineage order."""
    versions = lineage_order(library.load_plan(plan))
    return tuple(
        LogEntry(
            plan=p.plan,
            **version_figures(p),
            based_on=p.based_on,
            status=p.status,
            title=p.title,
            path=p.path,
            side_documents=side_documents(p),
            dropped=p.dropped,
        )
        for p in versions
    )
