"""The public API's names are honest: functions stay functions whatever is imported."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import peaceplan

PACKAGES = ("aligning", "diffing", "merging", "reviewing")


def test_functions_keep_their_signatures_after_the_packages_are_imported() -> None:
    for name in PACKAGES:
        importlib.import_module(f"peaceplan.{name}")
    for func in ("align", "diff", "merge", "review"):
        obj = getattr(peaceplan, func)
        assert inspect.isfunction(obj), func
        assert "args" not in inspect.signature(obj).parameters, func
    assert list(inspect.signature(peaceplan.diff).parameters)[:2] == ["old", "new"]


def test_in_a_fresh_interpreter_too() -> None:
    # Import order matters for attribute binding: check it where nothing was imported before.
    code = (
        "import inspect, peaceplan.diffing, peaceplan.merging, peaceplan;"
        "print(inspect.signature(peaceplan.diff)); print(type(peaceplan.merge).__name__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    first, second = out.splitlines()
    assert first.startswith("(old") and second == "function"


def test_no_callable_module_trick_is_left() -> None:
    root = Path(peaceplan.__file__).parent
    assert not (root / "_callable.py").exists()
    for name in PACKAGES:
        assert not callable(importlib.import_module(f"peaceplan.{name}")), name
