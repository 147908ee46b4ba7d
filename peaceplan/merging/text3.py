"""Three-way merge of wordings, token by token (diff3): edits that do not overlap combine.

Text is cut into words, figures, punctuation marks and runs of white space, so that joining the
tokens gives the text back exactly. Each side's edits against the base are found with difflib's
algorithm (peaceplan.seq.opcodes); edits of the two sides that overlap, or touch, are a
conflict unless they are identical.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs

from peaceplan.seq import opcodes

T = TypeVar("T")

_TOKEN_RE = re.compile(r"\s+|\d+(?:[.,]\d+)*|\w+(?:['’-]\w+)*|[^\w\s]")


def tokenize(text: str) -> list[str]:
    """Words, figures ("600,000" is one token), single punctuation marks and white-space runs."""
    return _TOKEN_RE.findall(text)


@attrs.frozen
class Hunk:
    """One side's edit: base[start:end] becomes `new`."""

    start: int
    end: int
    new: tuple[Any, ...]


@attrs.frozen
class Chunk:
    """A piece of a merge: agreed tokens (`conflict` False, in `ours`) or a conflict."""

    base: tuple[Any, ...]
    ours: tuple[Any, ...]
    theirs: tuple[Any, ...]
    conflict: bool = False


def hunks(base: Sequence[T], side: Sequence[T]) -> list[Hunk]:
    """The edits turning `base` into `side`, neighbours joined across white space only."""
    out: list[Hunk] = []
    last: tuple[int, int, int, int] | None = None  # i1, i2, j1, j2 of the hunk being built
    for tag, i1, i2, j1, j2 in opcodes(base, side):
        if tag == "equal":
            continue
        if last is not None and _blank(base[last[1] : i1]):
            last = (last[0], i2, last[2], j2)
            continue
        if last is not None:
            out.append(Hunk(last[0], last[1], tuple(side[last[2] : last[3]])))
        last = (i1, i2, j1, j2)
    if last is not None:
        out.append(Hunk(last[0], last[1], tuple(side[last[2] : last[3]])))
    return out


def _blank(tokens: Sequence[object]) -> bool:
    return all(isinstance(t, str) and not t.strip() for t in tokens)


def merge3(base: Sequence[T], ours: Sequence[T], theirs: Sequence[T]) -> list[Chunk]:
    """diff3 of three token sequences: agreed chunks and conflicting ones, in order."""
    if list(ours) == list(theirs) or list(theirs) == list(base):
        return [Chunk(tuple(base), tuple(ours), tuple(ours))]
    if list(ours) == list(base):
        return [Chunk(tuple(base), tuple(theirs), tuple(theirs))]
    mine, yours = hunks(base, ours), hunks(base, theirs)
    chunks: list[Chunk] = []
    pos = 0
    i = j = 0
    while i < len(mine) or j < len(yours):
        # Start a cluster with the earliest hunk, then pull in every hunk that overlaps or touches.
        if j >= len(yours) or (i < len(mine) and mine[i].start <= yours[j].start):
            group_o, group_t = [mine[i]], []
            lo, hi = mine[i].start, mine[i].end
            i += 1
        else:
            group_o, group_t = [], [yours[j]]
            lo, hi = yours[j].start, yours[j].end
            j += 1
        grew = True
        while grew:
            grew = False
            if i < len(mine) and mine[i].start <= hi and (group_t or mine[i].start < hi):
                hi = max(hi, mine[i].end)
                group_o.append(mine[i])
                i += 1
                grew = True
            if j < len(yours) and yours[j].start <= hi and (group_o or yours[j].start < hi):
                hi = max(hi, yours[j].end)
                group_t.append(yours[j])
                j += 1
                grew = True
        if pos < lo:
            same = tuple(base[pos:lo])
            chunks.append(Chunk(same, same, same))
        old = tuple(base[lo:hi])
        o = _apply(base, lo, hi, group_o)
        t = _apply(base, lo, hi, group_t)
        if not group_t:
            chunks.append(Chunk(old, o, o))
        elif not group_o or o == t:
            chunks.append(Chunk(old, t, t))
        else:
            chunks.append(Chunk(old, o, t, conflict=True))
        pos = hi
    if pos < len(base):
        same = tuple(base[pos:])
        chunks.append(Chunk(same, same, same))
    return chunks


def _apply(base: Sequence[T], lo: int, hi: int, edits: list[Hunk]) -> tuple[Any, ...]:
    out: list[Any] = []
    pos = lo
    for h in edits:
        out.extend(base[pos : h.start])
        out.extend(h.new)
        pos = h.end
    out.extend(base[pos:hi])
    return tuple(out)


@attrs.frozen
class TextMerge:
    """A merged wording: `text` when clean; else `ours`/`theirs` with every agreed edit applied."""

    ours: str
    theirs: str
    conflict: bool

    @property
    def text(self) -> str | None:
        """The merged wording, or None when the two sides' edits overlap."""
        return None if self.conflict else self.ours


def merge_text(base: str, ours: str, theirs: str) -> TextMerge:
    """Three-way merge of one wording, word by word."""
    if ours == theirs or theirs == base:
        return TextMerge(ours, ours, False)
    if ours == base:
        return TextMerge(theirs, theirs, False)
    chunks = merge3(tokenize(base), tokenize(ours), tokenize(theirs))
    conflict = any(c.conflict for c in chunks)
    return TextMerge(
        "".join(t for c in chunks for t in c.ours),
        "".join(t for c in chunks for t in c.theirs),
        conflict,
    )
