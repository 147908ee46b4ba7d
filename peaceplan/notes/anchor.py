"""Finding a quote inside a point: exactly (whitespace-insensitive) or approximately (rapidfuzz).

A point's searchable wording is its text and the text of each bracketed option (its title too,
for an exact quote found nowhere else).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from peaceplan.model import Point

FUZZY_CUTOFF = 0.80  # a fuzzy hit needs at least this similarity to the quote
FUZZY_MARGIN = 0.03  # hits this close to the best one are equally good: ambiguity
MIN_FUZZY_LEN = 4  # shorter quotes are only ever matched exactly
_MASK = "\x00"


@attrs.frozen
class QuoteHit:
    """Where a quote was found: the point's key, the words found there, and how closely (0-1)."""

    point: str
    text: str
    score: float

    @property
    def exact(self) -> bool:
        return self.score >= 1.0


def normalize(text: str) -> str:
    """Collapse runs of whitespace, so line breaks in a quote or a point do not matter."""
    return " ".join(text.split())


def wording(point: Point) -> tuple[str, ...]:
    """The searchable strings of a point: its text and its bracketed options' texts."""
    return (normalize(point.text), *(normalize(o.text) for o in point.options))


# A thousands separator inside a figure: "600,000", "600.000", "600 000" (any space) or "600'000".
_GROUP_SEP = re.compile(r"(?<=\d)[,.'\s](?=\d{3}(?!\d))")


def same_figures(text: str) -> str:
    """The text with every thousands separator written the same way, so "600 000" (narrow
    no-break space) matches a quote of "600,000": the same words and the same figure."""
    return _GROUP_SEP.sub(",", text)


def count_exact(point: Point, quote: str) -> int:
    """How many times the quote occurs in the point's text and options (non-overlapping); in its
    title only when nowhere else. Figures match across thousands separators (600,000 = 600 000)."""
    q = normalize(quote)
    if not q:
        return 0
    n = sum(part.count(q) for part in wording(point))
    if n == 0 and point.title:
        n = normalize(point.title).count(q)
    if n == 0 and any(c.isdigit() for c in q):
        q = same_figures(q)
        n = sum(same_figures(part).count(q) for part in wording(point))
        if n == 0 and point.title:
            n = same_figures(normalize(point.title)).count(q)
    return n


def exact_hits(points: Sequence[tuple[str, Point]], quote: str) -> tuple[str, ...]:
    """Keys of the points in which the quote occurs exactly."""
    return tuple(key for key, point in points if count_exact(point, quote))


def fuzzy_hits(
    points: Sequence[tuple[str, Point]], quote: str, *, cutoff: float = FUZZY_CUTOFF
) -> tuple[tuple[QuoteHit, ...], float]:
    """Approximate places of the quote in the points, best first, and the best score seen.

    Only hits scoring at least `cutoff` are returned, and among them only those within
    FUZZY_MARGIN of the best, one per distinct (point, words): several means ambiguity.
    The best score is returned even when below the cutoff, to explain a miss.
    """
    q = normalize(quote)
    if len(q) < MIN_FUZZY_LEN:
        return (), 0.0
    found: dict[tuple[str, str], float] = {}
    best_seen = 0.0
    bodies = [(key, part) for key, point in points for part in wording(point)]
    titles = [(key, normalize(point.title)) for key, point in points if point.title]
    for texts in (bodies, titles):  # titles only when the wording has nothing
        for key, part in texts:
            best_seen = max(best_seen, _scan(q, key, part, cutoff, found))
        if found:
            break
    if not found:
        return (), best_seen
    top = max(found.values())
    hits = [QuoteHit(k, w, s) for (k, w), s in found.items() if s >= top - FUZZY_MARGIN]
    hits.sort(key=lambda h: (-h.score, h.point, h.text))
    return tuple(hits), best_seen


def _scan(q: str, key: str, text: str, cutoff: float, found: dict[tuple[str, str], float]) -> float:
    """Record the places in `text` matching `q` at least `cutoff`; return the best score seen."""
    from rapidfuzz import fuzz

    best = 0.0
    for _ in range(4):  # the best place, then the next best elsewhere in the text
        al = fuzz.partial_ratio_alignment(q, text)
        if al is None or al.score <= 0:
            break
        start, end = _snap(text, al.dest_start, al.dest_end)
        words = text[start:end].strip()
        if not words or _MASK in words:
            break
        score = fuzz.ratio(q, words) / 100.0
        best = max(best, score)
        if score < cutoff:
            break
        found[(key, words)] = max(found.get((key, words), 0.0), score)
        text = text[:start] + _MASK * (end - start) + text[end:]
    return best


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words, so a hit never cuts a word or a figure in two;
    then drop punctuation at either end ("800,000," becomes "800,000")."""
    for m in _WORD.finditer(text):
        if m.start() < start < m.end():
            start = m.start()
        if m.start() < end < m.end():
            end = m.end()
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


_WORD = re.compile(r"[^\s\x00]+")
_EDGE_PUNCT = set(" ,.;:!?\"'()[]\x00")
