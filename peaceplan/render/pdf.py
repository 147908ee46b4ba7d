"""HTML -> PDF through headless Chromium's printer (print CSS included), for `--format pdf`.

Chromium is found on PATH (chromium, chromium-browser, google-chrome); without one the command
says how to get it. The page is printed from a temporary file, with no network and no scripts.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from peaceplan.errors import PdfError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  table, tr, p { break-inside: avoid; }
  .pp-doc p { margin: 0.2em 0; }
}
"""


def html_to_pdf(html: str, *, timeout: float = 120) -> bytes:
    """Print a standalone HTML page to PDF bytes with headless Chromium."""
    browser = next((b for b in map(shutil.which, BROWSERS) if b), None)
    if browser is None:
        raise PdfError("PDF output needs Chromium to print with: apt-get install chromium")
    page = html.replace("</head>", f"<style>{PRINT_CSS}</style>\n</head>", 1)
    with tempfile.TemporaryDirectory(prefix="peaceplan-pdf-") as tmp:
        src, out = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        src.write_text(page, "utf-8")
        proc = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-extensions",
                "--no-pdf-header-footer",
                f"--user-data-dir={tmp}/profile",
                f"--print-to-pdf={out}",
                src.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if not out.is_file() or out.stat().st_size == 0:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise PdfError(f"Chromium could not print the page: {last}")
        return out.read_bytes()
