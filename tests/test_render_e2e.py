"""The renderers on real diffs: the bundled us-28 -> ua-20 drafts and hostile plan files, through
the diff builder and the CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import peaceplan
from peaceplan.diffing import diff_plans
from peaceplan.render.html import diff_html
from peaceplan.render.markdown import diff_markdown
from peaceplan.render.sidebyside import diff_side_by_side
from peaceplan.render.terminal import diff_terminal

PLANS = Path(__file__).resolve().parent.parent / "plans"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FIGURE = "Size of the armed forces (#6 -> #4): 600,000 personnel -> 800,000 personnel"


@pytest.fixture(scope="module")
def us28_ua20():
    ukraine = PLANS / "ukraine-2025"
    return diff_plans(
        peaceplan.load(ukraine / "us-28.yaml"), peaceplan.load(ukraine / "ua-20.yaml")
    )


def test_us28_to_ua20_reads_as_a_negotiator_wants(us28_ua20) -> None:
    out = diff_terminal(us28_ua20, color=False, width=120)
    assert out.startswith("ukraine-2025: us-28 -> ua-20\n")
    assert FIGURE in out
    assert out.index(FIGURE) < out.index("\nChanges\n")
    assert "us-28 #6 -> ua-20 #4  Size of the armed forces" in out
    assert "[-600,000-]{+800,000+}" in out
    # Every top-level point of us-28 is accounted for: in a change (moved, split, merged,
    # removed...), in a renumbering run, or named as renumbered in the closing summary.
    runs = [
        range(int(r.old_first), int(r.old_last) + 1)
        for r in us28_ua20.renumbered_runs
        if r.old_first.isdigit() and r.old_last.isdigit()
    ]
    for fp in us28_ua20.old.flat():
        n = fp.full_number
        if fp.depth == 0:
            placed = re.search(rf"us-28 (#\d+ \+ )*#{n}\b", out) or f"#{n} -> #" in out
            assert placed or any(int(n) in r for r in runs), n
    # Each renumbering run is said once, not once per point.
    for run in us28_ua20.renumbered_runs:
        assert out.count(f"points {run.old_first}-{run.old_last} renumbered") <= 1
    coloured = diff_terminal(us28_ua20, color=True, width=120)
    assert ANSI.search(coloured) and "[-600,000-]" not in coloured


def test_sub_point_lists_name_what_came_and_went_not_what_was_renumbered(us28_ua20) -> None:
    # us-28 #10 -> ua-20 #5: 10.c and 10.d live on as 5.a and 5.b, 10.a and 10.b are dropped
    # and 5.c is new. The list says so in every renderer, without "-10.c +5.a" noise.
    phrase = "points: +5.c -10.a -10.b"
    assert phrase in diff_terminal(us28_ua20, color=False, width=200)
    assert phrase in diff_markdown(us28_ua20)
    assert phrase in diff_html(us28_ua20)
    assert phrase in diff_side_by_side(us28_ua20, color=False, width=300)
    # The JSON contract still carries both full lists.
    change = next(c for c in us28_ua20.changes if c.old == ("10",))
    points = next(f for f in change.fields if f.field == "points")
    assert points.old == ["10.a", "10.b", "10.c", "10.d"] and points.new == ["5.a", "5.b", "5.c"]
    assert us28_ua20.counterparts("old", "10.c") == ("5.a",)
    assert us28_ua20.counterparts("new", "5.c") == ()


def test_us28_to_ua20_other_formats(us28_ua20) -> None:
    md = diff_markdown(us28_ua20)
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    assert "<td>600,000 personnel</td>" in html and "<td>800,000 personnel</td>" in html
    assert md.count("<details>") == md.count("</details>")
    page = diff_html(us28_ua20)
    assert "<del>600,000</del><ins>800,000</ins>" in page
    side = diff_side_by_side(us28_ua20, color=False, width=140)
    assert "[-600,000-]" in side and "{+800,000+}" in side


def test_cli_formats(run) -> None:
    code, out, _ = run("diff", "us-28", "ua-20", "--color", "never")
    assert code == 1 and FIGURE in out
    code, out, _ = run("diff", "us-28", "ua-20", "--format", "markdown")
    assert code == 1 and out.startswith("### ukraine-2025: us-28 -&gt; ua-20")
    code, out, _ = run("diff", "us-28", "ua-20", "--format", "html")
    assert code == 1 and out.startswith("<!DOCTYPE html>")
    code, out, _ = run("diff", "us-28", "ua-20", "--format", "side-by-side", "--color", "never")
    assert code == 1 and "{+800,000+}" in out
    code, out, _ = run("diff", "us-28", "ua-20", "--only", "modified", "--explain")
    assert code == 1 and "matched by" in out and "removed   " not in out
    code, out, _ = run("diff", "us-28", "us-28", "--color", "never")
    assert code == 0 and "No differences." in out
    code, out, _ = run("show", "us-28", "--color", "never")
    assert code == 0 and "  6. Size of the armed forces" in out


@pytest.mark.parametrize("command", [("diff", "us-28", "ua-20"), ("show", "us-28")])
def test_color_always_survives_a_pipe(command) -> None:
    # `peaceplan diff a b --color always | less -R`: stdout is a pipe, the colour was asked for.
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    argv = [sys.executable, "-m", "peaceplan", "--plans", str(PLANS), *command]
    colored = subprocess.run([*argv, "--color", "always"], capture_output=True, text=True, env=env)
    assert colored.returncode in (0, 1), colored.stderr
    assert ANSI.search(colored.stdout)
    for choice in ("auto", "never"):
        plain = subprocess.run([*argv, "--color", choice], capture_output=True, text=True, env=env)
        assert not ANSI.search(plain.stdout)
        assert "Size of the armed forces" in plain.stdout
    assert "Size of the armed forces" in ANSI.sub("", colored.stdout)


def test_a_budget_too_small_says_so_and_how_to_raise_it(run) -> None:
    code, out, _ = run("diff", "us-28", "ua-20", "--budget", "1", "--format", "json")
    assert code == 1 and json.loads(out)["budget_exhausted"] is True
    code, full, _ = run("diff", "us-28", "ua-20", "--format", "json")
    assert json.loads(full)["budget_exhausted"] is False
    for fmt in ("terminal", "markdown", "html", "side-by-side"):
        code, out, _ = run("diff", "us-28", "ua-20", "--budget", "1", "--format", fmt)
        assert "alignment stopped early" in out and "--budget N" in out, fmt
    code, _, err = run("diff", "us-28", "ua-20", "--budget", "0")
    assert code == 2 and "--budget" in err and "Traceback" not in err
    # The same from Python.
    assert peaceplan.diff("us-28", "ua-20", plans=str(PLANS), budget=1).budget_exhausted
    assert not peaceplan.diff("us-28", "ua-20", plans=str(PLANS)).budget_exhausted


HOSTILE_A = r"""plan: evil
version: a
title: "Evil \e[2J <script>alert(1)</script> plan"
proposed_by: "Mallory \e]0;pwned\a | <b>x</b>"
points:
  - number: "1"
    title: "Pipes | and <b>tags</b> </details>"
    text: "Armed forces of 600,000 personnel \e[2J\e]0;pwned\a <script>alert(1)</script> | x |"
  - number: "2"
    text: "Gone <img src=x onerror=alert(1)> [link](javascript:alert(1))\n\n# heading"
  - number: "3"
    text: "Contested \u202e point"
    options:
      - {by: "X | <i>y</i>", text: "Option \e[31m one </td></tr>"}
      - {by: Z, text: "`code` ~~two~~"}
