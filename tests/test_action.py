"""The GitHub Action and the pre-commit hook, run for real.

The action's shell steps are executed as GitHub runs them (`bash -eo pipefail`), in a real git
repository with a pull-request branch, with `${{ }}` expressions evaluated from the table below
(an unknown expression fails the test) and a stand-in `gh` that keeps comments in a JSON file.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
from ruamel.yaml import YAML

from peaceplan.cli import cli
from peaceplan.reviewing.ghactions import MARKER, find_comment, problem_annotations

ROOT = Path(__file__).resolve().parent.parent
UA20 = "plans/ukraine-2025/ua-20.yaml"
BIN = Path(sys.executable).parent


def load_yaml(name: str):
    return YAML(typ="safe").load((ROOT / name).read_text(encoding="utf-8"))


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


# -- static checks -----------------------------------------------------------------------------


def peaceplan_invocations(script: str) -> list[list[str]]:
    """Each `peaceplan ...` command of a step script as words, with `"${args[@]}"` expanded
    to the option words the script puts into `args`."""
    script = script.replace("\\\n", " ")
    arrays: list[str] = []
    for m in re.finditer(r"args\+?=\((.*?)\)", script):
        arrays += shlex.split(m.group(1))
    out = []
    for line in script.splitlines():
        words = shlex.split(line, comments=True)
        if "peaceplan" in words:
            words = words[words.index("peaceplan") :]
            i = words.index("${args[@]}") if "${args[@]}" in words else None
            if i is not None:
                words[i : i + 1] = arrays
            out.append(words)
    return out


def check_against_cli(words: list[str]) -> str:
    """The subcommand a `peaceplan` command line names; asserts every option it uses exists."""
    ctx = click.Context(cli)
    group_opts = {o for p in cli.params for o in p.opts}
    rest = words[1:]
    while rest and rest[0] in group_opts:
        rest = rest[2:]  # the group's options here all take a value (--plans DIR)
    name = rest[0]
    command = cli.get_command(ctx, name)
    assert command is not None, f"peaceplan has no command {name!r}"
    known = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
    for word in rest[1:]:
        if word == "--":
            break
        if word.startswith("-") and not word.startswith("$"):
            assert word.split("=")[0] in known, f"peaceplan {name} has no option {word}"
    return name


def test_action_is_composite_and_runs_real_commands() -> None:
    action = load_yaml("action.yml")
    assert action["runs"]["using"] == "composite"
    used = set()
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue
        assert step["shell"] == "bash"
        # Inputs reach scripts through env only: no expression spliced into shell code.
        assert "${{" not in step["run"], step["name"]
        for words in peaceplan_invocations(step["run"]):
            used.add(check_against_cli(words))
    assert {"validate", "review"} <= used


def test_pre_commit_hook_runs_validate_on_plan_files() -> None:
    (hook,) = load_yaml(".pre-commit-hooks.yaml")
    assert hook["id"] == "peaceplan-validate"
    assert hook["language"] == "python"
    assert check_against_cli(shlex.split(hook["entry"])) == "validate"
    files = re.compile(hook["files"])
    assert files.search("plans/ukraine-2025/ua-20.yaml")
    assert files.search("plans/minsk/minsk-1.yml")
    assert files.search("plans/ukraine-2025/notes/ua-20.yaml")  # validate checks notes too
    assert not files.search("plans/ukraine-2025/notes/.ua-20.yaml.lock")
    assert not files.search("plans/README.md")
    assert not files.search("docs/plans/x/y.yaml")


def test_pre_commit_entry_fails_on_a_bad_plan(tmp_path: Path) -> None:
    (hook,) = load_yaml(".pre-commit-hooks.yaml")
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans)
    bad = plans / "minsk/minsk-1.yaml"
    bad.write_text(bad.read_text().replace("version: minsk-1", "versoin: minsk-1"))
    entry = [str(BIN / "peaceplan"), *shlex.split(hook["entry"])[1:]]
    good = subprocess.run([*entry, UA20], cwd=tmp_path, capture_output=True)
    assert good.returncode == 0, good.stderr
    out = subprocess.run(
        [*entry, "plans/minsk/minsk-1.yaml"], cwd=tmp_path, capture_output=True, text=True
    )
    assert out.returncode == 2
    assert "plans/minsk/minsk-1.yaml:" in out.stderr and "versoin" in out.stderr


# -- the action's steps, executed --------------------------------------------------------------

FAKE_GH = textwrap.dedent(
    """\
    #!{python}
    # A stand-in for `gh api`: comments live in $FAKE_GH_STATE; every call is logged.
    import json, os, sys
    state_file = os.environ["FAKE_GH_STATE"]
    state = json.load(open(state_file)) if os.path.exists(state_file) else []
    args = sys.argv[1:]
    assert args[0] == "api", args
    method = args[args.index("--method") + 1] if "--method" in args else "GET"
    path = [a for a in args[1:] if a.startswith("repos/")][0]
    body = json.loads(sys.stdin.read())["body"] if "--input" in args else None
    with open(os.environ["FAKE_GH_LOG"], "a") as log:
        log.write(json.dumps([method, path]) + "\\n")
    if os.environ.get("FAKE_GH_FAIL") == method:
        sys.exit("HTTP 403: Resource not accessible by integration")
    if method == "GET":
        page = int(path.split("page=")[-1])
        print(json.dumps(state[(page - 1) * 100 : page * 100]))
    elif method == "POST":
        state.append({{"id": 1000 + len(state), "body": body, "user": {{"type": "Bot"}}}})
        print(json.dumps(state[-1]))
    elif method == "PATCH":
        cid = int(path.rsplit("/", 1)[1])
        [c for c in state if c["id"] == cid][0]["body"] = body
        print("{{}}")
    if method != "GET":
        json.dump(state, open(state_file, "w"))
    """
)


@pytest.fixture
def pr_repo(tmp_path: Path) -> dict[str, str]:
    """A repository whose `proposal` branch changes a figure, main having moved on since."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(ROOT / "plans", repo / "plans")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "a@example.org")
    git(repo, "config", "user.name", "A")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "plans")
    git(repo, "checkout", "-q", "-b", "proposal")
    ua = repo / UA20
    ua.write_text(ua.read_text().replace("stay at 800,000", "stay at 850,000"))
    git(repo, "commit", "-q", "-am", "proposal")
    head = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "main")
    m1 = repo / "plans/minsk/minsk-1.yaml"
    m1.write_text(m1.read_text().replace("version: minsk-1\n", "version: minsk-1\ntitle: T\n"))
    git(repo, "commit", "-q", "-am", "main moves on")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", head)
    return {"repo": str(repo), "base": base, "head": head, "tmp": str(tmp_path)}


