"""A NegotiationMatrix as a terminal table, Markdown, HTML, JSON or CSV.

Every piece of data passes through peaceplan.text (`terminal_safe`, `markdown_text`,
`html_text`); markup comes only from this module.
"""

from __future__ import annotations

import csv
import io
import json

from peaceplan.negotiation.matrix import CHANGES, MatrixCell, MatrixRow, NegotiationMatrix
from peaceplan.render.cells import align, cut
from peaceplan.render.cells import width as cell_width
from peaceplan.render.problems import problem_line, problems_html, problems_markdown
from peaceplan.text import html_text, json_safe, markdown_text, one_line, terminal_safe

# How each change reads in a cell, and its colour in HTML (the diff's colours).
WORDS = {
    "origin": "",
    "kept": "kept",
    "moved": "moved",
    "modified": "modified",
    "split": "split",
    "merged": "merged",
    "added": "added",
    "removed": "removed",
    "unreported": "not reported",
}
COLOURS = {
    "origin": ("#f6f8fa", "#1f2328"),
    "kept": ("#f6f8fa", "#1f2328"),
    "moved": ("#fff8c5", "#1f2328"),
    "modified": ("#fff1d6", "#7d4e00"),
    "split": ("#fbefff", "#6639ba"),
    "merged": ("#fbefff", "#6639ba"),
    "added": ("#dafbe1", "#116329"),
    "removed": ("#ffebe9", "#a40e26"),
    "unreported": ("#ddf4ff", "#0550ae"),
}
LEGEND = {
    "origin": "first version",
    "kept": "same wording",
    "moved": "same wording, another place",
    "modified": "wording changed",
    "split": "one point became several",
    "merged": "several points became one",
    "added": "new in this version",
    "removed": "left out of this version",
    "unreported": "partial version: not reported, state unknown",
}


def cell_text(c: MatrixCell) -> str:
    """A cell as words: "#6 modified", "removed", "" for a blank cell."""
    if c.change is None:
        return ""
    word = WORDS[c.change]
    if c.moved:
        word += ", moved"
    return " ".join(x for x in (c.label, word) if x)


def row_name(r: MatrixRow) -> str:
    """A row as named in every format: its title, else its first key."""
    return one_line(r.title) if r.title else r.key


def _figures(r: MatrixRow) -> str:
    """The figures of a row through the versions, said again only when they change:
    "600,000 personnel (us-28) -> 800,000 personnel (e3-counter)"."""
    steps: list[str] = []
    last: tuple[str, ...] | None = None
    for c in r.cells:
        if not c.present or c.figures == last:
            continue
        if c.figures or last:
            steps.append(f"{'; '.join(c.figures) or 'none'} ({c.version})")
        last = c.figures
    return " -> ".join(steps)


def matrix_text(m: NegotiationMatrix, *, width: int | None = None) -> str:
    """A plain table for the terminal: one line per point, one column per version, and the
    point's figures on a line of their own under it."""
    head = ["point", *m.names]
    body = [
        ["  " * min(r.depth, 3) + row_name(r), *(cell_text(c) for c in r.cells)] for r in m.rows
    ]
    width = width or 160
    cols = len(head)
    sizes = [max(cell_width(terminal_safe(row[i])) for row in [head, *body]) for i in range(cols)]
    # cells and point names give way when the table is too wide
    sizes = [min(s, 22) for s in sizes]
    sizes[0] = max(12, min(34, width - sum(sizes[1:]) - 2 * (cols - 1)))

    def line(row: list[str]) -> str:
        return align([[cut(terminal_safe(v), sizes[i]) for i, v in enumerate(row)]], sizes)[0]

    rows, cols = len(m.rows), len(m.versions)
    out = [
        f"{m.plan}: {rows} point{'s' if rows != 1 else ''} through "
        f"{cols} version{'s' if cols != 1 else ''}",
        *(terminal_safe(problem_line(p)) for p in m.problems),
        "",
    ]
    out += [line(head), "  ".join("-" * s for s in sizes)]
    for r, row in zip(m.rows, body):
        out.append(line(row))
        figures = _figures(r)
        if figures:
            out.append("    figures: " + terminal_safe(one_line(figures)))
    out.append("")
    out.append("counts: " + "; ".join(_count_phrase(v, c) for v, c in m.counts().items()))
    return "\n".join(out) + "\n"


def _count_phrase(version: str, counts: dict[str, int]) -> str:
    return f"{version} " + ", ".join(f"{n} {WORDS[k] or k}" for k, n in counts.items())


def matrix_markdown(m: NegotiationMatrix) -> str:
    """A GitHub-flavoured Markdown table."""

    def esc(text: str) -> str:
        return markdown_text(text, line_start=False) if text else ""

    out = [f"## {esc(m.plan)}: every point through every version", ""]
    out += problems_markdown(m.problems)
    out.append("| Point | " + " | ".join(esc(n) for n in m.names) + " | Figures |")
    out.append("|---" * (len(m.names) + 2) + "|")
    for r in m.rows:
        indent = "&nbsp;&nbsp;" * min(r.depth, 3)
        cells = " | ".join(esc(cell_text(c)) for c in r.cells)
        out.append(f"| {indent}{esc(row_name(r))} | {cells} | {esc(_figures(r))} |")
    out.append("")
    return "\n".join(out) + "\n"


