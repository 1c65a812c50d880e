"""A returned workbook's first sheet read quickly (lxml) gives the very rows openpyxl's
own reader gives, whatever its cells hold."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest
from conftest import Run

from pledgecli.collect.form_read import MAX_COLUMNS, _laid_out, _sheet_rows
from pledgecli.collect.form_xlsx import fast_rows, open_fast

pytest.importorskip("lxml")

WIDTH = MAX_COLUMNS + 1


Rows = list[tuple[int, list[object]]]  # (row number, cells)


def both_ways(path: Path) -> tuple[Rows, Rows]:
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


# -- the usual rows read from the sheet's bytes (collect/sheet_scan.py) -------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<worksheet xmlns="{MAIN}" xmlns:x14ac="urn:x14ac"><dimension ref="A1:E9"/><sheetData>'
)
TAIL = '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75"/></worksheet>'
USUAL_ROWS = (
    '<row r="1" spans="1:5" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c>'
    '<c r="B1" t="inlineStr"><is><t>province</t></is></c><c r="C1" t="str"><v>metric</v></c>'
    '<c r="D1" s="1" t="s"><v>1</v></c><c r="E1" t="s"><v>2</v></c></row>\n'
    '<row r="2"><c r="A2" t="n"><v>2025</v></c><c r="B2" t="s"><v>3</v></c>'
    '<c r="C2" t="inlineStr"><is><t xml:space="preserve"> coops_new </t></is></c>'
    '<c r="D2" s="1"><v>41</v></c><c r="E2" t="inlineStr"><is><t>X&#227; &amp; &lt;H&gt; &#x1EC7;</t></is></c></row>'
    '<row r="3"><c r="A3"><v>2025</v></c><c r="B3" t="s"><v>3</v></c><c r="C3" t="s"><v>4</v></c>'
    '<c r="D3" t="b"><v>1</v></c><c r="E3" s="1"/></row>'
    '<row r="4"><c r="A4"><v>2025</v></c><c r="C4" t="s"><v>4</v></c><c r="D4"><v>1.5E3</v></c>'
    '<c r="E4" t="inlineStr"><is><t/></is></c></row>'
    '<row r="5"><c r="A5"><v>2025</v></c><c r="B5" t="s"><v>3</v></c><c r="C5" t="s"><v>4</v></c>'
    '<c r="D5"><v>-0.25</v></c><c r="E5" t="str"><v></v></c></row>'
    '<row r="6"/>'
    '<row r="7"><c><v>2025</v></c><c t="s"><v>3</v></c><c t="s"><v>4</v></c><c s="1"><v>7</v></c></row>'
    '<row r="8"><c r="C8" t="s"><v>4</v></c><c r="A8"><v>2025</v></c><c r="BM8"><v>1</v></c></row>'
    '<row r="9"><c r="A9"><v>2025</v></c><c r="BN9"><v>1</v></c><c r="B9" t="b"><v>0</v></c></row>'
)


PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships"><sheets><sheet name="form" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ),
    "xl/styles.xml": (
        f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/>'
        '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
        '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/>'
        '<right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        "</cellStyles></styleSheet>"
    ),
    "xl/sharedStrings.xml": (
        f'<sst xmlns="{MAIN}" count="5" uniqueCount="5"><si><t>year</t></si><si><t>value</t>'
        "</si><si><t>note</t></si><si><t>can-tho</t></si><si><t>coops_new</t></si></sst>"
    ),
}


def workbook_with(tmp_path: Path, sheet: str | bytes, name: str = "form.xlsx") -> Path:
    """A workbook (shared texts, a style of whole numbers, 1, and one of dates, 2) whose
    first sheet's XML is ``sheet``."""
    form = tmp_path / name
    with zipfile.ZipFile(form, "w", zipfile.ZIP_DEFLATED) as target:
        for part, text in PARTS.items():
            target.writestr(part, text)
        target.writestr(
            "xl/worksheets/sheet1.xml", sheet.encode("utf-8") if isinstance(sheet, str) else sheet
        )
    return form


def read_with(path: Path, reader: object) -> tuple[Rows, str | None]:
    """The rows ``reader`` gives, and the error it stops with (type and text), if any."""
    fast = open_fast(path)
    assert fast is not None
    rows: Rows = []
    try:
        for row in reader(fast, WIDTH, _laid_out):  # type: ignore[operator]
            rows.append(row)
    except Exception as error:  # the very error lxml gives, whatever it is
        return rows, f"{type(error).__name__}: {error}"
    finally:
        fast.close()
    return rows, None


def test_the_usual_rows_are_read_from_the_bytes_as_lxml_and_openpyxl_read_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pledgecli.collect import form_xlsx

    form = workbook_with(tmp_path, HEAD + USUAL_ROWS + TAIL)
    slow, error = read_with(form, form_xlsx.lxml_rows)
    assert error is None
    calls: list[int] = []
    real = form_xlsx.lxml_rows

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(form_xlsx, "lxml_rows", counted)
    quick, error = read_with(form, form_xlsx.fast_rows)
    assert error is None
    assert calls == []  # every row read from the bytes
    assert quick == slow
    _quick, openpyxl_rows = both_ways(form)
    assert quick == openpyxl_rows
    assert quick[1] == (2, [2025, "can-tho", " coops_new ", 41, "Xã & <H> ệ"])
    assert quick[2] == (3, [2025, "can-tho", "coops_new", True, None])
    assert quick[3] == (4, [2025, None, "coops_new", 1500.0, ""])
    assert quick[4] == (5, [2025, "can-tho", "coops_new", -0.25, None])
    assert quick[5] == (6, [])
    assert quick[6] == (7, [2025, "can-tho", "coops_new", 7])
    assert quick[7][1][:3] == [2025, None, "coops_new"] and len(quick[7][1]) == WIDTH
    assert quick[8][1][-1] is True and quick[8][1][1] is False


