"""Annotations: what people say about a draft, kept beside it (stand-off), never inside its text.

Frozen attrs classes, no I/O. An annotation names the point it is about by the point's key in its
version; a carried annotation records the version, note and outcome it was carried from.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs

KINDS = ("note", "position", "tag", "status")
STANCES = ("accepts", "rejects", "reserves", "proposes")
POINT_STATUSES = ("open", "agreed", "disputed", "deferred", "dropped")
OUTCOMES = ("kept", "moved", "fuzzy", "changed", "ambiguous", "orphaned")
WORDINGS = ("same", "changed")

NOTE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*\Z")
PAX_RE = re.compile(r"pax:[A-Z][A-Za-z]*\Z")


@attrs.frozen
class CarriedFrom:
    """Where a carried annotation came from and how it landed.

    `outcome` is one of OUTCOMES (`changed`: the quote was found with a different figure, so the
    note no longer says what it said); `score` is how closely the quote was found (1.0 exactly, less
    for a fuzzy match); `quote` is the original quote when carrying changed it; `candidates` are
    the points it could have gone to (ambiguous) or might belong to (orphaned); `wording` says
    whether the target point's text is the same as the source point's.
    """

    version: str
    id: str
    outcome: str
    point: str | None = None
    score: float | None = None
    quote: str | None = None
    candidates: tuple[str, ...] = ()
    wording: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data in file order, empty fields left out."""
        out: dict[str, Any] = {"version": self.version, "id": self.id, "outcome": self.outcome}
        if self.point is not None:
            out["point"] = self.point
        if self.score is not None:
            out["score"] = self.score
        if self.quote is not None:
            out["quote"] = self.quote
        if self.candidates:
            out["candidates"] = list(self.candidates)
        if self.wording is not None:
            out["wording"] = self.wording
        return out


@attrs.frozen
class Annotation:
    """One stand-off annotation of a version: a note, a party's position, a tag or a status.

    `point` is the point's key in the version (None only for a carried annotation that could not
    be placed: outcome ambiguous or orphaned). `date` is when a reported position or fact dates
    from; `created` is when the annotation was written. `certainty` (peaceplan.model.CERTAINTIES)
    says how sure the record is: `reported` (a source states it), `uncertain` (sources conflict or
    are thin) or `inferred` (our reading, not a stated position); `certainty_note` says why.
    """

    id: str
    point: str | None
    kind: str = "note"
    body: str | None = None
    quote: str | None = None
    party: str | None = None
    stance: str | None = None
    tag: str | None = None
    status: str | None = None
    author: str | None = None
    created: dt.date | None = None
    date: dt.date | None = None
    source: str | None = None
    certainty: str = "reported"
    certainty_note: str | None = None
    carried_from: CarriedFrom | None = None
    # Where the annotation starts in its notes file; not part of equality.
    line: int | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def placed(self) -> bool:
        """True when the annotation sits on a point (not an unplaced carried annotation)."""
        return self.point is not None

    @property
    def when(self) -> dt.date | None:
        """The date that orders positions: when it was stated, else when it was written."""
        return self.date or self.created

    @property
    def reported(self) -> bool:
        """True when a source states it (certainty `reported`), not uncertain or inferred."""
        return self.certainty == "reported"

    def to_dict(self) -> dict[str, Any]:
        """Plain data in file order (the notes file contract), empty fields and the default
        certainty (`reported`) left out."""
        out: dict[str, Any] = {"id": self.id, "point": self.point}
        for name in FIELD_ORDER[2:]:
            value = getattr(self, name)
            if name == "certainty" and value == "reported":
                continue
            if name == "kind" or value is not None:
                out[name] = value.to_dict() if isinstance(value, CarriedFrom) else value
        return out

    def to_json_dict(self) -> dict[str, Any]:
        """As to_dict, dates as YYYY-MM-DD strings and certainty always given (JSON-ready)."""
        data = self.to_dict() | {"certainty": self.certainty}
        out = {k: data[k] for k in FIELD_ORDER if k in data}
        for name in ("created", "date"):
            if isinstance(out.get(name), dt.date):
                out[name] = out[name].isoformat()
        return out


# The order of keys in a notes file entry.
FIELD_ORDER = (
    "id",
    "point",
    "kind",
    "quote",
    "party",
    "stance",
    "tag",
    "status",
    "body",
    "author",
    "created",
    "date",
    "source",
    "certainty",
    "certainty_note",
    "carried_from",
)
