"""One version for reading: metadata, then its points (sub-points indented, bracketed options as
"[Option A (by X): ... / Option B (by Y): ...]"), documents of a package as sections. A point or
option that is not `reported` carries a marker ("[uncertain]", "[inferred]") and its note; a
partial version says so in its metadata; a point's own sources follow it.

Terminal (rich), Markdown and HTML; the same escaping rules as the diff renderers.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from peaceplan.model import Option, Plan, Point
from peaceplan.render import certainty, describe
from peaceplan.render.console import make_console, output, safe
from peaceplan.text import html_text, markdown_text, one_line


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
        ("coverage", certainty.coverage_phrase(plan) or ""),
        ("parties", ", ".join(plan.parties)),
        ("based on", ", ".join(plan.based_on)),
        ("language", plan.language or ""),
    ]
    rows = [(k, one_line(v)) for k, v in rows if v]
    size = describe.size_phrase(plan)
    bracketed = plan.bracketed_count()
    rows.append(("points", f"{size}, {bracketed} bracketed" if bracketed else size))
    unsure = certainty.certainty_summary(plan)
    if unsure:
        rows.append(("certainty", unsure))
    conflicts = plan.conflict_count()
    if conflicts:
        rows.append(("conflicts", f"{conflicts} unresolved merge conflict(s)"))
    return rows


def _option_head(i: int, option: Option) -> str:
    """ "Option A (by United States) [inferred]" (unescaped)."""
    by = f" (by {one_line(option.by)})" if option.by else ""
    mark = certainty.marker(option)
    return f"Option {describe.option_label(i)}{by}" + (f" {mark}" if mark else "")


def _option_notes(point: Point) -> list[str]:
    """ "option A inferred: why" for each option that is not reported."""
    return [
        certainty.note_phrase(o, f"option {describe.option_label(i)}")
        for i, o in enumerate(point.options)
        if certainty.marked(o)
    ]


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
    if certainty.marked(point):
        head.append(" ").append_text(safe(certainty.marker(point), "bold magenta"))
    if point.title or point.conflict:  # a heading line, then the text under it
        console.print(Padding(head, (0, 0, 0, pad)))
        console.print(Padding(safe(point.text), (0, 0, 0, pad + 4)))
    else:  # "a. text" on one line
        console.print(Padding(head.append(" ").append_text(safe(point.text)), (0, 0, 0, pad)))
    if certainty.marked(point):
        console.print(Padding(safe(certainty.note_phrase(point), "magenta"), (0, 0, 0, pad + 4)))
    if point.options:
        parts = [f"{_option_head(i, o)}: {o.text}" for i, o in enumerate(point.options)]
        opts = safe("[" + " / ".join(parts) + "]", "yellow")
        console.print(Padding(opts, (0, 0, 0, pad + 4)))
        for note in _option_notes(point):
            console.print(Padding(safe(note, "magenta"), (0, 0, 0, pad + 4)))
    if point.topics:
        topics = safe("topics: " + ", ".join(point.topics), "dim")
        console.print(Padding(topics, (0, 0, 0, pad + 4)))
    for src in point.sources:
        console.print(Padding(safe(f"source: {one_line(src)}", "dim"), (0, 0, 0, pad + 4)))
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
    if certainty.marked(point):
        head += f" _{md(certainty.marker(point), line_start=False)}_"
    lines = [f"{indent}- {head} {md(point.text, line_start=False)}"]
    if certainty.marked(point):
        lines.append(f"{indent}  - _{md(certainty.note_phrase(point), line_start=False)}_")
    for i, o in enumerate(point.options):  # bracketed alternatives, attributed
        label = md(_option_head(i, o) + ":", line_start=False)
        lines.append(f"{indent}  - _{label}_ {md(o.text, line_start=False)}")
        if certainty.marked(o):
            lines.append(f"{indent}    - _{md(certainty.note_phrase(o), line_start=False)}_")
    if point.topics:
        lines.append(f"{indent}  - _topics: {md(', '.join(point.topics), line_start=False)}_")
    for src in point.sources:
        lines.append(f"{indent}  - _source:_ {md(one_line(src), line_start=False)}")
    for sub in point.points:
        lines += _point_markdown(sub, depth + 1)
    return lines


# --- HTML ----------------------------------------------------------------------------------


def plan_html(plan: Plan, *, standalone: bool = False) -> str:
    """The version as HTML: a fragment for Jupyter, or a whole page with `standalone=True`."""
    from peaceplan.render.html import wrap

    return wrap(plan_body_html(plan), title=_heading(plan), standalone=standalone)


def plan_body_html(plan: Plan) -> str:
    """The version's heading, metadata, points and sources as HTML, without the styled wrapper
    (for a page that brings its own, as the site's version pages do)."""
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
    return "\n".join(out) + "\n"


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
        head += _badge(point)
        out.append(f'<li class="{_certainty_class(point)}">{head}')
        out.append(f'<span class="pp-text">{h(point.text)}</span>{_note_html(point)}')
        if point.options:
            out.append('<ul class="pp-options">')
            for i, o in enumerate(point.options):
                by = f" (by {h(one_line(o.by))})" if o.by else ""
                out.append(
                    f'<li class="{_certainty_class(o)}">'
                    f"<em>Option {describe.option_label(i)}{by}:</em>{_badge(o)}"
                    f' <span class="pp-text">{h(o.text)}</span>{_note_html(o)}</li>'
                )
            out.append("</ul>")
        if point.topics:
            out.append(f'<div class="pp-meta">topics: {h(", ".join(point.topics))}</div>')
        for src in point.sources:
            out.append(f'<div class="pp-meta pp-source">source: {h(one_line(src))}</div>')
        if point.points:
            out += _points_html(point.points)
        out.append("</li>")
    out.append("</ul>")
    return out


def _certainty_class(item: Point | Option) -> str:
    """ "pp-certainty-uncertain" (a CSS class per certainty, `reported` included)."""
    return f"pp-certainty-{item.certainty}"


def _badge(item: Point | Option) -> str:
    """A badge naming a certainty other than `reported`, its note as a tooltip; else ""."""
    if not certainty.marked(item):
        return ""
    tip = f' title="{html_text(one_line(item.certainty_note))}"' if item.certainty_note else ""
    return f' <span class="pp-badge pp-{item.certainty}"{tip}>{html_text(item.certainty)}</span>'


def _note_html(item: Point | Option) -> str:
    """The note of a point or option that is not reported, as a line of its own; else ""."""
    if not certainty.marked(item):
        return ""
    return f'<div class="pp-note">{html_text(certainty.note_phrase(item))}</div>'
