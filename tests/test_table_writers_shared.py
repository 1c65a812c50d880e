"""Markdown and HTML tables write a cell shared by many rows (a report's figures, made once
per distinct figure) once, by its identity: the same text as a table whose every cell is
an object of its own, whatever the memo holds (emptied when full), with texts to escape."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pledgecli.evaluate import Status
from pledgecli.render import document
from pledgecli.render.document import Cell, Column, Rows, TableBlock, to_markdown
from pledgecli.render.html_page import to_html

SHARED = [
    Cell("39,7", None, Status.MET),
    Cell("30", None, Status.MISSED),
    Cell("không có số liệu", None, Status.NO_DATA),
    Cell(""),
    Cell("a | b *c* <d>", None, Status.MET),  # escaped differently in each format
    Cell("x\x1b[31m\ny"),  # controls written visibly
    Cell("12", 12),
]


def table(rows: list[tuple[Cell, ...]]) -> TableBlock:
    columns = (
        Column("province", "Tỉnh"),
        Column("t1", "T1"),
        Column("t2", "T2", numeric=True),
        Column("met", "Đạt", numeric=True),
    )
    return TableBlock(columns, Rows(len(rows), lambda: iter(rows)))


def shared_rows() -> list[tuple[Cell, ...]]:
    """Rows made of the same few cell objects in every column, and a name per row."""
    return [
        (
            Cell(f"Xã {index:05d}"),
            SHARED[index % len(SHARED)],
            SHARED[(index * 3 + 1) % len(SHARED)],
            SHARED[(index // 2) % len(SHARED)],
        )
        for index in range(500)
    ]


@pytest.mark.parametrize("held", [document.CELLS_HELD, 3, 1])
def test_shared_cells_write_as_cells_of_their_own(
    held: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pledgecli.render import html_page

    monkeypatch.setattr(document, "CELLS_HELD", held)
    monkeypatch.setattr(html_page, "CELLS_HELD", held)
    rows = shared_rows()
    alone = [tuple(replace(cell) for cell in row) for row in rows]  # every cell a new object
    pairs = zip(rows, alone, strict=True)
    assert all(a is not b for row, copy in pairs for a, b in zip(row, copy, strict=True))
    shared_md, alone_md = to_markdown([table(rows)]), to_markdown([table(alone)])
    assert shared_md == alone_md
    assert "a \\| b \\*c\\* \\<d\\>" in shared_md and "✗ 30" in shared_md
    shared_html = to_html([table(rows)], "t", "vi")
    assert shared_html == to_html([table(alone)], "t", "vi")
    assert '<td class="num met">✓ a | b *c* &lt;d&gt;</td>' in shared_html
    assert "x\\x1b[31m\\ny" in shared_html


def _row_by_row(block: TableBlock) -> str:
    """The body of an HTML table written the plain way: each row, each cell, anew."""
    import html

    from pledgecli.safe_text import visible

    body = []
    for row in block.rows:
        cells = []
        for column, cell in zip(block.columns, row, strict=True):
            classes = " ".join(c for c in ("num" if column.numeric else "", cell.status or "") if c)
            tag = f'<td class="{classes}">' if classes else "<td>"
            cells.append(f"{tag}{html.escape(visible(cell.shown()))}</td>")
        body.append("\n<tr>" + "".join(cells) + "</tr>")
    return "<tbody>" + "".join(body) + "\n</tbody>"


@pytest.mark.parametrize("at_once", [256, 7, 1])
@pytest.mark.parametrize("held", [document.CELLS_HELD, 2])
def test_rows_written_column_by_column_as_row_by_row(
    at_once: int, held: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows written a batch at a time, column by column (the row's tags in its first and
    last cells), are the rows written one by one: the same cell in a text and a numeric
    column, a batch's last rows fewer than the rest, one column, no row."""
    from pledgecli.render import html_page

    monkeypatch.setattr(html_page, "ROWS_AT_ONCE", at_once)
    monkeypatch.setattr(html_page, "CELLS_HELD", held)
    rows = shared_rows()[:300]
    one = TableBlock((Column("only", "Chỉ", numeric=True),), [(row[1],) for row in rows])
    for block in (table(rows), one, table([])):
        page = to_html([block], "t", "vi")
        assert page[page.index("<tbody>") : page.index("</tbody>") + 8] == _row_by_row(block)
