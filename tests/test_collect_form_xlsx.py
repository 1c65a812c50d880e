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
        quick = list(fast_rows(fast, WIDTH, _laid_out))
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


ODD_CELLS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:x="urn:other"><sheetData>
<row r="1"><c r="A1" t="str"><v>year</v></c><c r="B1" t="str"><v>value</v></c><c r="C1" t="str"><v>note</v></c></row>
<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2"><!-- a comment --><v>3.5</v></c><c r="C2" t="str"><v/></c></row>
<row r="3"><c r="A3"><x:v>5</x:v></c><c r="B3"><extLst><v>6</v></extLst></c><c r="C3"><v>7</v><v>8</v></c></row>
<row r="4"><c r="C4" t="str"><v>last</v></c><c r="A4"><v>-1</v></c><c r="C4"><v>0</v></c><c r="E4" t="str"><v>  </v></c></row>
<row r="5"><c r="A5"><f>A4*2</f></c><c r="B5" t="str"><v></v></c><c r="BM5"><v>1</v></c></row>
<row r="6"><c r="A6"/><c r="BN6"><v>1</v></c></row>
<row r="7"><c r="A7" t="inlineStr"><v>1</v><is><t>a</t></is><is><t>b</t></is></c><c r="B7" t="inlineStr"><x:is><t>z</t></x:is></c><c r="C7" t="inlineStr"><is><t xml:space="preserve">  </t></is></c></row>
<row r="8"><c r="A8" t="inlineStr"><is/></c><c r="B8" t="inlineStr"><is><t>p</t><t>q</t></is></c></row>
</sheetData></worksheet>"""


def test_odd_value_elements_and_columns_out_of_order(tmp_path: Path) -> None:
    """A formula or a comment before the value, an empty value, a value in another
    namespace or nested deeper (not the cell's), two values, cells out of order or
    written twice, a cell at the last column read and one beyond it: as openpyxl."""
    import openpyxl

    base = tmp_path / "base.xlsx"
    openpyxl.Workbook().save(base)
    form = tmp_path / "form.xlsx"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(form, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = ODD_CELLS.encode("utf-8")
            target.writestr(item, data)
    quick, slow = both_ways(form)
    assert quick == slow
    assert quick[1][1] == [2, 3.5, None]
    assert quick[2][1] == [None, None, 7]
    assert quick[3][1] == [-1, None, 0, None, "  "]
    assert len(quick[4][1]) == WIDTH and quick[4][1][-1] == 1
    assert quick[5][1][-1] is True and len(quick[5][1]) == WIDTH + 1
    assert quick[6][1] == ["a", None, "  "]
    assert len(quick) == 8