ODD = [
    '<row r="2"><c r="A2" s="2"><v>45000</v></c></row>',  # a date
    '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c></row>',  # a formula
    '<row r="2"><c r="A2" t="e"><v>#N/A</v></c></row>',  # an error
    '<row r="2"><c r="A2" t="d"><v>2025-01-01</v></c></row>',
    '<row r="2"><c r="A2"><v> 12 </v></c></row>',  # openpyxl refuses it: the same error
    '<row r="2"><c r="A2" t="s"><v>99</v></c></row>',  # no such shared text
    '<row r="2"><c r="A2" t="b"><v>yes</v></c></row>',
    '<row r="2"><c r="A2" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row>',
    '<row r="2"><c r="A2" t="str"><v>a&foo;b</v></c></row>',  # an unknown entity
    '<row r="2"><c r="A2" t="str"><v>&#0;</v></c></row>',  # a character XML refuses
    '<row r="2"><c r="A2" t="str"><v>a]]>b</v></c></row>',
    '<row r="2"><c r="A2" t="str"><v>a\r\nb</v></c></row>',  # a parser changes it to \n
    '<row r="2"><c r="A2" t="str"><v><![CDATA[x<y]]></v></c></row>',
    '<row r="2"><!-- a note --><c r="A2"><v>1</v></c></row>',
    '<row r="2" r="3"><c r="A2"><v>1</v></c></row>',  # an attribute twice
    '<row r="2" y:z="1"><c r="A2"><v>1</v></c></row>',  # an undeclared prefix
    '<row r="2"><c r="A2"><v>1</v></c>',  # a row never closed
    '<row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>1</c></row>',
    '<row r="2"><c r="A2"><v>1</v></c></row></sheetData><sheetData><row r="9"><c r="A9"><v>9</v></c></row>',
    '<row r="2"><c r="A2"><v>1</v></c></row></worksheet>',  # sheetData never closed
]


@pytest.mark.parametrize("odd", ODD)
def test_a_sheet_not_of_the_usual_shape_reads_as_lxml_reads_it(tmp_path: Path, odd: str) -> None:
    """From the first odd row (a date, a formula, an error, rich text, an unknown entity,
    broken XML...), lxml reads on: the rows before, the values and the error are its own."""
    from pledgecli.collect import form_xlsx

    usual = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    form = workbook_with(tmp_path, HEAD + usual + odd + TAIL)
    assert read_with(form, form_xlsx.fast_rows) == read_with(form, form_xlsx.lxml_rows)


@pytest.mark.parametrize("cut", [0, 40, 300, 700, -120, -40, -5])
def test_a_truncated_or_damaged_sheet_fails_as_lxml_fails(tmp_path: Path, cut: int) -> None:
    from pledgecli.collect import form_xlsx

    sheet = (HEAD + USUAL_ROWS + TAIL).encode("utf-8")
    form = workbook_with(
        tmp_path, sheet[:cut] if cut else sheet.replace(b'<row r="4">', b'<row r="4"\x00>')
    )
    assert read_with(form, form_xlsx.fast_rows) == read_with(form, form_xlsx.lxml_rows)


def test_many_rows_are_given_in_order_across_the_pieces_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are read a piece of the sheet at a time and held back until what follows is
    known to be usual: small pieces, the same rows; an odd row far down, the same rows
    before it and the same error."""
    from pledgecli.collect import form_xlsx, sheet_scan

    monkeypatch.setattr(sheet_scan, "CHUNK", 97)
    monkeypatch.setattr(sheet_scan, "LOOKAHEAD", 500)
    rows = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}" t="s"><v>{n % 5}</v></c></row>'
        for n in range(1, 400)
    )
    form = workbook_with(tmp_path, HEAD + rows + TAIL)
    quick = read_with(form, form_xlsx.fast_rows)
    assert quick == read_with(form, form_xlsx.lxml_rows)
    assert len(quick[0]) == 399 and quick[1] is None
    broken = workbook_with(
        tmp_path, HEAD + rows + '<row r="400"><c><v>1</v></row>' + TAIL, "b.xlsx"
    )
    assert read_with(broken, form_xlsx.fast_rows) == read_with(broken, form_xlsx.lxml_rows)


def test_a_workbook_whose_sheet_is_damaged_inside_the_archive_is_refused_plainly(
    tmp_path: Path, run: Run, bundled: Path
) -> None:
    # Bytes garbled inside the sheet's compressed data (a bad copy, a broken USB stick):
    # a message naming the file and exit 2, never an internal error.
    form = tmp_path / "form.xlsx"
    code, out, err = run(
        ["template", "2021", "--data", str(bundled), "--format", "xlsx", "-o", str(form)]
    )
    assert code == 0, out + err
    with zipfile.ZipFile(form) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(form.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 40, start + 200):
        data[i] ^= 0x5A
    form.write_bytes(bytes(data))
    code, out, err = run(["import", str(form), "--data", str(bundled), "--dry-run"])
    assert code == 2
    assert f"cannot read {form} as an Excel workbook" in err
    assert "internal error" not in out + err
