"""Alignment quality: peaceplan's align() beside four baselines, on revisions with known truth.

    python -m benchmarks.align_quality            # sizes 200 and 500, seeds 1-3, with/without ids
    python -m benchmarks.align_quality --sizes 200 1000 --seeds 1 2 3 4 5
    python -m benchmarks.align_quality --quick    # one size, one seed: a smoke run

Every method yields pairs (old key, new key) of corresponding points; a split or a merge counts
as all of its pairs. Precision, recall and F1 are micro-averaged over all pairs of all runs;
split/merge recall is the recall on the pairs that belong to a split or a merge. Baselines
(none of them reads ids; with ids, peaceplan pairs shared ids first):

- number:   points with the same (full) number correspond;
- difflib:  SequenceMatcher on the sequence of point texts; equal runs pair up, and so do the
            points of a replaced run, in order (what a line diff shows as changed lines);
- deepdiff: DeepDiff(ignore_order=True) on the lists of points ({text, title}); identical items
            and the items it reports as changed into each other correspond;
- greedy:   a quadratic best-match loop with rapidfuzz: each new point takes its best old point
            (token_set_ratio >= 60), then each old point left over takes its best new point.
"""

from __future__ import annotations

import argparse
import difflib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from benchmarks.generate import Truth, make_pair
from peaceplan.model import Plan

Pairs = set[tuple[str, str]]


def peaceplan_pairs(old: Plan, new: Plan) -> Pairs:
    """peaceplan.align: every match's old x new keys."""
    from peaceplan.aligning import align

    alignment = align(old, new)
    return {(o, n) for m in alignment.matches for o in m.old for n in m.new}


def number_pairs(old: Plan, new: Plan) -> Pairs:
    """Points with the same full number correspond."""
    by_number = {fp.full_number: fp.key for fp in new.flat() if fp.full_number is not None}
    return {(fp.key, by_number[fp.full_number]) for fp in old.flat() if fp.full_number in by_number}


def difflib_pairs(old: Plan, new: Plan) -> Pairs:
    """difflib.SequenceMatcher over the point texts; equal and replaced runs pair up in order."""
    a, b = old.flat(), new.flat()
    sm = difflib.SequenceMatcher(None, [p.point.text for p in a], [p.point.text for p in b], False)
    pairs: Pairs = set()
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag in ("equal", "replace"):
            pairs.update((a[i].key, b[j].key) for i, j in zip(range(i1, i2), range(j1, j2)))
    return pairs


def deepdiff_pairs(old: Plan, new: Plan) -> Pairs:
    """DeepDiff(ignore_order=True) on the point lists: identical and changed-into items pair up."""
    from deepdiff import DeepDiff

    def items(plan: Plan) -> list[dict]:
        out = []
        for fp in plan.flat():
            d = {"text": fp.point.text}
            if fp.point.title:
                d["title"] = fp.point.title
            out.append(d)
        return out

    a, b = items(old), items(new)
    ka, kb = [fp.key for fp in old.flat()], [fp.key for fp in new.flat()]
    ia = {id(x): k for k, x in enumerate(a)}
    ib = {id(x): k for k, x in enumerate(b)}
    diff = DeepDiff(a, b, ignore_order=True, view="tree")
    pairs: Pairs = set()
    changed_a: set[int] = set()
    changed_b: set[int] = set()
    for report, levels in diff.items():
        for level in levels:
            top = level
            while top.up is not None and top.up.up is not None:
                top = top.up
            if id(top.t1) in ia:
                changed_a.add(ia[id(top.t1)])
            if id(top.t2) in ib:
                changed_b.add(ib[id(top.t2)])
            if report.startswith("iterable_item"):
                continue
            if id(top.t1) in ia and id(top.t2) in ib:
                pairs.add((ka[ia[id(top.t1)]], kb[ib[id(top.t2)]]))
    # items it did not report are identical items it matched by hash: pair them in order
    same: dict[str, list[int]] = {}
    for k, x in enumerate(b):
        if k not in changed_b:
            same.setdefault(repr(sorted(x.items())), []).append(k)
    for k, x in enumerate(a):
        if k not in changed_a:
            left = same.get(repr(sorted(x.items())))
            if left:
                pairs.add((ka[k], kb[left.pop(0)]))
    return pairs


