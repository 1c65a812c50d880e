"""Every file ``pledge`` writes goes through here: a temporary file in the same folder,
flushed to disk, then renamed over the target. A crash or a full disk leaves either
the old file or the new one, never half of one.

- A target that is a symbolic link is written through: the file it points to is
  replaced, the link stays. A link to nothing, a directory, a FIFO or a device is
  refused, even with ``--force``.
- Temporary files are named ``.<name>.<pid>.<random>.tmp``; one left by a write
  whose process no longer runs (a crash, a kill) is removed by the next write of
  the same file.
- :func:`write_all` writes several files all or nothing: every new content is
  written to its temporary file first, then each is renamed into place; when any
  step fails, the files already replaced are put back as they were. The files of
  one folder that does not exist yet (a new year's reports) are written into a
  hidden folder beside it, which is renamed into place whole.
- :func:`pledgecli.collect.lock.data_lock` serialises the commands that read, plan
  and write a data directory (``set``, ``import``), so that no figure of one is lost.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pledgecli.collect.durable import (
    FolderTaken,
    NotDurable,
    folder_missing,
    make_durable,
    new_temporary,
    remove_stale_folders,
    write_new_folder,
)
from pledgecli.collect.durable import remove as _remove
from pledgecli.collect.durable import remove_stale_of as _remove_stale_of
from pledgecli.collect.durable import running as _running
from pledgecli.collect.durable import sync_folder as _sync_folder
from pledgecli.diagnostics import UserError, display_path
from pledgecli.files import file_kind
from pledgecli.i18n import _


def is_stdout(path: Path | None) -> bool:
    """``-o -``: write to standard output."""
    return path is not None and str(path) == "-"


def write_stdout(content: str | bytes) -> None:
    """Text as it is; bytes (a workbook) only when standard output is not a terminal."""
    if isinstance(content, str):
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    if sys.stdout.isatty():
        raise UserError(
            _("will not write a workbook to the terminal"),
            _("redirect it to a file (> form.xlsx) or give -o FILE"),
        )
    sys.stdout.flush()
    sys.stdout.buffer.write(content)
    sys.stdout.buffer.flush()


def write_atomic(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write ``content`` (text as UTF-8) to ``path``; refuse to replace a file unless ``force``."""
    target = _target(path)
    if target.exists and not force:
        raise UserError(
            _("{path} already exists").format(path=display_path(path)),
            _("give --force to replace it"),
        )
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        temporary = _write_temporary(target.real, data)
    except OSError as error:
        raise cannot_write(path, error) from None
    try:
        os.replace(temporary, target.real)
    except OSError as error:
        _remove(temporary)
        raise cannot_write(path, error) from None
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(target.real.parent)


