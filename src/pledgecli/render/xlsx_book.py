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

import functools
import io
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from pledgecli.display import MAX_DIGITS, decisive_digits, status_word, threshold_text
from pledgecli.evaluate import PledgeResults, Result, Status
from pledgecli.i18n import _
from pledgecli.models import Rule, Scope, Target
from pledgecli.outcomes import Report
from pledgecli.render import target_label
from pledgecli.render.charts import LIMIT, MET_COLOUR, MISSED_COLOUR, NO_DATA_COLOUR
from pledgecli.render.grid import MARKS, assembled_notes, cell_text
from pledgecli.render.json import json_number
from pledgecli.safe_text import visible
from pledgecli.scoring import ProvinceScore

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from pledgecli.review import PledgeReview

MAX_WIDTH = 60
SAMPLE = 100  # rows looked at to fit a column's width
STATUS_FONT = {
    Status.MET: "#1B5E20",
    Status.MISSED: "#B71C1C",
    Status.NO_DATA: "#8A5A00",
    Status.NO_BASELINE: "#8A5A00",
}
SCORE_FORMAT = "#,##0.##"
COUNT_FORMAT = "#,##0"
HEADER = {"bold": True, "bg_color": "#E7E6E6", "border": 1, "text_wrap": True, "valign": "top"}


def _name(names: Mapping[str, str], province: str) -> str:
    return names.get(province, province)


def _number(value: Fraction | bool | None) -> float | int | None:
    shown = json_number(value)
    return shown if isinstance(shown, int | float) and not isinstance(shown, bool) else None


