"""Numbered lines -> points: the structure of a draft as people type and print it.

The input is a sequence of `Line`s (text, where it was found, indentation, and what the source
format already knows: a heading level, Word's automatic number). The parser recognises the usual
markers -- "1.", "1)", "Point 1:", "Article 1", "6.1", "(a)", "a)", "i.", roman numerals,
bullets under a number -- headings that open side documents, a preamble before the first point,
and bracketed options ("[Option (Ukraine): ...]"). Whatever it cannot place is returned as
unclassified, with its location, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import attrs

from peaceplan.model import Document, Option, Plan, Point


@attrs.frozen
class Line:
    """One line (or paragraph) of a source document."""

    text: str
    where: str  # "file:line", "file:paragraph 3", "file:page 2"
    indent: int = 0  # leading spaces (or a list level x 4 for Word)
    heading: int = 0  # 1 = title, 2+ = section heading, when the format says so
    number: str | None = None  # Word's automatic number, when the format computed it
    level: int | None = None  # Word's list level (0 = top), when numbered automatically
    bold_prefix: str | None = None  # a leading bold run (a point's title in a document)
    blank_before: bool = False
    # Text beside the body (a tracked deletion, a header, a note): reported, never a point.
    aside: bool = False


@attrs.frozen
class Parsed:
    """What the parser made of a document."""

    title: str | None
    preamble: tuple[str, ...]
    points: tuple[Point, ...]
    documents: tuple[Document, ...]
    unclassified: tuple[Line, ...]
    partial: bool = False  # the document says it lists only the points reported
    # where each point starts in the document, in the order of the plan's flat() points
    wheres: tuple[str, ...] = ()

    def plan(self, plan: str, version: str) -> Plan:
        """The parsed points as a Plan (metadata the document cannot know left empty)."""
        return Plan(
            plan=plan,
            version=version,
            title=self.title,
            points=self.points if not self.documents else (),
            documents=self.documents,
            coverage="partial" if self.partial else "complete",
        )


_ROMAN = re.compile(r"(?=[ivxlc]+\Z)m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})\Z", re.I)
# Marker patterns, most specific first. Groups: the number as printed.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "article",
        re.compile(
            r"(?:Point|Article|Art\.|Section|Clause|Пункт|Статья)\s+(\w[\w.\-]*?)\s*[.:)\-–—]?\s+(.*)",
            re.I,
        ),
    ),
    ("decimal", re.compile(r"(\d+(?:\.\d+)+)\.?\s+(.*)")),
    ("arabic", re.compile(r"(\d{1,3})[.)]\s+(.*)")),
    ("paren", re.compile(r"\(([a-z]{1,4}|\d{1,3})\)\s+(.*)", re.I)),
    ("letter", re.compile(r"([a-z]|[ivxlc]{1,6})[.)]\s+(.*)", re.I)),
    ("bullet", re.compile(r"[-*•‣◦–]\s+(.*)")),
)
_OPTION = re.compile(r"\[Option(?: [A-Z])? \((.+?)\): (.*)\]\Z")
# What `peaceplan show` writes under a point or option that is not reported (render.document).
_CERTAINTY = re.compile(r"\[(Uncertain|Inferred)(?:, option \((.+?)\))?(?:: (.*))?\]\Z")
_PARTIAL = re.compile(r"\*?Partial version: only the points reported are listed\b.*")
_MD_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_TXT_HEADING = re.compile(r"==\s*(.+?)\s*==\Z")
_BOLD_TITLE = re.compile(r"\*\*(.+?)\*\*\s+(.*)")


def _slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return s[:40].strip("-") or "document"


@attrs.define
class _Node:
    number: str | None
    text: list[str]
    kind: str  # marker kind
    depth: int
    title: str | None = None
    indent: int = 0
    style: str = ""
    children: list[_Node] = attrs.Factory(list)
    options: list[Option] = attrs.Factory(list)
    certainty: tuple[str, str | None] = ("reported", None)
    where: str = ""  # where the point starts in the document

    def walk(self) -> Iterator[_Node]:
        """The node, then its sub-points', depth first (the order of Plan.flat())."""
        yield self
        for child in self.children:
            yield from child.walk()

    def build(self) -> Point:
        text = ""
        for part in (t.strip() for t in self.text):
            if not part:
                continue
            # A line broken after a hyphen ("non-" / "proliferation") joins without a space.
            glue = "" if not text or re.search(r"\w-\Z", text) else " "
            text += glue + part
        return Point(
            text=text or "(no text)",
            number=self.number,
            title=self.title,
            points=tuple(c.build() for c in self.children),
            options=tuple(self.options),
            certainty=self.certainty[0],
            certainty_note=self.certainty[1],
        )

    def mark(self, certainty: str, by: str | None, note: str | None) -> bool:
        """Give the point (or its option `by`, the last of that name) a certainty; False when
        it has no such option."""
        if by is None:
            self.certainty = (certainty, note)
            return True
        for n in range(len(self.options) - 1, -1, -1):
            if self.options[n].by == by:
                self.options[n] = attrs.evolve(
                    self.options[n], certainty=certainty, certainty_note=note
                )
                return True
        return False


