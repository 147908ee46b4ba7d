"""Hostile text in every free-text field, through every command and output format of the CLI.

Terminal control sequences (`\\x1b[2J`, OSC titles, the one-byte CSI 0x9b, bidi overrides) never
reach the output raw, whatever the format (JSON and YAML included, and error messages); Markdown
and HTML outputs carry no live markup. Complements tests/test_render_*.py, which check each
renderer on its own: here the whole path from a plan file to the bytes a terminal receives.

The runner asks click to keep colour codes (color=True), as on a real terminal: otherwise click
strips escape sequences from non-terminal output and a leak would go unseen.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

ESC = "\\e[2J\\e]0;pwned\\a \\x9b31m \\u202e \\u2066"
HOSTILE_A = rf"""plan: evil
version: a
title: "Title {ESC} <script>alert(1)</script> | pipe"
date: 2025-01-01
proposed_by: "Proposer {ESC} | <b>x</b>"
parties: ["Party {ESC}", "B | <i>c</i>"]
sources: ["https://x.invalid/{ESC}<script>"]
points:
  - id: p1
    number: "1"
    title: "Pipes | and <b>tags</b> </details> {ESC}"
    text: "Armed forces of 600,000 personnel {ESC} <script>alert(1)</script> | x | `code`"
    topics: ["topic {ESC}", "pax:SsrArm"]
  - number: "2"
    text: "Contested point {ESC}"
    options:
      - {{by: "X | <i>y</i> {ESC}", text: "Option one </td></tr> {ESC}"}}
      - {{by: Z, text: "`code` ~~two~~ {ESC}"}}
"""
HOSTILE_B = rf"""plan: evil
version: b
title: "B {ESC}"
date: 2025-02-01
based_on: [a]
proposed_by: "Other {ESC}"
parties: ["Party {ESC}"]
points:
  - id: p1
    number: "1"
    title: "Pipes | and <b>tags</b> </details>"
    text: "Armed forces of 800,000 personnel {ESC} <script>alert(1)</script> | x |"
  - number: "2"
    text: "Contested point, agreed {ESC}"
  - number: "3"
    text: "New </details><details open> point | with | pipes {ESC}"
"""
NOTES_A = rf"""- id: n-0001
  point: p1
  kind: position
  quote: "600,000"
  party: "Party {ESC}"
  stance: rejects
  body: "Body {ESC} <script>alert(1)</script> | pipe"
  author: "me {ESC}"
  source: "https://x.invalid/{ESC}"
- id: n-0002
  point: "2"
  kind: note
  body: "note {ESC} </details>"
- id: n-0003
  point: p1
  kind: tag
  tag: "t {ESC}"
- id: n-0004
  point: p1
  kind: status
  status: disputed
"""

# Raw control characters a terminal acts on (tab and newline are fine).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The colour codes peaceplan itself writes.
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plans = tmp_path_factory.mktemp("hostile") / "plans"
    (plans / "evil" / "notes").mkdir(parents=True)
    (plans / "evil" / "a.yaml").write_text(HOSTILE_A, encoding="utf-8")
    (plans / "evil" / "b.yaml").write_text(HOSTILE_B, encoding="utf-8")
    (plans / "evil" / "notes" / "a.yaml").write_text(NOTES_A, encoding="utf-8")
    return plans


def run_tty(*args: str, plans: Path | None = None) -> tuple[int, str]:
    """Run the CLI in-process as if on a terminal; (exit code, stdout + stderr)."""
    from peaceplan.cli import main

    @click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
    @click.pass_context
    def entry(ctx: click.Context) -> None:
        main(list(ctx.args))

    argv = [*(["--plans", str(plans)] if plans else []), *args]
    result = CliRunner().invoke(entry, argv, color=True, catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def assert_no_raw_controls(out: str) -> None:
    bad = RAW.findall(SGR.sub("", out))
    assert not bad, f"raw control characters reach the terminal: {sorted(set(bad))}"


def assert_no_markup(out: str) -> None:
    """No tag from the plan is live (the page's own tags are fine)."""
    for tag in ("<script", "<b>", "<i>", "<details open"):
        assert tag not in out


COMMANDS = [
    *[("show", "a", "--format", f, "--color", "always") for f in ("terminal", "markdown")],
    ("show", "a", "--format", "json"),
    ("show", "a", "--format", "yaml"),
    *[
        ("diff", "a", "b", "--format", f, "--color", "always", "--explain", "--unchanged")
        for f in ("terminal", "side-by-side", "markdown", "html", "json")
    ],
    ("log", "evil"),
    ("log", "evil", "--format", "json"),
    ("log", "evil", "--point", "p1"),
    ("blame", "b"),
    ("blame", "b", "--format", "json"),
    ("status", "evil", "a", "--all"),
    ("status", "evil", "a", "--all", "--format", "markdown"),
    ("status", "evil", "a", "--all", "--format", "json"),
    ("note", "list", "a"),
    ("note", "list", "a", "--format", "json"),
    ("note", "carry", "a", "b", "--dry-run"),
    ("note", "carry", "a", "b", "--dry-run", "--format", "json"),
    ("validate",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:4]))
