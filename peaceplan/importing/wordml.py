"""The text of WordprocessingML paragraphs as Word shows them, tracked changes accepted.

python-docx's `Paragraph.text` reads only a paragraph's own runs and hyperlinks: a tracked
insertion (`w:ins`), a field's result (`w:fldSimple`), an inline content control (`w:sdt`) or a
smart tag hold runs one level deeper and would be dropped without a word. Here every run of the
paragraph counts, in order, except deleted text (`w:del`, `w:moveFrom`), which is returned apart
so the importer can report it, and text boxes, which are not the paragraph's text.
"""

from __future__ import annotations

from typing import Any

import attrs

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
