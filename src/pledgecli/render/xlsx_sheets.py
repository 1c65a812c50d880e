"""The sheets of ``check``'s workbook: the list of results and the matrix of each pledge."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from pledgecli.display import status_word, threshold_text
from pledgecli.evaluate import PledgeResults, Status
from pledgecli.i18n import _
from pledgecli.models import Rule, Scope, Target
from pledgecli.outcomes import Report
from pledgecli.render import target_label
from pledgecli.render.grid import MARKS, assembled_notes, cell_text
from pledgecli.render.json import json_number
from pledgecli.render.xlsx_formats import threshold_format, value_format
from pledgecli.render.xlsx_writer import (
    COUNT_FORMAT,
    NOT_XML,
    SAMPLE,
    SCORE_FORMAT,
    STATUS_FONT,
    Book,
    StreamSheet,
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


def results_sheet(book: Book, report: Report) -> None:
    """Every result, as ``check --format csv`` lists them: one row each, numbers numeric.

    National data has 100,000 results: each row is written as one piece of XML, from
    what is the same for many rows (a province's name, a target's threshold) made once."""
    sheet = book.sheet(_("Results"))
    assert isinstance(sheet, StreamSheet)
    headers = [
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
    book.header(sheet, 0, headers)
    score = book.style(book.format(num_format=SCORE_FORMAT))
    statuses = {
        status: (
            inline_text(status_word(status)),
            book.style(book.format(font_color=STATUS_FONT[status])),
        )
        for status in Status
    }
    value_styles: dict[tuple[bool, bool, int, bool], int] = {}
    by_target: dict[tuple[int, int, bool], int] = {}  # the same, by id() of the target

    def value_style(target: Target, digits: int, signed: bool) -> int:
        known = by_target.get((id(target), digits, signed))
        if known is not None:
            return known
        key = (target.is_percent, target.rule is Rule.GROWTH_AT_LEAST, digits, signed)
        if key not in value_styles:
            fmt = value_format(target, digits, signed=signed)
            value_styles[key] = book.style(book.format(num_format=fmt))
        by_target[(id(target), digits, signed)] = value_styles[key]
        return value_styles[key]

    def number(column: str, row: str, value: object, style: int) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return f'<c r="{column}{row}" t="b"><v>{int(value)}</v></c>'
        return f'<c r="{column}{row}" s="{style}"><v>{value!r}</v></c>'

    names: dict[str | None, tuple[str, str]] = {}
    row = 1
    widths = [len(h) for h in headers]
    for results in report.pledges:
        pledge = results.pledge
        year, cluster = pledge.year, inline_text(pledge.cluster)
        scores = report.scores.get(pledge.cluster, {})  # as report.points_of finds them
        targets = {
            t.id: (
                inline_text(t.id),
                json_number(t.threshold),
                book.style(book.format(num_format=threshold_format(t, t.threshold)))
                if isinstance(t.threshold, Fraction)
                else 0,
            )
            for t in pledge.targets
        }
        for result in report.shown(results):
            target = result.target
            province = result.province
            if province not in names:
                names[province] = (
                    inline_text(province) if province is not None else "",
                    inline_text(report.name_of(province)),
                )
                widths[3] = max(widths[3], len(report.name_of(province)))
                widths[2] = max(widths[2], len(province or ""))
            province_id, province_name = names[province]
            target_id, threshold, threshold_style = targets[target.id]
            own = result.threshold
            if own is not target.threshold and _differs(own, target.threshold):
                assert isinstance(result.threshold, Fraction)  # an override
                threshold = json_number(result.threshold)
                threshold_style = book.style(
                    book.format(num_format=threshold_format(target, result.threshold))
                )
            word, status_style = statuses[result.status]
            digits = book.digits(result)
            actual = json_number(result.actual)
            gap: object = None
            if isinstance(result.actual, Fraction) and isinstance(result.threshold, Fraction):
                # the difference of the two cells, as Excel would compute it (``threshold``
                # is json_number(result.threshold): the pledge's, or the override's)
                gap = actual - threshold  # type: ignore[operator]
            r = str(row + 1)
            earned = scores.get(province) if province is not None else None
            points: Fraction | None = None
            if earned is not None and target.id in earned.by_target:
                share = earned.by_target[target.id]
                points = share.points + share.bonus if share.bonus else share.points
            sheet.raw_row(
                row,
                f'<c r="A{r}"><v>{year}</v></c>'
                f'<c r="B{r}" t="inlineStr"><is><t>{cluster}</t></is></c>'
                + (
                    f'<c r="C{r}" t="inlineStr"><is><t>{province_id}</t></is></c>'
                    if province_id
                    else ""
                )
                + f'<c r="D{r}" t="inlineStr"><is><t xml:space="preserve">{province_name}</t></is></c>'
                f'<c r="E{r}" t="inlineStr"><is><t>{target_id}</t></is></c>'
                f'<c r="F{r}" s="{status_style}" t="inlineStr"><is><t>{word}</t></is></c>'
                + (
                    number("G", r, actual, value_style(target, digits, False))
                    if actual.__class__ is not float
                    else f'<c r="G{r}" s="{value_style(target, digits, False)}"><v>{actual!r}</v></c>'
                )
                + number("H", r, threshold, threshold_style)
                + (
                    f'<c r="I{r}" s="{value_style(target, max(digits, 1), True)}"><v>{gap!r}</v></c>'
                    if gap.__class__ is float and gap
                    else number("I", r, gap, value_style(target, max(digits, 1 if gap else 0), True))
                )
                + ("" if points is None else number("J", r, json_number(points), score)),
                last_column=9,
            )
            row += 1
    widths[1] = max(widths[1], *(len(p.pledge.cluster) for p in report.pledges))
    widths[4] = max(widths[4], *(len(t.id) for p in report.pledges for t in p.pledge.targets))
    widths[5] = max(widths[5], *(len(status_word(s)) for s in Status))
    for column, width in enumerate(widths):
        book.fit(sheet, column, width)


def _differs(threshold: Fraction | bool, pledged: Fraction | bool) -> bool:
    """``threshold != pledged``, two fractions compared by their terms (lowest terms)."""
    if type(threshold) is Fraction and type(pledged) is Fraction:
        return (
            threshold.numerator != pledged.numerator
            or threshold.denominator != pledged.denominator
        )
    return threshold != pledged


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
    for member in members:
        # Each row as one piece of XML (national data: tens of thousands of cells), the
        # cells Book.text and Book.number would write, fitted as they fit them.
        by_target = {r.target.id: r for r in results.for_province(member)}
        name = report.name_of(member)
        cells = [book.text_xml(sheet, row, 0, name, book.format(bold=member is None))]
        last = 0
        for column, target in enumerate(targets, start=1):
            result = by_target.get(target.id)
            if result is None:
                continue
            mark = MARKS[result.status]
            last = column
            if isinstance(result.actual, Fraction):
                digits = book.digits(result)
                key2 = (
                    target.is_percent,
                    target.rule is Rule.GROWTH_AT_LEAST,
                    digits,
                    result.status,
                )
                if key2 not in formats:
                    fmt = value_format(target, digits, prefix=mark)
                    formats[key2] = book.format(
                        num_format=fmt, font_color=STATUS_FONT[result.status]
                    )
                cells.append(
                    book.number_xml(
                        sheet,
                        row,
                        column,
                        result.actual,
                        formats[key2],
                        shown_as=f"{mark} {cell_text(result)}" if row <= SAMPLE else "",
                    )
                )
            else:  # yes / no, no data: a few texts, made once
                key = (result.status, result.actual, bool(result.assembled))
                if key not in texts:
                    texts[key] = f"{mark} {cell_text(result)}"
                cells.append(
                    book.text_xml(sheet, row, column, texts[key], status_formats[result.status])
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
        sheet.raw_row(row, "".join(cells), last_column=last)
        row += 1
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


def status_tallies(results: PledgeResults, report: Report) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}
    for result in report.shown(results):
        if result.province is None:
            continue
        row = counts.setdefault(result.target.id, [0, 0, 0])
        index = {Status.MET: 0, Status.MISSED: 1}.get(result.status, 2)
        row[index] += 1
    return counts
