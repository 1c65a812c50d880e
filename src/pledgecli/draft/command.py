"""The Typer command ``pledge draft FILE``: options -> read, draft -> file or stdout,
summary on stderr -> exit code. ``register`` is called at the end of
:mod:`pledgecli.commands`; the drafting modules are imported inside the command."""

from pathlib import Path
from typing import Annotated

import typer

from pledgecli.i18n import _


def register(app: typer.Typer) -> None:
    """Add ``draft`` to ``app``."""
    from pledgecli.commands import LangOption, fail

    @app.command(
        "draft",
        help=_(
            "Draft a pledge file from the targets as signed: a .txt, .md or .docx of the "
            "signed text, or an .xlsx list of targets. Each target gets its rule, threshold "
            "and metric; what is not understood is kept as a comment. The file goes to "
            "standard output (or -o), the summary to standard error."
        ),
    )
    def draft_command(
        source: Annotated[
            Path,
            typer.Argument(
                help=_("The signed targets: .txt, .md, .docx or .xlsx."), show_default=False
            ),
        ],
        year: Annotated[
            int | None,
            typer.Option(
                help=_("The pledge year (default: the year after the baseline the text names)."),
                show_default=False,
            ),
        ] = None,
        cluster: Annotated[
            str | None,
            typer.Option(help=_("The cluster's id, e.g. tay-nam-song-hau."), show_default=False),
        ] = None,
        output: Annotated[
            Path | None,
            typer.Option(
                "-o",
                "--output",
                help=_("Write the draft to this file instead of standard output."),
                show_default=False,
            ),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help=_("Replace the output file if it exists."))
        ] = False,
        lang: LangOption = None,
    ) -> None:
        import sys

        from pledgecli.collect.writer import write_atomic
        from pledgecli.diagnostics import InputError, display_path
        from pledgecli.draft import draft, read_source, summary_lines, to_toml
        from pledgecli.names import is_slug

        if cluster is not None and not is_slug(cluster):
            from pledgecli.names import fold

            fail(
                _('the cluster id "{cluster}" is not a lowercase kebab-case id').format(
                    cluster=cluster
                ),
                _('use "{id}"').format(id=fold(cluster)),
            )
        if year is not None and not 1900 < year < 2200:
            fail(_("{year} is not a pledge year").format(year=year))
        try:
            lines = read_source(source)
        except InputError as error:
            fail(error.message, error.hint)
        if not lines:
            fail(
                _("{path}: no target found (the file has no text)").format(
                    path=display_path(source)
                )
            )
        result = draft(lines, year, cluster)
        if not result.targets:
            fail(
                _("{path}: no target found").format(path=display_path(source)),
                _("write one target a line, or a list with - before each target"),
            )
        text = to_toml(result, source.name)
        if output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            try:
                write_atomic(output, text, force=force)
            except InputError as error:
                fail(error.message, error.hint)
        for line in summary_lines(result):
            typer.echo(line, err=True)
        if output is not None:
            typer.echo(_("wrote {path}").format(path=display_path(output)), err=True)
