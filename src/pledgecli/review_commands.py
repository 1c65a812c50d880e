"""The year-end review commands: ``rank``, ``totals``, ``history`` and ``report``."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pledgecli.i18n import _

if TYPE_CHECKING:
    from pledgecli.render.document import Block
    from pledgecli.service import ReviewOutcome


class ViewFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


def register(app: typer.Typer) -> None:
    from pledgecli.commands import (
        ClusterOption,
        DataOption,
        LangOption,
        ProvinceOption,
        YearArgument,
        fail,
    )

    FormatOption = Annotated[ViewFormat, typer.Option("--format", help=_("Output format."))]

    def reviewed(year: int, data: Path | None, cluster: str | None) -> "ReviewOutcome":
        from pledgecli.diagnostics import InputError
        from pledgecli.service import CheckRequest, run_review

        try:
            outcome = run_review(CheckRequest(year, data, cluster))
        except InputError as error:
            fail(error.message, error.hint)
        for line in outcome.messages:
            typer.echo(line, err=True)
        if outcome.report is None:
            raise typer.Exit(2)
        return outcome

    def show(blocks: "list[Block]", payload: dict[str, object], output_format: ViewFormat) -> None:
        if output_format is ViewFormat.json:
            import json

            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        elif output_format is ViewFormat.csv:
            from pledgecli.render.document import to_csv

            sys.stdout.write(to_csv(blocks))
        elif output_format is ViewFormat.markdown:
            from pledgecli.render.document import to_markdown

            sys.stdout.write(to_markdown(blocks))
        else:
            from rich.console import Console

            from pledgecli.render.document import to_rich

            to_rich(blocks, Console(highlight=False))

    @app.command(
        help=_(
            "Rank the signatories of YEAR's pledges by score and name the flag nominee.\n\n"
            "Equal scores share a rank. Exit status: 0, or 2 for invalid input."
        )
    )
    def rank(
        year: YearArgument,
        data: DataOption = None,
        cluster: ClusterOption = None,
        output_format: FormatOption = ViewFormat.table,
        lang: LangOption = None,
    ) -> None:
        from pledgecli.render.review import ranking_blocks, ranking_json

        outcome = reviewed(year, data, cluster)
        blocks = ranking_blocks(outcome.reviews, outcome.names)
        show(blocks, ranking_json(outcome.reviews, year), output_format)

    @app.command(
        help=_(
            "Cluster totals of YEAR: every metric summed over the signatories, and how many "
            "met each target. Exit status: 0, or 2 for invalid input."
        )
    )
    def totals(
        year: YearArgument,
        data: DataOption = None,
        cluster: ClusterOption = None,
        output_format: FormatOption = ViewFormat.table,
        lang: LangOption = None,
    ) -> None:
        from pledgecli.render.review import totals_blocks, totals_csv, totals_json

        outcome = reviewed(year, data, cluster)
        csv = output_format is ViewFormat.csv
        blocks = totals_csv(outcome.reviews) if csv else totals_blocks(outcome.reviews)
        show(blocks, totals_json(outcome.reviews, year), output_format)

    @app.command(
        help=_(
            "A target's actual, threshold and status year by year for a province, following "
            "the same target id across pledges and a merged province through its predecessors."
        )
    )
    def history(
        data: DataOption = None,
        province: ProvinceOption = None,
        target: Annotated[
            str | None, typer.Option(help=_("Only this target (its id)."), show_default=False)
        ] = None,
        year_from: Annotated[
            int | None, typer.Option("--from", help=_("First year."), show_default=False)
        ] = None,
        year_to: Annotated[
            int | None, typer.Option("--to", help=_("Last year."), show_default=False)
        ] = None,
        output_format: FormatOption = ViewFormat.table,
        lang: LangOption = None,
    ) -> None:
        from pledgecli.diagnostics import InputError
        from pledgecli.render.review import history_blocks, history_csv, history_json
        from pledgecli.service import run_history

        try:
            outcome = run_history(data, province, target, year_from, year_to)
        except InputError as error:
            fail(error.message, error.hint)
        for line in outcome.messages:
            typer.echo(line, err=True)
        if not outcome.ok:
            raise typer.Exit(2)
        blocks = (
            history_csv(outcome) if output_format is ViewFormat.csv else history_blocks(outcome)
        )
        show(blocks, history_json(outcome), output_format)

    @app.command(
        help=_(
            "Write the year-end review document of YEAR: pledge, results, totals, ranking, "
            "nominee and every missed target with its gap."
        )
    )
    def report(
        year: YearArgument,
        data: DataOption = None,
        cluster: ClusterOption = None,
        output_format: Annotated[
            ReportFormat, typer.Option("--format", help=_("Document format."))
        ] = ReportFormat.markdown,
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                help=_("Write to this file instead of the screen."),
                show_default=False,
            ),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help=_("Replace the output file if it exists."))
        ] = False,
        lang: LangOption = None,
    ) -> None:
        from pledgecli.i18n import language
        from pledgecli.render.document import to_html, to_markdown
        from pledgecli.render.review import report_blocks

        outcome = reviewed(year, data, cluster)
        assert outcome.report is not None
        blocks = report_blocks(outcome.report, outcome.reviews, outcome.names)
        if output_format is ReportFormat.html:
            heading = _("Year-end review of the {year} emulation pledges").format(year=year)
            text = to_html(blocks, heading, language())
        else:
            text = to_markdown(blocks)
        from pledgecli.collect.writer import is_stdout, write_atomic

        if output is None or is_stdout(output):
            sys.stdout.write(text)
            return
        from pledgecli.diagnostics import InputError, display_path

        try:
            write_atomic(output, text, force=force)
        except InputError as error:
            fail(error.message, error.hint)
        typer.echo(_("wrote {path}").format(path=display_path(output)), err=True)