def _marker(text: str) -> tuple[str, str | None, str] | None:
    """(kind, number, rest) of a line that starts with a point marker, else None."""
    for kind, pattern in _MARKERS:
        m = pattern.match(text)
        if m:
            if kind == "bullet":
                return kind, None, m.group(1)
            return kind, m.group(1), m.group(2)
    return None


def parse_lines(lines: Iterable[Line]) -> Parsed:
    """Classify each line: title, preamble, point, sub-point, continuation, heading, option."""
    title: str | None = None
    preamble: list[str] = []
    sections: list[tuple[str | None, str | None, list[_Node]]] = [(None, None, [])]
    unclassified: list[Line] = []
    stack: list[_Node] = []  # open points, outermost first
    last_letter: str | None = None

    def top() -> list[_Node]:
        return sections[-1][2]

    pending: str | None = None
    partial = False
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if line.aside:
            unclassified.append(line)
            continue
        if pending is not None:
            glue = "" if re.search(r"\w-\Z", pending) else " "
            text, pending = pending + glue + text, None
        bracket = text.startswith(("[Option", "[Uncertain", "[Inferred"))
        if (bracket and not text.endswith("]") and stack) or (
            text.startswith("== ") and not text.endswith("==")
        ):
            pending = text  # an option or a heading broken over lines (a PDF wraps long ones)
            continue
        md = _MD_HEADING.match(text)
        txt = _TXT_HEADING.match(text)
        if line.heading or md or txt:
            level = line.heading or (len(md.group(1)) if md else 2)
            head = md.group(2).strip() if md else (txt.group(1) if txt else text)
            if level == 1 and title is None and not any(s[2] for s in sections):
                title = head
            else:
                ident, _, rest = head.partition(": ")
                if rest and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._:-]*", ident):
                    sections.append((ident, rest, []))
                else:
                    sections.append((_slug(head), head, []))
                stack.clear()
            continue
        option = _OPTION.match(text)
        if option and stack:
            stack[-1].options.append(Option(by=option.group(1), text=option.group(2)))
            continue
        sure = _CERTAINTY.match(text)
        if sure and stack:
            if not stack[-1].mark(sure[1].lower(), sure[2], sure[3] or None):
                unclassified.append(line)  # names an option the point does not have
            continue
        if _PARTIAL.fullmatch(text) and not any(s[2] for s in sections):
            partial = True  # what `show` writes of a partial version: read back, not lost
            continue
        if line.number is not None:  # Word's automatic number ("" for a bullet)
            found: tuple[str, str | None, str] | None = ("auto", line.number or None, text)
        else:
            found = _marker(text)
        if found is None:
            if stack and not line.blank_before:
                stack[-1].text.append(text)  # a wrapped line of the same point
            elif not any(s[2] for s in sections) and len(sections) == 1:
                preamble.append(text)
            else:
                unclassified.append(line)
            continue
        kind, number, rest = found
        style = _style(kind, number, last_letter)
        depth = _depth(kind, number, style, line, stack)
        if ":alpha:" in style and number:
            last_letter = number.lower()
        bold = _BOLD_TITLE.match(rest)
        node_title: str | None = None
        if line.bold_prefix is not None:
            node_title, rest = _lead_title(text, rest, line.bold_prefix)
        elif bold:
            node_title, rest = bold.group(1).rstrip("."), bold.group(2)
        if kind == "decimal" and number:
            number = number  # "6.1" is kept whole: it is the full number
        node = _Node(
            number=number,
            text=[rest],
            kind=kind,
            depth=depth,
            title=node_title,
            indent=line.indent,
            style=style,
            where=line.where,
        )
        while len(stack) > depth:
            stack.pop()
        if depth == 0 or not stack:
            node.depth = 0
            top().append(node)
            stack[:] = [node]
        else:
            stack[-1].children.append(node)
            stack.append(node)
    documents: list[Document] = []
    points: tuple[Point, ...] = tuple(n.build() for n in sections[0][2])
    if len(sections) > 1:
        if sections[0][2]:
            documents.append(Document(id="main", title=None, points=points))
        for ident, head, nodes in sections[1:]:
            documents.append(
                Document(id=ident or "document", title=head, points=tuple(n.build() for n in nodes))
            )
        points = ()
    if title is None and preamble and len(preamble[0]) <= 100 and not preamble[0].endswith("."):
        title = preamble.pop(0)  # a short first line without a full stop reads as a title
    return Parsed(
        title,
        tuple(preamble),
        points,
        tuple(_unique_docs(documents)),
        tuple(unclassified),
        partial,
        tuple(n.where for _, _, nodes in sections for top_node in nodes for n in top_node.walk()),
    )


