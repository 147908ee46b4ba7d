"""Party positions and convergence: the conference-report table and the progress figures.

For one version, a matrix of points x parties with each party's latest stance on each point.
Across versions, per version: points, bracketed points, open options, points every party
accepts, points some party rejects. A carried position whose point's wording changed (or whose
quote was found only approximately, or with another figure) is shown but marked stale and not
counted; it never overrides a position recorded on the version itself. Uncertain and inferred
positions count, and the figures say how many of the points counted rest on one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from peaceplan.errors import Problem
from peaceplan.lineage import parent_versions
from peaceplan.model import Plan
from peaceplan.notes.lineage import point_label
from peaceplan.notes.model import Annotation

AGREEING = ("accepts", "proposes")
# How a stance cell marks a position that is not simply reported.
MARKERS = {"uncertain": "~", "inferred": "*"}


@attrs.frozen
class Stance:
    """A party's latest position on one point."""

    party: str
    stance: str
    note: str  # the annotation id
    date: dt.date | None = None
    source: str | None = None
    body: str | None = None
    stale: bool = False  # carried onto changed wording: shown, not counted
    certainty: str = "reported"  # reported | uncertain | inferred (peaceplan.model.CERTAINTIES)
    certainty_note: str | None = None
    carried: bool = False  # carried from an earlier version (not recorded on this one)

    @property
    def reported(self) -> bool:
        """True when a source states the position (not uncertain, not inferred)."""
        return self.certainty == "reported"

    def cell(self) -> str:
        """The stance as a table cell: `?` stale, `~` uncertain, `*` inferred (see MARKERS)."""
        return self.stance + ("?" if self.stale else "") + MARKERS.get(self.certainty, "")


@attrs.frozen
class PositionRow:
    """One point of the matrix: its stances by party (None where no position is recorded)."""

    key: str
    label: str
    title: str | None
    bracketed: bool
    options: int
    stances: tuple[Stance | None, ...]  # parallel to StatusReport.parties

    def agreed_by_all(self) -> bool:
        """Every party accepts (or proposes) the wording, and it is not bracketed."""
        return (
            not self.bracketed
            and bool(self.stances)
            and all(s is not None and not s.stale and s.stance in AGREEING for s in self.stances)
        )

    def rejected(self) -> bool:
        """Some party rejects it."""
        return any(s is not None and not s.stale and s.stance == "rejects" for s in self.stances)

    def uncertain(self) -> bool:
        """Some current (not stale) position on it is uncertain or inferred."""
        return any(s is not None and not s.stale and not s.reported for s in self.stances)

    def rejected_if_reported(self) -> bool:
        """Some party rejects it in a reported (neither uncertain nor inferred) position."""
        return any(
            s is not None and not s.stale and s.reported and s.stance == "rejects"
            for s in self.stances
        )


@attrs.frozen
class ConvergenceRow:
    """The progress figures of one version."""

    version: str
    date: dt.date | None
    proposed_by: str | None
    points: int  # top-level points of the main text (a package's first document)
    all_points: int  # sub-points and side documents included
    bracketed: int  # points still carrying options
    options: int  # open alternative wordings, over all bracketed points
    positions: int  # points with at least one current (not stale) position
    agreed: int  # points every party accepts
    rejected: int  # points some party rejects
    parties: int
    side_points: int = 0  # top-level points in a package's side documents
    side_documents: int = 0
    sub_points: int = 0  # sub-points, counted apart from top-level points
    # A partial version lists only the points that were reported: those of its parent it does
    # not mention are unreported (counted here, top-level and sub-points apart), not removed.
    coverage: str = "complete"
    compared_with: str | None = None  # the parent the unreported points are counted against
    unreported: int = 0
    unreported_sub_points: int = 0
    dropped: int = 0  # earlier points it reports deleted
    uncertain: int = 0  # points with a current position that is uncertain or inferred
    agreed_uncertain: int = 0  # of `agreed`: points where some such position is among the accepts
    rejected_uncertain: int = 0  # of `rejected`: points rejected only in such positions


