"""The HTML outputs in a real browser (headless Chromium): the redline renders, and hostile
point text stays text, in the standalone page and in the fragments Jupyter shows."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import dump_dom, screenshot
from PIL import Image

from peaceplan.api import load
from peaceplan.diffing import diff_plans

ROOT = Path(__file__).resolve().parent.parent

# Each payload, if it ever ran, marks the page in a way --dump-dom shows.
MARK = "document.documentElement.setAttribute('data-pwned', '{}')"
HOSTILE = {
    "script": f"<script>window.__pwned=1; document.title='PWNED'; {MARK.format('script')}</script>",
    "img": f'<img src=x onerror="{MARK.format("img")}">',
    "svg": f'"><svg onload="{MARK.format("svg")}"></svg>',
    "style": f"</style><script>{MARK.format('style')}</script>",
    "textarea": "</textarea></title><iframe srcdoc='<script>parent."
    + MARK.format("iframe")
    + "</script>'>",
}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """Two versions whose titles, texts and options carry HTML and script payloads."""
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(
        "plan: hostile\nversion: a\npoints:\n"
        "  - id: army\n    number: '1'\n    title: Army\n"
        "    text: The army is capped at 600,000 personnel.\n"
        f"  - id: doomed\n    number: '2'\n    text: {_quote('Gone soon ' + HOSTILE['svg'])}\n",
        encoding="utf-8",
    )
    new.write_text(
        "plan: hostile\nversion: b\nbased_on: [a]\n"
        f"title: {_quote('Draft ' + HOSTILE['textarea'])}\n"
        "points:\n"
        f"  - id: army\n    number: '1'\n    title: {_quote('Army ' + HOSTILE['img'])}\n"
        f"    text: {_quote('The army is capped at 800,000 personnel. ' + HOSTILE['script'])}\n"
        "    options:\n"
        f"      - {{by: {_quote(HOSTILE['img'])}, text: {_quote(HOSTILE['style'])}}}\n"
        "      - {by: B, text: No cap.}\n"
        f"  - id: fresh\n    number: '2'\n    text: {_quote('New ' + HOSTILE['style'])}\n",
        encoding="utf-8",
    )
    return old, new


class Elements(HTMLParser):
    """Every element of a serialised DOM, as (tag, attribute names)."""

    def __init__(self, dom: str) -> None:
        super().__init__()
        self.found: list[tuple[str, list[str]]] = []
        self.feed(dom)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, [name for name, _ in attrs]))


def assert_inert(dom: str, title: str) -> None:
    """Nothing of the payloads became markup, and nothing ran."""
    elements = Elements(dom).found
    assert not any("data-pwned" in attrs for _, attrs in elements)  # what a payload would set
    assert f"<title>{title}</title>" in dom
    tags = {tag for tag, _ in elements}
    assert not tags & {"script", "img", "svg", "iframe"}, tags
    handlers = [(tag, a) for tag, attrs in elements for a in attrs if a.startswith("on")]
    assert not handlers
    # ...and the payloads are there, as text the reader can see.
    assert "&lt;script&gt;window.__pwned=1;" in dom
    assert "&lt;img src=x onerror=" in dom


def test_browser_runs_scripts_so_the_checks_can_fail(tmp_path: Path) -> None:
    # Control: the same payloads left raw do run, and the DOM shows it.
    page = tmp_path / "raw.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><title>raw</title></head><body>"
        f"{HOSTILE['script']}{HOSTILE['img']}</body></html>"
    )
    dom = dump_dom(page, tmp_path / "profile")
    assert 'data-pwned="' in dom
    assert "<title>PWNED</title>" in dom
    assert_inert_would_fail = pytest.raises(AssertionError)
    with assert_inert_would_fail:
        assert_inert(dom, "raw")


def test_redline_page_renders_the_redline(tmp_path: Path, run) -> None:
    page = tmp_path / "redline.html"
    code, _, err = run("diff", "us-28", "ua-20", "--format", "html", "-o", str(page))
    assert code == 1, err
    dom = dump_dom(page, tmp_path / "profile")
    assert "<title>ukraine-2025: us-28 -&gt; ua-20</title>" in dom
    assert re.search(r"<del>[^<]*600,000[^<]*</del>", dom)
    assert re.search(r"<ins>[^<]*800,000[^<]*</ins>", dom)
    assert "<script" not in dom.lower()
    # Rendered, not just parsed: the redline's red and green backgrounds are on screen.
    png = screenshot(page, tmp_path / "profile", tmp_path / "redline.png", "1200,8000")
    colours = Image.open(png).convert("RGB").getcolors(maxcolors=1 << 20)
    count = {rgb: n for n, rgb in colours}
    assert count.get((0xFF, 0xEB, 0xE9), 0) > 200  # <del> background
    assert count.get((0xDA, 0xFB, 0xE1), 0) > 200  # <ins> background


def test_hostile_text_stays_text_in_the_redline_page(
    tmp_path: Path, run, hostile: tuple[Path, Path]
) -> None:
    old, new = hostile
    page = tmp_path / "hostile.html"
    code, _, err = run("diff", str(old), str(new), "--format", "html", "-o", str(page), plans=None)
    assert code == 1, err
    dom = dump_dom(page, tmp_path / "profile")
    assert_inert(dom, "hostile: a -&gt; b")
    assert re.search(r"<del>[^<]*600,000[^<]*</del>", dom)


def test_hostile_text_stays_text_in_jupyter_html(
    tmp_path: Path, hostile: tuple[Path, Path]
) -> None:
    # Jupyter puts _repr_html_ into its own page, with no CSP of ours to fall back on.
    old, new = (load(p) for p in hostile)
    fragments = [new._repr_html_(), diff_plans(old, new)._repr_html_()]
    page = tmp_path / "notebook.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>notebook</title></head><body>"
        + "".join(f"<div class='output'>{f}</div>" for f in fragments)
        + "</body></html>",
        encoding="utf-8",
    )
    dom = dump_dom(page, tmp_path / "profile")
    assert_inert(dom, "notebook")
    assert dom.count('class="peaceplan"') == 2


def test_shown_version_marks_uncertain_and_inferred_on_screen(tmp_path: Path, run) -> None:
    pages = {}
    for version in ("ua-20", "geneva-19"):
        code, html, err = run("show", version, "--format", "html")
        assert code == 0, err
        pages[version] = tmp_path / f"{version}.html"
        pages[version].write_text(html, encoding="utf-8")
    dom = dump_dom(pages["ua-20"], tmp_path / "profile")
    assert "<title>ukraine-2025/ua-20: 20-point framework and side documents</title>" in dom
    assert re.search(r'<span class="pp-badge pp-uncertain" title="[^"]+">uncertain</span>', dom)
    # Rendered, not just parsed: the badges' backgrounds are on screen, one colour per certainty.
    for version, rgb in (("ua-20", (0xFB, 0xEF, 0xFF)), ("geneva-19", (0xDD, 0xF4, 0xFF))):
        png = screenshot(pages[version], tmp_path / "profile", tmp_path / f"{version}.png")
        colours = Image.open(png).convert("RGB").getcolors(maxcolors=1 << 20)
        assert {c: n for n, c in colours}.get(rgb, 0) > 300, version
