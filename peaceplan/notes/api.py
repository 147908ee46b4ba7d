"""The notes API: the same operations as `peaceplan note|blame|status|log --point`, from Python.

Versions are given as names (`us-28`, `ukraine-2025/us-28`), paths or Plan objects; `plans` is the
plans folder (a path or a Library; default: $PEACEPLAN_PLANS or the nearest `plans/`).
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from peaceplan.errors import ResolveError, UsageError, did_you_mean
from peaceplan.model import CERTAINTIES, Plan, PlanLike
from peaceplan.notes.model import KINDS, PAX_RE, POINT_STATUSES, STANCES, Annotation

if TYPE_CHECKING:
    from peaceplan.library import Library, PlansLike
    from peaceplan.notes.carry import CarryReport
    from peaceplan.notes.lineage import Blame, PointTrace
    from peaceplan.notes.status import ConvergenceRow, StatusReport

# How close words must be to a quote that does not occur to be suggested instead.
HINT_CUTOFF = 0.6


class NoteWarning(UserWarning):
    """Something worth saying about a note that is not an error (a quote that occurs twice)."""


def _library(plans: PlansLike) -> Library:
    from peaceplan.library import open_library

    return open_library(plans)


def _resolve(spec: PlanLike, plans: PlansLike) -> Plan:
    if isinstance(spec, Plan):
        return spec
    return _library(plans).resolve(os.fspath(spec))


def notes_file(plan: Plan) -> Path:
    """The notes file of a version: `notes/<version>.yaml` beside its plan file."""
    from peaceplan.notes.store import notes_path

    if not plan.path or not Path(plan.path).is_file():
        raise UsageError(
            f"{plan.qualified}: notes belong to a version stored in a file "
            "(not standard input or a git object)"
        )
    path = notes_path(plan.path, plan.version)
    from peaceplan.library import inside

    home = Path(plan.path).parent.parent.resolve()  # the plans folder
    if not inside(path, home):
        raise UsageError(
            f"{path}: a symbolic link leading out of {home}; notes are not read or written there"
        )
    return path


def resolve_point(plan: Plan, point: str) -> str:
    """The key of the point the user named: its key, or its (full) number."""
    if plan.get(point) is not None:
        return point
    wanted = point.lstrip("#")
    by_number = [fp.key for fp in plan.flat() if fp.full_number == wanted]
    if len(by_number) == 1:
        return by_number[0]
    from peaceplan.notes.keys import stable_key

    stable = stable_key(plan, point)
    if stable is not None:
        raise ResolveError(
            f"{plan.qualified}: no point {point!r}; a point of a package's document with neither "
            f"id nor number is keyed by its document and place: did you mean '{stable}'?"
        )
    names = [*plan.keys(), *(fp.full_number for fp in plan.flat() if fp.full_number)]
    tip = did_you_mean(point, names, n=4, cutoff=0.5)
    raise ResolveError(f"{plan.qualified}: no point {point!r}{tip}")


def _choice(name: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise UsageError(f"`{name}=`: {value!r} is not one of {', '.join(choices)}")


def _check_types(texts: dict[str, object], dates: dict[str, object]) -> None:
    """Refuse an argument of the wrong type up front, naming it: a date given as "2025-11-24"
    was blamed on a line of the notes file, a number as text failed with an AttributeError."""
    for name, value in texts.items():
        if value is not None and not isinstance(value, str):
            raise UsageError(f"`{name}=` must be text, not {type(value).__name__} {value!r}")
    for name, value in dates.items():
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            raise UsageError(
                f"`{name}=` must be a datetime.date (datetime.date(2025, 11, 24)), "
                f"not {type(value).__name__} {value!r}"
            )


def add_note(
    version: PlanLike,
    point: str,
    body: str | None = None,
    *,
    quote: str | None = None,
    kind: str | None = None,
    party: str | None = None,
    stance: str | None = None,
    tag: str | None = None,
    status: str | None = None,
    author: str | None = None,
    source: str | None = None,
    date: dt.date | None = None,
    created: dt.date | None = None,
    certainty: str = "reported",
    certainty_note: str | None = None,
    plans: PlansLike = None,
) -> Annotation:
    """Add an annotation to a point of a version; return it with its new id.

    The kind defaults to `position` when a party or stance is given, `tag` or `status` when only
    that is given, else `note`. A quote must occur in the point (it warns, NoteWarning, when it
    occurs more than once). `certainty` is `reported` (a source states it), `uncertain` or
    `inferred`, with `certainty_note` saying why. It warns when the point is named only by its
    place in the whole version (`#4`): an id in the plan keeps notes on it when points are
    inserted. Safe when several processes add notes to one version at once.
    """
    from peaceplan.notes.anchor import count_exact, fuzzy_hits
    from peaceplan.notes.store import append_notes

    _check_types(
        {
            "point": point,
            "body": body,
            "quote": quote,
            "kind": kind,
            "party": party,
            "stance": stance,
            "tag": tag,
            "status": status,
            "author": author,
            "source": source,
            "certainty": certainty,
            "certainty_note": certainty_note,
        },
        {"date": date, "created": created},
    )
    plan = _resolve(version, plans)
    key = resolve_point(plan, point)
    target = plan.get(key)
    assert target is not None
    if kind is None:
        if party or stance:
            kind = "position"
        elif tag and not body:
            kind = "tag"
        elif status and not body:
            kind = "status"
        else:
            kind = "note"
    _choice("kind", kind, KINDS)
    _choice("stance", stance, STANCES)
    _choice("status", status, POINT_STATUSES)
    _choice("certainty", certainty, CERTAINTIES)
    if kind == "position" and not (party and stance):
        raise UsageError("a position needs `party=` and `stance=`")
    if stance and kind != "position":
        raise UsageError("`stance=` belongs to a position (`kind=position`)")
    if kind == "tag" and not tag:
        raise UsageError("a tag annotation needs `tag=`")
    if kind == "status" and not status:
        raise UsageError("a status annotation needs `status=`")
    if kind == "note" and not (body and body.strip()):
        raise UsageError("a note needs `body=`")
    if tag and tag.startswith("pax:") and not PAX_RE.match(tag):
        raise UsageError(f"`tag=`: {tag!r} is not a PA-X code (pax:Code, e.g. pax:SsrArm)")
    texts = (("body", body), ("quote", quote), ("party", party), ("author", author))
    for name, value in (*texts, ("certainty_note", certainty_note)):
        if value is not None and not value.strip():
            raise UsageError(f"`{name}=` is empty")
    if quote is not None:
        n = count_exact(target, quote)
        if n == 0:
            hits, _ = fuzzy_hits([(key, target)], quote, cutoff=HINT_CUTOFF)
            near = f"; closest: {hits[0].text!r} ({hits[0].score:.0%})" if hits else ""
            raise UsageError(
                f"{plan.qualified} point {key}: quote {quote!r} does not occur in the point{near}"
            )
        if n > 1:
            warnings.warn(
                f"{plan.qualified} point {key}: quote {quote!r} occurs {n} times in the point",
                NoteWarning,
                stacklevel=2,
            )
    fp = plan.locate(key)
    if fp is not None and fp.document is None and fp.point.id is None and fp.full_number is None:
        warnings.warn(
            f"{plan.qualified} point {key}: named only by its place in the version; give it an "
            f"`id:` in {Path(plan.path or plan.version).name} so notes stay on it when points "
            "are inserted before it",
            NoteWarning,
            stacklevel=2,
        )
    if party and plan.parties and party not in plan.parties:
        warnings.warn(
            f"{plan.qualified}: {party!r} is not among the version's parties "
            f"({', '.join(plan.parties)})",
            NoteWarning,
            stacklevel=2,
        )
    path = notes_file(plan)

    def make(current: Any) -> list[Annotation]:
        return [
            Annotation(
                id=current.next_id(),
                point=key,
                kind=kind,
                body=body,
                quote=quote,
                party=party,
                stance=stance,
                tag=tag,
                status=status,
                author=author,
                created=created or dt.date.today(),
                date=date,
                source=source,
                certainty=certainty,
                certainty_note=certainty_note,
            )
        ]

    (added,) = append_notes(path, make, header=_header(plan))
    return added


def _header(plan: Plan) -> str:
    return f"Annotations of {plan.qualified} (peaceplan notes; see docs/annotations.md)"


def list_notes(
    version: PlanLike,
    *,
    point: str | None = None,
    party: str | None = None,
    plans: PlansLike = None,
) -> tuple[Annotation, ...]:
    """The annotations of a version, in file order (none when it has no notes file).

    `point` (a key or number) keeps those on that point, `party` that party's positions.
    """
    from peaceplan.notes.store import read_notes

    plan = _resolve(version, plans)
    notes = read_notes(notes_file(plan)).annotations
    if point is not None:
        key = resolve_point(plan, point)
        notes = tuple(n for n in notes if n.point == key)
    if party is not None:
        notes = tuple(n for n in notes if n.party == party)
    return notes


def remove_note(version: PlanLike, note_id: str, *, plans: PlansLike = None) -> Annotation:
    """Remove one annotation by id; return it."""
    from peaceplan.notes.store import remove_note as _remove

    return _remove(notes_file(_resolve(version, plans)), note_id)


def carry_notes(
    source: PlanLike, target: PlanLike, *, dry_run: bool = False, plans: PlansLike = None
) -> CarryReport:
    """Carry every annotation of `source` onto `target` through their alignment.

    Each gets an outcome (kept, moved, fuzzy, changed, ambiguous, orphaned); annotations carried
    before are not carried again. With `dry_run`, nothing is written.
    """
    from peaceplan.aligning import align
    from peaceplan.notes.carry import CarryReport, carry
    from peaceplan.notes.store import append_notes, read_notes

    old = _resolve(source, plans)
    new = _resolve(target, plans)
    if old.qualified == new.qualified and old.path == new.path:
        raise UsageError(f"{old.qualified}: carrying notes onto the same version")
    notes = read_notes(notes_file(old)).annotations
    path = notes_file(new)
    alignment = align(old, new)
    items: list[Any] = []

    def make(current: Any) -> list[Annotation]:
        items[:] = carry(
            notes,
            alignment,
            current.annotations,
            lambda taken: current.next_id(taken),
        )
        return [i.target for i in items if i.already is None]

    append_notes(path, make, header=_header(new), dry_run=dry_run)
    return CarryReport(old.qualified, new.qualified, tuple(items), dry_run, str(path))


def _lineage(plan: Plan, plans: PlansLike) -> Any:
    from peaceplan.notes.lineage import Lineage

    lib = _library(plans)  # opened once: _versions_of takes it as it is
    versions = [p for p in _versions_of(plan, lib) if p.version != plan.version]
    return Lineage([*versions, plan], others=lib.qualified_names())


def _versions_of(plan: Plan, plans: PlansLike) -> tuple[Plan, ...]:
    """Every version of the plan's negotiation: from the library, else the plan's folder."""
    from peaceplan.library import Library

    lib = _library(plans)
    if lib.root is not None and plan.plan in lib.plans():
        return lib.load_plan(plan.plan)
    if plan.path:
        folder = Path(plan.path).parent
        alt = Library.open(folder.parent)
        # the file named is the user's draft, read as given (its name is not its version's:
        # `blame minsk/draft.yaml`); its neighbours are checked as any negotiation's files
        named = Path(plan.path).resolve()
        alt = attrs.evolve(alt, refs=tuple(r for r in alt.refs if r.path.resolve() != named))
        if plan.plan in alt.plans():
            return alt.load_plan(plan.plan)
    return (plan,)


def blame(version: PlanLike, *, plans: PlansLike = None) -> Blame:
    """For each point of a version: the version and proposer that introduced its wording."""
    from peaceplan.notes.lineage import blame_version

    plan = _resolve(version, plans)
    return blame_version(_lineage(plan, plans), plan.version)


def follow_point(plan: str, point: str, *, plans: PlansLike = None) -> PointTrace:
    """Follow one point through every version of negotiation `plan`.

    `point` is `VERSION:KEY`, or a key (or number) looked up in the newest version that has it.
    """
    from peaceplan.notes.lineage import Lineage, follow

    lib = _library(plans)
    lineage = Lineage(lib.load_plan(plan), others=lib.qualified_names())
    version, sep, key = point.partition(":")
    if sep and version in lineage.plans:
        return follow(lineage, version, resolve_point(lineage.plans[version], key))
    for p in reversed(lineage.order):
        if p.get(point) is not None:
            return follow(lineage, p.version, point)
    for p in reversed(lineage.order):
        try:
            return follow(lineage, p.version, resolve_point(p, point))
        except ResolveError:
            continue
    raise ResolveError(f"{plan}: no version has a point {point!r} (try VERSION:KEY)")


def _notes_by_version(versions: Any) -> dict[str, tuple[Annotation, ...]]:
    from peaceplan.notes.store import read_notes

    out = {}
    for p in versions:
        if p.path and Path(p.path).is_file():
            out[p.version] = read_notes(notes_file(p)).annotations
    return out


def status(
    plan: str,
    version: str | None = None,
    *,
    every_point: bool = False,
    plans: PlansLike = None,
) -> StatusReport:
    """Party positions on the points of a version (default: the newest) and convergence figures
    of every version of negotiation `plan`. `plan` may name a version instead (`us-28`,
    `ukraine-2025/us-28`): its negotiation, with that version (as matrix and figures take it)."""
    from peaceplan.library import negotiation_name
    from peaceplan.lineage import lineage_order, local_version, version_of
    from peaceplan.notes.status import build_status

    lib = _library(plans)
    if plan not in lib.plans():
        name = negotiation_name(lib, plan)  # no such plan or version: close names suggested
        # the same version named twice (us-28 ukraine-2025/us-28) is no conflict
        if version is not None and local_version(version, name) != version_of(plan):
            raise UsageError(
                f"{plan} names version {version_of(plan)!r} and {version!r} is asked for too; "
                "give one version"
            )
        version = version_of(plan)
        plan = name
    versions = lineage_order(lib.load_plan(plan))
    if version is None:
        version = versions[-1].version
    names = [p.version for p in versions]
    if version not in names:
        tip = did_you_mean(version, names)
        raise ResolveError(f"{plan}: no version {version!r}{tip}")
    from peaceplan.notes.lineage import Lineage

    return build_status(
        versions,
        _notes_by_version(versions),
        version,
        every_point=every_point,
        problems=Lineage(versions, others=lib.qualified_names()).problems,
    )


def convergence(plan: str, *, plans: PlansLike = None) -> tuple[ConvergenceRow, ...]:
    """The progress figures of every version of negotiation `plan`, in lineage order."""
    return status(plan, plans=plans).convergence


def plot_convergence(plan: str | StatusReport, *, ax: Any = None, plans: PlansLike = None) -> Any:
    """A matplotlib chart of convergence across versions (needs `peaceplan[plot]`)."""
    from peaceplan.notes.frames import plot_convergence as _plot

    report = status(plan, plans=plans) if isinstance(plan, str) else plan
    return _plot(report, ax=ax)
