"""The long fuzz run: many mutants of the bundled plans through every command, with figures.

    python -m benchmarks.fuzz_long --examples 5000            # deterministic (derandomized)
    python -m benchmarks.fuzz_long --examples 5000 --seed 7   # a different random stream
    python -m benchmarks.fuzz_long --minutes 5                # rounds of fresh mutants, 5 min

Prints how many mutants and command runs were tried, the exit codes per command, and either
"all answered cleanly" or the first failure (a traceback, an internal error, a hang) with its input
(also saved to fuzz-failure.yaml, see --save).
The CI suite runs the same check (tests/test_fuzz.py) with a small budget; so does
`PEACEPLAN_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzzkit import DIFF_FORMATS, SHOW_FORMATS, FuzzWorld, mutated_plans
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="mutants to try")
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed (default: derandomized)"
    )
    parser.add_argument(
        "--minutes",
        type=float,
        default=None,
        help="run rounds of --examples mutants (seeds 0, 1, 2...) until this time is spent",
    )
    parser.add_argument(
        "--save",
        default="fuzz-failure.yaml",
        help="where to write the failing input, if any (default: %(default)s)",
    )
    args = parser.parse_args()
    if args.minutes is not None and args.examples == parser.get_default("examples"):
        args.examples = 250  # rounds short enough to stop close to the time asked for
    warnings.simplefilter("ignore")

    with tempfile.TemporaryDirectory() as tmp:
        world = FuzzWorld.create(Path(tmp))
        mutants = 0
        failed_on: tuple[str, bytes] | None = None

        @settings(
            max_examples=args.examples,
            derandomize=args.seed is None and args.minutes is None,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(mutated_plans(), st.sampled_from(SHOW_FORMATS), st.sampled_from(DIFF_FORMATS))
        def fuzz(mutant: tuple[str, bytes], fmt_show: str, fmt_diff: str) -> None:
            nonlocal mutants, failed_on
            mutants += 1
            try:
                world.check(*mutant, fmt_show, fmt_diff)
            except BaseException:
                failed_on = mutant  # after shrinking: the smallest failing input
                raise

        start = time.perf_counter()
        failure = None
        rounds = 0
        while failure is None:
            if args.minutes is not None:
                fuzz = seed(rounds if args.seed is None else args.seed + rounds)(fuzz)
            elif args.seed is not None:
                fuzz = seed(args.seed)(fuzz)
            rounds += 1
            try:
                fuzz()
            except Exception as exc:  # an AssertionError, a Hang, or several (an ExceptionGroup)
                failure = exc
            elapsed = time.perf_counter() - start
            if args.minutes is None or elapsed >= args.minutes * 60:
                break

    first = args.seed or 0
    how = f"   rounds: {rounds} (seeds {first}-{first + rounds - 1})" if args.minutes else ""
    print(
        f"mutants tried: {mutants:,}   command runs: {world.tried:,}   time: {elapsed:.0f} s{how}"
    )
    print(f"{'command':<10} {'exit 0':>8} {'exit 1':>8} {'exit 2':>8}")
    for command, codes in sorted(world.codes.items()):
        print(f"{command:<10} " + " ".join(f"{codes.get(c, 0):>8,}" for c in (0, 1, 2)))
    if failure is not None:
        print(f"FAILED: {failure}")
        if failed_on is not None:
            name, data = failed_on
            Path(args.save).write_bytes(data)
            print(f"the input (a mutant of {name}) is saved in {args.save}:\n{data[:2000]!r}")
        return 1
    print("all answered cleanly (exit 0/1/2 with a message; no traceback, internal error or hang)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
