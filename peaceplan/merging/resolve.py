"""Settle a bracketed point by choosing one of its options (how a merge conflict is resolved).

A merge puts the two alternatives of a conflict first among a point's options: the two sides'
wordings (`by` = their version names; `[deleted]` when a side deleted the point), or a pair
`X (ours)` / `X (theirs)` for an option both sides reworded. Any further options are brackets
the sides already had, and stay. On a bracketed point without a conflict, taking an option
makes it the agreed wording and drops the brackets.

A plan-level field in conflict (an entry of the plan's `conflicts`) is settled the same way, by
its name (`title`, `documents.ID.title`): take an option by number or `by`, `ours` / `theirs`
(the first and second option, as the merge wrote them), or `base` (the value the field kept).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

import attrs

from peaceplan.errors import ResolveConflictError
from peaceplan.merging.points import DELETED, split_titles
from peaceplan.model import FieldConflict, FlatPoint, Option, Plan, Point

_PAIRED = re.compile(r"(.+) \((.+)\)\Z")


def find_point(plan: Plan, spec: str) -> FlatPoint:
    """The point named `spec`: its key, else its full number (`10.a`), else its plain number."""
    fp = plan.locate(spec)
    if fp is None:
        found = [f for f in plan.flat() if spec in (f.full_number, f.point.number)]
        fp = found[0] if len(found) == 1 else None
    if fp is None:
        where = f"{plan.path}: " if plan.path else ""
        open_ = [f.key for f in plan.flat() if f.point.conflict]
        fields = [c.field for c in plan.conflicts]
        hint = f"; conflicted points: {', '.join(open_)}" if open_ else ""
        hint += f"; fields in conflict: {', '.join(fields)}" if fields else ""
        hint = hint or "; no conflict remains"
        raise ResolveConflictError(f"{where}no point {spec!r}{hint}")
    return fp


def choose(point: Point, take: str, name: str = "") -> int:
    """The index of the option `take` names: a 1-based index, the option's `by` (any case), or
    on a merge conflict `ours` / `theirs` (the first / second alternative)."""
    if take.isdigit() and 1 <= int(take) <= len(point.options):
        return int(take) - 1
    wanted = take.casefold()
    tests: tuple[Callable[[str], bool], ...] = (
        lambda by: by.casefold() == wanted,
        lambda by: by.casefold().startswith(wanted + " (") or by.casefold().endswith(f"({wanted})"),
    )
    for test in tests:
        hits = [i for i, o in enumerate(point.options) if test(o.by)]
        if len(hits) == 1:
            return hits[0]
    sides = {"ours": 0, "theirs": 1}  # a merge puts ours' alternative first, theirs' second
    if point.conflict and wanted in sides and len(point.options) >= 2:
        return sides[wanted]
    listed = ", ".join(f"{i + 1}={o.by}" for i, o in enumerate(point.options)) or "none"
    raise ResolveConflictError(f"{name}no option {take!r} (options: {listed})")


def _pair(options: tuple[Option, ...]) -> str | None:
    """The contested option's name when the first two options are an `X (a)`/`X (b)` pair."""
    if len(options) < 2:
        return None
    a, b = (_PAIRED.match(o.by) for o in options[:2])
    if a and b and a[1] == b[1] and a[2] != b[2]:
        return a[1]
    return None


def _sure(option: Option) -> tuple[str, str | None]:
    """An option's certainty and its note."""
    return option.certainty, option.certainty_note


def _worded(point: Point, chosen: Option) -> Point:
    """`point` worded as `chosen`, options gone; with the option's certainty when it is not
    reported (an inferred wording taken stays inferred), else with the point's own."""
    sure = point if chosen.certainty == "reported" else chosen
    return attrs.evolve(
        point,
        text=chosen.text,
        options=(),
        certainty=sure.certainty,
        certainty_note=sure.certainty_note,
    )


def take_option(point: Point, index: int) -> Point | None:
    """The point with option `index` taken (None when the choice deletes the point)."""
    chosen = point.options[index]
    if not point.conflict:
        return _worded(point, chosen)
    contested = _pair(point.options)
    if contested is not None and index < 2:
        rest = point.options[2:]
        kept = () if chosen.text == DELETED else (attrs.evolve(chosen, by=contested),)
        options = kept + rest
        return attrs.evolve(point, options=options, conflict=_pair(rest) is not None)
    if index < 2:
        if chosen.text == DELETED:
            return None
        title = point.title
        titles = split_titles(title, 2) if title else None
        if titles is not None:
            title = titles[index] or None
        rest = point.options[2:]
        sure = (point.certainty, point.certainty_note)
        if len(point.options) > 1 and _sure(point.options[0]) != _sure(point.options[1]):
            sure = _sure(chosen)  # the sides' certainties conflicted: the chosen side's goes too
        return attrs.evolve(
            point,
            text=chosen.text,
            title=title,
            options=rest,
            conflict=_pair(rest) is not None,
            certainty=sure[0],
            certainty_note=sure[1],
        )
    rest = tuple(o for i, o in enumerate(point.options[2:], 2) if i != index)
    titled = point.title is not None and split_titles(point.title, 2) is not None
    if contested is None and (titled or _sure(point.options[0]) != _sure(point.options[1])):
        # The titles (or certainties) conflicted too: the text is settled, they are not. The
        # two sides' alternatives stay (with the text taken) for choosing them.
        sides = tuple(attrs.evolve(o, text=chosen.text) for o in point.options[:2])
        return attrs.evolve(point, text=chosen.text, options=sides + rest)
    return attrs.evolve(_worded(point, chosen), options=rest, conflict=_pair(rest) is not None)


