"""Figures are written the same way by the plan's renderer and by the TOML edit."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
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


EDGES = [
    (Fraction(0), Decimal("0")),
    (Fraction(0), Decimal("-0")),  # -0 is recorded as 0: the same figure
    (Fraction(0), Decimal("0E+5")),
    (Fraction(1200), Decimal("1.2E+3")),
    (Fraction(1200), Decimal("1200.000")),
    (Fraction(-3), Decimal("-3")),
    (Fraction(-3), Decimal("3")),
    (Fraction(3), Decimal("-3")),
    (Fraction(1, 8), Decimal("0.125")),
    (Fraction(1, 8), Decimal("0.1250001")),
    (Fraction(30), Decimal("29.99999999999999999999999999")),  # just under a threshold
    (Fraction(10**40), Decimal("1E+40")),
    (Fraction(10**40 + 1), Decimal("1E+40")),
    (Fraction(4505), Decimal("4505")),
    (Fraction(4505), Decimal("4506")),
]


def test_same_says_what_comparing_with_the_fraction_says() -> None:
    for old, new in EDGES:
        assert same(old, new) == (old == Fraction(new)), (old, new)
    assert [same(old, new) for old, new in EDGES[:5]] == [True] * 5


@given(
    st.fractions(max_denominator=10**6),
    st.decimals(allow_nan=False, allow_infinity=False, places=None),
)
def test_same_compares_any_figure_exactly(old: Fraction, new: Decimal) -> None:
    assert same(old, new) == (old == Fraction(new))
    assert same(Fraction(new), new)


def test_same_refuses_what_is_not_a_number_as_the_fraction_does() -> None:
    for new in (Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")):
        try:
            Fraction(new)
        except (ValueError, OverflowError) as expected:
            with pytest.raises(type(expected)):
                same(Fraction(1), new)
