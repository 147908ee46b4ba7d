"""The sample plans shipped in the wheel, for `peaceplan init`: a copy of the repository's
`plans/` (tests/test_init.py keeps them identical), so a pip user has something to diff."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from peaceplan.errors import UsageError

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # importlib.resources.abc is 3.11+; importlib.abc's is deprecated there
        from importlib.abc import Traversable

SAMPLES = ("ukraine-2025", "minsk")  # the negotiations shipped, in `init all` order


@attrs.frozen
class SampleFile:
    """One file to copy: its path under the plans folder and its bytes."""

    relative: str
    data: bytes


def sample_files(which: str = "ukraine-2025") -> tuple[SampleFile, ...]:
    """The files of one sample negotiation (or of `all`), sorted by path."""
    names = SAMPLES if which == "all" else (which,)
    unknown = [n for n in names if n not in SAMPLES]
    if unknown:
        raise UsageError(f"{unknown[0]}: no such sample; choose from {', '.join(SAMPLES)}, all")
    root = files(__name__)
    out: list[SampleFile] = []
    for name in names:
        out.extend(_walk(root.joinpath(name), name))
    return tuple(sorted(out, key=lambda f: f.relative))


def _walk(folder: Traversable, prefix: str) -> list[SampleFile]:
    """The YAML files below `folder`, with paths relative to the samples root."""
    out: list[SampleFile] = []
    for entry in folder.iterdir():
        rel = f"{prefix}/{entry.name}"
        if entry.is_dir():
            out.extend(_walk(entry, rel))
        elif entry.name.endswith(".yaml"):
            out.append(SampleFile(rel, entry.read_bytes()))
    return out


def install_samples(
    dest: str | os.PathLike[str], which: str = "ukraine-2025", *, force: bool = False
) -> tuple[Path, ...]:
    """Copy the sample `which` into the plans folder `dest`; return the files written.

    Refuses (UsageError, nothing written) if any of them exists, unless `force`. Atomic: the files
    are written to a temporary folder beside `dest`, then each moved into place by rename.
    """
    wanted = sample_files(which)
    target = Path(dest)
    existing = [target / f.relative for f in wanted if (target / f.relative).exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise UsageError(f"{names}: already there; nothing copied (--force overwrites)")
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".peaceplan-init-", dir=target))
    try:
        for f in wanted:
            path = staging / f.relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(f.data)
        written = []
        for f in wanted:
            final = target / f.relative
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / f.relative, final)
            written.append(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return tuple(written)
