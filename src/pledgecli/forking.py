"""A helper process forked to do part of a command's work beside it (``collect/prefetch.py``,
``render/xlsx_beside.py``): only on Linux, with more than one processor to run on, and
when this process has no other thread (a fork copies only the thread that makes it: a lock
another one held would stay held in the copy)."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1  # prctl(2)


def processors() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork(*, threads: bool = True) -> bool:
    """Whether a helper would be forked now (``threads``: asking whether no other thread
    runs too; without it, whether one would be once they are done)."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and processors() > 1
        and (not threads or threading.active_count() == 1)
    )


def fork_helper(work: Callable[[int], object], pipe_bytes: int = 0) -> tuple[int, int] | None:
    """A helper forked to run ``work(descriptor)``, ``descriptor`` the writing end of a
    pipe (of ``pipe_bytes`` when the system allows it): its process id and the reading
    end; None when no helper is forked (see :func:`can_fork`). The helper ends when
    ``work`` returns or raises, with ``os._exit``: nothing of this process runs in it then
    (its exit handlers, its buffered output), and what it meets is not said (the caller
    does the work itself when the helper does not say it did). Ctrl-C simply ends it
    (unless this process ignores it: then so does the helper)."""
    if not can_fork():
        return None
    read_end, write_end = os.pipe()
    if pipe_bytes:
        with contextlib.suppress(OSError, ImportError):  # a larger pipe: fewer waits
            import fcntl

            fcntl.fcntl(write_end, getattr(fcntl, "F_SETPIPE_SZ", 1031), pipe_bytes)
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:
        try:
            _end_with(parent)
            os.close(read_end)
            if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # not ignored: Ctrl-C ends it
            work(write_end)
        finally:
            os._exit(0)
    os.close(write_end)
    return pid, read_end


def _end_with(parent: int) -> None:
    """This helper killed when ``parent``, which forked it, ends, however it ends (killed,
    out of memory): it never works on for a command that is gone."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before that was asked
        os._exit(0)


def end_helper(pid: int) -> None:
    """The helper ended (killed, if it still runs) and waited for."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)
