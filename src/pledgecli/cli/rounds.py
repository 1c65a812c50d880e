"""``pledge missing``: who still owes which figure of a year's collection round."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from pledgecli.cli.commands import command_help
from pledgecli.cli.options import (
    ClusterOption,
    DataOption,
    ExitStatus,
    LangOption,
    ProvinceOption,
    YearArgument,
    attempt,
    finish,
    format_choice,
)

if TYPE_CHECKING:
    from pledgecli.round_outcomes import MissingOutcome


def register(app: typer.Typer) -> None:
    app.command("missing", help=command_help("missing"))(missing_command)


def missing_command(
    year: YearArgument,
    cluster: ClusterOption = None,
    province: ProvinceOption = None,
    output_format: Annotated[str, format_choice("missing")] = "table",
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    from pledgecli.collect.owed import find_missing
    from pledgecli.render.formats import Page, render

    outcome: MissingOutcome = attempt(lambda: find_missing(data, year, cluster, province))
    render(Page("missing", output_format, outcome))
    finish(ExitStatus.MET if outcome.complete else ExitStatus.NOT_MET)
