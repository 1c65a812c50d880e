"""The long sheets of the workbooks write most cells the short way (a row from pieces made
once, fractions turned into numbers inline): the XML must be the same as the general way
writes it, on every kind of rule and status, overrides, no data, yes/no, Vietnamese."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from xml.sax.saxutils import escape as sax_escape

import openpyxl
import pytest
from test_scale import YEAR

from pledgecli.evaluate import PledgeResults, Result, Status
from pledgecli.i18n import set_language
from pledgecli.render import xlsx_book, xlsx_results, xlsx_sheets, xlsx_value_styles
from pledgecli.render.json import json_gap, json_number
from pledgecli.render.xlsx_writer import Book, escape
from pledgecli.review_outcomes import ReviewOutcome
from pledgecli.service import CheckRequest, run_review


def outcome_of(root: Path, year: int, lang: str = "en") -> ReviewOutcome:
    set_language(lang)
    return run_review(CheckRequest(year, root))


def sheets(outcome: ReviewOutcome, kind: str) -> dict[str, bytes]:
    out = io.BytesIO()
    if kind == "check":
        xlsx_book.check_workbook(outcome.report, out)
    else:
        xlsx_book.report_workbook(outcome.report, outcome.reviews, outcome.names, out)
    with zipfile.ZipFile(out) as book:
        return {
            name: book.read(name)
            for name in book.namelist()
            if name.startswith("xl/worksheets/") or name == "xl/styles.xml"
        }


def general_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row of the Results sheet through ``_cells_xml``, every row of a matrix as the
    rows that fit the columns are written."""

    def figures(
        r: str,
        actual: Fraction,
        threshold: int | float,
        threshold_text: str,
        threshold_style: int,
        styles: xlsx_value_styles.FigureStyles,
    ) -> str:
        own = Fraction(threshold)  # only its type counts: a fraction
        return xlsx_results._cells_xml(r, actual, own, threshold, threshold_style, styles)

    monkeypatch.setattr(xlsx_results, "_figures_xml", figures)
    monkeypatch.setattr(xlsx_sheets, "SAMPLE", 10**9)


