"""The writers of the table of renderers for the office formats: Word (``docx``), Excel
(``xlsx``) and the charts of ``check --format svg``.

The engines (``docx_report``, ``xlsx_*``, ``charts``) import python-docx, xlsxwriter and
matplotlib inside the functions that draw, so that this module stays light.
"""

from __future__ import annotations

from typing import IO, TextIO

from pledgecli.outcomes import Report
from pledgecli.render.formats import Page
from pledgecli.review_outcomes import ReviewOutcome


def _report(page: Page) -> Report:
    assert isinstance(page.value, Report)
    return page.value


def _outcome(page: Page) -> ReviewOutcome:
    assert isinstance(page.value, ReviewOutcome)
    return page.value


def write_check_svg(page: Page, out: TextIO) -> None:
    """``check --format svg``: the charts of the scorecard, self-contained (nothing fetched)."""
    from pledgecli.render.charts import check_svg

    out.write(check_svg(_report(page)))


def write_check_xlsx(page: Page, out: IO[bytes]) -> None:
    from pledgecli.render.xlsx_book import check_workbook

    check_workbook(_report(page), out)


def write_rank_xlsx(page: Page, out: IO[bytes]) -> None:
    from pledgecli.render.xlsx_book import rank_workbook

    outcome = _outcome(page)
    rank_workbook(outcome.reviews, outcome.names, out)


def write_totals_xlsx(page: Page, out: IO[bytes]) -> None:
    from pledgecli.render.xlsx_book import totals_workbook

    totals_workbook(_outcome(page).reviews, out)


def write_report_xlsx(page: Page, out: IO[bytes]) -> None:
    from pledgecli.render.xlsx_book import report_workbook

    outcome = _outcome(page)
    report_workbook(outcome.report, outcome.reviews, outcome.names, out)


def write_report_docx(page: Page, out: IO[bytes]) -> None:
    from pledgecli.render.docx_report import write_docx

    outcome = _outcome(page)
    write_docx(outcome.report, outcome.reviews, outcome.names, out)
