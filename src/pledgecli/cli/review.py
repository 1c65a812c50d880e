"""The year-end review commands: ``rank``, ``totals``, ``history`` and ``report``."""

from pathlib import Path
from typing import Annotated

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
    YearArgument,
    attempt,
    finish,
    format_choice,
    show,
    warn,
)
from pledgecli.i18n import _


def _show(view: str, output_format: str, value: object, output: Path | None, force: bool) -> None:
    from pledgecli.render.formats import Page

    show(Page(view, output_format, value), output, force)
    finish(ExitStatus.MET)


def register(app: typer.Typer) -> None:
    app.command("rank", help=command_help("rank"))(rank)
    app.command("totals", help=command_help("totals"))(totals)
    app.command("history", help=command_help("history"))(history)
    app.command("report", help=command_help("report"))(report)


def rank(
    year: YearArgument,
    data: DataOption = None,
    cluster: ClusterOption = None,
    output_format: Annotated[str, format_choice("rank")] = "table",
    output: OutputOption = None,
    force: ReplaceOption = False,
    lang: LangOption = None,
) -> None:
    from pledgecli.cli import reviewing

    reviewing.rank(TYPER, year, data, cluster, output_format, output, force)


def totals(
    year: YearArgument,
    data: DataOption = None,
    cluster: ClusterOption = None,
    output_format: Annotated[str, format_choice("totals")] = "table",
    output: OutputOption = None,
    force: ReplaceOption = False,
    lang: LangOption = None,
) -> None:
    from pledgecli.cli import reviewing

    reviewing.totals(TYPER, year, data, cluster, output_format, output, force)


def history(
    data: DataOption = None,
    province: ProvinceOption = None,
    target: Annotated[
        str | None,
        typer.Option(help=_("Only this target (its id)."), metavar=_("TARGET"), show_default=False),
    ] = None,
    year_from: Annotated[
        int | None,
        typer.Option("--from", help=_("First year."), metavar=_("YEAR"), show_default=False),
    ] = None,
    year_to: Annotated[
        int | None,
        typer.Option("--to", help=_("Last year."), metavar=_("YEAR"), show_default=False),
    ] = None,
    output_format: Annotated[str, format_choice("history")] = "table",
    output: OutputOption = None,
    force: ReplaceOption = False,
    lang: LangOption = None,
) -> None:
    from pledgecli.service import run_history

    outcome = attempt(lambda: run_history(data, province, target, year_from, year_to))
    warn(outcome.warnings)
    _show("history", output_format, outcome, output, force)


def report(
    year: YearArgument,
    data: DataOption = None,
    cluster: ClusterOption = None,
    output_format: Annotated[str, format_choice("report", _("Document format."))] = "markdown",
    output: OutputOption = None,
    force: ReplaceOption = False,
    lang: LangOption = None,
) -> None:
    from pledgecli.cli import reviewing

    reviewing.report(TYPER, year, data, cluster, output_format, output, force)
