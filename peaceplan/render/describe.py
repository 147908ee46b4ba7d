"""Words shared by the human renderers: point labels, counts, phrases for figures and fields.

Everything here returns plain, unescaped text; each renderer escapes it for its own format
(see peaceplan.text). Keeping the wording in one place keeps the formats consistent.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from typing import Any

from peaceplan.diffing.model import (
    Change,
    FieldChange,
    Figure,
    PlanDiff,
    RenumberRun,
    Segment,
)
from peaceplan.model import Option, Plan
from peaceplan.text import one_line

# Order in which counts are listed: what changed most visibly first; unreported (unknown) after
# removed, which it must not be mistaken for.
COUNT_ORDER = ("modified", "split", "merged", "removed", "unreported", "added", "unchanged")

ARROW = "->"
# At most this many points are named in one summary sentence.
LIST_LIMIT = 20


BUDGET_WARNING = (
    "alignment stopped early on this input (its comparison budget ran out); some points reported"
    " as added or removed may have a counterpart. A larger budget lets it finish:"
    " peaceplan diff --budget N, or budget=N in Python."
)


def counts(d: PlanDiff) -> dict[str, int]:
    """How many changes of each kind (sub-points included) and how many moved."""
    return d.summary()


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def points_phrase(n: dict[str, int]) -> str:
    """ "10 points and 18 sub-points", "1 point", "3 sub-points": one entry of PlanDiff.counts()."""
    parts = []
    if n["points"]:
        parts.append(_plural(n["points"], "point"))
    if n["sub_points"]:
        parts.append(_plural(n["sub_points"], "sub-point"))
    return " and ".join(parts) or "no points"


def counts_phrase(d: PlanDiff) -> str:
    """ "3 points modified, 10 points and 18 sub-points removed, 14 points unchanged; 2 points
    moved": top-level points and sub-points counted apart (kinds with none are left out)."""
    n = d.counts()
    parts = [f"{points_phrase(n[k])} {k}" for k in COUNT_ORDER if any(n[k].values())]
    text = ", ".join(parts) or "no points"
    if any(n["moved"].values()):
        text += f"; {points_phrase(n['moved'])} moved"
    return text


def diff_repr(d: PlanDiff) -> str:
    """The one-line repr() of a diff: `<PlanDiff us-28 -> ua-20: 14 points and 2 sub-points
    modified, ...>`, counted as the text header counts."""
    # metadata changes are changes: a diff of the title alone must not read as "unchanged"
    fields = ", ".join(dict.fromkeys(m.field for m in d.metadata))
    metadata = f"; metadata changed: {fields}" if fields else ""
    # as every other format warns: some "removed" and "added" points may have a counterpart
    budget = "; alignment stopped early (budget ran out)" if d.budget_exhausted else ""
    return f"<PlanDiff {d.old.version} -> {d.new.version}: {counts_phrase(d)}{metadata}{budget}>"


def unreported_count(d: PlanDiff) -> int:
    """How many changes are `unreported` (points absent from a partial version)."""
    return sum(1 for c in d.changes if c.kind == "unreported")


def partial_phrase(d: PlanDiff) -> str | None:
    """What a partial version means for this diff, or None when neither version is partial:
    "e3-counter is partial: 9 points and 16 sub-points of us-28 not in it, unreported (not
    removed); reported dropped: #3"."""
    from peaceplan.diffing.model import depth_counts

    sides = []
    for plan, other in ((d.new, d.old), (d.old, d.new)):
        if not plan.partial:
            continue
        name, other_name = version_name(plan, other), version_name(other, plan)
        # An old point missing from the partial new version has no `new` key, and conversely.
        mine = [
            c
            for c in d.changes
            if c.kind == "unreported" and not (c.new if plan is d.new else c.old)
        ]
        text = f"{name} is partial"
        if mine:
            what = "removed" if plan is d.new else "added"
            text += (
                f": {points_phrase(depth_counts(mine))} of {other_name} not in it,"
                f" unreported (not {what})"
            )
        if plan.dropped and plan is d.new:
            text += f"; reported dropped: {refs(other, plan.dropped, ())}"
        sides.append(text)
    return "; ".join(sides) or None


def closing_phrase(d: PlanDiff) -> str | None:
    """ "No differences.", or with unreported points only "No known differences (N unreported).",
    or None when the versions differ."""
    if d.changed:
        return None
    if unreported_count(d):
        return f"No known differences ({points_phrase(d.counts()['unreported'])} unreported)."
    return "No differences."


