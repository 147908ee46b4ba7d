"""Each figure of a negotiation through its versions: "600,000 personnel (us-28) -> 800,000
personnel (e3-counter) -> ...", what `peaceplan figures PLAN` prints.

Points are followed across versions by the alignment of each version with the versions it is
based on (an ancestor further back when a partial parent lacks the point, as `blame` does), and
a point's figures (its text's and its bracketed options') are paired with those of the point it
continues as a diff pairs them: by value first, then by unit or noun. Dates are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from peaceplan.diffing.figures import match
from peaceplan.diffing.numbers import Found, extract
from peaceplan.errors import Problem
from peaceplan.model import Plan

if TYPE_CHECKING:
    from peaceplan.library import PlansLike
    from peaceplan.notes.lineage import Lineage


@attrs.frozen
class FigureStep:
    """A figure in one version: its words (None when the point no longer has it), the point that
    holds it, and the version it continues (None for the first)."""

    version: str
    point: str  # the key of the point (or of the first of several merged points)
    label: str  # the point as shown: "#6", or its key when unnumbered
    figure: str | None  # None: the point is there, the figure is dropped
    by: str | None = None  # the party whose bracketed option holds it; None for the text
    source: str | None = None  # the version this step continues
    # its value differs from the step it continues, or it was dropped, or it is new in a point
    # that continues an earlier one
    changed: bool = False


@attrs.frozen
class FigureTimeline:
    """One figure followed through the versions that hold its point, in lineage order."""

    title: str | None  # the title of its point in the newest version that has one
    steps: tuple[FigureStep, ...]

    @property
    def changed(self) -> bool:
        """True when the figure changed value, or was dropped, in some version."""
        return any(s.changed for s in self.steps)


@attrs.frozen
class VersionInfo:
    """A version as the timelines name it."""

    version: str
    date: dt.date | None
    proposed_by: str | None
    based_on: tuple[str, ...]


@attrs.frozen
class FigureHistory:
    """Every figure of negotiation `plan` through its versions (see `figures`)."""

    plan: str
    versions: tuple[VersionInfo, ...]
    timelines: tuple[FigureTimeline, ...]
    # the lineage's problems (a based_on naming no version, a cycle): a figure of a version
    # whose parent is missing is shown as new, and every rendering says why
    problems: tuple[Problem, ...] = ()

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per step of each timeline (`figure` numbers the timelines from 1)."""
        return [
            {
                "figure": n,
                "title": t.title,
                "version": s.version,
                "point": s.point,
                "label": s.label,
                "value": s.figure,
                "by": s.by,
                "source": s.source,
                "changed": s.changed,
            }
            for n, t in enumerate(self.timelines, 1)
            for s in t.steps
        ]

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs `pip install peaceplan[pandas]`)."""
        from peaceplan.notes.frames import frame

        return frame(self.to_records())

    def to_json_dict(self) -> dict[str, Any]:
        """The history as the `peaceplan.figures/1` JSON object (docs/diff.md)."""
        return {
            "format": "peaceplan.figures/1",
            "plan": self.plan,
            "versions": [
                {
                    "version": v.version,
                    "date": v.date.isoformat() if v.date else None,
                    "proposed_by": v.proposed_by,
                    "based_on": list(v.based_on),
                }
                for v in self.versions
            ],
            "figures": [
                {
                    "title": t.title,
                    "changed": t.changed,
                    "steps": [
                        {
                            "version": s.version,
                            "point": s.point,
                            "label": s.label,
                            "figure": s.figure,
                            "by": s.by,
                            "source": s.source,
                            "changed": s.changed,
                        }
                        for s in t.steps
                    ],
                }
                for t in self.timelines
            ],
            "problems": [p.to_dict() for p in self.problems],
        }

    def to_text(self) -> str:
        """One line per figure: "Title: 600,000 personnel (us-28) -> 800,000 (ua-20)"."""
        from peaceplan.render.figures import figures_text

        return figures_text(self)

    def _repr_markdown_(self) -> str:
        from peaceplan.render.figures import figures_markdown

        return figures_markdown(self)

    def _repr_html_(self) -> str:
        from peaceplan.render.figures import figures_html

        return figures_html(self)


def figures(plan: str, *, plans: PlansLike = None, changed: bool = False) -> FigureHistory:
    """Each figure of negotiation `plan` through its versions, in lineage order (`changed`: only
    the figures that changed value or were dropped somewhere). `plans` is the plans folder (a
    path or a Library; default: $PEACEPLAN_PLANS or the nearest `plans/`)."""
    from peaceplan.library import open_library

    lib = open_library(plans)
    versions = lib.load_negotiation(plan)
    return figure_history(versions, changed=changed, others=lib.qualified_names())


def figure_history(
    versions: Sequence[Plan],
    *,
    changed: bool = False,
    lineage: Lineage | None = None,
    others: Collection[str] | None = None,
) -> FigureHistory:
    """The figure timelines of a negotiation's versions (loaded Plans; see `figures`);
    `lineage`: their Lineage when the caller has one already (its alignments are reused);
    `others`: the other negotiations' versions, to report a based_on naming a missing one."""
    from peaceplan.notes.lineage import Lineage

    lineage = lineage or Lineage(versions, others=others)
    threads = _Threads(lineage)
    timelines = [t for t in threads.timelines() if t.changed or not changed]
    infos = tuple(VersionInfo(p.version, p.date, p.proposed_by, p.based_on) for p in lineage.order)
    name = lineage.order[0].plan if lineage.order else ""
    return FigureHistory(name, infos, tuple(timelines), lineage.problems)