def greedy_pairs(old: Plan, new: Plan, cutoff: float = 60) -> Pairs:
    """A quadratic greedy loop: each new point's best old point, then each leftover old point's
    best new point (so splits and merges can show up), by rapidfuzz token_set_ratio."""
    from rapidfuzz import fuzz, process

    a, b = old.flat(), new.flat()
    ta = [p.point.text for p in a]
    tb = [p.point.text for p in b]
    pairs: Pairs = set()
    used_old: set[int] = set()
    for j, text in enumerate(tb):
        best = process.extractOne(text, ta, scorer=fuzz.token_set_ratio, score_cutoff=cutoff)
        if best is not None:
            pairs.add((a[best[2]].key, b[j].key))
            used_old.add(best[2])
    for i, text in enumerate(ta):
        if i in used_old:
            continue
        best = process.extractOne(text, tb, scorer=fuzz.token_set_ratio, score_cutoff=cutoff)
        if best is not None:
            pairs.add((a[i].key, b[best[2]].key))
    return pairs


METHODS: dict[str, Callable[[Plan, Plan], Pairs]] = {
    "peaceplan": peaceplan_pairs,
    "number": number_pairs,
    "difflib": difflib_pairs,
    "deepdiff": deepdiff_pairs,
    "rapidfuzz greedy": greedy_pairs,
}


@dataclass
class Tally:
    """Counts accumulated over runs, and the figures derived from them."""

    predicted: int = 0
    true: int = 0
    correct: int = 0
    sm_true: int = 0
    sm_correct: int = 0
    seconds: float = 0.0
    runs: list[str] = field(default_factory=list)

    def add(self, pairs: Pairs, truth: Truth, seconds: float) -> None:
        self.predicted += len(pairs)
        self.true += len(truth.pairs)
        self.correct += len(pairs & truth.pairs)
        self.sm_true += len(truth.split_merge_pairs)
        self.sm_correct += len(pairs & truth.split_merge_pairs)
        self.seconds += seconds

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.true if self.true else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def split_merge_recall(self) -> float:
        return self.sm_correct / self.sm_true if self.sm_true else 0.0


def run(
    sizes: Iterable[int],
    seeds: Iterable[int],
    ids_modes: Iterable[bool] = (False, True),
    methods: Iterable[str] = tuple(METHODS),
    progress: Callable[[str], None] | None = None,
) -> dict[tuple[str, bool], Tally]:
    """Evaluate `methods` on generated pairs; returns a Tally per (method, ids)."""
    out: dict[tuple[str, bool], Tally] = {}
    for ids in ids_modes:
        for size in sizes:
            for seed in seeds:
                old, new, truth = make_pair(size, seed, ids=ids)
                for name in methods:
                    start = time.perf_counter()
                    pairs = METHODS[name](old, new)
                    took = time.perf_counter() - start
                    out.setdefault((name, ids), Tally()).add(pairs, truth, took)
                    if progress:
                        progress(f"{name:17} n={size:<5} seed={seed} ids={ids!s:5} {took:7.2f}s")
    return out


def table(results: dict[tuple[str, bool], Tally]) -> str:
    """A Markdown table of the results."""
    lines = [
        "| method | ids | precision | recall | F1 | split/merge recall | time (s) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for (name, ids), t in results.items():
        lines.append(
            f"| {name} | {'yes' if ids else 'no'} | {t.precision:.4f} | {t.recall:.4f} "
            f"| {t.f1:.4f} | {t.split_merge_recall:.4f} | {t.seconds:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 500])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--methods", nargs="+", default=list(METHODS), choices=list(METHODS))
    ap.add_argument("--ids", choices=["both", "yes", "no"], default="both")
    ap.add_argument("-q", "--quiet", action="store_true")
    ap.add_argument("--quick", action="store_true", help="size 200, seed 1 only")
    args = ap.parse_args()
    if args.quick:
        args.sizes, args.seeds = [200], [1]
    ids_modes = {"both": (False, True), "yes": (True,), "no": (False,)}[args.ids]
    progress = None if args.quiet else (lambda line: print(line, flush=True))
    results = run(args.sizes, args.seeds, ids_modes, args.methods, progress)
    print(f"\nsizes {args.sizes}, seeds {args.seeds} (micro-averaged over all pairs)\n")
    print(table(results))


if __name__ == "__main__":
    main()
