"""Where a point belongs: the chain of matches in the same order in both versions, and the tree.

The backbone is the longest chain of one-to-one matches that keeps reading order on both sides;
an unmatched old point is expected in the new version between the counterparts of its chain
neighbours. `parents` and `children` give the tree of a flattened version by position.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from peaceplan.model import FlatPoint
from peaceplan.seq import longest_increasing


class Backbone:
    """The longest chain of matches in the same order in both versions: where a point belongs."""

    def __init__(self, pairs: list[tuple[int, int]], n_new: int):
        pairs = sorted(pairs)
        keep = longest_increasing([j for _, j in pairs])
        chain = [pairs[k] for k in sorted(keep)]
        self.olds = [i for i, _ in chain]
        self.news = [j for _, j in chain]
        self.n_new = n_new

    def interval(self, i: int) -> tuple[int, int]:
        """Open interval of new positions between the chain neighbours of old position i."""
        k = bisect.bisect_left(self.olds, i)
        if k < len(self.olds) and self.olds[k] == i:
            j = self.news[k]
            return j - 1, j + 1
        lo = self.news[k - 1] if k else -1
        hi = self.news[k] if k < len(self.news) else self.n_new
        return lo, hi

    def placed(self, i: int, j: int) -> bool:
        """Whether new position j lies where old position i is expected."""
        lo, hi = self.interval(i)
        return lo < j < hi

    def distance(self, i: int, j: int) -> int:
        """How far new position j lies outside the expected interval of old position i."""
        lo, hi = self.interval(i)
        if lo < j < hi:
            return 0
        return lo - j + 1 if j <= lo else j - hi + 1


def parents(flat: Sequence[FlatPoint]) -> list[int | None]:
    """The position of each point's parent in `flat` (None for a top-level point)."""
    index = {fp.key: fp.index for fp in flat}
    return [index[fp.parent] if fp.parent is not None else None for fp in flat]


def children(parent_of: list[int | None]) -> dict[int, list[int]]:
    """The positions of each parent's sub-points, in order (from `parents`)."""
    kids: dict[int, list[int]] = {}
    for k, p in enumerate(parent_of):
        if p is not None:
            kids.setdefault(p, []).append(k)
    return kids
