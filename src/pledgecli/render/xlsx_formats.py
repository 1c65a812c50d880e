"""Excel number formats of the workbooks: as many decimals as the terminal shows (a value
next to its threshold gets the digits it needs to read on its side of it)."""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import TYPE_CHECKING

from pledgecli.display import MAX_DIGITS, decisive_digits
from pledgecli.evaluate import Result
from pledgecli.models import Rule, Target

if TYPE_CHECKING:
    pass

# -- number formats -----------------------------------------------------------------------


def decisive(value: Fraction, threshold: Fraction | None, scale: int, least: int) -> int:
    """Decimals (of ``value * scale``) at which ``value`` reads on the same side of
    ``threshold`` as it is: ``display.decisive_digits`` with a float shortcut, since a
    value further from the threshold than half the last digit cannot round onto it."""
    if threshold is None:
        return least
    if value == threshold:
        return max(least, _exact_digits(threshold * scale))
    # int / int is float(Fraction) (correctly rounded), without its call through numbers
    gap = (
        abs(value.numerator / value.denominator - threshold.numerator / threshold.denominator)
        * scale
    )
    digits = least
    while digits < MAX_DIGITS and gap <= 0.5 * 10.0**-digits * (1 + 1e-9) + 1e-12:
        digits += 1
    if digits == MAX_DIGITS or gap < 1e-6:  # too close for floats: the exact way
        return decisive_digits(value * scale, threshold * scale, least)
    return digits


def _exact_digits(value: Fraction) -> int:
    digits = 0
    while digits < MAX_DIGITS and (value * 10**digits).denominator != 1:
        digits += 1
    return digits


def value_format(target: Target, digits: int, *, signed: bool = False, prefix: str = "") -> str:
    """An Excel number format for a target's figures: percentages for ratios and growth,
    thousands for counts; ``prefix`` (a status mark) shown before the number."""
    decimals = "." + "0" * digits if digits else ""
    body = f"0{decimals}%" if target.is_percent else f"#,##0{decimals}"
    quoted = f'"{prefix} "' if prefix else ""
    if signed or target.rule is Rule.GROWTH_AT_LEAST:
        return f"{quoted}+{body};{quoted}-{body};{quoted}{body}"
    return f"{quoted}{body}"


def result_digits(result: Result) -> int:
    actual = result.actual
    if actual is None or actual.__class__ is bool:  # (isinstance() goes through the ABC)
        return 0
    if not isinstance(actual, Fraction):
        return 0
    threshold = result.threshold if isinstance(result.threshold, Fraction) else None
    if result.target.is_percent:
        return decisive(actual, threshold, 100, 1)
    if actual.denominator == 1 and (threshold is None or threshold.denominator == 1):
        return 0
    return min(max(decisive(actual, threshold, 1, 0), 2), MAX_DIGITS)


def fraction_digits(result: Result, numerator: int, denominator: int, over: int, under: int) -> int:
    """:func:`result_digits` of a fraction judged against a fraction, from their terms
    (``numerator / denominator``, ``over / under``, as ``as_integer_ratio()`` gives them):
    the same steps without asking the fractions for them again (a workbook works out tens
    of thousands of figures)."""
    if result.target.is_percent:
        scale, least = 100, 1
    elif denominator == 1 and under == 1:
        return 0
    else:
        scale, least = 1, 0
    # decisive(), its comparison as Fraction.__eq__ makes it (term by term)
    if numerator == over and denominator == under:
        threshold = result.threshold
        assert isinstance(threshold, Fraction)
        digits = max(least, _exact_digits(threshold * scale))
    else:
        gap = abs(numerator / denominator - over / under) * scale
        digits = least
        while digits < MAX_DIGITS and gap <= 0.5 * 10.0**-digits * (1 + 1e-9) + 1e-12:
            digits += 1
        if digits == MAX_DIGITS or gap < 1e-6:  # too close for floats: the exact way
            actual, threshold = result.actual, result.threshold
            assert isinstance(actual, Fraction) and isinstance(threshold, Fraction)
            digits = decisive_digits(actual * scale, threshold * scale, least)
    return digits if scale == 100 else min(max(digits, 2), MAX_DIGITS)


@functools.lru_cache(maxsize=4096)
def _threshold_digits(percent: bool, threshold: Fraction) -> int:
    scaled = threshold * 100 if percent else threshold
    digits = 0
    while digits < MAX_DIGITS and (scaled * 10**digits).denominator != 1:
        digits += 1
    return digits


def threshold_format(target: Target, threshold: Fraction) -> str:
    """The number format that shows a threshold exactly as pledged."""
    return value_format(target, _threshold_digits(target.is_percent, threshold))
