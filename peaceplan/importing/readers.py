"""Source documents -> `Line`s: plain text and Markdown, Word (.docx) and PDF.

Word's automatic numbering is not in a paragraph's text: it is computed here from the numbering
definitions (numbering.xml: each list level's format and counter), as Word displays it. PDF text
is read page by page (pypdf), so every line is located by page. python-docx and pypdf are
optional (`pip install peaceplan[import]`); a missing one gets a clear error naming the extra.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from peaceplan.errors import ImportFormatError
from peaceplan.importing.lines import Line
from peaceplan.importing.wordml import (
    blocks,
    broken,
    deletions,
    paragraph_text,
    side_parts,
    text_boxes,
    text_lines_of,
)
from peaceplan.io.yamlread import decode

SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf")


def read_lines(path: str | os.PathLike[str]) -> list[Line]:
    """The lines of a document, by its suffix, each with its location."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".txt", ".md", ".markdown"):
        # Undecodable bytes are a located error: replacing them would change the text unsaid.
        return list(text_lines(decode(p.read_bytes(), str(p)), str(p)))
    if suffix == ".docx":
        return list(docx_lines(p))
    if suffix == ".pdf":
        return list(pdf_lines(p))
    raise ImportFormatError(
        f"{p}: cannot import a '{suffix or 'suffix-less'}' file; known: " + ", ".join(SUFFIXES)
    )


def text_lines(text: str, where: str) -> Iterator[Line]:
    """Lines of plain text or Markdown (tabs count as four spaces of indentation)."""
    blank = False
    for i, raw in enumerate(text.splitlines(), 1):
        line = raw.expandtabs(4)
        if not line.strip():
            blank = True
            continue
        yield Line(
            line.strip(), f"{where}:{i}", indent=len(line) - len(line.lstrip()), blank_before=blank
        )
        blank = False


def _need(module: str) -> object:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportFormatError(
            f"reading this format needs {module.split('.')[0]}: pip install 'peaceplan[import]'"
        ) from None


