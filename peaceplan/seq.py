"""Sequence helpers shared by alignment, diff and merge."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Hashable, Sequence

Opcode = tuple[str, int, int, int, int]


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """difflib's edit script of `a` -> `b` as (tag, i1, i2, j1, j2), tags equal / delete /
    insert / replace: longest common runs first, which reads better than a minimal edit.

    No junk heuristic (an item common in a long sequence is not ignored). The word-level redline
    and the three-way text merge both use it.
    """
    found: list[Opcode] = _sequence_matcher()(None, a, b, autojunk=False).get_opcodes()
    return found


def _sequence_matcher() -> type:
    """difflib's SequenceMatcher, compiled by cydifflib (the `fast` extra, from the rapidfuzz
    authors: the same results, ~3x faster) where it is installed; imported on first use."""
    from peaceplan.speedups import optional

    fast = optional("cydifflib")
    if fast is not None:
        return fast.SequenceMatcher  # type: ignore[no-any-return]
    return _difflib_matcher()


@functools.cache
def _difflib_matcher() -> type:
    """The standard library's SequenceMatcher (the default install's)."""
    from difflib import SequenceMatcher

    return SequenceMatcher


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
