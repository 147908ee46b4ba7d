"""`peaceplan import` of Word drafts hides nothing: every piece of text is a point or reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from peaceplan.importing.api import import_document


def _run(text: str, tag: str = "w:t") -> Any:
    r = OxmlElement("w:r")
    t = OxmlElement(tag)
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def _wrapped(tag: str, text: str, text_tag: str = "w:t", **attrs: str) -> Any:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    el.append(_run(text, text_tag))
    return el


def _points(path: Path) -> list[tuple[str | None, str]]:
    return [(fp.full_number, fp.point.text) for fp in import_document(path).plan.flat()]


def test_tracked_insertions_fields_and_content_controls_are_read(tmp_path: Path) -> None:
    doc = Document()
    para = doc.add_paragraph("1. The ceasefire ")
    para._p.append(_wrapped("w:ins", "starts at midnight", id="1", author="A"))
    para._p.append(_wrapped("w:del", " never", "w:delText", id="2", author="A"))
    para._p.append(_wrapped("w:fldSimple", " (see annex 2)", instr="REF annex"))
    para._p.append(_wrapped("w:smartTag", " in Donetsk", element="place"))
    inline = OxmlElement("w:sdt")
    inline.append(_wrapped("w:sdtContent", " and Luhansk."))
    para._p.append(inline)
    doc.add_paragraph()._p.append(_wrapped("w:ins", "2. A point typed with tracking on.", id="3"))
    path = tmp_path / "tracked.docx"
    doc.save(str(path))
    result = import_document(path)
    assert _points(path) == [
        ("1", "The ceasefire starts at midnight (see annex 2) in Donetsk and Luhansk."),
        ("2", "A point typed with tracking on."),
    ]
    assert [(u.where, u.text) for u in result.unclassified] == [
        (f"{path}:paragraph 1", "(tracked deletion, read as accepted) never")
    ]


def test_a_line_break_inside_a_paragraph_loses_nothing(tmp_path: Path) -> None:
    doc = Document()
    para = doc.add_paragraph("1. The ceasefire holds")
    para.runs[0].add_break()  # Shift+Enter
    para.add_run("along the whole line.")
    para.runs[-1].add_break()
    para.add_run("2. Prisoners are exchanged all for all.")
    path = tmp_path / "breaks.docx"
    doc.save(str(path))
    assert _points(path) == [
        ("1", "The ceasefire holds along the whole line."),
        ("2", "Prisoners are exchanged all for all."),
    ]
