"""Scaling: align() and the end-to-end CLI JSON diff beside the floor (parsing both files in C).

    python -m benchmarks.align_scale                 # 100, 1,000, 5,000, 10,000 points
    python -m benchmarks.align_scale --sizes 1000 5000 --repeat 5
    python -m benchmarks.align_scale --quick         # 100 and 1,000 points, one run each

For each size a synthetic plan and its revision (benchmarks.generate, seed 1) are written as YAML
to a temporary folder, then measured:

- align:  peaceplan.aligning.align(old, new) in this process on loaded plans (time; peak Python
          memory by tracemalloc, in a separate run so tracing does not slow the timed one);
- CLI:    `peaceplan diff OLD NEW --format json > /dev/null` as a subprocess (wall time; peak
          resident memory of that process, from os.wait4);
- floor:  parsing both files with PyYAML's libyaml loader (yaml.CSafeLoader), in this process
          and as a subprocess (`python -c "import yaml; load both"`, so interpreter start-up is
          paid as the CLI pays it);
- ruamel: the same subprocess with ruamel.yaml's C loader (YAML(typ="safe", pure=False)), the
          loader of the YAML library peaceplan uses;
- yaml-rs: the same subprocess with yaml_rs.loads, the parser the diff command reads plain
          files with (peaceplan.io.fastread): the floor of what peaceplan itself parses with.

Times are the best of `--repeat` runs; the three subprocesses (floor, ruamel, CLI) run in turn
within each round, so a shared machine's drifts in speed hit them alike. The ratio is CLI time
over the floor subprocess time (and, in brackets, over the in-process parse); the last column
is the median over the rounds of CLI time over ruamel time in the same round. Last, the cold wall
time of `peaceplan diff us-28 ua-20` on the bundled plans (the start-up budget is 0.3 s).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from benchmarks.bytecode import compile_peaceplan
from benchmarks.generate import write_pair

ROOT = Path(__file__).resolve().parent.parent
FLOOR_CODE = (
    "import sys, yaml\n"
    "for f in sys.argv[1:]:\n"
    "    with open(f, encoding='utf-8') as fh: yaml.load(fh.read(), Loader=yaml.CSafeLoader)\n"
)
# The C loader of ruamel.yaml (ruamel.yaml.clib), the YAML library peaceplan depends on: the
# loader the figures name ("0.12 s for a 1,000-point file"). A second, looser floor.
RUAMEL_FLOOR_CODE = (
    "import sys\n"
    "from ruamel.yaml import YAML\n"
    "y = YAML(typ='safe', pure=False)\n"
    "for f in sys.argv[1:]:\n"
    "    with open(f, encoding='utf-8') as fh: y.load(fh.read())\n"
)
# yaml-rs, which the diff command reads plain files with: the tightest floor.
YAML_RS_FLOOR_CODE = (
    "import sys, yaml_rs\n"
    "for f in sys.argv[1:]:\n"
    "    with open(f, encoding='utf-8') as fh: yaml_rs.loads(fh.read(), parse_datetime=False)\n"
)


def run_child(argv: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Run a command with stdout discarded: (wall seconds, peak RSS in KiB, exit status)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()}")
    rss = usage.ru_maxrss  # KiB on Linux
    return took, rss, proc.returncode


def best(fn, repeat: int):
    """The run with the smallest first element among `repeat` runs of fn()."""
    return min((fn() for _ in range(repeat)), key=lambda r: r[0])


def cli_argv() -> list[str]:
    """The installed `peaceplan` script beside this interpreter, else `python -m peaceplan`."""
    script = Path(sys.executable).parent / "peaceplan"
    return [str(script)] if script.exists() else [sys.executable, "-m", "peaceplan"]


def measure(size: int, folder: Path, repeat: int) -> dict[str, float]:
    """All figures for one size."""
    import yaml

    from peaceplan.aligning import align
    from peaceplan.api import load

    old_path, new_path, _ = write_pair(folder / str(size), size, seed=1)
    files = [str(old_path), str(new_path)]
    old, new = load(old_path), load(new_path)
    n_points = len(old.flat()) + len(new.flat())

    def timed_align() -> tuple[float, bool]:
        start = time.perf_counter()
        result = align(old, new)
        return time.perf_counter() - start, result.budget_exhausted

    align_s, exhausted = best(timed_align, repeat)
    tracemalloc.start()
    align(old, new)
    align_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    texts = [Path(f).read_text(encoding="utf-8") for f in files]

    def parse() -> tuple[float]:
        start = time.perf_counter()
        for t in texts:
            yaml.load(t, Loader=yaml.CSafeLoader)
        return (time.perf_counter() - start,)

    (parse_s,) = best(parse, repeat)
    # The three subprocesses run in turn within each round, so a shared machine's changes of
    # speed hit them alike; the ratio is also taken round by round.
    commands = {
        "floor": [sys.executable, "-c", FLOOR_CODE, *files],
        "ruamel": [sys.executable, "-c", RUAMEL_FLOOR_CODE, *files],
        "yaml_rs": [sys.executable, "-c", YAML_RS_FLOOR_CODE, *files],
        "cli": [*cli_argv(), "diff", *files, "--format", "json"],
    }
    rounds = [{k: run_child(argv) for k, argv in commands.items()} for _ in range(repeat)]
    floor_s, floor_rss, _ = min(r["floor"] for r in rounds)
    ruamel_s = min(r["ruamel"][0] for r in rounds)
    yaml_rs_s = min(r["yaml_rs"][0] for r in rounds)
    cli_s, cli_rss, _ = min(r["cli"] for r in rounds)
    ratios = sorted(r["cli"][0] / r["ruamel"][0] for r in rounds)
    return {
        "size": size,
        "points": n_points,
        "mb": sum(len(t.encode()) for t in texts) / 1e6,
        "align_s": align_s,
        "align_mb": align_peak / 1e6,
        "exhausted": exhausted,
        "parse_s": parse_s,
        "floor_s": floor_s,
        "floor_mb": floor_rss / 1024,
        "ruamel_s": ruamel_s,
        "yaml_rs_s": yaml_rs_s,
        "cli_s": cli_s,
        "cli_mb": cli_rss / 1024,
        "ratio_median": ratios[len(ratios) // 2],
    }


def table(rows: list[dict[str, float]]) -> str:
    """A Markdown table of the figures, with growth per 10x against the smallest size >= 1,000."""
    lines = [
        "| points (old) | both files | align | align peak | CLI json diff | CLI peak RSS "
        "| parse floor (subprocess) | parse (in-process) | ratio CLI / floor "
        "| ruamel C loader (subprocess) | ratio CLI / ruamel | median ratio of rounds "
        "| yaml-rs (subprocess) | ratio CLI / yaml-rs |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    for r in rows:
        flag = " (budget hit)" if r["exhausted"] else ""
        lines.append(
            f"| {r['size']:,} | {r['mb']:.2f} MB | {r['align_s']:.3f} s{flag} "
            f"| {r['align_mb']:.0f} MB | {r['cli_s']:.3f} s | {r['cli_mb']:.0f} MB "
            f"| {r['floor_s']:.3f} s | {r['parse_s']:.3f} s "
            f"| {r['cli_s'] / r['floor_s']:.2f}x ({r['cli_s'] / r['parse_s']:.1f}x) "
            f"| {r['ruamel_s']:.3f} s | {r['cli_s'] / r['ruamel_s']:.2f}x "
            f"| {r['ratio_median']:.2f}x "
            f"| {r['yaml_rs_s']:.3f} s | {r['cli_s'] / r['yaml_rs_s']:.2f}x |"
        )
    base = next((r for r in rows if r["size"] >= 1000), None)
    if base is not None:
        for r in rows:
            if r["size"] > base["size"]:
                k = r["size"] / base["size"]
                lines.append(
                    f"\n{base['size']:,} -> {r['size']:,} points ({k:g}x): align "
                    f"{r['align_s'] / base['align_s']:.1f}x, "
                    f"CLI {r['cli_s'] / base['cli_s']:.1f}x, "
                    f"floor {r['floor_s'] / base['floor_s']:.1f}x"
                )
    return "\n".join(lines)


def cold_diff(repeat: int) -> tuple[float, float]:
    """Wall time of `peaceplan diff us-28 ua-20` on the bundled plans: (best, median)."""
    times = sorted(
        run_child([*cli_argv(), "diff", "us-28", "ua-20"], cwd=ROOT)[0] for _ in range(repeat)
    )
    return times[0], times[len(times) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000, 10000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="100 and 1,000 points, one run each")
    args = ap.parse_args()
    compile_peaceplan()  # time the program, not the compiling of its source
    if args.quick:
        args.sizes, args.repeat = [100, 1000], 1
    rows = []
    with tempfile.TemporaryDirectory(prefix="peaceplan-scale-") as tmp:
        for size in args.sizes:
            rows.append(measure(size, Path(tmp), args.repeat))
            print(f"measured {size:,} points", file=sys.stderr, flush=True)
    print(table(rows))
    best_s, median_s = cold_diff(max(5, args.repeat))
    print(f"\ncold `peaceplan diff us-28 ua-20`: best {best_s:.3f} s, median {median_s:.3f} s")


if __name__ == "__main__":
    main()
