"""Many new files on disk at once, before any is renamed into place (``write_all`` of
:mod:`pledgecli.collect.writer`: an import of the national form writes 3,321 reports).

Durability: the renames come only after :func:`make_durable` returns, so a crash leaves
every target either as it was or with its whole new content; and it returns only once
the data of every temporary file is on the disk. Written one by one, that was an
``fsync`` per file, and each ``fsync`` also empties the disk's write cache (a flush):
3,321 flushes, most of the time of an import. Here, on Linux, one ``syncfs(2)`` of the
file system that holds them writes them all out and flushes the cache once; it returns
only when that is done, and (since Linux 5.8) fails with the error of any write-back
that failed (a full disk, an I/O error), which stops the write with nothing replaced,
as a failing ``fsync`` did. A full disk is also refused earlier, by the ``write`` of the
temporary file itself, on every local file system. Where there is no ``syncfs`` (not
Linux, an old kernel, a sandbox), each file is ``fsync``-ed as before. The writer then
renames them, then ``fsync``-s each folder.

The temporary files that writes killed midway left behind are found here too, each
folder listed once for many files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

BATCH_SYNC = 16  # this many files or more: synced together, else one by one


class NotDurable(Exception):
    """The new content of ``path`` could not be made durable: ``error`` says why."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(path, error)
        self.path = path
        self.error = error


def make_durable(files: Sequence[tuple[Path, str]]) -> None:
    """The temporary file of every ``(path, temporary file)`` on disk; :class:`NotDurable`
    (naming the path) when one cannot be."""
    pending: dict[Path, list[tuple[Path, str]]] = {}
    for path, temporary in files:
        pending.setdefault(Path(temporary).parent, []).append((path, temporary))
    synced: set[int] = set()  # the file systems (st_dev) already synced
    for folder, inside in pending.items():
        try:
            device = os.stat(folder).st_dev
            if len(files) >= BATCH_SYNC and (device in synced or sync_file_system(folder)):
                synced.add(device)
                continue
        except OSError as error:
            raise NotDurable(inside[0][0], error) from None
        for path, temporary in inside:
            try:
                descriptor = os.open(temporary, os.O_RDONLY)
                try:
                    os.fsync(descriptor)
                finally:
                    os.close(descriptor)
            except OSError as error:
                raise NotDurable(path, error) from None


def sync_file_system(folder: Path) -> bool:
    """``syncfs(2)`` of the file system holding ``folder``: whether it was done (False
    where there is none). Raises :class:`OSError` when it fails."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return False
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(descriptor) != 0:
            number = ctypes.get_errno()
            if number in (errno.ENOSYS, errno.EPERM):
                return False
            raise OSError(number, os.strerror(number))
    finally:
        os.close(descriptor)
    return True


# -- the temporary files of earlier writes ------------------------------------------


_STALE = re.compile(r"^\.(.+)\.(\d+)\.[A-Za-z0-9_]+\.tmp$")


def remove_stale_of(reals: Sequence[Path]) -> None:
    """``writer._remove_stale`` of many files, each folder listed once (not 3,321 times)."""
    by_folder: dict[Path, set[str]] = {}
    for real in reals:
        by_folder.setdefault(real.parent, set()).add(real.name)
    for folder, names in by_folder.items():
        try:
            listed = os.listdir(folder)
        except OSError:
            continue
        for name in listed:
            found = _STALE.match(name) if name.startswith(".") else None
            if found and found.group(1) in names and not running(int(found.group(2))):
                remove(str(folder / name))


def running(pid: int) -> bool:
    """Whether process ``pid`` may still run (its temporary files are then kept)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would send that process group a Ctrl+C there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError, OSError):
        return True  # someone else's process, or not a number we can ask about: keep
    return True