def version_name(plan: Plan, other: Plan) -> str:
    """The version's short name, qualified by its plan when the two plans differ."""
    return one_line(plan.version if plan.plan == other.plan else plan.qualified)


def title_phrase(d: PlanDiff) -> str:
    """ "ukraine-2025: us-28 -> ua-20", or both names qualified when the plans differ."""
    if d.old.plan == d.new.plan:
        return one_line(f"{d.old.plan}: {d.old.version} {ARROW} {d.new.version}")
    return one_line(f"{d.old.qualified} {ARROW} {d.new.qualified}")


def size_phrase(plan: Plan) -> str:
    """ "28 points (+ 35 sub-points)"; a package's main text counted as `log` counts it:
    "20 points (+ 4 in side documents, + 3 sub-points)"."""
    from peaceplan.history import main_points, side_documents

    top = len(plan.top_points())
    main = main_points(plan)
    sub = len(plan.flat()) - top
    text = f"{main:,} point{'s' if main != 1 else ''}"
    extra = []
    if top > main:
        docs = len(side_documents(plan))
        extra.append(f"+ {top - main:,} in side document{'s' if docs != 1 else ''}")
    if sub:
        extra.append(f"+ {sub:,} sub-point{'s' if sub != 1 else ''}")
    return text + (f" ({', '.join(extra)})" if extra else "")


def side_phrase(plan: Plan, other: Plan) -> str:
    """One version in a line: "us-28 (2025-11-20, United States): 28 points (+ 35 sub-points)"."""
    meta = [x for x in (plan.date.isoformat() if plan.date else None, plan.proposed_by) if x]
    meta = [one_line(x) for x in meta]
    text = version_name(plan, other) + (f" ({', '.join(meta)})" if meta else "")
    text += f": {size_phrase(plan)}"
    bracketed = plan.bracketed_count()
    if bracketed or other.bracketed_count():
        text += f", {bracketed} bracketed"
    return text


def point_ref(plan: Plan, key: str, number: str | None = None) -> str:
    """How a reader finds a point in its draft: "#6", "#10.a", "annex ¶2", or its id."""
    fp = plan.locate(key)
    number = number if number is not None else (fp.full_number if fp else None)
    if number is not None:
        label = f"#{number}"
    elif fp is not None and fp.point.id is None:
        label = f"¶{_position(plan, key)}"
    else:
        label = key
    # In a package, points outside the first document are named with their document.
    first = plan.documents[0].id if plan.documents else None
    if fp is not None and fp.document and (fp.document != first or number is None):
        label = f"{fp.document} {label}"
    return label


# Sibling positions per plan, computed once per plan (keyed by id; the entry keeps the plan alive
# so the id cannot be reused while cached). Bounded: renderers work on two plans at a time.
_POSITIONS: dict[int, tuple[Plan, dict[str, int]]] = {}


def _position(plan: Plan, key: str) -> int:
    """1-based position of a point among its siblings (same parent and document)."""
    entry = _POSITIONS.get(id(plan))
    if entry is None or entry[0] is not plan:
        seen: dict[tuple[str | None, str | None], int] = {}
        positions = {}
        for q in plan.flat():
            n = seen[q.parent, q.document] = seen.get((q.parent, q.document), 0) + 1
            positions[q.key] = n
        if len(_POSITIONS) >= 8:
            _POSITIONS.clear()
        entry = _POSITIONS[id(plan)] = (plan, positions)
    return entry[1][key]


def refs(plan: Plan, keys: Iterable[str], numbers: Iterable[str | None]) -> str:
    """Several points of one side joined with " + " ("#14 + #15")."""
    keys = tuple(keys)
    numbers = tuple(numbers) or (None,) * len(keys)
    numbers = numbers + (None,) * (len(keys) - len(numbers))
    return " + ".join(point_ref(plan, k, n) for k, n in zip(keys, numbers))


def where_phrase(d: PlanDiff, c: Change) -> str:
    """Where the points went: "us-28 #6 -> ua-20 #4", "us-28 #7" (removed), "ua-20 #20" (added)."""
    old_name, new_name = version_name(d.old, d.new), version_name(d.new, d.old)
    old = f"{old_name} {refs(d.old, c.old, c.old_numbers)}"
    new = f"{new_name} {refs(d.new, c.new, c.new_numbers)}"
    if not c.new:
        return old
    if not c.old:
        return new
    return f"{old} {ARROW} {new}"


