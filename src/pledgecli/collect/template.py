"""``pledge template``: the reporting form of a year, to send to the provinces.

One row per signatory and metric the year's pledges need. The columns ``year``,
``province``, ``metric`` and ``value`` are what ``pledge import`` reads; the others
help whoever fills the form and are ignored on import: ``province_name``, ``kind``
(``number`` or ``true/false``), ``value_<last year>`` and ``targets`` (the texts of the
targets that need the metric). ``value`` is pre-filled where a figure is recorded.

The CSV is UTF-8 with a byte-order mark when written to a file, so that Excel shows
Vietnamese letters. The XLSX has one sheet with a frozen header row, column widths that
fit, and the read-only columns shaded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pledgecli.collect.needs import Figure, FormRow, form_rows
from pledgecli.collect.numbers import form_text
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import UserError, display_path, sort_key, with_lines
from pledgecli.figure_format import exact_decimal
from pledgecli.i18n import ngettext
from pledgecli.load import find_data_dir, load
from pledgecli.safe_text import visible

EDITABLE = ("year", "province", "metric", "value")
KIND_TEXT = {"number": "number", "boolean": "true/false"}


@dataclass(frozen=True)
class Form:
    year: int
    rows: list[FormRow]
    content: bytes
    default_name: str


def header(year: int) -> list[str]:
    return [*EDITABLE, "province_name", "kind", f"value_{year - 1}", "targets"]


def _figure(value: Figure | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return form_text(exact_decimal(value))


def csv_bytes(year: int, rows: Sequence[FormRow], *, bom: bool) -> bytes:
    from pledgecli.render.csv import cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header(year))
    for row in rows:
        writer.writerow(
            [
                row.year,
                row.province,
                row.metric,
                _figure(row.value),
                cell(row.province_name),
                KIND_TEXT[row.kind],
                _figure(row.previous),
                cell(row.targets),
            ]
        )
    return ("\ufeff" if bom else "").encode("utf-8") + out.getvalue().encode("utf-8")


def _cell_value(value: Figure | None) -> object:
    if value is None or isinstance(value, bool):
        return value
    if value.denominator == 1:
        return int(value)
    return exact_decimal(value)


def xlsx_bytes(year: int, rows: Sequence[FormRow]) -> bytes:
    """The form as a workbook, streamed out row by row (openpyxl's write-only mode), so
    that a national form never holds a grid of cells in memory."""
    from pledgecli.collect.xlsx import openpyxl

    module = openpyxl()
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    def values(row: FormRow) -> list[Any]:
        return [
            row.year,
            row.province,
            row.metric,
            _cell_value(row.value),
            row.province_name,
            KIND_TEXT[row.kind],
            _cell_value(row.previous),
            row.targets,
        ]

    workbook = module.Workbook(write_only=True)
    sheet: Any = workbook.create_sheet(str(year))
    titles = header(year)
    widths = [len(t) for t in titles]
    for row in rows:  # column widths come before the first row in a streamed sheet
        for column, value in enumerate(values(row)):
            if value is not None:
                widths[column] = max(widths[column], len(str(value)))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, 80)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{len(rows) + 1}"
    bold = Font(bold=True)
    head = []
    for title in titles:
        cell = WriteOnlyCell(sheet, title)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    shaded = PatternFill("solid", fgColor="EDEDED")
    to_fill = PatternFill("solid", fgColor="FFF2CC")
    right = Alignment(horizontal="right")
    fills = [
        to_fill if title == "value" else shaded if title not in EDITABLE else None
        for title in titles
    ]
    for row in rows:
        cells = []
        for column, value in enumerate(values(row)):
            if isinstance(value, str):  # a control character cannot be in a worksheet
                value = visible(value)
            cell = WriteOnlyCell(sheet, value)
            # openpyxl stores a text starting with "=" as a formula: users' text stays text
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
            fill = fills[column]
            if fill is not None:
                cell.fill = fill
            if titles[column] == "value":
                cell.alignment = right
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _refuse_broken(data: DataSet, year: int) -> None:
    """Refuse when the files the form is made from have errors."""
    relevant = (
        data.root / "provinces.toml",
        data.root / "pledges" / str(year),
        data.root / "actuals" / str(year),
        data.root / "actuals" / str(year - 1),
    )
    errors = [
        d
        for d in data.diagnostics
        if d.severity == "error" and d.path is not None and any(d.path == p or p in d.path.parents for p in relevant)
    ]
    if errors:
        shown = sorted(with_lines(errors), key=sort_key)
        summary = ngettext(
            "error: {count} problem in {path}; no form was made (see pledge validate)",
            "error: {count} problems in {path}; no form was made (see pledge validate)",
            len(errors),
        )
        raise UserError(
            shown, closing=summary.format(count=len(errors), path=display_path(data.root))
        )


def make_form(
    data_dir: Path | None, year: int, cluster: str | None, form_format: str, *, bom: bool
) -> Form:
    data = load(find_data_dir(data_dir))
    _refuse_broken(data, year)
    rows = form_rows(data, year, cluster)
    name = f"form-{year}" + (f"-{cluster}" if cluster else "") + f".{form_format}"
    if form_format == "xlsx":
        return Form(year, rows, xlsx_bytes(year, rows), name)
    return Form(year, rows, csv_bytes(year, rows, bom=bom), name)
