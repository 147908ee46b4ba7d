"""The static site in a real browser (headless Chromium): the front page, the us-28 -> ua-20
diff and the armed-forces point render, log nothing to the console, and link only to files
that exist. Screenshots go to $PEACEPLAN_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import chromium, console_errors, dump_dom, screenshot
from PIL import Image

import peaceplan

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "site-index": "index.html",
    "site-diff-us-28-ua-20": "ukraine-2025/diff/us-28..ua-20.html",
    "site-point-armed-forces": "ukraine-2025/point/us-28--armed-forces.html",
}


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if k in ("href", "src") and v]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chromium()  # skip (or fail in CI) before building anything
    out = tmp_path_factory.mktemp("browser-site") / "site"
    peaceplan.build_site(out, plans=ROOT / "plans")
    return out


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_renders_without_errors_and_its_links_resolve(
    site: Path, tmp_path: Path, name: str
) -> None:
    page = site / PAGES[name]
    profile = tmp_path / "profile"
    dom = dump_dom(page, profile)
    assert "<script" not in dom
    parser = _Hrefs()
    parser.feed(dom)
    assert parser.hrefs
    for href in parser.hrefs:
        path = urlsplit(href).path
        if path:
            assert (page.parent / unquote(path)).resolve().is_file(), href
    assert console_errors(page, profile) == []
    png = screenshot(page, profile, tmp_path / f"{name}.png", size="1280,1400")
    with Image.open(png) as img:
        colours = img.convert("RGB").getcolors(maxcolors=1 << 16)
        # not a blank page: text, tables and the diff's colours
        assert colours is None or len(colours) > 50
    shots = os.environ.get("PEACEPLAN_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(shots) / png.name)


def test_the_diff_page_shows_the_army_figure_in_the_browser(site: Path, tmp_path: Path) -> None:
    dom = dump_dom(site / PAGES["site-diff-us-28-ua-20"], tmp_path / "profile")
    assert "600,000 personnel" in dom and "800,000 personnel" in dom


def test_the_flow_svg_renders(site: Path, tmp_path: Path) -> None:
    png = screenshot(
        site / "ukraine-2025" / "flow.svg", tmp_path / "p", tmp_path / "flow.png", "1200,900"
    )
    with Image.open(png) as img:
        colours = img.convert("RGB").getcolors(maxcolors=1 << 16)
        assert colours is None or len(colours) > 20
