"""The comments of a plan file, each tied to the place of the plan it is about, and put back.

YAML comments are not data, so a merge of two plans would lose them; here each comment gets an
*anchor* that names its place by identity rather than by line, so the same anchor names the same
place in two versions of a plan (and in the merged one):

    ("title",)                               the plan's `title` key
    ("sources", "https://...")               an item of a plan-level list
    ("pt", "armed-forces")                   a point (its key in that version)
    ("pt", "armed-forces", "text")           a key of a point
    ("pt", "21", "topics", "territory")      an item of a point's topics or sources
    ("pt", "21", "options", "Ukraine", "text")   a key of a bracketed option (by its `by`)
    ("doc", "framework", "title")            a key of a document of a package
    ("end",)                                 after the last line

A comment on a line of its own belongs to the node that follows it (the point, key or item on
the next line), an end-of-line comment to the node on its line. The positions come from the YAML
parser's events (so a `#` inside a quoted or block text is never taken for a comment).
`place_comments` rewrites a text so that it holds exactly the comments wanted, each at its
anchor, and checks that the plan it holds is unchanged.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from peaceplan.model import Plan

Anchor = tuple[Any, ...]
END: Anchor = ("end",)


@attrs.frozen
class Comment:
    """One comment line of a file: where it is, what it is about, and its text (from `#`)."""

    anchor: Anchor
    eol: bool  # after content on its line, rather than on a line of its own
    text: str
    line: int  # 0-based line in the text it was read from
    column: int


@attrs.frozen
class _Node:
    path: tuple[Any, ...]  # keys (str) and list indices (int) from the top of the document
    index: int  # where it starts, as a character offset
    line: int


@attrs.frozen
class _Scan:
    nodes: list[_Node]
    starts: list[int]  # nodes' offsets, for bisect
    spans: list[tuple[int, int]]  # every scalar's [start, end) offsets, in order
    span_starts: list[int]

    def inside_scalar(self, pos: int) -> bool:
        i = bisect.bisect_right(self.span_starts, pos) - 1
        return i >= 0 and self.spans[i][0] < pos < self.spans[i][1]


def _events(text: str) -> list[Any]:
    from ruamel.yaml.error import MarkedYAMLError

    from peaceplan.io.yamlread import _pure_events, c_parser

    parser = c_parser()(text)
    events: list[Any] = []
    try:
        while True:
            event = parser.get_event()
            events.append(event)
            if type(event).__name__ == "StreamEndEvent":
                return events
    except MarkedYAMLError:  # libyaml refuses some YAML 1.2 (see yamlread): the slow parser
        return list(_pure_events(text))
    finally:
        parser.dispose()


def _scan(text: str) -> _Scan:
    """Every key and list item of the document (path and start) and every scalar's span."""
    nodes: list[_Node] = []
    spans: list[tuple[int, int]] = []
    # Frames: [path, is_mapping, expecting_key, current key or next index]
    stack: list[list[Any]] = []
    for event in _events(text):
        kind = type(event).__name__
        if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentStartEvent"):
            continue
        if kind == "DocumentEndEvent":
            continue
        if kind in ("MappingEndEvent", "SequenceEndEvent"):
            stack.pop()
            if stack and stack[-1][1]:
                stack[-1][2] = True
            continue
        start = event.start_mark
        if kind == "ScalarEvent":
            spans.append((start.index, event.end_mark.index))
        path: tuple[Any, ...] = ()
        is_key = False
        if stack:
            frame = stack[-1]
            if frame[1]:  # a mapping
                if frame[2]:
                    is_key = True
                    frame[3] = event.value if kind == "ScalarEvent" else "?"
                    frame[2] = False
                    nodes.append(_Node((*frame[0], frame[3]), start.index, start.line))
                    if kind != "ScalarEvent" and kind != "AliasEvent":
                        stack.append([(*frame[0], "?"), kind == "MappingStartEvent", True, 0])
                    continue
                path = (*frame[0], frame[3])
                frame[2] = True
            else:
                path = (*frame[0], frame[3])
                frame[3] += 1
                nodes.append(_Node(path, start.index, start.line))
        if not is_key and kind in ("MappingStartEvent", "SequenceStartEvent"):
            stack.append([path, kind == "MappingStartEvent", True, 0 if kind[0] == "S" else None])
    spans.sort()
    return _Scan(nodes, [n.index for n in nodes], spans, [s[0] for s in spans])


