"""The reporting form as an Excel workbook, for people: streamed out row by row
(openpyxl's write-only mode), so that a national form never holds a grid of cells.

The first sheet is the form (what ``pledge import`` reads): a frozen header row, a wide
highlighted value column, the help columns locked (the sheet is protected without a
password; only the value cells are open), data validation on each value cell (whole
numbers >= 0 for counts, decimals for amounts, a Có/Không list for yes/no) and last
year's figure beside. The second sheet says how to fill it, in the reader's language.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from pledgecli.catalog import Catalog, Kind
from pledgecli.collect.form_columns import (
    EDITABLE,
    HELP,
    YES_NO,
    form_language,
    header,
    kind_of,
    kind_text,
    to_fill,
    yes_no,
)
from pledgecli.collect.needs import Figure, FormRow
from pledgecli.figure_format import exact_decimal
from pledgecli.i18n import _
from pledgecli.safe_text import visible

VALUE_WIDTH = 22
COLUMNS = (*EDITABLE, *HELP)


def _cell_value(value: Figure | None, lang: str) -> object:
    if value is None:
        return None
    if isinstance(value, bool):
        return yes_no(value, lang)
    if value.denominator == 1:
        return int(value)
    return exact_decimal(value)


def _values(row: FormRow, catalog: Catalog, lang: str) -> list[Any]:
    return [
        row.year,
        row.province,
        row.metric,
        _cell_value(row.value, lang),
        row.province_name,
        catalog.name(row.metric, lang),
        kind_text(row, catalog, lang),
        _cell_value(row.previous, lang),
        row.targets,
    ]


def instructions(year: int, rows: Sequence[FormRow]) -> list[str]:
    """The lines of the instructions sheet (in the reader's language)."""
    return [
        _("How to fill in the {year} reporting form").format(year=year),
        "",
        _("1. Type each figure in the yellow column; leave it empty when it is not known."),
        _("2. Counts are whole numbers, without a thousands separator (1200, not 1.200)."),
        _("3. Amounts are numbers in the unit shown; a comma or a point marks the decimals."),
        _("4. Yes/no figures: choose from the list in the cell."),
        _("5. The grey columns are help and are locked; last year's figure is beside."),
        _("6. Save the file as it is (.xlsx) and send it back; do not rename the sheet."),
        "",
        _("Rows to fill: {count} of {total}").format(count=to_fill(list(rows)), total=len(rows)),
        _("Read back with: pledge import FILE (or a folder of returned forms)"),
    ]


def xlsx_bytes(year: int, rows: Sequence[FormRow], catalog: Catalog) -> bytes:
    from pledgecli.collect.xlsx import openpyxl

    module = openpyxl()
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = form_language()
    workbook = module.Workbook(write_only=True)
    sheet: Any = workbook.create_sheet(str(year))
    titles = header(year, lang)
    widths = [len(t) for t in titles]
    for row in rows:  # column widths come before the first row in a streamed sheet
        for column, value in enumerate(_values(row, catalog, lang)):
            if value is not None:
                widths[column] = max(widths[column], len(str(value)))
    value_column = COLUMNS.index("value")
    for column, width in enumerate(widths):
        wide = VALUE_WIDTH if column == value_column else 0
        letter = get_column_letter(column + 1)
        sheet.column_dimensions[letter].width = max(min(width + 2, 80), wide)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{len(rows) + 1}"
    sheet.protection.sheet = True  # no password: a guard against slips, not a lock
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    bold = Font(bold=True)
    head = []
    for title in titles:
        cell = WriteOnlyCell(sheet, title)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    shaded = PatternFill("solid", fgColor="EDEDED")
    highlighted = PatternFill("solid", fgColor="FFF2CC")
    right = Alignment(horizontal="right")
    unlocked = Protection(locked=False)
    ranges: dict[Kind, list[str]] = {kind: [] for kind in Kind}
    letter = get_column_letter(value_column + 1)
    for number, row in enumerate(rows, start=2):
        cells = []
        for column, value in enumerate(_values(row, catalog, lang)):
            if isinstance(value, str):  # a control character cannot be in a worksheet
                value = visible(value)
            cell = WriteOnlyCell(sheet, value)
            # openpyxl stores a text starting with "=" as a formula: users' text stays text
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
            if column == value_column:
                cell.fill = highlighted
                cell.alignment = right
                cell.protection = unlocked
            elif COLUMNS[column] in HELP:
                cell.fill = shaded
            cells.append(cell)
        sheet.append(cells)
        _extend(ranges[kind_of(row, catalog)], letter, number)
    for validation in _validations(DataValidation, ranges, lang):
        sheet.data_validations.append(validation)
    notes: Any = workbook.create_sheet(_("Instructions"))
    notes.column_dimensions["A"].width = 100
    for line in instructions(year, rows):
        notes.append([line])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _extend(ranges: list[str], letter: str, number: int) -> None:
    """Add cell ``letter``+``number`` to ``ranges``, joining it to a run that ends above."""
    if ranges:
        last = ranges[-1]
        start, _colon, end = last.partition(":")
        end = end or start
        if end == f"{letter}{number - 1}":
            ranges[-1] = f"{start}:{letter}{number}"
            return
    ranges.append(f"{letter}{number}")


def _validations(kind: Any, ranges: dict[Kind, list[str]], lang: str) -> list[Any]:
    found = []
    rules = {
        Kind.COUNT: dict(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            error=_("A whole number, 0 or more, without a thousands separator."),
        ),
        Kind.AMOUNT: dict(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            error=_("A number, 0 or more, in the unit shown."),
        ),
        Kind.YES_NO: dict(
            type="list",
            formula1='"' + ",".join(YES_NO[lang]) + '"',
            error=_("Choose from the list."),
        ),
    }
    for metric_kind, cells in ranges.items():
        if not cells:
            continue
        validation = kind(allow_blank=True, showErrorMessage=True, **rules[metric_kind])
        validation.errorTitle = _("Not a valid figure")
        validation.sqref = " ".join(cells)
        found.append(validation)
    return found
