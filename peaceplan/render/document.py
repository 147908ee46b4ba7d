"""A version as a document people read and edit: plain text, Markdown or Word (.docx).

The layout is the one `peaceplan import` reads back (show -> import is the identity on points,
numbers, titles, texts and options): a point per paragraph with its number as printed ("6.",
"(a)", "6.1", "Point 21bis:"), sub-points indented four spaces a level, unnumbered points as
bullets, bracketed options as "[Option (by): text]" lines, side documents under headings.
What is not plain fact says so, and reads back too: under the title a line of the version's
metadata (and, for a partial version, that a point not listed is unreported, not removed); a
point or option that is not `reported` is followed by "[Uncertain: why]" or "[Inferred, option
(by): why]", which `peaceplan import` reads back as its certainty.
"""

from __future__ import annotations

import io
import re

from peaceplan.model import Document, Option, Plan, Point

_ARABIC = re.compile(r"\d{1,3}\Z")
_DOTTED = re.compile(r"\d+(?:\.\d+)+\Z")
_ALPHA = re.compile(r"[A-Za-z]{1,4}\Z")


def _marker(point: Point, full: str | None, depth: int) -> str:
    """How a point's number is printed so that it reads back as the same number."""
    if point.number is None:
        return "-"
    last = point.number.split(".")[-1] if depth else point.number
    if depth == 0 and _ARABIC.match(point.number):
        return f"{point.number}."
    if depth and _ALPHA.match(last) and full and full.endswith("." + last):
        return f"({last})"
    if full and _DOTTED.match(full) and full.count(".") == depth:
        return full
    return f"Point {point.number}:"


def _full(parent: str | None, number: str | None) -> str | None:
    from peaceplan.model import full_number

    return full_number(parent, number)


def _sections(plan: Plan) -> list[tuple[Document | None, tuple[Point, ...]]]:
    if plan.documents:
        return [(d, d.points) for d in plan.documents]
    return [(None, plan.points)]


def _text(point: Point) -> str:
    return " ".join(point.text.split())


def certainty_line(item: Point | Option, by: str | None = None) -> str | None:
    """ "[Uncertain: why]" for a point (or "[Inferred, option (by): why]" for its option `by`)
    that is not `reported`; None when it is."""
    if item.certainty == "reported":
        return None
    what = item.certainty.capitalize() + (f", option ({by})" if by is not None else "")
    note = " ".join((item.certainty_note or "").split())
    return f"[{what}: {note}]" if note else f"[{what}]"


def header_lines(plan: Plan) -> list[str]:
    """What a document says of the version under its title: which version it is, of when and by
    whom, its status; and, for a partial version, that a point not listed is not removed."""
    facts = [f"Version {plan.qualified}" + (f" of {plan.date}" if plan.date else "")]
    facts += [f"proposed by {plan.proposed_by}"] if plan.proposed_by else []
    facts += [f"status {plan.status}"] if plan.status else []
    lines = [", ".join(facts)]
    if plan.partial:
        lines.append(
            "Partial version: only the points reported are listed; a point not listed is "
            "unreported, not removed."
        )
    return [" ".join(line.split()) for line in lines]


def _block(point: Point) -> list[tuple[str, bool]]:
    """The lines under a point's own line, each (text, is an option): its certainty, then each
    option followed by its certainty."""
    out: list[tuple[str, bool]] = []
    sure = certainty_line(point)
    if sure:
        out.append((sure, False))
    for option in point.options:
        out.append((f"[Option ({option.by}): {' '.join(option.text.split())}]", True))
        sure = certainty_line(option, option.by)
        if sure:
            out.append((sure, False))
    return out


def plan_text(plan: Plan, *, markdown: bool = False) -> str:
    """The version as plain text (or Markdown): title, what the version is, points, options,
    certainty marks, side documents."""
    out: list[str] = []
    title = plan.title or plan.qualified
    out += [f"# {title}" if markdown else title, ""]
    out += [f"*{line}*" if markdown else line for line in header_lines(plan)]
    out.append("")

    def emit(points: tuple[Point, ...], parent: str | None, depth: int) -> None:
        for point in points:
            full = _full(parent, point.number)
            pad = "    " * depth
            head = f"**{point.title}.** " if markdown and point.title else ""
            if depth == 0 and out and out[-1] != "":
                out.append("")
            out.append(f"{pad}{_marker(point, full, depth)} {head}{_text(point)}")
            out.extend(f"{pad}    {line}" for line, _ in _block(point))
            emit(point.points, full, depth + 1)

    for doc, points in _sections(plan):
        if doc is not None:
            head = f"{doc.id}: {doc.title}" if doc.title else doc.id
            out += ["", f"## {head}" if markdown else f"== {head} ==", ""]
        emit(points, None, 0)
    return "\n".join(out).strip() + "\n"


def plan_docx(plan: Plan) -> bytes:
    """The version as a Word document (python-docx; the `import` extra)."""
    from docx import Document as new_docx
    from docx.shared import Pt

    from peaceplan.render.docx import xml_text  # control characters made visible, not a crash

    doc = new_docx()
    doc.add_heading(xml_text(plan.title or plan.qualified), level=0)
    for line in header_lines(plan):
        doc.add_paragraph().add_run(xml_text(line)).italic = True

    def emit(points: tuple[Point, ...], parent: str | None, depth: int) -> None:
        for point in points:
            full = _full(parent, point.number)
            para = doc.add_paragraph()
            para.paragraph_format.left_indent = Pt(18 * depth)
            para.add_run(xml_text(_marker(point, full, depth) + " "))
            if point.title:
                para.add_run(xml_text(point.title + ".")).bold = True
                para.add_run(" ")
            para.add_run(xml_text(_text(point)))
            for line, is_option in _block(point):
                under = doc.add_paragraph()
                run = under.add_run(xml_text(line))
                if not is_option:  # a mark about the line above, set apart from the wording
                    run.italic = True
                under.paragraph_format.left_indent = Pt(18 * (depth + 1))
            emit(point.points, full, depth + 1)

    for section, points in _sections(plan):
        if section is not None:
            head = f"{section.id}: {section.title}" if section.title else section.id
            doc.add_heading(xml_text(head), 1)
        emit(points, None, 0)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def plan_html_document(plan: Plan) -> str:
    """The document layout as a standalone HTML page (what `show --format pdf` prints)."""
    from peaceplan.render.html import wrap
    from peaceplan.text import html_text

    parts = ['<div class="pp-doc">']
    for line in plan_text(plan).splitlines()[1:]:
        if not line.strip():
            continue
        indent = (len(line) - len(line.lstrip())) // 4
        text = html_text(line.strip())
        if line.startswith("== "):
            parts.append(f"<h3>{text}</h3>")  # "== id: title ==", as import reads it back
        else:
            parts.append(f'<p style="margin-left:{indent * 2}em">{text}</p>')
    parts.append("</div>")
    title = plan.title or plan.qualified
    body = f"<h2>{html_text(title)}</h2>\n" + "\n".join(parts) + "\n"
    return wrap(body, title=title, standalone=True)
