"""Figures as Vietnamese forms write them: 1.200, 565.874, 60,5 -- read exactly."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pledgecli.collect.numbers import form_text, from_cell, parse_boolean, parse_number
from pledgecli.diagnostics import Problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.200", "1200"),  # the point groups thousands
        ("565.874", "565874"),
        ("1.234.567", "1234567"),
        ("60,5", "60.5"),  # the comma marks decimals
        ("0,5", "0.5"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),  # the English way, with both marks
        ("12.5", "12.5"),  # not a group of three digits: a decimal point
        ("0.125", "0.125"),  # a leading 0 is never a thousands group
        ("1.2345", "1.2345"),
        ("57200", "57200"),
        (" 42 ", "42"),
        ("1 200", "1200"),
        ("1\u00a0200,5", "1200.5"),  # Excel's non-breaking space
        ("12.345.678,9", "12345678.9"),
    ],
)
def test_vietnamese_and_english_number_writing(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1.5,3", "1 2", "", "--1", "1..2"])
def test_what_is_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(Problem):
        parse_number(text)


def test_a_thousands_comma_is_ambiguous_and_says_how_to_write_it() -> None:
    with pytest.raises(Problem) as caught:
        parse_number("1,200")
    assert "ambiguous" in caught.value.message
    assert caught.value.hint is not None and "1200" in caught.value.hint


def test_a_percentage_is_not_a_count() -> None:
    with pytest.raises(Problem) as caught:
        parse_number("60%")
    assert caught.value.hint == "write the count itself, not a percentage"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("Có", True),
        ("co", True),
        ("x", True),
        ("1", True),
        ("false", False),
        ("KHÔNG", False),
        ("không", False),
        ("no", False),
        ("0", False),
    ],
)
def test_booleans_in_english_and_vietnamese(text: str, expected: bool) -> None:
    assert parse_boolean(text) is expected


def test_an_unclear_boolean_is_refused() -> None:
    with pytest.raises(Problem):
        parse_boolean("maybe")


def test_spreadsheet_cells_are_read_exactly() -> None:
    assert from_cell(1200) == Decimal(1200)
    assert from_cell(60.5) == Decimal("60.5")
    assert from_cell(0.1) == Decimal("0.1")  # never 0.1000000000000000055...
    assert from_cell("565.874") == Decimal(565874)
    with pytest.raises(Problem):
        from_cell(True)


@given(st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False, allow_infinity=False))
def test_what_a_form_writes_reads_back_unchanged(number: Decimal) -> None:
    assert parse_number(form_text(number)) == number


def test_thousands_commas_in_several_groups_are_the_whole_number() -> None:
    # a decimal comma comes once: 1,200,000 can only be English thousands
    assert parse_number("1,200,000") == Decimal(1200000)
    assert parse_number("+1.200") == Decimal(1200)
    assert parse_number("-60,5") == Decimal("-60.5")


@pytest.mark.parametrize("text", ["1.234,567.5", "1,234.567,5", "1e5", "1_000", ",5", "5."])
def test_mixed_up_marks_are_refused_not_a_crash(text: str) -> None:
    with pytest.raises(Problem) as caught:
        parse_number(text)
    assert caught.value.message == f'"{text}" is not a number'


def test_judging_never_loads_babel(bundled: Path) -> None:
    """Babel reads figures only for the commands that collect them; `pledge check` in
    English starts without it (its locale data is the slowest import of all)."""
    script = (
        "import runpy, sys\n"
        "try:\n"
        "    runpy.run_module('pledgecli', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('babel' in sys.modules)\n"
    )
    env = {**os.environ, "PLEDGE_LANG": "en"}
    argv = ["check", "2021", "--format", "json", "--data", str(bundled)]
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, env=env
    )
    assert done.stdout.strip().endswith("False"), done.stderr