class _Places:
    """Anchors of the paths of one plan's file."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.points: dict[tuple[Any, ...], str] = {}
        flat = iter(plan.flat())

        def walk(points: Sequence[Any], prefix: tuple[Any, ...]) -> None:
            for i, point in enumerate(points):
                path = (*prefix, "points", i)
                self.points[path] = next(flat).key
                walk(point.points, path)

        if plan.documents:
            for d, doc in enumerate(plan.documents):
                walk(doc.points, ("documents", d))
        else:
            walk(plan.points, ())

    def anchor(self, path: tuple[Any, ...]) -> Anchor:
        """The anchor of the node at `path` (as precise as the plan allows)."""
        for n in range(len(path), 1, -1):
            key = self.points.get(path[:n])
            if key is not None:
                point = self.plan.get(key)
                return ("pt", key, *_inner(point, path[n:]))
        if not path:
            return END
        if path[0] == "documents" and len(path) > 1:
            try:
                doc = self.plan.documents[path[1]]
            except (IndexError, TypeError):
                return ("documents",)
            return ("doc", doc.id, *path[2:3])
        head = path[0]
        if len(path) > 1 and isinstance(path[1], int):
            value = getattr(self.plan, head, None) if isinstance(head, str) else None
            try:
                item = value[path[1]]  # type: ignore[index]
            except (IndexError, TypeError):
                return (head,)
            if head == "conflicts":
                return (head, item.field)
            return (head, item) if isinstance(item, str) else (head,)
        return (head,)


def _inner(point: Any, rest: tuple[Any, ...]) -> tuple[Any, ...]:
    """The part of an anchor inside a point: a key, and an item of its lists."""
    if not rest or not isinstance(rest[0], str):
        return ()
    field = rest[0]
    if len(rest) < 2 or not isinstance(rest[1], int):
        return (field,)
    try:
        if field in ("topics", "sources"):
            return (field, getattr(point, field)[rest[1]])
        if field == "options":
            option = point.options[rest[1]]
            return (field, option.by, *(rest[2:3] if len(rest) > 2 else ()))
    except (IndexError, AttributeError):
        pass
    return (field,)


def read_comments(text: str, plan: Plan) -> list[Comment]:
    """Every comment of `text`, the file `plan` was read from, each with its anchor."""
    if "#" not in text:
        return []
    scan = _scan(text)
    places = _Places(plan)
    out: list[Comment] = []
    pos = text.find("#")
    while pos != -1:
        if (pos == 0 or text[pos - 1] in " \t\n\r\ufeff") and not scan.inside_scalar(pos):
            line_start = text.rfind("\n", 0, pos) + 1
            line_end = text.find("\n", pos)
            line_end = len(text) if line_end == -1 else line_end
            eol = bool(text[line_start:pos].strip(" \t\ufeff"))
            if eol:
                i = bisect.bisect_right(scan.starts, pos) - 1
                anchor = places.anchor(scan.nodes[i].path) if i >= 0 else END
            else:
                i = bisect.bisect_right(scan.starts, pos)
                anchor = places.anchor(scan.nodes[i].path) if i < len(scan.nodes) else END
            line = text.count("\n", 0, pos)
            body = text[pos:line_end].rstrip()
            out.append(Comment(anchor, eol, body, line, pos - line_start))
            pos = text.find("#", line_end)
        else:
            pos = text.find("#", pos + 1)
    return out


def plan_anchors(plan: Plan) -> set[Anchor]:
    """Every anchor the file of `plan` has (whatever its layout), and END."""
    from peaceplan.io.serialize import plan_data

    places = _Places(plan)
    out: set[Anchor] = {END}

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                out.add(places.anchor((*path, k)))
                walk(v, (*path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                out.add(places.anchor((*path, i)))
                walk(v, (*path, i))

    walk(plan_data(plan), ())
    return out


def nearest(anchor: Anchor, known: set[Anchor]) -> Anchor | None:
    """`anchor`, or the closest place around it that `known` has (an option's key -> the
    option -> the point's options -> the point); None when even the point or key is gone."""
    floor = 2 if anchor[0] in ("pt", "doc") else 1
    for n in range(len(anchor), floor - 1, -1):
        if anchor[:n] in known:
            return anchor[:n]
    return None


Wanted = tuple[Anchor, bool, str]  # (anchor, end of line, comment text)


def place_comments(text: str, plan: Plan, wanted: Iterable[Wanted]) -> tuple[str, list[str]]:
    """`text` (a file holding `plan`) rewritten to hold exactly the `wanted` comments, each at
    its anchor (a comment it already has at its anchor stays where it is); and what could not
    be done as asked (the comments are then kept at the end of the file, never dropped).

    The plan the new text holds is checked to be `plan`."""
    wanted = list(wanted)
    scan = _scan(text)
    places = _Places(plan)
    present = read_comments(text, plan)
    where: dict[Anchor, _Node] = {}
    for node in scan.nodes:
        where.setdefault(places.anchor(node.path), node)
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    groups: dict[tuple[Anchor, bool], list[Comment]] = {}
    for c in present:
        groups.setdefault((c.anchor, c.eol), []).append(c)
    delete: list[Comment] = []
    insert: list[Wanted] = []
    for anchor, eol, body in wanted:
        found = groups.get((anchor, eol))
        match = next((c for c in found or () if c.text == body), None)
        if match is not None:
            found.remove(match)  # type: ignore[union-attr]
        else:
            insert.append((anchor, eol, body))
    for rest in groups.values():
        delete.extend(rest)
    if not insert and not delete:
        return text, []
    before: dict[int, list[str]] = {}
    after: list[str] = []
    tail: dict[int, str] = {}
    cut: dict[int, int] = {}
    dropped: set[int] = set()
    for c in delete:
        if c.eol:
            cut[c.line] = c.column
        else:
            dropped.add(c.line)
    has_eol = {c.line for c in present if c.eol} - set(cut)
    for anchor, eol, body in insert:
        hit = where.get(anchor)
        probe = anchor
        while hit is None and len(probe) > 1:
            probe = probe[:-1]
            hit = where.get(probe)
        if hit is None:
            after.append(body)
            continue
        at: int = hit.line
        free = at not in has_eol and at not in tail
        if eol and free and not scan.inside_scalar(offsets[at + 1] - 1):  # ends outside a text
            tail[at] = body
            continue
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip(" "))]
        before.setdefault(at, []).append(indent + body)
    out: list[str] = []
    last = len(lines) - 1 if text.endswith("\n") else len(lines)
    for n, line in enumerate(lines):
        if n == last:
            out.extend(after)
        out.extend(before.get(n, ()))
        if n in dropped:
            continue
        if n in cut:
            line = line[: cut[n]].rstrip()
        if n in tail:
            line = f"{line}  {tail[n]}"
        out.append(line)
    if last == len(lines):
        out.extend(after)
    new = "\n".join(out)
    held = _read(text)
    if _read(new) == held:
        return new, []
    # Never seen: keep the text as it was, and every comment it lacks at its end.
    bodies = [body for _, _, body in insert]
    safe = text + ("" if text.endswith("\n") else "\n") + "".join(f"{b}\n" for b in bodies)
    note = f"{len(bodies)} comment(s) could not be put at their places: kept at the end"
    return safe, [note]


def _read(text: str) -> Plan | None:
    """The plan `text` holds, if it is a valid plan file."""
    from peaceplan.io.load import check_text

    got, problems = check_text(text, "<merged>", lines=False)  # no lines needed: 4x faster
    return got if not problems else None
