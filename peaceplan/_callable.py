"""Packages that share their name with an API function stay callable.

`import peaceplan.diff` binds the attribute `peaceplan.diff` to the package, hiding the function
`peaceplan.diff(a, b)`. A package that calls `make_callable(__name__, "module:function")` becomes
callable, forwarding to that function, so `peaceplan.diff(...)` works whichever was bound last.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


class CallableModule(types.ModuleType):
    """A module that, when called, calls the function named by its `__call_target__`."""

    __call_target__: str

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        module, attr = self.__call_target__.split(":")
        return getattr(importlib.import_module(module), attr)(*args, **kwargs)


def make_callable(name: str, target: str) -> None:
    """Make the loaded module `name` call `target` ("package.module:function") when called."""
    module = sys.modules[name]
    module.__call_target__ = target  # type: ignore[attr-defined]
    module.__class__ = CallableModule
