"""Crash safety and concurrency, with real processes: a writer SIGKILLed at a random moment leaves
every file as it was before or after a write (never torn), its lock released; nothing is lost
when several processes annotate one version at once; a normal exit leaves no temporary file.

The number of kills per test is $PEACEPLAN_KILLS (default 6, to keep CI cheap); for a long run:

    PEACEPLAN_KILLS=50 pytest tests/test_crash.py
"""

from __future__ import annotations

import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest

import peaceplan
from peaceplan.io.save import dump_text
from peaceplan.notes.store import read_notes

ROOT = Path(__file__).resolve().parent.parent
KILLS = int(os.environ.get("PEACEPLAN_KILLS", "6"))

# The writer: saves two versions alternately onto one file (the round-trip save path), or appends
# notes one by one; prints "ready" once imported, then writes until killed or done.
WRITER = r"""
import sys
from pathlib import Path
import peaceplan

mode, plans, target, count = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
if mode == "save":
    a = peaceplan.load(Path(plans) / "ukraine-2025" / "us-28.yaml")
    b = peaceplan.load(Path(plans).parent / "revised.yaml")
    print("ready", flush=True)
    for i in range(count):
        peaceplan.save(b if i % 2 == 0 else a, target)
else:
    tag = sys.argv[5]
    print("ready", flush=True)
    for i in range(count):
        peaceplan.add_note("us-28", "sovereignty", f"{tag} {i}", plans=plans)
"""


def start(mode: str, plans: Path, target: Path, count: int, tag: str = "w") -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, mode, str(plans), str(target), str(count), tag],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line == "ready\n", proc.stderr.read() if proc.stderr else line
    return proc


def kill_at_random(proc: subprocess.Popen, rng: random.Random, upto: float) -> None:
    time.sleep(rng.uniform(0, upto))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    if proc.stdout:
        proc.stdout.close()
    if proc.stderr:
        proc.stderr.close()


def lock_is_free(notes_file: Path) -> bool:
    """True when nobody holds the notes lock (flock, non-blocking)."""
    try:
        fd = os.open(notes_file.with_name(f".{notes_file.name}.lock"), os.O_RDWR)
    except FileNotFoundError:
        return True  # not made yet, or already cleaned up: nobody holds it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.tmp"))


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    dest = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", dest)
    # A revision of us-28 (same plan and version, a point fewer, a new title), beside the folder.
    a = peaceplan.load(dest / "ukraine-2025" / "us-28.yaml")
    peaceplan.save(attrs.evolve(a, title="Revised", points=a.points[1:]), tmp_path / "revised.yaml")
    return dest


def test_a_killed_save_leaves_the_old_or_the_new_file(plans: Path) -> None:
    target = plans / "ukraine-2025" / "us-28.yaml"
    a = peaceplan.load(target)
    b = peaceplan.load(plans.parent / "revised.yaml")
    # Every content the file can legitimately have: the writer alternates b, a, b, a...
    states = [target.read_text(encoding="utf-8")]
    for i in range(6):
        states.append(dump_text(b if i % 2 == 0 else a, states[-1]))
    allowed = set(states)
    assert len(allowed) >= 2
    rng = random.Random(7)
    seen = set()
    for _ in range(KILLS):
        proc = start("save", plans, target, 10_000)
        kill_at_random(proc, rng, 0.4)
        text = target.read_text(encoding="utf-8")
        assert text in allowed, "torn or unexpected plan file after SIGKILL"
        seen.add(text)
        assert peaceplan.load(target) in (a, b)
    # A kill can strand a temporary file; it never counts as a plan.
    assert peaceplan.validate_paths(plans=plans).ok
    for leftover in temp_files(plans):
        leftover.unlink()
    # A writer that runs to the end leaves no temporary file behind.
    proc = start("save", plans, target, 5)
    assert proc.wait(timeout=60) == 0
    assert temp_files(plans) == []
    assert target.read_text(encoding="utf-8") in allowed


def test_a_killed_note_writer_loses_nothing_written_and_releases_its_lock(plans: Path) -> None:
    notes = plans / "ukraine-2025" / "notes" / "us-28.yaml"
    before = len(read_notes(notes).annotations)  # the bundled sample notes, if any
    rng = random.Random(11)
    written = before
    for k in range(KILLS):
        proc = start("notes", plans, notes, 10_000, tag=f"w{k}")
        kill_at_random(proc, rng, 0.5)
        # Whole entries only: the file reads back, every note complete, ids in sequence.
        got = read_notes(notes).annotations
        assert len(got) >= written
        assert [a.id for a in got] == [f"n-{i + 1:04d}" for i in range(len(got))]
        assert all(a.body and a.body.split()[0].startswith(("w", "after")) for a in got[before:])
        written = len(got)
        # The lock died with its holder: the next writer goes ahead at once.
        assert lock_is_free(notes)
        note = peaceplan.add_note("us-28", "sovereignty", "after the kill", plans=plans)
        written += 1
        assert read_notes(notes).annotations[-1] == note
    assert written > before + KILLS  # the writers did write before they were killed
    for leftover in temp_files(plans):
        leftover.unlink()
    proc = start("notes", plans, notes, 3)
    assert proc.wait(timeout=60) == 0
    assert temp_files(plans) == []
    assert len(read_notes(notes).annotations) == written + 3


def test_concurrent_note_writers_lose_nothing(plans: Path) -> None:
    notes = plans / "ukraine-2025" / "notes" / "us-28.yaml"
    before = len(read_notes(notes).annotations)
    procs = [start("notes", plans, notes, 12, tag=f"p{k}") for k in range(3)]
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read() if proc.stderr else ""
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    got = read_notes(notes).annotations[before:]
    assert sorted(a.body for a in got) == sorted(f"p{k} {i}" for k in range(3) for i in range(12))
    assert len({a.id for a in read_notes(notes).annotations}) == before + 36
    assert temp_files(plans) == []


def test_concurrent_saves_leave_one_whole_version(plans: Path) -> None:
    target = plans / "ukraine-2025" / "us-28.yaml"
    a = peaceplan.load(target)
    b = peaceplan.load(plans.parent / "revised.yaml")
    procs = [start("save", plans, target, 15) for _ in range(2)]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    assert peaceplan.load(target) in (a, b)
    assert temp_files(plans) == []
