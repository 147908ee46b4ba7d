"""Three-way merge: the time to merge two 2,000-point drafts, and the merge laws at 20-2,000 points.

    python benchmarks/merge_bench.py                  # figures (target: < 3 s at 2,000 points)
    python benchmarks/merge_bench.py --seeds 5        # more seeds per size for the laws

Drafts come from benchmarks/generate.py: `ours` is the generator's revision of the base (rewording,
figures, deletions, splits, merges, moves, insertions, sub-point edits); `theirs` a second revision
(tests/mergekit.py) that edits, retitles, deletes and inserts points and renumbers the list.
The laws: merge(b, x, x) == x, merge(b, b, x) == x, merge(b, x, b) == x, and a merge of two
revisions touching different points carries every change of both, cleanly. The comments line
times the same merge when every fifth point of each file carries a comment (read, merged and
placed in the merged file, which is then checked to hold the same plan).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from mergekit import revise  # noqa: E402

from benchmarks.bytecode import compile_peaceplan  # noqa: E402
from benchmarks.generate import dump_plan, make_pair, write_plan  # noqa: E402
from peaceplan.aligning import align  # noqa: E402
from peaceplan.io.load import load_text  # noqa: E402
from peaceplan.merging import merge_plans  # noqa: E402


def best_of(n: int, fn) -> tuple[float, object]:
    times, value = [], None
    for _ in range(n):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), value


def timing(n_points: int, ids: bool, repeat: int) -> None:
    base, ours, _ = make_pair(n_points, seed=7, ids=ids)
    theirs = revise(base, seed=8, share=0.3, tag="t").plan
    size = len(base.flat())
    t_align, _ = best_of(repeat, lambda: (align(base, ours), align(base, theirs)))
    t_merge, result = best_of(repeat, lambda: merge_plans(base, ours, theirs))
    t_text, _ = best_of(repeat, result.text)
    with tempfile.TemporaryDirectory() as tmp:
        paths = [write_plan(p, Path(tmp) / f"{p.version}.yaml") for p in (base, ours, theirs)]
        cmd = [sys.executable, "-m", "peaceplan", "merge", *map(str, paths), "-o", f"{tmp}/m.yaml"]
        start = time.perf_counter()
        code = subprocess.run(cmd, capture_output=True, check=False).returncode
        t_cli = time.perf_counter() - start
    ok = "OK " if t_cli < 3 else "SLOW"
    print(
        f"{size:>6} points  ids={ids!s:<5}  align x2 {t_align:6.3f} s  merge {t_merge:6.3f} s  "
        f"YAML {t_text:6.3f} s  CLI end to end {t_cli:6.3f} s (exit {code}) [{ok} < 3 s]  "
        f"{len(result.conflicts)} conflicts, {len(result.plan.flat())} points merged"
    )


def _commented(text: str, tag: str) -> str:
    """`text` with a comment above every fifth point."""
    out, n = [], 0
    for line in text.split("\n"):
        if re.match(r"\s*- (number|id|text|title):", line):
            n += 1
            if n % 5 == 0:
                out.append(f"{line[: len(line) - len(line.lstrip())]}# {tag} note {n}")
        out.append(line)
    return "\n".join(out)


def comments_timing(n_points: int, repeat: int) -> None:
    base, ours, _ = make_pair(n_points, seed=7)
    theirs = revise(base, seed=8, share=0.3, tag="t").plan
    texts = tuple(_commented(dump_plan(p), t) for p, t in ((base, "b"), (ours, "o"), (theirs, "t")))
    plans = [load_text(t) for t in texts]
    t_plain, _ = best_of(repeat, lambda: merge_plans(*plans).text())
    t_comm, result = best_of(repeat, lambda: merge_plans(*plans, texts=texts))
    t_text, _ = best_of(repeat, result.text)
    print(
        f"{len(base.flat()):>6} points  comments   merge+YAML without {t_plain:6.3f} s, with: "
        f"merge {t_comm:6.3f} s  YAML {t_text:6.3f} s  "
        f"({len(result.comments or ())} comments placed, {len(result.notes)} notes)"
    )


def laws(sizes: list[int], seeds: int) -> bool:
    all_ok = True
    for n in sizes:
        failures = checked = 0
        start = time.perf_counter()
        for seed in range(seeds):
            for ids in (False, True):
                base, x, _ = make_pair(n, seed, ids=ids)
                for o, t in ((x, x), (base, x), (x, base)):
                    r = merge_plans(base, o, t)
                    checked += 1
                    failures += not (r.clean and r.plan.points == x.points)
                ours = revise(base, seed, 0.25, tag="o")
                theirs = revise(base, seed + 1, 0.25, avoid=ours.touched, tag="t")
                r = merge_plans(base, ours.plan, theirs.plan)
                texts = {fp.point.text for fp in r.plan.flat()}
                carried = all(
                    set(side.edited.values()) <= texts
                    and {text for _, text in side.inserted} <= texts
                    and not {base.get(k).text for k in side.deleted} & texts
                    for side in (ours, theirs)
                )
                checked += 1
                failures += not (r.clean and carried)
        all_ok &= failures == 0
        took = time.perf_counter() - start
        print(f"laws at {n:>5} points: {checked - failures}/{checked} hold  ({took:.1f} s)")
    return all_ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seeds", type=int, default=2)
    args = ap.parse_args()
    compile_peaceplan()  # time the program, not the compiling of its source
    for ids in (False, True):
        timing(args.points, ids, args.repeat)
    comments_timing(args.points, args.repeat)
    ok = laws([20, 50, 100, 200, 500, 1000, 2000], args.seeds)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
