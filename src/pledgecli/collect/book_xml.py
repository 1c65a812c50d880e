"""A small, fast writer of the reporting form's workbook (SpreadsheetML, ECMA-376).

openpyxl builds an object per cell and a style per object: at national scale (170,000
rows of 9 cells) it took a minute and a half. The form needs only a few things of the
format, so they are written here directly: a streamed sheet of values whose texts go
to one table of shared strings, four cell styles, column widths, a frozen header, an
autofilter, sheet protection without a password (the value cells unlocked by their
style), data validations over ranges, and a second sheet of plain lines. The parts are
deflated as they are made (the form's sheet in a thread by its own compressor, while
the next rows are made: :class:`pledgecli.render.xlsx_deflate.Streamed`), so the
sheet's XML is never held whole; the zip entries carry a fixed date, so the same form
gives the same bytes.

Only :mod:`pledgecli.collect.form_book` uses it; the choice of what goes in each cell
is made there.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pledgecli.render.xlsx_deflate import Streamed

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
DATE = (1980, 1, 1, 0, 0, 0)
CHUNK_ROWS = 2000
STORED_BELOW = 2048  # bytes

# Cell styles (indexes into cellXfs below).
PLAIN, BOLD, OPEN, SHADED = 0, 1, 2, 3

_STYLES = (
    f'<styleSheet xmlns="{MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b val="1"/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="4"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="00FFF2CC"/></patternFill></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="00EDEDED"/></patternFill></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"'
    ' applyAlignment="1" applyProtection="1"><alignment horizontal="right"/>'
    '<protection locked="0" hidden="0"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

# Everything is protected but sorting and filtering (0: allowed), as openpyxl wrote it.
_PROTECTION = (
    '<sheetProtection sheet="1" objects="0" scenarios="0" selectLockedCells="0"'
    ' selectUnlockedCells="0" formatCells="1" formatColumns="1" formatRows="1"'
    ' insertColumns="1" insertRows="1" insertHyperlinks="1" deleteColumns="1" deleteRows="1"'
    ' sort="0" autoFilter="0" pivotTables="1"/>'
)
_MARGINS = '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile("[&<>\"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """``text`` for an XML element or attribute; a character XML cannot hold is written
    the way Excel writes it (``_x0001_``)."""
    if _SPECIAL.search(text) is None:
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;")
    return _ILLEGAL.sub(lambda found: f"_x{ord(found.group()):04X}_", text)


def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


Cell = str | int | Decimal | None


@dataclass(frozen=True)
class Validation:
    """A data validation of ``sqref`` (space-separated ranges)."""

    sqref: str
    kind: str  # whole, decimal, list
    formula: str
    error: str
    title: str
    operator: str | None = None


@dataclass(frozen=True)
class FormSheet:
    """The form's first sheet: its name, widths, the header, the style of each column
    (the header is bold), and its rows: given the :class:`Rows` that makes cells in
    those styles, the XML of each row from row 2 on (``Rows.each`` of the cells, or
    pieces of rows put together by the caller from ``Rows.cell``); then the name and
    lines of the sheet of notes. What is needed only after the rows is asked for then,
    while the last rows are deflated."""

    name: str
    widths: Sequence[float]
    header: Sequence[str]
    styles: Sequence[int]
    rows: Callable[[Rows], Iterable[str]]
    validations: Callable[[], Sequence[Validation]]  # (made after the rows)
    notes_name: str
    notes: Callable[[], Sequence[str]]  # the second sheet's lines (made after the rows)


class _Strings:
    """The table of shared strings: each text once, cells refer to it by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def cell(self, style: str, text: str) -> str:
        """A cell (without its reference: cells follow each other) holding ``text``."""
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return f'<c{style} t="s"><v>{found}</v></c>'

    def xml(self) -> str:
        items = "".join(_text_item(text) for text in self.index)
        return f'<sst xmlns="{MAIN}" uniqueCount="{len(self.index)}">{items}</sst>'


