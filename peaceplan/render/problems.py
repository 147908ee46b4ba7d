"""Lineage problems as warnings in every rendering: the matrix, the flow, figures and blame
still show the versions when a based_on names no version, and must say what is missing."""

from __future__ import annotations

from collections.abc import Sequence

from peaceplan.errors import Problem
from peaceplan.lineage import DANGLING
from peaceplan.text import html_text, markdown_text

__all__ = ["problem_line", "problems_html", "problems_markdown"]


def problem_line(problem: Problem) -> str:
    """A lineage problem as a warning line: "warning: plans/x.yaml:4:13: based_on names no
    version: 'v9' (so its points are shown as new)"."""
    dangling = problem.message.startswith(DANGLING)
    return f"warning: {problem}" + (" (so its points are shown as new)" if dangling else "")


def problems_html(problems: Sequence[Problem]) -> str:
    """The problems as red warning paragraphs (empty when none)."""
    return "".join(
        f'<p class="pp-warning" style="color:#a40e26">{html_text(problem_line(p))}</p>\n'
        for p in problems
    )


def problems_markdown(problems: Sequence[Problem]) -> list[str]:
    """The problems as bold quoted Markdown lines, each followed by a blank line."""
    out = []
    for p in problems:
        out += [f"> **{markdown_text(problem_line(p), line_start=False)}**", ""]
    return out
