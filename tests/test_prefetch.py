"""Large forms read by a second process while the data set loads (collect/prefetch.py):
whatever happens to that process, ``pledge import`` reads the same records, meets the same
errors and writes the same reports as reading the forms itself."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
from conftest import Run
from test_collect_form_xlsx import HEAD, MAIN, TAIL, workbook_with

from pledgecli import forking
from pledgecli.collect import prefetch
from pledgecli.collect.form_read import FormRecord, read_form
from pledgecli.render import xlsx_deflate

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a reader is forked on Linux only"
)

HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>year</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>province</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>metric</t></is></c>'
    '<c r="D1" t="inlineStr"><is><t>value</t></is></c></row>'
)


def rows(first: int, last: int) -> str:
    return "".join(
        f'<row r="{n}"><c r="A{n}"><v>2025</v></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>Cần Thơ</t></is></c>'
        f'<c r="C{n}" t="inlineStr"><is><t>m{n % 7}</t></is></c>'
        f'<c r="D{n}"><v>{n}.5</v></c></row>'
        for n in range(first, last + 1)
    )


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every form read by the reader, in many messages (on one processor too), and no
    thread left by the tests before (a workbook written in this process keeps the thread
    that deflates its sheets: ``pledge import`` writes none before it reads its forms)."""
    xlsx_deflate.settle()
    assert threading.active_count() == 1, threading.enumerate()
    monkeypatch.setattr(forking, "processors", lambda: 2)
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    monkeypatch.setattr(prefetch, "BATCH", 7)


def read_here(path: Path) -> tuple[list[FormRecord], str | None]:
    """The records ``read_form`` gives, and the error it stops with (type and text)."""
    return drained(read_form(path))


def drained(records: Iterator[FormRecord]) -> tuple[list[FormRecord], str | None]:
    got: list[FormRecord] = []
    try:
        for record in records:
            got.append(record)
    except Exception as error:
        return got, f"{type(error).__name__}: {error}"
    return got, None


def via_reader(form: Path) -> tuple[list[FormRecord], str | None]:
    """What :func:`read_here` gives, read by a reader."""
    reader = started(form)
    try:
        return drained(reader.records(form))
    finally:
        reader.close()


def started(*forms: Path) -> prefetch.Prefetch:
    reader = prefetch.start(list(forms))
    assert reader is not None
    return reader


def test_the_reader_gives_the_records_read_here(tmp_path: Path) -> None:
    form = workbook_with(tmp_path, HEAD + HEADER + rows(2, 400) + TAIL)
    expected = read_here(form)
    assert len(expected[0]) == 399 and expected[1] is None
    got = via_reader(form)
    assert got == expected
    assert all(type(record) is FormRecord for record in got[0])
    assert got[0][0] == FormRecord(2, (2025, "Cần Thơ", "m2", 2.5), None)


def test_an_error_far_down_is_met_after_the_same_records(tmp_path: Path) -> None:
    broken = HEAD + HEADER + rows(2, 300) + '<row r="301"><c><v>1</v></row>' + TAIL
    form = workbook_with(tmp_path, broken)
    expected = read_here(form)
    assert expected[1] is not None and "cannot read" in expected[1]
    got = via_reader(form)
    assert got == expected


def read_here_counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The forms this process reads itself from now on (the reader's copy is not counted)."""
    counted: list[Path] = []
    real = read_form

    def counting(path: Path) -> Iterator[FormRecord]:
        counted.append(path)
        return real(path)

    monkeypatch.setattr(prefetch, "read_form", counting)
    return counted


def test_the_records_come_from_the_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = workbook_with(tmp_path, HEAD + HEADER + rows(2, 400) + TAIL, "a.xlsx")
    second = tmp_path / "b.csv"
    second.write_text("year,province,metric,value\n" + csv_rows(2, 300), encoding="utf-8")
    expected = [read_here(first), read_here(second)]
    reader = started(first, second)
    read_here_too = read_here_counted(monkeypatch)
    try:
        assert [drained(reader.records(first)), drained(reader.records(second))] == expected
    finally:
        reader.close()
    assert read_here_too == []


@pytest.mark.parametrize("batches", [0, 1, 5])
def test_a_reader_gone_midway_leaves_the_rest_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batches: int
) -> None:
    """The reader ends after sending ``batches`` batches of 7 records: the records after
    them are read here, the same."""
    form = workbook_with(tmp_path, HEAD + HEADER + rows(2, 400) + TAIL)
    expected = read_here(form)
    sent = [0]
    send = prefetch._Outbox.send

    def ending(self: Any, message: tuple[Any, ...]) -> None:
        if sent[0] == batches:
            os._exit(0)  # (in the reader: it ends there)
        sent[0] += 1
        send(self, message)

    monkeypatch.setattr(prefetch._Outbox, "send", ending)
    reader = started(form)
    read_here_too = read_here_counted(monkeypatch)
    try:
        assert (list(reader.records(form)), None) == expected
    finally:
        reader.close()
    assert read_here_too == [form]


@pytest.mark.parametrize("taken", [0, 1, 10, 200])
def test_a_reader_killed_leaves_the_rest_to_this_process(tmp_path: Path, taken: int) -> None:
    form = workbook_with(tmp_path, HEAD + HEADER + rows(2, 400) + TAIL)
    expected = read_here(form)
    reader = started(form)
    try:
        records = reader.records(form)
        got = [next(records) for _n in range(taken)]
        os.kill(reader._pid, signal.SIGKILL)
        got += records
    finally:
        reader.close()
    assert (got, None) == expected


def test_a_form_that_cannot_be_read_says_the_same(tmp_path: Path) -> None:
    not_a_workbook = tmp_path / "form.xlsx"
    not_a_workbook.write_bytes(b"year,province,metric,value\n" * 50)
    expected = read_here(not_a_workbook)
    assert expected[1] is not None and expected[1].startswith("UserError")
    assert via_reader(not_a_workbook) == expected