def resolve_point(plan: Plan, point: str, take: str) -> Plan:
    """`plan` with the bracketed `point` settled by taking option `take` (index or `by`)."""
    fp = find_point(plan, point)
    where = f"{plan.path}: point {fp.key}: " if plan.path else f"point {fp.key}: "
    if not fp.point.options:
        raise ResolveConflictError(f"{where}has no options to choose from")
    return _replace(plan, fp.point, take_option(fp.point, choose(fp.point, take, where)))


def deleted_with(before: Plan, after: Plan, point: str) -> list[str]:
    """The sub-points of `point` that went with it when settling it deleted it (those still
    in conflict marked so): what `resolve` says, since they are gone without being chosen."""
    fp = before.locate(point)
    if fp is None or after.locate(point) is not None:
        return []
    flat = before.flat()
    out = []
    for sub in flat[fp.index + 1 :]:
        if sub.depth <= fp.depth or sub.document != fp.document:
            break
        out.append(sub.key + (" (in conflict)" if sub.point.conflict else ""))
    return out


def _replace(plan: Plan, target: Point, new: Point | None) -> Plan:
    """`plan` with the point `target` (by identity) replaced by `new`, or removed when None."""

    def walk(points: tuple[Point, ...]) -> tuple[Point, ...]:
        out: list[Point] = []
        for p in points:
            if p is target:
                if new is not None:
                    out.append(new)
                continue
            kids = walk(p.points)
            out.append(p if kids == p.points else attrs.evolve(p, points=kids))
        return tuple(out)

    if plan.documents:
        docs = tuple(attrs.evolve(d, points=walk(d.points)) for d in plan.documents)
        return attrs.evolve(plan, documents=docs)
    return attrs.evolve(plan, points=walk(plan.points))


def _field_value(plan: Plan, field: str, value: object) -> dict[str, object]:
    """The keyword arguments that give `plan` the field `field` = `value` (None: left out)."""
    if field.startswith("points.") and field.endswith(".id"):
        fp = find_point(plan, field[len("points.") : -len(".id")])
        renamed = _replace(plan, fp.point, attrs.evolve(fp.point, id=cast("str | None", value)))
        return {"points": renamed.points, "documents": renamed.documents}
    if field.startswith("documents."):
        doc_id = field[len("documents.") : -len(".title")]
        title = cast("str | None", value)
        docs = tuple(attrs.evolve(d, title=title) if d.id == doc_id else d for d in plan.documents)
        return {"documents": docs}
    default = attrs.fields_dict(Plan)[field].default
    if value is None:
        value = default
    elif isinstance(default, tuple) and isinstance(value, list):
        value = tuple(value)
    return {field: value}


def choose_value(conflict: FieldConflict, take: str, name: str = "") -> object:
    """The value `take` names among a field conflict's options: a 1-based index, an option's
    `by` (any case), `ours` / `theirs` (the first / second option) or `base`."""
    wanted = take.casefold()
    if take.isdigit() and 1 <= int(take) <= len(conflict.options):
        return conflict.options[int(take) - 1].value
    hits = [o for o in conflict.options if o.by.casefold() == wanted]
    if len(hits) == 1:
        return hits[0].value
    sides = {"ours": 0, "theirs": 1}
    if wanted in sides and len(conflict.options) > sides[wanted]:
        return conflict.options[sides[wanted]].value
    if wanted == "base":
        return conflict.base
    listed = ", ".join(f"{i + 1}={o.by}" for i, o in enumerate(conflict.options))
    raise ResolveConflictError(f"{name}no option {take!r} (options: {listed}, base)")


def resolve_field(plan: Plan, field: str, take: str) -> Plan:
    """`plan` with the plan-level conflict on `field` settled by taking option `take`."""
    conflict = next((c for c in plan.conflicts if c.field == field), None)
    where = f"{plan.path}: " if plan.path else ""
    if conflict is None:
        open_ = [c.field for c in plan.conflicts]
        hint = f"; fields in conflict: {', '.join(open_)}" if open_ else ""
        raise ResolveConflictError(f"{where}no conflict on field {field!r}{hint}")
    key = field[len("points.") : -len(".id")] if field.startswith("points.") else None
    if key is not None and field.endswith(".id") and plan.locate(key) is None:
        raise ResolveConflictError(
            f"{where}field {field}: no point {key!r} in the file any more (its id edited by "
            "hand?); set the id yourself and delete this entry of `conflicts:`"
        )
    value = choose_value(conflict, take, f"{where}field {field}: ")
    rest = tuple(c for c in plan.conflicts if c is not conflict)
    return attrs.evolve(plan, conflicts=rest, **_field_value(plan, field, value))  # type: ignore[arg-type]


def resolve_conflict(plan: Plan, name: str, take: str) -> Plan:
    """Settle `name`: a plan-level field in conflict when the plan's `conflicts` name it (while
    they do, the name means the field), else a bracketed point (see resolve_point)."""
    if any(c.field == name for c in plan.conflicts):
        return resolve_field(plan, name, take)
    return resolve_point(plan, name, take)
