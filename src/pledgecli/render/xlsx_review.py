"""The sheets of the year-end review: the score table, the totals (metrics, provinces per
target, whole-cluster targets) and the targets not met with what is missing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from pledgecli.display import status_word, threshold_text
from pledgecli.evaluate import Result, Status
from pledgecli.i18n import _
from pledgecli.render import target_label
from pledgecli.render.json import json_gap, json_number
from pledgecli.render.no_data import missing_what
from pledgecli.render.xlsx_figures import ROW, pieces
from pledgecli.render.xlsx_formats import threshold_format
from pledgecli.render.xlsx_ranking import (
    extra_headers,
    extra_row,
    nomination_rows,
    wanted_keys,
)
from pledgecli.render.xlsx_sheets import Block, inline_text
from pledgecli.render.xlsx_stream import wire
from pledgecli.render.xlsx_writer import (
    COUNT_FORMAT,
    SAMPLE,
    SCORE_FORMAT,
    STATUS_FONT,
    Book,
    StreamSheet,
    province_name,
)

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from pledgecli.models import Target
    from pledgecli.review import PledgeReview


def ranking_sheet(
    book: Book, reviews: Sequence[PledgeReview], names: Mapping[str, str]
) -> list[Block]:
    sheet = book.sheet(_("Ranking"))
    assert isinstance(sheet, StreamSheet)
    keys = wanted_keys(reviews)
    book.header(
        sheet,
        0,
        [
            _("Cluster"),
            _("Rank"),
            _("Province id"),
            _("Province"),
            _("Score"),
            _("Met"),
            _("Missed"),
            _("No data"),
            _("Proposed for the emulation flag"),
            _("Deductions"),
            *extra_headers(reviews, keys),
        ],
    )
    count = book.format(num_format=COUNT_FORMAT)
    score = book.format(num_format=SCORE_FORMAT)
    nominee_format = book.format(bold=True, font_color="#8A6D00")
    row = 1
    blocks = []
    for review in reviews:
        first = row
        proposed = set(review.nominee.provinces)
        for entry in review.ranking:
            # the cells Book.text and Book.number write (fitted as they fit them), as one
            # row of XML: a national ranking has thousands of rows
            s = entry.score
            cells = [
                (0, book.text_xml(sheet, row, 0, review.pledge.cluster)),
                (1, book.number_xml(sheet, row, 1, entry.rank, count)),
                (2, book.text_xml(sheet, row, 2, s.province)),
                (3, book.text_xml(sheet, row, 3, province_name(names, s.province))),
                (4, book.number_xml(sheet, row, 4, s.score, score)),
                (5, book.number_xml(sheet, row, 5, s.met, count)),
                (6, book.number_xml(sheet, row, 6, s.missed, count)),
                (7, book.number_xml(sheet, row, 7, s.no_data + s.no_baseline, count)),
            ]
            if s.province in proposed:
                cells.append((8, book.text_xml(sheet, row, 8, "★", nominee_format)))
            if s.deductions:
                deductions = "; ".join(
                    _("minus {points}: {reason}").format(
                        points=json_number(d.points), reason=d.reason
                    )
                    for d in s.deductions
                )
                cells.append((9, book.text_xml(sheet, row, 9, deductions)))
            cells.extend(extra_row(book, sheet, row, 10, review, s.province, keys))
            last = max(column for column, cell in cells if cell)
            sheet.raw_row(row, "".join(cell for _column, cell in cells), last_column=last)
            row += 1
        blocks.append(Block(sheet.name, first, row - 1))
    nomination_rows(book, sheet, row, reviews, names)
    return blocks


def metrics_sheet(book: Book, reviews: Sequence[PledgeReview]) -> None:
    sheet = book.sheet(_("Metrics"))
    book.header(sheet, 0, [_("Cluster"), _("Metric"), _("Total"), _("Reported"), _("Signatories")])
    count = book.format(num_format=COUNT_FORMAT)
    total = book.format(num_format=SCORE_FORMAT)
    row = 1
    for review in reviews:
        for m in review.metric_totals:
            book.text(sheet, row, 0, review.pledge.cluster)
            book.text(sheet, row, 1, m.metric)
            book.number(sheet, row, 2, m.total, total)
            book.number(sheet, row, 3, m.reported, count)
            book.number(sheet, row, 4, m.signatories, count)
            row += 1


def targets_sheet(book: Book, reviews: Sequence[PledgeReview]) -> list[Block]:
    sheet = book.sheet(_("Targets"))
    book.header(
        sheet,
        0,
        [
            _("Cluster"),
            "#",
            _("Target"),
            _("Threshold"),
            _("Met"),
            _("Missed"),
            _("No data"),
            _("Text"),
        ],
    )
    count = book.format(num_format=COUNT_FORMAT)
    row = 1
    blocks = []
    for review in reviews:
        pledge = review.pledge
        labels = {t.id: target_label(i) for i, t in enumerate(pledge.targets)}
        first = row
        for tally in review.tallies:
            target = tally.target
            book.text(sheet, row, 0, pledge.cluster)
            book.text(sheet, row, 1, labels[target.id])
            book.text(sheet, row, 2, target.id)
            book.text(
                sheet,
                row,
                3,
                threshold_text(
                    target,
                    target.threshold,
                    pledge.baseline_year_of(target) if target.uses_baseline() else None,
                ),
            )
            book.number(sheet, row, 4, tally.counts[Status.MET], count)
            book.number(sheet, row, 5, tally.counts[Status.MISSED], count)
            no_data = tally.counts[Status.NO_DATA] + tally.counts[Status.NO_BASELINE]
            book.number(sheet, row, 6, no_data, count)
            book.text(sheet, row, 7, target.text)
            row += 1
        blocks.append(Block(sheet.name, first, row - 1))
    return blocks


def cluster_sheet(book: Book, reviews: Sequence[PledgeReview]) -> None:
    results = [(r.pledge.cluster, c) for r in reviews for c in r.cluster_results()]
    if not results:
        return
    sheet = book.sheet(_("Whole-cluster targets"))
    book.header(
        sheet, 0, [_("Cluster"), _("Target"), _("Threshold"), _("Actual"), _("Status"), _("Text")]
    )
    for row, (cluster, result) in enumerate(results, start=1):
        _result_row(book, sheet, row, cluster, None, result, with_gap=False)


def _result_row(
    book: Book,
    sheet: Worksheet,
    row: int,
    cluster: str,
    province: str | None,
    result: Result,
    *,
    with_gap: bool,
) -> int:
    target = result.target
    column = 0
    book.text(sheet, row, column, cluster)
    column += 1
    if province is not None:
        book.text(sheet, row, column, province)
        column += 1
    book.text(sheet, row, column, target.id)
    threshold = result.threshold
    book.number(
        sheet,
        row,
        column + 1,
        threshold,
        book.format(num_format=threshold_format(target, threshold))
        if isinstance(threshold, Fraction)
        else None,
    )
    digits = book.digits(result)
    book.number(sheet, row, column + 2, result.actual, book.value_format(target, digits))
    column += 3
    if with_gap:
        book.number(
            sheet,
            row,
            column,
            result.gap,
            book.value_format(target, max(digits, 1), signed=True),
        )
        column += 1
    book.text(
        sheet,
        row,
        column,
        status_word(result.status),
        book.format(font_color=STATUS_FONT[result.status]),
    )
    book.text(sheet, row, column + 1, target.text)
    return column + 2


def missed_sheet(book: Book, reviews: Sequence[PledgeReview], names: Mapping[str, str]) -> None:
    sheet = book.sheet(_("Targets not met"))
    book.header(
        sheet,
        0,
        [
            _("Cluster"),
            _("Province"),
            _("Target"),
            _("Threshold"),
            _("Actual"),
            _("Gap"),
            _("Status"),
            _("Text"),
            _("Missing"),
        ],
    )
    assert isinstance(sheet, StreamSheet)
    statuses = {
        status: (
            wire(inline_text(status_word(status))),
            book.style(book.format(font_color=STATUS_FONT[status])),
        )
        for status in Status
    }
    provinces: dict[str | None, str] = {}
    texts: dict[str, tuple[str, str]] = {}
    value_styles: dict[tuple[int, int, bool], int] = {}  # by id() of the target

    def value_style(target: Target, digits: int, signed: bool) -> int:
        key = (id(target), digits, signed)
        known = value_styles.get(key)
        if known is None:
            known = value_styles[key] = book.style(book.value_format(target, digits, signed=signed))
        return known
    widths: dict[int, int] = {}

    def number(column: str, row: str, value: object, style: int) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return f'<c r="{column}{row}" t="b"><v>{int(value)}</v></c>'
        return f'<c r="{column}{row}" s="{style}"><v>{value!r}</v></c>'

    def text(column: str, row: str, value: str, style: str = "") -> str:
        return f'<c r="{column}{row}"{style} t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>'

    thresholds: dict[tuple[int, int, int], str] = {}  # the rest of a threshold's cell
    # a yes/no's pieces of a row (see below) by id() of target, figures, id() of status
    yes_no: dict[tuple[int, bool, bool, int], tuple[object, tuple[str, ...]]] = {}

    def cells(r: str, result: Result, digits: int) -> str:
        """The cells Threshold, Actual and Gap of ``result`` on row ``r``."""
        target = result.target
        threshold = result.threshold
        if isinstance(threshold, Fraction):
            # ids repeat across pledges; a fraction by its terms (its hash costs more)
            style_key = (id(target), threshold.numerator, threshold.denominator)
            rest = thresholds.get(style_key)
            if rest is None:
                style = book.style(book.format(num_format=threshold_format(target, threshold)))
                rest = thresholds[style_key] = (
                    f'" s="{style}"><v>{json_number(threshold)!r}</v></c>'
                )
            limit = f'<c r="D{r}{rest}'
        else:
            limit = number("D", r, json_number(threshold), 0)
        plain = value_style(target, digits, False)
        signed = value_style(target, max(digits, 1), True)
        actual = result.actual
        if actual.__class__ is Fraction and threshold.__class__ is Fraction:
            # json_number(actual) and json_gap(result) in short: int / int is correctly
            # rounded, whether or not the fraction is in lowest terms
            n, d = actual.as_integer_ratio()
            tn, td = threshold.as_integer_ratio()
            top, bottom = n * td - tn * d, d * td
            try:
                value = n if d == 1 else n / d
                gap = top // bottom if not top % bottom else top / bottom
                figures = (
                    f'<c r="E{r}" s="{plain}"><v>{value!r}</v></c>'
                    f'<c r="F{r}" s="{signed}"><v>{gap!r}</v></c>'
                )
            except OverflowError:  # beyond any float: as json_number says it
                figures = number("E", r, json_number(actual), plain) + number(
                    "F", r, json_gap(result), signed
                )
        else:
            figures = number("E", r, json_number(actual), plain) + number(
                "F", r, json_gap(result), signed
            )
        return limit + figures

    row = 1
    for review in reviews:
        cluster = wire(inline_text(review.pledge.cluster))
        # review.missed() with each result's figure (by position when the Results sheet
        # kept them: as many results as figures, a lookup less each)
        kept = book.figures_of(review.results)
        every = review.results.results
        if kept is not None and len(kept) != len(every):
            kept = None
        for at, result in enumerate(every):
            if result.status is Status.MET:
                continue
            target = result.target
            if result.province not in provinces:
                shown = (
                    province_name(names, result.province) if result.province else _("Whole cluster")
                )
                provinces[result.province] = wire(inline_text(shown))
                widths[1] = max(widths.get(1, 0), len(shown))
            if target.id not in texts:
                texts[target.id] = (wire(inline_text(target.id)), wire(inline_text(target.text)))
                widths[2] = max(widths.get(2, 0), len(target.id))
                widths[7] = max(widths.get(7, 0), len(target.text))
            # the cells from Target to Text: made once per figure (or yes/no) and status
            state, actual, threshold = result.status, result.actual, result.threshold
            figure = book.figure(result) if kept is None else kept[at]
            plain = None
            if figure is not None:
                shared = figure.missed
            elif actual.__class__ is bool and threshold.__class__ is bool:
                plain = (id(target), actual, threshold, id(state))
                shared = yes_no.get(plain)
            else:
                shared = None
            if shared is None or shared[0] is not state:
                target_id, target_text = texts[target.id]
                word, status_style = statuses[state]
                digits = book.digits(result) if figure is None else figure.digits
                shared = (
                    state,
                    pieces(
                        f'<c r="C{ROW}" t="inlineStr"><is><t xml:space="preserve">{target_id}'
                        f"</t></is></c>{cells(ROW, result, digits)}"
                        f'<c r="G{ROW}" s="{status_style}" t="inlineStr"><is>'
                        f'<t xml:space="preserve">{word}</t></is></c>'
                        f'<c r="H{ROW}" t="inlineStr"><is><t xml:space="preserve">{target_text}'
                        "</t></is></c>"
                    ),
                )
                if figure is not None:
                    book.hold_cells("missed")
                    figure.missed = shared
                elif plain is not None:
                    yes_no[plain] = shared
            r = str(row + 1)
            missing = (
                missing_what(lambda p: province_name(names, p), result) if result.missing else ""
            )
            if missing and row <= SAMPLE:
                widths[8] = max(widths.get(8, 0), len(missing))
            sheet.wire_row(  # every text in it made by wire(); numbers are ASCII
                row,
                f'<c r="A{r}" t="inlineStr"><is><t xml:space="preserve">{cluster}</t></is></c>'
                f'<c r="B{r}" t="inlineStr"><is><t xml:space="preserve">'
                f"{provinces[result.province]}</t></is></c>{r.join(shared[1])}"
                + (text("I", r, wire(inline_text(missing))) if missing else ""),
                last_column=8,
            )
            row += 1
    book.forget_cells("missed")
    for column, width in widths.items():
        book.fit(sheet, column, width)
