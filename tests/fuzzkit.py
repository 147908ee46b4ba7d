"""Hostile plan files for the fuzz tests: mutations of the bundled drafts and a CLI to run them.

Used by tests/test_fuzz.py (a short run in CI) and benchmarks/fuzz_long.py (a long run):

    >>> world = FuzzWorld.create(tmp_path)              # a scratch copy of plans/, with notes
    >>> outcomes = world.check("ukraine-2025/us-28", b"plan: [", formats)   # AssertionError if bad

A mutation works on the file's bytes the way a careless edit, a bad merge or a hostile pull request
would: broken indentation, truncation, stray anchors, aliases and tags (`!!python/object`), wrong
types, invalid UTF-8, NUL bytes, huge numbers, deep nesting, deleted/duplicated/swapped points and
hostile point text. Every command must answer with exit 0, 1 or 2 and a message: never a traceback,
an "internal error" or a hang.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from clikit import entry_command
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"

ORIGINALS: dict[str, bytes] = {
    f"{p.parent.name}/{p.stem}": p.read_bytes() for p in sorted(PLANS.glob("*/*.yaml"))
}

# Inserted at a random place: each is something a plan file should never contain, or contain
# only with care.
SNIPPETS: list[bytes] = [
    b"&a ",
    b"*a",
    b"*nowhere ",
    b"&x [*x, *x]",
    b"!!python/object:os.system ",
    b"!!python/object/apply:os.system [echo pwned] ",
    b"!!binary aGVsbG8= ",
    b"!custom ",
    b"!!set ",
    b"!!omap ",
    b"{",
    b"}",
    b"[",
    b"]",
    b"- ",
    b": ",
    b"? ",
    b"<<: *a\n",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"%TAG ! tag:evil.example,2000:\n",
    b"\t",
    b"\r",
    b"\x00",
    b"\x1b[2J",
    b"\xff\xfe",
    b"\xc3",
    b"\xed\xa0\x80",  # a UTF-8-encoded surrogate: invalid
    b"\xef\xbb\xbf",
    b"'",
    b'"',
    b'"\\ud800"',
    b'"\\e[2J\\x9b31m\\u202e"',
    b"|",
    b">-",
    b"#",
    b"9" * 5000,
    b"0x" + b"f" * 5000,
    b"1e999",
    b"-.inf",
    b".nan",
    b"2025-02-30",
    b"2025-13-45 25:61",
    b"null",
    b"~",
    b"true",
    b"[" * 200,
    b"{a: " * 100,
    b"- " * 100,
    b"\n" + b"  " * 80 + b"- x\n",
    b"number: [1, 2]",
    b"points: 7",
    b"points: []",
    b"documents: [{id: d, points: []}]",
    b"text: ''",
    b"id: 'a b'",
    b"based_on: [../../etc/passwd]",
    b"based_on: /etc/passwd",
    b"based_on: [-rf]",
    b"options: [{by: X}]",
    b"conflict: yes",
    b"x" * 300,
]

# Values written over an existing `key: value` line: the wrong type, or a strange right one.
VALUES: list[bytes] = [
    b"[]",
    b"{}",
    b"null",
    b"123",
    b"-0",
    b"true",
    b"1.5",
    b"2025-13-45",
    b"[[[]]]",
    b"*undefined",
    b"&anchor value",
    b"!!str 5",
    b"!!int x",
    b"!!float 1",
    b'""',
    b"' '",
    b"|\n  multi\n  line",
    b"[a, b, c]",
    b"{by: x, text: y}",
    b'"\\e[2J <script>alert(1)</script> | pipe ` tick"',
    b"../../etc/passwd",
    b"-n",
    b"/etc/passwd",
    b"9" * 5000,
]

_POINT_START = re.compile(rb"^\s*- (id|number):", re.M)
_KEY_LINE = re.compile(rb"^(\s*(?:- )?[A-Za-z_]+:)[ \t]*(.*)$", re.M)


def _pos(draw: Callable[[Any], Any], data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def op_truncate(draw: Callable[[Any], Any], data: bytes) -> bytes:
    return data[: _pos(draw, data)]


def op_insert(draw: Callable[[Any], Any], data: bytes) -> bytes:
    i = _pos(draw, data)
    return data[:i] + draw(st.sampled_from(SNIPPETS)) + data[i:]


def op_insert_at_line(draw: Callable[[Any], Any], data: bytes) -> bytes:
    lines = _lines(data)
    i = draw(st.integers(0, len(lines)))
    indent = draw(st.sampled_from([b"", b"  ", b"    ", b"      "]))
    lines.insert(i, indent + draw(st.sampled_from(SNIPPETS)))
    return b"\n".join(lines)


def op_indent(draw: Callable[[Any], Any], data: bytes) -> bytes:
    """Break the indentation of one line (or a run of lines)."""
    lines = _lines(data)
    i = draw(st.integers(0, max(len(lines) - 1, 0)))
    n = draw(st.integers(1, 5))
    change = draw(st.sampled_from([b" ", b"   ", b"\t", b"-", b""]))
    for k in range(i, min(i + n, len(lines))):
        lines[k] = change + lines[k] if change else lines[k].lstrip()
    return b"\n".join(lines)


def op_drop_line(draw: Callable[[Any], Any], data: bytes) -> bytes:
    lines = _lines(data)
    if len(lines) > 1:
        del lines[draw(st.integers(0, len(lines) - 1))]
    return b"\n".join(lines)


def op_duplicate_line(draw: Callable[[Any], Any], data: bytes) -> bytes:
    lines = _lines(data)
    i = draw(st.integers(0, len(lines) - 1))
    lines.insert(draw(st.integers(0, len(lines))), lines[i])
    return b"\n".join(lines)


def op_value(draw: Callable[[Any], Any], data: bytes) -> bytes:
    """Replace the value of one `key: value` line (wrong type, odd value)."""
    found = list(_KEY_LINE.finditer(data))
    if not found:
        return data
    m = draw(st.sampled_from(found))
    return data[: m.start()] + m.group(1) + b" " + draw(st.sampled_from(VALUES)) + data[m.end() :]


def op_text(draw: Callable[[Any], Any], data: bytes) -> bytes:
    """Put hostile or odd text into a point's text: stays a valid plan more often than not."""
    found = [m for m in _KEY_LINE.finditer(data) if m.group(1).strip().endswith(b"text:")]
    if not found:
        return data
    m = draw(st.sampled_from(found))
    chars = st.characters(blacklist_categories=["Cs"])
    hostile = draw(st.text(chars, max_size=40)) + draw(
        st.sampled_from(["\x1b[2J", "\u202e", "</td><script>", "| a | b |", "`x`", "\x9b", ""])
    )
    quoted = '"' + hostile.replace("\\", "\\\\").replace('"', '\\"') + '"'
    quoted = "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" for ch in quoted)
    return data[: m.start()] + m.group(1) + b" " + quoted.encode() + data[m.end() :]


