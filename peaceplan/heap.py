"""Large intermediate state that a process ending without teardown keeps instead of freeing.

Freeing a heap of many small objects takes time: the aligner's state for a 5,000-point diff
takes ~0.02 s, spent between aligning and describing the changes. The `peaceplan` command ends
with os._exit and never frees its heap, so it calls `keep_until_exit()`, and `release()` then
parks such state until the process ends. For a notebook or any other Python caller nothing is
parked, and memory is freed as usual.
"""

from __future__ import annotations

_parked: list[object] | None = None


def keep_until_exit() -> None:
    """From now on `release()` parks what it is given: only for a process that ends with
    os._exit, whose heap is never freed anyway."""
    global _parked
    if _parked is None:
        _parked = []


def release(state: object) -> None:
    """Done with `state`: free it now, or park it when the process ends without teardown."""
    if _parked is not None:
        _parked.append(state)
