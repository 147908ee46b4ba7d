"""What content matching knows of a point and of a pair of points.

An `Item` is a point prepared once: the words of its text and bracketed options (stemmed, read
through the synonyms table), their total weight, its title words and its topics. A `Pair` holds
the evidence on one candidate pair: how much rarity-weighted wording the two share, seen from
each side and both (Dice). `title_likeness` and `topic_likeness` compare headings and topics
(secondary evidence).
"""

from __future__ import annotations

from collections.abc import Sequence

from peaceplan.aligning.score import dice
from peaceplan.aligning.tokens import STOP_STEMS, stems, tokens
from peaceplan.model import FlatPoint

_NONE: frozenset[str] = frozenset()
LEAD_IN = 12  # a lead-in has at most this many words of its own (function words aside)
# words that do not tell one heading from another
TITLE_FILLER = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)


class Item:
    """A point prepared for content matching: its words, their weights, its title."""

    __slots__ = (
        "norm",
        "said",
        "stub",
        "title",
        "toks",
        "topics",
        "tree",
        "tset",
        "twords",
        "wsum",
    )

    def __init__(self, fp: FlatPoint):
        point = fp.point
        toks = tokens(point.text)
        if not toks and point.title:  # a heading without text is known by its title
            toks = tokens(point.title)
        self.norm = " ".join(toks)
        self.toks = stems(toks)  # content evidence is inflection-blind
        self.tset = self.tree = self.said = frozenset(self.toks)  # said: its text alone
        if point.options:  # the bracketed wordings say what the point is about too
            self.toks += stems([t for option in point.options for t in tokens(option.text)])
            self.tset = self.tree = frozenset(self.toks)
        if point.title:
            twords = tokens(point.title)
            self.title = " ".join(twords) or None
            self.twords = frozenset(stems([t for t in twords if t not in TITLE_FILLER]))
        else:
            self.title = None
            self.twords = _NONE
        self.topics = frozenset(point.topics) if point.topics else _NONE
        self.stub = False  # a lead-in known by its sub-points' words too (see `with_sub_points`)
        self.wsum = 0

    def lead_in(self) -> bool:
        """Whether the point is short enough to be a lead-in (LEAD_IN words of its own)."""
        return len(self.tset - STOP_STEMS) <= LEAD_IN

    def with_sub_points(self, kids: Sequence[Item]) -> None:
        """Know a short lead-in by its sub-points' words too (`tree`): "Territory: the
        settlement is laid down as follows", then 21.a-d say what it is about; a point with
        twice as many words in its sub-points as of its own."""
        own = len(self.tset - STOP_STEMS)
        words = set(self.tset)
        for k in kids:
            words |= k.tset
        if 2 * own < len(words - STOP_STEMS):
            self.tree = frozenset(words)
            self.stub = True


def prepare(flat: Sequence[FlatPoint], keys: list[int]) -> dict[int, Item]:
    """The points `keys` (positions in `flat`) of a version prepared for content matching."""
    return {k: Item(flat[k]) for k in keys}


def title_likeness(a: Item, b: Item, w: dict[str, int], rare: int) -> float:
    """How alike two points' titles are: rarity-weighted Dice of their title words, 0.0 unless
    both have one.

    "Humanitarian committee" and "Humanitarian committee" give 1.0, "Non-aggression pact" and
    "Non-aggression and monitoring" about 0.67 ("and" is filler); "NATO, Russia and the United
    States" and "Free trade with the United States" little, the parties' names weighing little.
    `w` are the word weights, `rare` the weight of a word no text has. Secondary evidence only:
    it never matches points on its own.
    """
    if not a.twords or not b.twords:
        return 0.0
    if a.title == b.title:
        return 1.0
    get = w.get
    inter = sum(get(t, rare) for t in a.twords & b.twords)
    if not inter:
        return 0.0
    return dice(inter, sum(get(t, rare) for t in a.twords), sum(get(t, rare) for t in b.twords))


def topic_likeness(a: Item, b: Item, w: dict[str, int]) -> float:
    """How alike two points' topics are: rarity-weighted Dice, 0.0 unless both have some."""
    if not a.topics or not b.topics:
        return 0.0
    inter = sum(w[t] for t in a.topics & b.topics)
    if not inter:
        return 0.0
    return dice(inter, sum(w[t] for t in a.topics), sum(w[t] for t in b.topics))


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
