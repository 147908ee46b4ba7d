"""Words for certainty and coverage, shared by every renderer of plans and diffs.

A point or option that is not `reported` gets a small marker ("[uncertain]", "[inferred]") and its
note; a partial version says so ("partial: only reported points are listed; reported dropped:
3"). Plain, unescaped text: each renderer escapes it for its own format.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from peaceplan.diffing.model import Change, PlanDiff
from peaceplan.model import Option, Plan, Point
from peaceplan.render.describe import option_label
from peaceplan.text import one_line


def marked(item: Point | Option) -> bool:
    """True when the record is less sure of `item` than `reported`."""
    return item.certainty != "reported"


def marker(item: Point | Option) -> str:
    """ "[uncertain]" or "[inferred]" for the item itself; "" when reported."""
    return f"[{item.certainty}]" if marked(item) else ""


def note_phrase(item: Point | Option, label: str = "") -> str:
    """ "uncertain: why" (with `label`: "option A inferred: why"); "" when reported."""
    if not marked(item):
        return ""
    head = f"{label} {item.certainty}" if label else item.certainty
    return one_line(f"{head}: {item.certainty_note}" if item.certainty_note else head)


def _option_words(options: tuple[Option, ...]) -> list[str]:
    """ "options inferred" (all of them), "option A uncertain", "options A, C inferred"."""
    by_certainty: dict[str, list[str]] = {}
    for i, o in enumerate(options):
        if marked(o):
            by_certainty.setdefault(o.certainty, []).append(option_label(i))
    words = []
    for certainty, labels in by_certainty.items():
        if len(labels) == len(options) > 1:
            words.append(f"options {certainty}")
        else:
            words.append(f"option{'s' if len(labels) > 1 else ''} {', '.join(labels)} {certainty}")
    return words


def point_words(point: Point) -> list[str]:
    """What is not reported about a point and its options: ["uncertain", "options inferred"]."""
    return ([point.certainty] if marked(point) else []) + _option_words(point.options)


def point_marker(point: Point) -> str:
    """The point's marker with its options': "[uncertain]", "[options inferred]", or ""."""
    words = point_words(point)
    return f"[{'; '.join(words)}]" if words else ""


def _side_words(plan: Plan, keys: Iterable[str]) -> list[str]:
    words: list[str] = []
    for key in keys:
        point = plan.get(key)
        if point is not None:
            words += [w for w in point_words(point) if w not in words]
    return words


def change_marker(d: PlanDiff, c: Change) -> str:
    """The marker of a change: its new points' ("[uncertain]"), else for a removed point its old
    ones'; "[was uncertain]" when only the old side was unsure. "" when all is reported."""
    words = _side_words(d.new, c.new) if c.new else _side_words(d.old, c.old)
    if words:
        return f"[{'; '.join(words)}]"
    if c.new and c.old:
        old = _side_words(d.old, c.old)
        if old:
            return f"[was {'; '.join(old)}]"
    return ""


def coverage_phrase(plan: Plan) -> str | None:
    """ "partial: only reported points are listed; reported dropped: 3"; None for a complete
    version that drops nothing (the default, not worth a line)."""
    parts = []
    if plan.partial:
        parts.append("partial: only reported points are listed")
    if plan.dropped:
        parts.append("reported dropped: " + ", ".join(plan.dropped))
    return one_line("; ".join(parts)) if parts else None


def certainty_summary(plan: Plan) -> str | None:
    """ "6 points uncertain, 4 options inferred" over the whole version; None when all is
    reported."""
    points = Counter(fp.point.certainty for fp in plan.flat() if marked(fp.point))
    options = Counter(o.certainty for fp in plan.flat() for o in fp.point.options if marked(o))
    parts = [
        f"{n} {noun}{'s' if n != 1 else ''} {certainty}"
        for counts, noun in ((points, "point"), (options, "option"))
        for certainty, n in sorted(counts.items())
    ]
    return ", ".join(parts) or None
