"""Which pieces together make up a whole: the test behind splits, merges and attached pieces."""

from __future__ import annotations

from collections.abc import Sequence

from peaceplan.aligning.evidence import Item
from peaceplan.aligning.score import dice, weight

# A part is taken when this share of its own weight is wording of the whole no other part covers,
NOVEL = 0.3
SHARE = 0.05  # that wording is at least this share of the whole,
GAIN = 0.01  # and it brings the group's Dice with the whole up by at least this much.


def cover(
    w: dict[str, int],
    whole: Item,
    parts: list[tuple[float, int, Item]],
    taken: Sequence[Item] = (),
) -> tuple[list[int], float]:
    """Which `parts` (containment, number, item) together make up `whole`, and how well.

    Parts are tried most-contained first; one is taken when a good share of it (NOVEL) is
    wording of the whole that no part taken before covers, that wording is a fair share of
    the whole (SHARE), and the union gets closer to the whole. So a look-alike repeating
    what another part already says is left out, however much it resembles the whole.
    `w` are the word weights, `taken` parts already in the group. Returns (numbers chosen,
    weighted Dice).
    """
    union: set[str] = set()
    for m in taken:
        union |= m.tset
    union_w = weight(union, w)
    inter = weight(union & whole.tset, w)
    best = dice(inter, whole.wsum, union_w)
    chosen: list[tuple[int, Item]] = []
    for _, k, part in sorted(parts, key=lambda p: (-p[0], p[1])):
        extra = part.tset - union
        add_inter = weight(extra & whole.tset, w)
        if add_inter < NOVEL * part.wsum or add_inter < SHARE * whole.wsum:
            continue
        add_w = weight(extra, w)
        d = dice(inter + add_inter, whole.wsum, union_w + add_w)
        if d - best < GAIN:
            continue
        chosen.append((k, part))
        union |= extra
        union_w += add_w
        inter += add_inter
        best = d
    if len(chosen) > 1 and not taken:
        chosen = _prune(w, whole, chosen)
        union = set().union(*(part.tset for _, part in chosen))
        best = dice(weight(union & whole.tset, w), whole.wsum, weight(union, w))
    return [k for k, _ in chosen], best


def _prune(
    w: dict[str, int], whole: Item, chosen: list[tuple[int, Item]]
) -> list[tuple[int, Item]]:
    """Drop parts whose wording of the whole the other parts already cover (a short point
    that only repeats a sentence of a longer one is not a part of it)."""
    while len(chosen) > 1:
        worst = None
        for k, part in chosen:
            others: set[str] = set()
            for kk, pp in chosen:
                if kk != k:
                    others |= pp.tset
            own = weight((part.tset & whole.tset) - others, w) / (part.wsum or 1)
            if own < NOVEL and (worst is None or own < worst[0]):
                worst = (own, k)
        if worst is None:
            break
        chosen = [(k, part) for k, part in chosen if k != worst[1]]
    return chosen
