"""The history view of ``pledge history``: blocks, CSV blocks and JSON."""

from __future__ import annotations

from fractions import Fraction
from typing import TextIO

from pledgecli.display import (
    threshold_text,
)
from pledgecli.history import Point, sparkline
from pledgecli.history import Row as HistoryRow
from pledgecli.i18n import _
from pledgecli.render.document import (
    Block,
    Bullets,
    Cell,
    Column,
    Heading,
    TableBlock,
    to_csv,
    to_markdown,
    write_rich,
)
from pledgecli.render.document import write_json as write_payload
from pledgecli.render.formats import Page
from pledgecli.render.grid import Texts, _exact, cell_text
from pledgecli.render.json import json_number
from pledgecli.render.review_parts import Names, _name
from pledgecli.review_outcomes import HistoryOutcome

Thresholds = dict[tuple[int, int, int], str]


def _history_cell(
    point: Point | None, names: Names, thresholds: Thresholds, texts: Texts
) -> Cell:
    """A year's cell; ``thresholds`` keeps each threshold's text made once per target,
    ``texts`` each figure's (a national history shows 70,000 figures, a third of them
    different: display's own memo would build a longer key for each)."""
    if point is None:
        return Cell("", None)
    result = point.result
    text = cell_text(result, texts)
    threshold = result.threshold
    if isinstance(threshold, bool) is False:
        assert isinstance(threshold, Fraction)
        key = (id(result.target), threshold.numerator, threshold.denominator)  # not its hash
        shown = thresholds.get(key)
        if shown is None:
            shown = thresholds[key] = threshold_text(result.target, threshold)
        text += " (" + shown + ")"
    if point.via is not None:
        text += " " + _("as {province}").format(province=_name(names, point.via))
    return Cell(text, json_number(result.actual), result.status)


Cells = dict[tuple[object, ...], Cell]
# Cells held at most by a history's memo: the distinct figures of a national history
# (about 23,000 at 3,321 units), held once each; emptied when full (never in practice).
CELLS_HELD = 1 << 18
NO_TREND = Cell("")


def _cell_key(point: Point) -> tuple[object, ...]:
    """Everything a year's cell depends on: the target (by identity, as
    :func:`~pledgecli.render.grid.figure_key`), the figure and the threshold as their terms,
    the status (by identity: an Enum member hashes in Python), the marks and ``via``.
    A figure and a threshold that are both Fractions give nine items, any other seven."""
    result = point.result
    actual, threshold = result.actual, result.threshold
    if isinstance(actual, Fraction) and isinstance(threshold, Fraction):
        return (
            id(result.target),
            actual.numerator,
            actual.denominator,
            threshold.numerator,
            threshold.denominator,
            id(result.status),
            not result.assembled,
            not result.corrected,
            point.via,
        )
    return (
        id(result.target),
        _exact(actual),
        _exact(threshold),
        id(result.status),
        not result.assembled,
        not result.corrected,
        point.via,
    )


def _year_cell(
    point: Point | None, names: Names, thresholds: Thresholds, texts: Texts, cells: Cells
) -> Cell:
    """:func:`_history_cell`, made once for every equal cell (a national history shows
    70,000 cells, two thirds of them repeats) and shared: a Cell is immutable."""
    if point is None:
        return EMPTY_CELL
    key = _cell_key(point)
    cell = cells.get(key)
    if cell is None:
        if len(cells) >= CELLS_HELD:
            cells.clear()
        cell = cells[key] = _history_cell(point, names, thresholds, texts)
    return cell


EMPTY_CELL = Cell("", None)


