"""Candidate generation: an inverted index of rare words and word pairs, so only likely pairs of
points are ever scored.

Each new point looks up its rarest terms (shortest posting lists) in an index of the old points;
posting lists longer than `cap` are skipped (a term that common says little about which point is
which), and the old points sharing the most rare-term weight become its candidates. The work per
point is bounded by `rare * cap` whatever the input, so the whole stays linear.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peaceplan.aligning.evidence import Item

RARE = 8  # rare terms looked up per point (more for long points: see `candidates`)
CHUNK = 12  # words per stretch of a long wording
PER_STRETCH = 3  # rare terms looked up per stretch
CAP = 32  # longest posting list used
TOP = 4  # candidates kept per point (and one more per two stretches)


# A term is a word (str) or a pair of adjacent words (a tuple: hashing one takes the words'
# cached hashes, where building "a b" would make and hash a new string for every pair).
Term = str | tuple[str, str]


def terms(toks: Sequence[str]) -> set[Term]:
    """Index terms of a wording: its distinct words and word pairs (pairs are far rarer)."""
    return {*toks, *itertools.pairwise(toks)}


class RareWordIndex:
    """Postings (term -> point numbers, ascending) over the points of one version; only terms
    rare enough to be used (at most `cap` points) are kept."""

    def __init__(self, docs: Iterable[tuple[int, Iterable[Term]]], cap: int = CAP):
        postings: dict[Term, list[int]] = {}
        n = 0
        top = 0
        for number, doc_terms in docs:
            n += 1
            top = max(top, number)
            for t in doc_terms:
                p = postings.get(t)
                if p is None:
                    postings[t] = [number]
                else:
                    p.append(number)
        self.postings = {t: p for t, p in postings.items() if len(p) <= cap}
        self.cap = cap
        # Scores are packed with the point number into one integer, score * span - number, so
        # that plain integer order is (score descending, number ascending).
        self._span = top + 1
        # integer rarity weight by posting length (exact sums: no dependence on visiting order)
        self._weight = [0] + [
            (round(1000 * math.log((n + 1) / k)) + 1) * self._span for k in range(1, cap + 1)
        ]

    def candidates(self, toks: Sequence[str]) -> list[int]:
        """Indexed points sharing the most rare-term weight with a wording, best first.

        The wording is read in stretches of CHUNK words (with the word pairs starting in them),
        so a long text (a merger of several points) looks up rare terms from each stretch, not
        only from the rarest one: RARE in all for a short text and PER_STRETCH per stretch for a
        long one, which keeps proportionally more candidates. Equally rare terms go in text
        order and ties by point number, so the result never depends on hashing order.
        """
        get = self.postings.get
        weight = self._weight
        span = self._span
        words = list(map(get, toks))  # a posting list, or None for a term not usable
        pair_posts = list(map(get, itertools.pairwise(toks)))
        n = -(-max(len(toks), 1) // CHUNK)  # stretches
        per = max(PER_STRETCH, -(-RARE // n))
        acc: dict[int, int] = {}
        acc_get = acc.get
        for start in range(0, n * CHUNK, CHUNK):
            end = start + CHUNK
            found = filter(None, itertools.chain(words[start:end], pair_posts[start:end]))
            # distinct terms have distinct posting lists: this drops a term repeated in a stretch
            usable = list({id(p): p for p in found}.values())
            usable.sort(key=len)  # stable: equally rare terms keep their order in the text
            for p in usable[:per]:
                w = weight[len(p)]
                for i in p:
                    acc[i] = acc_get(i, -i) + w
        top = TOP + n // 2
        return [-v % span for v in sorted(acc.values(), reverse=True)[:top]]


def lookup(
    index: RareWordIndex,
    olds: dict[int, Item],
    news: dict[int, Item],
    weights: dict[str, int],
    limit: int,
    keys: Sequence[int],
) -> tuple[list[tuple[int, int]], list[int]]:
    """The candidate pairs (old, new) of the new points `keys`, in order, and the word weight
    each pair shares; at most `limit` of them (the aligner's budget bounds the work)."""
    wget = weights.__getitem__
    found: list[tuple[int, int]] = []
    inters: list[int] = []
    for j in keys:
        n = news[j]
        for i in index.candidates(n.toks):
            if len(found) == limit:
                return found, inters
            found.append((i, j))
            inters.append(sum(map(wget, olds[i].tset & n.tset)))
    return found, inters
