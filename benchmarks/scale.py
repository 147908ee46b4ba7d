"""Scale: a plans folder of 500 versions and a 20,000-point plan, through the real CLI.

    python -m benchmarks.scale                       # 50 plans x 10 versions, 20,000 points
    python -m benchmarks.scale --repeat 1            # one run of each command (faster)
    python -m benchmarks.scale --plans 5 --points 2000 --repeat 1    # a quick look

Everything is built in a temporary folder (deleted afterwards):

- a plans folder of PLANS negotiations x VERSIONS versions (default 50 x 10 = 500 files), each
  negotiation a lineage v01 <- v02 <- ... (`based_on`), the first draft 15-120 points long
  (synthetic treaty text from benchmarks.generate) and every later draft a revision of the one
  before: a few points dropped, reworded, inserted and moved, then renumbered;
- a plan of POINTS points (default 20,000, sub-points included) and its revision, from
  benchmarks.generate.make_pair (seed 1), the revision `based_on` the original.

Then each command runs as a subprocess, `python -m peaceplan ...`, its output going to a file in
the temporary folder; the figures are the best wall time of --repeat runs and the peak resident
memory of the process (ru_maxrss from os.wait4, the largest over the runs; the command is forked
from a small fresh interpreter, since a child's peak RSS counts the process it was forked from):

- `peaceplan validate` of the whole 500-version folder (every file, every lineage);
- `peaceplan log PLAN` (one negotiation, 10 versions) and `log PLAN --point 1` (one point
  followed through the lineage: an alignment per revision);
- `peaceplan validate` of the 20,000-point file, and `peaceplan diff OLD NEW --format json` of
  the 20,000-point pair.

A figure above the budgets in docs/limits.md (validate of the folder 30 s, the 20,000-point diff
60 s, 500 MiB for any command) is flagged in the table, and the exit status is then 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs

from benchmarks.bytecode import compile_peaceplan
from benchmarks.generate import make_pair
from peaceplan.io.emit import plan_yaml
from peaceplan.model import Plan, Point

# The budgets documented in docs/limits.md: a figure above one is flagged.
BUDGET = {"validate-folder": 30.0, "diff-20k": 60.0}  # seconds
MEMORY_BUDGET = 500  # MiB, every command


def write(plan: Plan, path: Path) -> int:
    """Write a plan in the house style; return its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = plan_yaml(plan)
    path.write_text(text, encoding="utf-8")
    return len(text.encode())


def _sentences(text: str) -> list[str]:
    parts = [s.strip() for s in text.replace(". ", ".\n").splitlines()]
    return [s for s in parts if s]


