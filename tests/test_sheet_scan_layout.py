"""The pattern of a usual row (``sheet_scan._RowReader._layout``, written for speed) reads
every cell exactly as the plain pattern of the same row reads it, and the rows it reads
are those lxml reads: empty cells, numbers written as text ("12.900"), yes/no, shared and
inline texts, Vietnamese, a cell placed in another row, a formula."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from test_collect_form_xlsx import HEAD, TAIL, read_with, workbook_with

from pledgecli.collect import sheet_scan

pytest.importorskip("lxml")

# Each way a cell may be written (its bytes after its place), usual or not.
RESTS = [
    b"/>",
    b' s="1"/>',
    b"></c>",
    b"><v>2025</v></c>",
    b' t="n"><v>41</v></c>',
    b' s="1" t="n"><v>12.900</v></c>',
    b"><v>-0.25</v></c>",
    b"><v>1.5E3</v></c>",
    b"><v></v></c>",
    b' t="s"><v>3</v></c>',
    b' t="s"><v>4</v></c>',
    b' t="b"><v>1</v></c>',
    b' t="b"><v>0</v></c>',
    b' t="str"><v>C\xc3\xb3</v></c>',  # "Có"
    b' t="str"><v>Kh\xc3\xb4ng</v></c>',  # "Không"
    b' t="str"><v>12.900</v></c>',
    b' t="inlineStr"><is><t>X&#227; Th&#7917; Nghi&#7879;m</t></is></c>',
    b' t="inlineStr"><is><t xml:space="preserve"> 12.900 </t></is></c>',
    b' t="inlineStr"><is><t/></is></c>',
    b' t="inlineStr"><is><t xml:space="preserve"/></is></c>',
    b' t="inlineStr"></c>',
    b' t="inlineStr"/>',
    b' s="2" t="inlineStr"><is><t>a &amp; b</t></is></c>',
    b' t="e"><v>#N/A</v></c>',  # not usual: lxml reads it
    b"><f>1+1</f><v>2</v></c>",  # a formula: not usual either
    b' t="s"><v>3</v></c >',
    b' t="st"><v>x</v></c>',
    b' t="inlineStr"><is><t xml:space="default">x</t></is></c>',
]


def plain_layout(laid: int) -> re.Pattern[bytes]:
    """The pattern of a usual row as first written: each cell optional, its place any
    digits, its kind and value as ``_KIND`` and ``_VALUE`` say."""
    letters = "ABCDEFGHIJ"
    cells = b"".join(
        b'(?:<c r="' + letters[n].encode() + b'[0-9]+"(' + sheet_scan._KIND + sheet_scan._VALUE + b"))?"
        for n in range(laid)
    )
    row = b'<row r="([0-9]+)"(' + sheet_scan._ATTRIBUTES + b")>" + cells + b"</row>"
    return re.compile(row + b"|" + sheet_scan._ROWS.pattern, re.DOTALL)


def fast_layout(laid: int) -> re.Pattern[bytes]:
    reader = sheet_scan._RowReader(laid, [], set(), frozenset())
    return re.compile(reader._layout(laid) + b"|" + sheet_scan._ROWS.pattern, re.DOTALL)


def test_the_fast_pattern_of_a_row_reads_each_cell_as_the_plain_one() -> None:
    """Rows of three cells, each written every way (or left out): both patterns match the
    same rows and give the same parts (a cell placed in its own row)."""
    plain, fast = plain_layout(3), fast_layout(3)
    rows = []
    for number, rests in enumerate(itertools.product([None, *RESTS], repeat=3), start=1):
        cells = b"".join(
            b'<c r="' + letter + str(number).encode() + b'"' + rest
            for letter, rest in zip((b"A", b"B", b"C"), rests, strict=True)
            if rest is not None
        )
        rows.append(b'<row r="%d">' % number + cells + b"</row>")
    for row in rows:
        assert fast.findall(row) == plain.findall(row), row
    whole = b"\n".join(rows)
    assert fast.findall(whole) == plain.findall(whole)


def sheet(rows: list[str]) -> str:
    return HEAD + "".join(rows) + TAIL


def usual_row(number: int) -> str:
    return (
        f'<row r="{number}"><c r="A{number}"><v>2025</v></c><c r="B{number}" t="s"><v>3</v></c>'
        f'<c r="C{number}" t="inlineStr"><is><t>X&#227; {number}</t></is></c>'
        f'<c r="D{number}" t="n"><v>{number}.5</v></c></row>'
    )


@pytest.mark.parametrize(
    "odd",
    [
        '<row r="{n}"><c r="A{n}" t="str"><v>C\u00f3</v></c><c r="D{n}" t="str"><v>Kh\u00f4ng</v></c></row>',
        '<row r="{n}"><c r="A{n}" t="str"><v>12.900</v></c><c r="B{n}"/><c r="C{n}" s="1"/></row>',
        '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t xml:space="preserve"> 12.900 </t></is></c></row>',
        '<row r="{n}"><c r="A{n}" t="b"><v>1</v></c><c r="B{n}" t="b"><v>0</v></c></row>',
        '<row r="{n}"><c r="A9"><v>1</v></c><c r="B{n}" t="s"><v>4</v></c></row>',  # placed elsewhere
        '<row r="{n}"><c r="B{n}" t="s"><v>4</v></c><c r="A{n}"><v>1</v></c></row>',  # out of order
        '<row r="{n}"><c r="A{n}"><v>1</v></c><c r="F{n}"><v>2</v></c></row>',  # beyond the layout
        '<row r="{n}"><c r="A{n}"><f>1+1</f><v>2</v></c></row>',  # a formula: lxml reads on
        '<row r="{n}"><c r="A{n}" s="2"><v>45000</v></c></row>',  # a date: lxml reads on
        '<row r="{n}"><c r="A{n}" t="s"><v>99</v></c></row>',  # no such text: lxml says so
    ],
)
def test_rows_after_the_layout_is_known_read_as_lxml_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, odd: str
) -> None:
    """Pieces small enough that most rows are read with the pattern of the usual row; an
    unusual one among them: the same rows, values and error as lxml's."""
    from pledgecli.collect import form_xlsx

    monkeypatch.setattr(sheet_scan, "CHUNK", 301)
    monkeypatch.setattr(sheet_scan, "LOOKAHEAD", 700)
    rows = [usual_row(n) for n in range(1, 600)]
    rows.insert(500, odd.format(n=501))
    form = workbook_with(tmp_path, sheet(rows))
    quick = read_with(form, form_xlsx.fast_rows)
    assert quick == read_with(form, form_xlsx.lxml_rows)


