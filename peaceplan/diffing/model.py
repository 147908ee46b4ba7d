"""PlanDiff: what changed between two versions, one record per group of corresponding points."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any

import attrs

from peaceplan.aligning.model import Alignment
from peaceplan.kinds import KINDS, UNKNOWN_KINDS, Kind
from peaceplan.model import Plan, pickled_as_arguments


@pickled_as_arguments
@attrs.frozen
class Segment:
    """A run of redline text: `op` is `equal`, `delete` or `insert`; `text` keeps its spacing."""

    op: str
    text: str


@pickled_as_arguments
@attrs.frozen
class Figure:
    """A changed figure with its unit or noun ("600,000 personnel"); None when only on one side.

    `by` names the party whose bracketed option holds the figure (None for the point's text).
    """

    old: str | None
    new: str | None
    by: str | None = None


@pickled_as_arguments
@attrs.frozen
class FieldChange:
    """A change to one field other than the text (title, topics, options, sub-points...).

    `old` and `new` are JSON-ready values (None when the field is absent on that side).
    """

    field: str
    old: Any
    new: Any


@pickled_as_arguments
@attrs.frozen
class Change:
    """One group of corresponding points and what happened to it.

    `old` / `new` are point keys (ids or full numbers); `old_numbers` / `new_numbers` are the
    numbers as printed in each draft (None for unnumbered points), parallel to the keys.
    """

    kind: Kind
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    old_numbers: tuple[str | None, ...] = ()
    new_numbers: tuple[str | None, ...] = ()
    moved: bool = False
    renumbered: bool = False
    similarity: float | None = None
    method: str | None = None  # how the points were matched: id | exact | content
    text: tuple[Segment, ...] = ()
    figures: tuple[Figure, ...] = ()
    fields: tuple[FieldChange, ...] = ()
    depth: int = 0  # 0 for top-level points, 1 for sub-points...
    dates: tuple[Figure, ...] = ()  # changed dates and clock times, kept apart from figures


@attrs.frozen
class RenumberRun:
    """A run of points shifted by the same offset by insertions or deletions before them.

    Human renderers say it once ("points 3-28 renumbered +1") instead of once per point.
    """

    old_first: str
    old_last: str
    new_first: str
    new_last: str
    offset: int
    count: int
    # The points of the run (keys in each version), so renderers can skip them one by one.
    old_keys: tuple[str, ...] = ()
    new_keys: tuple[str, ...] = ()


@attrs.frozen(repr=False)
class PlanDiff:
    """Every point of both versions, sub-points included, appears in exactly one change.

    `repr()` is one short line (`<PlanDiff us-28 -> ua-20: 12 modified, 3 removed>`);
    `str()`, and so `print(d)`, is the plain text diff `peaceplan diff` prints.
    """

    old: Plan
    new: Plan
    changes: tuple[Change, ...]
    renumbered_runs: tuple[RenumberRun, ...] = ()
    alignment: Alignment | None = attrs.field(default=None, eq=False, repr=False)
    # Plan-level field changes (status, date, sources...; see peaceplan.diffing.metadata).
    metadata: tuple[FieldChange, ...] = ()

    @property
    def budget_exhausted(self) -> bool:
        """True when alignment stopped early on a pathological input (see the alignment)."""
        return bool(self.alignment and self.alignment.budget_exhausted)

    @property
    def changed(self) -> bool:
        """True when the versions are known to differ in any point or in their metadata (an
        `unreported` point, whose state in the partial version is unknown, is not a known
        difference)."""
        return bool(self.metadata) or any(
            (c.kind != "unchanged" and c.kind not in UNKNOWN_KINDS) or c.moved or c.fields
            for c in self.changes
        )

    @property
    def partial(self) -> bool:
        """True when either version is partial, so points may be `unreported`."""
        return self.old.partial or self.new.partial

    def summary(self) -> dict[str, int]:
        """How many changes of each kind, plus how many moved (the JSON `summary`)."""
        return summary(self)

    def counts(self) -> dict[str, dict[str, int]]:
        """Per kind (and `moved`), how many top-level points and sub-points: {"removed":
        {"points": 10, "sub_points": 18}, ...} (the JSON `counts`; what every summary says)."""
        return counts(self)

    def to_json_dict(self) -> dict[str, Any]:
        """The diff as the JSON contract's object (`"format": "peaceplan.diff/1"`)."""
        from peaceplan.render.json import diff_dict

        return diff_dict(self)

    def to_records(self, table: str = "changes") -> list[dict[str, Any]]:
        """One flat row per change (kind, keys, numbers, titles, figures...) for tables, or with
        table="metadata" one row per metadata change (field, old, new)."""
        from peaceplan.diffing.records import table_records

        return table_records(self, table)

    def to_frame(self, table: str = "changes") -> Any:
        """The records (`table` as for to_records) as a pandas DataFrame (needs
        `pip install peaceplan[pandas]`)."""
        from peaceplan.diffing.records import frame

        return frame(self, table)

    def __repr__(self) -> str:
        # One line, counted as every summary counts (points and sub-points apart).
        from peaceplan.render.describe import diff_repr

        return diff_repr(self)

    def __str__(self) -> str:
        from peaceplan.render.terminal import diff_terminal

        return diff_terminal(self, color=False)

    # Rich display in notebooks; the renderers are imported lazily to keep `import peaceplan` fast.
    def _repr_html_(self) -> str:
        from peaceplan.render.html import diff_html

        return diff_html(self, standalone=False)

    def _repr_markdown_(self) -> str:
        from peaceplan.render.markdown import diff_markdown

        return diff_markdown(self)

    def run_of(self, change: Change) -> RenumberRun | None:
        """The renumbering run a change belongs to, if any (renderers mention the run once)."""
        if change.renumbered and len(change.new) == 1:
            return self._run_by_new_key.get(change.new[0])
        return None

    def counterparts(self, side: str, key: str) -> tuple[str, ...]:
        """The keys on the other side that point `key` of `side` ("old" or "new") corresponds
        to: () for a removed or added point, several for a split or merge."""
        return self._counterparts[side == "new"].get(key, ())

    @cached_property
    def _counterparts(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        of_old = {k: c.new for c in self.changes if c.new for k in c.old}
        of_new = {k: c.old for c in self.changes if c.old for k in c.new}
        return of_old, of_new

    @cached_property
    def _run_by_new_key(self) -> dict[str, RenumberRun]:
        return {key: run for run in self.renumbered_runs for key in run.new_keys}


def summary(d: PlanDiff) -> dict[str, int]:
    """Changes per kind (every kind present, zero included) and how many changes moved.

    `unreported` is present only when a version is partial (the only case it can occur), so
    the summary of two complete versions is what it always was.
    """
    n: dict[str, int] = dict.fromkeys(KINDS, 0)
    moved = 0
    for c in d.changes:
        n[c.kind] += 1
        moved += c.moved
    if not d.partial:
        del n["unreported"]
    n["moved"] = moved
    return n


def counts(d: PlanDiff) -> dict[str, dict[str, int]]:
    """Per kind (every kind, zero included) and `moved`: how many changes are of top-level
    points and how many of sub-points, by the depth of the change ({"points": 10,
    "sub_points": 18}); the two add up to the kind's `summary`. The one count every summary
    (header, log, JSON, notebook) formats."""
    out: dict[str, dict[str, int]] = {
        k: depth_counts(c for c in d.changes if c.kind == k) for k in KINDS
    }
    out["moved"] = depth_counts(c for c in d.changes if c.moved)
    return out


def depth_counts(changes: Iterable[Change]) -> dict[str, int]:
    """How many of these changes are of top-level points and how many of sub-points."""
    out = {"points": 0, "sub_points": 0}
    for c in changes:
        out["points" if c.depth == 0 else "sub_points"] += 1
    return out
