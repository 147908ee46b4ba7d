"""Build a PlanDiff from an Alignment: one change per match and per unmatched point.

Changes follow the new document's reading order; a removed point comes right after the change
holding the point that preceded it in the old document, so a reader sees it where it was.

When a version is partial (`coverage: partial`), a point with no counterpart in it is
`unreported`, not removed or added: its state there is unknown. An old point the partial new
version lists in `dropped` (or a sub-point of one) is still `removed`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from typing import Any

from peaceplan.aligning.model import Alignment, Match
from peaceplan.background import in_background, kept
from peaceplan.diffing.fields import Fields, field_changes, point_fields
from peaceplan.diffing.figures import NOTHING, Compared, compare, compare_options, compare_redline
from peaceplan.diffing.metadata import metadata_changes
from peaceplan.diffing.model import Change, PlanDiff, Segment
from peaceplan.diffing.moves import Renumbering, find_moves, renumber_runs, renumbered
from peaceplan.diffing.redline import redline
from peaceplan.kinds import Kind
from peaceplan.model import FlatPoint, Plan

# From this many matches on, the changes of some of them are built in a second process
# (peaceplan.background.kept): below it, forking costs more than it saves.
PARALLEL_MATCHES = 500


def build_diff(alignment: Alignment, *, jobs: int = 1) -> PlanDiff:
    """The PlanDiff of an alignment: every point of both versions in exactly one change.

    `jobs` 2 or more lets a large diff build some changes in a second process (the same result;
    see peaceplan.background); 1, the default, never forks.
    """
    old, new = alignment.old, alignment.new
    _check_partition(alignment)
    moved = find_moves(alignment)

    # Identities shared across versions, so sub-point lists compare by identity, not by key.
    ident_old: dict[str, Hashable] = {k: ("-", k) for k in alignment.unmatched_old}
    ident_new: dict[str, Hashable] = {k: ("+", k) for k in alignment.unmatched_new}
    for m, match in enumerate(alignment.matches):
        ident_old.update((k, m) for k in match.old)
        ident_new.update((k, m) for k in match.new)
    fields_old = _FieldsOf(old, ident_old)
    fields_new = _FieldsOf(new, ident_new)

    def match_changes(first: int, last: int) -> list[Change]:
        return [
            _match_change(alignment.matches[m], old, new, fields_old, fields_new, moved[m])
            for m in range(first, last)
        ]

    n = len(alignment.matches)
    cut = kept(n, PARALLEL_MATCHES, jobs)
    with in_background(match_changes, cut, n, fork=cut < n) as later:
        matched = match_changes(0, cut)
        # meanwhile, the added and removed points (their figures)
        added = [_located(new, k) for k in alignment.unmatched_new]
        added_changes = [(fp.index, _added(fp, unreported=old.partial)) for fp in added]
        removed = {
            k: _removed(_located(old, k), unreported=_unreported(old, new, k))
            for k in alignment.unmatched_old
        }
        matched += later.result()

    placed: list[tuple[int, Change]] = []  # (first new index, change) for matched and added
    change_of_old: dict[str, int] = {}  # old key -> position in `placed`
    for match, change in zip(alignment.matches, matched):
        placed.append((_located(new, match.new[0]).index, change))
    placed += added_changes
    placed.sort(key=lambda item: item[0])
    for pos, (_, change) in enumerate(placed):
        for key in change.old:
            change_of_old[key] = pos

    # Removed points: after the change holding their old predecessor (or at the very start).
    front: list[Change] = []
    after: dict[int, list[Change]] = {}
    anchor_of_removed: dict[str, int | None] = {}
    old_flat = old.flat()
    for fp in sorted((_located(old, k) for k in alignment.unmatched_old), key=_index):
        key = fp.key
        anchor: int | None = None
        if fp.index > 0:
            prev = old_flat[fp.index - 1].key
            anchor = anchor_of_removed[prev] if prev in anchor_of_removed else change_of_old[prev]
        anchor_of_removed[key] = anchor
        (front if anchor is None else after.setdefault(anchor, [])).append(removed[key])

    changes: list[Change] = list(front)
    for pos, (_, change) in enumerate(placed):
        changes.append(change)
        changes.extend(after.get(pos, ()))
    return PlanDiff(
        old=old,
        new=new,
        changes=tuple(changes),
        renumbered_runs=renumber_runs(_renumberings(changes, new)),
        alignment=alignment,
        metadata=metadata_changes(old, new),
    )


class _FieldsOf:
    """Fields of one version's points, with sub-points named by their cross-version identity."""

    def __init__(self, plan: Plan, ident: dict[str, Hashable]):
        self.plan = plan
        self.ident = ident
        self.children: dict[str, list[str]] = {}
        for fp in plan.flat():
            if fp.parent is not None:
                self.children.setdefault(fp.parent, []).append(fp.key)

    def __call__(self, fp: FlatPoint) -> Fields:
        kids = self.children.get(fp.key, [])
        return point_fields(
            fp.point, kids, [self.ident[k] for k in kids], key=fp.key, ident=self.ident[fp.key]
        )


def _index(fp: FlatPoint) -> int:
    return fp.index


