"""The convergence figures of every version (bracketed points, open options, points all
parties accept, points a party rejects) as a small SVG line chart: no script, every text
escaped, for the site's status page."""

from __future__ import annotations

from typing import Any

from peaceplan.notes.frames import SERIES
from peaceplan.text import html_text

__all__ = ["COLOURS", "convergence_svg"]

h = html_text

# the colour of each series notes.frames.SERIES names (the matplotlib chart's figures too)
COLOURS = {
    "bracketed": "#bf8700",
    "options": "#8250df",
    "agreed": "#1a7f37",
    "rejected": "#cf222e",
}


def convergence_svg(report: Any) -> str:
    """The convergence figures of every version as a small line chart (SVG, no script)."""
    rows = report.convergence
    w, ht, left, bottom = 560, 220, 40, 50
    top_y = 16
    peak: int = max([1, *(getattr(r, f) for r in rows for f, _ in SERIES)])
    step = (w - left - 20) / max(1, len(rows) - 1)

    def y(value: int) -> float:
        return top_y + (ht - top_y - bottom) * (1 - value / peak)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{ht + 20 * len(SERIES)}" '
        'font-family="system-ui, sans-serif" font-size="11" role="img">',
        f"<title>{h(report.plan)}: convergence across versions</title>",
        f'<line x1="{left}" y1="{y(0)}" x2="{w - 10}" y2="{y(0)}" stroke="#d0d7de"/>',
        f'<text x="4" y="{y(peak) + 4}" fill="#57606a">{peak}</text>',
        f'<text x="4" y="{y(0) + 4}" fill="#57606a">0</text>',
    ]
    for i, r in enumerate(rows):
        x = left + i * step
        label = r.version + (" (partial)" if r.coverage != "complete" else "")
        out.append(f'<text x="{x:.0f}" y="{y(0) + 16}" text-anchor="middle">{h(label)}</text>')
    for n, (field, label) in enumerate(SERIES):
        colour = COLOURS[field]
        pts = " ".join(
            f"{left + i * step:.0f},{y(getattr(r, field)):.0f}" for i, r in enumerate(rows)
        )
        out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for i, r in enumerate(rows):
            value = getattr(r, field)
            out.append(
                f'<circle cx="{left + i * step:.0f}" cy="{y(value):.0f}" r="3.5" fill="{colour}">'
                f"<title>{h(r.version)}: {value} {h(label)}</title></circle>"
            )
        ly = ht + 4 + 20 * n
        out.append(
            f'<rect x="{left}" y="{ly}" width="14" height="4" fill="{colour}"/>'
            f'<text x="{left + 20}" y="{ly + 6}">{h(label)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
