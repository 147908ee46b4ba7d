"""Terminal column widths: a CJK character or most emoji take two columns, a combining mark
none, so the plain tables (`log`, `status`, `matrix`) align by display width, rich's measure,
never by `len()`."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.cells import cell_len, set_cell_size

__all__ = ["align", "cut", "pad", "width"]


def width(text: str) -> int:
    """The columns `text` takes on a terminal (a tab counted as the space a table shows)."""
    return cell_len(_untab(text))


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """`text` padded with spaces to `columns` display columns (on the left when `right`); a
    tab becomes a space, since its width depends on where the cell starts."""
    text = _untab(text)
    gap = " " * max(columns - cell_len(text), 0)
    return gap + text if right else text + gap


def cut(text: str, columns: int) -> str:
    """`text` cut to at most `columns` display columns, ending in "…" when something was cut
    (a wide character that would straddle the edge goes whole, a space in its place)."""
    text = _untab(text)
    if cell_len(text) <= columns:
        return text
    return set_cell_size(text, max(columns - 1, 1)) + "…"


def _untab(text: str) -> str:
    return text.replace("\t", " ")


def align(
    rows: Sequence[Sequence[str]], widths: Sequence[int], *, right: Collection[int] = ()
) -> list[str]:
    """Each row's first len(widths) cells padded to those widths (right-aligned where listed),
    any cell beyond them as it is, joined by two spaces, trailing spaces removed."""
    lines = []
    for row in rows:
        cells = [pad(c, w, right=i in right) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join([*cells, *row[len(widths) :]]).rstrip())
    return lines
