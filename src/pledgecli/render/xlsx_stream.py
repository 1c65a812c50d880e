"""The long sheets of the workbooks: rows written as SpreadsheetML as they come, deflated
in a thread (see xlsx_deflate), the text of a row in Unicode or, the fast way, in its
UTF-8 bytes read as Latin-1 (:func:`wire`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from pledgecli.render.xlsx_deflate import Deflated

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

FLUSH = 5000  # pieces of XML joined and handed to the thread at once (some 1.5 MB)


def column_letters(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape`` (which imports urllib.request, http.client and ssl: some
    twenty milliseconds of a command)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def wire(text: str) -> str:
    """``text``'s UTF-8 bytes read as Latin-1: what :meth:`StreamSheet.wire_row` takes.

    A row of Vietnamese text is a string of two bytes a character (CPython widens the
    whole row for one "ạ"), slow to build, join and encode; in these terms it is one byte
    a character, ASCII unchanged, and encoding it to Latin-1 gives the UTF-8 bytes as they
    are. Every piece of text of such a row must be made so (numbers are ASCII already)."""
    return text.encode("utf-8").decode("latin-1")


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
        self._rows = Deflated()  # deflated as they come, in a thread (see xlsx_deflate)
        self._parts: list[str] = ["<sheetData>"]
        self._wired = False  # whether _parts are wire() text, not Unicode
        self._done: list[bytes] = []  # pieces encoded before a change of the above
        self._row = -1
        self._letters: list[str] = []
        self.last_row = 0
        self.last_column = 0
        self._adopted = False  # whether the rows were written by a forked copy (adopt)

    def _letter(self, column: int) -> str:
        while len(self._letters) <= column:
            self._letters.append(column_letters(len(self._letters)))
        return self._letters[column]

    def _encoded(self) -> bytes:
        """The pieces so far as UTF-8 (then none left)."""
        data = "".join(self._parts).encode("latin-1" if self._wired else "utf-8")
        self._parts.clear()
        if self._done:
            self._done.append(data)
            data = b"".join(self._done)
            self._done.clear()
        return data

    def _rewire(self, wired: bool) -> None:
        """The next pieces in wire() text or in Unicode: those so far encoded as they are."""
        if self._parts:
            self._done.append(self._encoded())
        self._wired = wired

    def _cell(self, row: int, column: int, fmt: Format | None, kind: str, body: str) -> None:
        if self._wired:
            self._rewire(False)
        if row != self._row:
            if row < self._row:
                raise ValueError(f"rows must be written in order ({row} after {self._row})")
            if self._row >= 0:
                self._parts.append("</row>")
                if len(self._parts) > FLUSH:
                    self._rows.feed(self._encoded())
            self._parts.append(f'<row r="{row + 1}">')
            self._row = self.last_row = row
        style = f' s="{self._styles[id(fmt)]}"' if fmt is not None else ""
        letters = self._letters[column] if column < len(self._letters) else self._letter(column)
        self._parts.append(f'<c r="{letters}{row + 1}"{style}{kind}>{body}</c>')
        if column > self.last_column:
            self.last_column = column

    def xml(self, row: int, column: int, fmt: Format | None, kind: str, body: str) -> str:
        """The ``<c>`` element :meth:`_cell` writes, for :meth:`raw_row`."""
        style = f' s="{self._styles[id(fmt)]}"' if fmt is not None else ""
        letters = self._letters[column] if column < len(self._letters) else self._letter(column)
        return f'<c r="{letters}{row + 1}"{style}{kind}>{body}</c>'

    def string_xml(self, row: int, column: int, text: str, fmt: Format | None = None) -> str:
        """The cell :meth:`write_string` writes."""
        shown = escape(NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
        return self.xml(
            row, column, fmt, ' t="inlineStr"', f'<is><t xml:space="preserve">{shown}</t></is>'
        )

    def raw_row(self, row: int, cells: str, last_column: int) -> None:
        """A whole row of ready ``<c>`` elements (the fast way for long sheets)."""
        if self._wired:
            self._rewire(False)
        self._row_of(row, cells, last_column)

    def wire_row(self, row: int, cells: str, last_column: int) -> None:
        """:meth:`raw_row` of cells whose text is :func:`wire` text (the fast way for long
        sheets of Vietnamese text)."""
        if not self._wired:
            self._rewire(True)
        self._row_of(row, cells, last_column)

    def wire_rows(self, rows: list[str], last_row: int, last_column: int) -> None:
        """Whole rows of :func:`wire` text at once, each ``</row><row r="N">`` and its cells
        (the faster way for long sheets: no call a row): the sheet has a row open (its
        header), the rows follow it in order, the last one is ``last_row``."""
        self._rows_of(rows, last_row, last_column, wired=True)

    def raw_rows(self, rows: list[str], last_row: int, last_column: int) -> None:
        """:meth:`wire_rows` of rows in Unicode."""
        self._rows_of(rows, last_row, last_column, wired=False)

    def _rows_of(self, rows: list[str], last_row: int, last_column: int, *, wired: bool) -> None:
        if not rows:
            return
        if self._row < 0 or last_row <= self._row:
            raise ValueError(f"rows must follow the rows written ({last_row} after {self._row})")
        if self._wired is not wired:
            self._rewire(wired)
        parts = self._parts
        parts.extend(rows)
        if len(parts) > FLUSH // 3:  # a whole row a piece here, not three: pieces as long
            self._rows.feed(self._encoded())
        self._row = self.last_row = last_row
        if last_column > self.last_column:
            self.last_column = last_column

    def _row_of(self, row: int, cells: str, last_column: int) -> None:
        if row <= self._row:
            raise ValueError(f"rows must be written in order ({row} after {self._row})")
        parts = self._parts
        if self._row >= 0:
            parts.append("</row>")
            if len(parts) > FLUSH:
                self._rows.feed(self._encoded())
        parts.append(f'<row r="{row + 1}">')
        parts.append(cells)
        self._row = self.last_row = row
        if last_column > self.last_column:
            self.last_column = last_column

    def write_string(self, row: int, column: int, text: str, fmt: Format | None = None) -> None:
        shown = escape(NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
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

    def adopt(self, crc: int, size: int, last_row: int, last_column: int) -> None:
        """The sheet's rows, deflated whole into its temporary file by a forked copy of
        this sheet (``xlsx_beside``), with their CRC and size: the sheet takes no more."""
        self._rows.adopt(crc, size)
        self._adopted = True
        self.last_row, self.last_column = last_row, last_column

    def restart(self) -> None:
        """A new temporary file for the rows, before writing the rows a forked copy of
        this sheet was to write (whatever it left in the old file is dropped)."""
        if self._rows.size:
            raise RuntimeError("rows were deflated already: the sheet cannot start again")
        self._rows.close()
        self._rows = Deflated()

    def rows(self) -> Deflated:
        """The ``<sheetData>`` element, deflated (the sheet takes no more rows)."""
        if self._adopted:
            return self._rows
        if self._row >= 0:
            self._parts.append("</row>")
        self._parts.append("</sheetData>")
        self._rows.finish(self._encoded())
        return self._rows
