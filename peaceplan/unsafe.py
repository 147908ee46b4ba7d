"""The characters of hostile text that must never reach a terminal, or a written file, raw.

One table for every layer: peaceplan.text makes them visible in output, the YAML
writers (peaceplan.io.emit, peaceplan.io.save) write them as `\\uXXXX` escapes inside double
quotes (the same data, read back), and the figure finder (peaceplan.diffing.numbers) reads numbers
with the invisible ones left out. It lives outside render/ so that io/ and diff/ can use it.
"""

from __future__ import annotations

import re

# C0 and C1 control characters except tab and newline, plus DEL: ESC starts every terminal
# escape sequence (`\x1b[2J` clears the screen, OSC 52 `\x1b]52;c;...\a` writes the clipboard),
# BEL rings or ends an OSC, 0x9b is a one-byte CSI.
CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# The Unicode bidirectional embeddings, overrides and isolates: they make text display in an
# order other than the one it is read in ("Trojan Source").
BIDI = "\u202a-\u202e\u2066-\u2069"
# Invisible marks: zero-width space, the left-to-right / right-to-left / Arabic letter marks,
# the invisible mathematical operators, the byte order mark (zero-width no-break space). Shown
# so that a diff never presents "600,000" and "600,<ZWSP>000" as the same text. Zero-width
# (non-)joiners (U+200C, U+200D) are not here: Persian, Indic scripts and emoji need them; nor
# the word joiner U+2060, which peaceplan itself puts after "@" to defuse mentions.
INVISIBLE = "\u200b\u200e\u200f\u061c\u2061-\u2064\ufeff"

# The noncharacters U+FFFE and U+FFFF: YAML reads them, but no XML (an SVG, a .docx) may
# hold them, raw or as a character reference; raw, a browser shows a parse error instead of
# the flow diagram.
NONCHARACTERS = "\ufffe\uffff"

# What every output shows as a visible escape (peaceplan.text.terminal_safe).
SHOWN = re.compile(f"[{CONTROLS}{BIDI}{INVISIBLE}{NONCHARACTERS}]")
# What the YAML writers never write raw (control characters they already escape).
WRITTEN_ESCAPED = re.compile(f"[{BIDI}{INVISIBLE}]")
# Format characters that carry no value inside a figure ("600,<ZWSP>000" is 600,000): the
# invisible marks, the bidi controls, the joiners and the soft hyphen.
IN_FIGURES = re.compile(f"[{BIDI}{INVISIBLE}\u00ad\u200c\u200d\u2060]")
