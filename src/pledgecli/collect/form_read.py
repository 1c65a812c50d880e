"""Reading a filled form, CSV or XLSX, row by row and within limits: the records
``pledge import`` turns into figures (``collect/importer.py``). A broken file, or one past
the limits, is refused naming the file and the row."""

from __future__ import annotations

import csv
import operator
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pledgecli.diagnostics import UserError, display_path
from pledgecli.i18n import _

REQUIRED = ("province", "metric", "value")
KEPT_ORDER = ("year", *REQUIRED)  # the cells of a record; the other columns are read-only help
KEPT = frozenset(KEPT_ORDER)
XLSX_SUFFIXES = (".xlsx", ".xlsm")

# Limits past which a form is refused (exit 2) before it can take the machine's memory
# or minutes of its time. The national form (3,321 units x 52 metrics: 172,692 rows,
# 18 MB as CSV, 7 MB as XLSX holding 87 MB of sheet XML) is well inside them.
MAX_FORM_BYTES = 64 * 1024 * 1024  # the file on disk, CSV or XLSX
MAX_ROWS = 400_000  # rows that hold something (Excel itself stops at 1,048,576)
MAX_COLUMNS = 64
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # an XLSX's parts once unzipped
MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024  # its table of texts, read whole by openpyxl
MAX_ERRORS = 1000  # problems shown, one line each; the rest are counted


_record = tuple.__new__  # a named tuple from its fields, without its __new__ in Python


class FormRecord(NamedTuple):
    """One row of the form: its number as a spreadsheet shows it, its cells of year,
    province, metric and value (``None`` where the form or the row has none), and what
    is wrong with its shape, if anything. (A named tuple: 170,000 for a national form.)"""

    row: int
    cells: tuple[object, object, object, object]
    problem: str | None = None


def read_form(path: Path) -> Iterator[FormRecord]:
    """The records of a form, read from CSV or XLSX by the file's suffix, one at a time.

    The file is checked before the first record: it must be a file within
    :data:`MAX_FORM_BYTES`; a broken file, or one past the limits, raises
    :class:`UserError` naming it (and the row, when there is one)."""
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        raise UserError(_("form not found: {path}").format(path=display_path(path)))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UserError(
            _("{path} is in the old Excel format").format(path=display_path(path)),
            _("save it as .xlsx (Excel Workbook) or as CSV UTF-8"),
        )
    if info.st_size > MAX_FORM_BYTES:
        raise _too_large(path, _size_text(info.st_size), _size_text(MAX_FORM_BYTES))
    if suffix in XLSX_SUFFIXES:
        _check_workbook(path)
        return _records(path, _xlsx_rows(path), exact_width=False)
    return _records(path, _csv_rows(path), exact_width=True)


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


def _too_large(path: Path, size: str, limit: str) -> UserError:
    return UserError(
        _("{path} is too large to import ({size}; the limit is {limit})").format(
            path=display_path(path), size=size, limit=limit
        ),
        _("split the form into several files, e.g. one per cluster (pledge template --cluster)"),
    )


def _csv_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    try:
        stream = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise UserError(
            _("cannot read {path}: {reason}").format(
                path=display_path(path), reason=error.strerror or str(error)
            )
        ) from None
    with stream:
        try:
            first = stream.readline()
            stream.seek(0)
            delimiter = max((",", ";", "\t"), key=first.count)
            reader = csv.reader(stream, delimiter=delimiter, strict=True)
            number = 0
            while True:
                start = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    raise _csv_error(path, number + 1, start, str(error)) from None
                number += 1
                yield number, list(row)
        except UnicodeDecodeError:
            raise _not_utf8(path) from None


def _csv_error(path: Path, row: int, line: int, reason: str) -> UserError:
    where = _("{path}: row {row} (line {line})").format(
        path=display_path(path), row=row, line=line
    )
    if reason.startswith("unexpected end of data"):
        message = _("a quote (\") opens a cell and is never closed")
        hint = _("close the quote, or save the form again from the spreadsheet program")
    elif "expected after" in reason:
        message = _("a quote (\") closes a cell before its end")
        hint = _('inside a quoted cell, write a quote twice ("")')
    elif "field larger than field limit" in reason:
        message = _("a cell is longer than {limit} characters").format(
            limit=csv.field_size_limit()
        )
        hint = None
    else:
        message = _("the CSV cannot be read ({reason})").format(reason=reason)
        hint = None
    return UserError(f"{where}: {message}", hint)


