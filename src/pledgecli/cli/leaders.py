"""``pledge leaders``: each cluster's head and deputy over the years, and a proposal for
next year's pair."""

from typing import Annotated

import typer

from pledgecli.cli.commands import command_help
from pledgecli.cli.options import (
    ClusterOption,
    DataOption,
    ExitStatus,
    LangOption,
    attempt,
    finish,
    format_choice,
)


def register(app: typer.Typer) -> None:
    app.command("leaders", help=command_help("leaders"))(leaders)


def leaders(
    data: DataOption = None,
    cluster: ClusterOption = None,
    output_format: Annotated[str, format_choice("leaders")] = "table",
    lang: LangOption = None,
) -> None:
    from pledgecli.leaders_service import run_leaders
    from pledgecli.render.formats import Page, render

    outcome = attempt(lambda: run_leaders(data, cluster))
    render(Page("leaders", output_format, outcome))
    finish(ExitStatus.MET)