@attrs.frozen
class StatusReport:
    """Positions of one version and the convergence of every version of its negotiation."""

    plan: str
    version: str
    parties: tuple[str, ...]
    positions: tuple[PositionRow, ...]
    convergence: tuple[ConvergenceRow, ...]
    # the negotiation's lineage problems (a based_on naming no version, a cycle): versions
    # whose parent is unknown have their convergence counted as first drafts
    problems: tuple[Problem, ...] = ()

    def positions_records(self) -> list[dict[str, Any]]:
        """One row per point: key, number, title, bracketed, then one column per party."""
        rows = []
        for r in self.positions:
            row: dict[str, Any] = {
                "point": r.key,
                "number": r.label[1:] if r.label.startswith("#") else None,
                "title": r.title,
                "bracketed": r.bracketed,
            }
            for party, s in zip(self.parties, r.stances):
                row[party] = None if s is None else s.cell()
            row["agreed_by_all"] = r.agreed_by_all()
            rows.append(row)
        return rows

    def convergence_records(self) -> list[dict[str, Any]]:
        """One row per version, in lineage order."""
        return [
            {**attrs.asdict(c), "date": c.date.isoformat() if c.date else None}
            for c in self.convergence
        ]

    def to_records(self, table: str = "convergence") -> list[dict[str, Any]]:
        """Rows of the `convergence` table (per version) or the `positions` matrix."""
        if table == "positions":
            return self.positions_records()
        if table == "convergence":
            return self.convergence_records()
        raise ValueError(f"table must be 'convergence' or 'positions', not {table!r}")

    def to_frame(self, table: str = "convergence") -> Any:
        """A pandas DataFrame of either table (needs pandas)."""
        from peaceplan.notes.frames import frame

        return frame(self.to_records(table))

    def _repr_html_(self) -> str:
        """Jupyter: the positions matrix, then the convergence figures of every version."""
        from peaceplan.notes.render import status_html

        return status_html(self)

    def to_json_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (`"format": "peaceplan.status/1"`)."""
        positions = []
        for r in self.positions:
            stances = {}
            for party, s in zip(self.parties, r.stances):
                if s is not None:
                    stances[party] = {
                        "stance": s.stance,
                        "stale": s.stale,
                        "note": s.note,
                        "date": s.date.isoformat() if s.date else None,
                        "source": s.source,
                        "certainty": s.certainty,
                        "certainty_note": s.certainty_note,
                        "carried": s.carried,
                    }
            positions.append(
                {
                    "point": r.key,
                    "number": r.label[1:] if r.label.startswith("#") else None,
                    "title": r.title,
                    "bracketed": r.bracketed,
                    "options": r.options,
                    "agreed_by_all": r.agreed_by_all(),
                    "stances": stances,
                }
            )
        return {
            "format": "peaceplan.status/1",
            "plan": self.plan,
            "version": self.version,
            "parties": list(self.parties),
            "problems": [p.to_dict() for p in self.problems],
            "positions": positions,
            "convergence": self.convergence_records(),
        }

    def plot(self, ax: Any = None) -> Any:
        """Convergence across versions as a matplotlib chart (needs matplotlib)."""
        from peaceplan.notes.frames import plot_convergence

        return plot_convergence(self, ax=ax)


def _stale(note: Annotation) -> bool:
    c = note.carried_from
    return c is not None and (c.outcome in ("fuzzy", "changed") or c.wording == "changed")


def latest_positions(plan: Plan, notes: Sequence[Annotation]) -> dict[str, dict[str, Stance]]:
    """{point key: {party: latest Stance}}, placed positions on existing points only.

    A position recorded on this version always wins over one carried from an earlier version;
    among either kind, the most recent `date` (else `created`) wins, and on a tie the later in
    the file.
    """
    out: dict[str, dict[str, tuple[tuple[bool, dt.date, int], Stance]]] = {}
    for n, note in enumerate(notes):
        if note.kind != "position" or note.point is None or plan.get(note.point) is None:
            continue
        assert note.party is not None and note.stance is not None
        own = note.carried_from is None
        order = (own, note.when or dt.date.min, n)
        stance = Stance(
            note.party,
            note.stance,
            note.id,
            note.when,
            note.source,
            note.body,
            _stale(note),
            note.certainty,
            note.certainty_note,
            not own,
        )
        cell = out.setdefault(note.point, {})
        if note.party not in cell or cell[note.party][0] <= order:
            cell[note.party] = (order, stance)
    return {k: {p: v[1] for p, v in cells.items()} for k, cells in out.items()}


def parties_of(plan: Plan, positions: Mapping[str, Mapping[str, Stance]]) -> tuple[str, ...]:
    """The version's parties, then any other party that took a position, in order of appearance."""
    extra = [p for cells in positions.values() for p in cells if p not in plan.parties]
    return tuple(dict.fromkeys([*plan.parties, *extra]))


