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


def test_points_in_tables_and_content_controls_are_read(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("1. A point before the table.")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "2. A point in a table."
    table.cell(0, 1).text = "Agreed by Ukraine"
    table.cell(1, 0).text = "3. Another point in the table."
    block = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    para = OxmlElement("w:p")
    para.append(_run("4. A point in a content control."))
    content.append(para)
    block.append(content)
    doc.element.body.insert(len(doc.element.body) - 1, block)  # before the section properties
    path = tmp_path / "table.docx"
    doc.save(str(path))
    result = import_document(path)
    assert _points(path) == [
        ("1", "A point before the table."),
        ("2", "A point in a table."),
        ("3", "Another point in the table."),
        ("4", "A point in a content control."),
    ]
    assert [(u.where, u.text) for u in result.unclassified] == [
        (f"{path}:table 1, row 1, cell 2", "Agreed by Ukraine")
    ]


_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _notes(kind: str, body: str) -> bytes:
    return (
        f'<w:{kind}s {_NS}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
        f"</w:p></w:{kind}>{body}</w:{kind}s>"
    ).encode()


def test_headers_footers_notes_comments_and_text_boxes_are_reported(tmp_path: Path) -> None:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml.parser import parse_xml

    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "CONFIDENTIAL - draft 3"
    doc.sections[0].footer.paragraphs[0].text = "Not for distribution"
    para = doc.add_paragraph("1. Sanctions are lifted in stages.")
    box = "<w:txbxContent><w:p><w:r><w:t>Box: stage one by March</w:t></w:r></w:p></w:txbxContent>"
    para._p.append(
        parse_xml(
            f"<w:r {_NS}><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>{box}"
            f"</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}"
            "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    note = '<w:{0} w:id="1"><w:p><w:r><w:t>{1}</w:t></w:r></w:p></w:{0}>'
    for kind, ct, rt, text in (
        ("footnote", CT.WML_FOOTNOTES, RT.FOOTNOTES, "Source: a Western official."),
        ("endnote", CT.WML_ENDNOTES, RT.ENDNOTES, "Russia disputes the stages."),
    ):
        blob = _notes(kind, note.format(kind, text))
        doc.part.relate_to(Part(PackURI(f"/word/{kind}s.xml"), ct, blob, doc.part.package), rt)
    doc.add_comment(para.runs, text="Kyiv wants this sooner.", author="UA delegation")
    path = tmp_path / "asides.docx"
    doc.save(str(path))
    result = import_document(path)
    assert _points(path) == [("1", "Sanctions are lifted in stages.")]
    assert [(u.where.removeprefix(f"{path}:"), u.text) for u in result.unclassified] == [
        ("paragraph 1, text box", "Box: stage one by March"),
        ("header1", "CONFIDENTIAL - draft 3"),
        ("footer1", "Not for distribution"),
        ("footnote 1", "Source: a Western official."),
        ("endnote 1", "Russia disputes the stages."),
        ("comment 0", "(comment by UA delegation) Kyiv wants this sooner."),
    ]
    assert "#   " + f"{path}:footnote 1: Source: a Western official." in result.text


def _pdf(pages: list[str]) -> bytes:
    """A minimal PDF: one page per string (its text in Helvetica; "" for a page without text)."""
    n = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>"]
    for i, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R"
            f" /Resources << /Font << /F1 {3 + 2 * n} 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode()}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_pdf_pages_without_text_are_said(tmp_path: Path, run) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_pdf(["", ""]))
    code, out, err = run("import", str(scan), plans=None)
    assert (code, out) == (2, "")
    assert err == (
        f"{scan}: no text on any of its 2 page(s), only images (a scan?): nothing to import;"
        " run it through OCR first\n"
    )
    mixed = tmp_path / "mixed.pdf"
    mixed.write_bytes(_pdf(["1. The ceasefire holds.", "", "2. Prisoners are exchanged."]))
    result = import_document(mixed)
    assert [(p.number, p.text) for p in result.plan.points] == [
        ("1", "The ceasefire holds."),
        ("2", "Prisoners are exchanged."),
    ]
    assert [(u.where, u.text) for u in result.unclassified] == [
        (f"{mixed}:page 2", "(no text on this page: an image? nothing read from it)")
    ]


def test_text_in_another_encoding_is_an_error_not_replaced(tmp_path: Path, run) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"\xef\xbb\xbf1. First.\r\n2. The caf\xe9 on the square.\r\n")
    code, out, err = run("import", str(latin), plans=None)
    assert (code, out, err) == (2, "", f"{latin}:2:11: not UTF-8 text (byte 0xe9)\n")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbf1. First.\r\n2. The caf\xc3\xa9 on the square.\r\n")
    assert [p.text for p in import_document(crlf).plan.points] == [
        "First.",
        "The café on the square.",
    ]


def test_only_a_leading_bold_run_is_a_title(tmp_path: Path) -> None:
    doc = Document()
    para = doc.add_paragraph(style="List Number")
    para.add_run("The ")
    para.add_run("ceasefire").bold = True  # emphasis further in: not a title
    para.add_run(" holds from midnight.")
    para = doc.add_paragraph("2. Prisoners are exchanged ")
    para.add_run("all for all.").bold = True
    para = doc.add_paragraph()
    para.add_run("3. Elections.").bold = True  # the typed number inside the bold run
    para.add_run(" Held within 100 days.")
    para = doc.add_paragraph("4. ")
    para.add_run("The whole point is bold.").bold = True  # nothing after it: no title
    path = tmp_path / "bold.docx"
    doc.save(str(path))
    plan = import_document(path).plan
    assert [(p.number, p.title, p.text) for p in plan.points] == [
        ("1", None, "The ceasefire holds from midnight."),
        ("2", None, "Prisoners are exchanged all for all."),
        ("3", "Elections", "Held within 100 days."),
        ("4", None, "The whole point is bold."),
    ]


def test_a_list_that_word_restarts_at_a_number_keeps_its_numbers(tmp_path: Path) -> None:
    from docx.oxml.parser import parse_xml

    doc = Document()
    for text in ("First.", "Second."):
        doc.add_paragraph(text, style="List Number")
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    numbering = doc.part.numbering_part.element
    (num,) = [n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(style_num)]
    abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.append(  # Word's "Set numbering value: 7"
        parse_xml(
            f'<w:num {ns} w:numId="99"><w:abstractNumId w:val="{abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>'
        )
    )
    for text in ("Seventh.", "Eighth."):
        para = doc.add_paragraph(text, style="List Number")
        para._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="99"/></w:numPr>')
        )
    path = tmp_path / "restart.docx"
    doc.save(str(path))
    assert [p.number for p in import_document(path).plan.points] == ["1", "2", "7", "8"]