def layouts_used(monkeypatch: pytest.MonkeyPatch, method: str) -> list[int | None]:
    """The layout (``laid``) each call of the row reader's ``method`` had, in order."""
    laid: list[int | None] = []
    real = getattr(sheet_scan._RowReader, method)

    def spied(self: sheet_scan._RowReader, region: bytes) -> object:
        laid.append(self.laid)
        return real(self, region)

    monkeypatch.setattr(sheet_scan._RowReader, method, spied)
    return laid


def test_usual_rows_are_read_from_the_bytes_with_the_pattern_of_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pledgecli.collect import form_xlsx

    form = workbook_with(tmp_path, sheet([usual_row(n) for n in range(1, 600)]))
    slow = read_with(form, form_xlsx.lxml_rows)
    monkeypatch.setattr(sheet_scan, "CHUNK", 301)
    monkeypatch.setattr(sheet_scan, "LOOKAHEAD", 700)
    laid = layouts_used(monkeypatch, "__call__")
    monkeypatch.setattr(form_xlsx, "lxml_rows", None)  # never asked
    quick = read_with(form, form_xlsx.fast_rows)
    assert quick == slow
    assert quick[0][5] == (6, [2025, "can-tho", "X\u00e3 6", 6.5])
    assert laid[0] is None and laid[-1] == 4  # most rows read with the row's pattern


ODD_ROWS = [
    '<row r="{n}"><c r="A{n}" t="str"><v>C\u00f3</v></c><c r="D{n}" t="str"><v>Kh\u00f4ng</v></c></row>',
    '<row r="{n}"><c r="A{n}"><v>1</v></c><c r="F{n}"><v>2</v></c></row>',  # beyond the layout
    '<row r="{n}"><c r="A9"><v>1</v></c><c r="B{n}" t="s"><v>4</v></c></row>',  # placed elsewhere
    '<row r="{n}"><c r="A{n}"><f>1+1</f><v>2</v></c></row>',  # a formula: lxml reads on
    '<row r="{n}"><c r="A{n}" s="2"><v>45000</v></c></row>',  # a date: lxml reads on
    '<row r="{n}"><!-- <row r="{n}"> --></row>',  # a comment holding a row's start
]


@pytest.mark.parametrize("at", [1, 2, 3, 4, 5, 40, 300])
@pytest.mark.parametrize("odd", ODD_ROWS)
def test_the_first_stretch_read_in_two_reads_as_lxml_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, odd: str, at: int
) -> None:
    """The first stretch of the sheet, past ``FIRST_ROWS_BYTES``, is read in two pieces
    (cut where a row starts: the layout is learnt from the first): an unusual row in the
    first piece, at the cut, or after it, gives the same rows, values and error as lxml."""
    from pledgecli.collect import form_xlsx

    monkeypatch.setattr(sheet_scan, "FIRST_ROWS_BYTES", 400)  # three usual rows and a bit
    rows = [usual_row(n) for n in range(1, 400)]
    rows.insert(at, odd.format(n=at + 1))
    form = workbook_with(tmp_path, sheet(rows))
    assert read_with(form, form_xlsx.fast_rows) == read_with(form, form_xlsx.lxml_rows)


def test_the_layout_is_learnt_from_the_first_rows_of_the_first_stretch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One stretch (the whole sheet): its first rows tell the layout, and the rest of it
    is read with the row's pattern; rows wider than the first ones are read all the
    same, by the pattern of any row."""
    from pledgecli.collect import form_xlsx

    monkeypatch.setattr(sheet_scan, "FIRST_ROWS_BYTES", 400)
    narrow = [
        f'<row r="{n}"><c r="A{n}"><v>2025</v></c><c r="B{n}" t="s"><v>3</v></c></row>'
        for n in range(1, 8)
    ]
    form = workbook_with(tmp_path, sheet(narrow + [usual_row(n) for n in range(8, 300)]))
    slow = read_with(form, form_xlsx.lxml_rows)
    learnt = layouts_used(monkeypatch, "read")
    monkeypatch.setattr(form_xlsx, "lxml_rows", None)  # never asked
    quick = read_with(form, form_xlsx.fast_rows)
    assert quick == slow
    assert quick[0][1] == (2, [2025, "can-tho"]) and quick[0][9] == (10, [2025, "can-tho", "X\u00e3 10", 10.5])
    assert learnt == [None, 2]  # the first rows, then the rest of the stretch at once
