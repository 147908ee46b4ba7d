"""The flow of a negotiation's points through its versions: what `peaceplan flow` draws.

A node is a top-level point of one version (sub-points travel with their point); an edge joins
a point to the point of a later version that continues it (kept, moved, modified, split,
merged), as the matrix's rows follow them. A point no later version continues ends there,
dropped (`removed`) or lost from sight in a partial version (`unreported`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from peaceplan.errors import Problem
from peaceplan.model import Plan
from peaceplan.negotiation.matrix import (
    NegotiationMatrix,
    _count,
    _problems_note,
    build_matrix,
    short_text,
)

if TYPE_CHECKING:
    from peaceplan.library import PlansLike


FORMAT = "peaceplan.flow/1"


@attrs.frozen
class FlowNode:
    """A top-level point of one version."""

    version: str
    key: str
    label: str  # "#6", or its key when unnumbered
    title: str | None
    text: str  # short
    change: str  # its matrix change in this version (origin, kept, modified, added...)
    document: str | None = None  # the side document it belongs to (None: the main text)
    # what became of it in the versions based on this one where it does not continue:
    removed_in: tuple[str, ...] = ()
    unreported_in: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """VERSION:KEY."""
        return f"{self.version}:{self.key}"


@attrs.frozen
class FlowEdge:
    """A point of an earlier version continued by a point of a later one."""

    source: str  # node id VERSION:KEY
    target: str
    change: str  # the target's change: kept, moved, modified, split, merged


@attrs.frozen
class FlowVersion:
    """A column of the flow."""

    version: str
    proposed_by: str | None
    date: str | None
    coverage: str
    points: int  # top-level points of the main text
    side_points: int  # top-level points of side documents


@attrs.frozen
class Flow:
    """The points of negotiation `plan` flowing through its versions (lineage order)."""

    plan: str
    versions: tuple[FlowVersion, ...]
    nodes: tuple[FlowNode, ...]
    edges: tuple[FlowEdge, ...]
    problems: tuple[Problem, ...] = ()  # the lineage's problems, as the matrix's

    def nodes_of(self, version: str) -> tuple[FlowNode, ...]:
        """The nodes of one version, in reading order."""
        return tuple(n for n in self.nodes if n.version == version)

    def to_json_dict(self) -> dict[str, Any]:
        """The flow as the `peaceplan.flow/1` JSON object (versions, nodes and edges)."""
        return {
            "format": FORMAT,
            "plan": self.plan,
            "versions": [attrs.asdict(v) for v in self.versions],
            "nodes": [{"id": n.id, **attrs.asdict(n)} for n in self.nodes],
            "edges": [attrs.asdict(e) for e in self.edges],
            "problems": [p.to_dict() for p in self.problems],
        }

    def __repr__(self) -> str:
        # One line: the attrs default would print every node and edge.
        return (
            f"<Flow {self.plan}: {_count(len(self.nodes), 'point')} and "
            f"{_count(len(self.edges), 'link')} through {_count(len(self.versions), 'version')} "
            f"({', '.join(v.version for v in self.versions)}){_problems_note(self.problems)}>"
        )

    def _repr_svg_(self) -> str:
        # Jupyter draws the SVG; the renderer is imported only when a notebook asks.
        from peaceplan.render.flow import flow_svg

        return flow_svg(self)


def flow(plan: str, *, plans: PlansLike = None) -> Flow:
    """The flow of negotiation `plan` (or of the negotiation of version `plan`); draw it with
    `peaceplan.render.flow.flow_svg`, or show it in a notebook as it is."""
    from peaceplan.library import open_library

    lib = open_library(plans)
    versions = lib.load_negotiation(plan)
    return flow_of(build_matrix(versions, others=lib.qualified_names()), versions=versions)


def flow_of(m: NegotiationMatrix, *, versions: Sequence[Plan]) -> Flow:
    """The flow of a matrix built from `versions` (the loaded Plans)."""
    by_name: dict[str, Plan] = {p.version: p for p in versions}
    cols = []
    for v in m.versions:
        plan = by_name[v.version]
        main = v.points  # the main text's top-level points (history.main_points)
        cols.append(
            FlowVersion(
                v.version,
                v.proposed_by,
                v.date.isoformat() if v.date else None,
                v.coverage,
                main,
                len(plan.top_points()) - main,
            )
        )

    def top(plan: Plan, key: str) -> str:
        fp = plan.locate(key)
        while fp is not None and fp.parent is not None:
            fp = plan.locate(fp.parent)
        return fp.key if fp is not None else key

    # the change of each top-level point, from the row holding it as a top-level key
    change: dict[tuple[str, str], str] = {}
    edges: dict[tuple[str, str], tuple[str, bool]] = {}
    ends: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for row in m.rows:
        cells = {c.version: c for c in row.cells}
        for c in row.cells:
            if c.change is None:
                continue
            plan = by_name[c.version]
            if c.present:
                for k in c.keys:
                    fp = plan.locate(k)
                    if fp is not None and fp.depth == 0:
                        change[(c.version, k)] = c.change
            if c.source is None:
                continue
            src = cells[c.source]
            splan = by_name[c.source]
            olds = tuple(dict.fromkeys(top(splan, k) for k in src.keys))
            if c.present:
                news = tuple(dict.fromkeys(top(plan, k) for k in c.keys))
                direct = all((fp := plan.locate(k)) is not None and fp.depth == 0 for k in c.keys)
                for a in olds:
                    for b in news:
                        edge = (f"{c.source}:{a}", f"{c.version}:{b}")
                        if edge not in edges or (direct and not edges[edge][1]):
                            edges[edge] = (c.change, direct)
            elif src.present and row.depth == 0:
                for a in olds:
                    gone = ends.setdefault((c.source, a), ([], []))
                    gone[0 if c.change == "removed" else 1].append(c.version)
    nodes = []
    for v in m.versions:
        plan = by_name[v.version]
        docs = plan.documents or ()
        where = {id(f.point): f for f in plan.flat() if f.depth == 0}
        for i, doc_points in enumerate([d.points for d in docs] if docs else [plan.points]):
            doc = docs[i].title or docs[i].id if docs and i else None
            for p in doc_points:
                fp = where[id(p)]
                key = fp.key
                removed, unreported = ends.get((v.version, key), ([], []))
                nodes.append(
                    FlowNode(
                        v.version,
                        key,
                        f"#{fp.full_number}" if fp.full_number else key,
                        p.title,
                        short_text(p.text),
                        change.get((v.version, key), "kept"),
                        doc,
                        tuple(removed),
                        tuple(unreported),
                    )
                )
    flow_edges = tuple(FlowEdge(a, b, ch) for (a, b), (ch, _) in edges.items())
    return Flow(m.plan, tuple(cols), tuple(nodes), flow_edges, m.problems)