def remove(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


# -- new temporary files, many at once ------------------------------------------


_NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # as tempfile's names
_RANDOM = random.Random()
_TEMPORARY_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
_TEMPORARY_FLAGS |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def new_temporary(real: Path, data: bytes, mode: int) -> str:
    """``data`` in a new temporary file beside ``real`` (named as ``writer._write_temporary``
    names them), with ``mode``, not yet synced; its name. Made with the descriptor alone
    (no file object, no second look-up of the name): 3,321 of them for the national
    form. Raises :class:`OSError`, leaving none behind."""
    prefix = os.path.join(real.parent, f".{real.name}.{os.getpid()}.")
    for _attempt in range(tempfile.TMP_MAX):
        temporary = f"{prefix}{''.join(_RANDOM.choices(_NAME_CHARACTERS, k=8))}.tmp"
        try:
            new_file(temporary, data, mode)
        except FileExistsError:
            continue
        return temporary
    raise FileExistsError(errno.EEXIST, "No usable temporary file name found")


def new_file(name: str, data: bytes, mode: int) -> None:
    """``data`` in the new file ``name`` (never an existing one: :class:`FileExistsError`),
    with ``mode``, not yet synced. Raises :class:`OSError`, leaving nothing behind."""
    descriptor = os.open(name, _TEMPORARY_FLAGS, mode)
    try:
        try:
            if os.fstat(descriptor).st_mode & 0o777 != mode:  # the umask, a default ACL
                os.fchmod(descriptor, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
    except BaseException:
        remove(name)
        raise


# -- a new folder of files, written whole then renamed into place ----------------


_STALE_FOLDER = re.compile(r"^\.(.+)\.(\d+)\.[A-Za-z0-9_]+\.folder\.tmp$")


def new_folder_beside(folder: Path) -> str:
    """A new, empty folder beside ``folder`` (which does not exist yet), named
    ``.<name>.<pid>.<random>.folder.tmp``, to be filled then renamed to ``folder``. Made
    as ``mkdir`` makes any folder (the umask, the parent's group bit and default ACL
    apply, as they would to ``folder`` itself); the ones that writes killed midway left
    behind are removed first."""
    remove_stale_folders(folder)
    prefix = os.path.join(folder.parent, f".{folder.name}.{os.getpid()}.")
    for _attempt in range(tempfile.TMP_MAX):
        name = f"{prefix}{''.join(_RANDOM.choices(_NAME_CHARACTERS, k=8))}.folder.tmp"
        try:
            os.mkdir(name, 0o777)
        except FileExistsError:
            continue
        return name
    raise FileExistsError(errno.EEXIST, "No usable temporary folder name found")


def remove_stale_folders(folder: Path) -> None:
    """Remove the hidden folders (``.<name>.<pid>.<random>.folder.tmp``) that writes of
    ``folder``, killed midway, left beside it; one of a process still running is kept."""
    parent = folder.parent
    prefix = f".{folder.name}."
    with contextlib.suppress(OSError):
        for name in os.listdir(parent):
            found = _STALE_FOLDER.match(name) if name.startswith(prefix) else None
            if found and found.group(1) == folder.name and not running(int(found.group(2))):
                remove_folder(str(parent / name))


class FolderTaken(Exception):
    """The folder a new folder was to be renamed to appeared meanwhile: nothing of it
    was written, and its files are to be written into it one by one."""


def write_new_folder(folder: Path, files: Sequence[tuple[Path, bytes]], file_mode: int) -> None:
    """Every ``(path, content)`` (each ``path`` named once, in ``folder``, which does not
    exist yet) written into a new folder beside it, made durable, then renamed to
    ``folder`` at once: one rename, not one per file. A crash or a full disk leaves no
    ``folder`` and no temporary one. Raises :class:`NotDurable` naming the file that
    could not be written, :class:`OSError` for the folder itself, :class:`FolderTaken`
    when ``folder`` appeared in the meantime (its content left as it is)."""
    temporary = new_folder_beside(folder)
    try:
        written: list[tuple[Path, str]] = []
        for path, content in files:
            name = os.path.join(temporary, path.name)
            try:
                new_file(name, content, file_mode)
            except OSError as error:
                raise NotDurable(path, error) from None
            written.append((path, name))
        make_durable(written)
        sync_folder(Path(temporary))  # the files' entries (where each file was fsync-ed)
        if os.path.lexists(folder):
            raise FolderTaken  # someone made it (an empty one would be replaced)
        try:
            os.rename(temporary, folder)
        except OSError as error:
            if os.path.lexists(folder):
                raise FolderTaken from error
            raise
    except BaseException:
        remove_folder(temporary)
        raise


def sync_folder(folder: Path) -> None:
    """Make the entries of ``folder`` durable (best effort: not every file system allows it)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def remove_folder(name: str) -> None:
    import shutil

    shutil.rmtree(name, ignore_errors=True)


def folder_missing(folder: Path) -> bool:
    """Whether ``folder`` is not there (so neither is any file in it); ``False`` when it
    cannot be told (each file is then asked about, and the trouble said)."""
    try:
        os.lstat(folder)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False
