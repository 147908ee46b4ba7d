"""A PlanDiff as Markdown for a pull-request comment (GitHub) or a notebook.

Summary counts, changed figures first, renumbering said once, a table of changes, then one
`<details>` block per changed point with its redline (<del>deleted</del> <ins>inserted</ins>).
Every piece of data goes through peaceplan.text (Markdown or HTML escaping as the
context needs), so point text cannot break the table, open a tag or inject a link.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from peaceplan.diffing.model import Change, PlanDiff, Segment
from peaceplan.render import certainty, describe
from peaceplan.render.metadata import metadata_markdown
from peaceplan.text import html_text, markdown_text, mention_safe, one_line


def diff_markdown(
    d: PlanDiff,
    *,
    only: Collection[str] | None = None,
    explain: bool = False,
    show_unchanged: bool = False,
) -> str:
    """Render a diff as GitHub-flavoured Markdown; `only`, `explain`, `show_unchanged` as for
    peaceplan.render.terminal.diff_terminal."""
    md = markdown_text
    shown = describe.select(d, only, show_unchanged)
    out = [f"### {md(describe.title_phrase(d))}", ""]
    out.append(f"- **old** {md(describe.side_phrase(d.old, d.new))}")
    out.append(f"- **new** {md(describe.side_phrase(d.new, d.old))}")
    out += ["", f"**{md(describe.counts_phrase(d))}**", ""]
    partial = describe.partial_phrase(d)
    if partial:
        out += [f"_{md(partial)}._", ""]
    if d.budget_exhausted:
        out += [f"> **Warning:** {md(describe.BUDGET_WARNING)}", ""]
    closing = describe.closing_phrase(d)
    if closing:
        out += [md(closing), ""]
    out += metadata_markdown(d)
    out += _figures(d, shown)
    renumbered = describe.renumber_phrases(d, only)
    if renumbered:
        out += ["#### Renumbered", ""]
        out += [f"- {md(phrase)}" for phrase in renumbered]
        out.append("")
    if shown:
        out += ["#### Changes", ""]
        out += table(
            ("Kind", "Old #", "New #", "Title", "Similarity"),
            (
                (
                    describe.kind_phrase(c),
                    describe.numbers_cell(d.old, c.old, c.old_numbers),
                    describe.numbers_cell(d.new, c.new, c.new_numbers),
                    _titled(describe.change_title(d, c), certainty.change_marker(d, c)),
                    describe.similarity_cell(c),
                )
                for c in shown
            ),
            align=("", "", "", "", "-:"),
        )
        out.append("")
        for c in shown:
            out += _details(d, c, explain)
    rest = describe.unchanged_phrase(d, shown)
    if rest and not only and d.changed:
        out += [f"_{md(rest)}._", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def table(
    header: Iterable[str], rows: Iterable[Iterable[str]], align: Iterable[str] = ()
) -> list[str]:
    """A GFM table; every cell is escaped (pipes, markup, line breaks) so rows keep their shape."""
    header = list(header)
    marks = {"": "---", "-:": "--:", ":-": ":--", "::": ":-:"}
    aligns = [*align, *[""] * len(header)][: len(header)]
    lines = [
        "| " + " | ".join(markdown_text(h) for h in header) + " |",
        "| " + " | ".join(marks[a] for a in aligns) + " |",
    ]
    for row in rows:
        cells = [markdown_text(one_line(str(c))) if c else " " for c in row]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def redline(segments: Iterable[Segment]) -> str:
    """A redline as inline Markdown: deletions in <del>, insertions in <ins>, text escaped."""
    return describe.marked_redline(
        # Only an unmarked first segment starts the line; the others follow text or a tag.
        (s.op, markdown_text(s.text, line_start=i == 0 and s.op == "equal"))
        for i, s in enumerate(segments)
    )


def _titled(title: str, mark: str) -> str:
    """A change's title with its certainty marker ("Territory [uncertain]")."""
    return f"{title} {mark}".strip()


def _figures(d: PlanDiff, shown: tuple[Change, ...]) -> list[str]:
    out = []
    for what, heading in (("figures", "Changed figures"), ("dates", "Changed dates")):
        rows = describe.figure_rows(d, shown, what)
        if rows:
            out += [f"#### {heading}", "", *table(("Point", "Before", "After"), rows), ""]
    return out


def _details(d: PlanDiff, c: Change, explain: bool) -> list[str]:
    segs = describe.segments(d, c)
    body: list[str] = []
    if describe.text_changed(segs):
        body += [redline(segs), ""]
    notes = [markdown_text(describe.field_phrase(f, c, d)) for f in c.fields]
    if c.moved:
        notes.append("moved: its place among the other points changed")
    if explain:
        notes.append(f"_{markdown_text(describe.explain_phrase(c))}_")
    body += [f"- {n}" for n in notes]
    while body and not body[-1]:
        body.pop()
    if not body:
        return []
    title = _titled(describe.change_title(d, c), certainty.change_marker(d, c))
    summary = f"{c.kind} {describe.where_phrase(d, c)}" + (f": {title}" if title else "")
    # Inside an HTML block Markdown is not parsed: the summary is HTML-escaped, on one line.
    return [
        "<details>",
        f"<summary>{mention_safe(html_text(one_line(summary)))}</summary>",
        "",
        *body,
        "",
        "</details>",
        "",
    ]