def run_action(pr: dict[str, str], inputs: dict[str, str] | None = None, **env: str):
    """Run every `run:` step of action.yml in order, as the runner would; stop at a failure."""
    tmp = Path(pr["tmp"])
    fake = tmp / "fakebin"
    fake.mkdir(exist_ok=True)
    (fake / "gh").write_text(FAKE_GH.format(python=sys.executable))
    (fake / "gh").chmod(0o755)
    runner_temp = tmp / "runner"
    runner_temp.mkdir(exist_ok=True)
    output, summary = tmp / "output.txt", tmp / "summary.md"
    output.write_text("")
    values = {
        "inputs.plans": "plans",
        "inputs.base || github.event.pull_request.base.sha": pr["base"],
        "inputs.head || github.event.pull_request.head.sha": pr["head"],
        "inputs.annotations": "true",
        "inputs.validate": "true",
        "inputs.comment": "true",
        "inputs.github-token": "token",
        "github.event.pull_request.number": "7",
        "steps.review.outputs.changed": None,  # filled in from GITHUB_OUTPUT
        "steps.review.outputs.report": None,
        **(inputs or {}),
    }
    base_env = {
        **os.environ,
        "PATH": f"{fake}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "owner/plans",
        "RUNNER_TEMP": str(runner_temp),
        "FAKE_GH_STATE": str(tmp / "comments.json"),
        "FAKE_GH_LOG": str(tmp / "gh.log"),
        "PEACEPLAN_PLANS": "",
        **env,
    }
    outputs: dict[str, str] = {}

    def evaluate(text: str) -> str:
        def one(m: re.Match[str]) -> str:
            expr = m.group(1).strip()
            assert expr in values, f"test does not know the expression {expr!r}"
            if expr.startswith("steps.review.outputs."):
                return outputs.get(expr.rsplit(".", 1)[1], "")
            return values[expr]

        return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))

    logs = []
    for step in load_yaml("action.yml")["runs"]["steps"]:
        if "run" not in step or step["name"] == "Install peaceplan":
            continue
        if "if" in step and not condition(step["if"], values):
            continue
        env_step = {k: evaluate(v) for k, v in (step.get("env") or {}).items()}
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=pr["repo"],
            env={**base_env, **env_step},
            capture_output=True,
            text=True,
        )
        logs.append((step["name"], result))
        for line in output.read_text().splitlines():
            key, _, value = line.partition("=")
            outputs[key] = value
        if result.returncode != 0:
            break
    return logs, outputs, summary


def condition(text: str, values: dict[str, str | None]) -> bool:
    """Evaluate the `if:` conditions action.yml uses: `A == 'x'` and bare values, joined by &&."""
    result = True
    for part in text.split("&&"):
        left, _, right = (x.strip() for x in part.partition("=="))
        assert left in values, f"test does not know the expression {left!r}"
        result = result and (values[left] == right.strip("'") if right else bool(values[left]))
    return result


