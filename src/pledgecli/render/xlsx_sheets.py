"""The sheets of ``check``'s workbook: the list of results and the matrix of each pledge."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from pledgecli.display import threshold_text
from pledgecli.evaluate import PledgeResults, Result, Status
from pledgecli.i18n import _
from pledgecli.models import Rule, Scope, Target
from pledgecli.outcomes import Report
from pledgecli.render import target_label
from pledgecli.render.grid import MARKS, assembled_notes, cell_text
from pledgecli.render.json import json_number
from pledgecli.render.xlsx_figures import Figure
from pledgecli.render.xlsx_formats import value_format
from pledgecli.render.xlsx_stream import wire
from pledgecli.render.xlsx_writer import (
    COUNT_FORMAT,
    NOT_XML,
    SAMPLE,
    SCORE_FORMAT,
    STATUS_FONT,
    Book,
    StreamSheet,
    column_letters,
    escape,
)
from pledgecli.safe_text import visible

if TYPE_CHECKING:
    from xlsxwriter.format import Format


# -- sheets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """Where one pledge's rows sit on a sheet (0-based, inclusive), for the charts."""

    sheet: str
    first: int
    last: int


def inline_text(text: str) -> str:
    return escape(NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text)))


def matrix_sheet(book: Book, report: Report, results: PledgeResults, title: str) -> Block:
    """Provinces as rows, targets as columns: the figure with its status mark (numeric),
    then met / missed / no data / score; under it, how many met each target."""
    pledge = results.pledge
    sheet = book.sheet(title)
    targets = list(pledge.targets)
    labels = [target_label(i) for i in range(len(targets))]
    headers = [_("Province"), *labels, _("Met"), _("Missed"), _("No data"), _("Score")]
    book.header(sheet, 0, headers)
    sheet.freeze_panes(1, 1)
    scores = report.scores.get(pledge.cluster, {})
    members: list[str | None] = [p for p in pledge.provinces]
    if report.province is not None:
        members = [report.province] if report.province in pledge.provinces else []
    has_cluster = any(t.scope is Scope.CLUSTER for t in targets)
    if has_cluster:
        members.append(None)
    count = book.format(num_format=COUNT_FORMAT)
    score_format = book.format(num_format=SCORE_FORMAT)
    row = 1
    first_province = 1
    texts: dict[tuple[Status, object, bool], str] = {}
    formats: dict[tuple[bool, bool, int, Status], Format] = {}
    status_formats = {st: book.format(font_color=STATUS_FONT[st]) for st in Status}
    assert isinstance(sheet, StreamSheet)
    # past the rows that fit the columns, a cell is its XML from pieces made once: the
    # style of a target's figure by decimals and status, the text of a yes/no or no data
    letters = [column_letters(column) for column in range(len(targets) + 1)]
    styles: list[dict[tuple[int, Status], tuple[int, Format]]] = [{} for _column in letters]
    shown: dict[tuple[Status, object, bool], str] = {}  # the rest of the text's cell
    # each result's figure by position, when the Results sheet kept them: the positions
    # of each province's results (results.for_province(), in order)
    every = results.results
    kept = book.figures_of(results)
    if kept is not None and len(kept) != len(every):
        kept = None
    positions: dict[str | None, list[int]] = {}
    if kept is not None:
        for i, result in enumerate(every):
            positions.setdefault(result.province, []).append(i)
    for member in members:
        # Each row as one piece of XML (national data: tens of thousands of cells), the
        # cells Book.text and Book.number would write, fitted as they fit them.
        by_target: dict[str, tuple[Result, Figure | None]]
        if kept is None:
            by_target = {r.target.id: (r, None) for r in results.for_province(member)}
        else:
            by_target = {every[i].target.id: (every[i], kept[i]) for i in positions.get(member, ())}
        name = report.name_of(member)
        # every text of the row made by wire() (numbers are ASCII): see StreamSheet.wire_row
        cells = [wire(book.text_xml(sheet, row, 0, name, book.format(bold=member is None)))]
        last = 0
        at = str(row + 1)
        for column, target in enumerate(targets, start=1):
            found = by_target.get(target.id)
            if found is None:
                continue
            result, figure = found
            state = result.status
            last = column
            actual = result.actual
            # by class first: isinstance() of a yes/no or None goes through the ABC
            if actual.__class__ is Fraction or (
                actual is not None and actual.__class__ is not bool and isinstance(actual, Fraction)
            ):
                if kept is None:
                    figure = book.figure(result)  # against a fraction: made once per figure
                if row > SAMPLE and figure is not None:
                    # the rest of its cell, kept with the figure for its status
                    tail = figure.matrix
                    if tail is None or tail[0] is not state:
                        style = _figure_style(book, styles[column], formats, target, figure, state)
                        book.hold_cells("matrix")
                        tail = figure.matrix = (
                            state,
                            f'" s="{style}"><v>{figure.text}</v></c>',
                        )
                    cells.append(f'<c r="{letters[column]}{at}{tail[1]}')
                    continue
                digits = book.digits(result) if figure is None else figure.digits
                known = styles[column].get((digits, state))
                if known is None:
                    key2 = (target.is_percent, target.rule is Rule.GROWTH_AT_LEAST, digits, state)
                    if key2 not in formats:
                        fmt = value_format(target, digits, prefix=MARKS[state])
                        formats[key2] = book.format(num_format=fmt, font_color=STATUS_FONT[state])
                    known = styles[column][(digits, state)] = (
                        book.style(formats[key2]),
                        formats[key2],
                    )
                if row > SAMPLE:
                    text = repr(json_number(actual)) if figure is None else figure.text
                    cells.append(f'<c r="{letters[column]}{at}" s="{known[0]}"><v>{text}</v></c>')
                    continue
                mark = MARKS[state]
                cells.append(
                    book.number_xml(
                        sheet,
                        row,
                        column,
                        actual,
                        known[1],
                        shown_as=f"{mark} {cell_text(result)}",
                    )
                )
            else:  # yes / no, no data: a few texts, made once
                key = (state, actual, bool(result.assembled))
                if key not in texts:
                    texts[key] = f"{MARKS[state]} {cell_text(result)}"
                    shown[key] = (
                        f'" s="{book.style(status_formats[state])}" t="inlineStr"><is>'
                        f'<t xml:space="preserve">{wire(inline_text(texts[key]))}</t></is></c>'
                    )
                if row > SAMPLE:
                    cells.append(f'<c r="{letters[column]}{at}{shown[key]}')
                    continue
                cells.append(
                    wire(book.text_xml(sheet, row, column, texts[key], status_formats[state]))
                )
        if member is not None and member in scores:
            s = scores[member]
            for column, value, fmt in (
                (len(targets) + 1, s.met, count),
                (len(targets) + 2, s.missed, count),
                (len(targets) + 3, s.no_data + s.no_baseline, count),
                (len(targets) + 4, s.score, score_format),
            ):
                cell = book.number_xml(sheet, row, column, value, fmt)
                if cell:
                    cells.append(cell)
                    last = column
        sheet.wire_row(row, "".join(cells), last_column=last)
        row += 1
    book.forget_cells("matrix")
    last_province = row - 1 - (1 if has_cluster else 0)
    row += 1
    tallies = status_tallies(results, report)
    for word, status in ((_("Met"), 0), (_("Missed"), 1), (_("No data"), 2)):
        book.text(sheet, row, 0, word, book.format(bold=True))
        for column, target in enumerate(targets, start=1):
            if target.id in tallies:
                book.number(sheet, row, column, tallies[target.id][status], count)
        row += 1
    row += 1
    book.text(sheet, row, 0, _("Targets (chỉ tiêu)"), book.format(bold=True))
    row += 1
    wrap = book.format(text_wrap=False)
    for label, target in zip(labels, targets, strict=True):
        whole = _(", whole cluster") if target.scope is Scope.CLUSTER else ""
        threshold = threshold_text(
            target,
            target.threshold,
            pledge.baseline_year_of(target) if target.uses_baseline() else None,
        )
        book.text(sheet, row, 0, label)
        sheet.write_string(row, 1, visible(f"{target.text} ({threshold}{whole})"), wrap)
        row += 1
    for note in assembled_notes(report, results.results):
        sheet.write_string(row, 0, visible(note))
        row += 1
    return Block(sheet.name, first_province, last_province)