def _text_item(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f"<si><t{space}>{escape(text)}</t></si>"


class Rows:
    """The XML of rows whose cells, one per column and in order, leave out their
    reference (``r``): a text's cell of a column is made once, then reused."""

    def __init__(self, styles: Sequence[str], strings: _Strings) -> None:
        self.styles = styles
        self.strings = strings
        self.empty = [f"<c{style}/>" for style in styles]
        self.texts: list[dict[str, str]] = [{} for _style in styles]

    def cell(self, column: int, value: Cell) -> str:
        """The cell of ``value`` in ``column`` (a new text gets the next shared string)."""
        if value is None:
            return self.empty[column]
        if isinstance(value, str):
            texts = self.texts[column]
            made = texts.get(value)
            if made is None:
                made = texts[value] = self.strings.cell(self.styles[column], value)
            return made
        return f"<c{self.styles[column]}><v>{value}</v></c>"

    def xml(self, number: int, cells: Sequence[Cell]) -> str:
        """Row ``number`` of ``cells`` (their texts numbered in the order of the columns)."""
        cell = self.cell
        made = "".join([cell(column, value) for column, value in enumerate(cells)])
        return f'<row r="{number}">{made}</row>'

    def each(self, rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
        """The XML of ``rows``, numbered from 2 (under the header)."""
        for number, cells in enumerate(rows, start=2):
            yield self.xml(number, cells)


def workbook_bytes(form: FormSheet) -> bytes:
    """The workbook: ``form`` first, then its sheet of notes, one line per row."""
    out = io.BytesIO()
    strings = _Strings()
    columns = len(form.header)
    letters = [column_letter(n) for n in range(1, columns + 1)]
    styles = [f' s="{s}"' if s else "" for s in form.styles]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        last, notes, shared = _write_form(archive, form, letters, styles, strings)
        _put(archive, "xl/worksheets/sheet2.xml", notes)
        _put(archive, "xl/sharedStrings.xml", shared)
        _put(archive, "xl/styles.xml", _STYLES)
        _put(archive, "xl/workbook.xml", _workbook_xml(form.name, form.notes_name, letters[-1], last))
        _put(archive, "xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        _put(archive, "_rels/.rels", _ROOT_RELS)
        _put(archive, "[Content_Types].xml", _CONTENT_TYPES)
    return out.getvalue()


def _put(archive: zipfile.ZipFile, name: str, text: str) -> None:
    data = text.encode("utf-8")
    archive.writestr(_entry(name, stored=len(data) < STORED_BELOW), data)


def _entry(name: str, *, stored: bool = False) -> zipfile.ZipInfo:
    """A part of the archive; a small one is stored as it is (deflating a few hundred
    bytes costs more time than it saves space, 3,000 times over with ``--split``)."""
    info = zipfile.ZipInfo(name, DATE)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def _write_form(
    archive: zipfile.ZipFile,
    form: FormSheet,
    letters: Sequence[str],
    styles: Sequence[str],
    strings: _Strings,
) -> tuple[int, str, str]:
    """Stream the form's sheet into the archive; the number of its last row, the XML of
    the notes' sheet and of the shared strings."""
    cols = "".join(
        f'<col min="{n}" max="{n}" width="{_number(width)}" customWidth="1"/>'
        for n, width in enumerate(form.widths, start=1)
    )
    bold = [f' s="{BOLD}"'] * len(letters)
    head = (
        f'<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
        + Rows(bold, strings).xml(1, form.header)
    )
    number = 1
    with archive.open(_entry("xl/worksheets/sheet1.xml"), "w") as entry, Streamed(entry) as part:
        part.write(head.encode("utf-8"))
        chunk: list[str] = []
        for row in form.rows(Rows(styles, strings)):
            number += 1
            chunk.append(row)
            if len(chunk) == CHUNK_ROWS:
                part.write("".join(chunk).encode("utf-8"))
                chunk.clear()
        # made while the thread deflates the last pieces
        found = form.validations()
        validations = "".join(_validation_xml(v) for v in found)
        if validations:
            validations = f'<dataValidations count="{len(found)}">{validations}</dataValidations>'
        tail = (
            "</sheetData>"
            + _PROTECTION
            + f'<autoFilter ref="A1:{letters[-1]}{number}"/>'
            + validations
            + _MARGINS
            + "</worksheet>"
        )
        part.write(("".join(chunk) + tail).encode("utf-8"))
        # the other sheet and the shared strings (their numbers: the form's first), made
        # while the thread deflates the last pieces
        notes = _notes_xml(form.notes(), strings)
        shared = strings.xml()
    return number, notes, shared


def _number(width: float) -> str:
    return str(int(width)) if width == int(width) else str(width)


def _validation_xml(validation: Validation) -> str:
    operator = f' operator="{validation.operator}"' if validation.operator else ""
    return (
        f'<dataValidation type="{validation.kind}"{operator} allowBlank="1"'
        f' showErrorMessage="1" errorTitle="{escape(validation.title)}"'
        f' error="{escape(validation.error)}" sqref="{validation.sqref}">'
        f"<formula1>{escape(validation.formula)}</formula1></dataValidation>"
    )


def _notes_xml(lines: Sequence[str], strings: _Strings) -> str:
    rows = "".join(
        f'<row r="{n}">{strings.cell("", line)}</row>' if line else f'<row r="{n}"/>'
        for n, line in enumerate(lines, start=1)
    )
    return (
        f'<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">'
        '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        '<cols><col min="1" max="1" width="100" customWidth="1"/></cols>'
        f"<sheetData>{rows}</sheetData>{_MARGINS}</worksheet>"
    )


def _workbook_xml(form_name: str, notes_name: str, last_column: str, last_row: int) -> str:
    quoted = "'" + form_name.replace("'", "''") + "'"
    return (
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><workbookPr/>'
        '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
        f'<sheet name="{escape(form_name)}" sheetId="1" r:id="rId1"/>'
        f'<sheet name="{escape(notes_name)}" sheetId="2" r:id="rId2"/></sheets>'
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{escape(quoted)}!$A$1:${last_column}${last_row}</definedName></definedNames>"
        '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


_WORKBOOK_RELS = (
    f'<Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELS}/worksheet" Target="worksheets/sheet2.xml"/>'
    f'<Relationship Id="rId3" Type="{RELS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId4" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_ROOT_RELS = (
    f'<Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}"/>'
    f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{SHEET_TYPE}"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