class _Threads:
    """Points followed across versions: a thread is a set of (version, key) the alignments join;
    each (thread, version) continues one earlier version, its source."""

    def __init__(self, lineage: Lineage):
        self.lineage = lineage
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}
        source: dict[tuple[str, str], str] = {}
        for plan in lineage.order:
            v = plan.version
            for fp in plan.flat():
                node = (v, fp.key)
                self.parent.setdefault(node, node)
                for level in lineage.ancestor_levels(v):
                    # only versions already visited: in a lineage cycle (which validate reports)
                    # the link back to a later version is left out
                    found = [
                        (a, m)
                        for a in level
                        if lineage.rank[a] < lineage.rank[v]
                        and (m := lineage.match_new(a, v, fp.key)) is not None
                    ]
                    if not found:
                        continue
                    for a, m in found:
                        for k in m.old:
                            self._union(node, (a, k))
                    source[node] = max((a for a, _ in found), key=lineage.rank.__getitem__)
                    break
        # thread -> version -> keys in reading order, and the version each continues
        self.members: dict[tuple[str, str], dict[str, list[str]]] = {}
        self.sources: dict[tuple[tuple[str, str], str], str] = {}
        for plan in lineage.order:
            for fp in plan.flat():
                node = (plan.version, fp.key)
                root = self._find(node)
                self.members.setdefault(root, {}).setdefault(plan.version, []).append(fp.key)
                if node in source:
                    known = self.sources.get((root, plan.version))
                    if known is None or lineage.rank[source[node]] > lineage.rank[known]:
                        self.sources[(root, plan.version)] = source[node]

    def _find(self, node: tuple[str, str]) -> tuple[str, str]:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def _union(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            # the earlier node stays the root, so threads keep the order they first appear in
            first = min(ra, rb, key=lambda n: self.lineage.rank[n[0]])
            self.parent[rb if first == ra else ra] = first

    def timelines(self) -> list[FigureTimeline]:
        """Every figure of every thread, each followed from the version it first appears in."""
        out: list[FigureTimeline] = []
        for root, by_version in self.members.items():
            out.extend(self._thread_timelines(root, by_version))
        return out

    def _thread_timelines(
        self, root: tuple[str, str], by_version: dict[str, list[str]]
    ) -> list[FigureTimeline]:
        lin = self.lineage
        chains: list[list[FigureStep]] = []
        # version -> its figures and, parallel, the chain each belongs to
        seen: dict[str, tuple[list[Found], list[int]]] = {}
        for version in sorted(by_version, key=lin.rank.__getitem__):
            plan = lin.plans[version]
            keys = by_version[version]
            found, parties = _figures_of(plan, keys)
            key, label = keys[0], _label(plan, keys)
            src = self.sources.get((root, version))
            chain_of: list[int] = []
            prev = seen.get(src) if src is not None else None
            partner: dict[int, int] = {}
            if prev is not None:
                pairs = match(prev[0], found)
                partner = {j: i for i, j in pairs if i is not None and j is not None}
                for i, j in pairs:
                    if j is None and i is not None:  # the point is here, the figure is not
                        chains[prev[1][i]].append(
                            FigureStep(version, key, label, None, None, src, True)
                        )
            for j, f in enumerate(found):
                i = partner.get(j)
                if i is None:  # new here; a change when the point was there before without it
                    chains.append([])
                    chain = len(chains) - 1
                    changed = src is not None
                else:
                    chain = prev[1][i]  # type: ignore[index]
                    changed = f.canon != prev[0][i].canon  # type: ignore[index]
                step = FigureStep(version, key, label, f.text, parties[j], src, changed)
                chains[chain].append(step)
                chain_of.append(chain)
            seen[version] = (found, chain_of)
        return [FigureTimeline(self._title(chain), tuple(chain)) for chain in chains]

    def _title(self, steps: list[FigureStep]) -> str | None:
        for s in reversed(steps):
            point = self.lineage.plans[s.version].get(s.point)
            if point is not None and point.title:
                return point.title
        return None


def _figures_of(plan: Plan, keys: list[str]) -> tuple[list[Found], list[str | None]]:
    """The figures (dates left out) of these points of a version: their text's, then their
    options', with the party of each option's (None for the text); a value said twice by the
    same text or party is one figure."""
    points = [p for k in keys if (p := plan.get(k)) is not None]
    texts: list[tuple[str, str | None]] = [(" ".join(p.text for p in points), None)]
    texts += [(o.text, o.by) for p in points for o in p.options]
    found: list[Found] = []
    parties: list[str | None] = []
    seen: set[tuple[tuple[Any, ...], str | None]] = set()
    for text, by in texts:
        for f in extract(text):
            if not f.is_date and (f.canon, by) not in seen:
                seen.add((f.canon, by))
                found.append(f)
                parties.append(by)
    return found, parties


def _label(plan: Plan, keys: list[str]) -> str:
    """Points as shown: "#6", "#21 + #21.a", or keys when unnumbered."""
    labels = []
    for k in keys:
        fp = plan.locate(k)
        labels.append(f"#{fp.full_number}" if fp is not None and fp.full_number else k)
    return " + ".join(labels)