def _figure_style(
    book: Book,
    styles: dict[tuple[int, Status], tuple[int, Format]],
    formats: dict[tuple[bool, bool, int, Status], Format],
    target: Target,
    figure: Figure,
    state: Status,
) -> int:
    """The style of a figure of ``target`` with status ``state`` in its column (whose
    ``styles``), made as the rows that fit the columns make it."""
    digits = figure.digits
    known = styles.get((digits, state))
    if known is None:
        key = (target.is_percent, target.rule is Rule.GROWTH_AT_LEAST, digits, state)
        if key not in formats:
            fmt = value_format(target, digits, prefix=MARKS[state])
            formats[key] = book.format(num_format=fmt, font_color=STATUS_FONT[state])
        known = styles[(digits, state)] = (book.style(formats[key]), formats[key])
    return known[0]


def status_tallies(results: PledgeResults, report: Report) -> dict[str, list[int]]:
    """Per target (in the order of the results), how many provinces met it, missed it, or
    have no data (or no baseline) for it."""
    counts: dict[str, list[int]] = {}
    met, missed = Status.MET, Status.MISSED
    for result in report.shown(results):
        if result.province is None:
            continue
        row = counts.get(result.target.id)
        if row is None:
            row = counts[result.target.id] = [0, 0, 0]
        status = result.status
        row[0 if status is met else 1 if status is missed else 2] += 1
    return counts
