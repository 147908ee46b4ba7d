"""Fingerprints of what peaceplan prints: md5 of each output, to show a refactoring changed none.

    python -m benchmarks.output_md5s                 # print "md5  what" lines
    python -m benchmarks.output_md5s > before.txt    # ... refactor ...
    python -m benchmarks.output_md5s | diff before.txt -

Covers the JSON, text and Markdown diffs of the bundled pairs, `show`, `status`, `blame`,
`merge` of the bundled partial drafts, and the JSON diff of the 5,000-point generated pair
(benchmarks.generate, seed 1). Each runs as the CLI runs, in a subprocess with COLUMNS fixed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [
    ("us-28", "ua-20"),
    ("us-28", "e3-counter"),
    ("us-28", "geneva-19"),
    ("geneva-19", "ua-20"),
    ("minsk-1", "minsk-2"),
]


def commands() -> list[list[str]]:
    """The CLI argument lists whose outputs are fingerprinted."""
    out = []
    for old, new in PAIRS:
        for fmt in ("json", "terminal", "markdown", "html", "side-by-side"):
            out.append(["diff", old, new, "--format", fmt, "--color", "never"])
    out += [
        ["show", "ua-20"],
        ["status", "ukraine-2025"],
        ["blame", "ua-20"],
        ["merge", "us-28", "e3-counter", "geneva-19"],
        ["figures", "ukraine-2025"],
        ["log", "ukraine-2025"],
    ]
    return out


def md5_of(argv: list[str], cwd: Path) -> str:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("PEACEPLAN_LIMITS", None)
    proc = subprocess.run(
        [sys.executable, "-m", "peaceplan", *argv], cwd=cwd, env=env, capture_output=True
    )
    return hashlib.md5(proc.stdout + b"\0" + str(proc.returncode).encode()).hexdigest()


def main() -> None:
    for argv in commands():
        print(f"{md5_of(argv, ROOT)}  peaceplan {' '.join(argv)}")
    from benchmarks.generate import write_pair

    with tempfile.TemporaryDirectory() as tmp:
        old, new, _ = write_pair(Path(tmp), 5000, seed=1)
        argv = ["diff", str(old), str(new), "--format", "json"]
        print(f"{md5_of(argv, Path(tmp))}  peaceplan diff <5,000-point pair> --format json")


if __name__ == "__main__":
    main()
