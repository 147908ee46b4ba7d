"""The data model: a plan version and its points, as frozen attrs classes with no I/O.

A point's *number* is how one draft printed it and is renumbered freely; its *id* is an optional
declared identity. A point's *key* (id, else full number, else its place) names it within one
version.
"""

from __future__ import annotations

import datetime as dt
import operator
import os
from collections.abc import Iterator
from functools import cached_property
from typing import TypeVar, Union

import attrs

STATUSES = ("draft", "proposed", "agreed", "superseded")
# How sure the record is of a point, option, note or position: `reported` (the default) means a
# source states it; `uncertain`, that sources conflict or are thin; `inferred`, that it is ours.
CERTAINTIES = ("reported", "uncertain", "inferred")
# Whether a version lists every point of the draft (`complete`, the default) or only those that
# were reported (`partial`): a point missing from a partial version is unreported, not removed.
COVERAGES = ("complete", "partial")

C = TypeVar("C")


def pickled_as_arguments(cls: type[C]) -> type[C]:
    """Pickle instances as their constructor's arguments: half the cost of attrs' default state
    dicts, which counts when a large plan or diff comes back from a second process
    (peaceplan.background)."""
    get = operator.attrgetter(*(a.name for a in attrs.fields(cls)))  # type: ignore[arg-type]
    cls.__reduce__ = lambda self: (cls, get(self))  # type: ignore[method-assign]
    return cls


@pickled_as_arguments
@attrs.frozen
class Option:
    """One bracketed alternative wording of a contested point, attributed to who proposed it."""

    by: str
    text: str
    certainty: str = "reported"
    certainty_note: str | None = None


@pickled_as_arguments
@attrs.frozen
class Point:
    """One numbered point of a draft; `points` holds its sub-points (same shape)."""

    text: str
    id: str | None = None
    number: str | None = None
    title: str | None = None
    topics: tuple[str, ...] = ()
    points: tuple[Point, ...] = ()
    options: tuple[Option, ...] = ()
    conflict: bool = False
    certainty: str = "reported"
    certainty_note: str | None = None
    sources: tuple[str, ...] = ()
    # Where the point starts in its file (1-based); not part of its identity or equality.
    line: int | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def bracketed(self) -> bool:
        """True when the wording is still contested (it carries alternative options)."""
        return bool(self.options)


@pickled_as_arguments
@attrs.frozen
class Document:
    """One document of a package (framework, security guarantees, recovery plan...)."""

    id: str
    points: tuple[Point, ...] = ()
    title: str | None = None
    line: int | None = attrs.field(default=None, eq=False, repr=False)


@pickled_as_arguments
@attrs.frozen
class FlatPoint:
    """A point seen in its place in a version: its key, parent and position in reading order."""

    key: str
    point: Point
    parent: str | None  # key of the enclosing point, None at top level
    depth: int  # 0 for top-level points
    index: int  # position in the version's reading order (0-based, sub-points included)
    document: str | None = None  # id of the enclosing document, for packages
    full_number: str | None = None  # number qualified by its parents ("10.a")


@pickled_as_arguments
@attrs.frozen
class FieldOption:
    """One side's value of a plan-level field in conflict (None: the side left the field out)."""

    by: str
    value: object = None


@pickled_as_arguments
@attrs.frozen
class FieldConflict:
    """A plan-level field (title, date, sources, a document's title...) that the two sides of a
    merge changed differently: the plan keeps the `base` value until one option is taken.

    `field` is a key of the plan (`title`) or `documents.ID.title` for a document's title.
    """

    field: str
    base: object = None
    options: tuple[FieldOption, ...] = ()
    line: int | None = attrs.field(default=None, eq=False, repr=False)


def full_number(parent_number: str | None, number: str | None) -> str | None:
    """Qualify a sub-point's number by its parent's ("a" under "10" is "10.a"; "10.a" stays)."""
    if number is None:
        return None
    if parent_number is None or number.startswith(parent_number + "."):
        return number
    return f"{parent_number}.{number}"


