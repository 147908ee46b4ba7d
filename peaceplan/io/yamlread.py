"""Safe, fast YAML reading: plain data plus the position of every key and item.

Events come from ruamel's C parser; this module builds plain Python data from them itself, so it
can refuse every non-standard tag (nothing is ever constructed from a tag), cap alias expansion
(billion laughs), nesting depth and size, report *every* duplicate key with its position, and
remember where each key and list item sits for located error messages.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from peaceplan.errors import MoreProblems, PlanError, Problem, too_large

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
} | {"!"}


@attrs.frozen
class Limits:
    """Caps that keep hostile input from exhausting memory or time; defaults fit any real plan."""

    max_bytes: int = 20 * 1024 * 1024  # 20 MiB: the 20,000-point benchmark plan is ~4 MiB
    max_depth: int = 64  # nesting of YAML collections (sub-points nest two levels per point)
    max_alias_nodes: int = 10_000  # nodes brought in through aliases, counted with repetition
    max_alias_chars: int = 1_000_000  # characters brought in through aliases, with repetition
    max_nodes: int = 1_000_000  # nodes in one file, aliases expanded (a 20,000-point plan: 180k)
    max_points: int = 100_000
    max_text: int = 100_000  # characters in one point's text
    max_problems: int = 100  # problems reported per file; the rest are counted ("and N more")


LIMITS_ENV = "PEACEPLAN_LIMITS"


def limits_from_env(value: str | None = None) -> Limits:
    """The defaults, changed by $PEACEPLAN_LIMITS ("max_points=200000,max_text=500000").

    A bad setting raises UsageError naming the variable, so a typo never silently keeps a limit.
    """
    from peaceplan.errors import UsageError

    value = os.environ.get(LIMITS_ENV, "") if value is None else value
    names = [f.name for f in attrs.fields(Limits)]
    changes: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        name, sep, number = (x.strip() for x in item.partition("="))
        if name not in names or not sep:
            raise UsageError(f"{LIMITS_ENV}: {item!r}: expected NAME=NUMBER, NAME one of {names}")
        try:
            changes[name] = int(number)
        except ValueError:
            raise UsageError(f"{LIMITS_ENV}: {item!r}: not a whole number") from None
        if changes[name] < 1:
            raise UsageError(f"{LIMITS_ENV}: {item!r}: a limit must be at least 1")
    return Limits(**changes)


# The built-in defaults, whatever the environment says (see `current_limits` for those in force).
DEFAULT_LIMITS = Limits()


def current_limits() -> Limits:
    """The limits in force now: the defaults changed by $PEACEPLAN_LIMITS, read at each call.

    A bad setting raises UsageError here, when a file is read, never when a module is imported.
    """
    return limits_from_env()


def or_current(limits: Limits | None) -> Limits:
    """`limits`, or those in force now (`current_limits`) for None."""
    return current_limits() if limits is None else limits


@attrs.define
class Marks:
    """Positions (1-based line, column) of keys and list items, keyed by container identity."""

    keys: dict[tuple[int, Any], tuple[int, int]] = attrs.Factory(dict)
    items: dict[tuple[int, int], tuple[int, int]] = attrs.Factory(dict)
    containers: dict[int, tuple[int, int]] = attrs.Factory(dict)

    def of_key(self, container: Any, key: Any) -> tuple[int, int] | None:
        return self.keys.get((id(container), key))

    def of_item(self, container: Any, index: int) -> tuple[int, int] | None:
        return self.items.get((id(container), index))

    def of(self, container: Any) -> tuple[int, int] | None:
        return self.containers.get(id(container))


def decode(raw: bytes, path: str) -> str:
    """Decode UTF-8 (a BOM is allowed); undecodable bytes are a located error."""
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = bom + exc.start  # the error's offset counts from after the BOM
        line = raw.count(b"\n", 0, start) + 1
        head = raw[max(bom, raw.rfind(b"\n", 0, start) + 1) : start]
        col = len(head.decode("utf-8")) + 1  # in characters, as every other column
        raise PlanError(
            [Problem(path, line, col, f"not UTF-8 text (byte 0x{raw[start]:02x})")]
        ) from None
    return text


def read_yaml(
    text: str, path: str, limits: Limits | None = None
) -> tuple[Any, Marks, list[Problem]]:
    """Parse one YAML document into plain data; return it with its marks and the problems found.

    Fatal problems (syntax errors, limits exceeded) raise PlanError at once; others (duplicate
    keys, refused tags) are returned so validation can report them beside its own. `limits`:
    None for those in force (`current_limits`).
    """
    limits = or_current(limits)
    if len(text) > limits.max_bytes:
        raise PlanError([too_large(path, len(text), limits.max_bytes)])
    if not text.strip():
        raise PlanError([Problem(path, 1, 1, "empty file: expected a plan (a YAML mapping)")])
    if not text.isascii() and (bad := _SURROGATE.search(text)):
        # Only text handed over as a Python str can hold one; the C parser cannot take it.
        at = bad.start()
        line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        raise PlanError([Problem(path, line, col, "unpaired surrogate: not valid Unicode text")])
    return _Builder(text, path, limits).run()


_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_FLOAT_SPECIAL = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_DIGITS = 4000  # below Python's int/str conversion cap (4,300 digits)
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


class BadScalar(ValueError):
    """A scalar that looks like a typed value but is not a valid one (2025-13-45)."""


def resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema for plain scalars: null, bool, int, float, date, else str."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    first = value[0]
    if first.isdigit() or first in "+-.":
        if len(value) > MAX_DIGITS and any(r.match(value) for r in (_INT, _INT_OCT, _INT_HEX)):
            # Python refuses to convert such integers (and they would be slow): not a real plan.
            raise BadScalar(f"number too long ({len(value):,} characters)")
        if _INT.match(value):
            return int(value)
        if _INT_OCT.match(value):
            return int(value[2:], 8)
        if _INT_HEX.match(value):
            return int(value[2:], 16)
        if _DATE.match(value):
            try:
                return dt.date.fromisoformat(_pad_date(value))
            except ValueError:
                raise BadScalar(f"invalid date {value!r}") from None
        if _DATETIME.match(value):
            try:
                return fromisoformat(value.replace("t", "T"))
            except ValueError:
                raise BadScalar(f"invalid timestamp {value!r}") from None
        if _FLOAT.match(value):
            return float(value)
        if value.lower() in _FLOAT_SPECIAL:
            return _FLOAT_SPECIAL[value.lower()]
    return value


# What Python 3.11's datetime.fromisoformat reads and 3.10's does not: a trailing Z, a fraction
# of a second of other than 3 or 6 digits, a zone offset without its colon or minutes.
_ISO_310 = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?"
    r"(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?\Z"
)


def fromisoformat(value: str) -> dt.datetime:
    """`datetime.fromisoformat` as Python 3.11 and later read it, on 3.10 too (`...T10:00Z`)."""
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        if sys.version_info >= (3, 11):
            raise
    return fromisoformat_310(value)


def fromisoformat_310(value: str) -> dt.datetime:
    """The forms of `_ISO_310` read by hand, as 3.11's datetime.fromisoformat reads them (the
    fallback of `fromisoformat` on 3.10; tested against 3.11+ on every Python)."""
    m = _ISO_310.match(value)
    if m is None:
        raise ValueError(f"Invalid isoformat string: {value!r}")
    date, hour, minute, second, fraction, zone = m.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    tz = None
    if zone == "Z":
        tz = dt.timezone.utc
    elif zone:
        digits = zone[1:].replace(":", "")
        offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
        tz = dt.timezone(-offset if zone[0] == "-" else offset)
    day = dt.date.fromisoformat(date)
    return dt.datetime(
        day.year, day.month, day.day, int(hour), int(minute), int(second or 0), micro, tz
    )


def _pad_date(value: str) -> str:
    y, m, d = value.split("-")
    return f"{y}-{int(m):02d}-{int(d):02d}"


EventSource = Callable[[], Any]  # each call gives the next parser event


def c_parser() -> type:
    """ruamel's C (libyaml) parser class, imported on first use: commands that read no YAML
    (`--help`) do not pay its 15 ms."""
    from _ruamel_yaml import CParser

    parser: type = CParser
    return parser


def may_flood(text: str, max_nodes: int) -> bool:
    """Whether `text` might hold more than `max_nodes` nodes: nodes_at_most's bound, not even
    counted when its largest value (9 x the length) stays under the cap."""
    return 9 * len(text) + 2 > max_nodes and nodes_at_most(text) > max_nodes


def nodes_at_most(text: str) -> int:
    """More nodes than `text` can hold in block style or one-line flow lists of plain words:
    each node starts a line, or follows ": ", "- ", "," or "[" (a key with its value on the
    next lines, ":\n", stands for the key and the value). Cheap: six counts of the text."""
    count = text.count
    starts = count("\n") + count(": ") + count(":\n") + count("- ") + count(",") + count("[")
    return 2 * starts + 2


class _Builder:
    def __init__(self, text: str, path: str, limits: Limits, count_only: bool = False):
        self.text = text
        self.path = path
        self.limits = limits
        # Only count and check (a first pass over a file that may flood): build nothing, keep
        # no marks, so refusing a million-node file costs no memory.
        self.count_only = count_only
        self.marks = Marks()
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.alias_nodes = 0
        self.alias_chars = 0
        self.nodes = 0  # every node built, those aliases bring in included
        self.chars = 0  # characters of every scalar built (keys too), aliases included
        self.hidden = 0  # problems found past limits.max_problems, counted only

    def run(self) -> tuple[Any, Marks, list[Problem]]:
        from ruamel.yaml.error import MarkedYAMLError

        if may_flood(self.text, self.limits.max_nodes):
            # Perhaps a node flood: a first pass with libyaml and the same checks, building
            # nothing, refuses it at the same event in a fraction of the time and memory. A
            # syntax error there is left to the full pass below, which words it.
            counter = _Builder(self.text, self.path, self.limits, count_only=True)
            events = c_parser()(self.text)
            try:
                with contextlib.suppress(MarkedYAMLError):
                    counter._run(events.get_event, fast=True)
            finally:
                events.dispose()
        parser = c_parser()(self.text)  # libyaml: fast; its events are read one call each
        try:
            return self._run(parser.get_event, fast=True)
        except MarkedYAMLError:
            # libyaml implements YAML 1.1 and rejects some valid 1.2 (a URL in a flow list):
            # only the slower pure-Python parser's verdict on a syntax error counts.
            self.__init__(self.text, self.path, self.limits, self.count_only)  # type: ignore[misc]
            return self._run(_pure_events(self.text).__next__, fast=False)
        finally:
            parser.dispose()

    def _run(self, next_event: EventSource, fast: bool) -> tuple[Any, Marks, list[Problem]]:
        """Build the one document of the stream `next_event()` gives (`fast`: from libyaml)."""
        from ruamel.yaml.error import MarkedYAMLError, YAMLError

        try:
            next_event()  # stream start
            event = next_event()
            if type(event).__name__ == "StreamEndEvent":
                raise PlanError([Problem(self.path, 1, 1, "no YAML document in file")])
            data, _ = self._node(next_event, next_event(), 1)
            next_event()  # document end
            event = next_event()
            if type(event).__name__ != "StreamEndEvent":
                line, col = _pos(event)
                raise PlanError(
                    [Problem(self.path, line, col, "more than one YAML document in file")]
                )
            if self.hidden:
                self.problems.append(MoreProblems.of(self.path, self.hidden))
        except MarkedYAMLError as exc:
            if fast:
                raise
            mark = exc.problem_mark or exc.context_mark
            at = (mark.line + 1, mark.column + 1) if mark else (None, None)
            problem = exc.problem or exc.context or "YAML syntax error"
            message = f"YAML syntax error: {problem}"
            raise PlanError([Problem(self.path, at[0], at[1], message)]) from None
        except YAMLError as exc:
            msg = str(exc).splitlines()[0] if str(exc) else "YAML error"
            at = _offset_pos(self.text, getattr(exc, "position", None))
            raise PlanError([Problem(self.path, *at, f"YAML error: {msg}")]) from None
        return data, self.marks, self.problems

    def _fatal(self, event: Any, message: str) -> PlanError:
        line, col = _pos(event)
        return PlanError([Problem(self.path, line, col, message)])

    def _problem(self, line: int | None, col: int | None, message: str) -> None:
        """Keep a problem, or only count it past limits.max_problems (a flood of them)."""
        if len(self.problems) < self.limits.max_problems:
            self.problems.append(Problem(self.path, line, col, message))
        else:
            self.hidden += 1

    def _tag_ok(self, event: Any) -> bool:
        tag = event.tag
        if tag is None or tag in _ALLOWED_TAGS:
            return True
        line, col = _pos(event)
        shown = tag.replace(_STD, "!!")
        self._problem(line, col, f"tag {shown} is not allowed (plain YAML only)")
        return False

    def _node(self, next_event: EventSource, event: Any, depth: int) -> tuple[Any, int]:
        """Build the value that starts with `event`; return it and its node count."""
        kind = type(event).__name__
        if kind == "ScalarEvent" and event.anchor is None and depth <= self.limits.max_depth:
            # Most nodes: a scalar without anchor, done here (as below, in fewer calls).
            self.nodes += 1
            if self.nodes > self.limits.max_nodes:
                self._count(event)
            text = event.value
            if event.tag is None and text.isascii() and not self.count_only:
                value = text
                if event.implicit[0]:  # plain: typed by the core schema
                    try:
                        value = resolve_plain(text)
                    except BadScalar as exc:
                        self._problem(*_pos(event), str(exc))
                        value = None
            else:
                value = self._scalar(event)
            self.chars += len(text)
            return value, 1
        if kind == "AliasEvent":
            if event.anchor not in self.anchors:
                raise self._fatal(event, f"unknown alias *{event.anchor}")
            value, size, chars = self.anchors[event.anchor]
            self.alias_nodes += size
            self.alias_chars += chars
            self.nodes += size
            self.chars += chars
            limits = self.limits
            if self.alias_nodes > limits.max_alias_nodes:
                raise self._fatal(
                    event,
                    f"alias expansion exceeds the limit of {limits.max_alias_nodes:,} nodes"
                    " (a 'billion laughs' file?)",
                )
            if self.alias_chars > limits.max_alias_chars:
                # One long text anchored once and repeated: few nodes, a huge document.
                raise self._fatal(
                    event,
                    f"alias expansion exceeds the limit of {limits.max_alias_chars:,} characters"
                    " (a long text repeated through aliases)",
                )
            self._count(event)
            return value, size
        if depth > self.limits.max_depth:
            raise self._fatal(event, f"nesting deeper than {self.limits.max_depth} levels")
        chars = self.chars
        if kind == "ScalarEvent":
            self.nodes += 1
            self._count(event)
            value, size = self._scalar(event), 1
            self.chars += len(event.value)
        elif kind == "SequenceStartEvent":
            value, size = self._sequence(next_event, event, depth)
        elif kind == "MappingStartEvent":
            value, size = self._mapping(next_event, event, depth)
        else:  # pragma: no cover - the parser only yields the kinds above here
            raise self._fatal(event, f"unexpected YAML event {kind}")
        if event.anchor:
            self.anchors[event.anchor] = (value, size, self.chars - chars)
        return value, size

    def _count(self, event: Any) -> None:
        """Refuse the file once it holds more nodes than limits.max_nodes (a node flood)."""
        if self.nodes > self.limits.max_nodes:
            raise self._fatal(
                event,
                f"more than {self.limits.max_nodes:,} YAML nodes in one file"
                " (values, lists and mappings, aliases expanded)",
            )

    def _scalar(self, event: Any) -> Any:
        if self.count_only:
            return None
        if not self._tag_ok(event):
            return None
        value = event.value
        if not value.isascii() and _SURROGATE.search(value):
            # Only a "\ud800" escape can produce one; it cannot be written out as UTF-8.
            line, col = _pos(event)
            self._problem(line, col, "unpaired surrogate (\\u escape)")
            value = _SURROGATE.sub("\ufffd", value)
        tag = event.tag
        if tag is None and event.implicit[0]:
            try:
                return resolve_plain(value)
            except BadScalar as exc:
                line, col = _pos(event)
                self._problem(line, col, str(exc))
                return None
        if tag in (None, "!", _STD + "str"):
            return value
        try:
            return resolve_plain(value) if value else None
        except BadScalar as exc:
            line, col = _pos(event)
            self._problem(line, col, str(exc))
            return None

    def _sequence(self, next_event: EventSource, start: Any, depth: int) -> tuple[list[Any], int]:
        ok = self._tag_ok(start)
        out: list[Any] = []
        count_only = self.count_only
        if not count_only:
            self.marks.containers[id(out)] = _pos(start)
        size = 1
        self.nodes += 1
        self._count(start)
        while True:
            event = next_event()
            if type(event).__name__ == "SequenceEndEvent":
                break
            if count_only:
                size += self._node(next_event, event, depth + 1)[1]
                continue
            self.marks.items[(id(out), len(out))] = _pos(event)
            value, n = self._node(next_event, event, depth + 1)
            size += n
            out.append(value)
        return (out if ok else None), size  # type: ignore[return-value]

    def _mapping(
        self, next_event: EventSource, start: Any, depth: int
    ) -> tuple[dict[Any, Any], int]:
        ok = self._tag_ok(start)
        out: dict[Any, Any] = {}
        count_only = self.count_only
        if not count_only:
            self.marks.containers[id(out)] = _pos(start)
        size = 1
        self.nodes += 1
        self._count(start)
        node, keys, at = self._node, self.marks.keys, id(out)
        while True:
            event = next_event()
            if type(event).__name__ == "MappingEndEvent":
                break
            mark = event.start_mark
            pos = mark.line + 1, mark.column + 1
            key, n = node(next_event, event, depth + 1)
            value, m = node(next_event, next_event(), depth + 1)
            size += n + m
            if count_only:
                continue
            if isinstance(key, (dict, list)):
                self._problem(*pos, "a mapping key must be a scalar")
                continue
            if key in out:
                first = keys[(at, key)]
                self._problem(*pos, f"duplicate key {key!r} (first at line {first[0]})")
                continue
            keys[(at, key)] = pos
            out[key] = value
        return (out if ok else None), size  # type: ignore[return-value]


def _pure_events(text: str) -> Iterator[Any]:
    """Events from ruamel's pure-Python YAML 1.2 parser (slower, used only after an error)."""
    from ruamel.yaml import YAML

    yield from YAML(typ="safe", pure=True).parse(text)


def _offset_pos(text: str, offset: int | None) -> tuple[int | None, int | None]:
    """1-based line and column of a character offset (a reader error's position), if known."""
    if not isinstance(offset, int) or not 0 <= offset <= len(text):
        return None, None
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _pos(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1