def matrix_json(m: NegotiationMatrix, *, indent: int | None = 2) -> str:
    """The `peaceplan.matrix/1` JSON object."""
    return json_safe(json.dumps(m.to_json_dict(), ensure_ascii=False, indent=indent)) + "\n"


def matrix_csv(m: NegotiationMatrix) -> str:
    """One CSV row per point, a column per version (the cell as words) and the figures."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["row", "title", "depth", *m.names, "figures"])
    for r in m.rows:
        cells = [r.id, r.title or "", str(r.depth), *(cell_text(c) for c in r.cells), _figures(r)]
        w.writerow([_csv_safe(x) for x in cells])
    return buf.getvalue()


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet will not run: a leading = + - @ or tab (OWASP's list; a carriage
    return is already made visible) is quoted with an apostrophe."""
    value = terminal_safe(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t") else value


MATRIX_CSS = """
.pp-matrix { border-collapse: collapse; font-size: 0.85rem; }
.pp-matrix th, .pp-matrix td { border: 1px solid #d0d7de; padding: 0.15rem 0.4rem;
  vertical-align: top; text-align: left; }
.pp-matrix thead th { position: sticky; top: 0; background: #f6f8fa; }
.pp-matrix td.pp-cell { min-width: 6.5rem; }
.pp-matrix .pp-n { font-weight: 600; }
.pp-matrix .pp-w { display: block; font-size: 0.72rem; text-transform: uppercase;
  letter-spacing: 0.03em; }
.pp-matrix .pp-f { display: block; font-size: 0.75rem; color: #57606a; }
.pp-matrix .pp-sub { padding-left: 1.2rem; color: #57606a; }
.pp-legend span { display: inline-block; padding: 0 0.4rem; margin: 0 0.3rem 0.3rem 0;
  border-radius: 0.2rem; font-size: 0.8rem; }
"""


def _style(change: str | None) -> str:
    if change is None:
        return ""
    bg, fg = COLOURS[change]
    dashed = ";border-style:dashed" if change == "unreported" else ""
    return f' style="background:{bg};color:{fg}{dashed}"'


def matrix_cell_html(c: MatrixCell) -> str:
    """One cell: the number, the change, the figures; the short text as its hover title."""
    h = html_text
    if c.change is None:
        return '<td class="pp-cell"></td>'
    title = f' title="{h(c.text)}"' if c.text else ""
    parts = []
    if c.label:
        parts.append(f'<span class="pp-n">{h(c.label)}</span>')
    word = WORDS[c.change] + (", moved" if c.moved else "")
    if word:
        parts.append(f'<span class="pp-w">{h(word)}</span>')
    if c.figures:
        parts.append(f'<span class="pp-f">{h("; ".join(c.figures))}</span>')
    return f'<td class="pp-cell"{_style(c.change)}{title}>{"".join(parts)}</td>'


def matrix_table_html(m: NegotiationMatrix, *, link: object = None) -> str:
    """The grid as an HTML table. `link(row)` may give a relative URL for each row's name."""
    h = html_text
    out = [f"<style>{MATRIX_CSS}</style>", problems_html(m.problems) + '<p class="pp-legend">']
    out += [
        f"<span{_style(k)}>{h(WORDS[k] or 'first version')}: {h(LEGEND[k])}</span>"
        for k in CHANGES
        if k != "origin"
    ]
    out.append("</p>")
    out.append('<table class="pp-matrix"><thead><tr><th>Point</th>')
    out += [f"<th>{h(v.version)}</th>" for v in m.versions]
    out.append("</tr></thead><tbody>")
    for r in m.rows:
        name = h(row_name(r))
        url = link(r) if callable(link) else None
        if url:
            name = f'<a href="{h(url)}">{name}</a>'
        cls = ' class="pp-sub"' if r.depth else ""
        out.append(f"<tr><th{cls}>{name}</th>")
        out += [matrix_cell_html(c) for c in r.cells]
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out) + "\n"


def matrix_html(m: NegotiationMatrix, *, standalone: bool = True) -> str:
    """The matrix as HTML: a whole page, or (standalone=False) a `<div>` for Jupyter."""
    from peaceplan.render.html import wrap

    title = f"{m.plan}: every point through every version"
    body = f"<h2>{html_text(title)}</h2>\n" + matrix_table_html(m)
    return wrap(body, title=title, standalone=standalone)


__all__ = [
    "CHANGES",
    "cell_text",
    "matrix_csv",
    "matrix_html",
    "matrix_json",
    "matrix_markdown",
    "matrix_table_html",
    "matrix_text",
]
