"""Small builders for diff tests: plans in code and hand-made alignments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from peaceplan.aligning.model import Alignment, Match
from peaceplan.model import Plan, Point


def pt(number: str | None, text: str, *, id: str | None = None, **kw) -> Point:
    """A point; keyword arguments are other Point fields (title, topics, points...)."""
    if "points" in kw:
        kw["points"] = tuple(kw["points"])
    if "topics" in kw:
        kw["topics"] = tuple(kw["topics"])
    return Point(text=text, number=number, id=id, **kw)


def plan(version: str, points: Iterable[Point]) -> Plan:
    return Plan(plan="test", version=version, points=tuple(points))


def numbered(version: str, texts: Sequence[str], start: int = 1) -> Plan:
    """A flat plan whose points are numbered start, start+1..."""
    return plan(version, [pt(str(start + i), t) for i, t in enumerate(texts)])


def alignment(
    old: Plan,
    new: Plan,
    groups: Iterable[tuple[Sequence[str], Sequence[str]]],
    *,
    method: str = "content",
    score: float = 0.9,
) -> Alignment:
    """An alignment from (old keys, new keys) groups; every other point is unmatched.

    Groups whose text is identical get method `exact` and score 1.0.
    """
    matches = []
    for o, n in groups:
        same = " ".join(old.get(k).text for k in o) == " ".join(new.get(k).text for k in n)
        matches.append(
            Match(tuple(o), tuple(n), "exact" if same else method, 1.0 if same else score)
        )
    matches.sort(key=lambda m: new.locate(m.new[0]).index)
    used_old = {k for m in matches for k in m.old}
    used_new = {k for m in matches for k in m.new}
    return Alignment(
        old=old,
        new=new,
        matches=tuple(matches),
        unmatched_old=tuple(fp.key for fp in old.flat() if fp.key not in used_old),
        unmatched_new=tuple(fp.key for fp in new.flat() if fp.key not in used_new),
    )


def by_text(old: Plan, new: Plan) -> Alignment:
    """Align points with identical text one to one (first come, first served)."""
    free: dict[str, list[str]] = {}
    for fp in new.flat():
        free.setdefault(fp.point.text, []).append(fp.key)
    groups = []
    for fp in old.flat():
        keys = free.get(fp.point.text)
        if keys:
            groups.append(([fp.key], [keys.pop(0)]))
    return alignment(old, new, groups)


def show(segments) -> str:
    """A redline as [-deleted-]{+inserted+} text."""
    out = []
    for s in segments:
        if s.op == "equal":
            out.append(s.text)
        elif s.op == "delete":
            out.append(f"[-{s.text}-]")
        else:
            out.append(f"{{+{s.text}+}}")
    return "".join(out)
