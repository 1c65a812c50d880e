"""The long sheets keep what they write of a figure with the figure (``Book.figure``: its
decimals, its number's text, each sheet's cells for the status they were made for) and
write rows of Vietnamese text as their UTF-8 bytes read as Latin-1 (``wire_row``): the
sheets must be those written cell by cell, in Unicode, for every figure (on the
threshold, zero, negative, huge, decimals, yes/no, no data) whatever its status, in
English and Vietnamese."""

from __future__ import annotations

import io
import random
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import EDGE_FIGURES
from test_scale import YEAR
from test_xlsx_rows import EDGES, edged, outcome_of, sheets

from pledgecli.evaluate import Result
from pledgecli.render import (
    xlsx_figures,
    xlsx_results,
    xlsx_review,
    xlsx_sheets,
    xlsx_stream,
    xlsx_writer,
)
from pledgecli.render.json import json_number
from pledgecli.render.xlsx_formats import fraction_digits, result_digits
from pledgecli.render.xlsx_writer import Book, StreamSheet

F = Fraction


def _pairs() -> list[tuple[Fraction, Fraction]]:
    pairs = [
        (a, t)
        for a, t in [*EDGE_FIGURES, *EDGES]
        if isinstance(a, Fraction) and isinstance(t, Fraction)
    ]
    rng = random.Random(12)
    for _ in range(400):
        threshold = F(rng.randrange(-50, 2000), rng.choice([1, 2, 3, 8, 10, 100, 1000]))
        near = threshold + F(rng.randrange(-3, 4), 10 ** rng.randrange(0, 12))
        pairs.append((near, threshold))
        pairs.append((F(rng.randrange(0, 10**6), rng.randrange(1, 10**4)), threshold))
    pairs.append((F(10**30), F(10**30 - 1)))  # huge integers
    pairs.append((F(-(10**25), 3), F(0)))
    return pairs


@pytest.mark.parametrize("percent", [True, False])
def test_the_decimals_from_the_terms_are_result_digits(percent: bool) -> None:
    target = SimpleNamespace(is_percent=percent)
    for actual, threshold in _pairs():
        result = SimpleNamespace(target=target, actual=actual, threshold=threshold)
        terms = (*actual.as_integer_ratio(), *threshold.as_integer_ratio())
        expected = result_digits(result)  # type: ignore[arg-type]
        assert fraction_digits(result, *terms) == expected, (actual, threshold)  # type: ignore[arg-type]


def test_a_figures_text_is_its_json_number() -> None:
    for actual, _threshold in [*_pairs(), (F(10**400), F(1)), (F(-(10**400), 3), F(1))]:
        figure = xlsx_figures.Figure(0, *actual.as_integer_ratio())
        assert figure.text == repr(json_number(actual)), actual


def test_the_book_keeps_a_figure_per_target_figure_and_threshold(bundled: Path) -> None:
    outcome = outcome_of(bundled, 2021)
    targets = {r.target.is_percent: r.target for r in outcome.report.pledges[0].results}
    book = Book(io.BytesIO())
    for target in targets.values():
        for actual, threshold in _pairs():
            result = Result(
                target, "x", outcome.report.pledges[0].results[0].status, threshold, actual
            )
            figure = book.figure(result)
            assert figure is not None
            assert figure.digits == result_digits(result)
            assert figure.text == repr(json_number(actual))
            assert book.figure(result) is figure
    yes = Result(targets[True], "x", outcome.report.pledges[0].results[0].status, True, False)
    assert book.figure(yes) is None and book.digits(yes) == 0


