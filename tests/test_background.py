"""A second process for part of a large diff: the same result whether or not it ran, and no way
for a failing child to change what the user sees."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import peaceplan
from peaceplan.background import can_fork, in_background, kept
from peaceplan.errors import PlanError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ (the synthetic plan generator) is not installed
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_pair  # noqa: E402

# This suite runs on Linux machines with two cores or more: there the helper must really fork.
FORKS = sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1


def _pid() -> int:
    return os.getpid()


def test_the_part_runs_in_a_child_where_forking_is_allowed() -> None:
    assert can_fork() == FORKS
    with in_background(_pid) as later:
        assert later.forked == FORKS
        assert (later.result() != os.getpid()) == FORKS
    with in_background(_pid, fork=False) as later:
        assert not later.forked and later.result() == os.getpid()


def test_the_library_never_forks_unless_asked(monkeypatch) -> None:
    # jobs=1 is the default everywhere in the library: every part stays in the caller, and the
    # environment is not consulted (PEACEPLAN_JOBS is the command line's, read only there).
    monkeypatch.setenv("PEACEPLAN_JOBS", "8")
    assert kept(5000, 500) == 5000 and kept(5000, 500, jobs=1) == 5000
    with in_background(_pid, fork=kept(5000, 500) < 5000) as later:
        assert not later.forked and later.result() == os.getpid()


def test_no_library_module_reads_the_jobs_variable_or_turns_off_the_collector() -> None:
    root = Path(peaceplan.__file__).parent
    for path in root.rglob("*.py"):
        if "cli" in path.relative_to(root).parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "gc.disable" not in text and "gc.freeze" not in text, path
        assert "os.environ.get(JOBS_ENV" not in text and '"PEACEPLAN_JOBS"' not in text.replace(
            'JOBS_ENV = "PEACEPLAN_JOBS"', ""
        ), path
        assert "sys.modules[" not in text, path


def test_small_tasks_stay_whole_and_large_ones_are_shared_unevenly() -> None:
    # Below the minimum a fork costs more than it saves; above it the parent keeps the larger
    # share, since a forked child runs slower and must pickle what it sends back.
    assert kept(999, 1000, 2) == 999 and kept(0, 1000, 2) == 0
    assert kept(1000, 1000, 2) == 600 and kept(5000, 500, 2) == 3000


def _boom(x: int) -> int:
    raise ValueError(f"bad item {x}")


def test_an_error_in_the_child_is_raised_in_the_parent() -> None:
    with pytest.raises(ValueError, match="bad item 7"), in_background(_boom, 7) as later:
        later.result()


def _die_in_child(parent: int) -> str:
    if os.getpid() != parent:
        os.kill(os.getpid(), 9)  # the child is killed (out of memory, a stray signal...)
    return "computed here"


def test_a_child_that_dies_is_replaced_by_the_parent_doing_the_work() -> None:
    with in_background(_die_in_child, os.getpid()) as later:
        assert later.forked == FORKS
        assert later.result() == "computed here"


def test_a_result_no_longer_wanted_is_cancelled_without_leaving_a_child() -> None:
    later = in_background(_pid)
    pid = later._pid
    later.cancel()
    assert not later.forked
    if pid:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie left


def test_children_are_reaped_without_being_waited_for() -> None:
    # result() does not wait for a child to finish exiting; it is collected later, never left
    # behind as a zombie process.
    from peaceplan import background

    pids = []
    for _ in range(3):
        with in_background(_pid) as later:
            pids.append(later.result())
    assert (set(pids) != {os.getpid()}) == FORKS
    deadline = time.monotonic() + 10
    while background._exiting and time.monotonic() < deadline:
        time.sleep(0.01)
        background._reap()
    assert background._exiting == []
    for pid in set(pids) - {os.getpid()}:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


@pytest.fixture(scope="module")
def large_pair(tmp_path_factory) -> tuple[Path, Path]:
    # Large enough for every parallel step: the second file over 256 KiB, over 1,000 new points
    # to match on content, over 500 matches.
    old, new, _ = write_pair(tmp_path_factory.mktemp("large"), 2000, seed=3)
    assert new.stat().st_size > 256 * 1024
    return old, new


def _cli_json(old: Path, new: Path, **env: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "peaceplan", "diff", str(old), str(new), "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


def test_a_large_diff_is_the_same_with_one_process_or_two(large_pair) -> None:
    old, new = large_pair
    together = _cli_json(old, new, PEACEPLAN_JOBS="2")
    assert together == _cli_json(old, new, PEACEPLAN_JOBS="1") == _cli_json(old, new)
    assert len(together["changes"]) > 2000
    assert (
        peaceplan.diff(old, new, jobs=2).to_records()
        == peaceplan.diff(peaceplan.load(old), peaceplan.load(new)).to_records()
    )


@pytest.mark.parametrize("budget", [2_000, 6_000])  # run out in the first half, the second
def test_a_budget_runs_out_at_the_same_pair_with_one_process_or_two(
    large_pair, monkeypatch, budget
) -> None:
    from peaceplan.aligning import align

    old, new = (peaceplan.load(p) for p in large_pair)
    together = align(old, new, budget=budget, jobs=2)
    alone = align(old, new, budget=budget)
    assert together.budget_exhausted and alone.budget_exhausted
    assert together == alone


def test_a_bad_second_file_is_reported_as_without_a_second_process(large_pair, tmp_path) -> None:
    old, new = large_pair
    bad = tmp_path / "bad.yaml"
    bad.write_text(new.read_text(encoding="utf-8") + "  - [unclosed\n", encoding="utf-8")
    runs = [
        subprocess.run(
            [sys.executable, "-m", "peaceplan", "diff", str(old), str(bad)],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        )
        for env in ({"PEACEPLAN_JOBS": "2"}, {"PEACEPLAN_JOBS": "1"})
    ]
    assert runs[0].returncode == runs[1].returncode == 2
    assert runs[0].stderr == runs[1].stderr
    assert runs[0].stderr.startswith(f"{bad}:") and "Traceback" not in runs[0].stderr
    with pytest.raises(PlanError):
        peaceplan.diff(old, bad)


def test_changes_come_back_from_a_child_unchanged(plans_dir: Path) -> None:
    # A child sends its changes back pickled: every field must survive the trip.
    import pickle

    ukraine = plans_dir / "ukraine-2025"
    d = peaceplan.diff(ukraine / "us-28.yaml", ukraine / "ua-20.yaml")
    assert any(c.figures for c in d.changes) and any(c.fields for c in d.changes)
    back = pickle.loads(pickle.dumps(d.changes))
    assert back == d.changes
    assert [type(s) for c in back for s in c.text] == [type(s) for c in d.changes for s in c.text]


def test_a_plan_comes_back_from_a_child_with_its_positions(plans_dir: Path) -> None:
    # Lines and the file path are not part of equality, but error messages and notes need them.
    import pickle

    plan = peaceplan.load(plans_dir / "ukraine-2025" / "us-28.yaml")
    back = pickle.loads(pickle.dumps(plan))
    assert back == plan and back.path == plan.path
    assert [fp.point.line for fp in back.flat()] == [fp.point.line for fp in plan.flat()]
    assert all(isinstance(line, int) for line in (fp.point.line for fp in back.flat()))
    assert back.flat() == plan.flat()


def test_resolve_pair_lends_its_waiting_time_to_the_caller(large_pair) -> None:
    from peaceplan.library import Library

    old, new = large_pair
    calls = []
    pair = Library.open(None).resolve_pair(str(old), str(new), meanwhile=lambda: calls.append(1))
    assert calls == [1]
    assert pair == (peaceplan.load(old), peaceplan.load(new))