def _located(plan: Plan, key: str) -> FlatPoint:
    fp = plan.locate(key)
    if fp is None:
        raise ValueError(f"alignment names point {key!r}, which {plan.qualified} does not have")
    return fp


def _check_partition(alignment: Alignment) -> None:
    """Every point of each version in exactly one match or unmatched list (the diff's contract)."""
    for side, plan, unmatched in (
        ("old", alignment.old, alignment.unmatched_old),
        ("new", alignment.new, alignment.unmatched_new),
    ):
        seen = Counter(unmatched)
        for match in alignment.matches:
            if not match.old or not match.new:
                raise ValueError(f"alignment has a match with no {side} point: {match!r}")
            seen.update(getattr(match, side))
        keys = set(plan.keys())
        if seen.keys() != keys or any(n > 1 for n in seen.values()):
            missing = sorted(keys - seen.keys())[:5]
            extra = sorted(k for k, n in seen.items() if n > 1 or k not in keys)[:5]
            raise ValueError(
                f"alignment does not cover the {side} version {plan.qualified} exactly once "
                f"(missing {missing}, repeated or unknown {extra})"
            )


def _match_change(
    match: Match,
    old: Plan,
    new: Plan,
    fields_old: _FieldsOf,
    fields_new: _FieldsOf,
    moved: bool,
) -> Change:
    olds = [_located(old, k) for k in match.old]
    news = [_located(new, k) for k in match.new]
    old_text = " ".join(fp.point.text for fp in olds)
    new_text = " ".join(fp.point.text for fp in news)
    fields = field_changes([fields_old(fp) for fp in olds], [fields_new(fp) for fp in news])
    kind: Kind
    if len(olds) == 1 and len(news) == 1:
        kind = "unchanged" if old_text == new_text and not fields else "modified"
    else:
        kind = "split" if len(news) > len(olds) else "merged"
    text = redline(old_text, new_text)
    found = _with_options(
        compare_redline(text),  # compare(old_text, new_text), skipping far edits
        [o for fp in olds for o in fp.point.options],
        [o for fp in news for o in fp.point.options],
    )
    return Change(
        kind=kind,
        old=match.old,
        new=match.new,
        old_numbers=tuple(fp.full_number for fp in olds),
        new_numbers=tuple(fp.full_number for fp in news),
        moved=moved,
        renumbered=renumbered(olds[0].point.number, news[0].point.number),
        similarity=match.score,
        method=match.method,
        text=text,
        figures=found.figures,
        fields=fields,
        depth=news[0].depth,
        dates=found.dates,
    )


def _unreported(old: Plan, new: Plan, key: str) -> bool:
    """True when old point `key`, unmatched, is merely not reported by a partial new version:
    neither it nor a point it belongs to is listed in `new.dropped`."""
    if not new.partial:
        return False
    dropped = set(new.dropped)
    fp: FlatPoint | None = _located(old, key)
    while fp is not None:
        if fp.key in dropped:
            return False
        fp = old.locate(fp.parent) if fp.parent is not None else None
    return True


def _with_options(found: Compared, old: list[Any], new: list[Any]) -> Compared:
    """The figures and dates of a point's text, then those of its bracketed options."""
    if not old and not new:
        return found
    options = compare_options(old, new)
    if options is NOTHING:
        return found
    return Compared(found.figures + options.figures, found.dates + options.dates)


def _added(fp: FlatPoint, *, unreported: bool = False) -> Change:
    if unreported:  # the old version is partial: the point's state there is unknown
        return Change(
            kind="unreported", new=(fp.key,), new_numbers=(fp.full_number,), depth=fp.depth
        )
    text = fp.point.text
    found = _with_options(compare("", text), [], list(fp.point.options))
    return Change(
        kind="added",
        new=(fp.key,),
        new_numbers=(fp.full_number,),
        text=(Segment("insert", text),) if text else (),
        figures=found.figures,
        depth=fp.depth,
        dates=found.dates,
    )


def _removed(fp: FlatPoint, *, unreported: bool = False) -> Change:
    if unreported:  # not in the partial new version, not reported dropped: no redline, no figures
        return Change(
            kind="unreported", old=(fp.key,), old_numbers=(fp.full_number,), depth=fp.depth
        )
    text = fp.point.text
    found = _with_options(compare(text, ""), list(fp.point.options), [])
    return Change(
        kind="removed",
        old=(fp.key,),
        old_numbers=(fp.full_number,),
        text=(Segment("delete", text),) if text else (),
        figures=found.figures,
        depth=fp.depth,
        dates=found.dates,
    )


def _renumberings(changes: list[Change], new: Plan) -> list[Renumbering]:
    out = []
    for c in changes:
        if (
            c.renumbered
            and not c.moved
            and len(c.old) == 1
            and len(c.new) == 1
            and c.old_numbers[0] is not None
            and c.new_numbers[0] is not None
        ):
            out.append(
                Renumbering(
                    level=_located(new, c.new[0]).parent,
                    old_key=c.old[0],
                    new_key=c.new[0],
                    old_number=c.old_numbers[0],
                    new_number=c.new_numbers[0],
                )
            )
    return out
