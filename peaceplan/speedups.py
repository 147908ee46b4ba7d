"""The optional speed-ups of the `fast` extra (`pip install peaceplan[fast]`): yaml-rs, orjson
and cydifflib. Each is used where installed, and each has a fallback in the default install
(ruamel.yaml's C parser, the standard library's json, difflib) that gives byte-identical output.

$PEACEPLAN_PURE=1 turns them all off, read at each use: tests compare both paths that way, and it
rules the compiled extras out when chasing a problem.
"""

from __future__ import annotations

import functools
import importlib
import os
from types import ModuleType

PURE_ENV = "PEACEPLAN_PURE"


# The values that leave the speed-ups on, as environment flags are commonly written.
_OFF = frozenset({"", "0", "false", "no", "off"})


def pure() -> bool:
    """Whether $PEACEPLAN_PURE asks for the default install's code only: set to anything but
    0, false, no, off (any case) or nothing."""
    return os.environ.get(PURE_ENV, "").strip().lower() not in _OFF


def optional(name: str) -> ModuleType | None:
    """The module `name` if it is installed and $PEACEPLAN_PURE does not rule it out, else None."""
    return None if pure() else _installed(name)


@functools.cache
def _installed(name: str) -> ModuleType | None:
    """The module `name`, imported once, or None where it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None
