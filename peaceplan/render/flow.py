"""A Flow as a standalone SVG: a column per version, a box per point, a curve per continuation.

Written by hand (no browser, no script): every piece of data passes through
peaceplan.text.html_text, which also escapes for XML; every box and curve has a
`<title>`, shown when the pointer rests on it.
"""

from __future__ import annotations

from peaceplan.negotiation.flow import Flow, FlowNode
from peaceplan.render.cells import width as cell_width
from peaceplan.render.matrix import COLOURS, LEGEND, WORDS
from peaceplan.render.problems import problem_line
from peaceplan.text import html_text, one_line

STROKES = {
    "kept": "#8c959f",
    "moved": "#bf8700",
    "modified": "#d4a72c",
    "split": "#8250df",
    "merged": "#8250df",
    "added": "#1a7f37",
}
NODE_W = 184
NODE_H = 20
STEP = 24  # vertical distance between boxes
GAP = 120  # horizontal room for the curves between columns
TOP = 78  # where the first box starts
LEFT = 16
DASHED = ' stroke-dasharray="5 3"'
SIDE = ' data-side="1"'
FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"


def _fit(text: str, chars: int) -> str:
    text = one_line(text)
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _node_title(n: FlowNode) -> str:
    parts = [f"{n.version} {n.label}" + (f": {one_line(n.title)}" if n.title else "")]
    parts.append(one_line(n.text))
    parts.append(WORDS[n.change] or "first version")
    if n.document:
        parts.append(f"in {one_line(n.document)}")
    if n.removed_in:
        parts.append("removed in " + ", ".join(n.removed_in))
    if n.unreported_in:
        parts.append("not reported in " + ", ".join(n.unreported_in))
    return "\n".join(parts)


