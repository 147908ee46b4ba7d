"""How long `peaceplan site` takes on the bundled plans, and its parts.

    python -m benchmarks.site_bench              # 5 runs, median and best
    python -m benchmarks.site_bench --runs 20
    python -m benchmarks.site_bench --generated 2000   # also two generated versions of 2,000 points

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
    parser.add_argument(
        "--generated",
        type=int,
        default=0,
        metavar="N",
        help="also time a site of two generated versions of about N points (benchmarks.generate)",
    )
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
    if args.generated:
        _generated(args.generated)


def _generated(n: int) -> None:
    """A site of one generated negotiation: a plan of about `n` points and a revision."""
    import attrs

    import peaceplan
    from benchmarks.generate import dump_plan, make_pair

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "plans" / "generated"
        folder.mkdir(parents=True)
        old, new, _ = make_pair(n, 1, ids=True)
        old = attrs.evolve(old, plan="generated", version="v1", based_on=())
        new = attrs.evolve(new, plan="generated", version="v2", based_on=("v1",))
        (folder / "v1.yaml").write_text(dump_plan(old), encoding="utf-8")
        (folder / "v2.yaml").write_text(dump_plan(new), encoding="utf-8")
        start = time.perf_counter()
        report = peaceplan.build_site(Path(tmp) / "site", plans=Path(tmp) / "plans")
        seconds = time.perf_counter() - start
    print(f"generated {n} points x 2 versions: {report.pages} files in {seconds:.2f} s")


if __name__ == "__main__":
    main()
