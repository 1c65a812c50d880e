"""Figures are written the same way by the plan's renderer and by the TOML edit."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from pledgecli.collect.numbers import toml_text
from pledgecli.figure_format import decimal_text, exact_decimal, figure_text, same


@given(st.decimals(allow_nan=False, allow_infinity=False, places=None))
def test_decimal_text_is_what_the_report_gets(number: Decimal) -> None:
    assert decimal_text(number) == toml_text(number)


def test_figures_as_people_read_them() -> None:
    assert figure_text(Fraction(121, 2)) == "60.5"
    assert figure_text(Decimal("1200.00")) == "1200"
    assert figure_text(Decimal("1E+3")) == "1000"
    assert figure_text(True) == "true"
    assert figure_text(None) == "—"
    assert exact_decimal(Fraction(1, 8)) == Decimal("0.125")


def test_same_compares_exactly() -> None:
    assert same(Fraction(605, 10), Decimal("60.50"))
    assert not same(Fraction(1, 3), Decimal("0.333"))
    assert not same(True, Decimal(1))
    assert not same(None, Decimal(0))
