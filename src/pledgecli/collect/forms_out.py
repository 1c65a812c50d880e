"""Writing the forms ``pledge template`` made: a folder of them (``--split``) all or
nothing, and a CSV to standard output a piece at a time."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from pledgecli.collect.writer import write_all
from pledgecli.diagnostics import UserError, display_path
from pledgecli.i18n import _


def write_split(files: list[tuple[Path, bytes]], force: bool) -> None:
    """The forms of ``--split``, all or nothing (one sync of the folder for them all);
    without ``force`` nothing is written when any of them exists."""
    if not force:
        for path, _content in files:
            if path.exists():
                raise UserError(
                    _("{path} already exists").format(path=display_path(path)),
                    _("give --force to replace it"),
                )
    write_all(files)


def write_text(stream: TextIO, content: bytes) -> None:
    """A CSV's UTF-8 bytes as text with the stream's line ends, a megabyte at a time (a
    national form whole as text would take several times its bytes)."""
    start = 0
    while start < len(content):
        end = content.find(b"\n", start + (1 << 20))
        end = len(content) if end < 0 else end + 1
        stream.write(content[start:end].decode("utf-8").replace("\r\n", "\n"))
        start = end
