"""``--format xlsx``: Excel workbooks of ``check``, ``rank``, ``totals`` and ``report``.

Numbers are numeric cells with number formats (thousands, percentages, points), so Excel
shows them the reader's way and computes on them; headers are in the reader's language;
header rows are frozen and columns fitted to their text; the charts (scores by province
with the nominee marked, how many provinces met each target, targets met, missed and
without data per province) are native Excel charts on a sheet of their own. Text from
the files is always written as text: a name starting with ``=`` never becomes a formula.

xlsxwriter writes row by row in constant memory (national data: 100,000 results).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

from pledgecli.evaluate import PledgeResults
from pledgecli.i18n import _
from pledgecli.outcomes import Report
from pledgecli.render import target_label
from pledgecli.render.charts import LIMIT, MET_COLOUR, MISSED_COLOUR, NO_DATA_COLOUR
from pledgecli.render.xlsx_beside import results_beside
from pledgecli.render.xlsx_sheets import Block, matrix_sheet, status_tallies
from pledgecli.render.xlsx_writer import COUNT_FORMAT, HEADER, Book
from pledgecli.safe_text import visible
from pledgecli.scoring import ProvinceScore

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from pledgecli.review import PledgeReview

# -- charts ---------------------------------------------------------------------------------


def _series_colour(colour: str) -> dict[str, Any]:
    return {"fill": {"color": colour}, "border": {"none": True}}


def add_charts(
    book: Book,
    sheet: Worksheet,
    anchor_row: int,
    title: str | None,
    scores: Block | None,
    score_columns: tuple[int, int, int, int, int] | None,
    nominees: Sequence[int],
    targets: Block | None,
    target_columns: tuple[int, int, int, int] | None,
) -> int:
    """Native bar charts; returns the next free row. ``score_columns``: (name, score, met,
    missed, no data) columns of the provinces' rows; ``target_columns``: (label, met,
    missed, no data) of the targets' rows."""
    workbook = book.workbook
    row = anchor_row
    if title is not None:
        book.text(sheet, row, 0, title, book.format(bold=True, font_size=13))
        row += 1
    if scores is not None and score_columns is not None:
        last = min(scores.last, scores.first + LIMIT - 1)
        shown = last - scores.first + 1
        total = scores.last - scores.first + 1
        height = max(300, 60 + 20 * shown)
        name, score, met, missed, no_data = score_columns
        chart = workbook.add_chart({"type": "bar"})
        points = [
            {"fill": {"color": "#D4A017"}} if scores.first + i in nominees else None
            for i in range(shown)
        ]
        chart.add_series(
            {
                "name": _("Score"),
                "categories": [scores.sheet, scores.first, name, last, name],
                "values": [scores.sheet, scores.first, score, last, score],
                "fill": {"color": "#5B7FA6"},
                "points": points,
                "data_labels": {"value": True},
            }
        )
        chart_title = _("Scores by province")
        if shown < total:
            chart_title = _("{title} ({shown} of {total} shown)").format(
                title=chart_title, shown=shown, total=total
            )
        chart.set_title({"name": chart_title + " — ★ " + _("Proposed for the emulation flag")})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"none": True})
        chart.set_size({"width": 720, "height": height})
        sheet.insert_chart(row, 0, chart)
        row += height // 20 + 2
        stacked = workbook.add_chart({"type": "bar", "subtype": "stacked"})
        for column, word, colour in (
            (met, _("Met"), MET_COLOUR),
            (missed, _("Missed"), MISSED_COLOUR),
            (no_data, _("No data"), NO_DATA_COLOUR),
        ):
            stacked.add_series(
                {
                    "name": word,
                    "categories": [scores.sheet, scores.first, name, last, name],
                    "values": [scores.sheet, scores.first, column, last, column],
                    **_series_colour(colour),
                }
            )
        per_province = _("Targets met, missed and without data per province")
        if shown < total:
            per_province = _("{title} ({shown} of {total} shown)").format(
                title=per_province, shown=shown, total=total
            )
        stacked.set_title({"name": per_province})
        stacked.set_y_axis({"reverse": True})
        stacked.set_legend({"position": "bottom"})
        stacked.set_size({"width": 720, "height": height})
        sheet.insert_chart(row, 0, stacked)
        row += height // 20 + 2
    if targets is not None and target_columns is not None and targets.last >= targets.first:
        label, met, missed, no_data = target_columns
        total = targets.last - targets.first + 1
        last = min(targets.last, targets.first + LIMIT - 1)  # a readable chart: the first ones
        height = max(300, 60 + 24 * (last - targets.first + 1))
        chart = workbook.add_chart({"type": "bar", "subtype": "stacked"})
        for column, word, colour in (
            (met, _("Met"), MET_COLOUR),
            (missed, _("Missed"), MISSED_COLOUR),
            (no_data, _("No data"), NO_DATA_COLOUR),
        ):
            chart.add_series(
                {
                    "name": word,
                    "categories": [targets.sheet, targets.first, label, last, label],
                    "values": [targets.sheet, targets.first, column, last, column],
                    **_series_colour(colour),
                }
            )
        per_target = _("Provinces that met each target")
        if last < targets.last:
            per_target = _("{title} ({shown} of {total} shown)").format(
                title=per_target, shown=last - targets.first + 1, total=total
            )
        chart.set_title({"name": per_target})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 720, "height": height})
        sheet.insert_chart(row, 0, chart)
        row += height // 20 + 2
    return row


