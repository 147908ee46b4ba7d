"""A merge result as HTML: its conflicts, why, the base wording and each side's option (Jupyter)."""

from __future__ import annotations

from peaceplan.merging.result import MergeResult
from peaceplan.text import html_text


def merge_html(result: MergeResult) -> str:
    """The summary line, one table row per conflict, then the notes (every cell escaped)."""
    rows = []
    for c in result.conflicts:
        point = result.plan.get(c.key)
        options = "".join(
            f"<li><b>{html_text(o.by)}</b>: {html_text(o.text)}</li>"
            for o in (point.options if point else ())
        )
        base = html_text(point.text) if point else ""
        rows.append(
            f"<tr><td>{html_text(c.key)}</td><td>{html_text('; '.join(c.reasons))}</td>"
            f"<td>{base}</td><td><ul>{options}</ul></td></tr>"
        )
    head = f"<p><b>{html_text(result.summary())}</b></p>"
    table = (
        "<table><thead><tr><th>point</th><th>why</th><th>base wording</th>"
        "<th>options</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        if rows
        else ""
    )
    # The notes (a renumbered list, a point both sides moved) show on a clean merge too.
    notes = "".join(f"<li>{html_text(n)}</li>" for n in result.notes)
    return head + table + (f"<ul>{notes}</ul>" if notes else "")