def test_hostile_text_never_reaches_the_terminal_raw(hostile: Path, args: tuple[str, ...]) -> None:
    code, out = run_tty(*args, plans=hostile)
    assert code in (0, 1), out
    assert_no_raw_controls(out)
    fmt = args[args.index("--format") + 1] if "--format" in args else "terminal"
    if fmt in ("markdown", "html"):
        assert_no_markup(out)
    if fmt == "json":
        json.loads(out)  # still valid JSON (the escapes are JSON escapes)


def test_json_and_yaml_keep_the_hostile_text_as_data(hostile: Path) -> None:
    import peaceplan

    plan = peaceplan.load(hostile / "evil" / "a.yaml")
    _, out = run_tty("show", "a", "--format", "json", plans=hostile)
    assert json.loads(out)["points"][0]["text"] == plan.points[0].text
    _, out = run_tty("show", "a", "--format", "yaml", plans=hostile)
    from peaceplan.io.load import load_text

    assert load_text(out, "shown.yaml") == plan


def test_error_messages_quote_hostile_input_visibly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'plan: bad\nversion: k\n"\\e[2J\\u202e": 1\ndate: "\\e]0;x\\a"\n'
        'points:\n  - number: "1"\n    text: x\n    "bo\\x9bgus": 2\n    id: "a\\e[2J"\n'
        'based_on: ["x\\e[2J", "line\\nbreak"]\n',
        encoding="utf-8",
    )
    code, out = run_tty("validate", str(bad))
    assert code == 2
    assert_no_raw_controls(out)
    assert "unknown key '\\x1b[2J\\u202e'" in out
    # One problem, one line: a newline in a quoted value cannot start a fake message.
    assert all(line.startswith(str(bad)) for line in out.splitlines()[:-1])
    code, out = run_tty("show", "\x1b[2Jnope\u202e", plans=tmp_path)
    assert code == 2
    assert_no_raw_controls(out)


def test_note_warnings_are_escaped(hostile: Path, tmp_path: Path) -> None:
    import shutil

    plans = tmp_path / "plans"
    shutil.copytree(hostile, plans)
    code, out = run_tty(
        "note", "add", "a", "p1", "--party", "Nobody \x1b[2J", "--stance", "rejects", plans=plans
    )
    assert code == 0, out
    assert "warning:" in out  # the party is not among the version's parties
    assert_no_raw_controls(out)


def git(repo: Path, *args: str) -> str:
    # An empty config file of our own: the user's settings must not leak in, and os.devnull is
    # not always a device in containers.
    config = repo.parent / "empty.gitconfig"
    config.touch()
    env = {**os.environ, "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_review_of_a_hostile_pull_request(hostile: Path, tmp_path: Path, monkeypatch) -> None:
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(hostile, repo / "plans")
    (repo / "plans" / "evil" / "b.yaml").unlink()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.email=a@b.c", "-c", "user.name=A", "add", "-A")
    git(repo, "-c", "user.email=a@b.c", "-c", "user.name=A", "commit", "-q", "-m", "base")
    (repo / "plans" / "evil" / "b.yaml").write_text(HOSTILE_B, encoding="utf-8")
    monkeypatch.chdir(repo)
    for fmt in ("markdown", "json"):
        code, out = run_tty("review", "HEAD", "--format", fmt, "--annotations", "github")
        assert code == 1, out
        assert_no_raw_controls(out)
        # Workflow commands (plain-text annotations) come first, one line each; then the report.
        lines = out.splitlines()
        workflow = [line for line in lines if line.startswith("::")]
        assert workflow
        report = "\n".join(line for line in lines if not line.startswith("::"))
        if fmt == "markdown":
            assert_no_markup(report)
        else:
            assert "<script>" in json.dumps(json.loads(report))  # JSON keeps it, as data
