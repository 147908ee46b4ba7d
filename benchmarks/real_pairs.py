"""Alignment quality on the bundled real drafts, against a gold mapping with a source per pair.

    python -m benchmarks.real_pairs      # every pair in benchmarks/gold, with and without ids
    python -m benchmarks.real_pairs -v   # and the false and missed pairs of each run

Each file in benchmarks/gold/ names two versions under plans/ and lists their corresponding points:
`sure` pairs (reported, with their source) must be found; `possible` pairs (plausible, not reported)
may be made without counting as wrong. Points are named by full number ("21.a"), unnumbered ones by
reading position as peaceplan names them ("#4"), so the names hold with ids and without. A split or
merge counts as all of its pairs, as in benchmarks/align_quality.py: precision is the share of the
pairs made that are sure or possible, recall the share of sure pairs made.

Every pair is aligned twice: as bundled, and with every `id` stripped (in memory), which is what a
user who diffs two drafts from different sources has. Pairs marked `held_out: true` were not used
to tune the aligner and are totalled apart.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import attrs
from ruamel.yaml import YAML

import peaceplan
from peaceplan.aligning import Alignment, align
from peaceplan.model import Plan, Point

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold"

Pairs = set[tuple[str, str]]


@dataclass
class Gold:
    """One gold mapping: the two versions, sure and possible pairs, and each pair's source."""

    path: Path
    old: Path
    new: Path
    held_out: bool
    sure: Pairs
    possible: Pairs
    sources: dict[tuple[str, str], str]

    @property
    def name(self) -> str:
        return f"{self.old.stem} -> {self.new.stem}"


def load_gold(path: Path) -> Gold:
    """Read a gold file (see the module docstring); every point it names must exist."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    sure: Pairs = set()
    possible: Pairs = set()
    sources: dict[tuple[str, str], str] = {}
    for entry in data["pairs"]:
        if not entry.get("source"):
            raise ValueError(f"{path}: a pair without a source: {entry}")
        if bool(entry.get("sure")) == bool(entry.get("possible")):
            raise ValueError(f"{path}: a pair must be either sure or possible: {entry}")
        into = sure if entry.get("sure") else possible
        for o in entry["old"]:
            for n in entry["new"]:
                into.add((str(o), str(n)))
                sources[(str(o), str(n))] = entry["source"]
    gold = Gold(
        path=path,
        old=ROOT / data["old"],
        new=ROOT / data["new"],
        held_out=bool(data.get("held_out")),
        sure=sure,
        possible=possible - sure,
        sources=sources,
    )
    old_names = set(names(peaceplan.load(gold.old)).values())
    new_names = set(names(peaceplan.load(gold.new)).values())
    for o, n in sure | possible:
        if o not in old_names or n not in new_names:
            raise ValueError(f"{path}: no such point: {o} -> {n}")
    return gold


def golds(folder: Path = GOLD) -> list[Gold]:
    """Every gold mapping in `folder`, tuned pairs first, then held-out ones."""
    found = [load_gold(p) for p in sorted(folder.glob("*.yaml"))]
    return sorted(found, key=lambda g: g.held_out)


def names(plan: Plan) -> dict[str, str]:
    """Each point's key -> its gold name: full number, or "#position" when it has none."""
    return {fp.key: fp.full_number or f"#{fp.index + 1}" for fp in plan.flat()}


def _strip_point(p: Point) -> Point:
    return attrs.evolve(p, id=None, points=tuple(_strip_point(c) for c in p.points))


def strip_ids(plan: Plan) -> Plan:
    """The same version with every point's `id` removed (document ids stay: they name files)."""
    if plan.documents:
        docs = tuple(
            attrs.evolve(d, points=tuple(_strip_point(p) for p in d.points)) for d in plan.documents
        )
        return attrs.evolve(plan, documents=docs)
    return attrs.evolve(plan, points=tuple(_strip_point(p) for p in plan.points))


def pairs_of(alignment: Alignment) -> Pairs:
    """Every (old, new) pair of gold names the alignment makes; a split or merge gives several."""
    on, nn = names(alignment.old), names(alignment.new)
    return {(on[o], nn[n]) for m in alignment.matches for o in m.old for n in m.new}


@dataclass
class Tally:
    """Counts over one or more runs, and the figures derived from them."""

    made: int = 0
    right: int = 0  # made and sure or possible
    sure: int = 0
    found: int = 0  # made and sure
    false: list[tuple[str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)

    def add(self, pairs: Pairs, gold: Gold) -> None:
        ok = gold.sure | gold.possible
        self.made += len(pairs)
        self.right += len(pairs & ok)
        self.sure += len(gold.sure)
        self.found += len(pairs & gold.sure)
        self.false += sorted(pairs - ok)
        self.missed += sorted(gold.sure - pairs)

    @property
    def precision(self) -> float:
        return self.right / self.made if self.made else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.sure if self.sure else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def run(gold: Gold, ids: bool) -> Tally:
    """Align one gold pair (with its ids, or stripped of them) and score it."""
    old, new = peaceplan.load(gold.old), peaceplan.load(gold.new)
    if not ids:
        old, new = strip_ids(old), strip_ids(new)
    t = Tally()
    t.add(pairs_of(align(old, new)), gold)
    return t


def evaluate(gs: Iterable[Gold]) -> list[tuple[Gold, bool, Tally]]:
    """Every gold pair scored with and without ids."""
    return [(g, ids, run(g, ids)) for g in gs for ids in (True, False)]


def table(results: list[tuple[Gold, bool, Tally]]) -> str:
    """A Markdown table: one row per pair and mode, then micro-averaged totals."""
    lines = [
        "| pair | ids | precision | recall | F1 | pairs made | false | missed |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]

    def row(label: str, ids: bool, t: Tally) -> str:
        return (
            f"| {label} | {'yes' if ids else 'no'} | {t.precision:.3f} | {t.recall:.3f} "
            f"| {t.f1:.3f} | {t.made} | {len(t.false)} | {len(t.missed)} |"
        )

    for g, ids, t in results:
        lines.append(row(g.name + (" (held out)" if g.held_out else ""), ids, t))
    for held, label in ((False, "all tuned pairs"), (True, "all held-out pairs")):
        for ids in (True, False):
            total = Tally()
            for g, i, t in results:
                if g.held_out == held and i == ids:
                    total.made += t.made
                    total.right += t.right
                    total.sure += t.sure
                    total.found += t.found
                    total.false += t.false
                    total.missed += t.missed
            if total.sure:
                lines.append(row(f"**{label}**", ids, total))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list false and missed pairs")
    args = ap.parse_args()
    results = evaluate(golds())
    print(table(results))
    if args.verbose:
        for g, ids, t in results:
            if t.false or t.missed:
                print(f"\n{g.name}, {'with' if ids else 'without'} ids")
                for o, n in t.false:
                    print(f"  false   {o} -> {n}")
                for o, n in t.missed:
                    print(f"  missed  {o} -> {n}   ({g.sources[(o, n)]})")


if __name__ == "__main__":
    main()
