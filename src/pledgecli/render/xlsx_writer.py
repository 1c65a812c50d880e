"""The writer of the workbooks: xlsxwriter's workbook with a sheet that streams its rows
(constant memory at national scale), formats made once, columns fitted to their text,
user text always written as text (never a formula)."""

from __future__ import annotations

import io
import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import IO, TYPE_CHECKING, Any

from pledgecli.evaluate import Result, Status
from pledgecli.models import Rule, Target
from pledgecli.render.json import json_number
from pledgecli.render.xlsx_deflate import write_entry
from pledgecli.render.xlsx_figures import Figure
from pledgecli.render.xlsx_formats import fraction_digits, result_digits, value_format
from pledgecli.render.xlsx_stream import NOT_XML as NOT_XML
from pledgecli.render.xlsx_stream import StreamSheet as StreamSheet
from pledgecli.render.xlsx_stream import column_letters as column_letters
from pledgecli.render.xlsx_stream import escape as escape
from pledgecli.safe_text import visible

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook


MAX_WIDTH = 60
# Figures whose decimals a workbook keeps at most (27,642 distinct at 3,321 units, 195,831
# at 33,210; some tens of MiB): a memo emptied when full works them out again and again.
FIGURES_HELD = 1 << 18
SAMPLE = 100  # rows looked at to fit a column's width
# Figures keeping a sheet's cells at most (27,642 at 3,321 units, some 460 bytes each; ten
# times as many at 33,210 units): past it, all are dropped and made again as rows ask.
CELLS_HELD = 1 << 15
STATUS_FONT = {
    Status.MET: "#1B5E20",
    Status.MISSED: "#B71C1C",
    Status.NO_DATA: "#8A5A00",
    Status.NO_BASELINE: "#8A5A00",
}
SCORE_FORMAT = "#,##0.##"
COUNT_FORMAT = "#,##0"
HEADER = {"bold": True, "bg_color": "#E7E6E6", "border": 1, "text_wrap": True, "valign": "top"}


def province_name(names: Mapping[str, str], province: str) -> str:
    return names.get(province, province)