def history_blocks(outcome: HistoryOutcome) -> list[Block]:
    """One table per province (targets as rows, years as columns, a trend), then a legend."""
    names = outcome.names
    blocks: list[Block] = []
    thresholds: Thresholds = {}
    texts: Texts = {}
    cells: Cells = {}
    labels: dict[str, Cell] = {}  # a target's cell, the same in every province
    trends: dict[str, Cell] = {}
    rows: dict[tuple[int, ...], tuple[Cell, ...]] = {}  # equal rows, one tuple (by cells)
    headers: dict[tuple[int, ...], tuple[Column, ...]] = {}
    by_province: dict[str, list[HistoryRow]] = {}
    for row in outcome.rows:
        by_province.setdefault(row.province, []).append(row)
    for province, province_rows in by_province.items():
        heading = _name(names, province)
        part_of = province_rows[0].part_of
        if part_of is not None:
            heading = _("{province} (merged into {successor})").format(
                province=heading, successor=_name(names, part_of)
            )
        blocks.append(Heading(heading))
        years = tuple(y for y in outcome.years if any(y in row.points for row in province_rows))
        columns = headers.get(years)
        if columns is None:
            columns = headers[years] = (
                Column("target", _("Target")),
                *(Column(str(year), str(year)) for year in years),
                Column("trend", _("Trend")),
            )
        body = []
        for row in province_rows:
            label = labels.get(row.target)
            if label is None:
                label = labels[row.target] = Cell(row.target, row.target)
            points = row.points
            trend = NO_TREND  # fewer than two points: no trend (sparkline's rule), no sorting
            if len(points) > 1:
                line = sparkline(row.values())
                trend = trends.get(line) or trends.setdefault(line, Cell(line))
            made = (
                label,
                *(_year_cell(points.get(year), names, thresholds, texts, cells) for year in years),
                trend,
            )
            # the cells are shared, so is a row of the same cells (written once: to_rich)
            key = tuple(map(id, made))
            shared = rows.get(key)
            if shared is None:
                if len(rows) >= CELLS_HELD:
                    rows.clear()
                shared = rows[key] = made
            body.append(shared)
        blocks.append(TableBlock(columns, tuple(body)))
    shown = list(dict.fromkeys(row.target for row in outcome.rows))
    blocks.append(
        Bullets(
            tuple(
                _("{target} (as worded in {year}): {text}").format(
                    target=target,
                    year=outcome.worded.get(target, outcome.years[-1]),
                    text=outcome.targets[target].text,
                )
                for target in shown
                if target in outcome.targets
            )
        )
    )
    return blocks


def history_csv(outcome: HistoryOutcome) -> list[Block]:
    """Long format for scripts: one row per province, target and year."""
    columns = tuple(
        Column(key, key)
        for key in ("province", "target", "year", "cluster", "status", "actual", "threshold", "via")
    )
    body = tuple(
        (
            Cell(row.province, row.province),
            Cell(row.target, row.target),
            Cell(str(year), year),
            Cell(point.cluster, point.cluster),
            Cell(point.result.status.value, point.result.status.value),
            Cell("", json_number(point.result.actual)),
            Cell("", json_number(point.result.threshold)),
            Cell("", point.via),
        )
        for row in outcome.rows
        for year, point in sorted(row.points.items())
    )
    return [TableBlock(columns, body)]


def history_json(outcome: HistoryOutcome) -> dict[str, object]:
    return {
        "years": outcome.years,
        "rows": [
            {
                "province": row.province,
                "target": row.target,
                "part_of": row.part_of,
                "years": [
                    {
                        "year": year,
                        "cluster": point.cluster,
                        "status": point.result.status.value,
                        "actual": json_number(point.result.actual),
                        "threshold": json_number(point.result.threshold),
                        "via": point.via,
                    }
                    for year, point in sorted(row.points.items())
                ],
            }
            for row in outcome.rows
        ],
    }


# -- writers (see pledgecli.render.formats) -------------------------------------------


def _outcome(page: Page) -> HistoryOutcome:
    assert isinstance(page.value, HistoryOutcome)
    return page.value


def write_table(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    write_rich(history_blocks(outcome), out, shared=True)  # its cells are shared: see above


def write_json(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    write_payload(history_json(outcome), out)


def write_csv(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    out.write(to_csv(history_csv(outcome)))


def write_markdown(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    out.write(to_markdown(history_blocks(outcome)))
