"""A diff as a Word document with real tracked changes, for people who decide in Word.

Each changed point is a paragraph whose deletions and insertions are Word revisions (`w:del`,
`w:ins`), attributed to the new version's proposer and dated with its date, so Word and
LibreOffice offer accept / reject on each. What every human format says first comes first: the
counts, a partial version's unreported points, the metadata changes, the changed figures and
dates, the renumbering runs. Needs python-docx (the `import` extra).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

from peaceplan.diffing.model import PlanDiff, Segment
from peaceplan.render import certainty, describe, metadata

# Characters XML 1.0 cannot hold at all: shown as visible escapes instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The bidi controls are legal XML but would reorder what the reader sees: shown as escapes too.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def xml_text(text: str) -> str:
    """Text safe to put in a Word document: control and bidi characters made visible."""
    text = _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def revision_author(d: PlanDiff) -> str:
    """Who the tracked changes are attributed to: the new version's proposer, else its name."""
    return d.new.proposed_by or d.new.qualified


def revision_date(d: PlanDiff) -> str:
    """When: the new version's date (midnight UTC), else Word's "no date" (omitted)."""
    return f"{d.new.date.isoformat()}T00:00:00Z" if d.new.date else ""


def diff_docx(d: PlanDiff) -> bytes:
    """The diff as .docx bytes: what every human format says first (versions, counts, partial
    versions, metadata, figures and dates, renumbering), then each change as tracked revisions,
    then the unchanged points counted."""
    from docx import Document

    doc = Document()
    doc.add_heading(xml_text(describe.title_phrase(d)), level=0)
    doc.add_paragraph(xml_text(f"old: {describe.side_phrase(d.old, d.new)}"))
    doc.add_paragraph(xml_text(f"new: {describe.side_phrase(d.new, d.old)}"))
    doc.add_paragraph(xml_text(describe.counts_phrase(d)))
    partial = describe.partial_phrase(d)
    if partial:  # unreported points are not removed: the reader must be told which is which
        doc.add_paragraph(xml_text(f"{partial}."))
    if d.budget_exhausted:
        doc.add_paragraph(xml_text(f"Warning: {describe.BUDGET_WARNING}"))
    closing = describe.closing_phrase(d)
    if closing:
        doc.add_paragraph(xml_text(closing))

    counts = describe.counts(d)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "change", "points"
    for kind, n in counts.items():
        if n:
            row = table.add_row().cells
            row[0].text, row[1].text = kind, str(n)

    _bullets(doc, metadata.HEADING, metadata.metadata_phrases(d))
    for what, heading in (("figures", "Changed figures"), ("dates", "Changed dates")):
        figures = describe.figure_rows(d, d.changes, what)
        if figures:
            doc.add_heading(heading, level=1)
            ftable = doc.add_table(rows=1, cols=3)
            ftable.style = "Table Grid"
            for cell, head in zip(ftable.rows[0].cells, ("point", "before", "after")):
                cell.text = head
            for row in figures:
                cells = ftable.add_row().cells
                for cell, value in zip(cells, row):
                    cell.text = xml_text(value)
    _bullets(doc, "Renumbered", describe.renumber_phrases(d))

    doc.add_heading("Changes", level=1)
    author, date = revision_author(d), revision_date(d)
    ids = iter(range(1, 1_000_000))
    shown = describe.select(d)
    for c in shown:
        title = describe.change_title(d, c, limit=90, text=False)
        title = f"{title} {certainty.change_marker(d, c)}".strip()
        head = f"{describe.kind_phrase(c)}: {describe.where_phrase(d, c)}"
        doc.add_heading(xml_text(head + (f" ({title})" if title else "")), level=2)
        note = describe.unreported_note(d, c)
        if note:
            doc.add_paragraph(xml_text(note))
        para = doc.add_paragraph()
        _tracked(para, describe.segments(d, c), author, date, ids)
        for f in c.fields:
            doc.add_paragraph(xml_text(describe.field_phrase(f, c, d)), style="List Bullet")
    rest = describe.unchanged_phrase(d, shown)
    if rest and d.changed:
        doc.add_paragraph(xml_text(f"{rest}."))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _bullets(doc: Any, heading: str, phrases: list[str]) -> None:
    """A section of one bullet per phrase under `heading`; nothing when there are none."""
    if phrases:
        doc.add_heading(heading, level=1)
        for phrase in phrases:
            doc.add_paragraph(xml_text(phrase), style="List Bullet")


def _tracked(para: Any, segments: Iterable[Segment], author: str, date: str, ids: Any) -> None:
    """Append the redline to a paragraph: equal text as runs, the rest as Word revisions."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run(text: str, tag: str) -> Any:
        r = OxmlElement("w:r")
        t = OxmlElement(tag)
        t.set(qn("xml:space"), "preserve")
        t.text = xml_text(text)
        r.append(t)
        return r

    for seg in segments:
        if seg.op == "equal":
            para._p.append(run(seg.text, "w:t"))
            continue
        mark = OxmlElement("w:del" if seg.op == "delete" else "w:ins")
        mark.set(qn("w:id"), str(next(ids)))
        mark.set(qn("w:author"), xml_text(author))
        if date:
            mark.set(qn("w:date"), date)
        mark.append(run(seg.text, "w:delText" if seg.op == "delete" else "w:t"))
        para._p.append(mark)
