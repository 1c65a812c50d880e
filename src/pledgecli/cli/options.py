"""What every command shares: the exit statuses, the options, and the one place where a
user error becomes lines on stderr and an exit status.

Command modules import this module and never each other.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from pledgecli.cli import outlet
from pledgecli.cli.commands import examples as examples
from pledgecli.cli.outlet import ExitStatus as ExitStatus
from pledgecli.i18n import LANGUAGES, _, set_language

if TYPE_CHECKING:
    from pledgecli.diagnostics import Diagnostic, UserError
    from pledgecli.render.formats import Page

T = TypeVar("T")


class _TyperOutlet:
    """The Typer commands' :class:`~pledgecli.cli.outlet.Outlet`: ``typer.echo`` on
    stderr, ``typer.Exit``."""

    def say(self, line: str) -> None:
        typer.echo(line, err=True)

    def end(self, status: ExitStatus) -> NoReturn:
        raise typer.Exit(status)


TYPER = _TyperOutlet()


def fail(error: UserError) -> NoReturn:
    """The one place a user error is shown: its diagnostics on stderr, exit status 2."""
    outlet.fail(TYPER, error)


def attempt(call: Callable[[], T]) -> T:
    """``call()``, with a user error it raises shown by :func:`fail`."""
    return outlet.attempt(TYPER, call)


def warn(diagnostics: Iterable[Diagnostic], notes: Iterable[str] = ()) -> None:
    """What does not stop the command (warnings, then notes), on stderr."""
    outlet.warn(TYPER, diagnostics, notes)


def finish(status: ExitStatus) -> NoReturn:
    raise typer.Exit(status)


def write_out(text: str) -> None:
    sys.stdout.write(text)


def show(page: Page, output: Path | None = None, force: bool = False) -> None:
    """Write ``page`` to standard output or to ``-o FILE`` (see :func:`outlet.show`)."""
    outlet.show(TYPER, page, output, force)


def format_option(view: str) -> Callable[[str], str]:
    """A callback that accepts the formats the table of renderers has for ``view``."""
    from pledgecli.render.formats import formats

    def check(value: str) -> str:
        choices = formats(view)
        if value not in choices:
            raise typer.BadParameter(
                _("{value!r} is not one of {choices}.").format(
                    value=value, choices=", ".join(repr(c) for c in choices)
                )
            )
        return value

    return check


def format_choice(view: str, help_text: str | None = None) -> typer.models.OptionInfo:
    """The ``--format`` option of ``view``: its choices, its check and its metavar all come
    from the table of renderers, so a format added there is offered here."""
    from pledgecli.render.formats import formats

    option: typer.models.OptionInfo = typer.Option(
        "--format",
        help=help_text or _("Output format."),
        callback=format_option(view),
        metavar=format_metavar(formats(view)),
    )
    return option


def format_metavar(choices: Sequence[str]) -> str:
    return "<" + "|".join(choices) + ">"


def _set_language(value: str | None) -> str | None:
    if value is not None:
        if value not in LANGUAGES:
            raise typer.BadParameter(
                _("choose one of: {choices}").format(choices=", ".join(LANGUAGES))
            )
        set_language(value)
    return value


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help=_("Data directory (default: $PLEDGE_DATA, then ./data)."),
        metavar=_("FOLDER"),
        show_default=False,
    ),
]
YearArgument = Annotated[
    int,
    typer.Argument(help=_("The pledge year, e.g. 2021."), metavar=_("YEAR"), show_default=False),
]
ClusterOption = Annotated[
    str | None,
    typer.Option(
        help=_("Only this cluster's pledge (its id)."), metavar=_("CLUSTER"), show_default=False
    ),
]
ProvinceOption = Annotated[
    str | None,
    typer.Option(
        help=_("Only this province: id, name or alias, with or without diacritics."),
        metavar=_("PROVINCE"),
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=_("Language of the output: vi or en (default: $PLEDGE_LANG, then the locale)."),
        metavar="<vi|en>",
        callback=_set_language,
        is_eager=True,
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=_("Write to this file instead of the screen."),
        metavar=_("FILE"),
        show_default=False,
    ),
]
ReplaceOption = Annotated[
    bool, typer.Option("--force", help=_("Replace the output file if it exists."))
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help=_("Show what would change; write nothing."))
]
ForceOption = Annotated[
    bool, typer.Option("--force", help=_("Replace recorded figures that differ."))
]
StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict",
        help=_(
            "Treat warnings (figures that cannot be right) as errors: exit status 2 "
            "(import and set then write nothing)."
        ),
    ),
]


def strict_finish(strict: bool, warnings: Iterable[Diagnostic]) -> None:
    """With ``--strict``, any warning shown ends the command with exit status 2."""
    outlet.strict_finish(TYPER, strict, warnings)