@attrs.frozen
class Plan:
    """One version of a negotiated document: metadata plus points (or documents of points)."""

    plan: str
    version: str
    points: tuple[Point, ...] = ()
    documents: tuple[Document, ...] = ()
    title: str | None = None
    date: dt.date | None = None
    proposed_by: str | None = None
    parties: tuple[str, ...] = ()
    based_on: tuple[str, ...] = ()
    status: str | None = None
    language: str | None = None
    sources: tuple[str, ...] = ()
    coverage: str = "complete"
    dropped: tuple[str, ...] = ()
    # Plan-level fields a merge left in conflict (see FieldConflict); empty once settled.
    conflicts: tuple[FieldConflict, ...] = ()
    # The file it was read from, for messages; not part of equality.
    path: str | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def partial(self) -> bool:
        """True when this version lists only the points that were reported (`coverage: partial`):
        a point missing from it is unreported, not removed, unless `dropped` names it."""
        return self.coverage == "partial"

    @property
    def qualified(self) -> str:
        """`plan/version`, the unambiguous name of this version."""
        return f"{self.plan}/{self.version}"

    def top_points(self) -> tuple[Point, ...]:
        """Top-level points in reading order, across all documents of a package."""
        if self.documents:
            return tuple(p for d in self.documents for p in d.points)
        return self.points

    def flat(self) -> tuple[FlatPoint, ...]:
        """Every point, sub-points included, in reading order, each with its key."""
        return self._flat

    @cached_property
    def _flat(self) -> tuple[FlatPoint, ...]:
        return _flatten(self)

    @cached_property
    def _by_key(self) -> dict[str, FlatPoint]:
        return {fp.key: fp for fp in self._flat}

    def keys(self) -> tuple[str, ...]:
        """Keys of every point (sub-points included) in reading order."""
        return tuple(fp.key for fp in self._flat)

    def get(self, key: str) -> Point | None:
        """The point with this key, or None."""
        fp = self._by_key.get(key)
        return fp.point if fp else None

    def locate(self, key: str) -> FlatPoint | None:
        """The point with this key in its place (parent, depth, position), or None."""
        return self._by_key.get(key)

    def bracketed_count(self) -> int:
        """How many points (sub-points included) still carry bracketed options."""
        return sum(1 for fp in self.flat() if fp.point.bracketed)

    def conflict_count(self) -> int:
        """How many merge conflicts remain: conflicted points plus plan-level field conflicts."""
        return sum(1 for fp in self.flat() if fp.point.conflict) + len(self.conflicts)

    # Rich display in notebooks; the renderers are imported lazily to keep `import peaceplan` fast.
    def _repr_html_(self) -> str:
        from peaceplan.render.plan import plan_html

        return plan_html(self)

    def _repr_markdown_(self) -> str:
        from peaceplan.render.plan import plan_markdown

        return plan_markdown(self)


def point_key(point: Point, number: str | None) -> str | None:
    """A point's key: its id when declared, else its full number."""
    return point.id if point.id is not None else number


def place_key(document: str | None, place: int) -> str:
    """The key of a point with neither id nor number: its place, counted within its document in
    a package (`prosperity-roadmap#1`, unchanged when other documents change), else within the
    whole version (`#24`)."""
    return f"{document}#{place}" if document is not None else f"#{place}"


def _walk(
    points: tuple[Point, ...],
    parent: FlatPoint | None,
    document: str | None,
    out: list[FlatPoint],
    start: int = 0,
) -> None:
    for point in points:
        number = full_number(parent.full_number if parent else None, point.number)
        key = point_key(point, number)
        if key is None:  # unnumbered, id-less point: name it by place so it stays addressable
            key = place_key(document, len(out) - start + 1)
        fp = FlatPoint(
            key=key,
            point=point,
            parent=parent.key if parent else None,
            depth=parent.depth + 1 if parent else 0,
            index=len(out),
            document=document,
            full_number=number,
        )
        out.append(fp)
        _walk(point.points, fp, document, out, start)


def _flatten(plan: Plan) -> tuple[FlatPoint, ...]:
    out: list[FlatPoint] = []
    if plan.documents:
        for doc in plan.documents:
            _walk(doc.points, None, doc.id, out, len(out))
    else:
        _walk(plan.points, None, None, out)
    return tuple(out)


def iter_points(points: tuple[Point, ...]) -> Iterator[Point]:
    """Every point of a tree, depth first, parents before children."""
    for p in points:
        yield p
        yield from iter_points(p.points)


# What the API takes for a version: a Plan, a version name (`us-28`, `ukraine-2025/us-28`), a
# path or `REV:path`. The one definition: every module taking a version imports it from here.
PlanLike = Union[Plan, str, "os.PathLike[str]"]
