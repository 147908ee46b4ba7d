"""One version for reading: metadata, then its points (sub-points indented, bracketed options as
"[Option A (by X): ... / Option B (by Y): ...]"), documents of a package as sections.

Terminal (rich), Markdown and HTML; the same escaping rules as the diff renderers.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from peaceplan.model import Plan, Point
from peaceplan.render import describe
from peaceplan.render.console import make_console, output, safe
from peaceplan.render.escape import html_text, markdown_text, one_line


def _sections(plan: Plan) -> Iterator[tuple[str | None, tuple[Point, ...]]]:
    """(heading, points) per document of a package, or one unnamed section."""
    if plan.documents:
        for doc in plan.documents:
            yield (doc.title or doc.id), doc.points
    else:
        yield None, plan.points


def _meta(plan: Plan) -> list[tuple[str, str]]:
    """The metadata worth a line each, as (label, value)."""
    rows = [
        ("date", plan.date.isoformat() if plan.date else ""),
        ("proposed by", plan.proposed_by or ""),
        ("status", plan.status or ""),
        ("parties", ", ".join(plan.parties)),
        ("based on", ", ".join(plan.based_on)),
        ("language", plan.language or ""),
    ]
    rows = [(k, one_line(v)) for k, v in rows if v]
    size = describe.size_phrase(plan)
    bracketed = plan.bracketed_count()
    rows.append(("points", f"{size}, {bracketed} bracketed" if bracketed else size))
    conflicts = plan.conflict_count()
    if conflicts:
        rows.append(("conflicts", f"{conflicts} unresolved merge conflict(s)"))
    return rows


def _heading(plan: Plan) -> str:
    return one_line(f"{plan.qualified}" + (f": {plan.title}" if plan.title else ""))


# --- terminal ------------------------------------------------------------------------------


def plan_terminal(plan: Plan, *, color: bool, width: int | None = None) -> str:
    """The version for reading in a terminal: metadata header, then numbered points."""
    console = make_console(color, width)
    console.print(safe(_heading(plan), "bold"))
    for label, value in _meta(plan):
        console.print(Text("  ").append_text(safe(f"{label}: ", "dim")).append_text(safe(value)))
    for heading, points in _sections(plan):
        console.print()
        if heading is not None:
            console.print(safe(one_line(heading), "bold underline"))
            console.print()
        for point in points:
            _point_terminal(console, point, 0)
    if plan.sources:
        console.print()
        console.print(safe("Sources", "bold"))
        for src in plan.sources:
            console.print(Text("  ").append_text(safe(one_line(src), "dim")))
    return output(console)


def _label(point: Point) -> str:
    if point.number is None:
        return "-"
    return point.number if point.number.endswith((".", ")")) else point.number + "."


def _point_terminal(console: Console, point: Point, depth: int) -> None:
    pad = 2 + 4 * depth
    head = safe(_label(point), "bold")
    if point.title:
        head.append(" ").append_text(safe(one_line(point.title), "bold"))
    if point.conflict:
        head.append(" ").append_text(safe("(merge conflict)", "bold red"))
    if point.title or point.conflict:  # a heading line, then the text under it
        console.print(Padding(head, (0, 0, 0, pad)))
        console.print(Padding(safe(point.text), (0, 0, 0, pad + 4)))
    else:  # "a. text" on one line
        console.print(Padding(head.append(" ").append_text(safe(point.text)), (0, 0, 0, pad)))
    if point.options:
        opts = safe(describe.options_phrase(point.options), "yellow")
        console.print(Padding(opts, (0, 0, 0, pad + 4)))
    if point.topics:
        topics = safe("topics: " + ", ".join(point.topics), "dim")
        console.print(Padding(topics, (0, 0, 0, pad + 4)))
    for sub in point.points:
        _point_terminal(console, sub, depth + 1)


# --- Markdown ------------------------------------------------------------------------------


def plan_markdown(plan: Plan) -> str:
    """The version as Markdown: a title, a metadata list, then the points as nested lists."""
    md = markdown_text
    out = [f"## {md(_heading(plan))}", ""]
    out += [f"- **{md(label)}:** {md(value)}" for label, value in _meta(plan)]
    out.append("")
    for heading, points in _sections(plan):
        if heading is not None:
            out += [f"### {md(one_line(heading))}", ""]
        for point in points:
            out += _point_markdown(point, 0)
        out.append("")
    if plan.sources:
        out += ["**Sources**", ""]
        out += [f"- {md(one_line(src))}" for src in plan.sources]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _point_markdown(point: Point, depth: int) -> list[str]:
    md = markdown_text
    indent = "  " * depth
    head = f"**{md(_label(point), line_start=False)}"
    if point.title:
        head += f" {md(one_line(point.title))}"
    head += "**"
    if point.conflict:
        head += " _(merge conflict)_"
    lines = [f"{indent}- {head} {md(point.text, line_start=False)}"]
    for i, o in enumerate(point.options):  # bracketed alternatives, attributed
        by = f" (by {md(one_line(o.by), line_start=False)})" if o.by else ""
        label = f"Option {describe.option_label(i)}{by}:"
        lines.append(f"{indent}  - _{label}_ {md(o.text, line_start=False)}")
    if point.topics:
        lines.append(f"{indent}  - _topics: {md(', '.join(point.topics), line_start=False)}_")
    for sub in point.points:
        lines += _point_markdown(sub, depth + 1)
    return lines


# --- HTML ----------------------------------------------------------------------------------


def plan_html(plan: Plan, *, standalone: bool = False) -> str:
    """The version as HTML: a fragment for Jupyter, or a whole page with `standalone=True`."""
    from peaceplan.render.html import wrap

    h = html_text
    out = [f"<h2>{h(_heading(plan))}</h2>"]
    out.append("<table>")
    out += [f"<tr><th>{h(label)}</th><td>{h(value)}</td></tr>" for label, value in _meta(plan)]
    out.append("</table>")
    for heading, points in _sections(plan):
        out.append('<section class="pp-doc">')
        if heading is not None:
            out.append(f"<h3>{h(one_line(heading))}</h3>")
        out += _points_html(points)
        out.append("</section>")
    if plan.sources:
        out += ["<h3>Sources</h3>", "<ul>"]
        out += [f"<li>{h(one_line(src))}</li>" for src in plan.sources]
        out.append("</ul>")
    return wrap("\n".join(out) + "\n", title=_heading(plan), standalone=standalone)


def _points_html(points: tuple[Point, ...]) -> list[str]:
    h = html_text
    out = ['<ul class="pp-points">']
    for point in points:
        head = f"<strong>{h(_label(point))}"
        if point.title:
            head += f" {h(one_line(point.title))}"
        head += "</strong>"
        if point.conflict:
            head += ' <span class="pp-tag">merge conflict</span>'
        out.append(f'<li>{head} <span class="pp-text">{h(point.text)}</span>')
        if point.options:
            out.append('<ul class="pp-options">')
            for i, o in enumerate(point.options):
                by = f" (by {h(one_line(o.by))})" if o.by else ""
                out.append(
                    f"<li><em>Option {describe.option_label(i)}{by}:</em>"
                    f' <span class="pp-text">{h(o.text)}</span></li>'
                )
            out.append("</ul>")
        if point.topics:
            out.append(f'<div class="pp-meta">topics: {h(", ".join(point.topics))}</div>')
        if point.points:
            out += _points_html(point.points)
        out.append("</li>")
    out.append("</ul>")
    return out
