"""One version rendered for reading: terminal, Markdown, HTML; bundled plans and hostile ones."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from render_samples import OLD, hostile_diff

import peaceplan
from peaceplan.render.plan import plan_html, plan_markdown, plan_terminal

ANSI = re.compile(r"\x1b\[[0-9;]*m")
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


PLANS = Path(__file__).resolve().parent.parent / "plans"


@pytest.fixture(scope="module")
def ua20() -> peaceplan.Plan:
    return peaceplan.load(PLANS / "ukraine-2025" / "ua-20.yaml")


def test_terminal_metadata_points_subpoints_options() -> None:
    out = plan_terminal(OLD, color=False, width=200)
    lines = out.splitlines()
    assert lines[0] == "ukraine-2025/us-28: 28-point plan"
    assert "  date: 2025-11-20" in lines and "  proposed by: United States" in lines
    assert "  points: 13 points (+ 2 sub-points), 1 bracketed" in lines
    assert "  5. Size of the armed forces" in lines
    assert "      Ukraine's armed forces are capped at 600,000 personnel." in lines
    # Sub-points indented under their point.
    assert "      a. Kherson and Zaporizhzhia are frozen along the line of contact." in lines
    assert (
        "      [Option A (by United States): Ukraine withdraws from the part of Donetsk it"
        " holds. / Option B (by Russia): The whole of Donetsk oblast is handed over.]"
    ) in lines
    assert "\x1b" not in out
    assert ANSI.search(plan_terminal(OLD, color=True))


def test_package_documents_are_sections(ua20) -> None:
    out = plan_terminal(ua20, color=False, width=120)
    for doc in ua20.documents:
        assert f"\n{doc.title}\n" in out
    assert out.index(ua20.documents[0].title) < out.index(ua20.documents[1].title)
    assert "800,000 personnel" in out
    md = plan_markdown(ua20)
    assert md.count("\n### ") == len(ua20.documents)
    assert "  - _Option B (by Ukraine):_ " in md


def test_markdown_and_html_content() -> None:
    md = plan_markdown(OLD)
    assert md.startswith("## ukraine-2025/us-28: 28-point plan\n")
    assert "- **5. Size of the armed forces** Ukraine's armed forces are capped at 600,000" in md
    assert "  - **a.** Kherson and Zaporizhzhia" in md
    html = plan_html(OLD)
    assert html.startswith('<div class="peaceplan">')
    assert "<strong>5. Size of the armed forces</strong>" in html
    assert "<em>Option B (by Russia):</em>" in html
    assert plan_html(OLD, standalone=True).startswith("<!DOCTYPE html>")
    assert OLD._repr_html_() == html and OLD._repr_markdown_() == md


class _Tags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def test_hostile_plan_is_escaped_everywhere() -> None:
    d = hostile_diff()
    for plan in (d.old, d.new):
        for color in (False, True):
            out = plan_terminal(plan, color=color, width=100)
            assert "\x1b[2J" not in out and "\u202e" not in out
            assert not RAW_CONTROL.search(ANSI.sub("", out))
        md = plan_markdown(plan)
        rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
        tags = _Tags(rendered)
        assert set(tags.tags) <= {"h2", "h3", "ul", "li", "strong", "em", "br", "p"}
        assert not tags.attrs
        assert tags.tags.count("h2") == 1
        html = plan_html(plan)
        assert "<script" not in html and "<img" not in html
        tags = _Tags(html)
        assert not any(k.startswith("on") or k in ("src", "href") for k, _ in tags.attrs)


def test_every_bundled_plan_renders() -> None:
    for path in sorted(PLANS.glob("*/*.yaml")):
        plan = peaceplan.load(path)
        out = plan_terminal(plan, color=False, width=100)
        assert plan.qualified in out
        for fp in plan.flat():
            assert fp.point.text.split()[0] in out
        assert plan.qualified in plan_markdown(plan) and plan.qualified in plan_html(plan)
