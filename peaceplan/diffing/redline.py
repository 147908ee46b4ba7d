"""Word-level redline of two texts: equal / delete / insert segments that read naturally.

Tokens are words (with inner punctuation: "600,000", "Ukraine's", "ceasefire-line"), single
punctuation marks and whitespace runs, so joining the `equal` and `delete` segments gives the old
text exactly and joining the `equal` and `insert` segments gives the new text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from peaceplan.diffing.model import Segment
from peaceplan.seq import opcodes

# Unambiguous alternatives (a word never starts with whitespace or a lone punctuation mark) and a
# repeated group that must start with a separator: linear on any input.
_TOKEN = re.compile(r"\w+(?:[.,'’\-]\w+)*|\s+|[^\w\s]")
# What is aligned: a token with the whitespace before it (half as many items as tokens, and no
# ubiquitous " " item, so ~3x faster; " personnel" is the same unit before "." or " in").
# Edits are then trimmed back to whole tokens.
_UNIT = re.compile(r"\s*(?:\w+(?:[.,'’\-]\w+)*|[^\w\s])|\s+")

# Above this many token pairs (after trimming the common prefix and suffix) the middle is shown
# as one deletion and one insertion instead of computing a word alignment (bounded memory/time).
MAX_CELLS = 100_000_000
# Below this many token pairs difflib's longest-block matching is used (it reads best); above it
# the bit-parallel LCS of rapidfuzz (much faster on long texts).
_DIFFLIB_CELLS = 250_000


def tokenize(text: str) -> list[str]:
    """Split text into word, punctuation and whitespace tokens; "".join(tokens) == text."""
    return _TOKEN.findall(text)


def redline(old: str, new: str) -> tuple[Segment, ...]:
    """Word-level redline of `old` -> `new`; a replaced run is a delete followed by an insert."""
    if old == new:
        return (Segment("equal", old),) if old else ()
    return tuple(_segments(*_units(old, new)))


def redline_many(old: Sequence[str], new: Sequence[str]) -> tuple[Segment, ...]:
    """Redline of several texts on each side (a split or merge): the texts are joined by a space."""
    return redline(" ".join(old), " ".join(new))


def changed_words(segments: Iterable[Segment]) -> int:
    """How many words (and punctuation marks) were deleted or inserted."""
    return sum(
        sum(1 for t in _TOKEN.findall(s.text) if not t.isspace())
        for s in segments
        if s.op != "equal"
    )


def old_text(segments: Iterable[Segment]) -> str:
    """The old text a redline was made from (its equal and delete segments)."""
    return "".join(s.text for s in segments if s.op != "insert")


def new_text(segments: Iterable[Segment]) -> str:
    """The new text a redline was made from (its equal and insert segments)."""
    return "".join(s.text for s in segments if s.op != "delete")


# --- internals -------------------------------------------------------------------------------

# A unit boundary in any text: a unit never takes a non-space character and the whitespace after
# it together (words and marks hold none, and whitespace is taken only before them).
_BOUNDARY = re.compile(r"\S(?=\s)")
_LAST_BOUNDARY = re.compile(r".*\S(?=\s)", re.DOTALL)


def _units(old: str, new: str) -> tuple[list[str], list[str]]:
    """The units of both texts, their common opening and closing words each kept as one unit.

    Most edits touch a few words of a long text. The units before the last boundary within the
    characters both texts start with are the same in both, and so are those after the first
    boundary within the characters both end with (the closing taken only after the opening, as
    `_opcodes` trims them): `_opcodes` trims them as equal, so they are kept whole and only the
    text between is split into units, as the whole text would be split there (units are found
    left to right, each from a boundary on, whatever came before). The redline is the same.
    """
    a_len, b_len = len(old), len(new)
    head = _common(old, new, min(a_len, b_len), front=True)
    m = _LAST_BOUNDARY.match(old, 0, head)  # its lookahead sees the common characters only
    cut = m.end() if m else 0
    tail = _common(old, new, min(a_len, b_len) - head, front=False)
    m = _BOUNDARY.search(old, a_len - tail) if tail else None
    end_a = m.end() if m else a_len
    end_b = end_a - a_len + b_len
    a = _UNIT.findall(old, cut, end_a)
    b = _UNIT.findall(new, cut, end_b)
    if cut:
        a.insert(0, old[:cut])
        b.insert(0, old[:cut])
    if end_a < a_len:
        a.append(old[end_a:])
        b.append(old[end_a:])
    return a, b


def _common(a: str, b: str, most: int, *, front: bool) -> int:
    """How many characters (at most `most`) `a` and `b` share at their start (`front`) or end:
    a binary search on slices, compared in C."""
    lo, hi = 0, most
    a_len, b_len = len(a), len(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        same = a[:mid] == b[:mid] if front else a[a_len - mid :] == b[b_len - mid :]
        if same:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Token alignment of a and b as (tag, i1, i2, j1, j2) with tag equal/delete/insert/replace."""
    # Trim the common prefix and suffix first: cheap, and most edits touch a few words.
    lo = 0
    hi_a, hi_b = len(a), len(b)
    while lo < hi_a and lo < hi_b and a[lo] == b[lo]:
        lo += 1
    while hi_a > lo and hi_b > lo and a[hi_a - 1] == b[hi_b - 1]:
        hi_a -= 1
        hi_b -= 1
    ops: list[tuple[str, int, int, int, int]] = []
    if lo:
        ops.append(("equal", 0, lo, 0, lo))
    ma, mb = a[lo:hi_a], b[lo:hi_b]
    cells = len(ma) * len(mb)
    if not ma or not mb or cells > MAX_CELLS or set(ma).isdisjoint(mb):
        # nothing to align (the case of a third of edits: a word or phrase replaced by one with
        # no token in common, the only edit script difflib could give)
        if ma or mb:
            ops.append(("replace", lo, hi_a, lo, hi_b))
    elif cells <= _DIFFLIB_CELLS:
        for tag, i1, i2, j1, j2 in opcodes(ma, mb):
            ops.append((tag, i1 + lo, i2 + lo, j1 + lo, j2 + lo))
    else:
        from rapidfuzz.distance import Indel

        for op in Indel.opcodes(ma, mb):
            ops.append(
                (op.tag, op.src_start + lo, op.src_end + lo, op.dest_start + lo, op.dest_end + lo)
            )
    if hi_a < len(a):
        ops.append(("equal", hi_a, len(a), hi_b, len(b)))
    return ops


