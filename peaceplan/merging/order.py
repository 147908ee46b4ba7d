"""Three-way merge of an order: the base order, with each side's insertions and moves placed by
their neighbours in that side.

A side *moves* the items of the base that fall outside the longest run it keeps in base order
(a longest increasing subsequence); everything else keeps its base place. Items are placed after
the item that precedes them in their side; ours first, then theirs after ours' insertions.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

from peaceplan.seq import longest_increasing

K = TypeVar("K", bound=Hashable)


def kept_in_order(base: Sequence[K], side: Sequence[K]) -> set[K]:
    """The items of `side` in the base that keep their relative base order (a longest such run)."""
    where = {k: i for i, k in enumerate(base)}
    seq = [(where[k], k) for k in side if k in where]
    return {seq[n][1] for n in longest_increasing([pos for pos, _ in seq])}


class _Chain:
    """A doubly linked list of hashable items with O(1) insertion after any item."""

    HEAD = object()

    def __init__(self, items: Iterable[Hashable]):
        self.next: dict[object, object] = {}
        prev = self.HEAD
        for item in items:
            self.next[prev] = item
            prev = item
        self.next[prev] = None

    def __contains__(self, item: object) -> bool:
        return item in self.next and item is not self.HEAD

    def insert_after(self, anchor: object, item: object) -> None:
        self.next[item] = self.next[anchor]
        self.next[anchor] = item

    def items(self) -> list[object]:
        out = []
        item = self.next[self.HEAD]
        while item is not None:
            out.append(item)
            item = self.next[item]
        return out


def merge_order(
    base: Sequence[K], ours: Sequence[K], theirs: Sequence[K], keep: Callable[[K], bool]
) -> list[K]:
    """The merged order of the items of the three sequences for which `keep` is true."""
    in_base = set(base)
    moves = [set(s) - kept_in_order(base, s) for s in (ours, theirs)]
    places = [moves[n] | {k for k in s if k not in in_base} for n, s in enumerate((ours, theirs))]
    chain = _Chain(k for k in base if k not in moves[0] and k not in moves[1])
    placed_by_ours: set[object] = set()
    for n, side in enumerate((ours, theirs)):
        anchor: object = _Chain.HEAD
        for k in side:
            if k in chain:
                anchor = k
                continue
            if k not in places[n]:
                continue  # moved by the other side: placed there
            at = anchor
            if n == 1:  # theirs goes after ours' insertions at the same place
                while chain.next[at] is not None and chain.next[at] in placed_by_ours:
                    at = chain.next[at]
            else:
                placed_by_ours.add(k)
            chain.insert_after(at, k)
            anchor = k
    return [k for k in chain.items() if keep(k)]  # type: ignore[misc,arg-type]


def place_orphans(
    order: list[K], orphans: Sequence[K], anchors: Callable[[K], Iterable[K]]
) -> list[K]:
    """Insert `orphans` after the first of their anchors found in `order` (else at the end)."""
    if not orphans:
        return order
    chain = _Chain(order)
    last_after: dict[object, object] = {}
    tail = order[-1] if order else _Chain.HEAD
    for k in orphans:
        anchor = next((a for a in anchors(k) if a in chain), None)
        if anchor is None:
            chain.insert_after(tail, k)
            tail = k
            continue
        at = last_after.get(anchor, anchor)
        chain.insert_after(at, k)
        last_after[anchor] = k
        if at == tail:
            tail = k
    return chain.items()  # type: ignore[return-value]
