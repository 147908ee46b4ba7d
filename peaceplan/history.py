"""The history of a negotiation: its versions in lineage order, with the figures `log` shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs

from peaceplan.errors import Problem
from peaceplan.library import Library, negotiation_name, open_library
from peaceplan.lineage import check_lineage, lineage_order
from peaceplan.model import Plan

if TYPE_CHECKING:
    from peaceplan.library import PlansLike


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

    def to_record(self) -> dict[str, Any]:
        """The entry as a plain dict, as `peaceplan log --format json` writes it."""
        return {
            "plan": self.plan,
            "version": self.version,
            "date": self.date.isoformat() if self.date else None,
            "proposed_by": self.proposed_by,
            "based_on": list(self.based_on),
            "points": self.points,
            "sub_points": self.sub_points,
            "all_points": self.all_points,
            "side_documents": [
                {"id": d.id, "title": d.title, "points": d.points} for d in self.side_documents
            ],
            "bracketed": self.bracketed,
            "coverage": self.coverage,
            "dropped": list(self.dropped),
            "status": self.status,
            "title": self.title,
        }


@attrs.frozen
class VersionLog(Sequence[LogEntry]):
    """The versions of a negotiation in lineage order (a sequence of LogEntry), and what is
    wrong with its lineage: a `based_on` naming no version, a cycle. The log still lists those
    versions, and must not hide that a link is missing."""

    plan: str
    entries: tuple[LogEntry, ...]
    problems: tuple[Problem, ...] = ()

    @overload
    def __getitem__(self, index: int) -> LogEntry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[LogEntry]: ...
    def __getitem__(self, index: int | slice) -> LogEntry | Sequence[LogEntry]:
        return self.entries[index]

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        n = len(self.problems)
        said = f", {n} lineage problem{'s' if n != 1 else ''}" if n else ""
        names = ", ".join(e.version for e in self.entries)
        return f"<VersionLog {self.plan}: {len(self.entries)} versions ({names}){said}>"

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per version, as `peaceplan log --format json` writes them."""
        return [e.to_record() for e in self.entries]

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs `pip install peaceplan[pandas]`)."""
        from peaceplan.notes.frames import frame

        return frame(self.to_records())

    def _repr_html_(self) -> str:
        # Jupyter: the log's table, its lineage problems in red above it.
        from peaceplan.render.log import log_html

        return log_html(self)


def version_log(library: Library, plan: str) -> VersionLog:
    """Every version of negotiation `plan`, loaded and checked, in lineage order, with the
    lineage's problems."""
    versions = lineage_order(library.load_plan(plan))
    problems = check_lineage(versions, others=library.qualified_names())
    entries = tuple(
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
    return VersionLog(plan, entries, tuple(problems))


def log(plan: str, *, plans: PlansLike = None) -> VersionLog:
    """The versions of negotiation `plan` (or of the negotiation of version `plan`) in lineage
    order, as `peaceplan log` lists them: date, proposer, points, sub-points, bracketed
    points, coverage, based_on; and the lineage's problems (`VersionLog.problems`)."""
    lib = open_library(plans)
    return version_log(lib, negotiation_name(lib, plan))
