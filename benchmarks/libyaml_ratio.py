"""The 5,000-point diff beside PyYAML's libyaml parse of both files: the ratio issue 17 bounds.

    python -m benchmarks.libyaml_ratio               # 5,000 points, best of 5
    python -m benchmarks.libyaml_ratio --points 1000 --repeat 3

The generated pair (benchmarks.generate, seed 1) is written to a temporary folder; then, in turn
within each round (so a shared machine's drifts hit them alike):

- floor: `python -c "import yaml; yaml.load(..., Loader=yaml.CSafeLoader)"` on both files, a
  subprocess, so interpreter start-up is paid as the CLI pays it;
- default: `peaceplan diff OLD NEW --format json` with PEACEPLAN_PURE=1 (what the default install
  runs: no yaml-rs, orjson or cydifflib), one process (--jobs 1, the default);
- fast: the same with the `fast` extra's modules, where installed;
- and each again with --jobs 2 (a second process on Linux).

Times are the best of --repeat rounds: wall time, and the CPU time (user + system) of the
process and its children, which a machine busy with other work disturbs less (the fork of
--jobs 2 adds its child's CPU time). The must-show: default / floor at most 2.5 (wall time).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.align_scale import FLOOR_CODE, cli_argv
from benchmarks.bytecode import compile_peaceplan
from benchmarks.generate import write_pair

LIMIT = 2.5


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a command, its output discarded: (wall seconds, CPU seconds of it and its children)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env}
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed")
    # a forked helper is reaped by the command itself: its time is in the command's children
    return wall, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; exit 1 if the default install's ratio is above LIMIT."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    from peaceplan.io.fastread import fast_available

    compile_peaceplan()  # as an installed copy runs: its bytecode cached, not compiled each run
    with tempfile.TemporaryDirectory() as tmp:
        old, new, _ = write_pair(Path(tmp), args.points, seed=1)
        files = [str(old), str(new)]
        diff = [*cli_argv(), "diff", *files, "--format", "json"]
        runs = {
            "floor (PyYAML CSafeLoader, both files)": (
                [sys.executable, "-c", FLOOR_CODE, *files],
                {},
            ),
            "default install, --jobs 1": ([*diff, "--jobs", "1"], {"PEACEPLAN_PURE": "1"}),
            "default install, --jobs 2": ([*diff, "--jobs", "2"], {"PEACEPLAN_PURE": "1"}),
        }
        if fast_available():
            runs["fast extra, --jobs 1"] = ([*diff, "--jobs", "1"], {"PEACEPLAN_PURE": "0"})
            runs["fast extra, --jobs 2"] = ([*diff, "--jobs", "2"], {"PEACEPLAN_PURE": "0"})
        best: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, (cmd, env) in runs.items():
                wall, used = run_child(cmd, env)
                best[name] = min(best.get(name, wall), wall)
                cpu[name] = min(cpu.get(name, used), used)
    floor, floor_cpu = next(iter(best.values())), next(iter(cpu.values()))
    print(f"{args.points:,}-point diff --format json, best of {args.repeat}:")
    print("| run | wall s | / floor | CPU s | / floor |")
    print("|---|---:|---:|---:|---:|")
    for name, took in best.items():
        used = cpu[name]
        print(
            f"| {name} | {took:.3f} | {took / floor:.2f}x | {used:.3f} | {used / floor_cpu:.2f}x |"
        )
    return 0 if best["default install, --jobs 1"] / floor <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