def column_letters(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


class StreamSheet:
    """A worksheet whose cells go straight to a temporary file as SpreadsheetML, row by
    row (xlsxwriter spends some ten microseconds a cell; national data has a million).

    It takes the calls of an xlsxwriter worksheet that the sheets here make; the
    workbook holds an empty sheet in its place (columns, frozen panes) and :meth:`Book.close`
    puts these rows into it.
    """

    def __init__(self, placeholder: Worksheet, styles: Mapping[int, int]) -> None:
        self.placeholder = placeholder
        self.name: str = placeholder.name
        self._styles = styles
        # closed by rows(), which the book calls when it closes
        self._file = tempfile.TemporaryFile("w+b")  # noqa: SIM115
        self._parts: list[str] = []
        self._row = -1
        self._letters: list[str] = []
        self.last_row = 0
        self.last_column = 0

    def _letter(self, column: int) -> str:
        while len(self._letters) <= column:
            self._letters.append(column_letters(len(self._letters)))
        return self._letters[column]

    def _cell(self, row: int, column: int, fmt: Format | None, kind: str, body: str) -> None:
        if row != self._row:
            if row < self._row:
                raise ValueError(f"rows must be written in order ({row} after {self._row})")
            if self._row >= 0:
                self._parts.append("</row>")
                if len(self._parts) > 5000:
                    self._file.write("".join(self._parts).encode("utf-8"))
                    self._parts.clear()
            self._parts.append(f'<row r="{row + 1}">')
            self._row = self.last_row = row
        style = f' s="{self._styles[id(fmt)]}"' if fmt is not None else ""
        letters = self._letters[column] if column < len(self._letters) else self._letter(column)
        self._parts.append(f'<c r="{letters}{row + 1}"{style}{kind}>{body}</c>')
        if column > self.last_column:
            self.last_column = column

    def raw_row(self, row: int, cells: str, last_column: int) -> None:
        """A whole row of ready ``<c>`` elements (the fast way for long sheets)."""
        if row <= self._row:
            raise ValueError(f"rows must be written in order ({row} after {self._row})")
        if self._row >= 0:
            self._parts.append("</row>")
            if len(self._parts) > 5000:
                self._file.write("".join(self._parts).encode("utf-8"))
                self._parts.clear()
        self._parts.append(f'<row r="{row + 1}">')
        self._parts.append(cells)
        self._row = self.last_row = row
        self.last_column = max(self.last_column, last_column)

    def write_string(self, row: int, column: int, text: str, fmt: Format | None = None) -> None:
        shown = escape(_NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
        self._cell(
            row, column, fmt, ' t="inlineStr"', f'<is><t xml:space="preserve">{shown}</t></is>'
        )

    def write_number(
        self, row: int, column: int, value: float | int, fmt: Format | None = None
    ) -> None:
        self._cell(row, column, fmt, "", f"<v>{value!r}</v>")

    def write_boolean(self, row: int, column: int, value: bool, fmt: Format | None = None) -> None:
        self._cell(row, column, fmt, ' t="b"', f"<v>{int(value)}</v>")

    def write_blank(self, row: int, column: int, value: None, fmt: Format | None = None) -> None:
        if fmt is not None:
            self._cell(row, column, fmt, "", "")

    def freeze_panes(self, row: int, column: int) -> None:
        self.placeholder.freeze_panes(row, column)

    def rows(self) -> Iterator[bytes]:
        """The ``<sheetData>`` element, in pieces of UTF-8."""
        if self._row >= 0:
            self._parts.append("</row>")
        self._file.write("".join(self._parts).encode("utf-8"))
        self._parts.clear()
        self._file.seek(0)
        yield b"<sheetData>"
        while chunk := self._file.read(1 << 20):
            yield chunk
        yield b"</sheetData>"
        self._file.close()


Sheet = Any  # an xlsxwriter Worksheet or a StreamSheet: the same calls


class Book:
    """An xlsxwriter workbook with cached formats, safe text cells and fitted columns.

    Data sheets are :class:`StreamSheet` s; the charts' sheet is xlsxwriter's own.
    """

    def __init__(self, out: IO[bytes] | str) -> None:
        from xlsxwriter import Workbook

        self._out = out
        self._buffer = io.BytesIO()
        self.workbook: Workbook = Workbook(
            self._buffer,
            {
                "in_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        self._formats: dict[tuple[tuple[str, Any], ...], Format] = {}
        self._styles: dict[int, int] = {}
        self._widths: dict[str, dict[int, int]] = {}
        self._sheets: dict[str, Sheet] = {}
        self._digits: dict[int, int] = {}  # by id(): the results outlive the book
        self._value_formats: dict[tuple[bool, bool, int, bool], Format] = {}

    def format(self, **properties: Any) -> Format:
        key = tuple(sorted(properties.items()))
        if key not in self._formats:
            fmt = self.workbook.add_format(properties)
            self._formats[key] = fmt
            self._styles[id(fmt)] = fmt._get_xf_index()
        return self._formats[key]

    def digits(self, result: Result) -> int:
        """Decimals of a result's figure, found once (the list and the matrix both ask)."""
        known = self._digits.get(id(result))
        if known is None:
            known = self._digits[id(result)] = result_digits(result)
        return known

    def value_format(self, target: Target, digits: int, *, signed: bool = False) -> Format:
        """The format of a target's figures with ``digits`` decimals (made once)."""
        key = (target.is_percent, target.rule is Rule.GROWTH_AT_LEAST, digits, signed)
        fmt = self._value_formats.get(key)
        if fmt is None:
            fmt = self._value_formats[key] = self.format(
                num_format=value_format(target, digits, signed=signed)
            )
        return fmt

    def style(self, fmt: Format) -> int:
        """The index of ``fmt`` in the workbook's styles (``s`` of a cell)."""
        return self._styles[id(fmt)]

    def fit(self, sheet: Sheet, column: int, width: int) -> None:
        widths = self._widths[sheet.name]
        widths[column] = max(widths.get(column, 0), min(width + 2, MAX_WIDTH))

    def sheet(self, title: str, *, stream: bool = True) -> Sheet:
        name = visible(title)[:31]
        for bad in "[]:*?/\\":
            name = name.replace(bad, " ")
        base, counter = name, 2
        while name.lower() in (n.lower() for n in self._sheets):
            suffix = f" {counter}"
            name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
        worksheet = self.workbook.add_worksheet(name)
        sheet: Sheet = StreamSheet(worksheet, self._styles) if stream else worksheet
        self._sheets[name] = sheet
        self._widths[name] = {}
        return sheet

    def _fit(self, sheet: Sheet, row: int, column: int, text: str) -> None:
        if row > SAMPLE:
            return
        widths = self._widths[sheet.name]
        longest = max((len(line) for line in text.split("\n")), default=0)
        widths[column] = max(widths.get(column, 0), min(longest + 2, MAX_WIDTH))

    def text(
        self, sheet: Sheet, row: int, column: int, value: str, fmt: Format | None = None
    ) -> None:
        shown = visible(value)
        sheet.write_string(row, column, shown, fmt)
        self._fit(sheet, row, column, shown)

    def number(
        self,
        sheet: Sheet,
        row: int,
        column: int,
        value: Fraction | bool | int | None,
        fmt: Format | None = None,
        shown_as: str = "",
    ) -> None:
        """A numeric cell (a boolean as TRUE/FALSE), blank for ``None``."""
        if value is None:
            sheet.write_blank(row, column, None, fmt)
            return
        if isinstance(value, bool):
            sheet.write_boolean(row, column, value, fmt)
            self._fit(sheet, row, column, "FALSE")
            return
        number = value if isinstance(value, int) else _number(value)
        assert number is not None
        sheet.write_number(row, column, number, fmt)
        if row <= SAMPLE:
            self._fit(sheet, row, column, shown_as or f"{number:,.2f}")

    def header(self, sheet: Sheet, row: int, headers: Sequence[str]) -> None:
        fmt = self.format(**HEADER)
        for column, title in enumerate(headers):
            self.text(sheet, row, column, title, fmt)
        sheet.freeze_panes(row + 1, 0)

    def close(self) -> None:
        import zipfile

        streamed: dict[str, StreamSheet] = {}
        for name, sheet in self._sheets.items():
            worksheet = sheet.placeholder if isinstance(sheet, StreamSheet) else sheet
            for column, width in self._widths[name].items():
                worksheet.set_column(column, column, max(width, 6))
            if isinstance(sheet, StreamSheet):
                streamed[f"xl/worksheets/sheet{worksheet.index + 1}.xml"] = sheet
        self.workbook.close()
        self._buffer.seek(0)
        with (
            zipfile.ZipFile(self._buffer) as source,
            zipfile.ZipFile(self._out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        ):
            for info in source.infolist():
                data = source.read(info)
                sheet = streamed.get(info.filename)
                if sheet is None:
                    target.writestr(info, data, compresslevel=1)
                    continue
                before, after = data.decode("utf-8").split("<sheetData/>", 1)
                last = f"{column_letters(sheet.last_column)}{sheet.last_row + 1}"
                before = before.replace('<dimension ref="A1"/>', f'<dimension ref="A1:{last}"/>')
                entry = zipfile.ZipInfo(info.filename, info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                with target.open(entry, "w") as stream:
                    stream.write(before.encode("utf-8"))
                    for piece in sheet.rows():
                        stream.write(piece)
                    stream.write(after.encode("utf-8"))


# -- number formats -----------------------------------------------------------------------


def decisive(value: Fraction, threshold: Fraction | None, scale: int, least: int) -> int:
    """Decimals (of ``value * scale``) at which ``value`` reads on the same side of
    ``threshold`` as it is: ``display.decisive_digits`` with a float shortcut, since a
    value further from the threshold than half the last digit cannot round onto it."""
    if threshold is None:
        return least
    if value == threshold:
        return max(least, _exact_digits(threshold * scale))
    gap = abs(float(value) - float(threshold)) * scale
    digits = least
    while digits < MAX_DIGITS and gap <= 0.5 * 10.0**-digits * (1 + 1e-9) + 1e-12:
        digits += 1
    if digits == MAX_DIGITS or gap < 1e-6:  # too close for floats: the exact way
        return decisive_digits(value * scale, threshold * scale, least)
    return digits


def _exact_digits(value: Fraction) -> int:
    digits = 0
    while digits < MAX_DIGITS and (value * 10**digits).denominator != 1:
        digits += 1
    return digits


def value_format(target: Target, digits: int, *, signed: bool = False, prefix: str = "") -> str:
    """An Excel number format for a target's figures: percentages for ratios and growth,
    thousands for counts; ``prefix`` (a status mark) shown before the number."""
    decimals = "." + "0" * digits if digits else ""
    body = f"0{decimals}%" if target.is_percent else f"#,##0{decimals}"
    quoted = f'"{prefix} "' if prefix else ""
    if signed or target.rule is Rule.GROWTH_AT_LEAST:
        return f"{quoted}+{body};{quoted}-{body};{quoted}{body}"
    return f"{quoted}{body}"


def result_digits(result: Result) -> int:
    actual = result.actual
    if not isinstance(actual, Fraction):
        return 0
    threshold = result.threshold if isinstance(result.threshold, Fraction) else None
    if result.target.is_percent:
        return decisive(actual, threshold, 100, 1)
    if actual.denominator == 1 and (threshold is None or threshold.denominator == 1):
        return 0
    return min(max(decisive(actual, threshold, 1, 0), 2), MAX_DIGITS)


@functools.lru_cache(maxsize=4096)
def _threshold_digits(percent: bool, threshold: Fraction) -> int:
    scaled = threshold * 100 if percent else threshold
    digits = 0
    while digits < MAX_DIGITS and (scaled * 10**digits).denominator != 1:
        digits += 1
    return digits


def _threshold_format(target: Target, threshold: Fraction) -> str:
    """The number format that shows a threshold exactly as pledged."""
    return value_format(target, _threshold_digits(target.is_percent, threshold))


# -- sheets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """Where one pledge's rows sit on a sheet (0-based, inclusive), for the charts."""

    sheet: str
    first: int
    last: int


def _inline(text: str) -> str:
    return escape(_NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text)))


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
            _inline(status_word(status)),
            book.style(book.format(font_color=STATUS_FONT[status])),
        )
        for status in Status
    }
    value_styles: dict[tuple[bool, bool, int, bool], int] = {}

    def value_style(target: Target, digits: int, signed: bool) -> int:
        key = (target.is_percent, target.rule is Rule.GROWTH_AT_LEAST, digits, signed)
        if key not in value_styles:
            fmt = value_format(target, digits, signed=signed)
            value_styles[key] = book.style(book.format(num_format=fmt))
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
        year, cluster = pledge.year, _inline(pledge.cluster)
        targets = {
            t.id: (
                _inline(t.id),
                json_number(t.threshold),
                book.style(book.format(num_format=_threshold_format(t, t.threshold)))
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
                    _inline(province) if province is not None else "",
                    _inline(report.name_of(province)),
                )
                widths[3] = max(widths[3], len(report.name_of(province)))
                widths[2] = max(widths[2], len(province or ""))
            province_id, province_name = names[province]
            target_id, threshold, threshold_style = targets[target.id]
            if result.threshold is not target.threshold and result.threshold != target.threshold:
                assert isinstance(result.threshold, Fraction)  # an override
                threshold = json_number(result.threshold)
                threshold_style = book.style(
                    book.format(num_format=_threshold_format(target, result.threshold))
                )
            word, status_style = statuses[result.status]
            digits = book.digits(result)
            actual = json_number(result.actual)
            gap: object = None
            if isinstance(result.actual, Fraction) and isinstance(result.threshold, Fraction):
                # the difference of the two cells, as Excel would compute it
                gap = json_number(result.actual) - json_number(result.threshold)  # type: ignore[operator]
            r = str(row + 1)
            points = report.points_of(pledge.cluster, result)
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
                + number("G", r, actual, value_style(target, digits, False))
                + number("H", r, threshold, threshold_style)
                + number("I", r, gap, value_style(target, max(digits, 1 if gap else 0), True))
                + number("J", r, json_number(points), score),
                last_column=9,
            )
            row += 1
    widths[1] = max(widths[1], *(len(p.pledge.cluster) for p in report.pledges))
    widths[4] = max(widths[4], *(len(t.id) for p in report.pledges for t in p.pledge.targets))
    widths[5] = max(widths[5], *(len(status_word(s)) for s in Status))
    for column, width in enumerate(widths):
        book.fit(sheet, column, width)


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
    for member in members:
        by_target = {r.target.id: r for r in results.for_province(member)}
        book.text(sheet, row, 0, report.name_of(member), book.format(bold=member is None))
        for column, target in enumerate(targets, start=1):
            result = by_target.get(target.id)
            if result is None:
                continue
            colour = {"font_color": STATUS_FONT[result.status]}
            mark = MARKS[result.status]
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
                    formats[key2] = book.format(num_format=fmt, font_color=colour["font_color"])
                book.number(
                    sheet,
                    row,
                    column,
                    result.actual,
                    formats[key2],
                    shown_as=f"{mark} {cell_text(result)}" if row <= SAMPLE else "",
                )
            else:  # yes / no, no data: a few texts, made once
                key = (result.status, result.actual, bool(result.assembled))
                if key not in texts:
                    texts[key] = f"{mark} {cell_text(result)}"
                book.text(sheet, row, column, texts[key], status_formats[result.status])
        if member is not None and member in scores:
            s = scores[member]
            book.number(sheet, row, len(targets) + 1, s.met, count)
            book.number(sheet, row, len(targets) + 2, s.missed, count)
            book.number(sheet, row, len(targets) + 3, s.no_data + s.no_baseline, count)
            book.number(sheet, row, len(targets) + 4, s.score, score_format)
        row += 1
    last_province = row - 1 - (1 if has_cluster else 0)
    row += 1
    tallies = _tallies(results, report)
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


def _tallies(results: PledgeResults, report: Report) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}
    for result in report.shown(results):
        if result.province is None:
            continue
        row = counts.setdefault(result.target.id, [0, 0, 0])
        index = {Status.MET: 0, Status.MISSED: 1}.get(result.status, 2)
        row[index] += 1
    return counts


def ranking_sheet(
    book: Book, reviews: Sequence[PledgeReview], names: Mapping[str, str]
) -> list[Block]:
    sheet = book.sheet(_("Ranking"))
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
            s = entry.score
            book.text(sheet, row, 0, review.pledge.cluster)
            book.number(sheet, row, 1, entry.rank, count)
            book.text(sheet, row, 2, s.province)
            book.text(sheet, row, 3, _name(names, s.province))
            book.number(sheet, row, 4, s.score, score)
            book.number(sheet, row, 5, s.met, count)
            book.number(sheet, row, 6, s.missed, count)
            book.number(sheet, row, 7, s.no_data + s.no_baseline, count)
            if s.province in proposed:
                book.text(sheet, row, 8, "★", nominee_format)
            if s.deductions:
                book.text(
                    sheet,
                    row,
                    9,
                    "; ".join(
                        _("minus {points}: {reason}").format(
                            points=json_number(d.points), reason=d.reason
                        )
                        for d in s.deductions
                    ),
                )
            row += 1
        blocks.append(Block(sheet.name, first, row - 1))
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
        book.format(num_format=_threshold_format(target, threshold))
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
            _inline(status_word(status)),
            book.style(book.format(font_color=STATUS_FONT[status])),
        )
        for status in Status
    }
    provinces: dict[str | None, str] = {}
    texts: dict[str, tuple[str, str]] = {}
    widths: dict[int, int] = {}

    def number(column: str, row: str, value: object, style: int) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return f'<c r="{column}{row}" t="b"><v>{int(value)}</v></c>'
        return f'<c r="{column}{row}" s="{style}"><v>{value!r}</v></c>'

    def text(column: str, row: str, value: str, style: str = "") -> str:
        return f'<c r="{column}{row}"{style} t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>'

    row = 1
    for review in reviews:
        cluster = _inline(review.pledge.cluster)
        for result in review.missed():
            target = result.target
            if result.province not in provinces:
                shown = _name(names, result.province) if result.province else _("Whole cluster")
                provinces[result.province] = _inline(shown)
                widths[1] = max(widths.get(1, 0), len(shown))
            if target.id not in texts:
                texts[target.id] = (_inline(target.id), _inline(target.text))
                widths[2] = max(widths.get(2, 0), len(target.id))
                widths[7] = max(widths.get(7, 0), len(target.text))
            target_id, target_text = texts[target.id]
            word, status_style = statuses[result.status]
            threshold = result.threshold
            threshold_style = (
                book.style(book.format(num_format=_threshold_format(target, threshold)))
                if isinstance(threshold, Fraction)
                else 0
            )
            digits = book.digits(result)
            actual = json_number(result.actual)
            gap: object = None
            if isinstance(result.actual, Fraction) and isinstance(threshold, Fraction):
                gap = json_number(result.actual) - json_number(threshold)  # type: ignore[operator]
            r = str(row + 1)
            missing = "; ".join(result.missing)
            if missing and row <= SAMPLE:
                widths[8] = max(widths.get(8, 0), len(missing))
            sheet.raw_row(
                row,
                text("A", r, cluster)
                + text("B", r, provinces[result.province])
                + text("C", r, target_id)
                + number("D", r, json_number(threshold), threshold_style)
                + number("E", r, actual, book.style(book.value_format(target, digits)))
                + number(
                    "F", r, gap, book.style(book.value_format(target, max(digits, 1), signed=True))
                )
                + text("G", r, word, f' s="{status_style}"')
                + text("H", r, target_text)
                + (text("I", r, _inline(missing)) if missing else ""),
                last_column=8,
            )
            row += 1
    for column, width in widths.items():
        book.fit(sheet, column, width)


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
        height = max(300, 60 + 24 * (targets.last - targets.first + 1))
        chart = workbook.add_chart({"type": "bar", "subtype": "stacked"})
        for column, word, colour in (
            (met, _("Met"), MET_COLOUR),
            (missed, _("Missed"), MISSED_COLOUR),
            (no_data, _("No data"), NO_DATA_COLOUR),
        ):
            chart.add_series(
                {
                    "name": word,
                    "categories": [targets.sheet, targets.first, label, targets.last, label],
                    "values": [targets.sheet, targets.first, column, targets.last, column],
                    **_series_colour(colour),
                }
            )
        chart.set_title({"name": _("Provinces that met each target")})
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
    results_sheet(book, report)
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
        tallies = _tallies(results, report)
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
    book = Book(out)
    ranking = ranking_sheet(book, reviews, names)
    results_sheet(book, report)
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
