"""Text escaping for every output: hostile point text stays text in a terminal, Markdown or HTML.

Every renderer passes data (point text, titles, names, options) through one of these functions
and nowhere else builds escaping of its own, so a fix here protects every output format.
"""

from __future__ import annotations

import re

from peaceplan.unsafe import BIDI, CONTROLS, SHOWN

# C0 and C1 control characters except tab and newline, plus DEL, plus the Unicode bidirectional
# embeddings, overrides and isolates (they can make text display in a different order than it
# reads, "Trojan Source"): never sent to a terminal raw, always shown as a visible escape.
_CONTROL = re.compile(f"[{CONTROLS}{BIDI}]")
# Colour codes (SGR) as peaceplan's terminal renderers write them: kept by `output_safe`.
_SGR = re.compile(r"\x1b\[[0-9;]*m")

# Line breaks other than "\n" that Markdown or a viewer may treat as one.
_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")

# ASCII punctuation that has inline meaning in Markdown (CommonMark, GFM tables, strikethrough,
# GitHub math): always backslash-escaped. `<`, `>` and `&` become entities instead, so no HTML
# tag, comment or autolink can form.
_MD_INLINE = frozenset("\\`*_[]|~$#")
# Characters that open a block (list, heading underline, blockquote...) only at the start of a line.
_MD_LINE_START = frozenset("-+=")
_MD_ORDERED = re.compile(r"\d{1,9}[.)](?=[ \t]|$)")


def _visible(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """Make control sequences visible (ESC -> "\\x1b") so they cannot drive the terminal; bidi
    controls and invisible marks too (U+202E -> "\\u202e", U+200B -> "\\u200b").

    The one escaping function of every output: renderers, messages, and `output_safe` at the
    point where the CLI prints or writes.
    """
    return SHOWN.sub(lambda m: _visible(m.group()), text)


def output_safe(text: str, *, color: bool = False) -> str:
    """`terminal_safe` for a whole output about to be printed: the last guard, so that no
    path (however it was rendered) sends a raw escape sequence. `color`: the colour codes
    (SGR, `ESC [ ... m`) peaceplan's renderers wrote are kept; every other escape is shown."""
    if not SHOWN.search(text):
        return text  # the usual case, at the cost of one scan
    if not color:
        return terminal_safe(text)
    pieces = _SGR.split(text)
    codes = _SGR.findall(text)
    out = [terminal_safe(pieces[0])]
    for code, piece in zip(codes, pieces[1:]):
        out += [code, terminal_safe(piece)]
    return "".join(out)


# What json.dumps(ensure_ascii=False) leaves raw that a terminal or a viewer would act on: DEL and
# the C1 controls (0x9b is a one-byte CSI), the bidi controls, the Unicode line separators.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(text: str) -> str:
    """Escape, as `\\uXXXX`, the characters JSON output would otherwise carry raw to a terminal.

    Apply to the output of json.dumps: it means the same data, and JSON keeps every other
    character (C0 controls are escaped by json.dumps itself).
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# The same characters in UTF-8, one pattern per lead: each has a literal prefix, so each scan
# is a fast skip to that prefix (all four take a third of one pattern alternating them).
_JSON_RAW_UTF8 = tuple(
    re.compile(p)
    for p in (b"\x7f", b"\xc2[\x80-\x9f]", b"\xe2\x80[\xa8-\xae]", b"\xe2\x81[\xa6-\xa9]")
)


def json_safe_bytes(data: bytes) -> bytes:
    """`json_safe` for UTF-8 JSON: escapes the same characters, without decoding when (as is
    usual) there are none."""
    if any(p.search(data) for p in _JSON_RAW_UTF8):
        return json_safe(data.decode()).encode()
    return data


def has_controls(text: str) -> bool:
    """True when `text` holds a character terminal_safe would escape (for formats, like YAML,
    that must be re-emitted with escapes instead)."""
    return bool(_CONTROL.search(text))


def one_line(text: str) -> str:
    """Collapse line breaks (and the whitespace around them) to one space, for a title or cell."""
    return re.sub(r"\s*\n\s*", " ", _BREAKS.sub("\n", text)).strip()


def html_text(text: str) -> str:
    """Escape text for HTML element content and attribute values."""
    import html  # on first use: the terminal and JSON output never load it (2 ms)

    return html.escape(terminal_safe(text), quote=True)


# Put after "@" in Markdown: "@someone" still reads the same, but notifies nobody on GitHub.
WORD_JOINER = "\u2060"


def mention_safe(text: str) -> str:
    """Defuse @mentions (a word joiner after each "@"), for Markdown and HTML in a comment."""
    return text.replace("@", "@" + WORD_JOINER)


def markdown_text(text: str, *, line_start: bool = True) -> str:
    """Escape text so that Markdown shows it literally, wherever it is placed on a line.

    Safe in a paragraph, a list item, a heading and a GFM table cell: no markup, link, HTML tag,
    code span or table pipe can form, and line breaks become `<br>` so the text stays on one
    source line (it cannot end a table row, a `<details>` block or start a heading); no
    @mention can notify anyone (`mention_safe`).
    `line_start=False` promises the text follows other text on its line, so a leading `-`,
    `1.` or indentation needs no guard (it reads more naturally in the Markdown source).
    """
    text = terminal_safe(text)
    text = _BREAKS.sub("\n", text)
    out: list[str] = []
    for ch in text:
        if ch in _MD_INLINE:
            out.append("\\" + ch)
        elif ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch == "\n":
            out.append("<br>")
        else:
            out.append(ch)
    escaped = mention_safe("".join(out))
    return _guard_line_start(escaped) if line_start else escaped


def _guard_line_start(escaped: str) -> str:
    # Leading spaces or tabs would make an indented code block, and a leading `-`, `+`, `=` or
    # `1.` a list or heading underline: turn the spaces into entities and escape the marker.
    body = escaped.lstrip(" \t")
    lead = escaped[: len(escaped) - len(body)]
    lead = lead.replace(" ", "&#32;").replace("\t", "&#9;")
    if body[:1] in _MD_LINE_START:
        body = "\\" + body
    else:
        m = _MD_ORDERED.match(body)
        if m:
            end = m.end() - 1
            body = body[:end] + "\\" + body[end:]
    return lead + body
