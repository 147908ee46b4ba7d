"""Scoring wording: rarity-weighted word overlap for decisions, a plain similarity to report.

Decisions weigh each word by its rarity among the points being aligned (inverse document
frequency), so boilerplate ("the parties agree that") counts for little and what tells points
apart (parties, places, bodies, figures) for much. Weights are integers, so sums are exact and
never depend on the order words are visited in (hash order varies between runs).

The score reported on a match does not depend on the other points: it is rapidfuzz's normalised
Indel similarity of the two normalised wordings.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable

from rapidfuzz import fuzz

CELLS = 2_500_000_000  # longest x longest wording scored character by character (~40 ms)
FLOOR = 100  # every word weighs a little, even one found in every point
SCALE = 1000  # weight units per nat of inverse document frequency


def idf_weights(*sides: Iterable[Collection[str]]) -> dict[str, int]:
    """Integer weight of each token: FLOOR + SCALE * log((N + 1) / (df + 0.5)).

    Each side is the token sets of one version's points; df is a token's document frequency in
    the side where it is most frequent and N the larger side's size, so a word a point keeps
    across versions is not counted twice (which in a small plan would make every kept word
    weigh less than every changed one).
    """
    df: Counter[str] = Counter()
    n = 0
    for token_sets in sides:
        side: Counter[str] = Counter()
        k = 0
        for toks in token_sets:
            side.update(toks)
            k += 1
        df |= side  # the larger count of the two
        n = max(n, k)
    top = math.log(n + 1)
    return {t: FLOOR + max(0, round(SCALE * (top - math.log(c + 0.5)))) for t, c in df.items()}


def weight(tokens: Iterable[str], weights: dict[str, int]) -> int:
    """Total weight of distinct tokens."""
    return sum(map(weights.__getitem__, tokens))


def dice(inter: int, a: int, b: int) -> float:
    """Dice coefficient from the weight in common and the two totals."""
    return 2 * inter / (a + b) if a + b else 0.0


def similarity(a: str, b: str) -> float:
    """How alike two normalised wordings are, in [0, 1] (1.0: the same words in the same order).

    rapidfuzz's normalised Indel similarity on characters: rewording, reordering, insertions
    and deletions each lower it; rounded to 4 places. Wordings too long to compare character
    by character (len(a) * len(b) > CELLS) get the Dice coefficient of their word multisets.
    """
    if a == b:
        return 1.0
    if len(a) * len(b) > CELLS:
        wa, wb = Counter(a.split()), Counter(b.split())
        common = sum((wa & wb).values())
        return round(dice(common, sum(wa.values()), sum(wb.values())), 4)
    return round(fuzz.ratio(a, b) / 100, 4)
