"""The year-end review commands: ``rank``, ``totals``, ``history`` and ``report``."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pledgecli.cli.options import (
    ClusterOption,
    DataOption,
    ExitStatus,
    LangOption,
    OutputOption,
    ProvinceOption,
    ReplaceOption,
    YearArgument,
    attempt,
    examples,
    finish,
    format_choice,
    show,
    warn,
)
from pledgecli.i18n import _

if TYPE_CHECKING:
    from pledgecli.outcomes import ReviewOutcome


def _reviewed(year: int, data: Path | None, cluster: str | None) -> "ReviewOutcome":
    from pledgecli.service import CheckRequest, run_review

    outcome = attempt(lambda: run_review(CheckRequest(year, data, cluster)))
    warn(outcome.warnings, outcome.notes)
    return outcome


def _show(view: str, output_format: str, value: object, output: Path | None, force: bool) -> None:
    from pledgecli.render.formats import Page

    show(Page(view, output_format, value), output, force)
    finish(ExitStatus.MET)


def register(app: typer.Typer) -> None:
    app.command(
        help=_(
            "Rank the signatories of YEAR's pledges by score and name the flag nominee.\n\n"
            "Equal scores share a rank. Exit status: 0, or 2 for invalid input."
        )
        + examples("pledge rank 2021", "pledge rank 2022 --format json")
    )(rank)
    app.command(
        help=_(
            "Cluster totals of YEAR: every metric summed over the signatories, and how many "
            "met each target. Exit status: 0, or 2 for invalid input."
        )
        + examples("pledge totals 2021", "pledge totals 2022 --format csv")
    )(totals)
    app.command(
        help=_(
            "A target's actual, threshold and status year by year for a province, following "
            "the same target id across pledges and a merged province through its predecessors."
        )
        + examples("pledge history --province an-giang", "pledge history --target new-coops")
    )(history)
    app.command(
        help=_(
            "Write the year-end review document of YEAR: pledge, results, totals, ranking, "
            "nominee and every missed target with its gap."
        )
        + examples("pledge report 2021", "pledge report 2021 --format html -o review-2021.html")
    )(report)


def rank(
    year: YearArgument,
    data: DataOption = None,
    cluster: ClusterOption = None,
    output_format: Annotated[str, format_choice("rank")] = "table",
    output: OutputOption = None,
    force: ReplaceOption = False,
    lang: LangOption = None,
) -> None:
    _show("rank", output_format, _reviewed(year, data, cluster), output, force)


def totals(
    year: YearArgument,
    data: DataOption = None,
    cluster: ClusterOption = None,
    output_format: Annotated[str, format_choice("totals")] = "table",
    output: OutputOption = None,
    force: ReplaceOption = False,
    lang: LangOption = None,
) -> None:
    _show("totals", output_format, _reviewed(year, data, cluster), output, force)


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
    _show("report", output_format, _reviewed(year, data, cluster), output, force)
