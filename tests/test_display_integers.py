"""Figures written in integers (display.py) read exactly as the Fraction and Decimal way
wrote them: on the threshold, just either side of it, negative, zero, huge, percentages."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from types import SimpleNamespace

import pytest

from pledgecli import display, i18n

F = Fraction


def reference_decimal(value: Fraction, digits: int) -> Decimal:
    """Half up from the exact value, by Decimal arithmetic alone."""
    with localcontext() as context:
        context.prec = 200  # a quotient that ends is exact; one that does not is no tie
        exact = Decimal(abs(value.numerator)) / Decimal(value.denominator)
        shown = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return -shown if value < 0 and shown else shown


def reference_exact(value: Fraction, limit: int = display.MAX_DIGITS) -> int:
    digits = 0
    while digits < limit and (value * 10**digits).denominator != 1:
        digits += 1
    return digits


def reference_decisive(value: Fraction, threshold: Fraction | None, least: int) -> int:
    if threshold is None:
        return least
    digits = least
    while digits < display.MAX_DIGITS:
        shown = Fraction(reference_decimal(value, digits))
        if (shown > threshold) == (value > threshold) and (shown < threshold) == (
            value < threshold
        ):
            break
        digits += 1
    return digits


def reference_fixed(value: Fraction, digits: int) -> str:
    return f"{reference_decimal(value, digits):,.{digits}f}"


def reference_number(value: Fraction, threshold: Fraction | None) -> str:
    wanted = max(2, reference_exact(threshold) if threshold is not None else 0)
    least = min(reference_exact(value), wanted)
    return reference_fixed(value, reference_decisive(value, threshold, least))


def reference_percent(value: Fraction, threshold: Fraction | None) -> str:
    scaled = value * 100
    limit = threshold * 100 if threshold is not None else None
    wanted = max(1, reference_exact(limit) if limit is not None else 0)
    least = min(reference_exact(scaled), wanted)
    return reference_fixed(scaled, reference_decisive(scaled, limit, least)) + "%"


EDGES = [
    F(0),
    F(1, 2),
    F(-1, 2),
    F(3, 5),
    F(6, 10),
    F(599999, 1000000),
    F(-1, 200),
    F(1, 200),
    F(2345, 1000),
    F(2344, 1000),
    F(2675, 1000),
    F(-2665, 1000),
    F(1, 3),
    F(2, 3),
    F(10**30, 7),
    F(-999999, 1000),
    F(1234567, 1),
]


def pairs() -> list[tuple[Fraction, Fraction | None]]:
    rng = random.Random(15)
    out: list[tuple[Fraction, Fraction | None]] = [(a, b) for a in EDGES for b in [*EDGES, None]]
    for _ in range(3000):
        d = rng.choice([1, 2, 3, 4, 7, 8, 10, 100, 1000, rng.randint(1, 10**6)])
        v = F(rng.randint(-(10 ** rng.randint(0, 9)), 10 ** rng.randint(0, 9)), d)
        near = F(1, 10 ** rng.randint(1, 12))
        out.append((v, rng.choice([None, v, v + near, v - near, F(rng.randint(0, 100), 100)])))
    return out


@pytest.fixture
def english() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("en")
    yield None
    i18n.set_language(before)


def test_numbers_and_percentages_read_as_the_exact_way(english: None) -> None:
    for value, threshold in pairs():
        assert display.number(value, threshold) == reference_number(value, threshold)
        assert display.percent(value, threshold) == reference_percent(value, threshold)
        for digits in (0, 1, 2, 3):
            assert display.fixed(value, digits) == reference_fixed(value, digits)
            assert display.to_decimal(value, digits) == reference_decimal(value, digits)


def test_a_value_on_the_threshold_is_never_rounded_across_it(english: None) -> None:
    assert display.percent(F(599999, 1000000), F(6, 10)) == "59.9999%"
    assert display.percent(F(6, 10), F(6, 10)) == "60%"
    assert display.number(F(2344, 1000), F(2345, 1000)) == "2.344"
    assert display.number(F(-1, 2)) == "-0.5"
    assert display.number(F(-1, 1000)) == "0.00"  # never -0.00
    assert display.percent(F(1, 2), signed=True) == "+50%"


def test_gaps_in_points_and_units(english: None) -> None:
    percent = SimpleNamespace(is_percent=True, unit=None)
    count = SimpleNamespace(is_percent=False, unit="hộ")
    rng = random.Random(12)
    for _ in range(2000):
        gap = F(rng.randint(-(10**6), 10**6), rng.choice([1, 3, 8, 100, 1000, 7919]))
        for target in (percent, count):
            threshold = F(rng.randint(0, 10**4), rng.choice([1, 100, 3]))
            result = SimpleNamespace(actual=threshold + gap, threshold=threshold, target=target)
            if target.is_percent:
                points = gap * 100
                least = reference_exact(points, 1)
                text = reference_fixed(points, reference_decisive(points, F(0), least)) + " pp"
            else:
                least = reference_exact(gap, 2)
                text = reference_fixed(gap, reference_decisive(gap, F(0), least)) + " hộ"
            assert display.gap_text(result) == ("+" if gap > 0 else "") + text  # type: ignore[arg-type]


@pytest.fixture
def vietnamese() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("vi")
    yield None
    i18n.set_language(before)


def test_vietnamese_figures_read_as_babel_writes_them(vietnamese: None) -> None:
    """Vietnamese figures are written without Babel's call per figure, as Babel writes them:
    1.234.567,25, -0,5, never -0."""
    assert display.fixed(F(-123456789, 100), 2) == "-1.234.567,89"
    assert display.percent(F(599999, 1000000), F(6, 10)) == "59,9999%"
    assert display.number(F(-1, 1000)) == "0,00"
    for value, _threshold in pairs():
        for digits in (0, 1, 2, 3, 7):
            expected = display._babel(value.numerator, value.denominator, digits, "vi")
            assert display.fixed(value, digits) == expected


def test_a_gap_or_value_shown_again_reads_the_same(english: None) -> None:
    """Texts made once per figure (a memo) follow the language and the target's unit."""
    count = SimpleNamespace(is_percent=False, unit="hộ")
    result = SimpleNamespace(actual=F(1234567, 2), threshold=F(600000), target=count)
    assert display.gap_text(result) == "+17,283.5 hộ"  # type: ignore[arg-type]
    i18n.set_language("vi")
    assert display.gap_text(result) == "+17.283,5 hộ"  # type: ignore[arg-type]
    kg = SimpleNamespace(is_percent=False, unit="kg")
    assert display.gap_text(SimpleNamespace(**{**vars(result), "target": kg})) == "+17.283,5 kg"  # type: ignore[arg-type]
    assert display.gap_text(SimpleNamespace(actual=True, threshold=True, target=kg)) == ""  # type: ignore[arg-type]
