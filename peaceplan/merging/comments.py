"""Three-way merge of the comments of a plan's files, place by place (see peaceplan.io.comments).

Each comment is tied to the place it is about (a point, a key of it, a plan-level key...). At each
place, the comments are merged as the point's fields are: a comment one side added is kept, one
that one side removed (and the other left) goes, the same added by both sides is kept once. A
side that lacks a point (it deleted it, or does not report it: `coverage: partial`) says nothing
about that point's comments: should the point stay (a delete-vs-edit conflict), the other side's
comments on it stay with it. A comment a side added whose place is gone from the merged plan (its
point deleted by the other side) is kept at the end of the file, and a note says so: a comment
never vanishes silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence

from peaceplan.io.comments import END, Anchor, Comment, Wanted, nearest, plan_anchors, read_comments
from peaceplan.model import Plan

Node = tuple[str, str]


def _count(base: int, ours: int, theirs: int) -> int:
    """How many copies of one comment the merge keeps at one place."""
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    return max(ours, theirs)


def merge_comments(
    texts: Sequence[str | None],
    plans: Sequence[Plan],
    node_of: Sequence[Mapping[str, Hashable]],
    merged: Plan,
    merged_key: Mapping[Hashable, str],
    labels: tuple[str, str],
) -> tuple[tuple[Wanted, ...], tuple[str, ...]]:
    """The comments the merged file should hold, in order, each with its place there; and a
    note for each comment kept at the end for want of a place.

    `texts` and `plans` are base, ours and theirs (a text None: not known, taken as the
    base's); `node_of` maps each one's point keys to merge nodes, `merged_key` the nodes to
    the merged plan's keys."""
    read: list[list[tuple[Anchor, bool, str]]] = []
    for text, plan, nodes in zip(texts, plans, node_of):
        found = read_comments(text, plan) if text else []
        read.append([(_to_node(c, nodes), c.eol, c.text) for c in found])
    base = read[0]
    sides = []
    for n, side in enumerate(read[1:]):
        if texts[n + 1] is None:
            side = list(base)
        else:  # on the points this side lacks, the base's comments
            has = set(node_of[n + 1].values())
            side = side + [c for c in base if c[0][0] == "pt" and c[0][1] not in has]
        sides.append(side)
    groups: dict[tuple[Anchor, bool], list[Counter[str]]] = {}
    order: dict[tuple[Anchor, bool], list[tuple[int, str]]] = {}
    for n, comments in enumerate((base, *sides)):
        for anchor, eol, body in comments:
            counts = groups.setdefault((anchor, eol), [Counter(), Counter(), Counter()])
            counts[n][body] += 1
            if n:
                order.setdefault((anchor, eol), []).append((n, body))
    known = plan_anchors(merged)
    wanted: list[Wanted] = []
    unplaced: list[Wanted] = []
    notes: list[str] = []
    for (anchor, eol), items in order.items():
        b, o, t = groups[(anchor, eol)]
        keep = {body: _count(b[body], o[body], t[body]) for body in o.keys() | t.keys()}
        place = _to_merged(anchor, merged_key, known)
        if place is None:  # the point is gone: the base's comments on it go with it
            keep = {body: n - b[body] for body, n in keep.items()}
        for n, body in items:
            if keep.get(body, 0) <= 0:
                continue
            keep[body] -= 1
            if place is not None:
                wanted.append((place, eol, body))
                continue
            unplaced.append((END, False, body))
            who = labels[n - 1]
            notes.append(
                f"comment {body[:60]!r} of {who} on {_what(anchor, plans, node_of)}: "
                "its place is gone from the merged plan; kept at the end of the file"
            )
    return tuple(wanted + unplaced), tuple(notes)


def _to_node(comment: Comment, nodes: Mapping[str, Hashable]) -> Anchor:
    anchor = comment.anchor
    if anchor[0] == "pt":
        return ("pt", nodes.get(anchor[1], ("?", anchor[1])), *anchor[2:])
    return anchor


def _to_merged(
    anchor: Anchor, merged_key: Mapping[Hashable, str], known: set[Anchor]
) -> Anchor | None:
    """The anchor's place in the merged plan (or the nearest around it), None when gone."""
    if anchor[0] == "pt":
        key = merged_key.get(anchor[1])
        if key is None:
            return None
        anchor = ("pt", key, *anchor[2:])
    return nearest(anchor, known)


def _what(anchor: Anchor, plans: Sequence[Plan], node_of: Sequence[Mapping[str, Hashable]]) -> str:
    """The place of a node anchor in words, for a note."""
    if anchor[0] == "pt":
        for nodes in node_of:
            for key, node in nodes.items():
                if node == anchor[1]:
                    return f"point {key}"
        return "a point"
    if anchor[0] == "doc":
        return f"document {anchor[1]}"
    return f"{anchor[0]!r}"
