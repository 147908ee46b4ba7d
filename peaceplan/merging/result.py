"""What a three-way merge returns: the merged plan and the conflicts left in it."""

from __future__ import annotations

import os
from collections.abc import Hashable
from typing import Any

import attrs

from peaceplan.model import Plan


@attrs.frozen
class Conflict:
    """One conflict of the merged plan: a point (its key there) or, with `kind` "field", a
    plan-level field (`key` is the field's name, as in the plan's `conflicts`), and why."""

    key: str
    reasons: tuple[str, ...]
    number: str | None = None
    kind: str = "point"

    def __str__(self) -> str:
        if self.kind == "field":
            return f"field {self.key}: {'; '.join(self.reasons)}"
        where = f"point {self.key}"
        if self.number and self.number != self.key:
            where += f" (number {self.number})"
        return f"{where}: {'; '.join(self.reasons)}"


@attrs.frozen
class MergeResult:
    """The merged plan (conflicts kept in it as bracketed points) and a record of them.

    `notes` lists what was decided without a conflict but deserves a look (a point moved to
    different places by the two sides: ours' place kept; a renumbered list; a comment whose
    point is gone, kept at the end of the file). `comments` are the comments of both sides the
    merged file holds, each with its place (None when no side had any, or no text was given).
    """

    plan: Plan
    conflicts: tuple[Conflict, ...] = ()
    notes: tuple[str, ...] = ()
    base: str = ""
    ours: str = ""
    theirs: str = ""
    comments: tuple[tuple[Any, bool, str], ...] | None = attrs.field(
        default=None, eq=False, repr=False
    )
    # Which merged point each merge node became (for placing comments); not part of equality.
    keys: dict[Hashable, str] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def clean(self) -> bool:
        """True when no conflict remains."""
        return not self.conflicts

    def summary(self) -> str:
        """One line: what was merged and how many conflicts remain."""
        what = f"merged {self.ours} and {self.theirs} (base {self.base})"
        if self.clean:
            return f"{what}: clean"
        n = len(self.conflicts)
        return f"{what}: {n} conflict{'s' if n != 1 else ''}"

    def text(self, original: str | None = None) -> str:
        """The merged plan as YAML, ready to save, with the comments of both sides: a new file
        in the house style, or (`original`, the git driver's ours) that file, edited."""
        from peaceplan.io.emit import plan_yaml

        if original is None:
            text = plan_yaml(self.plan)
        else:
            from peaceplan.io.save import dump_text

            text = dump_text(self.plan, original)
        if self.comments is None:
            return text
        from peaceplan.io.comments import place_comments

        return place_comments(text, self.plan, self.comments)[0]

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the merged plan (comments included) to `path`, atomically."""
        from peaceplan.io.atomic import atomic_write

        atomic_write(path, self.text())

    def _repr_html_(self) -> str:
        from peaceplan.render.merge import merge_html

        return merge_html(self)
