"""A fast writer for fresh plan files, in the house style of peaceplan.io.save.

Writing a new file needs no round trip: the plan's data is emitted directly (block style,
2-space indentation, list dashes indented, numbers quoted), about ten times faster than through
ruamel.yaml, which a 2,000-point merge feels. A string is written plain only when it is surely
read back as the same string; otherwise double-quoted with JSON-style escapes (valid YAML).
Saving over an existing file still goes through peaceplan.io.save, which keeps its comments.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from peaceplan.io.serialize import plan_data
from peaceplan.model import Plan
from peaceplan.unsafe import BIDI, INVISIBLE

_NEVER_RAW = BIDI + INVISIBLE  # always written as "\uXXXX" escapes (see peaceplan.unsafe)
# Plain: one line of printable characters, starting with a letter, or with a digit or currency
# sign when two letters in a row show it is no number, date or time ("28-point plan",
# "$100 billion"); no ": " or " #" inside, no trailing colon or space, not a word YAML 1.1 reads
# as a boolean or null. Anything else is double-quoted.
_BODY = re.compile(f"[^\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ufffe\\uffff{_NEVER_RAW}]*\\Z")
_WORDY = re.compile(r"[^\W\d_]{2}")
_HEX = re.compile(r"[-+]?0x[0-9a-fA-F_]+\Z")
_SPECIAL = frozenset(
    ["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "nan", "inf"]
)
# Characters a YAML reader would not keep as they are inside a double-quoted scalar, and those
# never written raw into a file (bidi controls, invisible marks; peaceplan.unsafe): escaped.
_UNSAFE = re.compile(f"[\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ufffe\\uffff\\ud800-\\udfff{_NEVER_RAW}]")


def plan_plain(text: str, flow: bool = False) -> bool:
    """Whether a plan file may hold `text` plain (the house style above; `flow` changes nothing)."""
    return bool(
        text
        and (text[0].isalpha() or (text[0] in "0123456789$€£(" and _WORDY.search(text)))
        and _BODY.match(text)
        and not _HEX.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and text.lower() not in _SPECIAL
    )


def quoted(text: str) -> str:
    """`text` double-quoted, JSON-style escapes, the characters of _UNSAFE as \\uXXXX."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def scalar(
    value: Any,
    *,
    quote: bool = False,
    flow: bool = False,
    plain: Callable[[str, bool], bool] = plan_plain,
) -> str:
    """One value as a YAML scalar, for plan files and notes files alike: a string plain when
    `plain` (the file's style) allows it and `quote` does not forbid it, else double-quoted;
    a list in flow style (`[a, b]`, its items with `flow`)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 3))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(scalar(v, flow=True, plain=plain) for v in value) + "]"
    text = str(value)
    if not quote and plain(text, flow):
        return text
    return quoted(text)


def _emit(key: str, value: Any, indent: str, out: list[str]) -> None:
    if isinstance(value, list):
        out.append(f"{indent}{key}:")
        for item in value:
            if isinstance(item, dict):
                _mapping(item, indent + "  - ", indent + "    ", out)
            else:
                out.append(f"{indent}  - {scalar(item)}")
    else:
        out.append(f"{indent}{key}: {scalar(value, quote=key == 'number')}")


def _mapping(data: dict[str, Any], first: str, rest: str, out: list[str]) -> None:
    for n, (key, value) in enumerate(data.items()):
        start = len(out)
        _emit(key, value, rest, out)
        if n == 0:  # the first key sits on the dash line
            out[start] = first + out[start][len(rest) :]


def plan_yaml(plan: Plan) -> str:
    """The YAML text of a plan as a new file (no comments to keep)."""
    out: list[str] = []
    for key, value in plan_data(plan).items():
        _emit(key, value, "", out)
    return "\n".join(out) + "\n"