def docx_lines(path: Path) -> Iterator[Line]:
    """Paragraphs of a Word document (tables' too), with Word's automatic numbers computed,
    then what is beside the body, as asides: text boxes, tracked deletions, headers and
    footers, footnotes, endnotes and comments.

    A numbered paragraph's depth comes from its list's indentation (ranked over the document),
    so both multi-level lists and the "List Number 2" style of nesting are read as sub-points.
    """
    _need("docx")
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.text.paragraph import Paragraph

    try:
        doc = open_docx(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ImportFormatError(f"{path}: not a Word document ({exc})") from None
    numbering = _Numbering(doc)
    rows = []
    asides: list[Line] = []
    for p, where in blocks(doc.element.body):
        para = Paragraph(p, doc._body)
        shown = paragraph_text(p)
        asides += deletions(shown.deleted, f"{path}:{where}")
        for box in text_boxes(p):
            asides += text_lines_of(box, f"{path}:{where}, text box")
        text = shown.text.strip()
        if not text:
            continue
        style = (para.style.name or "") if para.style is not None else ""
        heading = 0
        if style == "Title":
            heading = 1
        elif style.startswith("Heading"):
            digits = style.removeprefix("Heading").strip()
            heading = 1 + int(digits) if digits.isdigit() else 2
        number, list_indent = numbering.number(para)
        bold = None
        runs = [r for r in para.runs if r.text]
        # A bold run at the start (after the number typed in the text) is the point's title.
        for r in runs[:2]:
            if r.bold and len(runs) > 1:
                bold = r.text
                break
        left = para.paragraph_format.left_indent
        indent = round(left.pt / 18) * 4 if left else 0  # 18 pt a level, as plan_docx writes
        rows.append((text, where, indent, heading, number, list_indent, bold))
    ranks = {v: n for n, v in enumerate(sorted({r[5] for r in rows if r[5] is not None}))}
    for text, where, indent, heading, number, list_indent, bold in rows:
        level = ranks[list_indent] if list_indent is not None else None
        # A line break (Shift+Enter) starts a new line as in a text file: the first line carries
        # the paragraph's number, the others continue it or are points of their own. A heading
        # broken over lines is one heading.
        first, *more = [" ".join(broken(text))] if heading else broken(text)
        # Every Word paragraph stands apart (as if after a blank line): unnumbered text after a
        # point is reported, not silently joined to it.
        yield Line(
            first,
            f"{path}:{where}",
            indent=indent,
            heading=heading,
            number=number,
            level=level,
            bold_prefix=bold,
            blank_before=True,
        )
        for n, extra in enumerate(more, 2):
            yield Line(extra, f"{path}:{where}, line {n}", indent=indent)
    yield from asides
    yield from side_parts(doc, str(path))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Numbering:
    """Word's list counters: the number each numbered paragraph displays, and its indentation."""

    def __init__(self, doc: object):
        # (numId, ilvl) -> (format, start, left indent in twips)
        self.formats: dict[tuple[str, int], tuple[str, int, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = doc.part.numbering_part.element  # type: ignore[attr-defined]
        except (NotImplementedError, KeyError, AttributeError):
            return
        w = _W
        abstract = {}
        for a in root.findall(f"{w}abstractNum"):
            levels = {}
            for lvl in a.findall(f"{w}lvl"):
                ilvl = int(lvl.get(f"{w}ilvl", "0"))
                fmt = lvl.find(f"{w}numFmt")
                start = lvl.find(f"{w}start")
                ind = lvl.find(f"{w}pPr/{w}ind")
                left = ind.get(f"{w}left") or ind.get(f"{w}start") if ind is not None else None
                levels[ilvl] = (
                    fmt.get(f"{w}val") if fmt is not None else "decimal",
                    int(start.get(f"{w}val")) if start is not None else 1,
                    int(left) if left and left.lstrip("-").isdigit() else 720 * (ilvl + 1),
                )
            abstract[a.get(f"{w}abstractNumId")] = levels
        for num in root.findall(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            if ref is None:
                continue
            # "Restart at" / "Set numbering value" in Word: the list's own start for a level.
            starts = {}
            for override in num.findall(f"{w}lvlOverride"):
                start = override.find(f"{w}startOverride")
                value = start.get(f"{w}val", "") if start is not None else ""
                if value.isdigit():
                    starts[int(override.get(f"{w}ilvl", "0"))] = int(value)
            for ilvl, (fmt, first, left) in abstract.get(ref.get(f"{w}val"), {}).items():
                self.formats[(num.get(f"{w}numId"), ilvl)] = (fmt, starts.get(ilvl, first), left)

    @staticmethod
    def _numpr(para: object) -> tuple[str, int] | None:
        """The paragraph's list (numId, level): its own, else its style's (or a base style's)."""
        ppr = para._p.pPr  # type: ignore[attr-defined]
        numpr = ppr.numPr if ppr is not None else None
        if numpr is not None and numpr.numId is not None:
            ilvl = int(numpr.ilvl.val) if numpr.ilvl is not None else 0
            return str(numpr.numId.val), ilvl
        style = para.style  # type: ignore[attr-defined]
        while style is not None:
            spr = style.element.pPr
            snum = spr.numPr if spr is not None else None
            if snum is not None and snum.numId is not None:
                ilvl = int(snum.ilvl.val) if snum.ilvl is not None else 0
                return str(snum.numId.val), ilvl
            style = style.base_style
        return None

    def number(self, para: object) -> tuple[str | None, int | None]:
        """(number as displayed, list indentation) of a paragraph; (None, None) if unnumbered."""
        found = self._numpr(para)
        if found is None:
            return None, None
        num_id, ilvl = found
        spec = self.formats.get((num_id, ilvl))
        if spec is None or num_id == "0":
            return None, None
        counters = self.counters.setdefault(num_id, [0] * 9)
        if counters[ilvl] == 0:
            counters[ilvl] = spec[1] - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt = spec[0]
        if fmt in ("bullet", "none"):
            return "", spec[2]
        return _format(counters[ilvl], fmt), spec[2]


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(97 + r) + s
        return s if fmt == "lowerLetter" else s.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s if fmt == "lowerRoman" else s.upper()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out += numeral
            n -= value
    return out


def pdf_lines(path: Path) -> Iterator[Line]:
    """Lines of a PDF's text layer, page by page; a page without text is reported, a PDF
    without any is an error (a scan needs OCR first)."""
    _need("pypdf")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        # NFKC undoes the typographic ligatures PDF text carries ("ﬁ" -> "fi").
        pages = [unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ImportFormatError(f"{path}: not a readable PDF ({exc})") from None
    if pages and not any(text.strip() for text in pages):
        raise ImportFormatError(
            f"{path}: no text on any of its {len(pages)} page(s), only images (a scan?):"
            " nothing to import; run it through OCR first"
        )
    for n, text in enumerate(pages, 1):
        if not text.strip():  # a scanned page among typed ones: said, not skipped unsaid
            yield Line(
                "(no text on this page: an image? nothing read from it)",
                f"{path}:page {n}",
                aside=True,
            )
        yield from text_lines(text, f"{path}:page {n}, line")
