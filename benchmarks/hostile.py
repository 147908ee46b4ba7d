"""Hostile inputs through the real CLI: time and peak memory of each, and the answer given.

    python -m benchmarks.hostile                          # every case, this checkout
    python -m benchmarks.hostile --python OTHER/python    # the same cases with another install
    python -m benchmarks.hostile --cases alias-1000 flood-topics

Each case is a file (or a stream) built to cost far more to process than to send: one long text
anchored once and referenced a thousand times (alias amplification), a 20 MB list of empty
mappings (a node flood), 600,000 unknown keys, a notes file of empty entries, 3 GB on standard
input, a 500-version lineage for `blame`. Each command runs as a subprocess under a time limit
(--timeout, default 120 s) and an address-space cap (--memory, default 3 GiB, so a runaway case
cannot take the machine down); the table gives the wall time, the peak resident memory
(ru_maxrss from os.wait4), the exit status and the first line of standard error.

The documented budget (docs/limits.md, SECURITY.md): every case answers with exit 0, 1 or 2
within 10 s and 500 MB. A case over it is flagged, and the exit status is then 1.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BUDGET_S = 10.0
BUDGET_MB = 500
LONG = "x" * 99_000  # one text just under the 100,000-character cap of a point's text


def alias_plan(refs: int, version: str = "v1") -> str:
    """A plan whose first point's text is anchored and every other point's text an alias of it
    (the long text of version v2 differs from v1's in its last word)."""
    long = LONG if version == "v1" else LONG[:-6] + " other"
    head = f'plan: amp\nversion: {version}\npoints:\n  - number: "1"\n    text: &t "{long}"\n'
    return head + "".join(f'  - number: "{i}"\n    text: *t\n' for i in range(2, refs + 2))


def flood_plan(size: int) -> str:
    """A valid-looking plan whose one point lists `size` bytes of empty mappings as topics."""
    n = (size - 200) // 3
    return 'plan: f\nversion: v\npoints:\n  - number: "1"\n    text: T.\n    topics: [' + (
        ",".join(["{}"] * n) + "]\n"
    )


def keys_plan(n: int) -> str:
    """A plan whose one point has `n` unknown keys."""
    keys = "".join(f"    key{i}: 1\n" for i in range(n))
    return f'plan: k\nversion: v\npoints:\n  - number: "1"\n    text: T.\n{keys}'


def chain(root: Path, n: int) -> None:
    """A negotiation of `n` versions, each based on the one before, one point changing."""
    folder = root / "plans" / "chain"
    folder.mkdir(parents=True)
    for i in range(n):
        based = f"based_on: [v{i - 1}]\n" if i else ""
        folder.joinpath(f"v{i}.yaml").write_text(
            f"plan: chain\nversion: v{i}\n{based}points:\n"
            f'  - number: "1"\n    text: The parties meet in round {i}.\n'
            f'  - number: "2"\n    text: The text that never changes.\n',
            encoding="utf-8",
        )


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    ident = ["-c", "user.email=b@b.invalid", "-c", "user.name=bench"]
    subprocess.run(["git", *ident, *args], cwd=repo, check=True, env=env, capture_output=True)


def build(root: Path) -> dict[str, tuple[list[str], Path | None, Path | None]]:
    """Write every case under `root`; return name -> (peaceplan arguments, cwd, stdin file)."""
    plans = root / "plans" / "amp"
    plans.mkdir(parents=True)
    (plans / "v1.yaml").write_text(alias_plan(1000), encoding="utf-8")
    (plans / "v2.yaml").write_text(alias_plan(1000, "v2"), encoding="utf-8")
    (root / "a10k-1.yaml").write_text(alias_plan(10_000), encoding="utf-8")
    (root / "a10k-2.yaml").write_text(alias_plan(10_000, "v2"), encoding="utf-8")
    (root / "flood.yaml").write_text(flood_plan(20 * 1024 * 1024 - 1000), encoding="utf-8")
    (root / "keys.yaml").write_text(keys_plan(600_000), encoding="utf-8")
    # a notes file of 300,000 empty entries beside an ordinary plan
    notes = root / "plans" / "nf" / "notes"
    notes.mkdir(parents=True)
    (notes.parent / "v1.yaml").write_text(
        keys_plan(0).replace("plan: k\nversion: v", "plan: nf\nversion: v1"), "utf-8"
    )
    (notes / "v1.yaml").write_text("[" + ",".join(["{}"] * 300_000) + "]\n", encoding="utf-8")
    # review: the alias plan arrives in a pull request
    repo = root / "repo"
    (repo / "plans" / "amp").mkdir(parents=True)
    (repo / "plans" / "amp" / "v1.yaml").write_text(alias_plan(3), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    (repo / "plans" / "amp" / "v1.yaml").write_text(alias_plan(1000), encoding="utf-8")
    chain(root / "chain", 500)
    big_stdin = root / "stdin.fifo"
    os.mkfifo(big_stdin)
    return {
        "alias-1000 validate": (["validate", "plans/amp/v1.yaml"], None, None),
        "alias-1000 show": (["show", "plans/amp/v1.yaml"], None, None),
        "alias-1000 diff": (["diff", "plans/amp/v1.yaml", "plans/amp/v2.yaml"], None, None),
        "alias-1000 review": (["review", "HEAD"], repo, None),
        "alias-10000 diff json": (
            ["diff", "a10k-1.yaml", "a10k-2.yaml", "--format", "json"],
            None,
            None,
        ),
        "flood-topics validate": (["validate", "flood.yaml"], None, None),
        "unknown-keys validate": (["validate", "keys.yaml"], None, None),
        "notes-flood note list": (["note", "list", "nf/v1"], None, None),
        "notes-flood validate": (["validate", "plans/nf"], None, None),
        "stdin-3GB show -": (["show", "-"], None, big_stdin),
        "chain-500 blame": (["blame", "chain/v499"], root / "chain", None),
    }


def feed_fifo(path: Path, total: int) -> Callable[[], None]:
    """Start writing `total` bytes of plan-like text into the FIFO `path`; return a stopper."""
    pid = os.fork()
    if pid == 0:  # the writer: stops at the end, or when the reader closes the pipe
        try:
            with open(path, "wb") as fh:
                chunk = b"# padding padding padding padding padding padding padding padding\n"
                chunk *= 1024
                sent = 0
                while sent < total:
                    fh.write(chunk)
                    sent += len(chunk)
        except OSError:
            pass
        os._exit(0)

    def stop() -> None:
        import contextlib
        import signal

        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

    return stop


def run(
    python: str, argv: list[str], cwd: Path, stdin: Path | None, timeout: float, memory: int
) -> tuple[float, int, str, str]:
    """(wall seconds, peak RSS MiB, exit status or "killed", first line of stderr)."""
    stop = feed_fifo(stdin, 3 * 1024**3) if stdin else None
    err_path = cwd / ".hostile-stderr"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    start = time.perf_counter()
    with (
        open(err_path, "wb") as err,
        open(os.devnull, "wb") as out,
        open(stdin or os.devnull, "rb") as inp,
    ):
        proc = subprocess.Popen(
            [python, "-m", "peaceplan", *argv],
            cwd=cwd,
            stdin=inp,
            stdout=out,
            stderr=err,
            preexec_fn=limit,
            env={k: v for k, v in os.environ.items() if not k.startswith("PEACEPLAN_")},
        )
        status: str
        try:
            while True:
                pid, code, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    status = str(os.waitstatus_to_exitcode(code))
                    break
                if time.perf_counter() - start > timeout:
                    proc.kill()
                    _, code, usage = os.wait4(proc.pid, 0)
                    status = "killed"
                    break
                time.sleep(0.02)
        finally:
            proc.returncode = 0  # reaped by wait4 above
    took = time.perf_counter() - start
    if stop:
        stop()
    text = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    first = text[0] if text else ""
    if status != "killed" and int(status) < 0:
        status = f"signal {-int(status)}"
    return took, usage.ru_maxrss // 1024, status, first[:90]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python", default=sys.executable, help="the interpreter with peaceplan")
    ap.add_argument("--cases", nargs="*", help="names (or prefixes) of the cases to run")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is killed")
    ap.add_argument("--memory", type=int, default=3072, help="address-space cap, MiB")
    args = ap.parse_args()
    worst = 0
    with tempfile.TemporaryDirectory(prefix="peaceplan-hostile-") as tmp:
        root = Path(tmp)
        cases = build(root)
        print(f"{'case':26} {'time':>8} {'peak MiB':>9} {'exit':>7}  message")
        for name, (argv, cwd, stdin) in cases.items():
            if args.cases and not any(name.startswith(c) for c in args.cases):
                continue
            took, rss, status, first = run(
                args.python, argv, cwd or root, stdin, args.timeout, args.memory * 1024**2
            )
            over = took > BUDGET_S or rss > BUDGET_MB or status not in ("0", "1", "2")
            worst |= over
            flag = "  OVER BUDGET" if over else ""
            print(f"{name:26} {took:7.1f}s {rss:9,} {status:>7}  {first}{flag}", flush=True)
    return int(worst)


if __name__ == "__main__":
    sys.exit(main())
