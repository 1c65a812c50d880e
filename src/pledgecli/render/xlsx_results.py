"""The Results sheet of ``check``'s and ``report``'s workbooks: one row per result
(national data: 100,000), written as XML from pieces made once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from pledgecli.display import status_word
from pledgecli.evaluate import Result, Status
from pledgecli.i18n import _
from pledgecli.models import Target
from pledgecli.outcomes import Report
from pledgecli.render.json import json_number
from pledgecli.render.json_numbers import JsonValue
from pledgecli.render.xlsx_figures import ROW, Figure, pieces
from pledgecli.render.xlsx_formats import threshold_format
from pledgecli.render.xlsx_sheets import inline_text
from pledgecli.render.xlsx_stream import wire
from pledgecli.render.xlsx_value_styles import FigureStyles, ValueStyles
from pledgecli.render.xlsx_writer import SCORE_FORMAT, STATUS_FONT, Book, StreamSheet

if TYPE_CHECKING:
    from pledgecli.scoring import ResultScore


BATCH = 1000  # rows handed to the sheet at once


def results_sheet(book: Book, report: Report) -> None:
    """Every result, as ``check --format csv`` lists them: one row each, numbers numeric."""
    results_rows(book, report, results_header(book))


def _headers() -> list[str]:
    return [
        _("Year"),
        _("Cluster"),
        _("Province id"),
        _("Province"),
        _("Target"),
        _("Status"),
        _("Actual"),
        _("Threshold"),
        _("Gap"),
        _("Score"),
    ]


def results_header(book: Book) -> StreamSheet:
    """The Results sheet, made, with its header row."""
    sheet = book.sheet(_("Results"))
    assert isinstance(sheet, StreamSheet)
    book.header(sheet, 0, _headers())
    return sheet


def results_rows(book: Book, report: Report, sheet: StreamSheet, *, write: bool = True) -> None:
    """The rows of the Results sheet (after :func:`results_header`).

    National data has 100,000 results: each row is written as one piece of XML, from
    what is the same for many rows (a province's cells, a target's threshold, the text of
    a status) made once; figures of most rows (fractions against a fraction) take the
    short way of :func:`_figures_xml`, the others :func:`_cells_xml`.

    Without ``write``, everything but the rows themselves: the styles made in the order
    writing makes them, each result's figure found and kept for the next sheets (and the
    cells kept with it), the columns fitted. Writing them after that makes no style (see
    ``xlsx_beside``), and writes the same rows."""
    headers = _headers()
    score = book.style(book.format(num_format=SCORE_FORMAT))
    statuses = {
        status: (
            wire(
                f'" s="{book.style(book.format(font_color=STATUS_FONT[status]))}" t="inlineStr">'
                f"<is><t>{inline_text(status_word(status))}</t></is></c>"
            )
        )
        for status in Status
    }
    styles = ValueStyles(book)
    registered: dict[object, object] = {}  # without write: the figures whose styles are made
    names: dict[str | None, tuple[str, str]] = {}
    row = 1
    rows: list[str] = []  # written BATCH at a time
    widths = [len(h) for h in headers]
    for results in report.pledges:
        pledge = results.pledge
        year, cluster = pledge.year, wire(inline_text(pledge.cluster))
        scores = report.scores.get(pledge.cluster, {})  # as report.points_of finds them
        targets = {
            t.id: _TargetCells(
                t,
                wire(f'" t="inlineStr"><is><t>{inline_text(t.id)}</t></is></c><c r="F'),
                json_number(t.threshold),
                book.style(book.format(num_format=threshold_format(t, t.threshold)))
                if isinstance(t.threshold, Fraction)
                else 0,
                repr(json_number(t.threshold)),
                {},
                {},
            )
            for t in pledge.targets
        }
        heads: dict[str | None, tuple[list[str], Mapping[str, ResultScore] | None]] = {}
        points_seen: dict[int, tuple[ResultScore, str]] = {}  # by id() of the share
        # each result's figure, for the sheets after this one (all results shown: in order)
        kept: list[Figure | None] | None = [] if report.province is None else None
        for result in report.shown(results):
            target = result.target
            province = result.province
            head = heads.get(province)
            if head is None:
                if province not in names:
                    names[province] = (
                        wire(inline_text(province)) if province is not None else "",
                        wire(inline_text(report.name_of(province))),
                    )
                    widths[3] = max(widths[3], len(report.name_of(province)))
                    widths[2] = max(widths[2], len(province or ""))
                earned = scores.get(province) if province is not None else None
                head = heads[province] = (
                    _head(year, cluster, *names[province]),
                    None if earned is None else earned.by_target,
                )
            cells = targets[target.id]
            own = result.threshold
            actual = result.actual
            state = result.status
            # the cells from Status to Gap as pieces, made once for the figure and status
            shared: tuple[object, tuple[str, ...]] | None = None
            figure = None
            if actual.__class__ is Fraction and own.__class__ is Fraction:
                figure = book.figure(result)
            if kept is not None:
                kept.append(figure)
            if not write:
                _register(book, styles, cells, result, figure, registered)
                row += 1
                continue
            if target is cells.target:
                if figure is not None:
                    shared = figure.results
                    if shared is None or shared[0] is not state:
                        book.hold_cells("results")
                        shared = figure.results = (
                            state,
                            pieces(
                                statuses[state]
                                + _figures(book, styles, cells, result, ROW, figure.digits)
                            ),
                        )
                elif own is target.threshold and (actual is None or actual.__class__ is bool):
                    shared = cells.plain.get(actual)
                    if shared is None or shared[0] is not state:
                        shared = cells.plain[actual] = (
                            state,
                            pieces(
                                statuses[state]
                                + _figures(book, styles, cells, result, ROW, book.digits(result))
                            ),
                        )
            r = str(row + 1)
            points = ""
            by_target = head[1]
            if by_target is not None:
                share = by_target.get(target.id)
                if share is not None:
                    # a target's share is one object for every province that earned the
                    # same (scoring makes it once): its cell made once
                    seen = points_seen.get(id(share))
                    if seen is None or seen[0] is not share:
                        got = share.points + share.bonus if share.bonus else share.points
                        seen = points_seen[id(share)] = (
                            share,
                            f'" s="{score}"><v>{json_number(got)!r}</v></c>',
                        )
                    points = f'<c r="J{r}{seen[1]}'
            figures = (
                r.join(shared[1])
                if shared is not None
                else statuses[state] + _figures(book, styles, cells, result, r, book.digits(result))
            )
            # every text of the row made by wire(); numbers are ASCII
            rows.append(
                f'</row><row r="{r}">{r.join(head[0])}{cells.target_xml}{r}{figures}{points}'
            )
            row += 1
            if len(rows) >= BATCH:
                sheet.wire_rows(rows, row - 1, last_column=9)
                rows.clear()
        sheet.wire_rows(rows, row - 1, last_column=9)
        rows.clear()
        if kept is not None:
            book.keep_figures(results, kept)
    widths[1] = max(widths[1], *(len(p.pledge.cluster) for p in report.pledges))
    widths[4] = max(widths[4], *(len(t.id) for p in report.pledges for t in p.pledge.targets))
    widths[5] = max(widths[5], *(len(status_word(s)) for s in Status))
    if write:
        book.forget_cells("results")
    for column, width in enumerate(widths):
        book.fit(sheet, column, width)


def _register(
    book: Book,
    styles: ValueStyles,
    cells: _TargetCells,
    result: Result,
    figure: Figure | None,
    registered: dict[object, object],
) -> None:
    """The styles the cells of ``result`` make, where writing its row makes them: at the
    first row of its figure (or of its yes/no or no data against the pledge's threshold),
    when the row's cells are made once for all such rows; at every row for the others."""
    target = result.target
    key: object = None
    if target is cells.target:
        if figure is not None:
            key = id(figure)  # (the figure is kept in ``registered``: its id is not reused)
        elif result.threshold is target.threshold and (
            result.actual is None or result.actual.__class__ is bool
        ):
            key = (id(cells), result.actual)
    if key is not None:
        if key in registered:
            return
        registered[key] = figure if figure is not None else cells
    digits = figure.digits if figure is not None else book.digits(result)
    _figures(book, styles, cells, result, ROW, digits, cells_wanted=False)


def _figures(
    book: Book,
    styles: ValueStyles,
    cells: _TargetCells,
    result: Result,
    r: str,
    digits: int,
    *,
    cells_wanted: bool = True,
) -> str:
    """The cells Actual, Threshold and Gap of ``result`` on row ``r`` (``digits``: its
    decimals): those of the pledge's threshold, or of the result's own (an override).
    Without ``cells_wanted``, only the styles they make (in the same order), and ""."""
    target = result.target
    threshold, threshold_style = cells.threshold, cells.threshold_style
    threshold_text = cells.threshold_text
    own = result.threshold
    if own is not target.threshold and _differs(own, target.threshold):
        assert isinstance(own, Fraction)  # an override
        threshold = json_number(own)
        threshold_style = book.style(book.format(num_format=threshold_format(target, own)))
        threshold_text = repr(threshold)
    known = cells.styles.get(digits) if target is cells.target else None
    if known is None:
        known = styles.of(target, digits)
        if target is cells.target:
            cells.styles[digits] = known
    actual = result.actual
    if not cells_wanted:
        if actual.__class__ is Fraction and own.__class__ is Fraction:
            assert isinstance(actual, Fraction)
            known.gap(_figure_value(actual) - threshold)  # type: ignore[operator]
        else:
            known.gap(_cells_gap(actual, own, threshold))
        return ""
    if actual.__class__ is Fraction and own.__class__ is Fraction:
        assert isinstance(actual, Fraction)
        return _figures_xml(r, actual, threshold, threshold_text, threshold_style, known)
    return _cells_xml(r, actual, own, threshold, threshold_style, known)


@dataclass(frozen=True, slots=True)
class _TargetCells:
    """What the Results sheet writes the same for a target on every province's row."""

    target: Target
    target_xml: str  # the rest of the target's cell, up to the status cell's row number
    threshold: JsonValue
    threshold_style: int
    threshold_text: str  # repr() of threshold
    styles: dict[int, FigureStyles]  # by decimals
    # the pieces from Status to Gap of a yes/no, of no data (for the status they were made for)
    plain: dict[bool | None, tuple[object, tuple[str, ...]]]


def _figures_xml(
    r: str,
    actual: Fraction,
    threshold: JsonValue,
    threshold_text: str,
    threshold_style: int,
    styles: FigureStyles,
) -> str:
    """The cells Actual, Threshold and Gap of a fraction judged against a fraction
    (``threshold`` is its JSON number): :func:`_cells_xml` in short."""
    value = _figure_value(actual)
    gap = value - threshold  # type: ignore[operator]
    return (
        f'<c r="G{r}" s="{styles.plain}"><v>{value!r}</v></c>'
        f'<c r="H{r}" s="{threshold_style}"><v>{threshold_text}</v></c>'
        f'<c r="I{r}" s="{styles.gap(gap)}"><v>{gap!r}</v></c>'
    )


def _figure_value(actual: Fraction) -> int | float:
    """``json_number(actual)``, in short."""
    numerator, denominator = actual.as_integer_ratio()
    if denominator == 1:
        return numerator
    try:
        return numerator / denominator  # json_number's float
    except OverflowError:
        return round(actual)


def _cells_gap(
    actual: Fraction | bool | None, own: Fraction | bool, threshold: JsonValue
) -> JsonValue:
    """The gap :func:`_cells_xml` writes."""
    if isinstance(actual, Fraction) and isinstance(own, Fraction):
        return json_number(actual) - threshold  # type: ignore[operator]
    return None


def _cells_xml(
    r: str,
    actual: Fraction | bool | None,
    own: Fraction | bool,
    threshold: JsonValue,
    threshold_style: int,
    styles: FigureStyles,
) -> str:
    """The cells Actual, Threshold and Gap of any result: figures as JSON numbers (a
    yes/no as a boolean, none blank), the gap as Excel would compute it from the two cells
    (``threshold``: the JSON number of the pledge's threshold or of ``own``, an override)."""
    shown = json_number(actual)
    gap = _cells_gap(actual, own, threshold)
    return (
        _number_cell("G", r, shown, styles.plain)
        + _number_cell("H", r, threshold, threshold_style)
        + _number_cell("I", r, gap, styles.gap(gap))
    )


def _number_cell(column: str, r: str, value: JsonValue, style: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{column}{r}" t="b"><v>{int(value)}</v></c>'
    return f'<c r="{column}{r}" s="{style}"><v>{value!r}</v></c>'


def _head(year: int, cluster: str, province_id: str, province_name: str) -> list[str]:
    """A province's first cells, in pieces to join with the row number (up to the target's
    cell's row number)."""
    head = [
        '<c r="A',
        f'"><v>{year}</v></c><c r="B',
        f'" t="inlineStr"><is><t>{cluster}</t></is></c>',
    ]
    if province_id:
        head[-1] += '<c r="C'
        head.append(f'" t="inlineStr"><is><t>{province_id}</t></is></c>')
    head[-1] += '<c r="D'
    head.append(f'" t="inlineStr"><is><t xml:space="preserve">{province_name}</t></is></c><c r="E')
    head.append("")
    return head


def _differs(threshold: Fraction | bool, pledged: Fraction | bool) -> bool:
    """``threshold != pledged``, two fractions compared by their terms (lowest terms)."""
    if type(threshold) is Fraction and type(pledged) is Fraction:
        return (
            threshold.numerator != pledged.numerator or threshold.denominator != pledged.denominator
        )
    return threshold != pledged