def short_where(d: PlanDiff, c: Change) -> str:
    """Where the points went, without version names: "#6 -> #4", "#7 removed", "#20 added"."""
    old = refs(d.old, c.old, c.old_numbers)
    new = refs(d.new, c.new, c.new_numbers)
    if not c.new:
        return f"{old} {'unreported' if c.kind == 'unreported' else 'removed'}"
    if not c.old:
        return f"{new} {'unreported' if c.kind == 'unreported' else 'added'}"
    return f"{old} {ARROW} {new}"


def unreported_note(d: PlanDiff, c: Change) -> str | None:
    """For an `unreported` change, why it is neither removed nor added: "not in the partial
    e3-counter; not reported removed"; None for any other change."""
    if c.kind != "unreported":
        return None
    if c.old:
        return f"not in the partial {version_name(d.new, d.old)}; not reported removed"
    return f"not in the partial {version_name(d.old, d.new)}; not reported added"


def kind_width(changes: Iterable[Change]) -> int:
    """The width of the kind column: 9 ("unchanged"), 10 when an `unreported` is listed."""
    return 10 if any(c.kind == "unreported" for c in changes) else 9


def numbers_cell(plan: Plan, keys: tuple[str, ...], numbers: tuple[str | None, ...]) -> str:
    """The points of one side for a table cell: "12", "8, 9", or "" when there are none."""
    return refs(plan, keys, numbers).replace(" + ", ", ").replace("#", "") if keys else ""


def change_title(d: PlanDiff, c: Change, limit: int = 70, text: bool = True) -> str:
    """A name for the change: the new points' titles, else the old ones', else (with `text`)
    the start of the text."""
    for plan, keys in ((d.new, c.new), (d.old, c.old)):
        titles = [p.title for p in (plan.get(k) for k in keys) if p is not None and p.title]
        if titles:
            return snippet(" + ".join(dict.fromkeys(titles)), limit)
    if not text:
        return ""
    for plan, keys in ((d.new, c.new), (d.old, c.old)):
        for k in keys:
            p = plan.get(k)
            if p is not None and p.text:
                return snippet(p.text, limit)
    return ""


def snippet(text: str, limit: int = 70) -> str:
    """The start of a text on one line, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(",;:") + "…"


def segments(d: PlanDiff, c: Change) -> tuple[Segment, ...]:
    """The change's redline; for an added or removed point without one, its whole text."""
    if c.text:
        return c.text
    if c.kind == "removed":
        texts = [p.text for p in (d.old.get(k) for k in c.old) if p is not None and p.text]
        return (Segment("delete", " ".join(texts)),) if texts else ()
    if c.kind == "added":
        texts = [p.text for p in (d.new.get(k) for k in c.new) if p is not None and p.text]
        return (Segment("insert", " ".join(texts)),) if texts else ()
    return ()


def text_changed(segs: Iterable[Segment]) -> bool:
    """True when a redline deletes or inserts anything."""
    return any(s.op != "equal" for s in segs)


def marked_redline(parts: Iterable[tuple[str, str]], *, bare_blanks: bool = False) -> str:
    """Redline parts (op, text already escaped by the caller) joined as HTML and Markdown mark
    them: deletions in <del>, insertions in <ins>. With `bare_blanks` (the review comment's
    redline), a part of only white space is never wrapped, and left out when deleted."""
    out = []
    for op, text in parts:
        if bare_blanks and not text.strip():
            out.append(text if op != "delete" else "")
        elif op == "delete":
            out.append(f"<del>{text}</del>")
        elif op == "insert":
            out.append(f"<ins>{text}</ins>")
        else:
            out.append(text)
    return "".join(out)


def figure_phrase(f: Figure) -> str:
    """ "600,000 personnel -> 800,000 personnel", "dropped: $100 billion", "new: 100 days",
    with "(option by Ukraine)" for a figure of a bracketed option."""
    if f.old is None:
        text = f"new: {one_line(f.new or '')}"
    elif f.new is None:
        text = f"dropped: {one_line(f.old)}"
    else:
        text = f"{one_line(f.old)} {ARROW} {one_line(f.new)}"
    return text + option_phrase(f)


def option_phrase(f: Figure) -> str:
    """ " (option by Ukraine)" for a figure or date of a bracketed option, else ""."""
    return f" (option by {one_line(f.by)})" if f.by is not None else ""


def renumber_phrase(r: RenumberRun) -> str:
    """ "points 3-28 renumbered +1 (now 4-29)", said once for the whole run."""
    sign = f"+{r.offset}" if r.offset > 0 else str(r.offset)
    if r.count == 1 or r.old_first == r.old_last:
        return f"point {r.old_first} renumbered {sign} (now {r.new_first})"
    return f"points {r.old_first}-{r.old_last} renumbered {sign} (now {r.new_first}-{r.new_last})"