def _lead_title(text: str, rest: str, bold: str) -> tuple[str | None, str]:
    """(title, text) of a point whose paragraph has a bold run near its start: the bold run is
    the title only when the point's text (after its typed number, which the run may include)
    starts with it and goes on after it; a bold word further in is emphasis, not a title."""
    typed = text[: len(text) - len(rest)].strip()  # the number as typed ("3."), or ""
    lead = bold.strip()
    if typed and lead.startswith(typed):
        lead = lead[len(typed) :].strip()
    after = rest[len(lead) :].strip()
    if not lead or not rest.startswith(lead) or not after:
        return None, rest
    return lead.rstrip(".:"), after


def _unique_docs(documents: list[Document]) -> list[Document]:
    """Documents with unique ids, and points whose number repeats one of an earlier document
    (each annex numbering from 1) given an id "document:number", so every key stays unique."""
    from peaceplan.model import full_number

    seen: dict[str, int] = {}
    keys: set[str] = set()

    def fix(points: tuple[Point, ...], parent: str | None, doc: str) -> tuple[Point, ...]:
        out = []
        for p in points:
            full = full_number(parent, p.number)
            ident = p.id
            if full is not None and full in keys and ident is None:
                ident = f"{doc}:{full}"
            keys.add(ident or full or "")
            out.append(attrs.evolve(p, id=ident, points=fix(p.points, full, doc)))
        return tuple(out)

    result = []
    for d in documents:
        n = seen.get(d.id, 0)
        seen[d.id] = n + 1
        ident = d.id if n == 0 else f"{d.id}-{n + 1}"
        result.append(attrs.evolve(d, id=ident, points=fix(d.points, None, ident)))
    return result


def _style(kind: str, number: str | None, last_letter: str | None) -> str:
    """A marker's style, so that items of one list are recognised as siblings: the kind of
    marker, and for letters whether they are roman numerals (i, ii) or letters (a, b) and
    their case. An "i" right after an "h" is the letter."""
    if not number or number.isdigit() or kind in ("decimal", "auto", "bullet"):
        return kind
    letter_next = bool(
        last_letter
        and len(number) == 1
        and len(last_letter) == 1
        and ord(number.lower()) == ord(last_letter) + 1
    )
    cls = "roman" if _ROMAN.match(number) and not letter_next else "alpha"
    return f"{kind}:{cls}:{'upper' if number.isupper() else 'lower'}"


def _depth(kind: str, number: str | None, style: str, line: Line, stack: list[_Node]) -> int:
    """How deep a marker nests: by Word's list level, by the number's shape ("6.1"), by the
    indentation (four spaces a level), as the next item of a list already open (same style),
    else one level below the point before (letters and bullets under a number are its
    sub-points, roman numerals under a letter one level deeper)."""
    if kind == "auto":
        return line.level or 0
    if kind == "decimal" and number:
        return number.count(".")
    if not stack:
        return 0
    if line.indent >= 4:
        return min(len(stack), line.indent // 4)
    if kind in ("arabic", "article"):
        return 0
    for node in reversed(stack):
        if node.style == style and node.indent == line.indent:
            return node.depth  # the next item of the same list
    if kind == "bullet" and line.blank_before:
        return 0
    return stack[-1].depth + 1
