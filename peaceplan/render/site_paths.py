"""Where every page of a peaceplan site lives: safe file names for any name or key, relative
links between pages, and the marker file that says a folder is a site peaceplan built."""

from __future__ import annotations

import hashlib
import posixpath
import re

__all__ = ["MARKER", "Paths", "rel", "slug"]

MARKER = ".peaceplan-site"  # the file that says a folder is a site peaceplan built


def slug(text: str) -> str:
    """A file name for any name or key: safe characters kept, others replaced, plus a short hash
    when anything was replaced or a letter is a capital (so two names never share a file, on
    any disk, and `..` and `--` are left free to join two names)."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", text).strip(".") or "_"
    # ".." and "--" join two names in a file name (OLD..NEW, VERSION--KEY): never inside one
    safe = re.sub(r"\.\.+|--+", "_", safe)
    # a capital letter gets the hash too: macOS and Windows disks do not tell V1.html from
    # v1.html, and one page would silently replace the other
    if safe != text or any(c.isupper() for c in safe):
        safe = f"{safe[:60]}-{hashlib.sha1(text.encode()).hexdigest()[:6]}"
    return safe[:80]


def rel(here: str, there: str) -> str:
    """The relative URL from page `here` to page `there` (both site paths)."""
    return posixpath.relpath(there, posixpath.dirname(here) or ".")


# The files at the top of the site, which no negotiation's folder may take the name of (in any
# case: macOS and Windows disks do not tell INDEX.HTML from index.html).
_TOP_FILES = frozenset({"index.html", MARKER})


class Paths:
    """Where each page of one negotiation lives."""

    def __init__(self, plan: str):
        folder = slug(plan)
        if folder.lower() in _TOP_FILES:  # a negotiation called index.html: not the front page
            folder = f"{folder}-{hashlib.sha1(plan.encode()).hexdigest()[:6]}"
        self.dir = folder

    def index(self) -> str:
        """The negotiation's front page."""
        return f"{self.dir}/index.html"

    def version(self, v: str) -> str:
        """The page of one version."""
        return f"{self.dir}/v/{slug(v)}.html"

    def diff(self, old: str, new: str) -> str:
        """The diff page of two versions."""
        return f"{self.dir}/diff/{slug(old)}..{slug(new)}.html"

    def point(self, row_id: str) -> str:
        """The history page of the point (matrix row) `row_id`."""
        version, _, key = row_id.partition(":")
        return f"{self.dir}/point/{slug(version)}--{slug(key)}.html"

    def matrix(self) -> str:
        """The matrix page."""
        return f"{self.dir}/matrix.html"

    def figures(self) -> str:
        """The figures page."""
        return f"{self.dir}/figures.html"

    def status(self) -> str:
        """The positions and convergence page."""
        return f"{self.dir}/status.html"

    def flow(self) -> str:
        """The flow diagram."""
        return f"{self.dir}/flow.svg"
