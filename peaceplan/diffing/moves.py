"""Moves and renumbering: which matched points really moved, and runs of points merely renumbered.

A move is the point that moved, not the ones it jumped over: among the matched points of one
sibling level, the longest run that kept its relative order (longest increasing subsequence of
old positions taken in new order) stayed; every other point moved. A point that changed parent
moved too. Renumbering is separate: the printed number changed, which insertions and deletions
before a point cause without moving it.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence

import attrs

from peaceplan.aligning.model import Alignment
from peaceplan.diffing.model import RenumberRun
from peaceplan.seq import longest_increasing

_NUMBERED = re.compile(r"(.*?)(\d+)(\D*)", re.DOTALL)


def find_moves(alignment: Alignment) -> tuple[bool, ...]:
    """For each match of the alignment, whether its points moved (parallel to `matches`)."""
    old, new = alignment.old, alignment.new
    match_of_old: dict[str, int] = {}
    for m, match in enumerate(alignment.matches):
        for key in match.old:
            match_of_old[key] = m
    moved = [False] * len(alignment.matches)
    levels: dict[Hashable, list[tuple[int, int, int]]] = {}  # level -> [(new pos, old pos, m)]
    for m, match in enumerate(alignment.matches):
        if not match.old or not match.new:
            continue
        o, n = old.locate(match.old[0]), new.locate(match.new[0])
        if o is None or n is None:
            continue
        # Same level when both are top-level, or the old parent's match holds the new parent.
        if o.parent is None or n.parent is None:
            same = o.parent is None and n.parent is None
        else:
            pm = match_of_old.get(o.parent)
            same = pm is not None and n.parent in alignment.matches[pm].new
        if not same:
            moved[m] = True
            continue
        levels.setdefault(n.parent, []).append((n.index, o.index, m))
    for items in levels.values():
        items.sort()
        keep = longest_increasing([old_pos for _, old_pos, _ in items])
        for pos, (_, _, m) in enumerate(items):
            if pos not in keep:
                moved[m] = True
    return tuple(moved)


def renumbered(old_number: str | None, new_number: str | None) -> bool:
    """Whether a point's printed number changed (its own label: "a" under 6 and 5 is the same)."""
    return old_number != new_number


@attrs.frozen
class Renumbering:
    """One renumbered point as `renumber_runs` needs it (full numbers, as printed in context)."""

    level: Hashable  # points in different levels never share a run
    old_key: str
    new_key: str
    old_number: str
    new_number: str


def renumber_runs(points: Sequence[Renumbering], min_count: int = 2) -> tuple[RenumberRun, ...]:
    """Collapse consecutive points shifted by the same offset into runs ("3-28 renumbered +1").

    `points` are renumbered, unmoved points in new reading order. Numbers must end in an integer
    with the same prefix and suffix on both sides ("3" -> "4", "6.2" -> "6.3"); consecutive means
    the old numbers follow each other. Runs shorter than `min_count` are left out.
    """
    runs: list[list[tuple[Renumbering, int, tuple[Hashable, ...]]]] = []
    for p in points:
        mo, mn = _NUMBERED.fullmatch(p.old_number), _NUMBERED.fullmatch(p.new_number)
        if not mo or not mn or (mo[1], mo[3]) != (mn[1], mn[3]):
            continue
        old_n, offset = int(mo[2]), int(mn[2]) - int(mo[2])
        if offset == 0:
            continue
        group = (p.level, mo[1], mo[3], offset)
        if runs:
            last, last_n, last_group = runs[-1][-1]
            if last_group == group and old_n == last_n + 1:
                runs[-1].append((p, old_n, group))
                continue
        runs.append([(p, old_n, group)])
    out = []
    for run in runs:
        if len(run) < min_count:
            continue
        first, last = run[0][0], run[-1][0]
        out.append(
            RenumberRun(
                old_first=first.old_number,
                old_last=last.old_number,
                new_first=first.new_number,
                new_last=last.new_number,
                offset=run[0][2][3],  # type: ignore[arg-type]
                count=len(run),
                old_keys=tuple(r[0].old_key for r in run),
                new_keys=tuple(r[0].new_key for r in run),
            )
        )
    return tuple(out)
