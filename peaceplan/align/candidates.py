"""Candidate generation: an inverted index of rare words and word pairs, so only likely pairs of
points are ever scored.

Each new point looks up its rarest terms (shortest posting lists) in an index of the old points;
posting lists longer than `cap` are skipped (a term that common says little about which point is
which), and the old points sharing the most rare-term weight become its candidates. The work per
point is bounded by `rare * cap` whatever the input, so the whole stays linear.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Sequence

RARE = 8  # rare terms looked up per point (more for long points: see `candidates`)
CHUNK = 12  # words per stretch of a long wording
PER_STRETCH = 3  # rare terms looked up per stretch
CAP = 32  # longest posting list used
TOP = 4  # candidates kept per point (and one more per two stretches)


def terms(toks: Sequence[str]) -> tuple[str, ...]:
    """Index terms of a wording: its distinct words and word pairs (pairs are far rarer)."""
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(toks)]
    return tuple(dict.fromkeys([*toks, *pairs]))


def query_terms(toks: Sequence[str]) -> list[tuple[str, ...]]:
    """The terms of a wording in stretches of CHUNK words, so a long text (a merger of several
    points) looks up rare terms from each of its stretches, not only from the rarest one."""
    out = []
    for start in range(0, max(len(toks), 1), CHUNK):
        stretch = toks[start : start + CHUNK + 1]
        pairs = [f"{a} {b}" for a, b in itertools.pairwise(stretch)]
        out.append(tuple(dict.fromkeys([*stretch[:CHUNK], *pairs])))
    return out


class RareWordIndex:
    """Postings (term -> point numbers, ascending) over the points of one version."""

    def __init__(self, docs: Iterable[tuple[int, Sequence[str]]], cap: int = CAP):
        postings: dict[str, list[int]] = {}
        n = 0
        for number, doc_terms in docs:
            n += 1
            for t in doc_terms:
                p = postings.get(t)
                if p is None:
                    postings[t] = [number]
                else:
                    p.append(number)
        self.postings = postings
        self.cap = cap
        # integer rarity weight by posting length (exact sums: no dependence on visiting order)
        self._weight = [0] + [round(1000 * math.log((n + 1) / k)) + 1 for k in range(1, cap + 1)]

    def candidates(self, stretches: Sequence[Sequence[str]]) -> list[int]:
        """Indexed points sharing the most rare-term weight with a wording, best first.

        `stretches` are its terms by stretch (see `query_terms`): each stretch looks up its
        rarest usable terms, RARE in all for a short text and PER_STRETCH per stretch for a long
        one, which keeps proportionally more candidates. Ties go by point number, so the result
        never depends on hashing order.
        """
        postings = self.postings
        cap = self.cap
        weight = self._weight
        n = len(stretches)
        per = max(PER_STRETCH, -(-RARE // n))
        acc: dict[int, int] = {}
        for stretch in stretches:
            usable = [p for t in stretch if (p := postings.get(t)) is not None and len(p) <= cap]
            usable.sort(key=len)  # stable: equally rare terms keep their order in the text
            for p in usable[:per]:
                w = weight[len(p)]
                for i in p:
                    acc[i] = acc.get(i, 0) + w
        top = TOP + n // 2
        if len(acc) <= top:
            return sorted(acc, key=lambda i: (-acc[i], i))
        return [i for _, i in heapq.nsmallest(top, [(-s, i) for i, s in acc.items()])]
