"""``pledge check`` and ``pledge validate``: options -> one service call -> renderer -> status."""

from typing import TYPE_CHECKING, Annotated

import typer

from pledgecli.cli.commands import command_help
from pledgecli.cli.options import (
    TYPER,
    ClusterOption,
    DataOption,
    ExitStatus,
    LangOption,
    OutputOption,
    ProvinceOption,
    ReplaceOption,
    StrictOption,
    YearArgument,
    attempt,
    finish,
    format_choice,
    strict_finish,
)
from pledgecli.i18n import _

if TYPE_CHECKING:
    from pledgecli.outcomes import Validation


def register(app: typer.Typer) -> None:
    app.command("check", help=command_help("check"))(check)
    app.command("validate", help=command_help("validate"))(validate)


def check(
    year: YearArgument,
    data: DataOption = None,
    cluster: ClusterOption = None,
    province: ProvinceOption = None,
    output_format: Annotated[str, format_choice("check")] = "table",
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
    output: OutputOption = None,
    force: ReplaceOption = False,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    from pledgecli.cli import checking

    checking.check(
        TYPER, year, data, cluster, province, output_format, all_rows, output, force, strict
    )


def validate(
    data: DataOption = None,
    output_format: Annotated[str, format_choice("validate")] = "text",
    strict: StrictOption = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help=_("Also show each province name of a pledge file and the id it was read as."),
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    from pledgecli.progress import LoadProgress
    from pledgecli.render.formats import Page, render
    from pledgecli.service import run_validate

    def load() -> "Validation":
        with LoadProgress() as progress:
            return run_validate(data, progress, verbose=verbose)

    validation = attempt(load)
    render(Page("validate", output_format, validation))
    if not validation.errors:
        strict_finish(strict, validation.diagnostics)
    finish(ExitStatus.INVALID if validation.errors else ExitStatus.MET)
