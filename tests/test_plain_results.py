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
