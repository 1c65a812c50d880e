"""The body of ``pledge check``, without Typer: the options' values -> one service call ->
renderer -> exit status.

Two callers, one body: the Typer command of :mod:`pledgecli.cli.check` and the fast path
of :mod:`pledgecli.cli.fast`, each with its own :class:`~pledgecli.cli.outlet.Outlet`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from pledgecli.cli.outlet import ExitStatus, Outlet, attempt, show, strict_finish, warn

if TYPE_CHECKING:
    from pledgecli.outcomes import CheckOutcome


def check(
    outlet: Outlet,
    year: int,
    data: Path | None,
    cluster: str | None,
    province: str | None,
    output_format: str,
    all_rows: bool,
    output: Path | None,
    force: bool,
    strict: bool,
) -> NoReturn:
    from pledgecli.progress import LoadProgress
    from pledgecli.render.formats import Page
    from pledgecli.service import CheckRequest, run_check

    def judge() -> CheckOutcome:
        with LoadProgress() as progress:
            return run_check(CheckRequest(year, data, cluster, province, progress))

    outcome = attempt(outlet, judge)
    warn(outlet, outcome.warnings, outcome.notes)
    show(outlet, Page("check", output_format, outcome.report, all_rows=all_rows), output, force)
    strict_finish(outlet, strict, outcome.warnings)
    outlet.end(ExitStatus.MET if outcome.all_met else ExitStatus.NOT_MET)