def write_all(files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write every ``(path, content)``, replacing existing files, all or nothing.

    Returns the paths written. On failure, raises :class:`UserError` after putting
    every file back as it was; should that too fail, the message names exactly the
    files that now hold the new content."""
    if len(files) == 1:
        write_atomic(files[0][0], files[0][1], force=True)
        return [files[0][0]]
    folder = _one_new_folder(files)
    if folder is not None and _wrote_new_folder(folder, files):
        return [path for path, _content in files]
    targets = _targets(files)
    _remove_stale_of([target.real for _path, target, _content in targets])
    for stale_of in {target.real.parent for _path, target, _content in targets}:
        remove_stale_folders(stale_of)  # of a new year's write that was killed
    temporaries: list[str] = []
    try:
        new_mode = _new_file_mode()
        made: set[Path] = set()
        for path, target, content in targets:
            try:
                if target.real.parent not in made:
                    _make_folder(target.real.parent)
                    made.add(target.real.parent)
                real = target.real
                mode = os.stat(real).st_mode & 0o777 if real.exists() else new_mode
                temporaries.append(new_temporary(target.real, content, mode))
            except OSError as error:
                raise _not_all_written(path, error, []) from None
        try:  # on disk, each one, before any rename
            make_durable([(p, t) for (p, _t, _c), t in zip(targets, temporaries, strict=True)])
        except NotDurable as failure:
            raise _not_all_written(failure.path, failure.error, []) from None
    except BaseException:
        for temporary in temporaries:
            _remove(temporary)
        raise
    # Every new content is on disk: now move each into place, keeping the old file
    # (a hard link to it, or its bytes) until the last one is in.
    done: list[tuple[_Target, _Backup]] = []
    try:
        for (_path, target, _content), temporary in zip(targets, temporaries, strict=True):
            backup = _Backup.of(target)
            try:
                os.replace(temporary, target.real)
            except BaseException:
                backup.discard()
                raise
            done.append((target, backup))
    except BaseException as error:
        for temporary in temporaries[len(done) :]:
            _remove(temporary)
        not_restored = [
            path
            for (path, _t, _c), (target, backup) in reversed(list(zip(targets, done, strict=False)))
            if not backup.restore(target)
        ]
        if not isinstance(error, OSError):
            raise
        failed = targets[len(done)][0]
        raise _not_all_written(failed, error, not_restored) from None
    for _done_target, backup in done:
        backup.discard()
    for folder in {target.real.parent for _p, target, _c in targets}:
        _sync_folder(folder)
    return [path for path, _t, _c in targets]


def _one_new_folder(files: Sequence[tuple[Path, bytes]]) -> Path | None:
    """The folder of every file, when they share one that does not exist yet (a new
    year's reports) and no file is named twice; else ``None``."""
    if not files:
        return None
    folder = files[0][0].parent
    if any(path.parent != folder for path, _content in files):
        return None
    if len({path.name for path, _content in files}) != len(files):
        return None
    return folder if folder_missing(folder) else None


def _wrote_new_folder(folder: Path, files: Sequence[tuple[Path, bytes]]) -> bool:
    """Every file of ``folder``, which does not exist yet, made whole beside it and renamed
    into place at once (``durable.write_new_folder``); False, with nothing written, when
    the folder appeared in the meantime: its files are then written one by one."""
    try:
        _make_folder(folder.parent)
        write_new_folder(folder, files, _new_file_mode())
    except FolderTaken:
        return False
    except NotDurable as failure:
        raise _not_all_written(failure.path, failure.error, []) from None
    except OSError as error:
        raise _not_all_written(folder, error, []) from None
    _sync_folder(folder.parent)
    return True


# -- the pieces --------------------------------------------------------------------


class _Target:
    """Where the bytes of ``path`` really go (through a symbolic link), and whether a
    file is there."""

    def __init__(self, real: Path, exists: bool) -> None:
        self.real = real
        self.exists = exists


def _target(path: Path) -> _Target:
    real = path
    if path.is_symlink():
        try:
            real = Path(os.path.realpath(path, strict=True))
        except (OSError, RuntimeError):
            raise UserError(
                _("{path} is a link to a file that does not exist").format(
                    path=display_path(path)
                ),
                _("remove the link, or point it at an existing file"),
            ) from None
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return _Target(real, False)
    except OSError as error:
        raise cannot_write(path, error) from None
    if not stat.S_ISREG(info.st_mode):
        raise UserError(
            _("{path} is {kind}, not a file; nothing was written").format(
                path=display_path(path), kind=file_kind(info.st_mode)
            ),
            _("give the name of a file to write"),
        )
    return _Target(real, True)


def _targets(files: Sequence[tuple[Path, bytes]]) -> list[tuple[Path, _Target, bytes]]:
    """:func:`_target` of each path, with its content; a folder that does not exist yet
    (a new year's reports) holds no file, so its files are not asked about one by one."""
    absent: dict[Path, bool] = {}
    targets = []
    for path, content in files:
        folder = path.parent
        missing = absent.get(folder)
        if missing is None:
            missing = absent[folder] = folder_missing(folder)
        targets.append((path, _Target(path, False) if missing else _target(path), content))
    return targets


def _new_file_mode() -> int:
    return 0o666 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _write_temporary(real: Path, data: bytes, *, clean: bool = True, sync: bool = True) -> str:
    """``data`` in a temporary file beside ``real``, with its mode (``sync``: on disk); its
    name. Raises :class:`OSError`, leaving none behind; ``clean``: stale ones removed first."""
    _make_folder(real.parent)
    if clean:
        _remove_stale(real)
    handle, temporary = tempfile.mkstemp(
        dir=real.parent, prefix=f".{real.name}.{os.getpid()}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        mode = os.stat(real).st_mode & 0o777 if real.exists() else _new_file_mode()
        os.chmod(temporary, mode)
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _make_folder(folder: Path) -> None:
    """``folder`` and its missing parents, each new one made durable in its parent (a report
    renamed into a new ``actuals/2026`` would otherwise be lost with the folder's entry)."""
    if folder.is_dir():
        return
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        _sync_folder(new.parent)


def _remove_stale(real: Path) -> None:
    """Remove the temporary files of earlier writes of ``real`` whose process is gone (and
    the hidden folders of a new year's write beside its folder)."""
    remove_stale_folders(real.parent)
    pattern = re.compile(rf"^\.{re.escape(real.name)}\.(\d+)\.[A-Za-z0-9_]+\.tmp$")
    try:
        names = os.listdir(real.parent)
    except OSError:
        return
    prefix = f".{real.name}."
    for name in names:
        if not name.startswith(prefix):  # most names, and quickly: a folder of 3,000 forms
            continue
        found = pattern.match(name)
        if found and not _running(int(found.group(1))):
            _remove(str(real.parent / name))


class _Backup:
    """The old file of a target about to be replaced: a hard link to it, or its bytes."""

    def __init__(self, link: str | None, content: bytes | None) -> None:
        self.link = link
        self.content = content

    @classmethod
    def of(cls, target: _Target) -> _Backup:
        if not target.exists:
            return cls(None, None)
        real = target.real
        name = str(real.parent / f".{real.name}.{os.getpid()}.backup.tmp")
        _remove(name)
        try:
            os.link(real, name)
            return cls(name, None)
        except OSError:
            return cls(None, real.read_bytes())

    def restore(self, target: _Target) -> bool:
        """Put the old file back (or remove a file that did not exist); whether it worked."""
        try:
            if self.link is not None:
                os.replace(self.link, target.real)
            elif self.content is not None:
                write_atomic(target.real, self.content, force=True)
            else:
                os.unlink(target.real)
        except (OSError, UserError):
            return False
        return True

    def discard(self) -> None:
        if self.link is not None:
            _remove(self.link)


def cannot_write(path: Path, error: OSError) -> UserError:
    reason = error.strerror or str(error)
    return UserError(
        _("cannot write {path}: {reason}").format(path=display_path(path), reason=reason),
        _("nothing was changed in {path}").format(path=display_path(path)),
    )


def _not_all_written(path: Path, error: OSError, not_restored: list[Path]) -> UserError:
    reason = error.strerror or str(error)
    message = _("cannot write {path}: {reason}").format(path=display_path(path), reason=reason)
    if not not_restored:
        return UserError(message, _("no file was changed: every one is as it was before"))
    written = ", ".join(display_path(p) for p in not_restored)
    return UserError(
        message,
        _("these files hold the new figures and could not be put back: {files}").format(
            files=written
        ),
    )
