"""The one escaping module every renderer uses: hostile text stays literal text in each format.

Markdown is checked with a real CommonMark parser (markdown-it-py, with GFM tables and
strikethrough): whatever the input, the escaped text renders as exactly that text and nothing else.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from peaceplan.text import (
    html_text,
    json_safe,
    json_safe_bytes,
    markdown_text,
    mention_safe,
    one_line,
    terminal_safe,
)

# Characters with a meaning somewhere in Markdown, HTML or a terminal, mixed with ordinary text.
TRICKY = [
    *"ab xyz019.-+=#*_`[]()!|~$<>&\\\n\t:/;\"'{}^@%",
    "\x1b",
    "\x07",
    "\x9b",
    "\r",
    "\r\n",
    "\u2028",
    "\u202e",
    "\u00a0",
    "&amp;",
    "&#60;",
    "<script>",
    "</details>",
    "```",
    "    ",
    "1. ",
    "- ",
    "http://x.invalid",
]
texts = st.lists(st.sampled_from(TRICKY) | st.characters(), max_size=30).map("".join)


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag == "br":
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(markdown: str) -> tuple[list[str], str]:
    """The HTML tags and the text a Markdown source renders to."""
    c = _Collect()
    c.feed(parser().render(markdown))
    c.close()
    return c.tags, "".join(c.text)


def expected_text(text: str) -> str:
    """What a reader should see: controls made visible, any line break shown as a break (and
    in Markdown an invisible word joiner after "@", so that no mention notifies anyone)."""
    visible = mention_safe(terminal_safe(text))
    for br in ("\r\n", "\r", "\u2028", "\u2029", "\x85"):
        visible = visible.replace(br, "\n")
    return visible


def test_terminal_safe_makes_controls_visible() -> None:
    text = "a\x1b[2Jb\x1b]0;title\x07c\x9b31m\u202eevil\ttab\nline\x7f"
    out = terminal_safe(text)
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\u202e" not in out
    assert "\x7f" not in out
    assert out == "a\\x1b[2Jb\\x1b]0;title\\x07c\\x9b31m\\u202eevil\ttab\nline\\x7f"
    # the noncharacters U+FFFE and U+FFFF too: no XML (SVG, the .docx) may hold them
    assert terminal_safe("a\ufffeb\uffff") == "a\\ufffeb\\uffff"


def test_json_safe_escapes_what_a_terminal_would_act_on() -> None:
    raw = '"a\x7fb\x9b31m\u2028\u202eevil\u2066 – € ü"'
    assert json_safe(raw) == '"a\\u007fb\\u009b31m\\u2028\\u202eevil\\u2066 – € ü"'
    assert json.loads(json_safe(raw)) == json.loads(raw)


# Text rich in the bytes that lead (or nearly lead) the escaped characters' UTF-8 forms.
near_escapes = st.text(
    st.characters(blacklist_categories=("Cs",))
    | st.sampled_from(
        list("\x7f\x80\x9b\x9f\xa0\xbf\u2013\u2027\u2028\u202e\u202f\u2065\u2066\u2069\u206a")
    )
)


@settings(max_examples=300, derandomize=True)
@given(near_escapes)
def test_json_safe_bytes_is_json_safe_in_utf8(text: str) -> None:
    # the CLI's JSON diff is escaped as bytes; it must be exactly the text escape, encoded
    assert json_safe_bytes(text.encode()) == json_safe(text).encode()


def test_one_line() -> None:
    assert one_line("a\n\n  b\r\nc\u2028d ") == "a b c d"


def test_html_text_escapes_markup_and_controls() -> None:
    out = html_text("<script>alert('x')</script> & \"q\" \x1b[2J")
    assert out == ("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot; \\x1b[2J")


def test_markdown_text_examples() -> None:
    assert markdown_text("600,000 personnel") == "600,000 personnel"
    assert markdown_text("a | b") == "a \\| b"
    assert markdown_text("<details>") == "&lt;details&gt;"
    assert markdown_text("# Title") == "\\# Title"
    assert markdown_text("- item") == "\\- item"
    assert markdown_text("1. first") == "1\\. first"
    assert markdown_text("0.83") == "0.83"
    assert markdown_text("    code") == "&#32;&#32;&#32;&#32;code"
    assert markdown_text("a\nb") == "a<br>b"
    assert markdown_text("- item", line_start=False) == "- item"


@settings(max_examples=300, derandomize=True, deadline=None)
@given(texts)
def test_markdown_text_renders_literally_in_a_paragraph(text: str) -> None:
    tags, shown = rendered(markdown_text(text) + "\n")
    # A paragraph drops surrounding whitespace (the parser's idea of it includes Unicode spaces).
    want = expected_text(text).strip()
    if not want:
        return
    assert set(tags) <= {"p", "/p", "br"}, tags
    assert shown.strip() == want


@settings(max_examples=200, derandomize=True, deadline=None)
@given(texts)
def test_markdown_text_after_other_text(text: str) -> None:
    tags, shown = rendered("x " + markdown_text(text, line_start=False) + " y\n")
    assert set(tags) <= {"p", "/p", "br"}, tags
    assert shown.rstrip("\n") == "x " + expected_text(text) + " y"


TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td"}


class _Cells(HTMLParser):
    """The text of each <td> of a rendered table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "td":
            self.inside = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.cells[-1] += data


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(texts, min_size=3, max_size=3))
def test_markdown_table_cells_keep_the_table_shape(cells: list[str]) -> None:
    row = "| " + " | ".join(markdown_text(one_line(c)) or " " for c in cells) + " |"
    source = "| a | b | c |\n| --- | --- | --- |\n" + row + "\n"
    tags, _ = rendered(source)
    assert {t.lstrip("/") for t in tags} <= TABLE_TAGS, tags
    assert tags.count("tr") == 2 and tags.count("td") == 3
    found = _Cells()
    found.feed(parser().render(source))
    assert found.cells == [expected_text(one_line(c)) for c in cells]
