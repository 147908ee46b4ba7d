"""The text of WordprocessingML paragraphs as Word shows them, tracked changes accepted.

python-docx's `Paragraph.text` reads only a paragraph's own runs and hyperlinks: a tracked
insertion (`w:ins`), a field's result (`w:fldSimple`), an inline content control (`w:sdt`) or a
smart tag hold runs one level deeper and would be dropped without a word. Here every run of the
paragraph counts, in order, except deleted text (`w:del`, `w:moveFrom`), which is returned apart
so the importer can report it, and text boxes, which are not the paragraph's text.
What is beside the body (text boxes, deletions, headers, footers, notes, comments) becomes
`aside` lines: reported with their location, never points.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from peaceplan.importing.lines import Line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DELETED = (f"{W}del", f"{W}moveFrom")
# Not text of the paragraph: its properties, and text boxes (read as asides by the caller).
_SKIPPED = (f"{W}pPr", f"{W}rPr", f"{W}txbxContent", f"{W}instrText", _MC_FALLBACK)
_CHARS = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": "\n", f"{W}cr": "\n"}
_CHARS[f"{W}noBreakHyphen"] = "-"


@attrs.frozen
class ParagraphText:
    """A paragraph's text as displayed (insertions accepted) and the text its revisions delete."""

    text: str
    deleted: tuple[str, ...]


def paragraph_text(p: Any) -> ParagraphText:
    """The text of a `w:p` element: every run at any depth, line breaks as "\\n"."""
    parts: list[str] = []
    deleted: list[str] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag in _DELETED:
                gone = "".join(t.text or "" for t in child.iter(f"{W}delText", f"{W}t"))
                if gone.strip():
                    deleted.append(gone)
                continue
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag in _CHARS:
                parts.append(_CHARS[tag])
            else:
                walk(child)

    walk(p)
    return ParagraphText("".join(parts), tuple(deleted))


# Elements that only wrap blocks, rows or cells (content controls, custom XML): looked through.
_WRAPPERS = (f"{W}sdt", f"{W}sdtContent", f"{W}customXml")


def _through(el: Any, tag: str) -> Iterator[Any]:
    """The `tag` children of `el`, including those inside content controls and custom XML."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _through(child, tag)


def blocks(body: Any) -> Iterator[tuple[Any, str]]:
    """Every paragraph of a body (a document's, a header's, a note's) in reading order, with
    where it is: "paragraph N" (N counts the body's own paragraphs, empty ones included) or
    "table T, row R, cell C" for a paragraph in a table."""
    counts = {"p": 0, "tbl": 0}

    def walk(el: Any, where: str | None) -> Iterator[tuple[Any, str]]:
        for child in el:
            if child.tag == f"{W}p":
                if where is None:
                    counts["p"] += 1
                yield child, where or f"paragraph {counts['p']}"
            elif child.tag == f"{W}tbl":
                if where is None:
                    counts["tbl"] += 1
                table = f"table {counts['tbl']}" if where is None else f"{where}, table"
                for r, row in enumerate(_through(child, f"{W}tr"), 1):
                    for c, cell in enumerate(_through(row, f"{W}tc"), 1):
                        yield from walk(cell, f"{table}, row {r}, cell {c}")
            elif child.tag in _WRAPPERS:
                yield from walk(child, where)

    yield from walk(body, None)


def text_boxes(p: Any) -> Iterator[Any]:
    """The paragraphs of the text boxes anchored in paragraph `p` (each box once: Word writes
    a drawing and its VML fallback, and the fallback is skipped)."""
    for box in p.iter(f"{W}txbxContent"):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        yield from (q for q, _ in blocks(box))


def broken(text: str) -> list[str]:
    """A paragraph's lines (its soft line breaks), blank ones left out."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def deletions(deleted: tuple[str, ...], where: str) -> list[Line]:
    """Tracked deletions, reported: the import reads a document as if its changes were accepted."""
    return [
        Line(f"(tracked deletion, read as accepted) {' '.join(gone.split())}", where, aside=True)
        for gone in deleted
    ]


def text_lines_of(body: object, where: str, prefix: str = "") -> list[Line]:
    """Every line of a paragraph or body beside the main text, as asides located at `where`."""
    out: list[Line] = []
    paragraphs = [body] if getattr(body, "tag", None) == f"{W}p" else [p for p, _ in blocks(body)]
    for p in paragraphs:
        shown = paragraph_text(p)
        out += [Line(prefix + line, where, aside=True) for line in broken(shown.text)]
        out += deletions(shown.deleted, where)
    return out


_SIDE_PARTS = ("header", "footer", "footnotes", "endnotes", "comments")
# The lines Word draws between the text and the notes: notes of their own, without text.
_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")


def side_parts(doc: object, path: str) -> Iterator[Line]:
    """Headers, footers, footnotes, endnotes and comments of the Word document at `path`:
    never points, always reported."""
    from docx.oxml.parser import parse_xml

    parts = {}
    for rel in doc.part.rels.values():  # type: ignore[attr-defined]
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in _SIDE_PARTS and not rel.is_external:
            parts[str(rel.target_part.partname)] = (kind, rel.target_part)
    for name in sorted(parts, key=lambda n: (_SIDE_PARTS.index(parts[n][0]), n)):
        kind, part = parts[name]
        root = parse_xml(part.blob)
        if kind in ("header", "footer"):
            yield from text_lines_of(root, f"{path}:{name.rsplit('/', 1)[-1].removesuffix('.xml')}")
            continue
        for item in root:
            ident = item.get(f"{W}id")
            if item.get(f"{W}type") in _SEPARATORS:
                continue
            if kind == "comments":
                author = item.get(f"{W}author") or "unknown"
                yield from text_lines_of(item, f"{path}:comment {ident}", f"(comment by {author}) ")
            else:
                yield from text_lines_of(item, f"{path}:{kind.removesuffix('s')} {ident}")
