"""A plan as plain lines for git (`git diff`, `git log -p` via the textconv driver).

One block per point: a heading line (number, key, title), the wording on one line, then options,
topics, certainty ("[uncertain] why"), sources, a conflict flag and the file's comments about the
point each on a line of their own; sub-points indented under their parent.
A changed point shows up in a line diff as that point's lines, not as YAML syntax.
"""

from __future__ import annotations

from collections.abc import Sequence

from peaceplan.io.comments import Comment
from peaceplan.model import Option, Plan, Point, full_number
from peaceplan.text import one_line, terminal_safe


def _clean(text: str) -> str:
    return one_line(terminal_safe(text))


def plan_outline(plan: Plan, comments: Sequence[Comment] = ()) -> str:
    """The text rendering used for line diffs of plan files (plain text, no colour).

    `comments` (read_comments of the file) are shown under the point, document or header they
    are about, so that a comment changed is a line changed in `git diff`, not nothing.
    """
    by_place: dict[tuple[str, str | None], list[str]] = {}
    for c in comments:
        head = c.anchor[0] if c.anchor and c.anchor[0] in ("pt", "doc", "end") else "plan"
        place = (head, str(c.anchor[1]) if head in ("pt", "doc") else None)
        by_place.setdefault(place, []).append(_clean(c.text))
    keys = {id(fp.point): fp.key for fp in plan.flat()}
    out = [_clean(f"{plan.qualified}" + (f": {plan.title}" if plan.title else ""))]
    meta = [
        ("date", plan.date.isoformat() if plan.date else ""),
        ("proposed by", plan.proposed_by or ""),
        ("status", plan.status or ""),
        ("coverage", plan.coverage if plan.partial else ""),
        ("dropped", ", ".join(plan.dropped)),
        ("based on", ", ".join(plan.based_on)),
        ("parties", ", ".join(plan.parties)),
        ("language", plan.language or ""),
        ("coverage", plan.coverage if plan.partial else ""),
        ("dropped", ", ".join(plan.dropped)),
    ]
    out += [f"{k}: {_clean(v)}" for k, v in meta if v]
    out += [f"source: {_clean(s)}" for s in plan.sources]
    for conflict in plan.conflicts:
        out.append(_clean(f"CONFLICT: {conflict.field}: {_value(conflict.base)} until resolved"))
        out += [
            "  " + _clean(f"option {n} ({o.by}): {_value(o.value)}")
            for n, o in enumerate(conflict.options, 1)
        ]
    out += by_place.get(("plan", None), [])
    if plan.documents:
        for doc in plan.documents:
            out += ["", _clean(f"== {doc.id}" + (f": {doc.title}" if doc.title else "") + " ==")]
            out += by_place.get(("doc", doc.id), [])
            _points(doc.points, None, 0, out, (keys, by_place))
    else:
        _points(plan.points, None, 0, out, (keys, by_place))
    if ("end", None) in by_place:
        out += ["", *by_place[("end", None)]]
    return "\n".join(out) + "\n"


_Notes = tuple[dict[int, str], dict[tuple[str, str | None], list[str]]]


def _points(
    points: tuple[Point, ...],
    parent: str | None,
    depth: int,
    out: list[str],
    notes: _Notes = ({}, {}),
) -> None:
    pad = "    " * depth
    keys, by_place = notes
    for point in points:
        number = full_number(parent, point.number)
        head = [f"{number}." if number else "-"]
        if point.id:
            head.append(f"[{point.id}]")
        if point.title:
            head.append(point.title)
        out.append("")
        out.append(pad + _clean(" ".join(head)))
        out.append(pad + "  " + _clean(point.text))
        if point.certainty != "reported":
            out.append(pad + "  " + _clean(_unsure(point)))
        for n, option in enumerate(point.options, 1):
            mark = f" [{option.certainty}]" if option.certainty != "reported" else ""
            out.append(pad + "  " + _clean(f"option {n} ({option.by}){mark}: {option.text}"))
            if mark:
                out.append(pad + "  " + _clean(f"option {n} {_unsure(option)}"))
        if point.topics:
            out.append(pad + "  " + _clean("topics: " + ", ".join(point.topics)))
        out += [pad + "  " + _clean(f"source: {s}") for s in point.sources]
        if point.conflict:
            out.append(pad + "  CONFLICT: unresolved merge conflict (peaceplan resolve)")
        out += [pad + "  " + c for c in by_place.get(("pt", keys.get(id(point))), [])]
        _points(point.points, number, depth + 1, out, notes)


def _value(value: object) -> str:
    """A field's value in a conflict: 'text', 2025-11-20, a list as 'a', 'b', or (none)."""
    if value is None or value == ():
        return "(none)"
    if isinstance(value, (tuple, list)):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, str):
        return repr(value)
    return str(value.isoformat() if hasattr(value, "isoformat") else value)


def _unsure(item: Point | Option) -> str:
    """ "[uncertain] why" for a point or option that is not reported."""
    return f"[{item.certainty}]" + (f" {item.certainty_note}" if item.certainty_note else "")
