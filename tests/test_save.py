"""Saving plans: byte-identical round trips, edits that keep comments, atomic writes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import attrs
import pytest

import peaceplan
from peaceplan.io.atomic import atomic_write
from peaceplan.io.save import roundtrip_yaml
from peaceplan.model import Point

PLAN_FILES = sorted(Path(__file__).resolve().parent.parent.joinpath("plans").rglob("*.yaml"))
PLAN_FILES = [p for p in PLAN_FILES if "notes" not in p.parts]

COMMENTED = """\
# Header comment that must survive.
plan: demo
version: v1
title: 'Single-quoted title'
points:
  - number: "1"   # trailing comment on the number
    text: First point.
  # A comment between points.
  - number: "2"
    text: Second point with 600,000 personnel.
"""


def test_bundled_plans_exist() -> None:
    assert len(PLAN_FILES) >= 5


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_plan_survives_load_and_save_byte_identical(path: Path, tmp_path: Path) -> None:
    original = path.read_bytes()
    copy = tmp_path / path.name
    copy.write_bytes(original)
    peaceplan.save(peaceplan.load(copy), copy)
    assert copy.read_bytes() == original
    # and the round-trip writer itself reproduces the house style, not only the no-op shortcut
    out = tmp_path / "fresh.yaml"
    yaml = roundtrip_yaml()
    with out.open("w", encoding="utf-8") as handle:
        yaml.dump(yaml.load(original.decode("utf-8")), handle)
    assert out.read_bytes() == original


def test_edit_keeps_comments_quoting_and_order(tmp_path: Path) -> None:
    f = tmp_path / "v1.yaml"
    f.write_text(COMMENTED)
    plan = peaceplan.load(f)
    second = attrs.evolve(plan.points[1], text="Second point with 800,000 personnel.")
    edited = attrs.evolve(plan, points=(plan.points[0], second), title="Single-quoted title")
    peaceplan.save(edited, f)
    assert f.read_text() == COMMENTED.replace("600,000", "800,000")


def test_added_point_and_new_field(tmp_path: Path) -> None:
    f = tmp_path / "v1.yaml"
    f.write_text(COMMENTED)
    plan = peaceplan.load(f)
    edited = attrs.evolve(
        plan,
        status="draft",
        points=(*plan.points, Point(text="Third.", number="3", topics=("x",))),
    )
    peaceplan.save(edited, f)
    text = f.read_text()
    assert text.startswith("# Header comment that must survive.\n")
    assert "# A comment between points." in text
    assert "title: 'Single-quoted title'\nstatus: draft\npoints:" in text
    assert text.endswith('  - number: "3"\n    text: Third.\n    topics:\n      - x\n')
    assert peaceplan.load(f) == edited


def test_save_new_file_round_trips(tmp_path: Path) -> None:
    plan = peaceplan.load(PLAN_FILES[0])
    out = tmp_path / "new.yaml"
    peaceplan.save(plan, out)
    assert peaceplan.load(out) == plan


def test_failed_write_leaves_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    f = tmp_path / "v1.yaml"
    f.write_text(COMMENTED)
    plan = peaceplan.load(f)

    def boom(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        peaceplan.save(attrs.evolve(plan, title="Changed"), f)
    assert f.read_text() == COMMENTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v1.yaml"]


def test_save_keeps_file_mode(tmp_path: Path) -> None:
    f = tmp_path / "v1.yaml"
    f.write_text(COMMENTED)
    f.chmod(0o640)
    plan = peaceplan.load(f)
    peaceplan.save(attrs.evolve(plan, title="Changed"), f)
    assert f.stat().st_mode & 0o777 == 0o640


def test_save_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    atomic_write(link, "new\n")
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8") == "new\n"


def test_save_into_a_pipe_writes_to_it_instead_of_replacing_it(tmp_path: Path) -> None:
    # `-o /dev/stdout` or a FIFO: a rename would swap the device for a file (as root even
    # /dev/null), so the bytes go into it directly.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    atomic_write(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


PLANS = Path(__file__).resolve().parent.parent / "plans"
PEACEPLAN = [sys.executable, "-m", "peaceplan", "--plans", str(PLANS)]


def test_output_to_dev_stdout_reaches_a_pipe() -> None:
    # `/dev/stdout` on a pipe names no file to rename over: the text goes down the pipe
    diff = [*PEACEPLAN, "diff", "us-28", "ua-20", "--format", "json"]
    piped = subprocess.run([*diff, "-o", "/dev/stdout"], capture_output=True, check=False)
    plain = subprocess.run(diff, capture_output=True, check=False)
    assert (piped.returncode, piped.stderr) == (1, b"")
    assert piped.stdout == plain.stdout and b'"format":"peaceplan.diff/1"' in piped.stdout


def test_output_to_dev_stdout_appends_where_stdout_appends(tmp_path: Path) -> None:
    # `peaceplan ... -o /dev/stdout >> log`: what the log held stays, the output follows it
    log = tmp_path / "log.md"
    log.write_text("earlier entries\n", encoding="utf-8")
    with log.open("ab") as out:
        code = subprocess.run(
            [*PEACEPLAN, "diff", "us-28", "ua-20", "--format", "markdown", "-o", "/dev/stdout"],
            stdout=out,
            check=False,
        ).returncode
    assert code == 1
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier entries\n### ukraine-2025: us-28")
    assert "800,000" in text


def test_output_into_a_missing_folder_is_a_one_line_error(run, scratch_plans: Path) -> None:
    target = scratch_plans.parent / "missing" / "merged.yaml"
    code, out, err = run("merge", "us-28", "us-28", "ua-20", "-o", str(target), plans=scratch_plans)
    assert code == 2
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    assert err.strip() == f"peaceplan: {target}: No such file or directory"
