"""A workbook's decimals of each figure, kept per figure (render/xlsx_writer.py
``Book.digits``), are those ``result_digits`` works out for each result: on the threshold,
either side of it, zero, negative, decimals, yes/no, no data; the same figure of a
percentage and of a count never mixed up; and the same after the memo is full."""

from __future__ import annotations

import io
from fractions import Fraction
from types import SimpleNamespace

import pytest
from conftest import BUNDLED

from pledgecli.render import xlsx_writer
from pledgecli.render.xlsx_formats import result_digits
from pledgecli.service import CheckRequest, run_check

F = Fraction

FIGURES: list[tuple[Fraction | bool | None, Fraction | bool]] = [
    (F(6, 10), F(6, 10)),  # exactly on the threshold
    (F(599999, 1000000), F(6, 10)),
    (F(600001, 1000000), F(6, 10)),
    (F(0), F(6, 10)),
    (F(0), F(0)),
    (F(-1, 200), F(1, 10)),
    (F(2345, 1000), F(2)),
    (F(7, 2), F(3)),
    (F(1, 3), F(1, 3)),
    (F(12), F(10)),
    (True, True),
    (False, True),
    (None, F(1, 2)),
]


@pytest.mark.parametrize("held", [xlsx_writer.FIGURES_HELD, 2])
def test_each_figure_has_the_decimals_result_digits_gives(
    held: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_writer, "FIGURES_HELD", held)
    book = xlsx_writer.Book(io.BytesIO())
    percent = SimpleNamespace(is_percent=True)
    count = SimpleNamespace(is_percent=False)
    for _round in range(2):  # asked again: from the memo
        for target in (percent, count):
            for actual, threshold in FIGURES:
                result = SimpleNamespace(target=target, actual=actual, threshold=threshold)
                expected = result_digits(result)  # type: ignore[arg-type]
                assert book.digits(result) == expected  # type: ignore[arg-type]
    assert len(book._by_figures) <= held
    on = SimpleNamespace(target=percent, actual=F(6, 10), threshold=F(6, 10))
    near = SimpleNamespace(target=percent, actual=F(599999, 1000000), threshold=F(6, 10))
    assert book.digits(on) == 1 and book.digits(near) == 4  # type: ignore[arg-type]


def test_every_bundled_result_has_the_decimals_result_digits_gives() -> None:
    book = xlsx_writer.Book(io.BytesIO())
    for year in (2021, 2022, 2025):
        report = run_check(CheckRequest(year, BUNDLED)).report
        for pledge in report.pledges:
            for result in pledge.results:
                assert book.digits(result) == result_digits(result)