@pytest.mark.parametrize(
    ("where", "year", "lang", "kind"),
    [
        ("national", int(YEAR), "en", "check"),
        ("national", int(YEAR), "vi", "report"),
        ("bundled", 2021, "en", "report"),
        ("bundled", 2025, "vi", "check"),
    ],
)
def test_the_short_way_writes_the_same_sheets(
    where: str,
    year: int,
    lang: str,
    kind: str,
    national: Path,
    bundled: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outcome = outcome_of(national if where == "national" else bundled, year, lang)
    short = sheets(outcome, kind)
    with monkeypatch.context() as patch:
        general_way(patch)
        general = sheets(outcome, kind)
    assert short.keys() == general.keys()
    for name in short:
        assert short[name] == general[name], name
    if where == "national":  # the matrix has rows past the sample, met and not
        matrix = short[
            "xl/worksheets/sheet2.xml" if kind == "check" else "xl/worksheets/sheet3.xml"
        ]
        assert b'<c r="B150" s="' in matrix
        assert b'<c r="Z150"' not in matrix


def edged(outcome: ReviewOutcome) -> ReviewOutcome:
    """The outcome with each fraction judged against a fraction replaced by the next pair
    of :data:`EDGES` (the same figure of a target against several thresholds, and several
    figures against one), each pair with every status in turn, in the report and in its
    reviews."""
    statuses = list(Status)
    # and one figure against thresholds of the same numerator
    pairs = [*EDGES, (Fraction(1, 2), Fraction(3, 5)), (Fraction(1, 2), Fraction(3, 2))]
    index = 0

    def edge(results: PledgeResults) -> PledgeResults:
        nonlocal index
        out: list[Result] = []
        for result in results.results:
            if isinstance(result.actual, Fraction) and isinstance(result.threshold, Fraction):
                actual, threshold = pairs[index % len(pairs)]
                status = statuses[(index + index // len(pairs)) % len(statuses)]
                result = replace(result, actual=actual, threshold=threshold, status=status)
                index += 1
            out.append(result)
        return PledgeResults(results.pledge, tuple(out))

    pledges = tuple(edge(p) for p in outcome.report.pledges)
    by_cluster = {p.pledge.cluster: p for p in pledges}
    reviews = [replace(r, results=by_cluster[r.pledge.cluster]) for r in outcome.reviews]
    return replace(outcome, report=replace(outcome.report, pledges=pledges), reviews=reviews)


@pytest.mark.parametrize("kind", ["check", "report"])
def test_edge_figures_write_the_same_sheets_the_short_and_the_general_way(
    kind: str, national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = edged(outcome_of(national, int(YEAR), "vi"))
    short = sheets(outcome, kind)
    with monkeypatch.context() as patch:
        general_way(patch)
        assert sheets(outcome, kind) == short


EDGES = [
    (Fraction(6, 10), Fraction(6, 10)),  # exactly on the threshold
    (Fraction(5), Fraction(5)),
    (Fraction(0), Fraction(0)),
    (Fraction(0), Fraction(3, 2)),
    (Fraction(-7, 4), Fraction(0)),
    (Fraction(-1, 3), Fraction(-1, 3)),
    (Fraction(599999, 1000000), Fraction(6, 10)),
    (Fraction(2344, 1000), Fraction(2345, 1000)),
    (Fraction(7, 10), Fraction(1, 10)),  # 0.7 - 0.1 is 0.6 exactly, not as floats
    (Fraction(12), Fraction(11, 2)),
    (Fraction(10**30, 7), Fraction(1, 10**12)),
    (Fraction(10**18 + 1), Fraction(10**18)),
]


def test_fractions_in_short_are_the_general_cells(bundled: Path) -> None:
    outcome = outcome_of(bundled, 2021)
    targets = {r.target.is_percent: r.target for r in outcome.report.pledges[0].results}
    assert set(targets) == {True, False}
    book = Book(io.BytesIO())
    styles = xlsx_value_styles.ValueStyles(book)
    for target in targets.values():
        for actual, threshold in EDGES:
            result = Result(target, "x", Status.MET, threshold, actual)
            digits = book.digits(result)
            shown = json_number(threshold)
            short = xlsx_results._figures_xml(
                "7", actual, shown, repr(shown), 3, styles.of(target, digits)
            )
            general = xlsx_results._cells_xml(
                "7", actual, threshold, shown, 3, styles.of(target, digits)
            )
            assert short == general, (actual, threshold)


def test_the_figures_of_targets_not_met_are_the_json_numbers(bundled: Path) -> None:
    """Actual and gap of each row of "Targets not met", read back, are the JSON numbers of
    the result (the gap exact, rounded once), on edge values added to the bundled data."""
    outcome = outcome_of(bundled, 2021)
    review = outcome.reviews[0]
    missed = review.results.results
    target = next(r.target for r in missed if isinstance(r.actual, Fraction))
    extra = [
        Result(target, f"x{i}", Status.MISSED, threshold, actual)
        for i, (actual, threshold) in enumerate(EDGES)
    ]
    extra.append(Result(target, "yes", Status.MISSED, True, False))
    extra.append(Result(target, "none", Status.NO_DATA, Fraction(1, 3), None, missing=("a",)))
    results = replace(review.results, results=(*missed, *extra))
    edited = replace(review, results=results)
    out = io.BytesIO()
    xlsx_book.report_workbook(outcome.report, [edited], outcome.names, out)
    rows = list(
        openpyxl.load_workbook(io.BytesIO(out.getvalue()))["Targets not met"].iter_rows(
            min_row=2, values_only=True
        )
    )
    shown = edited.missed()
    assert len(rows) == len(shown)
    for row, result in zip(rows, shown, strict=True):
        threshold, actual, gap = row[3:6]
        assert threshold == json_number(result.threshold)
        assert actual == json_number(result.actual)
        assert gap == json_gap(result)
    assert rows[-2][3:6] == (True, False, None)
    assert rows[-1][3] == pytest.approx(1 / 3)
    assert rows[-1][4:6] == (None, None)


@pytest.mark.parametrize("text", ["", "a < b & c > d", "&amp;", "Cần Thơ", "<t>\"'</t>"])
def test_escape_is_saxutils_escape(text: str) -> None:
    assert escape(text) == sax_escape(text)


@pytest.mark.parametrize("lengths", [(0, 0), (1, 0), (0, 5), (3, 7), (1000, 1), (70001, 12345)])
def test_crc32_combine_is_the_crc_of_both(lengths: tuple[int, int]) -> None:
    import random
    import zlib

    from pledgecli.render.xlsx_deflate import crc32_combine

    rng = random.Random(sum(lengths))
    first, second = (bytes(rng.randrange(256) for _ in range(n)) for n in lengths)
    combined = crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second))
    assert combined == zlib.crc32(first + second)


def test_a_long_sheet_deflated_while_written_reads_back_whole(tmp_path: Path) -> None:
    """Rows enough for the thread (many pieces), Vietnamese text, XML to escape: the
    workbook passes zip's CRC check and reads back row by row."""
    path = tmp_path / "long.xlsx"
    book = Book(str(path))
    sheet = book.sheet("Dài")
    book.header(sheet, 0, ["Tỉnh", "Số"])
    rows = 30_000
    for row in range(1, rows + 1):
        book.text(sheet, row, 0, f"Cần Thơ <{row}> & co")
        book.number(sheet, row, 1, Fraction(row, 3))
    book.close()
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert xml.count(b"<row ") == rows + 1
    assert b'<dimension ref="A1:B30001"/>' in xml
    read = openpyxl.load_workbook(path, read_only=True)["Dài"]
    values = list(read.iter_rows(values_only=True))
    assert values[0] == ("Tỉnh", "Số")
    assert values[1][0] == "Cần Thơ <1> & co"
    assert values[1][1] == pytest.approx(1 / 3)
    assert values[-1] == (f"Cần Thơ <{rows}> & co", 10_000)
    assert len(values) == rows + 1
