"""``pledge draft FILE``: the signed targets -> a draft pledge file, the summary on stderr."""

from pathlib import Path
from typing import Annotated

import typer

from pledgecli.cli.commands import command_help
from pledgecli.cli.options import (
    LangOption,
    OutputOption,
    attempt,
    write_out,
)
from pledgecli.i18n import _


def register(app: typer.Typer) -> None:
    app.command("draft", help=command_help("draft"))(draft_command)


def draft_command(
    source: Annotated[
        Path,
        typer.Argument(
            help=_("The signed targets: .txt, .md, .docx or .xlsx."),
            metavar=_("FILE"),
            show_default=False,
        ),
    ],
    year: Annotated[
        int | None,
        typer.Option(
            help=_("The pledge year (default: the year after the baseline the text names)."),
            metavar=_("YEAR"),
            show_default=False,
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            help=_("The cluster's id, e.g. tay-nam-song-hau."), metavar="ID", show_default=False
        ),
    ] = None,
    output: OutputOption = None,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace the output file if it exists."))
    ] = False,
    lang: LangOption = None,
) -> None:
    from pledgecli.collect.writer import write_atomic
    from pledgecli.diagnostics import display_path
    from pledgecli.draft.output import summary_lines
    from pledgecli.draft.service import draft_file

    drafted = attempt(lambda: draft_file(source, year, cluster))
    if output is None:
        write_out(drafted.text)
    else:
        attempt(lambda: write_atomic(output, drafted.text, force=force))
    for line in summary_lines(drafted.draft):
        typer.echo(line, err=True)
    if output is not None:
        typer.echo(_("wrote {path}").format(path=display_path(output)), err=True)
