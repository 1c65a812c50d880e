"""What every command says and how it ends, without Typer: the exit statuses, and the
one place where a user error becomes lines on stderr and an exit status.

An :class:`Outlet` says a line on stderr and ends the command with a status. The Typer
commands use one made of ``typer.echo`` and ``typer.Exit`` (:mod:`pledgecli.cli.options`);
the fast path (:mod:`pledgecli.cli.fast`) one that writes the same
bytes without importing Typer. The sentences are here, once, for both.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Protocol, TypeVar

from pledgecli.i18n import _

if TYPE_CHECKING:
    from pledgecli.diagnostics import Diagnostic, UserError
    from pledgecli.render.formats import Page


class ExitStatus(IntEnum):
    """The exit statuses scripts rely on; no other number leaves ``pledge``."""

    MET = 0  # everything shown is met (or: the command did what was asked)
    NOT_MET = 1  # something shown is not met
    INVALID = 2  # invalid input: nothing was judged or written


T = TypeVar("T")


class Outlet(Protocol):
    def say(self, line: str) -> None:
        """``line`` and a newline on stderr, flushed."""

    def end(self, status: ExitStatus) -> NoReturn:
        """End the command with ``status``."""


def fail(outlet: Outlet, error: UserError) -> NoReturn:
    """The one place a user error is shown: its diagnostics on stderr, exit status 2."""
    for line in error.lines():
        outlet.say(line)
    outlet.end(ExitStatus.INVALID)


def attempt(outlet: Outlet, call: Callable[[], T]) -> T:
    """``call()``, with a user error it raises shown by :func:`fail`."""
    from pledgecli.diagnostics import UserError

    try:
        return call()
    except UserError as error:
        fail(outlet, error)


def warn(outlet: Outlet, diagnostics: Iterable[Diagnostic], notes: Iterable[str] = ()) -> None:
    """What does not stop the command (warnings, then notes), on stderr."""
    for line in [*(d.render() for d in diagnostics), *notes]:
        outlet.say(line)


def show(outlet: Outlet, page: Page, output: Path | None = None, force: bool = False) -> None:
    """Write ``page`` to standard output, or with ``-o FILE`` to that file: atomically,
    never over an existing file without ``--force``, a CSV with a byte-order mark for
    Excel. A binary format (docx, xlsx) is never written to a terminal; ``-o -`` writes
    to standard output whatever it is."""
    from pledgecli.diagnostics import UserError, display_path
    from pledgecli.render.formats import is_binary, render, render_bytes

    if output is None or str(output) == "-":  # collect.writer.is_stdout, without its imports
        if output is None and is_binary(page.format) and sys.stdout.isatty():
            fail(
                outlet,
                UserError(
                    _("--format {format} writes a file, not text for the screen").format(
                        format=page.format
                    ),
                    _("give -o FILE, e.g. -o {view}.{format}").format(
                        view=page.view, format=page.format
                    ),
                ),
            )
        render(page)
        return
    from pledgecli.collect.writer import write_atomic

    path = output
    content = render_bytes(page, bom=page.format == "csv")
    attempt(outlet, lambda: write_atomic(path, content, force=force))
    outlet.say(_("wrote {path}").format(path=display_path(path)))


def strict_finish(outlet: Outlet, strict: bool, warnings: Iterable[Diagnostic]) -> None:
    """With ``--strict``, any warning shown ends the command with exit status 2."""
    if strict and any(d.severity == "warning" for d in warnings):
        outlet.say(_("error: warnings given and --strict is on"))
        outlet.end(ExitStatus.INVALID)
