"""The write lock of a data directory: ``set`` and ``import`` read, plan and write under
it, so that no figure of one is lost to another running at the same time."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from pledgecli.collect.writer import cannot_write
from pledgecli.diagnostics import UserError, display_path
from pledgecli.i18n import _

LOCK_NAME = ".pledge.lock"
LOCK_TIMEOUT = 120.0  # seconds another writer may hold the data directory


@contextlib.contextmanager
def data_lock(root: Path) -> Iterator[None]:
    """Hold the data directory's write lock while reading, planning and writing;
    another ``set`` or ``import`` of the same directory waits for it (at most
    :data:`LOCK_TIMEOUT` seconds). The lock is taken on the directory itself
    (``flock``), so it leaves no file behind; where there is no ``flock``, on a
    ``.pledge.lock`` file in it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        with _file_lock(root):
            yield
        return
    try:
        descriptor = os.open(root, os.O_RDONLY)
    except OSError as error:
        raise cannot_write(root, error) from None
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        locked = True
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise _busy(root) from None
                time.sleep(0.02)
            except OSError:  # a file system that cannot lock a directory
                locked = False
                break
        if locked:
            yield
        else:
            with _file_lock(root):
                yield
    finally:
        os.close(descriptor)  # releases the lock


@contextlib.contextmanager
def _file_lock(root: Path) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(str(root / LOCK_NAME), timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise _busy(root) from None
    except OSError as error:
        raise cannot_write(root / LOCK_NAME, error) from None
    try:
        yield
    finally:
        lock.release()


def _busy(root: Path) -> UserError:
    return UserError(
        _("{path} is being written by another pledge command").format(path=display_path(root)),
        _("waited {seconds} seconds; try again when it has finished").format(
            seconds=int(LOCK_TIMEOUT)
        ),
    )
