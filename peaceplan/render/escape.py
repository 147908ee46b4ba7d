"""Escaping for every renderer: hostile point text stays text in a terminal, Markdown or HTML."""

from __future__ import annotations

import html
import re

# C0 and C1 control characters except tab and newline, plus DEL: never sent to a terminal raw.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Make control sequences visible (ESC -> "\\x1b") so they cannot drive the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def html_text(text: str) -> str:
    """Escape text for HTML element content and attribute values."""
    return html.escape(terminal_safe(text), quote=True)