def renumber_phrases(d: PlanDiff, only: Collection[str] | None = None) -> list[str]:
    """The renumbering runs, each said once, when the kinds shown (`only`, default all) include
    unchanged points; else none."""
    if only and "unchanged" not in only:
        return []
    return [renumber_phrase(r) for r in d.renumbered_runs]


def explain_phrase(c: Change) -> str:
    """How the points were matched: "matched by content, similarity 0.81"."""
    if not c.old or not c.new:
        return "no counterpart found"
    how = {"id": "shared id", "exact": "identical text", "content": "content"}.get(
        c.method or "", c.method or "unknown method"
    )
    text = f"matched by {how}"
    if c.similarity is not None:
        text += f", similarity {c.similarity:.2f}"
    return text


def similarity_cell(c: Change) -> str:
    """The similarity as two decimals, or "" when there is none (added, removed)."""
    return f"{c.similarity:.2f}" if c.similarity is not None else ""


def kind_phrase(c: Change) -> str:
    """The kind with its flags: "modified, moved"."""
    return f"{c.kind}, moved" if c.moved else c.kind


def listed(c: Change) -> bool:
    """True when a change is worth listing (not merely an unchanged, possibly renumbered, point)."""
    return c.kind != "unchanged" or c.moved or bool(c.fields)


def select(
    d: PlanDiff, only: Collection[str] | None = None, show_unchanged: bool = False
) -> tuple[Change, ...]:
    """The changes to show: those of the kinds in `only` (or `moved`), else every listed one.

    Unchanged points are left out unless `show_unchanged` or `only` asks for them.
    """
    if only:
        wanted = set(only)
        return tuple(c for c in d.changes if c.kind in wanted or ("moved" in wanted and c.moved))
    return tuple(c for c in d.changes if show_unchanged or listed(c))


def unchanged_phrase(d: PlanDiff, shown: Collection[Change]) -> str | None:
    """ "14 points unchanged (9 renumbered)" for unchanged points not listed, or None."""
    ids = {id(c) for c in shown}
    hidden = [c for c in d.changes if id(c) not in ids and c.kind == "unchanged" and not listed(c)]
    if not hidden:
        return None
    n = len(hidden)
    text = f"{n} point{'s' if n != 1 else ''} unchanged"
    renumbered = [c for c in hidden if c.renumbered]
    if renumbered:
        text += f" ({len(renumbered)} renumbered)"
    # Renumbered points outside any run would otherwise not be placed anywhere: name them.
    loose = [c for c in renumbered if d.run_of(c) is None]
    if loose:
        names = ", ".join(short_where(d, c) for c in loose[:LIST_LIMIT])
        more = f" and {len(loose) - LIST_LIMIT} more" if len(loose) > LIST_LIMIT else ""
        text += f"; renumbered outside the runs: {names}{more}"
    return text


def option_label(i: int) -> str:
    """ "A", "B", ... "Z", "AA"... for the i-th (0-based) bracketed option."""
    label = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        label = chr(65 + r) + label
    return label


def options_phrase(options: Iterable[Option | dict[str, Any]]) -> str:
    """Bracketed options as negotiators write them: "[Option A (by X): ... / Option B: ...]"."""
    parts = []
    for i, o in enumerate(options):
        by, text = (o.by, o.text) if isinstance(o, Option) else (o.get("by"), o.get("text"))
        sure = o.certainty if isinstance(o, Option) else o.get("certainty", "reported")
        said = [f"by {by}"] if by else []
        said += [str(sure)] if sure != "reported" else []  # "(by X, uncertain)"
        who = f" ({', '.join(said)})" if said else ""
        parts.append(f"Option {option_label(i)}{who}: {text}")
    return "[" + " / ".join(parts) + "]" if parts else ""


def field_phrase(f: FieldChange, c: Change | None = None, d: PlanDiff | None = None) -> str:
    """One field change in words: "title: "A" -> "B"", "topics: +nato -europe", "options: ...".

    Pass the change for a split or merge: a side with several points may hold one value per
    point ("title: "A" + "B" -> "C"). Pass the diff too, and a sub-point list names only the
    sub-points that came or went, not those merely renumbered (10.c that is now 5.a).
    """
    if d is not None and f.field == "points":
        f = _subpoints_moved(f, d)
    if c is not None and (len(c.old) > 1 or len(c.new) > 1):
        old = _per_point(f.field, f.old) if len(c.old) > 1 else None
        new = _per_point(f.field, f.new) if len(c.new) > 1 else None
        if old is not None or new is not None:
            f = FieldChange(
                f.field,
                f.old if old is None else old,
                f.new if new is None else new,
            )
    return one_line(_field_phrase(f))


