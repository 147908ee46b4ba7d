"""What changed in the figures between two texts: the figures of each (peaceplan.diffing.numbers
reads them) compared by value and unit, and a change's old and new figures paired so a reader
sees at once which numbers moved. Dates and clock times are compared too, and listed apart.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import Any

import attrs

from peaceplan.diffing.model import Figure, Segment
from peaceplan.diffing.numbers import Found, edits_near_figures, extract, measure_of
from peaceplan.model import Option


@attrs.frozen
class Compared:
    """What differs between two texts: the figures, and apart from them the dates and times."""

    figures: tuple[Figure, ...] = ()
    dates: tuple[Figure, ...] = ()


NOTHING = Compared()


def compare(old: str, new: str) -> Compared:
    """The figures and, apart, the dates that differ between two texts, paired by unit or noun
    where possible; the same value written differently ("600,000", "600 000") is no change."""
    if old == new:
        return NOTHING
    return _compare(extract(old), extract(new))


def pair_figures(old: str, new: str) -> tuple[Figure, ...]:
    """The figures (dates left out) that differ between two texts (see `compare`)."""
    return compare(old, new).figures


def compare_redline(segments: Sequence[Segment]) -> Compared:
    """What `compare` finds between the two sides of a redline.

    A figure can only change where the redline changes something within reach of a digit or a
    spelled-out number, so texts edited far from any number skip figure extraction altogether.
    """
    if not edits_near_figures(segments):
        return NOTHING
    old = "".join(x.text for x in segments if x.op != "insert")
    new = "".join(x.text for x in segments if x.op != "delete")
    return _compare(extract(old), extract(new))


def redline_figures(segments: Sequence[Segment]) -> tuple[Figure, ...]:
    """The figures (dates left out) that differ between the two sides of a redline."""
    return compare_redline(segments).figures


def compare_options(old: Sequence[Option], new: Sequence[Option]) -> Compared:
    """The figures and dates that differ between two lists of bracketed options, option by
    option of the same party (`by`); each figure is attributed to that party."""
    if tuple(old) == tuple(new):
        return NOTHING
    olds: dict[str, list[str]] = {}
    news: dict[str, list[str]] = {}
    for options, texts in ((old, olds), (new, news)):
        for o in options:
            texts.setdefault(o.by, []).append(o.text)
    figures: list[Figure] = []
    dates: list[Figure] = []
    for by in dict.fromkeys([*olds, *news]):
        found = compare(" ".join(olds.get(by, ())), " ".join(news.get(by, ())))
        figures.extend(attrs.evolve(f, by=by) for f in found.figures)
        dates.extend(attrs.evolve(f, by=by) for f in found.dates)
    return Compared(tuple(figures), tuple(dates))


def _compare(old: Sequence[Found], new: Sequence[Found]) -> Compared:
    old_dates = [f for f in old if f.is_date]
    new_dates = [f for f in new if f.is_date]
    if len(old_dates) == len(old) and len(new_dates) == len(new):
        return Compared((), pair(old, new))
    if not old_dates and not new_dates:
        return Compared(pair(old, new), ())
    return Compared(
        pair([f for f in old if not f.is_date], [f for f in new if not f.is_date]),
        pair(old_dates, new_dates),
    )


def pair(old: Sequence[Found], new: Sequence[Found]) -> tuple[Figure, ...]:
    """Pair figures: unchanged ones dropped, changed ones matched by their unit or noun.

    A bare number may pair with a counted one ("600,000" -> "800,000 personnel"), and a unit
    with another of the same measure ("30 days" -> "30 weeks"); the others become removed
    (`Figure(old, None)`) or added (`Figure(None, new)`).
    """
    figures = [
        Figure(old[i].text if i is not None else None, new[j].text if j is not None else None)
        for i, j in match(old, new)
        if i is None or j is None or old[i].canon != new[j].canon
    ]
    return tuple(figures)


def match(old: Sequence[Found], new: Sequence[Found]) -> list[tuple[int | None, int | None]]:
    """Which figure of `new` each figure of `old` became, as (old index, new index) pairs in the
    order `pair` reports them: the same value first, then the same unit or noun, the same measure,
    a bare number and a counted one; then (i, None) for the dropped, (None, j) for the new."""
    if not old or not new:  # an added or removed text: every figure new, or every one dropped
        return [(i, None) for i in range(len(old))] + [(None, j) for j in range(len(new))]
    if len(old) == len(new) and all(a.canon == b.canon for a, b in zip(old, new)):
        return [(i, i) for i in range(len(old))]  # the same figures in the same order
    used = [False] * len(new)
    # Each lookup takes the first unused new figure of a queue: linear in the number of figures.
    by_canon: dict[tuple[Any, ...], deque[int]] = {}
    by_key: dict[tuple[str, str], deque[int]] = {}
    by_measure: dict[str, deque[int]] = {}
    quantities: deque[int] = deque()
    bare: deque[int] = deque()
    for n, f in enumerate(new):
        by_canon.setdefault(f.canon, deque()).append(n)
        by_key.setdefault((f.kind, f.key), deque()).append(n)
        if f.kind == "quantity":
            quantities.append(n)
            if not f.key:
                bare.append(n)
        if (measure := measure_of(f)) is not None:
            by_measure.setdefault(measure, deque()).append(n)

    def take(queue: deque[int] | None) -> int | None:
        while queue:
            j = queue.popleft()
            if not used[j]:
                used[j] = True
                return j
        return None

    same: dict[int, int] = {}
    j: int | None
    for i, f in enumerate(old):
        j = take(by_canon.get(f.canon))
        if j is not None:
            same[i] = j
    old_left = [i for i in range(len(old)) if i not in same]
    partner: dict[int, int] = {}
    for i in old_left:  # same unit or noun
        j = take(by_key.get((old[i].kind, old[i].key)))
        if j is not None:
            partner[i] = j
    for i in old_left:  # another unit of the same measure: days and weeks, $ and €
        if i not in partner and (measure := measure_of(old[i])) is not None:
            j = take(by_measure.get(measure))
            if j is not None:
                partner[i] = j
    for i in old_left:  # a bare number and a counted one
        f = old[i]
        if i not in partner and f.kind == "quantity":
            j = take(quantities if not f.key else bare)
            if j is not None:
                partner[i] = j
    pairs: list[tuple[int | None, int | None]] = [(i, j) for i, j in same.items()]
    pairs.extend((i, partner.get(i)) for i in old_left)
    pairs.extend((None, j) for j in range(len(new)) if not used[j])
    return pairs
