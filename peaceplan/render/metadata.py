"""A diff's metadata changes (status, date, sources, documents...) in words and in each format.

Every human format shows them first, right after the header: a draft marked agreed is news
before any reworded point. Plain phrases come from `metadata_phrases`; each block escapes them
for its own format.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.padding import Padding

from peaceplan.diffing.model import FieldChange, PlanDiff
from peaceplan.render import describe
from peaceplan.text import html_text, markdown_text, one_line

HEADING = "Metadata"
# A list field (sources, parties...) names the entries that came or went up to this many, and
# beyond counts them: a re-sourced draft would otherwise bury the diff in URLs (the JSON and the
# metadata frame have every one).
LIST_LIMIT = 4


def metadata_phrase(f: FieldChange) -> str:
    """One metadata change in words: `status: "draft" -> "agreed"`, `sources: +https://...`
    (`sources: 22 added, 19 removed` beyond LIST_LIMIT), `document added: security "..."`."""
    if f.field == "document":
        return one_line(_document_phrase(f.old, f.new))
    label = f.field.replace("_", " ")
    if isinstance(f.old, list | type(None)) and isinstance(f.new, list | type(None)):
        old, new = f.old or [], f.new or []
        added = [x for x in new if x not in old]
        removed = [x for x in old if x not in new]
        if len(added) + len(removed) > LIST_LIMIT:
            return one_line(f"{label}: {len(added)} added, {len(removed)} removed")
    return describe.field_phrase(FieldChange(label, f.old, f.new))


def metadata_phrases(d: PlanDiff) -> list[str]:
    """The diff's metadata changes, one phrase each, in the field table's order."""
    return [metadata_phrase(f) for f in d.metadata]


def _document_name(doc: dict[str, Any]) -> str:
    title = doc.get("title")
    return f"{doc.get('id')}" + (f" {json.dumps(title, ensure_ascii=False)}" if title else "")


def _document_phrase(old: dict[str, Any] | None, new: dict[str, Any] | None) -> str:
    if old is None and new is not None:
        return f"document added: {_document_name(new)}"
    if new is None and old is not None:
        return f"document removed: {_document_name(old)}"
    assert old is not None and new is not None
    before, after = _quoted(old.get("title")), _quoted(new.get("title"))
    return f"document {old.get('id')} retitled: {before} {describe.ARROW} {after}"


def _quoted(title: Any) -> str:
    return "(none)" if title is None else json.dumps(title, ensure_ascii=False)


def metadata_terminal(console: Console, d: PlanDiff) -> None:
    """Print the metadata section of a terminal diff (nothing when no metadata changed)."""
    from peaceplan.render.console import safe

    phrases = metadata_phrases(d)
    if not phrases:
        return
    console.print()
    console.print(safe(HEADING, "bold"))
    for phrase in phrases:
        console.print(Padding(safe(phrase, "cyan"), (0, 0, 0, 2)))


def metadata_markdown(d: PlanDiff) -> list[str]:
    """The metadata section of a Markdown diff, as lines (none when no metadata changed)."""
    phrases = metadata_phrases(d)
    if not phrases:
        return []
    return [f"#### {HEADING}", "", *[f"- {markdown_text(p)}" for p in phrases], ""]


def metadata_html(d: PlanDiff) -> list[str]:
    """The metadata section of an HTML diff, as lines (none when no metadata changed)."""
    phrases = metadata_phrases(d)
    if not phrases:
        return []
    return [
        f"<h3>{HEADING}</h3>",
        '<ul class="pp-metadata">',
        *[f"<li>{html_text(p)}</li>" for p in phrases],
        "</ul>",
    ]
