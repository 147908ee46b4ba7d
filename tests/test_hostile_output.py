"""Hostile text through every command, as a terminal and as a pipe receive it, and in the files
commands write.

Plan text, point numbers, options' `by`, notes and file names carry ESC [2J (clear the screen),
OSC 52 (write the clipboard), BEL, the one-byte CSI 0x9b, U+202E (right-to-left override) and a
zero-width space. Each command runs as a real process twice: on a pseudo-terminal (python's pty
module: colours on, as a user sees it) and into a pipe (where click strips colours but, on its
own, not OSC). No raw ESC, BEL, OSC or bidi control may reach either; peaceplan's own colour
codes (SGR, ESC [ ... m) are the only escape sequences allowed. Files written by `merge`, the git
merge driver, `resolve` and `note add` hold no raw bidi control either (written as escapes, the
same data read back).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import peaceplan
from peaceplan.io.load import load_text

H = r"\e[2J\e]52;c;cHduZWQ=\a\a \x9b31m \u202e \u200b"  # YAML escapes, inside double quotes
NAME = "x\x1b]52;c;aGk=\x07\u202e.yaml"  # a file name: the same, raw

BASE = rf"""plan: evil
version: a
title: "A {H}"
proposed_by: "P {H}"
parties: ["X {H}"]
points:
  - id: p1
    number: "1"
    title: "T {H}"
    text: "Armed forces of 600,000 personnel {H} @octocat"
  - id: p2
    number: "2 {H}"
    text: "Contested {H}"
"""
OURS = (
    BASE.replace("version: a", "version: b\nbased_on: [a]")
    .replace("600,000", "800,000")
    .replace("Contested", "Contested, ours")
)
THEIRS = (
    BASE.replace("version: a", "version: c\nbased_on: [a]")
    .replace("600,000", "700,000")
    .replace("Contested", "Contested, theirs")
)
BRACKETED = BASE.replace("version: a", "version: d\nbased_on: [a]").replace(
    f'    text: "Contested {H}"\n',
    f'    text: "Contested {H}"\n    options:\n'
    f'      - {{by: "Side {H}", text: "Option {H}"}}\n'
    f'      - {{by: Z, text: "Other wording"}}\n    conflict: true\n',
)
NOTES = rf"""- id: n-0001
  point: p1
  kind: position
  quote: "600,000"
  party: "X {H}"
  stance: rejects
  body: "Body {H}"
"""

# Raw characters a terminal acts on (tab and newline are fine), and the colour codes allowed.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")


def git(repo: Path, *args: str) -> str:
    config = repo.parent / "empty.gitconfig"
    config.touch()
    env = {**os.environ, "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}
    ident = ["-c", "user.email=a@b.invalid", "-c", "user.name=A"]
    out = subprocess.run(["git", *ident, *args], cwd=repo, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository: plans/evil/{a,b,c,d}.yaml, notes of a; b, c and a hostile-named file new
    in the work tree (for review); loose copies for merge-driver, resolve and textconv."""
    root = tmp_path_factory.mktemp("hostile-out")
    repo = root / "repo"
    evil = repo / "plans" / "evil"
    (evil / "notes").mkdir(parents=True)
    (evil / "a.yaml").write_text(BASE, encoding="utf-8")
    (evil / "d.yaml").write_text(BRACKETED, encoding="utf-8")
    (evil / "notes" / "a.yaml").write_text(NOTES, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    (evil / "b.yaml").write_text(OURS, encoding="utf-8")
    (evil / "c.yaml").write_text(THEIRS, encoding="utf-8")
    (evil / NAME).write_text(BASE.replace("version: a", "version: x"), encoding="utf-8")
    loose = root / "loose"
    loose.mkdir()
    for name, text in (("base", BASE), ("ours", OURS), ("theirs", THEIRS), ("d", BRACKETED)):
        (loose / f"{name}.yaml").write_text(text, encoding="utf-8")
    (loose / "junk.yaml").write_text(f"not: [a plan\n{NAME}\n", encoding="utf-8")
    return root


def env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith(("PEACEPLAN_", "NO_COLOR"))}
    return {**out, "COLUMNS": "120", "TERM": "xterm-256color"}


def run_pipe(args: list[str], cwd: Path) -> tuple[int, str]:
    out = subprocess.run(
        [sys.executable, "-m", "peaceplan", *args],
        cwd=cwd,
        capture_output=True,
        env=env(),
        timeout=120,
    )
    return out.returncode, (out.stdout + out.stderr).decode("utf-8", "replace")


