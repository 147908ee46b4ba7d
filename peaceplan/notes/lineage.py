"""Lineage of points: where each point's wording came from (blame) and one point across versions.

A negotiation's versions form a graph through `based_on`. Alignments between a version and its
parents say which earlier points each point continues. When a parent lacks a point (a partial
reconstruction, say) the search goes on to the parent's own parents, aligned directly, and the
skipped versions are recorded.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

import attrs

from peaceplan.aligning.model import Alignment, Match
from peaceplan.errors import Problem
from peaceplan.lineage import check_lineage, lineage_order, parent_versions
from peaceplan.model import Plan
from peaceplan.notes.anchor import normalize


def point_label(plan: Plan, key: str) -> str:
    """How a point is shown: `#6` for a numbered point, else its key."""
    fp = plan.locate(key)
    if fp is not None and fp.full_number is not None:
        return f"#{fp.full_number}"
    return key


def _body(point: Any) -> tuple[str, tuple[str, ...]]:
    return normalize(point.text), tuple(normalize(o.text) for o in point.options)


# An alignment with its matches indexed by old key and by new key.
_Indexed = tuple[Alignment, dict[str, Match], dict[str, Match]]


class Lineage:
    """The versions of one negotiation, with alignments computed on demand and cached."""

    def __init__(self, versions: Iterable[Plan], *, others: Collection[str] | None = None):
        # others: the versions of the other negotiations, when known (see check_lineage)
        self.others = others
        self.order: tuple[Plan, ...] = lineage_order(versions)
        self.plans = {p.version: p for p in self.order}
        self.rank = {p.version: i for i, p in enumerate(self.order)}
        self._alignments: dict[tuple[str, str], _Indexed] = {}
        self._problems: tuple[Problem, ...] | None = None

    @property
    def problems(self) -> tuple[Problem, ...]:
        """What is wrong with the lineage (a based_on naming no version, a cycle): what
        follows points through it (matrix, figures, blame) carries these, never hides them."""
        if self._problems is None:
            self._problems = tuple(check_lineage(self.order, others=self.others))
        return self._problems

    def problems_of(self, version: str) -> tuple[Problem, ...]:
        """The lineage problems of `version` and its ancestors: those that bear on it."""
        here = {version, *(v for level in self.ancestor_levels(version) for v in level)}
        files = {p.path or p.version for v, p in self.plans.items() if v in here}
        return tuple(p for p in self.problems if p.path in files)

    def parents(self, version: str) -> tuple[str, ...]:
        """The versions `version` is based on (those in this negotiation), in declared order."""
        return tuple(n for n in parent_versions(self.plans[version], self.plans) if n != version)

    def children(self, version: str) -> tuple[str, ...]:
        """The versions based on `version`, in lineage order."""
        return tuple(p.version for p in self.order if version in self.parents(p.version))

    def ancestor_levels(self, version: str) -> list[tuple[str, ...]]:
        """Ancestors by distance: parents, then grandparents (not already seen), and so on."""
        levels: list[tuple[str, ...]] = []
        seen = {version}
        level = self.parents(version)
        while level:
            level = tuple(dict.fromkeys(v for v in level if v not in seen))
            if not level:
                break
            levels.append(level)
            seen.update(level)
            level = tuple(p for v in level for p in self.parents(v))
        return levels

    def alignment(self, old: str, new: str) -> Alignment:
        """The alignment of two versions (computed once)."""
        return self._aligned(old, new)[0]

    def _aligned(self, old: str, new: str) -> _Indexed:
        key = (old, new)
        if key not in self._alignments:
            from peaceplan.aligning import align

            al = align(self.plans[old], self.plans[new])
            by_old = {k: m for m in al.matches for k in m.old}
            by_new = {k: m for m in al.matches for k in m.new}
            self._alignments[key] = (al, by_old, by_new)
        return self._alignments[key]

    def match_new(self, old: str, new: str, key: str) -> Match | None:
        """The match holding point `key` of `new` in the alignment old -> new."""
        return self._aligned(old, new)[2].get(key)

    def counterparts(self, src: str, keys: Sequence[str], dst: str) -> tuple[str, ...]:
        """The points of `dst` matched to any of `keys` of `src` (direction by lineage order)."""
        if self.rank[dst] < self.rank[src]:
            index = self._aligned(dst, src)[2]
            found = [k for key in keys if key in index for k in index[key].old]
        else:
            index = self._aligned(src, dst)[1]
            found = [k for key in keys if key in index for k in index[key].new]
        order = {k: i for i, k in enumerate(self.plans[dst].keys())}
        return tuple(sorted(dict.fromkeys(found), key=lambda k: order.get(k, 0)))


# -- blame ---------------------------------------------------------------------------------------


@attrs.frozen(cache_hash=True)
class Origin:
    """A point in one version and the points it continues in an earlier one (a tree)."""

    version: str
    key: str
    label: str
    introduced_in: str  # the version that introduced this point's current wording
    parents: tuple[Origin, ...] = ()
    skipped: tuple[str, ...] = ()  # versions between it and its parents that lack the point
    method: str | None = None  # how it was matched to its parents (id | exact | content)
    score: float | None = None
    # Of `skipped`, the partial versions that merely do not report the point (it is not listed
    # in their `dropped`): its wording lives on through them, it was not removed there.
    unreported: tuple[str, ...] = ()


@attrs.frozen
class BlameLine:
    """One point of a version: who introduced its current wording, and its ancestry."""

    key: str
    label: str
    title: str | None
    text: str
    depth: int
    introduced_in: str
    proposed_by: str | None
    date: Any
    origin: Origin

    @property
    def inherited(self) -> bool:
        """True when the wording is older than this version."""
        return self.introduced_in != self.origin.version

    def generations(self) -> list[tuple[tuple[str, str], ...]]:
        """The ancestry generation by generation: [((version, label), ...), ...], newest first."""
        out = []
        level: tuple[Origin, ...] = (self.origin,)
        while level:
            out.append(tuple(dict.fromkeys((o.version, o.label) for o in level)))
            level = tuple(dict.fromkeys(p for o in level for p in o.parents))
        return out

    def chain(self) -> str:
        """The ancestry as text: `ua-20 #5 <- us-28 #6`, `ua-20 #12 <- us-28 #14 + #15`."""
        parts = []
        level: tuple[Origin, ...] = (self.origin,)
        while level:
            groups: dict[str, list[str]] = {}
            for o in level:
                labels = groups.setdefault(o.version, [])
                if o.label not in labels:
                    labels.append(o.label)
            text = " + ".join(f"{v} {' + '.join(labels)}" for v, labels in groups.items())
            skipped = tuple(dict.fromkeys(s for o in level for s in o.skipped))
            unreported = set(s for o in level for s in o.unreported)
            parts.append(text)
            absent = [s for s in skipped if s not in unreported]
            silent = [s for s in skipped if s in unreported]
            if silent:
                parts.append(f"(not reported in {', '.join(silent)})")
            if absent:
                parts.append(f"(not in {', '.join(absent)})")
            level = tuple(dict.fromkeys(p for o in level for p in o.parents))
        out = parts[0]
        for part in parts[1:]:
            out += f" {part}" if part.startswith("(not ") else f" <- {part}"
        return out

    def not_reported_in(self) -> tuple[str, ...]:
        """The partial versions on the ancestry that do not report the point (not removed)."""
        found: list[str] = []
        level: tuple[Origin, ...] = (self.origin,)
        while level:
            found += [s for o in level for s in o.unreported]
            level = tuple(dict.fromkeys(p for o in level for p in o.parents))
        return tuple(dict.fromkeys(found))

    def to_record(self) -> dict[str, Any]:
        """A flat row for tables and JSON."""
        return {
            "point": self.key,
            "number": self.label[1:] if self.label.startswith("#") else None,
            "title": self.title,
            "introduced_in": self.introduced_in,
            "proposed_by": self.proposed_by,
            "date": self.date.isoformat() if self.date else None,
            "inherited": self.inherited,
            "method": self.origin.method,
            "score": self.origin.score,
            "ancestry": [
                [{"version": v, "point": lab} for v, lab in gen] for gen in self.generations()
            ],
            "chain": self.chain(),
            "not_reported_in": list(self.not_reported_in()),
        }


@attrs.frozen
class Blame:
    """The blame of one version: a line per point (sub-points included), in reading order."""

    plan: str
    version: str
    lines: tuple[BlameLine, ...]
    # the lineage problems of this version and its ancestors: with a parent missing, wording
    # is credited to the version that names it (every rendering says so)
    problems: tuple[Problem, ...] = ()

    def to_records(self) -> list[dict[str, Any]]:
        return [line.to_record() for line in self.lines]

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs pandas)."""
        from peaceplan.notes.frames import frame

        return frame(self.to_records())

    def _repr_html_(self) -> str:
        """Jupyter: one row per point, who introduced its wording and its ancestry."""
        from peaceplan.notes.render import blame_html

        return blame_html(self)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "format": "peaceplan.blame/1",
            "plan": self.plan,
            "version": self.version,
            "points": self.to_records(),
            "problems": [p.to_dict() for p in self.problems],
        }


