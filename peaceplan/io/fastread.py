"""A fast first reading of plain plan files: yaml-rs builds the data in one call.

yaml-rs (Rust) parses a 5,000-point plan in ~25 ms, where ruamel's C parser takes ~130 ms to
hand `read_yaml` its events. It gives no positions and types a few scalars differently, so its
answer is used only when it is certain to equal `read_yaml`'s, and the caller needs no line
numbers. Otherwise `read_plain` returns None and `read_yaml` reads the file as always:

- the text holds nothing whose meaning yaml-rs and `read_yaml` may see differently: tags (`!`),
  anchors and aliases (`&`, `*`), escapes (`\\`), tabs, directives, merge keys (`<<`), complex
  keys (`?`), control characters, or number forms only yaml-rs reads as numbers (`1_000`,
  `0x1F`, `0b101`; `read_yaml` keeps those as text);
- no line starts with a deep run of spaces or dashes (yaml-rs recurses once per block level and
  a hostile file nesting thousands of levels would crash the process);
- yaml-rs reads it without error, as one document holding a mapping, with no duplicate key;
- every scalar types as `read_yaml` would type it: yaml-rs hands dates over as text, and a
  date-like text becomes a date only when it is written plain (no quoted copy of it anywhere,
  no block scalar that could hold it).

Anything else (a syntax error, a duplicate key, a refused tag) is left to `read_yaml`, whose
messages name the line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from peaceplan.io.yamlread import (
    MAX_DIGITS,
    BadScalar,
    Limits,
    may_flood,
    or_current,
    resolve_plain,
)

# Characters whose every use yaml-rs may read differently: escapes, tabs; and outside YAML's
# printable set: NEL, line and paragraph separators, byte order mark, non-characters (C0 and C1
# controls are looked for in the UTF-8 bytes, below).
_NEVER = "\\\t\x85\u2028\u2029\ufeff\ufffe\uffff"
_BLANK_FIRST_LINE = re.compile(r"[|>][-+1-9]*[ \r]*(?:#.*)?\n[ \r]*(?:\n|$)")
# Needed only when their character occurs at all (most plan texts have none of them):
_IF_PRESENT = (
    # a tag, an anchor or an alias: only ever at the start of a node (inside a word, as in a
    # URL's "?a=1&b=2", the character is text)
    ("!", re.compile(r"(?:^|[\s\[{,])!", re.MULTILINE)),
    ("&", re.compile(r"(?:^|[\s\[{,])&", re.MULTILINE)),
    ("*", re.compile(r"(?:^|[\s\[{,])\*", re.MULTILINE)),
    # an explicit key ("? key"), at the start of a line's content
    ("?", re.compile(r"^[ \-]*\?(?:[ \r]|$)", re.MULTILINE)),
    # a reserved indicator starting a scalar (yaml-rs is more lenient than YAML)
    ("@", re.compile(r"(?:^|[\s\[{,])@", re.MULTILINE)),
    ("`", re.compile(r"(?:^|[\s\[{,])`", re.MULTILINE)),
    # a block scalar whose first line is blank: yaml-rs keeps a line break read_yaml drops
    ("|", _BLANK_FIRST_LINE),
    (">", _BLANK_FIRST_LINE),
)
# Flow collections ([a, b]), where the two parsers disagree on colons, quotes and indicators
# ("[a:, b]" is a key to yaml-rs, a text to ruamel): only one-line lists of plain words and
# simple quoted texts pass.
_FLOW_WORD = r"""(?:[^\s\[\]{}:'"#?|>@`%,-][^\[\]{}:'"#,\n]*|"[^"\n]*" *|'[^'\n]*' *)"""
_SIMPLE_FLOW = re.compile(rf"\[ *(?:{_FLOW_WORD}(?:, *{_FLOW_WORD})*)?\]")
# Number forms yaml-rs reads as numbers and read_yaml as text: 0X1F, +0x1F, 0b101, 0o_17 ...
_RADIX = re.compile(r"0[xXoObB][0-9a-fA-F_]")
# ... and any with underscores ("1_000", "___4", "9E7_6"), which yaml-rs drops from numbers.
_NUMBERISH = re.compile(r"[-+]*\.?[0-9]")
# Deep nesting: yaml-rs recurses once per block level, and thousands would crash the process.
_DEEP = re.compile(r"(?:^|\n)[ \-]{200}")
# A block scalar header.
_BLOCK = re.compile(r"[|>][-+1-9]*[ \r]*(?:#.*)?$", re.MULTILINE)
# Control characters, as UTF-8: C0 but tab and line breaks (dropped by bytes.translate), C1.
_C0 = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_SCALARS = (str, int, float, bool, type(None))
_NUMBER_START = frozenset("0123456789+-.")
_BIG = 10**MAX_DIGITS  # read_yaml refuses integers this long


def _unsure(text: str) -> bool:
    """Whether `text` holds anything yaml-rs and read_yaml might read differently.

    One-character searches first, the fastest: on a plan of 5,000 points the whole check takes
    a few milliseconds.
    """
    if any(c in text for c in _NEVER):
        return True
    if ("<" in text and "<<" in text) or ("%" in text and ("\n%" in text or text[0] == "%")):
        return True  # a merge key, a directive
    if "\n..." in text or text.startswith("..."):
        return True  # a document end marker: one before the plan is an error to read_yaml only
    if any(c in text and r.search(text) for c, r in _IF_PRESENT):
        return True
    if "{" in text or ("[" in text and text.count("[") != len(_SIMPLE_FLOW.findall(text))):
        return True
    if _RADIX.search(text) or ("_" in text and _numbers_with_underscores(text)):
        return True
    if ("  " * 50 in text or "- " * 50 in text) and _DEEP.search(text):
        return True
    try:
        raw = text.encode()
    except UnicodeEncodeError:
        return True  # an unpaired surrogate, which read_yaml reports
    return len(raw.translate(None, _C0)) != len(raw) or (b"\xc2" in raw and bool(_C1.search(raw)))


def _numbers_with_underscores(text: str) -> bool:
    """Whether a word holding "_" would be a number without them (scanned from each "_")."""
    at = text.find("_")
    while at >= 0:
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.+-"):
            start -= 1
        end = at + 1
        while end < len(text) and (text[end].isalnum() or text[end] in "_.+-"):
            end += 1
        if _NUMBERISH.match(text[start:end].replace("_", "")):
            return True
        at = text.find("_", end)
    return False


class _Unsure(Exception):
    """The text may mean something else to read_yaml: let it read the file."""


def read_plain(text: str, limits: Limits | None = None) -> dict[str, Any] | None:
    """The plan mapping in `text`, exactly as `read_yaml` would build it, or None if unsure.

    None also when yaml-rs is not installed: reading then takes the usual path.
    """
    loads = _loads()
    limits = or_current(limits)
    if loads is None or len(text) > limits.max_bytes or _unsure(text):
        return None
    if may_flood(text, limits.max_nodes):
        return None  # perhaps a node flood: read_yaml counts as it reads and stops at the cap
    if not text.endswith("\n") and _BLOCK.search(text):
        return None  # a block scalar's last line break: yaml-rs adds one the file does not have
    try:
        data = loads(text, parse_datetime=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:
        # Any refusal, however yaml-rs words it, is read_yaml's to explain; that includes a
        # Rust panic, which pyo3 raises as a BaseException (PanicException).
        return None
    if not isinstance(data, dict):
        return None  # several documents, a list or a scalar: not a plan, read_yaml says why
    try:
        return _settle(data, _Text(text), limits.max_depth, limits.max_nodes)
    except _Unsure:
        return None


def _loads() -> Any:
    """yaml_rs.loads, if the `fast` extra is installed (and $PEACEPLAN_PURE allows), else None."""
    from peaceplan.speedups import optional

    module = optional("yaml_rs")  # a speed-up only: every file still reads without it
    return None if module is None else module.loads


def fast_available() -> bool:
    """Whether yaml-rs is installed (the `fast` extra; every file reads without it)."""
    return _loads() is not None


class _Text:
    """The source, asked only about date-like scalars (rare): could one have been quoted?"""

    def __init__(self, text: str):
        self.text = text

    def written_plain(self, value: str) -> bool:
        """Whether `value` can only have been a plain scalar: no quoted copy of it anywhere, and
        no line holding just it (the content of a block scalar, "|-" or ">-")."""
        text = self.text
        if f"'{value}'" in text or f'"{value}"' in text:
            return False
        at = text.find(value)
        while at >= 0:
            end = at + len(value)
            line_end = text.find("\n", end)
            before = text[text.rfind("\n", 0, at) + 1 : at]
            after = text[end : len(text) if line_end < 0 else line_end]
            if not before.strip(" ") and not after.strip(" \r"):
                return False
            at = text.find(value, end)
        return True


def _settle(root: dict[Any, Any], text: _Text, max_depth: int, max_nodes: int) -> dict[Any, Any]:
    """`root` typed as read_yaml types it, changed in place (only plain dates change);
    _Unsure where that cannot be known (a file over the node cap included: read_yaml says
    where). One level of nesting at a time, to count depth."""
    level: list[Any] = [root]
    nodes = 1
    datelike = []  # containers holding a text read_yaml may type (rare: a plan's date)
    starts = _NUMBER_START
    for _ in range(max_depth - 1):
        inner: list[Any] = []
        push = inner.append
        for container in level:
            if type(container) is dict:
                for key in container:
                    if type(key) is not str or (key and key[0] in starts):
                        _check_key(key)
                values = container.values()
            else:
                values = container
            nodes += len(values) * (2 if values is not container else 1)
            for value in values:
                kind = type(value)
                if kind is str:
                    if value and value[0] in starts and _typed(value):
                        datelike.append(container)
                elif kind is dict or kind is list:
                    if value:
                        push(value)
                elif kind not in _SCALARS or (kind is int and not -_BIG < value < _BIG):
                    raise _Unsure  # a type read_yaml never builds, or a number it refuses
        if nodes > max_nodes:
            raise _Unsure  # read_yaml refuses it, where the cap is crossed
        if not inner:
            break
        level = inner
    else:
        raise _Unsure  # deeper than the limit: read_yaml reports it, where it is
    for container in datelike:
        places = container.items() if type(container) is dict else enumerate(container)
        for at, value in list(places):
            if type(value) is str and _typed(value):
                container[at] = _scalar(value, text)
    return root


def _check_key(key: Any) -> None:
    kind = type(key)
    if kind is str:
        if _typed(key):
            raise _Unsure  # a date as a key
    elif kind not in _SCALARS or (kind is int and not -_BIG < key < _BIG):
        raise _Unsure  # a complex key, or a number read_yaml refuses


def _typed(value: str) -> bool:
    """Whether read_yaml might make something else than text of this string written plain:
    a date or timestamp (YYYY-...), or an error (an invalid date, a number too long).

    Numbers, nulls and booleans need no look: yaml-rs types them all when written plain, so
    as a string they were quoted, and text to read_yaml too.
    """
    return (len(value) > 4 and value[4] == "-" and value[:4].isdigit()) or len(value) > MAX_DIGITS


def _scalar(value: str, text: _Text) -> Any:
    """A string from yaml-rs: text, or the date read_yaml makes of it when written plain."""
    try:
        typed = resolve_plain(value)
    except BadScalar:
        raise _Unsure from None  # read_yaml reports it, where it is
    if typed is value or not isinstance(typed, dt.date):
        # Plain text, or text yaml-rs saw quoted: it types every plain null, bool and number
        # the way read_yaml does, so a string that looks like one was written in quotes.
        return value
    if text.written_plain(value):
        return typed
    raise _Unsure
