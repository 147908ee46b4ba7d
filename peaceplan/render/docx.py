"""A diff as a Word document with real tracked changes, for people who decide in Word.

Each changed point is a paragraph whose deletions and insertions are Word revisions (`w:del`,
`w:ins`), attributed to the new version's proposer and dated with its date, so Word and
LibreOffice offer accept / reject on each. A summary table (changes by kind, moves, splits,
merges) and the changed figures come first. Needs python-docx (the `import` extra).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

from peaceplan.diffing.model import PlanDiff, Segment
from peaceplan.render import describe

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
    """The diff as .docx bytes: summary, figures, then each change as tracked revisions."""
    from docx import Document

    doc = Document()
    doc.add_heading(xml_text(describe.title_phrase(d)), level=0)
    doc.add_paragraph(xml_text(f"old: {describe.side_phrase(d.old, d.new)}"))
    doc.add_paragraph(xml_text(f"new: {describe.side_phrase(d.new, d.old)}"))
    doc.add_paragraph(xml_text(describe.counts_phrase(d)))

    counts = describe.counts(d)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "change", "points"
    for kind, n in counts.items():
        if n:
            row = table.add_row().cells
            row[0].text, row[1].text = kind, str(n)

    figures = describe.figure_rows(d, d.changes)
    if figures:
        doc.add_heading("Changed figures", level=1)
        ftable = doc.add_table(rows=1, cols=3)
        ftable.style = "Table Grid"
        for cell, head in zip(ftable.rows[0].cells, ("point", "before", "after")):
            cell.text = head
        for row in figures:
            cells = ftable.add_row().cells
            for cell, value in zip(cells, row):
                cell.text = xml_text(value)

    doc.add_heading("Changes", level=1)
    author, date = revision_author(d), revision_date(d)
    ids = iter(range(1, 1_000_000))
    for c in describe.select(d):
        title = describe.change_title(d, c, limit=90, text=False)
        head = f"{describe.kind_phrase(c)}: {describe.where_phrase(d, c)}"
        doc.add_heading(xml_text(head + (f" ({title})" if title else "")), level=2)
        para = doc.add_paragraph()
        _tracked(para, describe.segments(d, c), author, date, ids)
        for f in c.fields:
            doc.add_paragraph(xml_text(describe.field_phrase(f, c, d)), style="List Bullet")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


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