def cell_by_cell(patch: pytest.MonkeyPatch) -> None:
    """Nothing kept between results (a new Figure for every one, the Results sheet's cells
    of a yes/no made for every row) nor between sheets (each asks for each result's
    figure), every row in Unicode through ``raw_row``."""

    def fresh(book: Book, result: Result) -> xlsx_figures.Figure | None:
        actual, threshold = result.actual, result.threshold
        if not (isinstance(actual, Fraction) and isinstance(threshold, Fraction)):
            return None
        terms = (*actual.as_integer_ratio(), *threshold.as_integer_ratio())
        return xlsx_figures.Figure(result_digits(result), *terms[:2])

    class Forgetful(dict[object, object]):
        def __setitem__(self, key: object, value: object) -> None:
            pass

        def get(self, key: object, default: object = None) -> object:
            return default

    made = xlsx_results._TargetCells

    def target_cells(*fields: object) -> object:
        return made(*fields[:-1], Forgetful())  # type: ignore[arg-type, call-arg]

    def unicode(text: str) -> str:
        return text

    def forget(book: Book, results: object, figures: object) -> None:
        pass

    patch.setattr(Book, "figure", fresh)
    patch.setattr(Book, "keep_figures", forget)  # the matrix, the targets not met ask again
    patch.setattr(xlsx_results, "_TargetCells", target_cells)
    patch.setattr(StreamSheet, "wire_row", StreamSheet.raw_row)
    patch.setattr(StreamSheet, "wire_rows", StreamSheet.raw_rows)
    for module in (xlsx_results, xlsx_review, xlsx_sheets):
        patch.setattr(module, "wire", unicode)


@pytest.mark.parametrize(
    ("lang", "kind", "edge"),
    [
        ("vi", "report", True),
        ("en", "report", True),
        ("vi", "check", True),
        ("vi", "report", False),
    ],
)
def test_figures_kept_and_rows_as_bytes_write_the_sheets_cell_by_cell_does(
    lang: str, kind: str, edge: bool, national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = outcome_of(national, int(YEAR), lang)
    if edge:  # the same figures with every status in turn
        outcome = edged(outcome)
    kept = sheets(outcome, kind)
    with monkeypatch.context() as patch:
        cell_by_cell(patch)
        assert sheets(outcome, kind) == kept


@pytest.mark.parametrize("kind", ["report", "check"])
def test_figures_and_cells_dropped_past_their_bounds_write_the_same_sheets(
    kind: str, national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national workbook's memo emptied again and again (figures, and each sheet's
    cells kept with them): the sheets are those written cell by cell."""
    outcome = edged(outcome_of(national, int(YEAR), "vi"))
    with monkeypatch.context() as patch:
        cell_by_cell(patch)
        expected = sheets(outcome, kind)
    monkeypatch.setattr(xlsx_writer, "FIGURES_HELD", 7)
    monkeypatch.setattr(xlsx_writer, "CELLS_HELD", 3)
    assert sheets(outcome, kind) == expected


def test_a_row_of_wire_text_is_its_unicode_row(tmp_path: Path) -> None:
    """Rows in Unicode and in wire() text, in turn and in runs longer than a piece handed to
    the thread: the sheet reads back as the Unicode rows."""
    texts = ["Cà Mau", "Cần Thơ", "Đắk Lắk", "é ê", "plain", "<&>", "Hà Nội ★"]
    rows = 12_000

    def written(wired: bool) -> bytes:
        path = tmp_path / f"{wired}.xlsx"
        book = Book(str(path))
        sheet = book.sheet("Tỉnh")
        book.header(sheet, 0, ["Tên"])
        for row in range(1, rows):
            text = xlsx_stream.escape(texts[row % len(texts)])
            cells = f'<c r="A{row + 1}" t="inlineStr"><is><t>{text}</t></is></c>'
            if wired and (row // 3000) % 2 == 0:
                sheet.wire_row(row, xlsx_stream.wire(cells), last_column=0)
            else:
                sheet.raw_row(row, cells, last_column=0)
        book.close()
        import zipfile

        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
            return archive.read("xl/worksheets/sheet1.xml")

    assert written(True) == written(False)


@pytest.mark.parametrize("length", [1, 255, 1 << 20, 50_000_001])
def test_crc32_combine_of_long_pieces(length: int) -> None:
    """The CRC of a sheet's start and its rows (tens of MB) from theirs: every bit of the
    length counts."""
    import zlib

    from pledgecli.render.xlsx_deflate import crc32_combine

    head = "Cần Thơ <sheetData>".encode()
    rows = bytes(range(256)) * (length // 256) + b"\x07" * (length % 256)
    assert crc32_combine(zlib.crc32(head), zlib.crc32(rows), len(rows)) == zlib.crc32(head + rows)