def _nominees(results: PledgeResults, scores: Mapping[str, ProvinceScore]) -> set[str]:
    """``scoring.nominee`` without ranking everyone: the best score among the eligible."""
    must = results.pledge.scoring.nominee_must_meet_all
    eligible = [s for s in scores.values() if s.met_all or not must]
    if not eligible:
        return set()
    best = max(s.score for s in eligible)
    return {s.province for s in eligible if s.score == best}


# -- workbooks ------------------------------------------------------------------------------


def _title(results: PledgeResults) -> str:
    return visible(results.pledge.name) + f" — {results.pledge.year}"


def _matrix_title(index: int, count: int) -> str:
    return _("Matrix") if count == 1 else f"{_('Matrix')} {index + 1}"


def check_workbook(report: Report, out: IO[bytes] | str) -> None:
    """``check --format xlsx``: the list of results, the matrix of each pledge, charts."""
    book = Book(out)
    with results_beside(book, report):  # its rows written beside the next sheets
        blocks = [
            matrix_sheet(book, report, results, _matrix_title(i, len(report.pledges)))
            for i, results in enumerate(report.pledges)
        ]
        charts = book.sheet(_("Charts"), stream=False)
        row = 0
        count = book.format(num_format=COUNT_FORMAT)
        for results, block in zip(report.pledges, blocks, strict=True):
            targets = len(results.pledge.targets)
            scores = report.scores.get(results.pledge.cluster, {})
            proposed = _nominees(results, scores)
            members = list(results.pledge.provinces)
            nominees = [block.first + members.index(p) for p in proposed if p in members]
            # the data of the chart of targets, beside the charts
            tallies = status_tallies(results, report)
            book.text(charts, row, 0, _title(results), book.format(bold=True, font_size=13))
            for offset, word in enumerate(("#", _("Met"), _("Missed"), _("No data"))):
                book.text(charts, row, 12 + offset, word, book.format(**HEADER))
            first = row + 1
            for index, target in enumerate(results.pledge.targets):
                if target.id in tallies:
                    row += 1
                    book.text(charts, row, 12, target_label(index))
                    for offset, value in enumerate(tallies[target.id]):
                        book.number(charts, row, 13 + offset, value, count)
            tally = Block(charts.name, first, row)
            row = add_charts(
                book,
                charts,
                first,
                None,
                block if report.province is None else None,
                (0, targets + 4, targets + 1, targets + 2, targets + 3),
                nominees,
                tally,
                (12, 13, 14, 15),
            )
            row = max(row, tally.last + 2)
    book.close()


def rank_workbook(
    reviews: Sequence[PledgeReview], names: Mapping[str, str], out: IO[bytes] | str
) -> None:
    """``rank --format xlsx``: the score table and the charts of scores."""
    from pledgecli.render.xlsx_review import ranking_sheet  # not imported by check's workbook

    book = Book(out)
    blocks = ranking_sheet(book, reviews, names)
    charts = book.sheet(_("Charts"), stream=False)
    row = 0
    for review, block in zip(reviews, blocks, strict=True):
        nominees = [
            block.first + i
            for i, entry in enumerate(review.ranking)
            if entry.score.province in review.nominee.provinces
        ]
        row = add_charts(
            book, charts, row, _title(review.results), block, (3, 4, 5, 6, 7), nominees, None, None
        )
    book.close()


def totals_workbook(reviews: Sequence[PledgeReview], out: IO[bytes] | str) -> None:
    """``totals --format xlsx``: metrics summed, provinces per target, whole-cluster targets."""
    from pledgecli.render.xlsx_review import cluster_sheet, metrics_sheet, targets_sheet

    book = Book(out)
    metrics_sheet(book, reviews)
    blocks = targets_sheet(book, reviews)
    cluster_sheet(book, reviews)
    charts = book.sheet(_("Charts"), stream=False)
    row = 0
    for review, block in zip(reviews, blocks, strict=True):
        row = add_charts(
            book, charts, row, _title(review.results), None, None, (), block, (1, 4, 5, 6)
        )
    book.close()


def report_workbook(
    report: Report,
    reviews: Sequence[PledgeReview],
    names: Mapping[str, str],
    out: IO[bytes] | str,
) -> None:
    """``report --format xlsx``: every view as a sheet, and the charts."""
    from pledgecli.render.xlsx_review import (
        cluster_sheet,
        metrics_sheet,
        missed_sheet,
        ranking_sheet,
        targets_sheet,
    )

    book = Book(out)
    ranking = ranking_sheet(book, reviews, names)
    with results_beside(book, report):  # its rows written beside the next sheets
        for i, results in enumerate(report.pledges):
            matrix_sheet(book, report, results, _matrix_title(i, len(report.pledges)))
        metrics_sheet(book, reviews)
        targets = targets_sheet(book, reviews)
        cluster_sheet(book, reviews)
        missed_sheet(book, reviews, names)
        charts = book.sheet(_("Charts"), stream=False)
        row = 0
        for review, block, tally in zip(reviews, ranking, targets, strict=True):
            nominees = [
                block.first + i
                for i, entry in enumerate(review.ranking)
                if entry.score.province in review.nominee.provinces
            ]
            row = add_charts(
                book,
                charts,
                row,
                _title(review.results),
                block,
                (3, 4, 5, 6, 7),
                nominees,
                tally,
                (1, 4, 5, 6),
            )
    book.close()
