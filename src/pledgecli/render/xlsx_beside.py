"""The Results sheet of a large workbook written by a second process while this one writes
the sheets after it (``check`` and ``report --format xlsx``).

The Results sheet is a row per result (national data: 100,000 rows, some 30 MB of XML),
and the sheets after it need nothing of its rows: only the styles it makes (a cell names
its style by its number, given in the order styles are first made) and each result's
figure. So, on Linux, with more than one processor and no other thread, this process
forks a writer once the sheet is made: the writer writes the rows, as writing them here
would, and deflates them into the sheet's temporary file. Meanwhile this process goes
through the results without writing a row
(:func:`~pledgecli.render.xlsx_results.results_rows` with ``write=False``): every style
of the sheet is made, in the order writing it makes them, and every figure found, for
the next sheets, which it then writes. At the end the writer says how many bytes it wrote,
their CRC, and the styles it made: when they are the ones made here, in the same order,
the workbook takes its rows (the same bytes as writing the sheet here).

The writer decides nothing. When it fails, dies, or made other styles, its rows are
dropped and this process writes the sheet itself, from a new temporary file. Anywhere
else (another system, one processor, another thread, few results), the sheet is written
here at once, as before.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Iterator
from typing import Any

from pledgecli import forking
from pledgecli.forking import end_helper, fork_helper
from pledgecli.outcomes import Report
from pledgecli.render import xlsx_deflate
from pledgecli.render.xlsx_results import results_header, results_rows
from pledgecli.render.xlsx_stream import StreamSheet
from pledgecli.render.xlsx_writer import Book

MIN_RESULTS = 20_000  # results from which a writer is worth its fork


@contextlib.contextmanager
def results_beside(book: Book, report: Report) -> Iterator[None]:
    """The Results sheet of ``book``, made here, its rows written by a second process
    while the body of the ``with`` writes the next sheets; taken into the workbook at
    the end (or written here then, should the writer fail)."""
    sheet = results_header(book)
    large = sum(len(results.results) for results in report.pledges) >= MIN_RESULTS
    if not large or report.province is not None or not forking.can_fork(threads=False):
        results_rows(book, report, sheet)  # one province's results are few
        yield
        return
    writer = None
    try:
        writer = _fork(book, report, sheet)
        if writer is None:
            results_rows(book, report, sheet)
            yield
            return
        made = book.style_count()
        results_rows(book, report, sheet, write=False)  # the styles and figures, here
        styles = book.style_keys(made)
        book.forget_cells("results")  # as writing the sheet here does at its end
        yield
        if not writer.join(book, sheet, made, styles):
            sheet.restart()
            results_rows(book, report, sheet)
    finally:
        if writer is not None:
            writer.stop()


class _Writer:
    """The forked writer, seen from this process."""

    def __init__(self, pid: int, descriptor: int) -> None:
        self._pid = pid
        self._descriptor: int | None = descriptor

    def join(self, book: Book, sheet: StreamSheet, made: int, styles: list[object]) -> bool:
        """Wait for the writer: whether its rows are now the sheet's (it made ``styles``,
        after the first ``made``, as this process did)."""
        said = self._said()
        self.stop()
        if not isinstance(said, tuple) or len(said) != 6:
            return False
        crc, size, last_row, last_column, widths, written = said
        if written != (made, styles):
            return False
        sheet.adopt(crc, size, last_row, last_column)
        book.adopt_widths(sheet, widths)
        return True

    def _said(self) -> object:
        descriptor = self._descriptor
        if descriptor is None:
            return None
        chunks: list[bytes] = []
        try:
            while chunk := os.read(descriptor, 1 << 16):
                chunks.append(chunk)
            return pickle.loads(b"".join(chunks))
        except Exception:
            return None

    def stop(self) -> None:
        """The writer ended (killed if still running) and waited for."""
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is None:
            return
        os.close(descriptor)
        end_helper(self._pid)


def _fork(book: Book, report: Report, sheet: StreamSheet) -> _Writer | None:
    xlsx_deflate.settle()  # the deflating thread done and gone: no other thread at the fork
    helper = fork_helper(lambda descriptor: _write(book, report, sheet, descriptor))
    return None if helper is None else _Writer(*helper)


def _write(book: Book, report: Report, sheet: StreamSheet, descriptor: int) -> None:
    """The forked writer: the rows, deflated into the sheet's file, then what the workbook
    needs to take them, said through ``descriptor``. It ends (``os._exit``) without running
    anything of the process it was forked from (its exit handlers, its buffered output);
    when it fails, it says nothing."""
    made = book.style_count()
    results_rows(book, report, sheet)
    rows = sheet.rows()
    styles = (made, book.style_keys(made))
    said: Any = (rows.crc, rows.size, sheet.last_row, sheet.last_column, book.widths(sheet))
    data = pickle.dumps((*said, styles))
    while data:
        data = data[os.write(descriptor, data) :]
