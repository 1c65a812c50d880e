"""The first sheet of a returned workbook, streamed quickly (``collect/form_read.py``).

openpyxl's own streaming reader costs most of an import of the national form: it reads
the whole sheet once more only to find its size when the sheet does not say it (a form
written by a program), and it makes an object of every text of every cell. Here, with
lxml, only the rows of the sheet come up from the parser, and the usual cells (a number,
a shared text, a text written in the cell) are read directly, exactly as openpyxl reads
them; anything else (a date, a boolean, a cell without its place, an odd row) is handed
to openpyxl's own code, so that every value and every error is the same. Without lxml,
or when the workbook's parts cannot be found this way, ``None``: the caller reads it
with openpyxl as before.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

_COORDINATE = re.compile(r"([A-Z]{1,3})(\d+)$")
_DIGITS = "0123456789"


class FastSheet:
    """The first worksheet of a workbook, its texts and styles read, not yet its rows."""

    def __init__(self, archive: Any, target: str, parser: Any) -> None:
        self.archive = archive
        self.target = target
        self.parser = parser  # openpyxl's, for the cells this does not read itself
        # Whether the rows given so far were all read from the sheet's bytes: such a
        # row holds no formula (a cell with one is not of the usual shape).
        self.regular = True

    def close(self) -> None:
        self.archive.close()


def open_fast(path: Path) -> FastSheet | None:
    """The first worksheet of ``path`` ready to stream, or ``None`` (no lxml, or anything
    unexpected: the caller's openpyxl path then reads it, or says what is wrong)."""
    try:
        importlib.import_module("lxml.etree")
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet
        from openpyxl.worksheet._reader import WorkSheetParser
    except ImportError:
        return None
    try:
        reader = ExcelReader(str(path), read_only=True, data_only=True)
    except Exception:
        return None
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        target = next(
            rel.target
            for _sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        )
        workbook: Any = reader.wb
        make_parser: Any = WorkSheetParser
        parser = make_parser(
            None,
            reader.shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
    except Exception:
        reader.archive.close()
        return None
    return FastSheet(reader.archive, target, parser)


def fast_rows(
    sheet: FastSheet, width: int, lay_out: Callable[[list[dict[str, Any]], int], list[object]]
) -> Iterator[tuple[int, list[object]]]:
    """(row number, values by column up to ``width``) of each row of the sheet, as
    ``lay_out`` lays out the cells openpyxl's ``parse_row`` gives (a value further right
    marked by one more cell, ``True``). The usual rows are read from the sheet's bytes
    (``collect/sheet_scan.py``); from the first row that is not usual (or any trouble
    reading it), :func:`lxml_rows` reads on, so that the rows and errors are its own."""
    from openpyxl.xml.constants import SHEET_MAIN_NS

    from pledgecli.collect.sheet_scan import scan_rows

    parser = sheet.parser
    progress = [0, 0]  # rows given, the last one's number
    try:
        with sheet.archive.open(sheet.target) as source:
            yield from scan_rows(
                source,
                width,
                parser.shared_strings,
                parser.date_formats,
                SHEET_MAIN_NS,
                progress,
            )
        return
    except Exception:  # anything unusual: lxml reads on, and says what
        pass
    sheet.regular = False
    yield from lxml_rows(sheet, width, lay_out, skip=progress[0], row_counter=progress[1])


def lxml_rows(
    sheet: FastSheet,
    width: int,
    lay_out: Callable[[list[dict[str, Any]], int], list[object]],
    *,
    skip: int = 0,
    row_counter: int = 0,
) -> Iterator[tuple[int, list[object]]]:
    """:func:`fast_rows` read element by element with lxml, each row dropped once read;
    the first ``skip`` rows (already given, the last numbered ``row_counter``) are
    passed over."""
    from openpyxl.xml.constants import SHEET_MAIN_NS

    etree: Any = importlib.import_module("lxml.etree")
    parser = sheet.parser
    cells_of = _cell_reader(parser, width)
    with sheet.archive.open(sheet.target) as source:
        rows = etree.iterparse(
            source,
            events=("end",),
            tag=f"{{{SHEET_MAIN_NS}}}row",
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        )
        for _event, row in rows:
            if skip:
                skip -= 1
                if not skip:
                    parser.row_counter = row_counter
            else:
                number = row.get("r")
                cells = None
                if number is not None and number.isdigit() and number.isascii():
                    parser.row_counter = int(number)
                    cells = cells_of(row)
                if cells is None:  # an unusual row or cell: the whole row as openpyxl reads it
                    _number, parsed = parser.parse_row(row)
                    cells = lay_out(parsed, width)
                yield parser.row_counter, cells
            row.clear()
            parent = row.getparent()
            while row.getprevious() is not None:
                del parent[0]


def _cell_reader(parser: Any, width: int) -> Callable[[Any], list[object] | None]:
    """A reader of a row's cells, each read as openpyxl's ``parse_cell`` would and laid
    out by column as ``form_read._laid_out`` lays them; it gives ``None`` when one is
    not a usual cell (openpyxl then reads the row)."""
    from openpyxl.utils.cell import column_index_from_string
    from openpyxl.xml.constants import SHEET_MAIN_NS

    value_tag, inline_tag = f"{{{SHEET_MAIN_NS}}}v", f"{{{SHEET_MAIN_NS}}}is"
    text_tag = f"{{{SHEET_MAIN_NS}}}t"
    strings, date_formats = parser.shared_strings, parser.date_formats
    columns: dict[str, int] = {}
    match = _COORDINATE.match

    def cells_of(row: Any) -> list[object] | None:
        cells: list[object] = []
        beyond = False
        for element in row:
            place = element.get("r") or ""
            letters = place.rstrip(_DIGITS)  # "AB12" -> "AB", as the pattern reads it
            column = columns.get(letters) if letters != place else None
            if column is None:  # letters not met yet, or a place the pattern must judge
                found = match(place)
                if found is None:
                    return None
                letters = found.group(1)
                column = columns.get(letters)
                if column is None:
                    column = columns[letters] = column_index_from_string(letters)
            kind = element.get("t", "n")
            value: Any
            if kind == "inlineStr":
                # element.find(inline_tag) (its first child <is>), without ElementPath
                value = None
                for child in element:
                    if child.tag == inline_tag:
                        if len(child) != 1:
                            return None
                        only = child[0]
                        if only.tag != text_tag or len(only) != 0:
                            return None
                        value = only.text or ""
                        break
            else:
                # element.findtext(value_tag) (its first child <v>), without ElementPath
                text = None
                for child in element:
                    if child.tag == value_tag:
                        text = child.text or None
                        break
                if text is None:
                    value = None
                elif kind == "n":
                    style = element.get("s")
                    if style and int(style) in date_formats:
                        return None  # a date: openpyxl's conversion
                    try:
                        is_float = "." in text or "E" in text or "e" in text
                        value = float(text) if is_float else int(text)
                    except ValueError:
                        return None
                elif kind == "s":
                    try:
                        value = strings[int(text)]
                    except (ValueError, IndexError):
                        return None
                elif kind == "b":
                    try:
                        value = bool(int(text))
                    except ValueError:
                        return None
                elif kind == "str":
                    value = text
                else:
                    return None  # an error, a date written as text
            if column > width:
                beyond = beyond or value is not None
                continue
            laid = len(cells)
            if column > laid:
                if column > laid + 1:
                    cells.extend([None] * (column - 1 - laid))
                cells.append(value)
            else:
                cells[column - 1] = value
        if beyond:
            cells.extend([None] * (width - len(cells)))
            cells.append(True)
        return cells

    return cells_of


_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _holds_formula(window: bytes) -> bool:
    """``_FORMULA.search(window)``, quickly: most windows hold no ``<f`` at all, and a
    prefixed name (``<x:f>``) only where ``:f`` is."""
    if b":f" in window:
        return _FORMULA.search(window) is not None
    start = window.find(b"<f")
    while start >= 0:
        if _FORMULA.match(window, start) is not None:
            return True
        start = window.find(b"<f", start + 2)
    return False


def has_formulas(path: Path) -> bool:
    """Whether any sheet of the workbook holds a formula: a quick scan of its XML, so
    that a form without formulas (the usual one) is parsed once, not twice."""
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(path) as archive:
            for part in archive.infolist():
                name = part.filename.lower()
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                with archive.open(part) as stream:
                    tail = b""
                    while chunk := stream.read(1 << 20):
                        if _holds_formula(tail + chunk):
                            return True
                        tail = chunk[-64:]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError):
        return True  # not known (a damaged part, say): look, and the reading says what is wrong
    return False
