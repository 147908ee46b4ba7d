"""Use a second core: run an independent part of a job in a forked child process.

Python runs one thread of Python code at a time, so a large diff forks: the child computes its
part (loading the second version; a share of the candidate look-ups and of the changes to
build, see `kept`) while the parent does the rest, and sends its result back pickled through a
pipe.
Nothing forks unless the caller asks for it: `jobs` (the API's `jobs=`, the command line's
`--jobs N` or $PEACEPLAN_JOBS, read only there) is 1 by default, and then every part is computed
in the calling process. With `jobs` of 2 or more, forking is done only where it is safe: on
Linux, in a process running a single thread (so never inside a notebook kernel, whose threads a
fork would leave in an unknown state), with more than one core to use. Otherwise, or if the
child fails to report for any reason, the part is computed in the parent: the result never
depends on whether a second process ran.

>>> with in_background(load_file, "b.yaml") as later:
...     a = load_file("a.yaml")
...     b = later.result()
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Generic, TypeVar, cast

T = TypeVar("T")

_OK, _RAISED = b"r", b"e"
PIPE_BYTES = 1 << 20  # Linux's default limit for an unprivileged process (fs.pipe-max-size)
# Children whose result is in but which may still be exiting: reaped without waiting (by the
# next fork or result), as waiting for a large child to unmap its memory took a few ms each.
_exiting: list[int] = []
# The share of a divisible task the parent keeps: a forked child runs slower (its first write to
# each page of memory it shares copies the page) and must pickle its results, so an even split
# leaves the parent waiting (measured phase by phase on a 5,000-point diff).
PARENT_SHARE = 0.6


def kept(n: int, minimum: int, jobs: int = 1) -> int:
    """How many of `n` independent items the parent computes itself, the child taking the rest:
    all of them with `jobs` 1 (the default: no second process) or below `minimum` items (too
    few to be worth a fork)."""
    return n if jobs < 2 or n < minimum else round(n * PARENT_SHARE)


def can_fork() -> bool:
    """Whether a helper process may be forked here: Linux, one thread, two cores or more."""
    return (
        sys.platform == "linux"
        and threading.active_count() == 1
        and len(os.sched_getaffinity(0)) > 1
    )


class Background(Generic[T]):
    """`fn(*args)` running in a forked child; `result()` waits for it (or computes it here)."""

    def __init__(self, fn: Callable[..., T], *args: object, fork: bool = True) -> None:
        self._fn, self._args = fn, args
        self._pid = 0
        self._read = -1
        if fork and can_fork():
            self._start()

    @property
    def forked(self) -> bool:
        """Whether a child process is computing the result."""
        return self._pid != 0

    def _start(self) -> None:
        import pickle  # only when forking: a small diff does not pay for the import

        _reap()
        read, write = os.pipe()
        with contextlib.suppress(OSError, AttributeError):  # Linux only; a limit may refuse it
            # Room for a whole result (a 5,000-point plan pickles to 1.2 MB): the child reports
            # and exits without waiting for the parent to read 64 KiB at a time.
            import fcntl

            fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        try:
            pid = os.fork()
        except OSError:  # out of processes or memory: compute in the parent instead
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: compute, report, and leave without running any cleanup
            status = 1
            try:
                os.close(read)
                try:
                    data = _OK + pickle.dumps(self._fn(*self._args), pickle.HIGHEST_PROTOCOL)
                except Exception as exc:  # the parent raises it where it would have been raised
                    data = _RAISED + pickle.dumps(exc, pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                os._exit(status)  # never return into the parent's code, flush its buffers
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        """The value of `fn(*args)`, or the exception it raised, as if called here."""
        if not self._pid:
            return self._fn(*self._args)
        import pickle

        try:
            with os.fdopen(self._read, "rb") as inp:
                data = inp.read()
        finally:
            _exiting.append(self._pid)
            self._pid = 0
            _reap()
        # A child killed before it finished reporting leaves nothing or a cut-off pickle, an
        # exception that does not unpickle fails too: either way the work is done here.
        try:
            value = pickle.loads(data[1:])
        except Exception:
            return self._fn(*self._args)
        if data[:1] == _RAISED:
            raise value
        return cast(T, value)

    def cancel(self) -> None:
        """Stop and reap the child if its result is no longer wanted (the command failed)."""
        if self._pid:
            os.close(self._read)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, 9)
            os.waitpid(self._pid, 0)
            self._pid = 0

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cancel()


def _reap() -> None:
    """Collect the children in `_exiting` that have exited (each would linger as a zombie)."""
    for pid in list(_exiting):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # already collected (by a caller's own waitpid(-1))
            done = pid
        if done:
            _exiting.remove(pid)


def in_background(fn: Callable[..., T], *args: object, fork: bool = True) -> Background[T]:
    """Start `fn(*args)` in a forked child when that is possible (see `can_fork`)."""
    return Background(fn, *args, fork=fork)
