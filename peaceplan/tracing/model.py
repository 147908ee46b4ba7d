"""What a trace finds: provisions of a corpus, the sources of one point, a whole version's trace.

A *provision* is one point of one version of a plans folder (the corpus). A *source* of a point
is an earlier provision whose wording it most likely reuses, with a score in 0..1 and `match`
set only where the wording is judged real reuse rather than shared stock phrasing.
"""

from __future__ import annotations

from typing import Any

import attrs

from peaceplan.diffing.model import Segment


@attrs.frozen
class Provision:
    """One point of one version of the corpus, as the index stores it."""

    plan: str
    version: str
    key: str
    text: str
    number: str | None = None
    title: str | None = None
    date: str | None = None  # ISO date of the version, when it has one

    @property
    def qualified(self) -> str:
        """`plan/version#key`, the provision's unambiguous name."""
        return f"{self.plan}/{self.version}#{self.key}"


@attrs.frozen
class Source:
    """One candidate source of a point's wording, with the evidence for it."""

    provision: Provision
    score: float  # 0..1: how much rare wording the two share, in order
    match: bool  # judged real reuse (not a shared stock phrase)
    span: str  # the source's words that align with the point (first to last shared run)
    redline: tuple[Segment, ...]  # word redline from the source to the point
    shared: int  # how many words the two share in aligned runs


@attrs.frozen
class PointTrace:
    """The sources found for one point, best first."""

    key: str
    text: str
    sources: tuple[Source, ...] = ()
    number: str | None = None
    title: str | None = None

    @property
    def matches(self) -> tuple[Source, ...]:
        """The sources judged real reuse, best first."""
        return tuple(s for s in self.sources if s.match)

    @property
    def earliest(self) -> Source | None:
        """The earliest matching source by date (the likely origin), else None."""
        dated = [s for s in self.matches if s.provision.date]
        if dated:
            return min(dated, key=lambda s: (s.provision.date, -s.score))
        return self.matches[0] if self.matches else None


@attrs.frozen
class TraceResult:
    """The trace of a version (or of one of its points) against the corpus."""

    plan: str
    version: str
    date: str | None
    points: tuple[PointTrace, ...]
    corpus_provisions: int = 0

    # Thin lazy hooks for notebooks; the conversions live in peaceplan.render.trace.
    def to_frame(self) -> Any:
        """A pandas DataFrame: one row per (point, source), matches and scores included."""
        from peaceplan.render.trace import trace_frame

        return trace_frame(self)

    def _repr_html_(self) -> str:
        from peaceplan.render.trace import trace_html

        return trace_html(self)
