"""Every file of a data directory accounted for: what a path holds before it is read.

A data file is read only when it is a regular file (a link to one is followed) of at most
``MAX_DATA_FILE_BYTES``: a folder, a link to nothing or a looping link, a FIFO, a device or
a socket is a problem with its own message, never read (a FIFO would block, ``/dev/zero``
never ends): at most opened without blocking, when the folder's listing said a regular
file was there and something else took its place since, then refused by its ``fstat``. Folders are listed the same way: a ``pledges`` or year folder that is a file,
or one that cannot be listed, is a problem, never an empty folder.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pledgecli.i18n import _

MAX_DATA_FILE_BYTES = 8 * 1024 * 1024
"""The largest pledge, report or registry read (8 MiB; a national pledge of 10,000 targets
is 1.4 MB, a report of 10,000 figures 0.3 MB)."""


class FileProblem(Exception):
    """Why a path cannot be read as a data file or listed as a folder, in the reader's words."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def file_kind(mode: int) -> str:
    """What a path that is not a regular file is, in words (for the messages)."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a FIFO (named pipe)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a regular file")


def _stat_problem(path: Path, error: OSError) -> FileProblem:
    if error.errno == errno.ELOOP:
        return FileProblem(
            _("the symbolic link loops (it leads back to itself)"),
            _("point the link at a file, or put the file itself here"),
        )
    if error.errno == errno.ENOENT and os.path.islink(path):
        return FileProblem(
            _("the symbolic link points to nothing ({target})").format(target=os.readlink(path)),
            _("point the link at a file, or put the file itself here"),
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return FileProblem(
            _("cannot read the file: {reason}").format(reason=error.strerror),
            _("give the user who runs pledge permission to read it"),
        )
    return FileProblem(_("cannot read the file: {reason}").format(reason=error.strerror))


_OPEN = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
_NO_LINK = getattr(os, "O_NOFOLLOW", 0)


def read_data_file(
    path: Path, limit: int = MAX_DATA_FILE_BYTES, *, listed: str | None = None
) -> bytes:
    """The bytes of the regular file ``path``; :class:`FileProblem` for anything else.

    Checked before it is opened (no open of a FIFO or device), and again on the open file
    (it may have been replaced in between); opened without blocking. ``listed``: the path
    as its folder's listing gave it, when that listing said it is a regular file (not a
    link), so it is opened at once (as no link: one that took its place since is opened,
    if at all, the usual way)."""
    descriptor = -1
    if listed is not None and _NO_LINK:
        try:
            descriptor = os.open(listed, _OPEN | _NO_LINK)
        except OSError:
            descriptor = -1  # gone, or something else took its place: checked as usual
    if descriptor < 0:
        try:
            before = os.stat(path)
        except OSError as error:
            raise _stat_problem(path, error) from None
        _check_regular(before, limit)
        try:
            descriptor = os.open(path, _OPEN)
        except OSError as error:
            raise _stat_problem(path, error) from None
    try:
        status = os.fstat(descriptor)
        _check_regular(status, limit)
        try:
            content = _read_all(descriptor, status.st_size, limit)
        except OSError as error:
            raise _stat_problem(path, error) from None
    finally:
        os.close(descriptor)
    if len(content) > limit:
        raise _too_large(len(content), limit)
    return content


def _read_all(descriptor: int, size: int, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of an open regular file, in reads of the size it says it
    has (plus one, to see it end: one read when it holds what fstat counted; a short read
    of fewer, as some network file systems give, is read on), no buffered stream, nor
    a buffer of ``limit`` bytes, per file (national data reads 6,600 of them)."""
    parts: list[bytes] = []
    total = 0
    want = min(size, limit) + 1
    while total <= limit:
        chunk = os.read(descriptor, want)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        if total == size and len(chunk) < want:
            break  # all the bytes fstat counted, and no more: one read, not a second empty one
        want = min(limit + 1 - total, 1 << 20) if total <= limit else 0
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _check_regular(status: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise FileProblem(
            _("this is {kind}, not a file; it cannot be read").format(kind=file_kind(status.st_mode)),
            _("put the file itself here, or remove what is in its place"),
        )
    if status.st_size > limit:
        raise _too_large(status.st_size, limit)


def _too_large(size: int, limit: int) -> FileProblem:
    return FileProblem(
        _("the file is too large to read ({size:,} bytes; at most {limit:,})").format(
            size=size, limit=limit
        ),
        _("a pledge, report or registry is a few hundred kilobytes; is this the right file?"),
    )


def list_folder(folder: Path) -> list[os.DirEntry[str]] | None:
    """The entries of ``folder``, sorted by name; ``None`` when there is no such folder
    (nothing at the path); :class:`FileProblem` when something else is in its place or it
    cannot be listed."""
    try:
        status = os.stat(folder)
    except FileNotFoundError:
        if os.path.islink(folder):
            raise _stat_problem(folder, FileNotFoundError(errno.ENOENT, "")) from None
        return None
    except OSError as error:
        raise _folder_problem(folder, error) from None
    if not stat.S_ISDIR(status.st_mode):
        raise FileProblem(
            _("this should be a folder but is {kind}; nothing in it can be read").format(
                kind=_("a file") if stat.S_ISREG(status.st_mode) else file_kind(status.st_mode)
            ),
            _("make it a folder and put the files in it"),
        )
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        raise _folder_problem(folder, error) from None


def _folder_problem(folder: Path, error: OSError) -> FileProblem:
    if error.errno == errno.ELOOP:
        return _stat_problem(folder, error)
    if error.errno in (errno.EACCES, errno.EPERM):
        return FileProblem(
            _("cannot read the folder: {reason}").format(reason=error.strerror),
            _("give the user who runs pledge permission to read it"),
        )
    return FileProblem(_("cannot read the folder: {reason}").format(reason=error.strerror))
