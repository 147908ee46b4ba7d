"""Three-way merge of one point's own fields (title, text, topics, options, number, id,
certainty and its note, sources).

Sub-points are not handled here: every point, sub-points included, is merged on its own and the
tree is rebuilt by the plan-level merge. A field changed on one side is taken; the same change on
both sides is taken once; text and titles changed on both sides merge word by word.
"""

from __future__ import annotations

from typing import Any, cast

import attrs

from peaceplan.merging.text3 import merge_text
from peaceplan.model import Option, Point

# The wording of the option that stands for "this side deleted the point"; choosing it deletes it.
DELETED = "[deleted]"


@attrs.frozen
class FieldMerge:
    """The merged point (sub-points left empty) and why it is conflicted, if it is."""

    point: Point
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    # (ours, theirs) when both sides changed the point's id differently: the point keeps the
    # base's id, and the plan lists the conflict under `conflicts` as `points.KEY.id`
    ids: tuple[str | None, str | None] | None = None


def content(point: Point) -> tuple[Any, ...]:
    """What an edit changes: every own field but the number (renumbering is not an edit)."""
    return (
        point.id,
        point.title,
        point.text,
        point.topics,
        point.options,
        point.conflict,
        point.certainty,
        point.certainty_note,
        point.sources,
    )


def _pick(base: object, ours: object, theirs: object) -> tuple[object, bool]:
    """Scalar three-way merge: (value, True when both sides changed it differently; ours wins)."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def merge_set(
    base: tuple[str, ...], ours: tuple[str, ...], theirs: tuple[str, ...]
) -> tuple[Any, ...]:
    """Tags as sets: additions of both sides kept, removals of either side applied; ours' order."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    removed = (set(base) - set(ours)) | (set(base) - set(theirs))
    out = [t for t in ours if t not in removed]
    out += [t for t in theirs if t not in removed and t not in out]
    return tuple(out)


def _sure(option: Option | None) -> tuple[str, str | None]:
    """An option's certainty and note (an absent option's are the defaults)."""
    return (option.certainty, option.certainty_note) if option else ("reported", None)


def merge_options(
    base: tuple[Option, ...],
    ours: tuple[Option, ...],
    theirs: tuple[Option, ...],
    labels: tuple[str, str],
) -> tuple[tuple[Option, ...], list[str]]:
    """Bracketed options keyed by `by`; an option changed differently on both sides (its
    wording, or its certainty) becomes a pair `by (label)` of both sides' versions of it,
    placed first (as every merge alternative is)."""
    if ours == theirs or theirs == base:
        return ours, []
    if ours == base:
        return theirs, []
    b = {x.by: x for x in base}
    o = {x.by: x for x in ours}
    t = {x.by: x for x in theirs}
    order = list(o) + [k for k in t if k not in o]
    pairs: list[Option] = []
    out: list[Option] = []
    reasons: list[str] = []
    for by in order:
        bo, oo, to = b.get(by), o.get(by), t.get(by)
        bt, ot, tt = (x.text if x is not None else None for x in (bo, oo, to))
        kept: Option | None
        if oo == to or to == bo:
            kept = oo
        elif oo == bo:
            kept = to
        else:
            m = merge_text(bt or "", ot, tt) if ot is not None and tt is not None else None
            # Certainty as a scalar field: one side's change is taken; both: part of the pair.
            sure, clash = _pick(_sure(bo), _sure(oo), _sure(to))
            if m is not None and not m.conflict and not clash:
                kept = Option(by, m.ours, *sure)  # type: ignore[misc]
            else:
                worded = (ot, tt) if m is None or m.conflict else (m.ours, m.ours)
                for n, (x, text) in enumerate(zip((oo, to), worded)):
                    pairs.append(
                        Option(f"{by} ({labels[n]})", DELETED if text is None else text, *_sure(x))
                    )
                how = "deleted on one side, reworded on the other" if m is None else "reworded"
                how = how if m is None or m.conflict else "certainty changed"
                reasons.append(f"option {by!r} {how}" + (" differently on both sides" if m else ""))
                continue
        if kept is not None:
            out.append(kept)
    return tuple(pairs + out), reasons


def bracket_titles(titles: list[str]) -> str:
    """Alternative titles written the negotiators' way: `[first] [second]`."""
    return " ".join(f"[{t}]" for t in titles)


