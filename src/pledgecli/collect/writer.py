"""Every file ``pledge`` writes goes through here: a temporary file in the same folder,
flushed to disk, then renamed over the target. A crash or a full disk leaves either
the old file or the new one, never half of one, and no temporary file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from pledgecli.diagnostics import UserError, display_path
from pledgecli.i18n import _


def write_atomic(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write ``content`` (text as UTF-8) to ``path``; refuse to replace a file unless ``force``."""
    if path.exists() and not force:
        raise UserError(
            _("{path} already exists").format(path=display_path(path)),
            _("give --force to replace it"),
        )
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(path)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise _cannot_write(path, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or what a new file would get."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _cannot_write(path: Path, error: OSError) -> UserError:
    reason = error.strerror or str(error)
    return UserError(
        _("cannot write {path}: {reason}").format(path=display_path(path), reason=reason),
        _("nothing was changed in {path}").format(path=display_path(path)),
    )