def _not_utf8(path: Path) -> UserError:
    raw = path.read_bytes()  # within MAX_FORM_BYTES
    try:
        raw.decode("utf-8-sig")
        line = 1
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
    return UserError(
        _("{path}:{line}: the form is not UTF-8 text").format(path=display_path(path), line=line),
        _("in Excel: File > Save As > CSV UTF-8 (Comma delimited)"),
    )


def _check_workbook(path: Path) -> None:
    """Refuse a workbook whose parts would unpack past the limits (a zip bomb, or a
    table of texts too large to hold), before openpyxl reads any of it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says what is wrong with it
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _too_large(
            path,
            _("{size} unpacked").format(size=_size_text(unpacked)),
            _size_text(MAX_UNPACKED_BYTES),
        )
    for part in parts:
        if part.filename.lower().endswith("sharedstrings.xml") and (
            part.file_size > MAX_SHARED_STRINGS_BYTES
        ):
            raise _too_large(
                path,
                _("{size} of texts").format(size=_size_text(part.file_size)),
                _size_text(MAX_SHARED_STRINGS_BYTES),
            )


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    """The first sheet's rows, streamed: never more than one row of at most
    :data:`MAX_COLUMNS` + 1 cells in memory, however far a cell sits; a row with a
    figure beyond that column comes as ``MAX_COLUMNS + 2`` cells, to be refused."""
    from pledgecli.collect.xlsx import openpyxl_to_read

    module = openpyxl_to_read()

    def cannot_read(error: Exception) -> UserError:
        return UserError(
            _("cannot read {path} as an Excel workbook: {reason}").format(
                path=display_path(path), reason=str(error) or type(error).__name__
            )
        )

    from pledgecli.collect.form_xlsx import fast_rows, has_formulas, open_fast

    fast = open_fast(path)  # with lxml: the sheet's rows without openpyxl's cost
    workbook: Any = None
    if fast is None:
        try:
            workbook = module.load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds on a broken file
            raise cannot_read(error) from None
    formulas: Any = None
    formula_rows: Iterator[tuple[int, list[object]]] | None = None
    written: tuple[int, list[object]] = (0, [])
    # Whether a sheet holds a formula (a scan of every sheet's bytes), asked only for a
    # row that may hide one: not one read from the sheet's bytes by ``fast_rows``.
    may_hide_formulas: bool | None = None
    width = MAX_COLUMNS + 1
    rows: Iterator[tuple[int, list[object]]] = (
        _sheet_rows(workbook) if fast is None else fast_rows(fast, width, _laid_out)
    )
    try:
        for row in rows:  # (number, cells), passed on as it comes (cells filled in place)
            if (fast is None or not fast.regular) and None in row[1]:
                number, cells = row
                if may_hide_formulas is None:
                    may_hide_formulas = has_formulas(path)
                if may_hide_formulas:
                    # A formula that no spreadsheet program has computed reads as empty:
                    # say so, rather than take it for "not reported". Read from a second
                    # stream of the same sheet, kept level with this one.
                    if formula_rows is None:
                        formulas = module.load_workbook(path, read_only=True)
                        formula_rows = _sheet_rows(formulas)
                    while written[0] < number:
                        written = next(formula_rows, (sys.maxsize, []))
                    if written[0] == number:
                        for column, cell in enumerate(cells):
                            text = written[1][column] if column < len(written[1]) else None
                            if cell is None and isinstance(text, str) and text.startswith("="):
                                cells[column] = Uncomputed(text)
            yield row
    except UserError:
        raise
    except Exception as error:
        raise cannot_read(error) from None
    finally:
        if fast is not None:
            fast.close()
        else:
            workbook.close()
        if formulas is not None:
            formulas.close()


def _sheet_rows(workbook: Any) -> Iterator[tuple[int, list[object]]]:
    """(row number, values) of the workbook's first sheet, straight from openpyxl's
    streaming parser: rows that are missing are not made up, cells past
    :data:`MAX_COLUMNS` + 1 are never laid out (one holding a value is marked by a
    last cell ``True``), and what the parser keeps of each row is dropped as it goes."""
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    row_tag, data_tag = f"{{{SHEET_MAIN_NS}}}row", f"{{{SHEET_MAIN_NS}}}sheetData"
    sheet = workbook.worksheets[0]
    width = MAX_COLUMNS + 1
    with sheet._get_source() as source:
        parser: Any = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        # openpyxl's own loop keeps every element it has read (cleared, but in the
        # tree) and every row's height: here each element of the sheet is dropped
        # once read, so that memory stays that of one row.
        open_elements: list[Any] = []
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                open_elements.append(element)
                continue
            open_elements.pop()
            parent = open_elements[-1] if open_elements else None
            if parent is None or (len(open_elements) > 1 and parent.tag != data_tag):
                continue  # inside a row, or inside another part of the sheet: kept for now
            if element.tag == row_tag:
                number, row = parser.parse_row(element)
                parser.row_dimensions.clear()
                yield number, _laid_out(row, width)
            element.clear()
            parent.remove(element)


def _laid_out(row: list[dict[str, Any]], width: int) -> list[object]:
    """A parsed row's values by column, up to ``width``; a value further right is
    marked by one more cell, ``True``, so that the row is refused."""
    cells: list[object] = []
    beyond = False
    for cell in row:
        column, value = cell["column"], cell["value"]
        if column > width:
            beyond = beyond or value is not None
            continue
        if column > len(cells):
            cells.extend([None] * (column - len(cells)))
        cells[column - 1] = value
    if beyond:
        cells.extend([None] * (width - len(cells)))
        cells.append(True)
    return cells


@dataclass(frozen=True)
class Uncomputed:
    """A formula cell saved without its value (written by a program, never opened in Excel)."""

    formula: str


def _header_name(cell: object) -> str:
    from pledgecli.collect.form_columns import column_of

    return column_of(cell)  # either language's title, or the English ones of old forms


def _records(
    path: Path, rows: Iterator[tuple[int, list[object]]], *, exact_width: bool
) -> Iterator[FormRecord]:
    """The rows after the header, as records; blank rows skipped. A row whose shape is
    wrong (CSV: another number of cells than the header; any: a figure beyond the last
    named column) comes with its problem, to be reported with the others."""
    header: list[str] | None = None
    kept: list[tuple[int, str]] = []
    kept_reach = 0  # a row with this many cells or more holds every kept column
    pick: Any = None  # a full row's kept cells, as a record holds them
    width = 0
    count = 0
    for number, cells in rows:
        for cell in cells:  # a blank row (the usual row holds something in its first cell)
            if cell is not None and not (isinstance(cell, str) and not cell.strip()):
                break
        else:
            continue
        if len(cells) > MAX_COLUMNS and any(not is_blank(c) for c in cells[MAX_COLUMNS:]):
            raise UserError(
                _("{path}: row {row}: more than {limit} columns").format(
                    path=display_path(path), row=number, limit=MAX_COLUMNS
                ),
                _("keep the form's columns: year, province, metric, value and the help"),
            )
        if header is None:
            header = [_header_name(c) for c in cells]
            missing = [name for name in REQUIRED if name not in header]
            if missing:
                raise UserError(
                    _("{path}: row {row}: the form has no {columns} column").format(
                        path=display_path(path), row=number, columns=", ".join(missing)
                    ),
                    _("the first row names the columns: year, province, metric, value"),
                )
            kept = [(i, name) for i, name in enumerate(header) if name in KEPT]
            kept_reach = max(i for i, _name in kept) + 1
            pick = _picker(kept)
            while header and not header[-1]:
                header.pop()
            width = len(header)
            continue
        count += 1
        if count > MAX_ROWS:
            raise UserError(
                _("{path}: row {row}: more than {limit} rows to import").format(
                    path=display_path(path), row=number, limit=f"{MAX_ROWS:,}"
                ),
                _("split the form into several files, e.g. one per cluster (pledge template --cluster)"),
            )
        size = len(cells)
        if size >= kept_reach:  # pick gives one cell per kept name
            named = pick(cells)
        else:
            short = {name: cells[i] for i, name in kept if i < size}
            named = tuple(short.get(name) for name in KEPT_ORDER)
        problem = None
        if size > width or (exact_width and size < width):
            beyond = [i for i in range(width, size) if not is_blank(cells[i])]
            if beyond or (exact_width and size < width):
                problem = _("{cells} cells where the header names {columns} columns").format(
                    cells=(beyond[-1] + 1) if beyond else size, columns=len(header)
                )
        yield _record(FormRecord, (number, named, problem))  # FormRecord(...), made directly
    if header is None:
        raise UserError(_("{path} is empty").format(path=display_path(path)))


def _picker(kept: list[tuple[int, str]]) -> Any:
    """A record's cells from a row holding every kept column: a name given twice is read
    from its last column (as a mapping by name, made in order, keeps it); no year: None."""
    place = {name: i for i, name in kept}
    if "year" in place:
        return operator.itemgetter(*(place[name] for name in KEPT_ORDER))
    three = operator.itemgetter(*(place[name] for name in REQUIRED))
    return lambda cells: (None, *three(cells))


def is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
