"""Each side of a three-way merge seen from the base: which of its points is which *node*.

A node is a base point (matched on a side or not) or a point a side added (the same addition on
both sides is one node). A side also knows what it removed (deleted, split, merged) and, when it
is partial, which base points it does not report (plan3.py merges the nodes).
"""

from __future__ import annotations

from typing import Any

import attrs

from peaceplan.aligning.model import Alignment
from peaceplan.model import FlatPoint, Plan

__all__ = ["ROOT", "Node", "Side", "container", "pair_additions", "reported"]

Node = tuple[str, str]  # ("b", base key) | ("o", ours key) | ("t", theirs key) | ("doc", id)
ROOT: Node = ("root", "")


def container(fp: FlatPoint) -> Node:
    """The node a top-level point hangs from: its document, or the root."""
    return ("doc", fp.document) if fp.document is not None else ROOT


@attrs.define
class Side:
    """One side seen from the base: which of its points is which node, and what it removed."""

    plan: Plan
    node_of: dict[str, Node] = attrs.Factory(dict)  # side key -> node
    fp_of: dict[Node, FlatPoint] = attrs.Factory(dict)  # node -> side point
    removed: dict[str, str] = attrs.Factory(dict)  # base key -> how ("deleted", "split into 3, 4")
    added: list[FlatPoint] = attrs.Factory(list)
    unreported: set[str] = attrs.Factory(set)  # base keys a partial side lacks but did not drop
    successor: dict[str, str] = attrs.Factory(dict)  # base key split/merged -> first side key

    @classmethod
    def of(cls, alignment: Alignment) -> Side:
        side = cls(alignment.new)
        dropped = set(alignment.new.dropped)
        partial = alignment.new.partial
        new_fp = {fp.key: fp for fp in alignment.new.flat()}
        for m in alignment.matches:
            if len(m.old) == 1 and len(m.new) == 1:
                side.node_of[m.new[0]] = ("b", m.old[0])
                continue
            how = (
                f"split into {', '.join(m.new)}"
                if len(m.old) == 1
                else f"merged into {', '.join(m.new)}"
            )
            for k in m.old:
                side.removed[k] = how
                side.successor[k] = m.new[0]
        for k in alignment.unmatched_old:
            fp = alignment.old.locate(k)
            named = {k, fp.full_number, fp.point.id} if fp is not None else {k}
            if partial and not named & dropped:
                side.unreported.add(k)
            else:
                side.removed[k] = "deleted"
        for fp in alignment.new.flat():
            if fp.key not in side.node_of:
                side.added.append(fp)
        for key, node in side.node_of.items():
            side.fp_of[node] = new_fp[key]
        return side

    def add(self, fp: FlatPoint, node: Node) -> None:
        self.node_of[fp.key] = node
        self.fp_of[node] = fp

    def parent(self, node: Node) -> Node | None:
        fp = self.fp_of.get(node)
        if fp is None:
            return None
        return self.node_of[fp.parent] if fp.parent is not None else container(fp)


def pair_additions(ours: Side, theirs: Side) -> None:
    """Give each side's added points a node; the same addition on both sides shares one."""
    by_id: dict[str, FlatPoint] = {}
    by_words: dict[tuple[Any, ...], list[FlatPoint]] = {}
    for fp in ours.added:
        ours.add(fp, ("o", fp.key))
        if fp.point.id is not None:
            by_id[fp.point.id] = fp
        else:
            by_words.setdefault((fp.point.text, fp.point.title), []).append(fp)
    for fp in theirs.added:
        twin = None
        if fp.point.id is not None:
            twin = by_id.pop(fp.point.id, None)
        else:
            same = by_words.get((fp.point.text, fp.point.title))
            twin = same.pop(0) if same else None
        theirs.add(fp, ("o", twin.key) if twin is not None else ("t", fp.key))


def reported(side: Side, base: FlatPoint, fp: FlatPoint | None) -> FlatPoint | None:
    """What a side says of a base point: a partial side that does not report the point (or its
    number) leaves it (or its number) as it was."""
    if fp is None:
        return base if base.key in side.unreported else None
    if side.plan.partial and fp.point.number is None and base.point.number is not None:
        return attrs.evolve(fp, point=attrs.evolve(fp.point, number=base.point.number))
    return fp
