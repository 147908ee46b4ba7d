"""Cache peaceplan's bytecode before a benchmark times the command.

An installed copy compiles its modules once and reuses the cached bytecode. Where
PYTHONDONTWRITEBYTECODE is set (some CI images and sandboxes do), an editable install from a
clone never caches it, and every `peaceplan` run compiles its modules again: ~0.2 s that a
benchmark would charge to the program.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import peaceplan


def compile_peaceplan(package: Path | None = None) -> None:
    """Write the bytecode of every module of `package` (default: peaceplan's own folder) that
    lacks an up-to-date copy."""
    compileall.compile_dir(package or Path(peaceplan.__file__).parent, quiet=1)