class _Blamer:
    def __init__(self, lineage: Lineage):
        self.lineage = lineage
        self.memo: dict[tuple[str, str], Origin] = {}

    def origin(self, version: str, key: str) -> Origin:
        """The origin of point `key` of `version`, its ancestry worked out with a stack of its
        own, not by recursion: a lineage of thousands of versions is as fine as one of three."""
        stack = [(version, key)]
        steps: dict[tuple[str, str], tuple[str, Match, bool, tuple[str, ...]] | None] = {}
        while stack:
            here = stack[-1]
            if here in self.memo:
                stack.pop()
                continue
            if here not in steps:
                steps[here] = self._step(*here)
            step = steps[here]
            if step is not None:
                src = step[0]
                # Parents not worked out yet go first; one already on the way (a cycle in the
                # lineage, which validate reports) is not waited for.
                waiting = [
                    (src, k)
                    for k in step[1].old
                    if (src, k) not in self.memo and (src, k) not in steps
                ]
                if waiting:
                    stack.extend(reversed(waiting))
                    continue
            stack.pop()
            self.memo[here] = self._build(*here, step)
        return self.memo[(version, key)]

    def _step(self, version: str, key: str) -> tuple[str, Match, bool, tuple[str, ...]] | None:
        """The nearest ancestor matching the point: (ancestor, match, same wording, versions
        skipped on the way), or None when no ancestor has it."""
        lin = self.lineage
        plan = lin.plans[version]
        found: list[tuple[str, Match]] = []
        skipped: list[str] = []
        for level in lin.ancestor_levels(version):
            found = [(a, m) for a in level if (m := lin.match_new(a, version, key)) is not None]
            if found:
                break
            skipped.extend(level)
        if not found:
            return None
        here = _body(plan.get(key))

        def rank(item: tuple[str, Match]) -> tuple[bool, float]:
            a, m = item
            olds = [lin.plans[a].get(k) for k in m.old]
            same = len(olds) == 1 and olds[0] is not None and _body(olds[0]) == here
            return (not same, -m.score)

        src, match = min(found, key=rank)
        return src, match, not rank((src, match))[0], tuple(skipped)

    def _build(
        self, version: str, key: str, step: tuple[str, Match, bool, tuple[str, ...]] | None
    ) -> Origin:
        label = point_label(self.lineage.plans[version], key)
        if step is None:
            return Origin(version, key, label, version)
        src, match, same, skipped = step
        # A parent missing from the memo is one on a cycle: shown as where the wording starts.
        parents = tuple(
            self.memo.get((src, k)) or Origin(src, k, point_label(self.lineage.plans[src], k), src)
            for k in match.old
        )
        result = Origin(
            version,
            key,
            label,
            parents[0].introduced_in if same else version,
            parents,
            skipped,
            match.method,
            round(match.score, 3),
            tuple(s for s in skipped if _unreported_in(self.lineage.plans[s], match.old)),
        )
        hash(result)  # cached now, while its parents' hashes are: never a deep recursion later
        return result