def test_action_validates_reviews_and_comments_once(pr_repo: dict[str, str]) -> None:
    logs, outputs, summary = run_action(pr_repo)
    names = [name for name, _ in logs]
    assert names == ["Validate plan files", "Review plan changes", "Comment on the pull request"]
    assert all(r.returncode == 0 for _, r in logs), [(n, r.stderr) for n, r in logs]
    assert outputs["changed"] == "true"
    review = logs[1][1]
    # The annotation flags the changed point on its line; links point at the head commit.
    assert f"::notice file={UA20},line=" in review.stdout
    report = Path(outputs["report"]).read_text()
    assert f"https://github.com/owner/plans/blob/{pr_repo['head']}/{UA20}#L" in report
    # Compared from the merge base: main's later change to minsk-1 is not part of the PR.
    assert "minsk-1" not in report and "850,000 personnel" in report
    assert "850,000 personnel" in summary.read_text()
    comments = json.loads((Path(pr_repo["tmp"]) / "comments.json").read_text())
    assert len(comments) == 1 and comments[0]["body"].startswith(MARKER + "\n")
    assert "850,000 personnel" in comments[0]["body"]

    # Pushed again: the same comment is updated, not a second one posted.
    logs, _, _ = run_action(pr_repo)
    assert "comment: updated" in logs[-1][1].stdout
    comments = json.loads((Path(pr_repo["tmp"]) / "comments.json").read_text())
    assert len(comments) == 1
    calls = [json.loads(x) for x in (Path(pr_repo["tmp"]) / "gh.log").read_text().splitlines()]
    assert [m for m, _ in calls] == ["GET", "POST", "GET", "PATCH"]


def test_action_fails_on_an_invalid_plan_with_located_errors(pr_repo: dict[str, str]) -> None:
    repo = Path(pr_repo["repo"])
    (repo / UA20).write_text((repo / UA20).read_text().replace("title: Size", "titel: Size"))
    logs, _, _ = run_action(pr_repo)
    assert [n for n, _ in logs] == ["Validate plan files"]
    result = logs[0][1]
    assert result.returncode == 2
    assert re.search(
        rf"^::error file={UA20},line=\d+,col=9,title=peaceplan validate::.*unknown key 'titel'",
        result.stdout,
        re.M,
    )


def test_action_says_so_and_fails_when_commenting_is_refused(pr_repo):
    # A fork's pull request gets a read-only token: the comment cannot be posted. The step
    # fails with an error (a review nobody sees must not look like one posted); the report is
    # still in the job summary.
    logs, outputs, summary = run_action(pr_repo, FAKE_GH_FAIL="POST")
    assert logs[-1][0] == "Comment on the pull request"
    assert logs[-1][1].returncode == 1
    assert "::error title=peaceplan::could not comment" in logs[-1][1].stdout
    assert "HTTP 403" in logs[-1][1].stdout
    assert "850,000 personnel" in summary.read_text()


def test_a_pull_request_cannot_shadow_the_modules_the_action_runs(pr_repo):
    # The steps run in the pull request's checkout; `python -m` would import a `peaceplan/`
    # (or `pip/`) folder from there. The action runs Python isolated (-I, which implies -P).
    repo = Path(pr_repo["repo"])
    for name in ("peaceplan", "pip"):
        (repo / name).mkdir()
        (repo / name / "__init__.py").write_text("raise SystemExit('shadowed by the PR')\n")
    logs, outputs, _ = run_action(pr_repo)
    assert all(r.returncode == 0 for _, r in logs), logs[-1][1].stderr
    assert not any("shadowed" in r.stdout + r.stderr for _, r in logs)
    assert "comment: created" in logs[-1][1].stdout


def test_action_without_plan_changes_posts_nothing(pr_repo: dict[str, str]) -> None:
    logs, outputs, _ = run_action(
        pr_repo, {"inputs.head || github.event.pull_request.head.sha": pr_repo["base"]}
    )
    assert outputs["changed"] == "false"
    assert "comment: skipped" in logs[-1][1].stdout
    assert not (Path(pr_repo["tmp"]) / "comments.json").exists()


def test_find_comment_prefers_the_bot_and_needs_the_marker() -> None:
    comments = [
        {"id": 1, "body": "looks fine", "user": {"type": "User"}},
        {"id": 2, "body": f"{MARKER}\nquoted by a person", "user": {"type": "User"}},
        {"id": 3, "body": f"{MARKER}\n### peaceplan review", "user": {"type": "Bot"}},
        {"id": 4, "body": f"see {MARKER}", "user": {"type": "Bot"}},
    ]
    assert find_comment(comments) == 3
    assert find_comment(comments[:2]) == 2
    assert find_comment(comments[:1]) is None


def test_problem_annotations() -> None:
    lines = [
        "plans/a/b.yaml:3:1: unknown key 'titel' (did you mean 'title'?)",
        "plans/a/c.yaml: lineage cycle: a -> b -> a",
        "2 problems in 2 files",
    ]
    assert problem_annotations(lines) == [
        "::error file=plans/a/b.yaml,line=3,col=1,title=peaceplan validate::"
        "unknown key 'titel' (did you mean 'title'?)",
        "::error file=plans/a/c.yaml,title=peaceplan validate::lineage cycle: a -> b -> a",
    ]
