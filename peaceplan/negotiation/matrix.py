"""Every point of a negotiation against every version: what `peaceplan matrix PLAN` shows.

A row is one point followed through the versions (a lineage thread: the alignments of each
version with the versions it is based on join its points, splits and merges included, as
`peaceplan figures` follows them). A cell is that point in one version: its number there, a
short text, its figures, and the kind of change from the version it continues, in the diff's
words (`kept`, `modified`, `moved`, `merged`, `split`, `added`, `removed`, `unreported`), or
`origin` in a first version. A blank cell (change None) is a version the point never reached
or had already left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from peaceplan.errors import Problem
from peaceplan.library import open_library
from peaceplan.model import Plan

if TYPE_CHECKING:
    from peaceplan.diffing.model import Change, PlanDiff
    from peaceplan.library import PlansLike
    from peaceplan.notes.lineage import Lineage

FORMAT = "peaceplan.matrix/1"
# Every value a cell's `change` takes (None aside), in the order legends list them.
CHANGES = (
    "origin",
    "kept",
    "moved",
    "modified",
    "split",
    "merged",
    "added",
    "removed",
    "unreported",
)
SHORT = 100  # characters of a point's text a cell keeps


@attrs.frozen
class MatrixVersion:
    """A version as a column of the matrix."""

    version: str
    date: dt.date | None
    proposed_by: str | None
    based_on: tuple[str, ...]
    coverage: str
    points: int  # top-level points of the main text (a package's first document), as `log`
    all_points: int  # sub-points included


@attrs.frozen
class MatrixCell:
    """One point in one version: its keys and numbers there (none when absent), a short text,
    its figures (dates left out), and the kind of change from the version it continues."""

    version: str
    change: str | None  # one of CHANGES, or None (never reached this version, or gone before)
    keys: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # "#6", or the key of an unnumbered point
    text: str | None = None
    figures: tuple[str, ...] = ()
    # the version compared with: the one it continues, or for a removed or unreported point
    # the nearest earlier version that has it
    source: str | None = None
    moved: bool = False  # moved as well as modified (a kept point that moved is `moved`)

    @property
    def present(self) -> bool:
        """True when the version has the point."""
        return bool(self.keys)

    @property
    def label(self) -> str:
        """The numbers joined: "#7 + #8"; empty when absent."""
        return " + ".join(self.labels)


@attrs.frozen
class MatrixRow:
    """One point through every version, cells parallel to the matrix's versions."""

    id: str  # VERSION:KEY of the point where it first appears
    key: str  # its key there
    title: str | None  # its title in the newest version that has one
    depth: int  # 0 for a top-level point (where it first appears)
    cells: tuple[MatrixCell, ...]

    def cell(self, version: str) -> MatrixCell:
        """The cell of `version` (KeyError when the matrix has no such version)."""
        for c in self.cells:
            if c.version == version:
                return c
        raise KeyError(version)

    @property
    def changes(self) -> tuple[str | None, ...]:
        """The change of each cell, in version order."""
        return tuple(c.change for c in self.cells)


