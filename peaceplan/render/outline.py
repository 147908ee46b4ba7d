"""A plan as plain lines for git (`git diff`, `git log -p` via the textconv driver).

One block per point: a heading line (number, key, title), the wording on one line, then options,
topics, certainty ("[uncertain] why"), sources and a conflict flag each on a line of their own;
sub-points indented under their parent.
A changed point shows up in a line diff as that point's lines, not as YAML syntax.
"""

from __future__ import annotations

from peaceplan.model import Option, Plan, Point, full_number
from peaceplan.text import one_line, terminal_safe


def _clean(text: str) -> str:
    return one_line(terminal_safe(text))


def plan_outline(plan: Plan) -> str:
    """The text rendering used for line diffs of plan files (plain text, no colour)."""
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
    if plan.documents:
        for doc in plan.documents:
            out += ["", _clean(f"== {doc.id}" + (f": {doc.title}" if doc.title else "") + " ==")]
            _points(doc.points, None, 0, out)
    else:
        _points(plan.points, None, 0, out)
    return "\n".join(out) + "\n"


def _points(points: tuple[Point, ...], parent: str | None, depth: int, out: list[str]) -> None:
    pad = "    " * depth
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
        _points(point.points, number, depth + 1, out)


def _unsure(item: Point | Option) -> str:
    """ "[uncertain] why" for a point or option that is not reported."""
    return f"[{item.certainty}]" + (f" {item.certainty_note}" if item.certainty_note else "")
