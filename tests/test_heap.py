"""Large intermediate state is parked only in a process that ends without teardown."""

from __future__ import annotations

import subprocess
import sys
import weakref
from pathlib import Path

from peaceplan import heap

REPO = Path(__file__).resolve().parent.parent


class _State:
    """Stands for a large intermediate result, such as the JSON-ready dict of a diff."""


def _released() -> weakref.ref:
    state = _State()
    heap.release(state)
    return weakref.ref(state)  # the last strong reference goes with this frame


def test_a_python_caller_gets_released_state_freed(monkeypatch) -> None:
    monkeypatch.setattr(heap, "_parked", None)  # as in a notebook: nothing asked to keep
    assert _released()() is None


def test_the_command_parks_released_state_until_it_exits(monkeypatch) -> None:
    monkeypatch.setattr(heap, "_parked", None)
    heap.keep_until_exit()
    assert _released()() is not None


def test_only_the_console_command_parks() -> None:
    # importing the CLI or diffing from Python never turns parking on; run() alone does
    code = (
        "import peaceplan, peaceplan.cli, peaceplan.heap as h\n"
        "peaceplan.diff('us-28', 'ua-20')\n"
        "assert h._parked is None, h._parked\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
