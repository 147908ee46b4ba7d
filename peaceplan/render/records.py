"""Record tables as HTML: how status, blame, point traces and carry reports show in Jupyter.

The same rows `to_records()` gives a DataFrame, as an escaped, self-contained table, so a
notebook shows a table without pandas and hostile text in a plan or note stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from peaceplan.text import html_text

_STYLE = "border-collapse:collapse;text-align:left"


def cell(value: Any) -> str:
    """One value as table text: nothing for None, lists joined, floats to two places."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    return str(value)


def records_html(
    records: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    caption: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> str:
    """An HTML table of `columns` of `records` (every cell escaped); `headers` renames columns."""
    names = headers or {}
    head = "".join(f"<th>{html_text(names.get(c, c.replace('_', ' ')))}</th>" for c in columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html_text(cell(r.get(c)))}</td>" for c in columns) + "</tr>"
        for r in records
    )
    top = f"<caption>{html_text(caption)}</caption>" if caption else ""
    return (
        f'<table class="peaceplan" style="{_STYLE}">{top}'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
