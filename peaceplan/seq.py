"""Sequence helpers shared by alignment, diff and merge."""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of `values` (O(n log n)).

    Which points kept their relative order, and so did not move, in the aligner's backbone, the
    diff's move detection and the merge's order. Deterministic; among equally long runs it keeps
    the one ending with the smallest values.
    """
    tails: list[int] = []  # tails[k]: smallest last value of an increasing run of length k+1
    tail_pos: list[int] = []
    back: list[int] = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(i)
        else:
            tails[k] = v
            tail_pos[k] = i
        back[i] = tail_pos[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_pos[-1] if tail_pos else -1
    while i >= 0:
        keep.add(i)
        i = back[i]
    return keep