class _Block:
    """A maximal edit between two equal runs: the deleted and the inserted tokens."""

    __slots__ = ("dele", "ins")

    def __init__(self) -> None:
        self.dele: list[str] = []
        self.ins: list[str] = []


def _words(tokens: list[str]) -> int:
    return len(tokens) - sum(map(str.isspace, tokens))


def _weight(block: _Block) -> int:
    return max(_words(block.dele), _words(block.ins))


def _absorb(equal: list[str], left: _Block, right: _Block) -> bool:
    """Whether an equal run between two edits should become part of one bigger edit.

    Whitespace between two edits always is (no "[-a-] [-b-]" chains); a short run of common
    words inside a rewritten passage is, when both edits around it are three times its length.
    """
    n = _words(equal)
    if n == 0:
        return True
    return 3 * n <= min(_weight(left), _weight(right))


def _segments(a: list[str], b: list[str]) -> list[Segment]:
    # Items are either a list of equal tokens or a _Block; merged on a stack so that each
    # absorption is re-checked against the equal run before it (linear overall).
    items: list[list[str] | _Block] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            if items and isinstance(items[-1], list):
                items[-1].extend(a[i1:i2])
            else:
                items.append(a[i1:i2])
            continue
        if items and isinstance(items[-1], _Block):
            block = items[-1]
        else:
            block = _Block()
            items.append(block)
        block.dele.extend(a[i1:i2])
        block.ins.extend(b[j1:j2])
        # Merge back while the equal run before this block should be absorbed.
        while (
            len(items) >= 3
            and isinstance(items[-2], list)
            and isinstance(items[-3], _Block)
            and _absorb(items[-2], items[-3], items[-1])  # type: ignore[arg-type]
        ):
            right = items.pop()
            equal = items.pop()
            left = items[-1]
            assert isinstance(left, _Block) and isinstance(right, _Block)
            assert isinstance(equal, list)
            left.dele.extend(equal)
            left.dele.extend(right.dele)
            left.ins.extend(equal)
            left.ins.extend(right.ins)
    out: list[Segment] = []
    items = _trim_blocks(items)
    for item in items:
        if isinstance(item, list):
            if item:
                out.append(Segment("equal", "".join(item)))
        else:
            if item.dele:
                out.append(Segment("delete", "".join(item.dele)))
            if item.ins:
                out.append(Segment("insert", "".join(item.ins)))
    return out


def _tokens(units: list[str]) -> list[str]:
    """Split aligned units back into tokens (whitespace, then a word or mark)."""
    out: list[str] = []
    for u in units:
        core = u.lstrip()
        if len(core) < len(u):
            out.append(u[: len(u) - len(core)])
        if core:
            out.append(core)
    return out


def _trim_blocks(items: list[list[str] | _Block]) -> list[list[str] | _Block]:
    """Give tokens that open or close both sides of an edit back to the equal runs around it
    ("[-is expected -]{+will +}not" reads "[-is expected-]{+will+} not")."""
    out: list[list[str] | _Block] = []

    def equal(tokens: list[str]) -> None:
        if out and isinstance(out[-1], list):
            out[-1].extend(tokens)
        elif tokens:
            out.append(list(tokens))

    for item in items:
        if isinstance(item, list):
            equal(item)
            continue
        d, i = _tokens(item.dele), _tokens(item.ins)
        head = 0
        while head < len(d) and head < len(i) and d[head] == i[head]:
            head += 1
        tail = 0
        while tail < len(d) - head and tail < len(i) - head and d[-1 - tail] == i[-1 - tail]:
            tail += 1
        equal(d[:head])
        block = _Block()
        block.dele = d[head : len(d) - tail]
        block.ins = i[head : len(i) - tail]
        if block.dele or block.ins:
            out.append(block)
        equal(d[len(d) - tail :])
    return out
