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

Times are the best of --repeat rounds. The must-show: default / floor at most 2.5.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.align_scale import FLOOR_CODE, cli_argv, run_child
from benchmarks.generate import write_pair

LIMIT = 2.5


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; exit 1 if the default install's ratio is above LIMIT."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    from peaceplan.io.fastread import fast_available

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
        for _ in range(args.repeat):
            for name, (cmd, env) in runs.items():
                saved = {k: os.environ.get(k) for k in env}
                os.environ.update(env)
                try:
                    took = run_child(cmd)[0]
                finally:
                    for k, v in saved.items():
                        if v is None:
                            os.environ.pop(k, None)
                        else:
                            os.environ[k] = v
                best[name] = min(best.get(name, took), took)
    floor = next(iter(best.values()))
    print(f"{args.points:,}-point diff --format json, best of {args.repeat}:")
    print("| run | seconds | / floor |")
    print("|---|---:|---:|")
    for name, took in best.items():
        print(f"| {name} | {took:.3f} | {took / floor:.2f}x |")
    return 0 if best["default install, --jobs 1"] / floor <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
