"""The rows of the review's two tables of results (``pledge report``), made as
:func:`pledgecli.render.grid.rows` and :func:`pledgecli.render.grid.cell_text` make them,
with each distinct cell made once.

A national review shows ~70,000 results in its scorecard and ~25,000 again in its
"Targets not met" table, most of them the same few thousand figures: a cell (an immutable
:class:`~pledgecli.render.document.Cell`) is made once per distinct figure and shared by
every row that shows it, instead of a grid cell then a document cell per result."""

from __future__ import annotations

from collections.abc import Iterator

from pledgecli.display import fresh_gap_text, fresh_value_text, number, status_word, threshold_text
from pledgecli.evaluate import Result, Status
from pledgecli.figures import Threshold
from pledgecli.i18n import _, pgettext
from pledgecli.models import Scope
from pledgecli.outcomes import Report
from pledgecli.render.document import Cell
from pledgecli.render.grid import (
    ASSEMBLED,
    CELL,
    CORRECTED,
    EMPTY,
    TEXTS_HELD,
    cell_text,
    figure_key,
)
from pledgecli.render.review_parts import Names
from pledgecli.review import PledgeReview

Row = tuple[Cell, ...]
Shown = dict[tuple[object, ...], Cell]
"""A figure's cell by :func:`~pledgecli.render.grid.figure_key`: its text (the value as
:func:`~pledgecli.display.value_text` writes it) and the status it was first shown with;
shared by a review's scorecard and its "Targets not met" table, so that each figure's text
is written once."""


def _value_cell(result: Result, key: tuple[object, ...], shown: Shown) -> Cell:
    """The cell of ``result``'s figure (its value text, no mark), kept in ``shown``."""
    cell = shown.get(key)
    if cell is None:
        if len(shown) >= TEXTS_HELD:
            shown.clear()
        text = fresh_value_text(result.target, result.actual, result.threshold)
        cell = shown[key] = Cell(text, None, result.status)
    return cell


def scorecard_rows(report: Report, review: PledgeReview, shown: Shown) -> Iterator[Row]:
    """Per signatory, then the cluster when it has cluster-scope targets: its name, a cell
    per target (status and text, as :func:`~pledgecli.render.grid.rows`), met and score."""
    pledge_results = review.results
    pledge = pledge_results.pledge
    targets = pledge.targets
    members: list[str | None] = list(pledge.provinces)
    if any(t.scope is Scope.CLUSTER for t in targets):
        members.append(None)
    blank = Cell("")
    empty = {status: Cell(pgettext(CELL, word), None, status) for status, word in EMPTY.items()}
    counts: dict[str, Cell] = {}  # "14/21": few distinct
    met_status = Status.MET
    # the statuses a figure is shown with, tested by identity (an Enum member's hash, as
    # ``status in empty`` takes, is a Python call: 70,000 of them in a national scorecard)
    valued = tuple(status for status in Status if status not in empty)
    for member in members:
        by_target = {r.target.id: r for r in pledge_results.for_province(member)}
        row: list[Cell] = [Cell(report.name_of(member))]
        for target in targets:
            result = by_target.get(target.id)
            if result is None:
                row.append(blank)
                continue
            status = result.status
            if result.assembled or result.corrected:  # marked: made as grid.cell_text makes it
                row.append(Cell(_marked_text(result, shown), None, status))
            elif status in valued:
                cell = _value_cell(result, figure_key(result), shown)
                row.append(cell if cell.status is status else Cell(cell.text, None, status))
            else:
                row.append(empty[status])
        met = sum(1 for r in by_target.values() if r.status is met_status)
        count = f"{met}/{len(by_target)}"
        met_cell = counts.get(count)
        if met_cell is None:
            met_cell = counts[count] = Cell(count)
        score = report.score_of(pledge.cluster, member)
        row += (met_cell, Cell(number(score.score) if score is not None else ""))
        yield tuple(row)


def _marked_text(result: Result, shown: Shown) -> str:
    """:func:`~pledgecli.render.grid.cell_text` of a result with a mark (``†``, ``‡``)."""
    if result.status in EMPTY:
        return cell_text(result)  # no figure
    mark = ASSEMBLED if result.assembled else ""
    if result.corrected:
        mark += CORRECTED
    return _value_cell(result, figure_key(result), shown).text + mark


def missed_rows(
    missed: list[Result], names: Names, shown: Shown
) -> Iterator[Row]:
    """Per result not met: province, target, threshold, actual, gap and status."""
    whole = Cell(_("Whole cluster"))
    provinces: dict[str, Cell] = {}
    target_cells: dict[int, Cell] = {}  # by the target's identity: it lives while the review does
    thresholds: dict[tuple[int, int, int | None], tuple[Threshold, Cell]] = {}  # few a target
    figures: dict[tuple[object, ...], tuple[Cell, Cell]] = {}  # actual and gap, made once
    statuses = {status: Cell(status_word(status), None, status) for status in Status}
    for r in missed:
        province = r.province
        if province:
            place = provinces.get(province)
            if place is None:
                place = provinces[province] = Cell(names.get(province, province))
        else:
            place = whole
        target = r.target
        what = target_cells.get(id(target))
        if what is None:
            what = target_cells[id(target)] = Cell(target.text)
        # by the target's and the threshold's identity (the threshold kept with its cell,
        # so that no other takes its id): a Fraction's hash costs more than the text
        limit = r.threshold
        threshold_key = (id(target), id(limit), r.baseline_year)
        known = thresholds.get(threshold_key)
        if known is not None and known[0] is limit:
            threshold = known[1]
        else:
            threshold = Cell(threshold_text(target, limit, baseline_year=r.baseline_year))
            thresholds[threshold_key] = (limit, threshold)
        key = figure_key(r)
        pair = figures.get(key)
        if pair is None:
            if len(figures) >= TEXTS_HELD:
                figures.clear()
            actual = "—" if r.actual is None else _value_cell(r, key, shown).text
            pair = figures[key] = (Cell(actual), Cell(fresh_gap_text(r)))
        actual_cell, gap = pair
        if r.corrected:
            actual_cell = Cell(actual_cell.text + CORRECTED)
        yield (place, what, threshold, actual_cell, gap, statuses[r.status])