def _subpoints_moved(f: FieldChange, d: PlanDiff) -> FieldChange:
    """The sub-point lists less the sub-points whose counterpart is in the other list."""
    old, new = list(f.old or []), list(f.new or [])
    if not all(isinstance(x, str) for x in old + new):
        return f
    in_old, in_new = set(old), set(new)
    kept_old = [k for k in old if in_new.isdisjoint(d.counterparts("old", k))]
    kept_new = [k for k in new if in_old.isdisjoint(d.counterparts("new", k))]
    if not kept_old and not kept_new:
        return f  # the same sub-points in another order: "points: reordered"
    return FieldChange(f.field, kept_old, kept_new)


# Fields whose value is a list on one point: on a side with several points, a list of lists.
_LIST_FIELDS = ("topics", "options", "points")


class _Several(tuple):  # type: ignore[type-arg]
    """The values of one scalar field on each point of a split or merge side."""


def _per_point(field: str, value: Any) -> Any:
    """One side's value with per-point values flattened (lists) or marked (scalars), else None."""
    if not isinstance(value, list):
        return None
    if field in _LIST_FIELDS:
        if value and all(isinstance(v, list) for v in value):
            flat: list[Any] = []
            for v in value:
                flat += [x for x in v if x not in flat]
            return flat
        return None
    return _Several(value)


def _field_phrase(f: FieldChange) -> str:
    if isinstance(f.old, _Several) or isinstance(f.new, _Several):
        return f"{f.field}: {_value(f.old)} {ARROW} {_value(f.new)}"
    if f.field == "options":
        old, new = _options(f.old), _options(f.new)
        if old and not new:
            return f"brackets resolved; the options were {options_phrase(old)}"
        if new and not old:
            return f"now bracketed: {options_phrase(new)}"
        return f"options: {options_phrase(old)} {ARROW} {options_phrase(new)}"
    listy = (list, tuple, type(None))
    if isinstance(f.old, listy) and isinstance(f.new, listy):
        old, new = list(f.old or []), list(f.new or [])
        if all(isinstance(x, str) for x in old + new):
            added = [x for x in new if x not in old]
            removed = [x for x in old if x not in new]
            bits = [f"+{x}" for x in added] + [f"-{x}" for x in removed]
            if bits:
                return f"{f.field}: {' '.join(bits)}"
            return f"{f.field}: reordered"
    return f"{f.field}: {_value(f.old)} {ARROW} {_value(f.new)}"


def _options(value: Any) -> list[dict[str, Any]]:
    if not value:
        return []
    if isinstance(value, list | tuple):
        return [v if isinstance(v, dict) else {"by": None, "text": str(v)} for v in value]
    return [{"by": None, "text": str(value)}]


def _value(value: Any) -> str:
    if isinstance(value, _Several):
        return " + ".join(_value(v) for v in value)
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str)


def figures_of(changes: Iterable[Change], what: str = "figures") -> list[tuple[Change, Figure]]:
    """The changed figures (`what="dates"`: dates and times) of these changes, each with its
    change: figures that changed value first ("600,000 personnel -> 800,000 personnel"), then
    those only dropped or new; a figure repeated within one change is listed once."""
    both: list[tuple[Change, Figure]] = []
    one_side: list[tuple[Change, Figure]] = []
    for c in changes:
        for f in dict.fromkeys(getattr(c, what)):
            (both if f.old is not None and f.new is not None else one_side).append((c, f))
    return both + one_side


def figure_rows(
    d: PlanDiff, changes: Iterable[Change], what: str = "figures"
) -> list[tuple[str, str, str]]:
    """The changed-figures table (`what="dates"`: the changed-dates table), unescaped: (point,
    before, after) per figure of figures_of; the point is "Title (#5 -> #4)" (or just where,
    untitled), with " (option by Ukraine)" for a figure of an option; a missing side ""."""
    rows = []
    for c, f in figures_of(changes, what):
        title = change_title(d, c, limit=50)
        where = short_where(d, c)
        label = (f"{title} ({where})" if title else where) + option_phrase(f)
        rows.append((label, f.old or "", f.new or ""))
    return rows