def position_rows(
    plan: Plan, notes: Sequence[Annotation], *, every_point: bool = False
) -> tuple[tuple[str, ...], tuple[PositionRow, ...]]:
    """The parties and the matrix rows of one version, in reading order.

    Only points with a position or bracketed options, unless `every_point`.
    """
    latest = latest_positions(plan, notes)
    parties = parties_of(plan, latest)
    rows = []
    for fp in plan.flat():
        cells = latest.get(fp.key, {})
        if not (cells or fp.point.bracketed or every_point):
            continue
        rows.append(
            PositionRow(
                key=fp.key,
                label=point_label(plan, fp.key),
                title=fp.point.title,
                bracketed=fp.point.bracketed,
                options=len(fp.point.options),
                stances=tuple(cells.get(p) for p in parties),
            )
        )
    return parties, tuple(rows)


def convergence_row(plan: Plan, notes: Sequence[Annotation]) -> ConvergenceRow:
    """The progress figures of one version."""
    from peaceplan.history import side_documents, version_figures

    sides = side_documents(plan)
    parties, rows = position_rows(plan, notes, every_point=True)
    # Agreement is judged against the version's own parties (others may have commented too).
    judges = plan.parties or parties
    agreed = agreed_uncertain = 0
    for r in rows:
        cells = dict(zip(parties, r.stances))
        judged = attrs.evolve(r, stances=tuple(cells.get(p) for p in judges))
        if judged.agreed_by_all():
            agreed += 1
            agreed_uncertain += judged.uncertain()
    rejected = [r for r in rows if r.rejected()]
    return ConvergenceRow(
        **version_figures(plan),
        options=sum(len(fp.point.options) for fp in plan.flat()),
        positions=sum(1 for r in rows if any(s is not None and not s.stale for s in r.stances)),
        agreed=agreed,
        rejected=len(rejected),
        parties=len(judges),
        side_points=sum(d.points for d in sides),
        side_documents=len(sides),
        uncertain=sum(1 for r in rows if r.uncertain()),
        agreed_uncertain=agreed_uncertain,
        rejected_uncertain=sum(1 for r in rejected if not r.rejected_if_reported()),
    )


def build_status(
    versions: Sequence[Plan],
    notes: Mapping[str, Sequence[Annotation]],
    version: str,
    *,
    every_point: bool = False,
    problems: tuple[Problem, ...] = (),
) -> StatusReport:
    """Positions of `version` and convergence of all `versions` (already in lineage order);
    `problems`, the negotiation's lineage problems, go with them."""
    plans = {p.version: p for p in versions}
    plan = plans[version]
    parties, rows = position_rows(plan, notes.get(version, ()), every_point=every_point)
    conv = tuple(
        _with_unreported(convergence_row(p, notes.get(p.version, ())), p, plans) for p in versions
    )
    return StatusReport(plan.plan, version, parties, rows, conv, problems)


def _with_unreported(row: ConvergenceRow, plan: Plan, plans: Mapping[str, Plan]) -> ConvergenceRow:
    """The row of a partial version with its parent's points it does not report counted apart
    (diffed against its first parent in `plans`); a complete version's row as it is."""
    if not plan.partial:
        return row
    parent = next((plans[n] for n in parent_versions(plan, plans)), None)
    row = attrs.evolve(row, dropped=len(plan.dropped))
    if parent is None or parent is plan:
        return row
    from peaceplan.diffing import diff_plans

    n = diff_plans(parent, plan).counts()["unreported"]
    return attrs.evolve(
        row,
        compared_with=parent.version,
        unreported=n["points"],
        unreported_sub_points=n["sub_points"],
    )