@attrs.frozen
class NegotiationMatrix:
    """Every point of negotiation `plan` (rows) against every version (columns, lineage order)."""

    plan: str
    versions: tuple[MatrixVersion, ...]
    rows: tuple[MatrixRow, ...]
    # The lineage's problems (a based_on naming no version, a cycle): the matrix still shows
    # every version, and every rendering says what link is missing (nothing silent).
    problems: tuple[Problem, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The versions' names, in lineage order."""
        return tuple(v.version for v in self.versions)

    def row(self, key: str) -> MatrixRow:
        """The row of a point: by row id (`us-28:armed-forces`) or by a key any version gives it."""
        for r in self.rows:
            if r.id == key:
                return r
        for r in self.rows:
            if any(key in c.keys for c in r.cells):
                return r
        raise KeyError(key)

    def counts(self) -> dict[str, dict[str, int]]:
        """Per version, how many rows have each change (blank cells left out)."""
        out: dict[str, dict[str, int]] = {}
        for i, v in enumerate(self.versions):
            tally: dict[str, int] = {}
            for r in self.rows:
                ch = r.cells[i].change
                if ch is not None:
                    tally[ch] = tally.get(ch, 0) + 1
            out[v.version] = {k: tally[k] for k in CHANGES if k in tally}
        return out

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per (point, version) cell, blank cells included (`change` None)."""
        return [
            {"row": r.id, "title": r.title, "depth": r.depth, "version": c.version, **_cell(c)}
            for r in self.rows
            for c in r.cells
        ]

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs `pip install peaceplan[pandas]`); pivot
        with `df.pivot(index="row", columns="version", values="change")` for the grid."""
        from peaceplan.notes.frames import frame

        return frame(self.to_records())

    def to_json_dict(self) -> dict[str, Any]:
        """The matrix as the `peaceplan.matrix/1` JSON object (docs/site.md)."""
        return {
            "format": FORMAT,
            "plan": self.plan,
            "versions": [
                {
                    "version": v.version,
                    "date": v.date.isoformat() if v.date else None,
                    "proposed_by": v.proposed_by,
                    "based_on": list(v.based_on),
                    "coverage": v.coverage,
                    "points": v.points,
                    "all_points": v.all_points,
                }
                for v in self.versions
            ],
            "rows": [
                {
                    "id": r.id,
                    "key": r.key,
                    "title": r.title,
                    "depth": r.depth,
                    "cells": {c.version: _cell(c) for c in r.cells},
                }
                for r in self.rows
            ],
            "problems": [p.to_dict() for p in self.problems],
        }

    def __repr__(self) -> str:
        # One line: the attrs default would print every cell of every row.
        return (
            f"<NegotiationMatrix {self.plan}: {_count(len(self.rows), 'point')} through "
            f"{_count(len(self.versions), 'version')} ({', '.join(self.names)})"
            f"{_problems_note(self.problems)}>"
        )

    def __str__(self) -> str:
        # print(m): the table `peaceplan matrix` shows (renderer imported only when asked)
        from peaceplan.render.matrix import matrix_text

        return matrix_text(self)

    def _repr_html_(self) -> str:
        # Jupyter shows the grid; the renderer is imported only when a notebook asks.
        from peaceplan.render.matrix import matrix_html

        return matrix_html(self, standalone=False)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _problems_note(problems: Sequence[Problem]) -> str:
    """The ", 1 lineage problem" ending a one-line repr; empty when there is none."""
    return f", {_count(len(problems), 'lineage problem')}" if problems else ""


def _cell(c: MatrixCell) -> dict[str, Any]:
    """One cell's fields as the JSON and the records give them."""
    return {
        "change": c.change,
        "moved": c.moved,
        "points": list(c.keys),
        "numbers": [lab[1:] if lab.startswith("#") else None for lab in c.labels],
        "text": c.text,
        "figures": list(c.figures),
        "source": c.source,
    }


def matrix(plan: str, *, plans: PlansLike = None) -> NegotiationMatrix:
    """Every point of negotiation `plan` (or of the negotiation of version `plan`) against every
    version. `plans` is the plans folder (a path or a Library; default: the nearest plans/)."""
    lib = open_library(plans)
    versions = lib.load_negotiation(plan)
    return build_matrix(versions, others=lib.qualified_names())


def build_matrix(
    versions: Sequence[Plan],
    lineage: Lineage | None = None,
    *,
    others: Collection[str] | None = None,
) -> NegotiationMatrix:
    """The matrix of a negotiation's loaded versions (see `matrix`); `lineage` reuses one
    whose alignments are already computed; `others`: the other negotiations' versions
    (Library.qualified_names), so that a based_on naming a missing one is reported too."""
    from peaceplan.notes.lineage import Lineage

    lin = lineage or Lineage(versions, others=others)
    return attrs.evolve(_Builder(lin).build(), problems=lin.problems)


def short_text(text: str, limit: int = SHORT) -> str:
    """The text on one line, cut at a word boundary to at most `limit` characters with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(",;:") + "…"


class _Builder:
    def __init__(self, lineage: Lineage):
        from peaceplan.timeline import _Threads

        self.lin = lineage
        self.threads = _Threads(lineage)
        self.diffs: dict[tuple[str, str], dict[str, Change]] = {}

    def _changes(self, old: str, new: str) -> dict[str, Change]:
        """The diff old -> new, indexed by the new points' keys (computed once per pair)."""
        if (old, new) not in self.diffs:
            from peaceplan.diffing import build_diff

            d: PlanDiff = build_diff(self.lin.alignment(old, new))
            self.diffs[(old, new)] = {k: c for c in d.changes for k in c.new}
        return self.diffs[(old, new)]

    def build(self) -> NegotiationMatrix:
        """The matrix: a row per thread of the lineage, a cell per version."""
        from peaceplan.history import main_points
        from peaceplan.notes.lineage import _unreported_in, point_label
        from peaceplan.timeline import _figures_of

        lin = self.lin
        versions = tuple(
            MatrixVersion(
                p.version,
                p.date,
                p.proposed_by,
                p.based_on,
                p.coverage,
                main_points(p),
                len(p.flat()),
            )
            for p in lin.order
        )
        rows = []
        for root, by_version in self.threads.members.items():
            state: dict[str, str | None] = {}
            held: dict[str, str] = {}  # the nearest version holding it (itself when it does)
            cells = []
            for plan in lin.order:
                v = plan.version
                keys = tuple(by_version.get(v, ()))
                if keys:
                    src = self.threads.sources.get((root, v))
                    change, moved = self._kind(plan, keys, src)
                    texts = [p.text for k in keys if (p := plan.get(k)) is not None]
                    found, _ = _figures_of(plan, list(keys))
                    cells.append(
                        MatrixCell(
                            v,
                            change,
                            keys,
                            tuple(point_label(plan, k) for k in keys),
                            short_text(" / ".join(texts)),
                            tuple(dict.fromkeys(f.text for f in found)),
                            src,
                            moved,
                        )
                    )
                    state[v], held[v] = "present", v
                    continue
                holders = [p for p in lin.parents(v) if state.get(p) in ("present", "unreported")]
                if not holders:
                    cells.append(MatrixCell(v, None))
                    state[v] = None
                    continue
                earlier = held[holders[0]]
                gone = by_version[earlier]
                change = "unreported" if _unreported_in(plan, gone) else "removed"
                cells.append(MatrixCell(v, change, source=earlier))
                state[v], held[v] = change, earlier
            first_v, first_key = root
            fp = lin.plans[first_v].locate(first_key)
            rows.append(
                MatrixRow(
                    f"{first_v}:{first_key}",
                    first_key,
                    self._title(by_version),
                    fp.depth if fp is not None else 0,
                    tuple(cells),
                )
            )
        name = lin.order[0].plan if lin.order else ""
        return NegotiationMatrix(name, versions, tuple(rows))

    def _kind(self, plan: Plan, keys: tuple[str, ...], src: str | None) -> tuple[str, bool]:
        """The change of these points of `plan` from version `src` (None: no earlier version
        has them), and whether they moved too."""
        if src is None:
            return ("added" if self.lin.parents(plan.version) else "origin"), False
        change = self._changes(src, plan.version).get(keys[0])
        if change is None:  # not in the diff (cannot happen for a matched point): say kept
            return "kept", False
        kind = change.kind
        if kind == "unchanged":
            return ("moved" if change.moved else "kept"), False
        return kind, change.moved

    def _title(self, by_version: dict[str, list[str]]) -> str | None:
        for plan in reversed(self.lin.order):
            for k in by_version.get(plan.version, ()):
                p = plan.get(k)
                if p is not None and p.title:
                    return p.title
        return None