def _unreported_in(plan: Plan, keys: Sequence[str]) -> bool:
    """True when partial `plan` lacks these earlier points without reporting them dropped."""
    return plan.partial and not any(k in plan.dropped for k in keys)


def blame_version(lineage: Lineage, version: str) -> Blame:
    """For each point of `version`: the version (and proposer) that introduced its wording."""
    plan = lineage.plans[version]
    blamer = _Blamer(lineage)
    lines = []
    for fp in plan.flat():
        origin = blamer.origin(version, fp.key)
        intro = lineage.plans[origin.introduced_in]
        lines.append(
            BlameLine(
                key=fp.key,
                label=point_label(plan, fp.key),
                title=fp.point.title,
                text=fp.point.text,
                depth=fp.depth,
                introduced_in=origin.introduced_in,
                proposed_by=intro.proposed_by,
                date=intro.date,
                origin=origin,
            )
        )
    return Blame(plan.plan, version, tuple(lines), lineage.problems_of(version))


# -- one point through every version ---------------------------------------------------------


@attrs.frozen
class TraceStep:
    """One version as seen by one point: its keys there (none when absent) and what changed.

    `change` compares with the nearest ancestor holding the point: `origin` (none does),
    `same`, `modified`, `split`, `merged`, `absent` (an ancestor had it, this version has not),
    `unreported` (an ancestor had it, and this partial version does not report it, nor list it
    as dropped: its state here is unknown), or `-` (never had it).
    """

    version: str
    date: Any
    proposed_by: str | None
    keys: tuple[str, ...]
    labels: tuple[str, ...]
    change: str
    text: str | None
    start: bool = False