"""

HOSTILE_B = r"""plan: evil
version: b
based_on: [a]
points:
  - number: "1"
    title: "Pipes | and <b>tags</b> </details>"
    text: "Armed forces of 800,000 personnel \e[2J\e]0;pwned\a <script>alert(1)</script> | x |"
  - number: "2"
    text: "Contested \u202e point, agreed \e[2J"
  - number: "3"
    text: "New </details><details open> point | with | pipes"
"""


@pytest.fixture
def hostile_plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans" / "evil"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text(HOSTILE_A, encoding="utf-8")
    (folder / "b.yaml").write_text(HOSTILE_B, encoding="utf-8")
    return tmp_path / "plans"


@pytest.mark.parametrize(
    "args",
    [
        ("diff", "a", "b", "--color", "always"),
        ("diff", "a", "b", "--color", "never", "--explain", "--unchanged"),
        ("diff", "a", "b", "--format", "side-by-side", "--color", "always"),
        ("diff", "a", "b", "--format", "markdown"),
        ("diff", "a", "b", "--format", "html"),
        ("show", "a", "--color", "always"),
        ("show", "a", "--format", "markdown"),
    ],
)
def test_hostile_plan_files_through_the_cli(run, hostile_plans: Path, args) -> None:
    code, out, err = run(*args, plans=hostile_plans)
    assert code in (0, 1), err
    assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\u202e" not in out
    assert not RAW_CONTROL.search(ANSI.sub("", out))
    if "html" in args or "markdown" in args:
        assert "<script" not in out and "<img" not in out and "<details open" not in out


def test_hostile_plan_files_in_python(hostile_plans: Path) -> None:
    d = peaceplan.diff(hostile_plans / "evil" / "a.yaml", hostile_plans / "evil" / "b.yaml")
    for color in (True, False):
        for out in (
            diff_terminal(d, color=color, explain=True, show_unchanged=True),
            diff_side_by_side(d, color=color),
        ):
            assert "\x1b[2J" not in out
            assert not RAW_CONTROL.search(ANSI.sub("", out))
    assert "<script" not in d._repr_html_() and "<script" not in d._repr_markdown_()