def revise(plan: Plan, version: str, rng: random.Random, pool: list[Point]) -> Plan:
    """The next draft: points dropped (4%), reworded (15%), inserted (4%), moved (2%)."""
    out: list[Point] = []
    for p in plan.points:
        roll = rng.random()
        if roll < 0.04 and len(plan.points) > 5:
            continue
        if roll < 0.19:
            sentences = _sentences(p.text)
            new = _sentences(rng.choice(pool).text)[0]
            sentences[rng.randrange(len(sentences))] = new
            p = attrs.evolve(p, text=" ".join(sentences))
        out.append(p)
        if rng.random() < 0.04:
            out.append(attrs.evolve(rng.choice(pool), id=None))
    for _ in range(max(1, len(out) // 50)):
        if rng.random() < 0.5:
            out.insert(rng.randrange(len(out) + 1), out.pop(rng.randrange(len(out))))
    points = tuple(attrs.evolve(p, number=str(i + 1)) for i, p in enumerate(out))
    date = (plan.date or dt.date(2025, 1, 1)) + dt.timedelta(days=rng.randint(3, 30))
    return attrs.evolve(plan, version=version, points=points, based_on=(plan.version,), date=date)


def build_folder(root: Path, n_plans: int, n_versions: int) -> tuple[int, int, int]:
    """Write the many-versions plans folder; (files, points in all, bytes in all)."""
    files = points = size = 0
    for i in range(n_plans):
        rng = random.Random(i)
        first, _, _ = make_pair(rng.randint(15, 120), seed=1000 + i)
        pool_plan, _, _ = make_pair(60, seed=5000 + i)
        pool = [p for p in pool_plan.points if not p.points]
        plan = attrs.evolve(
            first,
            plan=f"talks-{i:02d}",
            version="v01",
            title=f"Framework for talks {i:02d}",
            proposed_by=rng.choice(["Mediator", "Party A", "Party B"]),
            parties=("Party A", "Party B"),
        )
        for k in range(1, n_versions + 1):
            if k > 1:
                plan = revise(plan, f"v{k:02d}", rng, pool)
            size += write(plan, root / plan.plan / f"{plan.version}.yaml")
            files += 1
            points += len(plan.flat())
    return files, points, size


def build_big(root: Path, n_points: int) -> tuple[Path, Path, int, int]:
    """Write the big plan and its revision; (old path, new path, old points, old bytes)."""
    old, new, _ = make_pair(n_points, seed=1)
    new = attrs.evolve(new, based_on=(old.version,))
    a, b = root / old.plan / f"{old.version}.yaml", root / new.plan / f"{new.version}.yaml"
    size = write(old, a)
    write(new, b)
    return a, b, len(old.flat()), size


# Runs in a small fresh interpreter that forks and execs the command: a child's peak RSS counts
# the memory of the process it was forked from, and this script holds a 20,000-point plan.
_TIMER = """
import os, sys, time
report, out, err, *argv = sys.argv[1:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
    os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
    os.execv(sys.executable, [sys.executable, "-m", "peaceplan", *argv])
_, status, usage = os.wait4(pid, 0)
took = time.perf_counter() - start
with open(report, "w") as fh:
    fh.write(f"{took} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run(argv: list[str], out: Path, cwd: Path) -> tuple[float, int, int]:
    """Run `python -m peaceplan ARGV > out`: (wall seconds, peak RSS in MiB, exit status)."""
    report, err = out.with_suffix(".time"), out.with_suffix(".err")
    subprocess.run(
        [sys.executable, "-c", _TIMER, str(report), str(out), str(err), *argv],
        cwd=cwd,
        check=True,
    )
    took, rss, code = report.read_text().split()
    if int(code) not in (0, 1):
        message = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        raise SystemExit(f"peaceplan {' '.join(argv)} failed ({code}): {message[:3]}")
    return float(took), int(rss) // 1024, int(code)  # ru_maxrss is in KiB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plans", type=int, default=50, help="negotiations in the folder")
    ap.add_argument("--versions", type=int, default=10, help="versions per negotiation")
    ap.add_argument("--points", type=int, default=20_000, help="points of the big plan")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each command (best time)")
    args = ap.parse_args()
    compile_peaceplan()  # time the program, not the compiling of its source

    with tempfile.TemporaryDirectory(prefix="peaceplan-scale-") as tmp:
        base = Path(tmp)
        folder, big = base / "plans", base / "big"
        start = time.perf_counter()
        files, points, size = build_folder(folder, args.plans, args.versions)
        old, new, big_points, big_size = build_big(big, args.points)
        print(
            f"built in {time.perf_counter() - start:.0f} s: {files} versions "
            f"({points:,} points, {size / 2**20:.1f} MiB) in {args.plans} negotiations; "
            f"a {big_points:,}-point plan ({big_size / 2**20:.1f} MiB) and its revision"
        )
        plans = ["--plans", str(folder)]
        cases = [
            ("validate-folder", f"validate ({files} versions)", [*plans, "validate"]),
            ("log", "log talks-00 (10 versions)", [*plans, "log", "talks-00"]),
            ("log-point", "log talks-00 --point 1", [*plans, "log", "talks-00", "--point", "1"]),
            ("validate-20k", f"validate ({big_points:,} points)", ["validate", str(old)]),
            (
                "diff-20k",
                f"diff --format json ({big_points:,} points)",
                ["diff", str(old), str(new), "--format", "json"],
            ),
        ]
        print(f"\n{'command':<42} {'time (s)':>9} {'peak RSS (MiB)':>15} {'exit':>5}  output")
        slow = []
        for key, label, argv in cases:
            out = base / f"{key}.out"
            runs = [run(argv, out, base) for _ in range(max(1, args.repeat))]
            took = min(r[0] for r in runs)
            rss = max(r[1] for r in runs)
            flag = ""
            if key in BUDGET and took > BUDGET[key]:
                flag = f"  SLOW (budget {BUDGET[key]:.0f} s)"
                slow.append(key)
            if rss > MEMORY_BUDGET:
                flag += f"  LARGE (budget {MEMORY_BUDGET} MiB)"
                slow.append(key)
            said = out.with_suffix(".err").read_text(encoding="utf-8").strip().splitlines()
            shown = f"{out.stat().st_size / 1024:,.0f} KiB" if out.stat().st_size else said[-1]
            print(f"{label:<42} {took:>9.2f} {rss:>15,} {runs[0][2]:>5}  {shown}{flag}")
    print(f"\nbest of {args.repeat} run(s); python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
