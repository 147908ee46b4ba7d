"""Helpers the GitHub Action runs: validation problems as annotations, and the one PR comment.

    python -m peaceplan.reviewing.ghactions validate-annotations PROBLEMS.txt
    python -m peaceplan.reviewing.ghactions comment --repo O/R --pr N --report review.md [--changed]

The comment is found again by a hidden marker and updated in place, so a pull request carries
one peaceplan comment however often it is pushed to. GitHub is reached with `gh api` (GH_TOKEN).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from peaceplan.reviewing.render import workflow_command

MARKER = "<!-- peaceplan-review -->"
GITHUB_MAX = 65_536  # characters GitHub accepts in one comment
PAGE = 100
# `path:line:col: message`, `path:line: message` or `path: message`, as validate prints them.
_PROBLEM = re.compile(r"^(?P<path>.+?)(?::(?P<line>\d+))?(?::(?P<col>\d+))?: (?P<message>.+)$")


def problem_annotations(lines: Iterable[str], cwd: str | os.PathLike[str] = ".") -> list[str]:
    """`::error` workflow commands for validate's `path:line:col: message` lines.

    Summary lines ("2 problems in 1 file") are skipped; paths become relative to `cwd`
    (the repository top, where GitHub looks for them).
    """
    out = []
    for raw in lines:
        m = _PROBLEM.match(raw.rstrip("\n"))
        if not m or not (m["path"].endswith((".yaml", ".yml"))):
            continue
        path = m["path"]
        if os.path.isabs(path):
            path = os.path.relpath(path, cwd)
        line = int(m["line"]) if m["line"] else None
        col = int(m["col"]) if m["col"] else None
        title = "peaceplan validate"
        out.append(
            workflow_command("error", m["message"], file=path, line=line, col=col, title=title)
        )
    return out


def find_comment(comments: Sequence[dict[str, Any]], marker: str = MARKER) -> int | None:
    """The id of the earlier review comment: the first whose body starts with the marker,
    preferring one written by a bot (a person quoting the marker cannot capture the review)."""
    ours = [c for c in comments if str(c.get("body") or "").startswith(marker)]
    ours.sort(key=lambda c: (c.get("user") or {}).get("type") != "Bot")
    return int(ours[0]["id"]) if ours else None


def comment_body(report: str, marker: str = MARKER) -> str:
    """The comment: the marker line, then the report, cut to what GitHub accepts (the report
    is built to fit already; a report from elsewhere is cut at a line, with a note)."""
    body = f"{marker}\n{report}"
    if len(body) <= GITHUB_MAX:
        return body
    note = "\n\n*... (cut: the report is longer than a GitHub comment can be)*\n"
    cut = body.rfind("\n", 0, GITHUB_MAX - len(note))
    return body[: max(cut, len(marker))] + note


def _gh(*args: str, payload: dict[str, Any] | None = None) -> Any:
    data = json.dumps(payload) if payload is not None else None
    cmd = ["gh", "api", *args] + (["--input", "-"] if data is not None else [])
    out = subprocess.run(cmd, input=data, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(
            out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "gh failed"
        )
    return json.loads(out.stdout) if out.stdout.strip() else None


def list_comments(repo: str, pr: int) -> list[dict[str, Any]]:
    """Every comment of the pull request's conversation, page by page."""
    comments: list[dict[str, Any]] = []
    page = 1
    while True:
        batch = _gh(f"repos/{repo}/issues/{pr}/comments?per_page={PAGE}&page={page}") or []
        comments.extend(batch)
        if len(batch) < PAGE:
            return comments
        page += 1


def post_or_update(repo: str, pr: int, report: str, changed: bool) -> str:
    """Update the earlier review comment, or post one; post nothing when no plan changed and
    there is no earlier comment. Returns what was done: updated, created or skipped."""
    existing = find_comment(list_comments(repo, pr))
    if existing is None and not changed:
        return "skipped"
    payload = {"body": comment_body(report)}
    if existing is not None:
        try:
            _gh("--method", "PATCH", f"repos/{repo}/issues/comments/{existing}", payload=payload)
            return "updated"
        except RuntimeError:
            pass  # not ours to edit after all: post a new one
    _gh("--method", "POST", f"repos/{repo}/issues/{pr}/comments", payload=payload)
    return "created"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the action's steps."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m peaceplan.reviewing.ghactions")
    sub = parser.add_subparsers(dest="command", required=True)
    va = sub.add_parser("validate-annotations", help="validate's problems as ::error commands")
    va.add_argument("problems", type=Path)
    co = sub.add_parser("comment", help="post or update the pull request's review comment")
    co.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"))
    co.add_argument("--pr", type=int, required=True)
    co.add_argument("--report", type=Path, required=True)
    co.add_argument("--changed", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "validate-annotations":
        text = args.problems.read_text(encoding="utf-8", errors="replace")
        for line in problem_annotations(text.splitlines()):
            print(line)
        return 0
    if not args.repo:
        parser.error("--repo (or GITHUB_REPOSITORY) is required")
    report = args.report.read_text(encoding="utf-8")
    try:
        done = post_or_update(args.repo, args.pr, report, args.changed)
    except (RuntimeError, FileNotFoundError, json.JSONDecodeError) as exc:
        # Said, and the step fails: a review nobody sees must not pass for one posted. (A
        # fork's pull request gets a read-only token: see docs/github-action.md; the report is
        # still in the job summary.)
        print(
            workflow_command(
                "error", f"could not comment on the pull request: {exc}", title="peaceplan"
            )
        )
        return 1
    print(f"peaceplan review comment: {done}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
