"""The Results sheet of a large workbook written by a forked writer (render/xlsx_beside.py):
whatever happens to the writer, the workbook is the one written in one process, byte for
byte (every entry of the zip as written, compressed, but the time of writing), in English
and Vietnamese, with every figure's edge case
in every status, and with the memo of figures emptied again and again."""

from __future__ import annotations

import io
import os
import signal
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from test_scale import YEAR
from test_xlsx_rows import edged, outcome_of, sheets

from pledgecli import forking
from pledgecli.render import xlsx_beside, xlsx_book, xlsx_results, xlsx_writer
from pledgecli.review_outcomes import ReviewOutcome
from pledgecli.service import CheckRequest, run_review

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a writer is forked on Linux only"
)


def entries(outcome: ReviewOutcome, kind: str) -> list[tuple[str, int, int, bytes]]:
    """The workbook's entries as written in the zip: each part's name, CRC, size and
    compressed bytes (but the time of writing, in ``docProps/core.xml``)."""
    out = io.BytesIO()
    if kind == "check":
        xlsx_book.check_workbook(outcome.report, out)
    else:
        xlsx_book.report_workbook(outcome.report, outcome.reviews, outcome.names, out)
    data = out.getvalue()
    found = []
    with zipfile.ZipFile(out) as book:
        for info in book.infolist():
            if info.filename == "docProps/core.xml":
                continue
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            raw = data[start : start + info.compress_size]
            found.append((info.filename, info.CRC, info.file_size, raw))
    return found


def in_one_process(outcome: ReviewOutcome, kind: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as patch:
        patch.setattr(xlsx_beside, "MIN_RESULTS", 1 << 60)
        return entries(outcome, kind)


def forked(
    outcome: ReviewOutcome, kind: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, list[bool]]:
    """The sheets written with a writer (on one processor too), and whether each writer
    forked was taken."""
    taken: list[bool] = []
    join = xlsx_beside._Writer.join

    def joined(self: Any, *args: Any) -> bool:
        taken.append(join(self, *args))
        return taken[-1]

    with monkeypatch.context() as patch:
        patch.setattr(xlsx_beside, "MIN_RESULTS", 0)
        patch.setattr(forking, "processors", lambda: 2)
        patch.setattr(xlsx_beside._Writer, "join", joined)
        return entries(outcome, kind), taken


@pytest.mark.parametrize(
    ("lang", "kind", "edge"),
    [("vi", "report", True), ("en", "report", True), ("vi", "check", True), ("en", "check", False)],
)
def test_the_writer_writes_the_sheet_written_in_one_process(
    lang: str, kind: str, edge: bool, national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = outcome_of(national, int(YEAR), lang)
    if edge:
        outcome = edged(outcome)
    expected = in_one_process(outcome, kind, monkeypatch)
    got, taken = forked(outcome, kind, monkeypatch)
    assert taken == [True]
    assert got == expected


@pytest.mark.parametrize("year", [2021, 2022, 2025])
def test_the_bundled_years_with_the_writer_are_the_same_workbooks(
    year: int, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = outcome_of(bundled, year, "vi")
    for kind in ("report", "check"):
        got, taken = forked(outcome, kind, monkeypatch)
        assert taken == [True]
        assert got == in_one_process(outcome, kind, monkeypatch)


def test_figures_dropped_past_their_bounds_beside_the_writer(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = edged(outcome_of(national, int(YEAR), "vi"))
    expected = in_one_process(outcome, "report", monkeypatch)
    monkeypatch.setattr(xlsx_writer, "FIGURES_HELD", 7)
    monkeypatch.setattr(xlsx_writer, "CELLS_HELD", 3)
    got, taken = forked(outcome, "report", monkeypatch)
    assert taken == [True]
    assert got == expected


def _dies(*args: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _dies_after_writing(book: Any, report: Any, sheet: Any, descriptor: int) -> None:
    xlsx_results.results_rows(book, report, sheet)
    sheet.rows()  # every row deflated into the sheet's file: then killed
    os.kill(os.getpid(), signal.SIGKILL)


def _fails(*args: Any) -> None:
    try:
        raise RuntimeError("a bug in the writer")
    finally:
        os._exit(0)


def _makes_another_style(book: Any, report: Any, sheet: Any, descriptor: int) -> None:
    book.format(num_format="0.000000")
    real_write(book, report, sheet, descriptor)


real_write = xlsx_beside._write


@pytest.mark.parametrize("writer", [_dies, _dies_after_writing, _fails, _makes_another_style])
def test_a_writer_that_fails_leaves_the_sheet_to_this_process(
    writer: Any, national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = edged(outcome_of(national, int(YEAR), "vi"))
    expected = in_one_process(outcome, "report", monkeypatch)
    monkeypatch.setattr(xlsx_beside, "_write", writer)
    got, taken = forked(outcome, "report", monkeypatch)
    assert taken == [False]
    assert got == expected


def test_no_writer_for_few_results_one_province_one_processor_or_beside_another_thread(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    outcome = outcome_of(national, int(YEAR), "en")
    forks: list[int] = []
    real_fork = os.fork

    def counted() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counted)
    sheets(outcome, "report")  # 2,424 results: under MIN_RESULTS
    monkeypatch.setattr(xlsx_beside, "MIN_RESULTS", 0)
    province = run_review(
        CheckRequest(int(YEAR), national, province=outcome.report.pledges[0].pledge.provinces[0])
    )
    one = entries(province, "report")
    assert one == in_one_process(province, "report", monkeypatch)
    monkeypatch.setattr(forking, "processors", lambda: 1)
    sheets(outcome, "report")
    monkeypatch.setattr(forking, "processors", lambda: 2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        sheets(outcome, "report")
    finally:
        stop.set()
        other.join()
    assert forks == []
    sheets(outcome, "report")  # and one when nothing stands in the way
    assert forks == [1]
