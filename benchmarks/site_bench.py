"""How long `peaceplan site` takes on the bundled plans, and its parts.

    python -m benchmarks.site_bench              # 5 runs, median and best
    python -m benchmarks.site_bench --runs 20

Prints the time of the whole build (pages rendered and written, atomically) and, apart, of the
matrix and flow of ukraine-2025, and the number and size of the files written.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import peaceplan
    from peaceplan.render.flow import flow_svg

    plans = ROOT / "plans"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        build = _time(lambda: peaceplan.build_site(out, plans=plans), args.runs)
        files = [p for p in out.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
    matrix = _time(lambda: peaceplan.matrix("ukraine-2025", plans=plans), args.runs)
    flow = _time(lambda: flow_svg(peaceplan.flow("ukraine-2025", plans=plans)), args.runs)
    for name, times in (
        ("site (all plans)", build),
        ("matrix ukraine-2025", matrix),
        ("flow ukraine-2025 (svg)", flow),
    ):
        print(
            f"{name:26} median {statistics.median(times) * 1000:7.1f} ms   "
            f"best {min(times) * 1000:7.1f} ms   ({len(times)} runs)"
        )
    print(f"site: {len(files)} files, {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