def flow_svg(f: Flow) -> str:
    """The flow as a standalone SVG document (UTF-8 text)."""
    h = html_text
    col_x = {v.version: LEFT + i * (NODE_W + GAP) for i, v in enumerate(f.versions)}
    pos: dict[str, tuple[float, float]] = {}
    doc_labels: list[tuple[float, float, str]] = []
    bottom: float = TOP
    for v in f.versions:
        y: float = TOP
        current: str | None = None
        for n in f.nodes_of(v.version):
            if n.document != current:
                current = n.document
                y += 8
                doc_labels.append((col_x[v.version], y + 10, current or ""))
                y += 16
            pos[n.id] = (col_x[v.version], y)
            y += STEP
        bottom = max(bottom, y)
    width = LEFT * 2 + len(f.versions) * NODE_W + max(0, len(f.versions) - 1) * GAP + 24
    # a warning is one line of text: the picture is as wide as it (7 px a column, as the
    # legend counts), or the viewBox cuts off what is missing
    warnings = [problem_line(p) for p in f.problems]
    width = max([width, *(LEFT * 2 + 7 * cell_width(w) for w in warnings)])
    legend_y = bottom + 24
    height = legend_y + 56 + 16 * len(f.problems)
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{FONT}" font-size="11" role="img" class="pp-flow">',
        f"<title>{h(f.plan)}: the points through the versions</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for v in f.versions:
        x: float = col_x[v.version]
        count = f"{v.points} points" + (
            f" + {v.side_points} in side documents" if v.side_points else ""
        )
        sub = ", ".join(x for x in (v.date, v.proposed_by) if x)
        out.append(
            f'<g class="pp-version" data-version="{h(v.version)}" data-points="{v.points}">'
            f"<title>{h(v.version)}: {h(count)}"
            f"{h(' (partial: only the points reported)') if v.coverage == 'partial' else ''}"
            f"</title>"
            f'<text x="{x}" y="20" font-size="14" font-weight="600">{h(v.version)}</text>'
            f'<text x="{x}" y="36" fill="#57606a">{h(_fit(count, 34))}</text>'
            f'<text x="{x}" y="50" fill="#57606a">{h(_fit(sub, 34))}</text>'
            + (
                f'<text x="{x}" y="64" fill="#0550ae">partial: reported points only</text>'
                if v.coverage == "partial"
                else ""
            )
            + "</g>"
        )
    for x, y, label in doc_labels:
        if label:
            out.append(
                f'<text x="{x}" y="{y}" fill="#57606a" font-style="italic">{h(_fit(label, 32))}'
                "</text>"
            )
    # curves under the boxes
    names = {n.id: n for n in f.nodes}
    out.append('<g class="pp-edges" fill="none">')
    for e in f.edges:
        if e.source not in pos or e.target not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        x1 += NODE_W
        y1 += NODE_H / 2
        y2 += NODE_H / 2
        mid = (x2 - x1) / 2
        a, b = names[e.source], names[e.target]
        tip = f"{a.version} {a.label} → {b.version} {b.label}: {WORDS.get(e.change, e.change)}"
        span = x2 - x1 > GAP + 1  # jumps over a column: lighter
        out.append(
            f'<path class="pp-edge" data-change="{h(e.change)}" '
            f'd="M{x1:.0f},{y1:.0f} C{x1 + mid:.0f},{y1:.0f} {x2 - mid:.0f},{y2:.0f} '
            f'{x2:.0f},{y2:.0f}" stroke="{STROKES.get(e.change, "#8c959f")}" '
            f'stroke-width="{1.4 if span else 2}" stroke-opacity="{0.45 if span else 0.8}"'
            f"{DASHED if span else ''}>"
            f"<title>{h(tip)}</title></path>"
        )
    out.append("</g>")
    sources = {e.source for e in f.edges}
    for n in f.nodes:
        x, y = pos[n.id]
        bg, fg = COLOURS.get(n.change, ("#f6f8fa", "#1f2328"))
        stroke = "#0969da" if n.change == "unreported" else "#d0d7de"
        number = f"{n.label} " if n.label.startswith("#") else ""
        label = _fit(number + one_line(n.title or n.text), 27)
        out.append(
            f'<g class="pp-node" data-version="{h(n.version)}" data-key="{h(n.key)}" '
            f'data-change="{h(n.change)}"{SIDE if n.document else ""}>'
            f"<title>{h(_node_title(n))}</title>"
            f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="3" '
            f'fill="{bg}" stroke="{stroke}"/>'
            f'<text x="{x + 5}" y="{y + 14}" fill="{fg}">{h(label)}</text>'
        )
        if n.id not in sources and (n.removed_in or n.unreported_in):
            mx, my = x + NODE_W + 6, y + NODE_H / 2
            if n.removed_in:
                out.append(
                    f'<path class="pp-end" d="M{mx},{my - 4} l8,8 M{mx + 8},{my - 4} l-8,8" '
                    'stroke="#cf222e" stroke-width="2"/>'
                )
            else:
                out.append(
                    f'<text class="pp-end" x="{mx}" y="{my + 4}" fill="#0969da" '
                    'font-weight="700">?</text>'
                )
        out.append("</g>")
    # legend
    x = LEFT
    out.append(f'<g class="pp-legend" transform="translate(0,{legend_y})">')
    for kind in ("kept", "moved", "modified", "split", "merged", "added"):
        out.append(
            f'<rect x="{x}" y="0" width="14" height="4" fill="{STROKES[kind]}"/>'
            f'<text x="{x + 18}" y="6"><title>{h(LEGEND[kind])}</title>{h(kind)}</text>'
        )
        x += 30 + 7 * len(kind)
    x = LEFT
    out.append(
        f'<path d="M{x},{16} l8,8 M{x + 8},{16} l-8,8" stroke="#cf222e" stroke-width="2"/>'
        f'<text x="{x + 12}" y="24">removed later</text>'
        f'<text x="{x + 110}" y="25" fill="#0969da" font-weight="700">?</text>'
        f'<text x="{x + 120}" y="24">not reported later (partial version)</text>'
        f'<text x="{LEFT}" y="42" fill="#57606a">dashed curves jump over a version; '
        "rest the pointer on a box or curve for its text</text>"
    )
    # a missing link is said in the picture too: the SVG may travel without the CLI's warning
    for i, warning in enumerate(warnings):
        out.append(
            f'<text class="pp-warning" x="{LEFT}" y="{60 + 16 * i}" fill="#a40e26">'
            f"{h(warning)}</text>"
        )
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def flow_html(f: Flow, *, standalone: bool = True) -> str:
    """The SVG in an HTML page (or a `<div>` for Jupyter)."""
    from peaceplan.render.html import wrap

    title = f"{f.plan}: the points through the versions"
    body = f"<h2>{html_text(title)}</h2>\n<div>{flow_svg(f)}</div>\n"
    return wrap(body, title=title, standalone=standalone)
