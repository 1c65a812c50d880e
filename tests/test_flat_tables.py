"""The table-at-a-time reader (``flat_tokens``, values looked up by the text they are
written as) reads every file exactly as the line-by-line reader does, and a plain report's
figures straight from their text are the ones ``_plain_actuals`` makes of the parsed file:
on the edges (zero, -0, decimals in other spellings, yes/no, Vietnamese text, a header on
the first line or indented, a key given twice) and on anything it leaves to the others."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_flat_toml import FLAT, NOT_FLAT

from pledgecli.flat_toml import (
    Seen,
    column_values,
    flat_tokens,
    parse_flat,
    table_values,
    token_value,
)
from pledgecli.load_file import _plain_actuals, _plain_report

TEXTS = [
    "",
    "\n\n",
    "a = 1",
    "[metrics]\na = 1\n",
    "  [metrics]\na = 1\n",
    "[metrics]  # bảng\n\n# chú thích\na = 1\r\nb = 2.50\r\n",
    "a = 1\n[a]\nb = 2\n",
    "[t]\n[t]\n",
    "[t]\na = 1\n[u]\na = 2\n",
    "[t]\na = 1\na = 2\n",
    "[t]",
    "[t]\n",
    "[[t]]\na = 1\n",
    "[t\na = 1\n",
    'source = "Báo cáo [số 3]"\n[metrics]\nx = 4505\ny = 4_505\nz = 4505.0\n',
    "a = [\n  1,\n]\n",
    "a = 1\n\x01\n",
    "a = 1  # x\x01y\n",
    'a = "x\x1fy"\n',
    "a = 'x\x0by'\n",
    '[t]  # \x7f\na = ["x", "\x00"]\n',
    "a = 1\rb = 2\n",
    "a = true\r\nx = 1\r\r\n[t]",
    "a = 1\tb\n",
    "a\t=\t1\t# tab\tok\n",
    *[f"{line}\nz = 1\n" for line in FLAT + NOT_FLAT],
    *[f"[m]\n{line}\nz = 1\n" for line in FLAT + NOT_FLAT if not line.startswith("[")],
]


def _types(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _types(item) for key, item in value.items()}
    return type(value)


@pytest.mark.parametrize("text", TEXTS, ids=repr)
def test_a_file_is_read_as_the_line_by_line_reader_reads_it(text: str) -> None:
    slow = parse_flat(text)
    seen: Seen[Any] = Seen(token_value)
    for _ in range(2):  # the second time with its values already seen
        fast = _by_tables(text.replace("\r\n", "\n"), seen)
        if fast is None:
            continue  # left to parse_flat (and tomllib)
        assert fast == slow
        assert _types(fast) == _types(slow)
        assert list(fast) == list(slow or {})


def _by_tables(text: str, seen: Seen[Any]) -> dict[str, Any] | None:
    """The file as ``flat_tokens`` and ``table_values`` read it."""
    tables = flat_tokens(text)
    if tables is None:
        return None
    root = table_values(tables[0], seen)
    for header, tokens in tables[1]:
        values = table_values(tokens, seen)
        if root is None or values is None or header in root:
            return None
        root[header] = values
    return root


def test_the_files_read_by_tables_include_every_flat_report_and_registry() -> None:
    seen: Seen[Any] = Seen(token_value)
    for text in [TEXTS[5], TEXTS[14], "[a]\nname = \"Xã 1\"\n\n[b]\nname = \"Xã 2\"\n"]:
        assert _by_tables(text.replace("\r\n", "\n"), seen) == parse_flat(text) is not None


FIGURES = [
    "0",
    "-0",
    "+0",
    "1",
    "1023",
    "1024",
    "1_000",
    "4505",
    "4505.0",
    "25.8",
    "25.80",
    "0.0",
    "-0.0",
    "0.001",
    "12345678901234567890.123456789",
    "9" * 40,
    "true",
    "false",
]
NOT_FIGURES = ["-1", "-0.5", '"12"', "'x'", '["a"]', "9" * 41]


def _report(figures: str, head: str = 'source = "Báo cáo số 3/BC-LMHTX"\n') -> str:
    return f"# Báo cáo tổng kết năm 2026\n{head}\n[metrics]\n{figures}\n"


def _slow(text: str) -> Any:
    raw = parse_flat(text)
    assert raw is not None
    return _plain_actuals({**raw, "year": 2026, "province": "x", "path": Path("x.toml")})


@pytest.mark.parametrize("figure", FIGURES)
def test_a_plain_figure_from_its_text_is_the_one_parsing_gives(figure: str) -> None:
    text = _report(f"a = {figure}\nb = 7  # quý IV\nc = {figure}")
    for _ in range(2):
        fast = _plain_report(text)
        assert fast is not None
        root, figures = fast
        slow = _slow(text)
        assert slow is not None
        assert root == {"source": "Báo cáo số 3/BC-LMHTX"}
        assert figures == slow.metrics
        assert list(figures) == list(slow.metrics)
        assert [type(v) for v in figures.values()] == [type(v) for v in slow.metrics.values()]


@pytest.mark.parametrize("figure", NOT_FIGURES)
def test_a_figure_plain_reports_do_not_take_is_left_to_the_others(figure: str) -> None:
    assert _plain_report(_report("a = 1")) is not None
    assert _plain_report(_report(f"a = {figure}")) is None


@pytest.mark.parametrize(
    "head",
    [
        "",
        "year = 2026\nprovince = \"x\"\n",
        "year = 2025\n",
        'path = "y"\n',
    ],
)
def test_the_root_keys_a_report_may_give_are_read_as_parsing_reads_them(head: str) -> None:
    text = _report("a = 1", head)
    fast = _plain_report(text)
    assert fast is not None
    raw = parse_flat(text)
    assert raw is not None
    assert fast[0] == {key: value for key, value in raw.items() if key != "metrics"}


@pytest.mark.parametrize(
    "text",
    [
        _report("a = 1", "note = \"x\"\n"),
        _report("a = 1", "source = 3\n"),
        _report("a = 1") + "[corrections]\n",
        "source = \"x\"\n",
        _report("a = 1\na = 2"),
        _report("a = 1", "metrics = 2\n"),
    ],
    ids=repr,
)
def test_any_other_report_is_left_to_parsing_and_validation(text: str) -> None:
    assert _plain_report(text) is None


def test_the_bundled_reports_load_as_they_do_without_the_plain_report_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from conftest import BUNDLED

    import pledgecli.load_file
    from pledgecli.load import load

    fast = load(BUNDLED)
    monkeypatch.setattr(pledgecli.load_file, "_plain_report", lambda text: None)
    slow = load(BUNDLED)
    assert fast.actuals.keys() == slow.actuals.keys()
    for year, reports in fast.actuals.items():
        assert reports.keys() == slow.actuals[year].keys()
        for province, report in reports.items():
            other = slow.actuals[year][province]
            assert report == other
            assert repr(report) == repr(other)
    assert fast.diagnostics == slow.diagnostics


def test_seen_values_convert_once_and_keep_neither_texts_nor_lists() -> None:
    calls: list[str] = []

    def convert(token: str) -> Any:
        calls.append(token)
        return token_value(token)

    seen: Seen[Any] = Seen(convert)
    columns = (("a", "b", "c", "d"), ("4505", "25.8", '"Xã 1"', '["x"]'))
    first = column_values(columns, seen)
    second = column_values(columns, seen)
    assert first == second == {"a": 4505, "b": Decimal("25.8"), "c": "Xã 1", "d": ["x"]}
    assert first is not None and second is not None
    assert first["d"] is not second["d"]  # a list is never shared between two tables
    assert sorted(seen) == ["25.8", "4505"]  # numbers kept, texts and lists not
    assert calls == ["4505", "25.8", '"Xã 1"', '["x"]', '"Xã 1"', '["x"]']


def test_a_value_not_taken_leaves_the_table_to_the_other_readers() -> None:
    seen: Seen[Any] = Seen(lambda token: None if token.startswith("-") else token_value(token))
    assert column_values((("a", "b"), ("1", "-1")), seen) is None
    assert column_values((("a",), ("1",)), seen) == {"a": 1}
    assert "-1" not in seen
