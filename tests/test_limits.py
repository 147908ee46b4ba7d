"""Limits on hostile input: each gives one located line naming the file and exit 2; the defaults
accept every bundled plan. Run through the real `peaceplan` executable, with the limits lowered
by $PEACEPLAN_LIMITS so that the files stay small (and once at the real defaults, in Python).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from clikit import cli_process

import peaceplan
from peaceplan.errors import PlanError, UsageError
from peaceplan.io.load import load_file, load_text
from peaceplan.io.yamlread import DEFAULT_LIMITS, Limits, limits_from_env

ROOT = Path(__file__).resolve().parent.parent


def peaceplan_cli(*args: str, limits: str | None = None, cwd: Path = ROOT):
    """The CLI in its own process, with $PEACEPLAN_LIMITS set to `limits` if given."""
    return cli_process(*args, cwd=cwd, env=None if limits is None else {"PEACEPLAN_LIMITS": limits})


def plan_text(n_points: int, text: str = "Text of the point.") -> str:
    points = "".join(f'  - number: "{i + 1}"\n    text: {text}\n' for i in range(n_points))
    return f"plan: lim\nversion: v\npoints:\n{points}"


OPTIONS = "[" + ", ".join(f"{{by: P{i}, text: Wording {i}.}}" for i in range(5)) + "]"
ALIASES = (
    'plan: lim\nversion: v\npoints:\n  - number: "1"\n    text: T.\n'
    f"    options: &o {OPTIONS}\n"
    + "".join(f'  - number: "{i}"\n    text: T.\n    options: *o\n' for i in (2, 3, 4))
)
NESTED = 'plan: lim\nversion: v\npoints:\n  - number: "1"\n    text: T.\n'
NESTED += "    points:\n      - number: a\n        text: Sub-point.\n"

CASES = {
    # limit: (PEACEPLAN_LIMITS, file text, expected message)
    "file size": ("max_bytes=1000", plan_text(40), "file too large (1,"),
    "alias expansion": (
        "max_alias_nodes=50",
        ALIASES,
        "alias expansion exceeds the limit of 50 nodes",
    ),
    "nesting depth": ("max_depth=5", NESTED, "nesting deeper than 5"),
    "number of points": ("max_points=3", plan_text(4), "more than 3 points"),
    "text length": ("max_text=10", plan_text(1), "text longer than 10 characters"),
}


@pytest.mark.parametrize("limit", CASES)
def test_each_limit_is_one_clear_line_naming_the_file(tmp_path: Path, limit: str) -> None:
    setting, text, expected = CASES[limit]
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    # Well within the default limits.
    assert peaceplan_cli("show", str(path)).returncode == 0
    out = peaceplan_cli("show", str(path), limits=setting)
    assert out.returncode == 2
    assert out.stdout == "" and "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith(f"{path}:") and expected in lines[0]


def test_limits_hold_in_validate_too(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(plan_text(5), encoding="utf-8")
    out = peaceplan_cli("validate", str(path), limits="max_points=3")
    assert out.returncode == 2
    assert out.stderr.splitlines()[0] == f"{path}:10:5: more than 3 points"


def test_default_limits_accept_every_bundled_plan() -> None:
    out = peaceplan_cli("validate")
    assert out.returncode == 0, out.stderr
    for path in sorted((ROOT / "plans").glob("*/*.yaml")):
        plan = load_file(path, limits=DEFAULT_LIMITS)
        assert len(plan.flat()) < DEFAULT_LIMITS.max_points


def test_a_bad_limits_setting_is_an_error_not_ignored() -> None:
    out = peaceplan_cli("validate", limits="max_pionts=5")
    assert out.returncode == 2
    assert out.stderr.startswith("PEACEPLAN_LIMITS: 'max_pionts=5': expected NAME=NUMBER")
    for bad in ("max_points=lots", "max_points=0", "max_points"):
        with pytest.raises(UsageError, match="PEACEPLAN_LIMITS"):
            limits_from_env(bad)


def test_limits_from_env() -> None:
    assert limits_from_env("") == Limits()
    assert limits_from_env(" max_points=200_000 , max_text=5 ") == Limits(
        max_points=200_000, max_text=5
    )


def test_limits_in_python(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(plan_text(4), encoding="utf-8")
    assert len(peaceplan.load(path).points) == 4
    with pytest.raises(PlanError, match="more than 3 points"):
        load_file(path, limits=Limits(max_points=3))
    with pytest.raises(PlanError, match="file too large"):
        load_file(path, limits=Limits(max_bytes=100))
    with pytest.raises(PlanError, match="file too large"):
        load_text(path.read_bytes(), str(path), limits=Limits(max_bytes=100))


def test_the_real_default_caps_refuse_a_billion_laughs_and_deep_nesting() -> None:
    lol = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        lol.append(
            f"l{i}: &l{i} [" + ", ".join(["*" + ("a" if i == 1 else f"l{i - 1}")] * 10) + "]"
        )
    with pytest.raises(PlanError) as info:
        load_text(plan_text(1) + "\n".join(lol) + "\n", "laughs.yaml")
    assert [p.message for p in info.value.problems] == [
        "alias expansion exceeds the limit of 10,000 nodes (a 'billion laughs' file?)"
    ]
    with pytest.raises(PlanError, match="nesting deeper than 64 levels"):
        load_text(plan_text(1) + "x: " + "[" * 10_000 + "\n", "deep.yaml")


def test_notes_files_obey_the_file_size_limit(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    (plans / "lim" / "notes").mkdir(parents=True)
    (plans / "lim" / "v.yaml").write_text(plan_text(2), encoding="utf-8")
    note = "- id: n-0001\n  point: '1'\n  kind: note\n  body: " + "Long note. " * 200 + "\n"
    (plans / "lim" / "notes" / "v.yaml").write_text(note, encoding="utf-8")
    out = peaceplan_cli("--plans", str(plans), "note", "list", "v", limits="max_bytes=1000")
    assert out.returncode == 2, out.stdout
    size = len(note.encode())
    assert out.stderr.strip().endswith(f"file too large ({size:,} bytes; the limit is 1,000)")
    out = peaceplan_cli("--plans", str(plans), "note", "list", "v")
    assert out.returncode == 0, out.stderr
    assert "Long note." in out.stdout


# -- configuration at call time -----------------------------------------------------------------


def test_a_bad_limits_setting_does_not_break_imports() -> None:
    env = {**os.environ, "PEACEPLAN_LIMITS": "garbage"}
    code = "import peaceplan, peaceplan.io, peaceplan.io.load, peaceplan.library"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert out.returncode == 0, out.stderr


def test_the_environment_is_read_when_a_file_is_read(tmp_path: Path, monkeypatch) -> None:
    from peaceplan.io.yamlread import current_limits

    path = tmp_path / "p.yaml"
    path.write_text(plan_text(4), encoding="utf-8")
    monkeypatch.setenv("PEACEPLAN_LIMITS", "max_points=3")
    assert current_limits() == Limits(max_points=3)
    with pytest.raises(PlanError, match="more than 3 points"):
        peaceplan.load(path)
    # an explicit `limits=` wins over the environment
    assert len(peaceplan.load(path, limits=Limits()).points) == 4
    monkeypatch.setenv("PEACEPLAN_LIMITS", "garbage")
    with pytest.raises(UsageError, match=r"^PEACEPLAN_LIMITS: 'garbage': expected NAME=NUMBER"):
        peaceplan.load(path)
    assert len(peaceplan.load(path, limits=Limits()).points) == 4
    monkeypatch.delenv("PEACEPLAN_LIMITS")
    assert current_limits() == DEFAULT_LIMITS == Limits()


def test_limits_pass_through_the_library_diff_and_merge(tmp_path: Path, monkeypatch) -> None:
    from peaceplan.library import Library

    monkeypatch.delenv("PEACEPLAN_LIMITS", raising=False)
    small = Limits(max_points=3)
    plans = ROOT / "plans"
    with pytest.raises(PlanError, match="more than 3 points"):
        Library.open(plans, limits=small).resolve("us-28")
    assert Library.open(plans).resolve("us-28").points
    with pytest.raises(PlanError, match="more than 3 points"):
        peaceplan.diff("us-28", "ua-20", plans=str(plans), limits=small)
    with pytest.raises(PlanError, match="more than 3 points"):
        peaceplan.merge("us-28", "ua-20", "e3-counter", plans=str(plans), limits=small)
    base = peaceplan.diff("us-28", "ua-20", plans=str(plans))
    assert peaceplan.diff("us-28", "ua-20", plans=str(plans), limits=Limits()) == base


def test_a_garbage_setting_is_one_line_and_exit_2_on_the_command_line() -> None:
    for args in (("validate",), ("diff", "us-28", "ua-20"), ("show", "us-28")):
        out = peaceplan_cli(*args, limits="garbage")
        assert out.returncode == 2, (args, out.stderr)
        assert out.stdout == ""
        lines = out.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("PEACEPLAN_LIMITS: 'garbage'"), args
