"""Three-way merge of a plan's own fields (title, date, status, sources...), with conflicts.

A field changed by one side is taken from it; the same change on both sides once. A scalar field
both sides changed differently is a conflict: the merged plan keeps the base value and records
both sides' values, attributed, in its `conflicts` list (model.FieldConflict) until `resolve`
takes one. Lists (parties, sources, based_on, dropped) merge as sets and never conflict: the
items either side added are kept, the items either side removed go, in ours' order followed by
theirs' additions (the order of a list of parties or sources carries no meaning).
"""

from __future__ import annotations

from peaceplan.model import FieldConflict, FieldOption


def empty(value: object) -> object:
    """A field's value as a conflict records it: an empty list and an absent value are None."""
    return None if value == () else value


def merge_list(
    base: tuple[str, ...], ours: tuple[str, ...], theirs: tuple[str, ...]
) -> tuple[str, ...]:
    """A list field as a set: additions of both sides kept, removals of either applied."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    removed = (set(base) - set(ours)) | (set(base) - set(theirs))
    out = [x for x in ours if x not in removed]
    out += [x for x in theirs if x not in removed and x not in out]
    return tuple(out)


def merge_field(
    name: str,
    base: object,
    ours: object,
    theirs: object,
    labels: tuple[str, str],
    *,
    is_list: bool = False,
) -> tuple[object, FieldConflict | None]:
    """One plan-level field three-way: (the merged value, the conflict if both sides changed it
    differently; the value is then the base's)."""
    if is_list:
        return merge_list(base or (), ours or (), theirs or ()), None  # type: ignore[arg-type]
    if ours == theirs or theirs == base:
        return ours, None
    elif ours == base:
        return theirs, None
    options = (FieldOption(labels[0], empty(ours)), FieldOption(labels[1], empty(theirs)))
    return base, FieldConflict(name, empty(base), options)


def merge_conflicts(
    base: tuple[FieldConflict, ...],
    ours: tuple[FieldConflict, ...],
    theirs: tuple[FieldConflict, ...],
    new: list[FieldConflict],
) -> tuple[FieldConflict, ...]:
    """The conflicts the merged plan carries: those of this merge, then those the sides still
    had (one settled by either side since the base is gone), one per field, this merge's first."""
    settled = (set(base) - set(ours)) | (set(base) - set(theirs))
    out = list(new)
    seen = {c.field for c in new}
    for c in (*ours, *theirs):
        if c not in settled and c.field not in seen:
            out.append(c)
            seen.add(c.field)
    return tuple(out)


def short(value: object, width: int = 60) -> str:
    """A field value as a conflict message shows it (lists joined, long text cut)."""
    if value is None or value == ():
        return "(none)"
    text = ", ".join(value) if isinstance(value, tuple) else str(value)
    return repr(text if len(text) <= width else text[: width - 1] + "…")
