"""Numbers of merged sibling lists: kept as merged unless they collide or run out of order.

When both sides insert points, the numbers they gave them can collide with each other's or
come out of order; such a list is renumbered in its own style (1, 2, 3 / a, b, c / 10.a, 10.b).
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Sequence

from peaceplan.model import Point, full_number

_DIGITS = re.compile(r"\d+\Z")
_LETTER = re.compile(r"[a-z]\Z|[A-Z]\Z")


def _last(number: str, parent: str | None) -> tuple[str, str]:
    """(prefix, last part): "10.a" under "10" is ("10.", "a"); "6" is ("", "6")."""
    if parent and number.startswith(parent + "."):
        return parent + ".", number[len(parent) + 1 :]
    return "", number


def _value(part: str) -> int | None:
    if _DIGITS.match(part):
        return int(part)
    if _LETTER.match(part):
        return ord(part.lower()) - ord("a")
    return None


def in_order(numbers: Sequence[str | None], parent: str | None = None) -> bool:
    """True when the numbered items run strictly upward (items of unknown style count as fine)."""
    values = []
    for n in numbers:
        if n is None:
            continue
        v = _value(_last(n, parent)[1])
        if v is None:
            return True
        values.append(v)
    return all(a < b for a, b in itertools.pairwise(values))


def plan_in_order(points: Sequence[Point], parent: str | None = None) -> bool:
    """True when every sibling list of a point tree is numbered in order."""
    if not in_order([p.number for p in points], parent):
        return False
    return all(plan_in_order(p.points, full_number(parent, p.number)) for p in points)


def _letters(i: int, upper: bool) -> str:
    letters = string.ascii_uppercase if upper else string.ascii_lowercase
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = letters[r] + out
    return out


def renumber(
    numbers: Sequence[str | None], parent: str | None, *, order_matters: bool = True
) -> tuple[list[str | None], bool]:
    """The numbers for a merged sibling list, and whether they had to change."""
    present = [n for n in numbers if n is not None]
    full = [full_number(parent, n) for n in present]
    dupes = len(set(full)) != len(full)
    if not dupes and (not order_matters or in_order(present, parent)):
        return list(numbers), False
    parts = [_last(n, parent) for n in present]
    prefixes = {p for p, _ in parts}
    values = [_value(x) for _, x in parts]
    if len(prefixes) == 1 and None not in values:
        prefix = prefixes.pop()
        digits = all(_DIGITS.match(x) for _, x in parts)
        letters = all(_LETTER.match(x) for _, x in parts)
        if digits or letters:
            start = min(v for v in values if v is not None)
            upper = letters and all(x.isupper() for _, x in parts)
            fresh = iter(
                prefix + (str(start + i) if digits else _letters(start + i, upper))
                for i in range(len(present))
            )
            return [next(fresh) if n is not None else None for n in numbers], True
    # An unknown style: keep the numbers, only make repeats unique.
    seen: set[str | None] = set()
    out: list[str | None] = []
    for n in numbers:
        if n is None:
            out.append(n)
            continue
        m, k = n, 2
        while full_number(parent, m) in seen:
            m, k = f"{n}-{k}", k + 1
        seen.add(full_number(parent, m))
        out.append(m)
    return out, True