def op_points(draw: Callable[[Any], Any], data: bytes) -> bytes:
    """Delete, duplicate or swap whole points (the file usually stays valid)."""
    starts = [m.start() for m in _POINT_START.finditer(data)]
    if len(starts) < 2:
        return data
    bounds = list(zip(starts, [*starts[1:], len(data)]))
    i, j = draw(st.integers(0, len(bounds) - 1)), draw(st.integers(0, len(bounds) - 1))
    (a, b), (c, d) = sorted([bounds[i], bounds[j]])
    action = draw(st.sampled_from(["delete", "duplicate", "swap"]))
    if action == "delete":
        return data[:a] + data[b:]
    if action == "duplicate":
        return data[:c] + data[a:b] + data[c:]
    if (a, b) == (c, d):
        return data
    return data[:a] + data[c:d] + data[b:c] + data[a:b] + data[d:]


def op_flip(draw: Callable[[Any], Any], data: bytes) -> bytes:
    if not data:
        return data
    i = draw(st.integers(0, len(data) - 1))
    return data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]


def op_bytes(draw: Callable[[Any], Any], data: bytes) -> bytes:
    i = _pos(draw, data)
    return data[:i] + draw(st.binary(min_size=1, max_size=16)) + data[i:]


def op_anchor_bomb(draw: Callable[[Any], Any], data: bytes) -> bytes:
    """A billion-laughs block tacked on (at the end, so the rest still parses)."""
    depth = draw(st.integers(2, 12))
    lines = [b"lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for k in range(1, depth):
        refs = b", ".join([b"*l%d" % (k - 1)] * 10)
        lines.append(b"lol%d: &l%d [%s]" % (k, k, refs))
    return data.rstrip(b"\n") + b"\n" + b"\n".join(lines) + b"\n"


OPS = [
    op_truncate,
    op_insert,
    op_insert_at_line,
    op_indent,
    op_drop_line,
    op_duplicate_line,
    op_value,
    op_text,
    op_points,
    op_flip,
    op_bytes,
    op_anchor_bomb,
]


def _as_mutant(name: str) -> bytes:
    """The bundled file renamed `version: mutant`, to match the file the mutant is written to."""
    version = name.split("/")[1].encode()
    return ORIGINALS[name].replace(b"\nversion: " + version + b"\n", b"\nversion: mutant\n", 1)


@st.composite
def mutated_plans(draw: Callable[[Any], Any]) -> tuple[str, bytes]:
    """(the bundled version it came from, its bytes after one to three mutations)."""
    name = draw(st.sampled_from(sorted(ORIGINALS)))
    data = _as_mutant(name)
    for _ in range(draw(st.integers(1, 3))):
        data = draw(st.sampled_from(OPS))(draw, data)
    return name, data


SHOW_FORMATS = ("terminal", "markdown", "json", "yaml")
DIFF_FORMATS = ("terminal", "markdown", "html", "json", "side-by-side")


class Hang(Exception):
    """A command ran past its time limit."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail (Hang) if the block runs longer than `seconds` (main thread, POSIX)."""

    def _alarm(signum: int, frame: Any) -> None:
        raise Hang(f"no answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


class FuzzWorld:
    """A scratch plans folder with notes on every bundled version; runs commands on a mutant."""

    def __init__(self, root: Path):
        self.root = root
        self.plans = root / "plans"
        self.runner = CliRunner()
        self.entry = entry_command()
        self.tried = 0
        self.codes: dict[str, dict[int, int]] = {}

    @classmethod
    def create(cls, root: Path) -> FuzzWorld:
        """Copy plans/ under `root` and annotate each version (so `note carry` has work to do)."""
        import warnings

        import peaceplan

        warnings.simplefilter("ignore", UserWarning)  # a quote that occurs twice: fine here
        shutil.copytree(PLANS, root / "plans")
        world = cls(root)
        for name in ORIGINALS:
            plan = peaceplan.load(world.plans / f"{name}.yaml")
            flat = plan.flat()
            for fp in (flat[0], flat[len(flat) // 2]):
                words = fp.point.text.split()
                peaceplan.add_note(
                    plan, fp.key, "Who drafted this?", quote=" ".join(words[:3]), plans=world.plans
                )
            peaceplan.add_note(
                plan, flat[-1].key, party="Ukraine", stance="rejects", plans=world.plans
            )
        return world

    def run(self, *args: str, input: bytes | None = None) -> tuple[int, str]:
        """Run the CLI in-process on the scratch folder; (exit code, stdout + stderr)."""
        argv = ["--plans", str(self.plans), *args]
        result = self.runner.invoke(self.entry, argv, input=input, catch_exceptions=False)
        return result.exit_code, result.stdout + result.stderr

    def commands(self, name: str, fmt_show: str, fmt_diff: str) -> list[tuple[str, ...]]:
        plan, version = name.split("/")
        mutant = str(self.plans / plan / "mutant.yaml")
        out = str(self.root / "merged.yaml")
        Path(out).unlink(missing_ok=True)
        cmds: list[tuple[str, ...]] = [
            ("validate", mutant),
            ("show", "mutant", "--format", fmt_show, "--color", "always"),
            ("diff", version, "mutant", "--format", fmt_diff, "--color", "always"),
            ("diff", "mutant", "--format", "json"),
            ("note", "carry", version, "mutant"),
        ]
        other = next(n for n in sorted(ORIGINALS) if n.startswith(plan + "/") and n != name)
        cmds.append(("merge", version, "mutant", other.split("/")[1], "-o", out, "-q"))
        return cmds

    def check(self, name: str, data: bytes, fmt_show: str = "json", fmt_diff: str = "json") -> None:
        """Feed the mutant of `name` to every command; AssertionError unless all answer cleanly."""
        plan, _ = name.split("/")
        folder = self.plans / plan
        notes = {p: p.read_bytes() for p in (folder / "notes").iterdir()}
        (folder / "mutant.yaml").write_bytes(data)
        try:
            for args in self.commands(name, fmt_show, fmt_diff):
                with time_limit(60):
                    code, out = self.run(*args)
                self.tried += 1
                self.codes.setdefault(args[0], {}).setdefault(code, 0)
                self.codes[args[0]][code] += 1
                where = f"peaceplan {' '.join(args)} on {name} mutant"
                assert code in (0, 1, 2), f"{where}: exit {code}\n{out}"
                assert "Traceback" not in out, f"{where}: traceback\n{out}"
                assert "internal error" not in out, f"{where}:\n{out}"
                if code == 2:
                    assert out.strip(), f"{where}: exit 2 without a message"
                if args[0] == "validate" and code == 2:
                    first = out.splitlines()[0]
                    assert first.startswith(args[1]), f"{where}: error names no file: {first}"
                if args[0] == "merge" and code in (0, 1):
                    # Whatever the inputs, a merge writes a plan that loads (conflicts as
                    # options); its lineage may name versions outside any plans folder.
                    from peaceplan.errors import PlanError
                    from peaceplan.io.load import load_file

                    try:
                        load_file(args[args.index("-o") + 1])
                    except PlanError as exc:
                        raise AssertionError(f"{where}: merged plan does not load: {exc}") from None
            with time_limit(60):
                code, out = self.run("show", "-", "--format", fmt_show, input=data)
            self.tried += 1
            assert code in (0, 2) and "Traceback" not in out and "internal error" not in out, out
        finally:
            # Back to the starting state, so that every example sees the same world.
            (folder / "mutant.yaml").unlink(missing_ok=True)
            for p in (folder / "notes").iterdir():
                if p not in notes:
                    p.unlink()
                elif p.read_bytes() != notes[p]:
                    p.write_bytes(notes[p])


def fuzz_examples(default: int) -> int:
    """How many mutants to try: $PEACEPLAN_FUZZ_EXAMPLES, else `default` (the CI budget)."""
    value = os.environ.get("PEACEPLAN_FUZZ_EXAMPLES", "")
    return int(value) if value.isdigit() and int(value) > 0 else default


def fuzz_settings(default: int) -> settings:
    """Hypothesis settings for a fuzz run of `fuzz_examples(default)` examples: deterministic
    (derandomized, no example database), no deadline, large and slow inputs allowed."""
    return settings(
        max_examples=fuzz_examples(default),
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
