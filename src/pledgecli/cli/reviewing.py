"""The bodies of ``pledge rank``, ``pledge totals`` and ``pledge report``, without Typer:
the options' values -> one review of the year -> the view's renderer -> exit status.

Two callers, one body each: the Typer commands of :mod:`pledgecli.cli.review` and the fast
path of :mod:`pledgecli.cli.fast`, each with its own :class:`~pledgecli.cli.outlet.Outlet`
(as :mod:`pledgecli.cli.checking` is for ``pledge check``).
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from pledgecli.cli.outlet import ExitStatus, Outlet, attempt, show, warn


def review(
    outlet: Outlet,
    view: str,
    year: int,
    data: Path | None,
    cluster: str | None,
    output_format: str,
    output: Path | None,
    force: bool,
) -> NoReturn:
    """The year's review shown as ``view``: its warnings and notes on stderr, the page on
    stdout or in ``output``; exit status 0 (a user error: 2)."""
    from pledgecli.render.formats import Page
    from pledgecli.service import CheckRequest, run_review

    outcome = attempt(outlet, lambda: run_review(CheckRequest(year, data, cluster)))
    warn(outlet, outcome.warnings, outcome.notes)
    show(outlet, Page(view, output_format, outcome), output, force)
    outlet.end(ExitStatus.MET)


def rank(
    outlet: Outlet,
    year: int,
    data: Path | None,
    cluster: str | None,
    output_format: str,
    output: Path | None,
    force: bool,
) -> NoReturn:
    review(outlet, "rank", year, data, cluster, output_format, output, force)


def totals(
    outlet: Outlet,
    year: int,
    data: Path | None,
    cluster: str | None,
    output_format: str,
    output: Path | None,
    force: bool,
) -> NoReturn:
    review(outlet, "totals", year, data, cluster, output_format, output, force)


def report(
    outlet: Outlet,
    year: int,
    data: Path | None,
    cluster: str | None,
    output_format: str,
    output: Path | None,
    force: bool,
) -> NoReturn:
    review(outlet, "report", year, data, cluster, output_format, output, force)
