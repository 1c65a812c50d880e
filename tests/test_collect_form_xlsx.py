"""A returned workbook's first sheet read quickly (lxml) gives the very rows openpyxl's
own reader gives, whatever its cells hold."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest

from pledgecli.collect.form_read import MAX_COLUMNS, _laid_out, _sheet_rows
from pledgecli.collect.form_xlsx import fast_rows, open_fast

pytest.importorskip("lxml")

WIDTH = MAX_COLUMNS + 1


def both_ways(path: Path) -> tuple[list[object], list[object]]:
    import openpyxl

    fast = open_fast(path)
    assert fast is not None
    try:
        quick = [(number, _laid_out(row, WIDTH)) for number, row in fast_rows(fast)]
    finally:
        fast.close()
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        slow = list(_sheet_rows(workbook))
    finally:
        workbook.close()
    return quick, slow


def test_the_cells_a_spreadsheet_program_writes(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["year", "province", "metric", "value", "note"])
    sheet.append([2025, "ca-mau", "coops_new", 17, "Cà Mau"])
    sheet.append([2025, "ca-mau", "revenue", 1.25, None])
    sheet.append([2025, "ca-mau", "has_fund", True, "  "])
    sheet.append([2025, "ca-mau", "has_fund", False, -0.0])
    sheet.append([2025, "ca-mau", "when", datetime.datetime(2025, 3, 1), 1e-7])
    sheet.append([2025, "ca-mau", "text", "1.200", "=1+1"])
    sheet.append([])
    sheet.append([None, None, None, None, None, None, "far"])
    sheet.cell(row=12, column=MAX_COLUMNS + 5, value=3)  # beyond the last column read
    sheet.cell(row=13, column=2, value=-12)
    workbook.save(tmp_path / "form.xlsx")
    quick, slow = both_ways(tmp_path / "form.xlsx")
    assert quick == slow
    assert len(quick) == 10  # the empty row is not written


SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>year</t></is></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> value </t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t/></is></c><c r="B2" t="inlineStr"><is><r><t>X&#227; </t></r><r><rPr><b/></rPr><t>A</t></r></is></c></row>
<row r="3"><c r="A3" t="inlineStr"></c><c r="B3" t="inlineStr"><is><t>a</t><rPh sb="0" eb="1"><t>b</t></rPh></is></c></row>
<row><c r="A4" t="str"><v>text</v></c><c t="n"><v>7</v></c><c><v>8.5</v></c></row>
<row r="6" spans="1:3" ht="20" customHeight="1"><c r="A6" t="e"><v>#DIV/0!</v></c><c r="B6" t="b"><v>1</v></c><c r="C6" t="n"/></row>
<row r="7"><c r="a7"><v>1</v></c><c r="C7" t="d"><v>2025-03-01T00:00:00</v></c><c r="D7" t="n"><v>1E3</v></c></row>
<row r="8"><c r="XFD8"><v>9</v></c></row>
</sheetData></worksheet>"""


def test_cells_as_other_programs_write_them(tmp_path: Path) -> None:
    import openpyxl

    base = tmp_path / "base.xlsx"
    openpyxl.Workbook().save(base)
    form = tmp_path / "form.xlsx"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(form, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = SHEET.encode("utf-8")
            target.writestr(item, data)
    quick, slow = both_ways(form)
    assert quick == slow
    assert [number for number, _ in quick] == [1, 2, 3, 4, 6, 7, 8]
    assert quick[1][1][:2] == ["", "Xã A"]
