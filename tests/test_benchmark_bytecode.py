"""Benchmarks time peaceplan with its bytecode cached, as an installed copy runs."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import peaceplan

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ is not installed
    sys.path.insert(0, str(ROOT))

from benchmarks.bytecode import compile_peaceplan  # noqa: E402


def test_every_module_has_fresh_bytecode_after_compiling(tmp_path: Path) -> None:
    # a copy without any cached bytecode, as an editable install under PYTHONDONTWRITEBYTECODE
    package = tmp_path / "peaceplan"
    shutil.copytree(
        Path(peaceplan.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    sources = sorted(package.rglob("*.py"))
    assert len(sources) > 50
    assert not list(package.rglob("*.pyc"))
    compile_peaceplan(package)
    for source in sources:
        cached = Path(importlib.util.cache_from_source(str(source)))
        assert cached.exists(), source
        # what the importer checks before using it: the source's mtime and size in the header
        header, stat = cached.read_bytes()[8:16], source.stat()
        assert int.from_bytes(header[:4], "little") == int(stat.st_mtime) & 0xFFFFFFFF, source
        assert int.from_bytes(header[4:], "little") == stat.st_size & 0xFFFFFFFF, source
