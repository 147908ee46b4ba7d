"""The HTML redline: a self-contained page (no script, nothing remote) and a Jupyter fragment."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from render_samples import hostile_diff, same_diff, sample_diff

from peaceplan.render.html import diff_html

OWN_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "div",
    "h2",
    "h3",
    "h4",
    "p",
    "strong",
    "em",
    "span",
    "ul",
    "li",
    "table",
    "tr",
    "th",
    "td",
    "a",
    "section",
    "del",
    "ins",
}


class Page(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_page_content() -> None:
    html = diff_html(sample_diff(), explain=True)
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>ukraine-2025: us-28 -&gt; ua-20</title>" in html
    text = "".join(Page(html).text)
    assert "Size of the armed forces (#5 -> #4)" in text
    assert "600,000 personnel" in text and "800,000 personnel" in text
    assert html.index("Changed figures") < html.index("<h3>Changes</h3>")
    assert "<del>600,000</del><ins>800,000</ins>" in html
    assert text.count("renumbered -1") == 1
    assert "us-28 #8 -> ua-20 #7 + #8" in text
    assert "us-28 #9 + #10 -> ua-20 #9" in text
    assert "matched by content, similarity 0.71" in text
    assert "7 points unchanged (4 renumbered)." in text
    assert 'class="pp-change pp-split' in html
    assert "No NATO troops" not in text


def test_self_contained_no_script_no_remote_resources() -> None:
    html = diff_html(sample_diff())
    page = Page(html)
    assert set(page.tags) <= OWN_TAGS
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert "url(" not in html and "@import" not in html
    assert "http://" not in html and "https://" not in html
    assert ("http-equiv", "Content-Security-Policy") in page.attrs
    # In-page links only (summary table -> change sections).
    hrefs = [v for k, v in page.attrs if k == "href"]
    assert hrefs and all(v.startswith("#pp-") for v in hrefs)
    ids = {v for k, v in page.attrs if k == "id"}
    assert {h[1:] for h in hrefs} <= ids


def test_fragment_for_jupyter() -> None:
    d = sample_diff()
    frag = diff_html(d, standalone=False)
    assert frag.startswith('<div class="peaceplan">') and "<html" not in frag
    assert "<style>" in frag  # styles travel with the fragment
    assert d._repr_html_() == frag


def test_no_differences() -> None:
    assert "No differences." in diff_html(same_diff())


@pytest.mark.parametrize("standalone", [True, False])
def test_hostile_text_is_escaped(standalone: bool) -> None:
    html = diff_html(hostile_diff(), standalone=standalone, explain=True)
    page = Page(html)
    assert "<script" not in html and "<img" not in html and "<!--" not in html
    assert set(page.tags) <= OWN_TAGS, set(page.tags) - OWN_TAGS
    assert not any(k.startswith("on") for k, _ in page.attrs)
    assert not any(k in ("src", "open") for k, _ in page.attrs)
    assert page.tags.count("table") == 2  # figures and changes; "</table>" in data stayed text
    assert page.tags.count("section") == 4
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text  # shown as text
    assert "\x1b" not in html and "\\x1b[2J" in text
    assert "\u202e" not in html