def run_pty(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run on a pseudo-terminal (stdin, stdout and stderr): what a user's terminal receives."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "peaceplan", *args],
        cwd=cwd,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env(),
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: every holder of the terminal's other end has closed it
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait(timeout=120)
    os.close(master)
    # The terminal turns each "\n" into "\r\n" (ONLCR): that "\r" is the terminal's own.
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def assert_clean(out: str) -> None:
    bad = RAW.findall(SGR.sub("", out))
    assert not bad, f"raw control characters reach the output: {sorted(set(bad))}"
    assert "Traceback" not in out and "internal error" not in out, out


P = "plans/evil"
COMMANDS: list[tuple[str, list[str], bool]] = [
    # (where it runs: repo or loose, arguments, whether the output must show the hostile text)
    ("repo", ["validate"], True),  # the hostile file name is named (escaped) as not read: 2
    ("repo", ["show", "a"], True),
    ("repo", ["show", "a", "--format", "markdown"], True),
    ("repo", ["show", "a", "--format", "json"], True),
    ("repo", ["show", "a", "--format", "yaml"], True),
    *[
        ("repo", ["diff", "a", "b", "--format", fmt, "--unchanged", "--explain"], True)
        for fmt in ("terminal", "side-by-side", "markdown", "html", "json")
    ],
    ("repo", ["log", "evil"], True),
    ("repo", ["log", "evil", "--point", "p1"], True),
    ("repo", ["blame", "b"], True),
    ("repo", ["status", "evil", "a", "--all"], True),
    ("repo", ["note", "list", "a"], True),
    ("repo", ["note", "carry", "a", "b", "--dry-run"], False),
    ("repo", ["merge", "a", "b", "c"], True),
    ("repo", ["resolve", f"{P}/d.yaml"], True),
    ("repo", ["review", "HEAD", "--annotations", "github"], True),
    ("repo", ["review", "HEAD", "--annotations", "github", "--format", "json"], True),
    ("loose", ["git", "textconv", "base.yaml"], True),
    ("loose", ["git", "textconv", "junk.yaml"], True),
]


@pytest.mark.parametrize("where,args,shows", COMMANDS, ids=[" ".join(c[1][:4]) for c in COMMANDS])
@pytest.mark.parametrize("channel", ["pty", "pipe"])
def test_no_raw_escape_reaches_a_terminal_or_a_pipe(
    world: Path, channel: str, where: str, args: list[str], shows: bool
) -> None:
    runner = run_pty if channel == "pty" else run_pipe
    code, out = runner(args, world / where)
    assert code in ((0, 1, 2) if args == ["validate"] else (0, 1)), out
    assert_clean(out)
    if shows:  # the hostile text is there, visibly escaped (not dropped)
        assert re.search(r"x1b|u001b|\\e", out), out[:2000]


def fresh(world: Path, tmp_path: Path) -> Path:
    loose = tmp_path / "loose"
    shutil.copytree(world / "loose", loose)
    return loose


@pytest.mark.parametrize("channel", ["pty", "pipe"])
def test_the_merge_driver_and_resolve_print_and_write_no_raw_escape(
    world: Path, tmp_path: Path, channel: str
) -> None:
    runner = run_pty if channel == "pty" else run_pipe
    loose = fresh(world, tmp_path)
    # git passes the path of the file in the repository (%P): hostile too.
    code, out = runner(
        ["git", "merge-driver", "base.yaml", "ours.yaml", "theirs.yaml", f"plans/evil/{NAME}"],
        loose,
    )
    assert code == 1, out  # conflicts left as bracketed options
    assert_clean(out)
    assert "\\x1b]52" in out  # the file name, shown escaped
    merged = (loose / "ours.yaml").read_text(encoding="utf-8")
    assert not RAW.search(merged) and "\u200b" not in merged
    code, out = runner(["resolve", "d.yaml", "p2", "--take", "1"], loose)
    assert code == 0, out
    assert_clean(out)
    written = (loose / "d.yaml").read_text(encoding="utf-8")
    assert not RAW.search(written)
    assert peaceplan.load(loose / "d.yaml").get("p2").text.startswith("Option \x1b[2J")


def test_merged_files_hold_escapes_not_raw_bidi_controls_and_keep_the_data(
    world: Path, tmp_path: Path, run
) -> None:
    plans = world / "repo" / "plans"
    for args in (["-o", str(tmp_path / "merged.yaml")], []):
        code, out, err = run("merge", "a", "b", "c", *args, plans=plans)
        assert code == 1
        text = out or (tmp_path / "merged.yaml").read_text(encoding="utf-8")
        assert not RAW.search(text) and "\u200b" not in text
        assert "\\u202e" in text.lower() or "\\u202E" in text
        merged = load_text(text, "merged.yaml")
        assert "\u202e \u200b" in merged.title and "\x1b]52" in merged.title  # same data


def test_note_add_writes_no_raw_bidi_control(world: Path, tmp_path: Path, run) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(world / "repo" / "plans", plans)
    body = "Who pays? \u202e \u200b \u2066 done"
    code, _, err = run("note", "add", "a", "p1", "--body", body, plans=plans)
    assert code == 0, err
    text = (plans / "evil" / "notes" / "a.yaml").read_text(encoding="utf-8")
    assert not RAW.search(text) and "\u200b" not in text
    notes = peaceplan.list_notes(plans / "evil" / "a.yaml", plans=plans)
    assert notes[-1].body == body


def test_invisible_marks_are_no_figure_edit_and_show_in_the_redline(tmp_path: Path, run) -> None:
    # "600,<ZWSP>000" and "$1<RLO>00" read as edits of the figures 600,000 and $100 before.
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    head = (
        'plan: z\nversion: {}\npoints:\n  - text: "Armed forces of {} personnel and {} billion."\n'
    )
    a.write_text(head.format("a", "600,000", "$100"))
    b.write_text(head.format("b", r"600,\u200b000", r"$1\u202e00"))
    code, out, _ = run("diff", str(a), str(b), "--format", "json", plans=None)
    assert code == 1
    (change,) = json.loads(out)["changes"]
    assert change["kind"] == "modified" and change["figures"] == []
    code, out, _ = run("diff", str(a), str(b), "--color", "never", plans=None)
    assert "Changed figures" not in out
    assert "{+600,\\u200b000+}" in out and "\\u202e" in out  # the edit is there, visible


def test_diff_markdown_defuses_mentions(world: Path, run) -> None:
    code, out, _ = run("diff", "a", "b", "--format", "markdown", plans=world / "repo" / "plans")
    assert code == 1
    assert "@octocat" not in out and "@\u2060octocat" in out
