"""``--format xlsx`` engines: workbooks read back by openpyxl (cells, formats, frozen
headers, charts) and by LibreOffice, whose CSV must carry the figures of
``check --format csv``."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import Run
from office import soffice_convert

from pledgecli.i18n import set_language
from pledgecli.render import xlsx_book, xlsx_writer
from pledgecli.review_outcomes import ReviewOutcome
from pledgecli.service import CheckRequest, run_review

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    set_language("en")


def reviewed(root: Path, year: int, lang: str) -> ReviewOutcome:
    set_language(lang)
    outcome = run_review(CheckRequest(year, root))
    return outcome


def workbook(kind: str, root: Path, year: int, lang: str = "en") -> bytes:
    outcome = reviewed(root, year, lang)
    assert outcome.report is not None
    out = io.BytesIO()
    if kind == "check":
        xlsx_book.check_workbook(outcome.report, out)
    elif kind == "rank":
        xlsx_book.rank_workbook(outcome.reviews, outcome.names, out)
    elif kind == "totals":
        xlsx_book.totals_workbook(outcome.reviews, out)
    else:
        xlsx_book.report_workbook(outcome.report, outcome.reviews, outcome.names, out)
    return out.getvalue()


def cells(content: bytes) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def test_check_workbook_numbers_are_numbers(bundled: Path) -> None:
    content = workbook("check", bundled, 2025, "vi")
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Kết quả", "Bảng kết quả", "Biểu đồ"]
    results = book["Kết quả"]
    assert results.freeze_panes == "A2"
    header = [c.value for c in results[1]]
    assert header == [
        "Năm",
        "Cụm",
        "Mã tỉnh",
        "Tỉnh",
        "Chỉ tiêu",
        "Kết quả",
        "Thực hiện",
        "Mức cam kết",
        "Chênh lệch",
        "Điểm",
    ]
    rows = {(r[2].value, r[4].value): r for r in results.iter_rows(min_row=2)}
    rate = rows[("can-tho", "effective-rate")]
    assert rate[5].value == "Đạt"
    assert isinstance(rate[6].value, float) and rate[6].number_format == "0.0%"
    assert rate[7].value == 0.7 and rate[7].number_format == "0%"
    growth = rows[("ca-mau", "members-growth")]
    assert growth[6].number_format.startswith("+0.0%")
    assert growth[5].value == "Không đạt"
    coops = rows[("ca-mau", "new-coops")]
    assert (coops[6].value, coops[7].value, coops[8].value) == (27, 30, -3)
    assert coops[9].value == 0 and rows[("can-tho", "new-coops")][9].value == 25
    fund = rows[("can-tho", "support-fund")]
    assert fund[6].value is True and fund[7].value is True
    cluster = rows[(None, "cluster-members-growth")]
    assert cluster[3].value == "Toàn cụm"
    matrix = book["Bảng kết quả"]
    assert matrix.freeze_panes == "B2"
    assert matrix["A2"].value == "Cần Thơ" and matrix["B2"].value == 41
    assert matrix["B2"].number_format == '"✓ "#,##0'
    assert matrix["B3"].number_format == '"✗ "#,##0'
    assert matrix.column_dimensions["A"].width >= len("Đồng Tháp")


def test_a_text_that_looks_like_a_formula_stays_text(bundled_copy: Path) -> None:
    provinces = bundled_copy / "provinces.toml"
    content = provinces.read_text(encoding="utf-8")
    provinces.write_text(
        content.replace('name = "Cà Mau"', 'name = "=HYPERLINK(\\"http://x\\")"', 1),
        encoding="utf-8",
    )
    book = workbook("report", bundled_copy, 2021)
    for name in zipfile.ZipFile(io.BytesIO(book)).namelist():
        if name.startswith("xl/worksheets/"):
            assert "<f>" not in zipfile.ZipFile(io.BytesIO(book)).read(name).decode()
    sheets = cells(book)
    names = {row[3] for row in sheets["Results"][1:]}
    assert '=HYPERLINK("http://x")' in names


def test_native_charts(bundled: Path) -> None:
    archive = zipfile.ZipFile(io.BytesIO(workbook("report", bundled, 2025, "vi")))
    charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
    assert len(charts) == 3
    xml = [archive.read(n).decode() for n in charts]
    assert all('<c:barDir val="bar"/>' in x for x in xml)
    assert "Điểm của các tỉnh" in xml[0] and "Ranking" not in xml[0]
    assert "Xếp hạng" in xml[0]  # the scores come from the ranking sheet
    assert xml[0].count("<c:dPt>") == 3  # the three tied nominees are marked
    assert "Số tỉnh đạt từng chỉ tiêu" in xml[2] and '<c:grouping val="stacked"/>' in xml[2]


def test_report_workbook_has_every_view(bundled: Path) -> None:
    sheets = cells(workbook("report", bundled, 2021))
    assert list(sheets) == [
        "Ranking",
        "Results",
        "Matrix",
        "Metrics",
        "Targets",
        "Whole-cluster targets",
        "Targets not met",
        "Charts",
    ]
    missed = sheets["Targets not met"]
    assert missed[0][-1] == "Missing"
    ca_mau = [r for r in missed if r[1] == "Cà Mau" and r[2] == "rural-households"]
    assert ca_mau[0][-1] == (
        "Rural households that are co-operative members (2021); Rural households (2021)"
    )


@pytest.mark.parametrize("kind", ["rank", "totals"])
def test_golden_cells(bundled: Path, kind: str) -> None:
    sheets = cells(workbook(kind, bundled, 2021))
    shown = json.dumps(sheets, ensure_ascii=False, indent=1, default=str) + "\n"
    golden = GOLDEN / f"{kind}-2021.xlsx.json"
    assert shown == golden.read_text(encoding="utf-8")


def _number(text: str) -> float | str:
    text = text.strip()
    if text.upper() in {"TRUE", "FALSE"}:
        return text.lower()
    try:
        return float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return text


@pytest.mark.parametrize("year", [2021, 2025])
def test_libreoffice_reads_the_figures_of_check_csv(
    bundled: Path, run: Run, tmp_path: Path, year: int
) -> None:
    source = tmp_path / f"check-{year}.xlsx"
    source.write_bytes(workbook("check", bundled, year))
    made = soffice_convert(
        source,
        # all sheets (-1), values as stored rather than as shown
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        tmp_path / "csv",
    )
    (results,) = [p for p in made if p.name.endswith("-Results.csv")]
    office = list(csv.reader(results.open(encoding="utf-8")))
    code, out, _err = run(["check", str(year), "--data", str(bundled), "--format", "csv"])
    assert code == 1
    ours = list(csv.reader(io.StringIO(out)))
    assert len(office) == len(ours) > 10
    for theirs, mine in zip(office[1:], ours[1:], strict=True):
        # the workbook's columns: those of check csv up to score (the correction columns
        # after them are not in the workbook)
        year_, cluster, province, name, target, _status, *figures = mine[:10]
        # the cluster row is named for the reader; CSV leaves its name empty
        assert theirs[:5] == [year_, cluster, province, name or "Whole cluster", target]
        for column, (shown, exact) in enumerate(zip(theirs[6:], figures, strict=True)):
            if exact == "":
                assert shown == ""
            elif exact in {"true", "false"}:
                assert shown.lower() == exact
            elif column == len(figures) - 1:  # the score: exact in the cell, as shown in CSV
                assert _number(shown) == pytest.approx(float(exact), abs=0.005)
            else:
                assert _number(shown) == pytest.approx(float(exact), rel=1e-9, abs=1e-12)


def test_scale_stays_in_constant_memory_and_row_order(tmp_path: Path) -> None:
    """A sheet written by rows never goes back (the streaming writer refuses to)."""
    book = xlsx_writer.Book(io.BytesIO())
    sheet = book.sheet("x")
    book.text(sheet, 2, 0, "b")
    with pytest.raises(ValueError):
        book.text(sheet, 1, 0, "a")


SCORING = Path(__file__).parent / "fixtures" / "scoring"


@pytest.mark.parametrize("kind", ["rank", "report"])
def test_the_ranking_sheet_shows_bands_nominations_both_scores_and_the_sentences(
    kind: str,
) -> None:
    ranking = cells(workbook(kind, SCORING, 2025))["Ranking"]
    header = ranking[0]
    assert header[-6:] == [
        "Band",
        "Emulation flag",
        "Certificate of merit",
        "Score reported",
        "Score verified",
        "Difference",
    ]
    rows = {row[2]: dict(zip(header, row, strict=True)) for row in ranking[1:7]}
    cao_bang = rows["cao-bang"]
    assert cao_bang["Band"] == "Excellent"  # exactly on the bound of 95
    assert (cao_bang["Score reported"], cao_bang["Score verified"]) == (100, 95)
    assert cao_bang["Difference"] == -5 and cao_bang["Score"] == 95
    assert cao_bang["Certificate of merit"] == "proposed"
    assert cao_bang["Emulation flag"] == "not every target met"
    # Two provinces tied on the flag's only seat: both "tied", the cluster decides.
    assert rows["binh-duong"]["Emulation flag"] == rows["binh-phuoc"]["Emulation flag"] == "tied"
    assert rows["binh-dinh"]["Certificate of merit"] == "alternate"
    assert rows["dong-nai"]["Band"] == "Completed"
    assert rows["dong-nai"]["Certificate of merit"] == "band too low"
    below = [row[0] for row in ranking[7:] if row[0] is not None]
    assert below == [
        "Tied for the emulation flag (Cờ thi đua): Bình Dương (100 points), "
        "Bình Phước (100 points); the cluster decides.",
        "Proposed for a certificate of merit (Bằng khen), 2 at most: Cần Thơ (98.96 points), "
        "Cao Bằng (95 points).",
        "Alternate for a certificate of merit, in rank order: Bình Định (90 points).",
    ]
    assert ranking[7] == [None] * len(header)  # a blank row parts them from the ranking


def test_the_ranking_sheet_speaks_vietnamese() -> None:
    ranking = cells(workbook("rank", SCORING, 2025, "vi"))["Xếp hạng"]
    assert ranking[0][-6:] == [
        "Xếp loại",
        "Cờ thi đua",
        "Bằng khen",
        "Điểm báo cáo",
        "Điểm thẩm định",
        "Chênh lệch",
    ]
    cao_bang = next(row for row in ranking if row[2] == "cao-bang")
    assert cao_bang[-6] == "Xuất sắc"
    assert any(
        isinstance(row[0], str) and row[0].startswith("Đồng điểm khi xét đề nghị tặng Cờ thi đua")
        for row in ranking
    )


def test_no_band_or_score_columns_when_the_pledge_has_neither(bundled: Path) -> None:
    header = cells(workbook("rank", bundled, 2021))["Ranking"][0]
    assert "Band" not in header and "Score verified" not in header


def test_the_gap_of_a_target_not_met_is_exact(bundled: Path) -> None:
    """The gap is the exact difference rounded once (-0.02), not the difference of the two
    rounded cells beside it (-0.020000000000000018)."""
    from pledgecli.render.json import json_number

    outcome = reviewed(bundled, 2021, "en")
    out = io.BytesIO()
    xlsx_book.report_workbook(outcome.report, outcome.reviews, outcome.names, out)
    rows = cells(out.getvalue())["Targets not met"][1:]
    missed = [r for review in outcome.reviews for r in review.missed()]
    assert len(rows) == len(missed) > 10
    noisy = 0
    for row, result in zip(rows, missed, strict=True):
        threshold, actual, gap = row[3:6]
        assert gap == json_number(result.gap)
        if isinstance(actual, float | int) and isinstance(threshold, float | int):
            noisy += gap != actual - threshold
    assert noisy  # the bundled data has gaps the old subtraction got wrong


def test_decimals_found_once_per_figures_are_each_results_own(bundled: Path) -> None:
    """The workbook finds a result's decimals once per (actual, threshold, percent or not);
    every result gets what result_digits gives it alone, on the threshold or near it."""
    from fractions import Fraction

    from pledgecli.evaluate import Result, Status
    from pledgecli.render.xlsx_formats import result_digits
    from pledgecli.render.xlsx_writer import Book

    outcome = reviewed(bundled, 2021, "en")
    results = [r for review in outcome.reviews for r in review.results.results]
    target = results[0].target
    for actual, threshold in [
        (Fraction(6, 10), Fraction(6, 10)),
        (Fraction(599999, 1000000), Fraction(6, 10)),
        (Fraction(-1, 3), Fraction(0)),
        (Fraction(2344, 1000), Fraction(2345, 1000)),
        (Fraction(10**30, 7), Fraction(1, 10**12)),
    ]:
        results.append(Result(target, "x", Status.MET, threshold, actual))
    book = Book(io.BytesIO())
    for result in results + results:
        assert book.digits(result) == result_digits(result)
