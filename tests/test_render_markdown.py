"""The Markdown renderer (PR comments, notebooks): content, and hostile text kept harmless.

Output is parsed with markdown-it-py (CommonMark + GFM tables + strikethrough, raw HTML on, as
GitHub renders it) to check the table's shape and every tag that ends up in the page.
"""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt
from render_samples import hostile_diff, same_diff, sample_diff

from peaceplan.render.markdown import diff_markdown

# The only tags the renderer itself writes; anything else came from data.
OWN_TAGS = {
    "h3",
    "h4",
    "p",
    "ul",
    "li",
    "strong",
    "em",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "details",
    "summary",
    "del",
    "ins",
    "br",
    "blockquote",
}


def render(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


class Page(HTMLParser):
    """Tags and table rows (cells per row) of rendered HTML."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_summary_figures_and_table() -> None:
    md = diff_markdown(sample_diff())
    assert md.startswith("### ukraine-2025: us-28 -&gt; ua-20\n")
    assert (
        "**4 points modified, 1 point split, 1 point merged, 1 point removed, 1 point added,"
        " 5 points and 2 sub-points unchanged; 1 point moved**"
    ) in md
    page = Page(render(md))
    figures, changes = page.tables
    assert figures[0] == ["Point", "Before", "After"]
    assert figures[1] == [
        "Size of the armed forces (#5 -> #4)",
        "600,000 personnel",
        "800,000 personnel",
    ]
    assert md.index("Changed figures") < md.index("#### Changes")
    assert changes[0] == ["Kind", "Old #", "New #", "Title", "Similarity"]
    rows = {tuple(r[:3]) for r in changes[1:]}
    assert ("split", "8", "7, 8") in rows
    assert ("merged", "9, 10", "9") in rows
    assert ("removed", "3", "") in rows and ("added", "", "13") in rows
    assert ("modified, moved", "11", "12") in rows
    assert ["modified", "5", "4", "Size of the armed forces", "0.78"] in changes
    # Unchanged points are counted, not listed.
    assert "No NATO troops" not in md
    assert "_7 points unchanged (4 renumbered)._" in md


def test_renumbering_once_and_details_per_change() -> None:
    md = diff_markdown(sample_diff())
    assert md.count("renumbered -1") == 1
    assert "- points 4-7 renumbered -1 (now 3-6)" in md
    assert md.count("<details>") == md.count("</details>") == 8
    assert "<summary>modified us-28 #5 -&gt; ua-20 #4: Size of the armed forces</summary>" in md
    html = render(md)
    assert "<del>600,000</del><ins>800,000</ins>" in html
    assert "<summary>merged us-28 #9 + #10 -&gt; ua-20 #9: Frozen assets</summary>" in html


def test_explain_and_only() -> None:
    md = diff_markdown(sample_diff(), explain=True)
    assert "_matched by content, similarity 0.71_" in md
    only = diff_markdown(sample_diff(), only={"removed", "added"})
    rows = Page(render(only)).tables[-1]
    assert [r[0] for r in rows[1:]] == ["removed", "added"]
    assert "Renumbered" not in only


def test_no_differences() -> None:
    md = diff_markdown(same_diff())
    assert "No differences." in md and "<details>" not in md


def test_hostile_text_cannot_break_the_table_or_inject_markup() -> None:
    md = diff_markdown(hostile_diff(), explain=True)
    assert "\x1b" not in md and "\u202e" not in md
    html = render(md)
    page = Page(html)
    assert set(page.tags) <= OWN_TAGS, set(page.tags) - OWN_TAGS
    assert "<script" not in html and "<img" not in html and "<a " not in html
    # No attribute (href, src, onerror, open...) but the table's own column alignment.
    assert set(page.attrs) <= {("style", "text-align:right")}
    # Every row of every table has as many cells as its header.
    assert len(page.tables) == 2
    for table in page.tables:
        assert {len(row) for row in table} == {len(table[0])}
    changes = page.tables[1]
    assert len(changes) == 5  # header + 4 changes: no row split or swallowed
    # The <details> blocks are the renderer's own: the data's </details><details open> is text.
    assert page.tags.count("details") == 4
    assert page.tags.count("summary") == 4
    # Hostile text survives as visible text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\x1b[2J" in html
    assert "[link](javascript:alert(1))" in html
    # No heading, list or code block was smuggled in beyond the renderer's own.
    assert page.tags.count("h3") == 1
    assert page.tags.count("li") == md.count("\n- ")


def test_repr_markdown_is_the_markdown_renderer() -> None:
    d = sample_diff()
    assert d._repr_markdown_() == diff_markdown(d)
