"""``pledge leaders``: each cluster's head and deputy over the years, and a proposal for
next year's pair."""

from typing import Annotated

import typer

from pledgecli.cli.options import (
    ClusterOption,
    DataOption,
    ExitStatus,
    LangOption,
    attempt,
    examples,
    finish,
    format_choice,
)
from pledgecli.i18n import _


def register(app: typer.Typer) -> None:
    app.command(
        "leaders",
        help=_(
            "Each cluster's leader (cụm trưởng) and deputy (cụm phó) year by year, and the "
            "pair proposed for the year after its last pledge, with the basis of the "
            "proposal (the [rotation] rule of the pledge). A proposal: the cluster decides. "
            "Exit status: 0, or 2 for invalid input."
        )
        + examples("pledge leaders", "pledge leaders --cluster tay-nguyen --format json"),
    )(leaders)


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