@attrs.frozen
class PointTrace:
    """One point followed through every version of its negotiation, in lineage order."""

    plan: str
    start_version: str
    start_key: str
    steps: tuple[TraceStep, ...]
    # the lineage's problems: with a link missing, the point seems to start (or end) there
    problems: tuple[Problem, ...] = ()

    def to_records(self) -> list[dict[str, Any]]:
        return [
            {
                "version": s.version,
                "date": s.date.isoformat() if s.date else None,
                "proposed_by": s.proposed_by,
                "points": list(s.keys),
                "numbers": [lab[1:] if lab.startswith("#") else None for lab in s.labels],
                "change": s.change,
                "text": s.text,
                "start": s.start,
            }
            for s in self.steps
        ]

    def to_frame(self) -> Any:
        from peaceplan.notes.frames import frame

        return frame(self.to_records())

    def _repr_html_(self) -> str:
        """Jupyter: the point in every version, with what happened to it."""
        from peaceplan.notes.render import trace_html

        return trace_html(self)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "format": "peaceplan.trace/1",
            "plan": self.plan,
            "version": self.start_version,
            "point": self.start_key,
            "versions": self.to_records(),
            "problems": [p.to_dict() for p in self.problems],
        }


def follow(lineage: Lineage, version: str, key: str) -> PointTrace:
    """Follow point `key` of `version` through every version of the lineage."""
    present: dict[str, tuple[str, ...]] = {version: (key,)}
    anchor: dict[str, tuple[str, tuple[str, ...]]] = {version: (version, (key,))}
    queue = [version]
    while queue:
        x = queue.pop(0)
        av, akeys = anchor[x]
        for y in (*lineage.parents(x), *lineage.children(x)):
            if y in present:
                continue
            keys = lineage.counterparts(av, akeys, y)
            present[y] = keys
            anchor[y] = (y, keys) if keys else (av, akeys)
            queue.append(y)
    steps = []
    for plan in lineage.order:
        v = plan.version
        keys = present.get(v, ())
        change = _change(lineage, present, v)
        texts = [plan.get(k).text for k in keys]  # type: ignore[union-attr]
        steps.append(
            TraceStep(
                version=v,
                date=plan.date,
                proposed_by=plan.proposed_by,
                keys=keys,
                labels=tuple(point_label(plan, k) for k in keys),
                change=change,
                text=" / ".join(texts) if texts else None,
                start=v == version,
            )
        )
    plan_name = lineage.order[0].plan if lineage.order else ""
    return PointTrace(plan_name, version, key, tuple(steps), lineage.problems)


def _change(lineage: Lineage, present: dict[str, tuple[str, ...]], v: str) -> str:
    keys = present.get(v, ())
    prior: str | None = None
    for level in lineage.ancestor_levels(v):
        held = [a for a in level if present.get(a)]
        if held:
            prior = held[0]
            break
    if not keys:
        if prior is None:
            return "-"
        return "unreported" if _unreported_in(lineage.plans[v], present[prior]) else "absent"
    if prior is None:
        return "origin"
    old_keys = present[prior]
    match = lineage.match_new(prior, v, keys[0])
    if match is not None and match.kind != "one":
        return match.kind
    if len(old_keys) == 1 and len(keys) > 1:
        return "split"
    old = [_body(lineage.plans[prior].get(k)) for k in old_keys]
    new = [_body(lineage.plans[v].get(k)) for k in keys]
    return "same" if old == new else "modified"
