"""The escaping functions under their old home: they live in `peaceplan.text` (layer 0), so that
data and errors can escape text without importing presentation."""

from __future__ import annotations

from peaceplan.text import (
    WORD_JOINER,
    has_controls,
    html_text,
    json_safe,
    json_safe_bytes,
    markdown_text,
    mention_safe,
    one_line,
    output_safe,
    terminal_safe,
)

__all__ = [
    "WORD_JOINER",
    "has_controls",
    "html_text",
    "json_safe",
    "json_safe_bytes",
    "markdown_text",
    "mention_safe",
    "one_line",
    "output_safe",
    "terminal_safe",
]
