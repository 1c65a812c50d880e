"""The flat reader's regular expression (possessive, numbers first) on tricky lines: what
it takes it reads as tomllib does, and it takes every flat line a report is written in."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest

from pledgecli.flat_toml import parse_flat

FLAT = [
    "a = 0",
    "a = -0",
    "a = +7",
    "a = 1_000",
    "a = 1_000.000_1",
    "a = 0.0_1",
    "a = -12.50  # cuối năm",
    "a=3",
    "\ta\t=\t4\t",
    'a = "Báo cáo số 3/BC"',
    "a = 'C:\\path'",
    'a = ["x", "y" , ]',
    "a = [ ]",
    "a = true",
    "a = false # no",
    "[ metrics ]  # bảng",
    "# only a comment",
    "",
]
NOT_FLAT = [
    "a = 01",
    "a = 1__0",
    "a = 1_",
    "a = _1",
    "a = 1.",
    "a = .5",
    "a = 1.5_",
    "a = 1e3",
    "a = trueish",
    "a = true false",
    'a = ["x",, "y"]',
    "a = [1]",
    "[[a]]",
    "a.b = 1",
    'a = "x\\"y"',
    "a = " + "9" * 41,
]


@pytest.mark.parametrize("line", FLAT)
def test_a_flat_line_is_read_as_tomllib_reads_it(line: str) -> None:
    text = f"{line}\nz = 1\n"
    fast = parse_flat(text)
    assert fast is not None, line
    slow = tomllib.loads(text, parse_float=Decimal)
    assert fast == slow
    assert [type(v) for v in fast.values()] == [type(v) for v in slow.values()]


@pytest.mark.parametrize("line", NOT_FLAT)
def test_anything_else_is_left_to_tomllib(line: str) -> None:
    assert parse_flat(f"z = 1\n{line}\n") is None


def test_a_repeated_key_or_table_is_left_to_tomllib() -> None:
    assert parse_flat("a = 1\na = 2\n") is None
    assert parse_flat("[t]\n[t]\n") is None
    assert parse_flat("[t]\na = 1\n[u]\na = 2\n") == {"t": {"a": 1}, "u": {"a": 2}}
