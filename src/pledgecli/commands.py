"""The commands of ``pledge``: options -> one library call -> render -> exit code."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from pledgecli import __version__
from pledgecli.click_messages import translate_click
from pledgecli.i18n import LANGUAGES, _, set_language

translate_click()

app = typer.Typer(
    help=_(
        "Track emulation pledges (giao ước thi đua) of co-operative alliance clusters "
        "against year-end results."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_MET, EXIT_NOT_MET, EXIT_INVALID = 0, 1, 2


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    svg = "svg"


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help=_("Data directory (default: $PLEDGE_DATA, then ./data)."),
        show_default=False,
    ),
]


def _set_language(value: str | None) -> str | None:
    if value is not None:
        if value not in LANGUAGES:
            raise typer.BadParameter(
                _("choose one of: {choices}").format(choices=", ".join(LANGUAGES))
            )
        set_language(value)
    return value


YearArgument = Annotated[
    int, typer.Argument(help=_("The pledge year, e.g. 2021."), show_default=False)
]
ClusterOption = Annotated[
    str | None, typer.Option(help=_("Only this cluster's pledge (its id)."), show_default=False)
]
ProvinceOption = Annotated[
    str | None,
    typer.Option(
        help=_("Only this province: id, name or alias, with or without diacritics."),
        show_default=False,
    ),
]

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=_("Language of the output: vi or en (default: $PLEDGE_LANG, then the locale)."),
        callback=_set_language,
        is_eager=True,
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pledge {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Track emulation pledges against year-end results."""


def fail(message: str, hint: str | None = None) -> NoReturn:
    """One line on stderr (what was typed shown safely), exit status 2."""
    from pledgecli.diagnostics import InputError

    typer.echo(InputError(message, hint).render(), err=True)
    raise typer.Exit(EXIT_INVALID)


@app.command(
    help=_(
        "Judge every target of YEAR's pledges for every province.\n\n"
        "Exit status: 0 all met, 1 something not met, 2 invalid input."
    )
)
def check(
    year: YearArgument,
    data: DataOption = None,
    cluster: ClusterOption = None,
    province: ProvinceOption = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help=_("Output format."))
    ] = CheckFormat.table,
    all_rows: Annotated[
        bool,
        typer.Option(
            "--all",
            help=_(
                "In the table, every province even when more than 40 sign a pledge "
                "(otherwise a summary)."
            ),
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    from pledgecli.diagnostics import InputError
    from pledgecli.progress import LoadProgress
    from pledgecli.service import CheckRequest, run_check

    try:
        with LoadProgress() as progress:
            outcome = run_check(CheckRequest(year, data, cluster, province, progress))
    except InputError as error:
        fail(error.message, error.hint)
    for line in outcome.messages:
        typer.echo(line, err=True)
    if outcome.report is None:
        raise typer.Exit(EXIT_INVALID)
    if output_format is CheckFormat.table:
        from rich.console import Console

        from pledgecli.render.table import render as render_table

        # Users' text goes in as Text; no str is markup or emoji (and loading Rich's emoji
        # table costs more than printing a scorecard).
        console = Console(highlight=False, markup=False, emoji=False)
        render_table(outcome.report, console, all_rows=all_rows)
    elif output_format is CheckFormat.svg:
        import io

        from rich.console import Console

        from pledgecli.render.table import render as render_table

        # A fixed width so that slides look the same whoever makes them.
        console = Console(record=True, file=io.StringIO(), width=100, highlight=False)
        render_table(outcome.report, console)
        title = _("pledge check {year}").format(year=year)
        sys.stdout.write(console.export_svg(title=title))
    else:
        from pledgecli.render import write

        write(output_format.value, outcome.report, sys.stdout)
    raise typer.Exit(outcome.exit_code)


@app.command(
    help=_(
        "Check every file of the data directory and list every problem as path:line: message."
        "\n\nExit status: 0 no errors (warnings allowed), 2 errors found."
    )
)
def validate(
    data: DataOption = None,
    output_format: Annotated[
        ValidateFormat, typer.Option("--format", help=_("Output format."))
    ] = ValidateFormat.text,
    lang: LangOption = None,
) -> None:
    from pledgecli.diagnostics import InputError, render_json, render_text
    from pledgecli.progress import LoadProgress
    from pledgecli.service import run_validate

    try:
        with LoadProgress() as progress:
            data_set, diagnostics = run_validate(data, progress)
    except InputError as error:
        fail(error.message, error.hint)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    if output_format is ValidateFormat.json:
        typer.echo(render_json(diagnostics, data_set.files_checked))
    else:
        if diagnostics:
            typer.echo(render_text(diagnostics))
        warnings = len(diagnostics) - errors
        typer.echo(
            _("files checked: {files}, errors: {errors}, warnings: {warnings}").format(
                files=data_set.files_checked, errors=errors, warnings=warnings
            ),
            err=bool(diagnostics),
        )
    raise typer.Exit(EXIT_INVALID if errors else EXIT_MET)


from pledgecli.review_commands import register as _register_review  # noqa: E402

_register_review(app)


from pledgecli.collect.commands import register as _register_collect  # noqa: E402

_register_collect(app)


from pledgecli.draft.command import register as _register_draft  # noqa: E402

_register_draft(app)
