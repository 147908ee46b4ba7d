"""What content matching knows of a point and of a pair of points.

An `Item` is a point prepared once: its stemmed words, their total weight, its title words. A
`Pair` holds the evidence on one candidate pair: how much rarity-weighted wording the two share,
seen from each side and both (Dice). `title_likeness` compares headings (secondary evidence).
"""

from __future__ import annotations

from collections.abc import Sequence

from peaceplan.align.score import dice
from peaceplan.align.tokens import stem, stems, tokens
from peaceplan.model import FlatPoint

# words that do not tell one heading from another
TITLE_FILLER = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)


class Item:
    """A point prepared for content matching: its words, their weights, its title."""

    __slots__ = ("norm", "title", "toks", "tset", "twords", "wsum")

    def __init__(self, fp: FlatPoint):
        point = fp.point
        toks = tokens(point.text)
        if not toks and point.title:  # a heading without text is known by its title
            toks = tokens(point.title)
        self.toks = stems(toks)  # content evidence is inflection-blind
        self.tset = frozenset(self.toks)
        self.norm = " ".join(toks)
        twords = tokens(point.title) if point.title else []
        self.title = " ".join(twords) or None
        self.twords = frozenset(stem(t) for t in twords if t not in TITLE_FILLER)
        self.wsum = 0


def prepare(flat: Sequence[FlatPoint], keys: list[int]) -> dict[int, Item]:
    """The points `keys` (positions in `flat`) of a version prepared for content matching."""
    return {k: Item(flat[k]) for k in keys}


def title_likeness(a: Item, b: Item) -> float:
    """How alike two points' titles are: Dice of their title words, 0.0 unless both have one.

    "Humanitarian committee" and "Humanitarian committee" give 1.0, "Non-aggression pact" and
    "Non-aggression and monitoring" 0.67 ("and" is filler). Secondary evidence only: it never
    matches points on its own.
    """
    if not a.twords or not b.twords:
        return 0.0
    if a.title == b.title:
        return 1.0
    return 2 * len(a.twords & b.twords) / (len(a.twords) + len(b.twords))


class Pair:
    """The evidence on one candidate pair (old i, new j): weighted overlap three ways."""

    __slots__ = ("base", "cont_new", "cont_old", "i", "j")

    def __init__(self, i: int, j: int, inter: int, old_w: int, new_w: int):
        """`inter` is the weight of the words in common, `old_w` and `new_w` the two totals."""
        self.i = i
        self.j = j
        self.cont_old = inter / old_w if old_w else 0.0  # share of the old wording kept
        self.cont_new = inter / new_w if new_w else 0.0  # share of the new wording from old
        self.base = dice(inter, old_w, new_w)
