"""Benchmarks time peaceplan with its bytecode cached, as an installed copy runs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import peaceplan

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ is not installed
    sys.path.insert(0, str(ROOT))

from benchmarks.bytecode import compile_peaceplan  # noqa: E402


def test_every_module_has_fresh_bytecode_after_compiling() -> None:
    # even where PYTHONDONTWRITEBYTECODE kept imports from caching it (this test's own run)
    compile_peaceplan()
    sources = sorted(Path(peaceplan.__file__).parent.rglob("*.py"))
    assert len(sources) > 50
    for source in sources:
        cached = Path(importlib.util.cache_from_source(str(source)))
        assert cached.exists(), source
        # what the importer checks before using it: the source's mtime and size in the header
        header, stat = cached.read_bytes()[8:16], source.stat()
        assert int.from_bytes(header[:4], "little") == int(stat.st_mtime) & 0xFFFFFFFF, source
        assert int.from_bytes(header[4:], "little") == stat.st_size & 0xFFFFFFFF, source
