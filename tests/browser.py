"""Headless Chromium for tests: load a page from a file, return its DOM after scripts ran.

On a developer's machine without Chromium these tests skip, saying why (`apt-get install
chromium` brings it). CI installs it (.ci/apt-packages) and sets PEACEPLAN_REQUIRE_BROWSER=1,
which turns a missing browser into a failure, so the HTML checks cannot quietly vanish there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
)


def chromium() -> str:
    """The path of the Chromium binary; skips the test when there is none (fails it in CI)."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    reason = "Chromium is needed for the browser tests: apt-get install chromium (.ci/run does)"
    if os.environ.get("PEACEPLAN_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


def tool(name: str, package: str) -> str:
    """The path of another program a test drives (pdftoppm, soffice); skips the test when it is
    missing, and fails it in CI, which installs it (.ci/apt-packages)."""
    found = shutil.which(name)
    if found:
        return found
    reason = f"{name} is needed for this test: apt-get install {package} (.ci/run does)"
    if os.environ.get("PEACEPLAN_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


def _run(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def dump_dom(page: Path, profile: Path) -> str:
    """The page's DOM, serialised after loading and running (1 s of virtual time for timers)."""
    out = _run(page, profile, "--virtual-time-budget=1000", "--dump-dom")
    assert out.returncode == 0 and "<html" in out.stdout, out.stderr[-2000:]
    return out.stdout


def screenshot(page: Path, profile: Path, png: Path, size: str = "1200,3000") -> Path:
    """A PNG of the rendered page at `size` (width,height in CSS pixels)."""
    out = _run(page, profile, f"--screenshot={png}", f"--window-size={size}")
    assert png.is_file(), out.stderr[-2000:]
    return png


def console_errors(page: Path, profile: Path) -> list[str]:
    """What the page logged to the console or failed to load, as Chromium reports it with
    --enable-logging=stderr (the lines naming the page's console or a failed resource)."""
    out = _run(
        page,
        profile,
        "--virtual-time-budget=1000",
        "--dump-dom",
        "--enable-logging=stderr",
        "--v=0",
    )
    assert out.returncode == 0 and "<html" in out.stdout, out.stderr[-2000:]
    return [
        line
        for line in out.stderr.splitlines()
        if "CONSOLE" in line or "ERR_FILE_NOT_FOUND" in line or "Refused to" in line
    ]