def split_titles(title: str, n: int) -> list[str] | None:
    """The alternatives of a title written by bracket_titles, when it has exactly `n`."""
    if not (title.startswith("[") and title.endswith("]")):
        return None
    parts = title[1:-1].split("] [")
    return parts if len(parts) == n else None


def merge_point(
    base: Point | None, ours: Point, theirs: Point, labels: tuple[str, str]
) -> FieldMerge:
    """Merge one point present on both sides (`base` None when both sides added it)."""
    picked, _ = _pick(base.number if base else None, ours.number, theirs.number)
    number = cast("str | None", picked)
    if ours == theirs or (base is not None and content(theirs) == content(base)):
        return FieldMerge(attrs.evolve(ours, number=number, points=()))
    if base is not None and content(ours) == content(base):
        return FieldMerge(attrs.evolve(theirs, number=number, points=()))
    if base is None:  # added on both sides (same id): merge against an empty point
        base = Point(text="", title=None, id=ours.id)
    reasons: list[str] = []
    notes: list[str] = []
    ident, clash = _pick(base.id, ours.id, theirs.id)
    ids = (ours.id, theirs.id) if clash else None
    if clash:  # neither side's id is taken unsaid: the base's stays until one is chosen
        ident = base.id
    title = ours.title
    title_clash = False
    if ours.title != theirs.title:
        if base.title in (ours.title, theirs.title):
            title = theirs.title if ours.title == base.title else ours.title
        elif ours.title is None or theirs.title is None:
            title_clash = True
        else:
            mt = merge_text(base.title or "", ours.title, theirs.title)
            title = mt.text
            title_clash = mt.conflict
        if title_clash:
            title = bracket_titles([ours.title or "", theirs.title or ""])
            reasons.append("title changed differently on both sides")
    topics = merge_set(base.topics, ours.topics, theirs.topics)
    options, why = merge_options(base.options, ours.options, theirs.options, labels)
    reasons += why
    mt = merge_text(base.text, ours.text, theirs.text)
    flag, _ = _pick(base.conflict, ours.conflict, theirs.conflict)
    marks = ((ours.certainty, ours.certainty_note), (theirs.certainty, theirs.certainty_note))
    sure, sure_clash = _pick((base.certainty, base.certainty_note), *marks)
    if sure_clash:  # the point keeps the base's; each side's goes with its alternative
        reasons.append("certainty changed differently on both sides")
        sure = (base.certainty, base.certainty_note)
    if mt.conflict or title_clash or sure_clash:
        if mt.conflict:
            reasons.insert(0, "text changed differently on both sides")
        # Each side's own wording, as that version wrote it (not spliced with the other's edits).
        worded = (ours.text, theirs.text) if mt.conflict else (mt.ours, mt.ours)
        if not sure_clash:
            marks = (("reported", None), ("reported", None))
        sides = (Option(labels[0], worded[0], *marks[0]), Option(labels[1], worded[1], *marks[1]))
        options = sides + tuple(x for x in options if x not in sides)
        text = (base.text or mt.ours) if mt.conflict else mt.ours
        flag = True
    else:
        text = mt.ours
        flag = bool(flag) or bool(why)
    merged = Point(
        text=text,
        id=ident,  # type: ignore[arg-type]
        number=number,
        title=title,
        topics=topics,
        options=options,
        conflict=bool(flag),
        certainty=sure[0],  # type: ignore[index]
        certainty_note=sure[1],  # type: ignore[index]
        sources=merge_set(base.sources, ours.sources, theirs.sources),
    )
    return FieldMerge(merged, tuple(reasons), tuple(notes), ids)


def delete_edit(base: Point, kept: Point, deleted_by: int, labels: tuple[str, str]) -> FieldMerge:
    """One side deleted the point, the other edited it: keep it, bracketed, with both choices."""
    kept_label = labels[1 - deleted_by]
    choices = [Option(labels[deleted_by], DELETED), Option(kept_label, kept.text)]
    if deleted_by == 1:
        choices.reverse()
    options = tuple(choices) + tuple(x for x in kept.options if x not in choices)
    point = attrs.evolve(kept, text=base.text, options=options, conflict=True, points=())
    reason = f"deleted by {labels[deleted_by]}, edited by {kept_label}"
    return FieldMerge(point, (reason,))
