"""A negotiation's lineage: the graph its versions form through `based_on`.

The one place that reads `based_on`: what a reference names (`split_ref`), which known versions
a version is based on (`parent_versions`), the versions in lineage order, and the lineage's
problems (unknown names, cycles).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from peaceplan.errors import Problem, did_you_mean
from peaceplan.model import Plan

# The start of the problem a based_on naming no version gets (the CLI says what it means).
DANGLING = "based_on names no version"


def split_ref(ref: str) -> tuple[str, str]:
    """A `based_on` entry as (negotiation, version): `ukraine-2025/us-28` -> ("ukraine-2025",
    "us-28"); a bare `us-28` -> ("", "us-28") (the same negotiation)."""
    plan_name, _, version = ref.rpartition("/")
    return plan_name, version


def version_of(ref: str) -> str:
    """The version a `based_on` entry names (`ukraine-2025/us-28` -> `us-28`)."""
    return split_ref(ref)[1]


def local_version(ref: str, negotiation: str) -> str | None:
    """The version a `based_on` entry names in `negotiation` (`us-28` or `ukraine-2025/us-28`
    in ukraine-2025), or None when it names another negotiation's (`minsk/minsk-2`)."""
    plan_name, version = split_ref(ref)
    return version if plan_name in ("", negotiation) else None


def parent_versions(plan: Plan, known: Collection[str]) -> tuple[str, ...]:
    """The versions of its own negotiation among `known` that `plan` is based on, in declared
    order (first: the parent a diff compares with). A version of another negotiation
    (`minsk/minsk-2` in ukraine-2025) is no parent here, even if this one has a version of
    that name."""
    return tuple(
        version
        for b in plan.based_on
        if (version := local_version(b, plan.plan)) is not None and version in known
    )


def lineage_order(versions: Iterable[Plan]) -> tuple[Plan, ...]:
    """Versions in lineage order: every version after those it is based on; ties by date, name."""
    plans = {p.version: p for p in versions}
    order: list[Plan] = []
    state: dict[str, int] = {}

    def key(p: Plan) -> tuple[str, str]:
        return (p.date.isoformat() if p.date else "9999", p.version)

    def parents(p: Plan) -> Iterator[Plan]:
        return iter(sorted((plans[n] for n in parent_versions(p, plans)), key=key))

    def visit(p: Plan) -> None:
        # Depth first, with a stack of its own: a lineage of thousands of versions is fine.
        if state.get(p.version) == 2:
            return
        state[p.version] = 1
        stack = [(p, parents(p))]
        while stack:
            here, todo = stack[-1]
            for parent in todo:
                if parent.version not in state:  # on the stack: a cycle, check_lineage says
                    state[parent.version] = 1
                    stack.append((parent, parents(parent)))
                    break
            else:
                stack.pop()
                state[here.version] = 2
                order.append(here)

    for p in sorted(plans.values(), key=key):
        visit(p)
    return tuple(order)


def check_lineage(
    versions: Iterable[Plan], *, elsewhere: str = "", others: Collection[str] | None = None
) -> list[Problem]:
    """Problems of a negotiation's lineage: unknown `based_on` names and cycles.

    `elsewhere` is added to an unknown name's message when other versions may exist where
    they were not looked for (a hint such as "no plans folder here..."). `others`: the
    versions of the other negotiations (`minsk/minsk-2`), to check a `based_on` naming one;
    None when they are not known (such a name is then not checked).
    """
    plans = {p.version: p for p in versions}
    problems: list[Problem] = []
    for p in plans.values():
        for b in p.based_on:
            plan_name, version = split_ref(b)
            if plan_name and plan_name != p.plan:
                if others is not None and b not in others:
                    tip = did_you_mean(b, others) or elsewhere
                    line, col = _locate(p.path, b)
                    problems.append(
                        Problem(p.path or p.version, line, col, f"{DANGLING}: {b!r}{tip}")
                    )
                continue
            if version not in plans:
                # never the version itself: minsk-2 is not a fix for minsk-2's based_on
                tip = did_you_mean(version, [n for n in plans if n != p.version]) or elsewhere
                line, col = _locate(p.path, b)
                problems.append(Problem(p.path or p.version, line, col, f"{DANGLING}: {b!r}{tip}"))
    # Cycle detection (iterative colouring).
    colour: dict[str, int] = {}
    for start in sorted(plans):
        stack = [(start, iter(_parents(plans, start)))]
        if colour.get(start):
            continue
        colour[start] = 1
        path = [start]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                colour[node] = 2
                stack.pop()
                path.pop()
            elif colour.get(nxt) == 1:
                cycle = " -> ".join([*path[path.index(nxt) :], nxt])
                problems.append(
                    Problem(plans[nxt].path or nxt, None, None, f"lineage cycle: {cycle}")
                )
            elif not colour.get(nxt):
                colour[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(_parents(plans, nxt))))
    return problems


def _locate(path: str | None, name: str) -> tuple[int | None, int | None]:
    """Line and column of `name` in the file's based_on entry, for a located message."""
    if not path or not Path(path).is_file():
        return None, None
    seen_key = False
    for n, line in enumerate(Path(path).read_text(encoding="utf-8", errors="replace").splitlines()):
        seen_key = seen_key or line.startswith("based_on")
        col = line.find(name)
        if seen_key and col >= 0:
            return n + 1, col + 1
    return None, None


def _parents(plans: dict[str, Plan], version: str) -> tuple[str, ...]:
    return parent_versions(plans[version], plans)
