"""The tables of history, rank and totals are written without Rich when they need none of
its layout; a reader (and a script diffing yesterday's output) must see the same bytes
either way. Each case writes the blocks once through the fast path and once through
Rich alone, and compares."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from pledgecli.evaluate import Status
from pledgecli.render import document
from pledgecli.render.document import Bullets, Cell, Column, Heading, TableBlock, to_rich

TEXT = st.text(
    st.sampled_from([*"abc xyz019.,%+-()≥≤✓✗–‡ĐđơưẠạỳ[]:\\", "\t", "é", "界", "\u200b"]),
    max_size=30,
)


def both(blocks: list[document.Block], width: int, monkeypatch_plain: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, highlight=False, width=width)
    if monkeypatch_plain:
        to_rich(blocks, console)
    else:
        original = document._plain
        document._plain = lambda *args: None
        try:
            to_rich(blocks, console)
        finally:
            document._plain = original
    return out.getvalue()


def assert_same(blocks: list[document.Block], width: int = 80) -> None:
    assert both(blocks, width, True) == both(blocks, width, False)


@settings(max_examples=300, deadline=None)
@given(
    headers=st.lists(TEXT, min_size=1, max_size=5),
    data=st.data(),
    width=st.integers(10, 120),
)
def test_any_table_is_written_as_rich_writes_it(
    headers: list[str], data: st.DataObject, width: int
) -> None:
    numeric = data.draw(st.lists(st.booleans(), min_size=len(headers), max_size=len(headers)))
    rows = data.draw(
        st.lists(st.lists(TEXT, min_size=len(headers), max_size=len(headers)), max_size=6)
    )
    statuses = data.draw(st.sampled_from([None, Status.MET, Status.MISSED]))
    columns = tuple(
        Column(f"k{i}", h, n) for i, (h, n) in enumerate(zip(headers, numeric, strict=True))
    )
    body = tuple(
        tuple(Cell(text, None, statuses if i == 0 else None) for i, text in enumerate(r))
        for r in rows
    )
    notes = tuple(data.draw(st.lists(TEXT, max_size=2)))
    heading = Heading(data.draw(TEXT))
    blocks: list[document.Block] = [heading, TableBlock(columns, body, notes=notes), heading]
    assert_same(blocks, width)


def test_a_province_history_is_written_as_rich_writes_it() -> None:
    columns = (Column("target", "Target"), Column("2021", "2021"), Column("trend", "Trend"))
    body = (
        (Cell("new-coops", "new-coops"), Cell("24 (≥ 20)", 24, Status.MET), Cell("▁█ ↑")),
        (Cell("support-fund", "x"), Cell("", None), Cell("")),
        (Cell("members-growth", "y"), Cell("+6.5% (≥ +8%)", 1, Status.MISSED), Cell("")),
    )
    blocks: list[document.Block] = [
        Heading("Cần Thơ"),
        TableBlock(columns, body),
        Bullets(("new-coops (as worded in 2021): " + "words " * 30,)),
    ]
    for width in (20, 40, 80, 200):
        assert_same(blocks, width)
    # and numeric columns, as in rank and totals
    numeric = (Column("rank", "#", True), Column("name", "Tỉnh"), Column("score", "Điểm", True))
    rows = ((Cell("1"), Cell("An Giang"), Cell("98.5")), (Cell("10"), Cell("Cà Mau"), Cell("7")))
    assert_same([TableBlock(numeric, rows)])


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.sampled_from(
            [*"ab9 .,%✓✗≥‡ĐđơưẠạỳé", "界", "\u200b", "\u200d", "\ufe0f", "\u0301", "👍", "\u00ad"]
        ),
        max_size=20,
    )
)
def test_a_cell_is_as_wide_as_rich_measures_it(text: str) -> None:
    """Text of characters Rich measured one cell wide is measured without Rich; wide,
    zero-width and joined characters still by Rich."""
    from rich.cells import cell_len

    from pledgecli.render.plain_table import _width

    assert _width(text) == cell_len(text)


def test_a_console_that_is_not_utf8_gets_rich_s_ascii_table() -> None:
    # Rich draws | and - where a UTF-8 console gets spaces and ─: the fast path declines
    import io as _io

    block = TableBlock(
        columns=(Column("a", "Name"), Column("b", "N", True)),
        rows=((Cell("Can Tho"), Cell("3")), (Cell("Ha Noi"), Cell("12"))),
    )

    def written(plain: bool) -> str:
        out = _io.TextIOWrapper(_io.BytesIO(), encoding="ascii", errors="replace")
        console = Console(file=out, highlight=False, width=80)
        original = document._plain
        if not plain:
            document._plain = lambda *args: None
        try:
            to_rich([block], console)
        finally:
            document._plain = original
        out.flush()
        buffer = out.buffer
        assert isinstance(buffer, _io.BytesIO)
        return buffer.getvalue().decode("ascii")

    assert written(True) == written(False)
    assert "|" in written(True)
