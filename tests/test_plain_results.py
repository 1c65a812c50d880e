"""The scorecard's tables of results are written without Rich when they need none of its
layout (``pledge check``'s table): the reader must see the same bytes either way, at any
width, in both languages, with or without marks a console cannot show."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pledgecli.evaluate import Status
from pledgecli.i18n import language, set_language
from pledgecli.outcomes import Report
from pledgecli.render import table
from pledgecli.render.grid import MARKS, Cell, Row
from pledgecli.render.plain_results import plain_results
from pledgecli.service import CheckRequest, run_check

SCORING = Path(__file__).parent / "fixtures" / "scoring"


def written(
    report: Report, width: int, encoding: str, monkeypatch: pytest.MonkeyPatch, *, plain: bool
) -> str:
    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="backslashreplace")
    console = Console(file=out, highlight=False, markup=False, emoji=False, width=width)
    with monkeypatch.context() as patch:
        if not plain:
            patch.setattr(table, "plain_results", lambda *args: None)
        table.render(report, console)
    out.flush()
    buffer = out.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode(encoding)


@pytest.mark.parametrize(
    ("data", "year"), [(BUNDLED, 2021), (BUNDLED, 2022), (BUNDLED, 2025), (SCORING, 2025)]
)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_scorecard_is_written_as_rich_writes_it(
    data: Path, year: int, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = language()
    set_language(lang)
    taken: list[str] = []

    def counted(*args: Any) -> str | None:
        text = plain_results(*args)
        if text is not None:
            taken.append(text)
        return text

    try:
        report = run_check(CheckRequest(year, data)).report
        for width in (30, 50, 72, 80, 100, 160):
            for encoding in ("utf-8", "ascii"):
                with monkeypatch.context() as patch:
                    patch.setattr(table, "plain_results", counted)
                    fast = written(report, width, encoding, monkeypatch, plain=True)
                slow = written(report, width, encoding, monkeypatch, plain=False)
                assert fast == slow, (width, encoding)
    finally:
        set_language(before)
    assert taken  # the fast path was taken, at least at the usual widths


@pytest.mark.parametrize("length", range(18, 30))
def test_a_name_rich_would_fold_is_left_to_rich(length: int) -> None:
    # the province column is at most 24 cells wide: a longer name is Rich's to fold
    name = ("Thành phố Hồ Chí Minh mới " * 2)[:length].strip() or "x"
    grid = [
        Row(name, (Cell(Status.MET, "12"), Cell(None, "")), "1/2", score="50"),
        Row("An Giang", (Cell(Status.MISSED, "3,5%"), Cell(Status.NO_DATA, "thiếu")), "0/2"),
    ]
    headers = ["Province", "T1", "T2", "Met", "Score"]
    rich_table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False, expand=False)
    rich_table.add_column(headers[0], overflow="fold", max_width=24)
    rich_table.add_column("T1", no_wrap=True)
    rich_table.add_column("T2", no_wrap=True)
    rich_table.add_column("Met", justify="right")
    rich_table.add_column("Score", justify="right")
    for row in grid:
        cells = [Text("" if c.status is None else f"{MARKS[c.status]} {c.text}") for c in row.cells]
        rich_table.add_row(Text(row.label), *cells, Text(row.met), Text(row.score))
    out = io.StringIO()
    Console(file=out, highlight=False, markup=False, emoji=False, width=80).print(rich_table)
    entries: Any = [type("Entry", (), {"label": h})() for h in headers[1:3]]
    fast = plain_results(grid, entries, [0, 1], True, MARKS, 80)
    assert fast is None or fast == out.getvalue()
    assert (fast is None) == (len(name) > 22)


def rich_page(report: Report, width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    """What Rich alone writes for ``pledge check``'s table at ``width``."""
    out = io.StringIO()
    console = Console(file=out, highlight=False, markup=False, emoji=False, width=width)
    with monkeypatch.context() as patch:
        patch.setattr(table, "plain_results", lambda *args: None)
        table.render(report, console)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "year"), [(BUNDLED, 2021), (BUNDLED, 2022), (BUNDLED, 2025), (SCORING, 2025)]
)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_whole_page_is_written_as_rich_writes_it(
    data: Path, year: int, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # title, tables of results, legend, notes of assembled and missing figures, summary:
    # at every width either the same bytes as Rich or left to Rich
    from pledgecli.render.plain_scorecard import page_text

    before = language()
    set_language(lang)
    written = 0
    try:
        report = run_check(CheckRequest(year, data)).report
        for width in (*range(20, 130, 7), 80, 160, 200):
            fast = page_text(report, width)
            if fast is not None:
                assert fast == rich_page(report, width, monkeypatch), width
                written += 1
    finally:
        set_language(before)
    assert written  # taken at the usual widths


def test_rich_writes_when_it_would_colour_or_size_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pledgecli.render.formats import Page
    from pledgecli.render.plain_scorecard import RICH_SETTINGS, console_width, plain_page

    report = run_check(CheckRequest(2021, BUNDLED)).report
    page = Page("check", "table", report)
    for name in RICH_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    assert console_width() == Console(file=io.StringIO()).width
    assert plain_page(page, io.StringIO()) is not None
    for name in RICH_SETTINGS:
        with monkeypatch.context() as patch:
            patch.setenv(name, "120")
            assert plain_page(page, io.StringIO()) is None

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert plain_page(page, Terminal()) is None
    ascii_file = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    assert plain_page(page, ascii_file) is None
    one = Page("check", "table", run_check(CheckRequest(2021, BUNDLED, province="can-tho")).report)
    assert plain_page(one, io.StringIO()) is None  # one province's detail: Rich's


def test_text_is_wrapped_as_rich_wraps_it() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from pledgecli.render.plain_scorecard import grid_text, text_lines

    words = st.text(st.sampled_from([*"ab xyz019.,%+-()≥✓ĐđơưẠạỳ  ", "界", "\n"]), max_size=90)

    @settings(max_examples=300, deadline=None)
    @given(text=words, width=st.integers(12, 100), label=st.sampled_from(["T1", "T10", ""]))
    def check(text: str, width: int, label: str) -> None:
        out = io.StringIO()
        console = Console(file=out, highlight=False, markup=False, emoji=False, width=width)
        console.print(Text(text))
        assert text_lines(text, width) == out.getvalue()
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row(label, Text(text))
        grid.add_row("T2", Text("x"))
        out = io.StringIO()
        Console(file=out, highlight=False, markup=False, emoji=False, width=width).print(grid)
        fast = grid_text([(label, text), ("T2", "x")], width, gap=1)
        assert fast is None or fast == out.getvalue()

    check()
