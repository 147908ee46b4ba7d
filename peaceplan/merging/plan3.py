"""Three-way merge of plans on two alignments (base -> ours, base -> theirs).

Every point, sub-points included, becomes a *node*: a base point (matched on each side or not),
or a point a side added (the same addition on both sides is one node; sides.py). Each node's
own fields are merged (points.py), its parent three-way, and each sibling list's order three-way
(order.py); then the tree is rebuilt and renumbered where numbers collide (numbering.py).
A point split or merged by one side counts, for that side, as its old points deleted and the new
ones added, so the other side's edit of an old point is a delete-vs-edit conflict. A partial side
(`coverage: partial`) deletes only the points its `dropped` names: a base point it lacks is
*unreported* there and counts as unchanged. The plan's own fields merge in meta.py.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any, cast

import attrs

from peaceplan.aligning.model import Alignment
from peaceplan.errors import MergeError
from peaceplan.merging.meta import merge_conflicts, merge_field, short
from peaceplan.merging.numbering import plan_in_order, renumber
from peaceplan.merging.order import merge_order, place_orphans
from peaceplan.merging.points import FieldMerge, content, delete_edit, merge_point
from peaceplan.merging.result import Conflict, MergeResult
from peaceplan.merging.sides import ROOT, Node, Side, container, pair_additions, reported
from peaceplan.model import (
    Document,
    FieldConflict,
    FieldOption,
    FlatPoint,
    Plan,
    Point,
    full_number,
)


def merge_plans(
    base: Plan,
    ours: Plan,
    theirs: Plan,
    *,
    alignments: tuple[Alignment, Alignment] | None = None,
    version: str | None = None,
    labels: tuple[str, str] | None = None,
    new_version: bool = True,
    texts: tuple[str | None, str | None, str | None] | None = None,
) -> MergeResult:
    """Merge `ours` and `theirs`, two revisions of `base`; conflicts become bracketed points.

    `labels` attribute the two sides' options (default: their version names, or `ours` and
    `theirs` when both are one version). With `new_version` the result is a new version
    (`version`, default `merge-OURS-THEIRS`) based on both sides; without it (the git driver)
    its metadata is merged like the rest. `texts`, the files the three plans were read from
    (None where unknown), let the merged file carry the comments of both sides
    (merge/comments.py; `MergeResult.text()` writes them).
    """
    if alignments is None:
        from peaceplan.aligning import align

        alignments = (align(base, ours), align(base, theirs))
    if labels is None:
        labels = (ours.version, theirs.version)
        if labels[0] == labels[1]:
            # Not `v (ours)`: resolve would read two such alternatives as one option both sides
            # reworded (`X (a)` / `X (b)`) and keep the base wording. As the git driver does.
            labels = ("ours", "theirs")
    sides = (Side.of(alignments[0]), Side.of(alignments[1]))
    pair_additions(*sides)
    result = _Merger(base, sides, labels).run(version, new_version)
    if texts is None or not any(t and "#" in t for t in texts):
        return result
    from peaceplan.merging.comments import merge_comments

    comments, notes = merge_comments(
        texts,
        (base, ours, theirs),
        ({fp.key: ("b", fp.key) for fp in base.flat()}, sides[0].node_of, sides[1].node_of),
        result.plan,
        result.keys,
        labels,
    )
    return attrs.evolve(result, comments=comments, notes=result.notes + notes)


class _Merger:
    def __init__(self, base: Plan, sides: tuple[Side, Side], labels: tuple[str, str]):
        self.base = base
        self.sides = sides
        self.labels = labels
        self.base_fp: dict[Node, FlatPoint] = {("b", fp.key): fp for fp in base.flat()}
        self.fields: dict[Node, FieldMerge] = {}
        self.field_conflicts: list[FieldConflict] = []  # documents' titles
        self.notes: list[str] = []
        nodes: dict[Node, None] = dict.fromkeys(self.base_fp)
        for side in sides:
            nodes.update(dict.fromkeys(side.fp_of))
        self.nodes = list(nodes)

    # -- per node ------------------------------------------------------------------------------
    def merge_fields(self) -> None:
        ours, theirs = self.sides
        untouched: dict[Node, tuple[int, FlatPoint]] = {}  # deleted by one side only
        for node in self.nodes:
            b = self.base_fp.get(node)
            o, t = ours.fp_of.get(node), theirs.fp_of.get(node)
            if b is not None:
                o, t = reported(ours, b, o), reported(theirs, b, t)
            if o is not None and t is not None:
                bp = b.point if b else None
                self.fields[node] = merge_point(bp, o.point, t.point, self.labels)
            elif o is None and t is None:
                continue  # deleted on both sides
            elif b is None:  # added on one side
                kept = o or t
                assert kept is not None
                self.fields[node] = FieldMerge(attrs.evolve(kept.point, points=()))
            else:
                gone, kept = (0, t) if o is None else (1, o)
                assert kept is not None
                if content(kept.point) == content(b.point):
                    untouched[node] = (gone, kept)
                    continue  # deleted on one side, untouched on the other
                fm = delete_edit(b.point, kept.point, gone, self.labels)
                how = self.sides[gone].removed.get(b.key, "deleted")
                if how != "deleted":
                    reason = f"{how} by {self.labels[gone]}, edited by {self.labels[1 - gone]}"
                    fm = attrs.evolve(fm, reasons=(reason,))
                self.fields[node] = fm
        self.keep_parents(untouched)

    def keep_parents(self, untouched: dict[Node, tuple[int, FlatPoint]]) -> None:
        """A point one side deleted stays, in conflict, while the other side edited one of its
        sub-points: the deletion took the sub-point with it, so the two sides disagree on it
        too (the edited sub-point is not lifted out of context)."""
        for node in list(self.fields):
            b = self.base_fp.get(node)
            while b is not None and b.parent is not None:
                up: Node = ("b", b.parent)
                if up in untouched and up not in self.fields and self.successor(up) is None:
                    gone, kept = untouched[up]
                    fm = delete_edit(self.base_fp[up].point, kept.point, gone, self.labels)
                    why = f"deleted by {self.labels[gone]}, a sub-point edited by "
                    self.fields[up] = attrs.evolve(fm, reasons=(why + self.labels[1 - gone],))
                b = self.base_fp.get(up)

    # -- the tree ------------------------------------------------------------------------------
    def raw_parent(self, node: Node) -> Node:
        """The parent three-way: a side's change of parent wins over the base's."""
        b = self.base_fp.get(node)
        bp = (self.base_key_node(b.parent) if b.parent else container(b)) if b else None
        op, tp = self.sides[0].parent(node), self.sides[1].parent(node)
        if op is None and tp is None:
            return bp or ROOT
        if op is None or tp is None:
            return op or tp  # type: ignore[return-value]
        if op == tp or tp == bp:
            return op
        if op == bp:
            return tp
        self.notes.append(f"{self._name(node)}: moved under different points by both sides")
        return op

    def successor(self, node: Node) -> Node | None:
        """The point a side split or merged a base point into (the sub-points it did not
        report go under it), when that point is in the merge."""
        for side in self.sides:
            key = side.successor.get(node[1]) if node[0] == "b" else None
            if key is not None and side.node_of.get(key) in self.fields:
                return side.node_of[key]
        return None

    def base_key_node(self, key: str) -> Node:
        return ("b", key)

    def _name(self, node: Node) -> str:
        return f"point {node[1]} of {'the base' if node[0] == 'b' else self.labels[node[0] == 't']}"

    def parents(self) -> dict[Node, Node]:
        raw = {n: self.raw_parent(n) for n in self.nodes}
        final: dict[Node, Node] = {}
        for node in self.fields:
            p = raw[node]
            seen = {node}
            while p[0] in ("b", "o", "t") and p not in self.fields:
                if p in seen:
                    p = ROOT
                    break
                seen.add(p)
                p = self.successor(p) or raw.get(p, ROOT)
            final[node] = p
        # Two sides moving points under each other can make a cycle: lift it to the top.
        for node in list(final):
            seen, p = {node}, final[node]
            while p in final:
                if p in seen:
                    b = self.base_fp.get(node)
                    final[node] = container(b) if b else ROOT
                    self.notes.append(f"{self._name(node)}: moved into a cycle; lifted to the top")
                    break
                seen.add(p)
                p = final[p]
        return final

    def sequences(self) -> list[dict[Node, list[Node]]]:
        """For base, ours and theirs: each parent's children in reading order."""
        out: list[dict[Node, list[Node]]] = []
        base: dict[Node, list[Node]] = {}
        for fp in self.base.flat():
            parent = ("b", fp.parent) if fp.parent is not None else container(fp)
            base.setdefault(parent, []).append(("b", fp.key))
        out.append(base)
        for side in self.sides:
            seqs: dict[Node, list[Node]] = {}
            for fp in side.plan.flat():
                node = side.node_of[fp.key]
                parent = side.node_of[fp.parent] if fp.parent is not None else container(fp)
                seqs.setdefault(parent, []).append(node)
            out.append(seqs)
        return out

    def ancestors(self, node: Node) -> Iterable[Node]:
        b = self.base_fp.get(node)
        while b is not None and b.parent is not None:
            yield ("b", b.parent)
            b = self.base_fp.get(("b", b.parent))
        for side in self.sides:
            p = side.parent(node)
            while p is not None and p[0] in ("b", "o", "t"):
                yield p
                p = side.parent(p)

    def anchors(self, node: Node) -> list[Node]:
        """Where to place a point no side lists under its merged parent: after these."""
        after = self.after.get(node)
        return ([after] if after is not None else []) + list(self.ancestors(node))

    def rehome(self, final: dict[Node, Node]) -> None:
        """Top-level points left outside the documents when one side turned the plan into a
        package (or the other way round) go into the document of their nearest neighbour."""
        plans = (self.base, *(s.plan for s in self.sides))
        docs = [d.id for p in plans for d in p.documents]
        stray = [n for n, p in final.items() if p == ROOT]
        if not docs or not stray:
            return
        orders = [[("b", fp.key) for fp in self.base.flat() if fp.depth == 0]]
        orders += [
            [side.node_of[fp.key] for fp in side.plan.flat() if fp.depth == 0]
            for side in self.sides
        ]
        where = [{n: i for i, n in enumerate(order)} for order in orders]
        for node in stray:
            home: Node | None = None
            for order, at in zip(orders, where):
                i = at.get(node)
                if i is None:
                    continue
                for j in [*range(i - 1, -1, -1), *range(i + 1, len(order))]:
                    parent = final.get(order[j])
                    if parent is not None and parent[0] == "doc":
                        home = parent
                        if j < i:
                            self.after[node] = order[j]
                        break
                if home is not None:
                    break
            final[node] = home or ("doc", docs[0])
            self.notes.append(f"{self._name(node)}: placed in document {final[node][1]}")

    def children(self, final: dict[Node, Node]) -> dict[Node, list[Node]]:
        seqs = self.sequences()
        wanted: dict[Node, list[Node]] = {}
        for node, parent in final.items():
            wanted.setdefault(parent, []).append(node)
        position = {n: i for i, n in enumerate(self.nodes)}
        out: dict[Node, list[Node]] = {}
        for parent, members in wanted.items():
            b, o, t = (s.get(parent, []) for s in seqs)
            order = merge_order(b, o, t, lambda k: True)
            listed = set(order)
            orphans = sorted((m for m in members if m not in listed), key=position.__getitem__)
            order = place_orphans(order, orphans, self.anchors)
            out[parent] = [k for k in order if final.get(k) == parent]
        return out

    # -- assembling ------------------------------------------------------------------------------
    def run(self, version: str | None, new_version: bool) -> MergeResult:
        self.merge_fields()
        final = self.parents()
        self.after: dict[Node, Node] = {}
        self.rehome(final)
        kids = self.children(final)
        ours, theirs = (s.plan for s in self.sides)
        self.order_matters = plan_in_order(ours.top_points()) and plan_in_order(theirs.top_points())
        self.keys: dict[Node, str] = {}
        self.used: set[str] = set()
        self.counter = 0
        top = kids.get(ROOT, [])
        docs = self.documents(kids)
        if top and docs:
            raise MergeError(
                f"{ours.qualified}, {theirs.qualified}: cannot merge a package of documents "
                "with a plain list of points"
            )
        points = self.build(top, None, kids) if not docs else ()
        documents = tuple(
            attrs.evolve(d, points=self.build(kids.get(("doc", d.id), []), None, kids))
            for d in docs
        )
        plan = self.metadata(version, new_version, points, documents)
        # The keys as the merged plan names them (built in its reading order): a point with
        # neither id nor number is keyed by its place, within its document in a package.
        self.keys = dict(zip(self.keys, (fp.key for fp in plan.flat())))
        id_conflicts = [
            FieldConflict(
                f"points.{key}.id",
                self.fields[node].point.id,
                (FieldOption(self.labels[0], ids[0]), FieldOption(self.labels[1], ids[1])),
            )
            for node, key in self.keys.items()
            if (ids := self.fields[node].ids) is not None
        ]
        if id_conflicts:  # after this merge's other field conflicts, before the sides' own
            mine = len(self.field_conflicts)
            named = {c.field for c in id_conflicts}  # one conflict per field, this merge's
            older = [c for c in plan.conflicts[mine:] if c.field not in named]
            listed = (*plan.conflicts[:mine], *id_conflicts, *older)
            plan = attrs.evolve(plan, conflicts=listed)
            self.field_conflicts += id_conflicts
        conflicts = [Conflict(c.field, (_clash(c),), kind="field") for c in self.field_conflicts]
        for node, key in self.keys.items():
            fm = self.fields[node]
            if fm.point.conflict and fm.reasons:
                fp = plan.locate(key)
                conflicts.append(Conflict(key, fm.reasons, fp.full_number if fp else None))
            self.notes.extend(f"point {key}: {n}" for n in fm.notes)
        return MergeResult(
            plan,
            tuple(conflicts),
            tuple(dict.fromkeys(self.notes)),
            base=self.base.version,
            ours=self.labels[0],
            theirs=self.labels[1],
            keys=_keys(self.keys),
        )

    def build(
        self, nodes: list[Node], parent: str | None, kids: dict[Node, list[Node]]
    ) -> tuple[Point, ...]:
        points = [self.fields[n].point for n in nodes]
        numbers, changed = renumber(
            [p.number for p in points], parent, order_matters=self.order_matters
        )
        if changed:
            where = f"under point {parent}" if parent else "at the top level"
            self.notes.append(f"points {where} renumbered: the two sides' numbers collided")
        out = []
        for node, point, number in zip(nodes, points, numbers):
            full = full_number(parent, number)
            ident = point.id
            key = ident if ident is not None else full
            if key is not None and key in self.used:
                k = 2
                while f"{key}-{k}" in self.used:
                    k += 1
                self.notes.append(f"point {key}: the key was taken; renamed {key}-{k}")
                if ident is not None:
                    ident = f"{ident}-{k}"
                else:
                    number = f"{number}-{k}"
                    full = full_number(parent, number)
                key = f"{key}-{k}"
            self.counter += 1
            if key is None:
                key = f"#{self.counter}"
            self.used.add(key)
            self.keys[node] = key
            children = self.build(kids.get(node, []), full, kids)
            out.append(attrs.evolve(point, id=ident, number=number, points=children))
        return tuple(out)

    def documents(self, kids: dict[Node, list[Node]]) -> list[Document]:
        ours, theirs = (s.plan for s in self.sides)
        plans = (self.base, ours, theirs)
        if not any(p.documents for p in plans):
            return []
        by_id = [{d.id: d for d in p.documents} for p in plans]
        base_ids, our_ids, their_ids = ([d.id for d in p.documents] for p in plans)
        order = merge_order(base_ids, our_ids, their_ids, lambda k: True)
        out = []
        for doc_id in order:
            b, o, t = (m.get(doc_id) for m in by_id)
            deleted = b is not None and (o is None or t is None)
            if deleted and not kids.get(("doc", doc_id)):
                continue
            if o is None or t is None:
                # One side's document, or (points kept under it, a partial side deleting
                # nothing) the base's when neither side has it any more.
                title = (t or o or b).title  # type: ignore[union-attr]
            else:
                base_title = b.title if b else None
                field = f"documents.{doc_id}.title"
                title, clash = merge_field(field, base_title, o.title, t.title, self.labels)
                if clash is not None:
                    self.field_conflicts.append(clash)
            out.append(Document(id=doc_id, title=cast("str | None", title)))
        return out

    def metadata(
        self,
        version: str | None,
        new_version: bool,
        points: tuple[Point, ...],
        documents: tuple[Document, ...],
    ) -> Plan:
        b = self.base
        o, t = (s.plan for s in self.sides)
        conflicts: list[FieldConflict] = []

        def pick(field: str, is_list: bool = False) -> object:
            values = [getattr(p, field) for p in (b, o, t)]
            value, clash = merge_field(
                field, values[0], values[1], values[2], self.labels, is_list=is_list
            )
            if clash is not None:
                conflicts.append(clash)
            return value

        values: dict[str, object] = {
            "plan": pick("plan"),
            "title": pick("title"),
            "proposed_by": pick("proposed_by"),
            "parties": pick("parties", True),
        }
        if new_version:  # a new draft: named, based on both sides, not yet tabled
            same = o.plan == t.plan == values["plan"]
            values["version"] = version or f"merge-{o.version}-{t.version}"
            parents = (o.version, t.version) if same else (o.qualified, t.qualified)
            values["based_on"] = tuple(dict.fromkeys(parents))  # two copies of one: one parent
            values["status"] = "draft"
            values["date"] = None
        else:
            values["version"] = version or pick("version")
            values["based_on"] = pick("based_on", True)
            values["status"] = pick("status")
            values["date"] = pick("date")
        values["language"] = pick("language")
        values["sources"] = pick("sources", True)
        values["coverage"] = pick("coverage") or "complete"
        values["dropped"] = pick("dropped", True)
        self.field_conflicts[:0] = conflicts  # the plan's own fields first, then documents'
        values["conflicts"] = merge_conflicts(
            b.conflicts, o.conflicts, t.conflicts, self.field_conflicts
        )
        return Plan(points=points, documents=documents, **values)  # type: ignore[arg-type]


def _clash(conflict: FieldConflict) -> str:
    """Why a plan-level field is in conflict, with both sides' values."""
    values = ", ".join(f"{o.by} {short(o.value)}" for o in conflict.options)
    return f"changed differently on both sides ({values})"


def _keys(keys: Mapping[Any, str]) -> dict[Hashable, str]:
    """The merged plan's keys, as MergeResult holds them."""
    return dict(keys)