def _number(value: Fraction | bool | None) -> float | int | None:
    shown = json_number(value)
    return shown if isinstance(shown, int | float) and not isinstance(shown, bool) else None


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
        self._by_figures: dict[tuple[int, int, int, int, int], Figure] = {}
        # each result's figure (None: none) by id() of the results, which it holds too
        self._figures_of: dict[int, tuple[object, list[Figure | None]]] = {}
        self._dropped = False  # whether the memo of figures was ever emptied
        self._held: dict[str, int] = {}  # figures keeping each sheet's cells (hold_cells)
        self._value_formats: dict[tuple[bool, bool, int, bool], Format] = {}

    def format(self, **properties: Any) -> Format:
        key = tuple(sorted(properties.items()))
        if key not in self._formats:
            fmt = self.workbook.add_format(properties)
            self._formats[key] = fmt
            self._styles[id(fmt)] = fmt._get_xf_index()
        return self._formats[key]

    def figure(self, result: Result) -> Figure | None:
        """What the sheets write of a fraction judged against a fraction (None for any
        other result), found once per figure (the list, the matrix and the targets not met
        all ask, and many results share their figures): kept by what it depends on, the
        target (by id(): the results outlive the book) and the figure and threshold's terms
        (a Fraction's hash costs more), never by the result (a national workbook has a
        million of them, a tenth as many figures)."""
        actual, threshold = result.actual, result.threshold
        # by class: isinstance() of a bool or None against Fraction goes through the ABC
        if not (actual.__class__ is Fraction and threshold.__class__ is Fraction):
            return None  # no figure, yes/no: nothing to work out
        # as_integer_ratio(): both terms in one call (numerator, denominator: one each)
        numerator, denominator = actual.as_integer_ratio()
        over, under = threshold.as_integer_ratio()
        key = (id(result.target), numerator, denominator, over, under)
        known = self._by_figures.get(key)
        if known is None:
            if len(self._by_figures) >= FIGURES_HELD:
                self._by_figures.clear()
                self._dropped = True
            digits = fraction_digits(result, numerator, denominator, over, under)
            known = self._by_figures[key] = Figure(digits, numerator, denominator)
        return known

    def keep_figures(self, results: object, figures: list[Figure | None]) -> None:
        """The :meth:`figure` of each of ``results.results`` (a PledgeResults), in their
        order: what the sheets after the first one look up by position."""
        self._figures_of[id(results)] = (results, figures)

    def figures_of(self, results: object) -> list[Figure | None] | None:
        """The figures :meth:`keep_figures` kept for ``results``, if it did."""
        kept = self._figures_of.get(id(results))
        return kept[1] if kept is not None and kept[0] is results else None

    def hold_cells(self, sheet: str) -> None:
        """One more figure about to keep ``sheet``'s cells: past :data:`CELLS_HELD` of them,
        every figure's are dropped first (a national workbook's memory stays bounded)."""
        held = self._held.get(sheet, 0) + 1
        if held > CELLS_HELD:
            self.forget_cells(sheet)
            held = 1
        self._held[sheet] = held

    def forget_cells(self, sheet: str) -> None:
        """Drop the cells one sheet kept with the figures (``"results"``, ``"matrix"`` or
        ``"missed"``, see Figure) once it is written: the next sheets keep their own."""
        self._held[sheet] = 0
        for figure in self._by_figures.values():
            setattr(figure, sheet, None)
        if self._dropped:  # figures no longer in the memo, still in the kept lists
            for _results, figures in self._figures_of.values():
                for kept in figures:
                    if kept is not None:
                        setattr(kept, sheet, None)

    def digits(self, result: Result) -> int:
        """``result_digits(result)``, kept per figure (see :meth:`figure`)."""
        figure = self.figure(result)
        return result_digits(result) if figure is None else figure.digits

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

    def style_count(self) -> int:
        """How many styles the workbook has made so far."""
        return len(self._formats)

    def style_keys(self, start: int) -> list[object]:
        """What made each style after the first ``start``, in their order."""
        return list(itertools.islice(self._formats, start, None))

    def widths(self, sheet: Sheet) -> dict[int, int]:
        """The widths fitted so far to the columns of ``sheet``."""
        return dict(self._widths[sheet.name])

    def adopt_widths(self, sheet: Sheet, widths: dict[int, int]) -> None:
        """The widths of ``sheet``'s columns as another copy of this book fitted them."""
        self._widths[sheet.name] = dict(widths)

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

    def number_xml(
        self,
        sheet: StreamSheet,
        row: int,
        column: int,
        value: Fraction | bool | int | None,
        fmt: Format | None = None,
        shown_as: str = "",
    ) -> str:
        """The cell :meth:`number` writes, as XML for :meth:`StreamSheet.raw_row` (fitted
        the same way)."""
        if value is None:
            return "" if fmt is None else sheet.xml(row, column, fmt, "", "")
        if isinstance(value, bool):
            self._fit(sheet, row, column, "FALSE")
            return sheet.xml(row, column, fmt, ' t="b"', f"<v>{int(value)}</v>")
        number = value if isinstance(value, int) else _number(value)
        assert number is not None
        if row <= SAMPLE:
            self._fit(sheet, row, column, shown_as or f"{number:,.2f}")
        return sheet.xml(row, column, fmt, "", f"<v>{number!r}</v>")

    def text_xml(
        self, sheet: StreamSheet, row: int, column: int, value: str, fmt: Format | None = None
    ) -> str:
        """The cell :meth:`text` writes, as XML for :meth:`StreamSheet.raw_row`."""
        shown = visible(value)
        self._fit(sheet, row, column, shown)
        return sheet.string_xml(row, column, shown, fmt)

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
                # ZipFile.open takes the level from the entry, not from the ZipFile: without
                # this the long sheets were compressed at zlib's default level 6 (~3x the
                # CPU of level 1 for a few percent smaller files).
                entry._compresslevel = 1  # type: ignore[attr-defined]
                write_entry(
                    target, entry, before.encode("utf-8"), sheet.rows(), after.encode("utf-8")
                )
