"""A table read by its shape (one expression for all its lines, made once the same keys
were read a few times line by line) gives exactly the tokens the line-by-line reader
gives, and a table it cannot read is left to that reader, which says the same as before:
values of every kind and edge (zero, negative, decimals, yes/no, Vietnamese text, a text
with a "#", a comment after a value), blank and comment lines, indentation and tabs, a key
missing, added, repeated or longer than the shape's, a value the reader refuses."""

from __future__ import annotations

import sys

import pytest
from test_flat_toml import FLAT, NOT_FLAT

import pledgecli.flat_toml as flat_toml
from pledgecli.flat_toml import _entries, _table, flat_tokens

BASE = ["metric_01 = 12", "metric_01_total = 30", "metric_02 = true", "metric_03 = 2.5"]


def _body(lines: list[str], tail: str = "\n") -> str:
    return "\n" + "\n".join(lines) + tail


@pytest.fixture(autouse=True)
def fresh_shapes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flat_toml, "_SHAPES", {})
    monkeypatch.setattr(flat_toml, "_SIGHTINGS", {})
    monkeypatch.setattr(flat_toml, "_VALID", set())


def _read(body: str) -> dict[str, str] | None:
    """The table as its shape (or, failing that, the line-by-line reader) reads it."""
    columns = _table("metrics", body)
    return None if columns is None else dict(zip(*columns, strict=True))


def _learnt(body: str) -> None:
    for _ in range(flat_toml._SHAPE_SIGHTINGS):
        assert _read(body) == _entries(body) is not None
    assert flat_toml._SHAPES["metrics"], "a shape is made once the lines were seen often"


def _same(body: str) -> None:
    fast, slow = _read(body), _entries(body)
    assert fast == slow
    assert list(fast or {}) == list(slow or {})


VALUES = [line.partition("=")[2].strip() for line in FLAT + NOT_FLAT if "=" in line] + [
    "0",
    "-0",
    "-1",
    "-0.5",
    "25.80",
    "1023",
    "1024",
    "9" * 40,
    "true",
    "false",
    '"Xã Thử Nghiệm # 3"',
    '"a"  # chú thích',
    "12  # ước thực hiện cả năm",
    "12#x",
    "12 #",
    "'x y'",
    '["a", "b"]',
    "[]",
    "12abc",
    "0123",
    "1__0",
    "-",
    "+",
    "",
    '"',
    "'",
    "tru",
    "truex",
    "12\x01",
    '"x\x01"',
    "12  # \x7f",
    "12 13",
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
@pytest.mark.parametrize("where", [0, 1, 3])
def test_a_value_of_any_kind_is_read_as_line_by_line(value: str, where: int) -> None:
    _learnt(_body(BASE))
    lines = list(BASE)
    key = lines[where].partition(" = ")[0]
    lines[where] = f"{key} = {value}"
    _same(_body(lines))
    _same(_body(lines))  # the second time with its values known


LAYOUTS = [
    _body(BASE),
    _body(BASE, ""),
    _body(BASE, "\n\n"),
    _body(BASE, "\n# Số liệu đến hết ngày 15/12\n"),
    "\n# đầu bảng\n\n" + _body(BASE)[1:],
    _body(["  metric_01 = 12", *BASE[1:]]),
    _body(["\tmetric_01\t=\t12\t# tab", *BASE[1:]]),
    _body(["metric_01=12", *BASE[1:]]),
    _body([BASE[0], "", BASE[1], "# giữa", *BASE[2:]]),
    _body(BASE[:3]),
    _body([*BASE, "metric_04 = 1"]),
    _body([BASE[1], BASE[0], *BASE[2:]]),
    _body([*BASE, "metric_01 = 13"]),
    _body(["metric_0 = 12", *BASE[1:]]),
    _body(["metric_011 = 12", *BASE[1:]]),
    _body(["metric_01.x = 12", *BASE[1:]]),
    _body([*BASE, "[[x]]"]),
    _body([*BASE, "x"]),
    _body([*BASE, "  \x01"]),
    _body([*BASE, "# \x01"]),
    _body(BASE).replace("\n", "\n\n"),
]


@pytest.mark.parametrize("body", LAYOUTS, ids=repr)
def test_blank_lines_comments_spacing_and_keys_are_read_as_line_by_line(body: str) -> None:
    _learnt(_body(BASE))
    _same(body)
    _learnt(_body(BASE, "\n# Số liệu đến hết ngày 15/12\n"))  # a second shape
    _same(body)


def test_a_shape_is_made_for_the_lines_of_the_same_table_name_only() -> None:
    _learnt(_body(BASE))
    assert "" not in flat_toml._SHAPES
    for _ in range(5):
        text = '# Báo cáo\nsource = "Số 3/BC"\n\n[metrics]' + _body(BASE)
        tables = flat_tokens(text)
        assert tables == (
            {"source": '"Số 3/BC"'},
            [("metrics", {"metric_01": "12", "metric_01_total": "30", "metric_02": "true", "metric_03": "2.5"})],
        )
    assert flat_toml._SHAPES[""]


def test_few_shapes_are_made_and_only_of_lines_seen_often() -> None:
    for count in range(20):
        body = _body([*BASE, f"extra_{count} = 1"])
        for _ in range(flat_toml._SHAPE_SIGHTINGS - 1):
            _same(body)
    assert not flat_toml._SHAPES.get("metrics")
    for count in range(20):
        _same(_body([*BASE, f"extra_{count} = 1"]))
    assert len(flat_toml._SHAPES["metrics"]) == flat_toml._MOST_SHAPES


def test_the_keys_of_every_table_are_interned_by_shape_or_line_by_line() -> None:
    text = "".join(["source = 'x'\n[metrics]", _body(BASE)])
    for _ in range(flat_toml._SHAPE_SIGHTINGS + 1):
        tables = flat_tokens(text)
        assert tables is not None
        root, [(_name, figures)] = tables
        for key in [*root, *figures]:
            assert key is sys.intern("".join(key))