def test_forms_of_both_kinds_each_give_their_own_records(tmp_path: Path) -> None:
    first = workbook_with(tmp_path, HEAD + HEADER + rows(2, 50) + TAIL, "a.xlsx")
    middle = tmp_path / "b.csv"
    middle.write_text("year,province,metric,value\n2025,an-giang,m1,3\n", encoding="utf-8")
    last = workbook_with(tmp_path, HEAD + HEADER + rows(2, 90) + TAIL, "c.xlsx")
    expected = [read_here(path) for path in (first, middle, last)]
    reader = started(first, middle, last)
    try:
        assert [drained(reader.records(p)) for p in (first, middle, last)] == expected
        assert drained(reader.records(first)) == expected[0]  # asked again: read here
    finally:
        reader.close()


def csv_rows(first: int, last: int) -> str:
    return "".join(f"2025,Cần Thơ,m{n % 7},{n}.5\n" for n in range(first, last + 1))


@pytest.mark.parametrize(
    "trouble",
    [
        b"",  # none
        b'2025,can-tho,"m1,3\n',  # a quote never closed
        b"2025,can-tho,m1,\xff\n",  # not UTF-8
        b"2025,can-tho,m1,3,4,5\n",  # more cells than the header (a problem of the row)
    ],
)
def test_a_csv_form_gives_the_same_records_and_the_same_error(
    tmp_path: Path, trouble: bytes
) -> None:
    form = tmp_path / "form.csv"
    text = "year,province,metric,value\n" + csv_rows(2, 300)
    form.write_bytes(text.encode() + trouble + csv_rows(302, 400).encode())
    expected = read_here(form)
    assert (expected[1] is None) == (trouble in (b"", b"2025,can-tho,m1,3,4,5\n"))
    assert via_reader(form) == expected


def styleless(tmp_path: Path, name: str, sheet: str) -> Path:
    """A workbook whose styles are empty: openpyxl warns that it applies its own."""
    form = workbook_with(tmp_path, sheet, "styled-" + name)
    stripped = tmp_path / name
    empty = f'<styleSheet xmlns="{MAIN}"/>'.encode()
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(stripped, "w") as target:
        for info in source.infolist():
            target.writestr(info, empty if info.filename == "xl/styles.xml" else source.read(info))
    return stripped


@pytest.mark.parametrize("action", ["always", "default"])
def test_what_reading_warns_is_said_as_reading_here_says_it(
    tmp_path: Path, action: Literal["always", "default"]
) -> None:
    """Each form warns; one of them is broken far down: the warnings said are the same
    as reading the forms here says (Python's default: once per place)."""
    forms = [
        styleless(tmp_path, "a.xlsx", HEAD + HEADER + rows(2, 20) + TAIL),
        styleless(tmp_path, "b.xlsx", HEAD + HEADER + rows(2, 30) + TAIL),
        styleless(
            tmp_path,
            "c.xlsx",
            HEAD + HEADER + rows(2, 300) + '<row r="301"><c><v>1</v></row>' + TAIL,
        ),
        styleless(tmp_path, "d.xlsx", HEAD + HEADER + rows(2, 40) + TAIL),
    ]
    with warnings.catch_warnings(record=True) as here:
        warnings.simplefilter(action)
        expected = [read_here(form) for form in forms]
    assert here, "openpyxl no longer warns about a workbook without styles"
    with warnings.catch_warnings(record=True) as relayed:
        warnings.simplefilter(action)
        reader = started(*forms)
        try:
            assert [drained(reader.records(form)) for form in forms] == expected
        finally:
            reader.close()
    assert [str(w.message) for w in relayed] == [str(w.message) for w in here]
    assert [w.category for w in relayed] == [w.category for w in here]


def test_no_reader_for_small_forms_on_one_processor_or_beside_another_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = workbook_with(tmp_path, HEAD + HEADER + rows(2, 20) + TAIL)
    monkeypatch.setattr(forking, "processors", lambda: 1)
    assert prefetch.start([form]) is None
    monkeypatch.setattr(forking, "processors", lambda: 2)
    monkeypatch.setattr(prefetch, "MIN_BYTES", form.stat().st_size + 1)
    assert prefetch.start([form]) is None
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    assert prefetch.start([]) is None  # no form
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert prefetch.start([form]) is None
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_import_with_the_reader_writes_what_one_without_it_writes(
    kind: str, tmp_path: Path, run: Run, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = tmp_path / f"form.{kind}"
    code, out, err = run(
        ["template", "2021", "--data", str(bundled), "--format", kind, "-o", str(form)]
    )
    assert code == 0, out + err
    used: list[prefetch.Prefetch | None] = []
    real_start = prefetch.start

    def spied(forms: list[Path]) -> prefetch.Prefetch | None:
        used.append(real_start(forms))
        return used[-1]

    monkeypatch.setattr(prefetch, "start", spied)
    outcomes = []
    for name, smallest in (("with", 0), ("without", 1 << 40)):
        monkeypatch.setattr(prefetch, "MIN_BYTES", smallest)
        data = tmp_path / name / kind / "data"
        shutil.copytree(bundled, data)
        shutil.rmtree(data / "actuals" / "2021")
        code, out, err = run(["import", str(form), "--data", str(data)])
        written = {
            str(p.relative_to(data)): p.read_bytes()
            for p in sorted((data / "actuals" / "2021").iterdir())
        }
        outcomes.append((code, out.replace(str(data), "DATA"), err, written))
    assert [reader is not None for reader in used] == [True, False]
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == 0 and len(outcomes[0][3]) == 7  # every province of 2021
