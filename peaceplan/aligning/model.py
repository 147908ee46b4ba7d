"""The result of aligning two versions: which points of the old correspond to which of the new."""

from __future__ import annotations

import attrs

from peaceplan.model import Plan

METHODS = ("id", "exact", "content")
EVIDENCE = ("id", "exact", "wording", "place", "title", "topics", "sub-points", "neighbours")


@attrs.frozen
class Match:
    """A group of corresponding points: 1-1, a split (1 old -> N new) or a merge (N old -> 1 new).

    `old` and `new` are point keys in reading order; `method` says what decided the match
    (`id`: shared declared id, `exact`: identical text, `content`: similarity) and `score` is the
    text similarity in [0, 1] of the old and new wording (joined, for splits and merges).

    `evidence` says what a content match rests on, in EVIDENCE order: `wording` (words in
    common), `place` (in its expected place between neighbouring matches), `title` (like
    titles), `topics` (like topics), `sub-points` (a lead-in known by its sub-points' words, or
    sub-points folded into a point), `neighbours` (pieces of a split or parts of a merge that
    sit next to each other); `id` and `exact` matches say just that. `weak` is True when the
    wording in common is thin and the match rests mostly on the rest: show it as a likely
    correspondence, not a certain one.
    """

    old: tuple[str, ...]
    new: tuple[str, ...]
    method: str
    score: float
    evidence: tuple[str, ...] = ()
    weak: bool = False

    @property
    def kind(self) -> str:
        """`split`, `merged` or `one` (one-to-one)."""
        if len(self.old) == 1 and len(self.new) > 1:
            return "split"
        if len(self.old) > 1 and len(self.new) == 1:
            return "merged"
        return "one"


@attrs.frozen
class Alignment:
    """Every point of both versions (sub-points included) is in exactly one match or unmatched list.

    `matches` are ordered by the position of their first new point. `budget_exhausted` is True when
    the aligner stopped scoring candidates early (pathological input); the points it could not
    match are then among `unmatched_old` / `unmatched_new`.
    """

    old: Plan
    new: Plan
    matches: tuple[Match, ...]
    unmatched_old: tuple[str, ...]  # removed points, in old reading order
    unmatched_new: tuple[str, ...]  # added points, in new reading order
    budget_exhausted: bool = False
